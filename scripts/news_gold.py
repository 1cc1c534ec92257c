"""The modern-news gold set (issue #12): draw, annotate, build.

The articles are People's Daily 2019-2020 (``../shared/corpus/news``). Their text never enters
the repository: the gold in ``tests/data/news_gold/ann/DOC_ID.json`` refers to it by offsets
(and the text's sha256), and ``build`` writes ``NAME.txt`` + ``NAME.gold.json`` pairs for
``python -m zhpolicy_nlp evaluate`` into a folder outside git.

    python scripts/news_gold.py draw                     # once: tests/data/news_gold/selection.json
    python scripts/news_gold.py show DOC_ID              # paragraphs with line numbers and offsets
    python scripts/news_gold.py import DRAFT.ann [...]   # a hand-written draft -> ann/DOC_ID.json
    python scripts/news_gold.py build out/news_gold      # out/news_gold/{dev,heldout}/NAME.{txt,gold.json}
    python scripts/news_gold.py build out/news_gold --split dev   # the dev set alone
    python -m zhpolicy_nlp evaluate out/news_gold/dev

Selection (``draw``): articles of 500-3,000 characters with at least 5 speech cues (the
``CUE_RE`` below, counted in the text), put in one genre by the first pattern of ``GENRES``
that the text matches, then drawn with ``random.Random(SEED)``: ``PER_GENRE`` per genre, in
the genre order, each article's split (held-out or dev) drawn by the same generator
(``HELDOUT_SHARE``). ``draw --extend N`` adds a round of N per genre from the articles not yet
drawn, with ``random.Random(SEED + round - 1)``. Nobody chooses articles by eye.

Draft format (``import``), one item a line, tab-separated, ``#`` comments; ``-`` = null:

    DOC  pd20191001-01-01
    Q    LINE  speaker  kind  cue  quote text  [tier  [also|also  [mention]]]
    P    name  aliases|…  title@org;title@org;title@-     (``-`` org = null; ``org|alt`` = org_also)
    E    text  LABEL  [optional]                          (every occurrence of text, longest first)

``LINE`` is the 1-based paragraph number (``show``). The quote text is found in that line (its
first occurrence not taken by an earlier quote); the cue is its occurrence in the line nearest
before the quote (else nearest after: ``“…”张三说``; else the last one in earlier lines: a
quotation paragraph after ``他说：``); the mention (default: the speaker) is its occurrence
nearest before the cue, in that line or earlier ones (else nearest after the cue). Tier is
``core`` (default), ``implicit`` or ``optional``. Entities are marked only when a draft has
``E`` lines (an article without them has ``"entities": null``: not scored).
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any, Iterable, Optional

import regex

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "corpus" / "news" / "pd_2019_2020.jsonl.gz"
GOLD = ROOT / "tests" / "data" / "news_gold"
SEED = 20261203
PER_GENRE = 8
HELDOUT_SHARE = 1 / 3
CUE_RE = regex.compile(
    r"表示|指出|认为|强调|介绍|说|称|透露|坦言|直言|呼吁|提出|要求|告诉记者|看来|宣布|表明|显示|"
    r"谴责|指责|问道|回忆|记得|援引|报道")
# First match wins: the genres issue #12 names, most specific first.
GENRES: list[tuple[str, regex.Pattern]] = [
    ("press", regex.compile(r"发布会|记者会|吹风会|答记者问|发言人")),
    ("sessions", regex.compile(r"全国人大代表|全国政协委员|人大代表|政协委员|两会")),
    ("judicial", regex.compile(r"法院|检察院|法官|检察官|公安")),
    ("international", regex.compile(r"·|外长|总统|首相|联合国|驻.{1,6}大使")),
    ("forum", regex.compile(r"论坛|峰会|研讨会|座谈会|博览会")),
    ("interview", regex.compile(r"接受.{0,6}采访|专访|告诉记者|对记者说")),
    ("local", regex.compile(r"村民|居民|市民|群众|村党支部书记|社区")),
    ("other", regex.compile(r"")),
]


def articles() -> Iterable[dict[str, Any]]:
    with gzip.open(NEWS, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def article(doc_id: str) -> dict[str, Any]:
    for rec in articles():
        if rec["doc_id"] == doc_id:
            return rec
    raise KeyError(f"no article {doc_id!r} in {NEWS}")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def genre(text: str) -> str:
    return next(name for name, pat in GENRES if pat.search(text))


def draw(extend: int = 0) -> None:
    """Draw the set; with ``extend`` N, add N more per genre (seed ``SEED + round``, articles
    already drawn left out) to what ``selection.json`` holds."""
    path = GOLD / "selection.json"
    old = json.loads(path.read_text("utf-8")) if extend else None
    taken = {a["doc_id"] for a in old["articles"]} if old else set()
    rounds = (old.get("rounds", 1) + 1) if old else 1
    pools: dict[str, list[str]] = {name: [] for name, _ in GENRES}
    for rec in articles():
        text = rec["text"]
        if (500 <= len(text) <= 3000 and len(CUE_RE.findall(text)) >= 5
                and rec["doc_id"] not in taken):
            pools[genre(text)].append(rec["doc_id"])
    rng = random.Random(SEED + rounds - 1)
    chosen = list(old["articles"]) if old else []
    for name, _ in GENRES:
        n = extend or PER_GENRE
        for doc_id in rng.sample(sorted(pools[name]), min(n, len(pools[name]))):
            split = "heldout" if rng.random() < HELDOUT_SHARE else "dev"
            chosen.append({"doc_id": doc_id, "genre": name, "split": split, "round": rounds})
    GOLD.mkdir(parents=True, exist_ok=True)
    out = {"seed": SEED, "rounds": rounds,
           "rule": __doc__.split("Selection (``draw``): ")[1].split("\n\n")[0],
           "pool_sizes": {k: len(v) for k, v in pools.items()}, "articles": chosen}
    (GOLD / "selection.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n",
                                         encoding="utf-8")
    print(f"{len(chosen)} articles drawn; pools: {out['pool_sizes']}")


def lines_of(text: str) -> list[tuple[int, str]]:
    """(start offset, paragraph) of every line."""
    out, pos = [], 0
    for para in text.split("\n"):
        out.append((pos, para))
        pos += len(para) + 1
    return out


def show(doc_id: str) -> None:
    for i, (start, para) in enumerate(lines_of(article(doc_id)["text"]), 1):
        print(f"[{i}] @{start} {para}")


class DraftError(ValueError):
    pass


def _nearest(text: str, needle: str, lo: int, hi: int, pos: int, before: bool) -> Optional[int]:
    """Start of the occurrence of ``needle`` in text[lo:hi] nearest to ``pos``, ending at or
    before it (``before``) or starting at or after it."""
    starts = [m.start() + lo for m in regex.finditer(regex.escape(needle), text[lo:hi], overlapped=True)]
    if before:
        cands = [s for s in starts if s + len(needle) <= pos]
        return max(cands) if cands else None
    cands = [s for s in starts if s >= pos]
    return min(cands) if cands else None


def _span(text: str, start: int, needle: str) -> dict[str, Any]:
    return {"start": start, "end": start + len(needle), "text": needle}


def parse_draft(path: Path) -> dict[str, Any]:
    doc_id, qrows, prows, erows = None, [], [], []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        f = raw.rstrip("\n").split("\t")
        kind = f[0].strip()
        if kind == "DOC":
            doc_id = f[1].strip()
        elif kind == "Q":
            qrows.append((n, f[1:]))
        elif kind == "P":
            prows.append((n, f[1:]))
        elif kind == "E":
            erows.append((n, f[1:]))
        else:
            raise DraftError(f"{path}:{n}: unknown line kind {kind!r}")
    if not doc_id:
        raise DraftError(f"{path}: no DOC line")
    rec = article(doc_id)
    text = rec["text"]
    lines = lines_of(text)
    quotes, taken = [], []
    for n, f in qrows:
        if len(f) < 5:
            raise DraftError(f"{path}:{n}: a Q line needs LINE, speaker, kind, cue, quote text")
        line_no, speaker, kind, cue, qtext = (x.strip() for x in f[:5])
        tier = f[5].strip() if len(f) > 5 and f[5].strip() else "core"
        also = [a for a in f[6].strip().split("|") if a and a != "-"] if len(f) > 6 else []
        mention = f[7].strip() if len(f) > 7 and f[7].strip() else speaker
        lo, para = lines[int(line_no) - 1]
        hi = lo + len(para)
        if kind not in ("direct", "indirect") or tier not in ("core", "implicit", "optional"):
            raise DraftError(f"{path}:{n}: kind {kind!r} / tier {tier!r}")
        qs = None
        for m in regex.finditer(regex.escape(qtext), para, overlapped=True):
            s = lo + m.start()
            if not any(s < e and s + len(qtext) > b for b, e in taken):
                qs = s
                break
        if qs is None:
            raise DraftError(f"{path}:{n}: quote text not found (free) in line {line_no}: {qtext[:30]}")
        taken.append((qs, qs + len(qtext)))
        q: dict[str, Any] = {"start": qs, "end": qs + len(qtext), "text": qtext, "kind": kind,
                             "speaker": None if speaker == "-" else speaker, "tier": tier}
        if also:
            q["speaker_also"] = also
        cue_at = None
        if cue != "-":
            cue_at = _nearest(text, cue, lo, hi, qs, True)
            if cue_at is None:
                cue_at = _nearest(text, cue, qs + len(qtext), hi, qs + len(qtext), False)
            if cue_at is None:
                cue_at = _nearest(text, cue, 0, lo, lo, True)
            if cue_at is None:
                raise DraftError(f"{path}:{n}: cue {cue!r} not found near the quote")
            q["cue"] = _span(text, cue_at, cue)
        else:
            q["cue"] = None
        if speaker != "-" and mention != "-":
            anchor = cue_at if cue_at is not None else qs
            m_at = _nearest(text, mention, 0, anchor, anchor, True)
            if m_at is None or m_at < lo - 3000:
                m_at = _nearest(text, mention, anchor, len(text), anchor, False)
            if m_at is None:
                raise DraftError(f"{path}:{n}: mention {mention!r} not found")
            q["speaker_mention"] = _span(text, m_at, mention)
        quotes.append(q)
    people = []
    for n, f in prows:
        name = f[0].strip()
        aliases = [a for a in (f[1].strip().split("|") if len(f) > 1 else []) if a and a != "-"]
        titles = []
        for t in (f[2].strip().split(";") if len(f) > 2 else []):
            if not t.strip() or t.strip() == "-":  # `-`: no titles, as for aliases
                continue
            title, _, org = t.strip().partition("@")
            orgs = [o for o in org.split("|") if o]
            entry: dict[str, Any] = {"title": title, "org": None if not orgs or orgs[0] == "-" else orgs[0]}
            if len(orgs) > 1:
                entry["org_also"] = orgs[1:]
            titles.append(entry)
        if name not in text:
            raise DraftError(f"{path}:{n}: person {name!r} not in the text")
        people.append({"name": name, "aliases": aliases, "titles": titles})
    entities = None
    if erows:
        entities, used = [], []
        for n, f in sorted(erows, key=lambda r: -len(r[1][0].strip())):
            etext, label = f[0].strip(), f[1].strip()
            if label not in ("PERSON", "ORG", "LOC", "TITLE", "DATE"):
                raise DraftError(f"{path}:{n}: label {label!r}")
            found = False
            for m in regex.finditer(regex.escape(etext), text):
                s, e = m.start(), m.end()
                if any(s < ue and e > us for us, ue in used):
                    continue
                used.append((s, e))
                ent = {"start": s, "end": e, "text": etext, "label": label}
                if len(f) > 2 and f[2].strip() == "optional":
                    ent["optional"] = True
                entities.append(ent)
                found = True
            if not found:
                raise DraftError(f"{path}:{n}: entity {etext!r} not found (free)")
        entities.sort(key=lambda e: e["start"])
    quotes.sort(key=lambda q: q["start"])
    return {"doc_id": doc_id, "text_sha256": sha(text), "entities": entities,
            "people": people, "quotes": quotes}


def _strip_text(gold: dict[str, Any]) -> dict[str, Any]:
    """The stored form: offsets only where a span could be long (no article text in git)."""
    out = dict(gold)
    out["quotes"] = [{k: v for k, v in q.items() if k != "text"} for q in gold["quotes"]]
    return out


def import_drafts(paths: list[Path]) -> int:
    bad = 0
    (GOLD / "ann").mkdir(parents=True, exist_ok=True)
    for path in paths:
        try:
            gold = parse_draft(path)
        except DraftError as e:
            print(f"ERROR {e}")
            bad += 1
            continue
        dest = GOLD / "ann" / f"{gold['doc_id']}.json"
        dest.write_text(json.dumps(_strip_text(gold), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
        print(f"{path} -> {dest.relative_to(ROOT)}: {len(gold['quotes'])} quotes, "
              f"{len(gold['people'])} people, "
              f"{'no' if gold['entities'] is None else len(gold['entities'])} entities")
    return 1 if bad else 0


def build(out: Path, only: Optional[str] = None, rounds: Optional[set[int]] = None) -> None:
    """Write the pairs of split ``only`` (all when None) of the draw rounds ``rounds`` (all when
    None; the first round's articles carry no round number): a later round scored alone is
    a check that a change made on the earlier rounds carries over to unseen phrasings."""
    sel = {a["doc_id"]: a for a in json.loads((GOLD / "selection.json").read_text("utf-8"))["articles"]}
    anns = {p.stem: json.loads(p.read_text("utf-8")) for p in sorted((GOLD / "ann").glob("*.json"))}
    texts = {rec["doc_id"]: rec["text"] for rec in articles() if rec["doc_id"] in anns}
    counts: dict[str, list[int]] = {}
    for doc_id, gold in anns.items():
        text = texts[doc_id]
        if sha(text) != gold["text_sha256"]:
            raise SystemExit(f"{doc_id}: the corpus text changed (sha256 differs)")
        split = sel[doc_id]["split"]
        if only and split != only or rounds and sel[doc_id].get("round", 1) not in rounds:
            continue
        for q in gold["quotes"]:
            q["text"] = text[q["start"]:q["end"]]
        folder = out / split
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        (folder / f"{doc_id}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1),
                                                    encoding="utf-8")
        c = counts.setdefault(split, [0, 0])
        c[0] += 1
        c[1] += sum(q.get("tier", "core") == "core" for q in gold["quotes"])
    for split, (n, q) in sorted(counts.items()):
        print(f"{split}: {n} articles, {q} core quotes -> {out / split}")


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="The modern-news gold set (issue #12).")
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw", help="draw the articles by the fixed seed")
    d.add_argument("--extend", type=int, default=0, metavar="N",
                   help="add N more articles per genre to the drawn set (next round's seed)")
    s = sub.add_parser("show", help="print an article's paragraphs with numbers and offsets")
    s.add_argument("doc_id")
    i = sub.add_parser("import", help="turn drafts into tests/data/news_gold/ann/DOC_ID.json")
    i.add_argument("drafts", nargs="+", type=Path)
    b = sub.add_parser("build", help="write NAME.txt + NAME.gold.json pairs for evaluate")
    b.add_argument("out", type=Path)
    b.add_argument("--split", choices=("dev", "heldout"),
                   help="only this split (tuning work builds --split dev alone)")
    b.add_argument("--rounds", type=lambda v: {int(x) for x in v.split(",")}, metavar="N[,N…]",
                   help="only the articles of these draw rounds (1 = the first draw)")
    args = ap.parse_args(argv)
    if args.cmd == "draw":
        draw(args.extend)
    elif args.cmd == "show":
        show(args.doc_id)
    elif args.cmd == "import":
        return import_drafts(args.drafts)
    else:
        build(args.out, args.split, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
