"""Entity, person and token lookups for one Doc, shared by the speakers and quotes code.

Built once per Doc from ``doc.ents``, ``doc._.people`` and the tokens, so that per-cue
look-ups are bisects, not scans.
"""
from __future__ import annotations

import bisect
from typing import Optional

import regex
from spacy.tokens import Doc

from .. import lexicon, result
from ..spans import tokens_and_text, within
from ..text import HAN, is_han
from ..titles import lexicon as tl


# Words right before a person that make it an object, not a subject (会见李四, 向江主席).
NOT_SUBJECT_BEFORE = lexicon.ordered("speaker_words", "not_subject_before")
# Organisation-like words right before a cue when NER missed them: 世卫组织呼吁
ORG_TAIL_RE = regex.compile(
    rf"{HAN}{{1,14}}(?:{'|'.join(map(regex.escape, lexicon.ordered('org_endings', 'tail')))})$")
# 会见了英特尔公司董事长葛鲁夫: a person after such a verb (in the same clause) is its object
OBJECT_OF_RE = regex.compile(f"(?:{lexicon.alternation('speaker_words', 'takes_person')})了?[^，。；：]*$")
QUOTED_RE = regex.compile(r"“[^”\n]*”|「[^」\n]*」|《[^》\n]*》|‘[^’\n]*’")
NOT_NAMES = lexicon.words("not_names")  # 王国, 江南: common words that start with a surname
LEAD_FUNCTION_CHARS = lexicon.words("speaker_words", "lead_function_char")
BODY_WORDS = lexicon.ordered("speaker_words", "body_word")
JOINERS = "和及"
JOINED_MAX = 6  # how long the first half of 省粮食和物资储备局 may be
CLAUSE_START = frozenset("，,。！？；;：:”」\n")
# 邰某是…邰某某的女儿，…，她说: a person before 的 + a kin noun describes someone else
KIN_AFTER_RE = regex.compile(f"的(?:{lexicon.alternation('speaker_words', 'kin_noun')})")


class DocIndex:
    """Entity, person and token lookups for one Doc, built once."""

    def __init__(self, doc: Doc) -> None:
        # Two flat lists, not a tuple per token: on long texts the tuples made the garbage
        # collector's passes a large share of the stage. Read from the Doc's arrays: a Token
        # per token (iterating, doc.text) was most of the stage's set-up.
        self.tok_pos, self.tok_text, self.text = tokens_and_text(doc)
        self.people = result.people(doc)
        persons: dict[tuple[int, int], str] = {
            (m.start, m.end): p.name for p in self.people for m in p.mentions or []}
        self.orgs: list[tuple[int, int]] = []
        self.titles: list[tuple[int, int]] = []
        self.dates: set[int] = set()
        ents = doc.ents  # a new Span per entity on each read: read it once
        for ent in ents:
            if ent.label_ == "PERSON":  # the titles stage's name, else its record, else the text
                key = (ent.start_char, ent.end_char)
                persons[key] = ent._.person or persons.get(key) or ent.text
            elif ent.label_ in ("ORG",):
                self.orgs.append((ent.start_char, ent.end_char))
            elif ent.label_ == "TITLE":
                self.titles.append((ent.start_char, ent.end_char))
            elif ent.label_ == "DATE":
                self.dates.add(ent.start_char)
        self.tok_starts = set(self.tok_pos)
        self.tok_ends = {p + len(t) for p, t in zip(self.tok_pos, self.tok_text)}
        self._spread(persons, ents)
        self.persons = sorted((s, e, n) for (s, e), n in persons.items())
        self._person_starts = [p[0] for p in self.persons]
        self._org_ends = {e: s for s, e in self.orgs}
        self._orgs_sorted = sorted(self.orgs)  # doc.ents order already; bisect relies on it
        self._org_starts = [s for s, _ in self._orgs_sorted]
        self._title_starts = [s for s, _ in self.titles]
        self.ent_ends = {ent.end_char for ent in ents}
        for ent in ents:  # 墨西哥朋友, 海协负责人: a place or body in front of a group
            if ent.label_ in ("LOC", "GPE"):
                self._org_ends.setdefault(ent.end_char, ent.start_char)
        self._dates = sorted(self.dates)
        self._quoted = [m.span() for m in QUOTED_RE.finditer(self.text)]
        self._quoted_starts = [q[0] for q in self._quoted]
        self._person_ends = {e for _, e, _ in self.persons}
        self._by_name: dict[str, list[tuple[int, int]]] = {}
        self._surnames: dict[str, tuple[list[int], list[Optional[str]]]] = {}
        for s, e, n in self.persons:
            self._by_name.setdefault(n, []).append((s, e))
            if len(n) > 1:
                self._note_surname(s, n)
        self.doc = doc

    def _spread(self, persons: dict[tuple[int, int], str], ents) -> None:
        """Every other occurrence of a person's Chinese name, as whole words outside other
        entities: the ner stage finds 关强 in one sentence and misses it in the next, and a
        later 他 must still find him as the paragraph's subject."""
        names = {n for n in persons.values() if 2 <= len(n) <= 4 and all(is_han(c) for c in n)
                 and n not in NOT_NAMES and tl.surname_at(n, 0)}
        if not names:
            return
        taken = sorted((e.start_char, e.end_char) for e in ents)
        starts = [a for a, _ in taken]
        pat = regex.compile("|".join(map(regex.escape, sorted(names, key=len, reverse=True))))
        for m in pat.finditer(self.text):
            s, e = m.span()
            if (s, e) in persons or s not in self.tok_starts or e not in self.tok_ends:
                continue
            i = bisect.bisect_right(starts, e - 1) - 1
            if i >= 0 and taken[i][1] > s:
                continue  # inside or across another entity
            persons[(s, e)] = m.group()

    def _note_surname(self, start: int, name: str) -> None:
        """Per first character: person starts in order, and for each prefix of them the one
        name they all share (None once two names differ), so surname_person is a bisect."""
        starts, sole = self._surnames.setdefault(name[0], ([], []))
        prev = sole[-1] if sole else name
        starts.append(start)
        sole.append(name if prev == name else None)

    def date_near(self, pos: int, within: int) -> bool:
        """Does a DATE entity start in ``[pos, pos + within)``?"""
        i = bisect.bisect_left(self._dates, pos)
        return i < len(self._dates) and self._dates[i] < pos + within

    def next_date(self, pos: int) -> Optional[int]:
        """Start of the first DATE entity at or after ``pos``, or None."""
        i = bisect.bisect_left(self._dates, pos)
        return self._dates[i] if i < len(self._dates) else None

    def tokens_in(self, start: int, end: int) -> list[tuple[int, str]]:
        i = bisect.bisect_left(self.tok_pos, start)
        j = bisect.bisect_left(self.tok_pos, end)
        return [(p, t) for p, t in zip(self.tok_pos[i:j], self.tok_text[i:j]) if p + len(t) <= end]

    def token_end(self, pos: int) -> int:
        """End of the token containing ``pos``."""
        i = bisect.bisect_right(self.tok_pos, pos) - 1
        return self.tok_pos[i] + len(self.tok_text[i]) if i >= 0 else pos

    def token_start(self, pos: int) -> int:
        """Start of the token containing ``pos``."""
        return self.tok_pos[bisect.bisect_right(self.tok_pos, pos) - 1] if self.tok_pos else pos

    def person_ending_at(self, pos: int) -> bool:
        return pos in self._person_ends

    def persons_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return within(self.persons, self._person_starts, start, end)

    def person_starting_at(self, pos: int) -> Optional[int]:
        """End of the person mention that starts at ``pos``, or None."""
        i = bisect.bisect_left(self._person_starts, pos)
        return self.persons[i][1] if i < len(self.persons) and self.persons[i][0] == pos else None

    def last_person_before(self, pos: int, floor: int = 0) -> Optional[tuple[int, int, str]]:
        i = bisect.bisect_left(self._person_starts, pos) - 1
        if i >= 0 and self.persons[i][0] >= floor and self.persons[i][1] <= pos:
            return self.persons[i]
        return None

    def last_subject_before(self, pos: int, floor: int) -> Optional[tuple[int, int, str]]:
        """The last person before ``pos`` that is not an object (向江主席, 会见李四)."""
        i = bisect.bisect_left(self._person_starts, pos) - 1
        while i >= 0 and self.persons[i][0] >= floor:
            s, e, _ = self.persons[i]
            if (e <= pos and not any(self.text.endswith(w, 0, s) for w in NOT_SUBJECT_BEFORE)
                    and not KIN_AFTER_RE.match(self.text, e)
                    and not OBJECT_OF_RE.search(self.text, max(floor, s - 25), s)
                    and not self.quoted(s)):
                return self.persons[i]
            i -= 1
        return None

    def named_between(self, name: str, start: int, end: int) -> bool:
        return any(n == name for s, _, n in self.persons_in(start, end))

    def quoted(self, pos: int) -> bool:
        """Is ``pos`` inside quotation marks or a title (《…》)? Names there are not antecedents."""
        i = bisect.bisect_right(self._quoted_starts, pos) - 1
        return i >= 0 and pos < self._quoted[i][1]

    def surname_person(self, char: str, before: int) -> Optional[str]:
        """The one person named before ``before`` whose name starts with ``char`` (麦教授)."""
        starts, sole = self._surnames.get(char, ((), ()))
        k = bisect.bisect_left(starts, before)
        return sole[k - 1] if k else None

    def last_named_before(self, name: str, pos: int) -> Optional[tuple[int, int]]:
        """Span of the last mention of ``name`` ending by ``pos`` (in ``persons`` order)."""
        spans = self._by_name.get(name, [])
        i = bisect.bisect_left(spans, (pos,)) - 1
        while i >= 0 and spans[i][1] > pos:
            i -= 1
        return spans[i] if i >= 0 else None

    def titles_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """TITLE entities inside ``[start, end)``, in text order."""
        return within(self.titles, self._title_starts, start, end)

    def org_end(self, pos: int) -> bool:
        """Does an ORG or place end at ``pos`` (主席团|常务主席, 美国|国务卿)?"""
        return pos in self._org_ends

    def orgs_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """ORG entities inside ``[start, end)``, in text order."""
        return within(self._orgs_sorted, self._org_starts, start, end)

    def extend_left(self, pos: int) -> int:
        """Start of the bodies and places right before ``pos`` (美国|政府|官员, 海协负责人)."""
        while True:
            if pos in self._org_ends:
                pos = self._joined_start(self._org_ends[pos])
                continue
            bare = next((w for w in BODY_WORDS if self.text.endswith(w, 0, pos)), None)
            if bare and pos - len(bare) in self._org_ends:
                pos -= len(bare)
                continue
            return self.body_before(pos)

    def _joined_start(self, pos: int) -> int:
        """``省粮食和|物资储备局``: a short run joined by 和/及 at a clause start is the first half
        of the organisation's name (the ner stage cut it off), not a second party."""
        text, k = self.text, pos - 1
        if k < 1 or text[k] not in JOINERS:
            return pos
        j = k
        while j > 0 and is_han(text[j - 1]) and k - j < JOINED_MAX:
            j -= 1
        run = text[j:k]
        if len(run) < 2 or j > 0 and text[j - 1] not in CLAUSE_START or "了" in run \
                or any(w in run for w in NOT_SUBJECT_BEFORE):
            return pos  # 会见了省长和|教育局负责人: two parties
        return j

    def body_before(self, pos: int) -> int:
        """Start of an org-like word the NER missed right before ``pos`` (市交通运输局|负责人),
        without a leading 据/经/对…; ``pos`` itself if there is none."""
        m = ORG_TAIL_RE.search(self.text, max(0, pos - 16), pos)
        if m is None or m.end() != pos:
            return pos
        start = m.start()
        while start < pos and self.text[start] in LEAD_FUNCTION_CHARS:
            start += 1
        at_word = start in self.tok_starts or m.start() in self.tok_starts  # jieba glues 据|市
        return start if at_word and pos - start >= 2 else pos
