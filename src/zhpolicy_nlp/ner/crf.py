"""The linear-CRF NER backend (``models/ner-crf``, trained by :mod:`zhpolicy_nlp.training.crf`)."""
from __future__ import annotations

import threading
from pathlib import Path

from .features import Gazetteers, featurize

MODEL_FILE = "model.crfsuite"


class CrfTagger:
    """The linear-CRF backend (python-crfsuite), with ``LstmTagger.tag``'s signature."""

    def __init__(self, folder: Path) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(folder / MODEL_FILE))
        self._lock = threading.Lock()  # a Tagger holds per-call state: one call at a time

    def tag(self, texts: list[str], segs: list[list[str]], gaz: Gazetteers) -> list[list[str]]:
        out = []
        for text, words in zip(texts, segs):
            feats = featurize(text, words, gaz)
            with self._lock:
                out.append(self._tagger.tag(feats))
        return out
