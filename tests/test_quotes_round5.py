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
