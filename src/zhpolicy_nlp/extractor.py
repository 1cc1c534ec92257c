"""The user-facing object: ``zhpolicy_nlp.load().extract(text)``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping, Optional, Union

from spacy.language import Language

from . import result
from .schema import Extraction

Record = Union[str, Mapping[str, Any]]


@dataclass
class ErrorRecord:
    """One input that could not be processed; batch runs emit it in place of a result."""

    doc_id: Optional[str]
    error: str

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "error": self.error}


def record_id(rec: Mapping[str, Any], index: int) -> str:
    for key in ("doc_id", "id"):
        if rec.get(key) is not None:
            return str(rec[key])
    return str(index)


class Extractor:
    """Wraps the spaCy pipeline (``self.nlp``) and turns Docs into plain results."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, text: str, doc_id: Optional[str] = None) -> Extraction:
        return self.extract(text, doc_id)

    def extract(self, text: str, doc_id: Optional[str] = None) -> Extraction:
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        doc = self.nlp(text)
        doc._.doc_id = doc_id
        return result.from_doc(doc, doc_id)

    def pipe(
        self,
        texts_or_records: Iterable[Record],
        n_process: int = 1,
        batch_size: int = 16,
    ) -> Iterator[Union[Extraction, ErrorRecord]]:
        """Stream results in input order. Items are texts (doc_id = position) or mappings
        with ``text`` and ``doc_id``/``id``; an item that is not usable yields an
        :class:`ErrorRecord` instead of stopping the stream."""
        ids: list[Optional[str]] = []
        bad: dict[int, str] = {}

        def texts() -> Iterator[str]:
            for i, item in enumerate(texts_or_records):
                if isinstance(item, str):
                    ids.append(str(i))
                    yield item
                    continue
                if isinstance(item, Mapping):
                    ids.append(record_id(item, i))
                    text = item.get("text")
                    if isinstance(text, str):
                        yield text
                        continue
                    bad[i] = ("record has no 'text'" if text is None
                              else f"'text' must be a string, not {type(text).__name__}")
                else:
                    ids.append(str(i))
                    bad[i] = f"item must be str or mapping, not {type(item).__name__}"
                yield ""

        for i, doc in enumerate(self.nlp.pipe(texts(), n_process=n_process,
                                              batch_size=batch_size)):
            if i in bad:
                yield ErrorRecord(ids[i], bad.pop(i))
            else:
                yield result.from_doc(doc, ids[i])
