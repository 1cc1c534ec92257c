"""High-precision lexicon and pattern entities (ORG, LOC, PERSON) for modern government news.

The statistical NER is trained on 1990s newspapers; it misses today's bodies and their
abbreviations (国家网信办, 工信部), long compositional names (浙江省人民政府信息公开办公室,
北京金山云网络技术有限公司) and foreign names written with ``·``. These rules cover them and
their spans win over overlapping model spans, so every rule prefers silence to a guess:

* lexicon lookup (orgs, places, towns; ``blockers`` are words that contain a short place name
  but are not places, 大理石 and 三明治), left-to-right longest match; a specific body named
  without its place (市政府, 法院: ``bare_body`` in rule_words) and the armed services (海军)
  only as whole jieba words;
* ``[place | ORG] + body words + org suffix``, repeated, as one maximal ORG span
  (国家网信办信息化发展局, 清华大学国家治理研究院); a venue suffix makes the span a LOC
  (乌镇会议中心);
* a company legal form (…股份有限公司) after a name whose left edge is clear;
* foreign names with a middle dot, and a Latin alias in brackets right after a PERSON/ORG.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import AbstractSet, Optional

import numpy as np
import regex

from .. import lexicon
from ..text import HAN, is_han
from ..tokenizer.jieba_dict import base_word_tags
from .features import code_points, pair_codes, pair_starts

LabelledSpan = tuple[int, int, str]  # (start, end, label) in characters

# The kinds of lexicons/org_endings.txt that are compositional name suffixes here.
ORG_SUFFIX_KINDS = ("area", "body", "edu", "court", "company", "legal", "venue")

BARE_KINDS = ("bare", "service")   # lexicon entries of bare_body and armed_service

MAX_CHAIN = 10          # body characters between a head and a multi-character suffix
MAX_CHAIN_SHORT = 8     # … and before a one-character suffix (部, 局, 委)
MAX_COMPANY_NAME = 14   # name characters before a legal form
MAX_SPAN = 32           # a grown name longer than this is a run of names, not one


def _rule_words(kind: str) -> frozenset[str]:
    return lexicon.words("rule_words", kind)


# Characters that never occur inside the body words of a name: function words, deixis,
# numbers, and 副 (titles start there).
_CHAIN_STOP = set(_rule_words("chain_stop_char")) | set("0123456789")
# Patterns that end a name's body besides the chain_stop words of lexicons/rule_words.txt:
# a title in 长 (部长, 市长), a date (三月五日), a count of works (第一部).
_CHAIN_STOP_PATTERNS = ("[部局院厅处科市省县区镇乡村校行社所会事书员组队站署司团]长"
                        "|[一二三四五六七八九十〇两]+[年月日]|[一二三四五六七八九十两几首该每]部")
# A suffix's last character followed by these characters is an ordinary word, not a name's end.
# (部门, 局面, 会议: the ``continuation`` words of rule_words.txt)
_CONTINUATIONS = {c: {w[1] for w in _rule_words("continuation") if w[0] == c}
                  for c in {w[0] for w in _rule_words("continuation")}}
# A suffix's last character followed by 长 is a title (部长, 局长, 院长): handled generally.

# Company name left edge: characters that precede a name rather than belong to it (words:
# left_stop in lexicons/rule_words.txt).
_LEFT_STOP = set(_rule_words("left_stop_char")) | set("、，。；：！？“”‘’（）()《》〈〉「」 \t\n\r")
_DEICTIC = set(_rule_words("deictic"))

# A short place name right after a surname that starts a word is a person (，陈尚义): the
# character before the surname is not Han or ends a title or a function word.
_BEFORE_NAME = set(_rule_words("before_name")) | set("，、。；：“”（） \n")
_FULL_PLACE_END = lexicon.ordered("rule_words", "full_place_end")

# A town name ending in 乡 followed by these is the word 乡村/乡风…: 振兴乡村, 团结乡亲.
_AFTER_XIANG = {w[1] for w in _rule_words("xiang_word")}

# A short bracketed place inside a company name: 腾讯科技（深圳）有限公司.
_BRACKETED = regex.compile(f"[（(]{HAN}{{2,4}}[）)]")

_DOT = "·•‧・"
_LATIN = "A-Za-zÀ-ÖØ-öø-ÿ.'\\-"
_LATIN_ALIAS = re.compile(f"[（(]([A-ZÀ-Ö][{_LATIN}]*(?: [A-ZÀ-Ö][{_LATIN}]*){{0,4}})[）)]")
# A bracketed Han short form right after an ORG (…投资银行（亚投行）); lexicon words in brackets
# (places, known ORGs) are found by the lexicon scan itself.
_HAN_ALIAS = regex.compile(f"[（(]({HAN}{{2,6}})[）)]")
# 政府 closes a name only right after a place or an administrative level (香港特区政府).
_GOV_CHAIN = {""} | _rule_words("gov_chain")
# A country name directly followed by these is one ORG (中国海关, 美国国务院 via the lexicon).
_COUNTRY_BODIES = set(_rule_words("country_body"))
# 中国队, 中国女队, 中国国家队: a country's team is an ORG.
_TEAM_CHAIN = {""} | _rule_words("team_chain")
# "A、B、C等知名企业": a list that ends in a kind of organisation; its unknown members are ORGs
# when most members are known ones.
_ORG_LIST_END = re.compile(f"等(?:{lexicon.alternation('rule_words', 'list_modifier')})?"
                           f"(?:{lexicon.alternation('rule_words', 'list_kind')})")
_LIST_ITEM = regex.compile(f"[{HAN}A-Za-z0-9]{{2,8}}")
# Place kinds that nest (四川省成都市, 杭州市余杭区): adjacent ones make one LOC span.
_ADMIN_RANK = {"province": 0, "city": 1, "county": 2, "town": 3}
# A bracketed run of 2-4 capitalised Latin words right after Han text: a person's own name
# (郑在根（Chae Gun Chung）) unless a word marks an organisation, event or place.
_LATIN_NAME = regex.compile(
    f"(?<={HAN})[（(]([A-ZÀ-Ö][a-zß-öø-ÿ'\\-]+(?: [A-ZÀ-Ö][a-zß-öø-ÿ'\\-]+){{1,3}})[）)]")


@dataclass(frozen=True)
class _Entry:
    label: str   # ORG, LOC, or "" for a blocker
    kind: str    # lexicon kind (country, province, hand, venue, …)


@dataclass(frozen=True)
class _Tables:
    words: dict[str, _Entry]
    lengths: dict[str, tuple[int, ...]]   # first two chars -> candidate lengths, longest first
    pair_codes: np.ndarray                 # the two-char keys of ``lengths`` (``pair_codes``)
    suffix_re: re.Pattern
    suffix_kind: dict[str, str]
    legal_re: re.Pattern
    legal: tuple[str, ...]                 # company legal forms (有限公司, …)
    suffix_ends: frozenset[str]            # last characters of org suffixes (部, 局, 行, …)
    foreign_re: re.Pattern
    surnames: frozenset[str]
    chain_stop_re: re.Pattern              # titles/verbs that end body words (rule_words.txt)
    left_stop_re: re.Pattern               # words before a company name
    rule_words: dict[str, frozenset[str]]  # the other kinds of rule_words.txt


@lru_cache(maxsize=None)
def name_surnames() -> frozenset[str]:
    """Single-character surnames frequent enough (>= 100 in surnames.txt) to start a name,
    minus everyday function characters (向, 于): 陈尚义 is a person, not the county 尚义."""
    return frozenset(r[0] for r in lexicon.rows("surnames") if len(r[0]) == 1
                     and float(r[1]) >= 100 and "function" not in lexicon.kinds(r, 2))


@lru_cache(maxsize=None)
def _tables() -> _Tables:
    """Compile the lexicons once per process (≈ 0.15 s, on the first call)."""
    words: dict[str, _Entry] = {}
    entries: dict[tuple[str, str], _Entry] = {}   # one shared entry per (label, kind)
    for name, label in (("towns", "LOC"), ("places", "LOC"), ("orgs", "ORG")):
        for row in lexicon.rows(name):
            if len(row[0]) >= 2:
                key = (label, row[1] if len(row) > 1 else "")
                words[row[0]] = entries.get(key) or entries.setdefault(key, _Entry(*key))
    for kind, entry_kind in (("bare_body", "bare"), ("armed_service", "service")):
        entry = _Entry("ORG", entry_kind)
        for w in lexicon.words("rule_words", kind):
            words.setdefault(w, entry)
    blocker = _Entry("", "blocker")
    for row in lexicon.rows("blockers"):
        words.setdefault(row[0], blocker)
    by_first: dict[str, set[int]] = {}
    for w in words:
        by_first.setdefault(w[:2], set()).add(len(w))
    lengths = {k: tuple(sorted(v, reverse=True)) for k, v in by_first.items()}
    suffix_kind = {r[0]: k for r in lexicon.rows("org_endings")
                   for k in lexicon.kinds(r) if k in ORG_SUFFIX_KINDS}
    alt = "|".join(sorted(map(re.escape, suffix_kind), key=len, reverse=True))
    legal = [s for s, k in suffix_kind.items() if k == "legal"]
    legal_alt = "|".join(sorted(map(re.escape, legal), key=len, reverse=True))
    chars = "".join(sorted(lexicon.words("translit_chars", "dotted")))
    part = f"[{chars}]{{1,8}}(?:-[{chars}]{{1,8}})?"   # 奥孔乔-伊韦阿拉
    foreign = re.compile(f"[{chars}]{{1,6}}(?:[{_DOT}]{part}){{1,3}}")
    kinds: dict[str, set[str]] = {}
    for row in lexicon.rows("rule_words"):
        kinds.setdefault(row[1], set()).add(row[0])
    # Sorted, longest first: a set's order varies with PYTHONHASHSEED, and with `其` tried
    # before `其中` the left edge of `其中某某公司` would differ from one process to the next.
    def longest_first(words: set[str]) -> str:
        return "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w))))

    chain_stop = re.compile(f"{_CHAIN_STOP_PATTERNS}|{longest_first(kinds['chain_stop'])}")
    left_stop = re.compile(longest_first(kinds["left_stop"]))
    return _Tables(words, lengths, pair_codes(lengths), re.compile(alt), suffix_kind,
                   re.compile(legal_alt), tuple(legal), frozenset(x[-1] for x in suffix_kind),
                   foreign, name_surnames(), chain_stop, left_stop,
                   {k: frozenset(v) for k, v in kinds.items()})


def _ascii_word_edge(text: str, s: int, e: int) -> bool:
    """A Latin lexicon word (WTO, SAP) must not be part of a longer Latin word."""
    if not text[s].isascii():
        return True
    return not ((s > 0 and text[s - 1].isascii() and text[s - 1].isalnum())
                or (e < len(text) and text[e].isascii() and text[e].isalnum()))


def _bare_body_ok(text: str, s: int, e: int, bounds: Optional[AbstractSet[int]],
                  t: _Tables) -> bool:
    """A bare body (市政府, 法院) is one only as whole words of the tokenizer (城|市政府 is
    no city government), and not after a word that makes it the institution in general
    (各级法院, 地方政府: ``general_before``); without token bounds, never."""
    return bounds is not None and s in bounds and e in bounds \
        and not any(text.endswith(w, 0, s) for w in t.rule_words["general_before"])


def _lexicon_matches(text: str, t: _Tables, bounds: Optional[AbstractSet[int]] = None
                     ) -> list[tuple[int, int, _Entry]]:
    """Left-to-right longest non-overlapping lexicon matches (blockers included)."""
    out = []
    words, lengths = t.words, t.lengths
    i = 0   # the first position not inside a match
    # only where a word's first two chars stand (one array pass), as the char-by-char scan
    # skipped every other position
    for p in np.flatnonzero(pair_starts(code_points(text), t.pair_codes)).tolist():
        if p < i:
            continue
        for length in lengths[text[p:p + 2]]:
            w = text[p:p + length]
            entry = words.get(w)
            if entry is not None and entry.kind in BARE_KINDS \
                    and not _bare_body_ok(text, p, p + length, bounds, t):
                continue
            if entry is not None and len(w) == length and _ascii_word_edge(text, p, p + length):
                out.append((p, p + length, entry))
                i = p + length
                break
    return out


def _looks_like_person(text: str, s: int, e: int, entry: _Entry, t: _Tables) -> bool:
    """陈尚义 contains the county 尚义: a short place name after a surname at a word start."""
    if entry.label != "LOC" or entry.kind in ("country", "region", "venue") \
            or text[s:e].endswith(_FULL_PLACE_END) or s == 0 or text[s - 1] not in t.surnames:
        return False
    return s == 1 or text[s - 2] in _BEFORE_NAME or not is_han(text[s - 2])


def _chain_ok(chain: str, next_char: str, t: _Tables) -> bool:
    chain = _BRACKETED.sub("", chain, count=1)
    return not chain.startswith(("和", "与", "及")) \
        and all(is_han(c) and c not in _CHAIN_STOP for c in chain) \
        and not t.chain_stop_re.search(chain + next_char)


def ends_like_org(name: str) -> bool:
    """Whether a name ends in an organisation suffix (…学院, …表演队, …局), not in a generic
    kind of forces (…轰炸机部队: ``service_generic``)."""
    t = _tables()
    return not name.endswith(tuple(t.rule_words["service_generic"])) \
        and any(t.suffix_re.fullmatch(name, k) for k in range(max(0, len(name) - 8), len(name)))


@lru_cache(maxsize=None)
def bare_names() -> frozenset[str]:
    """The bare bodies and armed services (rule_words): short rule ORGs that a longer model
    ORG around them may replace (空军 in 空军某某飞行表演队)."""
    return lexicon.words("rule_words", "bare_body") | lexicon.words("rule_words", "armed_service")


def place_kind(name: str) -> Optional[str]:
    """The kind of a place of the lexicons (country, province, city, county, …), else None."""
    entry = _tables().words.get(name)
    return entry.kind if entry is not None and entry.label == "LOC" else None


def name_words(chain: str) -> bool:
    """Whether characters could be the words of a name (no function words, numbers,
    titles or verbs: the body words of :func:`_unit`), an organisation suffix at the end
    aside (水务 + 集团)."""
    t = _tables()
    k = next((k for k in range(len(chain)) if t.suffix_re.fullmatch(chain, k)), len(chain))
    return _chain_ok(chain[:k], "", t)


def _continues(text: str, end: int, t: _Tables) -> bool:
    """True if the character after a suffix makes it an ordinary word (部门, 局长, 会议);
    长 starting a lexicon name (银行|长沙) is not a title's 长."""
    if end >= len(text):
        return False
    nxt = text[end]
    if nxt == "长":
        return not any(text[end:end + n] in t.words for n in t.lengths.get(text[end:end + 2], ()))
    return nxt in _CONTINUATIONS.get(text[end - 1], ())


def _unit(text: str, p: int, t: _Tables, head: _Entry | None, barriers: set[int],
          company: bool = False) -> tuple[int, str] | None:
    """The nearest ``body words + suffix`` starting at ``p`` after a head: (end, kind).

    ``head`` is the place entry when the head is a bare place, None when it is an ORG. The
    body words may not run into another lexicon ORG or venue (``barriers``: their starts).
    After a company (``company``) only sub-bodies follow, not another company."""
    limit = min(len(text), p + MAX_CHAIN + 8)
    for m in t.suffix_re.finditer(text, p, limit):
        a, b = m.span()
        chain = text[p:a]
        suffix, kind = m.group(), t.suffix_kind[m.group()]
        if chain.count("（") + chain.count("(") > chain.count("）") + chain.count(")"):
            continue   # a suffix inside brackets: 海尔（集团）有限公司
        # stop words are looked for across the suffix's first character too (企业签|署)
        if len(chain) > MAX_CHAIN or not _chain_ok(chain, suffix[0], t) \
                or any(i in barriers for i in range(p, a)):
            return None
        if _continues(text, b, t) or (company and kind in ("company", "legal")):
            continue
        if suffix.endswith("政府") and (chain not in _GOV_CHAIN or head is None and chain):
            continue   # after an ORG, 县政府 is a second body (县委|县政府)
        if suffix == "中心" and head is not None and len(chain) < 2:
            continue   # 上海中心 is a building, 城市中心 a downtown
        if chain == "一" or (suffix == "队" and len(chain) > 4) \
                or (kind == "company" and len(chain) - _leading_place(text, p, t) > 4):
            continue   # 上海一银行 is "a Shanghai bank"; long bodies before 公司/队 are clauses
        national_team = (suffix == "队" and head is not None and head.kind == "country"
                         and chain in _TEAM_CHAIN)
        if len(suffix) == 1:
            place_committee = (suffix == "委" and head is not None and not chain
                               and text[p - 1] in "省市县区州旗")
            if not (place_committee or national_team) \
                    and (len(chain) < 2 or len(chain) > MAX_CHAIN_SHORT):
                continue
        if head is None and not chain and kind not in ("company", "legal") \
                and suffix not in t.rule_words["direct_sub"]:
            continue   # 东盟组织: an ORG plus a bare suffix is that ORG and a common noun
        if text[a - 1:b] in t.rule_words["not_suffix"]:
            continue   # 团政委 is a political commissar, 科研团队 a research team
        if head is not None:
            if kind == "company" or (kind == "legal" and len(chain) < 2):
                return None   # 中国公司 is "Chinese companies"; a place needs a name before 公司
            if len(chain) == 1 and len(suffix) > 1:
                continue   # 上海任银行: one character between a place and a suffix is a word
            if not chain and head.kind == "country" and suffix not in _COUNTRY_BODIES \
                    and not national_team:
                continue   # 美国大学, 日本出版社, 中国政府 are generic (gold marks the country)
        return (b, kind)
    return None


def _leading_place(text: str, p: int, t: _Tables) -> int:
    """Length of the place name starting at ``p`` (国家电网 + 山东省 + 电力公司), else 0."""
    for n in t.lengths.get(text[p:p + 2], ()):
        entry = t.words.get(text[p:p + n])
        if entry is not None and entry.label == "LOC":
            return n
    return 0


def _is_body(entry: _Entry, name: str, t: _Tables) -> bool:
    """A lexicon ORG named like a government/party body or court (ends in 院/部/委/会…),
    which attaches to a place or ORG right before it (广州市 + 越秀区人民法院)."""
    m = t.suffix_re.search(name, max(0, len(name) - 6))
    return m is not None and m.end() == len(name) and t.suffix_kind[m.group()] in ("body", "court")


def _grow(text: str, s: int, e: int, entry: _Entry, t: _Tables,
          following: dict[int, tuple[int, _Entry]], barriers: set[int]) -> LabelledSpan:
    """Extend a place/ORG head into one maximal span: nested places (四川省成都市), then
    successive body units (国家网信办 + 信息化发展局)."""
    label = entry.label
    first, first_name = entry, text[s:e]
    if entry.label == "LOC" and entry.kind == "venue":
        return (s, e, label)
    while entry.kind in _ADMIN_RANK and e in following:
        nxt_end, nxt = following[e]
        if nxt.label != "LOC" or _ADMIN_RANK.get(nxt.kind, -1) <= _ADMIN_RANK[entry.kind]:
            break
        e, entry = nxt_end, nxt
    head: _Entry | None = entry if entry.label == "LOC" else None
    company = False
    while True:
        if e - s > MAX_SPAN:
            break
        nxt = following.get(e)
        if nxt and nxt[1].label == "ORG" and nxt[1].kind not in BARE_KINDS \
                and _is_body(nxt[1], text[e:nxt[0]], t):   # 县委|县政府 are two bodies
            e, label, head = nxt[0], "ORG", None   # 墨西哥 + 参议院, 中国共产党 + 中央委员会
            continue
        unit = _unit(text, e, t, head, barriers, company)
        if unit is None:
            break
        e, kind = unit
        company = company or kind in ("company", "legal")
        if kind == "venue":
            return (s, e, "LOC")
        if kind == "area":   # 两江新区: a LOC that may still head an ORG (…新区管委会)
            label, head = "LOC", _Entry("LOC", "area")
            continue
        label, head = "ORG", None
    if label == "ORG" and s >= 2 and text[s - 2:s] == "中共":
        s -= 2
    if first.kind == "service" and text.endswith(tuple(t.rule_words["service_generic"]), s, e):
        return (s, s + len(first_name), label)   # 海军 + 舰艇部队: a kind of the navy's forces
    return (s, e, label)


def _companies(text: str, t: _Tables, taken: list[LabelledSpan]) -> list[LabelledSpan]:
    """Headless companies: a legal form after a name whose left edge is punctuation or a stop."""
    out = []
    covered = _coverage(taken)
    for m in t.legal_re.finditer(text):
        a, b = m.span()
        if a in covered or _continues(text, b, t):
            continue
        j = a
        while j > 0 and a - j < MAX_COMPANY_NAME and text[j - 1] not in _LEFT_STOP \
                and (j - 1) not in covered and not text[j - 1].isspace():
            j -= 1
        stops = [x.end() for x in t.left_stop_re.finditer(text, j, a)]
        stops += [k + 1 for k in range(j, a) if text[k].isdigit()]
        if stops:
            j = max(stops)
        while j < a and j > 0 and text[j - 1].isdigit() and text[j] in "年月日号家个":
            j += 1   # 8日 / 3家 + name: the date or count is not part of it
        name = text[j:a]
        if len(name) >= 2 and name[0] not in _DEICTIC and any(is_han(c) for c in name):
            out.append((j, b, "ORG"))
    return out


def _place_before_company(text: str, spans: list[LabelledSpan], t: _Tables) -> list[LabelledSpan]:
    """北京 + 字节跳动科技有限公司 is one ORG: a place right before a legal-form company."""
    by_start = {s: (e, label) for s, e, label in spans}
    out = []
    for s, e, label in sorted(spans):
        nxt = by_start.get(e)
        if label == "LOC" and nxt and nxt[1] == "ORG" and text[e:nxt[0]].endswith(t.legal):
            out.append((s, nxt[0], "ORG"))
        else:
            out.append((s, e, label))
    return out


def _coverage(spans: list[LabelledSpan]) -> set[int]:
    return {i for s, e, _ in spans for i in range(s, e)}


def _cut_word_start(text: str, last: int, e: int,
                    bounds: Optional[AbstractSet[int]]) -> int:
    """Where a dotted name's last part must end when its last characters start a common word
    of the segmentation that runs past it (某某·普朗克|比较法研究所, 某某·布朗森|博士): the start
    of that word, if the last part keeps two characters and the word is a jieba dictionary
    word that is no name; else ``e``."""
    if not bounds or e in bounds:
        return e
    start, end = e - 1, e + 1  # the word across e: its edges are a few characters away
    while start > 0 and start not in bounds:
        start -= 1
    while end < len(text) and end not in bounds:
        end += 1
    tag = base_word_tags().get(text[start:end], "nr") if start in bounds and end in bounds else "nr"
    return start if start - last >= 2 and not tag.startswith("nr") else e


def _foreign_names(text: str, t: _Tables,
                   bounds: Optional[AbstractSet[int]] = None) -> list[LabelledSpan]:
    """Dotted names; a leading 理 that closes a title (总经理理查德·…) is not the name's, nor a
    verb after it made of the same characters (…·…来华访问), nor the first characters of a
    common word after it (``_cut_word_start``)."""
    out = []
    for m in t.foreign_re.finditer(text):
        s = m.start()
        if s > 0 and text[s - 1:s + 1] in t.rule_words["title_pair"]:
            s += 1
        e = m.end()
        last = max(text.rfind(d, s, e) for d in _DOT) + 1
        for verb in t.rule_words["verb_after_name"]:   # 某某·某某来华访问: 来华 is the verb
            k = text.find(verb, last + 1, e + len(verb) - 1)
            if k > last:
                e = min(e, k)
        e = _cut_word_start(text, last, e, bounds)
        if any(text.find(d, s, e) > s for d in _DOT):
            out.append((s, e, "PERSON"))
    return out


@lru_cache(maxsize=None)
def _anonymised_re() -> re.Pattern:
    """Surname + 某某 (or 某 before no noun of ``mou_noun``): a person the text leaves unnamed,
    a PERSON (被告人祁某某); any single-character surname but function characters (向某地)."""
    chars = "".join(sorted(r[0] for r in lexicon.rows("surnames") if len(r[0]) == 1
                           and "function" not in lexicon.kinds(r, 2)))
    nouns = "".join(sorted(_rule_words("mou_noun")))
    return re.compile(f"[{re.escape(chars)}](?:某某|某(?![{nouns}]))")


def _anonymised_names(text: str) -> list[LabelledSpan]:
    return [(m.start(), m.end(), "PERSON") for m in _anonymised_re().finditer(text)
            if m.start() == 0 or text[m.start() - 1] in _BEFORE_NAME
            or not is_han(text[m.start() - 1])]


def _aliases(text: str, spans: list[LabelledSpan], t: _Tables) -> list[LabelledSpan]:
    """``埃利奥特·哈里斯（Elliott Harris）``, ``亚洲基础设施投资银行（亚投行）``: a bracketed
    Latin name, or a Han short form of an ORG, is a second span with the label of the span it
    follows (gold marks aliases so)."""
    out = []
    for s, e, label in spans:
        if label not in ("PERSON", "ORG"):
            continue
        short = _HAN_ALIAS.match(text, e) if label == "ORG" else None
        if short and short.group(1)[-1] in t.suffix_ends and short.group(1) not in t.words \
                and short.group(1) not in t.suffix_kind \
                and short.group(1) not in t.rule_words["not_alias"]:
            out.append((short.start(1), short.end(1), "ORG"))
            continue
        m = _LATIN_ALIAS.match(text, e)
        if m:
            words = m.group(1).split()
            if label == "PERSON" and t.rule_words["latin_org"].intersection(words):
                continue
            out.append((m.start(1), m.end(1), label))
    return out


def _bracketed_latin_names(text: str, t: _Tables) -> list[LabelledSpan]:
    other = t.rule_words["latin_org"] | t.rule_words["latin_other"]
    return [(m.start(1), m.end(1), "PERSON") for m in _LATIN_NAME.finditer(text)
            if not other.intersection(m.group(1).split())]


def _list_members(text: str, spans: list[LabelledSpan]) -> list[LabelledSpan]:
    """浪潮 in 华为、腾讯、百度、浪潮等知名企业: unknown members of a list of known ORGs."""
    orgs = {(s, e) for s, e, label in spans if label == "ORG"}
    covered = _coverage(spans)
    out: list[LabelledSpan] = []
    for m in _ORG_LIST_END.finditer(text):
        items, end = [], m.start()
        while True:   # walk left over 、-separated items
            start = end
            while start > 0 and text[start - 1] not in "、，。；：！？“”（）《》\n ":
                start -= 1
            items.append((start, end))
            if start == 0 or text[start - 1] != "、":
                break
            end = start - 1
        first_s, first_e = items.pop()   # its left edge is unclear (邀请了清华大学): never marked
        first_known = any(e == first_e and s >= first_s for s, e in orgs)
        known = [it for it in items if it in orgs] + [(first_s, first_e)] * first_known
        if len(items) < 2 or len(known) < 2 or 2 * len(known) < len(items) + 1:
            continue
        for s, e in items:
            if (s, e) not in orgs and not any(i in covered for i in range(s, e)) \
                    and _LIST_ITEM.fullmatch(text, s, e):
                out.append((s, e, "ORG"))
    return out


def _resolve(spans: list[LabelledSpan]) -> list[LabelledSpan]:
    """Non-overlapping: longer first, then ORG over LOC over PERSON."""
    rank = {"ORG": 0, "LOC": 1, "PERSON": 2}
    kept: list[LabelledSpan] = []
    used: set[int] = set()
    for s, e, label in sorted(spans, key=lambda x: (-(x[1] - x[0]), rank[x[2]], x[0])):
        if any(i in used for i in range(s, e)):
            continue
        kept.append((s, e, label))
        used.update(range(s, e))
    return sorted(kept)


def rule_entities(text: str, bounds: Optional[AbstractSet[int]] = None
                  ) -> list[tuple[int, int, str]]:
    """ORG / LOC / PERSON spans (start, end, label), non-overlapping, sorted by start.
    ``bounds``: the tokenizer's word boundaries (character offsets, the text's end included),
    which bare bodies (市政府) need."""
    return rule_entities_and_blockers(text, bounds)[0]


def rule_entities_and_blockers(text: str, bounds: Optional[AbstractSet[int]] = None
                               ) -> tuple[list[LabelledSpan], list[tuple[int, int]]]:
    """``rule_entities`` and the (start, end) of the blocker words found (中国梦, 三区三州),
    inside which the NER stage drops the model's names too."""
    t = _tables()
    matches = _lexicon_matches(text, t, bounds)
    blocked = [(s, e) for s, e, entry in matches if not entry.label]
    matches = [(s, e, entry) for s, e, entry in matches   # 教育部门, 振兴乡村
               if not (entry.label == "ORG" and _continues(text, e, t))
               and not (text[e - 1] == "乡" and text[e:e + 1] in _AFTER_XIANG)]
    following = {s: (e, entry) for s, e, entry in matches}
    # 中国驻美国大使馆: a country after 驻 is no barrier; nor a bare body (某州|公安局交警支队)
    barriers = {s for s, _, entry in matches
                if ((entry.label == "ORG" and entry.kind not in BARE_KINDS
                     or entry.kind in ("venue", "region", "country"))
                    and not (s > 0 and text[s - 1] == "驻"))
                or (entry.label == "LOC" and s > 0 and text[s - 1] in "和与及、")}   # …和天津…
    spans: list[LabelledSpan] = []
    end = -1
    for s, e, entry in matches:
        if s < end or not entry.label or _looks_like_person(text, s, e, entry, t):
            continue
        span = _grow(text, s, e, entry, t, following, barriers)
        spans.append(span)
        end = span[1]
    spans = _place_before_company(text, spans + _companies(text, t, spans), t)
    spans += _foreign_names(text, t, bounds) + _anonymised_names(text)
    spans = _resolve(spans)
    spans = _resolve(spans + _bracketed_latin_names(text, t))
    spans = _resolve(spans + _list_members(text, spans))
    return _resolve(spans + _aliases(text, spans, t)), blocked
