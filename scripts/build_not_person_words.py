"""Rebuild ``lexicons/not_person_words.txt``: jieba's proper-name words that are common words.

jieba's ``dict.txt`` tags many ordinary words as names (nr person, ns place, nz other: 胡同,
白宫, 多云). The ner stage drops a model PERSON that is exactly such a word unless a title
vouches for it (docs/ner.md, fourth dev pass). Which words: 2-3 characters, tagged nr/ns/nz,
seen at least ``MIN_COUNT`` times in the MSRA NER training text and overlapping a PERSON there
in at most ``MAX_PERSON_SHARE`` of them.

    python scripts/build_not_person_words.py [--data ../shared/data]
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from zhpolicy_nlp.tokenizer import jieba_dict
from zhpolicy_nlp.training.crf import read_bio

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "zhpolicy_nlp" / "lexicons" / "not_person_words.txt"
NAME_TAGS = ("nr", "ns", "nz")
MIN_COUNT = 5
MAX_PERSON_SHARE = 0.05
HEADER = """\
# Words jieba's dict.txt tags as proper names (nr person, ns place, nz other) that are common
# words or places: 2-3 characters, seen >= 5 times in the MSRA NER training text
# (../shared/data/msra/train.bio) and part of a PERSON there in at most 5% of them (胡同, 白宫,
# 多云, 文明, 井冈). The ner stage drops a model PERSON span that is exactly one unless a title
# or honorific vouches for a mention (docs/ner.md, fourth dev pass). Rebuilt by
# scripts/build_not_person_words.py; the second field is the MSRA count and the PERSON count.
"""


def rows(data: Path) -> list[str]:
    cands = {w for w, t in jieba_dict.base_word_tags().items()
             if 2 <= len(w) <= 3 and t in NAME_TAGS}
    seen: Counter = Counter()
    person: Counter = Counter()
    for text, tags in read_bio(data / "msra" / "train.bio"):
        for n in (2, 3):
            for i in range(len(text) - n + 1):
                w = text[i:i + n]
                if w in cands:
                    seen[w] += 1
                    person[w] += any(t.endswith("PER") for t in tags[i:i + n])
    keep = [(w, c, person[w]) for w, c in seen.items()
            if c >= MIN_COUNT and person[w] <= MAX_PERSON_SHARE * c]
    return [f"{w}\t{c}:{p}" for w, c, p in sorted(keep, key=lambda r: (-r[1], r[0]))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args()
    OUT.write_text(HEADER + "\n".join(rows(args.data)) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
