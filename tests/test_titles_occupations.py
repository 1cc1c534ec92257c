"""Titles stage, issue #12 (second dev pass): occupations as titles next to a name, and
surname guesses that are words. Every sentence is made up for these tests."""
from __future__ import annotations

import pytest

from test_titles import people, run, tnlp  # noqa: F401  (the titles tests' own helpers)
from zhpolicy_nlp import lexicon, result
from zhpolicy_nlp.titles import lexicon as tl


def test_occupation_lexicon_states_its_source_and_is_apart_from_titles():
    head = lexicon._path("title_occupations").read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("#")
    assert {"外卖骑手", "钢琴家", "医生", "负责人"} <= tl.occupations()
    assert not tl.occupations() & lexicon.words("titles")
    assert tl.is_occupation("高级工程师") and tl.is_occupation("副站长")
    assert not tl.is_occupation("副局长")


@pytest.mark.parametrize("text, ents, name, titles", [
    ("外卖骑手孟小川说，订单比平时多了一倍。", [("孟小川", "PERSON")], "孟小川", [("外卖骑手", None)]),
    ("当天，钢琴家范一鸣在音乐厅演奏了新作。", [("范一鸣", "PERSON")], "范一鸣", [("钢琴家", None)]),
    ("在严晓东老师的帮助下，他考上了音乐学院。", [("严晓东", "PERSON")], "严晓东", [("老师", None)]),
    ("邻县医院医生柯文静告诉记者，患者已经出院。", [("柯文静", "PERSON")], "柯文静", [("医生", "邻县医院")]),
])
def test_occupation_next_to_a_name_is_a_title(tnlp, text, ents, name, titles):
    doc = run(tnlp, text, ents)
    assert people(doc)[name] == titles
    assert titles[0][0] in [e.text for e in doc.ents if e.label_ == "TITLE"]


@pytest.mark.parametrize("text", [
    "医生们连续工作了十几个小时。",
    "接诊的医生及时发现了病情变化。",
    "一名护士正在给病人换药。",
    "这家医院的医生主动上门服务。",
    "有关负责人表示，将尽快公布结果。",
    "祝福医生和他们的家人平安。",          # 祝福 is a POS name (nr) to jieba, no entity
    "要加强中小学和幼儿园教师配备。",      # 幼儿园/nr
])
def test_occupation_without_a_name_is_nobody(tnlp, text):
    doc = run(tnlp, text)
    assert result.people(doc) == []
    assert not [e for e in doc.ents if e.label_ == "TITLE"]


def test_occupation_inside_an_organisation_is_no_title(tnlp):
    """律师协会, 好医生董事长: the occupation is part of a body's or a firm's name."""
    doc = run(tnlp, "东江省律师协会副会长程立平出席会议。")
    assert people(doc)["程立平"] == [("副会长", "东江省律师协会")]
    doc = run(tnlp, "会上，快乐好医生董事长梁子健致辞。")
    assert people(doc)["梁子健"] == [("董事长", "快乐好医生")]


@pytest.mark.parametrize("text", [
    "提案的质量来自委员高质量履职。",          # 委员|高质量: a common word
    "总书记关心最多的是基层群众。",            # 总书记|关心
    "回望总书记的足迹，大家感慨万千。",        # 回望 is a verb before the title
    "“真的吗？”记者好奇地问。",               # 记者|好奇地
    "他和其他代表共同提交了议案。",            # 和|其他 代表
    "每周六是局长接待日。",                    # 局长|接待日
    "总书记祝福我们把日子过得更好。",          # 总书记|祝福|我们: a verb and its object
])
def test_surname_guesses_that_are_words_name_nobody(tnlp, text):
    assert result.people(run(tnlp, text)) == []


def test_rare_word_given_name_stays_a_name(tnlp):
    """钱立新: 立新 is a dictionary adverb, but too rare to be read as one after a title."""
    doc = run(tnlp, "交通局局长钱立新说，道路年底通车。")
    assert "钱立新" in people(doc)


@pytest.mark.parametrize("text, ents, name, titles", [
    # units named before a post: a school, a hotel, a project, a numbered office or township
    ("原临江区第三中心小学校长戴文清说，孩子们进步很快。", [("戴文清", "PERSON")], "戴文清",
     [("校长", "临江区第三中心小学")]),
    ("南湖国际大酒店经理魏凯说，客人越来越多。", [("魏凯", "PERSON")], "魏凯", [("经理", "南湖国际大酒店")]),
    ("市生态环境局执法二处处长葛文涛表示，将开展交叉执法。", [("葛文涛", "PERSON")], "葛文涛",
     [("处长", "市生态环境局执法二处")]),
    ("观看演出的红星乡乡长田志平说，节目很精彩。", [("田志平", "PERSON")], "田志平", [("乡长", "红星乡")]),
    ("中国农科院油料所副所长庞立新表示，油菜耐寒。", [("中国农科院", "ORG"), ("庞立新", "PERSON")],
     "庞立新", [("副所长", "中国农科院油料所")]),
    # the story's company, named by the clause itself; an unnamed unit stays null
    ("公司副总经理邱海燕说，订单已经排到年底。", [("邱海燕", "PERSON")], "邱海燕", [("副总经理", "公司")]),
    ("该公司副总经理邱海燕说，订单已经排到年底。", [("邱海燕", "PERSON")], "邱海燕", [("副总经理", None)]),
    ("某部副站长孔德明扎根高原二十年。", [("孔德明", "PERSON")], "孔德明", [("副站长", None)]),
])
def test_organisation_before_a_title(tnlp, text, ents, name, titles):
    assert people(run(tnlp, text, ents))[name] == titles


def test_transliterated_name_ends_before_a_common_word(tnlp):
    """米哈伊洛|赞叹不已: 赞 is a transliteration character, but 赞叹 is a common word."""
    doc = run(tnlp, "村长米哈伊洛赞叹不已：“太精彩了。”")
    assert "米哈伊洛" in people(doc)


@pytest.mark.parametrize("text, ents, name, titles", [
    # a copula ties the name to the title: after it (的/，) or before the copula
    ("已经是东川理工大学教授的韦嘉明回忆起往事。", [("东川理工大学", "ORG"), ("韦嘉明", "PERSON")],
     "韦嘉明", [("教授", "东川理工大学")]),
    ("担任村支书的戚振国，心里五味杂陈。", [], "戚振国", [("村支书", None)]),
    ("作为临川市人民医院感染科主任，蒲一帆已在一线奋战了五十天。",
     [("临川市人民医院", "ORG"), ("蒲一帆", "PERSON")], "蒲一帆", [("主任", "临川市人民医院感染科")]),
    ("闵若兰是西川艺术研究院助理研究员。", [("闵若兰", "PERSON"), ("西川艺术研究院", "ORG")],
     "闵若兰", [("助理研究员", "西川艺术研究院")]),
    # 的 between a named organisation and the title
    ("南洋学院的老师苏丽娜带来了四名学生。", [("南洋学院", "ORG"), ("苏丽娜", "PERSON")],
     "苏丽娜", [("老师", "南洋学院")]),
    # a quoted short name inside the organisation
    ("桐江市环境监察大队“清水队”队长柴国栋说，巡查从未间断。", [("柴国栋", "PERSON")], "柴国栋",
     [("队长", "桐江市环境监察大队“清水队”")]),
    # 仍 ends a given name
    ("当时作为哨所值班员的邬海仍激动万分。", [], "邬海", [("值班员", "哨所")]),
])
def test_copulas_and_marks_around_a_title(tnlp, text, ents, name, titles):
    assert people(run(tnlp, text, ents))[name] == titles


@pytest.mark.parametrize("text, ents", [
    ("这是学院的老师们一起完成的作品。", [("学院", "ORG")]),
    ("他是一名医生。", []),
    ("王书记是大家的主心骨。", []),
])
def test_copula_without_a_named_person_names_nobody(tnlp, text, ents):
    assert result.people(run(tnlp, text, ents)) == []


def test_title_inside_an_organisation_entity_is_none(tnlp):
    """湖南省长沙市…居委(会): the ner stage's ORG holds 省长, which names nobody."""
    text = "姑娘鲁晓是江南省长林市青石街道社区居委会副主任。"
    doc = run(tnlp, text, [("鲁晓", "PERSON"), ("江南省长林市青石街道社区居委", "ORG")])
    assert "省长" not in [e.text for e in doc.ents if e.label_ == "TITLE"]
    assert not [p for p in result.people(doc) if p.name.startswith("林市")]


@pytest.mark.parametrize("text, ents, name, titles", [
    ("“第一书记”邝立军和村两委提出设想。", [("邝立军", "PERSON")], "邝立军", [("第一书记", None)]),
    ("滩头年画第四代传承人龙秀英每天直播。", [("龙秀英", "PERSON")], "龙秀英", [("传承人", None)]),
    ("铜山区环境卫生管理所相关负责人童浩说，公厕不够。", [("童浩", "PERSON")], "童浩",
     [("负责人", "铜山区环境卫生管理所")]),
    # a nationality before a plain occupation: org null (docs/annotation.md), 女 no part of the title
    ("这些话出自葡萄牙女作家索菲娅·门德斯。", [("葡萄牙", "LOC")], "索菲娅·门德斯", [("作家", None)]),
    ("互联网养老护理员蓝小雨：手机接单，上门服务", [("蓝小雨", "PERSON")], "蓝小雨", [("养老护理员", None)]),
    ("某陆航旅飞行员庞振宇忘不了那一天。", [("庞振宇", "PERSON")], "庞振宇", [("飞行员", None)]),
    ("他的哥哥叫郁进山，石桥村十组的村民小组长，是个热心人。", [("郁进山", "PERSON")], "郁进山",
     [("村民小组长", "石桥村十组")]),
])
def test_marks_fillers_and_appositions(tnlp, text, ents, name, titles):
    assert people(run(tnlp, text, ents))[name] == titles


def test_party_role_before_an_organisation_is_no_part_of_it(tnlp):
    """主办方|某市某文化中心 主任: the role word says which side the organisation is."""
    doc = run(tnlp, "活动的主办方维也纳中国文化中心主任蒙小娟表示，反响很好。",
              [("维也纳", "LOC"), ("中国文化中心", "ORG"), ("蒙小娟", "PERSON")])
    assert people(doc)["蒙小娟"] == [("主任", "维也纳中国文化中心")]


def test_title_tagged_as_verb_before_a_ner_person(tnlp):
    """教研组|组长/v 刘某: jieba may tag the title a verb when it misreads the name after it;
    the ner stage's PERSON there shows it is a title (代表/v 党中央 stays a verb)."""
    doc = run(tnlp, "青松实验学校体育教研组组长刘小满认为，作业要适量。", [("刘小满", "PERSON")])
    assert people(doc)["刘小满"] == [("组长", "青松实验学校体育教研组")]
    assert result.people(run(tnlp, "他代表党中央向大家表示慰问。")) == []


def test_nationality_before_an_occupation_is_no_org(tnlp):
    """某国学者X: org null, the country in org_also (docs/annotation.md); a place that employs
    (某镇讲解员) and a country before a post (某国总统) keep their org."""
    doc = run(tnlp, "早在上世纪60年代，法国学者让·杜邦就提出了这一观点。", [("法国", "LOC")])
    assert people(doc)["让·杜邦"] == [("学者", None)]
    assert "法国" in [e.text for e in doc.ents if e.label_ == "LOC"]
    doc = run(tnlp, "法国总统让·杜邦表示欢迎。", [("法国", "LOC")])
    assert people(doc)["让·杜邦"] == [("总统", "法国")]
