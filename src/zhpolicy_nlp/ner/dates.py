"""DATE entities by rule: explicit calendar expressions only (SCHEMA §2).

``2018年11月8日``, ``去年7月份``, ``2018年10月底``, ``11月8日上午``, ``5日`` are dates; vague ones
(``近年来``, ``目前``) are not.
"""
from __future__ import annotations

import regex

_NUM = r"[0-9０-９一二三四五六七八九十〇零两]"
_YEAR = rf"(?:{_NUM}{{2,4}}年|[去今明前]年)"
_MONTH = rf"(?:{_NUM}{{1,2}}月份?)"
_DAY = rf"(?:{_NUM}{{1,3}}[日号])"
_PART = r"(?:[上中下]旬|[初底末])"
# A day without a month (外交部发言人5日表示, 北京6日电) is a date too (docs/annotation.md), in
# digits only and not a span of days (30日内办结): 一日三餐, 3号线 are no dates.
_BARE_DAY = r"(?<![0-9０-９.．])[0-9０-９]{1,2}日(?!(?:以|之)?内)"
DATE_RE = regex.compile(
    rf"(?:{_YEAR}(?:{_MONTH}{_DAY}?)?|{_MONTH}{_DAY}?|{_BARE_DAY})(?:{_PART})?"
)
_BARE_RELATIVE_YEAR = regex.compile(r"^[去今明前]年$")
_BARE_YEAR = regex.compile(rf"^{_YEAR}$")
# A bare year that opens the name of a document (2018年电子政务调查报告, 2019年政府工作报告) is
# part of a work's title, not a calendar expression: a run of Han characters with no verb or
# function word, ending in a document noun.
_DOC_NAME_AFTER_YEAR = regex.compile(
    r"度?[^\P{Han}将要是在了把被对向从为到已并和与或以来起前后底初末中至内时间]{0,12}?"
    r"(?:报告|调查|规划|计划|纲要|白皮书|指数|排行榜|榜单|预算|决算|年鉴|公报|方案|要点|名录)"
)


def find_dates(text: str) -> list[tuple[int, int]]:
    """Char spans of explicit calendar expressions."""
    out = []
    for m in DATE_RE.finditer(text):
        s, e = m.span()
        frag = m.group()
        if _BARE_RELATIVE_YEAR.match(frag):
            continue  # 今年 alone is relative but not a calendar expression in the guidelines
        if _BARE_YEAR.match(frag) and _DOC_NAME_AFTER_YEAR.match(text, e):
            continue
        out.append((s, e))
    return out
