"""Extraction on Dask distributed: a LocalCluster of 2 worker processes, as `--dask local:2`
starts it. Each worker loads the pipeline once (~2 s), so the cluster is shared by the module."""
import json
import os
import signal
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

import cloudpickle  # noqa: E402  (comes with distributed)
import dask.bag as db  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

import zhpolicy_nlp  # noqa: E402
from zhpolicy_nlp import cli  # noqa: E402
from zhpolicy_nlp.runtime import cluster, parquet  # noqa: E402

# Workers cannot import this test module: the functions sent to them travel by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

SPEAKERS = [("国家统计局", "局长", "张三"), ("外交部", "发言人", "李四"),
            ("财政部", "副部长", "王五"), ("商务部", "部长", "赵六")]
SAID = ["经济运行总体平稳", "中方愿同各方加强合作", "减税降费政策将继续实施", "外贸形势好于预期"]


def _records() -> list[dict]:
    """20 short documents (a few chunks), a record without text and a repeated doc_id."""
    recs = []
    for i in range(20):
        org, title, name = SPEAKERS[i % 4]
        said = SAID[(i // 4) % 4]
        text = (f"{org}{title}{name}表示，{said}。" if i % 2 else
                f"{org}{title}{name}说：“{said}。”记者了解到，第{i}次会议已经召开。")
        recs.append({"doc_id": f"n{i:02d}", "text": text})
    recs.insert(5, {"doc_id": "no-text"})
    recs.append({"doc_id": "n03", "text": "重复的编号。"})
    return recs


@pytest.fixture(scope="module")
def client():
    with cluster.connect("local:2") as c:
        yield c


@pytest.fixture
def shared_pipeline(monkeypatch, ex):
    """The plain runs here reuse the session's pipeline (the workers load their own)."""
    monkeypatch.setattr(zhpolicy_nlp, "load", lambda *_a, **_k: ex)


@pytest.fixture
def corpus(tmp_path) -> Path:
    f = tmp_path / "in.jsonl"
    f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records()),
                 encoding="utf-8")
    return f


@pytest.fixture
def plain(corpus, tmp_path, shared_pipeline) -> Path:
    out = tmp_path / "plain.jsonl"
    assert cli.main(["extract", "-q", "-p", "1", str(corpus), "-o", str(out)]) == 1
    return out


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_dask_run_writes_the_records_of_a_plain_run(client, corpus, plain, tmp_path):
    out = tmp_path / "dask.jsonl"
    rc = cli.main(["extract", "-q", "--dask", client.scheduler.address, str(corpus), "-o", str(out)])
    assert rc == 1  # the two bad records are error records, as in the plain run
    assert _lines(out) == _lines(plain)
    assert [json.loads(x)["doc_id"] for x in _lines(out)][5] == "no-text"


def test_dask_resume_keeps_the_finished_records(client, corpus, plain, tmp_path):
    out = tmp_path / "dask.jsonl"
    whole, half = tmp_path / "whole.jsonl", tmp_path / "half.jsonl"
    lines = _lines(corpus)[:-1]  # without the repeated doc_id
    whole.write_text("\n".join(lines) + "\n", encoding="utf-8")
    half.write_text("\n".join(lines[:8]) + "\n", encoding="utf-8")
    address = client.scheduler.address
    assert cli.main(["extract", "-q", "--dask", address, str(half), "-o", str(out)]) == 1
    assert cli.main(["extract", "-q", "--dask", address, "--resume", str(whole),
                     "-o", str(out)]) == 1
    got, want = ([json.loads(x) for x in _lines(f)] for f in (out, plain))
    assert [r["doc_id"] for r in got] == [r["doc_id"] for r in want[:-1]]
    assert [r for r in got if "error" not in r] == [r for r in want if "error" not in r]


def test_extract_bag_gives_the_records_of_a_plain_run(client, plain):
    bag = db.from_sequence(_records(), npartitions=3)
    got = cluster.extract_bag(bag).compute()
    want = [json.loads(x) for x in _lines(plain)]
    # the plain run reads the input and says a repeated doc_id is an error; a bag is the
    # caller's own records, each extracted as it is
    assert [r["doc_id"] for r in got] == [r["doc_id"] for r in want]
    assert [r for r in got[:-1] if "error" not in r] == [r for r in want if "error" not in r]
    assert got[5] == {"doc_id": "no-text", "error": "record has no 'text'"}
    assert "error" not in got[-1]


def _arm_killer(marker: str) -> None:
    """On a worker: the first task holding doc_id n07 kills its own worker process
    (SIGKILL, as the out-of-memory killer would); once the marker exists, tasks run."""
    real = cluster.worker_extractor

    class Killing:
        def __init__(self, ex):
            self.ex = ex

        def extract_items(self, items):
            if any(doc_id == "n07" for doc_id, _, _ in items) and not os.path.exists(marker):
                Path(marker).touch()
                os.kill(os.getpid(), signal.SIGKILL)
            return self.ex.extract_items(items)

    def loader(model=None):
        return Killing(real(model))

    loader.real = real
    cluster.worker_extractor = loader


def _disarm() -> None:
    cluster.worker_extractor = getattr(cluster.worker_extractor, "real", cluster.worker_extractor)


def test_a_worker_killed_mid_run_loses_nothing(client, corpus, plain, tmp_path):
    marker = tmp_path / "killed-once"
    client.run(_arm_killer, str(marker))
    try:
        out = tmp_path / "dask.jsonl"
        rc = cli.main(["extract", "-q", "--dask", client.scheduler.address, str(corpus),
                       "-o", str(out)])
    finally:
        client.run(_disarm)
    assert marker.exists(), "no worker was killed"
    assert rc == 1
    assert _lines(out) == _lines(plain)  # Dask reran the killed task on the other worker


def test_parquet_round_trip(client, corpus, plain, tmp_path):
    out = tmp_path / "out.parquet"
    assert cli.main(["extract", "-q", "--dask", client.scheduler.address, str(corpus),
                     "-o", str(out)]) == 1
    want = [json.loads(x) for x in _lines(plain)]
    assert list(parquet.read_records(out)) == want
    table = pq.read_table(out)
    assert table.num_rows == len(want)
    assert table.column_names == ["doc_id", "text_sha256", "entities", "people", "quotes",
                                  "error"]
    row = table.slice(1, 1).to_pylist()[0]
    assert json.loads(row["quotes"]) == want[1]["quotes"] and row["error"] is None
    assert not parquet.jsonl_beside(out).exists()
    # a resumed run starts from the finished Parquet file and writes it again, unchanged
    assert cli.main(["extract", "-q", "--resume", "-p", "1", str(corpus), "-o", str(out)]) == 1
    assert list(parquet.read_records(out)) == want
