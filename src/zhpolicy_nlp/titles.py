"""Title resolver component: person records with titles, aliases and mentions.

First version: one record per distinct PERSON entity, no titles. Replaced in issue #4.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401
from .schema import Person, TextSpan


class TitleResolver:
    def __init__(self, nlp: Language, name: str = "titles") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        people: dict[str, Person] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            p = people.setdefault(ent.text, Person(ent.text))
            p.mentions.append(TextSpan(ent.start_char, ent.end_char, ent.text))
            ent._.person = p.name
        doc._.people = list(people.values())
        return doc


@Language.factory("zhpolicy_titles")
def make_titles(nlp: Language, name: str) -> TitleResolver:
    return TitleResolver(nlp, name)
