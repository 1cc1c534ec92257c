"""Turn CLI inputs (files, folders, JSONL, stdin) into a stream of records.

Each yielded item is ``(doc_id, text_or_None, error_or_None)``: a record that cannot be
read still yields one item, carrying its error, so the output has exactly one line per
input document. Texts are decoded exactly as stored (no newline translation, a BOM kept),
so offsets index the file's own characters. A doc_id seen before yields an error item:
two records with one id would make the output ambiguous and ``--resume`` unreliable.

A folder is searched recursively for ``*.txt`` (hidden files and folders skipped); a file's
doc_id is its path relative to the folder without ``.txt`` (``2024/01/001``), so the same
file name in two subfolders gives two ids. Standard input (``-``) is JSONL, plain text (one
document, doc_id ``stdin``), or one document per line (doc_id ``stdin:LINE``); ``auto``
reads JSONL when the first non-blank line opens with ``{``, else one plain-text document.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from itertools import chain
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional

Item = tuple[str, Optional[str], Optional[str]]
STDIN_FORMATS = ("auto", "jsonl", "text", "lines")

_SURROGATE = re.compile(r"[\ud800-\udfff]")


def unicode_problem(text: str) -> Optional[str]:
    """Why ``text`` is not Unicode text (a lone surrogate, e.g. from a JSON ``\\ud800``
    escape, cannot be written as UTF-8), or None."""
    bad = _SURROGATE.search(text)
    if bad is None:
        return None
    return (f"text has an unpaired surrogate U+{ord(bad.group()):04X} at offset "
            f"{bad.start()}: not valid Unicode text")


def _read_text(path: Path, encoding: str, doc_id: Optional[str] = None) -> Item:
    doc_id = path.stem if doc_id is None else doc_id
    try:
        return doc_id, path.read_bytes().decode(encoding), None
    except UnicodeDecodeError as e:
        return doc_id, None, (f"{path}: not valid {encoding} ({e.reason} at byte {e.start});"
                              " give the file's encoding with --encoding")
    except LookupError:
        return doc_id, None, f"{path}: unknown encoding {encoding!r}"
    except OSError as e:
        return doc_id, None, f"{path}: {e.strerror or e}"


def folder_texts(folder: Path) -> list[Path]:
    """The ``*.txt`` files under ``folder``, at any depth, hidden ones (``.git``,
    ``.ipynb_checkpoints``) skipped, sorted by their path in the folder."""
    found = [f for f in folder.rglob("*.txt")
             if f.is_file() and not any(part.startswith(".")
                                        for part in f.relative_to(folder).parts)]
    return sorted(found, key=lambda f: f.relative_to(folder).parts)


def folder_doc_id(folder: Path, f: Path) -> str:
    """``2024/01/001.txt`` in ``folder`` → ``2024/01/001``."""
    return f.relative_to(folder).with_suffix("").as_posix()


def is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith((".jsonl", ".jsonl.gz"))


def _open_jsonl(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


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


def _decode(data: bytes, encoding: str, where: str) -> tuple[Optional[str], Optional[str]]:
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as e:
        return None, f"{where}: not valid {encoding} ({e.reason} at byte {e.start})"
    except LookupError:
        return None, f"{where}: unknown encoding {encoding!r}"


def _plain_stdin(stream: IO[bytes], encoding: str, per_line: bool) -> Iterator[Item]:
    """Plain text on stdin: all of it as one document ``stdin`` (offsets index it as
    read), or each non-blank line as a document ``stdin:LINE``."""
    if not per_line:
        text, err = _decode(stream.read(), encoding, "<stdin>")
        if err or (text or "").strip():
            yield "stdin", text, err
        return
    for n, raw in enumerate(stream, 1):
        text, err = _decode(raw.rstrip(b"\r\n"), encoding, f"<stdin> line {n}")
        if err or (text or "").strip():
            yield f"stdin:{n}", text, err


def _stdin(stream: IO[bytes], encoding: str, fmt: str) -> Iterator[Item]:
    if fmt == "auto":
        # Peek at the first non-blank line: `{` opens a JSONL record, anything else is text.
        head: list[bytes] = []
        for raw in stream:
            head.append(raw)
            if raw.strip():
                break
        first = head[-1].lstrip().removeprefix(b"\xef\xbb\xbf").lstrip() if head else b""
        fmt = "jsonl" if first.startswith(b"{") or not first else "text"
        stream = _Rewound(head, stream)
    if fmt == "jsonl":
        yield from _jsonl(stream, "<stdin>", encoding)
    else:
        yield from _plain_stdin(stream, encoding, per_line=fmt == "lines")


class _Rewound:
    """A byte stream with the lines already read put back in front."""

    def __init__(self, head: list[bytes], rest: IO[bytes]) -> None:
        self._lines = chain(head, rest)

    def __iter__(self) -> Iterator[bytes]:
        return self._lines

    def read(self) -> bytes:
        return b"".join(self._lines)


def _sources(paths: Iterable[str], encoding: str, stdin: Optional[IO[bytes]],
             stdin_format: str) -> Iterator[Item]:
    for p in paths:
        if p == "-":
            yield from _stdin(stdin or sys.stdin.buffer, encoding, stdin_format)
            continue
        path = Path(p)
        if path.is_dir():
            for f in folder_texts(path):
                yield _read_text(f, encoding, folder_doc_id(path, f))
        elif is_jsonl(path):
            try:
                with _open_jsonl(path) as fh:
                    yield from _jsonl(fh, str(path), encoding)
            except (OSError, EOFError) as e:  # unreadable, or a truncated/corrupt .gz
                yield path.stem, None, f"{path}: {getattr(e, 'strerror', None) or e}"
        elif not path.exists():
            yield path.stem, None, f"{path}: no such file or folder"
        else:
            yield _read_text(path, encoding)


def iter_inputs(paths: Iterable[str], encoding: str = "utf-8",
                stdin: Optional[IO[bytes]] = None, stdin_format: str = "jsonl") -> Iterator[Item]:
    """One item per input document, in input order; ids are unique (a repeat is an error).
    ``stdin_format`` says how ``-`` is read: one of :data:`STDIN_FORMATS`."""
    if stdin_format not in STDIN_FORMATS:
        raise ValueError(f"stdin_format must be one of {STDIN_FORMATS}, not {stdin_format!r}")
    seen: set[str] = set()
    for doc_id, text, err in _sources(paths, encoding, stdin, stdin_format):
        if doc_id in seen:
            yield doc_id, None, (f"duplicate doc_id {doc_id!r}: an earlier input has it;"
                                 " not processed")
            continue
        seen.add(doc_id)
        yield doc_id, text, err


def empty_inputs(paths: Iterable[str]) -> list[str]:
    """Why some inputs hold no document at all (a folder without ``*.txt`` at any depth, a
    JSONL file without a non-blank line): said before a run rather than a silent empty
    output. Unreadable files are not judged here; they become error records."""
    problems: list[str] = []
    for p in paths:
        path = Path(p)
        if p == "-" or not path.exists():
            continue
        if path.is_dir() and not folder_texts(path):
            problems.append(f"{path}: no .txt files in this folder or its subfolders")
        elif path.is_file() and is_jsonl(path) and count_documents([p]) == 0:
            problems.append(f"{path}: no records (the file has no non-blank line)")
    return problems


def count_documents(paths: Iterable[str]) -> Optional[int]:
    """How many documents the inputs hold (non-blank JSONL lines, ``*.txt`` files), for a
    progress bar's total and ETA; None when stdin is among them (unknown until read).
    Reads JSONL files once more; a corrupt one is counted as far as it reads."""
    n = 0
    for p in paths:
        if p == "-":
            return None
        path = Path(p)
        if path.is_dir():
            n += len(folder_texts(path))
        elif is_jsonl(path):
            try:
                with _open_jsonl(path) as fh:
                    n += sum(1 for line in fh if line.strip())
            except (OSError, EOFError):
                n += 1  # one error record
        else:
            n += 1
    return n
