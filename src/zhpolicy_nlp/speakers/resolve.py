"""Speaker resolution, in one place: who a mention refers to.

The titles stage builds the document's person records with :class:`Registry` (names,
aliases such as ``（Elliott Harris）``, the last part of a transliterated name, ``李总理``/
``麦教授``); the quotes stage asks one :class:`SpeakerResolver`, built once per Doc from those
records (``doc._.people``) and the entities, for the source of each speech cue and whom it
means: a named person, a pronoun or description (the salient person), a collective or
unnamed role (kept as worded, with the organisation in front of it), or a non-person source
(an ORG entity, a document such as 报告/《通知》; a bare 报告 resolves to the report last
named). :func:`resolve_description` (``这位院长`` → the titled person) serves both. The per-Doc
position lookups are in :mod:`.index`.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Callable, Iterable, Optional, Sequence

import regex

from .. import lexicon
from ..schema import Person, TextSpan, Title
from ..text import HAN, is_han
from ..titles import lexicon as tl
from ..titles.designations import LATIN_PAREN, Found
from ..tokenizer.jieba_dict import base_word_tags
from .index import KIN_AFTER_RE, NOT_SUBJECT_BEFORE, ORG_TAIL_RE, DocIndex

# ---------------------------------------------------------------- person records (titles stage)

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
        self.last_parts: dict[str, str] = {}  # 哈里斯 → 埃利奥特·哈里斯 (the last part of a name)

    def _canon(self, name: str, start: int) -> str:
        """Whom the form ``name`` at ``start`` means. A bare last part (穆罕默德 of
        黑德尔·穆罕默德) is the full name only after the text has given that name; one met
        before it is someone else (喀土穆市民穆罕默德说…。部长黑德尔·穆罕默德表示…)."""
        full = self.last_parts.get(name)
        if full is not None and self.forms.get(name) in (full, name):
            first = self.text.find(full)
            return full if 0 <= first < start else name
        return self.forms.get(name, name)

    def add(self, span: CharSpan, titles: Iterable[Title] = (), alias: Optional[CharSpan] = None) -> Person:
        name = self.text[span[0]:span[1]]
        canon = self._canon(name, span[0])
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
            for form in (last, regex.split(r"[-－‐]", last)[-1]):
                self.forms.setdefault(form, canon)
                if form != canon:
                    self.last_parts.setdefault(form, canon)
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
                canon = self._by_surname(self.text[b:s], self.text[s:e], b)
                if canon:
                    out.append(((b, e), canon))
                    break
        return out

    def addressed(self, surnames: Iterable[CharSpan]) -> list[CharSpan]:
        """``市民李女士说``, ``91岁的张奶奶``, ``王总``: a surname the ner stage tagged alone, then a
        courtesy, kinship or honour word (``ADDRESS_WORDS``), that no known person took as a
        mention, is a person the text names only so: docs/annotation.md lists them under that
        form. Not a plural address (女士们); not where a person of that surname was named
        before (70岁的唐某某老人…。唐大爷说: the same man) unless a description introduces
        this one (市民张女士, 小区的朱女士: someone new)."""
        taken = {m.start for p in self.people.values() for m in p.mentions}
        first_named: dict[str, int] = {}  # surname → where a full name of it first appears
        for p in self.people.values():
            if len(p.name) > 1 and p.mentions:
                k = p.name[0]
                first_named[k] = min(first_named.get(k, len(self.text)), *(m.start for m in p.mentions))
        titled = {a for a, _ in tl.find_titles(self.text)}  # 李总理: a title, not 李总
        out = []
        for s, e in surnames:
            word = next((w for w in ADDRESS_WORDS if self.text.startswith(w, e)), None)
            if not word or s in taken or e in titled or self.text.startswith("们", e + len(word)):
                continue
            introduced = self.text.endswith(INTRODUCING, 0, s)  # 小区的|朱女士, 市民|张女士
            if first_named.get(self.text[s:e], len(self.text)) < s and not introduced:
                continue
            out.append((s, e + len(word)))
        return out

    def _by_surname(self, surname: str, title: str, at: int = -1) -> Optional[str]:
        """Why: a surname alone is weak; it needs the person's own title, or a polite address
        (先生/女士) when only one person in the document has that surname and the text named
        them before ``at``: in 家住北京的刘先生说…。教研组组长刘小园认为… the 刘先生 named first
        is a person of his own, as worded, not the later 刘小园."""
        same = [p for p in self.people.values() if p.name.startswith(surname)
                and 2 <= len(p.name) - len(surname) + 1 <= 3 and is_han(p.name[0])
                and tl.surname_at(p.name, 0) == surname]
        if len(same) == 1 and tl.honorifics().get(title) == "address":
            first = self.text.find(same[0].name)
            return same[0].name if at < 0 or 0 <= first < at else None
        fit = [p for p in same if any(t.title == title or t.title.endswith(title) for t in p.titles)]
        return fit[0].name if len(fit) == 1 else None

    def mention(self, span: CharSpan, canon: Optional[str] = None) -> Optional[str]:
        text = self.text[span[0]:span[1]]
        canon = canon or (self._canon(text, span[0]) if text in self.forms else None)
        if canon is None:
            return None
        p = self.people.setdefault(canon, Person(canon))  # a bare last part of its own
        if all((m.start, m.end) != span for m in p.mentions):
            p.mentions.append(TextSpan(span[0], span[1], text))
        return canon

    def records(self) -> list[Person]:
        for p in self.people.values():
            p.mentions.sort(key=lambda m: m.start)
        return sorted(self.people.values(), key=lambda p: p.mentions[0].start if p.mentions else 0)


_DETERMINERS = regex.compile(f"^(?:{lexicon.alternation('speaker_words', 'determiner')})")


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


# ---------------------------------------------------------------- sources of speech cues (quotes stage)

PERSONLIKE = ("person", "pronoun", "description", "honorific")


def _kind_words(kind: str) -> frozenset[str]:
    return lexicon.words("speaker_words", kind)


def _words_alt(kind: str) -> str:
    """A kind of speaker_words.txt as a regex alternation, in file order."""
    return lexicon.alternation("speaker_words", kind)


PRONOUNS = _kind_words("pronoun")
COLLECTIVES = _kind_words("collective")
DOCUMENTS = _kind_words("document")
MEDIA_DOCS = _kind_words("media_doc")
# Role nouns: ours, plus the titles stage's lexicon of positions (外长, 司长…) when present.
DESC_NOUNS = _kind_words("description") | lexicon.words("titles")
# 总书记, 市长: a post of one holder, bare at a clause start, means the holder named before
BARE_TITLES = _kind_words("bare_title")
# 有学生直言, 有老师评价: existential 有 introduces someone worded by the bare noun (docs/annotation.md)
EXISTENTIAL_NOUNS = COLLECTIVES | _kind_words("person_noun") | _kind_words("description")

_alt = lambda ws: "|".join(sorted(map(regex.escape, ws), key=len, reverse=True))  # noqa: E731
# 该负责人 / 这位院长 / 这名来自广东的专家
REFERRING = _kind_words("referring")
DESC_RE = regex.compile(
    rf"(?:{_words_alt('desc_determiner')})[^，。；：\s]{{0,6}}?(?:{_alt(DESC_NOUNS | COLLECTIVES | REFERRING)})")
# 总统先生 / 王女士: a person the text does not name further
HONORIFIC_RE = regex.compile(rf"{HAN}{{1,3}}(?:{_words_alt('courtesy')})")
# 委员们 / 与会代表 / 调研组 / 有关负责人, with the organisation before them when adjacent
# 两国领导人, 各国青年: a group noun too vague alone (领导人, 青年) is a group after a modifier
COLLECTIVE_RE = regex.compile(rf"(?:{_words_alt('collective_modifier')})*(?:{_alt(COLLECTIVES)})"
                              rf"|(?:{_words_alt('collective_modifier')})+(?:{_words_alt('modified_collective')})")
# 一位领导同志 / 有的乡村干部 / 一位“老巴黎” / 一位不愿透露姓名的外交官: an unnamed someone, kept as worded
INDEFINITE_RE = regex.compile(
    rf"(?:{_words_alt('indefinite')})(?:“[^”]{{1,8}}”|(?:[^，。；：\s“”]{{0,8}}?|[^，。；：\s“”]{{1,12}}的[^，。；：\s“”的]{{0,8}}?)"
    rf"(?:{_alt(COLLECTIVES | DESC_NOUNS | _kind_words('person_noun') | _kind_words('kin_noun') | lexicon.words('title_occupations'))}))")
COLLECTIVE_MODIFIERS = tuple(lexicon.ordered("speaker_words", "collective_modifier"))
# 包括张三在内的传承人: a group with one named member, kept as worded
INCLUDING_RE = regex.compile(
    rf"包括[^，。；：]{{1,20}}在内的[^，。；：\s“”]{{0,8}}?"
    rf"(?:{_alt(COLLECTIVES | DESC_NOUNS | _kind_words('person_noun'))})")
# 81.6%的被调查者认为, 只有10.9%的人认为, 三成受访企业表示: a survey's share speaks, as worded
SHARE_RE = regex.compile(
    rf"(?:{_words_alt('share_before')})?(?:\d+(?:\.\d+)?[%％]|[一二三四五六七八九]成)"
    rf"(?:{_words_alt('share_after')})?的?"
    rf"[^，。；：、\s“”\d%％]{{0,6}}?(?:{_alt(COLLECTIVES | _kind_words('surveyed'))})")
DOC_RE = regex.compile(rf"《([^》]{{1,40}})》|(?:{_alt(DOCUMENTS)})+")
# A named report or document introduced earlier: 发布了2018年电子政务调查报告
NAMED_DOC_RE = regex.compile(
    rf"(?:{_words_alt('names_doc')})了?(?:{_words_alt('doc_qualifier')})?([^，。；：、\s“”]{{2,30}}?)(?=[，。；\s]|$)")
# Adverbials whose people are not the subject: 在会见李四时, 与李四会谈时, 据李四介绍 is handled by the caller
ADVERBIAL_RE = regex.compile(rf"在[^，。；：]{{1,30}}(?:{_words_alt('adverbial_end')})"
                              rf"|就[^，。；：]{{1,20}}?(?:{_words_alt('topic_noun')})"
                              # 主席团常务主席根据各代表团的意见和修改情况，建议…
                              rf"|根据[^，。；：]{{1,30}}?(?:{_words_alt('topic_noun')})"
                              # 某某从战略和全局的高度明确指出，…: a standpoint, not a subject
                              rf"|从[^，。；：]{{1,20}}?(?:{_words_alt('standpoint_noun')})")
# `，并要求…`: what may stand between a comma and a second cue whose subject is left out.
CONJ_RE = regex.compile(
    rf"(?:{_words_alt('conj')}|{_words_alt('manner')}|(?:{_words_alt('via')}){HAN}{{1,4}})*")
CONJ_WORDS = _kind_words("conj") - PRONOUNS
SPEECH_NOUN_RE = regex.compile(rf"的(?:{_words_alt('speech_noun')})$")
# 化妆师说: an occupation the lexicons do not list, alone before the cue
ROLE_RE = regex.compile(rf"{HAN}{{1,7}}[{''.join(lexicon.ordered('speaker_words', 'role_end'))}]")
HONOUR_RE = regex.compile(_alt(_kind_words("honour") | DESC_NOUNS))  # longest first: 老师, not 老
# 的 or a description before a surname + address introduces someone new (市民张女士)
INTRODUCING = ("的", *sorted(EXISTENTIAL_NOUNS))
# After a surname, the address of a person the text names no other way (李女士, 李老师, 张奶奶,
# 胡老), longest first: 老师 before 老
ADDRESS_WORDS = tuple(sorted(_kind_words("courtesy") | _kind_words("honour")
                             | {w for w, k in tl.honorifics().items() if k == "address"},
                             key=lambda w: (-len(w), w)))
# 发言人办公室18日发布新闻稿表示: a date may stand before the verb; 某公司11日发布的数据显示
PUBLISH_RE = regex.compile(
    rf"(?:\d{{1,2}}日|{_words_alt('when')})?(?:{_words_alt('publishes')})[了的]?")
ISSUES_STATEMENT_RE = regex.compile(
    rf"(?:{_words_alt('publishes')})了?(?:{_alt(DOCUMENTS | _kind_words('speech_noun'))})$")
PUBLISH_BEFORE_RE = regex.compile(f"(?:{_words_alt('publishes_before')})了?$")
# 援引|某部长|的话|报道 (before 说): the one cited, whose words they are
CITES = tuple(_kind_words("cites"))
CITED_WORDS = _kind_words("cited_word")
CITES_WORDS_ONLY = tuple(_kind_words("cites_words_only"))
CITED_RE = regex.compile(rf"(?:{_words_alt('cites')})([^，,。；;：:“”]{{2,40}}?)"
                         rf"(的(?:{_words_alt('cited_word')}))?(?:报道)?")
# 指着案上的一套砚台|说, 拿着刚领到的证书|笑着说: an action done while speaking (V着 + object)
ACCOMPANYING_RE = regex.compile(r"^[^，,。；;：:“”的]{0,4}?\p{Han}着[^，,。；;：:“”]{0,20}$")
# 对身旁的患者说, 向前来探望的同事们说: the addressee right before the cue, 的 and all
# (not 他对问题的精彩回应，…: only before a verb of saying that is no noun, 说/表示/讲)
ADDRESSEE_GAP_RE = regex.compile(rf"(?:{_words_alt('addressee_prep')})[^，,。；;：:“”]{{1,15}}(?<!的)$")
ADDRESSED_CUES = tuple(lexicon.words("speech_cues", "say") - lexicon.words("speech_cues", "noun", field=2))
# 强调一定要…, 希望大家…, 指出：… opening a sentence with no subject (not 回答…时，…: a clause
# that ends as an adverbial of time; nor a one-character cue word, 说到某事，…: left_out_subject)
OPENING_CUE_RE = regex.compile(r"(?![^，,。；;：:！？!?]*时[，,])")
# 某某笑着说：“…”, 某某饱含深情地说：, 父母在电话里说：: what may stand between a missed name and its cue
WORDED_TAIL_RE = regex.compile(
    rf"(?:\p{{Han}}{{1,4}}地|\p{{Han}}{{1,2}}着|{_words_alt('manner')}|{_words_alt('conj')}"
    rf"|在[^，。；：]{{1,8}}?(?:{_words_alt('adverbial_end')}|里))+")
WORDED_BREAKS = frozenset("，,。！？!?；;：:”」\n ")
NOT_WORDED_TAGS = ("v", "d", "c", "p", "i", "l", "a", "u")  # jieba tags no worded speaker holds
ADDRESSEE_PREPS = tuple(_kind_words("addressee_prep"))
NOT_NAME_CHARS = frozenset("的之了着")  # 拉着总书记|的手说: no name
POSTS = lexicon.ByLength.of(lexicon.words("titles") | lexicon.words("title_occupations"))
WORDED_MAX = 16  # how far back a cue's clause may start
POSSESSIVE_RE = regex.compile(r"[^，。；：的]{0,8}的")
SUBJECT_AFTER = frozenset("，,。；;：:）)”」、的 \n")  # 这个村的|村民 is a subject, 启动|农民积极性 is not
PAREN_RE = regex.compile(r"（[^）]*）|\([^)]*\)")
NOT_SUBJECT_CHARS = _kind_words("not_subject_char")
FAMILIAR_RE = regex.compile(rf"(?:{_words_alt('familiar')}){HAN}")  # 老丛, 小王
LAW_ENDS = lexicon.ordered("speaker_words", "law_end")
LAW_NOUNS = _kind_words("law_noun")
LAW_LEAD_RE = regex.compile(f"^(?:{_words_alt('lead_word')})")
LEAD_WORD_RE = regex.compile(_words_alt("lead_word"))
# 会议, 全会, 报告: a meeting's or document's name is the Han and digit run before the word in its
# clause, with 党的, not past 的 or a preposition (2月21日召开的|中央某会议, 在|某会议), less a
# time word before it (今年|中央一号文件)
NAMED_RUN = tuple(_kind_words("named_run"))
NAME_LEAD_RE = regex.compile(rf"(?:{_words_alt('when')}|{_words_alt('doc_qualifier')}|{_words_alt('name_lead')}"
                          rf"|[一这该此本][份项次篇个])+")  # 这份|报告: a determiner and classifier
# 某国政府发表声明, 某局发布新闻公告, 正如报告所指出: the body that issued it speaks or the bare
# word is the document, not a name with the verb
NAME_VERB_RE = regex.compile(rf"{_words_alt('publishes')}|{_words_alt('names_doc')}|{_words_alt('lead_word')}"
                          rf"|{_words_alt('name_stop')}")
IN_MEETING = tuple(_kind_words("adverbial_end"))  # 在某会议上说, 会议期间: where or when, not who
NAME_RUN_RE = regex.compile(r"(?:党的)?[\p{Han}\d--[的在于与和对]]+", regex.V1)
NAME_RUN_MIN = 2  # 常务|会议 named with at least two characters before the word
# 发言人|办公室: a collective noun followed by a body word is inside an organisation's name
ORG_BODIES = lexicon.ordered("org_endings", "body")
LAW_MAX = 16
# The characters of the desc_determiner words (该这位此名那些), stripped to get a description's noun.
DESC_DETERMINERS = lexicon.ordered("speaker_words", "desc_determiner")  # 这位, 该
_DESC_DETERMINER_CHARS = "".join(dict.fromkeys("".join(DESC_DETERMINERS)))
FILLER_MAX = 30
QUOTING_LEAD_MAX = 8  # ，主动来到他家说：“…”: how long a left-out subject's lead-in may be
PLURAL_PRONOUNS = _kind_words("plural_pronoun")
KIN_ADDRESS = _kind_words("kin_address")
_GROUP_NOUNS = _alt(COLLECTIVES - PLURAL_PRONOUNS | _kind_words("group_noun") | _kind_words("kin_noun")
                    | _kind_words("person_noun") - {"人"})
# 我的家人和亲朋 / 我的父母 / 几位村民: a group a later 他们 means
GROUP_RE = regex.compile(
    rf"(?:(?:{_words_alt('group_possessor')})的)?(?:{_GROUP_NOUNS})(?:[和与及、](?:{_GROUP_NOUNS}))*")
OWN_QUOTE_RE = regex.compile(r"[了道]?[：:，,]?\s*[“「]")
GROUP_LOOKBACK = 2  # sentences: the pronoun's own and the one before
DOC_BACK_RE = regex.compile(_words_alt("doc_back"))
TITLED_RE = regex.compile(r"《([^》]{1,40})》")


def _sentences_back(text: str, pos: int, n: int) -> int:
    """Start of the sentence ``n - 1`` sentences before the one holding ``pos``."""
    floor = pos
    for _ in range(n):
        floor = max(text.rfind(c, 0, max(floor - 1, 0)) for c in "。！？\n") + 1
        if floor <= 0:
            return 0
    return floor


def _doc_back(text: str, pos: int) -> Optional[str]:
    """The paper or document a 文中/该文/其中 at ``pos`` means: the last 《…》 in its sentence
    or the one before (《某报》那篇文章…，文中提出… → 某报), else None."""
    last = None
    for m in TITLED_RE.finditer(text, _sentences_back(text, pos, GROUP_LOOKBACK), pos):
        last = m.group(1)
    return last
DOC_LOOKBACK = 3000  # how far back a bare 报告 looks for the report it means


@dataclass
class Mention:
    start: int
    end: int
    kind: str  # person | pronoun | description | honorific | collective | document | org
    name: Optional[str] = None  # canonical person, or resolved source text
    issued: Optional[str] = None  # for an author: the document it issued here (新闻稿)


def _closes_paren(gap: str) -> bool:
    """Does ``gap`` close a parenthesis it did not open?"""
    depth = 0
    for c in gap:
        if c in "（(":
            depth += 1
        elif c in "）)":
            depth -= 1
            if depth < 0:
                return True
    return False


def _ok_subject(text: str, s: int, e: int, cue: int, excl: list[tuple[int, int]]) -> bool:
    """A candidate is the subject if nothing but adverbials lies between it and the cue."""
    if any(a <= s and e <= b for a, b in excl):
        return False
    if any(text.endswith(w, 0, s) for w in NOT_SUBJECT_BEFORE):
        return False
    gap = text[e:cue]
    if len(gap) > FILLER_MAX:
        return False
    # （记者张三）某国外交部11日宣布 / 某联盟（某盟）宣布: a name inside a parenthesis closed
    # before the cue (a byline, an abbreviation) is not its subject
    if _closes_paren(gap):
        return False
    for a, b in excl:  # commas inside an adverbial, or right after it, do not count
        if e <= a and b <= cue:  # 国家邮政局在《某方案》中，明确提出…
            gap = gap.replace(text[a:b] + ("，" if text.startswith("，", b) else ""), "")
    # 他…接受各阶层提出的改革要求: a 的-phrase between them means the cue is in a clause of its own
    # (but 官员的预测说, 他的讲话指出: the words themselves)
    gap = SPEECH_NOUN_RE.sub("", gap)
    gap = ACCOMPANYING_RE.sub("", gap)  # 张三指着案上的砚台说: what he does while speaking
    if text.startswith(ADDRESSED_CUES, cue):  # 张三对身旁的患者说: whom he speaks to
        gap = ADDRESSEE_GAP_RE.sub("", gap)
    return not any(c in gap for c in "，,。；;：:的")


def _law_start(ix: DocIndex, pos: int, floor: int) -> int:
    """Where a law's name ending in the token at ``pos`` begins: the Han words before it in
    its clause, less an opening 根据/比如 (比如，|水污染防治法规定)."""
    text, b = ix.text, pos
    while b > floor and pos - b < LAW_MAX and is_han(text[b - 1]):
        b -= 1
    while b < pos and b not in ix.tok_starts:
        b += 1
    lead = LAW_LEAD_RE.match(text[b:pos])
    return b + lead.end() if lead else b


def _law_noun_start(ix: DocIndex, pos: int) -> Optional[int]:
    """Where a rule set worded by the law noun at ``pos`` begins when it opens its sentence,
    bare (规则规定，…) or with one word before it (特区法例规定，…), also after a lead word
    (按照香港法例规定，…); None inside a clause (只要遵守法律规定，…; …，法律规定在…)."""
    text = ix.text
    sent = max(text.rfind(c, 0, pos) for c in "。！？!?\n") + 1
    lead = LEAD_WORD_RE.match(text, sent, pos)
    opens = (sent, lead.end() if lead else sent)
    if pos in opens:
        return pos
    b = ix.token_start(pos - 1)
    return b if b in opens and is_han(text[b]) and "的" not in text[b:pos] else None


def _name_start(ix: DocIndex, start: int, word: int) -> Optional[int]:
    """Where the name of the meeting or document whose word (会议, 全会, 报告) is at ``word``
    begins: the run of Han characters and digits before it from the clause start or a token
    start after a lead word (中央经济工作会议, 党的十九届四中全会, 按照|某某会议), less a
    determiner or time word (此次|会议, 今年|政府工作报告; None where only the bare word is left)."""
    text = ix.text
    m = next((r for r in NAME_RUN_RE.finditer(text, start, word) if r.end() == word), None)
    if m is None:
        return None
    b = m.start()
    lead = LEAD_WORD_RE.match(text, b)
    if lead and lead.end() < word:
        b = lead.end()
    for lead_re in (_DETERMINERS, NAME_LEAD_RE):
        det = lead_re.match(text, b, word)
        if det:
            b = det.end()
    while b < word and b not in ix.tok_starts:
        b += 1
    if NAME_VERB_RE.search(text, b, word):
        return None
    return b if word - b >= NAME_RUN_MIN else None


def _existential(ix: DocIndex, pos: int, tok: str) -> bool:
    """Is ``tok`` a bare noun brought in by existential 有 (有学生直言, 也有旁人说)?"""
    return tok in EXISTENTIAL_NOUNS and pos - 1 in ix.tok_starts and ix.text[pos - 1] == "有"


# 对/向/会见… before a designation; not 与/和/及, which also join the parts of an organisation's
# name (某局探月与航天工程中心主任张三说)
ADDRESSING_BEFORE = tuple(w for w in NOT_SUBJECT_BEFORE if w not in ("与", "和", "及"))


def _addressed(ix: DocIndex, start: int, s: int) -> bool:
    """Is the person at ``s`` named after a 对/向/会见… with only the person's titles and
    organisations (entities) between (张三对某出版社总编辑李四说：: 李四 is spoken to)? A bare
    name right after such a word is left to :func:`_ok_subject`."""
    pos = s
    spans = ix.titles_in(start, s) + ix.orgs_in(start, s)
    while True:
        before = next((a for a, b in spans if b == pos or b == pos - 1 and ix.text[pos - 1] == "、"), None)
        if before is None:
            break
        pos = before
    # not 如同|某台联副会长张三, nor 新华社|对|外新闻编辑部 (an organisation's 对外, cut by the tokenizer)
    return pos < s and any(ix.text.endswith(w, 0, pos) and pos - len(w) in ix.tok_starts
                           and not ix.org_end(pos - len(w)) for w in ADDRESSING_BEFORE)


def candidates(ix: DocIndex, start: int, cue: int, owners: bool = False) -> list[Mention]:
    """Every mention in ``text[start:cue]`` that could be the cue's subject, in text order;
    with ``owners``, also a person owning a document that is (江主席的贺辞说)."""
    text = ix.text
    excl = [m.span() for m in ADVERBIAL_RE.finditer(text, start, cue)]
    out: list[Mention] = [Mention(s, e, "person", n) for s, e, n in ix.persons_in(start, cue)
                          if not _addressed(ix, start, s)]
    for s, e, _ in ix.persons_in(start, cue):  # 张三的媳妇说: the kin speaks, as worded
        kin = KIN_AFTER_RE.match(text, e)
        if kin and kin.end() <= cue:
            out.append(Mention(s, kin.end(), "collective"))
    for m in INCLUDING_RE.finditer(text, start, cue):  # 包括张三在内的传承人纷纷表示
        e = m.end() if m.end() in ix.tok_ends else min(ix.token_end(m.end()), cue)
        out.append(Mention(m.start(), e, "collective"))
    for pos, tok in ix.tokens_in(start, cue):
        if tok in PRONOUNS:
            out.append(Mention(pos, pos + len(tok), "pronoun"))
        elif _existential(ix, pos, tok):
            out.append(Mention(pos, pos + len(tok), "collective"))  # 有学生直言: the bare noun
        elif (tok in BARE_TITLES and (pos == start or text[pos - 1] in SUBJECT_AFTER)
              and ix.person_starting_at(pos + len(tok)) is None and not ix.person_ending_at(pos)):
            out.append(Mention(pos, pos + len(tok), "description"))  # 总书记强调，…: the holder named before
        elif tok in DESC_NOUNS and pos > start and not ix.person_ending_at(pos):
            name = ix.surname_person(text[pos - 1], pos)
            if name and (pos - 1) in ix.tok_starts:  # 麦教授: a lone surname before a title
                out.append(Mention(pos - 1, pos + len(tok), "description", name))
        elif tok in REFERRING and (pos == start or text[pos - 1] in SUBJECT_AFTER):
            out.append(Mention(pos, pos + len(tok), "description"))  # 老人告诉记者，…
        elif len(tok) >= 3 and tok.endswith(LAW_ENDS):  # 水污染防治法规定: the law speaks
            b = _law_start(ix, pos, start)
            out.append(Mention(b, pos + len(tok), "document", text[b:pos + len(tok)]))
        elif tok in LAW_NOUNS and (b := _law_noun_start(ix, pos)) is not None:
            out.append(Mention(b, pos + len(tok), "document", text[b:pos + len(tok)]))
    for m in FAMILIAR_RE.finditer(text, start, cue):  # 老丛动情地说: 丛某某, named before
        s, e = m.span()
        if s in ix.tok_starts and (e in ix.tok_ends or e == cue) and tl.surname_at(text, s + 1):
            name = ix.surname_person(text[s + 1], s)
            if name and len(name) > 1:
                out.append(Mention(s, e, "description", name))
    for m in DESC_RE.finditer(text, start, cue):
        out.append(Mention(m.start(), m.end(), "description"))
    for m in HONORIFIC_RE.finditer(text, start, cue):
        if (m.start() in ix.tok_starts and m.end() in ix.tok_ends
                and text[m.start()] not in NOT_SUBJECT_CHARS):
            out.append(Mention(m.start(), m.end(), "honorific"))
    for m in SHARE_RE.finditer(text, start, cue):  # 73%的人认为
        if m.end() in ix.tok_ends or m.end() == cue:
            out.append(Mention(m.start(), m.end(), "collective"))
    for m in INDEFINITE_RE.finditer(text, start, cue):  # 不少医护人|员: to the word's end
        e = m.end() if m.end() in ix.tok_ends else min(ix.token_end(m.end()), cue)
        s = ix.extend_left(m.start())
        lead = next((w for w in COLLECTIVE_MODIFIERS if text.endswith(w, start, s)), "")
        out.append(Mention(s - len(lead), e, "collective"))  # 当地|一位摄影师: with the place word
    for m in COLLECTIVE_RE.finditer(text, start, cue):
        s = m.start() if m.start() in ix.tok_starts else ix.token_start(m.start())
        # 官员, 高级官员 (one jieba word); 全军|官兵一致|表示: jieba glues an adverb of the
        # left-out subject (一致, 都) onto the group
        if (m.end() in ix.tok_ends or m.end() == cue
                or text[m.end():ix.token_end(m.end())] in CONJ_WORDS):
            body = next((w for w in ORG_BODIES if len(w) > 1 and text.startswith(w, m.end())
                         and m.end() + len(w) in ix.tok_ends), None)
            if body and m.end() + len(body) <= cue:  # 政府发言人办公室: an office, not a person
                out.append(Mention(ix.extend_left(s), m.end() + len(body), "org"))
            else:
                out.append(Mention(ix.extend_left(s), m.end(), "collective"))
    for s, e in ix.titles_in(start, cue):  # 主席团常务主席建议: a post with no name after it
        if ix.org_end(s) and ix.person_starting_at(e) is None:
            out.append(Mention(ix.extend_left(s), e, "collective"))
    for m in DOC_BACK_RE.finditer(text, start, cue):  # 文中提出: the paper just named
        name = _doc_back(text, m.start()) if m.start() in ix.tok_starts else None
        if name:
            out.append(Mention(m.start(), m.end(), "document", name))
    for m in DOC_RE.finditer(text, start, cue):
        if m.group(1):
            out.append(Mention(m.start(), m.end(), "document", m.group(1)))
            continue
        first = m.start()
        meeting = next((w for w in NAMED_RUN if m.group().startswith(w)), None)
        if meeting and not text.startswith(IN_MEETING, m.end()):
            # 中央某工作会议强调, 党的某届某中全会决议提出, 某市政府工作报告提出 (not 在…视频会议上说:
            # an adverbial)
            b = _name_start(ix, start, first)
            if b is not None:
                out.append(Mention(b, m.end(), "document", text[b:m.end()]))
                continue
            if first not in ix.tok_starts and len(m.group()) > len(meeting):
                first += len(meeting)  # 四中全会|决议: the document after the meeting's word
        if first in ix.tok_starts:
            # 世行|报告认为: a bare document right after the body that wrote it, named with it
            body = next((a for a, b in ix.orgs_in(start, first) if b == first
                         and text[first:m.end()] not in MEDIA_DOCS), None)  # 美联社|报道: the outlet speaks
            s = first if body is None else body
            out.append(Mention(s, m.end(), "document", None if body is None else text[s:m.end()]))
    # 自然》杂志 (the ner stage's span of 《自然》杂志): the body with both its marks
    orgs = [(s - 1 if s > start and text[s - 1] == "《" and "》" in text[s:e] and "《" not in text[s:e]
             else s, e) for s, e in ix.orgs_in(start, cue)]
    out.extend(Mention(s, e, "org") for s, e in orgs)
    for s, e in orgs:  # 海尔人, 巴勒斯坦方面: the body's people
        if e < cue and text.startswith(("人", "方面"), e):
            out.append(Mention(s, e + (1 if text[e] == "人" else 2), "collective"))
    if not out:  # an org-like word the NER missed, right before the cue or an adverbial
        # 某国政府发表声明说，…: the body before an issued statement or talk speaks too
        issued = ISSUES_STATEMENT_RE.search(text, start, cue)
        for end in (cue, issued.start()) if issued else (cue,):
            m = ORG_TAIL_RE.search(text, start, end)
            if m and m.start() in ix.tok_starts:
                out.append(Mention(m.start(), m.end(), "org"))
                break
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


def _next_to(text: str, end: int, start: int) -> bool:
    """Does what ends at ``end`` stand right before ``start``, but for its Latin form in
    brackets (美国有线电视新闻网（CNN）报道称: the titles stage's ``LATIN_PAREN``)?"""
    return end == start or LATIN_PAREN.fullmatch(text, end, start) is not None


def _cited(text: str, start: int, cue: int) -> Optional[tuple[int, int]]:
    """(start, end) of B in ``A援引B的话报道说`` / ``A引述B称`` right before the cue at ``cue``."""
    at = max(text.rfind(w, start, cue) for w in CITES)
    if at < 0:
        return None
    m = CITED_RE.fullmatch(text, at, cue)
    if m is None or m.group(1) in CITED_WORDS or m.group(1) in DOCUMENTS:
        return None  # 专家援引数据表示: no one cited, the experts speak
    if m.group(2) is None and text.startswith(CITES_WORDS_ONLY, at):
        return None  # 引用小说《某书》来阐明: the speaker quotes a book
    return m.span(1)


def subject(ix: DocIndex, start: int, cue: int) -> Optional[Mention]:
    """The cue's source: the last person-like candidate, else the last other source; B of
    ``A援引B的话说`` (the one cited speaks)."""
    cited = _cited(ix.text, start, cue)
    if cited is not None:
        m = subject(ix, *cited) or Mention(*cited, "collective")
        if m.start < cited[0]:  # 报道|援引|一家公司负责人: not the words before the verb
            m = Mention(cited[0], m.end, m.kind, m.name)
        return m
    cands = candidates(ix, start, cue, owners=True)
    if not cands:
        return None
    names = [m for m in cands if m.kind == "person"]  # 黄育川先生: the name, not the honorific
    cands = [m for m in cands
             if not (m.kind == "honorific" and any(m.start <= n.start and n.end <= m.end for n in names))]
    people = [m for m in cands if m.kind in PERSONLIKE]
    pool = people or cands
    best = max(pool, key=lambda m: (m.end, -m.start))
    # 张三、李四等表示; 某商会、某协会等均表示: joint speakers, the first named speaks
    while best.kind in ("person", "org"):
        first = next((m for m in pool if m.kind == best.kind and ix.text[m.end:best.start] == "、"), None)
        if first is None:
            break
        best = first
    if best.kind == "document":  # 叶利钦总统的贺辞, 市场监管总局发布消息称: the author speaks
        # 美联社报道说，…, 《某报》评论说，…: the outlet right before what it published
        outlet = next((m for m in cands if _next_to(ix.text, m.end, best.start)
                       and ix.text[best.start:best.end] in MEDIA_DOCS
                       and (m.kind in ("org", "collective")  # 有媒体评论称，…
                            or m.kind == "document" and ix.text.startswith("《", m.start))),
                      None)
        if outlet is not None:
            return outlet
        owner = [m for m in cands if m.kind != "document" and m.end <= best.start
                 and (POSSESSIVE_RE.fullmatch(ix.text, m.end, best.start) and m.kind in PERSONLIKE
                      or PUBLISH_RE.fullmatch(ix.text, m.end, best.start))]
        verb = PUBLISH_BEFORE_RE.search(ix.text, start, best.start)
        if not owner and verb and ix.body_before(verb.start()) < verb.start():
            owner = [Mention(ix.body_before(verb.start()), verb.start(), "org")]
        if owner:
            owner[-1].issued = ix.text[best.start:best.end].strip("《》")
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
    # not 其 (…研究所合作展开研究，其成果…，并认为: a possessive there, not the subject)
    people += [Mention(p, p + len(t), "pronoun") for p, t in ix.tokens_in(start, end)
               if t in PRONOUNS and t != "其"]
    for m in COLLECTIVE_RE.finditer(text, start, end):
        if m.start() not in ix.tok_starts:
            continue
        s = m.start()
        if (s > start and ix.token_start(s - 1) == start
                and base_word_tags().get(text[start:s], "").startswith(("n", "j"))):
            s = start  # 中央|指导组 opening the sentence: the group with the noun before it
        people.append(Mention(s, m.end(), "collective"))
    people = [m for m in people if not any(a <= m.start and m.end <= b for a, b in excl)
              and not any(text.endswith(w, 0, m.start) for w in NOT_SUBJECT_BEFORE)
              and (m.start == start or text[m.start - 1] in SUBJECT_AFTER or m.start in ix.ent_ends
                   or any(text.endswith(w, 0, m.start) for w in DESC_NOUNS))]
    people += [Mention(p, p + len(t), "collective") for p, t in ix.tokens_in(start, end)  # 也有旁人…
               if _existential(ix, p, t) and not any(a <= p < b for a, b in excl)]
    if not people:
        people = [Mention(s, e, "org") for s, e in ix.orgs_in(start, end)
                  if not any(a <= s and e <= b for a, b in excl)]
    if not people:
        return None
    first = min(people, key=lambda m: m.start)
    # 市民刘女士对此深有体会：“…”: a group word right before a name describes that person
    named = [Mention(s, e, "person", n) for s, e, n in ix.persons_in(first.end, end) if s == first.end]
    return named[0] if first.kind == "collective" and named else first


class SpeakerResolver:
    """The quotes stage's one entry point to speaker resolution, built once per Doc.

    Finds the source mention of a cue (:meth:`subject`, :meth:`left_out_subject`,
    :meth:`headline_speaker`) and says whom it means (:meth:`resolve`: names, surnames,
    pronouns, descriptions, documents), remembering the last speaker of the discourse
    (:meth:`note`) for pronouns and descriptions that follow."""

    def __init__(self, ix: DocIndex, para_starts: Sequence[int] = ()) -> None:
        self.ix = ix
        self.para_starts = list(para_starts)
        self.last: Optional[tuple[str, int, str]] = None  # (speaker, paragraph start, kind)
        self.issued: dict[str, str] = {}  # document → its author (X发布新闻稿表示 … 新闻稿说)

    def subject(self, start: int, cue: int) -> Optional[Mention]:
        """The source of a cue at ``cue`` standing in ``text[start:cue]``."""
        return subject(self.ix, start, cue)

    def headline_speaker(self, colon: int, para_start: int) -> Optional[Mention]:
        """The person named right before a colon (``…副秘书长任志武：``, ``汪文斌：``), or None."""
        who = self.ix.last_person_before(colon, para_start)
        if who is None or who[1] != colon:
            return None
        return Mention(who[0], who[1], "person", who[2])

    def left_out_subject(self, cue_start: int, reports: bool, sent: int, look: int, zone: int,
                         holder: Optional[tuple[Optional[str], str, int]], para_start: int,
                         ) -> Optional[tuple[Optional[str], str, int]]:
        """(speaker, kind, clause start) for a cue whose subject is left out: `…，并要求…`
        (the sentence's earlier source, ``holder`` = (speaker, kind, sentence start)),
        `X发表了演讲，认为…`, `X到县里调研，在考察后说…`, `…关切地说` (the sentence's subject);
        None when the cue has no subject at all. ``reports``: the cue reports by itself (not
        an epistemic adverb, no 了/过 after it, a 提出-type cue only before a colon)."""
        text = self.ix.text
        comma = max((i for i in range(zone, cue_start) if text[i] in "，,；;"), default=-1)
        lead_in = text[comma + 1:cue_start] if comma >= 0 else ""
        elided = (comma >= 0 and reports
                  and (CONJ_RE.fullmatch(lead_in) or ADVERBIAL_RE.fullmatch(lead_in)))
        if (comma < 0 and reports and sent > para_start and CONJ_RE.fullmatch(text, sent, cue_start)
                and self.ix.token_end(cue_start) - cue_start > 1 and OPENING_CUE_RE.match(text, cue_start)):
            return self._previous_sentence_subject(sent, para_start)
        if not elided and not text.endswith("地", 0, cue_start):
            return None
        if elided and holder is not None and holder[2] == sent:
            return holder[0], holder[1], comma
        m = sentence_subject(self.ix, look, comma if elided else cue_start)
        if m is None and elided:
            # 英国外长发表声明，宣布…; 某国政府派出工作组，表示…: the source of the clause before
            # the comma, found as a cue's subject would be (a post with its country, a body)
            m = subject(self.ix, look, comma)
            if m is not None and (m.start != look or m.kind == "document" or m.kind == "org"
                                  and (m.start, m.end) not in self.ix.orgs_in(look, comma)):
                m = None  # 对决定…: an object; 以信息披露为中心，强调: no body, a word ending like one
        if m is None:
            return None
        return self.resolve(m, para_start), m.kind, (comma if elided else zone)

    def quoting_subject(self, cue_start: int, look: int, zone: int,
                        para_start: int) -> Optional[tuple[Optional[str], str, int]]:
        """(speaker, kind, clause start) for a verb of saying before ``：“`` whose subject is
        left out after a clause of the same sentence, with a short lead-in no conjunction
        list holds (某某抿抿嘴，悄声说：“…”; 某某确认了地址，接着说：“…”; 某某把老板请到
        田边，对老板说：“…”): a quotation after a colon is a speech act, so the sentence's
        subject speaks. Not across a 的 (…的人说：“…” names its own speaker), nor when the
        lead-in opens with a noun or pronoun of its own (，寄件人会说：“…”; ，对方连忙解释：“…”):
        the speaker stands there, unknown to the lexicons, so none is guessed (jieba's nr on
        张口 is no name and does not count)."""
        text = self.ix.text
        comma = max((i for i in range(zone, cue_start) if text[i] in "，,；;"), default=-1)
        if comma < 0 or cue_start - comma - 1 > QUOTING_LEAD_MAX or "的" in text[comma:cue_start]:
            return None
        lead = self.ix.tokens_in(comma + 1, cue_start)
        tag = base_word_tags().get(lead[0][1], "") if lead else ""
        if tag.startswith(("n", "r")) and not tag.startswith("nr"):
            return None
        m = sentence_subject(self.ix, look, comma)
        if m is None:
            return None
        return self.resolve(m, para_start), m.kind, comma

    def worded_subject(self, zone: int, cue_start: int) -> Optional[Mention]:
        """The speaker of a quotation right after a verb of saying and its colon when nothing
        else names one (某某说：“…”, 店主笑着说：“…” with a name or noun the recogniser
        missed): the 2-4 Chinese characters that open the cue's clause, or the 2-3 after a post
        or occupation (某部部长本占表示：), less a manner word (…地, 笑着) and an adverbial before
        the cue, as worded; not a pronoun or the writer (我), and only at a word's start."""
        text, ix = self.ix.text, self.ix
        start = max([zone] + [i + 1 for i in range(max(zone, cue_start - WORDED_MAX), cue_start)
                              if text[i] in WORDED_BREAKS])
        # the longest manner or adverbial tail that leaves a word before it (店主|笑着)
        end = next((i for i in range(start + 2, cue_start)
                    if WORDED_TAIL_RE.fullmatch(text, i, cue_start)), cue_start)
        # 某部部长|本占表示：, 种粮大户|关明和说：: a name the recogniser missed after a post or
        # occupation (POSTS),
        # whatever jieba made of its characters (not a dictionary word: 部长|同志)
        tags = base_word_tags()
        named = next((end - n for n in (3, 2) if end - n > start and POSTS.before(text, end - n, start)
                      and all(is_han(c) and c not in NOT_NAME_CHARS for c in text[end - n:end])
                      and text[end - n:end] not in tags
                      and end - n in ix.tok_starts), None)
        if named is not None:
            return Mention(named, end, "collective")
        lead = text[start:end]
        if (2 <= len(lead) <= 4 and all(is_han(c) for c in lead) and start in ix.tok_starts
                and lead not in PRONOUNS and "我" not in lead and not lead.endswith(("地", "着"))
                and not lead.startswith(ADDRESSEE_PREPS)
                # a noun or a name, not 立刻|一边|针锋相对|小偷抓住 (an adverb, idiom or verb)
                and not any(tags.get(t, "").startswith(NOT_WORDED_TAGS) for _, t in ix.tokens_in(start, end))):
            return Mention(start, end, "collective")
        return None

    def trailing_subject(self, after: int, cue_start: int) -> Optional[Mention]:
        """The speaker of a quotation named, as worded, right after its closing mark before a
        verb of saying that ends the sentence or clause (“…” 某某说。; “…”某某如此说，“…”),
        when the recogniser missed the name; not a description of someone named before
        (“…”这位医生说: left to the other rules)."""
        text = self.ix.text
        start = cue_start - len(text[after:cue_start].lstrip())  # past white space after the mark
        m = self.worded_subject(start, cue_start)
        if m is None or m.start != start or text.startswith(DESC_DETERMINERS, start):
            return None
        return m

    def _previous_sentence_subject(self, sent: int, para_start: int,
                                   ) -> Optional[tuple[Optional[str], str, int]]:
        """A cue opening its sentence with no subject (`指导组走进超市，查看…。强调一定要…`,
        `张三向医务人员表达敬意。希望大家…`): the person or group opening the sentence before
        it in the paragraph speaks, else nobody."""
        prev = max(_sentences_back(self.ix.text, sent, 1), para_start)
        m = sentence_subject(self.ix, prev, sent - 1) if prev < sent else None
        if m is None or m.start != prev or m.kind not in ("person", "collective"):
            return None
        return self.resolve(m, para_start), m.kind, sent

    def owns_quote(self, cue_end: int) -> bool:
        """Does a quotation of its own open right after the cue ending at ``cue_end``
        (高伯龙笑笑说：“…”, 他说，“…”)? Then the cue is not the source of a quotation before it."""
        return OWN_QUOTE_RE.match(self.ix.text, cue_end) is not None

    def ends_anothers_clause(self, open_: int, cue_end: int) -> bool:
        """Is a quotation opening at ``open_`` right before a cue ending at ``cue_end`` someone
        else's? When it ends a clause of its own (李梅心疼得流泪，“为啥不歇歇？”) and the cue opens a
        quotation of its own (张三笑笑说：“…”), the cue's speaker answers it. (`“A，”他说，“B”` is one
        speaker: the first part opens its sentence.)"""
        return self.ix.text[open_ - 1:open_] in ("，", ",", "：", ":") and self.owns_quote(cue_end)

    def clause_source(self, sent: int, pos: int, para_start: int) -> Optional[tuple[Mention, Optional[str]]]:
        """(mention, speaker) of the first person or group of the sentence a quotation at
        ``pos`` ends (妻子李梅看了心疼得流泪，“…” → 李梅), or None."""
        m = sentence_subject(self.ix, sent, pos)
        if m is None or m.kind == "org" or (m.kind == "collective" and m.end - m.start < 2):
            return None
        return m, self.resolve(m, para_start)

    def opening_subject(self, pos: int) -> Optional[Mention]:
        """An unnamed speaker opening the sentence at ``pos`` with no name in the index: a
        surname + courtesy (`马女士前不久来到…`) or a group (`工作人员接过…`), else None. For a
        cueless quotation right before it (`“…？”马女士…询问。`, `“…”工作人员接过她的证件`)."""
        ix, text = self.ix, self.ix.text
        if pos not in ix.tok_starts:
            return None
        m = HONORIFIC_RE.match(text, pos)
        surname = tl.surname_at(text, pos)
        if m and m.end() in ix.tok_ends and surname and m.end() - pos == len(surname) + 2:
            return Mention(pos, m.end(), "honorific")
        m = COLLECTIVE_RE.match(text, pos)
        # not 村民杨金山感慨…: a group word before a name describes that person
        if (m and m.end() in ix.tok_ends and m.end() - pos >= 2 and m.group() not in PLURAL_PRONOUNS
                and text[m.end():m.end() + 1] != "的" and ix.person_starting_at(m.end()) is None):
            return Mention(pos, m.end(), "collective")
        return None

    def clause_group(self, sent: int, pos: int, floor: int) -> Optional[Mention]:
        """The unnamed someone (一位教授, 几位村民) that opens the clause a cueless quotation at
        ``pos`` ends (有一次，一位教授问他，“…”), after ``floor``; None if a person or other
        source comes first."""
        m = sentence_subject(self.ix, max(sent, floor), pos)
        if m is None or m.kind != "collective" or not INDEFINITE_RE.match(self.ix.text, m.start):
            return None
        return m

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
        prev = self._previous_subject(pos, para_start)
        if prev is not None:
            return prev
        p = self.ix.last_subject_before(pos, para_start)
        if p:
            return p[2]
        if self.last and self.last[2] in PERSONLIKE:
            return self.last[0]
        p = self.ix.last_person_before(pos)
        return p[2] if p else None

    def _previous_subject(self, pos: int, para_start: int) -> Optional[str]:
        """For a pronoun opening its sentence, the person who is the subject of the sentence
        before it in the paragraph (张三非常感谢李四的帮助。他说，… → 张三, not the object 李四)."""
        text = self.ix.text
        if pos > para_start and text[pos - 1] not in "。！？!?":
            return None
        prev = max(_sentences_back(text, pos, 1), para_start)
        if prev >= pos:
            return None
        m = sentence_subject(self.ix, prev, pos)
        if m is None or m.kind != "person" or text[prev:m.start].count("，") or self.ix.quoted(m.start):
            return None
        return self._resolve(m, para_start)

    def resolve(self, m: Mention, para_start: int) -> Optional[str]:
        name = self._resolve(m, para_start)
        if m.issued and name:
            self.issued[m.issued] = name
        return name

    def _resolve(self, m: Mention, para_start: int) -> Optional[str]:
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
        if m.kind == "collective" and worded in PLURAL_PRONOUNS:  # 他们: the group just named
            return self._group(m.start) or worded
        if m.kind == "honorific":  # 张女士, 总统先生: as worded
            return worded
        if m.kind == "description":
            return self._description(m, para_start) or worded
        if m.kind == "document":
            return m.name or self._document(worded, m.start)
        return worded

    def _group(self, pos: int) -> Optional[str]:
        """The group a plural pronoun at ``pos`` means: the last group worded in its sentence
        or the one before (几位村民来到村委会。他们说… → 几位村民), else None."""
        text, ix = self.ix.text, self.ix
        floor = _sentences_back(text, pos, GROUP_LOOKBACK)
        best = None
        for m in INDEFINITE_RE.finditer(text, floor, pos):
            best = m
        for m in GROUP_RE.finditer(text, floor, pos):
            if m.start() in ix.tok_starts and m.end() in ix.tok_ends and not ix.quoted(m.start()) \
                    and (best is None or m.end() > best.end()):
                best = m
        if best is None:
            return None
        s = best.start()
        if "的" not in best.group():  # 村民 of 这个村|村民, 部门负责人: with the body before it
            s = ix.extend_left(s)
        return text[s:best.end()]

    def _surname(self, name: str, start: int, end: int) -> str:
        """A bare surname (麦 of 麦教授, 胡老): the one person of that surname named before,
        else the surname with its honorific as worded."""
        honour = HONOUR_RE.match(self.ix.text, end)
        if honour and honour.group() in KIN_ADDRESS and self.ix.text.endswith("的", 0, start):
            return name + honour.group()  # 91岁的张奶奶: introduced here, not 张某 named before
        return self.ix.surname_person(name, start) or name + (honour.group() if honour else "")

    def _description(self, m: Mention, para_start: int) -> Optional[str]:
        """A person for 该负责人/这位院长, only one named in this or the previous paragraph."""
        text = self.ix.text
        floor = self.prev_para_start(para_start)
        noun = text[m.start:m.end].lstrip(_DESC_DETERMINER_CHARS)
        if noun == text[m.start:m.end] and noun in BARE_TITLES:
            # 习近平总书记来到…。…总书记强调: the holder named before, however far back; else
            # the post as worded (not the last speaker: 王某说，…。市长强调 is someone else)
            return resolve_description(self.ix.people, noun, m.start)
        if noun in COLLECTIVES:  # 该负责人: the unnamed 负责人 quoted before, else as worded
            if self.last and self.last[0].endswith(noun):
                return self.last[0]
            # 某公司总经理张三说，…。该负责人表示，…: the titled person who just spoke, in this
            # paragraph (in the next one, 这位负责人 may be someone new: quotes_dev pd_01)
            if (self.last and self.last[2] == "person" and self.last[1] == para_start
                    and any(p.name == self.last[0] and p.titles for p in self.ix.people)):
                return self.last[0]
            return None
        # 杭州互联网法院院长, 这位院长: the titled person the description fits
        name = resolve_description(self.ix.people, text[m.start:m.end], m.start)
        if name and self.ix.named_between(name, floor, m.start):
            return name
        for p in reversed(self.ix.people):
            if (any(t.title.endswith(noun) or noun.endswith(t.title) for t in p.titles)
                    and self.ix.named_between(p.name, floor, m.start)):
                return p.name
        if self.last and self.last[0].endswith(noun):
            return self.last[0]
        if noun in REFERRING:  # 老人告诉记者, 这位老党员回忆说: the person the text is about
            p = self.ix.last_subject_before(m.start, floor)
            return p[2] if p else None
        if noun in DESC_NOUNS:  # 这位院长, right after the person spoke
            if self.last and self.last[1] == para_start and self.last[2] == "person":
                return self.last[0]
            p = self.ix.last_subject_before(m.start, para_start)
            return p[2] if p else None
        return None

    def _document(self, noun: str, pos: int) -> str:
        """A bare 报告 means the report last named before it; a document whose author
        spoke through it before (某办公室发布新闻稿表示…。新闻稿说) means that author."""
        author = next((a for d, a in reversed(self.issued.items()) if d.endswith(noun)), None)
        if author:
            return author
        best = None
        for m in NAMED_DOC_RE.finditer(self.ix.text, max(0, pos - DOC_LOOKBACK), pos):
            name = m.group(1).replace("《", "").replace("》", "")  # the name without its marks
            if name.endswith(noun) and not name.startswith("的"):  # not 发布|的报告: unnamed
                best = name
        return best or noun
