"""The ``Doc``/``Span`` extension attributes every stage reads and writes.

Values are plain data (str, dict, list, None), so that spaCy serialises them with the Doc
(``Doc.to_bytes``, ``DocBin(store_user_data=True)``, ``nlp.pipe(n_process=2)``, which ships
Docs between processes as bytes). :mod:`zhpolicy_nlp.result` turns them into dataclasses.

- ``Doc._.doc_id``: the caller's id for the document.
- ``Doc._.people``: list of person dicts, :func:`zhpolicy_nlp.result.person_data` (titles
  stage); read them with :func:`zhpolicy_nlp.result.people`.
- ``Doc._.quotes``: list of quote dicts, ``Quote.to_dict()`` (quotes stage); read them with
  :func:`zhpolicy_nlp.result.quotes`.
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
