"""Who is speaking: source mentions before a speech cue and their resolution.

A source is a named person (PERSON entity, resolved to the titles stage's canonical name),
a pronoun or description (resolved to the salient person), a collective or unnamed role
(kept as worded, with the organisation in front of it), or a non-person source (an ORG
entity, a document such as 报告/《通知》; a bare 报告 resolves to the report last named).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Optional, Sequence

import regex

from .. import lexicon
from ..text import HAN
from .coref import resolve_description
from .index import NOT_SUBJECT_BEFORE, ORG_TAIL_RE, DocIndex

PERSONLIKE = ("person", "pronoun", "description", "honorific")


def _kind_words(kind: str) -> frozenset[str]:
    return frozenset(r[0] for r in lexicon.rows("speaker_words") if len(r) > 1 and r[1] == kind)


PRONOUNS = _kind_words("pronoun")
COLLECTIVES = _kind_words("collective")
DOCUMENTS = _kind_words("document")
# Role nouns: ours, plus the titles stage's lexicon of positions (外长, 司长…) when present.
DESC_NOUNS = _kind_words("description") | lexicon.words("titles")

_alt = lambda ws: "|".join(sorted(map(regex.escape, ws), key=len, reverse=True))  # noqa: E731
# 该负责人 / 这位院长 / 这名来自广东的专家
DESC_RE = regex.compile(
    rf"(?:该|这位|此位|这名|该名|那位|这些)[^，。；：\s]{{0,6}}?(?:{_alt(DESC_NOUNS | COLLECTIVES)})")
# 总统先生 / 王女士: a person the text does not name further
HONORIFIC_RE = regex.compile(rf"{HAN}{{1,3}}(?:先生|女士|夫人)")
# 委员们 / 与会代表 / 调研组 / 有关负责人, with the organisation before them when adjacent
COLLECTIVE_RE = regex.compile(rf"(?:相关|有关|业内|资深|知名|权威|国内外)?(?:{_alt(COLLECTIVES)})")
# 一位领导同志 / 有的乡村干部 / 一位“老巴黎”: an unnamed someone, kept as worded
INDEFINITE_RE = regex.compile(
    rf"(?:一位|一名|有位|有的|一些|不少|许多)(?:“[^”]{{1,8}}”|[^，。；：\s“”]{{0,8}}?"
    rf"(?:{_alt(COLLECTIVES | DESC_NOUNS | {'同志', '人'})}))")
DOC_RE = regex.compile(rf"《([^》]{{1,40}})》|(?:{_alt(DOCUMENTS)})+")
# A named report or document introduced earlier: 发布了2018年电子政务调查报告
NAMED_DOC_RE = regex.compile(
    r"(?:发布|发表|公布|出台|印发|推出|公开|颁布)了?(?:新一期|最新)?([^，。；：、\s“”]{2,30}?)(?=[，。；\s]|$)")
# Adverbials whose people are not the subject: 在会见李四时, 与李四会谈时, 据李四介绍 is handled by the caller
ADVERBIAL_RE = regex.compile(r"在[^，。；：]{1,30}(?:时|中|上|期间|之际|后|前)|就[^，。；：]{1,20}?(?:问题|事宜|情况)")
SPEECH_NOUN_RE = regex.compile(r"的(?:预测|话|讲话|说法|消息|分析|看法|观点|发言|声明|谈话)$")
# 化妆师说: an occupation the lexicons do not list, alone before the cue
ROLE_RE = regex.compile(rf"{HAN}{{1,7}}[师员长家者手官士]")
HONOUR_RE = regex.compile(rf"老|总|公|{_alt(DESC_NOUNS)}")
PUBLISH_RE = regex.compile(r"(?:发布|发表|公布|发出|印发|援引)了?")
PUBLISH_BEFORE_RE = regex.compile(r"(?:发布|发表|公布|发出|印发)了?$")
POSSESSIVE_RE = regex.compile(r"[^，。；：的]{0,8}的")
SUBJECT_AFTER = frozenset("，,。；;：:）)”」、的 \n")  # 这个村的|村民 is a subject, 启动|农民积极性 is not
PAREN_RE = regex.compile(r"（[^）]*）|\([^)]*\)")
NOT_SUBJECT_CHARS = frozenset("对向与和同跟给为把被及")
FILLER_MAX = 30
DOC_LOOKBACK = 3000  # how far back a bare 报告 looks for the report it means


@dataclass
class Mention:
    start: int
    end: int
    kind: str  # person | pronoun | description | honorific | collective | document | org
    name: Optional[str] = None  # canonical person, or resolved source text


def _ok_subject(text: str, s: int, e: int, cue: int, excl: list[tuple[int, int]]) -> bool:
    """A candidate is the subject if nothing but adverbials lies between it and the cue."""
    if any(a <= s and e <= b for a, b in excl):
        return False
    if any(text.endswith(w, 0, s) for w in NOT_SUBJECT_BEFORE):
        return False
    gap = text[e:cue]
    if len(gap) > FILLER_MAX:
        return False
    for a, b in excl:  # commas inside an adverbial do not count
        if e <= a and b <= cue:
            gap = gap.replace(text[a:b], "")
    # 他…接受各阶层提出的改革要求: a 的-phrase between them means the cue is in a clause of its own
    # (but 官员的预测说, 他的讲话指出: the words themselves)
    gap = SPEECH_NOUN_RE.sub("", gap)
    return not any(c in gap for c in "，,。；;：:的")


def candidates(ix: DocIndex, start: int, cue: int, owners: bool = False) -> list[Mention]:
    """Every mention in ``text[start:cue]`` that could be the cue's subject, in text order;
    with ``owners``, also a person owning a document that is (江主席的贺辞说)."""
    text = ix.text
    excl = [m.span() for m in ADVERBIAL_RE.finditer(text, start, cue)]
    out: list[Mention] = [Mention(s, e, "person", n) for s, e, n in ix.persons_in(start, cue)]
    for pos, tok in ix.tokens_in(start, cue):
        if tok in PRONOUNS:
            out.append(Mention(pos, pos + len(tok), "pronoun"))
        elif tok in DESC_NOUNS and pos > start and not ix.person_ending_at(pos):
            name = ix.surname_person(text[pos - 1], pos)
            if name and (pos - 1) in ix.tok_starts:  # 麦教授: a lone surname before a title
                out.append(Mention(pos - 1, pos + len(tok), "description", name))
    for m in DESC_RE.finditer(text, start, cue):
        out.append(Mention(m.start(), m.end(), "description"))
    for m in HONORIFIC_RE.finditer(text, start, cue):
        if (m.start() in ix.tok_starts and m.end() in ix.tok_ends
                and text[m.start()] not in NOT_SUBJECT_CHARS):
            out.append(Mention(m.start(), m.end(), "honorific"))
    for m in INDEFINITE_RE.finditer(text, start, cue):
        out.append(Mention(ix.extend_left(m.start()), m.end(), "collective"))
    for m in COLLECTIVE_RE.finditer(text, start, cue):
        s = m.start() if m.start() in ix.tok_starts else ix.token_start(m.start())
        if m.end() in ix.tok_ends or m.end() == cue:  # 官员, 高级官员 (one jieba word)
            out.append(Mention(ix.extend_left(s), m.end(), "collective"))
    for m in DOC_RE.finditer(text, start, cue):
        if m.group(1) or m.start() in ix.tok_starts:
            out.append(Mention(m.start(), m.end(), "document", m.group(1)))
    orgs = ix.orgs_in(start, cue)
    out.extend(Mention(s, e, "org") for s, e in orgs)
    for s, e in orgs:  # 海尔人, 巴勒斯坦方面: the body's people
        if e < cue and text.startswith(("人", "方面"), e):
            out.append(Mention(s, e + (1 if text[e] == "人" else 2), "collective"))
    if not out:  # an org-like word the NER missed, right before the cue or an adverbial
        m = ORG_TAIL_RE.search(text, start, cue)
        if m and m.start() in ix.tok_starts:
            out.append(Mention(m.start(), m.end(), "org"))
        for a, _ in excl:  # 中国政府|在中英联合声明中|明确提出
            if start <= ix.body_before(a) < a:
                out.append(Mention(ix.body_before(a), a, "org"))
        lead = text[start:cue].lstrip("，,、 ")
        r = ROLE_RE.fullmatch(lead)
        if not out and r:
            out.append(Mention(cue - len(lead), cue, "collective"))
    docs = [m for m in out if m.kind == "document" and _ok_subject(text, m.start, m.end, cue, excl)]
    out = [m for m in out if _ok_subject(text, m.start, m.end, cue, excl)
           or (owners and any(POSSESSIVE_RE.fullmatch(text, m.end, d.start) for d in docs))]
    return sorted(out, key=lambda m: (m.start, -m.end))


def subject(ix: DocIndex, start: int, cue: int) -> Optional[Mention]:
    """The cue's source: the last person-like candidate, else the last other source."""
    cands = candidates(ix, start, cue, owners=True)
    if not cands:
        return None
    names = [m for m in cands if m.kind == "person"]  # 黄育川先生: the name, not the honorific
    cands = [m for m in cands
             if not (m.kind == "honorific" and any(m.start <= n.start and n.end <= m.end for n in names))]
    people = [m for m in cands if m.kind in PERSONLIKE]
    pool = people or cands
    best = max(pool, key=lambda m: (m.end, -m.start))
    if best.kind == "document":  # 叶利钦总统的贺辞, 市场监管总局发布消息称: the author speaks
        owner = [m for m in cands if m.kind != "document" and m.end <= best.start
                 and (POSSESSIVE_RE.fullmatch(ix.text, m.end, best.start) and m.kind in PERSONLIKE
                      or PUBLISH_RE.fullmatch(ix.text, m.end, best.start))]
        verb = PUBLISH_BEFORE_RE.search(ix.text, start, best.start)
        if not owner and verb and ix.body_before(verb.start()) < verb.start():
            owner = [Mention(ix.body_before(verb.start()), verb.start(), "org")]
        best = owner[-1] if owner else best
    if best.kind == "org":  # 国家统计局 + 负责人 → the longer collective wins
        longer = [m for m in cands if m.start <= best.start and m.end >= best.end and m is not best]
        best = max(longer, key=lambda m: m.end - m.start) if longer else best
    return best


def sentence_subject(ix: DocIndex, start: int, end: int) -> Optional[Mention]:
    """The first person or group of a sentence, for a cue whose subject is left out."""
    text = ix.text
    excl = [m.span() for m in ADVERBIAL_RE.finditer(text, start, end)]
    excl += [m.span() for m in PAREN_RE.finditer(text, start, end)]  # （记者 王某）
    people = [Mention(s, e, "person", n) for s, e, n in ix.persons_in(start, end)]
    people += [Mention(*m.span(), "collective") for m in INDEFINITE_RE.finditer(text, start, end)]
    people += [Mention(p, p + len(t), "pronoun") for p, t in ix.tokens_in(start, end) if t in PRONOUNS]
    people += [Mention(*m.span(), "collective") for m in COLLECTIVE_RE.finditer(text, start, end)
               if m.start() in ix.tok_starts]
    people = [m for m in people if not any(a <= m.start and m.end <= b for a, b in excl)
              and not any(text.endswith(w, 0, m.start) for w in NOT_SUBJECT_BEFORE)
              and (m.start == start or text[m.start - 1] in SUBJECT_AFTER or m.start in ix.ent_ends
                   or any(text.endswith(w, 0, m.start) for w in DESC_NOUNS))]
    if not people:
        people = [Mention(s, e, "org") for s, e in ix.orgs_in(start, end)
                  if not any(a <= s and e <= b for a, b in excl)]
    return min(people, key=lambda m: m.start) if people else None


class Resolver:
    """Resolves pronouns, descriptions and generic documents against the discourse so far."""

    def __init__(self, ix: DocIndex, para_starts: Sequence[int] = ()) -> None:
        self.ix = ix
        self.para_starts = list(para_starts)
        self.last: Optional[tuple[str, int, str]] = None  # (speaker, paragraph start, kind)

    def prev_para_start(self, para_start: int) -> int:
        i = bisect.bisect_left(self.para_starts, para_start)
        return self.para_starts[i - 1] if i > 0 else 0

    def note(self, speaker: Optional[str], para_start: int, kind: str) -> None:
        if speaker:
            self.last = (speaker, para_start, kind)

    def salient(self, pos: int, para_start: int) -> Optional[str]:
        """The person a pronoun at ``pos`` most likely means."""
        if self.last and self.last[1] == para_start and self.last[2] in PERSONLIKE:
            return self.last[0]
        p = self.ix.last_subject_before(pos, para_start)
        if p:
            return p[2]
        if self.last and self.last[2] in PERSONLIKE:
            return self.last[0]
        p = self.ix.last_person_before(pos)
        return p[2] if p else None

    def resolve(self, m: Mention, para_start: int) -> Optional[str]:
        text = self.ix.text
        worded = text[m.start:m.end]
        if m.kind == "person" and m.name and len(m.name) == 1:
            return self._surname(m.name, m.start, m.end)
        if m.kind == "person" or (m.kind == "description" and m.name):
            return m.name
        if m.kind == "pronoun":
            name = self.salient(m.start, para_start)
            if name and len(name) == 1:  # 江主席…。他说: the antecedent is a bare surname
                at = self.ix.last_named_before(name, m.start)
                return self._surname(name, *at) if at else name
            return name
        if m.kind == "honorific":  # 张女士, 总统先生: as worded
            return worded
        if m.kind == "description":
            return self._description(m, para_start) or worded
        if m.kind == "document":
            return m.name or self._document(worded, m.start)
        return worded

    def _surname(self, name: str, start: int, end: int) -> str:
        """A bare surname (麦 of 麦教授, 胡老): the one person of that surname named before,
        else the surname with its honorific as worded."""
        honour = HONOUR_RE.match(self.ix.text, end)
        return self.ix.surname_person(name, start) or name + (honour.group() if honour else "")

    def _description(self, m: Mention, para_start: int) -> Optional[str]:
        """A person for 该负责人/这位院长, only one named in this or the previous paragraph."""
        text = self.ix.text
        floor = self.prev_para_start(para_start)
        noun = text[m.start:m.end].lstrip("该这位此名那些")
        if noun in COLLECTIVES:  # 该负责人: the unnamed 负责人 quoted before, else as worded
            return self.last[0] if self.last and self.last[0].endswith(noun) else None
        # 杭州互联网法院院长, 这位院长: the titled person the description fits (coref)
        name = resolve_description(self.ix.people, text[m.start:m.end], m.start)
        if name and self.ix.named_between(name, floor, m.start):
            return name
        for p in reversed(self.ix.people):
            if (any(t.title.endswith(noun) or noun.endswith(t.title) for t in p.titles)
                    and self.ix.named_between(p.name, floor, m.start)):
                return p.name
        if self.last and self.last[0].endswith(noun):
            return self.last[0]
        if noun in DESC_NOUNS:  # 这位院长, right after the person spoke
            if self.last and self.last[1] == para_start and self.last[2] == "person":
                return self.last[0]
            p = self.ix.last_subject_before(m.start, para_start)
            return p[2] if p else None
        return None

    def _document(self, noun: str, pos: int) -> str:
        """A bare 报告 means the report last named before it."""
        best = None
        for m in NAMED_DOC_RE.finditer(self.ix.text, max(0, pos - DOC_LOOKBACK), pos):
            name = m.group(1).strip("《》")
            if name.endswith(noun):
                best = name
        return best or noun
