"""The jieba tokenizer: lexicon words as user words put entity edges on token edges."""
from __future__ import annotations

import pickle
import threading
import time

import jieba
import pytest
from spacy.vocab import Vocab

from zhpolicy_nlp import lexicon
from zhpolicy_nlp.tokenizer import USER_DICT_LEXICONS, JiebaTokenizer


@pytest.fixture(scope="module")
def tok() -> JiebaTokenizer:
    words = [w for name in USER_DICT_LEXICONS for w in lexicon.words(name)]
    return JiebaTokenizer(Vocab(), words)


def edges(tokens: list[str]) -> set[int]:
    out, pos = {0}, 0
    for t in tokens:
        pos += len(t)
        out.add(pos)
    return out


@pytest.mark.parametrize("text, entities", [
    ("国家发展改革委副秘书长任志武介绍情况。", ["国家发展改革委", "副秘书长"]),
    ("工信部、国家网信办联合印发通知。", ["工信部", "国家网信办"]),
    ("国家市场监管总局有关负责人答记者问。", ["国家市场监管总局"]),
    ("世卫组织总干事在日内瓦表示。", ["世卫组织", "日内瓦"]),
    ("浙江省人民政府信息公开办公室主任出席。", ["浙江省人民政府"]),
])
def test_lexicon_words_fall_on_token_edges(tok, text, entities):
    cut = edges(tok.cut(text))
    for ent in entities:
        s = text.index(ent)
        assert s in cut and s + len(ent) in cut, (ent, tok.cut(text))


def test_doc_text_is_the_input(tok):
    text = "国家发展改革委 副秘书长\n任志武说：“好。”"
    assert tok(text).text == text


def test_user_words_are_per_tokenizer():
    """Two tokenizers never share a dictionary (jieba's global one is not used)."""
    plain = JiebaTokenizer(Vocab())
    custom = JiebaTokenizer(Vocab(), ["信息化发展局"])
    text = "国家网信办信息化发展局"
    assert "信息化发展局" in custom.cut(text)
    assert "信息化发展局" not in plain.cut(text)


def test_tokenizers_built_in_threads_stay_separate():
    """The shared base dictionary is copied per tokenizer, also when built concurrently."""
    cuts: list[list[str]] = []

    def build() -> None:
        cuts.append(JiebaTokenizer(Vocab(), ["信息化发展局"]).cut("国家网信办信息化发展局"))

    threads = [threading.Thread(target=build) for _ in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert all("信息化发展局" in c for c in cuts) and len(cuts) == 3
    assert "信息化发展局" not in JiebaTokenizer(Vocab()).cut("国家网信办信息化发展局")


def test_threads_get_identical_cuts(tok):
    text = "国家发展改革委副秘书长任志武介绍中国各地各部门推进政务数据共享的情况。" * 20
    expected = tok.cut(text)
    results: list[list[str]] = []

    def work() -> None:
        results.append(tok.cut(text))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert results == [expected] * 4


def test_pickle_round_trip(tok):
    again = pickle.loads(pickle.dumps(tok))
    assert again.cut("国家网信办信息化发展局") == tok.cut("国家网信办信息化发展局")


def test_user_dictionary_is_cheap():
    """Adding the lexicons (as JiebaTokenizer does) costs little next to jieba's own
    dictionary load (≈ 0.5 s), so they are added eagerly."""
    words = [w for name in USER_DICT_LEXICONS for w in lexicon.words(name)]
    assert len(words) > 5000
    jt = jieba.Tokenizer()
    jt.initialize()
    t0 = time.perf_counter()
    for w in words:
        jt.add_word(w, freq=2000)
    assert time.perf_counter() - t0 < 0.2
