"""Lexicon matching: the entity rules' bigram-index scan against hanlp_trie's ``Trie``.

Issue #11 asked whether one trie (``hanlp_trie``) should do all lexicon matching. This times
both on the same lexicon (orgs + places + towns + blockers, as ``ner.rules`` loads it) over
the first news articles, left-to-right longest match, and checks that they find the same
spans before the rules' own filters.

    pip install hanlp_trie   # not a dependency: dropped after this measurement
    python benchmarks/lexicon_matching.py [N_ARTICLES]

Measured (300 articles, 2 shared CPUs): bigram index 2.76 M chars/s, hanlp_trie 1.41 M
chars/s (+0.43 s to build the trie), same spans in 300/300 texts; the index stays.
"""
from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

from hanlp_trie import Trie

from zhpolicy_nlp.ner import rules

NEWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news" / "pd_2019_2020.jsonl.gz"


def scan(text: str, words: dict, lengths: dict) -> list[tuple[int, int]]:
    """The rules' scan (rules._lexicon_matches without the Latin word-edge check)."""
    out, i, n = [], 0, len(text)
    while i < n - 1:
        for length in lengths.get(text[i:i + 2], ()):
            if i + length <= n and text[i:i + length] in words:
                out.append((i, i + length))
                i += length
                break
        else:
            i += 1
    return out


def main(n: int) -> None:
    with gzip.open(NEWS, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(n), f)]
    chars = sum(map(len, texts))
    t = rules._tables()
    t0 = time.perf_counter()
    trie = Trie({w: True for w in t.words})
    build = time.perf_counter() - t0
    for name, run in (("bigram index", lambda s: scan(s, t.words, t.lengths)),
                      ("hanlp_trie", lambda s: [(a, b) for a, b, _ in trie.parse_longest(s)])):
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            for s in texts:
                run(s)
            best = min(best, time.perf_counter() - t0)
        print(f"{name:13s} {chars / best / 1e6:5.2f} M chars/s")
    same = sum(scan(s, t.words, t.lengths) == [(a, b) for a, b, _ in trie.parse_longest(s)]
               for s in texts)
    print(f"trie build {build:.2f} s for {len(t.words)} words; same spans in {same}/{len(texts)} texts")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
