"""Read the package's lexicon data files (``zhpolicy_nlp/lexicons/NAME.txt``).

File format: UTF-8, one entry per line; ``#`` starts a comment line (each file opens with
comment lines naming where its entries came from); an entry may carry tab-separated
fields after the word (e.g. a label or a category). Blank lines are ignored.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _path(name: str):
    return resources.files("zhpolicy_nlp").joinpath("lexicons", f"{name}.txt")


def exists(name: str) -> bool:
    return _path(name).is_file()


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """All entries of lexicon ``name`` as tuples of tab-separated fields."""
    if not exists(name):
        return ()
    out = []
    for line in _path(name).read_text(encoding="utf-8").splitlines():
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(tuple(f.strip() for f in line.split("\t")))
    return tuple(out)


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The first field of every entry of lexicon ``name``."""
    return frozenset(r[0] for r in rows(name) if r and r[0])
