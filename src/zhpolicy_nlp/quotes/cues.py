"""Speech cues: which occurrences of 说/表示/认为/… introduce reported speech.

A cue is a whole jieba token from the ``speech_cues`` lexicon. Noun uses (`按照…的要求`,
`提出建议`), passives (`被认为`), nominalised forms (`强调的是`) and sourceless frames
(`据介绍`) are rejected here; whether a source stands before the cue is decided by
:mod:`zhpolicy_nlp.speakers.resolve`.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import lexicon
from ..speakers.index import DocIndex
from ..speakers.resolve import COLLECTIVES, DOCUMENTS
from ..text import CLOSERS
from ..tokenizer.jieba_dict import base_word_tags

CUES: dict[str, str] = {r[0]: (r[1] if len(r) > 1 else "say") for r in lexicon.rows("speech_cues")
                        if r[1:2] != ("-",)}
# Verbs and modifiers after which 要求/建议/… are nouns.
NOUN_BEFORE = lexicon.ordered("cue_words", "noun_before")
# Cue words often used as nouns (按照…的要求, 提出建议): flag `noun` in speech_cues.txt.
NOUN_CUES = lexicon.words("speech_cues", "noun", field=2)
# 为适应…作战要求，/ 按照“…”转型要求，: earlier in the clause, these make such a cue a noun.
NOUN_FRAME = lexicon.words("cue_words", "noun_frame")
CLAUSE_BREAK = "，,。！？!?；;：:\n"
NUMBERISH = "一二三四五六七八九十百千万两几多数各每这那哪某该此"  # before a measure word (八项主张)
OBJECT_TAKING = frozenset({"topic", "object"})
# 意见和建议 / 八项主张 / 主张中: a cue word used as a noun.
COORD = lexicon.words("cue_words", "coord")
MEASURE = lexicon.words("cue_words", "measure")
LOCATIVE = lexicon.words("cue_words", "locative")
# 被认为, 据介绍, 所说 / 强调的是, 说得好: no report frame.
FRAME_BEFORE = lexicon.words("cue_words", "frame_before")
FRAME_AFTER = lexicon.words("cue_words", "frame_after")
# What jieba may glue onto a following cue (中说, 地说, 还表示, 明确提出); a cue glued to
# another (强调指出) or to a document noun (结果表明) counts as its last part.
GLUED_BEFORE = lexicon.words("cue_words", "glued_before")
TERM_CLOSERS = frozenset(CLOSERS.values())  # ” 」: a noun cue right after one is the term's noun
# 说|到 (把话说到心坎里): a cue and the token after it that together make no report
NOT_REPORT = lexicon.words("cue_words", "not_report")
# 路透社报道，…: a cue only right after a body (an outlet) and before ，/：, never after a
# reporter's name (记者某某报道：, a byline)
OUTLET_CUES = lexicon.words("cue_words", "outlet_cue")
OUTLET_GROUPS = tuple(lexicon.ordered("speaker_words", "outlet"))
# 正如X所指出的，… (the content follows 的，), 正如X所指出：“…”, 正如X所说，…
AS_SAID_RE = regex.compile(rf"(?:{lexicon.alternation('cue_words', 'as_said')})[^，。；：]{{1,25}}所$")
# 在X看来，…: the source sits between 在 and 看来.
KANLAI_RE = regex.compile(r"在([^，。；：“”]{1,30})看来")
# The same frame with the source inside and the cue after it, before a comma: 在X的记忆中，…,
# 按照X的想法，… (cue_words.txt: frame_in, frame_by).
FRAMES_RE = regex.compile(
    rf"在([^，。；：“”]{{1,20}}?)(?:的)?(?:{lexicon.alternation('cue_words', 'frame_in')})(?=[，,])"
    rf"|按照([^，。；：“”]{{1,20}}?)的(?:{lexicon.alternation('cue_words', 'frame_by')})(?=[，,])")
# 记者从某吹风会上获悉：… / 记者昨天从市教育局了解到，…: the named source of the reporter's
# information speaks (docs/annotation.md; cue_words learned); 记者获悉 alone names no source;
# 笔者从某部门了解到，… likewise (cue_words reporter)
LEARNED_RE = regex.compile(
    rf"(?:{lexicon.alternation('cue_words', 'reporter')})[^，。；：“”]{{0,8}}?从([^，。；：“”]{{2,30}}?)(?:上|处|那里)?({lexicon.alternation('cue_words', 'learned')})(?=[，,：:])")
# 根据某局的数据，…: the body whose figures they are speaks (cue_words by_data; round-5 decisions)
BY_DATA_RE = regex.compile(
    rf"(?:^|(?<=[。！？\n]))根据([^，。；：“”《》]{{2,30}}?)(?:发布|公布)?的({lexicon.alternation('cue_words', 'by_data')})(?=[，,])")
# 某组织发表声明，支持…; 某指挥部发布通告，自…起…; 某市发出倡议，…: the statement, notice or call
# itself reports what follows the comma; its issuer is the subject (cue_words issued_speech)
ISSUED_RE = regex.compile(
    rf"(?:发表|发布|发出)了?(?:联合)?(?:{lexicon.alternation('cue_words', 'issued_speech')})(?=[，,])")
# 称马兰为“马妈妈”: 称 + whom + 为 + a quoted name calls someone something
CALL_AS_RE = regex.compile(r"[^，,。！？!?；;：:“”「」\n]{1,6}为[“「]")
# 告诉青年教师，… / 告诉对方“…”: a short addressee, then the report (not 告诉他们一个办法)
TELL_OBJECT_RE = regex.compile(r"[^，,。！？!?；;：:“”「」\n]{1,8}(?=[，,：:“「])")
# 一位患者问我，你们是…？: a pronoun addressee before the comma is no part of the question
ASK_OBJECT_RE = regex.compile(
    rf"(?:{lexicon.alternation('speaker_words', 'personal_pronoun')})(?=[，,])")
# 《某规划》发布，旨在…; 某平台正式发布，这是…: the thing was released, it says nothing
RELEASED = lexicon.words("cue_words", "released")
# 还要代表全队发言，心情…: a speech still to be given reports nothing (object cues only)
PLANNED = lexicon.words("cue_words", "planned")
RELEASED_BEFORE = lexicon.ordered("cue_words", "released_before")


@dataclass
class Cue:
    start: int
    end: int
    cls: str  # say | topic | object | doc | kanlai
    src_start: int = -1  # for 在X看来: where the source lies
    src_end: int = -1


def _measured(prev: str) -> bool:
    """Is ``prev`` a number or determiner with a measure word (八项, 三点, 各条, 项)?"""
    if not prev or prev[-1] not in MEASURE:
        return False
    return len(prev) == 1 or prev[-2] in NUMBERISH or prev[-2].isdigit()


def _in_noun_frame(toks: list[str], i: int, reach: int = 12,
                   words: frozenset[str] = NOUN_FRAME, stops: str = CLAUSE_BREAK) -> bool:
    """Does a NOUN_FRAME word (按照, 适应…), or one of ``words``, stand before token ``i`` in
    its clause (up to one of ``stops``)?"""
    for k in range(i - 1, max(-1, i - 1 - reach), -1):
        if toks[k] in words or toks[k][-2:] in words:  # jieba's 坚决贯彻, 贯彻落实: one word
            return True
        if toks[k] and toks[k][-1] in stops:
            return False
    return False


def _framed_noun_after(toks: list[str], i: int, reach: int = 20) -> bool:
    """Does ``的`` + a noun-flagged cue word (要求, 建议…) close the clause after token ``i``
    (按照《方案》提出“…”的要求，…: the cue sits inside the 按照 frame)?"""
    for k in range(i + 1, min(len(toks) - 1, i + 1 + reach)):
        if toks[k] and toks[k][-1] in CLAUSE_BREAK:
            return False
        if toks[k] == "的" and toks[k + 1] in NOUN_CUES:
            return True
    return False


def _cue_in_sentence(toks: list[str], i: int) -> bool:
    """Is there a speech cue among the tokens from ``i`` to the sentence's end?"""
    for tok in toks[i:]:
        if tok in ("。", "！", "？", "\n"):
            return False
        if tok in CUES:
            return True
    return False


def _outlet_before(ix: DocIndex, pos: int) -> bool:
    """Does a body end right before ``pos``, a paper's name in its marks (《某某日报》|报道), or
    a word for the press (有媒体|报道，…; 多家外媒|报道，…)?"""
    return (ix.org_end(pos) or ix.text.startswith("》", pos - 1) and ix.org_end(pos - 1)
            or any(ix.text.endswith(w, 0, pos) for w in OUTLET_GROUPS))


def find_cues(ix: DocIndex) -> list[Cue]:
    """Candidate cues in text order (one pass over the tokens)."""
    text = ix.text
    out: list[Cue] = []
    toks = ix.tok_text
    for i, (pos, tok) in enumerate(zip(ix.tok_pos, toks)):
        cls = CUES.get(tok)
        if cls is None:  # jieba glues 致辞中|说, 高兴地|说, 明确|提出 into one word
            for k in (2, 1):
                head = tok[:-k]
                if len(tok) > k and tok[-k:] in CUES and (head in GLUED_BEFORE or head in CUES
                                                          or head in DOCUMENTS
                                                          or head in COLLECTIVES):  # 专家|建议
                    cls, pos, tok = CUES[tok[-k:]], pos + len(tok) - k, tok[-k:]
                    break
                if len(tok) > k and tok[-k:] in OUTLET_CUES and head in OUTLET_GROUPS:
                    pos, tok = pos + len(tok) - k, tok[-k:]  # 有|媒体报道，…: the press reports
                    break
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        prev = toks[i - 1] if i else ""
        if cls is None and nxt == "道" and tok + nxt in CUES:  # jieba's 笑|道, 评论|道: one cue
            cls, tok, nxt = CUES[tok + nxt], tok + nxt, toks[i + 2] if i + 2 < len(toks) else ""
        elif cls is None and len(tok) == 2 and tok[0] == "所" and tok[1] in CUES:
            cls, pos, tok, prev = CUES[tok[1]], pos + 1, tok[1], "所"  # 正如X|所说，…
        elif (cls is None and (len(tok) == 2 or len(tok) <= 4 and tok[-1] == "说") and tok[-1] in CUES
              and CUES[tok[-1]] == "say" and tok not in base_word_tags()):
            # 眼含泪|花说：, 蜜雪说： (a name jieba glued to 说; not 首席顾问): a word jieba made up
            cls, pos, tok = CUES[tok[-1]], pos + len(tok) - 1, tok[-1]
        if cls is None and tok in OUTLET_CUES and _outlet_before(ix, pos) and nxt in ("，", "：", ",", ":") \
                and not _cue_in_sentence(toks, i + 2):
            cls = "object"  # (路透社报道，欧盟16日宣布，…: the body that speaks inside is the source)
        if cls is None:
            continue
        end = pos + len(tok)
        noun_next = nxt in NOUN_CUES and tok in NOUN_BEFORE
        if nxt in CUES and CUES[nxt] not in OBJECT_TAKING and not noun_next:
            continue  # 明确要求, 表示指出: the last verb is the cue (but 提出|要求：)
        # 正如X所指出的，… / 正如X所指出：“…” / 正如X所说，…
        as_said = (prev == "所" and nxt in ("的", "：", ":", "，", ",")
                   and AS_SAID_RE.search(text, max(0, pos - 30), pos))
        if not as_said and (prev in FRAME_BEFORE or nxt in FRAME_AFTER
                            or nxt in LOCATIVE):
            continue
        if prev in COORD and not (prev == "和" and cls == "say" and tok not in NOUN_CUES) or _measured(prev):
            # 意见和建议, 八项主张 (not 重点|谈道, nor 某某和|说 where jieba cut a name ending in 和)
            continue
        if tok in GLUED_BEFORE and nxt in CUES:
            continue  # 明确|提到, 进一步|强调: the verb after it is the cue
        if tok + nxt in NOT_REPORT:
            continue  # 把话说到群众的心坎里: no report
        if tok == "称" and (text.startswith("为", end) or CALL_AS_RE.match(text, end)):
            continue  # 称为, 称马兰为“马妈妈”: naming, not a report
        if (tok in NOUN_CUES or cls in OBJECT_TAKING) and prev in NOUN_BEFORE:
            continue
        if cls == "doc" and prev in NOUN_BEFORE and prev != "的":
            continue  # 符合宪法和相关规定，…; 各项规定: a noun (not 某法规定，…: the law speaks)
        if tok in NOUN_CUES and (prev == "了" or _in_noun_frame(toks, i)):
            continue  # 提出了建议，…; 为适应联合作战要求，…: a noun
        if tok in NOUN_CUES and prev in TERM_CLOSERS:
            continue  # “一带一路”倡议, “台独”主张: the noun a quoted term names
        if _in_noun_frame(toks, i) and _framed_noun_after(toks, i):
            continue  # 按照《方案》提出“…”的要求，…: part of the frame, nobody speaks now
        if tok in RELEASED and any(text.endswith(w, 0, pos) for w in RELEASED_BEFORE):
            continue
        # not 准备 inside a quotation before it: “…来不及准备”……督查组发现，…
        if cls == "object" and _in_noun_frame(toks, i, words=PLANNED, stops=CLAUSE_BREAK + "“”「」…"):
            continue
        if nxt in ("道", "曰"):  # jieba's 解释|道, 回忆|道, 问|曰: the cue is 解释道
            end += 1
        elif tok == "问" and (obj := ASK_OBJECT_RE.match(text, end)) is not None:
            end = obj.end()  # 患者问我，你们是…？
        if tok == "告诉" and nxt == "记者":
            end += 2
        elif tok == "告诉" and nxt not in ("，", "：", "说"):
            obj = TELL_OBJECT_RE.match(text, end)
            if obj is None:
                continue  # 告诉他们一个消息: an object, not a report frame
            if text[obj.end()] not in "“「":
                end = obj.end()  # 告诉总书记，…: the content follows the addressee's comma
        out.append(Cue(pos, end, cls))
    for m in KANLAI_RE.finditer(text):
        out.append(Cue(m.start(1) + len(m.group(1)), m.end(), "kanlai", m.start(1), m.end(1)))
    for m in FRAMES_RE.finditer(text):
        g = 1 if m.group(1) is not None else 2
        cue = m.end(g) + text.startswith("的", m.end(g))  # the cue word itself, not 的
        out.append(Cue(cue, m.end(), "kanlai", m.start(g), m.end(g)))
    for m in LEARNED_RE.finditer(text):
        out.append(Cue(m.start(2), m.end(), "learned", m.start(1), m.end(1)))
    for m in BY_DATA_RE.finditer(text):
        out.append(Cue(m.start(2), m.end(), "learned", m.start(1), m.end(1)))
    for m in ISSUED_RE.finditer(text):
        # 发表声明，认为…: 认为 reports; 发表声明，对…表示欢迎: an attitude, nothing said
        if not any(text.startswith(c, m.end() + 1) for c in (*CUES, "对")):
            out.append(Cue(m.start(), m.end(), "say"))
    out.sort(key=lambda c: c.start)
    return out
