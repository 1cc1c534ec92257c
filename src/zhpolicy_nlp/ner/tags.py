"""Tag sequences → entity spans: the decoding both NER backends and their trainers share."""
from __future__ import annotations

from typing import Sequence

LABELS = {"PER": "PERSON", "PERSON": "PERSON", "NR": "PERSON", "ORG": "ORG", "NT": "ORG",
          "LOC": "LOC", "NS": "LOC", "GPE": "LOC"}


def spans_from_tags(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, LABEL) from BIO or BIOES tags; a stray I/E opens a new span."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, t in enumerate([*tags, "O"]):
        if t == "O":  # most tags: closes an open span, as the general case below would
            if start >= 0:
                spans.append((start, i, label))
                start = -1
            continue
        head, _, lab = t.partition("-")
        lab = LABELS.get(lab.upper(), lab)
        if head in ("I", "M", "E") and start >= 0 and lab == label:
            if head == "E":
                spans.append((start, i + 1, label))
                start = -1
            continue
        if start >= 0:
            spans.append((start, i, label))
            start = -1
        if head == "S":
            spans.append((i, i + 1, lab))
        elif head in ("B", "I", "M"):
            start, label = i, lab
        elif head == "E":
            spans.append((i, i + 1, lab))
    return spans
