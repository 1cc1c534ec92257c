"""Long fuzz run of the property tests, and the slow robustness rows (issue #7).

    nice .venv/bin/python benchmarks/fuzz.py [--examples 2000] [--slow] [--seed N]

The suite runs ``tests/test_properties.py`` with a few dozen derandomised examples per
property; this runs the same properties with ``--examples`` random ones (a fresh random
seed each run unless ``--seed``), so that nights of spare CPU keep looking for crashes and
offset bugs. ``--slow`` also runs the 10 MB real-pipeline document of
``tests/test_robustness.py`` (minutes). A failure prints hypothesis' minimal input; put it
in docs/robustness.md and in a regression test.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=2000, help="examples per property")
    ap.add_argument("--slow", action="store_true", help="also the 10 MB real-pipeline row")
    ap.add_argument("--seed", type=int, help="hypothesis seed, to replay a run")
    args = ap.parse_args()
    env = dict(os.environ, ZHPOLICY_FUZZ_EXAMPLES=str(args.examples))
    tests = ["tests/test_properties.py"]
    if args.slow:
        env["ZHPOLICY_SLOW"] = "1"
        tests.append("tests/test_robustness.py::test_ten_megabyte_document_real_pipeline")
    cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--durations=0",
           "--hypothesis-show-statistics", *tests]
    if args.seed is not None:
        cmd.append(f"--hypothesis-seed={args.seed}")
    return subprocess.call(cmd, cwd=ROOT, env=env)


if __name__ == "__main__":
    raise SystemExit(main())
