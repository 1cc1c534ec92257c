"""Check that a change left the pipeline's output byte-identical.

A structural change (moving modules, merging lexicons) must not change a single record.
This runs the pipeline on a fixed input set and writes every record as one JSON line:

- ``seeds/*.txt`` (the forum article),
- every ``.txt`` under ``tests/data/`` (the dev and test sets; a markup file is one document),
- the first ``--news`` articles of ``../shared/corpus/news/pd_2019_2020.jsonl.gz``,

each with the shipped default model and with ``ner-crf``, one document at a time
(``extract``) and batched (``pipe``). The forum scores of ``evaluate seeds`` are written too.

    python scripts/check_identical.py save out/before.jsonl      # before the change
    python scripts/check_identical.py compare out/before.jsonl   # after: exit 1 on any difference
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
from contextlib import redirect_stdout
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "corpus" / "news" / "pd_2019_2020.jsonl.gz"
MODELS = (None, "ner-crf")


def inputs(n_news: int) -> Iterator[tuple[str, str]]:
    """(doc_id, text) of every input, in a fixed order."""
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        yield f"seeds/{path.name}", path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "tests" / "data").rglob("*.txt")):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    if n_news and NEWS.is_file():
        with gzip.open(NEWS, "rt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i >= n_news:
                    break
                rec = json.loads(line)
                yield rec["doc_id"], rec["text"]


def records(n_news: int) -> Iterator[str]:
    """One line per (model, mode, document), then the forum evaluation."""
    import zhpolicy_nlp
    from zhpolicy_nlp.cli import main as cli_main

    docs = list(inputs(n_news))
    for model in MODELS:
        ex = zhpolicy_nlp.load(model)
        for doc_id, text in docs:
            rec = ex.extract(text, doc_id=doc_id).to_dict()
            yield json.dumps({"model": model, "mode": "extract", **rec}, ensure_ascii=False)
        for res in ex.pipe([{"doc_id": d, "text": t} for d, t in docs]):
            yield json.dumps({"model": model, "mode": "pipe", **res.to_dict()}, ensure_ascii=False)
    buf = io.StringIO()
    with redirect_stdout(buf):
        cli_main(["evaluate", str(ROOT / "seeds"), "--json"])
    yield json.dumps({"evaluate seeds": json.loads(buf.getvalue())}, ensure_ascii=False)


def same(before: str, now: str) -> bool:
    """Records are equal byte for byte; the evaluation may add figures, but every figure it
    had must be unchanged."""
    if before == now:
        return True
    a, b = json.loads(before), json.loads(now)
    if "evaluate seeds" not in a or "evaluate seeds" not in b:
        return False
    return _kept(a["evaluate seeds"], b["evaluate seeds"])


def _kept(before: object, now: object) -> bool:
    if isinstance(before, dict):
        return isinstance(now, dict) and all(k in now and _kept(v, now[k]) for k, v in before.items())
    return before == now


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("action", choices=("save", "compare"))
    ap.add_argument("path", type=Path, help="the snapshot file")
    ap.add_argument("--news", type=int, default=300, help="news articles to run (default 300)")
    args = ap.parse_args(argv)
    lines = list(records(args.news))
    if args.action == "save":
        args.path.parent.mkdir(parents=True, exist_ok=True)
        args.path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} records written to {args.path}")
        return 0
    old = args.path.read_text(encoding="utf-8").splitlines()
    diffs = [i for i, (a, b) in enumerate(zip(old, lines)) if not same(a, b)]
    if len(old) != len(lines):
        print(f"record count differs: {len(old)} before, {len(lines)} now")
    for i in diffs[:20]:
        print(f"record {i} differs:\n- {old[i][:300]}\n+ {lines[i][:300]}")
    if diffs or len(old) != len(lines):
        print(f"{len(diffs)} of {len(lines)} records differ")
        return 1
    print(f"all {len(lines)} records identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
