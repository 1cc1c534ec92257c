"""Plain-data result of one document (SCHEMA §1), for users who never touch spaCy.

Every class round-trips through ``to_dict``/``from_dict`` to exactly the JSON of
``../shared/spec/SCHEMA.md`` §1, so an output written here scores with any gold written there.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

LABELS = ("PERSON", "ORG", "LOC", "TITLE", "DATE")


@dataclass(frozen=True)
class TextSpan:
    """A half-open code-point range into the document text, with its text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: Optional[dict[str, Any]]) -> Optional["TextSpan"]:
        if d is None:
            return None
        return cls(int(d["start"]), int(d["end"]), str(d["text"]))


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    text: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entity":
        return cls(int(d["start"]), int(d["end"]), str(d["text"]), str(d["label"]))


@dataclass
class Title:
    """One atomic position; ``org`` is the organisation the text ties it to, or None."""

    title: str
    org: Optional[str] = None
    title_span: Optional[TextSpan] = None
    org_span: Optional[TextSpan] = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "org": self.org}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Title":
        return cls(str(d["title"]), d.get("org"))


@dataclass
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)
    mentions: list[TextSpan] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "titles": [t.to_dict() for t in self.titles],
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Person":
        return cls(
            str(d["name"]),
            list(d.get("aliases") or []),
            [Title.from_dict(t) for t in d.get("titles") or []],
            [TextSpan.from_dict(m) for m in d.get("mentions") or []],
        )


@dataclass
class Quote:
    start: int
    end: int
    text: str
    kind: str  # "direct" | "indirect"
    speaker: Optional[str] = None
    speaker_mention: Optional[TextSpan] = None
    cue: Optional[TextSpan] = None
    tier: str = "core"  # "core" | "implicit": implicit = continuation without a new cue

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_mention": self.speaker_mention.to_dict() if self.speaker_mention else None,
            "cue": self.cue.to_dict() if self.cue else None,
        }
        if self.tier != "core":
            d["tier"] = self.tier
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Quote":
        return cls(
            int(d["start"]),
            int(d["end"]),
            str(d["text"]),
            str(d.get("kind", "indirect")),
            d.get("speaker"),
            TextSpan.from_dict(d.get("speaker_mention")),
            TextSpan.from_dict(d.get("cue")),
            str(d.get("tier", "core")),
        )


@dataclass
class Extraction:
    """Everything extracted from one document."""

    doc_id: Optional[str]
    text_sha256: str
    entities: list[Entity] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "text_sha256": self.text_sha256,
            "entities": [e.to_dict() for e in self.entities],
            "people": [p.to_dict() for p in self.people],
            "quotes": [q.to_dict() for q in self.quotes],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Extraction":
        return cls(
            d.get("doc_id"),
            str(d.get("text_sha256", "")),
            [Entity.from_dict(e) for e in d.get("entities") or []],
            [Person.from_dict(p) for p in d.get("people") or []],
            [Quote.from_dict(q) for q in d.get("quotes") or []],
        )
