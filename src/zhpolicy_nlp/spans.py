"""Put character-offset spans on a Doc whose tokens may not align with them.

The recogniser and title resolver work in characters; spaCy's ``doc.ents`` needs token
boundaries. Tokens that straddle a span boundary are split (never merged), so the text and
every earlier character offset stay exactly as they were; splitting builds a new Doc, which the
callers use from then on.
"""
from __future__ import annotations

import bisect
from typing import Iterable, Optional, Sequence, Tuple

from spacy.attrs import IDX, LENGTH, ORTH, SPACY
from spacy.tokens import Doc, Span


def tokens_and_text(doc: Doc) -> tuple[list[int], list[str], str]:
    """(token offsets, token texts, ``doc.text``) from the Doc's arrays: iterating the Doc or
    reading ``doc.text`` makes a Python Token per token, most of what a stage's set-up costs."""
    if not len(doc):
        return [], [], ""
    arr = doc.to_array([IDX, ORTH, SPACY])
    strings = doc.vocab.strings
    words = [strings[o] for o in arr[:, 1].tolist()]
    ws = arr[:, 2]
    if ws.any():
        text = "".join(w + " " if sp else w for w, sp in zip(words, ws.tolist()))
    else:
        text = "".join(words)
    return arr[:, 0].astype("int64").tolist(), words, text


def split_at(doc: Doc, boundaries: Iterable[int], text: Optional[str] = None) -> Doc:
    """``doc`` with every token that has a char offset from ``boundaries`` strictly inside it
    split there: the same Doc if no token needs splitting, else a new Doc built in one pass
    (one ``retokenize`` split per token shifts the whole token array each time, quadratic on
    long texts). The new Doc keeps ``user_data``, so extension values (``doc._.doc_id``)
    survive, and the context of ``nlp.pipe(as_tuples=True)``; token attributes other than
    the text and whitespace are not carried over. ``text``, if the caller has it, must be
    ``doc.text`` (saves rebuilding it)."""
    cuts = sorted(set(boundaries))
    if not cuts or not len(doc):
        return doc
    # Token offsets in one C call: iterating Tokens costs seconds on a long document.
    arr = doc.to_array([IDX, LENGTH, SPACY]).astype("int64")
    starts = arr[:, 0].tolist()
    ends = (arr[:, 0] + arr[:, 1]).tolist()
    inner: dict[int, list[int]] = {}
    for c in cuts:
        i = bisect.bisect_right(starts, c) - 1
        if i >= 0 and starts[i] < c < ends[i]:
            inner.setdefault(i, []).append(c)
    if not inner:
        return doc
    if text is None:
        text = doc.text  # Doc.text is rebuilt on every access: read it once
    words: list[str] = []
    spaces: list[bool] = []
    for i, (s, e, ws) in enumerate(zip(starts, ends, arr[:, 2].tolist())):
        cut = inner.get(i)
        if cut is None:  # most tokens: kept whole
            words.append(text[s:e])
            spaces.append(bool(ws))
            continue
        points = [s, *cut, e]
        for a, b in zip(points, points[1:]):
            words.append(text[a:b])
            spaces.append(False)
        spaces[-1] = bool(ws)  # trailing whitespace stays after the last piece
    new = Doc(doc.vocab, words=words, spaces=spaces, user_data=dict(doc.user_data))
    new._context = doc._context  # nlp.pipe(as_tuples=True) reads the context back from here
    return new


def set_char_entities(doc: Doc, spans: Iterable[tuple[int, int, str]],
                      text: Optional[str] = None) -> Doc:
    """``doc`` with ``doc.ents`` replaced by ``spans`` (start_char, end_char, label); overlaps
    keep the first longest span. Returns a new Doc when tokens had to be split (see
    :func:`split_at`), else ``doc`` itself: callers must use the returned Doc. ``text``: as
    for :func:`split_at`."""
    n = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0  # = len(doc.text), O(1)
    items = sorted({(s, e, l) for s, e, l in spans if 0 <= s < e <= n},
                   key=lambda x: (x[0], -(x[1] - x[0])))
    kept: list[tuple[int, int, str]] = []
    last_end = -1
    for s, e, l in items:
        if s >= last_end:
            kept.append((s, e, l))
            last_end = e
    doc = split_at(doc, [b for s, e, _ in kept for b in (s, e)], text)
    ents: list[Span] = []
    for s, e, l in kept:
        span = doc.char_span(s, e, label=l, alignment_mode="strict")
        if span is not None:
            ents.append(span)
    doc.set_ents(ents, default="outside")
    return doc


def char_entities(doc: Doc) -> list[tuple[int, int, str]]:
    """``doc.ents`` as (start_char, end_char, label)."""
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def within(spans: Sequence[Tuple[int, ...]], starts: Sequence[int], s: int, e: int) -> list:
    """The items of ``spans`` (sorted by start; ``starts`` their starts) that lie inside
    ``[s, e)``, in order: a bisect instead of a scan over every span of the document."""
    i = bisect.bisect_left(starts, s)
    out = []
    while i < len(spans) and starts[i] < e:
        if spans[i][1] <= e:
            out.append(spans[i])
        i += 1
    return out
