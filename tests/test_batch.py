"""Batch extraction: order, error records, workers, progress, atomic output, resume."""
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from zhpolicy_nlp import Extractor
from zhpolicy_nlp.runtime import batch, pool

SENTENCES = [
    "国务院新闻办公室今天举行新闻发布会，国家统计局局长王明介绍了前三季度国民经济运行情况。",
    "王明表示，前三季度经济运行总体平稳，稳中有进。",
    "外交部发言人李华在例行记者会上说：“中方愿同各方一道，推动构建人类命运共同体。”",
    "据介绍，2023年全国共新建改造农村公路17万公里。",
    "省委书记张伟强调，要坚持以人民为中心的发展思想，扎实推进共同富裕。",
]


def items(n: int, bad_every: int = 0):
    for i in range(n):
        if bad_every and i % bad_every == bad_every - 1:
            yield f"doc{i}", None, f"doc{i}: not valid utf-8"
        else:
            yield f"doc{i}", SENTENCES[i % len(SENTENCES)] * (1 + i % 3), None


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_chunks_bound_docs_and_chars():
    its = [(str(i), "字" * 50, None) for i in range(10)]
    assert [len(c) for c in batch.chunks(its, max_docs=4, max_chars=10_000)] == [4, 4, 2]
    assert [len(c) for c in batch.chunks(its, max_docs=100, max_chars=120)] == [3, 3, 3, 1]
    assert list(batch.chunks([])) == []


@pytest.mark.parametrize("n_process", [1, 2])
def test_one_record_per_input_in_order(ex, tmp_path, n_process):
    out = tmp_path / "out.jsonl"
    stats = batch.run(items(36, bad_every=7), ex, out, n_process=n_process, quiet=True)
    recs = read_jsonl(out)
    assert [r["doc_id"] for r in recs] == [f"doc{i}" for i in range(36)]
    assert [("error" in r) for r in recs] == [i % 7 == 6 for i in range(36)]
    assert (stats.docs, stats.errors) == (36, 5)
    assert not batch.partial_path(out).exists()


def test_parallel_output_equals_single_process(ex):
    one = [line for ch in batch.extract_lines(items(20), ex, 1) for line in ch]
    two = [line for ch in batch.extract_lines(items(20), ex, 2) for line in ch]
    assert one == two


def test_failing_document_becomes_error_record(ex):
    def nlp(text):
        if "爆炸" in text:
            raise RuntimeError("stage failed")
        return ex.nlp(text)

    its = [("a", SENTENCES[0], None), ("b", "爆炸" + SENTENCES[1], None), ("c", SENTENCES[2], None)]
    chunks = batch.extract_lines(its, Extractor(nlp), 1)
    lines = [json.loads(line) for ch in chunks for line, _, _ in ch]
    assert [r["doc_id"] for r in lines] == ["a", "b", "c"]
    assert lines[1]["error"] == "RuntimeError: stage failed"
    assert "entities" in lines[0] and "entities" in lines[2]


def _die_on_poison(chunk):
    if any(doc_id == "poison" for doc_id, _, _ in chunk):
        os._exit(3)
    return [(json.dumps({"doc_id": d}), False, len(t or "")) for d, t, _ in chunk]


def _lines_on_pool(work, its, n_process):
    """The extract command's pool run (``batch.extract_lines`` with workers) with ``work``
    standing in for the extractor."""
    return pool.imap_chunks(batch.chunks(its, 2), work, batch._died, n_process, _NoLock(),
                            freeze_gc=True)


class _NoLock:
    def after_fork(self) -> None:
        pass


def test_worker_death_costs_only_its_document():
    its = [(f"d{i}", "文本", None) for i in range(9)]
    its[5] = ("poison", "文本", None)
    got = [json.loads(line) for ch in _lines_on_pool(_die_on_poison, its, 2) for line, _, _ in ch]
    assert [r["doc_id"] for r in got] == [d for d, _, _ in its]
    assert [("error" in r) for r in got] == [d == "poison" for d, _, _ in its]


def _pid_chunk(chunk):
    return [(json.dumps({"doc_id": d, "pid": os.getpid()}), False, 0) for d, _, _ in chunk]


def test_workers_are_replaced_after_recycle_docs(monkeypatch):
    monkeypatch.setattr(pool, "RECYCLE_DOCS", 4)
    its = [(f"d{i}", "文本", None) for i in range(12)]
    got = [json.loads(line) for ch in _lines_on_pool(_pid_chunk, its, 1) for line, _, _ in ch]
    assert [r["doc_id"] for r in got] == [d for d, _, _ in its]
    pids = [r["pid"] for r in got]
    assert len(set(pids)) == 3 and pids[0] == pids[3] != pids[4]


def test_resume_skips_done_retries_errors_and_reads_partial(ex, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"doc_id": "doc0", "entities": []}) + "\n"
                   + json.dumps({"doc_id": "doc1", "error": "boom"}) + "\n", encoding="utf-8")
    batch.partial_path(out).write_text(json.dumps({"doc_id": "doc2", "entities": []}) + "\n"
                                       + '{"doc_id": "doc3", "enti', encoding="utf-8")
    stats = batch.run(items(6), ex, out, resume=True, quiet=True)
    recs = read_jsonl(out)
    assert [r["doc_id"] for r in recs] == [f"doc{i}" for i in range(6)]  # input order
    assert recs[0] == {"doc_id": "doc0", "entities": []}  # kept, not recomputed
    assert (stats.skipped, stats.docs, stats.errors) == (2, 4, 0)
    assert not batch.partial_path(out).exists()


def test_resume_output_is_one_record_per_input_in_input_order(ex, tmp_path):
    """Records of documents no longer in the input are dropped; order follows the input."""
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"doc_id": "gone", "entities": []}) + "\n"
                   + json.dumps({"doc_id": "doc3", "entities": []}) + "\n", encoding="utf-8")
    batch.run(items(5), ex, out, resume=True, quiet=True)
    assert [r["doc_id"] for r in read_jsonl(out)] == [f"doc{i}" for i in range(5)]


def test_interrupt_keeps_previous_output_and_resume_finishes(ex, tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "CHUNK_DOCS", 3)
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")

    def stop_after_two_chunks(stats):
        if stats.docs >= 6:
            raise batch.Interrupted(signal.SIGINT)

    with pytest.raises(batch.Interrupted):
        batch.run(items(12), ex, out, quiet=True, on_chunk=stop_after_two_chunks)
    assert out.read_text(encoding="utf-8") == "previous\n"
    done = read_jsonl(batch.partial_path(out))
    assert [r["doc_id"] for r in done] == [f"doc{i}" for i in range(6)]
    stats = batch.run(items(12), ex, out, resume=True, quiet=True)
    assert [r["doc_id"] for r in read_jsonl(out)] == [f"doc{i}" for i in range(12)]
    assert stats.skipped == 6


def test_sigterm_on_the_cli_leaves_whole_records(tmp_path):
    """A real signal to a real run: exit 143, output untouched, .partial holds whole lines."""
    src = tmp_path / "in.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for doc_id, text, _ in items(5000):
            fh.write(json.dumps({"doc_id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    out = tmp_path / "out.jsonl"
    part = batch.partial_path(out)
    cmd = [sys.executable, "-m", "zhpolicy_nlp", "extract", str(src), "-o", str(out), "-p", "1",
           "-q"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and not (part.exists() and part.stat().st_size > 0):
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert not out.exists()
    assert "--resume" in err
    lines = part.read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(line)["doc_id"] for line in lines)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(ex, tmp_path):
    pipe, tty = io.StringIO(), _Tty()
    batch.run(items(3), ex, tmp_path / "a.jsonl", stderr=pipe)
    batch.run(items(3), ex, tmp_path / "b.jsonl", stderr=tty)
    batch.run(items(3), ex, tmp_path / "c.jsonl", stderr=tty, quiet=True)
    assert pipe.getvalue() == ""
    assert "3doc" in tty.getvalue().replace(" ", "")
    assert "chars/s, 0 errors" in tty.getvalue()


def test_stdout_when_no_output_file(ex):
    buf = io.StringIO()
    batch.run(items(4), ex, None, stdout=buf, quiet=True)
    assert [json.loads(line)["doc_id"] for line in buf.getvalue().splitlines()] == [
        "doc0", "doc1", "doc2", "doc3"]
    with pytest.raises(ValueError):
        batch.run(items(1), ex, None, resume=True)


def test_new_output_gets_ordinary_permissions(ex, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("", encoding="utf-8")
    batch.run(items(1), ex, out, resume=True, quiet=True)
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_closed_stdout_ends_quietly(ex, tmp_path, monkeypatch):
    """`extract … | head`: the reader goes away; exit 141 like other tools, no traceback."""
    import zhpolicy_nlp
    from zhpolicy_nlp import cli

    class ClosedPipe(io.StringIO):
        def __init__(self, fd):
            super().__init__()
            self.fd = fd

        def write(self, s):
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self):
            return self.fd

    src = tmp_path / "a.txt"
    src.write_text(SENTENCES[0], encoding="utf-8")
    with open(tmp_path / "sink", "w") as sink:
        monkeypatch.setattr(zhpolicy_nlp, "load", lambda *a, **k: ex)
        monkeypatch.setattr(sys, "stdout", ClosedPipe(sink.fileno()))
        assert cli.main(["extract", str(src), "-q", "-p", "1"]) == 141


def test_runs_outside_the_main_thread(ex, tmp_path):
    import threading

    out = tmp_path / "out.jsonl"
    t = threading.Thread(target=batch.run, args=(items(3), ex, out), kwargs={"quiet": True})
    t.start()
    t.join()
    assert [r["doc_id"] for r in read_jsonl(out)] == ["doc0", "doc1", "doc2"]


def _freeze_chunk(chunk):
    import gc

    return [(json.dumps({"doc_id": d, "frozen": gc.get_freeze_count()}), False, 0)
            for d, _, _ in chunk]


def test_only_the_extract_commands_workers_freeze_the_gc():
    import gc

    before = gc.get_freeze_count()
    its = [(f"d{i}", "文本", None) for i in range(3)]
    frozen = [json.loads(line)["frozen"] for ch in _lines_on_pool(_freeze_chunk, its, 1)
              for line, _, _ in ch]
    plain = [json.loads(line)["frozen"] for ch in pool.imap_chunks(
        batch.chunks(its, 2), _freeze_chunk, batch._died, 1, _NoLock()) for line, _, _ in ch]
    assert all(n > before for n in frozen) and plain == [before] * 3
    assert gc.get_freeze_count() == before
