"""zhpolicy-nlp: who said what in Chinese government news.

>>> import zhpolicy_nlp
>>> ex = zhpolicy_nlp.load()
>>> res = ex.extract("国家统计局局长张三表示，经济运行总体平稳。")
>>> res.to_dict()["quotes"]  # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from .runtime.extractor import ErrorRecord, Extractor
from .schema import Entity, Extraction, Person, Quote, TextSpan, Title

__version__ = "0.1.0"
__all__ = ["load", "Extractor", "Extraction", "Entity", "Person", "Title", "Quote",
           "TextSpan", "ErrorRecord", "__version__"]


def load(path_or_name: Optional[Union[str, Path]] = None) -> Extractor:
    """The shipped default pipeline, or one saved with ``ex.nlp.to_disk(path)``."""
    from . import pipeline

    if path_or_name is not None and Path(path_or_name).joinpath("config.cfg").is_file():
        import spacy

        return Extractor(spacy.load(path_or_name))
    return Extractor(pipeline.build(path_or_name))
