"""Turn CLI inputs (files, folders, JSONL, stdin) into a stream of records.

Each yielded item is ``(doc_id, text_or_None, error_or_None)``: a record that cannot be
read still yields one item, carrying its error, so the output has exactly one line per
input document.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional

Item = tuple[str, Optional[str], Optional[str]]


def _read_text(path: Path, encoding: str) -> Item:
    try:
        return path.stem, path.read_bytes().decode(encoding), None
    except UnicodeDecodeError as e:
        return path.stem, None, f"{path}: not valid {encoding} ({e.reason} at byte {e.start}); try --encoding"
    except OSError as e:
        return path.stem, None, f"{path}: {e.strerror or e}"


def _jsonl(lines: Iterable[bytes], source: str, encoding: str) -> Iterator[Item]:
    for n, raw in enumerate(lines, 1):
        fallback_id = f"{source}:{n}"
        try:
            line = raw.decode(encoding)
        except UnicodeDecodeError as e:
            yield fallback_id, None, f"{source} line {n}: not valid {encoding} ({e.reason})"
            continue
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield fallback_id, None, f"{source} line {n}: not JSON ({e.msg})"
            continue
        if not isinstance(rec, dict):
            yield fallback_id, None, f"{source} line {n}: a record must be a JSON object"
            continue
        doc_id = rec.get("doc_id", rec.get("id"))
        doc_id = fallback_id if doc_id is None else str(doc_id)
        text = rec.get("text")
        if text is None:
            yield doc_id, None, f"{source} line {n}: record has no 'text'"
        elif not isinstance(text, str):
            yield doc_id, None, f"{source} line {n}: 'text' must be a string, not {type(text).__name__}"
        else:
            yield doc_id, text, None


def iter_inputs(paths: Iterable[str], encoding: str = "utf-8",
                stdin: Optional[IO[bytes]] = None) -> Iterator[Item]:
    for p in paths:
        if p == "-":
            yield from _jsonl(stdin or sys.stdin.buffer, "<stdin>", encoding)
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.glob("*.txt")):
                yield _read_text(f, encoding)
        elif path.suffix == ".jsonl":
            try:
                with path.open("rb") as fh:
                    yield from _jsonl(fh, str(path), encoding)
            except OSError as e:
                yield path.stem, None, f"{path}: {e.strerror or e}"
        elif not path.exists():
            yield path.stem, None, f"{path}: no such file or folder"
        else:
            yield _read_text(path, encoding)
