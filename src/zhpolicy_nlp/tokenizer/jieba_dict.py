"""The one place that reaches into jieba: private tokenizers sharing one loaded dictionary.

jieba's public API builds each ``jieba.Tokenizer`` from its dictionary file (``initialize``,
0.45-1.4 s and ~100 MB each); it has no call that gives a second tokenizer the prefix
dictionary a first one already loaded. So this module loads it once per process, through the
public ``initialize``, and hands it to new tokenizers by setting the three attributes
``initialize`` itself sets (``FREQ``, ``total``, ``initialized``). tests/test_tokenizer.py
checks that a tokenizer made here cuts exactly as one made with the public API only, so a
jieba release that changes these attributes fails a test instead of cutting differently.

Loading: jieba's own cache (``jieba.cache``, a ``marshal`` dump of the 498k-key prefix
dictionary) takes 0.5-0.9 s to unmarshal, most of a cold ``load()``. So the first load in a
process also writes the same dictionary as one word blob plus an array of frequencies
(:func:`_write_cache`), next to jieba's cache, and later processes read that back with one
decode and one split (~0.2 s; :func:`_read_cache`, through :mod:`..cachefile`). Its name
carries jieba's version and its dictionary file's size and mtime, so a different jieba or
dictionary never reads it; a missing, unreadable, malformed or damaged (CRC-32) cache falls
back to jieba's ``initialize``, which then rewrites it. The cache also
holds each word's POS tag from the same ``dict.txt`` (one byte a word), which the titles and
quotes stages read (:func:`base_word_tags`): parsing ``dict.txt`` for them took ~0.6 s and
building the table ~0.4 s on the first document with a title.

Nothing here touches jieba's module-level tokenizer (``jieba.dt``) or its logger's level.
"""
from __future__ import annotations

import logging
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Optional

import jieba
import numpy as np

from .. import cachefile

_LOCK = threading.Lock()
_BASE: list[tuple[dict[str, int], int]] = []   # jieba's (FREQ, total), once per process
_TAGS: list[dict[str, str]] = []               # jieba's word -> POS tag, once per process
# (FREQ's words, a tag index per word, the tag names) as read with the cache, until the
# table is first asked for
TagSource = tuple[list[str], bytes, list[str]]
_TAG_SOURCE: list[TagSource] = []


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


_MAGIC = b"zhpolicy-jieba-freq 4"


def _cache_path() -> Path:
    """Where the fast copy of jieba's default dictionary lives: jieba's own cache folder
    (the temp dir), under a name keyed to the format, jieba's version and its dictionary file
    (so a process of an older release, reading its own format, never overwrites this one)."""
    src = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    st = src.stat()
    return cachefile.path("jieba", f"{_MAGIC.decode()}|{jieba.__version__}|{src}|{st.st_size}"
                                   f"|{st.st_mtime_ns}")


def _read_cache(path: Path) -> Optional[tuple[dict[str, int], int, TagSource]]:
    """``(FREQ, total, tag source)`` from a cache file (header: word count, total, sizes of
    the tag names and of the word blob; payload: uint32 frequencies, one tag index a word, 0
    for none, the tag names joined by spaces, the words joined by newlines), or None when
    there is none or it is malformed or damaged (:func:`.cachefile.read`)."""
    got = cachefile.read(path, _MAGIC, 4)
    if got is None:
        return None
    (n, total, tsize, size), rest = got
    if len(rest) != 5 * n + tsize + size:
        return None
    try:
        freqs = np.frombuffer(rest, dtype="<u4", count=n).tolist()
        ids = bytes(rest[4 * n:5 * n])
        names = str(rest[5 * n:5 * n + tsize], "utf-8").split(" ")
        words = str(rest[5 * n + tsize:], "utf-8").split("\n")
    except ValueError:  # UnicodeDecodeError included
        return None
    if len(words) != n or (n and max(ids) > len(names)):
        return None
    return dict(zip(words, freqs)), total, (words, ids, names)


def _write_cache(path: Path, freq: dict[str, int], total: int, tags: dict[str, str]) -> None:
    """Write ``(FREQ, total)`` and the tags of FREQ's words for :func:`_read_cache`
    (atomically, :func:`.cachefile.write`); skipped when a word holds a newline or is no valid
    UTF-8, a frequency does not fit 32 bits, a tag holds a space or there are more than 255
    tags."""
    words = list(freq)
    freqs = np.fromiter(freq.values(), dtype=np.int64, count=len(words))
    names = sorted(set(tags.values()))
    if any("\n" in w for w in words) or (len(freqs) and (freqs.min() < 0
                                                         or freqs.max() >= 2 ** 32)) \
            or len(names) > 255 or any(" " in t or not t for t in names):
        return
    index = {t: i for i, t in enumerate(names, 1)}
    ids = bytes(index.get(tags.get(w), 0) for w in words)
    try:
        blob = "\n".join(words).encode("utf-8")
        tblob = " ".join(names).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return
    cachefile.write(path, _MAGIC, (len(words), total, len(tblob), len(blob)),
                    (freqs.astype("<u4").tobytes(), ids, tblob, blob))


def _dict_file_tags() -> dict[str, str]:
    """Word -> POS tag as ``jieba.posseg`` reads them (``POSTokenizer.load_word_tag``) from
    jieba's default ``dict.txt``."""
    tags: dict[str, str] = {}
    with jieba.Tokenizer().get_dict_file() as fh:
        for line in fh:
            line = line.strip().decode("utf-8")
            if line:
                word, _, tag = line.split(" ")
                tags[word] = sys.intern(tag)
    return tags


def base_dictionary() -> tuple[dict[str, int], int]:
    """jieba's default prefix dictionary and its total frequency, loaded once per process
    (from the fast cache when there is one, else by jieba's ``initialize``, which then
    writes it). Shared: callers must not change it (:func:`tokenizer` copies it first)."""
    with _LOCK:
        if not _BASE:
            path = _cache_path()
            got = _read_cache(path)
            if got is None:
                tk = jieba.Tokenizer()
                with _quiet_logger():
                    tk.initialize()
                tags = _dict_file_tags()
                _write_cache(path, tk.FREQ, tk.total, tags)
                _TAGS.append({w: tags[w] for w in tk.FREQ if w in tags})
                got = (tk.FREQ, tk.total, None)
            freq, total, source = got
            if source is not None:
                _TAG_SOURCE.append(source)
            _BASE.append((freq, total))
        return _BASE[0]


def base_word_tags() -> dict[str, str]:
    """jieba's dictionary word -> POS tag, keyed by the base dictionary's own word strings (the
    ~350k words are not held twice), built once per process on first use. Shared: callers
    must not change it."""
    base_dictionary()
    with _LOCK:
        if not _TAGS:
            words, ids, names = _TAG_SOURCE.pop()
            tag_of = [""] + [sys.intern(t) for t in names]
            _TAGS.append({w: tag_of[i] for w, i in zip(words, ids) if i})
        return _TAGS[0]


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
