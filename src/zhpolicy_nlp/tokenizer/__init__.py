"""jieba-based spaCy tokenizer with the project's lexicons as a user dictionary.

Each tokenizer owns its own ``jieba.Tokenizer`` (jieba's module-level one is global
state shared by every caller), so two pipelines, or two threads with two pipelines, never
see each other's dictionary. Entity boundaries fall on token boundaries because the
government-body, title and place lexicons are added as words; anything the dictionary
misses is split later by :func:`zhpolicy_nlp.spans.set_char_entities`.

Cost (measured, idle to loaded machine): jieba's prefix dictionary loads from its cache file
in 0.45-1.4 s; it is loaded once per process and each tokenizer gets a private copy (≈ 20 ms).
Adding the ≈ 7k lexicon words costs 15-60 ms, so they are added eagerly.
"""
from __future__ import annotations

import threading
from typing import Iterable

import jieba
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .. import lexicon

jieba.setLogLevel(60)

# Lexicons whose entries become jieba words (data files in zhpolicy_nlp/lexicons/).
USER_DICT_LEXICONS: tuple[str, ...] = ("orgs", "titles", "places")
_USER_WORD_FREQ = 2000

_BASE_LOCK = threading.Lock()
_BASE: list[tuple[dict[str, int], int]] = []   # jieba's (FREQ, total), once per process


def base_dictionary() -> tuple[dict[str, int], int]:
    """jieba's default prefix dictionary, loaded once per process (shared read-only: the
    tokenizers copy it, the titles stage's POS tagger reads it)."""
    with _BASE_LOCK:
        if not _BASE:
            tk = jieba.Tokenizer()
            tk.initialize()
            _BASE.append((tk.FREQ, tk.total))
        return _BASE[0]


class JiebaTokenizer:
    """Text → Doc with one token per jieba word; whitespace runs are tokens too."""

    def __init__(self, vocab: Vocab, user_words: Iterable[str] = ()) -> None:
        self.vocab = vocab
        self._jieba = jieba.Tokenizer()
        self._user_words = sorted(set(user_words))
        freq, total = base_dictionary()
        with self._jieba.lock:
            # a private copy: add_word changes FREQ, and no other tokenizer may see that
            self._jieba.FREQ, self._jieba.total = dict(freq), total
            self._jieba.initialized = True
            for w in self._user_words:
                self._jieba.add_word(w, freq=_USER_WORD_FREQ)

    def cut(self, text: str) -> list[str]:
        # jieba's cut only reads this tokenizer's dictionary, which is complete after
        # __init__, so no lock is needed on this hot path.
        return list(self._jieba.cut(text, HMM=True))

    def __call__(self, text: str) -> Doc:
        words = [w for w in self.cut(text) if w]
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    # spaCy serialisation: the dictionary is rebuilt from package data, so nothing to save.
    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: object) -> "JiebaTokenizer":
        return self

    def to_disk(self, _path: object, **_: object) -> None:
        return None

    def from_disk(self, _path: object, **_: object) -> "JiebaTokenizer":
        return self

    def __reduce__(self):  # picklable for nlp.pipe(n_process>1)
        return (JiebaTokenizer, (self.vocab, self._user_words))


@registry.tokenizers("zhpolicy.JiebaTokenizer.v1")
def create_jieba_tokenizer(lexicons: list[str] = list(USER_DICT_LEXICONS)):
    def make(nlp):
        words: list[str] = []
        for name in lexicons:
            words.extend(lexicon.words(name))
        return JiebaTokenizer(nlp.vocab, words)

    return make
