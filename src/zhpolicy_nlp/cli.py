"""Command line: extract, render, evaluate and train (``zhpolicy-nlp`` or ``python -m zhpolicy_nlp``).

An error of the user's (a missing file, an unknown model, a missing optional extra) is one
line on stderr and exit status 2, never a traceback: :class:`UsageError`.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import re
import sys
from contextlib import nullcontext
from itertools import chain
from pathlib import Path
from typing import Optional, Sequence

SCRIPT = "zhpolicy-nlp"
MODULE = "python -m zhpolicy_nlp"

DESCRIPTION = """\
Who said what in Chinese government news: people, organisations, places, titles and
attributed quotes, found in plain text. Start with `%(prog)s extract FILE.txt`.
"""
_MARKUP = re.compile(r":\w+:`~?([^`]+)`|``([^`]+)``")


def plain(text: Optional[str]) -> str:
    """A docstring for a help page: reST roles and literals as plain words."""
    return _MARKUP.sub(lambda m: m.group(1) or m.group(2), text or "")


class UsageError(Exception):
    """An error of the user's: printed as one line, exit status 2."""


def counted(n: int, noun: str, plural: Optional[str] = None) -> str:
    """``1 document``, ``2 documents``; ``plural`` where adding an s is wrong (person/people)."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def _extra(module: str, extra: str, what: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise UsageError(f"{what} needs {module}, which is not installed: "
                         f'pip install -e ".[{extra}]"')


def check_model(model: Optional[str]) -> None:
    """Fail early, in one line, on a ``--model`` that names nothing."""
    if model is None or Path(model, "config.cfg").is_file():
        return
    from .ner.component import resolve_model

    try:
        resolve_model(model)
    except FileNotFoundError as e:
        raise UsageError(str(e)) from None


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {n}")
    return n


def _dask_address(value: str) -> str:
    if value.startswith("local:"):
        n = value.removeprefix("local:")
        if not n.isdigit() or int(n) < 1:
            raise argparse.ArgumentTypeError(f"local:N needs N workers, 1 or more, not {n!r}")
    elif ":" not in value:
        raise argparse.ArgumentTypeError(
            f"{value!r}: give a scheduler address (tcp://host:8786) or local:N")
    return value


# ---------------------------------------------------------------- extract

def _first_or_fail(items, inputs: Sequence[str]):
    """The items, after making sure there is one: an empty input is said, not written."""
    first = next(items, None)
    if first is None:
        where = "standard input" if list(inputs) == ["-"] else "the input"
        raise UsageError(f"no documents in {where}")
    return chain([first], items)


def cmd_extract(args: argparse.Namespace) -> int:
    import zhpolicy_nlp
    from .runtime import batch
    from .runtime.extractor import default_time_limit
    from .runtime.inputs import count_documents, empty_inputs, iter_inputs

    output = Path(args.output) if args.output else None
    if args.resume and output is None:
        raise UsageError("--resume needs -o OUTPUT")
    problems = empty_inputs(args.inputs)
    if problems:
        raise UsageError("; ".join(problems))
    as_parquet = output is not None and output.suffix.lower() == ".parquet"
    if as_parquet:
        _extra("pyarrow", "dask", "Parquet output")
    check_model(args.model)
    # The run writes JSON lines; Parquet is made from them at the end (runtime/parquet.py).
    from .runtime import parquet

    work = parquet.jsonl_beside(output) if as_parquet else output
    if as_parquet and args.resume and output.exists() and not work.exists():
        parquet.to_jsonl(output, work)
    items = _first_or_fail(iter_inputs(args.inputs, encoding=args.encoding,
                                       stdin_format=args.stdin), args.inputs)
    show_bar = not args.quiet and sys.stderr.isatty()
    total = count_documents(args.inputs) if show_bar else None
    if args.dask:
        _extra("distributed", "dask", "--dask")
    try:
        if args.dask:
            from .runtime import cluster

            try:
                with cluster.connect(args.dask) as client:
                    stats = batch.run(items, None, work, resume=args.resume, quiet=args.quiet,
                                      total=total, lines_of=cluster.lines_on(client, args.model))
            except cluster.ClusterError as e:
                kept = batch.partial_path(work) if work is not None else None
                raise UsageError(str(e) + (f"; finished records are in {kept}"
                                           if kept is not None and kept.exists() else "")) from None
        else:
            # a night run must not hang on one pathological document: the CLI sets a time limit
            ex = zhpolicy_nlp.load(args.model, time_limit=default_time_limit)
            stats = batch.run(items, ex, work, n_process=args.processes or batch.default_processes(),
                              resume=args.resume, quiet=args.quiet, model=args.model, total=total)
        if as_parquet:
            parquet.write(parquet.jsonl_records(work), output)
            work.unlink()
    except batch.Interrupted as e:
        if output is not None:
            kept = "is unchanged" if output.exists() else "was not written"
            print(f"extract: interrupted ({e}); finished records are in "
                  f"{batch.partial_path(work)}; {output} {kept}. "
                  "Run the same command with --resume to continue.", file=sys.stderr)
        return 128 + e.signum
    except OSError as e:  # the output cannot be written: say where, no traceback
        if output is None or isinstance(e, BrokenPipeError):
            raise
        raise UsageError(f"cannot write {output}: {e.strerror or e}"
                         + (f" ({e.filename})" if e.filename else "")) from None
    if not args.quiet:
        print(f"extract: {counted(stats.docs, 'document')}, {counted(stats.errors, 'error')}"
              + (f", {stats.skipped:,} already done" if stats.skipped else "")
              + (f"; wrote {output}" if output is not None else ""), file=sys.stderr)
    return 1 if stats.errors else 0


# ---------------------------------------------------------------- other commands

def cmd_render(args: argparse.Namespace) -> int:
    from .render import html
    from .runtime.inputs import empty_inputs

    problems = empty_inputs(args.inputs)
    if problems:
        raise UsageError("; ".join(problems))
    if args.pred is None:
        check_model(args.model)
    return html.run_cli(args)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from . import evaluate

    return evaluate.run_cli(args)


def trainer_parser(component: str, prog: str = SCRIPT):
    """The trainer module of ``train COMPONENT`` and the parser of its own options. Trainers
    are imported here only, so that the other commands never load training code."""
    if component == "ner":
        from .training import lstm as trainer
    elif component == "embeddings":
        from .training import embeddings as trainer
    else:
        from .training import crf as trainer
    p = argparse.ArgumentParser(prog=f"{prog} train {component}",
                                description=plain(trainer.__doc__), formatter_class=_Help)
    trainer.add_arguments(p)
    return trainer, p


def cmd_train(args: argparse.Namespace) -> int:
    trainer, p = trainer_parser(args.component, args.prog)
    options = p.parse_args(args.options)
    if args.component in ("ner", "embeddings"):
        _extra("torch", "train", f"train {args.component}")
    return trainer.run(options)


# ---------------------------------------------------------------- the parser

class _Help(argparse.RawDescriptionHelpFormatter):
    """Help that shows every option's default (flags are off unless given); the texts of
    options whose default is None say it in words."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if (not action.option_strings or action.nargs == 0 or "default" in text
                or action.default in (None, argparse.SUPPRESS)):
            return text
        return f"{text} (default: {'none' if action.default == '' else '%(default)s'})"


def _options(parser: argparse.ArgumentParser, model_help: str) -> None:
    parser.add_argument("--model", help=f"{model_help}: ner-crf (the faster linear CRF), a "
                                        "model folder, or a saved pipeline "
                                        "(default: the shipped BiLSTM-CRF)")
    parser.add_argument("--encoding", default="utf-8", help="encoding of the input files")


def build_parser(prog: str = SCRIPT) -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(prog=prog, description=DESCRIPTION, formatter_class=_Help)
    p.add_argument("--version", action="version", version=f"zhpolicy-nlp {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND",
                           title="commands", help=f"one of these; `{prog} COMMAND --help` "
                                                  "gives its options")

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        s = sub.add_parser(name, help=summary, description=description, formatter_class=_Help)
        s.set_defaults(parser=s, prog=prog)
        return s

    e = command("extract", "write results as JSON lines (or Parquet), one per document",
                "Find entities, people with their titles, and quotes with their speakers in "
                "each document; write one JSON line per document, in input order. "
                "Details: docs/cli.md.")
    e.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=".txt file; folder (its .txt files at any depth; doc_id = path in "
                        "the folder without .txt); .jsonl or .jsonl.gz file of "
                        '{"doc_id": …, "text": …} lines; or - for standard input (see --stdin)')
    e.add_argument("-o", "--output", metavar="OUT",
                   help="write here, replaced only when the run completes; OUT.parquet "
                        "writes Parquet (needs pyarrow) (default: JSON lines on stdout)")
    run_on = e.add_mutually_exclusive_group()
    run_on.add_argument("-p", "--processes", type=_positive_int, metavar="N",
                        help="worker processes on this machine (default: one per core)")
    run_on.add_argument("--dask", metavar="ADDRESS", type=_dask_address,
                        help="run on a Dask cluster: a scheduler address (tcp://host:8786) "
                             "or local:N to start N local worker processes (needs the dask "
                             "extra) (default: no Dask)")
    e.add_argument("--resume", action="store_true",
                   help="keep OUT's finished records and those of an interrupted run, "
                        "process only the rest")
    e.add_argument("--stdin", choices=("auto", "jsonl", "text", "lines"), default="auto",
                   help="what - reads: JSONL records; text (all of it one document, doc_id "
                        "stdin); lines (one document per line, doc_id stdin:LINE); auto: "
                        "JSONL if the first line starts with {, else text")
    _options(e, "NER model")
    e.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    e.set_defaults(func=cmd_extract)

    r = command("render", "write an HTML page: entities, quotes linked to speakers, people",
                "One HTML page for all the input documents: entities highlighted, each "
                "quote linked to its speaker, a people → titles → quotes table.")
    r.add_argument("inputs", nargs="+", metavar="INPUT", help="documents, as for extract")
    r.add_argument("-o", "--output", required=True, metavar="PAGE",
                   help="the HTML file to write")
    r.add_argument("--pred", metavar="RESULTS",
                   help="show results written earlier by extract (JSONL) "
                        "(default: run the pipeline on the inputs)")
    r.add_argument("--stdin", choices=("auto", "jsonl", "text", "lines"), default="auto",
                   help="what - reads, as for extract")
    _options(r, "NER model when running the pipeline")
    r.set_defaults(func=cmd_render)

    v = command("evaluate", "score results against gold files (SCHEMA section 3)",
                "Score results against NAME.txt + NAME.gold.json pairs as docs/SCHEMA.md "
                "section 3 says: errors first, figures last.")
    v.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of NAME.txt + NAME.gold.json pairs")
    v.add_argument("--pred", metavar="RESULTS",
                   help="results JSONL from extract (default: run the pipeline)")
    v.add_argument("--json", action="store_true", help="print the figures as JSON")
    v.add_argument("--model", help="NER model when running the pipeline: ner-crf, a model "
                                   "folder, or a saved pipeline (default: the shipped BiLSTM-CRF)")
    v.set_defaults(func=cmd_evaluate)

    t = command("train", "retrain a named-entity model from the shared corpora",
                "Retrain a named-entity model. `train COMPONENT --help` lists its options.")
    t.add_argument("component", choices=("ner", "ner-crf", "embeddings"),
                   metavar="{ner,ner-crf,embeddings}",
                   help="ner: the default BiLSTM-CRF (needs the train extra: torch); "
                        "ner-crf: the linear CRF; embeddings: the character and bigram "
                        "vectors `train ner --embeddings` starts from (torch too)")
    t.add_argument("options", nargs=argparse.REMAINDER,
                   help="the trainer's options (see `train COMPONENT --help`)")
    t.set_defaults(func=cmd_train)
    return p


def main(argv: Optional[Sequence[str]] = None, prog: str = SCRIPT) -> int:
    parser = build_parser(prog)
    args, extra = parser.parse_known_args(argv)
    if extra:  # said with the subcommand's usage, not the top level's
        args.parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return int(args.func(args) or 0)
    except UsageError as e:
        print(f"{prog} {args.command}: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `extract … | head`, `evaluate … | head`: the reader has gone
        # Python would report the broken pipe again when it flushes stdout at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13  # as if killed by SIGPIPE, quietly
