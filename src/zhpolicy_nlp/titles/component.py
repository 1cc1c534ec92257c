"""Title resolver component: person records with titles, aliases and mentions (issue #4).

Reads the ner stage's ``doc.ents``, finds designations (``designations.find``), adds TITLE
entities and the PERSON/ORG spans a title pattern proves (names the ner stage missed or cut),
sets ``doc._.people`` (one person per record, as plain data: ``result.person_data``) and
``Span._.person`` on PERSON entities. The person records and their mentions come from
:class:`speakers.resolve.Registry`; :func:`resolve_description` answers ``该负责人``/``这位院长``
for a caller holding a Doc.
"""
from __future__ import annotations

import bisect
import itertools
import threading
from typing import Optional, Union

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .. import extensions  # noqa: F401
from .. import result
from ..schema import TextSpan
from ..spans import char_entities, set_char_entities
from ..speakers.resolve import Registry, resolve_description as _resolve_description
from ..text import SENTENCE_RE, is_han
from ..tokenizer import jieba_dict
from . import designations, posseg
from . import lexicon as tl

CharSpan = tuple[int, int]  # (start, end) in characters
_POSSEG_LOCK = threading.Lock()


class TitleResolver:
    def __init__(self, nlp: Language, name: str = "titles") -> None:
        self.name = name
        self._posseg = None

    def __getstate__(self) -> dict:
        """Picklable for worker processes: the POS tagger is rebuilt there on first use."""
        return {**self.__dict__, "_posseg": None}

    def _tagger(self) -> posseg.PosTagger:
        """jieba's POS tagger (``posseg``: jieba.posseg's output, its HMM in NumPy), built on
        first use. It reads jieba's default dictionary without the project's user words (the
        patterns were written against its cuts), the copy the tokenizer module already holds:
        loading a second one cost ~100 MB and ~0.6 s."""
        if self._posseg is None:
            with _POSSEG_LOCK:
                if self._posseg is None:  # read-only: POS cuts add no words
                    self._posseg = posseg.PosTagger(jieba_dict.shared_tokenizer())
        return self._posseg

    def _word_tag(self, word: str) -> Optional[tuple[str, int]]:
        """(POS tag, frequency) of a word in jieba's dictionary; None for anything else."""
        tagger = self._tagger()
        freq = tagger.tokenizer.FREQ.get(word)
        return (tagger.word_tag_tab.get(word, "x"), freq) if freq else None

    def _pos(self, text: str) -> list[designations.Tok]:
        """jieba POS tokens as char spans, only for sentences that hold a title (the patterns
        look nowhere else)."""
        # A title never holds 。！？ or a newline, so a title of the whole text lies inside one
        # sentence, and the sentence's search would find one exactly where the text's scan did.
        starts = [s for s, _ in tl.find_titles(text)]
        out = []
        for m in SENTENCE_RE.finditer(text):
            i = bisect.bisect_left(starts, m.start())
            if i == len(starts) or starts[i] >= m.end():
                continue
            pos = m.start()
            for word, flag in self._tagger().cut(m.group()):
                out.append((pos, pos + len(word), flag))
                pos += len(word)
        return out

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        ner = _with_cue_names(text, char_entities(doc), self._word_tag)
        found = designations.find(text, ner, self._pos(text), self._word_tag)
        reg = Registry(text)
        reg.add_found(found)

        mine = _Claims(len(text))
        for d in found.designations:
            mine.put(d.person, "PERSON")
            if d.alias:
                mine.put(d.alias, "PERSON")
            for seg in d.segs:
                mine.claim(seg.title, "TITLE")
                if seg.place:  # 美国|国务卿: the place is LOC; one character (俄|外长) no entity
                    if seg.org[1] - seg.org[0] > 1:
                        mine.claim(seg.org, "LOC")
                elif seg.org:
                    for part in _org_parts(text, seg.org):
                        mine.claim(part, "ORG")
        for seg in found.roles:  # 首家互联网法院院长: the title only; the org is a description
            mine.claim(seg.title, "TITLE")
        blocked = _Claims(len(text))
        for sp, lab in mine.labels.items():
            if lab != "PERSON":
                blocked.put(sp, lab)
        for s, e, label in ner:  # one Han character is a surname mention (江主席), not a person
            if label == "PERSON" and not mine.overlaps((s, e)) and not (e - s == 1 and is_han(text[s])):
                reg.add((s, e))
        # A short form found again inside a longer name the ner stage read (艾力 inside
        # 艾力·买买提) is that name, not a mention of its own.
        person_at: dict[int, CharSpan] = {}
        for s, e, label in ner:
            if label == "PERSON":
                person_at.update((i, (s, e)) for i in range(s, e))
        for sp in reg.occurrences(lambda sp: sp in reg.person_spans or not blocked.overlaps(sp)):
            host = person_at.get(sp[0])
            if host and host[0] <= sp[0] and sp[1] <= host[1] and host != sp \
                    and sp not in reg.person_spans:
                continue
            mine.claim(sp, "PERSON")

        ents = [(s, e, lab) for (s, e), lab in mine.labels.items()]
        ents += [(s, e, lab) for s, e, lab in ner if not mine.overlaps((s, e))]
        doc = set_char_entities(doc, ents, text)
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                ent._.person = reg.mention((ent.start_char, ent.end_char))
        persons = _Claims(len(text))
        for e in doc.ents:
            if e.label_ == "PERSON" and len(e.text) > 1:
                persons.put((e.start_char, e.end_char), "PERSON")
        for sp, canon in reg.surname_mentions(tl.find_titles(text), persons.overlaps):
            reg.mention(sp, canon)
        surnames = [(e.start_char, e.end_char) for e in doc.ents
                    if e.label_ == "PERSON" and len(e.text) == 1]
        for s, e in reg.addressed(surnames):  # 市民李女士说: a person of their own, as worded
            reg.mention((s, e), text[s:e])
        doc._.people = [result.person_data(p) for p in reg.records() if p.mentions]
        return doc


def _with_cue_names(text: str, ner: list[tuple[int, int, str]],
                    word_tag: designations.WordTag) -> list[tuple[int, int, str]]:
    """The ner stage's entities plus the names it missed before speech cues (“…”盛来运说), which
    replace the PERSON spans and one-character entities they cover (欧阳明 of 欧阳明高表示,
    逯 read as a place in 逯建国厅长说); they are evidence for the title patterns as much as
    the ner stage's names are."""
    names = designations.cue_names(text, ner, word_tag)
    if not names:
        return ner
    # does a name overlap [s, e)? The names starting before e, by bisection, and the furthest
    # end among them
    names = sorted(names)
    starts = [a for a, _ in names]
    reach = list(itertools.accumulate((b for _, b in names), max))
    kept = [(s, e, lab) for s, e, lab in ner
            if lab != "PERSON" and e - s > 1
            or not ((k := bisect.bisect_left(starts, e)) and reach[k - 1] > s)]
    return sorted(kept + [(s, e, "PERSON") for s, e in names])


def _org_parts(text: str, org: CharSpan) -> list[CharSpan]:
    """``印孚瑟斯（Infosys）`` is two ORG entities: the name and its parenthesised form."""
    s, e = org
    m = designations.LATIN_PAREN.search(text, s, e)
    if not m or m.end() != e:
        return [org]
    return [(s, m.start()), m.span(1)] if m.start() > s else [m.span(1)]


class _Claims:
    """Labelled spans with a per-character occupancy map, so overlap tests stay cheap."""

    def __init__(self, n: int) -> None:
        self.labels: dict[CharSpan, str] = {}
        self._used = bytearray(n)

    def overlaps(self, span: CharSpan) -> bool:
        return any(self._used[span[0]:span[1]])

    def put(self, span: CharSpan, label: str) -> None:
        self.labels[span] = label
        self._used[span[0]:span[1]] = b"\x01" * (span[1] - span[0])

    def claim(self, span: CharSpan, label: str) -> None:
        """Add ``span`` unless it overlaps a span already held."""
        if not self.overlaps(span):
            self.put(span, label)


def resolve_description(doc: Doc, span: Union[TextSpan, SpacySpan, CharSpan]) -> Optional[str]:
    """Canonical name of the person a description (``该负责人``, ``这位院长``,
    ``杭州互联网法院院长``) at ``span`` (a TextSpan, a spaCy Span or (start, end) chars) refers
    to, from ``doc._.people``; None if none fits."""
    if isinstance(span, SpacySpan):
        s, e = span.start_char, span.end_char
    elif isinstance(span, TextSpan):
        s, e = span.start, span.end
    else:
        s, e = span
    return _resolve_description(result.people(doc), doc.text[s:e], s)


@Language.factory(
    "zhpolicy_titles",
    assigns=["doc.ents", "doc._.people", "span._.person"],
    requires=["doc.ents"],
)
def make_titles(nlp: Language, name: str) -> TitleResolver:
    return TitleResolver(nlp, name)
