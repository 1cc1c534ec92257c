"""titles/posseg.py gives exactly jieba.posseg's cuts and tags (its HMM Viterbi in NumPy)."""
from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

jieba = pytest.importorskip("jieba")
import jieba.posseg  # noqa: E402  (the reference; the pipeline itself never imports it)

from zhpolicy_nlp.titles import posseg  # noqa: E402
from zhpolicy_nlp.tokenizer import jieba_dict  # noqa: E402

DATA = Path(__file__).parent / "data"

# Written for this test: unknown names and transliterations (the HMM's runs), titles, mixed
# Latin/digits/spaces/punctuation, a lone character, an empty string.
OWN = [
    "印孚瑟斯（Infosys）首席执行官萨利尔·帕雷克表示，公司将加大投入。",
    "中国驻哈萨克斯坦大使张霄说，驻哈大使馆将继续提供协助。",
    "驻哈大使说两国合作前景广阔。",
    "逯建国厅长说，今年全省GDP增长6.5%。",
    "欧阳明高表示：“新能源汽车是方向。”",
    "塔吉克斯坦总统拉赫蒙会见了乌兹别克斯坦外长卡米洛夫。",
    "据新华社北京3月5日电 国务院总理李克强作政府工作报告。",
    "艾力·买买提和古丽娜尔·吐尔逊在乌鲁木齐参加会议。",
    "Apple CEO Tim Cook 在 2019 年访问了上海 A.I. 实验室 C++ & C#。",
    "第3.5版\t\r\n新增 abc123 与 12.5.6 两项\u3000功能",
    "啊",
    "",
    "瓦西里耶维奇斯基沃尔科夫斯卡娅来到了瑙鲁",
    "习近平主席同普京总统举行会谈",
]


def _sentences(limit: int = 400) -> list[str]:
    out = list(OWN)
    for path in sorted(DATA.rglob("*.txt")):
        for s in re.split(r"(?<=[。！？\n])", path.read_text(encoding="utf-8")):
            if s.strip():
                out.append(s)
            if len(out) >= limit:
                return out
    return out


@pytest.fixture(scope="module")
def taggers():
    tk = jieba_dict.shared_tokenizer()
    return jieba.posseg.POSTokenizer(tk), posseg.PosTagger(tk)


def test_tables_are_jiebas():
    """The pickles read here hold the same tables as the modules jieba.posseg imports."""
    for name, ref in (("char_state_tab", jieba.posseg.char_state_tab_P),
                      ("prob_start", jieba.posseg.start_P), ("prob_trans", jieba.posseg.trans_P),
                      ("prob_emit", jieba.posseg.emit_P)):
        with (posseg._TABLES / f"{name}.p").open("rb") as fh:
            assert pickle.load(fh) == ref, name


def test_same_cuts_and_tags(taggers):
    ref, mine = taggers
    sents = _sentences()
    assert len(sents) >= 300
    for s in sents:
        assert list(mine.cut(s)) == [(p.word, p.flag) for p in ref.cut(s)], s


def test_hmm_runs_match_jiebas_viterbi():
    """Runs the dictionary does not know, decoded alone (no cache in between)."""
    from jieba.posseg.viterbi import viterbi

    runs = ["印孚瑟斯", "驻哈大使", "萨利尔帕雷克", "卡米洛夫", "瓦西里耶维奇斯基", "逯建国",
            "龘靐齉", "的的的的的", "一"]
    for run in runs:
        _, route = viterbi(run, jieba.posseg.char_state_tab_P, jieba.posseg.start_P,
                           jieba.posseg.trans_P, jieba.posseg.emit_P)
        assert posseg._hmm().viterbi(run) == route, run


def test_word_tags(taggers):
    ref, mine = taggers
    assert mine.word_tag_tab == ref.word_tag_tab
