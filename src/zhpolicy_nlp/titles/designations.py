"""Find who holds which title in the text: ``ORG TITLE PERSON``, ``PERSON TITLE``, chains joined
by 兼/、, bylines and bare role descriptions (``首家互联网法院院长``).

Works on characters, with three kinds of evidence: the ner stage's entities (may be weak),
jieba part-of-speech tokens (where a run of nouns before a title starts and where an org
ends), and the lexicons of ``titles.lexicon``. Names the ner stage missed are read from a surname
plus one or two characters right after a title, which is strong evidence in news text.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Callable, Optional

import regex

from .. import lexicon
from ..spans import within
from ..text import HAN, is_han
from . import lexicon as tl

CharSpan = tuple[int, int]  # (start, end) in characters
Tok = tuple[int, int, str]  # start, end, jieba POS flag
# A dictionary word's POS tag and frequency, None for a string jieba only guessed (盛来|运在)
# or never saw.
WordTag = Callable[[str], Optional[tuple[str, int]]]

# A dateline before a byline (北京１月２６日电, 本报讯): never part of an organisation.
_DATELINE = regex.compile(r"[0-9０-９一二三四五六七八九十〇]+[日号]?[电讯]|"
                          + lexicon.alternation("title_words", "dateline"))
# POS flags that end the run of words an organisation name is read from.
_STOP_FLAGS = ("p", "c", "u", "r", "d", "y", "e", "o", "m", "q", "t", "f", "x")
# Verbs that take a person as object (邀请…, 会见…): a verb inside an org name (治理, 发展) does not.
_STOP_VERBS = tl.org_run_stops()
# Words that name no particular organisation when they stand alone before a title (该公司董事长).
_GENERIC_ORGS = frozenset(tl.title_words("generic_org"))
# Kinds of institution taken together (高校毕业生X): no organisation, wherever they stand.
_COLLECTIVE_ORGS = frozenset(tl.title_words("collective_org"))
# What starts an unnamed unit (某部, 某旅): the org is null, as docs/annotation.md decides.
_UNNAMED = tl.title_words("unnamed_org")
# Countries (places.txt): before a plain occupation a nationality, not an employer.
_COUNTRIES = lexicon.words("places", "country")
# Words between an organisation and a title that belong to neither (某所相关负责人, 某国女作家).
_FILLER = regex.compile(f"(?:{lexicon.alternation('title_words', 'title_filler')})+")
# The post's ordinal right before a title (某学院第二任|院长X): the org stands before it.
_POST_ORDINAL = regex.compile(f"(?:{lexicon.alternation('title_words', 'post_ordinal')})$")
# Company positions: before them a place and a noun are one company name (湖南信托副总经理).
_COMPANY_TITLES = tl.title_words("company_title")
# Titles that take no domain words into the title: words between an org and them describe
# the person (某地年画代表性传承人), so the org must end right before the title.
_NO_DOMAIN_TITLES = tl.title_words("no_domain_title")
# Ranks (教授, 毕业生): the words between an organisation and them name the field and are
# dropped (某大学|国际法|教授 → 教授 of 某大学), where posts keep them (联合国|经济和社会事务|副秘书长).
_RANK_TITLES = tl.title_words("rank_title")
# All parts of a dotted name but the last: 司马义·, 曼·莫汉·.
_DOTTED = regex.compile(rf"(?:{HAN}{{1,6}}[·•‧])+")
# A short parenthesised part of a name: 尼共（联合马列）.
_SHORT_PAREN = regex.compile(rf"[（(][{HAN}A-Za-z0-9]{{1,10}}[）)]")
# Conjunctions that join the parts of one organisation name (通讯及新闻部).
_JOINERS = frozenset({"及", "和", "与"})
# What stands before a byline's title: a bracket, a line start, a dateline, a news outlet.
_BYLINE_BEFORE = ("（", "(", "\n", *tl.title_words("byline_before"))
# Spaces between a byline's title and names, and inside a padded two-character name (徐 靖).
_SPACES = (" ", "\u3000", "\u00a0")
# What follows a name in a byline.
_BYLINE_AFTER = (*tl.title_words("byline_after"), "）", ")", "、", *_SPACES, "\n", "，", "/", "】")
_BYLINE_TITLES = tl.title_words("byline_title")
_BYLINE_WORDS_AFTER = tl.title_words("byline_after")
# A time word of the post before the organisation: 原|总政治部副主任.
_POST_TIME = regex.compile(f"(?:{lexicon.alternation('title_words', 'post_time')})")
_PARTY_COMMITTEE = regex.compile(f"(?:{lexicon.alternation('title_words', 'party_committee')})")
# A party committee closing an organisation (某局党组, 浙江省委), with a time word of the post
# before it (某局原党委): what stands before is the unit or place the committee belongs to.
_COMMITTEE_END = regex.compile(
    f"(?:{lexicon.alternation('title_words', 'post_time')})?"
    f"(?:{lexicon.alternation('title_words', 'party_committee')}|(?<=[{''.join(tl.title_words('place_committee'))}])委)$")
# Last characters of a place name (江南省, 白鹿村) that org_endings also counts as org ends.
_PLACE_ENDS = tl.title_words("place_end")
# A copula before a title's organisation ties a name to it (是, 担任, 作为), with adverbs
# (已经是) and a count (是一名); 作为/身为 take the name after the title (作为主任，余某).
_COPULA = regex.compile(f"({lexicon.alternation('title_words', 'copula')})(?:一名|一位)?$")
_AS_COPULAS = tl.title_words("copula_as")
_CLAUSE_END = "，。；！？\n"
# Occupations that are a title only with an organisation that is no place (某中学学生X).
_NEEDS_ORG = frozenset(tl.title_words("needs_org"))
# Topic words between a place and an occupation: the place is the expert's topic, the whole is
# one title with no org (南亚问题专家X).
_TOPIC_DOMAINS = tl.title_words("topic_domain")
# Last characters of a political party's name (某国某某党): after 、 its country, not the party,
# is the org of a state post (某国某某党主席、总理X → 总理 of 某国).
_PARTY_ENDS = tl.title_words("party_end")
# Modifiers the title drops (原局长X → 局长, docs/annotation.md).
_DROPPED = regex.compile(f"(?:{lexicon.alternation('title_words', 'dropped_modifier')})")
# A character after a place that makes it the person's origin, not an employer (某市籍运动员X).
_ORIGIN = frozenset(tl.title_words("origin_mark"))
# The lexicon's titles as words (委员长), without the modifiers the pattern adds.
_TITLE_WORDS = lexicon.words("titles")
# Modifiers of a title (副, 代, 前, …).
_MODIFIERS = lexicon.words("title_modifiers")
# Modifiers that are the title's even where a jieba word before it ends with them (政治工作部副|主任:
# jieba's 部副 is no word a reader sees), unlike 唐代|诗人.
_BOUND_MODIFIERS = frozenset(tl.title_words("bound_modifier"))
# Generic forms of state a ner stage reads as a place of their own (缅甸联邦|共和国).
_STATE_WORDS = frozenset(tl.title_words("state_word"))
# Academic degrees: a title right after a name (X博士), never tied to one by a copula
# (作为某大学的博士，X: docs/annotation.md).
_DEGREES = frozenset(tl.title_words("degree"))
# Titles that name their own scope (国家主席, 中央军委主席): a chain's org does not carry to them.
_SCOPED_TITLES = tl.title_words("scoped_title")
# Posts held in the committee itself (省委常委、副书记): they keep the committee as their org.
_PARTY_POSTS = tl.title_words("party_post")
# An agency's credit line right before a byline (某通讯社电  记者X, 某社电  （记者X）): the
# agency is the reporter's organisation, as in 新华社记者X (SCHEMA §2). A dateline with a place
# and a date (某社东京1月5日电（记者X）) stays null, as the titles dev sets mark it (the news gold
# gives the agency there: a conflict of conventions left to a decision, docs/titles.md).
_AGENCY_DATELINE = regex.compile(r"电[ \u3000\u00a0]*(?:[（(][ \u3000\u00a0]*)?$")
LATIN_PAREN = regex.compile(r"[（(]\s*(\p{Latin}[\p{Latin} .\-'&]*[\p{Latin}.])\s*[）)]")


@dataclass
class Seg:
    """One atomic title and the organisation the text ties it to."""

    title: CharSpan
    org: Optional[CharSpan] = None
    place: bool = False  # the org is a place (美国|国务卿, 浙江省|省长): an entity LOC, not ORG


@dataclass
class Designation:
    """A person and the titles the text gives them at one place."""

    person: CharSpan
    segs: list[Seg] = field(default_factory=list)
    alias: Optional[CharSpan] = None  # a parenthesised Latin name right after the person


@dataclass
class Found:
    designations: list[Designation]
    roles: list[Seg]  # titles with an organisation but no person (role descriptions)


class _Ctx:
    def __init__(self, text: str, ents: list[tuple[int, int, str]], toks: list[Tok],
                 word_tag: Optional[WordTag] = None):
        # the ner stage drops one-character places (中方, 美伊); before a title one is the
        # country (俄外长X, 美总统X: titles_country_abbr), read as a place here
        ents = _without_glued_orgs(text, ents, toks)
        # (one jieba word of its own or its start: 书法|老师 holds no 法 for France)
        taken = bytearray(len(text) + 1)  # 1 inside an entity
        for a, b, _ in ents:
            taken[a:b] = b"\x01" * (b - a)
        tok_starts = [a for a, _, _ in toks]

        def inside(p: int) -> bool:  # p is within a jieba word, not at its start
            k = bisect.bisect_right(tok_starts, p) - 1
            return k >= 0 and toks[k][0] < p < toks[k][1]
        abbr = [(a - 1, a, "LOC") for a, _ in tl.find_titles(text)
                if a > 0 and text[a - 1] in tl.country_abbr() and not taken[a - 1] and not inside(a - 1)]
        ents = sorted(ents + abbr) if abbr else ents
        self.text = text
        self.word_tag = word_tag
        self.ents = ents
        self.toks = toks
        self.tok_starts = tok_starts
        # a title word tagged as a verb and not followed by a name is a verb: 代表/v 党中央
        # (or a PERSON of the ner stage: 教研组|组长/v 刘小园 with 刘/zg is a title)
        person_starts = {a for a, _, l in ents if l == "PERSON"}
        verbs = {(a, b) for (a, b, f), nxt in zip(toks, toks[1:] + [(0, 0, "x")])
                 if f.startswith("v") and not nxt[2].startswith("nr") and b not in person_starts}
        # a title inside a place name is none: 上海市|长宁区, 湖南省|长沙市 (市长, 省长)
        in_place = bytearray(len(text) + 1)
        in_org = bytearray(len(text) + 1)
        for a, b, l in ents:
            if l == "LOC":
                in_place[a + 1:b] = b"\x01" * (b - a - 1)
            elif l == "ORG" and b - a > 3:  # 湖南省长沙市某街道社区居委(会): 省长 is in a name
                in_org[a + 1:b - 1] = b"\x01" * (b - a - 2)
        # an occupation inside an entity names a firm or a body (平安好医生, 某某律师协会)
        in_ent = bytearray(len(text) + 1)
        for a, b, l in ents:
            if l in ("ORG", "LOC"):
                in_ent[a:b] = b"\x01" * (b - a)
        self.titles = [t for t in tl.find_titles(text)
                       if t not in verbs and not (in_place[t[0]] or in_place[t[1] - 1])
                       and not (in_org[t[0]] and in_org[t[1] - 1])
                       and not (in_ent[t[0]] and tl.is_occupation(text[t[0]:t[1]]))
                       and not self._cut_by_words(t) and not self._cut_title(t)]
        # 第四代|传承人: 代 after a numeral counts generations; it is no 代 (acting) of the title
        self.titles = [(s + 1, e) if text[s] == "代" and s > 0 and _NUMERAL.match(text[s - 1])
                       and tl.title_regex().fullmatch(text, s + 1, e) else (s, e) for s, e in self.titles]
        # 唐代|诗人: a modifier (代) that ends a word before the title is that word's, not the title's;
        # 原|副院长: 原 (former) is no part of the title (docs/annotation.md)
        self.titles = [self._modifier_in_word(t) for t in self.titles]
        self.titles = [(s + len(m.group()), e) if (m := _DROPPED.match(text, s, e)) and
                       tl.title_regex().fullmatch(text, s + len(m.group()), e) else (s, e) for s, e in self.titles]
        self.title_at = {s: e for s, e in self.titles}
        self.person_start = {s: e for s, e, l in ents if l == "PERSON"}
        self.person_end = {e: s for s, e, l in ents if l == "PERSON"}
        self.orgish = [(s, e) for s, e, l in ents if l in ("ORG", "LOC")]
        self.places = {(s, e) for s, e, l in ents if l == "LOC"}
        self.orgs = {(s, e) for s, e, l in ents if l == "ORG"}
        self.dates = [(s, e) for s, e, l in ents if l == "DATE"] + [m.span() for m in _DATELINE.finditer(text)]
        self.in_date = bytearray(len(text) + 1)  # 1 inside a date
        for a, b in self.dates:
            self.in_date[a:b] = b"\x01" * (b - a)
        self.orgish_starts = {a for a, _ in self.orgish}
        self.org_ends = {b for _, b in self.orgs}
        self.orgish_last_start: dict[int, int] = {}  # end → the latest start of an ORG/LOC ending there
        for a, b in self.orgish:
            self.orgish_last_start[b] = max(a, self.orgish_last_start.get(b, a))
        # Indexes so that per-title lookups do not scan every entity (quadratic on long texts).
        self.org_at: dict[int, CharSpan] = {}  # char position p → first ORG/LOC with s < p <= e
        for a, b in self.orgish:
            for p in range(a + 1, b + 1):
                self.org_at.setdefault(p, (a, b))
        self.by_start = sorted((a, b, l) for a, b, l in ents if l in ("ORG", "LOC"))
        self.by_start_keys = [a for a, _, _ in self.by_start]
        self.loc_by_end: dict[int, list[int]] = {}  # end → starts of LOC entities, in order
        for a, b, l in ents:
            if l == "LOC":
                self.loc_by_end.setdefault(b, []).append(a)

    def _modifier_in_word(self, title: CharSpan) -> CharSpan:
        """The title without a leading modifier that a jieba word before it ends (唐代|诗人)."""
        s, e = title
        tok = self.tok(s)
        if tok and tok[0] < s < tok[1] < e and tl.title_regex().fullmatch(self.text, tok[1], e) \
                and self.text[s:tok[1]] in _MODIFIERS and self.text[s:tok[1]] not in _BOUND_MODIFIERS \
                and not self.guessed(tok):
            return (tok[1], e)  # (某国副|总统: jieba's guess 国副 is no word)
        return title

    def _cut_by_words(self, title: CharSpan) -> bool:
        """Two jieba words cut the title at both ends, the second a frequent common word
        (研究院|长征五号 holds 院长): no title. A rare word there is jieba gluing the title's end
        to a name (处处|长葛|文涛, 传承|人龙|秀英), which stays a title."""
        first, last = self.tok(title[0]), self.tok(title[1] - 1)
        if not (first and last and first != last and first[0] < title[0] and last[1] > title[1]):
            return False
        word = self.word_tag(self.text[last[0]:last[1]]) if self.word_tag is not None else None
        return bool(word and word[1] >= _COMMON and not word[0].startswith(("nr", "ns")))

    def _cut_title(self, title: CharSpan) -> bool:
        """The title is the start of a longer lexicon title that the match refused because an
        organisation word follows it (委员|长会议: 委员长 + 会议, the chairman's council): no
        title, and 长会议 no name."""
        s, e = title
        return any(self.text[s:e + k] in _TITLE_WORDS for k in (1, 2))

    def orgish_within(self, s: int, e: int) -> list[tuple[int, int, str]]:
        """ORG/LOC entities that lie inside [s, e)."""
        return within(self.by_start, self.by_start_keys, s, e)

    def tok(self, i: int) -> Optional[Tok]:
        """The POS token covering character ``i``."""
        k = bisect.bisect_right(self.tok_starts, i) - 1
        if 0 <= k < len(self.toks) and self.toks[k][0] <= i < self.toks[k][1]:
            return self.toks[k]
        return None

    def tok_index(self, i: int) -> int:
        return bisect.bisect_right(self.tok_starts, i) - 1

    def guessed(self, tok: Tok) -> bool:
        """jieba's HMM made this token up (盛来|运在): it says nothing about word boundaries."""
        return self.word_tag is not None and self.word_tag(self.text[tok[0]:tok[1]]) is None


def _without_glued_orgs(text: str, ents: list[tuple[int, int, str]], toks: list[Tok]) -> list[tuple[int, int, str]]:
    """The ner stage's ORG entities less those that glue a title and a name into one span
    (某院学部委员|王某|评委 read as one ORG): a jieba name word right after a title inside the
    span shows a person, not an organisation, so the title patterns read it afresh."""
    orgs = [(a, b) for a, b, label in ents if label == "ORG" and b - a > 4]
    if not orgs:
        return ents
    names = {a: b for a, b, f in toks if f.startswith("nr") and 2 <= b - a <= 4}
    titles = tl.find_titles(text)
    starts = [ts for ts, _ in titles]
    glued = {(a, b) for a, b in orgs  # the titles that start inside the span, by bisection
             if any(te < b and names.get(te, b + 1) <= b
                    for ts, te in titles[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)])}
    return [x for x in ents if x[:2] not in glued or x[2] != "ORG"] if glued else ents


def _dotted_name(ctx: _Ctx, i: int) -> Optional[int]:
    """End of a name with a middle dot (司马义·艾买提, 安德烈·科科申): the last part runs over
    transliteration characters, or to the end of the POS name token it starts."""
    m = _DOTTED.match(ctx.text, i)
    if not m:
        return None
    k = m.end()  # start of the last part
    chars, text = tl.dotted_chars(), ctx.text
    j = k
    while j < len(text) and (text[j] in chars or  # 奥孔乔-伊维拉: a hyphen inside the last part
                             text[j] in "-－‐" and j > k and text[j + 1:j + 2] in chars) \
            and j not in ctx.title_at and not (j - k >= 2 and _common_word_at(ctx, j)):
        j += 1
    tok = ctx.tok(k)
    if tok and tok[0] == k and tok[2].startswith("nr"):
        j = max(j, tok[1])
    return j if j > k else None


def _common_word_at(ctx: _Ctx, j: int) -> bool:
    """A frequent two-character word, no name, starts at ``j``: a transliterated name ends
    before it (米哈伊尔|赞叹不已, 安德烈·瓦兹|高烧)."""
    word = ctx.word_tag(ctx.text[j:j + 2]) if ctx.word_tag is not None else None
    return bool(word and word[1] >= _COMMON and not word[0].startswith(("nr", "ns")))


def _translit_name(ctx: _Ctx, i: int) -> Optional[int]:
    """End of a transliterated foreign name (埃利奥特·哈里斯) starting at ``i``."""
    dotted = _dotted_name(ctx, i)
    if dotted:
        return dotted
    chars = tl.translit_chars()
    j = i
    while j < len(ctx.text) and ctx.text[j] in chars and (j == i or j not in ctx.title_at) \
            and not (j - i >= 3 and _common_word_at(ctx, j)):
        j += 1
    if j - i < 3:
        return None
    sur = tl.surname_at(ctx.text, i)
    if LATIN_PAREN.match(ctx.text, j) or (j - i >= 4 and not (sur and len(sur) == 2)) \
            or (j - i == 3 and sur is None):  # 朔尔茨: no Chinese surname starts it
        return j
    return None


def _dashed_part(ctx: _Ctx, j: int) -> int:
    """The end of a transliterated name at ``j`` with a part joined by a dash (阿库福—阿多):
    two or more transliteration characters after one dash, and no title there."""
    text, chars = ctx.text, tl.translit_chars()
    if j + 2 < len(text) and text[j] in "—-－‐" and text[j + 1] in chars and text[j + 2] in chars:
        k = j + 1
        while k < len(text) and text[k] in chars and k not in ctx.title_at \
                and not (k - j >= 3 and _common_word_at(ctx, k)):
            k += 1
        return k
    return j


def name_after(ctx: _Ctx, i: int) -> Optional[CharSpan]:
    """A person's name starting at ``i`` (right after a title), or None; a transliterated
    name runs on over a dashed part (阿库福—阿多)."""
    name = _name_after(ctx, i)
    if name and ctx.text[name[1] - 1] in tl.translit_chars():
        return (name[0], _dashed_part(ctx, name[1]))
    return name


def _name_after(ctx: _Ctx, i: int) -> Optional[CharSpan]:
    text = ctx.text
    if i in ctx.title_at:
        return None  # 某委员会主席|秘书苏某·某某: a title, not a name's first part
    end = _translit_name(ctx, i)
    if end:
        return (i, end)
    ent_end = ctx.person_start.get(i)
    guess = _surname_name(ctx, i)
    cut = ctx.tok(ent_end - 1) if ent_end else None  # 吕某|第一时间 read as 吕某第: the entity cuts
    cut_word = ctx.word_tag(text[cut[0]:cut[1]]) if cut and ctx.word_tag is not None else None  # 第一
    if guess and (ent_end is None or not 2 <= ent_end - i <= 4 or ent_end < guess[1]
                  or cut and cut[1] > ent_end and cut[0] >= guess[1] and bool(cut_word)
                  and cut_word[1] >= _COMMON):  # (逯某|明说: a rare word, jieba gluing name and cue)
        return guess
    if ent_end is not None and 2 <= ent_end - i <= 4 and all(is_han(c) for c in text[i:ent_end]):
        return (i, ent_end)
    return guess


def _frequent_word_guess(ctx: _Ctx, name: CharSpan) -> bool:
    """A two-character name no ner PERSON gives that is a frequent dictionary word (智慧, 高峰:
    jieba's dictionary tags some as names): after an occupation, a common noun, it is a word."""
    s, e = name
    word = ctx.word_tag(ctx.text[s:e]) if ctx.word_tag is not None and e - s == 2 else None
    return bool(word and word[1] >= _COMMON and ctx.person_start.get(s) != e)


def _strong_name_at(ctx: _Ctx, i: int) -> bool:
    """A name starts at ``i`` on more than a surname guess: an entity, a POS name, a foreign name."""
    tok = ctx.tok(i)
    return (i in ctx.person_start or bool(tok and tok[0] == i and tok[2].startswith("nr"))
            or _translit_name(ctx, i) is not None)


def _surname_name(ctx: _Ctx, i: int, strict: bool = True) -> Optional[CharSpan]:
    """Surname + 1-2 characters; the second given-name character is dropped when a word
    starts there (秦海|分享, 王涛|等) or a title does. ``strict``: refuse where the POS tagger
    reads a word (记者|采访); a byline expects a name, so it is not strict (记者|于青)."""
    text = ctx.text
    sur = tl.surname_at(text, i)
    if not sur:
        return None
    g = i + len(sur)
    if g >= len(text) or not is_han(text[g]) or g in ctx.title_at or tl.cue_after_name().match(text, g):
        return None  # 部长|时强调: a speech cue, not a given name
    tok = ctx.tok(i)
    if strict and tok and tok[0] == i and not ctx.guessed(tok) \
            and (tok[2].startswith(("v", "p", "c", "d", "r", "u", "m", "t"))
                 or tok[2] == "n" and tl.surname_freq().get(sur, 0) < 30) \
            and not _adverb_surname(ctx, tok):
        return None  # a verb, function word or noun: 记者|采访, 院长|谈, 记者|招待会 (招: rare surname)
    end = g + 1
    if end < len(text) and is_han(text[end]) and text[end] not in tl.NAME_STOP \
            and end not in ctx.title_at and not _word_starts(ctx, end):
        end += 1
    if strict and (not _pos_name(ctx, i, end) and _words_not_name(ctx, i, end, sur)
                   or text[end:end + 1] in _PRONOUNS):
        return None  # 委员|高质量履职, 记者|好奇地问: words; 总书记|祝福|我们: a verb and its object
    return (i, end)


# Pronouns: a surname guess followed by one is a verb taking it as object (总书记|祝福|我们).
_PRONOUNS = frozenset(w for w in lexicon.words("speaker_words", "personal_pronoun") if len(w) == 1)
# POS tags of a word that starts a surname guess and is no name's first part: 回望|习主席,
# 好奇|地 (记者好奇地问), 接待|日 (局长接待日).
_NOT_NAME_HEAD = ("v", "a", "d", "p", "c", "r", "u", "m", "t", "b")
# POS tags of a given-name part that is a function word or an adverb (代表|和其他, 代表|是密切).
_NOT_GIVEN_PART = ("r", "c", "p", "u", "a", "d")


def _words_not_name(ctx: _Ctx, s: int, e: int, sur: str) -> bool:
    """A surname guess that is words (jieba's dictionary): the whole a common word (委员|高质量,
    主席|关心), its first two characters a verb, adjective or a frequent word (回望习|主席),
    its given part a frequent function word or adverb (代表|和其他), or a character that ends
    names (都是托|总书记). A rare word as the given part stays a name (钱立新: 立新/d)."""
    if ctx.word_tag is None:
        return False
    text, tag = ctx.text, ctx.word_tag
    name, given = text[s:e], text[s + len(sur):e]
    if any(c in tl.NAME_STOP or c in _NOT_GIVEN_CHARS for c in given):
        return True
    whole = tag(name)
    if whole and not whole[0].startswith(("nr", "ns")):
        return True
    head = tag(name[:2]) if len(name) == 3 and len(sur) == 1 else None
    if head and not head[0].startswith(("nr", "ns")) and (
            head[0].startswith(_NOT_NAME_HEAD) or head[1] >= _COMMON):
        return True
    part = tag(given) if len(given) > 1 else None
    return bool(part and part[0].startswith(_NOT_GIVEN_PART) and part[1] >= _COMMON)


def _pos_name(ctx: _Ctx, s: int, e: int) -> bool:
    """jieba reads exactly ``text[s:e]`` as one name or place word (钟南山/ns, 陈毅/nr)."""
    tok = ctx.tok(s)
    return bool(tok and tok[:2] == (s, e) and tok[2].startswith(("nr", "ns", "nz")))


def _adverb_surname(ctx: _Ctx, tok: Tok) -> bool:
    """曾/d 世民/n: a one-character adverb that is also a surname, followed by no verb, is the
    surname (主任曾世民); before a verb it is the adverb (主任曾表示)."""
    if tok[2] != "d" or tok[1] - tok[0] != 1:
        return False
    nxt = ctx.tok(tok[1])
    return bool(nxt and nxt[0] == tok[1] and nxt[2].startswith("n"))


def _word_starts(ctx: _Ctx, i: int) -> bool:
    """A POS token of two or more characters (not a name) starts at ``i``."""
    tok = ctx.tok(i)
    return bool(tok and tok[0] == i and tok[1] - i >= 2 and not tok[2].startswith("nr")
                and not ctx.guessed(tok))


def name_before(ctx: _Ctx, j: int, strong_only: bool, entity_only: bool = False) -> Optional[CharSpan]:
    """A person's name ending at ``j`` (right before a title such as 总理/院士). With
    ``strong_only`` only an entity or a POS name counts, not a surname guess; with
    ``entity_only`` (before an occupation: 祝福/nr 医生) only the ner stage's PERSON."""
    tok = ctx.tok(j - 1) if j > 0 else None
    if j in ctx.person_end and ctx.text[ctx.person_end[j]:j] in _COUNTRIES or ctx.text[j - 1:j] in _OFFICE_ENDS:
        return None  # 阿富汗|总统大选: a country read as a person; 国家卫健委|新闻发言人: an office
    if j in ctx.person_end:
        s = ctx.person_end[j]
        first = ctx.tok(s)
        if first and first[0] < s and tok and tok[1] == j and tok[0] != s and tok[2].startswith("nr") \
                and 2 <= j - tok[0] <= 4:
            return (tok[0], j)  # 感恩|习某某 主席 read as 恩习某某, 落实|习某某 as 某某: jieba's name cuts no word
        if 2 <= j - s <= 12:
            return (s, j)
    if entity_only:
        return None
    if tok and tok[1] == j and tok[2] in ("nr", "nrfg", "nrt") and 2 <= j - tok[0] <= 8 \
            and ctx.text[tok[0]:j] not in _COUNTRIES:
        return (tok[0], j)
    if strong_only:
        return None
    for n in (3, 2):
        b = j - n
        if b < 0 or not all(is_han(c) for c in ctx.text[b:j]) or tl.ends_with_org_head(ctx.text[b:j]):
            continue
        tok = ctx.tok(b)
        if tok and tok[:2] == (b, j) and not tok[2].startswith(("nr", "ns", "nz")):
            continue  # a word of its own, not a name (钟南山/ns is tagged as a place)
        ent = ctx.org_at.get(j)
        if ent and ent[0] <= b:
            continue  # 日本|首相: a place or an organisation, not a name
        sur = tl.surname_at(ctx.text, b)
        if (b == 0 or ctx.text[b - 1] in tl.PUNCT) and sur and (
                tok and tok[:2] == (b, j) or not _words_not_name(ctx, b, j, sur)):
            return (b, j)  # not 回望习|主席, 都是托|总书记: words before a surname + title
    return None


def _run_start(ctx: _Ctx, j: int, floor: int) -> int:
    """Leftmost start of the words an organisation before position ``j`` may span."""
    text = ctx.text
    pos = j
    while pos > floor:
        ch = text[pos - 1]
        if ch in "）)":
            m = None
            k = text.rfind("（", floor, pos - 1)
            k2 = text.rfind("(", floor, pos - 1)
            k = max(k, k2)
            if k >= 0:
                m = LATIN_PAREN.fullmatch(text, k, pos) or _SHORT_PAREN.fullmatch(text, k, pos)
            if not m or k == floor or text[k - 1] in tl.PUNCT:
                break
            pos = k
            continue
        if ch == "”":  # 某市环境监察大队“护水队”|队长: a quoted short name inside the org
            k = text.rfind("“", floor, pos - 1)
            if k > floor and pos - k <= 12 and text[k - 1] not in tl.PUNCT \
                    and all(is_han(c) for c in text[k + 1:pos - 1]):
                pos = k
                continue
            break
        if ch == "—" and pos < j and pos - 1 > floor and _org_ends_at(ctx, pos - 1):
            pos -= 1  # 某大学—某公司联合实验室: a dash joins the partners of one body
            continue
        if ch in tl.PUNCT or ch == "兼":
            break
        ent = ctx.org_at.get(pos)
        if ent:
            pos = max(ent[0], floor)
            continue
        tok = ctx.tok(pos - 1)
        if tok is None:
            break
        piece = text[max(tok[0], floor):pos]
        flag = tok[2]
        unit = _unit_piece(ctx, tok, piece) or _locative_inside(ctx, tok)
        if flag.startswith(_STOP_FLAGS) and flag != "eng" and piece not in _JOINERS \
                and not unit or piece in _STOP_VERBS:
            break
        if flag.startswith("v") and flag != "vn" and not unit and (_followed_by_aspect(ctx, tok) or not (
                _noun_before(ctx, tok) or _verb_before(ctx, tok) and tl.ends_with_org_head(text[pos:j]))):
            break  # 国家|治理|研究院 and 就业|促进|司 go on; 克林顿|批评|以色列 stops
        if pos > 0 and ctx.in_date[pos - 1]:
            break
        pos = max(tok[0], floor)
    while pos < j and text[pos] in _JOINERS:  # 他与|国务院副总理: 与 joins nothing here
        pos += 1
    return pos


def _org_ends_at(ctx: _Ctx, e: int) -> bool:
    """An organisation ends at ``e``: an ORG entity, a jieba ``nt`` word or an org ending."""
    tok = ctx.tok(e - 1)
    return e in ctx.org_ends \
        or bool(tok and tok[1] == e and tok[2] == "nt") or tl.ends_with_org_head(ctx.text[max(0, e - 6):e])


# Numerals that number a unit inside a name (五一乡, 执法一处, 第二中心小学).
_NUMERAL = regex.compile(r"第?[0-9０-９一二三四五六七八九十百〇零]+")


def _unit_piece(ctx: _Ctx, tok: Tok, piece: str) -> bool:
    """A word jieba tags as a numeral or function word that is part of an organisation name:
    a numbered unit (五一|乡, 执法一处: the numeral before an org ending) or an org ending on
    its own (油料|所/c 副所长)."""
    if piece in tl.org_heads() and len(piece) == 1:
        return True
    if not tok[2].startswith("m"):
        return False
    if _NUMERAL.fullmatch(piece[:-1] or "-") and piece[-1] in tl.org_heads():
        return True  # 一处
    return bool(_NUMERAL.fullmatch(piece)) and ctx.text.startswith(tl.org_heads(), tok[1])  # 五一|乡, 二|处处长, 第三|中心小学


def _locative_inside(ctx: _Ctx, tok: Tok) -> bool:
    """A locative (jieba f) between a place and a noun is part of a name: 某国|上游|项目 (the
    upstream project in that country), 某峡|中|水电 (a firm's name); 北京|上|大学 would be a verb,
    but no title follows that."""
    if not tok[2].startswith("f") or tok[0] == 0:
        return False
    prev, nxt = ctx.tok(tok[0] - 1), ctx.tok(tok[1])
    place = bool(prev and prev[1] == tok[0] and prev[2] == "ns") or bool(ctx.loc_by_end.get(tok[0]))
    return place and bool(nxt and nxt[0] == tok[1] and nxt[2].startswith(("n", "vn")) and not nxt[2].startswith("nr"))


def _noun_before(ctx: _Ctx, tok: Tok) -> bool:
    prev = ctx.tok(tok[0] - 1) if tok[0] > 0 else None
    return bool(prev and prev[2].startswith(("n", "b", "j", "vn", "a"))
                and not prev[2].startswith(("nr", "ad")))


def _verb_before(ctx: _Ctx, tok: Tok) -> bool:
    prev = ctx.tok(tok[0] - 1) if tok[0] > 0 else None
    return bool(prev and prev[2].startswith("v") and prev[1] - prev[0] >= 2)


def _followed_by_aspect(ctx: _Ctx, tok: Tok) -> bool:
    return ctx.text[tok[1]:tok[1] + 1] in ("了", "着", "过")


def org_before(ctx: _Ctx, j: int, floor: int, title_end: int) -> tuple[Optional[CharSpan], int]:
    """The organisation a title at ``j`` (ending at ``title_end``) belongs to and where the title
    really starts (a domain word between them, 联合国|经济发展|助理秘书长, belongs to the title)."""
    text = ctx.text
    ordinal = _POST_ORDINAL.search(text, max(floor, j - 4), j)
    if ordinal:  # 某学院|第二任|院长X: the ordinal is neither's
        return (org_before(ctx, ordinal.start(), floor, ordinal.start())[0]
                if ordinal.start() > floor else None), j
    pos = _run_start(ctx, j, floor)
    anaphor = _anaphor_before(ctx, pos, floor)
    if anaphor is not None and (pos >= j or anaphor[1] == pos):
        # 该委员会|秘书长X, 该校|校长X: the org named before, or none (该院|某科主任X: the named unit);
        # 该公司|人事|负责人X: the words after the unit are the title's (docs/annotation.md)
        unit_end = _unit_end(ctx, anaphor[1], j)
        return _antecedent(ctx, anaphor, text[anaphor[1]:unit_end]), unit_end
    if pos >= j:
        return _org_before_de(ctx, j, floor), j
    ends: set[int] = set()
    places: set[int] = set()  # ends that are only a place name
    for s, e, label in ctx.orgish_within(pos, j):
        (places if label == "LOC" else ends).add(e)
    k = ctx.tok_index(pos)
    while 0 <= k < len(ctx.toks) and ctx.toks[k][0] < j:
        s, e, flag = ctx.toks[k]
        if e > j:  # 商务部|长: a word cut by the title says nothing as a whole
            flag, e = "", j
        if e > pos and (flag in ("nt", "j") or tl.ends_with_org_head(text[pos:e])):
            ends.add(e)
        elif e > pos and flag == "ns":
            places.add(e)
        k += 1
    if tl.ends_with_org_head(text[pos:j]):
        ends.add(j)
    e = max(ends | places) if ends or places else None
    if e is not None and e in places - ends and e < j and text[j:title_end].endswith(_COMPANY_TITLES):
        e = j  # 广东|证券 副总经理: a place and a noun name a company; 俄罗斯联邦|军事 总监 do not
    if e is not None and e < j and text[j:title_end].endswith(_NO_DOMAIN_TITLES):
        return None, j  # 凤翔|年画|代表性传承人: a craft before the title names no organisation
    rank = False
    if e is not None and e < j:  # 某所|相关|负责人, 某国|女|作家: no part of the title
        filler = _FILLER.match(text, e, j)
        if filler and filler.end() == j:
            return org_before(ctx, e, floor, e)[0] if e > pos else None, j
        if tl.title_regex().fullmatch(text, e, j):
            e = j  # 某组织负责人|特别助理: the assistant of the head's office (docs/annotation.md)
        else:  # 某大学|全球卫生法|教授: a rank after the field
            rank = text[j:title_end].endswith(_RANK_TITLES)
    if e is not None:
        if j - e > 8 and not rank:
            e = j
        org: CharSpan = (pos, e)
    elif (j - pos >= 2 or text[pos:j] in tl.country_abbr()) and \
            (pos == 0 or text[pos - 1] in tl.PUNCT or text[pos - 1] in "、兼"):
        org, e = (pos, j), j
    else:  # 某中心义工组的|书法|老师X: a proven org before 的, the words after it the title's
        de_org = _org_before_de(ctx, pos, floor) if tl.is_occupation(text[j:title_end]) \
            and _nouns_only(ctx, pos, j) else None  # (某办的|同志往|养殖户X: no craft, a verb phrase)
        return (de_org, pos) if de_org else (None, j)
    while e < j and text[e] in "）)”":  # 印孚瑟斯（Infosys|）, 某大队“护水队|”: the mark closes the org
        e += 1
        org = (org[0], e)
    if e < j and text[e] in "（(":  # 尼共（联合马列）: the parenthesised part stays with the org
        close = text.find("）" if text[e] == "（" else ")", e, j)
        if close > 0:
            e = close + 1
            org = (org[0], e)
    committee = _PARTY_COMMITTEE.match(text, e, j)
    if committee and committee.end() == j and e - org[0] >= 2:  # 某局|党委 书记: the committee is
        e = j                                                      # the org (annotation.md)
        org = (org[0], e)
    lead = _POST_TIME.match(text[org[0]:org[1]])
    if lead and org[1] - org[0] - lead.end() >= 2 and _time_word_alone(ctx, org[0], org[0] + lead.end()):
        org = (org[0] + lead.end(), org[1])  # 原|总政治部 副主任: a time word, not the org
    if text[org[0]] == "驻" or org[0] > 0 and text[org[0] - 1] == "驻":
        return None, j  # 本报驻加拿大记者: stationed there, not part of it
    org = _last_of_two(ctx, _place_after_org(ctx, _party_role_dropped(ctx, org)))
    if text[org[0]:org[1]] in _GENERIC_ORGS and not (org[0] == 0 or text[org[0] - 1] in tl.PUNCT) \
            or text[org[0]:org[1]] in _COLLECTIVE_ORGS:
        return None, j  # 该公司董事长; a clause's own 公司副总经理X names the story's company
    if text.startswith(_UNNAMED, org[0]) or org[0] > 0 and text[org[0] - 1] in _UNNAMED \
            or _unnamed_before(ctx, org[0], floor):
        return None, j  # 某部副站长X, 某陆航旅飞行员X: an unnamed unit (docs/annotation.md)
    if org[1] - org[0] == 1 and text[org[0]] not in tl.country_abbr():
        return None, j  # 该病|区|主任, 政企|云|总裁: one character names no organisation
    dropped = _DROPPED.match(text, e, j)
    return org, (j if rank or dropped and dropped.end() == j else e)  # 某院|原|副院长: 原 is no part of it


def _unnamed_before(ctx: _Ctx, s: int, floor: int) -> bool:
    """An unnamed unit's marker (某/r, 某团/r) a few words before ``s`` in the same phrase: the
    org found from ``s`` is the tail of that unit (空军某团|飞行|大队 大队长X: the run stopped at the
    verb 飞行), no named organisation."""
    lo = max(floor, s - 6)
    k = max(ctx.text.rfind(u, lo, s) for u in _UNNAMED)
    if k < 0 or any(c in tl.PUNCT for c in ctx.text[k:s]):
        return False
    tok = ctx.tok(k)
    return bool(tok and tok[0] == k and tok[2].startswith("r"))


def _nouns_only(ctx: _Ctx, s: int, e: int) -> bool:
    """``text[s:e]`` is common nouns only (书法, 电子商务): jieba words tagged n/vn, no name."""
    k = ctx.tok_index(s)
    while 0 <= k < len(ctx.toks) and ctx.toks[k][0] < e:
        flag = ctx.toks[k][2]
        if not flag.startswith(("n", "vn")) or flag.startswith("nr"):
            return False
        k += 1
    return True


# What points back to an organisation named before (该委员会, 该校): title_words org_anaphor.
_ANAPHORS = tl.title_words("org_anaphor")


def _anaphor_before(ctx: _Ctx, pos: int, floor: int) -> Optional[CharSpan]:
    """The anaphor word ending at ``pos`` (该, or one glued to a unit: 该校/r), as (start, end of
    the anaphor, where the unit starts); None when there is none."""
    tok = ctx.tok(pos - 1) if pos > floor else None
    if not tok or tok[1] != pos or tok[0] < floor or not tok[2].startswith("r"):
        return None
    word = ctx.text[tok[0]:pos]
    a = next((a for a in _ANAPHORS if word.startswith(a)), None)
    return (tok[0], tok[0] + len(a)) if a else None


def _unit_end(ctx: _Ctx, s: int, j: int) -> int:
    """Where the unit after 该 ends before a title at ``j``: at ``j``, or after an org word at
    ``s`` that common nouns follow (该|公司|人事 负责人: 人事 is the post's field)."""
    text = ctx.text
    if s >= j or tl.ends_with_org_head(text[s:j]):
        return j
    tok = ctx.tok(s)
    if tok and tok[0] == s and tok[1] < j and tl.ends_with_org_head(text[s:tok[1]]) \
            and _nouns_only(ctx, tok[1], j):
        return tok[1]
    return j


# An indefinite count before a noun (一家床垫厂): a kind of unit, no named organisation.
_INDEFINITE = regex.compile(r"一[家个所座间]$")


def _antecedent(ctx: _Ctx, anaphor: CharSpan, unit: str) -> Optional[CharSpan]:
    """The organisation ``该`` + unit points back to: the last ORG entity before it that ends
    with the unit (某华侨救灾委员会…该委员会, 某中学…该校) and is longer than the bare unit;
    None where the text named none (该企业董事长X: org null, docs/annotation.md) or only a
    kind of unit (一家床垫厂…该厂)."""
    if not unit:
        return None
    best = None
    for a, b in ctx.orgs:
        if b <= anaphor[0] and b - a > len(unit) + 1 and ctx.text.endswith(unit, a, b) \
                and not _INDEFINITE.search(ctx.text, max(0, a - 2), a) and (best is None or b > best[1]):
            best = (a, b)
    return best


# 的 (and a count, 的一名) between an organisation and a title: 某学院的老师X, 某基地的负责人.
_DE_BEFORE_TITLE = regex.compile(r"的(?:一名|一位|一个)?$")


def _org_before_de(ctx: _Ctx, j: int, floor: int) -> Optional[CharSpan]:
    """``某学院的老师X``: an organisation, named by an entity or an org ending, before 的."""
    m = _DE_BEFORE_TITLE.search(ctx.text, max(floor, j - 3), j)
    if not m or m.start() <= floor:
        return None
    org, _ = org_before(ctx, m.start(), floor, m.start())
    return org if org and _proven_org(ctx, org) and not _is_place(ctx, org) else None


def _copula_before(ctx: _Ctx, start: int) -> Optional[str]:
    """The copula right before a title's organisation (是, 担任, 作为: 他是某院研究员)."""
    m = _COPULA.search(ctx.text, max(0, start - 6), start)
    return m.group(1) if m else None


def _may_appose(ctx: _Ctx, e: int) -> bool:
    """What follows a title at ``e`` allows a name tied to it by a copula: 的 or ， and a name
    (担任村支书的关某, 作为主任，余某), or the clause's end (王某是某院研究员。)."""
    text = ctx.text
    return text[e:e + 1] in ("的", "，") or e == len(text) or text[e] in _CLAUSE_END


def _apposed(ctx: _Ctx, start: int, e: int) -> tuple[Optional[CharSpan], Optional[CharSpan]]:
    """A person a copula ties to a title with no name right after it: (name after, name
    before). ``已担任某大学教授的罗某``, ``作为某医院病区主任，余某…`` name the person after;
    ``邰某是某研究院助理研究员。``, ``赵某，是某公司邮递员。`` before the copula."""
    text = ctx.text
    cop = _copula_before(ctx, start)
    if cop is None:  # 涂某，某村十组的村民小组长，…: a name and its title set off by commas
        if start > 0 and text[start - 1] == "，" and text[e:e + 1] == "，":
            return None, name_before(ctx, start - 1, strong_only=True)
        return None, None
    if text[e:e + 1] == "的" or text[e:e + 1] == "，" and cop in _AS_COPULAS:
        name = name_after(ctx, e + 1)
        if name and (_strong_name_at(ctx, e + 1) or text[e] == "的" and text[name[1]:name[1] + 1] == "，"):
            return name, None  # 担任村支书的关某，…: a surname guess closed by a comma
        return None, None
    if cop in _AS_COPULAS or not (e == len(text) or text[e] in _CLAUSE_END):
        return None, None
    k = _COPULA.search(text, max(0, start - 6), start).start()
    k -= 1 if k > 0 and text[k - 1] == "，" else 0
    return None, name_before(ctx, k, strong_only=True)


def _time_word_alone(ctx: _Ctx, s: int, e: int) -> bool:
    """The time word ``text[s:e]`` (原, 前) stands alone before the org: jieba cuts it off and
    a word of two or more characters (or an entity) follows (前|外交部, 原|铁道部). Inside a
    name it stays: 前门|街道 (one word), 前|海|某基金 (a one-character word after it is the
    name's: 前海)."""
    tok, nxt = ctx.tok(s), ctx.tok(e)
    if not tok or tok[:2] != (s, e) or not nxt or nxt[0] != e:
        return False
    ent = ctx.org_at.get(e + 1)
    return nxt[1] - nxt[0] >= 2 or bool(ent and ent[0] == e)


def _party_role_dropped(ctx: _Ctx, org: CharSpan) -> CharSpan:
    """``主办方|某市某文化中心`` 主任: a party's role word (主办方, 承办方, 合作方) before an entity
    that starts the org says which side the org is, it is no part of its name."""
    s, e = org
    tok = ctx.tok(s)
    if not tok or tok[0] != s or tok[1] - s < 2 or not ctx.text.endswith("方", s, tok[1]):
        return org
    starts = any(a == tok[1] for a, _, _ in ctx.orgish_within(tok[1], e))
    return (tok[1], e) if starts and tl.ends_with_org_head(ctx.text[s:e]) else org


def _place_after_org(ctx: _Ctx, org: CharSpan) -> CharSpan:
    """``欧盟轮值主席国|英国`` 外交大臣: a place ending the run after another organisation is the
    org (``中国驻法国`` stays whole: 中国 is a place, not an organisation)."""
    s, e = org
    last = ctx.tok(e - 1)
    loc = next((a for a in ctx.loc_by_end.get(e, ()) if a > s), None)
    start = loc if loc is not None else (last[0] if last and last[1] == e and last[2] == "ns" else None)
    if start is None or start <= s:
        return org
    tail = ctx.text[start:e]
    if tail in _STATE_WORDS:
        return org  # 缅甸联邦|共和国: a generic form of state, the name's own end
    if tl.ends_with_org_head(tail) and (not tail.endswith(_PLACE_ENDS) or any(
            len(h) > 1 and tail.endswith(h) for h in tl.org_heads())):
        return org  # 某医院|南四病区 read as a place: a unit of the org before it
    before = ctx.text[s:start]
    org_inside = any(l == "ORG" for _, _, l in ctx.orgish_within(s, start)) or \
        any(t[0] >= s and t[1] <= start and t[2] in ("nt", "j") for t in ctx.toks[ctx.tok_index(s):ctx.tok_index(start) + 1]) \
        or (tl.ends_with_org_head(before) and not before.endswith(("国", "省", "市", "县", "区", "州")))
    return (start, e) if org_inside else org


def _last_of_two(ctx: _Ctx, org: CharSpan) -> CharSpan:
    """``A和B``/``A与B``/``A及B`` where both halves are organisations (or A is a person), or B
    is a place: the title belongs to B (工业和信息化部, 通讯及新闻部 stay whole: 工业, 通讯 are no organisations)."""
    s, e = org
    k = max(ctx.text.rfind(j, s, e) for j in _JOINERS)
    if k > s and (_ends_org(ctx, s, k) or _ends_name(ctx, s, k)) and _ends_org(ctx, k + 1, e):
        return (k + 1, e)
    if k > s and _is_place(ctx, (k + 1, e)):  # 就某问题与|某国总统X会谈: a place after 与 is no
        return (k + 1, e)                       # part of one name (新闻与传播学院 is)
    return org


def _ends_name(ctx: _Ctx, s: int, e: int) -> bool:
    """``text[s:e]`` is a person's name (希拉克|与印度总理): 与 joins two parties, not one name
    (某国公正与发展党: jieba's 公正/nr after a place is no person)."""
    tok = ctx.tok(e - 1)
    return ctx.person_end.get(e) == s or bool(tok and tok[:2] == (s, e) and tok[2].startswith("nr"))


def _ends_org(ctx: _Ctx, s: int, e: int) -> bool:
    tok = ctx.tok(e - 1)
    return (tl.ends_with_org_head(ctx.text[s:e]) or ctx.orgish_last_start.get(e, -1) >= s
            or bool(tok and tok[1] == e and tok[0] >= s and tok[2] == "nt"))


def _byline(ctx: _Ctx, s: int, e: int) -> Optional[list[CharSpan]]:
    """Names after a byline title: ``（记者 吴为 倪伟）``, ``本报记者张三``, ``新华社记者李四、王五``."""
    text = ctx.text
    if not text[s:e].endswith(_BYLINE_TITLES):
        return None
    spaced = e < len(text) and text[e] in _SPACES
    before = text[max(0, s - 8):s].rstrip(" \u3000\u00a0")  # 据新华社电  记者X
    if not (spaced or s == 0 or before.endswith(_BYLINE_BEFORE)):
        return None  # 接受记者采访: not a byline
    names: list[CharSpan] = []
    i = e
    while i < len(text):
        while i < len(text) and text[i] in _SPACES:
            i += 1
        if spaced:
            j = i
            while j < len(text) and is_han(text[j]) and j - i < 5 and not (
                    j - i >= 2 and text.startswith(_BYLINE_WORDS_AFTER, j)):  # 记者  王某某整理
                j += 1
            pad = j + 1 if text[j + 1:j + 2] in _SPACES else j  # 朱  磊: padded by one or two spaces
            if j - i == 1 and text[j:j + 1] in _SPACES and is_han(text[pad + 1:pad + 2]) \
                    and (not is_han(text[pad + 2:pad + 3]) or text.startswith(_BYLINE_WORDS_AFTER, pad + 2)):
                j = pad + 2  # 本报记者 徐 靖: a two-character name padded to the width of three
            name: Optional[CharSpan] = (i, j) if 2 <= j - i <= 4 and tl.surname_at(text, i) else None
        else:
            name = _surname_name(ctx, i, strict=False)
            if name and not text.startswith(_BYLINE_AFTER, name[1]) and name[1] < len(text):
                name = None  # 记者|从市|教育局获悉: a byline name ends at 报道/摄/）/、
        if not name or name[1] in ctx.title_at:
            break
        names.append(name)
        i = name[1]
        if i < len(text) and text[i] == "、" or (spaced and i < len(text) and text[i] in _SPACES):
            i += 1
            continue
        break
    return names or None


def _agency_before(ctx: _Ctx, s: int, floor: int) -> Optional[CharSpan]:
    """The news agency of a credit line right before a byline at ``s`` (据某社电  记者X,
    某社电  （记者X）): an ORG entity followed by 电 only."""
    for a, b, label in reversed(ctx.orgish_within(max(floor, s - 16), s)):
        if label == "ORG" and _AGENCY_DATELINE.fullmatch(ctx.text, b, s):
            return (a, b)
    return None


def find(text: str, ents: list[tuple[int, int, str]], toks: list[Tok],
         word_tag: Optional[WordTag] = None) -> Found:
    """All designations and role descriptions in ``text``, left to right. ``word_tag`` tells
    dictionary words from jieba's guesses, so a name it cut (盛来|运在) is still read."""
    ctx = _Ctx(text, ents, toks, word_tag)
    hon = tl.honorifics()
    designations: list[Designation] = []
    roles: list[Seg] = []
    chain: list[Seg] = []
    floor = 0
    for s, e in ctx.titles:
        if s < floor:
            continue
        names = _byline(ctx, s, e)
        if names:
            org, _ = org_before(ctx, s, floor, e)
            org = org or _agency_before(ctx, s, floor)
            for n in names:
                designations.append(Designation(n, [Seg((s, e), org)]))
            floor = names[-1][1]
            chain = []
            continue
        occupation = tl.is_occupation(text[s:e])
        if occupation and (e in ctx.title_at or not chain and not _strong_name_at(ctx, e)
                           and name_before(ctx, s, strong_only=True, entity_only=True) is None
                           and not _may_appose(ctx, e) and not _chain_follows(ctx, e)):
            continue  # 律师协会, 医生及时发现: an occupation is a title only next to a name
            #           (or in a chain that leads to one: 某工作组成员、某局局长X);
            #           平安好医生董事长: before another title it ends a firm's name
        if not chain and not text[s:e].endswith(_BYLINE_TITLES):
            # an occupation after a name needs a real name (钢琴家: 殷某某钢琴家, no surname guess)
            before = name_before(ctx, s, strong_only=text[s:e] not in hon or occupation,
                                 entity_only=occupation)
            if before and before[0] >= floor and _org_starts(ctx, e):
                continue  # 江泽民代表|中共中央: a verb
            if before and before[0] >= floor and not _strong_name_at(ctx, e):  # 布隆迪国防部长菲尔曼
                if designations and designations[-1].person == before:
                    designations[-1].segs.append(Seg((s, e)))  # read just now for this name
                else:  # 某大学的|王某|教授: a proven org before 的 and the name is the title's
                    de_org = _org_before_de(ctx, before[0], floor) if before[0] > floor else None
                    designations.append(Designation(before, [Seg((s, e), de_org)]))
                floor = e
                continue
        linked = chain and s - 1 == chain[-1].title[1] and text[s - 1] in "兼、"
        org, t_start = (None, s) if linked else org_before(ctx, s, floor, e)
        seg = Seg((t_start, e), org, _is_place(ctx, org))
        if seg.org and text[seg.org[1]:seg.org[1] + 1] in _ORIGIN and seg.org[1] < s:
            seg.title, seg.org, seg.place = (seg.org[1] + 1, e), None, False  # 某市籍|运动员X: origin
        if seg.place and text[t_start:s].endswith(_TOPIC_DOMAINS):  # 南亚问题专家X: one phrase;
            outer = org_before(ctx, org[0], floor, org[0])[0] if org[0] > floor and not occupation else None
            seg.title, seg.org, seg.place = (org[0], e), outer, _is_place(ctx, outer)  # 联合国|某国问题特使
        if occupation and seg.org and (not seg.place and not _proven_org(ctx, org)
                                       or seg.place and text[org[0]:org[1]] in _COUNTRIES):
            seg.org, seg.place = None, False  # 互联网|养老护理员X: a domain; 法国|学者X: a nationality (annotation.md)
        if text[s:e] in _NEEDS_ORG and (seg.org is None or seg.place):
            floor = e  # 台湾学生X, 学生们: a pupil is a title only with the school (某中学学生X)
            continue
        if linked and org is None and not occupation:  # 某院学部委员、考古学家X: a scholar of no org
            # 某院党委书记兼院长X: 兼 like 、 (the unit, not its committee)
            seg.org = _committee_unit(ctx, chain[-1].org, (s, e), carry=True)
            seg.place = _is_place(ctx, seg.org)
        elif org is None and s > 0 and text[s - 1] == "、" and designations \
                and designations[-1].person[1] == s - 1:  # 某大学党委书记A、校长B: 校长 of 某大学
            seg.org = _committee_unit(ctx, designations[-1].segs[0].org, (s, e), in_chain=False)
        chain.append(seg)
        if e < len(text) and text[e] in "兼、" and (e + 1) in ctx.title_at or _next_seg_after(ctx, e):
            floor = e + 1
            continue
        person = name_after(ctx, e)
        if person and occupation and _frequent_word_guess(ctx, person):
            person = None  # 集纳专家|智慧: a common noun's object, not a name
        if not person and text[e:e + 1] == "”" and text[chain[0].title[0] - 1:chain[0].title[0]] == "“":
            person = name_after(ctx, e + 1)  # “第一书记”X: a title in quotation marks
        before = None
        if not person:
            first = chain[0]
            lead = min(first.org[0] if first.org else first.title[0], _run_start(ctx, first.title[0], 0))
            person, before = _apposed(ctx, lead, e)
            if person and text[chain[-1].title[0]:e] in _DEGREES:
                chain = []  # 作为某大学的博士，X: the name is read, the degree is no title
        if before:  # 王某是某研究院助理研究员。: the name stands before the copula
            designations.append(Designation(before, chain))
            floor = e
        elif person:
            d = Designation(person, chain)
            m = LATIN_PAREN.match(text, person[1])
            if m:
                d.alias = m.span(1)
            designations.append(d)
            floor = m.end() if m else person[1]
            # titles right after the name (吴曼青院士, 朱皞罡博士) have no organisation
            while ctx.title_at.get(person[1]) and floor == person[1]:
                pe = ctx.title_at[person[1]]
                d.segs.append(Seg((person[1], pe)))
                floor = pe
            for other in _shared_names(ctx, floor):  # 国务院副总理朱镕基、钱其琛
                designations.append(Designation(other, [Seg(sg.title, sg.org) for sg in chain]))
                floor = other[1]
        else:
            # an occupation with no name is no role (医院的医生: the job, not a post)
            roles.extend(sg for sg in chain if sg.org and _proven_org(ctx, sg.org)
                         and not tl.is_occupation(text[sg.title[0]:sg.title[1]]))
            floor = e
        chain = []
    _congress_deputies(ctx, designations)
    return Found(designations, roles)


# The deputy's title and the congresses a report names its deputies of (全国人大代表).
_DEPUTY = "代表"
_CONGRESSES = tl.title_words("congress")


def _congress_deputies(ctx: _Ctx, designations: list[Designation]) -> None:
    """A bare 代表 next to a name (某协会副主席张三代表说, ——李四代表) in a report that names
    the deputies of one congress (全国人大代表…) is that congress's deputy, as a reader of a
    session report takes it (docs/annotation.md: one title also where a headline says X代表);
    the org points at the congress's first mention before 代表. A 代表 glued to other words
    (学生代表X) is left alone, and so is a report that also names another body's deputies
    (某市人大代表X): there the bare title is ambiguous."""
    text = ctx.text
    body = next(((k, k + len(b)) for b in _CONGRESSES if (k := text.find(b + _DEPUTY)) >= 0), None)
    if body is None:
        return
    deputies = [seg for d in designations for seg in d.segs if text[seg.title[0]:seg.title[1]] == _DEPUTY]
    if any(seg.org and _proven_org(ctx, seg.org) and not text.endswith(text[body[0]:body[1]], *seg.org)
           for seg in deputies):
        return  # 某市人大代表X beside 全国人大代表Y: which congress a bare 代表 is, is not said
    for d in designations:
        for seg in d.segs:
            s = seg.title[0]
            if seg.org is None and text[s:seg.title[1]] == _DEPUTY and (
                    s == d.person[1] or s == 0 or text[s - 1] in tl.PUNCT):
                seg.org = body


def _committee_unit(ctx: _Ctx, org: Optional[CharSpan], title: CharSpan,
                    in_chain: bool = True, carry: bool = False) -> Optional[CharSpan]:
    """The org a title after ``、`` with none of its own takes from the title before it, as a
    reader infers it (docs/annotation.md): the text names the place or unit once for the whole
    chain. 浙江省委常委、常务副省长 → 浙江省 (the province's government); 某局党组书记、局长 →
    某局; a post of the committee itself (省委常委、副书记) keeps 浙江省委 within one person's
    chain, and gets null after another person's name (市委书记A、副书记B, as the titles dev
    sets mark it). Only a committee shows where its unit ends: 中共中央总书记、国家主席 and
    市委书记、市长 (no place named) stay null."""
    if org is None:
        return None
    text = ctx.text
    if carry and text[org[0]:org[1]].endswith(_PARTY_ENDS):  # 某国某某党总书记、首相X: the party's
        first = ctx.tok(org[0])  # country, not the party
        place = first[:2] if first and first[0] == org[0] and first[1] < org[1] and first[2] == "ns" else None
        return next(((a, b) for a, b, label in ctx.orgish_within(*org)
                     if label == "LOC" and a == org[0] and b < org[1]), place)
    m = _COMMITTEE_END.search(text, org[0], org[1])
    if not m or m.end() != org[1]:
        # 某局新闻发言人、总经济师X: the chain states the org once for both (docs/annotation.md);
        # 中共中央总书记、国家主席: a title naming its own scope (国家…) takes nothing
        return org if carry and not text.startswith(_SCOPED_TITLES, title[0]) else None
    if text[title[0]:title[1]].endswith(_PARTY_POSTS):
        return org if in_chain else None
    start = org[0] + 2 if text.startswith("中共", org[0]) else org[0]  # 中共|浙江省委
    return (start, m.start()) if m.start() - start >= 2 else None


def _is_place(ctx: _Ctx, org: Optional[CharSpan]) -> bool:
    """An org that is only a place (美国|国务卿, 浙江省|省长, 某村|村支书): a LOC entity, a
    name ending in a place character with no organisation inside, or place words (jieba ns)
    from end to end; docs/annotation.md makes it an entity LOC."""
    if org is None or org in ctx.orgs:
        return False
    if org in ctx.places:
        return True
    text = ctx.text
    name = text[org[0]:org[1]]
    if name.endswith(_PLACE_ENDS) and len(name) >= 3 and not tl.ends_with_org_head(name[:-1]) \
            and not any(l == "ORG" for _, _, l in ctx.orgish_within(*org)):
        return True  # 江南省|省长, 白鹿村|村支书: a place name ending, no organisation inside
    if tl.ends_with_org_head(name):
        return False
    k = ctx.tok_index(org[0])
    toks = []
    while 0 <= k < len(ctx.toks) and ctx.toks[k][0] < org[1]:
        toks.append(ctx.toks[k])
        k += 1
    return bool(toks) and toks[0][0] == org[0] and toks[-1][1] == org[1] \
        and all(f == "ns" for _, _, f in toks)


def _org_starts(ctx: _Ctx, i: int) -> bool:
    """An organisation starts at ``i``: a title word before it is a verb (江泽民代表|党中央)."""
    tok = ctx.tok(i)
    return i in ctx.orgish_starts or bool(tok and tok[0] == i and tok[2] == "nt")


def _shared_names(ctx: _Ctx, i: int) -> list[CharSpan]:
    """Names listed after a designated person with 、 that share the titles: each one must be
    followed by 、/，/。/等/和 or a verb, never by a title of its own."""
    out: list[CharSpan] = []
    text = ctx.text
    while i < len(text) and text[i] == "、":
        n = name_after(ctx, i + 1)
        if not n or n[1] in ctx.title_at or not _ends_list_item(ctx, n[1]) or _org_title_at(ctx, n[1]):
            break
        out.append(n)
        i = n[1]
    return out


def _org_title_at(ctx: _Ctx, i: int) -> bool:
    """An organisation starting at ``i`` runs into a title (A政委X、陆军|指挥学院政委Y: jieba's
    陆军/nr starts the next person's unit, no name sharing X's titles)."""
    k = bisect.bisect_left(ctx.titles, (i + 1, 0))
    if k == len(ctx.titles) or ctx.titles[k][0] - i > _CHAIN_ORG_MAX:
        return False
    s, e = ctx.titles[k]
    org, _ = org_before(ctx, s, i, e)
    return org is not None and org[0] == i


def _ends_list_item(ctx: _Ctx, i: int) -> bool:
    if i >= len(ctx.text) or ctx.text[i] in "、，。；）)等和\n":
        return True
    tok = ctx.tok(i)
    return bool(tok and tok[0] == i and tok[2].startswith(("v", "p", "d", "l")))  # 陈某|出席会议/l


def _proven_org(ctx: _Ctx, org: CharSpan) -> bool:
    """An org named by an entity or an org ending, not just by its place in a list."""
    return org in ctx.orgish or tl.ends_with_org_head(ctx.text[org[0]:org[1]])


def _chain_follows(ctx: _Ctx, e: int) -> bool:
    """``、``/``兼`` and another post (or a title with its own org) follow the title ending at
    ``e``: 某指导组成员、某局局长X; not a list of occupations (运动员、裁判员)."""
    nxt = ctx.title_at.get(e + 1)
    return e < len(ctx.text) and ctx.text[e] in "、兼" and (
        nxt is not None and not tl.is_occupation(ctx.text[e + 1:nxt]) or _next_seg_after(ctx, e))


# The longest organisation a 、 chain may name before its next title (推进“一带一路”建设工作领导小组).
_CHAIN_ORG_MAX = 24


def _next_seg_after(ctx: _Ctx, e: int) -> bool:
    """``、``/``兼`` followed by another ORG+TITLE with no name between (长沙市委常委、浏阳市委书记,
    联合国副秘书长兼亚太经社会执行秘书)."""
    if e >= len(ctx.text) or ctx.text[e] not in "、兼":
        return False
    k = bisect.bisect_left(ctx.titles, (e + 2, 0))  # the first title after the mark
    if k == len(ctx.titles) or ctx.titles[k][0] - (e + 1) > _CHAIN_ORG_MAX:
        return False
    s, te = ctx.titles[k]
    org, _ = org_before(ctx, s, e + 1, te)
    if org is None:  # 全国人大代表、海军某驱逐舰舰长X: an unnamed unit (org null) also carries
        unit = ctx.text[e + 1:s]  # the chain on to the name
        return any(u in unit for u in _UNNAMED) and not any(c in tl.PUNCT for c in unit)
    return org[0] == e + 1


# What may stand right before a speaker's name: a clause or sentence start, a closing quote
# mark, or 据 there (据张三介绍).
_NAME_LEFT = regex.compile(r"(?:^|(?<=[，。！？；：、”」）)\n\u3000]))据?", regex.M)
# POS tags of a given-name part that no given name is: a verb, an adverb, a function word.
_NOT_GIVEN = ("v", "d", "c", "p", "r", "m", "q", "f", "u", "t")
_FUNCTION = ("c",)
# Last characters of office names (高教司, 财政厅); given names hardly end so (unlike 国, 华).
_OFFICE_ENDS = tl.office_ends()
_OFFICE_END_RE = regex.compile(f"[{''.join(sorted(_OFFICE_ENDS))}](?={HAN})")
_NOT_GIVEN_CHARS = frozenset(tl.title_words("not_given_char"))
# A surname rarer than this whose character is a word more frequent than _WORD_NOT_SURNAME in
# jieba's dictionary (有, 是, 其) starts no name before a cue.
_RARE_SURNAME = 50
_WORD_NOT_SURNAME = 50000
# A given-name part this frequent in jieba's dictionary is a common word (有|消息), unless
# jieba tags it as a name or place (李|建国).
_COMMON = 500
_NOT_GIVEN_WORDS = frozenset(tl.title_words("not_given_word"))


# A line that is only a dash and a short name, signing the paragraph before it (an epigraph)
_SIGNATURE_RE = regex.compile(rf"(?m)^[ \t\u3000]*——[ \t\u3000]*({HAN}{{2,4}})[ \t\u3000]*$")


def cue_names(text: str, ents: list[tuple[int, int, str]], word_tag: WordTag) -> list[CharSpan]:
    """Names the ner stage missed right before a speech cue (``“…”盛来运说``, ``张三在接受
    记者采访时表示``, ``据阎立新介绍``, ``逯建国厅长说``, ``执法局颜鲲表示``): a surname and one or
    two characters that fill the whole gap between a clause start or an ORG entity and the cue
    (or a title before it), and are no common word; and a name alone on an epigraph's
    signature line (``——张三``, the dash its cue). A one-character non-PERSON entity does
    not block a name (a model may read a rare surname as a place abbreviation)."""
    taken = bytearray(len(text))
    for s, e, label in ents:  # one character (a model's 中/美 guess, or 逯 of 逯建国) blocks not
        if label != "PERSON" and e - s > 1:
            taken[s:e] = b"\x01" * (e - s)
    out: list[CharSpan] = []
    starts = [m.end() for m in _NAME_LEFT.finditer(text)]
    starts += [e for _, e, label in ents if label == "ORG"]  # 市综合执法局颜鲲表示
    starts += [m.end() for m in _OFFICE_END_RE.finditer(text)  # an org the ner missed, not a
               if not tl.title_regex().match(text, m.start())]  # title (部长)
    for i in sorted(set(starts)):
        span = _gap_name(text, i)
        if span and span[0] == i and tl.surname_at(text, i + 1):
            lead = word_tag(text[i])
            if lead and lead[0].startswith(_FUNCTION):  # ，但王飞说: 但 is a conjunction here
                span = _gap_name(text, i + 1)
        if span is None or any(taken[span[0]:span[1]]) or out and span[0] < out[-1][1]:
            continue  # 科科申说: not 科申 after an office 科
        s, e = span
        sur = tl.surname_at(text, s)
        if _plausible_name(text[s:e], sur, word_tag) and not _glued_to_cue(text, e, word_tag) \
                and not _word_not_surname(sur, word_tag):
            out.append(span)
    for m in _SIGNATURE_RE.finditer(text):  # “…” / ——张三: an epigraph's signature line
        s, e = m.span(1)
        sur = tl.surname_at(text, s)
        if sur and 1 <= e - s - len(sur) <= 2 and not any(taken[s:e]) \
                and _plausible_name(text[s:e], sur, word_tag) and not _word_not_surname(sur, word_tag):
            out.append((s, e))
    return sorted(out)


def _gap_name(text: str, i: int) -> Optional[CharSpan]:
    """Surname + one or two characters from ``i`` with a speech cue (or a title and a cue)
    right after them; no surname and title (王副部长表示: speakers.resolve.Registry reads that)."""
    sur = tl.surname_at(text, i)
    if not sur or tl.title_regex().match(text, i + len(sur)):
        return None
    for n in (1, 2):
        e = i + len(sur) + n
        title = tl.title_regex().match(text, e)  # “…”逯建国厅长说
        if title and title.group().endswith(_COMPANY_TITLES):
            return None  # 台彩董事长表示: a company more often than a person
        if tl.cue_after_name().match(text, title.end() if title else e):
            return (i, e)
    return None


def _word_not_surname(sur: str, word_tag: WordTag) -> bool:
    """A character far more often a word than a surname: a locative or particle (杂志|上|撰文),
    or a very frequent word that is a rare surname (有个说法, 是个…)."""
    word = word_tag(sur) if len(sur) == 1 else None
    return bool(word and (word[0].startswith(("f", "u", "y"))
                          or word[1] >= _WORD_NOT_SURNAME and tl.surname_freq().get(sur, 0) < _RARE_SURNAME))


def _glued_to_cue(text: str, e: int, word_tag: WordTag) -> bool:
    """The cue is part of a common word: with the name's last character (广纳|传说, 还|听说)
    or with the character after it (有个|说法)."""
    cue = tl.cue_after_name().match(text, e)
    pairs = [text[e - 1:e + 1]] + ([text[cue.end() - 1:cue.end() + 1]] if cue else [])
    return any(w and w[1] >= _COMMON and not w[0].startswith("nr") for w in map(word_tag, pairs))


def _plausible_name(name: str, sur: str, word_tag: WordTag) -> bool:
    """Not a common word (王国, 中方, 马上) and no verb or function word after the surname."""
    given = name[len(sur):]
    if not all(is_han(c) for c in name) or any(c in tl.NAME_STOP or c in _NOT_GIVEN_CHARS
                                                   for c in given):
        return False  # 高兴地说, 代表们认为, 但他说
    if name[-1] in _OFFICE_ENDS:
        return False  # 高教司表示: an office, not a person
    word = word_tag(name)
    if word is not None and (not word[0].startswith("nr") or word[1] >= _COMMON):
        return False  # 王国, 中方; 阿根廷 (tagged nr, but far too frequent for one person)
    head = word_tag(name[:2]) if len(sur) == 1 and len(given) == 2 else None
    if head and head[1] >= _COMMON and not head[0].startswith(("nr", "ns")):
        return False  # 信息|来说
    if given in _NOT_GIVEN_WORDS or tl.title_regex().fullmatch(given) or given in tl.honorifics():
        return False  # 李总理, 王总, 张老: a surname with a title, which speakers.resolve.Registry reads
    gword = word_tag(given) if len(given) > 1 else None
    return not (gword and (gword[0].startswith(_NOT_GIVEN)  # 王|许多
                           or gword[1] >= _COMMON and not gword[0].startswith(("nr", "ns"))))
