"""jieba-based spaCy tokenizer with the project's lexicons as a user dictionary.

Each tokenizer owns its own ``jieba.Tokenizer`` (jieba's module-level one is global
state shared by every caller), so two pipelines, or two threads with two pipelines, never
see each other's dictionary. Entity boundaries fall on token boundaries because the
government-body, title and place lexicons are added as words; anything the dictionary
misses is split later by :func:`zhpolicy_nlp.spans.set_char_entities`.

The user words are the tokenizer's state: ``nlp.to_disk`` saves them (file ``tokenizer``),
so a saved pipeline cuts as it did when saved even if the package's lexicons change later.

Cost (measured, loaded machine): jieba's prefix dictionary is loaded once per process, from
:mod:`.jieba_dict`'s own cache in ~0.2 s (jieba's marshal cache took 0.5-1.4 s; the first
process pays that once and writes the cache), and each tokenizer gets a private copy (≈ 20 ms). Adding the ≈ 7k lexicon words costs 15-60 ms, so they are added eagerly.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Union

import srsly
from spacy.tokens import Doc
from spacy.util import ensure_path, registry
from spacy.vocab import Vocab

from .. import lexicon
from . import jieba_dict
from .jieba_dict import base_dictionary  # noqa: F401  (the titles stage's POS tagger reads it)

# Lexicons whose entries become jieba words (data files in zhpolicy_nlp/lexicons/).
USER_DICT_LEXICONS: tuple[str, ...] = ("orgs", "titles", "places")
USER_WORD_FREQ = 2000


class JiebaTokenizer:
    """Text → Doc with one token per jieba word; whitespace runs are tokens too."""

    def __init__(self, vocab: Vocab, user_words: Iterable[str] = (),
                 user_word_freq: int = USER_WORD_FREQ) -> None:
        self.vocab = vocab
        self._set_words(user_words, user_word_freq)

    def _set_words(self, user_words: Iterable[str], user_word_freq: int) -> None:
        self._user_words = sorted(set(user_words))
        self._user_word_freq = user_word_freq
        self._jieba = jieba_dict.tokenizer(self._user_words, user_word_freq)

    @property
    def user_words(self) -> list[str]:
        return list(self._user_words)

    def cut(self, text: str) -> list[str]:
        # jieba's cut only reads this tokenizer's dictionary, which is complete after
        # __init__, so no lock is needed on this hot path.
        return list(self._jieba.cut(text, HMM=True))

    def __call__(self, text: str) -> Doc:
        words = [w for w in self.cut(text) if w]
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    # spaCy serialisation: the user words (jieba's own dictionary comes with jieba).
    def to_bytes(self, **_: object) -> bytes:
        return srsly.msgpack_dumps({"user_words": self._user_words,
                                    "user_word_freq": self._user_word_freq})

    def from_bytes(self, data: bytes, **_: object) -> "JiebaTokenizer":
        msg = srsly.msgpack_loads(data)
        words, freq = msg["user_words"], int(msg["user_word_freq"])
        if words != self._user_words or freq != self._user_word_freq:
            self._set_words(words, freq)
        return self

    def to_disk(self, path: Union[str, Path], **_: object) -> None:
        ensure_path(path).write_bytes(self.to_bytes())

    def from_disk(self, path: Union[str, Path], **_: object) -> "JiebaTokenizer":
        return self.from_bytes(ensure_path(path).read_bytes())

    def __reduce__(self):  # picklable for nlp.pipe(n_process>1)
        return (JiebaTokenizer, (self.vocab, self._user_words, self._user_word_freq))


@registry.tokenizers("zhpolicy.JiebaTokenizer.v1")
def create_jieba_tokenizer(lexicons: list[str] = list(USER_DICT_LEXICONS),
                           user_word_freq: int = USER_WORD_FREQ):
    """The user words are the entries of ``lexicons`` (a saved pipeline's own words replace
    them when it is loaded: ``from_disk``)."""
    def make(nlp):
        words: list[str] = []
        for name in lexicons:
            words.extend(lexicon.words(name))
        return JiebaTokenizer(nlp.vocab, words, user_word_freq)

    return make
