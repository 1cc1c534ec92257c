"""Issue #12, fifth dev pass (round-6 dev articles): collective and survey sources, frames,
unnamed speakers of cueless quotations and where a running indirect quote stops, on sentences
written for these tests (no article text), with the quotes stage alone (see test_quotes.run)."""
from __future__ import annotations

from test_quotes import qnlp, run, said  # noqa: F401  (qnlp is a fixture)


def test_an_assembly_or_the_troops_speak_as_one(qnlp):
    qs = run(qnlp, "会上，大家一致认为，这项改革有利于减轻企业负担。")
    assert said(qs) == [("indirect", "大家", "这项改革有利于减轻企业负担")]
    # jieba glues 一致 onto 官兵 (官兵一致); the whole of the group stays in the speaker
    qs = run(qnlp, "全军官兵一致表示，要把各项工作落到实处，完成全年训练任务。")
    assert said(qs) == [("indirect", "全军官兵", "要把各项工作落到实处，完成全年训练任务")]
    qs = run(qnlp, "图书出版后，大家表达了对它的喜爱，认为读后深受鼓舞。")
    assert said(qs) == [("indirect", "大家", "读后深受鼓舞")]
    # 大家 as the addressee is no source
    assert run(qnlp, "他向大家介绍了村里的新变化。", [("他", "PERSON")]) == []


def test_a_surveys_share_speaks_as_worded(qnlp):
    qs = run(qnlp, "调查结束后，62.5%的受访者认为物价涨得太快，只有8.3%的人认为收入明显增加。")
    assert said(qs) == [("indirect", "62.5%的受访者", "物价涨得太快"),
                        ("indirect", "只有8.3%的人", "收入明显增加")]
    qs = run(qnlp, "三成受访企业表示，今年的订单已恢复到去年同期水平。")
    assert said(qs) == [("indirect", "三成受访企业", "今年的订单已恢复到去年同期水平")]


def test_an_official_reading_frames_a_report(qnlp):
    qs = run(qnlp, "按照主管部门的解读，新规将明显减轻小微企业的办税负担。")
    assert said(qs) == [("indirect", "主管部门", "新规将明显减轻小微企业的办税负担")]


def test_an_unnamed_team_after_an_indefinite_is_a_source(qnlp):
    qs = run(qnlp, "一个联合科研团队研究了多种候鸟的迁徙路线，发现它们能借助地磁场辨别方向。")
    assert said(qs) == [("indirect", "一个联合科研团队", "它们能借助地磁场辨别方向")]


def test_a_possessive_qi_is_no_left_out_subject(qnlp):
    # 其成果: the institute's results; the cue after the comma is the institute's, not 周某's
    text = ("研究员周某介绍了有关情况。\n某省农业研究所联合多家单位开展研究，其成果已在期刊发表，"
            "并认为这种病害主要由土壤湿度过高引起。")
    qs = run(qnlp, text, [("周某", "PERSON"), ("某省农业研究所", "ORG")])
    assert ("indirect", "某省农业研究所", "这种病害主要由土壤湿度过高引起") in said(qs)


def test_a_cueless_quotation_goes_to_the_unnamed_subject_after_it(qnlp):
    qs = run(qnlp, "“材料都丢了，还能办吗？”刘女士一进大厅就向窗口打听。")
    assert said(qs) == [("direct", "刘女士", "材料都丢了，还能办吗？")]
    # the subject of the next sentence, not the person it acts on
    qs = run(qnlp, "“别着急，带上身份证就行。”工作人员接过刘女士的材料，很快办好了手续。")
    assert said(qs) == [("direct", "工作人员", "别着急，带上身份证就行")]
    # a group word before a name describes that person
    qs = run(qnlp, "“以前哪敢想村里能修上这么宽的水泥路！”村民吴大年一边比划一边笑。", [("吴大年", "PERSON")])
    assert [q.speaker for q in qs] == ["吴大年"]


def test_a_running_quote_stops_where_the_writer_tells_of_the_speaker(qnlp):
    qs = run(qnlp, "韩梅告诉记者，这是多年养成的习惯。退休以后，韩梅每天都会去公园散步。",
             [("韩梅", "PERSON")])
    assert said(qs) == [("indirect", "韩梅", "这是多年养成的习惯")]
    qs = run(qnlp, "韩梅表示，康复训练的过程非常艰难。那段日子的辛苦，深深地留在了她的记忆里。",
             [("韩梅", "PERSON")])
    assert said(qs) == [("indirect", "韩梅", "康复训练的过程非常艰难")]
    # the speaker's own first-person sentence about someone else runs on
    qs = run(qnlp, "韩梅说，站里有个老职工很有经验。只要他一看天，我们就知道要变天了。",
             [("韩梅", "PERSON")])
    assert said(qs)[0][2].endswith("我们就知道要变天了")


def test_a_leaders_speech_inside_a_meetings_statement_keeps_it_running(qnlp):
    qs = run(qnlp, "会议强调，今年是决胜之年。张三主席在座谈会上发表的重要讲话，具有重要指导意义。",
             [("张三", "PERSON")])
    assert said(qs) == [("indirect", "会议", "今年是决胜之年。张三主席在座谈会上发表的重要讲话，具有重要指导意义")]


def test_a_requirement_or_provision_after_an_implementing_verb_is_a_noun(qnlp):
    # jieba's 坚决贯彻 / 贯彻落实 are one word each: still the 贯彻 frame
    qs = run(qnlp, "赵某说，干部要敢于担当。各地环保部门要坚决贯彻党中央要求，守护好一方碧水蓝天。",
             [("赵某", "PERSON"), ("党中央", "ORG")])
    assert [q.speaker for q in qs] == ["赵某"]
    qs = run(qnlp, "全体官兵表示，要贯彻落实上级决策指示，坚决完成全年任务。")
    assert said(qs) == [("indirect", "全体官兵", "要贯彻落实上级决策指示，坚决完成全年任务")]
    # 相关规定 is no rule speaking (but 某法规定，… is)
    assert run(qnlp, "这份合同符合劳动法和相关规定，双方都应当遵守。") == []
    qs = run(qnlp, "张三说，这份合同符合劳动法和相关规定，双方都应当遵守。", [("张三", "PERSON")])
    assert [q.speaker for q in qs] == ["张三"]


def test_the_person_spoken_to_after_dui_and_a_designation_is_no_source(qnlp):
    text = "某公司总经理张伯伦在一次展会上对星光出版社总编辑李四说：“我们很看好这个市场。”"
    qs = run(qnlp, text, [("张伯伦", "PERSON"), ("李四", "PERSON"), ("星光出版社", "ORG"),
                          ("总经理", "TITLE"), ("总编辑", "TITLE")])
    assert said(qs) == [("direct", "张伯伦", "我们很看好这个市场。".strip("。"))]
    # 探月与航天工程中心: 与 inside an organisation's name joins no second party
    text = "某局探月与航天工程中心主任刘某说：“我们将继续努力。”"
    qs = run(qnlp, text, [("刘某", "PERSON"), ("航天工程中心", "ORG"), ("主任", "TITLE")])
    assert [q.speaker for q in qs] == ["刘某"]


def test_a_rules_provision_is_one_sentence_and_an_analysis_is_the_writers(qnlp):
    qs = run(qnlp, "按照某市法例规定，车辆不得在人行道上停放。只要遵守规定，市民出行就会更加方便。")
    assert [q.text.strip("。") for q in qs] == ["车辆不得在人行道上停放"]
    qs = run(qnlp, "某国央行预计，今年经济增长率约为百分之一。分析认为，出口下降是增长乏力的主要原因。",
             [("某国央行", "ORG")])
    assert said(qs) == [("indirect", "某国央行", "今年经济增长率约为百分之一")]
