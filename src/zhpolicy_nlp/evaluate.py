"""Score extractions against gold annotations, exactly as ../shared/spec/SCHEMA.md §3 says.

Everything works on plain dicts in SCHEMA §1 form, so any gold file written to the spec can
score any output written to it. :func:`compare_doc` does the matching once; its result gives
both the counts (:meth:`DocComparison.counts`) and the error lists the CLI prints.
:func:`summarise` micro-averages counts over documents. docs/evaluate.md explains the figures
and how the spec's ambiguities were read.
"""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

from .text import trim

Counts = dict[str, dict[str, int]]

ENTITY_LABELS = ("PERSON", "ORG", "LOC", "TITLE")
LABEL_ALIASES = {"GPE": "LOC", "FAC": "LOC"}
STANDARD_TIERS = frozenset({"core"})
EXTENDED_TIERS = frozenset({"core", "implicit"})
MIN_IOU = 0.5
# The prefixes the quote figures use for the standard (core) and extended (core+implicit) sets.
QUOTE_SETS = (("quotes", STANDARD_TIERS), ("quotes_extended", EXTENDED_TIERS))

PRF_KEYS = (
    *(f"entities/{lab}" for lab in ENTITY_LABELS), "entities/micro",
    "titles/title", "titles/with_org",
    "quotes/detect", "quotes/who_said_what",
    "quotes_extended/detect", "quotes_extended/who_said_what",
)
# speaker_resolved: speaker accuracy over matched quotes whose gold speaker_mention is not the
# speaker's name (a pronoun, a description, `林教授`); recall_direct/_indirect: detection
# recall of the gold quotes of each kind.
ACCURACY_KEYS = tuple(f"{prefix}/{name}" for prefix, _ in QUOTE_SETS
                      for name in ("speaker_acc", "exact_span", "kind_acc", "speaker_resolved",
                                   "recall_direct", "recall_indirect"))


# ---------------------------------------------------------------- entities

Ent = tuple[int, int, str]


def _entity_set(ents: Iterable[Mapping[str, Any]],
                texts: dict[Ent, str]) -> tuple[set[Ent], set[Ent]]:
    """(scored, optional) spans of the scored labels, GPE/FAC folded into LOC."""
    scored: set[Ent] = set()
    optional: set[Ent] = set()
    for e in ents:
        lab = LABEL_ALIASES.get(str(e["label"]), str(e["label"]))
        if lab in ENTITY_LABELS:
            key = (int(e["start"]), int(e["end"]), lab)
            (optional if e.get("optional") else scored).add(key)
            texts.setdefault(key, str(e.get("text", "")))
    return scored, optional


@dataclass
class EntityMatch:
    """Exact (start, end, label) comparison; predictions equal to optional gold spans dropped."""

    tp: set[Ent]
    spurious: set[Ent]
    missed: set[Ent]
    texts: dict[Ent, str]


def match_entities(gold: Optional[list],
                   pred: Iterable[Mapping[str, Any]]) -> Optional[EntityMatch]:
    """None when the gold does not annotate entities (``"entities": null``)."""
    if gold is None:
        return None
    texts: dict[Ent, str] = {}
    g, optional = _entity_set(gold, texts)
    p = set().union(*_entity_set(pred, texts))  # a prediction counts whatever it says
    p -= optional - g
    return EntityMatch(p & g, p - g, g - p, texts)


# ---------------------------------------------------------------- titles

def _names(person: Mapping[str, Any]) -> set[str]:
    return {str(person["name"]), *map(str, person.get("aliases") or [])}


def _person_index(gold_people: list[Mapping[str, Any]]):
    """Map a predicted person record to the index of the gold person it names, else its name."""
    by_name = {str(p["name"]): i for i, p in enumerate(gold_people)}
    by_alias: dict[str, int] = {}
    for i, p in enumerate(gold_people):
        for a in p.get("aliases") or []:
            by_alias.setdefault(str(a), i)

    def find(person: Mapping[str, Any]) -> Any:
        name = str(person["name"])
        for n in (name, *sorted(_names(person) - {name})):
            for index in (by_name, by_alias):
                if n in index:
                    return index[n]
        return name

    return find


Triple = tuple[str, str, Optional[str]]


@dataclass
class TitleMatch:
    """Counts over (person, title) pairs and (person, title, org) triples, with the triples
    missed and spurious (person named as in the gold where it matches a gold person)."""

    pairs_tp: int = 0
    pairs_pred: int = 0
    pairs_gold: int = 0
    triples_tp: int = 0
    triples_pred: int = 0
    triples_gold: int = 0
    missed: list[Triple] = field(default_factory=list)
    spurious: list[Triple] = field(default_factory=list)


@dataclass(frozen=True)
class _GoldTitle:
    person: int
    title: str
    org: Optional[str]
    orgs: frozenset  # org and its org_also; {None} for a null org

    def accepts(self, person: Any, title: str, org: Optional[str]) -> bool:
        return (person, title) == (self.person, self.title) and org in self.orgs


def _gold_titles(gold_people: list[Mapping[str, Any]]) -> tuple[list[_GoldTitle], list[_GoldTitle]]:
    """(scored, implicit) gold titles."""
    scored, implicit = [], []
    for i, p in enumerate(gold_people):
        for t in p.get("titles") or []:
            org = t.get("org")
            # a null org also accepts its org_also (`本报记者X`: null, with `本报` accepted)
            orgs = frozenset([org, *(t.get("org_also") or [])])
            gt = _GoldTitle(i, str(t["title"]), org, frozenset(orgs))
            (implicit if t.get("implicit") else scored).append(gt)
    return scored, implicit


def match_titles(gold_people: list[Mapping[str, Any]],
                 pred_people: list[Mapping[str, Any]]) -> TitleMatch:
    find = _person_index(gold_people)
    scored, implicit = _gold_titles(gold_people)
    gold_pairs = {(g.person, g.title) for g in scored}
    pred_triples: set[tuple[Any, str, Optional[str]]] = set()
    for p in pred_people:
        who = find(p)
        for t in p.get("titles") or []:
            pred_triples.add((who, str(t["title"]), t.get("org")))
    pred_pairs = {(who, title) for who, title, _ in pred_triples}
    pred_pairs -= {(g.person, g.title) for g in implicit} - gold_pairs

    m = TitleMatch(pairs_tp=len(pred_pairs & gold_pairs), pairs_pred=len(pred_pairs),
                   pairs_gold=len(gold_pairs), triples_gold=len(scored))
    unused = list(scored)
    for triple in sorted(pred_triples, key=repr):
        hit = next((g for g in unused if g.accepts(*triple)), None)
        if hit is not None:
            unused.remove(hit)
            m.triples_tp += 1
        elif any(g.accepts(*triple) for g in implicit):
            continue
        else:
            who, title, org = triple
            m.spurious.append((_who(who, gold_people), title, org))
        m.triples_pred += 1
    m.missed = [(_who(g.person, gold_people), g.title, g.org) for g in unused]
    return m


def _who(who: Any, gold_people: list[Mapping[str, Any]]) -> str:
    return str(gold_people[who]["name"]) if isinstance(who, int) else str(who)


# ---------------------------------------------------------------- quotes

def _trimmed(q: Mapping[str, Any]) -> tuple[int, int]:
    """Offsets after dropping punctuation (Unicode P*) and white space at both ends of the
    span's text (a span without text keeps its offsets)."""
    text = str(q.get("text") or "")
    start, end = int(q["start"]), int(q["end"])
    lo, hi = trim(text, 0, len(text), _strippable)
    return start + lo, max(start + lo, end - (len(text) - hi))


def _strippable(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union > 0 else 0.0


def _speaker_ok(pred_speaker: Any, gold_q: Mapping[str, Any],
                aliases: Mapping[str, set[str]]) -> bool:
    gold_speaker = gold_q.get("speaker")
    if pred_speaker == gold_speaker:
        return True
    if pred_speaker is None:
        return False
    return pred_speaker in aliases.get(gold_speaker, ()) or \
        pred_speaker in (gold_q.get("speaker_also") or [])


@dataclass
class QuoteMatch:
    """One-to-one greedy IoU matching of predictions to the gold quotes of some tiers."""

    pairs: list[tuple[Mapping[str, Any], Mapping[str, Any], bool]]  # (pred, gold, speaker ok)
    spurious: list[Mapping[str, Any]]
    missed: list[Mapping[str, Any]]
    dropped: int  # unmatched predictions overlapping an ignored gold quote
    n_gold: int

    @property
    def n_pred(self) -> int:
        return len(self.pairs) + len(self.spurious)


def _pred_key(q: Mapping[str, Any]) -> tuple:
    """Order-free tie-break: equal-IoU candidates are taken in span/content order."""
    return (int(q["start"]), int(q["end"]), str(q.get("speaker")), str(q.get("kind")),
            str(q.get("text")))


def match_quotes(gold_quotes: list[Mapping[str, Any]], pred_quotes: list[Mapping[str, Any]],
                 tiers: frozenset, aliases: Mapping[str, set[str]]) -> QuoteMatch:
    scored = [g for g in gold_quotes if g.get("tier", "core") in tiers]
    ignored = [g for g in gold_quotes if g.get("tier", "core") not in tiers]
    gspans = [_trimmed(g) for g in scored]
    preds = sorted(pred_quotes, key=_pred_key)
    pspans = [_trimmed(p) for p in preds]
    cands = sorted(
        ((v, -i, -j) for i, ps in enumerate(pspans) for j, gs in enumerate(gspans)
         if (v := iou(ps, gs)) >= MIN_IOU),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, ni, nj in cands:
        i, j = -ni, -nj
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        ok = _speaker_ok(preds[i].get("speaker"), scored[j], aliases)
        pairs.append((preds[i], scored[j], ok))
    ispans = [_trimmed(g) for g in ignored]
    spurious, dropped = [], 0
    for i, p in enumerate(preds):
        if i in used_p:
            continue
        if any(iou(pspans[i], s) >= MIN_IOU for s in ispans):
            dropped += 1
        else:
            spurious.append(p)
    missed = [g for j, g in enumerate(scored) if j not in used_g]
    return QuoteMatch(pairs, spurious, missed, dropped, len(scored))


# ---------------------------------------------------------------- one document

@dataclass
class DocComparison:
    entities: Optional[EntityMatch]
    titles: TitleMatch
    quotes: dict[str, QuoteMatch]  # by figure prefix: "quotes", "quotes_extended"

    def counts(self) -> Counts:
        c: Counts = {}
        if self.entities is not None:
            e = self.entities
            for lab in ENTITY_LABELS:
                c[f"entities/{lab}"] = _prf_counts(
                    sum(x[2] == lab for x in e.tp),
                    sum(x[2] == lab for x in e.tp | e.spurious),
                    sum(x[2] == lab for x in e.tp | e.missed))
            c["entities/micro"] = _prf_counts(len(e.tp), len(e.tp | e.spurious),
                                              len(e.tp | e.missed))
        t = self.titles
        c["titles/title"] = _prf_counts(t.pairs_tp, t.pairs_pred, t.pairs_gold)
        c["titles/with_org"] = _prf_counts(t.triples_tp, t.triples_pred, t.triples_gold)
        for prefix, m in self.quotes.items():
            n = len(m.pairs)
            right = sum(ok for _, _, ok in m.pairs)
            c[f"{prefix}/detect"] = _prf_counts(n, m.n_pred, m.n_gold)
            c[f"{prefix}/who_said_what"] = _prf_counts(right, m.n_pred, m.n_gold)
            c[f"{prefix}/speaker_acc"] = {"correct": right, "n": n}
            c[f"{prefix}/exact_span"] = {
                "correct": sum(_trimmed(p) == _trimmed(g) for p, g, _ in m.pairs), "n": n}
            c[f"{prefix}/kind_acc"] = {
                "correct": sum(p.get("kind") == g.get("kind") for p, g, _ in m.pairs), "n": n}
            resolved = [ok for _, g, ok in m.pairs if _resolved_mention(g)]
            c[f"{prefix}/speaker_resolved"] = {"correct": sum(resolved), "n": len(resolved)}
            matched = [g for _, g, _ in m.pairs]
            for kind in ("direct", "indirect"):
                c[f"{prefix}/recall_{kind}"] = {
                    "correct": sum(g.get("kind") == kind for g in matched),
                    "n": sum(g.get("kind") == kind for g in (*matched, *m.missed))}
        return c


def _resolved_mention(gold_q: Mapping[str, Any]) -> bool:
    """The gold speaker is given by a pronoun or description (`他`, `该负责人`), not its name."""
    mention = gold_q.get("speaker_mention") or {}
    return bool(mention.get("text")) and gold_q.get("speaker") is not None \
        and mention["text"] != gold_q["speaker"]


def _prf_counts(tp: int, pred: int, gold: int) -> dict[str, int]:
    return {"tp": tp, "pred": pred, "gold": gold}


def compare_doc(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> DocComparison:
    """Match one predicted extraction against its gold (both SCHEMA §1 dicts)."""
    gold_people = list(gold.get("people") or [])
    aliases = {str(p["name"]): _names(p) for p in gold_people}
    return DocComparison(
        entities=match_entities(gold.get("entities"), pred.get("entities") or []),
        titles=match_titles(gold_people, list(pred.get("people") or [])),
        quotes={prefix: match_quotes(list(gold.get("quotes") or []),
                                     list(pred.get("quotes") or []), tiers, aliases)
                for prefix, tiers in QUOTE_SETS},
    )


def score_doc(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> Counts:
    """Raw counts of one document; entity keys are absent when the gold has no entities."""
    return compare_doc(gold, pred).counts()


def summarise(counts: Iterable[Counts]) -> dict[str, dict[str, float]]:
    """Micro-average: sum the counts over documents, then compute P/R/F1 (or accuracy)."""
    total: Counts = {}
    for c in counts:
        for key, vals in c.items():
            acc = total.setdefault(key, dict.fromkeys(vals, 0))
            for k, v in vals.items():
                acc[k] += v
    out: dict[str, dict[str, float]] = {}
    for key in (*PRF_KEYS, *ACCURACY_KEYS):
        if key in ACCURACY_KEYS:
            v = total.get(key, {"correct": 0, "n": 0})
            out[key] = {"acc": v["correct"] / v["n"] if v["n"] else 0.0, **v}
        else:
            out[key] = prf(**total.get(key, _prf_counts(0, 0, 0)))
    return out


def prf(tp: int, pred: int, gold: int) -> dict[str, float]:
    """P/R/F1; with nothing to find and nothing found every figure is 1.0, else an empty
    denominator gives 0.0."""
    p = tp / pred if pred else float(gold == 0)
    r = tp / gold if gold else float(pred == 0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "tp": tp, "pred": pred, "gold": gold}


# ---------------------------------------------------------------- command line

def _load_gold(gold_dir: Path) -> dict[str, dict]:
    return {f.name[: -len(".gold.json")]: json.loads(f.read_text(encoding="utf-8"))
            for f in sorted(gold_dir.glob("*.gold.json"))}


def read_predictions(path: str, notes: list[str]) -> dict[str, dict]:
    """Result records of a JSONL file by doc_id; a line that is not a record with a doc_id is
    skipped and said in ``notes`` (``evaluate`` reports it, ``render`` refuses the file)."""
    out: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                notes.append(f"{path} line {n}: not JSON ({e.msg}); skipped")
                continue
            if isinstance(rec, dict) and rec.get("doc_id") is not None:
                out[str(rec["doc_id"])] = rec
            else:
                notes.append(f"{path} line {n}: no doc_id; skipped")
    return out


def _predict(names: Iterable[str], gold_dir: Path, model: Optional[str]) -> dict[str, dict]:
    """Run the pipeline on each NAME.txt; a document that fails gets an error record."""
    import zhpolicy_nlp

    ex = zhpolicy_nlp.load(model)
    out = {}
    for name in names:
        txt = gold_dir / f"{name}.txt"
        try:
            out[name] = ex.extract(txt.read_text(encoding="utf-8"), name).to_dict()
        except Exception as e:  # one failing document must not hide the others' figures
            out[name] = {"doc_id": name, "error": f"{type(e).__name__}: {e}"}
    return out


def _usable(name: str, gold: dict, pred: Optional[dict], notes: list[str]) -> dict:
    """The prediction to score, or an empty one (with a note saying why)."""
    if pred is None:
        notes.append(f"{name}: no prediction; scored as an empty prediction")
        return {}
    if "error" in pred:
        notes.append(f"{name}: no prediction ({pred['error']}); scored as an empty prediction")
        return {}
    sha, gsha = pred.get("text_sha256"), gold.get("text_sha256")
    if sha and gsha and sha != gsha:
        notes.append(f"{name}: prediction was made on a different text (sha256 differs); "
                     "offsets may not line up")
    return pred


def _compare_or_empty(name: str, gold: dict, pred: dict, notes: list[str]) -> DocComparison:
    """A prediction missing fields the scorer needs is scored as empty, not a crash."""
    try:
        return compare_doc(gold, pred)
    except (KeyError, TypeError, ValueError) as e:
        notes.append(f"{name}: malformed prediction ({type(e).__name__}: {e}); scored as empty")
        return compare_doc(gold, {})


def run_cli(args: argparse.Namespace) -> int:
    """``evaluate GOLD_DIR [--pred JSONL] [--json] [--model M]``: errors first, figures last."""
    gold_dir = Path(args.gold_dir)
    golds = _load_gold(gold_dir)
    if not golds:
        print(f"no *.gold.json files in {gold_dir}", file=sys.stderr)
        return 1
    notes: list[str] = []
    try:
        preds = (read_predictions(args.pred, notes) if args.pred
                 else _predict(golds, gold_dir, args.model))
    except Exception as e:  # no predictions at all (unreadable file, pipeline fails to load)
        print(f"evaluate: no predictions: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    comparisons = {name: _compare_or_empty(name, g, _usable(name, g, preds.get(name), notes),
                                           notes)
                   for name, g in golds.items()}
    doc_counts = {name: c.counts() for name, c in comparisons.items()}
    summary = summarise(doc_counts.values())
    if args.json:
        for note in notes:
            print(note, file=sys.stderr)
        docs = {name: {k: v for k, v in summarise([c]).items() if k in c}
                for name, c in doc_counts.items()}
        print(json.dumps({"summary": summary, "docs": docs}, ensure_ascii=False, indent=1))
        return 0
    print("\n".join([*(f"note: {n}" for n in notes), *error_lines(comparisons),
                     *figure_lines(summary, len(golds))]))
    return 0


# ---------------------------------------------------------------- human report

def _clip(text: Any, width: int = 60) -> str:
    text = str(text).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def _quote_line(what: str, q: Mapping[str, Any], extra: str = "") -> str:
    return (f"  quote {what:<9}{q.get('tier', 'core') if what == 'missed' else '':<9}"
            f"@{q['start']:<6} {extra}「{_clip(q.get('text', ''))}」")


def error_lines(comparisons: Mapping[str, DocComparison]) -> list[str]:
    """Per document: quotes missed / spurious / wrong speaker (against core + implicit gold),
    then entity and title misses and spurious ones, compactly."""
    out = []
    for name, c in comparisons.items():
        out.append(f"== errors in {name} ==")
        q = c.quotes["quotes_extended"]
        out += [_quote_line("missed", g, f"{g.get('speaker')}: ") for g in
                sorted(q.missed, key=lambda g: g["start"])]
        out += [_quote_line("spurious", p, f"{p.get('speaker')}: ") for p in
                sorted(q.spurious, key=lambda p: p["start"])]
        out += [_quote_line("speaker", g, f"pred {p.get('speaker')} / gold {g.get('speaker')}: ")
                for p, g, ok in sorted(q.pairs, key=lambda x: x[1]["start"]) if not ok]
        if q.dropped:
            out.append(f"  ({q.dropped} predicted quote(s) on optional gold quotes not counted)")
        e = c.entities
        if e is not None:
            for what, spans in (("missed", e.missed), ("spurious", e.spurious)):
                for lab in ENTITY_LABELS:
                    items = sorted(x for x in spans if x[2] == lab)
                    if items:
                        out.append(_clip(f"  {lab} {what} ({len(items)}): " + " ".join(
                            f"{e.texts[x]}@{x[0]}" for x in items), 160))
        for what, triples in (("missed", c.titles.missed), ("spurious", c.titles.spurious)):
            if triples:
                out.append(_clip(f"  titles {what} ({len(triples)}): " + " ".join(
                    f"{who}/{title}/{org}" for who, title, org in triples), 160))
    return out


def figure_lines(summary: Mapping[str, Mapping[str, float]], n_docs: int) -> list[str]:
    """The figures table, headline last (the last 15 lines of the human output)."""
    from .cli import counted

    out = [f"{'figures, micro over ' + counted(n_docs, 'doc'):<32}{'P':>7}{'R':>7}{'F1':>7}"
           f"{'tp':>6}{'pred':>6}{'gold':>6}"]
    for key in PRF_KEYS:
        v = summary[key]
        out.append(f"{key:<32}{v['p']:>7.3f}{v['r']:>7.3f}{v['f']:>7.3f}"
                   f"{v['tp']:>6}{v['pred']:>6}{v['gold']:>6}")
    for prefix, label in (("quotes", "standard"), ("quotes_extended", "extended")):
        acc = [summary[f"{prefix}/{k}"] for k in ("speaker_acc", "exact_span", "kind_acc")]
        out.append(f"matched {label} quotes (n={acc[0]['n']}): speaker acc {acc[0]['acc']:.3f}, "
                   f"exact span {acc[1]['acc']:.3f}, kind acc {acc[2]['acc']:.3f}")
        res, rd, ri = (summary[f"{prefix}/{k}"] for k in
                       ("speaker_resolved", "recall_direct", "recall_indirect"))
        out.append(f"  {label}: pronoun/description speakers {res['acc']:.3f} (n={res['n']}), "
                   f"recall direct {rd['acc']:.3f} (n={rd['n']}), indirect {ri['acc']:.3f} "
                   f"(n={ri['n']})")
    w = summary["quotes/who_said_what"]
    out.append(f"HEADLINE who-said-what (standard, core quotes): "
               f"P={w['p']:.3f} R={w['r']:.3f} F1={w['f']:.3f}")
    return out
