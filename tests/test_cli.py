"""Command-line round trips: extract from every kind of input, then evaluate its output."""
import json
import shutil
import subprocess
import sys

import pytest

import zhpolicy_nlp
from zhpolicy_nlp import cli
from zhpolicy_nlp.evaluate import ACCURACY_KEYS, PRF_KEYS

NEWS = "国家统计局局长张三表示，经济运行总体平稳。"
NEWS2 = "外交部发言人李四说：“中方愿同各方加强合作。”"


# In-process runs write with -o: batch.run binds sys.stdout as a default argument at import,
# so a captured stdout would go stale between tests. The subprocess tests cover stdout.
EXTRACT = ["extract", "-q", "-p", "1"]


@pytest.fixture(autouse=True)
def shared_pipeline(monkeypatch, ex):
    """The CLI loads a pipeline per call; reuse the session's one to keep tests fast."""
    monkeypatch.setattr(zhpolicy_nlp, "load", lambda *_a, **_k: ex)


def records(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def assert_offsets(rec: dict, text: str) -> None:
    for e in rec["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]


def test_extract_txt_file(tmp_path):
    f = tmp_path / "news1.txt"
    f.write_text(NEWS, encoding="utf-8")
    assert cli.main([*EXTRACT, str(f), "-o", str(tmp_path / "o.jsonl")]) == 0
    [rec] = records(tmp_path / "o.jsonl")
    assert rec["doc_id"] == "news1"
    assert set(rec) >= {"entities", "people", "quotes"}
    assert_offsets(rec, NEWS)


def test_extract_folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for name, text in (("b", NEWS2), ("a", NEWS)):
        (d / f"{name}.txt").write_text(text, encoding="utf-8")
    (d / "notes.md").write_text("not an input", encoding="utf-8")
    assert cli.main([*EXTRACT, str(d), "-o", str(tmp_path / "o.jsonl")]) == 0
    recs = records(tmp_path / "o.jsonl")
    assert [r["doc_id"] for r in recs] == ["a", "b"]
    assert_offsets(recs[1], NEWS2)


def test_extract_jsonl_with_a_broken_line(tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join([
        json.dumps({"doc_id": "ok1", "text": NEWS}, ensure_ascii=False),
        '{"doc_id": "broken", "text": ',
        json.dumps({"id": 7, "text": NEWS2}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    assert cli.main([*EXTRACT, str(f), "-o", str(tmp_path / "o.jsonl")]) != 0
    recs = records(tmp_path / "o.jsonl")
    assert [r["doc_id"] for r in recs] == ["ok1", f"{f}:2", "7"]
    assert "error" in recs[1] and "not JSON" in recs[1]["error"]
    assert "error" not in recs[0] and "error" not in recs[2]


def test_extract_stdin_to_stdout_as_a_subprocess(root):
    data = "\n".join(json.dumps({"doc_id": i, "text": t}, ensure_ascii=False)
                     for i, t in (("s1", NEWS), ("s2", NEWS2)))
    run = subprocess.run([sys.executable, "-m", "zhpolicy_nlp", *EXTRACT, "-"], input=data,
                         cwd=root, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    recs = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["doc_id"] for r in recs] == ["s1", "s2"]
    assert_offsets(recs[1], NEWS2)


@pytest.fixture
def gold_dir(tmp_path, root):
    d = tmp_path / "gold"
    d.mkdir()
    for f in ("forum.txt", "forum.gold.json"):
        shutil.copy(root / "seeds" / f, d / f)
    return d


def test_extract_to_file_then_evaluate_it(gold_dir, tmp_path, capsys):
    out = tmp_path / "out" / "pred.jsonl"
    assert cli.main([*EXTRACT, str(gold_dir), "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert [r["doc_id"] for r in records(out)] == ["forum"]

    assert cli.main(["evaluate", str(gold_dir), "--pred", str(out), "--json"]) == 0
    from_file = json.loads(capsys.readouterr().out)
    assert cli.main(["evaluate", str(gold_dir), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == from_file


def test_evaluate_missing_prediction_is_empty_and_said(gold_dir, tmp_path, capsys):
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"doc_id": "other"}) + "\nnot json\n", encoding="utf-8")
    assert cli.main(["evaluate", str(gold_dir), "--pred", str(pred)]) == 0
    out = capsys.readouterr().out
    assert "forum: no prediction" in out and "line 2: not JSON" in out
    assert out.rstrip().splitlines()[-1].startswith("HEADLINE who-said-what")
    assert "P=0.000 R=0.000 F1=0.000" in out.rstrip().splitlines()[-1]


def test_evaluate_human_output_ends_with_the_figures(capsys, root):
    assert cli.main(["evaluate", str(root / "seeds")]) == 0
    tail = capsys.readouterr().out.rstrip().splitlines()[-15:]
    assert tail[0].startswith("figures, micro over 1 doc")
    assert [line.split()[0] for line in tail[1:12]] == list(PRF_KEYS)
    assert tail[-1].startswith("HEADLINE who-said-what (standard, core quotes): P=")


def test_evaluate_seeds_json_as_a_subprocess(root):
    """End to end, as a user runs it (a fresh process loads the real pipeline)."""
    run = subprocess.run([sys.executable, "-m", "zhpolicy_nlp", "evaluate", "seeds", "--json"],
                         cwd=root, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    res = json.loads(run.stdout)
    assert set(res["summary"]) == set(PRF_KEYS) | set(ACCURACY_KEYS)
    assert list(res["docs"]) == ["forum"]
    for key in PRF_KEYS:
        assert set(res["summary"][key]) == {"p", "r", "f", "tp", "pred", "gold"}
        assert res["docs"]["forum"][key]["gold"] == res["summary"][key]["gold"]


def test_evaluate_without_predictions_fails_clearly(gold_dir, tmp_path, capsys):
    assert cli.main(["evaluate", str(gold_dir), "--pred", str(tmp_path / "missing.jsonl")]) == 1
    assert "evaluate: no predictions: FileNotFoundError" in capsys.readouterr().err
    assert cli.main(["evaluate", str(tmp_path / "nowhere")]) == 1


def test_evaluate_gold_without_its_text_is_scored_empty(gold_dir, capsys):
    (gold_dir / "forum.txt").unlink()
    assert cli.main(["evaluate", str(gold_dir)]) == 0
    out = capsys.readouterr().out
    assert out.count("note: forum: no prediction (FileNotFoundError") == 1


def test_evaluate_json_sums_documents(gold_dir, tmp_path, capsys):
    forum = json.loads((gold_dir / "forum.gold.json").read_text(encoding="utf-8"))
    small = {"doc_id": "small", "entities": None, "people": [],
             "quotes": [{"start": 12, "end": 20, "text": NEWS[12:20], "kind": "indirect",
                         "speaker": "张三"}]}
    (gold_dir / "small.gold.json").write_text(json.dumps(small, ensure_ascii=False),
                                              encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (
        forum, {"doc_id": "small", "entities": [{"start": 0, "end": 5, "text": NEWS[:5],
                                                  "label": "ORG"}], "quotes": []})),
        encoding="utf-8")
    assert cli.main(["evaluate", str(gold_dir), "--pred", str(pred), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert "entities/micro" not in res["docs"]["small"]
    assert res["summary"]["entities/micro"]["f"] == 1.0
    who = res["summary"]["quotes/who_said_what"]
    assert (who["tp"], who["pred"], who["gold"]) == (19, 19, 20)
    assert [res["docs"][d]["quotes/who_said_what"]["gold"] for d in ("forum", "small")] == [19, 1]
