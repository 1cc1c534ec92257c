"""DATE entities by rule: explicit calendar expressions only (SCHEMA §2).

``2018年11月8日``, ``去年7月份``, ``2018年10月底``, ``11月8日上午`` are dates; vague ones
(``近年来``, ``目前``) are not.
"""
from __future__ import annotations

import regex

_NUM = r"[0-9０-９一二三四五六七八九十〇零两]"
_YEAR = rf"(?:{_NUM}{{2,4}}年|[去今明前]年)"
_MONTH = rf"(?:{_NUM}{{1,2}}月份?)"
_DAY = rf"(?:{_NUM}{{1,3}}[日号])"
_PART = r"(?:[上中下]旬|[初底末])"
DATE_RE = regex.compile(
    rf"(?:{_YEAR}(?:{_MONTH}{_DAY}?)?|{_MONTH}{_DAY}?)(?:{_PART})?"
)
_BARE_RELATIVE_YEAR = regex.compile(r"^[去今明前]年$")


def find_dates(text: str) -> list[tuple[int, int]]:
    """Char spans of explicit calendar expressions."""
    out = []
    for m in DATE_RE.finditer(text):
        s, e = m.span()
        frag = m.group()
        if _BARE_RELATIVE_YEAR.match(frag):
            continue  # 今年 alone is relative but not a calendar expression in the guidelines
        out.append((s, e))
    return out
