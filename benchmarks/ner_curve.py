"""Accuracy against speed for BiLSTM-CRF model folders: the curve of issue #13's model choice.

    nice .venv/bin/python benchmarks/ner_curve.py FOLDER... [--data ../shared/data]
        [--news-dev DIR] [--rounds 3] [--json OUT]

Per folder, in one run: micro F1 of the model alone on ``msra/lemonhu_val`` (the validation
set that picks epochs and models) and on the MSRA official test (scored, never used to
choose); entity micro F1 of the whole pipeline with that model on a news-gold dev folder
(``scripts/news_gold.py build OUT --split dev``; the 2019-2020 articles that carry entities),
when given; and the recogniser's speed — inputs, network and Viterbi over the MSRA test
sentences in the pipeline's batches — as chars/s and as a ratio to ``jieba.cut`` over the
same text timed in the same run (best of ``--rounds``), plus the model file's size.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from bench_ner import best_of  # the sibling script: one timing helper for the benchmarks

ROOT = Path(__file__).resolve().parents[1]


def news_entities(folder: Path, gold_dir: Path) -> float:
    """Entity micro F1 of the pipeline with this model on a news-gold folder."""
    out = subprocess.run([sys.executable, "-m", "zhpolicy_nlp", "evaluate", str(gold_dir),
                          "--model", str(folder), "--json"], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out)["summary"]["entities/micro"]["f"]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folders", nargs="+", type=Path)
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    p.add_argument("--news-dev", type=Path, help="news-gold dev folder (entities scored)")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--json", type=Path, help="also write the rows here")
    args = p.parse_args()

    import jieba

    from zhpolicy_nlp.ner.features import Gazetteers
    from zhpolicy_nlp.ner.lstm import MODEL_FILE, LstmTagger
    from zhpolicy_nlp.training.crf import load_corpora, segment
    from zhpolicy_nlp.training.lstm import evaluate

    cache = ROOT / ".nerdata"
    evals = load_corpora(args.data, holdout=True).evals
    test = [t for t, _ in evals["msra_test"]]
    words = segment(test, cache)
    gaz = Gazetteers.load()
    jieba.setLogLevel(60)
    jb = jieba.Tokenizer()
    jb.initialize()
    n = sum(map(len, test))
    t_jieba = best_of(args.rounds, lambda: [list(jb.cut(t)) for t in test])
    rows = []
    print("| model | lemonhu_val F1 | MSRA test F1 | news dev entities F1 | chars/s "
          "| ÷ jieba.cut | model.onnx MB |")
    print("|---|---|---|---|---|---|---|")
    for folder in args.folders:
        tagger = LstmTagger(folder)
        t_model = best_of(args.rounds, lambda: tagger.tag(test, words, gaz))
        row = {"model": str(folder),
               "val_f1": evaluate(folder, evals["msra_val"], cache)["micro"]["f1"],
               "test_f1": evaluate(folder, evals["msra_test"], cache)["micro"]["f1"],
               "news_dev_entities_f1": (round(news_entities(folder, args.news_dev), 4)
                                        if args.news_dev else None),
               "chars_per_s": round(n / t_model), "jieba_ratio": round(t_jieba / t_model, 3),
               "mb": round((folder / MODEL_FILE).stat().st_size / 1e6, 1)}
        rows.append(row)
        print(f"| {folder} | {row['val_f1']:.4f} | {row['test_f1']:.4f} | "
              f"{row['news_dev_entities_f1']} | {row['chars_per_s']:,} | "
              f"{row['jieba_ratio']:.3f} | {row['mb']} |", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
