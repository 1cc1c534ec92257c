"""HTML who-said-what view: entities highlighted (displaCy colours), every quote marked and
linked to its speaker, and a table of people → titles → quotes per document.

Inline marks come in layers (quote ⊃ speaker mention ⊃ entity). Spans of one layer never
overlap; where spans of different layers cross, the inner one is split into pieces so the
HTML stays well nested whatever the stages produce.
"""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from ..cli import UsageError, counted
from ..evaluate import read_predictions
from ..schema import Extraction

QUOTE, MENTION, ENTITY = 0, 1, 2


@dataclass
class Mark:
    start: int
    end: int
    layer: int
    tag: str  # element name
    attrs: str  # attributes on every piece
    first_attrs: str = ""  # attributes on the first piece only (the id)
    tail: str = ""  # HTML closing the last piece (entity label, speaker link)


def _non_overlapping(marks: Iterable[Mark], n: int) -> list[Mark]:
    """Drop empty, out-of-range and overlapping spans of one layer (first one wins)."""
    kept: list[Mark] = []
    last_end = 0
    for m in sorted(marks, key=lambda m: (m.start, -m.end)):
        if 0 <= m.start < m.end <= n and m.start >= last_end:
            kept.append(m)
            last_end = m.end
    return kept


def mark_up(text: str, marks: Iterable[Mark]) -> str:
    """``text`` escaped, with the marks as properly nested elements."""
    layers: dict[int, list[Mark]] = {}
    for m in marks:
        layers.setdefault(m.layer, []).append(m)
    layered = {k: _non_overlapping(v, len(text)) for k, v in layers.items()}
    bounds = {p for v in layered.values() for m in v for p in (m.start, m.end)}
    points = sorted({0, len(text)} | bounds)
    cursor = {k: 0 for k in layered}
    out: list[str] = []
    stack: list[Mark] = []
    for a, b in zip(points, points[1:]):
        active: list[Mark] = []
        for k in sorted(layered):
            spans = layered[k]
            i = cursor[k]
            while i < len(spans) and spans[i].end <= a:
                i += 1
            cursor[k] = i
            if i < len(spans) and spans[i].start <= a:
                active.append(spans[i])
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        for m in reversed(stack[keep:]):
            out.append((m.tail if m.end <= a else "") + f"</{m.tag}>")
        for m in active[keep:]:
            first = f" {m.first_attrs}" if m.start == a and m.first_attrs else ""
            out.append(f"<{m.tag} {m.attrs}{first}>")
        stack = active
        out.append(escape(text[a:b]))
    for m in reversed(stack):
        out.append(m.tail + f"</{m.tag}>")
    return "".join(out)


def _speaker_links(ex: Extraction, d: str) -> dict[str, str]:
    return {p.name: f"{d}-p{j}" for j, p in enumerate(ex.people)}


def _speaker_html(speaker: Optional[str], links: dict[str, str]) -> str:
    if speaker is None:
        return '<span class="speaker-link unattributed">→ ?</span>'
    if speaker in links:
        return f'<a class="speaker-link" href="#{links[speaker]}">→ {escape(speaker)}</a>'
    return f'<span class="speaker-link source">→ {escape(speaker)}</span>'


def doc_marks(ex: Extraction, d: str) -> list[Mark]:
    links = _speaker_links(ex, d)
    marks = [Mark(e.start, e.end, ENTITY, "mark", f'class="entity ent-{escape(e.label)}"',
                  tail=f'<span class="label">{escape(e.label)}</span>') for e in ex.entities]
    for k, q in enumerate(ex.quotes):
        cls = f"quote quote-{escape(q.kind)}" + (" implicit" if q.tier != "core" else "")
        speaker = escape(q.speaker or "", quote=True)
        marks.append(Mark(q.start, q.end, QUOTE, "span", f'class="{cls}" data-speaker="{speaker}"',
                          first_attrs=f'id="{d}-q{k}"', tail=_speaker_html(q.speaker, links)))
        m = q.speaker_mention
        if m is not None:
            marks.append(Mark(m.start, m.end, MENTION, "span", 'class="mention"',
                              first_attrs=f'id="{d}-q{k}-speaker"'))
    return marks


def people_table(ex: Extraction, d: str) -> str:
    """One row per person, then one per non-person source: titles and the quotes."""
    links = _speaker_links(ex, d)
    by_speaker: dict[Optional[str], list[int]] = {}
    for k, q in enumerate(ex.quotes):
        by_speaker.setdefault(q.speaker, []).append(k)

    def quotes_cell(speaker: Optional[str]) -> str:
        items = []
        for k in by_speaker.get(speaker, []):
            q = ex.quotes[k]
            short = q.text if len(q.text) <= 60 else q.text[:60] + "…"
            items.append(f'<li><a href="#{d}-q{k}">{escape(short)}</a></li>')
        return f"<ul>{''.join(items)}</ul>" if items else ""

    rows = []
    for p in ex.people:
        titles = "".join(f"<li>{escape(t.title)}" + (f" @ {escape(t.org)}" if t.org else "")
                         + "</li>" for t in p.titles)
        aliases = f" <small>({escape('、'.join(p.aliases))})</small>" if p.aliases else ""
        rows.append(f'<tr id="{links[p.name]}"><th>{escape(p.name)}{aliases}</th>'
                    f"<td><ul>{titles}</ul></td><td>{quotes_cell(p.name)}</td></tr>")
    for speaker in by_speaker:
        if speaker not in links:
            name = "<i>no source</i>" if speaker is None else f"<i>{escape(speaker)}</i>"
            rows.append(f'<tr class="source"><th>{name}</th><td></td>'
                        f"<td>{quotes_cell(speaker)}</td></tr>")
    return ('<table class="people"><thead><tr><th>person / source</th><th>titles</th>'
            f"<th>quotes</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def render_doc(i: int, text: str, ex: Extraction) -> str:
    d = f"d{i}"
    title = escape(str(ex.doc_id if ex.doc_id is not None else i))
    return (f'<section class="doc" id="{d}"><h2>{title}</h2>'
            f"<p>{counted(len(ex.entities), 'entity', 'entities')}, "
            f"{counted(len(ex.people), 'person', 'people')}, {counted(len(ex.quotes), 'quote')}</p>"
            f'{people_table(ex, d)}<div class="text">{mark_up(text, doc_marks(ex, d))}</div>'
            "</section>")


def render_error(i: int, doc_id: Optional[str], error: str) -> str:
    return (f'<section class="doc" id="d{i}"><h2>{escape(str(doc_id))}</h2>'
            f'<p class="error">{escape(error)}</p></section>')


LEGEND = ("".join(f'<mark class="entity ent-{lab}">{lab}</mark>'
                  for lab in ("PERSON", "ORG", "LOC", "TITLE", "DATE"))
          + ' <span class="quote quote-direct">direct quote</span>'
          + ' <span class="quote quote-indirect">indirect quote</span>'
          + ' <span class="mention">speaker mention</span>')


def page(sections: Iterable[str], title: str = "zhpolicy-nlp: who said what") -> str:
    css = resources.files(__package__).joinpath("render.css").read_text(encoding="utf-8")
    body = "\n".join(sections)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title><style>{css}</style></head>"
            f'<body><h1>{escape(title)}</h1><p class="legend">{LEGEND}</p>\n'
            f"{body}\n</body></html>\n")


def _load_pred(path: str) -> dict[str, dict]:
    """Results by doc_id, read as ``evaluate --pred`` reads them; a file that cannot be read or
    holds a bad line is the user's error (one line): a page must not silently leave one out."""
    notes: list[str] = []
    try:
        recs = read_predictions(path, notes)
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"cannot read --pred {path}: {getattr(e, 'strerror', None) or e}") from None
    if notes:
        raise UsageError(f"--pred {notes[0]}")
    return recs


def _write_atomic(out: Path, content: str) -> None:
    from ..runtime.batch import temp_beside

    fd, tmp = temp_beside(out)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run_cli(args: argparse.Namespace) -> int:
    from ..result import text_sha256
    from ..runtime.inputs import iter_inputs

    pred = _load_pred(args.pred) if args.pred else None
    ex = None
    if pred is None:
        import zhpolicy_nlp

        ex = zhpolicy_nlp.load(args.model)
    sections: list[str] = []
    failed = 0
    inputs = iter_inputs(args.inputs, encoding=args.encoding,
                         stdin_format=getattr(args, "stdin", "jsonl"))
    for i, (doc_id, text, err) in enumerate(inputs):
        if err is None and pred is not None:
            rec = pred.get(doc_id)
            if rec is None or "error" in rec:
                err = rec["error"] if rec else f"no record for doc_id {doc_id!r} in {args.pred}"
            elif rec.get("text_sha256") not in (None, "", text_sha256(text)):
                err = f"record {doc_id!r} in {args.pred} was made from a different text"
        if err is not None:
            failed += 1
            sections.append(render_error(i, doc_id, err))
            continue
        result = ex.extract(text, doc_id) if ex is not None else Extraction.from_dict(pred[doc_id])
        sections.append(render_doc(i, text, result))
    if not sections:
        raise UsageError("no documents in the input")
    _write_atomic(Path(args.output), page(sections))
    print(f"render: wrote {args.output} ({counted(len(sections), 'document')}"
          + (f", {failed:,} could not be shown: see the page" if failed else "") + ")",
          file=sys.stderr)
    return 1 if failed else 0
