"""The learned-quote experiment's pieces (scripts/learned_quotes.py): gold quotes become token
labels and labels become spans again, and the stacked features see the rule stage's quotes."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool():
    spec = importlib.util.spec_from_file_location("learned_quotes", ROOT / "scripts" / "learned_quotes.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


TOKS = [(0, 2, "他说"), (2, 3, "，"), (3, 5, "明年"), (5, 7, "更好"), (7, 8, "。"), (8, 10, "记者"), (10, 12, "看到")]
GOLD = {"quotes": [
    {"start": 3, "end": 7, "tier": "core", "cue": {"start": 0, "end": 2, "text": "他说"}},
    {"start": 8, "end": 12, "tier": "optional", "cue": None}]}


def test_gold_quotes_become_labels_and_labels_spans_again():
    tool = _tool()
    lab = tool.gold_labels(TOKS, GOLD)
    assert lab == ["C", "O", "B", "I", "O", "O", "O"]  # optional quotes are not learned
    assert tool.spans(TOKS, lab) == [(3, 7)]
    assert tool.spans(TOKS, ["I", "I", "O", "B", "B", "I", "O"]) == [(0, 3), (5, 7), (7, 10)]


def test_features_mark_the_rule_stage_quotes(nlp):
    tool = _tool()
    text = "张明说，明年会更好。"
    doc = nlp(text)
    toks, feats = tool.Featuriser()(doc, [(4, 9)])
    rule = {s: f["rule"] for (s, _, _), f in zip(toks, feats)}
    assert rule[0] == "O" and rule[4] == "B"
    assert all(f["rule"] == "I" for (s, e, _), f in zip(toks, feats) if 4 < s and e <= 9)
    assert any(f["w"] == "说" and f["cue"] == "say" for f in feats)  # speech_cues.txt's class
