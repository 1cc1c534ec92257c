"""Speed of the NER stage next to ``jieba.cut`` over the same text, in the same run.

    nice .venv/bin/python benchmarks/bench_ner.py [--data ../shared/data] [--rounds 3]
        [--models ner-lstm ner-crf]

Inputs: ``seeds/forum.txt`` and the MSRA official test text (sentences joined into one
document per 50 sentences). The NER figure times ``ner(doc)`` on Docs the pipeline tokenizer
made beforehand (tokenization is jieba's cost, counted once, in the tokenizer): the whole
stage (model, entity rules, dates, ``set_char_entities``) and its model part alone (inputs +
tagging), for each model named (default: the shipped BiLSTM-CRF and the linear CRF, in the
same run). NER/jieba is NER chars/s over jieba.cut chars/s.
Best of ``--rounds`` passes, so other load on a shared machine disturbs the figures least.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]


def best_of(rounds: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def texts(data: Path) -> dict[str, list[str]]:
    from zhpolicy_nlp.training.crf import read_bio

    out = {"forum": [(ROOT / "seeds" / "forum.txt").read_text(encoding="utf-8")]}
    msra = data / "msra" / "msra_test_bio.txt"
    if msra.is_file():
        sents = [t for t, _ in read_bio(msra)]
        out["msra_test"] = ["".join(sents[i:i + 50]) for i in range(0, len(sents), 50)]
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--models", nargs="+", default=["ner-lstm", "ner-crf"])
    args = p.parse_args()

    import jieba

    import zhpolicy_nlp

    jieba.setLogLevel(60)
    jb = jieba.Tokenizer()
    jb.initialize()
    print("| model | input | chars | jieba.cut chars/s | NER chars/s | NER/jieba "
          "| model part chars/s |")
    print("|---|---|---|---|---|---|---|")
    inputs = texts(Path(args.data))
    for model in args.models:
        t0 = time.perf_counter()
        nlp = zhpolicy_nlp.load(model).nlp
        load_s = time.perf_counter() - t0
        ner = nlp.get_pipe("ner")
        for name, docs_text in inputs.items():
            n = sum(map(len, docs_text))
            t_jieba = best_of(args.rounds, lambda: [list(jb.cut(t)) for t in docs_text])
            docs = [nlp.tokenizer(t) for t in docs_text]
            fresh = iter([[nlp.tokenizer(t) for t in docs_text] for _ in range(args.rounds)])
            t_ner = best_of(args.rounds, lambda: [ner(d) for d in next(fresh)])  # edits docs
            t_model = best_of(args.rounds, lambda: [ner.model_spans(d) for d in docs])
            print(f"| {model} (load {load_s:.2f} s) | {name} | {n} | {n / t_jieba:,.0f} | "
                  f"{n / t_ner:,.0f} | {t_jieba / t_ner:.2f} | {n / t_model:,.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
