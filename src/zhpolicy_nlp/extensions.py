"""The ``Doc``/``Span`` extension attributes every stage reads and writes.

- ``Doc._.doc_id``: the caller's id for the document.
- ``Doc._.people``: list of :class:`~zhpolicy_nlp.schema.Person` (titles stage).
- ``Doc._.quotes``: list of :class:`~zhpolicy_nlp.schema.Quote` (quotes stage).
- ``Span._.person``: canonical name of the person a PERSON entity refers to (titles stage).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span


def register() -> None:
    """Idempotent: safe to call from every component factory and from worker processes."""
    if not Doc.has_extension("doc_id"):
        Doc.set_extension("doc_id", default=None)
    if not Doc.has_extension("people"):
        Doc.set_extension("people", default=None)
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", default=None)
    if not Span.has_extension("person"):
        Span.set_extension("person", default=None)


register()
