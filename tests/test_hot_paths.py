"""Faster forms of hot-path code (issue #13) give exactly what the code they replaced gave:
each new helper is checked against the old form, written out here, on made-up input."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

import numpy as np
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from zhpolicy_nlp import lexicon
from zhpolicy_nlp.ner import component, rules
from zhpolicy_nlp.ner.features import Gazetteers, _place_tags, code_points, pair_codes, pair_starts
from zhpolicy_nlp.ner.tags import spans_from_tags
from zhpolicy_nlp.titles import lexicon as tl

# A small alphabet, so that words overlap, nest and repeat in short texts.
ALPHABET = "主席团任副总理a.X国"
words_st = st.lists(st.text(ALPHABET, min_size=1, max_size=4), max_size=8, unique=True)
text_st = st.text(ALPHABET, max_size=30)


def longest_first(words) -> str:
    """The alternation as the code wrote it before tries: every word, longest first."""
    return "|".join(map(regex.escape, sorted(words, key=len, reverse=True)))


# Two-character pairs: the rules' lexicon scan and the place gazetteer visit only the
# positions where a listed pair stands.


def _old_place_tags(text: str, gaz: Gazetteers) -> list[str]:
    """The char-by-char forward maximum match the arrays replaced."""
    n = len(text)
    tags = ["-"] * n
    i = 0
    prefixes, places, maxlen = gaz.place_prefixes, gaz.places, gaz.place_maxlen
    while i < n - 1:
        if text[i:i + 2] in prefixes:
            for ln in range(min(maxlen, n - i), 1, -1):
                if text[i:i + ln] in places:
                    tags[i] = "B"
                    for k in range(i + 1, i + ln - 1):
                        tags[k] = "I"
                    tags[i + ln - 1] = "E"
                    i += ln
                    break
            else:
                i += 1
        else:
            i += 1
    return tags


_PLACES = frozenset({"北京", "北京市", "京市", "市区", "朝阳区", "朝阳", "阳区", "a.", "国"})
_GAZ = Gazetteers(surnames=frozenset(), places=_PLACES,
                  place_prefixes=frozenset(p[:2] for p in _PLACES),
                  place_maxlen=max(map(len, _PLACES)), org_suffix_chars=frozenset(),
                  org_suffix_words=frozenset())


@settings(max_examples=300, deadline=None)
@given(st.text("北京市区朝阳a.国主", max_size=30))
def test_place_tags_over_pair_starts_equal_the_char_scan(text):
    old = _old_place_tags(text, _GAZ)
    assert _place_tags(text, _GAZ) == old
    starts = np.flatnonzero(pair_starts(code_points(text), pair_codes(_GAZ.place_prefixes)))
    assert _place_tags(text, _GAZ, starts.tolist()) == old


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(ALPHABET + "\U0001F600\ud800", min_size=1, max_size=3), max_size=6),
       st.text(ALPHABET + "\U0001F600\ud800", max_size=20))
def test_pair_starts_are_the_positions_of_listed_pairs(words, text):
    table = pair_codes(words)
    two = {w for w in words if len(w) == 2}
    expect = [i for i in range(len(text) - 1) if text[i:i + 2] in two]
    assert np.flatnonzero(pair_starts(code_points(text), table)).tolist() == expect


_REAL_GAZ = Gazetteers.load()
_REAL_PLACES = sorted(_REAL_GAZ.places)[::max(1, len(_REAL_GAZ.places) // 100)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_REAL_PLACES + ["的", "市", "Ａ", "", "北"]), max_size=5),
                max_size=6))
def test_encode_batch_place_flags_equal_the_char_scan_per_text(texts):
    """The recogniser's place flags, found over all texts at once: as the per-text scan
    found them (no place across two texts, empty texts skipped)."""
    from zhpolicy_nlp.ner import lstm
    from zhpolicy_nlp.ner.features import _NORM

    texts = ["".join(t) for t in texts]
    tagger = _tagger()
    enc = lstm.encode_batch(texts, [list(t) for t in texts], tagger.vocab, _REAL_GAZ,
                            tagger.lattice)
    got = np.concatenate([e[:, 4] for e in enc]) >> 2 if texts else np.zeros(0)
    old = "".join("".join(_old_place_tags(t.translate(_NORM), _REAL_GAZ)) for t in texts)
    assert got.tolist() == [int(lstm._PLACE_CODES[ord(c)]) for c in old]


@lru_cache(maxsize=None)
def _tagger():
    """The shipped recogniser's tables, loaded once for these tests."""
    from zhpolicy_nlp.ner import lstm
    from zhpolicy_nlp.pipeline import models_dir

    return lstm.LstmTagger(models_dir() / "ner-lstm")


def _old_lexicon_matches(text: str, t, bounds: Optional[set[int]] = None) -> list:
    """The rules' char-by-char scan the pair positions replaced."""
    out = []
    i, n = 0, len(text)
    words, lengths = t.words, t.lengths
    while i < n - 1:
        cands = lengths.get(text[i:i + 2])
        if cands:
            for length in cands:
                w = text[i:i + length]
                entry = words.get(w)
                if entry is not None and entry.kind in rules.BARE_KINDS \
                        and not rules._bare_body_ok(text, i, i + length, bounds, t):
                    continue
                if entry is not None and len(w) == length \
                        and rules._ascii_word_edge(text, i, i + length):
                    out.append((i, i + length, entry))
                    i += length
                    break
            else:
                i += 1
        else:
            i += 1
    return out


_RULE_WORDS = sorted(rules._tables().words)
_RULE_PIECES = _RULE_WORDS[::max(1, len(_RULE_WORDS) // 200)] + ["的", "市", "和", "WTO", "a"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_RULE_PIECES), max_size=10), st.booleans())
def test_lexicon_matches_equal_the_char_scan(pieces, with_bounds):
    text = "".join(pieces)
    t = rules._tables()
    bounds = None
    if with_bounds:
        bounds, at = {0}, 0
        for p in pieces:
            at += len(p)
            bounds.add(at)
    assert rules._lexicon_matches(text, t, bounds) == _old_lexicon_matches(text, t, bounds)


# The titles stage's pattern: tries, compiled with re.


@settings(max_examples=300, deadline=None)
@given(words_st, text_st)
def test_trie_alternation_matches_as_the_longest_first_alternation(words, text):
    trie = lexicon.trie_alternation(words)
    # alone, repeated and followed by a lookahead that forces backtracking into shorter words
    for wrap in ("(?:{})", "(?:(?:{}){{0,3}})(?:{})", "(?:{})(?!(?!国)[团任a])"):
        old = regex.compile(wrap.format(longest_first(words), longest_first(words)))
        new = regex.compile(wrap.format(trie, trie))
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
        for i in range(len(text) + 1):
            a, b = old.match(text, i), new.match(text, i)
            assert (a and a.span()) == (b and b.span())
            for j in range(i, len(text) + 1):
                assert bool(old.fullmatch(text, i, j)) == bool(new.fullmatch(text, i, j))


def test_trie_alternation_shape():
    assert lexicon.trie_alternation(["主任", "主席团", "主席"]) == "主(?:任|席(?:团|))"
    assert lexicon.trie_alternation([]) == ""


def _old_title_regex() -> regex.Pattern:
    """The titles stage's pattern as it was: ``regex``, plain longest-first alternations."""
    cores = sorted(lexicon.words("titles") | tl.occupations(), key=len, reverse=True)
    mods = sorted(lexicon.words("title_modifiers"), key=len, reverse=True)
    alt = "|".join(regex.escape(c) for c in cores)
    mod = "|".join(regex.escape(m) for m in mods)
    return regex.compile(
        rf"(?<![A-Za-z])(?:(?:{mod}){{0,3}}(?:{alt}))"
        rf"(?!(?!{tl._VERB_AFTER_TITLE})[A-Za-z{tl._NOT_AFTER_TITLE}])")


_OLD_TITLE = _old_title_regex()
# Pieces of made-up sentences: titles, modifiers, what may or may not follow a title, Latin
# letters before one, a few other characters.
_PIECES = sorted(lexicon.words("titles"))[:60] + sorted(lexicon.words("title_modifiers")) + [
    "会见", "会", "国", "部", "们", "A", "b", "张三", "，", "在", "总", "副", "主"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_title_regex_finds_what_the_regex_module_pattern_found(pieces):
    text = "".join(pieces)
    new = tl.title_regex()
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in _OLD_TITLE.finditer(text)]
    for i in range(len(text) + 1):
        a, b = _OLD_TITLE.match(text, i), new.match(text, i)
        assert (a and a.span()) == (b and b.span())
        for j in range(i, min(len(text), i + 8) + 1):
            assert bool(_OLD_TITLE.fullmatch(text, i, j)) == bool(new.fullmatch(text, i, j))


def test_title_regex_examples():
    text = "国务院副总理会见了外国总统和主席团，常务副市长说"
    spans = [m.group() for m in tl.title_regex().finditer(text)]
    assert spans == [m.group() for m in _OLD_TITLE.finditer(text)]
    assert "副总理" in spans


def test_title_regex_is_re():
    """Compiled with ``re``: the lead character set lets it skip positions at C speed."""
    assert isinstance(tl.title_regex(), re.Pattern)


# A document's names found with str.find instead of a pattern compiled per document.


@settings(max_examples=300, deadline=None)
@given(words_st, text_st)
def test_find_words_is_the_alternations_finditer(words, text):
    old = [m.span() for m in regex.finditer(longest_first(words), text)] if words else []
    assert component.find_words(text, words) == old


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(ALPHABET, max_size=3), max_size=5, unique=True),
       st.lists(st.text(ALPHABET, max_size=2), max_size=3), text_st)
def test_name_before_says_whether_the_disease_pattern_matches(names, after, text):
    if not names:
        return
    pattern = "(?:{})(?={})".format(longest_first(names), "|".join(map(regex.escape, after)))
    assert component._name_before(text, names, after) == bool(regex.search(pattern, text))


def test_disease_names_drops_a_name_written_before_a_disease_word():
    ev = component.PersonEvidence.load()
    word = ev.disease_after[0]
    text = f"某博拉{word}已受控制，某博拉说。"
    spans = [(0, 3, "PERSON"), (len(text) - 5, len(text) - 2, "PERSON"), (6, 8, "LOC")]
    assert component.disease_names(spans, text, ev) == [(6, 8, "LOC")]
    assert component.disease_names([(0, 2, "PERSON")], "张三说。", ev) == [(0, 2, "PERSON")]


# Tags to spans: the fast path for O.


def _old_spans_from_tags(tags) -> list[tuple[int, int, str]]:
    """spans_from_tags before the fast path for ``O``."""
    from zhpolicy_nlp.ner.tags import LABELS

    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, t in enumerate([*tags, "O"]):
        head, _, lab = t.partition("-")
        lab = LABELS.get(lab.upper(), lab)
        if head in ("I", "M", "E") and start >= 0 and lab == label:
            if head == "E":
                spans.append((start, i + 1, label))
                start = -1
            continue
        if start >= 0:
            spans.append((start, i, label))
            start = -1
        if head == "S":
            spans.append((i, i + 1, lab))
        elif head in ("B", "I", "M"):
            start, label = i, lab
        elif head == "E":
            spans.append((i, i + 1, lab))
    return spans


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["O", "B-PER", "I-PER", "E-PER", "S-PER", "B-LOC", "E-LOC",
                                 "M-ORG", "I-ORG", "S-NT", "O-X", "B-"]), max_size=20))
def test_spans_from_tags_fast_path_for_o(tags):
    assert spans_from_tags(tags) == _old_spans_from_tags(tags)
