"""Quote attributor component: direct and indirect speech with resolved speakers.

Per paragraph: find speech events (a cue with a source before it), give each its content
(a quoted span right after the cue, or the clause after it, carried across sentence ends
while the same source keeps speaking), attach quotation-mark spans to the event whose
cue follows them (`“…”X说`), and drop quoted terms (`“智慧国”战略`). Headlines
`Title Name：statement`, transcript lines `Name：…`, quotations running over paragraphs after
`他说：`, and enumerated paragraphs after a list-opening quote (the ``implicit`` tier) are
handled on their own. See docs/quotes.md.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Optional

import regex
from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401
from .. import lexicon
from ..schema import Quote, TextSpan
from ..speakers.index import KIN_AFTER_RE, DocIndex
from ..speakers.resolve import (ADVERBIAL_RE, COLLECTIVE_RE, COLLECTIVES, DOCUMENTS, MEDIA_DOCS, NAMED_DOC_RE,
                                PERSONLIKE, PLURAL_PRONOUNS, Mention, SpeakerResolver)
from ..text import CLAUSE_PUNCT, HAN, trim
from ..tokenizer.jieba_dict import base_word_tags
from .content import CLOSERS, OPENERS, Layout, Marked, quote_pairs
from .cues import CUES, ISSUED_RE, NOUN_CUES, OBJECT_TAKING, Cue, find_cues

# Objects that make a cue's complement a topic, not a proposition: 介绍…的情况.
# …的报告 (提出议案处理意见的报告): a document named by what it is about is a topic too.
TOPIC_END_RE = regex.compile(f"(?:{lexicon.alternation('cue_words', 'topic_end')}"
                             f"|的(?:{'|'.join(sorted(DOCUMENTS, key=len, reverse=True))}))$")
# A sentence that is narration, not more of the speech before it.
NARRATION_RE = regex.compile(f"(?:{lexicon.alternation('cue_words', 'narration')})")
ATTITUDE_RE = regex.compile(f"(?:{lexicon.alternation('cue_words', 'attitude')})")
# …。为什么会出现这种情况？: a question opening so after a report is the writer's
WRITER_QUESTION = lexicon.ordered("cue_words", "writer_question")
ENUM_RE = regex.compile(
    r"(?:第[一二三四五六七八九十]+[，、,是：]|[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|"
    rf"\d+[.、．]|[一二三四五六七八九十]+、|{lexicon.alternation('cue_words', 'enum_word')})")
PRONOUN_START_RE = regex.compile(r"(?:他|她)们?(?!们)")
PERSON_AS_MODIFIER_RE = regex.compile(f"的|{lexicon.alternation('cue_words', 'person_modifier')}")
# Cues that introduce facts and figures: dated sentences after them are still the source's.
INFORMING_CUES = lexicon.words("speech_cues", "informing", field=2)
FIRST_PERSON_RE = regex.compile(lexicon.alternation("cue_words", "first_person"))
# Cues that double as adverbs (…，估计政府不会批准): they need a subject of their own.
EPISTEMIC = lexicon.words("speech_cues", "epistemic", field=2)
# Weak cues (希望 觉得 相信 发现 承诺…) that report a bare clause with its own subject:
# 希望大家积极参与 (a subject, then a verb), not 希望通过努力… (a verb phrase, no subject).
CLAUSE_CUES = lexicon.words("speech_cues", "clause", field=2)
SUBJECT_TAGS = ("n", "r", "t", "m")  # jieba tags a clause's subject may start with (nr, ns…)
# …，并代拟了…: a clause that adds the source's own completed act ends what it said
DONE_AFTER_RE = regex.compile(r"[，,]并[\p{Han}]{1,3}了")
# 有人说是始于唐代，也有传说是…: a clause bringing in another someone ends the content
ANOTHER_SOURCE_RE = regex.compile(f"[，,；;](?:也|还|另)有(?:{lexicon.alternation('cue_words', 'another_source')})")
# A bare 研究 that names no study before it is no source of its own (研究发现，…)
UNNAMED_DOCS = lexicon.words("speaker_words", "unnamed_doc")
# 张大爹问外孙要什么礼物？一定要给吗？…: a question cue's content ends at its first ？
ASKS = lexicon.ordered("cue_words", "asks")
DIRECTIVE = lexicon.words("cue_words", "directive")
# 在X眼里，… (a view), directives and a rule's provision (某法规定，…) report one sentence only
ONE_SENTENCE_CUES = lexicon.words("cue_words", "frame_in") | DIRECTIVE | lexicon.words("cue_words", "one_sentence")
# 叮嘱大家，…; 开导他，“…”: advice to someone, the content after the addressee and a comma
ADDRESSED = lexicon.words("cue_words", "addressed")
ADDRESSING = tuple(DIRECTIVE | ADDRESSED)  # cue words whose addressee may come first
PERSONAL_PRONOUNS = lexicon.words("speaker_words", "personal_pronoun") | {"大家"}
SPEECH_NOUNS = lexicon.words("speaker_words", "speech_noun")  # 讲话, 声明: words, not documents
# 张三在某会上发表的重要讲话，… / 张三的讲话: a person's words, not the person acting
SPEECH_OF_RE = regex.compile(
    rf"[^，,。；;：:！？!?“”了]{{0,4}}?(?:在[^，,。；;：:！？!?“”了]{{1,15}}?[上中]发表)?的(?:重要)?"
    rf"(?:{lexicon.alternation('speaker_words', 'speech_noun')})")
ADDRESSEE_MAX = 12  # 指示国家某委有关负责人，…: how long the addressee before the comma may be
# “…”正如某报告所指出，…: a frame after a quotation points on, it does not claim the quotation
AS_SAID = tuple(lexicon.ordered("cue_words", "as_said"))
MIN_CONTENT = 5
MIN_HAN = 4  # an indirect quote needs this many Chinese characters besides numbers
MIN_HAN_AFTER_MARK = 2  # …when its cue is followed by ，/： (中方欢迎, 很好): said, however short
CLAUSE_MARK_RE = regex.compile(r"[，,；;：:“”]")
FIRST_CLAUSE_RE = regex.compile(r"[^，,；;]*")  # a sentence's first clause
HAN_RE = regex.compile(rf"[{HAN}--[〇零一二三四五六七八九十百千万亿两多余几条个项次]]", regex.V1)
TERM_MAX = 15
MIN_SPEECH = 10  # a quotation with no cue shorter than this is no speech
# 我/我们/咱们 inside a quotation: someone speaking (我姐, 咱村), not a name or slogan
FIRST_PERSON_WORD_RE = regex.compile(r"我|咱")
# 我 alone, outside quotation marks before a cue: the writer narrating (not 我们, 我国, 我市)
NARRATOR_RE = regex.compile(rf"(?!{lexicon.alternation('cue_words', 'not_narrator')})我")
# 告诉对方“…”, 指责该法案“…”: how long the object between a cue and a quoted fragment may be
FRAGMENT_OBJECT_MAX = 8
FRAGMENT_OBJECT_RE = regex.compile(rf"[^，,；;：:。！？!?“”「」\n]{{0,{FRAGMENT_OBJECT_MAX}}}(?=[“「])")
# 提出“…”的要求，: a quoted fragment closed by 的 + a topic noun is still what was said,
# unless it is a run of short slogans (“专群结合、群防群治”的思路)
SLOGANS_RE = regex.compile(r"[^、，,]{1,4}(?:、[^、，,]{1,4})+")
FRAGMENT_TOPIC_RE = regex.compile(f"的(?:{lexicon.alternation('cue_words', 'topic_end')})")
SOURCE_WINDOW = 120  # how far from its cue a source or an object is looked for
QUOTE_OPENERS = (*OPENERS, '"')
COLON_QUOTE = tuple(c + q for c in "：:" for q in QUOTE_OPENERS)  # 说：“
COLON_OBJECT_MAX = 20  # 提出了以下三点要求：: the object a colon may close
TRAILING_CUE_END = "。！!，,"  # “…”某某说。 / “…”某某说，“…”: a cue closing the quotation's sentence
QUOTE_TO_CUE = 20  # `“…”国家统计局新闻发言人张三说。`: how far a cue may follow its quote
DATE_LEAD = 8  # a date this close to a sentence start makes the sentence narration
HEADLINE_MAX = 60
BYLINE_MAX = 20
BYLINE_ENDS = tuple(lexicon.ordered("cue_words", "byline_end"))
ACCOUNT_SIGNS = tuple(lexicon.ordered("cue_words", "account_sign"))
SPEAKER_PREFIX_MAX = 25  # 外交部发言人汪文斌：… — how long the part before the colon may be
COLON_RE = regex.compile(r"[：:]")
SPACE = " \t\n\u3000\xa0"  # what a heading's edges drop (not its dash or quotation mark)
SENTENCE_END = "。！？!?"
# 他连夜赶回，“…”: a pronoun that opens a clause is its subject
SUBJECT_PRONOUNS = ("他", "她")
SUBJECT_AFTER = "，,。！？；;：:”」\n "


@dataclass
class Event:
    """One cue with its resolved source."""

    cue: Cue
    mention: Optional[Mention]
    speaker: Optional[str]
    kind: str  # the source's kind (speakers.Mention.kind)
    clause_start: int  # where the event's clause begins: the previous content ends here
    sent_start: int
    zone: int  # where the search for its source began (right after a quotation, if one precedes)


def _span(text: str, s: int, e: int) -> TextSpan:
    return TextSpan(s, e, text[s:e])


def _is_term(text: str, pair: Marked, para_end: int) -> bool:
    """Quoted names, slogans and topics: no clause inside, and short or run on after the mark
    (a quotation in the first person that closes its clause is someone's words:
    `…，他没了工作，“缴社保的钱还要从我姐那儿借”。`)."""
    inner = text[pair.start:pair.end]
    if any(c in inner for c in CLAUSE_PUNCT):
        return False
    after = text[pair.close + 1] if pair.close + 1 < para_end else "。"
    if after in CLAUSE_PUNCT and FIRST_PERSON_WORD_RE.search(inner) and len(inner) >= MIN_SPEECH:
        return False
    return len(inner) <= TERM_MAX or after not in CLAUSE_PUNCT


def _speechlike(text: str, pair: Marked, para: tuple[int, int]) -> bool:
    """A quoted span with no cue of its own that still reads as someone's words."""
    inner = text[pair.start:pair.end]
    if len(inner) < MIN_SPEECH or not (any(c in inner for c in "，。！？,!?；")
                                       or FIRST_PERSON_WORD_RE.search(inner)):
        return False
    opens_para = pair.open == para[0] or text[pair.open - 1] in "：:"
    closes = pair.close + 1 >= para[1] or text[pair.close + 1] in SENTENCE_END
    return (opens_para or inner[-1] in "。！？，,!?"
            or closes and FIRST_PERSON_WORD_RE.search(inner) is not None)




class Attributor:
    """All quotes of one Doc."""

    def __init__(self, doc: Doc) -> None:
        self.ix = DocIndex(doc)
        self.text = self.ix.text  # rebuilding doc.text makes a Token per token
        self.lay = Layout(self.text)
        self.res = SpeakerResolver(self.ix, [p[0] for p in self.lay.paras])
        self.cues = find_cues(self.ix)
        self.cue_starts = [c.start for c in self.cues]  # sorted: the cues of a span by bisection
        self.quotes: list[Quote] = []
        self.list_speaker: Optional[str] = None  # whose list or quotation the next paragraphs may be
        self.list_source: tuple[Optional[Mention], Optional[TextSpan]] = (None, None)
        self.list_fresh = False  # a cue's colon closed the paragraph just before

    def run(self) -> list[Quote]:
        ci = 0
        paras = self.lay.paras
        for i, para in enumerate(paras):
            start_ci = ci
            while ci < len(self.cues) and self.cues[ci].start < para[1]:
                ci += 1
            fresh, self.list_fresh = self.list_fresh, False  # the paragraph right after `介绍：`
            if i + 1 < len(paras) and self._epigraph(para, paras[i + 1]):
                continue
            if i and self._kicker(para, paras[i - 1]):
                continue
            if self.list_speaker is not None and ENUM_RE.match(self.text, para[0]):
                self._add(para[0], para[1], "indirect", self.list_speaker, None, None, "implicit")
                continue
            if self.list_speaker is not None and self.text.startswith(QUOTE_OPENERS, para[0]):
                if self._quoted_paragraph(para):
                    continue
            elif self.list_speaker is not None and fresh:
                # 某部长向记者介绍了有关情况：/ <the next paragraph>: what he said (round-5 decisions)
                speaker, (mention, cue) = self.list_speaker, self.list_source
                self.list_speaker = None
                if self._add(para[0], para[1], "indirect", speaker, mention, cue):
                    continue
            self.list_speaker = None
            if self._headline(para):
                continue
            n = len(self.quotes)
            self._paragraph(para, self.cues[start_ci:ci])
            if i + 1 < len(paras) and self._signed_account(para, paras[i + 1]):
                continue
            if len(self.quotes) > n:
                last = self.quotes[-1]
                ends_para = trim(self.text, last.end, para[1])[0] >= para[1] - 1
                if last.text.rstrip().endswith(("：", ":")) and ends_para:
                    self.list_speaker, self.list_source = last.speaker, (None, None)
        return self._final()

    # -- pieces ---------------------------------------------------------------------

    def _quoted_paragraph(self, para: tuple[int, int]) -> bool:
        """`他说：` ends a paragraph and `“…` opens the next: a direct quote that may run over
        several paragraphs (each opens with “, only the last closes). True while it goes on."""
        text, s = self.text, para[0]
        close = text.find(CLOSERS.get(text[s], '"'), s + 1, para[1])
        mention, cue = self.list_source
        self._add(s + 1, close if close >= 0 else para[1], "direct", self.list_speaker, mention, cue)
        return close < 0 or trim(text, close + 1, para[1])[0] >= para[1]

    def _add(self, s: int, e: int, kind: str, speaker: Optional[str], mention: Optional[Mention],
             cue: Optional[TextSpan], tier: str = "core") -> Optional[Quote]:
        if kind == "indirect":
            s, e = trim(self.text, s, e)
            if self.text.endswith("《", 0, s) and "》" in self.text[s:e].split("《")[0]:
                s -= 1  # 指出，《某书》编纂于…: the content opens with the title, marks and all
            if e < len(self.text) and self.text[e] in "：:":
                e += 1  # keep a list-opening colon: the implicit tier looks for it
        if not self.text[s:e].strip() or kind == "indirect" and not (
                self._proposition(s, e) or self._marked_short(s, e, cue)):
            return None
        q = Quote(s, e, self.text[s:e], kind, speaker,
                  _span(self.text, mention.start, mention.end) if mention else None, cue, tier)
        self.quotes.append(q)
        return q

    def _epigraph(self, para: tuple[int, int], nxt: tuple[int, int]) -> bool:
        """An epigraph: a short paragraph `——张三` (a name alone) credits the paragraph
        before it (`“要把路修好，让乡亲们走得舒心。` / `——张三`), direct when it opens with a
        quotation mark."""
        text = self.text
        s, e = trim(text, nxt[0], nxt[1], SPACE)
        if not text.startswith("——", s):
            return False
        who = self.ix.person_starting_at(s + 2)
        named = [x for x in self.ix.persons_in(s + 2, e) if x[0] == s + 2]
        if who is None or not named or trim(text, named[0][1], e)[0] < e:
            return False
        mention, speaker = self._person(named[0], para)
        cue = _span(text, s, s + 2)
        ps, pe = trim(text, para[0], para[1], SPACE)
        if text.startswith(QUOTE_OPENERS, ps):
            close = text.find(CLOSERS.get(text[ps], '"'), ps + 1, pe)
            return self._add(ps + 1, close if close >= 0 else pe, "direct", speaker, mention, cue) is not None
        return self._add(ps, pe, "indirect", speaker, mention, cue) is not None

    def _cues_in(self, start: int, end: int) -> list[Cue]:
        """The cues that start in ``[start, end)``, in order."""
        return self.cues[bisect.bisect_left(self.cue_starts, start):
                         bisect.bisect_left(self.cue_starts, end)]

    def _kicker(self, para: tuple[int, int], prev: tuple[int, int]) -> bool:
        """A heading after a kicker line ending in `——`: `某部回应——` / `全面整改 便利出行`
        (a cue before the dash), or a body or role alone before it (`某市政府——`): the
        heading is what the source says. `干部张三——` / `悉心帮助群众` is a profile's heading,
        not speech (a person with no cue)."""
        text = self.text
        ps, pe = trim(text, prev[0], prev[1], SPACE)
        s, e = trim(text, para[0], para[1], SPACE)
        # 某某在某地调研时强调 / 落实政策 服务群众: a headline ending in its cue, heading below
        cue_line = any(c.end == pe and text[c.start:c.end] not in NOUN_CUES
                       for c in self._cues_in(ps, pe))  # not 各方建议 (a noun)
        if (not (text.endswith("——", ps, pe) or cue_line) or pe - ps > HEADLINE_MAX
                or e - s > HEADLINE_MAX or any(c in text[s:e - 1] for c in SENTENCE_END)):
            return False
        # 亲历者说 / 张三：某馆研究员 (a name line), ——某书记在会上说 / （记者某某整理） (a
        # sign-off and its byline): no heading below a cue line
        if cue_line and (text.startswith("——", ps) or text.startswith(("（", "("), s)
                         or "：" in text[s:e] or ":" in text[s:e] or self._byline(s, e)):
            return False
        dash = pe if cue_line else pe - 2
        clause = max((k + 1 for k in range(ps, dash) if text[k] in "，,"), default=ps)
        cue = next((c for c in reversed(self._cues_in(clause, dash)) if c.end <= dash), None)
        m = self.res.subject(clause, cue.start if cue else dash)
        if m is None:
            return False
        if cue is None and (m.kind in ("person", "pronoun", "honorific")
                            or (m.start, m.end) != (clause, dash)):
            return False
        cue_span = _span(text, cue.start, cue.end) if cue else _span(text, dash, pe)
        speaker = self.res.resolve(m, prev[0])
        if text.startswith(QUOTE_OPENERS, s):
            close = text.find(CLOSERS.get(text[s], '"'), s + 1, e)
            return self._add(s + 1, close if close >= 0 else e, "direct", speaker, m, cue_span) is not None
        return self._add(s, e, "indirect", speaker, m, cue_span) is not None

    def _byline(self, s: int, e: int) -> bool:
        """Is text[s:e] a byline (`本报记者  某某整理`, `某某  某某采写`; cue_words byline_end)?"""
        return (e - s <= BYLINE_MAX and self.text.endswith(BYLINE_ENDS, s, e)
                and not any(ch in CLAUSE_PUNCT for ch in self.text[s:e]))

    def _signed_account(self, para: tuple[int, int], nxt: tuple[int, int]) -> bool:
        """A first-person account signed on the next line by its teller (`我们连夜…平安。` /
        `某社区党总支书记张三讲述` / `本报记者  李四整理`; cue_words account_sign): the paragraph
        is the teller's core quote, like an epigraph's, its sentences that another source's quote
        takes (`邻居留言，说…`) left out (round-5 decisions)."""
        text = self.text
        s, e = trim(text, nxt[0], nxt[1], SPACE)
        sign = next((w for w in ACCOUNT_SIGNS if text.endswith(w, s, e)), None)
        if sign is None or e - s > HEADLINE_MAX or any(ch in CLAUSE_PUNCT for ch in text[s:e]):
            return False
        named = [x for x in self.ix.persons_in(s, e) if x[1] == e - len(sign)]
        if not named:
            return False
        mention, speaker = self._person(named[-1], para)
        cue = _span(text, e - len(sign), e)
        taken = [(q.start, q.end) for q in self.quotes if para[0] <= q.start < para[1]]
        taken += [(q.cue.start, q.cue.end) for q in self.quotes if q.cue and para[0] <= q.cue.start < para[1]]
        run_start: Optional[int] = None
        k = para[0]
        while k < para[1]:
            end = self.lay.sentence_end(k, para[1])
            end = min(para[1], max(end, k + 1))
            free = not any(a < end and k < b for a, b in taken)
            if free and run_start is None:
                run_start = k
            if not free and run_start is not None:
                self._add(run_start, k, "indirect", speaker, mention, cue)
                run_start = None
            k = end
        if run_start is not None:
            self._add(run_start, para[1], "indirect", speaker, mention, cue)
        return True

    def _proposition(self, s: int, e: int) -> bool:
        """Enough words to be something said (not 表示欢迎, 收集意见建议1800多条)."""
        s, e = trim(self.text, s, e)
        return e - s >= MIN_CONTENT and len(HAN_RE.findall(self.text, s, e)) >= MIN_HAN

    def _marked_short(self, s: int, e: int, cue: Optional[TextSpan]) -> bool:
        """A short sentence the cue's ，/： sets off is still said (表示，中方欢迎。; 说：很好！),
        where with no mark it is an attitude or a topic (表示欢迎). The whole rest of the
        sentence, not a piece another rule cut off (表示，4日下午，某某宣布…)."""
        s, e = trim(self.text, s, e)
        return cue is not None and self.text[cue.end:s].strip() in ("，", "：", ",", ":") \
            and self.text[e:e + 1] in SENTENCE_END and not CLAUSE_MARK_RE.search(self.text, s, e) \
            and len(HAN_RE.findall(self.text, s, e)) >= MIN_HAN_AFTER_MARK

    def _headline(self, para: tuple[int, int]) -> bool:
        """`国家发展改革委副秘书长任志武：中国愿与各方共同推动政务服务` (a headline), and
        `汪文斌：这是…。我们…` (an answer in a transcript: the name opens the paragraph)."""
        s, e = para
        colon = COLON_RE.search(self.text, s, e)
        if colon is None:
            return False
        c = colon.start()
        headline = e - s <= HEADLINE_MAX and "。" not in self.text[s:e - 1]
        speaker_line = (c - s <= SPEAKER_PREFIX_MAX
                        and not any(ch in CLAUSE_PUNCT for ch in self.text[s:c]))
        if not (headline or speaker_line):
            return False
        m = self.res.headline_speaker(c, s)
        if m is None:
            return False
        speaker = self.res.resolve(m, s)
        q = self._add(c + 1, e, "indirect", speaker, m, _span(self.text, c, c + 1))
        if q:
            self.res.note(speaker, s, "person")
        return q is not None

    def _events(self, para: tuple[int, int], cues: list[Cue], pairs: list[Marked]) -> list[Event]:
        text = self.text
        events: list[Event] = []
        holder: Optional[Event] = None  # the sentence's last source, whether it reported or not
        for cue in cues:
            if any(p.open < cue.start < p.close for p in pairs):
                continue  # a cue word inside someone's quoted words
            if text.rfind("《", para[0], cue.start) > text.rfind("》", para[0], cue.start) \
                    and text.find("》", cue.end, para[1]) >= 0:
                continue  # 表演小品《快说，我愿意》: a cue word inside a title
            after_quote = any(0 <= cue.start - p.close <= QUOTE_TO_CUE for p in pairs)
            if not after_quote and (cue.end >= para[1] or text[cue.end] in "。！？!?"):
                continue  # 提出的改革要求。: nothing is reported
            sent = self.lay.sentence_start(cue.start, para[0])
            look = max(sent, cue.start - SOURCE_WINDOW)  # where a source may start
            sent_end = self.lay.sentence_end(cue.start, para[1])
            if any(a <= cue.start and cue.end < b for a, b in (m.span() for m in ADVERBIAL_RE.finditer(
                    text, look, min(sent_end, cue.end + SOURCE_WINDOW)))):
                continue  # 在回答记者提问时指出: the 回答 is part of the adverbial
            marks = [p.close + 1 for p in pairs if look <= p.close < cue.start
                     and not _is_term(text, p, para[1])]
            earlier = [events[-1].cue.end] if events and events[-1].sent_start == sent else []
            label = text.rfind("】", look, cue.start) + 1  # 【说法】法官认为，…: a column's label
            zone = max([look, *marks, *earlier, label])
            if cue.cls == "kanlai":
                m = self.res.subject(cue.src_start, cue.src_end)
            elif cue.cls == "learned":  # 记者从某吹风会上获悉：…: the source as worded
                m = Mention(cue.src_start, cue.src_end, "org")
            else:
                m = self.res.subject(zone, cue.start)
            if m is not None and text.endswith("经", 0, m.start):
                continue  # 经朋友介绍，她来到…: "through an introduction", not a report
            if m is not None:
                speaker, kind = self.res.resolve(m, para[0]), m.kind
                if kind == "document" and speaker in UNNAMED_DOCS:
                    # 学者研究发现，… / 某学会最新研究显示，…: the body or group whose study it is
                    m = self.res.subject(zone, m.start)
                    if m is None or m.kind == "document":
                        continue  # 研究发现，…: no named source (docs/annotation.md)
                    speaker, kind = self.res.resolve(m, para[0]), m.kind
                clause = max((i for i in range(zone, m.start) if text[i] in "，,；;"), default=zone)
            elif (doc := self._issued_before(cue, zone)) is not None:
                m, speaker, kind, clause = doc, doc.name, doc.kind, cue.start - 1
            else:
                found = self.res.left_out_subject(
                    cue.start, self._reports(cue), sent, look, zone,
                    (holder.speaker, holder.kind, holder.sent_start) if holder else None, para[0])
                if found is None and cue.cls == "say" and text.startswith(COLON_QUOTE, cue.end):
                    m = self.res.worded_subject(zone, cue.start)  # 某某说：“…”, a missed name
                    if m is not None:
                        found = self.res.resolve(m, para[0]), m.kind, m.start
                    else:  # 某某抿抿嘴，悄声说：“…”: the sentence's subject
                        found = self.res.quoting_subject(cue.start, look, zone, para[0])
                elif found is None and cue.cls == "say" and text[cue.end:cue.end + 1] in TRAILING_CUE_END:
                    # “…” 某某说。 / “…”某某如此说，“…”: a name the recogniser missed after speech
                    closing = next((p.close for p in reversed(pairs)
                                    if 0 <= cue.start - p.close <= QUOTE_TO_CUE
                                    and not _is_term(text, p, para[1])), None)
                    m = self.res.trailing_subject(closing + 1, cue.start) if closing is not None else None
                    if m is not None:
                        found = self.res.resolve(m, para[0]), m.kind, m.start
                if found is None:
                    continue
                speaker, kind, clause = found
                if clause == sent and events and events[-1].speaker == speaker:
                    continue  # 张三表示，…。希望…: his running quote goes on
                if (events and self._runs_into(events[-1], sent, cue.start, para)
                        and not (speaker and speaker in FIRST_CLAUSE_RE.match(text, sent, cue.start).group())):
                    # 张三指出，A。其次是通过建章立制，明确…: a cue with no subject of its own
                    # inside the running speech is part of it, not a new source (but 某秘书处对
                    # 议案逐件研究，认为…: a source opening the sentence speaks anew)
                    continue
            ev = Event(cue, m, speaker, kind, clause, sent, zone)
            holder = ev
            sent_end = self.lay.sentence_end(cue.end, para[1])
            cs = self._content_start(ev, sent_end)
            if cs is None:
                continue  # 让农民分享收益, 政府提出了…方针: no report, and no bound on the one before
            opens_list = text[cs - 1] in "：:" and trim(text, cs, para[1])[0] >= para[1]
            if not (after_quote or opens_list or text.startswith(QUOTE_OPENERS, cs)
                    or self._proposition(cs, min(sent_end, cs + SOURCE_WINDOW))
                    or self._marked_short(cs, min(sent_end, cs + SOURCE_WINDOW), cue)):
                continue  # 收集意见建议1800多条, 表示欢迎: nothing said
            self.res.note(speaker, para[0], kind)
            events.append(ev)
        return events

    def _runs_into(self, prev: Event, sent: int, cue_start: int, para: tuple[int, int]) -> bool:
        """Does ``prev``'s indirect content, begun in an earlier sentence, run on through every
        sentence up to the cue at ``cue_start`` in the sentence at ``sent``?"""
        text = self.text
        if prev.sent_start >= sent or text[prev.cue.start:prev.cue.end] in ONE_SENTENCE_CUES:
            return False
        end = self.lay.sentence_end(prev.cue.end, para[1])
        if end > sent or text.startswith(QUOTE_OPENERS, self._content_start(prev, end) or end):
            return False
        return self._run_on(prev, end, cue_start, para[1]) >= cue_start

    def _run_on(self, ev: Event, end: int, limit: int, para_end: int) -> int:
        """How far ``ev``'s indirect content, ending at the sentence end ``end``, carries on
        sentence by sentence while the same source keeps speaking (``_continues``), up to
        ``limit``."""
        cue = self.text[max(ev.cue.start - 2, 0):ev.cue.end]
        who = ev.speaker if ev.kind in PERSONLIKE else None
        while end < limit:
            nxt = self.lay.sentence_end(end + 1, para_end)
            if not self._continues(end, nxt, cue, who):
                break
            end = min(nxt, limit)
        return end

    def _issued_before(self, cue: Cue, zone: int) -> Optional[Mention]:
        """The document issued in the clause right before a cue that follows a comma with no
        subject of its own (`某部印发了《某某意见》，提出…`, `X发布关于…的通知，要求…`): the
        document speaks, as the text names it (without 《》)."""
        text = self.text
        comma = cue.start - 1
        if comma <= zone or text[comma] not in "，,":
            return None
        start = max((i + 1 for i in range(zone, comma) if text[i] in "，,；;"), default=zone)
        doc = next((d for d in NAMED_DOC_RE.finditer(text, start, comma) if d.end() == comma), None)
        if doc is None:
            return None
        s, e = doc.span(1)
        if text.startswith("《", s) and text.endswith("》", 0, e):
            s, e = s + 1, e - 1
        elif (not any(text.endswith(d, s, e) for d in DOCUMENTS) or e - s < 4
              or any(text.endswith(w, s, e) for w in SPEECH_NOUNS | MEDIA_DOCS)):
            # 发表谈话/联合声明，表示…: a talk or statement; 《某报》发表时评文章，认为…: an
            # outlet's piece; the speaker is the subject
            return None
        return Mention(s, e, "document", text[s:e].replace("《", "").replace("》", ""))

    def _reports(self, cue: Cue) -> bool:
        """Can the cue report with its subject left out (`…，并要求…`)? Not an epistemic
        adverb (预计), nothing after it (提出了), a 提出-type cue only before a colon (并提出：)."""
        text = self.text
        reports = cue.cls not in OBJECT_TAKING or text.startswith(("：", ":"), cue.end)
        if not reports and text[cue.start:cue.end] in CLAUSE_CUES:  # …，希望他们能够…
            clause = regex.match(r"[^，,；;：:。！？!?]*", text[cue.end:cue.end + SOURCE_WINDOW]).group()
            reports = self._subject_clause(cue.end, cue.end + len(clause))
        return (reports and text[cue.start:cue.end] not in EPISTEMIC
                and not text.startswith(("了", "过"), cue.end))

    def _unnest(self, events: list[Event], para: tuple[int, int]) -> list[Event]:
        """Drop an event that opens the content of the one before it (在专家看来，数据表明…):
        it is part of what the first source says."""
        out: list[Event] = []
        for ev in events:
            if out and self._own_side(out[-1], ev, para):
                continue
            if out and out[-1].sent_start == ev.sent_start:
                prev = out[-1]
                cs = self._content_start(prev, self.lay.sentence_end(prev.cue.end, para[1]))
                own = ev.mention.start if ev.mention else ev.cue.start
                if cs is not None and ev.clause_start < cs <= own:
                    continue
                if cs is not None and self._own_group(prev, ev, cs):
                    continue
            out.append(ev)
        return out

    def _own_group(self, prev: Event, ev: Event, cs: int) -> bool:
        """Is ``ev`` a plural pronoun's cue inside a person's running indirect content (`张三说，
        为减少污染，他们要求把工厂迁走`), or a document issued there (`张三介绍，…，某机制印发了
        《某意见》，提出了5个方面措施：…`)? The speaker reports what his side said or did: one
        quote of his (docs/annotation.md, embedded sources), not a new source."""
        m = ev.mention
        return (m is not None and prev.kind in PERSONLIKE and cs <= m.start
                and (self.text[m.start:m.end] in PLURAL_PRONOUNS
                     or m.kind == "document" and ev.clause_start == ev.cue.start - 1)
                and not self.text.startswith(QUOTE_OPENERS, cs))

    def _own_side(self, prev: Event, ev: Event, para: tuple[int, int]) -> bool:
        """Is ``ev`` a cue whose left-out subject is the speaker still talking, inside the
        indirect content of ``prev``, right after a comma (`张三说，A，建议B`: one quote, not two,
        docs/annotation.md "Extent")? Not when either
        content is a quotation or opens a list (`，并提出：`)."""
        text = self.text
        if (ev.mention is not None or ev.speaker is None or ev.speaker != prev.speaker
                or text[ev.cue.start - 1] not in "，,"):
            return False  # `…，并要求…` (a conjunction) starts a quote of its own
        cs = self._content_start(prev, self.lay.sentence_end(prev.cue.end, para[1]))
        own = self._content_start(ev, self.lay.sentence_end(ev.cue.end, para[1]))
        if (cs is None or own is None or not cs < ev.cue.start or ev.sent_start != prev.sent_start
                or not self._proposition(cs, ev.cue.start)):
            return False  # 他表示反对，明确指出…: the first content is no proposition
        return not (text.startswith(QUOTE_OPENERS, cs) or text.startswith(QUOTE_OPENERS, own)
                    or text[own - 1] in "：:")

    def _content_start(self, ev: Event, sent_end: int) -> Optional[int]:
        """Where the event's reported content begins, or None for a topic-only object."""
        text, after = self.text, ev.cue.end
        sent_end = min(sent_end, after + SOURCE_WINDOW)  # an object longer than this is content
        if text.startswith(("了", "过"), after):
            colon = COLON_RE.search(text, after, sent_end)
            return colon.end() if colon else None
        if after < len(text) and text[after] in "，,：:":
            if ev.cue.cls == "object" and self._done_next(after + 1):
                return None  # 居民向政府提意见，关闭了公厕: what they did next, not what they said
            return after + 1
        addressed = self._addressee_end(ev, after, sent_end)
        if addressed is not None:  # 当即指示市卫生局有关负责人，马上增派…
            return addressed
        frag = self._fragments(after, sent_end)
        if frag:
            return frag[0].open  # 表示“心痛”, 告诉对方“…”, 明确提出“…”的要求
        if text.startswith(("的，", "的,"), after):  # 正如X所指出的，…
            return after + 2
        clause = regex.match(r"[^，,；;：:。！？!?]*", text[after:sent_end]).group()
        if (ev.cue.cls in OBJECT_TAKING and text.startswith(("：", ":"), after + len(clause))
                and len(clause) <= COLON_OBJECT_MAX):
            return after + len(clause) + 1  # 提出要求：…, 分享三点经验：… (not 认为原因是：…)
        attitude = ATTITUDE_RE.match(text, after)
        if attitude and not self._subject_clause(attitude.end(), after + len(clause)):
            return None  # 表示赞成这个报告: an attitude to a thing (not 表示支持各方保持克制)
        if (ev.cue.cls == "object" and text[ev.cue.start:ev.cue.end] in CLAUSE_CUES
                and self._subject_clause(after, after + len(clause))):
            return after  # 希望大家积极参与, 承诺两年内解决…: a clause with its own subject
        # 建议各国实施结构改革和刺激计划: a proposal's clause with its own subject, though it ends
        # in a topic word (a proposing or directive cue: 建议, 要求, 敦促…; not 说现状、话长远)
        cue_word = text[ev.cue.start:ev.cue.end]
        proposal = (ev.cue.cls == "say" and (cue_word in NOUN_CUES or cue_word in DIRECTIVE)
                    and "的" not in clause and self._subject_clause(after, after + len(clause)))
        if ev.cue.cls == "object" or TOPIC_END_RE.search(clause.rstrip("”")) and not proposal:
            return None  # 介绍了…的情况, 提出…五大方针: a topic, not what was said
        return after

    def _addressee_end(self, ev: Event, after: int, sent_end: int) -> Optional[int]:
        """Where a directive's content begins after the person or group it addresses and a
        comma (`指示市卫生局有关负责人，马上…`, `呼吁张三，…`), or None."""
        text = self.text
        if not text.startswith(ADDRESSING, ev.cue.start):  # 叮嘱道 too
            return None
        clause = regex.match(r"[^，,；;：:。！？!?“”「」]*", text[after:sent_end]).group()
        end = after + len(clause)
        if not 0 < len(clause) <= ADDRESSEE_MAX or not text.startswith(("，", ","), end):
            return None
        if clause in PERSONAL_PRONOUNS:  # 叮嘱大家，…; 开导他，“…”
            return end + 1
        group = next((m for m in COLLECTIVE_RE.finditer(text, after, end) if m.end() == end), None)
        return end + 1 if group is not None or self.ix.person_ending_at(end) else None

    def _fragments(self, after: int, limit: int) -> list[Marked]:
        """Quoted fragments right after a cue, or after a short object (`表示“心痛”`,
        `告诉对方“…”`, `强调“A”“B”`), that close the clause (`。`/`，`) or a topic noun after
        `的` (`提出“…”的要求，`): each is a direct quote, short as it may be (docs/annotation.md,
        partial quotations). `提出“一带一路”倡议` (the marks name a thing) is none."""
        text = self.text
        obj = FRAGMENT_OBJECT_RE.match(text, after, limit)
        if obj is None or not self._noun_phrase(after, obj.end()):
            return []  # 表示自己已经被“圈粉”, 称任长霞为“任妈妈”: the marks sit in a clause
        out: list[Marked] = []
        pos = obj.end()
        while pos < limit and text[pos] in QUOTE_OPENERS:
            close = text.find(CLOSERS.get(text[pos], '"'), pos + 1, limit + 1)
            if close < 0 or close == pos + 1:
                return []
            out.append(Marked(pos, close))
            pos = close + 1
            if text.startswith("、", pos) and text.startswith(QUOTE_OPENERS, pos + 1):
                pos += 1
        topic = FRAGMENT_TOPIC_RE.match(text, pos)
        if topic is not None:
            if len(out) > 1 or SLOGANS_RE.fullmatch(text, out[0].start, out[0].end):
                return []  # 提出“专群结合、群防群治”的思路: slogans naming a line, not words said
            pos = topic.end()
        if pos >= len(text) or text[pos] in CLAUSE_PUNCT + "\n":
            return out
        return []

    def _done_next(self, s: int) -> bool:
        """Does text[s:] open with a verb and 了 (`关闭了…`): a completed action?"""
        toks = self.ix.tokens_in(s, s + 12)
        return (len(toks) >= 2 and toks[0][0] == s and toks[1][1] == "了"
                and base_word_tags().get(toks[0][1], "").startswith("v"))

    def _noun_phrase(self, s: int, e: int) -> bool:
        """Is text[s:e] empty or a noun phrase (对方, 她, 该法案, 预算报告), by jieba's tags: a
        noun or pronoun last (a name counts as a noun), before it only nouns, pronouns, verbs
        and adjectives (预算|报告: jieba tags 预算 a verb), no preposition, adverb or particle
        (自己已经被, 称任长霞为, 来了一位)?"""
        if s == e:
            return True
        toks = self.ix.tokens_in(s, e)
        if not toks or toks[0][0] != s or toks[-1][0] + len(toks[-1][1]) != e:
            return False
        tags = base_word_tags()
        names = [(a, b) for a, b, _ in self.ix.persons_in(s, e)]

        def ok(pos: int, tok: str, allowed: tuple[str, ...]) -> bool:
            return tags.get(tok, "").startswith(allowed) or any(a <= pos < b for a, b in names)

        return ok(*toks[-1], ("n", "r")) and all(ok(p, t, ("n", "r", "v", "a")) for p, t in toks[:-1])

    def _subject_clause(self, s: int, e: int) -> bool:
        """Does text[s:e] open with a subject (a noun, pronoun, time or number word, by
        jieba's tags) followed later by a verb (`大家积极参与…`, not `通过努力改变面貌`)?"""
        toks = self.ix.tokens_in(s, e)
        if len(toks) < 2 or toks[0][0] != s:
            return False
        tags = base_word_tags()
        first = tags.get(toks[0][1], "")
        if self.ix.person_starting_at(s) is not None or any(o == s for o, _ in self.ix.orgs_in(s, e)) \
                or toks[0][1] in COLLECTIVES:
            first = "n"  # a name the dictionary lacks; 中方 (jieba: f), 美方 (q) as a side
        return first.startswith(SUBJECT_TAGS) and any(
            tags.get(t, "").startswith("v") for _, t in toks[1:])

    def _continues(self, s: int, e: int, cue: str, speaker: Optional[str] = None) -> bool:
        """Does the sentence text[s:e] carry on the speech before it? ``cue``: the cue with the
        two characters before it (介绍说); ``speaker``: the person speaking."""
        text = self.text
        lead = text[s:e].lstrip()
        if not lead or lead[0] in "“「\"":
            return False
        s += len(text[s:e]) - len(lead)
        if any(r.match(text, s) for r in (NARRATION_RE, PRONOUN_START_RE)):
            return False
        if COLLECTIVE_RE.match(text, s) and "了" in text[s:e]:
            return False  # 与会代表认真学习了…: narration (not 中方一贯反对…, 代表们依法提出议案122件)
        if text.startswith(WRITER_QUESTION, s) and text[s:e].rstrip().endswith(("？", "?")):
            return False  # 有车主反映，…。为什么会这样？: the writer asks, the source has spoken
        who = self.ix.person_starting_at(s)
        if who is not None and not PERSON_AS_MODIFIER_RE.match(text, who) and not SPEECH_OF_RE.match(text, who):
            return False  # 李四还参观了…: narration about a person (not 邓小平理论)
        if self._titled_person_opens(s):
            return False  # 某国总统张三谴责…: a titled person opens a sentence of his own
        if speaker and any(n == speaker and not self.ix.quoted(a) for a, _, n in self.ix.persons_in(s, e)):
            return False  # 张三告诉记者，A。步入中年后，张三…: the writer tells of the speaker by name
        if (speaker and not FIRST_PERSON_RE.search(text, s, e)
                and any(t in SUBJECT_PRONOUNS and not self.ix.quoted(p) for p, t in self.ix.tokens_in(s, e))):
            return False  # 她表示，A。这一路的艰辛刻在了她的心里: the writer tells of her
        if (not any(w in cue for w in INFORMING_CUES) and self.ix.date_near(s, DATE_LEAD)
                and not FIRST_PERSON_RE.search(text, s, e) and not self._verb_before_date(s)):
            return False  # 松江县从去年4月…: a dated event is the reporter's narration
        return True

    def _titled_person_opens(self, s: int) -> bool:
        """Does the sentence at ``s`` open with a person named after a title, with only the
        body or country before it (`某国总统张三…`, `某大学法学教授李四…`)?"""
        who = next(iter(self.ix.persons_in(s, s + SPEAKER_PREFIX_MAX)), None)
        if who is None or any(ch in CLAUSE_PUNCT or ch in "“”「」《》" for ch in self.text[s:who[0]]):
            return False
        if SPEECH_OF_RE.match(self.text, who[1]):
            return False  # 会议强调，…。某总书记在会上发表的重要讲话，…: his speech, the subject of the source's sentence
        return any(e == who[0] for _, e in self.ix.titles_in(s, who[0]))

    def _verb_before_date(self, s: int) -> bool:
        """Is the date near the sentence start at ``s`` inside a verb's object (`总结抗击2003年
        非典疫情的经验，要…`: the speaker's own sentence), not a time adverbial opening it?"""
        date = self.ix.next_date(s)
        tags = base_word_tags()
        return date is not None and any(tags.get(t, "").startswith("v")
                                        for _, t in self.ix.tokens_in(s, date))

    def _paragraph(self, para: tuple[int, int], cues: list[Cue]) -> None:
        text = self.text
        pairs = quote_pairs(text, para)
        events = self._unnest(self._events(para, cues, pairs), para)
        claimed: set[Marked] = set()
        for k, ev in enumerate(events):
            cue_span = _span(text, ev.cue.start, ev.cue.end)
            bound = para[1]
            if k + 1 < len(events):
                nxt_ev = events[k + 1]
                same = nxt_ev.sent_start == ev.sent_start
                bound = nxt_ev.clause_start if same else nxt_ev.sent_start
            # `“…”财政部副部长X说`: the quote right before the source's clause
            if ev.mention is not None:
                for p in pairs:
                    if (p.close + 1 == ev.zone <= ev.mention.start and p not in claimed
                            and not _is_term(text, p, para[1])
                            and not text[ev.zone:ev.mention.start].strip("，, ").count("，")
                            and not text.startswith(AS_SAID, ev.zone)):  # “…”正如X所说，…
                        claimed.add(p)
                        if self.res.ends_anothers_clause(p.open, ev.cue.end):
                            # 李梅心疼地问，“为啥不歇歇？”张三笑着说：“…”: 李梅 asks, not 张三
                            found = self.res.clause_source(
                                self.lay.sentence_start(p.open, para[0]), p.open, para[0]
                            ) or self._cueless_speaker(p, para)
                            if found is not None:
                                self._add(p.start, p.end, "direct", found[1], found[0], None)
                            continue
                        self._add(p.start, p.end, "direct", ev.speaker, ev.mention, cue_span)
            sent_end = self.lay.sentence_end(ev.cue.end, para[1])
            cs = self._content_start(ev, sent_end)
            if cs is None or cs < len(text) and text[cs] in SENTENCE_END:
                continue  # `“…”王五说。接班后，…`: the cue closes its sentence, nothing follows
            frags = [p for p in (self._fragments(cs, sent_end) if text.startswith(QUOTE_OPENERS, cs)
                                 else []) if p in pairs and p not in claimed]
            if frags:  # 表示“心痛”, 强调“A”“B”: each fragment its own direct quote
                for p in frags:
                    claimed.add(p)
                    self._add(p.start, p.end, "direct", ev.speaker, ev.mention, cue_span)
                continue
            direct = next((p for p in pairs if p.open == cs and p not in claimed
                           and not _is_term(text, p, para[1])), None)
            if direct is not None:
                claimed.add(direct)
                self._add(direct.start, direct.end, "direct", ev.speaker, ev.mention, cue_span)
                continue  # `他说：“A，”B` is rare; the speech after the marks stays unclaimed
            if trim(text, cs, para[1])[0] >= para[1] and text[cs - 1] in "：:":
                self.list_speaker = ev.speaker  # 提出了三点要求：+ a list, 他说：+ “… paragraphs
                self.list_source = (ev.mention, cue_span)
                self.list_fresh = True
                continue
            end = min(sent_end, bound)
            # 在张三眼里，这是吉祥的象征。当他敲响家门…: a view, not a speech that runs on
            # 某部发布公告，A。B: a statement or notice issued reports one sentence (ISSUED_RE)
            issued = ISSUED_RE.match(text, ev.cue.start)
            one_sentence = (self._narrator(para[0], ev.cue.end)
                            or text[ev.cue.start:ev.cue.end] in ONE_SENTENCE_CUES
                            or issued is not None and issued.end() == ev.cue.end)
            if not one_sentence:
                end = self._first_person_run(self._run_on(ev, end, bound, para[1]), bound, para[1])
            ask = text.find("？", cs, end) if text.startswith(ASKS, ev.cue.start) else -1
            if ask >= 0:
                end = ask + 1
            own = ev.mention.start if ev.mention else ev.cue.start
            semi = text.find("；", cs, end)
            if semi >= 0 and "；" in text[ev.sent_start:own]:
                end = semi  # …相继出台；市政府承诺A；落实B: one item of a list, not the rest
            other = ANOTHER_SOURCE_RE.search(text, cs, end)
            if other is not None:
                end = other.start()
            done = DONE_AFTER_RE.search(text, cs, end)
            if done is not None and not self._subject_clause(cs, done.start()):
                # 建议批准该报告，并代拟了决议草案: what the source then did (but 介绍，他们已…，
                # 并搭建了…: the content's own subject goes on)
                end = done.start()
            opens = [p.open for p in pairs if cs < p.open < end and not _is_term(text, p, para[1])
                     and (text[p.open - 1] in "。！？" or self._cue_colon_before(p.open))]
            if opens:  # a new quotation ends the content at the start of its sentence
                end = max(self.lay.sentence_start(min(opens), cs), cs)
            colon = next((p.open - 1 for p in pairs if cs < p.open < end and text[p.open - 1] in "：:"
                          and not _is_term(text, p, para[1]) and self._others_colon(ev, cs, p, para)),
                         None)
            if colon is not None:  # 经理说，…。前台人员还会多问一句：“…”: the quotation is not his
                end = colon
            turn = self._others_clause_colon(ev, cs, end, pairs, para)
            if turn is not None:  # 她表示要多陪陪母亲，她也把感谢送给了教练：“…”
                end = turn
            tail = next((p for p in pairs if cs < p.open < end and p not in claimed
                         and self._trailing_direct(p, para[1])), None)
            if tail is not None:  # `X说，A，“B。”`: A is indirect, B his direct words
                end = tail.open
                claimed.add(tail)
                self._add(tail.start, tail.end, "direct", ev.speaker, ev.mention, cue_span)
            self._add(cs, end, "indirect", ev.speaker, ev.mention, cue_span)
        self._unclaimed(para, pairs, claimed, events)

    def _narrator(self, s: int, cue_end: int) -> bool:
        """Does the writer narrate in the first person before the cue (`我忙让她去休息，她连说…`,
        `护士长告诉我，…`)? Then the sentences after the report's are the writer's own."""
        return any(not self.ix.quoted(m.start()) for m in NARRATOR_RE.finditer(self.text, s, cue_end))

    def _first_person_run(self, end: int, bound: int, para_end: int) -> int:
        """Carry a cut running quote on to a later sentence, before the next source, in which
        the speaker still says 我们 outside quotation marks (`X表示，…。10月1日是…。他们冲击…。
        对此，我们表示强烈谴责。`): the reporter does not write in the first person, so the
        sentences between are the speaker's too. No quotation may open in between."""
        text = self.text
        last, pos = end, end
        while pos < bound:
            nxt = min(self.lay.sentence_end(pos + 1, para_end), bound)
            if any(c in QUOTE_OPENERS for c in text[pos:nxt]):
                break
            if any(not self.ix.quoted(m.start()) for m in FIRST_PERSON_RE.finditer(text, pos, nxt)):
                last = nxt
            pos = nxt
        return last

    def _others_colon(self, ev: Event, cs: int, pair: Marked, para: tuple[int, int]) -> bool:
        """Does ``pair`` follow a colon closing a later sentence of the running content whose
        subject is someone else (`经理说，…。前台人员还会多问一句：“…”`)? Then the quotation
        is that someone's words, not the speaker's (not `张三说，…，花圈上写着：“…”`, one quote)."""
        sent = self.lay.sentence_start(pair.open - 1, para[0])
        if sent <= cs:
            return False
        found = self.res.clause_source(sent, pair.open - 1, para[0])
        return found is not None and found[0].start >= sent and found[1] != ev.speaker

    def _others_clause_colon(self, ev: Event, cs: int, end: int, pairs: list[Marked],
                             para: tuple[int, int]) -> Optional[int]:
        """Where the content ends when a later clause of its sentence opens with a pronoun or
        person and closes with a colon before a quotation (`她表示要多陪陪母亲，她也把感谢送给了
        教练：“…”`): the comma before that clause, or None (`…，花圈上写着：“…”` has no subject)."""
        text = self.text
        for p in pairs:
            if not (cs < p.open <= end + 1 and text[p.open - 1] in "：:"):
                continue
            comma = max((i for i in range(cs, p.open - 1) if text[i] in "，,"), default=-1)
            if comma < 0:
                continue
            m = self.res.clause_source(comma + 1, p.open - 1, para[0])
            if m is not None and m[0].start == comma + 1 and m[0].kind in ("pronoun", "person"):
                return comma
        return None

    def _trailing_direct(self, pair: Marked, para_end: int) -> bool:
        """Does ``pair`` carry on a running indirect quote in the speaker's own words
        (`张三说，A，“B，C。”`)? After a comma, a clause inside, and the clause ends with it
        (not `要落实“放管服，强监管”的要求`)."""
        text = self.text
        if text[pair.open - 1] not in "，," or _is_term(text, pair, para_end):
            return False
        # …，“B。”除了…: a quotation closing its own sentence inside the marks ends the clause too
        return (pair.close + 1 >= para_end or text[pair.close + 1] in CLAUSE_PUNCT
                or text[pair.close - 1] in SENTENCE_END)

    def _cue_colon_before(self, pos: int) -> bool:
        """Is ``pos`` right after a cue and a colon (有位智者说过：“…”)?"""
        text = self.text
        if pos < 2 or text[pos - 1] not in "：:":
            return False
        return any(text.endswith(c, 0, pos - 1) or text.endswith(c + "过", 0, pos - 1) for c in CUES)

    def _unclaimed(self, para, pairs, claimed, events) -> None:
        """Quoted speech with no cue of its own: the person the next sentence names when the
        quotation opens its sentence, else the nearest cue's speaker, else the person the
        paragraph is about."""
        for p in pairs:
            if (p in claimed or _is_term(self.text, p, para[1])
                    or not _speechlike(self.text, p, para)):
                continue
            if self._cue_colon_before(p.open):
                continue  # its own cue, but a speaker we could not find
            found = self._colon_subject(p, para)
            if found is not None:  # 村医张三拉着李四的手：“…”, 也有旁人冷言冷语：“…”
                self._add(p.start, p.end, "direct", found[1], found[0], None)
                continue
            opener = self._opener_after(p, para)
            if opener is not None:  # “…？”马女士焦急询问。/ “…”工作人员接过马女士的证件: the subject
                self._add(p.start, p.end, "direct", self.res.resolve(opener, para[0]), opener, None)
                continue
            named = self._named_after(p, para)
            if named is not None:  # `“…”让老兵张三难忘的是…`: the person the next sentence is about
                mention, speaker = self._person(named, para)
                self._add(p.start, p.end, "direct", speaker, mention, None)
                continue
            before = [e for e in events if e.cue.start < p.open]
            # 高伯龙笑笑说：“…”: a cue opening a quotation of its own does not claim the one before
            after = [e for e in events if e.cue.start > p.close and not self.res.owns_quote(e.cue.end)
                     and not self.text.startswith(AS_SAID, e.zone)]
            ev = before[-1] if before else (after[0] if after else None)
            if ev is not None:
                if ev.speaker is not None:
                    self._add(p.start, p.end, "direct", ev.speaker, None, None)
                continue
            found = self._cueless_speaker(p, para)
            if found is not None:
                mention, speaker = found
                self._add(p.start, p.end, "direct", speaker, mention, None)

    def _colon_subject(self, p: Marked, para: tuple[int, int],
                       ) -> Optional[tuple[Mention, Optional[str]]]:
        """(mention, speaker) for a quotation after a colon with no cue word: the first person
        or group of the clause the colon closes (`…，让返乡创业的张三倍感自豪：“…”`,
        `村医张三热情地拉着李四的手：“…”`: 张三), or None."""
        text, colon = self.text, p.open - 1
        if colon <= para[0] or text[colon] not in "：:":
            return None
        start = max((i + 1 for i in range(para[0], colon) if text[i] in "，,。！？!?；;”」"),
                    default=para[0])
        return self.res.clause_source(start, colon, para[0])

    def _cueless_speaker(self, p: Marked, para: tuple[int, int],
                         ) -> Optional[tuple[Mention, Optional[str]]]:
        """(mention, speaker) of quoted speech in a paragraph with no cue: the person the
        paragraph is about before it (`老周又忙开了，“…”`, `他连夜赶回，“…”`), else the one
        named after it. A speaker known only from earlier paragraphs is left alone (the gold's
        implicit tier; guessing it was wrong more often than right on the news dev set)."""
        text, ix = self.text, self.ix
        who = ix.last_subject_before(p.open, para[0])
        pron = [(pos, tok) for pos, tok in ix.tokens_in(who[1] if who else para[0], p.open)
                if tok in SUBJECT_PRONOUNS and not ix.quoted(pos)
                and (pos == para[0] or text[pos - 1] in SUBJECT_AFTER)]
        if pron:
            m = Mention(pron[-1][0], pron[-1][0] + len(pron[-1][1]), "pronoun")
            return m, self.res.resolve(m, para[0])
        group = self.res.clause_group(self.lay.sentence_start(p.open, para[0]), p.open,
                                      who[1] if who else para[0])
        if group is not None:  # 一位教授问他，“…”: the unnamed someone whose clause it ends
            return group, self.res.resolve(group, para[0])
        if who is None:
            who = self._first_named(p.close + 1, self.lay.sentence_end(p.close + 1, para[1]))
        return self._person(who, para) if who is not None else None

    def _named_after(self, p: Marked, para: tuple[int, int]) -> Optional[tuple[int, int, str]]:
        """The person named in the sentence right after a quotation that opens its sentence
        (`“…”身穿红马甲的老周端上饭菜。`), not inside an adverbial (`在老周的帮助下`)."""
        text = self.text
        if not self._opens_sentence(p, para):
            return None
        after = p.close + 1
        if after < para[1] and text[after] in SENTENCE_END:
            after += 1  # “…”。从去年开始，张三…: the sentence after the closing 。
        return self._first_named(after, self.lay.sentence_end(after, para[1]))

    def _opener_after(self, p: Marked, para: tuple[int, int]) -> Optional[Mention]:
        """An unnamed person or group opening the sentence right after a quotation that opens
        its own (`“…？”马女士前不久来到…`), or None."""
        if not self._opens_sentence(p, para):
            return None
        return self.res.opening_subject(p.close + 1) if p.close + 1 < para[1] else None

    def _opens_sentence(self, p: Marked, para: tuple[int, int]) -> bool:
        """Does the quotation open its paragraph or a sentence (after 。, a closing mark, …)?"""
        return p.open == para[0] or self.text[p.open - 1] in SENTENCE_END + "”」…"

    def _first_named(self, s: int, e: int) -> Optional[tuple[int, int, str]]:
        """The first person named in text[s:e], not quoted and not inside an adverbial
        (`在老周的帮助下，小李…`: 小李)."""
        ix = self.ix
        adverbials = [m.span() for m in ADVERBIAL_RE.finditer(self.text, s, e)]
        named = [x for x in ix.persons_in(s, e) if not ix.quoted(x[0])
                 and not any(a <= x[0] < b for a, b in adverbials)]
        return named[0] if named else None

    def _person(self, who: tuple[int, int, str], para: tuple[int, int]) -> tuple[Mention, Optional[str]]:
        """A person mention from the index, resolved (a bare surname to the full name); a
        person followed by a kin noun (`张三的媳妇端上饭菜`) is the kin, as worded, the way
        speakers.resolve.candidates words it."""
        kin = KIN_AFTER_RE.match(self.text, who[1])
        m = (Mention(who[0], kin.end(), "collective") if kin
             else Mention(who[0], who[1], "person", who[2]))
        return m, self.res.resolve(m, para[0])

    def _final(self) -> list[Quote]:
        """Sorted, without overlaps (the earlier-starting, then longer, quote wins)."""
        out: list[Quote] = []
        for q in sorted(self.quotes, key=lambda q: (q.start, -(q.end - q.start))):
            if not out or q.start >= out[-1].end:
                out.append(q)
        return out


class QuoteAttributor:
    def __init__(self, nlp: Language, name: str = "quotes") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = [q.to_dict() for q in Attributor(doc).run()]
        return doc


@Language.factory(
    "zhpolicy_quotes",
    assigns=["doc._.quotes"],
    requires=["doc.ents", "doc._.people", "span._.person"],
)
def make_quotes(nlp: Language, name: str) -> QuoteAttributor:
    return QuoteAttributor(nlp, name)
