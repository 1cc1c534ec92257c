"""Issue #12, third dev pass (round-4 dev articles): speaker mechanisms, on sentences written
for these tests (no article text), with the quotes stage alone (see test_speakers.run)."""
from __future__ import annotations

import pytest

from zhpolicy_nlp import result
from zhpolicy_nlp.quotes.component import QuoteAttributor
from zhpolicy_nlp.schema import Person, TextSpan, Title
from zhpolicy_nlp.spans import set_char_entities

from test_speakers import qnlp, run, speakers  # noqa: F401  (qnlp is a fixture)


@pytest.mark.parametrize("text,speaker", [
    # a rule set opening its sentence speaks, bare or with the word before it
    ("规则规定，申请人须在十日内补交材料。", "规则"),
    ("特区法例规定，新建楼宇必须安装节能设备，否则不予验收。", "特区法例"),
    ("相关法规规定，游客不得在景区内随意放飞无人机。", "相关法规"),
    ("按照本市法例规定，所有食肆都要张贴卫生评级。", "本市法例"),
])
def test_rule_set_opening_its_sentence_speaks(qnlp, text, speaker):
    assert speakers(run(qnlp, text)) == [speaker]


@pytest.mark.parametrize("text", [
    "只要遵守法律规定，市民在公园里跳舞是不受限制的。",  # inside a clause: no source
    "湖边立着几块标牌，法律规定在湖里不能游泳。",
])
def test_rule_set_inside_a_clause_is_no_source(qnlp, text):
    assert run(qnlp, text) == []


def test_magazine_in_book_title_marks_keeps_both_marks(qnlp):
    qs = run(qnlp, "《远方》杂志指出，这一发现改写了人们对候鸟迁徙的认识。", [("远方》杂志", "ORG")])
    assert speakers(qs) == ["《远方》杂志"]


def test_pronoun_opening_a_sentence_means_the_subject_before_it(qnlp):
    text = "市文化局局长马兰非常感谢韩松教授对老城保护的支持。她介绍，今年将修缮十座老宅。"
    qs = run(qnlp, text, [("马兰", "PERSON"), ("韩松", "PERSON"), ("局长", "TITLE"), ("教授", "TITLE")])
    assert speakers(qs) == ["马兰"]


def test_pronoun_in_the_second_sentence_of_a_paragraph(qnlp):
    text = "前文。\n市文化局局长马兰非常感谢韩松教授的支持。她介绍，今年将修缮十座老宅。"
    qs = run(qnlp, text, [("马兰", "PERSON"), ("韩松", "PERSON"), ("局长", "TITLE"), ("教授", "TITLE")])
    assert speakers(qs) == ["马兰"]


def test_joint_speakers_listed_with_a_pause_mark_the_first_speaks(qnlp):
    qs = run(qnlp, "马兰、韩松等表示，要把老街的故事讲给更多人听。", [("马兰", "PERSON"), ("韩松", "PERSON")])
    assert speakers(qs) == ["马兰"]


def test_action_done_while_speaking_stands_between_name_and_cue(qnlp):
    qs = run(qnlp, "韩松指着墙上的一幅老照片说，这条街三十年前还是一片菜地。", [("韩松", "PERSON")])
    assert speakers(qs) == ["韩松"]


def test_reply_cue_after_a_quotation(qnlp):
    qs = run(qnlp, "“其实，新制度不是不审，而是换了个方式。”有关人士这样回复。")
    assert [(q.kind, q.speaker, q.cue.text) for q in qs] == [("direct", "有关人士", "回复")]


def test_cue_opening_a_sentence_takes_the_subject_of_the_one_before(qnlp):
    text = "前文。\n督导组随后走进一家超市，查看菜价和配送情况。强调一定要保障好居民的日常生活。"
    qs = run(qnlp, text)
    assert [(q.speaker, q.text) for q in qs] == [("督导组", "一定要保障好居民的日常生活")]
    text = "前文。\n马兰表示，老街改造要听居民的意见。希望大家都来出主意。"
    qs = run(qnlp, text, [("马兰", "PERSON")])
    assert [(q.speaker, q.text) for q in qs] == [("马兰", "老街改造要听居民的意见。希望大家都来出主意")]


def test_no_subject_from_the_sentence_before_for_a_topic_or_time_clause(qnlp):
    text = "前文。\n马兰在这条街住了五十年。说到老街的变化，她的话就多了起来。"
    assert run(qnlp, text, [("马兰", "PERSON")]) == []
    text = "前文。\n有位委员一上场就引起了我的注意。回答记者提出的问题时，她显得很从容。"
    assert run(qnlp, text) == []


def test_group_with_the_noun_before_it_opening_the_sentence(qnlp):
    text = "前文。\n中央督导组赴某县实地督导防汛工作，强调要把群众安全放在首位。"
    assert speakers(run(qnlp, text)) == ["中央督导组"]
    text = "前文。\n和朋友聊起来，也发现大家都有自己的收纳办法。"
    assert "和朋友" not in speakers(run(qnlp, text))


def test_wish_opening_a_sentence_after_the_persons_own(qnlp):
    text = "前文。\n马兰向坚守一线的医务人员表达敬意。希望大家千方百计挽救生命。"
    qs = run(qnlp, text, [("马兰", "PERSON")])
    assert [(q.speaker, q.cue.text) for q in qs] == [("马兰", "希望")]


@pytest.mark.parametrize("text,ents,speaker", [
    ("某通讯社报道说，当地时间周一发生了一起交通事故。", [("某通讯社", "ORG")], "某通讯社"),
    ("《远方日报》评论说，这一决定将引发更多争议。", [], "远方日报"),
    ("当地有媒体评论称，今年的安全形势有所改善。", [], "媒体"),
])
def test_outlet_right_before_what_it_published_speaks(qnlp, text, ents, speaker):
    assert speakers(run(qnlp, text, ents)) == [speaker]


@pytest.mark.parametrize("text,ents,speaker", [
    ("记者见到了78岁的刘桂兰。老人告诉记者，她最高兴的是孙子考上了大学。", [("刘桂兰", "PERSON")], "刘桂兰"),
    ("王芳是村里的老党员。这位老党员回忆说，现在家家门口都通了水泥路。", [("王芳", "PERSON")], "王芳"),
])
def test_person_noun_referring_back_to_the_person_the_text_is_about(qnlp, text, ents, speaker):
    assert speakers(run(qnlp, text, ents)) == [speaker]


def test_this_official_after_a_titled_person_spoke(qnlp):
    text = "某公司总经理赵刚说，今年订单增长了三成。该负责人表示，公司将扩大生产。"
    doc = set_char_entities(qnlp.make_doc(text), [(6, 8, "PERSON"), (3, 6, "TITLE")])
    doc.ents[1]._.person = "赵刚"
    person = Person("赵刚", titles=[Title("总经理", "某公司")], mentions=[TextSpan(6, 8, "赵刚")])
    doc._.people = [result.person_data(person)]
    QuoteAttributor(qnlp)(doc)
    assert speakers(result.quotes(doc)) == ["赵刚", "赵刚"]
    text = "某局有关负责人说，今年将出台新规。该负责人表示，新规将于年底实施。"
    assert speakers(run(qnlp, text, [("某局", "ORG")])) == ["某局有关负责人", "某局有关负责人"]


@pytest.mark.parametrize("text,speaker", [
    ("警方称，嫌疑人已被控制。", "警方"),
    ("院方表示，患者病情稳定，预计下周可以出院。", "院方"),
])
def test_institutional_sides_speak(qnlp, text, speaker):
    assert speakers(run(qnlp, text)) == [speaker]


def test_bare_document_after_its_body_and_unnamed_reports(qnlp):
    qs = run(qnlp, "某银行报告认为，制造业扩张速度将放缓。", [("某银行", "ORG")])
    assert speakers(qs) == ["某银行报告"]
    text = "10月初某银行发布的报告下调了预测值。报告认为，固定投资增速回落。"
    assert speakers(run(qnlp, text)) == ["报告"]  # not 的报告
    text = "某组织发布了最新一期《远方经济展望》报告。报告认为，地区经济将保持增长。"
    assert speakers(run(qnlp, text)) == ["远方经济展望报告"]
