"""Issue #12, fourth dev pass (round-5 dev articles): general reporting verbs, sources and
frames, on sentences written for these tests (no article text), with the quotes stage alone
(see test_quotes.run)."""
from __future__ import annotations

from test_quotes import qnlp, run, said  # noqa: F401  (qnlp is a fixture)


def test_urge_is_a_directive_cue(qnlp):
    qs = run(qnlp, "某国际组织近日敦促各国加大对基础设施的投资。这是该组织今年第二次发出呼吁。",
             [("某国际组织", "ORG")])
    assert said(qs) == [("indirect", "某国际组织", "各国加大对基础设施的投资")]


def test_manner_verb_with_dao_is_a_speech_verb(qnlp):
    qs = run(qnlp, "“日子一年比一年好。”马兰笑道，儿子明年也要回村里开店。", [("马兰", "PERSON")])
    assert said(qs) == [("direct", "马兰", "日子一年比一年好"),
                        ("indirect", "马兰", "儿子明年也要回村里开店")]
    qs = run(qnlp, "韩松评论道，这样的做法只会让问题更加严重。", [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "这样的做法只会让问题更加严重")]


def test_exclaim_and_demonstrate_report_before_a_comma_or_colon(qnlp):
    qs = run(qnlp, "韩松感叹，村里的路修好以后，来的游客一年比一年多。", [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "村里的路修好以后，来的游客一年比一年多")]
    qs = run(qnlp, "马兰向记者演示：打开手机就能登记，审核通过后生成一个二维码。", [("马兰", "PERSON")])
    assert said(qs) == [("indirect", "马兰", "打开手机就能登记，审核通过后生成一个二维码")]
    assert run(qnlp, "马兰向参观者演示了新设备的操作方法。", [("马兰", "PERSON")]) == []


def test_market_and_unnamed_many_are_sources(qnlp):
    qs = run(qnlp, "市场普遍预计，某国今年的经济增速将回升至百分之三左右。")
    assert said(qs) == [("indirect", "市场", "某国今年的经济增速将回升至百分之三左右")]
    qs = run(qnlp, "很多人认为，在家办公是大势所趋，但操作起来仍有障碍。")
    assert said(qs) == [("indirect", "很多人", "在家办公是大势所趋，但操作起来仍有障碍")]


def test_the_body_whose_figures_they_are_speaks(qnlp):
    qs = run(qnlp, "根据某国统计局公布的数据，去年该国粮食产量比上年增长百分之二。", [("某国统计局", "ORG")])
    assert said(qs) == [("indirect", "某国统计局", "去年该国粮食产量比上年增长百分之二")]
    assert run(qnlp, "教练组会根据监测的数据，调整每个人的训练计划。") == []


def test_an_issued_statement_or_notice_reports_one_sentence(qnlp):
    qs = run(qnlp, "某某联合会发表声明，支持政府依法处置暴力行为。这一声明得到各界响应。",
             [("某某联合会", "ORG")])
    assert said(qs) == [("indirect", "某某联合会", "支持政府依法处置暴力行为")]
    qs = run(qnlp, "某市防控指挥部发布通告，自3月1日起所有公共场所实行扫码出入。",
             [("某市防控指挥部", "ORG")])
    assert said(qs) == [("indirect", "某市防控指挥部", "自3月1日起所有公共场所实行扫码出入")]
    # the verb after the comma reports; an attitude to a thing says nothing
    qs = run(qnlp, "某某联合会发表声明，认为此举有助于恢复秩序。", [("某某联合会", "ORG")])
    assert [(q.cue.text, q.text) for q in qs] == [("认为", "此举有助于恢复秩序")]
    assert run(qnlp, "某某联合会发表声明，对双方达成协议表示欢迎。", [("某某联合会", "ORG")]) == []


def test_an_outlets_piece_issued_before_the_cue_is_the_outlets(qnlp):
    qs = run(qnlp, "《某某日报》5日发表时评文章，认为禁止蒙面是止暴制乱的必要手段。",
             [("某某日报", "ORG")])
    assert said(qs) == [("indirect", "某某日报", "禁止蒙面是止暴制乱的必要手段")]


def test_joint_bodies_listed_with_a_dun_comma_give_the_first(qnlp):
    qs = run(qnlp, "某甲商会、某乙商会等各大商会均表示，希望新规能够减少冲突。",
             [("某甲商会", "ORG"), ("某乙商会", "ORG")])
    assert [q.speaker for q in qs] == ["某甲商会"]


def test_a_titled_person_opening_a_sentence_ends_the_running_quote(qnlp):
    text = "韩松评论道，很多政客只是在转移视线。某国前副部长马兰说得更透彻——先管好自己。"
    qs = run(qnlp, text, [("韩松", "PERSON"), ("马兰", "PERSON"), ("副部长", "TITLE")])
    assert said(qs)[0] == ("indirect", "韩松", "很多政客只是在转移视线")


def test_a_byline_is_no_heading_and_a_signed_account_is_the_tellers(qnlp):
    text = ("那天夜里我们挨家挨户登记，直到凌晨才回家。\n一天下来，我都没顾上喝口水，但心里踏实了。\n"
            "某社区党总支书记马兰讲述\n本报记者  韩松整理\n")
    qs = run(qnlp, text, [("马兰", "PERSON"), ("韩松", "PERSON")])
    assert said(qs) == [("indirect", "马兰", "一天下来，我都没顾上喝口水，但心里踏实了")]
    assert qs[0].cue.text == "讲述"


def test_staff_or_public_of_a_place_in_a_subheading_speak(qnlp):
    text = "标题\n当地员工——\n我们一直像爱护自己家一样保护工地环境\n正文写了一些别的事情。"
    qs = run(qnlp, text)
    assert said(qs) == [("indirect", "当地员工", "我们一直像爱护自己家一样保护工地环境")]
    text = "标题\n附近居民——\n好邻居让我认识了这家企业，也喜欢上了这里的人\n正文写了一些别的事情。"
    assert [q.speaker for q in run(qnlp, text)] == ["附近居民"]


def test_a_cue_jieba_glues_into_a_made_up_word_or_after_suo(qnlp):
    # jieba cuts 眼|含泪|花说: 花说 is no dictionary word, its 说 is the cue
    qs = run(qnlp, "马兰眼含泪花说：“对国家尽忠，就是对父母最大的孝。”", [("马兰", "PERSON")])
    assert said(qs) == [("direct", "马兰", "对国家尽忠，就是对父母最大的孝")]
    qs = run(qnlp, "正如韩松所说，这部戏既是一部童话，又蕴含着丰富的生命哲理。", [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "这部戏既是一部童话，又蕴含着丰富的生命哲理")]


def test_advice_to_someone_is_reported_after_the_addressee(qnlp):
    qs = run(qnlp, "辅导员开导他，“你不要急，学校开发了就业平台，在家也能找工作。”")
    assert said(qs) == [("direct", "辅导员", "你不要急，学校开发了就业平台，在家也能找工作")]
    qs = run(qnlp, "临走时，马兰嘱咐大家，一定要注意安全，按时回来。", [("马兰", "PERSON")])
    assert said(qs) == [("indirect", "马兰", "一定要注意安全，按时回来")]


def test_an_outlets_editorial_is_a_source(qnlp):
    qs = run(qnlp, "《某某日报》的社评指出，这是恢复秩序的重要举措。", [("某某日报", "ORG")])
    assert [(q.kind, q.text) for q in qs] == [("indirect", "这是恢复秩序的重要举措")]


def test_a_cue_closing_its_paragraph_with_a_colon_reports_the_next_paragraph(qnlp):
    text = "会上，某部部长马兰向记者介绍了有关情况：\n去年全国公路总里程达到500万公里，比上年增长百分之三。\n另一段落写别的事情。"
    qs = run(qnlp, text, [("马兰", "PERSON")])
    assert said(qs) == [("indirect", "马兰", "去年全国公路总里程达到500万公里，比上年增长百分之三")]


def test_the_writer_turning_to_a_response_ends_the_running_quote(qnlp):
    text = "舆论普遍认为，网络已成为极端分子宣传激进思想的平台。对此，该国政府最近通过了一项新法案。"
    qs = run(qnlp, text)
    assert said(qs) == [("indirect", "舆论", "网络已成为极端分子宣传激进思想的平台")]


def test_a_proposals_clause_may_end_in_a_topic_word(qnlp):
    qs = run(qnlp, "某委员会建议各国实施结构改革和财政刺激计划，增加投资。", [("某委员会", "ORG")])
    assert said(qs) == [("indirect", "某委员会", "各国实施结构改革和财政刺激计划，增加投资")]
    # 说 + topics is narration: 代表们开诚布公地说现状、话长远、提建议
    assert run(qnlp, "代表们开诚布公地说现状、话长远、提建议。") == []
