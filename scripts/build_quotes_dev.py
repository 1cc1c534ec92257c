"""Build the quotes dev set in tests/data/quotes_dev/ (see docs/quotes.md).

``select``: picks reported-speech passages from the news corpora in ../shared/data
(MSRA official test, People's Daily NER dev/test), reconstructed by joining characters,
and writes NAME.txt (one passage per line = one paragraph), NAME.people.json (the
corpus's PER spans, as person records) and NAME.ents.json (the corpus's PER/ORG/LOC spans,
for scoring the quotes stage on corpus entities apart from the NER).

``gold``: turns the hand-written annotations NAME.ann beside them into NAME.gold.json
(SCHEMA §1, ``"entities": null`` so only quotes are scored). An annotation line is
``LINE<TAB>speaker<TAB>kind<TAB>cue<TAB>quote text[<TAB>tier[<TAB>also|also]]``: LINE is the
1-based passage line, the quote text is found in that line (its first occurrence not
already taken by another quote), the cue is the occurrence nearest to the quote in that line
(else the last one before the line: a quotation opening the paragraph after `他说：`).
``-`` stands for a null speaker or cue.

Hand-written passages (own_NN.txt) list their entities in own_NN.ents.tsv; ``gold`` marks
them. ``score OUT.jsonl``: runs the quotes stage alone on the corpus's own PER/ORG/LOC spans
(NAME.ents.json, DATE by the shipped rules) and writes predictions for ``evaluate --pred``:
the attributor's figure apart from NER errors (``evaluate tests/data/quotes_dev`` gives the
whole pipeline's).

    python scripts/build_quotes_dev.py select   # once; the .txt files are committed
    python scripts/build_quotes_dev.py gold     # after editing any .ann file
    python scripts/build_quotes_dev.py score /tmp/q.jsonl
    python -m zhpolicy_nlp evaluate tests/data/quotes_dev --pred /tmp/q.jsonl
"""
from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "tests" / "data" / "quotes_dev"
SOURCES = {
    "msra": [DATA / "msra" / "msra_test_bio.txt"],
    "pd": [DATA / "people_daily_ner" / "example.dev", DATA / "people_daily_ner" / "example.test"],
}
PER_FILE = 30
CONSECUTIVE = {"msra"}
FILES = {"msra": 4, "pd": 3}
# A speech cue followed by the start of content, or a quotation.
SELECT_RE = regex.compile(
    r"(?:说|表示|指出|认为|强调|介绍|称|透露|坦言|建议|呼吁|提出|要求|倡导|显示|告诉记者|看来|宣布|表明)[，：:“]"
    r"|[”」][，,]?[^，。“”]{1,12}(?:说|表示|认为|指出)")

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
PRONOUN_RE = regex.compile(r"[他她](?:还|也|又|则|并|同时|进一步|特别)?(?:说|表示|指出|认为|强调|介绍|称|透露|坦言|呼吁|提出|要求)")


def read_bio(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences as (text, [(start, end, PERSON|ORG|LOC)]) from a char-per-line BIO file."""
    out, chars, tags = [], [], []

    def flush() -> None:
        if chars:
            spans, start, label = [], None, ""
            for i, t in enumerate([*tags, "O"]):
                if start is not None and not (t.startswith("I-") and t[2:] == label):
                    spans.append((start, i, LABELS.get(label, label)))
                    start = None
                if t.startswith("B-"):
                    start, label = i, t[2:]
            out.append(("".join(chars), spans))
        chars.clear()
        tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        parts = line.split()
        chars.append(parts[0] if len(parts) > 1 else line[0])
        tags.append(parts[-1] if len(parts) > 1 else "O")
    flush()
    return out


def _balanced(text: str) -> bool:
    """Corpus sentences sometimes split a quotation; such halves cannot be annotated."""
    return text.count("“") == text.count("”") and text.count("「") == text.count("」")


def _named_before(spans: list[tuple[int, int, str]], pos: int) -> bool:
    return any(s < pos and lab == "PERSON" for s, _, lab in spans)


def select() -> None:
    rng = random.Random(5)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, paths in SOURCES.items():
        sents = [s for p in paths for s in read_bio(p)]
        picks = [i for i, (t, _) in enumerate(sents) if SELECT_RE.search(t) and 12 <= len(t) <= 160 and _balanced(t)]
        chosen = sorted(rng.sample(picks, min(len(picks), PER_FILE * FILES[name])))
        rng.shuffle(chosen)
        for f in range(FILES[name]):
            lines, people, ents = [], {}, []
            for i in sorted(chosen[f * PER_FILE:(f + 1) * PER_FILE]):
                text, spans = sents[i]
                # a pronoun speaker gets the sentences before it until a person is named
                back = i
                while name in CONSECUTIVE and PRONOUN_RE.search(text) and back > 0 and i - back < 3 \
                        and not _named_before(spans, PRONOUN_RE.search(text).start()):
                    back -= 1
                    prev, pspans = sents[back]
                    spans = pspans + [(s + len(prev), e + len(prev), lab) for s, e, lab in spans]
                    text = prev + text
                pron = PRONOUN_RE.search(text)
                if not _balanced(text) or (pron and not _named_before(spans, pron.start())):
                    continue  # a split quotation, or a pronoun whose person is out of reach
                # a third of the passages carry on into the next sentence (continuation);
                # only MSRA keeps its sentences in article order
                if name in CONSECUTIVE and i % 3 == 0 and i + 1 < len(sents) and len(text) + len(sents[i + 1][0]) <= 220:
                    nxt, nspans = sents[i + 1]
                    spans = spans + [(s + len(text), e + len(text), lab) for s, e, lab in nspans]
                    text += nxt
                base = sum(len(x) + 1 for x in lines)
                ents.extend({"start": base + s, "end": base + e, "label": lab} for s, e, lab in spans)
                for s, e, _ in (x for x in spans if x[2] == "PERSON"):
                    p = people.setdefault(text[s:e], {"name": text[s:e], "aliases": [],
                                                      "titles": [], "mentions": []})
                    p["mentions"].append({"start": base + s, "end": base + e, "text": text[s:e]})
                lines.append(text)
            stem = f"{name}_{f + 1:02d}"
            (OUT / f"{stem}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
            (OUT / f"{stem}.people.json").write_text(
                json.dumps(list(people.values()), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            (OUT / f"{stem}.ents.json").write_text(json.dumps(ents) + "\n", encoding="utf-8")


def _line_starts(text: str) -> list[int]:
    starts, pos = [], 0
    for line in text.split("\n"):
        starts.append(pos)
        pos += len(line) + 1
    return starts


def gold_for(stem: str) -> dict:
    text = (OUT / f"{stem}.txt").read_text(encoding="utf-8")
    people_path = OUT / f"{stem}.people.json"
    people = json.loads(people_path.read_text(encoding="utf-8")) if people_path.exists() else []
    starts = _line_starts(text)
    quotes, taken = [], set()
    for n, raw in enumerate((OUT / f"{stem}.ann").read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        f = raw.split("\t")
        line, speaker, kind, cue, qtext = int(f[0]), f[1], f[2], f[3], f[4]
        tier = f[5] if len(f) > 5 and f[5] else "core"
        ls = starts[line - 1]
        le = text.find("\n", ls)
        s = text.find(qtext, ls, le)
        while s >= 0 and s in taken:  # the same words quoted twice in one line
            s = text.find(qtext, s + 1, le)
        if s < 0:
            sys.exit(f"{stem}.ann:{n}: quote text not in line {line}: {qtext}")
        taken.add(s)
        q = {"start": s, "end": s + len(qtext), "text": qtext, "kind": kind,
             "speaker": None if speaker == "-" else speaker, "tier": tier, "cue": None}
        if cue != "-":  # in the quote's line, else the last one before it (他说：\n“…)
            before = text.rfind(cue, 0, ls)
            cands = [i for i in range(ls, le) if text.startswith(cue, i)] or ([before] if before >= 0 else [])
            if not cands:
                sys.exit(f"{stem}.ann:{n}: cue not in line {line}: {cue}")
            c = min(cands, key=lambda i: abs(i - s))
            q["cue"] = {"start": c, "end": c + len(cue), "text": cue}
        if len(f) > 6 and f[6]:
            q["speaker_also"] = f[6].split("|")
        quotes.append(q)
    quotes.sort(key=lambda q: q["start"])
    return {"doc_id": stem, "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "entities": None, "people": people, "quotes": quotes}


def hand_entities(stem: str) -> None:
    """NAME.ents.tsv (surface, label) → NAME.ents.json and NAME.people.json, every occurrence."""
    text = (OUT / f"{stem}.txt").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in (OUT / f"{stem}.ents.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    ents, people = [], {}
    for surface, label in rows:
        i = text.find(surface)
        while i >= 0:
            ents.append({"start": i, "end": i + len(surface), "label": label})
            if label == "PERSON":
                p = people.setdefault(surface, {"name": surface, "aliases": [], "titles": [], "mentions": []})
                p["mentions"].append({"start": i, "end": i + len(surface), "text": surface})
            i = text.find(surface, i + len(surface))
    (OUT / f"{stem}.ents.json").write_text(json.dumps(ents) + "\n", encoding="utf-8")
    (OUT / f"{stem}.people.json").write_text(
        json.dumps(list(people.values()), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def gold() -> None:
    for tsv in sorted(OUT.glob("*.ents.tsv")):
        hand_entities(tsv.name[: -len(".ents.tsv")])
    for ann in sorted(OUT.glob("*.ann")):
        g = gold_for(ann.stem)
        (OUT / f"{ann.stem}.gold.json").write_text(
            json.dumps(g, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def score(out: str) -> None:
    import spacy

    from zhpolicy_nlp import tokenizer  # noqa: F401  (registers the tokenizer)
    from zhpolicy_nlp.ner.dates import find_dates
    from zhpolicy_nlp.quotes.component import QuoteAttributor
    from zhpolicy_nlp.schema import Person
    from zhpolicy_nlp.spans import set_char_entities

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhpolicy.JiebaTokenizer.v1"}}})
    stage = QuoteAttributor(nlp)
    with open(out, "w", encoding="utf-8") as fh:
        for g in sorted(OUT.glob("*.gold.json")):
            stem = g.name[: -len(".gold.json")]
            text = (OUT / f"{stem}.txt").read_text(encoding="utf-8")
            ents = json.loads((OUT / f"{stem}.ents.json").read_text(encoding="utf-8"))
            people = [Person.from_dict(p) for p in json.loads(g.read_text(encoding="utf-8"))["people"]]
            doc = nlp.make_doc(text)
            doc = set_char_entities(doc, [(e["start"], e["end"], e["label"]) for e in ents]
                                    + [(s, e, "DATE") for s, e in find_dates(text)])
            doc._.people = people
            stage(doc)
            rec = {"doc_id": stem, "entities": [], "people": [],
                   "quotes": [q.to_dict() for q in doc._.quotes]}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    {"select": select, "gold": gold, "score": score}[sys.argv[1]](*sys.argv[2:])
