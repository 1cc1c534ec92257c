"""Speaker resolution (issue #12 part 2): who the source of a cue is, on sentences written for
these tests. Each builds its Doc from the tokenizer and the entities it assumes, then runs the
quotes stage, so it checks speakers/resolve.py and speakers/index.py whatever the NER does."""
from __future__ import annotations

import pytest
import spacy

from zhpolicy_nlp import result
from zhpolicy_nlp import tokenizer  # noqa: F401  (registers the tokenizer)
from zhpolicy_nlp.quotes.component import QuoteAttributor
from zhpolicy_nlp.schema import Person, TextSpan
from zhpolicy_nlp.spans import set_char_entities


@pytest.fixture(scope="module")
def qnlp():
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhpolicy.JiebaTokenizer.v1"}}})


def run(qnlp, text, ents=(), first_only=()):
    """Quotes of ``text`` with ``ents`` = [(surface, label)] marked at every occurrence, and
    ``first_only`` ones at their first occurrence alone (a name the NER found once)."""
    doc = qnlp.make_doc(text)
    spans = []
    for surface, label in ents:
        i = text.find(surface)
        while i >= 0:
            spans.append((i, i + len(surface), label))
            i = text.find(surface, i + len(surface))
    for surface, label in first_only:
        i = text.find(surface)
        spans.append((i, i + len(surface), label))
    doc = set_char_entities(doc, spans)
    people: dict[str, Person] = {}
    for e in doc.ents:
        if e.label_ == "PERSON":
            p = people.setdefault(e.text, Person(e.text))
            p.mentions.append(TextSpan(e.start_char, e.end_char, e.text))
            e._.person = e.text
    doc._.people = [result.person_data(p) for p in people.values()]
    QuoteAttributor(qnlp)(doc)
    return result.quotes(doc)


def speakers(quotes):
    return [q.speaker for q in quotes]


# ------------------------------------------------------------------ sources as worded

@pytest.mark.parametrize("text,ents,speaker", [
    # an indefinite source runs to the end of its word (not 不少医护人)
    ("不少医护人员表示，希望尽快完善职业病防治体系。", [], "不少医护人员"),
    ("一位00后男孩表示，以后还会常来参观博物馆。", [], "一位00后男孩"),
    ("一家面馆老板说，今年的生意比去年好了不少。", [], "一家面馆老板"),
    # groups, sides and kin named by a plain noun
    ("当地人说，这座桥让两岸村民往来方便多了。", [], "当地人"),
    ("所有的受访者都表示，社区服务水平明显提升。", [], "所有的受访者"),
    ("德国网民纷纷表示，这样的报道毫无根据。", [("德国", "LOC")], "德国网民"),
    ("美方称，将继续推进双边经贸谈判。", [], "美方"),
    ("父亲说，做人做事都要踏踏实实。", [], "父亲"),
    # someone's kin, and a group including a named person, as worded
    ("张大山的媳妇说，家里的地一分也不能让。", [("张大山", "PERSON")], "张大山的媳妇"),
    ("包括李木生在内的手艺人纷纷表示，老手艺不能丢。", [("李木生", "PERSON")],
     "包括李木生在内的手艺人"),
    # a law speaks (规定), without the 比如 that opens its clause
    ("比如，野生动物保护法规定，禁止出售国家重点保护野生动物。", [], "野生动物保护法"),
])
def test_sources_kept_as_worded(qnlp, text, ents, speaker):
    assert speakers(run(qnlp, text, ents)) == [speaker]


def test_office_is_not_its_spokesman(qnlp):
    text = "市政府发言人办公室发布新闻稿表示，全市将新增公共停车位一万个。"
    assert speakers(run(qnlp, text, [("市政府", "ORG")])) == ["市政府发言人办公室"]


def test_post_with_no_name_after_its_body(qnlp):
    text = "主席团常务主席建议，批准修改后的工作报告。"
    qs = run(qnlp, text, [("主席团", "ORG"), ("常务主席", "TITLE")])
    assert speakers(qs) == ["主席团常务主席"]


def test_document_refers_back_to_its_author(qnlp):
    text = ("市政府新闻办公室18日发布新闻稿表示，全市将新增公共停车位一万个。\n"
            "新闻稿说，新增车位将优先安排在老旧小区周边。")
    qs = run(qnlp, text, [("市政府新闻办公室", "ORG")])
    assert speakers(qs) == ["市政府新闻办公室", "市政府新闻办公室"]


# ------------------------------------------------------------------ adverbials

@pytest.mark.parametrize("text,speaker", [
    # 在…上, then a comma, then the cue: still the body's words
    ("省交通厅在年度工作会议上，明确要求各地加快推进农村公路建设。", "省交通厅"),
    # 根据…情况, then a comma: the whole description before it speaks
    ("市政府有关负责人根据各方反馈情况，建议延长试点期限一年。", "市政府有关负责人"),
    # 就…工作 is an adverbial: 代表 inside it is not the source
    ("调研组就代表建议办理工作指出，要把群众满意作为标准。", "调研组"),
])
def test_source_before_an_adverbial(qnlp, text, speaker):
    qs = run(qnlp, text, [("省交通厅", "ORG"), ("市政府", "ORG")])
    assert speakers(qs) == [speaker]


# ------------------------------------------------------------------ pronouns and descriptions

def test_familiar_surname_means_the_person_named_before(qnlp):
    text = "王大海在村里住了四十年。\n老王说，这几年村里的路越修越宽。"
    qs = run(qnlp, text, [("王大海", "PERSON")])
    assert speakers(qs) == ["王大海"] and qs[0].speaker_mention.text == "老王"


def test_lone_surname_keeps_its_form_of_address(qnlp):
    text = "刚出院的冯阿姨说，有志愿者帮忙，心里踏实多了。"
    assert speakers(run(qnlp, text, [("冯", "PERSON")])) == ["冯阿姨"]


def test_pronoun_skips_a_parent_named_as_a_kin_relation(qnlp):
    # 她 is 林小雨, not 林国栋 (named only as the one whose daughter she is)
    text = "林小雨是一名插画师，也是画家林国栋的女儿，她说，绘画让她学会观察生活。"
    qs = run(qnlp, text, [("林小雨", "PERSON"), ("林国栋", "PERSON")])
    assert speakers(qs) == ["林小雨"]


def test_pronoun_finds_a_name_the_ner_marked_only_once(qnlp):
    text = ("宋立山是村支书。\n"
            "村主任周明远说，今年要把村道全部硬化。\n"
            "宋立山的第一件事是修路。村里没钱，他说，先用自己的积蓄垫上。")
    qs = run(qnlp, text, [("周明远", "PERSON")], first_only=[("宋立山", "PERSON")])
    assert speakers(qs) == ["周明远", "宋立山"]


# ------------------------------------------------------------------ person records (Registry)

def _span(text, surface, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.find(surface, i + 1)
    return i, i + len(surface)


def test_address_before_the_only_namesake_is_its_own_person():
    from zhpolicy_nlp.speakers.resolve import Registry
    # 王先生 comes first and is never given a full name: not the 王丽华 named later
    text = "家住城东的王先生说，孩子很喜欢这门课。年级组长王丽华认为，课时还可以再加。"
    reg = Registry(text)
    reg.add(_span(text, "王丽华"))
    assert reg.surname_mentions([], lambda sp: False) == []
    # named first, a later 王女士 is that person
    text2 = "社区主任王丽华介绍了情况。王女士说，今年的活动比往年多。"
    reg2 = Registry(text2)
    reg2.add(_span(text2, "王丽华"))
    assert reg2.surname_mentions([], lambda sp: False) == [(_span(text2, "王女士"), "王丽华")]


def test_bare_last_part_before_the_full_name_is_someone_else():
    from zhpolicy_nlp.speakers.resolve import Registry
    # 市民阿卜杜拉 speaks before the minister 萨米尔·阿卜杜拉 is named: two people; a bare
    # 阿卜杜拉 after the minister's full name is the minister
    text = ("市民阿卜杜拉说，现在很少停电了。部长萨米尔·阿卜杜拉表示，新电站意义重大。"
            "“我们会继续合作。”阿卜杜拉说。")
    reg = Registry(text)
    full = reg.add(_span(text, "萨米尔·阿卜杜拉"))
    reg.add(_span(text, "阿卜杜拉"))
    assert reg.mention(_span(text, "阿卜杜拉")) == "阿卜杜拉"
    assert reg.mention(_span(text, "阿卜杜拉", 2)) == full.name == "萨米尔·阿卜杜拉"


@pytest.mark.parametrize("text,speaker", [
    # a plural pronoun means the group worded just before it
    ("我的父母把希望寄托在我身上，他们相信，只要努力就能成功。", "我的父母"),
    ("老家有我的家人和亲友，他们说，你一定能成功。", "我的家人和亲友"),
    ("几位村民来到村委会。他们说，路修好了，日子也好过了。", "几位村民"),
    # no group before it: as worded
    ("张三和李四是老同学。他们说，明年还要一起创业。", "他们"),
])
def test_plural_pronoun_means_the_group_named_before(qnlp, text, speaker):
    assert speakers(run(qnlp, text, [("张三", "PERSON"), ("李四", "PERSON")])) == [speaker]


@pytest.mark.parametrize("text,quotes", [
    # 文中/该文 go back to the paper or document just named
    ("《东方时报》那篇评论早已声名狼藉，文中提出“经济已进入寒冬”。", ["东方时报"]),
    ("《东方时报》刊登了一篇评论。该文称，经济已经进入寒冬。", ["东方时报"]),
    # nothing named before it: no source
    ("文中提出，经济已经进入寒冬。", []),
])
def test_text_of_a_paper_refers_back_to_it(qnlp, text, quotes):
    assert speakers(run(qnlp, text)) == quotes


@pytest.mark.parametrize("text,quotes", [
    # a quotation ending someone's clause is theirs, not the next cue's, when that cue opens
    # a quotation of its own
    ("张三平时工作很忙。\n有一次，一位教授问他，“为什么不歇一歇啊？”他说，“事情还没做完，歇不下来。”",
     [("一位教授", "为什么不歇一歇啊？"), ("张三", "事情还没做完，歇不下来。")]),
    ("有一次，张三连续工作了十几个小时。爱人李梅看了心疼得流泪，“为啥就不能悠着点？”张三笑笑说：“我们起步已经晚了。”",
     [("李梅", "为啥就不能悠着点？"), ("张三", "我们起步已经晚了。")]),
    # one speaker's quotation split by the cue stays his
    ("“路修好了，”张三说，“日子也好过了。”", [("张三", "路修好了，"), ("张三", "日子也好过了。")]),
])
def test_quotation_ending_anothers_clause(qnlp, text, quotes):
    got = run(qnlp, text, [("张三", "PERSON"), ("李梅", "PERSON")])
    assert [(q.speaker, q.text) for q in got] == quotes


def test_helper_in_an_adverbial_is_not_the_speaker(qnlp):
    # 在张三的帮助下，…李四: the one helped speaks, not the helper
    text = "“离家近，还能照顾老人，这份工作我很满意。”在张三的帮助下，低保户李四当上了保洁员。"
    assert speakers(run(qnlp, text, [("张三", "PERSON"), ("李四", "PERSON")])) == ["李四"]


def test_kin_address_after_a_description_is_someone_new(qnlp):
    # 80岁的王奶奶 is introduced here: not 王小红 named before (the NER marks the lone 王)
    text = "社区干部王小红每周都来看望老人。\n视频里，80岁的王奶奶笑着说：“谢谢社区，我心里踏实了！”"
    lone = text.index("王奶奶")
    doc = qnlp.make_doc(text)
    doc = set_char_entities(doc, [(4, 7, "PERSON"), (lone, lone + 1, "PERSON")])
    p = Person("王小红", mentions=[TextSpan(4, 7, "王小红")])
    for e in doc.ents:
        e._.person = "王小红" if e.start_char == 4 else None
    doc._.people = [result.person_data(p)]
    QuoteAttributor(qnlp)(doc)
    assert speakers(result.quotes(doc)) == ["王奶奶"]


# ---- fourth quotes pass (issue #12): authors of data, colons with no cue word


def test_body_that_published_the_data_speaks(qnlp):
    text = "本报北京2月11日电 某清算公司11日发布的数据显示，春节期间平台运行平稳。"
    assert speakers(run(qnlp, text, [("某清算公司", "ORG")])) == ["某清算公司"]


def test_colon_with_no_cue_word_goes_to_the_clauses_subject(qnlp):
    text = "报纸送到村里时，村医马兰热情地拉着韩松的手：“感谢韩代表，把我们的意见及时送出去。”"
    assert speakers(run(qnlp, text, [("村医", "TITLE"), ("马兰", "PERSON"), ("韩松", "PERSON")])) == ["马兰"]
    text = "韩松心里五味杂陈。也有旁人冷言冷语：“搞工程在行，搞村子可不见得行！”"
    assert speakers(run(qnlp, text, [("韩松", "PERSON")])) == ["旁人"]


# -- precision audit on unseen articles (docs/quotes.md): sentences written for these tests

def test_a_group_word_right_before_a_name_describes_that_person(qnlp):
    text = "事实证明，新桥很管用。市民刘女士对此深有体会：“以前上班要走半小时，现在五六分钟就到了。”"
    qs = run(qnlp, text, [("刘女士", "PERSON")])
    assert [(q.kind, q.speaker) for q in qs] == [("direct", "刘女士")]


def test_a_study_speaks_through_whoever_made_it(qnlp):
    text = "美国某某研究会最新研究显示，如果协议能够被充分执行，非洲经济总额将增长三成。"
    qs = run(qnlp, text, [("美国某某研究会", "ORG")])
    assert [(q.speaker, q.cue.text) for q in qs] == [("美国某某研究会", "显示")]
    qs = run(qnlp, "学者研究发现，改革开放以来我国发展几乎每十年上一个大台阶。")
    assert [q.speaker for q in qs] == ["学者"]
    assert run(qnlp, "研究发现，每天步行半小时有益于老年人的健康。") == []


def _people(ex, text):
    return {p["name"]: [m["text"] for m in p["mentions"]] for p in ex.extract(text).to_dict()["people"]}


def test_a_person_named_only_by_surname_and_address_is_listed_so(ex):
    # docs/annotation.md: 刘先生, 张奶奶 are in people under that form
    text = "家住城南的市民李女士说，现在办事比以前方便多了，一次就能办好。"
    assert _people(ex, text) == {"李女士": ["李女士"]}
    assert [q["speaker"] for q in ex.extract(text).to_dict()["quotes"]] == ["李女士"]
    assert _people(ex, "女士们、先生们，欢迎大家来到这里参加今天的活动。") == {}


def test_an_address_refers_back_unless_a_description_introduces_someone_new(ex):
    # 唐大爷 is the 唐某某 named before; 市民张女士 is someone new, not 张建华
    back = "今年72岁的唐福生老人几乎天天来。唐大爷说：“这里的饭菜很可口，价格也不贵。”"
    assert "唐大爷" not in _people(ex, back)
    assert [q["speaker"] for q in ex.extract(back).to_dict()["quotes"]] == ["唐福生"]
    new = "张建华是这个社区的书记。市民张女士说，现在办理社保业务只需要在手机上点几下。"
    assert set(_people(ex, new)) == {"张建华", "张女士"}
    assert [q["speaker"] for q in ex.extract(new).to_dict()["quotes"]] == ["张女士"]


def test_the_longest_address_after_a_surname_is_taken(ex):
    # 老师, not the honour 老 of 胡老
    text = "胡老师告诉记者，学生们都很努力，成绩进步很快。"
    assert [q["speaker"] for q in ex.extract(text).to_dict()["quotes"]] == ["胡老师"]


def test_a_report_named_in_marks_keeps_its_quotes(ex):
    # 《某某展望》报告 speaks as 某某展望报告 (docs/annotation.md leaves a title's marks out), which
    # is a string of the text only without the marks: the output contract check keeps it
    text = ("近日，某国际组织发布了最新一期《亚洲地区经济展望》报告，预测明年亚洲经济增长为5%。"
            "报告认为，区域合作将继续深化，贸易往来更加密切。")
    quotes = ex.extract(text).to_dict()["quotes"]
    assert [q["speaker"] for q in quotes] == ["亚洲地区经济展望报告"] * 2
    # a title in marks alone still speaks without them
    quotes = ex.extract("某部印发了《关于加强社区服务的意见》，提出要完善社区服务体系建设。").to_dict()["quotes"]
    assert [q["speaker"] for q in quotes] == ["关于加强社区服务的意见"]


def test_a_short_sentence_set_off_by_a_comma_is_said(ex):
    # issue #12: 中方欢迎 is a quote; 表示欢迎 (no mark) is an attitude; a piece another rule cut
    # off is not a short sentence
    said = lambda t: [(q["speaker"], q["text"]) for q in ex.extract(t).to_dict()["quotes"]]
    assert said("外交部发言人华春莹表示，中方欢迎。") == [("华春莹", "中方欢迎")]
    assert said("张明表示，同意。") == [("张明", "同意")]
    assert said("张明表示欢迎。") == []


def test_an_outlet_with_its_abbreviation_in_brackets_speaks(ex):
    # 某某新闻网（ABC）报道称: the abbreviation stands between the outlet and its 报道
    said = lambda t: [q["speaker"] for q in ex.extract(t).to_dict()["quotes"]]
    assert said("美国有线电视新闻网（CNN）报道称，当地警方已逮捕一名嫌疑人。") == ["美国有线电视新闻网"]
    assert said("英国广播公司（BBC）报道说，英国政府将推迟相关计划。") == ["英国广播公司"]


def test_an_outlet_reports_with_a_comma(ex):
    # 路透社报道，… / 据某通讯社报道，…: the outlet speaks; a byline (记者某某报道：) does not,
    # and a body speaking inside the report is the source (路透社报道，某委员会宣布，…)
    said = lambda t: [(q["speaker"], q["cue"]["text"]) for q in ex.extract(t).to_dict()["quotes"]]
    assert said("路透社报道，该公司正在考虑出售部分业务。") == [("路透社", "报道")]
    assert said("据某国通讯社报道，当地一座大桥因暴雨封闭。")[0][1] == "报道"
    assert said("本报北京1月25日讯记者张明报道：首都各界人士今天在人民大会堂举行联欢会。") == []
    assert said("路透社报道，欧盟委员会16日宣布，将对相关产品启动反倾销调查。") == [("欧盟委员会", "宣布")]
