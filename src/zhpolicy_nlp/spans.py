"""Put character-offset spans on a Doc whose tokens may not align with them.

The recogniser and title resolver work in characters; spaCy's ``doc.ents`` needs token
boundaries. Tokens that straddle a span boundary are split (never merged), so the text and
every earlier character offset stay exactly as they were.
"""
from __future__ import annotations

import bisect
from typing import Iterable

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span


def split_at(doc: Doc, boundaries: Iterable[int]) -> None:
    """Split every token that has a char offset from ``boundaries`` strictly inside it."""
    cuts = sorted(set(boundaries))
    if not cuts or not len(doc):
        return
    # Token offsets in one C call: iterating Tokens costs seconds on a long document.
    arr = doc.to_array([IDX, LENGTH]).astype("int64")
    starts = arr[:, 0].tolist()
    ends = (arr[:, 0] + arr[:, 1]).tolist()
    inner: dict[int, list[int]] = {}
    for c in cuts:
        i = bisect.bisect_right(starts, c) - 1
        if i >= 0 and starts[i] < c < ends[i]:
            inner.setdefault(i, []).append(c)
    if not inner:
        return
    text = doc.text  # Doc.text is rebuilt on every access: read it once
    with doc.retokenize() as retok:
        for i, cs in inner.items():
            points = [starts[i], *cs, ends[i]]
            tok = doc[i]
            retok.split(tok, [text[a:b] for a, b in zip(points, points[1:])],
                        heads=[(tok, k) for k in range(len(points) - 1)])


def set_char_entities(doc: Doc, spans: Iterable[tuple[int, int, str]]) -> None:
    """Replace ``doc.ents`` by ``spans`` (start_char, end_char, label); overlaps keep the first
    longest span."""
    n = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0  # = len(doc.text), O(1)
    items = sorted({(s, e, l) for s, e, l in spans if 0 <= s < e <= n},
                   key=lambda x: (x[0], -(x[1] - x[0])))
    kept: list[tuple[int, int, str]] = []
    last_end = -1
    for s, e, l in items:
        if s >= last_end:
            kept.append((s, e, l))
            last_end = e
    split_at(doc, [b for s, e, _ in kept for b in (s, e)])
    ents: list[Span] = []
    for s, e, l in kept:
        span = doc.char_span(s, e, label=l, alignment_mode="strict")
        if span is not None:
            ents.append(span)
    doc.set_ents(ents, default="outside")


def char_entities(doc: Doc) -> list[tuple[int, int, str]]:
    """``doc.ents`` as (start_char, end_char, label)."""
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]
