"""Titles stage (issue #4): every pattern on sentences written for these tests.

The component runs on a Doc whose ner output is set explicitly (or left empty, to show the
title patterns find names and organisations themselves), so these tests do not depend on
the quality of the ner stage.
"""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import spacy

from zhpolicy_nlp import evaluate, lexicon, result
from zhpolicy_nlp import tokenizer  # noqa: F401  (registers the jieba tokenizer)
from zhpolicy_nlp.schema import TextSpan
from zhpolicy_nlp.spans import set_char_entities
from zhpolicy_nlp.titles import component as titles
from zhpolicy_nlp.titles import lexicon as tl


@pytest.fixture(scope="module")
def tnlp():
    """Tokenizer + titles only: cheap, and independent of the ner model."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhpolicy.JiebaTokenizer.v1"}}})
    nlp.add_pipe("zhpolicy_titles", name="titles")
    return nlp


def run(tnlp, text, ents=()):
    doc = tnlp.make_doc(text)
    spans = []
    for word, label in ents:
        for m in re.finditer(re.escape(word), text):
            spans.append((m.start(), m.end(), label))
    doc = set_char_entities(doc, spans)
    return tnlp.get_pipe("titles")(doc)


def people(doc):
    return {p.name: [(t.title, t.org) for t in p.titles] for p in result.people(doc)}


def labelled(doc, label):
    return [e.text for e in doc.ents if e.label_ == label]


def test_org_title_person_without_ner(tnlp):
    doc = run(tnlp, "会上，国家统计局副局长张建华介绍了今年前三季度经济运行情况。")
    assert people(doc)["张建华"] == [("副局长", "国家统计局")]
    assert labelled(doc, "TITLE") == ["副局长"]
    assert "国家统计局" in labelled(doc, "ORG") and "张建华" in labelled(doc, "PERSON")


def test_org_title_person_with_ner_org(tnlp):
    doc = run(tnlp, "据悉，小米科技执行董事黎万强当天出席了发布会。", [("小米科技", "ORG")])
    assert people(doc)["黎万强"] == [("执行董事", "小米科技")]


def test_person_then_title_has_no_org(tnlp):
    doc = run(tnlp, "钟南山院士指出，疫情防控要坚持科学精准。")
    assert people(doc)["钟南山"] == [("院士", None)]
    doc = run(tnlp, "张海波代表在分组审议时说，要把乡村振兴落到实处。", [("张海波", "PERSON")])
    assert people(doc)["张海波"] == [("代表", None)]


def test_org_title_person_then_honorific(tnlp):
    doc = run(tnlp, "中国科学院院长白春礼院士出席开幕式并致辞。")
    assert people(doc)["白春礼"] == [("院长", "中国科学院"), ("院士", None)]


def test_jian_chain_inherits_org(tnlp):
    doc = run(tnlp, "世界银行副行长兼首席经济学家林毅夫作主旨演讲。")
    assert people(doc)["林毅夫"] == [("副行长", "世界银行"), ("首席经济学家", "世界银行")]
    assert labelled(doc, "TITLE") == ["副行长", "首席经济学家"]


def test_dun_chain_each_title_its_own_org(tnlp):
    doc = run(tnlp, "湖南省委常委、长沙市委书记胡衡华主持会议。")
    assert people(doc)["胡衡华"] == [("常委", "湖南省委"), ("书记", "长沙市委")]


def test_dun_chain_states_the_org_once(tnlp):
    """One person's chain names the org once for both titles (docs/annotation.md, issue #12:
    the dev gold's 某局新闻发言人、总经济师X); a title naming its own scope takes nothing."""
    doc = run(tnlp, "外交部副部长、新闻发言人马朝旭回答了记者提问。")
    assert people(doc)["马朝旭"] == [("副部长", "外交部"), ("新闻发言人", "外交部")]
    doc = run(tnlp, "中共中央总书记、国家主席江泽民会见了代表团。", [("江泽民", "PERSON")])
    assert people(doc)["江泽民"] == [("总书记", "中共中央"), ("国家主席", None)]


@pytest.mark.parametrize("text,name,org", [
    ("商务部外国投资与产业发展司司长李明表示，外资结构持续优化。", "李明", "商务部外国投资与产业发展司"),
    ("国家发展改革委和财政部副部长王东伟出席。", "王东伟", "财政部"),
    ("他与国务院副总理刘国中举行会谈。", "刘国中", "国务院"),
    ("马克龙与德国总理朔尔茨举行会谈。", "朔尔茨", "德国"),
])
def test_joined_words_inside_an_org_name(tnlp, text, name, org):
    doc = run(tnlp, text, [("马克龙", "PERSON")])
    assert people(doc)[name][0][1] == org


@pytest.mark.parametrize("text,name,expected", [
    ("中共中央政治局常委、国务院总理李强主持会议。", "李强", [("常委", "中共中央政治局"), ("总理", "国务院")]),
    ("国家卫生健康委新闻发言人、宣传司副司长米锋表示，疫情总体平稳。", "米锋",
     [("新闻发言人", "国家卫生健康委"), ("副司长", "宣传司")]),
    ("国家发展改革委党组成员、副主任赵辰昕介绍有关情况。", "赵辰昕", [("党组成员", "国家发展改革委"), ("副主任", "国家发展改革委")]),  # one chain, the org stated once (issue #12)
    ("据中国人民银行副行长、国家外汇管理局局长潘功胜介绍，外汇市场运行平稳。", "潘功胜",
     [("副行长", "中国人民银行"), ("局长", "国家外汇管理局")]),
    ("阿里巴巴集团董事局主席兼首席执行官张勇在会上发言。", "张勇",
     [("主席", "阿里巴巴集团董事局"), ("首席执行官", "阿里巴巴集团董事局")]),
    ("中国工程院院士、清华大学教授张五作报告。", "张五", [("院士", "中国工程院"), ("教授", "清华大学")]),
    ("联合国副秘书长兼亚太经社会执行秘书阿米达·阿里沙巴纳在会上发言。", "阿米达·阿里沙巴纳",
     [("副秘书长", "联合国"), ("执行秘书", "亚太经社会")]),
    ("人力资源社会保障部就业促进司司长张莹说，就业形势总体稳定。", "张莹",
     [("司长", "人力资源社会保障部就业促进司")]),
    ("香港特区行政长官李家超表示，香港将全力配合国家发展战略。", "李家超", [("行政长官", "香港特区")]),
    ("记者致电广东证券副总经理曾世明，他证实了这一消息。", "曾世明", [("副总经理", "广东证券")]),
    ("ofo中国区总裁张严琪在会上介绍。", "张严琪", [("总裁", "ofo中国区")]),
    ("美国商务部长雷蒙多访华。", "雷蒙多", [("商务部长", "美国")]),
])
def test_government_designations(tnlp, text, name, expected):
    assert people(run(tnlp, text, [("美国", "LOC")]))[name] == expected


def test_org_with_sub_body(tnlp):
    doc = run(tnlp, "生态环境部大气环境司司长刘炳江通报了有关情况。")
    assert people(doc)["刘炳江"] == [("司长", "生态环境部大气环境司")]
    assert "生态环境部大气环境司" in labelled(doc, "ORG")


@pytest.mark.parametrize("text,title,org", [
    ("市政府常务副市长陈东升主持召开专题会议。", "常务副市长", "市政府"),
    ("美国前总统奥巴马发表演讲。", "前总统", "美国"),
    ("复旦大学经济学院执行院长张军认为，消费仍有潜力。", "执行院长", "复旦大学经济学院"),
])
def test_modifiers_stay_in_title(tnlp, text, title, org):
    doc = run(tnlp, text)
    (p,) = [p for p in result.people(doc) if p.titles]
    assert (p.titles[0].title, p.titles[0].org) == (title, org)


def test_domain_word_between_org_and_title_belongs_to_title(tnlp):
    doc = run(tnlp, "联合国经济和社会事务副秘书长刘振民表示", [("联合国", "ORG")])
    assert people(doc)["刘振民"] == [("经济和社会事务副秘书长", "联合国")]


def test_bylines(tnlp):
    doc = run(tnlp, "本报北京3月5日电（记者 张丽 王海涛）十四届全国人大一次会议今天开幕。")
    assert people(doc) == {"张丽": [("记者", None)], "王海涛": [("记者", None)]}
    doc = run(tnlp, "（记者李明、赵静）近日，我市出台了新规。")
    assert set(people(doc)) == {"李明", "赵静"}


def test_reporter_as_object_is_not_a_byline(tnlp):
    doc = run(tnlp, "他在接受记者采访时表示，改革将继续推进。")
    assert people(doc) == {}
    assert labelled(doc, "TITLE") == []


def test_guest_list(tnlp):
    doc = run(tnlp, "对话嘉宾包括：北京市经济和信息化局副局长王磊，阿里巴巴集团副总裁刘松（Liu Song），"
                    "中国人民大学公共管理学院教授刘鹏、浪潮集团董事长孙丕恕等。")
    got = people(doc)
    assert got["刘松"] == [("副总裁", "阿里巴巴集团")]
    assert got["刘鹏"] == [("教授", "中国人民大学公共管理学院")]
    assert got["孙丕恕"] == [("董事长", "浪潮集团")]
    assert [p.aliases for p in result.people(doc) if p.name == "刘松"] == [["Liu Song"]]
    assert "Liu Song" in labelled(doc, "PERSON")


def test_english_title(tnlp):
    doc = run(tnlp, "京东集团CEO徐雷在致辞中说，要扩大内需。")
    assert people(doc)["徐雷"] == [("CEO", "京东集团")]


def test_foreign_name_alias_and_bare_surname_mention(tnlp):
    doc = run(tnlp, "联合国秘书长安东尼奥·古特雷斯（António Guterres）致辞。古特雷斯说，要加强合作。",
              [("联合国", "ORG")])
    (p,) = [p for p in result.people(doc) if p.titles]
    assert p.name == "安东尼奥·古特雷斯" and p.aliases == ["António Guterres"]
    assert [m.text for m in p.mentions] == ["安东尼奥·古特雷斯", "António Guterres", "古特雷斯"]


def test_hyphenated_foreign_name_and_two_officials_sharing_a_surname(tnlp):
    text = ("商务部副部长王受文、海关总署副署长王令浚介绍有关情况。王副部长表示，外贸形势总体稳定。"
            "王先生还说，要稳住外资。世界贸易组织总干事恩戈齐·奥孔乔-伊维拉（Ngozi Okonjo-Iweala）致辞。"
            "伊维拉表示，愿与中方合作。")
    doc = run(tnlp, text)
    got = {p.name: ([(t.title, t.org) for t in p.titles], [m.text for m in p.mentions]) for p in result.people(doc)}
    assert got["王受文"] == ([("副部长", "商务部")], ["王受文", "王副部长"])
    assert got["王令浚"] == ([("副署长", "海关总署")], ["王令浚"])
    assert got["恩戈齐·奥孔乔-伊维拉"] == ([("总干事", "世界贸易组织")],
                                       ["恩戈齐·奥孔乔-伊维拉", "Ngozi Okonjo-Iweala", "伊维拉"])


def test_coref_full_name_and_surname_title(tnlp):
    text = "国务院总理李强主持召开国务院常务会议。会上，李总理强调，要稳住经济大盘。李强指出，要抓落实。"
    doc = run(tnlp, text)
    (p,) = result.people(doc)
    assert [m.text for m in p.mentions] == ["李强", "李总理", "李强"]
    assert [e._.person for e in doc.ents if e.label_ == "PERSON"] == ["李强", "李强"]


def test_single_character_person_entity_is_a_surname_mention(tnlp):
    text = "国家主席江泽民出席晚会。江主席向大家拜年。"
    doc = run(tnlp, text, [("江", "PERSON")])
    (p,) = result.people(doc)
    assert [m.text for m in p.mentions] == ["江泽民", "江主席"]


def test_shared_surname_not_merged(tnlp):
    text = "市交通局局长张伟和市财政局处长张华出席。张局长说，工程进展顺利。张先生还说，要注意安全。"
    doc = run(tnlp, text)
    got = {p.name: [m.text for m in p.mentions] for p in result.people(doc)}
    assert got["张伟"] == ["张伟", "张局长"]
    assert got["张华"] == ["张华"]  # 张先生 could be either: not merged


def test_surname_honorific_mention(tnlp):
    doc = run(tnlp, "香港大学教授麦嘉华出席论坛。麦教授认为，数字经济大有可为。")
    assert [m.text for m in result.people(doc)[0].mentions] == ["麦嘉华", "麦教授"]


def test_resolve_description(tnlp):
    text = "杭州市中级人民法院院长陈华出席会议。这位院长介绍，审判工作平稳。浙江大学教授王杰也发言。中级人民法院院长最后总结。"
    doc = run(tnlp, text)
    s = text.index("这位院长")
    assert titles.resolve_description(doc, (s, s + 4)) == "陈华"
    s = text.index("审判")
    assert titles.resolve_description(doc, TextSpan(s, s + 2, "审判")) == "陈华"
    s = text.index("也发言")
    assert titles.resolve_description(doc, (s, s + 1)) == "王杰"
    s = text.rindex("中级人民法院院长")
    assert titles.resolve_description(doc, doc.char_span(s, s + 8, alignment_mode="expand")) == "陈华"
    doc = run(tnlp, "首家互联网法院院长谈治理。清华大学法学院院长王振民出席。")
    assert titles.resolve_description(doc, (0, 9)) is None  # nobody holds that 院长 before it


def test_generic_groups_are_not_titles(tnlp):
    doc = run(tnlp, "论坛吸引了政府官员、企业代表、媒体记者等300余人参加。")
    assert labelled(doc, "TITLE") == []


def test_role_description_is_a_title_entity(tnlp):
    doc = run(tnlp, "案例：全国首家互联网法院院长谈网络治理")
    assert labelled(doc, "TITLE") == ["院长"]
    assert result.people(doc) == []


@pytest.mark.parametrize("text", [
    "论坛吸引了政府官员、企业代表、媒体记者等300余人参加。",
    "各级党委书记要切实履行第一责任人职责。",
    "市民可拨打市长热线反映问题。",
    "全国两会期间，代表委员们积极建言献策。",
    "院长办公会研究决定了有关事项。",
    "他担任过县长、市长等职务，经验丰富。",
    "记者从市教育局获悉，今年招生计划已经公布。",
    "总统府发表声明称，双方将继续对话。",
    "该公司董事长表示，将加大研发投入。",
    "浙江大学教授、博士生导师李教授认为，人工智能前景广阔。",
    "该局副局长曾表示，将加强监管。",
])
def test_generic_uses_of_title_words_are_not_people(tnlp, text):
    """Generic groups (企业代表) and title words in compounds (市长热线) name nobody."""
    assert result.people(run(tnlp, text)) == []


def test_offsets_and_ents_consistent(tnlp):
    text = "国家发展改革委副主任宁吉喆表示，经济运行总体平稳。"
    doc = run(tnlp, text, [("国家发展改革委副主任", "ORG"), ("宁吉", "PERSON")])
    for e in doc.ents:
        assert text[e.start_char:e.end_char] == e.text
    assert people(doc)["宁吉喆"] == [("副主任", "国家发展改革委")]
    assert labelled(doc, "PERSON") == ["宁吉喆"]


def test_component_pickles_after_use(tnlp):
    import pickle

    run(tnlp, "国家统计局局长张三表示，经济运行总体平稳。")
    clone = pickle.loads(pickle.dumps(tnlp.get_pipe("titles")))
    doc = tnlp.make_doc("国家统计局局长张三表示。")
    assert [p.name for p in result.people(clone(doc))] == ["张三"]


def test_lexicons_state_their_sources():
    for name in ("titles", "title_modifiers", "honorifics", "org_endings",
                 "translit_chars", "surnames"):
        head = lexicon._path(name).read_text(encoding="utf-8").splitlines()[0]
        assert head.startswith("#"), name
    assert all(len(r) == 2 and r[1] for r in lexicon.rows("titles"))
    assert {"副秘书长", "院士", "CEO", "首席执行官"} <= lexicon.words("titles")


_PIECES = ["国家统计局", "副局长", "张建华", "、", "兼", "，", "院士", "（记者 ", "李明", "）", "表示",
           "（Zhang Jianhua）", "首席执行官", "CEO", "埃利奥特·哈里斯", "李局长", "说", "\n", " "]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_any_arrangement_keeps_offsets_and_records_consistent(tnlp, pieces):
    text = "".join(pieces)
    doc = run(tnlp, text)
    for e in doc.ents:
        assert text[e.start_char:e.end_char] == e.text
    names = {p.name for p in result.people(doc)}
    for p in result.people(doc):
        assert p.mentions and all(text[m.start:m.end] == m.text for m in p.mentions)
        for t in p.titles:
            assert t.title_span is None or text[t.title_span.start:t.title_span.end] == t.title
    assert all(e._.person in names for e in doc.ents if e.label_ == "PERSON")


def test_dev_set_score_does_not_regress(tnlp, root):
    """The titles stage alone (no ner entities) on tests/data/titles_dev (docs/titles.md)."""
    tot = {"tp": 0, "pred": 0, "gold": 0}
    for gold_path in sorted((root / "tests/data/titles_dev").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        pred = result.from_doc(run(tnlp, text), gold["doc_id"]).to_dict()
        for k, v in evaluate.score_doc(gold, pred)["titles/with_org"].items():
            tot[k] += v
    p, r = tot["tp"] / tot["pred"], tot["tp"] / tot["gold"]
    assert 2 * p * r / (p + r) >= 0.93


def test_full_pipeline_people_and_titles(ex):
    text = "会上，国家统计局副局长张建华介绍了有关情况。张建华表示，经济运行总体平稳。"
    res = ex.extract(text).to_dict()
    (p,) = [p for p in res["people"] if p["name"] == "张建华"]
    assert p["titles"] == [{"title": "副局长", "org": "国家统计局"}]
    assert [m["start"] for m in p["mentions"]] == [text.index("张建华"), text.rindex("张建华")]
    assert any(e["label"] == "TITLE" and e["text"] == "副局长" for e in res["entities"])


def test_party_committee_before_secretary_is_the_org(tnlp):
    """某局党委书记 → (书记, 某局党委) (docs/annotation.md): the committee is the organisation."""
    doc = run(tnlp, "东湖县交通局党委书记钱立新说，道路年底通车。", [("东湖县交通局", "ORG")])
    assert people(doc)["钱立新"] == [("书记", "东湖县交通局党委")]
    doc = run(tnlp, "南岭街道青石社区党总支书记孙慧玲介绍了情况。", [("南岭街道青石社区", "LOC")])
    assert people(doc)["孙慧玲"] == [("书记", "南岭街道青石社区党总支")]


def test_agency_credit_line_gives_the_reporter_org(tnlp):
    """据某社电  记者X: the agency is the reporter's organisation, as in 新华社记者X (SCHEMA §2);
    a dateline with a place and a date stays null (the titles dev sets' convention)."""
    doc = run(tnlp, "（据新华社电  记者周明远、吴小燕）", [("新华社", "ORG")])
    assert people(doc) == {"周明远": [("记者", "新华社")], "吴小燕": [("记者", "新华社")]}
    doc = run(tnlp, "据新华社西安5月3日电（记者周明远）当地举行了活动。", [("新华社", "ORG"), ("西安", "LOC")])
    assert people(doc) == {"周明远": [("记者", None)]}


def test_title_inside_a_place_name_is_none(tnlp):
    """上海市长宁区, 湖南省长沙市: 市长/省长 inside a place are no titles."""
    doc = run(tnlp, "上海市长宁区新泾镇居委会主任郑红梅说，活动很成功。", [("上海市长宁区新泾镇", "LOC")])
    assert set(people(doc)) == {"郑红梅"}
    assert labelled(doc, "TITLE") == ["主任"]


def test_one_character_country_before_a_title(tnlp):
    """The ner stage drops one-character LOC spans; 俄外长X still has the country as its org."""
    doc = run(tnlp, "他与俄外长拉夫罗夫举行了会谈。")
    assert people(doc)["拉夫罗夫"] == [("外长", "俄")]


def test_short_form_inside_a_dotted_name_stays_the_full_name(tnlp):
    """艾力 mentioned alone elsewhere does not cut 艾力·买买提 where the full name stands."""
    text = "同事艾力·买买提说，工作很辛苦。后来，艾力调到了乡里。"
    doc = tnlp.make_doc(text)
    short = text.rindex("艾力")
    doc = set_char_entities(doc, [(2, 8, "PERSON"), (short, short + 2, "PERSON")])
    doc = tnlp.get_pipe("titles")(doc)
    assert ("艾力·买买提", "PERSON") in [(e.text, e.label_) for e in doc.ents]


def test_title_after_dunhao_takes_the_place_of_a_committee(tnlp):
    """某省委常委、常务副省长X (docs/annotation.md): the place is named once for both titles; a
    post of the committee itself keeps the committee; no place named (市委书记、市长) stays null."""
    doc = run(tnlp, "会上，江南省委常委、常务副省长周文涛作了说明。", [("江南省委", "ORG")])
    assert people(doc)["周文涛"] == [("常委", "江南省委"), ("常务副省长", "江南省")]
    doc = run(tnlp, "江南省委常委、副书记吴晓峰主持会议。", [("江南省委", "ORG")])
    assert people(doc)["吴晓峰"] == [("常委", "江南省委"), ("副书记", "江南省委")]
    doc = run(tnlp, "青河县交通局原党委书记、局长郑一鸣说，道路年底通车。", [("青河县交通局", "ORG")])
    assert people(doc)["郑一鸣"][1] == ("局长", "青河县交通局")
    doc = run(tnlp, "市委书记、市长郑一鸣提出了要求。")
    assert people(doc)["郑一鸣"] == [("书记", "市委"), ("市长", None)]


def test_title_after_a_named_person_takes_the_unit_of_a_committee(tnlp):
    """某大学党委书记A、校长B: B is 校长 of 某大学; without a committee (某部某局局长A、新闻发言人B)
    the text does not say which unit, so null."""
    doc = run(tnlp, "东海大学党委书记赵明远、校长钱立群出席了仪式。", [("东海大学", "ORG")])
    assert people(doc)["钱立群"] == [("校长", "东海大学")]
    doc = run(tnlp, "水利部规划司司长孙建中、新闻发言人李文华回答了提问。", [("水利部规划司", "ORG")])
    assert people(doc)["李文华"] == [("新闻发言人", None)]


def test_place_before_a_title_is_a_loc(tnlp):
    """A country or province before a title is an entity LOC; it stays the title's org."""
    doc = run(tnlp, "新西兰总理阿德恩表示欢迎。", [("新西兰", "LOC")])
    assert people(doc)["阿德恩"] == [("总理", "新西兰")]
    assert labelled(doc, "LOC") == ["新西兰"] and labelled(doc, "ORG") == []
    doc = run(tnlp, "江南省省长周文涛说，今年经济平稳。")
    assert people(doc)["周文涛"] == [("省长", "江南省")]
    assert "江南省" in labelled(doc, "LOC")
    doc = run(tnlp, "他与俄外长拉夫罗夫举行了会谈。")
    assert labelled(doc, "LOC") == [] and labelled(doc, "ORG") == []  # one character: no entity


def test_meeting_verb_after_a_title(tnlp):
    """首相会见: 会 glued to a title makes an org (部长会议), not before 会见/会晤/会谈; and a
    place before the title is no surname guess (日本|首相)."""
    doc = run(tnlp, "日本首相会见了来访的客人。", [("日本", "LOC")])
    assert people(doc) == {}
    assert tl.find_titles("部长会议") == [] and tl.find_titles("总统会晤") == [(0, 2)]


def test_bylines_with_no_break_spaces(tnlp):
    """本报记者\\xa0徐\\xa0靖: no-break spaces after the title, a two-character name padded."""
    doc = run(tnlp, "标题\n本报记者\u00a0钱\u00a0进\n正文第一句。")
    assert people(doc) == {"钱\u00a0进": [("记者", None)]}
    doc = run(tnlp, "标题\n本报记者\u00a0钱立群\n正文第一句。")
    assert people(doc) == {"钱立群": [("记者", None)]}


def test_shared_title_over_a_list_with_a_dotted_name(tnlp):
    """常务主席A、B、某·某某、C出席: the dotted name does not end the list."""
    doc = run(tnlp, "主席团常务主席王立新、阿不都·依明、陈竺出席会议。", [("主席团", "ORG")])
    assert people(doc) == {n: [("常务主席", "主席团")] for n in ("王立新", "阿不都·依明", "陈竺")}


def test_craft_before_an_heir_title_is_no_org(tnlp):
    """某地年画代表性传承人X: the craft describes the holder; 传承人 takes no domain words."""
    doc = run(tnlp, "江北剪纸代表性传承人钱秀英展示了作品。", [("江北", "LOC")])
    assert people(doc)["钱秀英"] == [("代表性传承人", None)]
    doc = run(tnlp, "在市委书记赵明远、副书记钱立群等带领下，干部们出发了。")
    assert people(doc)["钱立群"] == [("副书记", None)]
