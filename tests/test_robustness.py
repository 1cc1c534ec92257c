"""Every row of the table in docs/robustness.md: a bad input and what it gets.

API rows run through a strict extractor (a broken span raises instead of being dropped).
CLI rows run ``zhpolicy_nlp.cli.main`` in-process with the session pipeline; the signal
rows need a real process and start one (the CLI's batch runner is batch.py).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import spacy

import zhpolicy_nlp
from zhpolicy_nlp import cli
from zhpolicy_nlp.runtime.extractor import (DocumentTimeout, Extractor, InvariantError,
                                    InvariantWarning, pieces)
from zhpolicy_nlp.runtime.inputs import iter_inputs
from zhpolicy_nlp.result import clean, text_sha256
from zhpolicy_nlp.schema import Extraction, Quote

NEWS = ("国务院新闻办公室11月8日举行发布会。国家统计局局长张三表示，经济运行总体平稳。"
        "他说：“我们有信心完成全年目标。”")


@pytest.fixture(scope="module")
def strict(nlp) -> Extractor:
    return Extractor(nlp, strict=True)


def assert_valid(text: str, d: dict) -> None:
    """The SCHEMA §1 offset contract on one output record."""
    spans = list(d["entities"]) + [m for p in d["people"] for m in p["mentions"]]
    for q in d["quotes"]:
        spans += [q] + [s for s in (q["speaker_mention"], q["cue"]) if s]
    for s in spans:
        assert 0 <= s["start"] < s["end"] <= len(text)
        assert text[s["start"]:s["end"]] == s["text"]
    assert d["text_sha256"] == text_sha256(text)
    json.dumps(d, ensure_ascii=False).encode("utf-8")


# ---------------------------------------------------------------- texts (API)

@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\r\n\u3000\u00a0 "],
                         ids=["empty", "space", "newlines", "mixed-whitespace"])
def test_empty_and_whitespace_give_empty_result(strict, text):
    d = strict.extract(text, "w").to_dict()
    assert (d["entities"], d["people"], d["quotes"]) == ([], [], [])
    assert d["text_sha256"] == text_sha256(text)


@pytest.mark.parametrize("text", [
    NEWS.replace("。", "。\r\n"),                            # Windows line ends
    NEWS.replace("局长", "局长\u3000").replace("，", "，\u3000"),  # full-width spaces
    NEWS.replace("张三", "张\u200b三").replace("经济", "\u200d经\ufeff济"),  # zero-width
    "🇨🇳" + NEWS.replace("。", "😀。") + "👍🏽",                 # emoji, astral plane
    "𠀀𪚥" + NEWS.replace("经济", "𡃁经济𣎴") + "\U000e0001",       # CJK Ext. B, tag char
    "\ufeff" + NEWS,                                           # BOM kept as a character
], ids=["crlf", "fullwidth-space", "zero-width", "emoji", "astral", "bom"])
def test_odd_characters_keep_offsets(strict, text):
    assert_valid(text, strict.extract(text).to_dict())


@pytest.mark.parametrize("text", [
    "國務院新聞辦公室舉行發佈會。國家統計局局長張三表示，經濟運行總體平穩。",
    "他說：「我們有信心完成全年目標。」",
], ids=["traditional", "traditional-corner-quotes"])
def test_traditional_script(strict, text):
    assert_valid(text, strict.extract(text).to_dict())


def test_mixed_chinese_english(strict):
    text = ("世界经济论坛（WEF）主席Klaus Schwab在Davos表示，AI与5G将推动数字经济发展。"
            "OECD秘书长Mathias Cormann said: \"Growth is resilient.\" GDP同比增长5.2%。")
    assert_valid(text, strict.extract(text).to_dict())


def test_html_markup(strict):
    text = ('<html><body><p class="t">国家统计局局长张三表示，经济运行&nbsp;总体平稳。</p>'
            '<script>var s = "“假引语”";</script><!-- 注释 --><br/>'
            '<a href="http://www.gov.cn/?a=1&b=2">中国政府网</a></body></html>')
    assert_valid(text, strict.extract(text).to_dict())


@pytest.mark.parametrize("text", [
    "张三说：“我们将继续推进改革。",                                # opened, never closed
    "改革将继续推进。”张三说。",                                   # closed, never opened
    "张三说：“李四曾经说过‘发展是第一要务’，我们要牢记。”",           # nested “…‘…’…”
    "张三说：“我们将继续推进改革」。李四说：「好的”。",               # mismatched pairs
    "张三说：“”。李四说：“",                                    # empty quote; mark last
    "“", "”", "「", "‘’", "\"", "“\"”\"", "“" * 50 + "”" * 49,
], ids=["unclosed", "unopened", "nested", "mismatched", "empty-then-last", "open-only",
        "close-only", "corner-only", "single-pair", "ascii-only", "interleaved", "deep"])
def test_quotation_marks(strict, text):
    d = strict.extract(text).to_dict()
    assert_valid(text, d)
    spans = sorted((q["start"], q["end"]) for q in d["quotes"])
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "quotes overlap"


def test_non_str_and_broken_unicode_raise_clear_errors(strict):
    with pytest.raises(TypeError, match="must be str"):
        strict.extract(b"\xe5\xbc\xa0")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unpaired surrogate U\\+D800 at offset 2"):
        strict.extract("张三\ud800说")


@pytest.mark.parametrize("text", ["张三", "张三 ", "说张三\n", " \u3000张三", "a b  张三  "])
def test_entity_may_end_at_the_last_character(nlp, text):
    from zhpolicy_nlp.spans import set_char_entities

    doc = nlp.make_doc(text)
    doc = set_char_entities(doc, [(text.index("张"), len(text), "PERSON")])
    assert [(e.start_char, e.end_char) for e in doc.ents] == [(text.index("张"), len(text))]


# ---------------------------------------------------------------- faulty stages

@spacy.Language.component("g_test_faulty")
def _faulty(doc):
    """Raises on BOOM; kills its process on DIE; on BAD emits a quote whose offsets are off by one, and two that
    overlap; otherwise a correct quote of the whole text."""
    if "BOOM" in doc.text:
        raise RuntimeError("stage failed")
    if "DIE" in doc.text:  # only ever sent to a worker process
        os._exit(3)
    n = len(doc.text)
    if "BAD" in doc.text:
        quotes = [Quote(1, n, doc.text[: n - 1], "direct"),
                  Quote(0, 2, doc.text[:2], "direct"), Quote(1, 3, doc.text[1:3], "direct")]
    else:
        quotes = [Quote(0, n, doc.text, "indirect")] if n else []
    doc._.quotes = [q.to_dict() for q in quotes]
    return doc


def _faulty_pipeline() -> spacy.Language:
    nlp = spacy.blank("xx")
    nlp.add_pipe("g_test_faulty")
    return nlp


def test_broken_stage_output_is_dropped_or_raises():
    nlp = _faulty_pipeline()
    with pytest.warns(InvariantWarning) as caught:
        d = Extractor(nlp).extract("xBADxx", "d").to_dict()
    (msg,) = [str(w.message) for w in caught]
    assert "quote at 1:6 dropped: text[1:6] is 'BADxx'" in msg
    assert "quote at 1:3 dropped: overlaps the quote at 0:2" in msg
    assert [(q["start"], q["end"]) for q in d["quotes"]] == [(0, 2)]
    with pytest.raises(InvariantError, match="doc 'd'.*text\\[1:6\\]"):
        Extractor(nlp, strict=True).extract("xBADxx", "d")


def test_contract_check_is_linear_in_quotes():
    """A 10 MB document can carry tens of thousands of quotes; checking them must not be
    quadratic (50,000 quotes: ~0.3 s linear, minutes quadratic; timed in
    benchmarks/bench_scaling.py)."""
    text = "报告说，好。" * 50_000
    quotes = [Quote(6 * i + 4, 6 * i + 5, "好", "indirect", "报告") for i in range(50_000)]
    quotes.append(Quote(4, 6, "好。", "indirect", "不在文中"))
    ext = Extraction("q", text_sha256(text), quotes=quotes)
    kept, problems = clean(ext, text)
    assert len(kept.quotes) == 50_000 and len(problems) == 1 and "不在文中" in problems[0]


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipe_gives_one_record_per_item(n_process):
    ex = Extractor(_faulty_pipeline(), strict=True)
    items = ["好", {"doc_id": "x", "text": "BOOM"}, {"id": 3}, {"text": None}, b"bytes",
             {"doc_id": "y", "text": "x\ud800"}, {"doc_id": "z", "text": "BAD!"}, "完"] * 3
    recs = [r.to_dict() for r in ex.pipe(items, n_process=n_process, batch_size=2)]
    assert len(recs) == len(items)
    expected = ["", "RuntimeError: stage failed", "record has no 'text'",
                "record has no 'text'", "item must be str or mapping, not bytes",
                "ValueError: text has an unpaired surrogate U+D800 at offset 1",
                "InvariantError: doc 'z': output breaks the contract", ""] * 3
    assert all(r.get("error", "").startswith(e) and bool(e) == ("error" in r)
               for r, e in zip(recs, expected)), recs
    assert [r["doc_id"] for r in recs[:8]] == ["0", "x", "3", "3", "4", "y", "z", "7"]


@spacy.Language.component("g_test_slow")
def _slow(doc):
    """Stands in for a stage that crawls on a pathological text (docs/robustness.md lists
    real ones); pure Python, as the stages are, so the timer can interrupt it."""
    if "SLOW" in doc.text:
        end = time.monotonic() + 60
        while time.monotonic() < end:
            time.sleep(0.01)
    return doc


def test_pathological_document_times_out():
    nlp = spacy.blank("xx")
    nlp.add_pipe("g_test_slow")
    ex = Extractor(nlp, strict=True, time_limit=lambda n: 0.5)
    with pytest.raises(DocumentTimeout, match="gave up after 0.5 s"):  # not the stage's 60 s
        ex.extract("SLOW")
    (rec,) = ex.pipe(["SLOW"])
    assert rec.to_dict()["error"].startswith("DocumentTimeout: gave up")
    assert ex.extract("fast").entities == []  # the extractor still works afterwards


# ---------------------------------------------------------------- long documents

def test_pieces_cover_text_and_respect_limit():
    text = ("第一段。" * 30 + "\n") * 20 + "无换行的长段落。" * 100 + "x" * 500
    cuts = pieces(text, 300)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:]))
    assert all(0 < e - s <= 300 for s, e in cuts)
    assert all(text[e - 1] in "\n。" for s, e in cuts[:-1] if "x" not in text[s:e])


def test_chunked_document_matches_whole(nlp):
    para = NEWS + "李四指出，要加大改革力度。\n"
    text = para * 40  # ~2,600 chars
    whole = Extractor(nlp, strict=True).extract(text).to_dict()
    chunked = Extractor(nlp, strict=True, chunk_chars=500).extract(text).to_dict()
    assert_valid(text, chunked)
    assert chunked["entities"] == whole["entities"]
    assert {p["name"] for p in chunked["people"]} == {p["name"] for p in whole["people"]}


def _regex_pipeline() -> spacy.Language:
    """A cheap stand-in for the real stages, so that 10 MB stays within the suite budget."""
    import re

    from zhpolicy_nlp.spans import set_char_entities

    @spacy.Language.component("g_test_names")
    def names(doc):
        doc = set_char_entities(doc, [(m.start(), m.end(), "PERSON")
                                      for m in re.finditer("张三", doc.text)])
        return doc

    nlp = spacy.blank("xx")
    nlp.add_pipe("g_test_names")
    return nlp


def test_ten_megabyte_document_is_chunked_with_exact_offsets():
    # Words are space-separated so that the stand-in tokenizer needs no retokenising.
    unit = "国家统计局局长 张三 表示，经济运行总体平稳。 " + "a " * 480 + "\n"
    text = unit * (10 * 2**20 // len(unit.encode()) + 1)
    assert len(text.encode()) > 10 * 2**20 and len(text) > 1_000_000  # over nlp.max_length
    d = Extractor(_regex_pipeline(), strict=True).extract(text, "big").to_dict()
    assert len(d["entities"]) == text.count("张三")
    assert d["entities"][-1]["start"] == text.rindex("张三")


@pytest.mark.skipif(not os.environ.get("ZHPOLICY_SLOW"), reason="minutes: set ZHPOLICY_SLOW=1 "
                    "or run benchmarks/fuzz.py --slow")
def test_ten_megabyte_document_real_pipeline(strict, root):
    art = (root / "seeds/forum.txt").read_text(encoding="utf-8")
    text = (art + "\n") * (10 * 2**20 // len(art.encode()) + 1)
    assert_valid(text, strict.extract(text, "big").to_dict())


# ---------------------------------------------------------------- the CLI

@pytest.fixture
def run_cli(ex, monkeypatch, capsys):
    """``python -m zhpolicy_nlp ARGS`` in-process, with the session's pipeline."""
    monkeypatch.setattr(zhpolicy_nlp, "load", lambda *a, **k: ex)

    def run(*args: str) -> tuple[int, str]:
        rc = cli.main(["extract", "-q", *args])
        return rc, capsys.readouterr().err

    return run


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_of_bad_inputs_gives_one_record_each(tmp_path, run_cli):
    good = tmp_path / "good.txt"
    good.write_text(NEWS.replace("。", "。\r\n"), encoding="utf-8", newline="")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(NEWS.encode("gb18030"))
    lines = [
        json.dumps({"doc_id": "a", "text": NEWS}, ensure_ascii=False),
        "{not json",
        json.dumps({"doc_id": "no-text"}),
        json.dumps({"doc_id": "int-text", "text": 42}),
        json.dumps({"doc_id": "a", "text": "重复的编号。"}, ensure_ascii=False),
        json.dumps({"doc_id": "empty", "text": ""}),
        json.dumps({"doc_id": "ws", "text": " \u3000\n"}),
        "[1, 2]",
        '{"doc_id": "surrogate", "text": "\\ud800"}',
        "",  # a blank line is not a document
    ]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))
    out = tmp_path / "out.jsonl"
    rc, err = run_cli(str(jsonl), str(good), str(gbk), str(tmp_path / "missing.txt"),
                      "-o", str(out))
    recs = _records(out)
    assert len(recs) == 9 + 3  # every document, every file, one record each, in order
    by_id = [(r["doc_id"], r.get("error", "")) for r in recs]
    assert [i for i, _ in by_id] == ["a", f"{jsonl}:2", "no-text", "int-text", "a", "empty",
                                     "ws", f"{jsonl}:8", "surrogate", "good", "gbk", "missing"]
    errors = {n: e for n, (_, e) in enumerate(by_id) if e}
    assert set(errors) == {1, 2, 3, 4, 7, 8, 10, 11}
    assert "not JSON" in errors[1] and "no 'text'" in errors[2] and "not int" in errors[3]
    assert "duplicate doc_id 'a'" in errors[4] and "JSON object" in errors[7]
    assert "surrogate" in errors[8]
    assert str(gbk) in errors[10] and "--encoding" in errors[10]
    assert str(tmp_path / "missing.txt") in errors[11]
    assert_valid(good.read_bytes().decode("utf-8"), recs[9])
    assert rc != 0  # some documents failed


def test_encoding_option_reads_other_encodings(tmp_path, run_cli):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(NEWS.encode("gb18030"))
    out = tmp_path / "out.jsonl"
    rc, _ = run_cli("--encoding", "gb18030", str(gbk), "-o", str(out))
    (rec,) = _records(out)
    assert rc == 0 and "error" not in rec
    assert_valid(NEWS, rec)


def test_unknown_encoding_is_an_error_record(tmp_path, run_cli):
    f = tmp_path / "x.txt"
    f.write_text(NEWS, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_cli("--encoding", "no-such-codec", str(f), "-o", str(out))
    (rec,) = _records(out)
    assert "unknown encoding" in rec["error"]


def test_cli_processes_documents_over_max_length_in_pieces(tmp_path, ex, run_cli, monkeypatch):
    """The CLI gets the extractor's long-document handling: the limits are scaled down
    (spaCy's max_length 1,000,000 to 1,000) so that this runs in milliseconds."""
    monkeypatch.setattr(ex.nlp, "max_length", 1000)
    monkeypatch.setattr(ex, "chunk_chars", 500)
    text = (NEWS + "\n") * 40
    f = tmp_path / "long.txt"
    f.write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_cli(str(f), "-o", str(out))
    (rec,) = _records(out)
    assert "error" not in rec, rec["error"]
    assert_valid(text, rec)


def test_unwritable_output_is_a_clear_error(tmp_path, run_cli):
    f = tmp_path / "x.txt"
    f.write_text(NEWS, encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("")
    out = blocker / "out.jsonl"  # its parent is a file: no one can create it, root included
    try:
        rc, err = run_cli(str(f), "-o", str(out))
    except SystemExit as e:
        rc, err = e.code, ""
    assert rc not in (0, None)
    assert str(blocker) in err and "Traceback" not in err


def test_iter_inputs_counts_every_document(tmp_path):
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_bytes(b'{"text": "a"}\n\xff\xfe\n{"id": 7, "text": "b"}\n'
                      b'{"doc_id": null, "id": "x", "text": "c"}\n')
    items = list(iter_inputs([str(jsonl)]))
    assert [(i, t is not None) for i, t, _ in items] == [
        (f"{jsonl}:1", True), (f"{jsonl}:2", False), ("7", True), ("x", True)]
    assert "line 2: not valid utf-8" in items[1][2]


# ---------------------------------------------------------------- interrupted runs

def _start(args: list[str], cwd: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "zhpolicy_nlp", "extract", "-q", *args],
                            cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def _written_beside(out: Path) -> bool:
    return any(p.name != out.name and p.name.startswith((out.name, "." + out.name))
               and p.stat().st_size > 0 for p in out.parent.iterdir())


def _interrupt_midway(lines: list[str], out: Path, sig: int, resume: bool) -> str:
    """Feed ``lines`` to ``extract - -o OUT`` on stdin and keep the pipe open, so that the run
    is surely still going (waiting for input) when ``sig`` arrives after some records are
    written (to a file beside ``out``). One process: the parallel runner reads a window of
    documents ahead before it writes, which a short stdin feed would not fill."""
    proc = _start(["-", "-o", str(out), "--processes", "1", *(["--resume"] if resume else [])],
                  out.parent)
    proc.stdin.write("".join(lines).encode("utf-8"))
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and not _written_beside(out):
        time.sleep(0.05)
    assert proc.poll() is None, proc.communicate()[1].decode()
    assert _written_beside(out), "no records written before the signal"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    return err.decode()


def test_interrupted_runs_keep_old_output_and_resume(tmp_path):
    """SIGINT, then SIGTERM during the resumed run, then a resume that completes: OUT stays
    the previous output until the end, then holds every document once, in input order."""
    lines = [json.dumps({"doc_id": f"d{i}", "text": NEWS}, ensure_ascii=False) + "\n"
             for i in range(120)]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    old = '{"doc_id": "d0", "error": "from an earlier run"}\n'
    out.write_text(old, encoding="utf-8")
    err = _interrupt_midway(lines[:40], out, signal.SIGINT, resume=False)
    assert out.read_text(encoding="utf-8") == old, err
    err = _interrupt_midway(lines[:80], out, signal.SIGTERM, resume=True)
    assert out.read_text(encoding="utf-8") == old, err
    proc = _start([str(src), "-o", str(out), "--resume"], tmp_path)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    recs = _records(out)
    assert [r["doc_id"] for r in recs] == [f"d{i}" for i in range(len(lines))]
    assert all("error" not in r for r in recs)


def test_batched_extraction_equals_one_by_one(ex, root):
    """``extract_items`` runs the documents of a batch through ``nlp.pipe`` together (the
    recogniser tags their sentences in shared batches): same records as one by one."""
    forum = (root / "seeds/forum.txt").read_text(encoding="utf-8")
    texts = [forum, "国务院总理李强在北京会见了来访的德国总理朔尔茨。", "", "  \n",
             "“今年的目标一定能够实现。”逯建国厅长说。", forum[:500]]
    items = [(str(i), t, None) for i, t in enumerate(texts)] + [("bad", None, "no text")]
    one = [ex.extract_item(it).to_dict() for it in items]
    assert [r.to_dict() for r in ex.extract_items(items)] == one
    assert one[-1] == {"doc_id": "bad", "error": "no text"}
