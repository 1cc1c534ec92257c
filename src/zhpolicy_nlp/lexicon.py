"""Read the package's lexicon data files (``zhpolicy_nlp/lexicons/NAME.txt``).

File format: UTF-8, one entry per line; ``#`` starts a comment line (each file opens with
comment lines naming where its entries came from); an entry may carry tab-separated
fields after the word (e.g. a label or a category). Blank lines are ignored.

Where one list serves several purposes, its second field holds the entry's kinds, separated
by spaces (``部	body crf title office tail`` in ``org_endings``), and each reader asks for
its kind with ``words(NAME, kind)``: one file per concept, each reader's set unchanged.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from dataclasses import dataclass
from typing import Iterable, Optional


def _path(name: str):
    return resources.files("zhpolicy_nlp").joinpath("lexicons", f"{name}.txt")


def exists(name: str) -> bool:
    return _path(name).is_file()


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """All entries of lexicon ``name`` as tuples of tab-separated fields, in file order.

    Raises FileNotFoundError for a name with no file: a typo (``speech_cue``) must not read
    as an empty list."""
    if not exists(name):
        raise FileNotFoundError(f"no lexicon {name!r} (lexicons/{name}.txt)")
    out = []
    strip = str.strip
    for line in _path(name).read_text(encoding="utf-8").splitlines():
        head = line.lstrip()
        if head and head[0] != "#":
            out.append(tuple(map(strip, line.split("\t"))))
    return tuple(out)


def kinds(row: tuple[str, ...], field: int = 1) -> tuple[str, ...]:
    """The space-separated kinds in field ``field`` of a row (empty if it has none)."""
    return tuple(row[field].split()) if len(row) > field else ()


def ordered(name: str, kind: Optional[str] = None, field: int = 1) -> tuple[str, ...]:
    """First fields in file order (for regex alternations, where order can matter), only
    those whose field ``field`` lists ``kind`` when one is given."""
    if kind is None:
        return _all_words(name)
    return _words_by_kind(name, field).get(kind, ())


@lru_cache(maxsize=None)
def _all_words(name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r[0] for r in rows(name) if r[0]))


@lru_cache(maxsize=None)
def _words_by_kind(name: str, field: int) -> dict[str, tuple[str, ...]]:
    """Every kind of field ``field`` → its entries' first fields in file order, from one pass
    over the rows: the stages ask ``rule_words`` alone for ~40 kinds at import, and a pass
    per kind cost ~60k ``kinds`` calls (~0.05 s of each cold load)."""
    by_kind: dict[str, dict[str, None]] = {}
    for r in rows(name):
        if r[0] and len(r) > field:
            for k in r[field].split():
                by_kind.setdefault(k, {})[r[0]] = None
    return {k: tuple(v) for k, v in by_kind.items()}


@lru_cache(maxsize=None)
def words(name: str, kind: Optional[str] = None, field: int = 1) -> frozenset[str]:
    """The first field of every entry of lexicon ``name``; with ``kind``, only the entries
    whose field ``field`` lists that kind."""
    return frozenset(ordered(name, kind, field))


def alternation(name: str, kind: Optional[str] = None, field: int = 1) -> str:
    """``ordered(name, kind)`` as a regex alternation (``a|b|…``, each entry escaped), in file
    order: a regex tries alternatives left to right, so the order is part of the pattern."""
    return "|".join(map(re.escape, ordered(name, kind, field)))


def trie_alternation(words: Iterable[str]) -> str:
    """A regex for "any of ``words``" that a backtracking engine tries exactly as it tries the
    alternation of the words sorted longest first, written as a trie (主(?:任|席(?:团|))
    for 主任|主席团|主席). Every word that can match at a position is a prefix of the
    text there, so those words are prefixes of one another and both forms try them longest
    first; words that are not prefixes of one another never both match at one position.
    Matches, spans and backtracking order are the same; the trie branches on a character
    instead of trying hundreds of alternatives in turn (the titles stage's scan of every
    document: ~40 % less time)."""
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}   # a word ends here

    def emit(node: dict[str, dict]) -> str:
        kids = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if len(kids) == 1 and "" not in node:
            return kids[0]
        # longer words (the branches) before the word ending here (the empty branch)
        return "(?:" + "|".join(kids) + ("|" if "" in node else "") + ")" if kids else ""

    return emit(root)


@dataclass(frozen=True)
class ByLength:
    """Words with their lengths, longest first: :meth:`at` and :meth:`before` try one slice a
    length instead of every word at a position (总理, 外交大臣 after a name; 部长 before one)."""

    words: frozenset[str]
    lengths: tuple[int, ...]

    @classmethod
    def of(cls, words: Iterable[str]) -> "ByLength":
        found = frozenset(words)
        return cls(found, tuple(sorted({len(w) for w in found}, reverse=True)))

    def at(self, text: str, pos: int) -> str:
        """The longest of the words that the text has at ``pos``, else ""."""
        return next((text[pos:pos + n] for n in self.lengths if text[pos:pos + n] in self.words), "")

    def before(self, text: str, pos: int, floor: int = 0) -> str:
        """The longest of the words that the text has right before ``pos``, starting at or
        after ``floor``, else ""."""
        return next((text[pos - n:pos] for n in self.lengths
                     if n <= pos - floor and text[pos - n:pos] in self.words), "")
