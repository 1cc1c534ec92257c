"""Text layout the quote attributor needs: paragraphs, sentence ends, quotation-mark pairs.

Everything works on code-point offsets into the document text, so quote spans come out
exact without going through tokens.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

PARA_RE = regex.compile(r"[^\n]+")
# A sentence ends at 。！？ (or ASCII !?) and any closing marks right after it.
SENT_END_RE = regex.compile(r"[。！？!?…]+[”」’』\"]?")
OPENERS = "“「"
CLOSERS = {"“": "”", "「": "」"}
# Punctuation and space trimmed from span ends (the evaluator trims the same way).
TRIM = " \t\r\n\u3000，,。．.！!？?；;：:、…—-“”「」‘’\"'（）()《》"
CLAUSE_PUNCT = "，,。！？!?；;："


@dataclass(frozen=True)
class Marked:
    """Text inside one pair of quotation marks (``open``/``close`` are the marks' offsets)."""

    open: int
    close: int

    @property
    def start(self) -> int:
        return self.open + 1

    @property
    def end(self) -> int:
        return self.close


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in PARA_RE.finditer(text)]


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end (after the terminator and a closing mark)."""
    return [m.end() for m in SENT_END_RE.finditer(text)]


def quote_pairs(text: str, para: tuple[int, int]) -> list[Marked]:
    """Matched quotation marks inside one paragraph: “…”, 「…」 and ASCII "…" pairs."""
    out: list[Marked] = []
    s, e = para
    i = s
    while i < e:
        ch = text[i]
        if ch in OPENERS:
            j = text.find(CLOSERS[ch], i + 1, e)
            if j < 0:
                break
            out.append(Marked(i, j))
            i = j + 1
        elif ch == '"':
            j = text.find('"', i + 1, e)
            if j < 0:
                break
            out.append(Marked(i, j))
            i = j + 1
        else:
            i += 1
    return out


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` shrunk past punctuation and space at both ends."""
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


class Layout:
    """Paragraph and sentence lookup for one document."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paras = paragraphs(text)
        self.ends = sentence_ends(text)

    def sentence_end(self, pos: int, limit: int) -> int:
        """End of the sentence that contains ``pos``, at most ``limit``."""
        i = bisect.bisect_right(self.ends, pos)
        return min(self.ends[i], limit) if i < len(self.ends) else limit

    def sentence_start(self, pos: int, floor: int) -> int:
        """Start of the sentence containing ``pos``, not before ``floor``."""
        i = bisect.bisect_right(self.ends, pos) - 1
        return max(self.ends[i], floor) if i >= 0 else floor
