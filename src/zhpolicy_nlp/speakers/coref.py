"""Person records inside one document: one per real person, every later mention tied back.

A record is keyed by the fullest Chinese name the text uses. Its mentions are every
occurrence of that name, of its aliases (``（Elliott Harris）``), of the last part of a
transliterated name (``哈里斯``), and surname + title/honorific forms (``李总理``, ``麦教授``)
when exactly one record fits (people sharing a surname are never merged on the surname).
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional

import regex

from ..schema import Person, TextSpan, Title
from ..text import is_han
from ..titles import lexicon as tl
from ..titles.designations import Found

CharSpan = tuple[int, int]  # (start, end) in characters


def _title_of(text: str, seg_title: CharSpan, seg_org: Optional[CharSpan]) -> Title:
    ts = TextSpan(seg_title[0], seg_title[1], text[seg_title[0]:seg_title[1]])
    os_ = TextSpan(seg_org[0], seg_org[1], text[seg_org[0]:seg_org[1]]) if seg_org else None
    return Title(ts.text, os_.text if os_ else None, ts, os_)


class Registry:
    """Builds :class:`Person` records from designations and PERSON spans."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.people: dict[str, Person] = {}
        self.forms: dict[str, str] = {}  # name form → canonical name
        self.person_spans: set[CharSpan] = set()

    def add(self, span: CharSpan, titles: Iterable[Title] = (), alias: Optional[CharSpan] = None) -> Person:
        name = self.text[span[0]:span[1]]
        canon = self.forms.get(name, name)
        p = self.people.setdefault(canon, Person(canon))
        self.forms.setdefault(name, canon)
        self.person_spans.add(span)
        for t in titles:
            self._add_title(p, t)
        if alias:
            a = self.text[alias[0]:alias[1]]
            if a not in p.aliases:
                p.aliases.append(a)
            self.forms.setdefault(a, canon)
            self.person_spans.add(alias)
        if "·" in canon:  # 哈里斯 for 埃利奥特·哈里斯, 伊维拉 for 恩戈齐·奥孔乔-伊维拉
            last = canon.split("·")[-1]
            self.forms.setdefault(last, canon)
            self.forms.setdefault(regex.split(r"[-－‐]", last)[-1], canon)
        return p

    @staticmethod
    def _add_title(p: Person, t: Title) -> None:
        for old in p.titles:
            if old.title == t.title and (old.org == t.org or t.org is None):
                return
            if old.title == t.title and old.org is None:
                old.org, old.org_span = t.org, t.org_span
                return
        p.titles.append(t)

    def add_found(self, found: Found) -> None:
        for d in found.designations:
            self.add(d.person, [_title_of(self.text, s.title, s.org) for s in d.segs], d.alias)

    def occurrences(self, free: Callable[[CharSpan], bool]) -> list[CharSpan]:
        """Every occurrence of a name form of a titled or aliased person where ``free`` allows
        (a name the ner stage alone proposed is not spread further)."""
        forms = sorted((f for f, c in self.forms.items()
                        if len(f) >= 2 and (self.people[c].titles or self.people[c].aliases)),
                       key=len, reverse=True)
        if not forms:
            return []
        pat = regex.compile("|".join(regex.escape(f) for f in forms))
        return [m.span() for m in pat.finditer(self.text) if free(m.span())]

    def surname_mentions(self, titles: list[CharSpan], taken: Callable[[CharSpan], bool]) -> list[tuple[CharSpan, str]]:
        """``李总理``/``麦教授``: surname + title or honorific of exactly one known person, where
        ``taken`` says the span overlaps no name already found."""
        out = []
        hon = tl.honorifics()
        cands = list(titles) + [m.span() for w in hon for m in regex.finditer(regex.escape(w), self.text)]
        for s, e in sorted(set(cands)):
            for n in (2, 1):
                b = s - n
                if b < 0 or taken((b, e)):
                    continue
                canon = self._by_surname(self.text[b:s], self.text[s:e])
                if canon:
                    out.append(((b, e), canon))
                    break
        return out

    def _by_surname(self, surname: str, title: str) -> Optional[str]:
        """Why: a surname alone is weak; it needs the person's own title, or a polite address
        (先生/女士) when only one person in the document has that surname."""
        same = [p for p in self.people.values() if p.name.startswith(surname)
                and 2 <= len(p.name) - len(surname) + 1 <= 3 and is_han(p.name[0])
                and tl.surname_at(p.name, 0) == surname]
        if len(same) == 1 and tl.honorifics().get(title) == "address":
            return same[0].name
        fit = [p for p in same if any(t.title == title or t.title.endswith(title) for t in p.titles)]
        return fit[0].name if len(fit) == 1 else None

    def mention(self, span: CharSpan, canon: Optional[str] = None) -> Optional[str]:
        text = self.text[span[0]:span[1]]
        canon = canon or self.forms.get(text)
        if canon is None:
            return None
        p = self.people[canon]
        if all((m.start, m.end) != span for m in p.mentions):
            p.mentions.append(TextSpan(span[0], span[1], text))
        return canon

    def records(self) -> list[Person]:
        for p in self.people.values():
            p.mentions.sort(key=lambda m: m.start)
        return sorted(self.people.values(), key=lambda p: p.mentions[0].start if p.mentions else 0)


_DETERMINERS = regex.compile(r"^(?:该|这位|这名|那位|此|本|其|首家|首位|一位|该名)")


def resolve_description(people: list[Person], description: str, before: int) -> Optional[str]:
    """Canonical name for a description such as ``这位院长``, ``杭州互联网法院院长``, ``该负责人``.

    With a title word: the person holding that title (and, when the description names an
    organisation, holding it there) mentioned last before ``before``; None when nobody fits,
    so a headline's ``首家互联网法院院长`` is not pinned on another 院长. Without one
    (``该负责人``): the titled person mentioned last before ``before``."""
    def last_before(p: Person) -> int:
        starts = [m.start for m in p.mentions if m.start < before]
        return max(starts) if starts else -1

    found = tl.find_titles(description)
    if found:
        ts, te = found[-1]
        word = description[ts:te]
        org_part = _DETERMINERS.sub("", description[:ts])
        pool = [p for p in people
                if any((t.title.endswith(word) or word.endswith(t.title))
                       and (not org_part or (t.org and (t.org in description or org_part in t.org)))
                       for t in p.titles)]
    else:
        pool = [p for p in people if p.titles]
    pool = [p for p in pool if last_before(p) >= 0]
    return max(pool, key=last_before).name if pool else None
