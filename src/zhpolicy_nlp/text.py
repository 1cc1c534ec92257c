"""Text utilities every stage shares: Han characters, punctuation, paragraphs, sentences, trim.

Everything works on code-point offsets into the text as given (the offsets contract of
docs/architecture.md), so spans found here are spans of the document.
"""
from __future__ import annotations

from typing import Callable, Union

import regex

# One definition of a Chinese character: Unicode's Han script (the basic block 一-龥 plus the
# extensions, 〇 and compatibility ideographs), for use inside a regex character class.
HAN = r"\p{Han}"
_HAN_CHAR = regex.compile(HAN)


def is_han(ch: str) -> bool:
    """Is ``ch`` (one character) a Chinese character?"""
    return _HAN_CHAR.match(ch) is not None


# Punctuation and spaces that separate words: a name or an organisation never runs over one.
PUNCT = frozenset("，。；：！？、“”‘’（）()《》〈〉【】「」『』…—,.;:!?\"' \u3000\t\n\r")
# What ends a clause (a quote's content, a speaker's lead-in stops there).
CLAUSE_PUNCT = "，,。！？!?；;："
# Punctuation and space trimmed from the ends of a quote's span (the evaluator trims the same way).
TRIM = " \t\r\n\u3000，,。．.！!？?；;：:、…—-“”「」‘’\"'（）()《》"

# Quotation marks that open a quotation or a term, and the mark that closes each.
OPENERS = "“「"
CLOSERS = {"“": "”", "「": "」"}

# A paragraph is a run of characters between newlines.
PARA_RE = regex.compile(r"[^\n]+")
# A sentence ends at 。！？ (or ASCII !?, or …) and a closing quotation mark right after it.
SENT_END_RE = regex.compile(r"[。！？!?…]+[”」’』\"]?")
# A sentence piece for tagging: up to and including its 。！？ or newline (titles stage).
SENTENCE_RE = regex.compile(r"[^。！？\n]+[。！？\n]*|[。！？\n]+")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph."""
    return [m.span() for m in PARA_RE.finditer(text)]


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end (after the terminator and a closing mark)."""
    return [m.end() for m in SENT_END_RE.finditer(text)]


def not_alnum(ch: str) -> bool:
    """What an NER span drops at its edges: anything not a letter or digit."""
    return not ch.isalnum()


def trim(text: str, start: int, end: int,
         strip: Union[str, Callable[[str], bool]] = TRIM) -> tuple[int, int]:
    """``(start, end)`` shrunk past the characters ``strip`` names at both ends.

    ``strip`` is a set of characters (default: punctuation and space, what a quote's span
    drops) or a predicate. The two callers differ on purpose: a quote keeps a % or a
    currency sign at its edge, while an NER span drops every character that is not a letter
    or digit (:func:`not_alnum`), since a model can tag symbols it never saw."""
    drop = strip.__contains__ if isinstance(strip, str) else strip
    while start < end and drop(text[start]):
        start += 1
    while end > start and drop(text[end - 1]):
        end -= 1
    return start, end
