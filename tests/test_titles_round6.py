"""Titles stage, issue #12 (fifth dev pass, round-6 articles): 兼 in a committee chain, deputies
of a congress in a session report, unnamed military units and their posts. Every sentence and
name is made up for these tests."""
from __future__ import annotations

import pytest

from zhpolicy_nlp.titles import designations

from test_titles import people, run, tnlp  # noqa: F401  (the titles tests' own helpers)


@pytest.mark.parametrize("text, ents, name, titles", [
    # 兼 like 、: the second post takes the unit, not its party committee
    ("青禾化工研究院党委书记兼院长邝远山说，生产已经恢复。", [("青禾化工研究院", "ORG")], "邝远山",
     [("书记", "青禾化工研究院党委"), ("院长", "青禾化工研究院")]),
    ("“大家干劲很足。”公司党委书记兼总经理甘若冰说。", [], "甘若冰",
     [("书记", "公司党委"), ("总经理", "公司")]),
    # a post of the committee itself keeps the committee; a unit that is no committee is carried
    ("东湖大学校长兼党委副书记罗小舟出席。", [("东湖大学", "ORG")], "罗小舟",
     [("校长", "东湖大学"), ("副书记", "党委")]),
    ("青禾集团董事长兼总经理窦明远表示，订单增加。", [("青禾集团", "ORG")], "窦明远",
     [("董事长", "青禾集团"), ("总经理", "青禾集团")]),
])
def test_concurrent_post_after_a_committee(tnlp, text, ents, name, titles):
    assert people(run(tnlp, text, ents))[name] == titles


@pytest.mark.parametrize("text, name, titles", [
    # an unnamed unit (某) carries the chain on to the name; its posts have org null
    ("全国人大代表、海军某驱逐舰舰长邝远山说，要练好本领。", "邝远山", [("代表", "全国人大"), ("舰长", None)]),
    ("全国人大代表、第80集团军某合成旅旅长甘若冰说：“要抓实训练。”", "甘若冰",
     [("代表", "全国人大"), ("旅长", None)]),
    # the run stopped at a verb (飞行) inside the unnamed unit: no org 大队
    ("全国人大代表、空军某团飞行大队大队长罗小舟说，任务完成了。", "罗小舟",
     [("代表", "全国人大"), ("大队长", None)]),
    ("艇长窦明远紧盯前方。", "窦明远", [("艇长", None)]),
])
def test_unnamed_military_units(tnlp, text, name, titles):
    assert people(run(tnlp, text, [("全国人大", "ORG")]))[name] == titles


def test_bare_deputy_in_a_congress_report(tnlp):
    """A bare 代表 by a name in a report naming 全国人大代表 is a deputy of 全国人大; a 代表 glued
    to other words (学生代表) is not touched."""
    text = ("参加全国人大会议的全国人大代表认真审议草案。青禾协会副主席邝远山代表说，草案很有必要。"
            "——甘若冰代表说，要依法办事。学生代表罗小舟说，收获很大。")
    got = people(run(tnlp, text, [("全国人大", "ORG")]))
    assert got["邝远山"] == [("副主席", "青禾协会"), ("代表", "全国人大")]
    assert got["甘若冰"] == [("代表", "全国人大")]
    assert ("代表", "全国人大") not in got["罗小舟"]


def test_bare_deputy_left_alone_beside_another_congress(tnlp):
    """A report that also names a city congress's deputies leaves a bare 代表 without an org."""
    text = "全国人大代表邝远山说，很好。东湖市人大代表甘若冰说，是的。罗小舟代表说，对。"
    got = people(run(tnlp, text, [("全国人大", "ORG"), ("东湖市人大", "ORG")]))
    assert got["甘若冰"] == [("代表", "东湖市人大")]
    assert got["罗小舟"] == [("代表", None)]


def test_bare_deputy_without_a_congress(tnlp):
    assert people(run(tnlp, "罗小舟代表说，我们要多调研。"))["罗小舟"] == [("代表", None)]


@pytest.mark.parametrize("text, ents, name, titles", [
    # jieba's 部副 takes no 副 from the title
    ("青禾战区某旅政治工作部副主任邝远山说：“要学好党史。”", [], "邝远山", [("副主任", None)]),
    ("东湖市政治工作部副主任甘若冰说，好。", [], "甘若冰", [("副主任", "东湖市政治工作部")]),
    # a long organisation in a 、 chain still carries the chain on
    ("中共中央政治局常委、国务院副总理、推进“东湖新区”建设工作领导小组组长罗小舟出席会议。",
     [("推进“东湖新区”建设工作领导小组", "ORG"), ("罗小舟", "PERSON")], "罗小舟",
     [("常委", "中共中央政治局"), ("副总理", "国务院"), ("组长", "推进“东湖新区”建设工作领导小组")]),
    ("东湖大学微生物所研究员、青禾病原微生物与免疫学重点实验室副主任窦明远表示，好。", [], "窦明远",
     [("研究员", "东湖大学微生物所"), ("副主任", "青禾病原微生物与免疫学重点实验室")]),
    # the post's ordinal belongs to neither the org nor the title
    ("欧洲青禾学院第二任院长罗伯特·斯通说，好。", [], "罗伯特·斯通", [("院长", "欧洲青禾学院")]),
    ("首任院长邝远山说，好。", [], "邝远山", [("院长", None)]),
])
def test_modifiers_ordinals_and_long_chains(tnlp, text, ents, name, titles):
    assert people(run(tnlp, text, ents))[name] == titles


def test_no_shared_name_where_an_org_and_title_follow(tnlp):
    """``A政委X、陆军某学院政委Y``: jieba's 陆军/nr opens Y's unit, no name sharing X's titles;
    a plain list (``某院副院长X、Y出席``) still shares them."""
    got = people(run(tnlp, "青禾大学政委邝远山、陆军指挥学院政委甘若冰出席会议。",
                     [("青禾大学", "ORG"), ("指挥学院", "ORG"), ("邝远山", "PERSON"), ("甘若冰", "PERSON")]))
    assert "陆军" not in got
    assert got["甘若冰"] == [("政委", "陆军指挥学院")]
    got = people(run(tnlp, "东湖研究院副院长罗小舟、窦明远出席会议。", [("东湖研究院", "ORG")]))
    assert got["窦明远"] == [("副院长", "东湖研究院")]


@pytest.mark.parametrize("text, name, titles", [
    ("曾经发掘多位作家的知名出版人罗伯特·斯通引进了这本书。", "罗伯特·斯通", [("出版人", None)]),
    ("挪威出版人安德斯也表示，图画书很受欢迎。", "安德斯", [("出版人", None)]),
])
def test_publisher_is_an_occupation(tnlp, text, name, titles):
    assert people(run(tnlp, text))[name] == titles


def test_publishers_without_a_name(tnlp):
    assert people(run(tnlp, "请资深科普出版人审阅书稿。")) == {}


def test_a_name_alone_on_a_signature_line_signs_the_epigraph(ex):
    # “…” / ——张三: the ner stage may miss a name with no context; the dash line is the cue
    # (冼星辉: a rare surname the recogniser does not tag there)
    text = "标题\n“要把路修好，让乡亲们走得舒心。”\n——冼星辉\n今年以来，各地积极推进建设。"
    quotes = ex.extract(text).to_dict()["quotes"]
    assert [(q["speaker"], q["cue"]["text"]) for q in quotes] == [("冼星辉", "——")]
    word_tag = ex.nlp.get_pipe("titles")._word_tag
    assert designations.cue_names(text, [], word_tag) == [(text.index("冼"), text.index("冼") + 3)]
    # a credit or a column name is no name (a surname and 1-2 characters only)
    for line in ("——编者", "——新华社", "——元旦献词"):
        assert ex.extract(f"标题\n“我们要走自己的路。”\n{line}\n正文内容。").to_dict()["quotes"] == []
