"""Speed and memory of the pipeline, in one run; prints a Markdown report.

    .venv/bin/python benchmarks/bench.py [--data ../shared/data] [--quick] [--json OUT.json]

What it measures (figures recorded in docs/benchmarks.md):
- chars per CPU second on one core of the full pipeline (text → JSON line) and of each stage,
  next to ``jieba.cut`` and ``jieba.posseg.cut`` over the same texts in the same run (best
  of ``--rounds`` passes, so that other load on the machine disturbs the figures least);
- time against document length: the forum article 1×, 10×, 100×;
- throughput with 1 and 2 worker processes over a corpus of ≥ 200 news articles, through
  the same batch runner as ``python -m zhpolicy_nlp extract``;
- peak RSS of ``extract`` runs (measured by the kernel for the child process);
- cold ``zhpolicy_nlp.load()`` time in a fresh interpreter.

Inputs: ``seeds/forum.txt`` and news articles rebuilt from the People's Daily 1998 NER test
and dev sets and the MSRA NER test set (consecutive sentences joined into articles of ~2,000 chars).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
NEWS_FILES = ("people_daily_ner/example.test", "people_daily_ner/example.dev",
              "msra/msra_test_bio.txt")


def bio_sentences(path: Path) -> Iterable[str]:
    """Sentences of a one-char-per-line BIO file (char, whitespace, tag; blank line between)."""
    chars: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if chars:
                    yield "".join(chars)
                    chars = []
                continue
            chars.append(line[0])
    if chars:
        yield "".join(chars)


def news_articles(data: Path, target_chars: int = 2000) -> list[str]:
    """Consecutive sentences joined (5 to a paragraph) into articles of ~target_chars."""
    articles: list[str] = []
    paras: list[str] = []
    para: list[str] = []
    size = 0
    for name in NEWS_FILES:
        for sent in bio_sentences(data / name):
            para.append(sent)
            size += len(sent)
            if len(para) == 5:
                paras.append("".join(para))
                para = []
            if size >= target_chars:
                paras.append("".join(para))
                articles.append("\n".join(p for p in paras if p))
                paras, para, size = [], [], 0
    return articles


def best_time(fn: Callable[[], object], rounds: int) -> float:
    """CPU seconds of this (single-threaded) process, best of ``rounds``: on a shared
    machine wall time mostly measures the neighbours, CPU time measures the code."""
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def stage_seconds(nlp, texts: list[str]) -> dict[str, float]:
    """CPU seconds per stage (tokenizer, each component, result → JSON), one pass."""
    from zhpolicy_nlp import result

    clock = time.process_time
    spent: dict[str, float] = {}
    for t in texts:
        t0 = clock()
        doc = nlp.make_doc(t)
        spent["tokenizer"] = spent.get("tokenizer", 0.0) + clock() - t0
        for name, proc in nlp.pipeline:
            t0 = clock()
            doc = proc(doc)
            spent[name] = spent.get(name, 0.0) + clock() - t0
        t0 = clock()
        json.dumps(result.from_doc(doc, "x").to_dict(), ensure_ascii=False)
        spent["result+json"] = spent.get("result+json", 0.0) + clock() - t0
    return spent


def one_core(ex, texts: list[str], rounds: int) -> dict[str, float]:
    """chars/s for jieba, each stage and the full pipeline over the same texts."""
    import jieba
    import jieba.posseg

    jieba.initialize()
    list(jieba.posseg.cut("预热"))
    chars = sum(map(len, texts))
    stage_best: dict[str, float] = {}
    for _ in range(rounds):
        for k, v in stage_seconds(ex.nlp, texts).items():
            stage_best[k] = min(stage_best.get(k, float("inf")), v)

    def full() -> None:
        for t in texts:
            json.dumps(ex.extract(t, "x").to_dict(), ensure_ascii=False)

    rates = {
        "jieba.cut": chars / best_time(lambda: [list(jieba.cut(t)) for t in texts], rounds),
        "jieba.posseg.cut":
            chars / best_time(lambda: [list(jieba.posseg.cut(t)) for t in texts], rounds),
        "full pipeline": chars / best_time(full, rounds),
    }
    rates.update({f"stage: {k}": chars / v for k, v in stage_best.items()})
    return rates


def length_scaling(ex, text: str, factors=(1, 10, 100)) -> dict[int, dict[str, float]]:
    """CPU seconds of ``extract`` (which cuts long texts into pieces) and of each stage run
    on the whole text, per length factor."""
    out = {}
    for f in factors:
        doc = "\n".join([text] * f)
        times = {"extract": best_time(lambda doc=doc: ex.extract(doc, "x"), 3 if f < 100 else 1)}
        times.update(stage_seconds(ex.nlp, [doc]))
        out[f] = times
    return out


def process_scaling(ex, articles: list[str], procs=(1, 2)) -> dict[int, tuple[float, float]]:
    """Wall and CPU seconds (this process and its workers) per number of processes; CPU ÷
    wall is how many cores the run actually got on a machine others use too."""
    from zhpolicy_nlp.runtime import batch

    items = [(f"a{i}", t, None) for i, t in enumerate(articles)]
    out = {}
    for n in procs:
        c0, t0 = os.times(), time.perf_counter()
        for _ in batch.extract_lines(items, ex, n_process=n):
            pass
        c1, wall = os.times(), time.perf_counter() - t0
        cpu = sum(getattr(c1, f) - getattr(c0, f)
                  for f in ("user", "system", "children_user", "children_system"))
        out[n] = (wall, cpu)
    return out


def peak_rss_mb(args: list[str]) -> float:
    """Peak resident set of one child process (and its workers), as the kernel counted it."""
    proc = subprocess.Popen([sys.executable, "-m", "zhpolicy_nlp", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024


def rss_runs(corpus: list[str], forum: str, factor: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "news.jsonl"
        src.write_text("".join(json.dumps({"doc_id": f"a{i}", "text": t}, ensure_ascii=False) + "\n"
                               for i, t in enumerate(corpus)), encoding="utf-8")
        big = Path(tmp) / "forum_long.txt"
        big.write_text("\n".join([forum] * factor), encoding="utf-8")
        out = ["-o", str(Path(tmp) / "out.jsonl"), "-q"]
        n = len(corpus)
        return {
            f"extract -p 1, {n} news articles": peak_rss_mb(["extract", str(src), "-p", "1", *out]),
            f"extract -p 2, {n} news articles (largest process)":
                peak_rss_mb(["extract", str(src), "-p", "2", *out]),
            f"extract -p 1, forum ×{factor} ({len(forum) * factor:,} chars)":
                peak_rss_mb(["extract", str(big), "-p", "1", *out]),
        }


_RSS_STEPS = """
import re, sys
def rss():
    return int(re.search(r"VmRSS:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) / 1024
steps = [("python", rss())]
import spacy
steps.append(("import spacy", rss()))
import zhpolicy_nlp
ex = zhpolicy_nlp.load()
steps.append(("zhpolicy_nlp.load()", rss()))
doc = ex.nlp.make_doc(sys.argv[1])
steps.append(("first doc: tokenizer", rss()))
for name, proc in ex.nlp.pipeline:
    doc = proc(doc)
    steps.append((f"first doc: {name}", rss()))
print(repr(steps))
"""


def rss_steps(text: str) -> list[tuple[str, float]]:
    """Resident MB after each loading step and each stage's first call (lazy loads), in a
    fresh interpreter: where the memory goes."""
    import ast

    out = subprocess.check_output([sys.executable, "-c", _RSS_STEPS, text], text=True)
    return ast.literal_eval(out.strip().splitlines()[-1])


def cold_load(runs: int = 3) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of ``import zhpolicy_nlp; zhpolicy_nlp.load()`` in a fresh
    interpreter (CPU time is what the load costs when the machine is not shared)."""
    code = ("import time; t, c = time.perf_counter(), time.process_time(); import zhpolicy_nlp; "
            "zhpolicy_nlp.load(); print(time.perf_counter() - t, time.process_time() - c)")
    out = []
    for _ in range(runs):
        wall, cpu = subprocess.check_output([sys.executable, "-c", code], text=True).split()
        out.append((float(wall), float(cpu)))
    return out


def machine() -> dict[str, str]:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import jieba
    import spacy

    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": str(os.cpu_count()),
            "memory": f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB",
            "load average (1/5/15 min)": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
            "python": platform.python_version(), "spacy": spacy.__version__,
            "jieba": jieba.__version__, "commit": (commit or "unknown (not a git checkout)")
            + (" + uncommitted changes" if dirty else ""),
            "date (UTC)": time.strftime("%Y-%m-%d %H:%M", time.gmtime())}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", default=str(ROOT.parent / "shared" / "data"),
                   help="the shared data folder (default ../shared/data)")
    p.add_argument("--rounds", type=int, default=3, help="passes per throughput figure (best kept)")
    p.add_argument("--quick", action="store_true", help="smaller inputs, one round (a smoke run)")
    p.add_argument("--json", help="also write the figures here as JSON")
    args = p.parse_args(argv)

    forum = (ROOT / "seeds" / "forum.txt").read_text(encoding="utf-8")
    articles = news_articles(Path(args.data))
    rounds = 1 if args.quick else args.rounds
    sample = articles[:10] if args.quick else articles[:40]
    corpus = articles[:40] if args.quick else articles[:240]
    factors = (1, 10) if args.quick else (1, 10, 100)

    # Child processes first: a child's peak RSS counts the parent's pages it was forked
    # from, so it is measured while this process is still small (spaCy not yet imported).
    rss = rss_runs(corpus, forum, factors[-1])
    steps = rss_steps(forum)
    load_s = cold_load(1 if args.quick else 3)
    import zhpolicy_nlp

    ex = zhpolicy_nlp.load()
    rates = {"forum article": one_core(ex, [forum], max(rounds, 3)),
             f"news ({len(sample)} articles)": one_core(ex, sample, rounds)}
    lengths = length_scaling(ex, forum, factors)
    procs = process_scaling(ex, corpus)
    report(machine(), rates, forum, lengths, procs, corpus, rss, steps, load_s, args)
    if args.json:
        Path(args.json).write_text(json.dumps({
            "machine": machine(), "chars_per_s": rates, "length_s": lengths,
            "processes_s": procs, "corpus_docs": len(corpus), "corpus_chars": sum(map(len, corpus)),
            "peak_rss_mb": rss, "rss_steps_mb": steps, "cold_load_s": load_s},
            ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def report(info, rates, forum, lengths, procs, corpus, rss, steps, load_s, args) -> None:
    print(f"# Benchmark: `{' '.join(['benchmarks/bench.py', *sys.argv[1:]])}`\n")
    for k, v in info.items():
        print(f"- {k}: {v}")
    print("\n## Throughput on one core (chars per CPU second; ratio to jieba.cut)\n")
    names = list(next(iter(rates.values())))
    print("| | " + " | ".join(rates) + " |")
    print("|---|" + "---:|" * len(rates))
    for n in names:
        cells = []
        for r in rates.values():
            ratio = r[n] / r["jieba.cut"]
            cells.append(f"{r[n]:,.0f} ({ratio:.2f}×)")
        print(f"| {n} | " + " | ".join(cells) + " |")
    print("\nTarget: full pipeline ≥ 0.25× jieba.cut.\n")
    print("## Document length (forum article repeated; CPU seconds, × the 1× time)\n")
    cols = list(lengths[1])
    print("| length | chars | " + " | ".join(cols) + " |")
    print("|---|---:|" + "---:|" * len(cols))
    for f, times in lengths.items():
        cells = [f"{times[c]:.3f} ({times[c] / max(lengths[1][c], 1e-9):.0f}×)" for c in cols]
        print(f"| {f}× | {len(forum) * f + f - 1:,} | " + " | ".join(cells) + " |")
    print("\n`extract` is what users run (texts over 100,000 chars go through in pieces); the "
          "stage columns run the whole text through each stage.")
    print("\nTarget: 100× the text ≤ 110× the time.\n")
    chars = sum(map(len, corpus))
    print(f"## Worker processes ({len(corpus)} news articles, {chars:,} chars, batch runner)\n")
    print("| processes | wall s | chars/s | speed-up | CPU s | cores obtained (CPU ÷ wall) |")
    print("|---|---:|---:|---:|---:|---:|")
    for n, (wall, cpu) in procs.items():
        print(f"| {n} | {wall:.2f} | {chars / wall:,.0f} | {procs[1][0] / wall:.2f}× | {cpu:.1f} "
              f"| {cpu / wall:.2f} |")
    cpu1, cpun = procs[1][1], procs[max(procs)][1]
    print(f"\nEstimated speed-up on {max(procs)} idle cores: {max(procs) * cpu1 / cpun:.2f}× "
          f"({max(procs)} × CPU s of 1 process ÷ CPU s of {max(procs)}: the parallel overhead "
          "only, assuming the cores are the sole limit).")
    print("\nTarget: 2 processes ≥ 1.8× one process.\n")
    print("## Peak RSS\n\n| run | MB |\n|---|---:|")
    for k, v in rss.items():
        print(f"| {k} | {v:.0f} |")
    print("\nWhere it goes (resident MB after each step, fresh interpreter, forum article):\n")
    print("| step | MB | + MB |\n|---|---:|---:|")
    prev = 0.0
    for name, mb in steps:
        print(f"| {name} | {mb:.0f} | {mb - prev:+.0f} |")
        prev = mb
    print("\nTarget: ≤ 400 MB.\n")
    print("## Cold load\n")
    walls, cpus = [w for w, _ in load_s], [c for _, c in load_s]
    print("`import zhpolicy_nlp; zhpolicy_nlp.load()` in a fresh interpreter, wall (CPU) s: "
          + ", ".join(f"{w:.2f} ({c:.2f})" for w, c in load_s)
          + f"; median {statistics.median(walls):.2f} ({statistics.median(cpus):.2f}) s. "
          "Target: ≤ 1.5 s.")


if __name__ == "__main__":
    raise SystemExit(main())
