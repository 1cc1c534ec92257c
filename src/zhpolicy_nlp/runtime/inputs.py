"""Turn CLI inputs (files, folders, JSONL, stdin) into a stream of records.

Each yielded item is ``(doc_id, text_or_None, error_or_None)``: a record that cannot be
read still yields one item, carrying its error, so the output has exactly one line per
input document. Texts are decoded exactly as stored (no newline translation, a BOM kept),
so offsets index the file's own characters. A doc_id seen before yields an error item:
two records with one id would make the output ambiguous and ``--resume`` unreliable.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional

Item = tuple[str, Optional[str], Optional[str]]

_SURROGATE = re.compile(r"[\ud800-\udfff]")


def unicode_problem(text: str) -> Optional[str]:
    """Why ``text`` is not Unicode text (a lone surrogate, e.g. from a JSON ``\\ud800``
    escape, cannot be written as UTF-8), or None."""
    bad = _SURROGATE.search(text)
    if bad is None:
        return None
    return (f"text has an unpaired surrogate U+{ord(bad.group()):04X} at offset "
            f"{bad.start()}: not valid Unicode text")


def _read_text(path: Path, encoding: str) -> Item:
    try:
        return path.stem, path.read_bytes().decode(encoding), None
    except UnicodeDecodeError as e:
        return path.stem, None, (f"{path}: not valid {encoding} ({e.reason} at byte {e.start});"
                                 " give the file's encoding with --encoding")
    except LookupError:
        return path.stem, None, f"{path}: unknown encoding {encoding!r}"
    except OSError as e:
        return path.stem, None, f"{path}: {e.strerror or e}"


def _record(rec: object, doc_id: str, where: str) -> Item:
    if not isinstance(rec, dict):
        return doc_id, None, f"{where}: a record must be a JSON object"
    given = next((rec[k] for k in ("doc_id", "id") if rec.get(k) is not None), None)
    if given is not None:
        doc_id = str(given)
    text = rec.get("text")
    if text is None:
        return doc_id, None, f"{where}: record has no 'text'"
    if not isinstance(text, str):
        return doc_id, None, f"{where}: 'text' must be a string, not {type(text).__name__}"
    bad = unicode_problem(text)
    return (doc_id, None, f"{where}: {bad}") if bad else (doc_id, text, None)


def _jsonl(lines: Iterable[bytes], source: str, encoding: str) -> Iterator[Item]:
    for n, raw in enumerate(lines, 1):
        where = f"{source} line {n}"
        try:
            line = raw.decode(encoding)
        except UnicodeDecodeError as e:
            yield f"{source}:{n}", None, f"{where}: not valid {encoding} ({e.reason})"
            continue
        except LookupError:
            yield f"{source}:{n}", None, f"{where}: unknown encoding {encoding!r}"
            continue
        if n == 1:
            line = line.removeprefix("\ufeff")  # a BOM belongs to the file, not to a record
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield f"{source}:{n}", None, f"{where}: not JSON ({e.msg})"
            continue
        yield _record(rec, f"{source}:{n}", where)


def _sources(paths: Iterable[str], encoding: str,
             stdin: Optional[IO[bytes]]) -> Iterator[Item]:
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


def iter_inputs(paths: Iterable[str], encoding: str = "utf-8",
                stdin: Optional[IO[bytes]] = None) -> Iterator[Item]:
    """One item per input document, in input order; ids are unique (a repeat is an error)."""
    seen: set[str] = set()
    for doc_id, text, err in _sources(paths, encoding, stdin):
        if doc_id in seen:
            yield doc_id, None, (f"duplicate doc_id {doc_id!r}: an earlier input has it;"
                                 " not processed")
            continue
        seen.add(doc_id)
        yield doc_id, text, err
