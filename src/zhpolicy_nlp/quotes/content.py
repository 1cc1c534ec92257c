"""Text layout the quote attributor needs: paragraphs, sentence ends, quotation-mark pairs.

Everything works on code-point offsets into the document text, so quote spans come out
exact without going through tokens.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..text import CLOSERS, OPENERS, paragraphs, sentence_ends


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
