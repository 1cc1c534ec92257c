"""Issue #12, fifth session: mechanisms found on cue sites with no quote in unannotated corpus
articles, on sentences written for these tests (no article text), through the whole pipeline."""
from __future__ import annotations

import pytest

from news_said import said


@pytest.mark.parametrize("text, speaker", [
    # the one holder of the post, named before with it, in another sentence or paragraph
    ("郑海川总书记来到村里看望群众。\n总书记强调，要把乡村振兴的文章做好。", "郑海川"),
    ("郑海川总书记来到村里看望群众。在村委会，总书记进一步指出，要把乡村振兴的文章做好。", "郑海川"),
    ("市长郑海川来到工地。市长明确指出，要加快建设进度。", "郑海川"),
])
def test_a_bare_post_at_a_clause_start_means_its_holder_named_before(ex, text, speaker):
    assert [s for s, _ in said(ex, text)] == [speaker]


def test_a_bare_post_nobody_held_before_is_worded(ex):
    assert said(ex, "市长明确指出，要加快建设进度。") == [("市长", "要加快建设进度")]
    # not the last speaker: someone else held no such post
    got = said(ex, "村民郑海川说，路修好了。市长强调，要加快建设进度。")
    assert got[-1] == ("市长", "要加快建设进度")


def test_a_post_of_many_holders_stays_worded(ex):
    # 法官 is no bare_title: a judge named before is not every 法官 of the text
    got = said(ex, "法官郑海川主持庭审。法官认为，该合同无效。")
    assert got[-1] == ("法官", "该合同无效")


@pytest.mark.parametrize("text, speaker", [
    # a meeting speaks as the text names it (全会 and 大会 like 会议)
    ("中央城乡工作会议强调，要加快补齐农村基础设施短板。", "中央城乡工作会议"),
    ("党的二十届五中全会指出，要加强系统治理、依法治理。", "党的二十届五中全会"),
    ("因此，党的二十届五中全会决议提出，要在全社会提倡文明新风。", "党的二十届五中全会决议"),
    ("全会强调，要加强系统治理。", "全会"),
    # a determiner is no name; a date and 召开的 are not part of it
    ("此次会议强调，要加快建设进度。", "会议"),
    ("3月2日召开的市委常委会会议要求，要加快建设进度。", "市委常委会会议"),
])
def test_a_meeting_speaks_as_named(ex, text, speaker):
    assert [s for s, _ in said(ex, text)] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    # a document named by the words before it in its clause (issue #12's own example)
    ("某市2020年政府工作报告提出，要加快建设进度。", "某市2020年政府工作报告"),
    ("今年中央一号文件明确提出，加大财政投入力度。", "中央一号文件"),
    ("中美联合声明指出，双方将加强合作。", "中美联合声明"),
    # a bare document word stays bare; the body that issued it speaks
    ("这份报告认为，气候风险正在上升。", "报告"),
    ("某国政府发表声明说，将加强边境管控。", "某国政府"),
])
def test_a_document_speaks_as_named(ex, text, speaker):
    assert [s for s, _ in said(ex, text)] == [speaker]


def test_a_meeting_where_someone_speaks_is_no_source(ex):
    got = said(ex, "郑海川在当天举行的“携手前行”视频会议上说，各国应加强合作。")
    assert got == [("郑海川", "各国应加强合作")]


def test_a_cue_jieba_glues_to_an_adverb(ex):
    # jieba cuts 他|却说 (却说 is a dictionary word): the cue is its last part
    got = said(ex, "郑海川确诊患病。但在医院里，他却说：“我要快点好起来，回去继续战斗。”")
    assert got == [("郑海川", "我要快点好起来，回去继续战斗。")]


@pytest.mark.parametrize("text, speaker", [
    # the addressee between speaker and cue, 的 and all
    ("民警郑海川对身旁的患者说：“等疫情过去后，我一定天天来看你们。”", "郑海川"),
    ("郑海川向前来探望的同事们说，自己很快就能出院。", "郑海川"),
    # a manner word between a comma and a cue whose subject is left out
    ("郑海川找到医护人员，主动说：“我是党员！我来帮你们。”", "郑海川"),
    ("郑海川走进病房，笑着说：“我是党员！我来帮你们。”", "郑海川"),
])
def test_addressee_and_manner_before_the_cue(ex, text, speaker):
    assert [s for s, _ in said(ex, text)] == [speaker]


def test_an_addressee_before_a_noun_cue_is_no_speech(ex):
    # 回应 is also a noun: 他对问题的精彩回应 is a thing, not a report
    assert said(ex, "郑海川对一些问题的精彩回应，受到广大网友欢迎。") == []


def test_a_cue_without_its_own_subject_inside_running_speech_is_part_of_it(ex):
    text = ("郑海川指出，干部要坚定信念。因此，首先要提高站位，广大干部要认清职责；"
            "其次是通过建章立制，明确形式主义的表现。")
    got = said(ex, text)
    assert len(got) == 1 and got[0][0] == "郑海川" and got[0][1].endswith("明确形式主义的表现")
    # a source opening its sentence speaks anew
    got = said(ex, "郑海川说，议案很重要。大会秘书处对议案逐件研究，认为应当交付审议。")
    assert got == [("郑海川", "议案很重要"), ("大会秘书处", "应当交付审议")]


def test_a_sequel_opening_with_since_then_is_narration(ex):
    assert said(ex, "郑海川表示，双方要加强合作。此后，两国正式建交。") == [("郑海川", "双方要加强合作")]


@pytest.mark.parametrize("text, speaker", [
    # A援引/引述B的话报道说: B speaks (docs/annotation.md)
    ("塔斯社援引该公司总裁伊万·彼得罗夫的话报道说，今年产量将翻番。", "伊万·彼得罗夫"),
    ("阿联酋通讯社29日援引卫生部的声明说，患者病情稳定。", "卫生部"),
    ("报道援引一家公司负责人的话称，市场需求旺盛。", "一家公司负责人"),
    ("发言人在发布会上引用郑海川的原话说，国家安全要靠自己。", "郑海川"),
])
def test_the_one_cited_speaks(ex, text, speaker):
    assert [s for s, _ in said(ex, text)] == [speaker]


def test_citing_mere_data_leaves_the_speaker(ex):
    # no one cited: the experts who cite the data speak (worded as the collective stage words them)
    got = said(ex, "多名气象学专家援引数据表示，今年的旱情十分严重。")
    assert len(got) == 1 and got[0][0].endswith("专家")


def test_quoting_a_book_is_no_citation_of_a_speaker(ex):
    got = said(ex, "郑海川多次引用小说《远山》来阐明观点：心中要有远方。")
    assert [s for s, _ in got] in ([], ["郑海川"])


def test_a_noun_cue_after_a_quoted_term_is_the_terms_noun(ex):
    # “某某”倡议, “某独”主张: the noun the term names, no report
    assert said(ex, "当地人对“丝路花雨”倡议也了解熟悉起来，越来越多人开始学习中文。") == []
    assert said(ex, "某党上台后顽固坚持“分裂”主张，拒不承认共识。") == []
    # a cue after the term's noun still reports
    got = said(ex, "郑海川发出“保护长江”倡议，呼吁大家减少使用塑料。")
    assert got == [("郑海川", "大家减少使用塑料")]


@pytest.mark.parametrize("text, speaker", [
    # a name or noun the recogniser missed, right before 说：“, speaks as worded
    ("她在北京读书。蜜果说：“我在国际学校上学，有很多朋友。”", "蜜果"),
    ("店主笑着说：“放心吧，您都来三次了。”", "店主"),
    ("父母在电话里说：“你是党员就要带头冲。”", "父母"),
    # a name jieba cut before 和 (某某和|说)
    ("他听完报告。郑海和说：“这些话让我们非常感动。”", "郑海和"),
])
def test_a_missed_speaker_right_before_say_and_colon_is_worded(ex, text, speaker):
    assert [s for s, _ in said(ex, text)] == [speaker]


@pytest.mark.parametrize("text", [
    "郑海川一看情况，立刻说道：“快，做气管插管。”",   # an adverb is no speaker
    "我十分生气，对妈妈说：“你们不知道真相。”",       # the addressee is no speaker
    "小男孩两手举着画，高兴地喊道：“太奇妙了！”",     # the manner word is no speaker
])
def test_no_worded_speaker_from_adverbs_or_addressees(ex, text):
    assert all(s not in ("立刻", "对妈妈", "高兴地") for s, _ in said(ex, text))


def test_a_coordinated_noun_cue_stays_no_cue(ex):
    assert said(ex, "代表们认真审议报告，提出意见和建议。") == []


@pytest.mark.parametrize("text, speaker", [
    # an unnamed someone with a long 的-modifier, an occupation or a kin noun, as worded
    ("一位不愿透露姓名的外交官指出，他们原本可以自己解决问题。", "一位不愿透露姓名的外交官"),
    ("有的孩子留言说，期待下一个故事。", "有的孩子"),
    ("当地一位摄影师说，景区有很多天鹅。", "当地一位摄影师"),
])
def test_an_unnamed_someone_speaks_as_worded(ex, text, speaker):
    assert [s for s, _ in said(ex, text)] == [speaker]


def test_an_unnamed_group_before_a_verb_is_no_longer_speaker(ex):
    # the 的-less run stays short: 一些政客指责…人 is no speaker 一些政客指责中国隐瞒病亡人
    got = said(ex, "美国一些政客指责中国隐瞒病亡人数的论调刚一出笼，就遭到驳斥。")
    assert all("指责" not in (s or "") for s, _ in got)


def test_a_paper_in_its_marks_reports(ex):
    assert said(ex, "比如，去年《江城日报》报道，全市灯饰要分类封存。") == [("江城日报", "全市灯饰要分类封存")]


def test_a_column_label_before_the_source(ex):
    assert said(ex, "【说法】法官认为，赠与合同应当符合合同的构成要件。") == [
        ("法官", "赠与合同应当符合合同的构成要件")]


@pytest.mark.parametrize("text, speaker", [
    # sides and assemblies before a group, one or several
    ("与会各国代表表示，这届博览会体现了绿色发展理念。", "与会各国代表"),
    ("峰会闭幕后，与会各方承诺，避免干涉该国内政。", "与会各方"),
])
def test_a_group_keeps_the_sides_before_it(ex, text, speaker):
    assert [s for s, _ in said(ex, text)] == [speaker]


def test_a_missed_name_after_a_post_speaks(ex):
    got = said(ex, "某国公共工程与交通运输部部长本占表示：“施工现场有很好的防疫措施。”")
    assert got == [("本占", "施工现场有很好的防疫措施。")]
    # 的 is no name: 拉着总书记的手说 has no speaker 的手
    got = said(ex, "郑海川拉着总书记的手说：“日子越过越好。”")
    assert all(s != "的手" for s, _ in got)
