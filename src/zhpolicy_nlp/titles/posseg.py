"""jieba's POS tagger (``jieba.posseg``, HMM on), exactly, with its HMM Viterbi in NumPy.

The titles stage reads jieba POS tags, and its patterns were written against the cuts and
tags of ``jieba.posseg.POSTokenizer(...).cut(sentence)``. That tagger decodes each run of
characters its dictionary does not know (印孚瑟斯, 驻哈大使 in 驻哈大使说) with a Viterbi
over 256 (position, tag) states written in pure Python: ~285 µs a character, 9 points of
the whole pipeline's time. :class:`PosTagger` gives the same pairs: the dictionary part is
jieba's own code path (``get_DAG``/``calc``, the same regexes, the same branches), and
:func:`hmm_cut` is the same Viterbi over the same tables (jieba ships them as pickles next to
the Python modules; tests/test_posseg.py checks both copies agree and that the tags equal
``jieba.posseg``'s), with each step's max taken over arrays. Ties go where jieba's
``max((prob, state), ...)`` sends them: to the greatest state tuple, and the sums are the
same float additions in the same order, so the path is the same bit for bit.

``import jieba.posseg`` is not needed: it builds a module-level tagger with its own POS table
and the HMM tables as Python dicts (≈ 50 MB, 0.2 s); here the word tags share the keys of the
tokenizer's prefix dictionary and the emission table is kept per character as small arrays.
"""
from __future__ import annotations

import pickle
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import jieba
import numpy as np

from ..tokenizer import jieba_dict

Pair = tuple[str, str]  # (word, POS flag), jieba.posseg's pair as a tuple

_MIN_FLOAT = -3.14e100  # jieba.posseg.viterbi: emission of a char a state never emits
_TABLES = Path(jieba.__file__).parent / "posseg"

# The regexes of jieba.posseg, verbatim.
_RE_HAN_DETAIL = re.compile("([\u4E00-\u9FD5]+)")
_RE_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_RE_HAN_INTERNAL = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")
_RE_SKIP_INTERNAL = re.compile(r"(\r\n|\s)")
_RE_ENG = re.compile("[a-zA-Z0-9]+")
_RE_NUM = re.compile(r"[\.0-9]+")


class _Hmm:
    """jieba.posseg's HMM tables as arrays. States are sorted as Python sorts their tuples,
    so "greatest state" is "greatest index"."""

    def __init__(self) -> None:
        def load(name: str):
            with (_TABLES / name).open("rb") as fh:
                return pickle.load(fh)

        char_states, start, trans, emit = (load(f"{n}.p") for n in
                                           ("char_state_tab", "prob_start", "prob_trans",
                                            "prob_emit"))
        self.states: list[tuple[str, str]] = sorted(trans)
        ix = {s: i for i, s in enumerate(self.states)}
        n = len(self.states)
        self.start = np.array([start[s] for s in self.states])
        self.trans = np.full((n, n), -np.inf)  # jieba: trans_p[y0].get(y, MIN_INF)
        self.follows = np.zeros((n, n), dtype=bool)  # y is a key of trans_p[y0]
        for s, row in trans.items():
            for t, p in row.items():
                self.trans[ix[s], ix[t]] = p
                self.follows[ix[s], ix[t]] = True
        self.has_next = self.follows.any(axis=1)  # len(trans_p[x]) > 0
        self.all_states = np.ones(n, dtype=bool)
        self.char_states = {c: self._mask(n, [ix[s] for s in ss]) for c, ss in char_states.items()}
        by_char: dict[str, list[tuple[int, float]]] = {}
        for s, row in emit.items():
            for c, p in row.items():
                by_char.setdefault(c, []).append((ix[s], p))
        self.emit = {c: (np.array([i for i, _ in v], dtype=np.int16), np.array([p for _, p in v]))
                     for c, v in by_char.items()}

    @staticmethod
    def _mask(n: int, idx: list[int]) -> np.ndarray:
        out = np.zeros(n, dtype=bool)
        out[np.asarray(idx, dtype=np.intp)] = True
        return out

    def emission(self, c: str) -> np.ndarray:
        """emit_p[y].get(c, MIN_FLOAT) for every state y."""
        out = np.full(len(self.states), _MIN_FLOAT)
        if c in self.emit:
            idx, p = self.emit[c]
            out[idx] = p
        return out

    def viterbi(self, obs: str) -> list[tuple[str, str]]:
        """jieba.posseg.viterbi.viterbi(obs, ...)'s route, state per char."""
        emit0 = self.emission(obs[0])
        active = self.char_states.get(obs[0], self.all_states)
        v = np.full(len(self.states), -np.inf)
        v[active] = self.start[active] + emit0[active]
        back: list[np.ndarray] = []
        for c in obs[1:]:
            prev = np.flatnonzero(active & self.has_next)
            if not len(prev):
                raise ValueError("max() arg is an empty sequence")  # as jieba fails
            expect = self.follows[prev].any(axis=0)
            cand = self.char_states.get(c, self.all_states) & expect
            if not cand.any():
                cand = expect  # non-empty: every prev state has a next state
            obs_idx = np.flatnonzero(cand)
            scores = (v[prev][:, None] + self.trans[np.ix_(prev, obs_idx)]) \
                + self.emission(c)[obs_idx][None, :]
            # max over (prob, y0): the greatest prob, among equals the greatest y0
            best = len(prev) - 1 - np.argmax(scores[::-1], axis=0)
            v = np.full(len(self.states), -np.inf)
            v[obs_idx] = scores[best, np.arange(len(obs_idx))]
            ptr = np.zeros(len(self.states), dtype=np.int64)
            ptr[obs_idx] = prev[best]
            back.append(ptr)
            active = cand
        last = np.flatnonzero(active)
        state = int(last[len(last) - 1 - np.argmax(v[last][::-1])])
        route = [state]
        for ptr in reversed(back):
            state = int(ptr[state])
            route.append(state)
        return [self.states[i] for i in reversed(route)]


_HMM: list[_Hmm] = []
_HMM_LOCK = threading.Lock()


def _hmm() -> _Hmm:
    with _HMM_LOCK:
        if not _HMM:
            _HMM.append(_Hmm())
        return _HMM[0]


@lru_cache(maxsize=8192)
def hmm_cut(run: str) -> tuple[Pair, ...]:
    """jieba.posseg's ``__cut`` of a run of Han characters: HMM words and their tags.
    Cached: the same unknown names come back through a corpus."""
    route = _hmm().viterbi(run)
    out: list[Pair] = []
    begin = nexti = 0
    for i, (pos, tag) in enumerate(route):
        if pos == "B":
            begin = i
        elif pos == "E":
            out.append((run[begin:i + 1], tag))
            nexti = i + 1
        elif pos == "S":
            out.append((run[i], tag))
            nexti = i + 1
    if nexti < len(run):
        out.append((run[nexti:], route[nexti][1]))
    return tuple(out)


def _cut_detail(buf: str) -> Iterator[Pair]:
    for blk in _RE_HAN_DETAIL.split(buf):
        if _RE_HAN_DETAIL.match(blk):
            yield from hmm_cut(blk)
        else:
            for x in _RE_SKIP_DETAIL.split(blk):
                if x:
                    yield x, "m" if _RE_NUM.match(x) else "eng" if _RE_ENG.match(x) else "x"


class PosTagger:
    """``jieba.posseg.POSTokenizer(tokenizer).cut(sentence)`` (HMM on) as (word, flag)
    tuples, for a tokenizer that never gets user words (the tagger reads its FREQ, and the
    tags of jieba's base dictionary: the process's one table)."""

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.word_tag_tab = jieba_dict.base_word_tags()

    def _tag(self, w: str) -> str:
        return self.word_tag_tab.get(w, "x")

    def _flush(self, buf: str) -> Iterator[Pair]:
        if len(buf) == 1:
            yield buf, self._tag(buf)
        elif not self.tokenizer.FREQ.get(buf):
            yield from _cut_detail(buf)
        else:
            for ch in buf:
                yield ch, self._tag(ch)

    def _cut_dag(self, sentence: str) -> Iterator[Pair]:
        dag = self.tokenizer.get_DAG(sentence)
        route: dict = {}
        self.tokenizer.calc(sentence, dag, route)
        x, buf, n = 0, "", len(sentence)
        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if y - x == 1:
                buf += word
            else:
                if buf:
                    yield from self._flush(buf)
                    buf = ""
                yield word, self._tag(word)
            x = y
        if buf:
            yield from self._flush(buf)

    def cut(self, sentence: str) -> Iterator[Pair]:
        for blk in _RE_HAN_INTERNAL.split(sentence):
            if _RE_HAN_INTERNAL.match(blk):
                yield from self._cut_dag(blk)
                continue
            for x in _RE_SKIP_INTERNAL.split(blk):
                if _RE_SKIP_INTERNAL.match(x):
                    yield x, "x"
                else:
                    for xx in x:
                        # jieba tests the whole piece x for eng, each char for a number
                        yield xx, "m" if _RE_NUM.match(xx) else "eng" if _RE_ENG.match(x) else "x"
