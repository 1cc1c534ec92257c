"""The jieba tokenizer: lexicon words as user words put entity edges on token edges."""
from __future__ import annotations

import pickle
import tempfile
import threading

import jieba
import pytest
from spacy.vocab import Vocab

from zhpolicy_nlp import lexicon
from zhpolicy_nlp.tokenizer import USER_DICT_LEXICONS, USER_WORD_FREQ, JiebaTokenizer, jieba_dict


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


ADAPTER_TEXTS = [
    "国家网信办信息化发展局局长在北京表示，数字政府建设稳步推进。",
    "中国人民银行副行长欧阳明介绍，2024年前三季度人民币贷款增加16万亿元。",
    "世界银行首席经济学家Klaus Schwab表示：“中国经济展现出韧性。”",
]


def test_adapter_cuts_as_the_public_api_does(tok):
    """jieba_dict shares jieba's loaded dictionary by setting the attributes ``initialize``
    sets; a tokenizer built with the public API only (``initialize``, ``add_word``) must cut
    the same, so a jieba release that changes those attributes fails here."""
    public = jieba.Tokenizer()
    public.initialize()
    for w in tok.user_words:
        public.add_word(w, freq=USER_WORD_FREQ)
    plain = jieba.Tokenizer()
    plain.initialize()
    for text in ADAPTER_TEXTS:
        assert tok.cut(text) == list(public.cut(text, HMM=True))
        assert (list(jieba_dict.shared_tokenizer().cut(text, HMM=True))
                == list(plain.cut(text, HMM=True)))
    freq, total = jieba_dict.base_dictionary()
    assert (freq, total) == (plain.FREQ, plain.total)  # user words never reach the shared copy


def test_saved_user_words_replace_the_lexicons(tok):
    other = JiebaTokenizer(Vocab(), ["信息化发展局局长"])
    assert other.from_bytes(tok.to_bytes()).user_words == tok.user_words
    assert other.cut(ADAPTER_TEXTS[0]) == tok.cut(ADAPTER_TEXTS[0])


def test_dictionary_cache_round_trips(tmp_path):
    """The fast cache gives back jieba's own prefix dictionary (same keys in the same order,
    same frequencies and total); a damaged file reads as none, so jieba loads instead."""
    plain = jieba.Tokenizer()
    plain.initialize()
    path = tmp_path / "freq.cache"
    tags = jieba_dict._dict_file_tags()
    jieba_dict._write_cache(path, plain.FREQ, plain.total, tags)
    freq, total, (words, ids, names) = jieba_dict._read_cache(path)
    assert total == plain.total and list(freq.items()) == list(plain.FREQ.items())
    assert words == list(plain.FREQ)  # the tags ride along: every word's, none for a prefix
    assert {w: names[i - 1] for w, i in zip(words, ids) if i} == {
        w: tags[w] for w in plain.FREQ if w in tags}
    good = path.read_bytes()
    path.write_bytes(good[:-3])
    assert jieba_dict._read_cache(path) is None
    middle = len(good) // 2  # a frequency or a word changed: the CRC-32 no longer matches
    path.write_bytes(good[:middle] + bytes([good[middle] ^ 1]) + good[middle + 1:])
    assert jieba_dict._read_cache(path) is None
    assert jieba_dict._read_cache(tmp_path / "missing") is None


def test_damaged_dictionary_cache_is_rebuilt(tmp_path, monkeypatch):
    """A process that finds a damaged cache loads jieba's dictionary itself and rewrites it
    (the process-wide copy is set aside meanwhile, to act as a fresh process)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    loaded = (jieba_dict._BASE, jieba_dict._TAGS, jieba_dict._TAG_SOURCE)
    saved = [list(x) for x in loaded]
    try:
        for x in loaded:
            x.clear()
        want = jieba_dict.base_dictionary()            # no cache: jieba loads, then writes it
        path = jieba_dict._cache_path()
        assert path.parent == tmp_path
        good = path.read_bytes()
        path.write_bytes(good[:100] + bytes([good[100] ^ 1]) + good[101:])
        for x in loaded:
            x.clear()
        assert jieba_dict.base_dictionary() == want
        assert path.read_bytes() == good
    finally:
        for x, old in zip(loaded, saved):
            x[:] = old
