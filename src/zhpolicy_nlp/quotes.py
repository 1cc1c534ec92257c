"""Quote attributor component: direct and indirect speech with resolved speakers.

First version: finds nothing. Replaced in issue #5.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401


class QuoteAttributor:
    def __init__(self, nlp: Language, name: str = "quotes") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = []
        return doc


@Language.factory("zhpolicy_quotes")
def make_quotes(nlp: Language, name: str) -> QuoteAttributor:
    return QuoteAttributor(nlp, name)
