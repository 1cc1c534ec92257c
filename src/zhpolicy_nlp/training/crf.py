"""Train and score the character CRF of :mod:`zhpolicy_nlp.ner` from ``../shared/data``.

``python -m zhpolicy_nlp train ner-crf --data ../shared/data --out models/ner-crf`` rebuilds the
shipped model (the default ``--out`` is ``runs/ner-crf``, so that a trial run never overwrites it): MSRA train (minus nothing, or minus the lemonhu_val sentences with
``--holdout``) + People's Daily NER dev, segmented with the pipeline's own jieba dictionary
so that word features at training time match those at run time.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence

from .. import lexicon
from ..evaluate import prf as _prf
from ..ner.crf import MODEL_FILE
from ..ner.features import Gazetteers, featurize
from ..ner.tags import spans_from_tags

Sentence = tuple[str, list[str]]  # text, BIO tags (labels as in the corpus)


# ---------------------------------------------------------------- corpora
def read_bio(path: Path) -> list[Sentence]:
    """Char-per-line BIO files (``char<TAB or SPACE>tag``, blank line between sentences)."""
    out: list[Sentence] = []
    chars: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if chars:
                    out.append(("".join(chars), tags))
                chars, tags = [], []
                continue
            parts = line.split()
            if len(parts) == 1:  # a whitespace character was the token
                chars.append(" ")
                tags.append(parts[0])
            else:
                chars.append(parts[0][0])
                tags.append(parts[-1])
    if chars:
        out.append(("".join(chars), tags))
    return out


def read_lemonhu(folder: Path) -> list[Sentence]:
    """``sentences.txt`` (space-separated chars) + ``tags.txt`` (space-separated tags)."""
    sents = (folder / "sentences.txt").read_text(encoding="utf-8").splitlines()
    tags = (folder / "tags.txt").read_text(encoding="utf-8").splitlines()
    return [("".join(s.split()), t.split()) for s, t in zip(sents, tags) if s.strip()]


def to_bioes(tags: Sequence[str]) -> list[str]:
    """Corpus BIO tags → BIOES over the project's labels (the CRF's label set)."""
    out = ["O"] * len(tags)
    for s, e, lab in spans_from_tags(tags):
        if lab not in ("PERSON", "ORG", "LOC"):
            continue
        if e - s == 1:
            out[s] = "S-" + lab
        else:
            out[s] = "B-" + lab
            for k in range(s + 1, e - 1):
                out[k] = "I-" + lab
            out[e - 1] = "E-" + lab
    return out


# ---------------------------------------------------------------- segmentation
def pipeline_segmenter() -> Callable[[str], list[str]]:
    """The pipeline tokenizer's jieba segmentation (same user dictionary)."""
    import spacy

    from ..tokenizer import create_jieba_tokenizer

    tok = create_jieba_tokenizer()(spacy.blank("zh"))
    return tok.cut


# = tokenizer.USER_DICT_LEXICONS, not imported so that training from a cache needs no spaCy
SEG_LEXICONS: tuple[str, ...] = ("orgs", "titles", "places")


def _seg_cache_file(cache_dir: Path) -> Path:
    """One cache per user dictionary: a lexicon change invalidates it."""
    h = hashlib.sha1()
    for name in SEG_LEXICONS:
        h.update("\n".join(sorted(lexicon.words(name))).encode("utf-8") + b"\0")
    return cache_dir / f"seg-{h.hexdigest()[:12]}.json.gz"


def segment(texts: Sequence[str], cache_dir: Optional[Path] = None) -> list[list[str]]:
    """Words of every text, via a cache of word lengths keyed by text (the cache lets a
    machine without spaCy/jieba train)."""
    cache = _seg_cache_file(cache_dir) if cache_dir else None
    known: dict[str, list[int]] = {}
    if cache and cache.is_file():
        known = json.loads(gzip.decompress(cache.read_bytes()))
    missing = [t for t in dict.fromkeys(texts) if t not in known]
    if missing:
        cut = pipeline_segmenter()
        for t in missing:
            known[t] = [len(w) for w in cut(t) if w]
        if cache:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_bytes(gzip.compress(json.dumps(known, ensure_ascii=False).encode()))
    out = []
    for t in texts:
        pos, ws = 0, []
        for n in known[t]:
            ws.append(t[pos:pos + n])
            pos += n
        out.append(ws)
    return out


# ---------------------------------------------------------------- corpora sets
@dataclass
class Corpora:
    train: list[Sentence]
    evals: dict[str, list[Sentence]] = field(default_factory=dict)


def load_corpora(data: Path, holdout: bool, extra_pd_dev: bool = True) -> Corpora:
    """Training data and the evaluation sets. Never trains on the MSRA or PD test sets."""
    train = read_bio(data / "msra" / "train.bio")
    val = read_lemonhu(data / "msra" / "lemonhu_val")
    evals = {"msra_test": read_bio(data / "msra" / "msra_test_bio.txt"),
             "pd_test": read_bio(data / "people_daily_ner" / "example.test")}
    if holdout:
        held = {t for t, _ in val}
        train = [s for s in train if s[0] not in held]
        evals["msra_val"] = val
    if extra_pd_dev:
        train += read_bio(data / "people_daily_ner" / "example.dev")
    return Corpora(train, evals)


# ---------------------------------------------------------------- train / score
def train(corpora: Corpora, out: Path, *, c1: float = 0.05, c2: float = 0.01,
          max_iterations: int = 150, cache_dir: Optional[Path] = None, log: Callable[[str], None] = print) -> dict:
    """Fit the CRF, write ``model.crfsuite`` to ``out``, return metadata."""
    import pycrfsuite

    t0 = time.time()
    texts = [t for t, _ in corpora.train]
    segs = segment(texts, cache_dir)
    gaz = Gazetteers.load()
    trainer = pycrfsuite.Trainer(verbose=False)
    for (text, tags), ws in zip(corpora.train, segs):
        trainer.append(featurize(text, ws, gaz), to_bioes(tags))
    log(f"features built for {len(texts)} sentences in {time.time() - t0:.0f}s")
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations,
                        "feature.possible_transitions": True})
    out.mkdir(parents=True, exist_ok=True)
    t1 = time.time()
    trainer.train(str(out / MODEL_FILE))
    meta = {"sentences": len(texts), "chars": sum(map(len, texts)), "c1": c1, "c2": c2,
            "max_iterations": max_iterations,
            "iterations": len(trainer.logparser.iterations),
            "train_seconds": round(time.time() - t1, 1),
            "model_bytes": (out / MODEL_FILE).stat().st_size}
    log(json.dumps(meta))
    return meta


def prf(tp: int, np_: int, ng: int) -> dict:
    """``evaluate.prf`` (the one scoring helper) in the training report's shape: rounded,
    F1 as ``f1``."""
    fig = _prf(tp, np_, ng)
    return {"p": round(fig["p"], 4), "r": round(fig["r"], 4), "f1": round(fig["f"], 4), "gold": ng}


def score(pred: Sequence[Sequence[tuple[int, int, str]]],
          gold: Sequence[Sequence[tuple[int, int, str]]]) -> dict:
    """Exact-span P/R/F1 per label and micro (the SIGHAN/CoNLL convention)."""
    counts: dict[str, list[int]] = {}
    for ps, gs in zip(pred, gold):
        ps, gs = set(ps), set(gs)
        for lab in {x[2] for x in ps | gs}:
            c = counts.setdefault(lab, [0, 0, 0])
            c[0] += len({x for x in ps & gs if x[2] == lab})
            c[1] += sum(1 for x in ps if x[2] == lab)
            c[2] += sum(1 for x in gs if x[2] == lab)
    res = {lab: prf(*c) for lab, c in sorted(counts.items())}
    res["micro"] = prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return res


def evaluate(model_dir: Path, sents: Sequence[Sentence],
             cache_dir: Optional[Path] = None) -> dict:
    """Score a trained model on BIO sentences (sentence-level tagging, as trained)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_dir / MODEL_FILE))
    gaz = Gazetteers.load()
    texts = [t for t, _ in sents]
    segs = segment(texts, cache_dir)
    pred = [spans_from_tags(tagger.tag(featurize(t, ws, gaz))) for t, ws in zip(texts, segs)]
    gold = [spans_from_tags(to_bioes(tags)) for _, tags in sents]
    return score(pred, gold)


# ---------------------------------------------------------------- CLI
def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", default="../shared/data", help="the shared data folder")
    p.add_argument("--out", default="runs/ner-crf",
                   help="model folder to write (models/ner-crf replaces the shipped model)")
    p.add_argument("--c1", type=float, default=0.05, help="L1 weight (model size)")
    p.add_argument("--c2", type=float, default=0.01, help="L2 weight")
    p.add_argument("--iterations", type=int, default=150, help="L-BFGS iterations")
    p.add_argument("--holdout", action="store_true",
                   help="leave out the msra/lemonhu_val sentences found verbatim in train "
                        "(1,868 of its 3,000) and score on lemonhu_val")
    p.add_argument("--limit", type=int, default=0, help="train on the first N sentences only")
    p.add_argument("--cache", default="", help="folder for cached segmentations")
    p.add_argument("--no-eval", action="store_true", help="skip scoring on the test sets")


def run(args: argparse.Namespace) -> int:
    data, out = Path(args.data), Path(args.out)
    cache = Path(args.cache) if args.cache else None
    corpora = load_corpora(data, args.holdout)
    if args.limit:
        corpora.train = corpora.train[:args.limit]
    meta = train(corpora, out, c1=args.c1, c2=args.c2, max_iterations=args.iterations,
                 cache_dir=cache)
    save_meta(meta, out, None if args.no_eval else corpora.evals, evaluate, cache)
    return 0


def save_meta(meta: dict, out: Path, evals: Optional[dict[str, list[Sentence]]],
              scorer: Callable[[Path, Sequence[Sentence], Optional[Path]], dict],
              cache: Optional[Path]) -> None:
    """Score the saved model on each evaluation set (none when ``evals`` is None), print the
    scores, and write ``meta.json`` next to the model."""
    if evals is not None:
        meta["scores"] = {name: scorer(out, sents, cache) for name, sents in evals.items()}
        print(json.dumps(meta["scores"], indent=1))
    (out / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n",
                                   encoding="utf-8")


def main(argv: Optional[Sequence[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python -m zhpolicy_nlp.training.crf", description=__doc__)
    add_arguments(p)
    return run(p.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
