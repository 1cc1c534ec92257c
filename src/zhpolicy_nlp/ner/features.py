"""Per-character CRF features for the named-entity recogniser.

The model labels characters, not words: an entity boundary can fall inside a jieba word
(``中国驻美国大使馆`` is one word but LOC+ORG in some corpora), so words only feed features.
Each feature template is built for the whole sentence with one list comprehension over
shifted character lists, which keeps the per-character Python work (the throughput cost)
small; the per-character lists are zipped at the end.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

import numpy as np

from .. import lexicon
from ..text import is_han

_PAD_L, _PAD_R = "^", "$"
_DIGITS = set("0123456789０１２３４５６７８９")
_CN_NUM = set("〇零一二三四五六七八九十百千万亿两")
_LATIN = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
             "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
             "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ")


_TYPES: dict[str, str] = {}
# Full-width ASCII → half-width, Latin → lower case, ideographic space → space: the same
# figure or acronym written either way gets the same features (1990s corpora mix both forms).
_NORM = str.maketrans({**{chr(0xFF01 + i): chr(0x21 + i) for i in range(94)}, "\u3000": " "})
_NORM.update({ord(c): ord(c.lower()) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
_NORM.update({0xFF21 + i: ord("a") + i for i in range(26)})


def _char_type(c: str) -> str:
    """d digit, n Chinese numeral, a Latin, h Han, s space, p other; memoised."""
    t = _TYPES.get(c)
    if t is None:
        if c in _DIGITS:
            t = "d"
        elif c in _CN_NUM:
            t = "n"
        elif c in _LATIN:
            t = "a"
        elif is_han(c):
            t = "h"
        elif c.isspace():
            t = "s"
        else:
            t = "p"
        _TYPES[c] = t
    return t


@dataclass(frozen=True)
class Gazetteers:
    """Lexicon look-ups the features use; built once per component."""

    surnames: frozenset[str]
    places: frozenset[str]
    place_prefixes: frozenset[str]
    place_maxlen: int
    org_suffix_chars: frozenset[str]
    org_suffix_words: frozenset[str]

    @classmethod
    def load(cls) -> "Gazetteers":
        places = frozenset(lexicon.words("ner_places"))
        suffixes = lexicon.words("org_endings", "crf")
        return cls(
            surnames=lexicon.words("surnames", "crf", field=2),
            places=places,
            place_prefixes=frozenset(p[:2] for p in places),
            place_maxlen=max((len(p) for p in places), default=0),
            org_suffix_chars=frozenset(s for s in suffixes if len(s) == 1),
            org_suffix_words=frozenset(s for s in suffixes if len(s) > 1),
        )


def _place_tags(text: str, gaz: Gazetteers, starts: Optional[Iterable[int]] = None
                ) -> list[str]:
    """Forward maximum match of the place gazetteer: B/I/E per char, ``-`` outside.
    ``starts``: the positions ``i`` whose ``text[i:i + 2]`` is in ``gaz.place_prefixes``,
    ascending, if the caller found them (with :func:`pair_starts`); the scan visits only those,
    as the char-by-char scan skipped every other position."""
    n = len(text)
    tags = ["-"] * n
    prefixes, places, maxlen = gaz.place_prefixes, gaz.places, gaz.place_maxlen
    if starts is None:
        starts = [i for i in range(n - 1) if text[i:i + 2] in prefixes]
    i = 0   # the first position not inside a place found
    for p in starts:
        if p < i:
            continue
        for ln in range(min(maxlen, n - p), 1, -1):
            if text[p:p + ln] in places:
                tags[p] = "B"
                for k in range(p + 1, p + ln - 1):
                    tags[k] = "I"
                tags[p + ln - 1] = "E"
                i = p + ln
                break
    return tags


def code_points(text: str) -> np.ndarray:
    """The text's code points, int64 (a lone surrogate stays its own code point)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(
        np.int64)


def pair_codes(words: Iterable[str]) -> np.ndarray:
    """``first << 21 | second`` of the two-char entries of ``words``, sorted (code points fit
    21 bits, so distinct pairs get distinct codes)."""
    return np.array(sorted({ord(w[0]) << 21 | ord(w[1]) for w in words if len(w) == 2}),
                    dtype=np.int64)


def pair_starts(codes: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Bool per position ``i < len(codes) - 1``: whether the pair of code points at ``i`` and
    ``i + 1`` is in ``table`` (from :func:`pair_codes`). One array pass instead of a slice and
    a set look-up per character in Python."""
    if len(codes) < 2 or not len(table):
        return np.zeros(max(len(codes) - 1, 0), dtype=bool)
    pairs = codes[:-1] << 21 | codes[1:]
    at = np.searchsorted(table, pairs).clip(max=len(table) - 1)
    return table[at] == pairs


def _shape(n: int) -> tuple[str, ...]:
    ln = str(min(n, 5))
    if n == 1:
        return ("S" + ln,)
    return ("B" + ln, *(["M" + ln] * (n - 2)), "E" + ln)


_SHAPES = [(), *(_shape(n) for n in range(1, 64))]


def _word_tags(words: Sequence[str], gaz: Gazetteers) -> tuple[list[str], list[str]]:
    """Per char: position in its word (B/M/E/S + length) and whether the word ends like an
    org name. Word identities are left out: they duplicate the character n-grams, and the
    first model, which had them, generalised worse (see models/ner-crf/MODEL_CARD.md)."""
    sfx_c, sfx_w = gaz.org_suffix_chars, gaz.org_suffix_words
    pos: list[str] = []
    org: list[str] = []
    for w in words:
        n = len(w)
        pos.extend(_SHAPES[n] if n < 64 else _shape(n))
        org.extend(("W" if n > 1 and (w[-2:] in sfx_w or w[-1] in sfx_c) else "-") * n)
    return pos, org


def featurize(text: str, words: Sequence[str], gaz: Gazetteers) -> list[tuple[str, ...]]:
    """Feature strings for every character of ``text``; ``words`` is its segmentation
    (``"".join(words) == text``)."""
    text = text.translate(_NORM)
    chars = list(text)
    n = len(chars)
    if n == 0:
        return []
    p = [_PAD_L, _PAD_L, *chars, _PAD_R, _PAD_R]
    c_2, c_1, c0, c1, c2 = p[0:n], p[1:n + 1], p[2:n + 2], p[3:n + 3], p[4:n + 4]
    types = [_TYPES.get(c) or _char_type(c) for c in p]
    sur = gaz.surnames
    sfx = gaz.org_suffix_chars
    wpos, worg = _word_tags(words, gaz)
    place = _place_tags(text, gaz)
    place_p = ["^", *place[:-1]]
    place_n = [*place[1:], "$"]
    is_sur = ["1" if a in sur else "0" for a in p]
    cols = (
        ["c0=" + a for a in c0],
        ["c-1=" + a for a in c_1],
        ["c1=" + a for a in c1],
        ["c-1c0=" + a + b for a, b in zip(c_1, c0)],
        ["c0c1=" + a + b for a, b in zip(c0, c1)],
        ["c-2c-1=" + a + b for a, b in zip(c_2, c_1)],
        ["c1c2=" + a + b for a, b in zip(c1, c2)],
        ["c-1c0c1=" + a + b + d for a, b, d in zip(c_1, c0, c1)],
        ["t=" + a + b + d for a, b, d in zip(types[1:], types[2:], types[3:])],
        ["wp=" + a for a in wpos],
        ["wpc=" + a + b for a, b in zip(wpos, c0)],
        ["sn=" + a + b + d for a, b, d in zip(is_sur[1:], is_sur[2:], wpos)],
        ["os=" + ("1" if a in sfx else "0") + b + d[0] for a, b, d in zip(c0, worg, wpos)],
        ["pl=" + a + b + d for a, b, d in zip(place_p, place, place_n)],
    )
    return list(zip(*cols))
