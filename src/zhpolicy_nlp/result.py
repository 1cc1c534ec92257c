"""Doc → plain-data :class:`~zhpolicy_nlp.schema.Extraction`, and the checks and offset
arithmetic the extractor applies to it.

The Doc holds people and quotes as plain dicts and lists (``Doc._.people``/``Doc._.quotes``),
so that spaCy can serialise it (``Doc.to_bytes``, ``DocBin``, ``nlp.pipe(n_process=2)``);
:func:`people` and :func:`quotes` turn them into the dataclasses of :mod:`~zhpolicy_nlp.schema`.

The output contract (SCHEMA §1) is checked here, not trusted: :func:`clean` finds every
span that does not match the text and every quote that breaks an invariant, so a stage bug
becomes an explicit problem instead of a silently shifted offset.
"""
from __future__ import annotations

import dataclasses
import hashlib
from typing import Any, Iterable, Optional

from spacy.tokens import Doc

from .schema import Entity, Extraction, Person, Quote, TextSpan, Title

QUOTE_KINDS = ("direct", "indirect")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def from_doc(doc: Doc, doc_id: str | None = None, text: str | None = None) -> Extraction:
    """``text``, if the caller has it, must be ``doc.text``: it saves rebuilding that string
    from the tokens, which costs as much as tokenising."""
    ents = [Entity(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]
    return Extraction(
        doc_id=doc_id if doc_id is not None else doc._.doc_id,
        text_sha256=text_sha256(doc.text if text is None else text),
        entities=ents,
        people=people(doc),
        quotes=quotes(doc),
    )


# ---------------------------------------------------------------- Doc extension values

def _span_data(span: Optional[TextSpan]) -> Optional[dict[str, Any]]:
    return None if span is None else span.to_dict()


def person_data(p: Person) -> dict[str, Any]:
    """What ``Doc._.people`` holds for ``p``: SCHEMA's person plus each title's spans (the
    output leaves those out; :func:`merge` and library users read them)."""
    d = p.to_dict()
    d["titles"] = [{**t.to_dict(), "title_span": _span_data(t.title_span),
                    "org_span": _span_data(t.org_span)} for t in p.titles]
    return d


def person_from_data(d: dict[str, Any]) -> Person:
    p = Person.from_dict(d)
    p.titles = [Title(str(t["title"]), t.get("org"), TextSpan.from_dict(t.get("title_span")),
                      TextSpan.from_dict(t.get("org_span"))) for t in d.get("titles") or []]
    return p


def people(doc: Doc) -> list[Person]:
    """``Doc._.people`` as :class:`~zhpolicy_nlp.schema.Person` records (new objects on
    each call: change the Doc by setting ``doc._.people``, not by editing these)."""
    return [person_from_data(d) for d in doc._.people or ()]


def quotes(doc: Doc) -> list[Quote]:
    """``Doc._.quotes`` as :class:`~zhpolicy_nlp.schema.Quote` records."""
    return [Quote.from_dict(d) for d in doc._.quotes or ()]


# ---------------------------------------------------------------- invariants

def span_problem(text: str, start: object, end: object, span_text: object) -> Optional[str]:
    """Why (start, end, span_text) is not a valid non-empty span of ``text``, or None."""
    if not (isinstance(start, int) and isinstance(end, int)):
        return f"offsets must be int, got {start!r}:{end!r}"
    if not 0 <= start < end <= len(text):
        return f"span {start}:{end} is empty or outside the text (length {len(text)})"
    if text[start:end] != span_text:
        return f"text[{start}:{end}] is {text[start:end]!r}, span says {span_text!r}"
    return None


def _opt_span_problem(text: str, span: Optional[TextSpan]) -> Optional[str]:
    return None if span is None else span_problem(text, span.start, span.end, span.text)


def _clean_person(p: Person, text: str, problems: list[str]) -> Optional[Person]:
    if not isinstance(p.name, str) or not p.name:
        problems.append(f"person with empty name {p.name!r} dropped")
        return None
    mentions = []
    for m in p.mentions:
        why = span_problem(text, m.start, m.end, m.text)
        if why:
            problems.append(f"mention of {p.name!r} dropped: {why}")
        else:
            mentions.append(m)
    return dataclasses.replace(p, mentions=mentions)


def _quote_problem(q: Quote, text: str, speakers: set[str]) -> Optional[str]:
    why = (span_problem(text, q.start, q.end, q.text)
           or _opt_span_problem(text, q.speaker_mention) or _opt_span_problem(text, q.cue))
    if why:
        return why
    if q.kind not in QUOTE_KINDS:
        return f"kind {q.kind!r} is not one of {QUOTE_KINDS}"
    if q.speaker is not None and q.speaker not in speakers:
        return f"speaker {q.speaker!r} is neither a person's name nor a string of the text"
    return None


def clean(ext: Extraction, text: str) -> tuple[Extraction, list[str]]:
    """``ext`` without the items that break the output contract, and why each was dropped.

    Entities, mentions and quotes must be non-empty spans with ``text[start:end] == .text``;
    entities must not overlap; quotes must not overlap each other (the one starting later
    is dropped); a quote's speaker is None, a ``people`` name, or a string found in the text,
    or in the text with its 《》 title marks left out (docs/annotation.md names documents so:
    ``《某刊》杂志指出`` → ``某刊杂志``).
    Linear after sorting, so that a 10 MB document with thousands of quotes stays cheap.
    """
    problems: list[str] = []
    entities: list[Entity] = []
    last_end = 0
    for e in sorted(ext.entities, key=lambda e: (e.start, e.end)):
        why = span_problem(text, e.start, e.end, e.text)
        if why is None and e.start < last_end:
            why = f"overlaps the entity ending at {last_end}"
        if why:
            problems.append(f"entity {e.label} dropped: {why}")
            continue
        entities.append(e)
        last_end = e.end
    people = [p for p in (_clean_person(p, text, problems) for p in ext.people) if p]
    names = {p.name for p in people}
    sources = {q.speaker for q in ext.quotes if isinstance(q.speaker, str) and q.speaker}
    speakers = names | {s for s in sources - names if s in text}  # each searched once
    if sources - speakers:  # 《某某展望》报告 → 某某展望报告: a title's marks are left out
        unmarked = text.replace("《", "").replace("》", "")
        speakers |= {s for s in sources - speakers if s in unmarked}
    bad: set[int] = set()
    last: Optional[Quote] = None
    for i in sorted(range(len(ext.quotes)), key=lambda i: (ext.quotes[i].start, ext.quotes[i].end)):
        q = ext.quotes[i]
        why = _quote_problem(q, text, speakers)
        if why is None and last is not None and q.start < last.end:
            why = f"overlaps the quote at {last.start}:{last.end}"
        if why:
            problems.append(f"quote at {q.start}:{q.end} dropped: {why}")
            bad.add(i)
        else:
            last = q
    quotes = [q for i, q in enumerate(ext.quotes) if i not in bad]
    if not problems:
        return ext, problems
    return dataclasses.replace(ext, entities=entities, people=people, quotes=quotes), problems


# ---------------------------------------------------------------- chunked documents

def _shift(span: Optional[TextSpan], by: int) -> Optional[TextSpan]:
    return None if span is None else TextSpan(span.start + by, span.end + by, span.text)


def _shift_person(p: Person, by: int) -> Person:
    titles = [dataclasses.replace(t, title_span=_shift(t.title_span, by),
                                  org_span=_shift(t.org_span, by)) for t in p.titles]
    return Person(p.name, list(p.aliases), titles, [_shift(m, by) for m in p.mentions])


def _merge_person(into: Person, p: Person) -> None:
    into.aliases.extend(a for a in p.aliases if a not in into.aliases)
    seen = {(t.title, t.org) for t in into.titles}
    into.titles.extend(t for t in p.titles if (t.title, t.org) not in seen)
    into.mentions.extend(p.mentions)


def merge(parts: Iterable[tuple[int, Extraction]], text: str,
          doc_id: Optional[str]) -> Extraction:
    """One extraction from the extractions of pieces of ``text`` (``(offset, part)`` in text
    order): offsets shifted back, people with the same canonical name merged."""
    out = Extraction(doc_id, text_sha256(text))
    people: dict[str, Person] = {}
    for by, part in parts:
        out.entities.extend(Entity(e.start + by, e.end + by, e.text, e.label)
                            for e in part.entities)
        for p in part.people:
            p = _shift_person(p, by)
            if p.name in people:
                _merge_person(people[p.name], p)
            else:
                people[p.name] = p
        out.quotes.extend(
            dataclasses.replace(q, start=q.start + by, end=q.end + by,
                                speaker_mention=_shift(q.speaker_mention, by),
                                cue=_shift(q.cue, by))
            for q in part.quotes)
    out.people = list(people.values())
    return out

