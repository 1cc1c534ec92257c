import hashlib
import json
from pathlib import Path

import zhpolicy_nlp

ROOT = Path(__file__).resolve().parents[1]


def test_seed_gold_matches_text():
    text = (ROOT / "seeds/forum.txt").read_bytes()
    gold = json.loads((ROOT / "seeds/forum.gold.json").read_text(encoding="utf-8"))
    assert hashlib.sha256(text).hexdigest() == gold["text_sha256"]


def test_extract_offsets():
    ex = zhpolicy_nlp.load()
    text = "国家统计局局长张三表示，经济运行总体平稳。"
    res = ex.extract(text, doc_id="t").to_dict()
    assert res["doc_id"] == "t"
    for e in res["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]
