"""Named-entity recogniser component (PERSON / ORG / LOC / DATE).

First version: jieba part-of-speech tags (nr/ns/nt) plus DATE rules. Replaced by the
trained model of issue #3.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers Doc/Span extensions)
from .dates import find_dates
from .spans import set_char_entities

_POS_LABEL = {"nr": "PERSON", "ns": "LOC", "nt": "ORG"}


class EntityRecognizer:
    def __init__(self, nlp: Language, name: str = "ner") -> None:
        import jieba.posseg

        self.name = name
        self._posseg = jieba.posseg.POSTokenizer(jieba.Tokenizer())

    def __call__(self, doc: Doc) -> Doc:
        spans = [(s, e, "DATE") for s, e in find_dates(doc.text)]
        pos = 0
        for pair in self._posseg.cut(doc.text):
            w, f = pair.word, pair.flag
            label = _POS_LABEL.get(f)
            if label:
                spans.append((pos, pos + len(w), label))
            pos += len(w)
        set_char_entities(doc, spans)
        return doc


@Language.factory("zhpolicy_ner")
def make_ner(nlp: Language, name: str) -> EntityRecognizer:
    return EntityRecognizer(nlp, name)
