"""Command line: ``python -m zhpolicy_nlp {extract,render,evaluate} …``."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Optional, Sequence


def cmd_extract(args: argparse.Namespace) -> int:
    import zhpolicy_nlp
    from .runtime import batch
    from .runtime.inputs import iter_inputs

    from .runtime.extractor import default_time_limit

    # a night run must not hang on one pathological document: the CLI sets a time limit
    ex = zhpolicy_nlp.load(args.model, time_limit=default_time_limit)
    output = Path(args.output) if args.output else None
    if args.resume and output is None:
        print("extract: --resume needs -o OUTPUT", file=sys.stderr)
        return 2
    items = iter_inputs(args.inputs, encoding=args.encoding)
    try:
        n_process = args.processes or batch.default_processes()
        stats = batch.run(items, ex, output, n_process=n_process, resume=args.resume,
                          quiet=args.quiet, model=args.model)
    except batch.Interrupted as e:
        if output is not None:
            kept = "is unchanged" if output.exists() else "was not written"
            print(f"extract: interrupted ({e}); finished records are in "
                  f"{batch.partial_path(output)}; {output} {kept}. "
                  "Run the same command with --resume to continue.", file=sys.stderr)
        return 128 + e.signum
    except BrokenPipeError:  # `extract … | head`: the reader has gone; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13  # as if killed by SIGPIPE
    except OSError as e:  # the output cannot be written: say where, no traceback
        if output is None:
            raise
        print(f"extract: cannot write {output}: {e.strerror or e}"
              + (f" ({e.filename})" if e.filename else ""), file=sys.stderr)
        return 2
    if not args.quiet:
        print(f"extract: {stats.docs} documents, {stats.errors} errors"
              + (f", {stats.skipped} already done" if stats.skipped else ""), file=sys.stderr)
    return 1 if stats.errors else 0


def cmd_render(args: argparse.Namespace) -> int:
    from .render import html

    return html.run_cli(args)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from . import evaluate

    return evaluate.run_cli(args)


def cmd_train(args: argparse.Namespace) -> int:
    """Trainers are imported here only, so that the other commands never load training code."""
    if args.component == "ner":
        from .training import lstm as trainer
    else:
        from .training import crf as trainer
    p = argparse.ArgumentParser(prog=f"python -m zhpolicy_nlp train {args.component}",
                                description=trainer.__doc__)
    trainer.add_arguments(p)
    return trainer.run(p.parse_args(args.options))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m zhpolicy_nlp", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="extract entities, people and quotes as JSONL")
    e.add_argument("inputs", nargs="+", help=".txt file, folder of .txt, .jsonl file, or - (JSONL on stdin)")
    e.add_argument("-o", "--output", help="write JSONL here (atomically) instead of stdout")
    e.add_argument("--model", help="model name or path (default: the shipped model)")
    e.add_argument("--encoding", default="utf-8", help="input encoding (default utf-8)")
    e.add_argument("-p", "--processes", type=int, default=None,
                   help="worker processes (default: all cores)")
    e.add_argument("--resume", action="store_true",
                   help="skip doc_ids that already have a result in OUTPUT; append the rest")
    e.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    e.set_defaults(func=cmd_extract)

    r = sub.add_parser("render", help="HTML view: entities, quotes linked to speakers, people")
    r.add_argument("inputs", nargs="+", help="documents, as for extract")
    r.add_argument("-o", "--output", required=True, help="write the HTML page here")
    r.add_argument("--pred", help="results JSONL from extract (default: run the pipeline)")
    r.add_argument("--model", help="model name or path when running the pipeline")
    r.add_argument("--encoding", default="utf-8", help="input encoding (default utf-8)")
    r.set_defaults(func=cmd_render)

    v = sub.add_parser("evaluate", help="score predictions against gold (SCHEMA §3)")
    v.add_argument("gold_dir", help="folder of NAME.txt + NAME.gold.json pairs")
    v.add_argument("--pred", help="predictions JSONL (default: run the pipeline)")
    v.add_argument("--json", action="store_true", help="print the figures as JSON")
    v.add_argument("--model", help="model name or path when running the pipeline")
    v.set_defaults(func=cmd_evaluate)

    t = sub.add_parser("train", help="retrain a model from the shared corpora")
    t.add_argument("component", choices=("ner", "ner-crf"),
                   help="ner: the default BiLSTM-CRF (models/ner-lstm; needs the train extra: "
                        "torch); ner-crf: the linear CRF (models/ner-crf; python-crfsuite)")
    t.add_argument("options", nargs=argparse.REMAINDER,
                   help="the trainer's options (see `train COMPONENT --help`)")
    t.set_defaults(func=cmd_train)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)
