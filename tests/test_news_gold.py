"""The modern-news gold set (scripts/news_gold.py, docs/annotation.md) is well formed: every
stored span points into the corpus text that ../shared holds. No score is checked here; the
held-out split is scored only at the start and the end of a piece of work, never in CI."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "news_gold"


def _tool():
    spec = importlib.util.spec_from_file_location("news_gold", ROOT / "scripts" / "news_gold.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tool = _tool()
    if not tool.NEWS.is_file():
        pytest.skip("../shared/corpus/news is not here")
    out = tmp_path_factory.mktemp("news_gold")
    tool.build(out)
    return out


def test_every_annotated_article_is_drawn_and_split():
    sel = {a["doc_id"]: a for a in json.loads((GOLD / "selection.json").read_text("utf-8"))["articles"]}
    anns = {p.stem for p in (GOLD / "ann").glob("*.json")}
    assert anns == set(sel)
    assert sum(a["split"] == "heldout" for a in sel.values()) >= 20


def test_spans_match_the_text_and_quotes_do_not_overlap(built):
    n_core = 0
    for gold_path in sorted(built.rglob("*.gold.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text("utf-8")
        spans = []
        for q in gold["quotes"]:
            assert text[q["start"]:q["end"]] == q["text"]
            for key in ("cue", "speaker_mention"):
                if q.get(key):
                    assert text[q[key]["start"]:q[key]["end"]] == q[key]["text"], (gold_path, q)
            spans.append((q["start"], q["end"]))
            n_core += q.get("tier", "core") == "core"
        spans.sort()
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), gold_path
        for e in gold["entities"] or []:
            assert text[e["start"]:e["end"]] == e["text"]
    assert n_core >= 900


def test_stored_gold_holds_no_quote_text():
    # the article text stays in ../shared: stored quotes are offsets only
    for path in (GOLD / "ann").glob("*.json"):
        assert all("text" not in q for q in json.loads(path.read_text("utf-8"))["quotes"])


def test_every_title_is_a_title():
    # a draft's `-` titles field means "no titles" (the importer once stored it as a title `-`)
    for path in (GOLD / "ann").glob("*.json"):
        for person in json.loads(path.read_text("utf-8"))["people"]:
            assert all(t["title"] and t["title"] != "-" for t in person["titles"]), (path.name, person["name"])


def test_build_picks_rounds(tmp_path):
    """``build --rounds`` writes only the articles of those draw rounds (round 1 unnumbered)."""
    tool = _tool()
    if not tool.NEWS.is_file():
        pytest.skip("../shared/corpus/news is not here")
    sel = json.loads((GOLD / "selection.json").read_text("utf-8"))["articles"]
    tool.build(tmp_path, "dev", {1})
    want = {a["doc_id"] for a in sel if a["split"] == "dev" and a.get("round", 1) == 1}
    assert {p.name[:-len(".gold.json")] for p in (tmp_path / "dev").glob("*.gold.json")} == want
