"""Command-line round trips: extract from every kind of input, then evaluate its output;
then the command line as a new user meets it (issue #14): inputs, errors, help, wording."""
import argparse
import gzip
import importlib.util
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

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
    # the figures: a header, the P/R/F1 table, two accuracy lines per quote tier, the headline
    tail = capsys.readouterr().out.rstrip().splitlines()[-17:]
    assert tail[0].startswith("figures, micro over 1 doc ")
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


def test_a_reader_that_stops_early_gets_no_traceback(root):
    """`evaluate seeds | head -1`: the pipe closes before the output is written; the command
    stops quietly with the SIGPIPE status instead of a BrokenPipeError traceback."""
    proc = subprocess.Popen([sys.executable, "-m", "zhpolicy_nlp", "evaluate", "seeds"],
                            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader has gone before the first line
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in err and "BrokenPipe" not in err


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


# ---------------------------------------------------------------- a new user's command line

def _stdin(monkeypatch, data: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))


def test_plain_text_on_stdin_is_one_document(monkeypatch, tmp_path):
    """`echo "…" | extract -`: text that is not JSONL is one document, offsets into it."""
    _stdin(monkeypatch, NEWS + "\n")
    assert cli.main([*EXTRACT, "-", "-o", str(tmp_path / "o.jsonl")]) == 0
    [rec] = records(tmp_path / "o.jsonl")
    assert rec["doc_id"] == "stdin" and rec["quotes"]
    assert_offsets(rec, NEWS + "\n")


def test_stdin_lines_gives_one_document_per_line(monkeypatch, tmp_path):
    _stdin(monkeypatch, f"{NEWS}\n\n{NEWS2}\n")
    assert cli.main([*EXTRACT, "--stdin", "lines", "-", "-o", str(tmp_path / "o.jsonl")]) == 0
    recs = records(tmp_path / "o.jsonl")
    assert [r["doc_id"] for r in recs] == ["stdin:1", "stdin:3"]
    assert_offsets(recs[1], NEWS2)


def _fails_in_one_line(capsys, argv: list[str], *words: str) -> str:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert all(w in err for w in words), err
    return err


def test_empty_inputs_are_said_and_fail(monkeypatch, tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("no text here", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    _fails_in_one_line(capsys, [*EXTRACT, str(empty), "-o", str(out)], str(empty), "no .txt")
    (tmp_path / "blank.jsonl").write_text("\n\n", encoding="utf-8")
    _fails_in_one_line(capsys, [*EXTRACT, str(tmp_path / "blank.jsonl")], "no records")
    _stdin(monkeypatch, "")
    _fails_in_one_line(capsys, [*EXTRACT, "-", "-o", str(out)], "no documents")
    _fails_in_one_line(capsys, ["render", str(empty), "-o", str(tmp_path / "p.html")],
                       "render", "no .txt")
    assert not out.exists() and not (tmp_path / "p.html").exists()


def test_folders_are_searched_recursively_with_relative_doc_ids(tmp_path):
    d = tmp_path / "in"
    for month, text in (("01", NEWS), ("02", NEWS2)):
        (d / "2024" / month).mkdir(parents=True)
        (d / "2024" / month / "001.txt").write_text(text, encoding="utf-8")
    (d / ".hidden").mkdir()
    (d / ".hidden" / "x.txt").write_text(NEWS, encoding="utf-8")
    assert cli.main([*EXTRACT, str(d), "-o", str(tmp_path / "o.jsonl")]) == 0
    recs = records(tmp_path / "o.jsonl")
    assert [r["doc_id"] for r in recs] == ["2024/01/001", "2024/02/001"]
    assert_offsets(recs[1], NEWS2)


def test_gzipped_jsonl_is_read(tmp_path):
    f = tmp_path / "in.jsonl.gz"
    with gzip.open(f, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"doc_id": "g", "text": NEWS}, ensure_ascii=False) + "\n")
    assert cli.main([*EXTRACT, str(f), "-o", str(tmp_path / "o.jsonl")]) == 0
    assert [r["doc_id"] for r in records(tmp_path / "o.jsonl")] == ["g"]


def test_user_errors_are_one_line_not_a_traceback(tmp_path, capsys, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text(NEWS, encoding="utf-8")
    _fails_in_one_line(capsys, [*EXTRACT, str(f), "--model", "nosuch"], "nosuch", "not found")
    _fails_in_one_line(capsys, ["render", str(f), "-o", str(tmp_path / "p.html"),
                                "--pred", str(tmp_path / "missing.jsonl")],
                       "missing.jsonl", "No such file")
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    _fails_in_one_line(capsys, ["render", str(f), "-o", str(tmp_path / "p.html"),
                                "--pred", str(tmp_path / "bad.jsonl")], "line 1")
    # train ner without torch names the extra to install
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "torch" else real(name, *a))
    _fails_in_one_line(capsys, ["train", "ner", "--data", str(tmp_path)],
                       'pip install -e ".[train]"')


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.strip() == f"zhpolicy-nlp {zhpolicy_nlp.__version__}"


def test_usage_names_the_console_script_or_the_module(root):
    assert cli.build_parser().format_usage().startswith("usage: zhpolicy-nlp ")
    assert cli.build_parser(cli.MODULE).format_usage().startswith("usage: python -m zhpolicy_nlp ")
    script = Path(sys.executable).with_name("zhpolicy-nlp")
    if script.exists():  # the installed console script, as a user runs it
        run = subprocess.run([str(script), "extract", "--bogus"], capture_output=True,
                             text=True, timeout=120, cwd=root)
        assert run.returncode == 2 and run.stderr.startswith("usage: zhpolicy-nlp extract")


def test_top_level_help_lists_every_command_in_plain_words(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    for name in ("extract", "render", "evaluate", "train"):
        assert f"\n    {name} " in out
    for component in ("ner", "ner-crf"):
        with pytest.raises(SystemExit):
            cli.main(["train", component, "--help"])
        out += capsys.readouterr().out
    assert "``" not in out and ":mod:" not in out and "§" not in out


def test_an_unknown_option_shows_the_subcommand_usage(capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["extract", "x.txt", "--bogus"])
    err = capsys.readouterr().err
    assert e.value.code == 2
    assert err.startswith("usage: zhpolicy-nlp extract") and "unrecognized arguments: --bogus" in err


def _parsers() -> list[argparse.ArgumentParser]:
    top = cli.build_parser()
    [sub] = [a for a in top._actions if isinstance(a, argparse._SubParsersAction)]
    return [top, *sub.choices.values(),
            *(cli.trainer_parser(c)[1] for c in ("ner", "ner-crf"))]


def test_every_option_has_help_that_shows_its_default():
    for parser in _parsers():
        formatter = parser._get_formatter()
        for action in parser._actions:
            if isinstance(action, (argparse._HelpAction, argparse._VersionAction,
                                   argparse._SubParsersAction)):
                continue
            assert action.help, f"{parser.prog} {action.dest}: no help"
            # flags are off unless given; a required option has no default
            if action.option_strings and action.nargs != 0 and not action.required:
                shown = formatter._get_help_string(action) % {"default": action.default}
                assert "default" in shown, f"{parser.prog} {action.option_strings}: {shown}"


@pytest.mark.parametrize("n", ["0", "-3", "two"])
def test_processes_must_be_a_positive_number(n, capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["extract", "x.txt", "-p", n])
    assert e.value.code == 2 and "-p/--processes" in capsys.readouterr().err


def test_counts_are_singular_or_plural(tmp_path, capsys, ex):
    f = tmp_path / "one.txt"
    f.write_text(NEWS, encoding="utf-8")
    assert cli.main(["extract", "-p", "1", str(f), "-o", str(tmp_path / "o.jsonl")]) == 0
    assert "extract: 1 document, 0 errors" in capsys.readouterr().err
    assert cli.main(["render", str(f), "-o", str(tmp_path / "p.html")]) == 0
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "1 person," in page and "1 quote<" in page and "1 people" not in page
    assert cli.counted(2, "person", "people") == "2 people"
    assert cli.counted(1_000, "document") == "1,000 documents"


def test_render_says_what_it_wrote(tmp_path, capsys):
    f = tmp_path / "one.txt"
    f.write_text(NEWS, encoding="utf-8")
    out = tmp_path / "page.html"
    assert cli.main(["render", str(f), "-o", str(out)]) == 0
    assert f"render: wrote {out} (1 document)" in capsys.readouterr().err
    assert out.exists()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_has_a_total_when_the_count_is_known(tmp_path, monkeypatch):
    d = tmp_path / "in"
    d.mkdir()
    for name in ("a", "b", "c"):
        (d / f"{name}.txt").write_text(NEWS, encoding="utf-8")
    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    assert cli.main(["extract", "-p", "1", str(d), "-o", str(tmp_path / "o.jsonl")]) == 0
    bar = term.getvalue()
    assert "3/3" in bar and "<" in bar  # done/total, and elapsed<remaining
    assert "extract: 3 documents" in bar


def test_resume_keeps_a_repeated_doc_id_an_error(tmp_path):
    f = tmp_path / "in.jsonl"
    lines = [json.dumps({"doc_id": d, "text": t}, ensure_ascii=False)
             for d, t in (("a", NEWS), ("b", NEWS2), ("a", NEWS2))]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert cli.main([*EXTRACT, str(f), "-o", str(out)]) == 1
    first = out.read_text(encoding="utf-8")
    assert cli.main([*EXTRACT, "--resume", str(f), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == first
    assert "duplicate doc_id" in records(out)[2]["error"]
