"""Lexicon-backed recognisers for titles, names and organisation ends (titles stage).

All entries come from data files in ``lexicons/`` (see their header comments); this module
only compiles them into regexes and sets, once per process.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

import regex

from .. import lexicon

from ..text import PUNCT, is_han  # noqa: F401  (PUNCT: re-exported for designations)


def title_words(kind: str) -> tuple[str, ...]:
    """The entries of one kind of title_words.txt, in file order."""
    return lexicon.ordered("title_words", kind)


# A title glued to these is part of an organisation or a verb (委员会, 董事局, 代表团, 代表了, 主席国, 总统府, 博士生).
_NOT_AFTER_TITLE = "".join(title_words("not_after_title"))
# Verbs that start with such a character and follow a title as the clause's verb (首相|会见).
_VERB_AFTER_TITLE = lexicon.alternation("title_words", "verb_after_title")
# Single-character words that usually follow a 2-character name (王涛等, 徐雷在, 高洁摄).
NAME_STOP = set(title_words("name_stop"))


@lru_cache(maxsize=None)
def occupations() -> frozenset[str]:
    """Occupations (外卖骑手, 钢琴家, 医生) that are a title only next to a name."""
    return lexicon.words("title_occupations") - lexicon.words("titles")


def is_occupation(title: str) -> bool:
    """``title`` (modifiers included: 高级工程师, 副站长) is an occupation, not a post."""
    mods = lexicon.words("title_modifiers")
    core = title
    while core not in occupations():
        m = next((m for m in mods if core.startswith(m) and len(core) > len(m)), None)
        if m is None:
            return False
        core = core[len(m):]
    return True


@lru_cache(maxsize=None)
def title_regex() -> re.Pattern:
    """Modifiers (副, 常务, …) followed by a lexicon title or occupation, longest alternatives
    first (as tries: :func:`..lexicon.trie_alternation`). Compiled with ``re``, not ``regex``
    (the same matches for this pattern's plain constructs): led by the set of characters a
    title can start with, ``re`` skips every other position at C speed, and the scan of each
    document took 5× less time (it is the titles stage's costliest regex)."""
    cores = lexicon.words("titles") | occupations()
    mods = lexicon.words("title_modifiers")
    first = "".join(sorted({w[0] for w in cores | mods if w}))
    # only when every match starts with one of them (no empty title)
    lead = f"(?=[{re.escape(first)}])" if cores and "" not in cores else ""
    alt = lexicon.trie_alternation(cores)
    mod = lexicon.trie_alternation(mods)
    return re.compile(
        rf"{lead}(?<![A-Za-z])(?:(?:{mod}){{0,3}}(?:{alt}))"
        rf"(?!(?!{_VERB_AFTER_TITLE})[A-Za-z{_NOT_AFTER_TITLE}])"
    )


def find_titles(text: str) -> list[tuple[int, int]]:
    """Every title span."""
    return list(_title_spans(text))


@lru_cache(maxsize=8)
def _title_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Cached: the titles stage asks for the same document's titles four times (country
    abbreviations, designations, sentences worth POS-tagging, surname mentions), and the scan
    over ~7k alternatives is the stage's costliest regex."""
    return tuple(m.span() for m in title_regex().finditer(text))


@lru_cache(maxsize=None)
def surnames() -> frozenset[str]:
    return lexicon.words("surnames")


@lru_cache(maxsize=None)
def surname_freq() -> dict[str, float]:
    return {r[0]: float(r[1]) for r in lexicon.rows("surnames") if len(r) > 1}


@lru_cache(maxsize=None)
def translit_chars() -> frozenset[str]:
    return lexicon.words("translit_chars", "titles")


@lru_cache(maxsize=None)
def dotted_chars() -> frozenset[str]:
    """Characters of the last part of a name written with a middle dot (艾力·依明巴海): the dot
    already proves a foreign name, so both kinds of translit_chars count."""
    return translit_chars() | lexicon.words("translit_chars", "dotted")


@lru_cache(maxsize=None)
def org_heads() -> tuple[str, ...]:
    return tuple(sorted(lexicon.words("org_endings", "title"), key=len, reverse=True))


@lru_cache(maxsize=None)
def org_run_stops() -> frozenset[str]:
    """Words that end the run an organisation name before a title is read from (邀请, 会见,
    是, 表示): org_run_stops.txt plus the speech cues flagged ``stops_org``."""
    return lexicon.words("org_run_stops") | lexicon.words("speech_cues", "stops_org", field=2)


@lru_cache(maxsize=None)
def office_ends() -> frozenset[str]:
    """Last characters of office names (高教司, 财政厅), which given names hardly end with."""
    return lexicon.words("org_endings", "office")


@lru_cache(maxsize=None)
def country_abbr() -> frozenset[str]:
    return lexicon.words("titles_country_abbr")


@lru_cache(maxsize=None)
def honorifics() -> dict[str, str]:
    """word → "title" (a position, e.g. 院士) or "address" (先生)."""
    return {r[0]: (r[1] if len(r) > 1 else "title") for r in lexicon.rows("honorifics")}


def surname_at(text: str, i: int) -> Optional[str]:
    """The surname starting at ``i`` (compound ones first), or None."""
    for n in (2, 1):
        s = text[i:i + n]
        if len(s) == n and s in surnames():
            return s
    return None


# Common words that end like an organisation but are none (社会 ends in 会).
_NOT_ORG_ENDINGS = title_words("not_org_ending")


def ends_with_org_head(s: str) -> bool:
    return s.endswith(org_heads()) and not s.endswith(_NOT_ORG_ENDINGS)


# Cue classes that a person, not a document, uses (speech_cues: say/topic/object), minus the
# ones flagged epistemic, which double as adverbs (预计, 估计): a name may stand right before them.
_EPISTEMIC = lexicon.words("speech_cues", "epistemic", field=2)
# Adverbials between a speaker's name and the cue: 张三日前表示, 李四在会上指出, 王五对记者说.
_CUE_LEAD = (f"(?:{lexicon.alternation('title_words', 'cue_lead')}|"
             r"在[^，。！？；“”\n]{1,25}?(?:时|上|中|后|期间)[，,]?)*")


@lru_cache(maxsize=None)
def cue_after_name() -> regex.Pattern:
    """What follows a speaker's name: optional adverbials, then a speech cue."""
    cues = sorted((r[0] for r in lexicon.rows("speech_cues")
                   if len(r) > 1 and r[1] in ("say", "topic", "object") and r[0] not in _EPISTEMIC),
                  key=len, reverse=True)
    return regex.compile(_CUE_LEAD + "(?:" + "|".join(map(regex.escape, cues)) + ")")
