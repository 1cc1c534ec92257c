"""Rebuild ``lexicons/ner_places.txt``, the place gazetteer of the NER models' features.

The shipped models (``models/ner-crf``, ``models/ner-lstm``) were trained with this exact
list, so it is frozen with them: run this to check that the file still matches its sources
(``--check``), or to rewrite it before retraining. Sources (under ``../shared/data/lexicons``):

- ``jionlp_cn``: JioNLP ``china_location.txt``, province/city/county levels (tree depth 0-2),
  full and short names of 2-10 Han characters (JioNLP, Apache-2.0);
- ``jionlp_world``: JioNLP ``world_location.txt``: country short and full names, capitals,
  major cities;
- ``thuocl``: THUOCL ``THUOCL_diming.txt`` entries with document frequency >= 2000 (THUOCL,
  MIT); noisy (also 医院, 市委): the model learns how far to trust them.

A name is listed once, under the first source that has it.

    python scripts/build_ner_places.py --check   # exit 1 if the file differs
    python scripts/build_ner_places.py           # rewrite it
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "lexicons"
OUT = ROOT / "src" / "zhpolicy_nlp" / "lexicons" / "ner_places.txt"
HAN_NAME = regex.compile(r"\p{Han}{2,10}")
THUOCL_MIN_DF = 2000
HEADER = """\
# Place names used as gazetteer features by the NER models (ner/features.py for the CRF; the
# BiLSTM-CRF's lattice, ner/lstm.py, copied into its model folder at training time)
# (word<TAB>source). Rebuilt by scripts/build_ner_places.py (--check compares); frozen with the
# shipped CRF model, which reads this file at run time.
# jionlp_cn: ../shared/data/lexicons/JioNLP/china_location.txt, province/city/county levels
#   (tree depth 0-2), full and short names of 2-10 Han characters (JioNLP, Apache-2.0).
# jionlp_world: JioNLP/world_location.txt: country short/full names, capitals, major cities.
# thuocl: ../shared/data/lexicons/THUOCL/THUOCL_diming.txt entries with document frequency
#   >= 2000 (THUOCL, MIT); noisy (also 医院, 市委): the CRF learns how far to trust them.
"""


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def build() -> list[tuple[str, str]]:
    out: dict[str, str] = {}

    def put(word: str, source: str) -> None:
        if HAN_NAME.fullmatch(word):
            out.setdefault(word, source)

    for line in _lines(DATA / "JioNLP" / "china_location.txt"):
        depth = len(line) - len(line.lstrip("\t"))
        f = line.strip("\t").split("\t")
        if not f[0] or depth > 2:
            continue
        put(f[0], "jionlp_cn")
        if len(f) > 2:
            put(f[2], "jionlp_cn")
    for line in _lines(DATA / "JioNLP" / "world_location.txt"):
        f = line.split("\t")
        if not f[0] or f[0].endswith(":"):
            continue
        for name in f[:3] + (f[3].split("/") if len(f) > 3 else []):
            put(name.strip(), "jionlp_world")
    for line in _lines(DATA / "THUOCL" / "THUOCL_diming.txt"):
        f = line.split("\t")
        if len(f) > 1 and f[1].strip().isdigit() and int(f[1]) >= THUOCL_MIN_DF:
            put(f[0].strip(), "thuocl")
    return list(out.items())


def render(rows: list[tuple[str, str]]) -> str:
    return HEADER + "".join(f"{w}\t{s}\n" for w, s in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the file, write nothing")
    args = ap.parse_args(argv)
    text = render(build())
    if args.check:
        same = OUT.read_text(encoding="utf-8") == text
        print("ner_places.txt matches its sources" if same else "ner_places.txt differs from its sources")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"ner_places: {text.count(chr(10)) - HEADER.count(chr(10))} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
