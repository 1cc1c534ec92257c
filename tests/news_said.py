"""(speaker, quoted text) of each quote the pipeline finds: the one helper of the news-session
tests, which compare made-up sentences' quotes whole."""
from __future__ import annotations


def said(ex, text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, text[q.start:q.end]) for q in ex.extract(text).quotes]
