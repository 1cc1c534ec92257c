"""zhpolicy-nlp: who said what in Chinese government news.

>>> import zhpolicy_nlp
>>> ex = zhpolicy_nlp.load()
>>> res = ex.extract("国家统计局局长张三表示，经济运行总体平稳。")
>>> res.to_dict()["quotes"]  # doctest: +SKIP

Importing the package registers its spaCy tokenizer, factories and extension attributes
(so ``spacy.load(path)`` reads a saved pipeline) and changes nothing else in the process:
no signal handlers, GC settings or jieba state.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Union

from . import pipeline  # noqa: F401  (registers the spaCy tokenizer and factories)
from .runtime.extractor import ErrorRecord, Extractor
from .schema import Entity, Extraction, Person, Quote, TextSpan, Title

__version__ = "0.1.0"
__all__ = ["load", "Extractor", "Extraction", "Entity", "Person", "Title", "Quote",
           "TextSpan", "ErrorRecord", "__version__"]


def load(path_or_name: Optional[Union[str, Path]] = None, **options: Any) -> Extractor:
    """The shipped default pipeline, one with another NER model (a name under
    ``models/`` or a model folder), or a pipeline saved with ``ex.nlp.to_disk(path)``, which
    needs nothing but that folder. ``options`` go to :class:`Extractor` (``strict``,
    ``chunk_chars``, ``time_limit``: none by default)."""
    if path_or_name is not None and Path(path_or_name).joinpath("config.cfg").is_file():
        import spacy

        return Extractor(spacy.load(path_or_name), **options)
    return Extractor(pipeline.build(path_or_name), **options)
