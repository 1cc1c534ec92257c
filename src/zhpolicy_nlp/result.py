"""Doc → plain-data :class:`~zhpolicy_nlp.schema.Extraction`."""
from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from .schema import Entity, Extraction


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def from_doc(doc: Doc, doc_id: str | None = None) -> Extraction:
    ents = [Entity(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]
    return Extraction(
        doc_id=doc_id if doc_id is not None else doc._.doc_id,
        text_sha256=text_sha256(doc.text),
        entities=ents,
        people=list(doc._.people or []),
        quotes=list(doc._.quotes or []),
    )
