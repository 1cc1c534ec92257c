"""Named-entity recogniser component (PERSON / ORG / LOC / DATE).

PERSON/ORG/LOC come from a character model that also reads the jieba words the tokenizer
already produced: by default the BiLSTM-CRF of :mod:`zhpolicy_nlp.ner.lstm`
(``models/ner-lstm``, trained by :mod:`zhpolicy_nlp.training.lstm`); the smaller, faster and
less accurate linear CRF (``models/ner-crf``, :mod:`zhpolicy_nlp.training.crf`) is picked with
``model="ner-crf"``. DATE comes from the rules in :mod:`zhpolicy_nlp.ner.dates`. High-precision
spans from :mod:`zhpolicy_nlp.ner.rules` (lexicons and patterns), when that module is
present, win over model spans they overlap.
"""
from __future__ import annotations

import dataclasses
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, Union

import regex
import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path, minibatch

from .. import extensions  # noqa: F401  (registers Doc/Span extensions)
from .. import lexicon
from ..spans import set_char_entities
from ..text import CLOSERS, HAN, is_han, not_alnum, trim
from ..tokenizer.jieba_dict import base_dictionary, base_word_tags
from . import lstm
from .crf import MODEL_FILE as CRF_FILE
from .crf import CrfTagger
from .dates import find_dates
from .features import Gazetteers
from .rules import (bare_names, ends_like_org, name_words, place_kind,
                    rule_entities_and_blockers)
from .tags import spans_from_tags

DEFAULT_MODEL = "ner-lstm"
MODEL_FILES = (lstm.MODEL_FILE, CRF_FILE)  # what makes a folder a model, by backend
Span3 = tuple[int, int, str]
# A token ending with one of these closes a sentence for the tagger (trained on sentences).
_SENT_END = frozenset("。！？!?；;\n")
_MAX_CHUNK = 300  # long runs without sentence ends are cut at a comma past this length
_HARD_MAX = 1000  # and anywhere between tokens past this one (no punctuation at all)
_SOFT_END = frozenset("，,、：:")
_CLOSERS = frozenset("”’」』）)》】\"'")


def resolve_model(model: Optional[str | Path]) -> Path:
    """A model folder from a path, a name under ``models_dir()``, or None (the default)."""
    from ..pipeline import models_dir

    def is_model(p: Path) -> bool:
        return any(p.joinpath(f).is_file() for f in MODEL_FILES)

    if model:
        for cand in (Path(model), models_dir() / str(model)):
            if is_model(cand):
                return cand
        raise FileNotFoundError(f"NER model not found: {model} (a folder holding one of "
                                f"{', '.join(MODEL_FILES)}, or a name under {models_dir()})")
    p = models_dir() / DEFAULT_MODEL
    if not is_model(p):
        raise FileNotFoundError(f"NER model not found: {p / lstm.MODEL_FILE}")
    return p


def words_of(doc: Doc, text: str) -> list[str]:
    """Token texts, read through the token offsets array (iterating Token objects, or
    ``doc.text``, which joins them, costs more than the CRF itself on long documents)."""
    if not len(doc):
        return []
    bounds = [*doc.to_array("IDX").tolist(), len(text)]
    if bounds[0]:
        bounds[0] = 0
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


def chunks(doc: Doc, text: str) -> Iterator[tuple[int, list[str]]]:
    """(start char, token texts) per sentence-like run of tokens; ``text`` is ``doc.text``.
    Closing quotes and brackets after a sentence end stay with that sentence (``…。”``):
    the models never saw a sentence open with one."""
    start, words, size = 0, [], 0
    ended = False
    for w in words_of(doc, text):
        if ended and not (w[0] in _CLOSERS and size <= _HARD_MAX):
            yield start, words
            start, words, size = start + size, [], 0
        words.append(w)
        size += len(w)
        last = w[-1]
        ended = (last in _SENT_END or last in _CLOSERS and ended
                 or (size > _MAX_CHUNK and last in _SOFT_END) or size > _HARD_MAX)
    if words:
        yield start, words


def merge(rules: list[Span3], dates: list[Span3], model: list[Span3]) -> list[Span3]:
    """Rule spans first, then dates, then model spans, each kept only where it overlaps
    nothing kept before it."""
    taken = bytearray(max((e for _, e, _ in (*rules, *dates, *model)), default=0))
    out: list[Span3] = []
    for group in (rules, dates, model):
        for s, e, lab in sorted(group, key=lambda x: (x[0], x[0] - x[1])):
            if s < e and not any(taken[s:e]):
                taken[s:e] = b"\x01" * (e - s)
                out.append((s, e, lab))
    return sorted(out)


def yield_to_model(rules: list[Span3], model: list[Span3], text: str,
                   positions: tuple[str, ...] = ()) -> list[Span3]:
    """Rule LOC spans that a model LOC/ORG span contains and extends with plain name words,
    less those: the rules' place lexicon knows the county 祁连 and the district 南湖, the
    model the mountain ``祁连山``, the park ``南湖公园`` and the police station ``某某乡派出所``
    around them; so do the bare bodies and services (``空军``) inside a model ORG ending like
    one (``空军某某飞行表演队``, not ``空军轰炸机``). A model span that cuts into any other rule
    span, adds nothing to its rule places (``某国某市`` as one ORG), or adds no name words
    (``某市十六届人大``: a session, ``届`` stops a name), or ends in a position word
    (``positions``: ``某地西南角``, a spot by a place), changes nothing."""
    out = rules
    for ms, me, mlab in model:
        if mlab == "PERSON":
            continue
        inside = [r for r in out if ms <= r[0] and r[1] <= me]
        added = "".join(text[a:b] for a, b in zip([ms, *(r[1] for r in inside)],
                                                  [*(r[0] for r in inside), me]))
        if inside and added and all(r[2] == "LOC" or r[2] == "ORG" and mlab == "ORG"
                                    and text[r[0]:r[1]] in bare_names()
                                    and ends_like_org(text[ms:me]) for r in inside) \
                and not any(r[0] < me and ms < r[1] for r in out if r not in inside) \
                and name_words(added) and not text[ms:me].endswith(positions):
            out = [r for r in out if r not in inside]
    return out


def _chains(first: str, second: str) -> bool:
    """Whether the place ``second`` may follow ``first`` inside one name: not after a
    one-character abbreviation (进京|澳门), never a country (某省|中国), a province only
    after a country (中国北京, not 香港|江苏 of 香港江苏社团)."""
    kind = place_kind(second)
    return len(first) > 1 and kind != "country" \
        and (kind != "province" or place_kind(first) == "country")


def join_places(spans: list[Span3], text: str) -> list[Span3]:
    """Adjacent LOC spans as one (chained places are one span, docs/annotation.md):
    ``某区`` + ``某公园``, ``内蒙古`` + ``某山``, ``某县`` + ``某村`` (the rules nest known
    administrative levels; this joins what the model adds next to them), where they chain."""
    out: list[Span3] = []
    for s, e, lab in spans:
        if out and lab == "LOC" and out[-1][2] == "LOC" and out[-1][1] == s \
                and _chains(text[out[-1][0]:s], text[s:e]):
            out[-1] = (out[-1][0], e, lab)
        else:
            out.append((s, e, lab))
    return out


@dataclasses.dataclass(frozen=True)
class Tails:
    """Words after a span that belong to it (rule_words kinds of the same names)."""

    place_tail: lexicon.ByLength   # LOC + 地区
    armed_service: frozenset[str]  # 海军 + 某某舰: one ORG
    mou_unit: frozenset[str]     # ORG + 某 + 旅
    org_tail: lexicon.ByLength     # LOC + 哨所 / 舰: an ORG
    not_tail: lexicon.ByLength     # … but not 舰艇, 舰队

    @classmethod
    def load(cls) -> "Tails":
        by_length = ("place_tail", "org_tail", "not_tail")  # looked up longest first at a position
        return cls(*(lexicon.ByLength.of(lexicon.words("rule_words", f.name)) if f.name in by_length
                     else lexicon.words("rule_words", f.name) for f in dataclasses.fields(cls)))


def extend_by_tails(spans: list[Span3], text: str, tails: Tails) -> list[Span3]:
    """A LOC followed by a word of its name (``某某海湾`` + ``地区``), an ORG followed by one of
    its unnamed units (``某集团军`` + ``某旅``, ``陆军`` + ``某师``), as one span; a LOC followed
    by a post, station or ship word (``某山`` + ``哨所``, ``某市`` + ``舰``) as one ORG. Only
    where no other span starts in the added words. An armed service right before an ORG (a
    ship or unit: ``海军`` + ``某某舰``) is one ORG with it."""
    starts = {s for s, _, _ in spans}
    units = sorted(tails.mou_unit, key=len, reverse=True)
    out: list[Span3] = []
    for s, e, lab in spans:
        tail, new = "", lab
        if lab == "LOC":
            tail = tails.place_tail.at(text, e)
            if not tail and not tails.not_tail.at(text, e):
                tail = tails.org_tail.at(text, e)
                new = "ORG" if tail else lab
        elif lab == "ORG" and text.startswith("某", e):
            tail = next(("某" + u for u in units if text.startswith(u, e + 1)), "")
        if tail and not starts.intersection(range(e, e + len(tail))):
            s, e, lab = s, e + len(tail), new
        if lab == "ORG" and out and out[-1][2] == "ORG" and out[-1][1] == s \
                and text[out[-1][0]:s] in tails.armed_service:
            s = out.pop()[0]
        out.append((s, e, lab))
    return out


def complete_names(spans: list[Span3], text: str) -> list[Span3]:
    """A PERSON cut short where the document names the same person in full elsewhere: the
    model stops at the surname when the given name's character starts a word of the
    segmentation (梁|霄|不敢懈怠, 程|长进说), so 梁 is 梁霄 when 梁霄 is a PERSON elsewhere in
    the text and the text goes on with it. The longest such name, and only where no other
    span starts in the added characters."""
    by_first: dict[str, set[str]] = {}  # the names by their first character
    for s, e, lab in spans:
        if lab == "PERSON" and e - s > 1:
            by_first.setdefault(text[s], set()).add(text[s:e])
    if not by_first:
        return spans
    starts = {s for s, _, _ in spans}
    out: list[Span3] = []
    for s, e, lab in spans:
        if lab == "PERSON":
            full = max((n for n in by_first.get(text[s], ()) if len(n) > e - s
                        and text.startswith(n, s)), key=len, default="")
            if full and not starts.intersection(range(e, s + len(full))):
                e = s + len(full)
        out.append((s, e, lab))
    return out


@dataclasses.dataclass(frozen=True)
class PersonEvidence:
    """What tells a person's name from a common word and where its edges are: jieba's POS
    tags (rule_words kinds of the same names), the transliteration characters, the
    surnames, and the words that stand next to a name (titles, honorifics)."""

    person_common_tag: frozenset[str]  # 连线, 比方, 毛笔: never a name alone
    person_weak_tag: frozenset[str]    # 周六, 安享: a name only next to a title
    function_tag: frozenset[str]       # 若: a function word that starts a transliteration
    name_char_tag: frozenset[str]      # 笃: a character that can end a name
    byline_word: tuple[str, ...]       # 记者: heads a byline, vouches for no word after it
    not_person_words: frozenset[str]   # 胡同, 白宫: tagged nr, never a person in MSRA
    translit: frozenset[str]           # 阿基姆, 施泰因迈尔
    surnames: frozenset[str]           # one-character surnames
    # 总理, 外交大臣, 先生, and their lengths, longest first
    next_to_name: lexicon.ByLength
    clan_after: frozenset[str]         # 氏, 式, 家: 陈式太极拳 is no person 陈
    clan_before: frozenset[str]        # 姓: 一位姓张的朋友
    familiar: frozenset[str]           # 老, 小: 老某家 is a person's home
    glued_tag: frozenset[str]          # v, m: 某某作|的报告, 某某第|一时间
    disease_after: tuple[str, ...]     # 病毒, 疫情: 某某拉病毒 makes 某某拉 no person
    # 律师, 经理, 主任 (titles and occupations, not the honorifics 先生, 主席), longest first
    occupations: lexicon.ByLength
    # 女士, 大爷, 师傅, 老: after a surname, how the text addresses someone it names no other way
    address: lexicon.ByLength
    adjective_tag: frozenset[str]      # a: 黄|上衣 is no 黄 cut before a given name
    numeral_tag: frozenset[str]        # m: 陈|两大 is no 陈 cut before a given name

    @classmethod
    def load(cls) -> "PersonEvidence":
        tags = [lexicon.words("rule_words", f.name) for f in dataclasses.fields(cls)[:4]]
        near = lexicon.words("titles") | lexicon.words("honorifics")
        jobs = (lexicon.words("titles") | lexicon.words("title_occupations")) \
            - lexicon.words("honorifics")
        return cls(*tags, tuple(lexicon.ordered("rule_words", "byline_word")),
                   lexicon.words("not_person_words"), lexicon.words("translit_chars"),
                   frozenset(w for w in lexicon.words("surnames") if len(w) == 1),
                   lexicon.ByLength.of(near),
                   *(lexicon.words("person_edges", k)
                     for k in ("clan_after", "clan_before", "familiar", "glued_tag")),
                   lexicon.ordered("person_edges", "disease_after"), lexicon.ByLength.of(jobs),
                   lexicon.ByLength.of(lexicon.words("speaker_words", "courtesy")
                              | lexicon.words("speaker_words", "honour")
                              | lexicon.words("honorifics")),
                   lexicon.words("person_edges", "adjective_tag"),
                   lexicon.words("person_edges", "numeral_tag"))


def _word_tag(word: str) -> str:
    return base_word_tags().get(word, "")


def common_word_persons(spans: list[Span3], text: str, ev: PersonEvidence) -> list[Span3]:
    """Model PERSON spans less those that are a common word: a one-character span that is no
    surname (记者某某|摄, 马|列主义's 列); a jieba dictionary word of an adverb, adjective or
    verbal-noun tag (感触|颇深, 互致|贺电); and one of a noun, time-word or verb tag (记者|连线,
    比方|说, 用|毛笔, 周六|早上, 安享|晚年) or a name-tagged word that the MSRA training text
    never has as a person (四条|胡同, 在|白宫: ``not_person_words``), unless a mention of it, or
    of a name it starts or ends, has a title or honorific of its own next to it: jieba tags
    some names n, t or v
    (某某首相, 某某总理, 外长某某 stay; a title that heads the next person, 某学教授|某某, and a
    byline word, 记者|连线, vouch for nothing)."""
    persons = [(s, e) for s, e, lab in spans if lab == "PERSON"]
    person_at = {s for s, _ in persons}

    def titled(s: int, e: int) -> bool:  # the longest title or honorific after / before
        after = ev.next_to_name.at(text, e)
        before = ev.next_to_name.before(text, s)
        return bool(after) and e + len(after) not in person_at \
            or bool(before) and before not in ev.byline_word

    vouched = [text[s:e] for s, e in persons if titled(s, e)]

    def common(s: int, e: int) -> bool:
        word = text[s:e]
        if e - s == 1:
            return word not in ev.surnames
        tag = _word_tag(word)
        return tag in ev.person_common_tag or (tag in ev.person_weak_tag
                                               or word in ev.not_person_words) and not any(
            v.startswith(word) or v.endswith(word) for v in vouched)
    return [sp for sp in spans if sp[2] != "PERSON" or not common(sp[0], sp[1])]


def _translit(name: str, ev: PersonEvidence) -> bool:
    return all(c in ev.translit for c in name)


def join_translit_names(spans: list[Span3], text: str, ev: PersonEvidence) -> list[Span3]:
    """Two PERSON spans of two or more characters that touch and are both transliterations
    are one name: the model cuts a long one in two (某国总统施泰因|迈尔-like; not 马|列主义)."""
    out: list[Span3] = []
    for s, e, lab in spans:
        if out and lab == "PERSON" and out[-1][2] == "PERSON" and out[-1][1] == s \
                and min(e - s, s - out[-1][0]) > 1 and _translit(text[out[-1][0]:e], ev):
            out[-1] = (out[-1][0], e, lab)
        else:
            out.append((s, e, lab))
    return out


def consistent_name_edges(spans: list[Span3], text: str, ev: PersonEvidence,
                          bounds: Optional[set[int]]) -> list[Span3]:
    """A PERSON the model cuts the same way at every mention (two or more) of the document,
    where the character left out belongs to the name: a transliteration's first character
    that is also a function word (若 in 分析员若|阿基姆), or a one-character word of a name-like
    tag after the name (笃 of a Japanese 某田某美|笃). The character must be free (no other
    span on it), a whole word of the segmentation (``bounds``; 女 of 女士 is not), and the same
    at every mention; the evidence is the document's own, no list of names."""
    mentions: dict[str, list[int]] = {}
    for k, (s, e, lab) in enumerate(spans):
        if lab == "PERSON":
            mentions.setdefault(text[s:e], []).append(k)
    covered = bytearray(len(text) + 1)
    for s, e, _ in spans:
        covered[s:e] = b"\x01" * (e - s)

    def free_word(p: int) -> bool:
        return 0 <= p < len(text) and not covered[p] and is_han(text[p]) \
            and (bounds is None or p in bounds and p + 1 in bounds)

    out = list(spans)
    for name, ks in mentions.items():
        if len(ks) < 2 or len(name) < 2:
            continue
        before = {text[spans[k][0] - 1] if free_word(spans[k][0] - 1) else "" for k in ks}
        after = {text[spans[k][1]] if free_word(spans[k][1]) else "" for k in ks}
        if len(before) == 1 and "" not in before and _translit(name, ev):
            c = next(iter(before))
            if c in ev.translit and _word_tag(c) in ev.function_tag:
                for k in ks:
                    out[k] = (spans[k][0] - 1, spans[k][1], "PERSON")
        elif len(after) == 1 and "" not in after:
            c = next(iter(after))
            if _word_tag(c) in ev.name_char_tag or c in ev.translit and _translit(name, ev) \
                    and _word_tag(c) not in ev.function_tag:
                for k in ks:
                    out[k] = (spans[k][0], spans[k][1] + 1, "PERSON")
    return out


# 本报记者  某  某 (a byline: the name spaced out with no-break or ideographic spaces), maybe
# with the byline's verb after it (本报记者  某  某整理: ``byline_verb`` in rule_words), or a
# photo credit before its source (某  某摄（新华社发）)
_BYLINE_END = "[ \u00a0\u3000\n）)（(、]|$"


@lru_cache(maxsize=None)
def _spaced_name() -> "regex.Pattern[str]":
    verbs = lexicon.alternation("rule_words", "byline_verb")
    return regex.compile(f"[ \u00a0\u3000]{{0,3}}{HAN}{{1,2}}?(?=(?:{verbs})?(?:{_BYLINE_END}))")


def _skip_spaces_back(text: str, p: int) -> int:
    while p > 0 and text[p - 1] in " \u00a0\u3000":
        p -= 1
    return p


def byline_names(spans: list[Span3], text: str, ev: PersonEvidence) -> list[Span3]:
    """A one-character PERSON (a surname) followed by spaces and one or two Han characters that
    end the line or come before a byline verb: the spaced-out name of a byline or caption
    (``记者  某  某\\n``, ``本报记者  某  某整理``; unspaced only after a byline word:
    ``本报记者  某某某\\n``, which the model cuts after the surname, the given name a PERSON
    of its own or none), as the text writes it (docs/annotation.md: the entity is the text's
    span); photo credits lose their ``摄`` (``记者某某摄）``)."""
    out: list[Span3] = []
    for s, e, lab in spans:
        if out and out[-1][1] > s:   # the given name the model tagged apart, now joined
            continue
        if lab == "PERSON" and e - s == 1 and text[s] in ev.surnames:
            m = _spaced_name().match(text, e)
            # unspaced (记者  某|某某\n) only right after a byline word
            spaced = m is not None and not is_han(text[e])
            inside = [sp for sp in spans if e <= sp[0] < (m.end() if m else e)]
            if m and (spaced or text.endswith(ev.byline_word, 0, _skip_spaces_back(text, s))) \
                    and all(sp[2] == "PERSON" and sp[1] <= m.end() for sp in inside):
                e = m.end()
        elif lab == "PERSON" and e - s >= 3 and text[e - 1] == "摄" \
                and (e == len(text) or not is_han(text[e])):
            e -= 1
        out.append((s, e, lab))
    return out


def trim_glued_characters(spans: list[Span3], text: str, ev: PersonEvidence,
                          bounds: Optional[set[int]]) -> list[Span3]:
    """A PERSON that runs one character into the next or the previous word, where the same
    document names the person without that character: a verb, an ordinal or a function word
    after the name (某某某比|平时, 某某作|的报告, 某某笑|着说, 某某第|一时间, 某某互|致贺电:
    ``glued_tag``, ``function_tag``), or the last character of a word that starts before
    the name (感恩|某某某: the segmentation, ``bounds``, has the word across the name's
    start). The shorter name is a PERSON elsewhere in the text where the text does not go on
    with the character (``complete_names`` has run: a name cut there took its character
    back), so a full name that another mention cuts short keeps its character, and so does a
    transliteration whose last syllable is a verb too (柯鲁克|夫妇 with 柯鲁 cut elsewhere)."""
    names = {text[s:e] for s, e, lab in spans if lab == "PERSON" and e - s > 1}
    out: list[Span3] = []
    for s, e, lab in spans:
        if lab == "PERSON" and e - s > 2:
            tag = _word_tag(text[e - 1])
            # 某某某克 of a transliteration (柯鲁克夫妇) is its own syllable, whatever its tag
            if text[s:e - 1] in names and (tag in ev.glued_tag or tag in ev.function_tag) \
                    and not _translit(text[s:e], ev):
                e -= 1
            elif text[s + 1:e] in names and bounds is not None and s not in bounds \
                    and s + 1 in bounds:
                s += 1
        out.append((s, e, lab))
    return out


CUE_FOLLOWERS = "，,：:“"  # what follows a speech verb that reports (坦言，…; 坦言：“…”)


def cue_tails(spans: list[Span3], text: str, cues: frozenset[str],
              bounds: Optional[set[int]]) -> list[Span3]:
    """A PERSON that ends in a speech verb of two or more characters the segmentation cut as
    its own word, before a comma, colon or quotation mark: the model read the verb as the
    given name (小|李坦言，… → 李; 王某坦言：“…” → 王某). The verb says what the person did."""
    if bounds is None:
        return spans
    out: list[Span3] = []
    for s, e, lab in spans:
        if lab == "PERSON" and e in bounds and text[e:e + 1] in CUE_FOLLOWERS:
            cut = next((k for k in range(s + 1, e - 1) if k in bounds and text[k:e] in cues), None)
            if cut is not None:
                e = cut
        out.append((s, e, lab))
    return out


def repeat_names(spans: list[Span3], text: str, ev: PersonEvidence,
                 bounds: Optional[set[int]]) -> list[Span3]:
    """Every mention of a name the document tags as a PERSON elsewhere: the model misses a
    rare surname's name in some sentences (某战书 in a list of leaders, in a headline, before
    ``指出``) and reads it in others. Only names of three or more characters (a two-character
    span is too often a word: 宝宝, 新春) that the model tags at least as often as it leaves
    them, or that a title or honorific stands next to once (某某某委员长, 某某某总书记): a span
    the model reads once among several untagged mentions is more often its mistake (胡同里,
    a village's 某铺大); and only at free places that are word edges of the segmentation
    (``bounds``: not 某某农 of 某某|农业)."""
    covered = bytearray(len(text) + 1)
    for s, e, _ in spans:
        covered[s:e] = b"\x01" * (e - s)
    tagged: dict[str, int] = {}
    vouched: set[str] = set()
    for s, e, lab in spans:
        name = text[s:e]
        if lab == "PERSON" and e - s > 2 and all(is_han(c) or c == "·" for c in name):
            tagged[name] = tagged.get(name, 0) + 1
            if ev.next_to_name.at(text, e) or ev.next_to_name.before(text, s):
                vouched.add(name)
    if not tagged:
        return spans
    free: dict[str, list[tuple[int, int]]] = {}
    for s, e in find_words(text, tagged):
        if not any(covered[s:e]) and (bounds is None or s in bounds and e in bounds):
            free.setdefault(text[s:e], []).append((s, e))
    added = [(s, e, "PERSON") for name, found in free.items()
             if name in vouched or tagged[name] >= len(found) for s, e in found]
    return sorted(spans + added) if added else spans


def find_words(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of the matches ``regex.finditer`` gives for the alternation of ``words``
    (non-empty) sorted longest first: left to right, non-overlapping, the longest word at each
    place. Found with ``str.find`` per word: compiling a pattern of a document's own names
    cost more than the search (~1 ms a document)."""
    hits = sorted((i, -len(w)) for w in words for i in _occurrences(text, w))  # longest first
    out: list[tuple[int, int]] = []
    end = 0
    for i, neg in hits:
        if i >= end:
            end = i - neg
            out.append((i, end))
    return out


def _name_before(text: str, names: Iterable[str], after: Sequence[str]) -> bool:
    """Whether one of ``names`` ends where one of ``after`` starts (an empty ``after`` allows
    any end), anywhere in ``text``: the document has a match of ``(?:names)(?=after)`` exactly
    then, and most have none, so ``disease_names`` compiles that pattern only when needed."""
    if not after:
        return any(n in text for n in names)
    starts = {i for w in after for i in _occurrences(text, w)}
    return any(text.endswith(n, 0, q) for q in starts for n in names)


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Every start of ``word`` in ``text``, overlapping ones included."""
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


def disease_names(spans: list[Span3], text: str, ev: PersonEvidence) -> list[Span3]:
    """PERSON spans of a name the document also writes before ``病毒``/``疫情`` (some
    ``disease_after`` word): a disease or its agent that reads like a transliterated name
    (某某拉病毒, 战胜某某拉), no person at any mention."""
    names = {text[s:e] for s, e, lab in spans if lab == "PERSON"}
    if not names or not _name_before(text, names, ev.disease_after):
        return spans
    pattern = "(?:{})(?={})".format("|".join(map(regex.escape, sorted(names, key=len,
                                                                         reverse=True))),
                                     "|".join(map(regex.escape, ev.disease_after)))
    things = {m.group() for m in regex.finditer(pattern, text)}
    if not things:
        return spans
    return [sp for sp in spans if sp[2] != "PERSON" or text[sp[0]:sp[1]] not in things]


def surname_persons(spans: list[Span3], text: str, ev: PersonEvidence,
                    bounds: Optional[set[int]]) -> list[Span3]:
    """One-character PERSON spans (a surname the model tagged alone) by what stands next to
    them: a clan, family or style word makes the surname no person (陈式太极拳, 冯氏兄弟,
    不只是韩家, 刘姓老板, 一位姓张的朋友: ``person_edges``; not 老某家); an occupation or position
    after it (某律师说, 某经理表示) is how the text names someone it names no other way, so
    the PERSON is that form as worded (docs/annotation.md: ``安律师``-like persons are
    listed so) — unless the document names a person of that surname in full (谢主任 after
    谢某某: the surname refers back, for the speakers stage to resolve) or the word runs on in
    the segmentation (某律师事务所). Honorifics (李女士, 毛主席) stay as they are. The familiar
    form (老|黄说, 村民小王表示) is the person's name as the text gives it when no full name of
    that surname stands in the document, so the PERSON takes 老/小 (docs/annotation.md lists
    such persons as 老郑, 小王); with a full name, 老丛 refers back (the speakers stage)."""
    full = {text[s] for s, e, lab in spans if lab == "PERSON" and e - s > 1}
    starts = {s for s, _, _ in spans}
    out: list[Span3] = []
    for s, e, lab in spans:
        if lab == "PERSON" and e - s == 1:
            before = text[s - 1] if s else ""
            if e < len(text) and text[e] in ev.clan_after and before not in ev.familiar \
                    or before in ev.clan_before:
                continue
            if before in ev.familiar and text[s] not in full and s - 1 not in starts \
                    and (bounds is None or s - 1 in bounds):
                out.append((s - 1, e, lab))
                continue
            job = ev.occupations.at(text, e)
            if job and text[s] not in full and not starts.intersection(range(e, e + len(job))) \
                    and (bounds is None or e + len(job) in bounds):
                e += len(job)
        out.append((s, e, lab))
    return out


def given_names(spans: list[Span3], text: str, ev: PersonEvidence,
                bounds: Optional[set[int]]) -> list[Span3]:
    """A surname the model tagged alone where the next word of the segmentation is the given
    name: the model stops at the surname when the given name reads as a common word
    (某|登高倍感振奋, 某|前在会上发言, 某|能量从…). A person is never written by the bare surname
    in news, so the PERSON takes the rest of the surname's word when jieba joined it to the
    given name (an unknown word: not 岳母, 胡人), else the next word when it is one or two Han
    characters and no function word (某|在, 某|就) or very common word (祝|大家). Nothing else
    may explain the lone surname: not 老某/小某, no clan, address, title or occupation after it
    (陈式, 李女士, 张大爷, 王律师, 徐某某), no adjective surname (黄|上衣), not a term in quotation
    marks (“黄马甲”), and no person of that surname named in full in the document (谢主任
    after 谢某某 refers back)."""
    if bounds is None:
        return spans
    full = {text[s] for s, e, lab in spans if lab == "PERSON" and e - s > 1}
    starts = {s for s, _, _ in spans}
    out: list[Span3] = []
    for s, e, lab in spans:
        if lab == "PERSON" and e - s == 1 and text[s] in ev.surnames and text[s] not in full \
                and s in bounds and not _explained_surname(text, s, e, ev):
            # the rest of the surname's word (某前 cut by jieba as one word), else the next word,
            # of at most two characters
            nxt = next((p for p in (e + 1, e + 2) if p in bounds), e)
            given = text[e:nxt]
            joined = e not in bounds
            if 1 <= len(given) <= 2 and all(is_han(c) for c in given) and "某" not in given \
                    and not (joined and _word_freq(text[s:nxt])) \
                    and not (s and text[nxt:nxt + 1] == CLOSERS.get(text[s - 1])) \
                    and _word_tag(given) not in ev.function_tag \
                    and _word_tag(given[0]) not in ev.numeral_tag \
                    and not (len(given) == 2 and _word_freq(given) > COMMON_WORD_FREQ) \
                    and not starts.intersection(range(e, nxt)):
                # 某|盼|盼: a doubled given name the segmentation cut in two
                e = nxt + 1 if len(given) == 1 and text.startswith(given, nxt) else nxt
        out.append((s, e, lab))
    return out


# A two-character word this frequent in jieba's dictionary is no given name (祝|大家, 展陈|内容);
# names that are words (某|能量, 某|建国) are rarer.
COMMON_WORD_FREQ = 10_000


def _word_freq(word: str) -> int:
    return base_dictionary()[0].get(word, 0)


def _explained_surname(text: str, s: int, e: int, ev: PersonEvidence) -> bool:
    """Does what stands around a lone surname say why the text writes it alone (老张, 陈式,
    一位姓张的, 李女士, 张大爷, 李总理, 王律师)?"""
    before = text[s - 1] if s else ""
    return (before in ev.familiar or before in ev.clan_before or before == "阿"
            or _word_tag(text[s]) in ev.adjective_tag
            or e < len(text) and text[e] in ev.clan_after
            or any(words.at(text, e) for words in (ev.address, ev.next_to_name, ev.occupations)))


def load_tagger(folder: Path) -> "lstm.LstmTagger | CrfTagger":
    """The backend a model folder holds (the BiLSTM-CRF where both files are present)."""
    if folder.joinpath(lstm.MODEL_FILE).is_file():
        return lstm.LstmTagger(folder)
    return CrfTagger(folder)


GAZETTEERS_FILE = "gazetteers.json"  # the lexicons the model's features read, saved with it


def _gazetteers_data(gaz: Gazetteers) -> dict[str, Any]:
    return {f.name: sorted(v) if isinstance(v, frozenset) else v
            for f in dataclasses.fields(gaz) for v in [getattr(gaz, f.name)]}


def _gazetteers_from_data(data: dict[str, Any]) -> Gazetteers:
    return Gazetteers(**{k: frozenset(v) if isinstance(v, list) else v for k, v in data.items()})


class EntityRecognizer:
    """The ``zhpolicy_ner`` component. Its weights come from :meth:`initialize` (the model
    named in the config: a folder, or a name under ``models_dir()``), from :meth:`from_disk`
    (a saved pipeline's ``ner`` folder, which holds the model files and the gazetteers) or
    from :meth:`from_bytes` (the same, as one msgpack message)."""

    def __init__(self, nlp: Language, name: str = "ner", model: str = "",
                 load: bool = True) -> None:
        self.name = name
        self.model = model
        self.model_path: Optional[Path] = None
        self._tagger: Optional[Union[lstm.LstmTagger, CrfTagger]] = None
        self._gaz: Optional[Gazetteers] = None
        # The folder ``from_bytes`` wrote the model files to, removed with the component
        # (the taggers read their files by path: the ONNX session is rebuilt from it on unpickling).
        self._tmp: Optional[tempfile.TemporaryDirectory] = None
        self._rules = rule_entities_and_blockers
        self._not_names = lexicon.words("not_names")
        self._one_char_places = lexicon.words("rule_words", "one_char_place")
        self._not_places = lexicon.words("rule_words", "not_place")
        self._tails = Tails.load()
        self._positions = tuple(lexicon.words("rule_words", "position_end"))
        self._persons = PersonEvidence.load()
        # 坦言, 表示: two-character speech verbs a name may not end in (``cue_tails``)
        self._cues = frozenset(w for w in lexicon.words("speech_cues", "say") if len(w) > 1)
        if load:
            self.initialize()

    def initialize(self, get_examples: Optional[Callable] = None, *,
                   nlp: Optional[Language] = None) -> None:
        """Load the model named in the config, and the gazetteers from the package's lexicons
        (spaCy calls this from ``nlp.initialize()``)."""
        self.model_path = resolve_model(self.model or None)
        self._tagger = load_tagger(self.model_path)
        self._gaz = Gazetteers.load()
        self._tmp = None

    def _ready(self) -> None:
        if self._tagger is None:
            self.initialize()

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> None:
        """The model folder's files and the gazetteers, so that the saved pipeline needs
        nothing from ``models_dir()``."""
        self._ready()
        assert self.model_path is not None and self._gaz is not None
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        for f in self.model_path.iterdir():
            dst = path / f.name
            if f.is_file() and f.name != GAZETTEERS_FILE and not (dst.exists() and dst.samefile(f)):
                shutil.copy2(f, dst)
        srsly.write_json(path / GAZETTEERS_FILE, _gazetteers_data(self._gaz))

    def from_disk(self, path: Union[str, Path], *,
                  exclude: Iterable[str] = ()) -> "EntityRecognizer":
        path = ensure_path(path)
        self.model_path = path
        self._tagger = load_tagger(path)
        gaz = path / GAZETTEERS_FILE
        self._gaz = _gazetteers_from_data(srsly.read_json(gaz)) if gaz.is_file() else Gazetteers.load()
        self._tmp = None
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """What :meth:`to_disk` writes, as one msgpack message: the model folder's files by
        name, and the gazetteers (``nlp.to_bytes()`` calls this)."""
        self._ready()
        assert self.model_path is not None and self._gaz is not None
        files = {f.name: f.read_bytes() for f in sorted(self.model_path.iterdir())
                 if f.is_file() and f.name != GAZETTEERS_FILE}
        return srsly.msgpack_dumps({"files": files, "gazetteers": _gazetteers_data(self._gaz)})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "EntityRecognizer":
        """The model files written to a temporary folder that lives as long as the component
        (the taggers open their files by path), then loaded as :meth:`from_disk` does."""
        msg = srsly.msgpack_loads(data)
        tmp = tempfile.TemporaryDirectory(prefix="zhpolicy-ner-")
        folder = Path(tmp.name)
        for name, content in msg["files"].items():
            if Path(name).name != name or name in ("", ".", ".."):
                raise ValueError(f"bad file name in NER bytes: {name!r}")
            folder.joinpath(name).write_bytes(content)
        self._tagger = load_tagger(folder)
        self._gaz = _gazetteers_from_data(msg["gazetteers"])
        self.model_path = folder
        self._tmp = tmp  # the folder of an earlier from_bytes goes with its old handle
        return self

    def __getstate__(self) -> dict[str, Any]:
        """Picklable (spawned workers): a component loaded from bytes travels as its bytes,
        so that the copy owns a folder of its own instead of sharing (and removing) this one."""
        state = dict(self.__dict__)
        if self._tmp is not None:
            state.update(_tmp=None, _tagger=None, model_path=None, _bytes=self.to_bytes())
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        data = state.pop("_bytes", None)
        self.__dict__.update(state)
        if data is not None:
            self.from_bytes(data)

    def model_spans(self, doc: Doc, text: Optional[str] = None) -> list[Span3]:
        """PERSON/ORG/LOC spans the model tags, sentence by sentence (as it was trained),
        less PERSON spans that are exactly a frequent common noun or place name
        (``not_names`` lexicon: 王国 in ``王国表示``), and one-character LOC spans (the 中 of
        ``中方``/``中外``/``中医``, the 美 of ``美伊矛盾``) but the few one-character places a reader
        marks (``one_char_place`` in rule_words: 京 of ``进京``)."""
        return self._model_spans_many([doc], [doc.text if text is None else text])[0]

    def _model_spans_many(self, docs: list[Doc], texts: list[str]) -> list[list[Span3]]:
        """``model_spans`` of several documents, their sentences tagged in one call (the
        BiLSTM's batches fill up across documents: about twice its speed on news articles)."""
        owner, starts, sents, segs = [], [], [], []
        for k, (doc, text) in enumerate(zip(docs, texts)):
            for start, words in chunks(doc, text):
                owner.append(k)
                starts.append(start)
                sents.append(text[start:start + sum(map(len, words))])
                segs.append(words)
        out: list[list[Span3]] = [[] for _ in docs]
        not_names = self._not_names
        self._ready()
        assert self._tagger is not None and self._gaz is not None
        tagged = self._tagger.tag(sents, segs, self._gaz)
        for k, start, sent, tags in zip(owner, starts, sents, tagged):
            for s, e, lab in spans_from_tags(tags):
                s, e = trim(sent, s, e, not_alnum)  # a model can tag runs of spaces it never saw
                if s < e and not (lab == "PERSON" and sent[s:e] in not_names
                                  or lab == "LOC" and e - s == 1
                                  and sent[s] not in self._one_char_places):
                    out[k].append((start + s, start + e, lab))
        return out

    def _finish(self, doc: Doc, text: str, model: list[Span3]) -> Doc:
        bounds = {*doc.to_array("IDX").tolist(), len(text)} if len(doc) else None
        rules, blocked = self._rules(text, bounds)
        # 实现中国梦, 不负韶华: no model name inside a blocker word (lexicons/blockers.txt)
        model = [m for m in model if not any(b <= m[0] and m[1] <= e for b, e in blocked)]
        model = common_word_persons(model, text, self._persons)

        def is_place(sp: Span3) -> bool:
            # 港澳同胞, 两岸关系: an abbreviation of two places is no single LOC (``not_place``)
            return not (sp[2] == "LOC" and text[sp[0]:sp[1]] in self._not_places)

        rules = yield_to_model([r for r in rules if is_place(r)], model, text, self._positions)
        dates = [(s, e, "DATE") for s, e in find_dates(text)]
        kept = [sp for sp in merge(rules, dates, model) if is_place(sp)]
        kept = extend_by_tails(join_places(kept, text), text, self._tails)
        kept = join_translit_names(kept, text, self._persons)
        kept = consistent_name_edges(kept, text, self._persons, bounds)
        kept = complete_names(byline_names(kept, text, self._persons), text)
        kept = trim_glued_characters(kept, text, self._persons, bounds)
        kept = cue_tails(kept, text, self._cues, bounds)
        kept = given_names(surname_persons(kept, text, self._persons, bounds), text,
                           self._persons, bounds)
        kept = disease_names(repeat_names(kept, text, self._persons, bounds), text,
                             self._persons)
        return set_char_entities(doc, kept, text)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        return self._finish(doc, text, self.model_spans(doc, text))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """``__call__`` over a stream (what ``nlp.pipe`` uses), the model tagging the
        sentences of up to ``batch_size`` documents together."""
        for batch in minibatch(docs, size=batch_size):
            texts = [d.text for d in batch]
            for doc, text, model in zip(batch, texts, self._model_spans_many(batch, texts)):
                yield self._finish(doc, text, model)


@Language.factory(
    "zhpolicy_ner",
    default_config={"model": ""},
    assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
)
def make_ner(nlp: Language, name: str, model: str) -> EntityRecognizer:
    """``model``: a model folder or a name under ``models_dir()`` ("" = ``ner-lstm``), read
    by :meth:`EntityRecognizer.initialize`; a loaded pipeline reads its own copy instead."""
    return EntityRecognizer(nlp, name, model, load=False)
