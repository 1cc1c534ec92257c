"""``extract -p N`` against ``extract --dask local:N`` on the news corpus; prints Markdown.

    nice .venv/bin/python benchmarks/bench_dask.py [--workers 2] [--limit 0] [--json OUT.json]

Each mode runs as a user runs it (a fresh ``python -m zhpolicy_nlp extract`` process writing
``-o OUT.jsonl``), timed from start to exit: the figures include loading the pipeline and, for
Dask, starting the local cluster and loading the pipeline in every worker. A run on the first
16 articles measures that start-up, so that the report also gives the steady rate
``(N - 16) / (time(N) - time(16))``. Both modes must write the same records; the script says
whether they did. Inputs: ``../shared/corpus/news/pd_2019_2020.jsonl.gz`` (6,375 People's
Daily articles, 2019-2020); ``--limit N`` takes the first N. ``--rounds R`` runs each mode
R times, alternating which goes first, and reports the fastest.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news" / "pd_2019_2020.jsonl.gz"
WARM_DOCS = 16  # the start-up run


def _subset(corpus: Path, n: int, out: Path) -> tuple[int, int]:
    """The first ``n`` records (all when 0) as plain JSONL; (documents, chars)."""
    docs = chars = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if n and docs >= n:
                break
            chars += len(json.loads(line)["text"])
            docs += 1
            dst.write(line)
    return docs, chars


def _run(mode: list[str], inp: Path, out: Path) -> float:
    cmd = [sys.executable, "-m", "zhpolicy_nlp", "extract", "-q", str(inp), "-o", str(out), *mode]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if done.returncode not in (0, 1):  # 1: some documents are error records
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return wall


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--corpus", type=Path, default=CORPUS, help="news JSONL(.gz)")
    p.add_argument("--workers", type=int, default=2, help="processes / Dask workers")
    p.add_argument("--limit", type=int, default=0, help="first N articles only (0: all)")
    p.add_argument("--rounds", type=int, default=1,
                   help="runs of each mode, alternating; the fastest counts (a shared machine's "
                        "other load disturbs it least)")
    p.add_argument("--json", type=Path, help="also save the figures here")
    args = p.parse_args()
    n = args.workers
    modes = {f"extract -p {n}": ["-p", str(n)], f"extract --dask local:{n}": ["--dask", f"local:{n}"]}
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        docs, chars = _subset(args.corpus, args.limit, t / "all.jsonl")
        warm_docs, warm_chars = _subset(args.corpus, WARM_DOCS, t / "warm.jsonl")
        rows = {}
        best: dict[str, tuple[float, float]] = {}
        for r in range(args.rounds):
            for name, mode in (modes.items() if r % 2 == 0 else reversed(modes.items())):
                warm = _run(mode, t / "warm.jsonl", t / "warm.out.jsonl")
                wall = _run(mode, t / "all.jsonl", t / f"{mode[-1].replace(':', '')}.out.jsonl")
                print(f"round {r + 1}, {name}: {wall:.1f} s (start-up {warm:.1f} s)", file=sys.stderr)
                best[name] = min(best.get(name, (wall, warm)), (wall, warm))
        for name, (wall, warm) in best.items():
            steady = wall - warm  # too short to tell on a small input: None
            ok = steady > 0.1 * wall
            rows[name] = {"wall_s": round(wall, 1), "startup_s": round(warm, 1),
                          "docs_per_s": round(docs / wall, 1), "chars_per_s": round(chars / wall),
                          "steady_docs_per_s": round((docs - warm_docs) / steady, 1) if ok else None,
                          "steady_chars_per_s": round((chars - warm_chars) / steady) if ok else None}
        outs = [t / f"{m[-1].replace(':', '')}.out.jsonl" for m in modes.values()]
        same = outs[0].read_bytes() == outs[1].read_bytes()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{docs:,} articles, {chars:,} chars; {n} workers; load average {load:.1f} "
          f"on {os.cpu_count()} cores; outputs identical: {same}\n")
    print("| mode | wall s | docs/s | chars/s | start-up s (16 docs) | steady docs/s | steady chars/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in rows.items():
        steady = (f"{r['steady_docs_per_s']} | {r['steady_chars_per_s']:,}"
                  if r["steady_docs_per_s"] is not None else "n/a | n/a")
        print(f"| `{name}` | {r['wall_s']} | {r['docs_per_s']} | {r['chars_per_s']:,} | "
              f"{r['startup_s']} | {steady} |")
    if args.json:
        args.json.write_text(json.dumps({"docs": docs, "chars": chars, "workers": n,
                                         "identical": same, "runs": rows}, indent=1) + "\n")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
