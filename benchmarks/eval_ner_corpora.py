"""Score the shipped NER on public test corpora: per-label and micro P/R/F1, exact spans.

    nice .venv/bin/python benchmarks/eval_ner_corpora.py [--data ../shared/data] [--json OUT]
        [--model ner-crf]

Two figures per corpus, both over PERSON/ORG/LOC:
- ``model``: the statistical model alone, sentence by sentence, through the component's own
  path (pipeline tokenizer → model inputs → model), i.e. what the corpora's conventions measure;
- ``component``: the whole ``ner`` stage (model + entity rules + dates). The rules follow
  SCHEMA §2 (maximal modern government-body spans), not the 1990s corpora's conventions, so
  this figure may be lower on them while higher on today's news.
Corpora: MSRA official test (``msra/msra_test_bio.txt``); People's Daily NER test
(``people_daily_ner/example.test``), whole and restricted to the sentences that are NOT in
MSRA train (92% of it is: the whole-set figure is not a held-out score); CLUENER dev
(``cluener/dev.json``, 2020 news, sports, games, fiction; never trained on) for PERSON
(its ``name``) and ORG (``government``, ``organization``, ``company``) only — its ``address``
is not a LOC convention — and with other conventions again (club names are organisations,
names inside a game or book title are not names), so read it as a comparison between models.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ("PERSON", "ORG", "LOC")
CLUENER = {"name": "PERSON", "government": "ORG", "organization": "ORG", "company": "ORG"}
Gold = list[tuple[str, list[tuple[int, int, str]]]]


def read_cluener(path: Path) -> Gold:
    """(text, PERSON/ORG spans) per CLUENER line (its offsets are inclusive)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        spans = [(a, b + 1, CLUENER[lab]) for lab, d in row["label"].items() if lab in CLUENER
                 for places in d.values() for a, b in places]
        out.append((row["text"], spans))
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    p.add_argument("--json", help="also write the figures here")
    p.add_argument("--model", help="model name or folder (default: the shipped default)")
    args = p.parse_args()

    import zhpolicy_nlp
    from zhpolicy_nlp.spans import char_entities
    from zhpolicy_nlp.ner.tags import spans_from_tags
    from zhpolicy_nlp.training.crf import read_bio, score, to_bioes

    data = Path(args.data)
    nlp = zhpolicy_nlp.load(args.model).nlp
    ner = nlp.get_pipe("ner")
    train = {t for t, _ in read_bio(data / "msra" / "train.bio")}
    pd_test = read_bio(data / "people_daily_ner" / "example.test")
    def bio(sents) -> Gold:
        return [(t, spans_from_tags(to_bioes(tags))) for t, tags in sents]

    sets: dict[str, tuple[Gold, tuple[str, ...]]] = {
        "msra_test": (bio(read_bio(data / "msra" / "msra_test_bio.txt")), LABELS),
        "pd_test": (bio(pd_test), LABELS),
        "pd_test_unseen": (bio([s for s in pd_test if s[0] not in train]), LABELS),
    }
    if (data / "cluener" / "dev.json").is_file():
        sets["cluener_dev"] = (read_cluener(data / "cluener" / "dev.json"), ("PERSON", "ORG"))
    out: dict[str, dict] = {}
    for name, (sents, labels) in sets.items():
        gold = [g for _, g in sents]
        model, comp = [], []
        for text, _ in sents:
            doc = nlp.tokenizer(text)
            model.append([s for s in ner.model_spans(doc) if s[2] in labels])
            comp.append([s for s in char_entities(ner(doc)) if s[2] in labels])
        out[name] = {"sentences": len(sents), "model": score(model, gold),
                     "component": score(comp, gold)}
        for kind in ("model", "component"):
            r = out[name][kind]
            cells = " ".join(f"{lab} {r[lab]['f1']:.4f}" for lab in LABELS if lab in r)
            print(f"{name:15s} {kind:9s} micro P {r['micro']['p']:.4f} R {r['micro']['r']:.4f} "
                  f"F1 {r['micro']['f1']:.4f} | {cells}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
