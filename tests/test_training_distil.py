"""Distillation data of ``train ner --teacher DIR --news-chars N`` (no torch needed: the
teacher runs on ONNX Runtime, as at run time)."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from zhpolicy_nlp.pipeline import models_dir
from zhpolicy_nlp.training.crf import to_bioes
from zhpolicy_nlp.training.lstm import TAGS, news_sentences, teacher_sentences

ARTICLES = {
    "a1": "国家统计局局长张三表示，经济运行总体平稳。\n外交部发言人李四说：“中方愿同各方加强合作。”记者王五报道。",
    "gold": "这是一篇金标准文章。它的句子不能进入训练数据。",
    "a2": "北京市人民政府召开会议。会议由市长赵六主持！",
}


def _news(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for doc_id, text in ARTICLES.items():
            f.write(json.dumps({"doc_id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    return path


def test_news_sentences_are_the_ner_stage_pieces_of_non_gold_articles(tmp_path: Path) -> None:
    texts, words = news_sentences(_news(tmp_path), {"gold"}, 10_000)
    assert sorted(texts) == sorted([
        "国家统计局局长张三表示，经济运行总体平稳。", "外交部发言人李四说：“中方愿同各方加强合作。”",
        "记者王五报道。", "北京市人民政府召开会议。", "会议由市长赵六主持！"])
    assert all("".join(ws) == t for t, ws in zip(texts, words))


def test_news_chars_take_a_fixed_prefix_of_one_shuffle(tmp_path: Path) -> None:
    news = _news(tmp_path)
    every, _ = news_sentences(news, {"gold"}, 10_000)
    some, _ = news_sentences(news, {"gold"}, 20)
    assert some == every[:len(some)]
    assert sum(map(len, some[:-1])) < 20 <= sum(map(len, some))
    assert news_sentences(news, {"gold"}, 20)[0] == some


def test_teacher_tags_every_character_with_a_legal_bioes_path(tmp_path: Path) -> None:
    sents = teacher_sentences(models_dir() / "ner-lstm", _news(tmp_path), 10_000, {"gold"})
    assert len(sents) == 5
    for text, tags in sents:
        assert len(tags) == len(text)
        assert set(tags) <= set(TAGS)
        assert to_bioes(tags) == tags  # the Viterbi path decodes to whole spans
