"""Build the spaCy ``Language``: tokenizer → ner → titles → quotes.

Importing this module registers the tokenizer (``zhpolicy.JiebaTokenizer.v1``) and the
factories (``zhpolicy_ner``, ``zhpolicy_titles``, ``zhpolicy_quotes``) with spaCy, so that
``spacy.load(path)`` reads a pipeline saved with ``nlp.to_disk(path)``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import spacy
from spacy.language import Language

from . import extensions  # noqa: F401
from . import tokenizer  # noqa: F401  (registers the tokenizer)
from .ner import component as _ner  # noqa: F401  (registers the factories)
from .quotes import component as _quotes  # noqa: F401
from .titles import component as _titles  # noqa: F401

STAGES = ("ner", "titles", "quotes")


def models_dir() -> Path:
    """Where shipped models live: inside the installed wheel, else the repo's ``models/``."""
    here = Path(__file__).resolve().parent
    for cand in (here / "models", here.parents[1] / "models"):
        if cand.is_dir():
            return cand
    return here / "models"


def build(model: Optional[str | Path] = None) -> Language:
    """A fresh pipeline, its NER model loaded. ``model`` is a path or a name under
    :func:`models_dir` for the NER stage (None: the shipped default)."""
    nlp = spacy.blank(
        "zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhpolicy.JiebaTokenizer.v1"}}}
    )
    ner = nlp.add_pipe("zhpolicy_ner", name="ner", config={"model": str(model or "")})
    nlp.add_pipe("zhpolicy_titles", name="titles")
    nlp.add_pipe("zhpolicy_quotes", name="quotes")
    ner.initialize(nlp=nlp)
    return nlp
