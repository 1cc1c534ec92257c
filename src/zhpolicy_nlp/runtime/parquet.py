"""Parquet output (``extract -o OUT.parquet``; needs ``pyarrow``, in the ``dask`` extra).

One row per document, in input order, for users who go on in pandas, polars or DuckDB.
Columns: ``doc_id``, ``text_sha256`` and ``error`` are strings (``error`` is null on a
success, the others null on an error); ``entities``, ``people`` and ``quotes`` are the
JSON text of the record's lists (null on an error), e.g. in DuckDB
``SELECT doc_id, json_array_length(quotes) FROM 'out.parquet'``. JSON strings rather than
Arrow structs because they keep exactly the JSONL record (optional keys, nulls and all) and
any reader can decode them; :func:`read_records` gives back the JSONL records themselves.

The run writes JSON lines as always (to ``OUT.parquet.jsonl.partial``, then
``OUT.parquet.jsonl``: what ``--resume`` continues); the finished lines are converted and
``OUT.parquet`` replaced atomically at the end.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Iterator

from .batch import temp_beside

SCALARS = ("doc_id", "text_sha256", "error")
NESTED = ("entities", "people", "quotes")
_ORDER = ("doc_id", "text_sha256", "entities", "people", "quotes", "error")  # JSONL key order
_ROWS_PER_GROUP = 10_000


def is_parquet(path: Path) -> bool:
    return path.suffix.lower() == ".parquet"


def jsonl_beside(path: Path) -> Path:
    """The JSON lines a run writes before they become ``path``."""
    return path.with_name(path.name + ".jsonl")


def _schema():
    import pyarrow as pa

    return pa.schema([(name, pa.string()) for name in _ORDER])


def _row(rec: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name in _ORDER:
        value = rec.get(name)
        if name in NESTED and value is not None:
            value = json.dumps(value, ensure_ascii=False)
        row[name] = None if value is None else str(value)
    return row


def write(records: Iterable[dict[str, Any]], out: Path) -> int:
    """Write records as rows of ``out``, replaced atomically; returns the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema()
    fd, tmp = temp_beside(out)
    os.close(fd)
    n = 0
    try:
        with pq.ParquetWriter(tmp, schema) as writer:
            rows: list[dict[str, Any]] = []
            for rec in records:
                rows.append(_row(rec))
                if len(rows) >= _ROWS_PER_GROUP:
                    writer.write_table(pa.Table.from_pylist(rows, schema))
                    n, rows = n + len(rows), []
            if rows or n == 0:
                writer.write_table(pa.Table.from_pylist(rows, schema))
                n += len(rows)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of ``path`` as the JSONL records they were made from."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    for batch in pf.iter_batches():
        for row in batch.to_pylist():
            rec = {}
            for name in _ORDER:
                value = row.get(name)
                if value is not None:
                    rec[name] = json.loads(value) if name in NESTED else value
                elif name == "doc_id":
                    rec[name] = None
            yield rec


def jsonl_records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def to_jsonl(parquet: Path, jsonl: Path) -> None:
    """Write ``parquet``'s records as JSON lines (atomically), so that ``--resume`` can
    continue from a finished Parquet output."""
    fd, tmp = temp_beside(jsonl)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for rec in read_records(parquet):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        os.replace(tmp, jsonl)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
