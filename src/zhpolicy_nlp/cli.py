"""Command line: ``python -m zhpolicy_nlp {extract,evaluate} …``."""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Optional, Sequence


def _write_atomic_lines(out: Path, lines) -> None:
    """Write to a temp file beside ``out`` and rename: ``out`` is never half written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for line in lines:
                fh.write(line + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_extract(args: argparse.Namespace) -> int:
    import zhpolicy_nlp
    from .inputs import iter_inputs

    ex = zhpolicy_nlp.load(args.model)
    failed = 0

    def records():
        nonlocal failed
        for doc_id, text, err in iter_inputs(args.inputs, encoding=args.encoding):
            if err is None:
                try:
                    rec = ex.extract(text, doc_id).to_dict()
                except Exception as e:  # one bad document never stops the run
                    rec = {"doc_id": doc_id, "error": f"{type(e).__name__}: {e}"}
            else:
                rec = {"doc_id": doc_id, "error": err}
            if "error" in rec:
                failed += 1
            yield json.dumps(rec, ensure_ascii=False)

    if args.output:
        _write_atomic_lines(Path(args.output), records())
    else:
        for line in records():
            sys.stdout.write(line + "\n")
        sys.stdout.flush()
    return 1 if failed else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from . import evaluate

    return evaluate.run_cli(args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m zhpolicy_nlp", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="extract entities, people and quotes as JSONL")
    e.add_argument("inputs", nargs="+", help=".txt file, folder of .txt, .jsonl file, or - (JSONL on stdin)")
    e.add_argument("-o", "--output", help="write JSONL here (atomically) instead of stdout")
    e.add_argument("--model", help="model name or path (default: the shipped model)")
    e.add_argument("--encoding", default="utf-8", help="input encoding (default utf-8)")
    e.set_defaults(func=cmd_extract)

    v = sub.add_parser("evaluate", help="score predictions against gold (SCHEMA §3)")
    v.add_argument("gold_dir", help="folder of NAME.txt + NAME.gold.json pairs")
    v.add_argument("--pred", help="predictions JSONL (default: run the pipeline)")
    v.add_argument("--json", action="store_true", help="print the figures as JSON")
    v.add_argument("--model", help="model name or path when running the pipeline")
    v.set_defaults(func=cmd_evaluate)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)
