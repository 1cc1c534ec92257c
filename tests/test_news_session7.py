"""Issue #12, seventh session: mechanisms found on dev errors and on unannotated corpus articles
(samples drawn by seeds 80-82), on sentences written for these tests (no article text), through
the whole pipeline."""
from __future__ import annotations

import pytest

from news_said import said


@pytest.mark.parametrize("text, expected", [
    # the press as a group before 报道 (jieba glues 媒体报道 into one word)
    ("有媒体报道，该市已有三万名琴童。", [("媒体", "该市已有三万名琴童")]),
    ("外媒报道，该国总统已于当天离开首都。", [("外媒", "该国总统已于当天离开首都")]),
    # the writer, like a reporter, learned it from a named source
    ("笔者从区地名管理部门了解到，这条路早有路牌。", [("区地名管理部门", "这条路早有路牌")]),
    # short forms of the top court and procuratorate are bodies
    ("最高检明确要求，办理此类案件要从严把握。", [("最高检", "办理此类案件要从严把握")]),
    ("最高法表示，将加快出台相关司法解释。", [("最高法", "将加快出台相关司法解释")]),
])
def test_sources_of_corpus_articles(ex, text, expected):
    assert said(ex, text) == expected


@pytest.mark.parametrize("text, speaker", [
    # a post with its country, or a body, issues a statement, then a cue with no subject speaks
    ("英国外长发表声明，宣布英国将启动争端解决机制。", "英国外长"),
    ("美国国务院发表声明，宣布将撤回部分外交人员。", "美国国务院"),
])
def test_a_left_out_subject_after_an_issued_statement(ex, text, speaker):
    assert [s for s, _ in said(ex, text)] == [speaker]


def test_an_object_before_the_comma_does_not_speak(ex):
    # 以信息披露为中心 ends like a body (中心) but is a phrase; 强调 has no source here
    assert said(ex, "审核以信息披露为中心，强调公开透明。") == []


def test_a_country_bank_keeps_its_country(ex):
    doc = ex.nlp("巴西央行预计，该国经济增长率约为1.2%。")
    assert said(ex, doc.text)[0][0] == "巴西央行"
