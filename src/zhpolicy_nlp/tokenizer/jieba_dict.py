"""The one place that reaches into jieba: private tokenizers sharing one loaded dictionary.

jieba's public API builds each ``jieba.Tokenizer`` from its dictionary file (``initialize``,
0.45-1.4 s and ~100 MB each); it has no call that gives a second tokenizer the prefix
dictionary a first one already loaded. So this module loads it once per process, through the
public ``initialize``, and hands it to new tokenizers by setting the three attributes
``initialize`` itself sets (``FREQ``, ``total``, ``initialized``). tests/test_tokenizer.py
checks that a tokenizer made here cuts exactly as one made with the public API only, so a
jieba release that changes these attributes fails a test instead of cutting differently.

Nothing here touches jieba's module-level tokenizer (``jieba.dt``) or its logger's level.
"""
from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from typing import Iterable, Iterator

import jieba

_LOCK = threading.Lock()
_BASE: list[tuple[dict[str, int], int]] = []   # jieba's (FREQ, total), once per process


@contextmanager
def _quiet_logger() -> Iterator[None]:
    """jieba logs four lines to stderr while it loads its dictionary. A filter on its own
    logger, removed afterwards, keeps them out without changing the logger's level for the
    rest of the process (``jieba.setLogLevel`` would)."""
    def drop(_record: logging.LogRecord) -> bool:
        return False

    jieba.default_logger.addFilter(drop)
    try:
        yield
    finally:
        jieba.default_logger.removeFilter(drop)


def base_dictionary() -> tuple[dict[str, int], int]:
    """jieba's default prefix dictionary and its total frequency, loaded once per process.
    Shared: callers must not change it (:func:`tokenizer` copies it first)."""
    with _LOCK:
        if not _BASE:
            tk = jieba.Tokenizer()
            with _quiet_logger():
                tk.initialize()
            _BASE.append((tk.FREQ, tk.total))
        return _BASE[0]


def _with_dictionary(freq: dict[str, int], total: int) -> jieba.Tokenizer:
    tk = jieba.Tokenizer()
    with tk.lock:
        tk.FREQ, tk.total = freq, total
        tk.initialized = True
    return tk


def tokenizer(user_words: Iterable[str] = (), user_word_freq: int = 2000) -> jieba.Tokenizer:
    """A new tokenizer: jieba's default dictionary (a private copy) plus ``user_words``, each
    added with ``add_word(word, freq=user_word_freq)`` as the public API would."""
    freq, total = base_dictionary()
    tk = _with_dictionary(dict(freq), total)
    for w in user_words:
        tk.add_word(w, freq=user_word_freq)
    return tk


def shared_tokenizer() -> jieba.Tokenizer:
    """A tokenizer over the shared default dictionary itself, without user words, for readers
    that never add a word (the titles stage's POS tagger): no copy, no second load."""
    return _with_dictionary(*base_dictionary())
