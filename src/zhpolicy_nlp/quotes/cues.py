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
from ..speakers.resolve import DOCUMENTS

CUES: dict[str, str] = {r[0]: (r[1] if len(r) > 1 else "say") for r in lexicon.rows("speech_cues")
                        if r[1:2] != ("-",)}
# Verbs and modifiers after which 要求/建议/… are nouns.
NOUN_BEFORE = ("的", "提出", "按照", "根据", "依照", "遵照", "落实", "贯彻", "符合", "满足", "达到",
               "听取", "征求", "采纳", "接受", "新", "相关", "具体", "总体", "基本", "严格", "各项",
               "有关", "这一", "这些", "此", "该", "被", "所", "据")
# Cue words often used as nouns (按照…的要求, 提出建议): flag `noun` in speech_cues.txt.
NOUN_CUES = lexicon.words("speech_cues", "noun", field=2)
OBJECT_TAKING = frozenset({"topic", "object"})
# 意见和建议 / 八项主张 / 主张中: a cue word used as a noun.
COORD = frozenset({"和", "与", "及", "、", "或", "以及", "或者"})
MEASURE = frozenset("项点条些种个份")
LOCATIVE = frozenset({"中", "时", "上", "里", "后", "下", "之中", "期间"})
# What jieba may glue onto a following cue (中说, 地说, 还表示, 明确提出); a cue glued to
# another (强调指出) or to a document noun (结果表明) counts as its last part.
GLUED_BEFORE = frozenset({*"中上时还也又并曾则后里地", "明确", "进一步", "再次", "一再", "特别",
                          "同时", "首先", "最后", "郑重", "严肃", "深刻", "充分", "普遍", "一致", "纷纷",
                          "多次", "反复", "始终", "一直", "强烈", "公开", "正式", "曾经", "也都"})
# 正如X所指出的，…: the content follows 的，
AS_SAID_RE = regex.compile(r"(?:正如|如同|诚如|就像)[^，。；：]{1,25}所$")
# 在X看来，…: the source sits between 在 and 看来.
KANLAI_RE = regex.compile(r"在([^，。；：“”]{1,20})看来")


@dataclass
class Cue:
    start: int
    end: int
    cls: str  # say | topic | object | doc | kanlai
    src_start: int = -1  # for 在X看来: where the source lies
    src_end: int = -1


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
                                                          or head in DOCUMENTS):
                    cls, pos, tok = CUES[tok[-k:]], pos + len(tok) - k, tok[-k:]
                    break
        if cls is None:
            continue
        end = pos + len(tok)
        prev = toks[i - 1] if i else ""
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        noun_next = nxt in NOUN_CUES and tok in NOUN_BEFORE
        if nxt in CUES and CUES[nxt] not in OBJECT_TAKING and not noun_next:
            continue  # 明确要求, 表示指出: the last verb is the cue (but 提出|要求：)
        as_said = prev == "所" and nxt == "的" and AS_SAID_RE.search(text, max(0, pos - 30), pos)
        if not as_said and (prev in ("被", "据", "所", "经") or nxt in ("的", "为", "称为", "得")
                            or nxt in LOCATIVE):
            continue
        if prev in COORD or (prev and prev[-1] in MEASURE):  # 意见和建议, 八项主张
            continue
        if tok == "称" and text.startswith("为", end):
            continue
        if (tok in NOUN_CUES or cls in OBJECT_TAKING) and prev in NOUN_BEFORE:
            continue
        if tok == "告诉" and nxt == "记者":
            end += 2
        elif tok == "告诉" and nxt not in ("，", "：", "说"):
            continue  # 告诉他们一个消息: an object, not a report frame
        out.append(Cue(pos, end, cls))
    for m in KANLAI_RE.finditer(text):
        out.append(Cue(m.start(1) + len(m.group(1)), m.end(), "kanlai", m.start(1), m.end(1)))
    out.sort(key=lambda c: c.start)
    return out
