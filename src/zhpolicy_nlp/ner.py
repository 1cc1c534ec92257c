"""Named-entity recogniser component (PERSON / ORG / LOC / DATE).

PERSON/ORG/LOC come from a character CRF (``models/ner-crf``, trained by
:mod:`zhpolicy_nlp.train_ner`) whose features include the jieba words the tokenizer already
produced; DATE comes from the rules in :mod:`zhpolicy_nlp.dates`. High-precision spans from
:mod:`zhpolicy_nlp.entity_rules` (lexicons and patterns), when that module is present, win
over model spans they overlap.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers Doc/Span extensions)
from .dates import find_dates
from .ner_features import Gazetteers, featurize
from .spans import set_char_entities
from .train_ner import MODEL_FILE, spans_from_tags

DEFAULT_MODEL = "ner-crf"
Span3 = tuple[int, int, str]
# A token ending with one of these closes a sentence for the tagger (trained on sentences).
_SENT_END = frozenset("。！？!?；;\n")
_MAX_CHUNK = 300  # long runs without sentence ends are cut at a comma past this length
_SOFT_END = frozenset("，,、：:")


def resolve_model(model: Optional[str | Path]) -> Path:
    """A model folder from a path, a name under ``models_dir()``, or None (the default)."""
    from .pipeline import models_dir

    if model:
        p = Path(model)
        if p.joinpath(MODEL_FILE).is_file():
            return p
        cand = models_dir() / str(model)
        if cand.joinpath(MODEL_FILE).is_file():
            return cand
    p = models_dir() / DEFAULT_MODEL
    if not p.joinpath(MODEL_FILE).is_file():
        raise FileNotFoundError(f"NER model not found: {p / MODEL_FILE}")
    return p


def _load_rules() -> Optional[Callable[[str], list[Span3]]]:
    """``entity_rules.rule_entities`` if that module exists (it is optional)."""
    try:
        from .entity_rules import rule_entities
    except ImportError:
        return None
    return rule_entities


def words_of(doc: Doc, text: str) -> list[str]:
    """Token texts, read through the token offsets array (iterating Token objects, or
    ``doc.text``, which joins them, costs more than the CRF itself on long documents)."""
    if not len(doc):
        return []
    bounds = [*doc.to_array("IDX").tolist(), len(text)]
    if bounds[0]:
        bounds[0] = 0
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


def chunks(doc: Doc, text: str) -> Iterator[tuple[int, list[str]]]:
    """(start char, token texts) per sentence-like run of tokens; ``text`` is ``doc.text``."""
    start, words, size = 0, [], 0
    for w in words_of(doc, text):
        words.append(w)
        size += len(w)
        last = w[-1]
        if last in _SENT_END or (size > _MAX_CHUNK and last in _SOFT_END):
            yield start, words
            start, words, size = start + size, [], 0
    if words:
        yield start, words


def merge(rules: list[Span3], dates: list[Span3], model: list[Span3]) -> list[Span3]:
    """Rule spans first, then dates, then model spans, each kept only where it overlaps
    nothing kept before it."""
    taken = bytearray(max((e for _, e, _ in (*rules, *dates, *model)), default=0))
    out: list[Span3] = []
    for group in (rules, dates, model):
        for s, e, lab in sorted(group, key=lambda x: (x[0], x[0] - x[1])):
            if s < e and not any(taken[s:e]):
                taken[s:e] = b"\x01" * (e - s)
                out.append((s, e, lab))
    return sorted(out)


class EntityRecognizer:
    def __init__(self, nlp: Language, name: str = "ner", model: str = "") -> None:
        import pycrfsuite

        self.name = name
        path = resolve_model(model or None)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path / MODEL_FILE))
        self._lock = threading.Lock()  # a Tagger holds per-call state: one call at a time
        self._gaz = Gazetteers.load()
        self._rules = _load_rules()

    def model_spans(self, doc: Doc, text: Optional[str] = None) -> list[Span3]:
        """PERSON/ORG/LOC spans the CRF tags, sentence by sentence."""
        out: list[Span3] = []
        text = doc.text if text is None else text
        for start, words in chunks(doc, text):
            end = start + sum(map(len, words))
            feats = featurize(text[start:end], words, self._gaz)
            with self._lock:
                tags = self._tagger.tag(feats)
            out.extend((start + s, start + e, lab) for s, e, lab in spans_from_tags(tags))
        return out

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        rules = list(self._rules(text)) if self._rules else []
        dates = [(s, e, "DATE") for s, e in find_dates(text)]
        return set_char_entities(doc, merge(rules, dates, self.model_spans(doc, text)))


@Language.factory("zhpolicy_ner", default_config={"model": ""})
def make_ner(nlp: Language, name: str, model: str) -> EntityRecognizer:
    return EntityRecognizer(nlp, name, model)
