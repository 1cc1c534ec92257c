"""Streaming batch extraction: many documents, all cores, input order, nothing lost.

Documents are grouped into chunks; each chunk runs through the extractor in a worker
process (:mod:`.pool`, the pool ``Extractor.pipe`` uses too, here with ``gc.freeze`` in the
workers) and comes back as finished JSON lines, so the parent only reads inputs and writes
lines (it never deserialises Docs, which would make it the bottleneck). At most a few chunks
per worker are in flight, so memory does not grow with the number of documents, and results
are yielded in input order. A document that fails yields an error record in its place.

Writing goes to ``OUT.partial`` (flushed per chunk) and is renamed onto ``OUT`` when the run
completes: ``OUT`` is always the previous output or a complete new one. An interrupted or
killed run leaves its finished records in ``OUT.partial``; ``--resume`` picks them up.
"""
from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, Optional, TextIO

from . import pool
from .inputs import Item

Line = tuple[str, bool, int]  # (JSON line, is_error, chars of text)

# Small chunks (~0.3 s of work) keep the workers evenly loaded to the end of a run and an
# interrupt quick; the trip to a worker costs well under a millisecond.
CHUNK_DOCS = 8
CHUNK_CHARS = 20_000


class Interrupted(BaseException):
    """SIGINT/SIGTERM arrived; the run stops after saving its finished records. A
    BaseException, like KeyboardInterrupt, so that per-document ``except Exception``
    handlers cannot swallow it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@dataclass
class Stats:
    docs: int = 0
    chars: int = 0
    errors: int = 0
    skipped: int = 0


def _error_line(doc_id: Optional[str], error: str) -> Line:
    return json.dumps({"doc_id": doc_id, "error": error}, ensure_ascii=False), True, 0


def process_chunk(chunk: list[Item], ex=None) -> list[Line]:
    """A chunk's documents through :meth:`Extractor.extract_items` (of ``ex``, else of the
    worker process this runs in), which keeps the output contract, cuts over-long documents
    into pieces, turns a failure into an error record and lets the recogniser tag the
    chunk's documents together."""
    ex = ex if ex is not None else pool.worker_extractor()
    lines: list[Line] = []
    for item, res in zip(chunk, ex.extract_items(chunk)):
        rec = res.to_dict()
        lines.append((json.dumps(rec, ensure_ascii=False), "error" in rec, len(item[1] or "")))
    return lines


def chunks(items: Iterable[Item], max_docs: Optional[int] = None,
           max_chars: Optional[int] = None) -> Iterator[list[Item]]:
    """Group items so that each chunk is worth a trip to a worker but not a huge one."""
    max_docs = max_docs or CHUNK_DOCS
    max_chars = max_chars or CHUNK_CHARS
    chunk: list[Item] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += len(item[1] or "")
        if len(chunk) >= max_docs or size >= max_chars:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def default_processes() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _died(item: Item) -> Line:
    return _error_line(item[0], pool.DIED)


def extract_lines(items: Iterable[Item], ex, n_process: int = 1,
                  model: Optional[str] = None) -> Iterator[list[Line]]:
    """Chunks of finished JSON lines, in input order. With ``n_process`` > 1 the workers
    freeze the GC (see :mod:`.pool`); ``model`` names the pipeline a worker loads where it
    cannot fork."""
    chunked = chunks(items)
    if n_process <= 1:
        for chunk in chunked:
            yield process_chunk(chunk, ex)
    else:
        yield from pool.imap_chunks(chunked, process_chunk, _died, n_process, ex, model,
                                    freeze_gc=True)


# ---------------------------------------------------------------- output files

def partial_path(out: Path) -> Path:
    return out.with_name(out.name + ".partial")


def _records(path: Path) -> Iterator[tuple[dict, str]]:
    """(record, line) for every complete JSON record with a doc_id; a torn last line is
    ignored."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if isinstance(rec, dict) and rec.get("doc_id") is not None:
                yield rec, line.rstrip("\n")


def _good_lines(path: Path) -> Iterator[tuple[str, str]]:
    """(doc_id, line) for every successful record; error records are dropped so that a
    resumed run retries them."""
    for rec, line in _records(path):
        if "error" not in rec:
            yield str(rec["doc_id"]), line


def temp_beside(path: Path) -> tuple[int, str]:
    """A new temp file in ``path``'s folder (so ``os.replace`` is atomic), with the
    permissions an ordinary new file would get rather than mkstemp's 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.fchmod(fd, 0o666 & ~umask)
    return fd, tmp


def _start_partial(out: Path, resume: bool) -> tuple[TextIO, set[str]]:
    """Open ``OUT.partial`` for appending; on resume it first holds the finished records
    of ``OUT`` and of an interrupted run's ``OUT.partial``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    part = partial_path(out)
    done: set[str] = set()
    if not resume:
        return part.open("w", encoding="utf-8"), done
    fd, tmp = temp_beside(out)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for src in (out, part):
                for doc_id, line in _good_lines(src):
                    if doc_id not in done:
                        done.add(doc_id)
                        fh.write(line + "\n")
        os.replace(tmp, part)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return part.open("a", encoding="utf-8"), done


def _finish(fh: TextIO, out: Path, order: Optional[list[str]] = None) -> None:
    """Move ``OUT.partial`` onto ``OUT``. After a resume, ``order`` (the input's doc_ids)
    puts the records back in input order and drops records of documents no longer in the
    input, so the output again holds one record per input document."""
    fh.flush()
    os.fsync(fh.fileno())
    fh.close()
    part = partial_path(out)
    if order is not None:
        by_id: dict[str, deque[str]] = {}  # a repeated doc_id: its records in turn
        for rec, line in _records(part):
            by_id.setdefault(str(rec["doc_id"]), deque()).append(line + "\n")
        fd, tmp = temp_beside(out)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as dst:
                dst.writelines(by_id[d].popleft() for d in order if by_id.get(d))
                dst.flush()
                os.fsync(dst.fileno())
            os.replace(tmp, part)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    os.replace(part, out)


# ---------------------------------------------------------------- the run

def _remember_order(items: Iterable[Item], order: list[str]) -> Iterator[Item]:
    for it in items:
        order.append(it[0])
        yield it


def _skip_done(items: Iterable[Item], done: set[str], stats: Stats) -> Iterator[Item]:
    """Items whose doc_id has no finished record. Only an id's first item is skipped: a
    later one is the input's own duplicate-id error, and is written again."""
    seen: set[str] = set()
    for it in items:
        if it[0] in done and it[0] not in seen:
            seen.add(it[0])
            stats.skipped += 1
        else:
            yield it


def _raise_interrupted(signum: int, _frame) -> None:
    raise Interrupted(signum)


class _Signals:
    """SIGINT/SIGTERM raise :class:`Interrupted` in the main thread while the run lasts
    (elsewhere Python allows no handlers; a run in another thread keeps the caller's)."""

    def __enter__(self) -> "_Signals":
        self._old = {}
        if threading.current_thread() is threading.main_thread():
            self._old = {s: signal.signal(s, _raise_interrupted)
                         for s in (signal.SIGINT, signal.SIGTERM)}
        return self

    def __exit__(self, *exc: object) -> None:
        for s, h in self._old.items():
            signal.signal(s, h)


def _progress(quiet: bool, stream: IO[str], total: Optional[int] = None):
    """A bar on a terminal; with ``total`` (the input's document count) it shows the
    fraction done and an ETA."""
    from tqdm import tqdm

    class Bar(tqdm):
        monitor_interval = 0  # no monitor thread: worker processes are forked after this

    disable = quiet or not (hasattr(stream, "isatty") and stream.isatty())
    return Bar(unit="doc", file=stream, disable=disable, dynamic_ncols=True, total=total,
               smoothing=0.1, mininterval=0.5)


def run(items: Iterable[Item], ex, output: Optional[Path] = None, n_process: int = 1,
        resume: bool = False, quiet: bool = False, model: Optional[str] = None,
        stdout: Optional[TextIO] = None, stderr: Optional[TextIO] = None,
        on_chunk: Optional[Callable[[Stats], None]] = None, total: Optional[int] = None,
        lines_of: Optional[Callable[[Iterable[Item]], Iterator[list[Line]]]] = None) -> Stats:
    """Extract every item and write one JSON line per document, in input order.

    With ``output`` the file is replaced atomically at the end; ``resume`` skips documents
    whose doc_id already has a successful record in ``output`` (or in its ``.partial``).
    ``total`` (the number of input documents, when known) gives the progress bar an ETA.
    ``lines_of`` computes the lines elsewhere (a Dask cluster: :mod:`.cluster`) instead of
    in this machine's processes; reading, order, resume and writing stay the same.
    Raises :class:`Interrupted` on SIGINT/SIGTERM after saving the finished records.
    """
    if resume and output is None:
        raise ValueError("--resume needs an output file (-o)")
    stdout = stdout or sys.stdout  # looked up per call: callers may redirect sys.stdout
    stderr = stderr or sys.stderr
    if output is not None and not resume and not quiet and partial_path(output).exists():
        print(f"extract: starting afresh; {partial_path(output)} from an interrupted run is "
              "discarded (--resume would continue it)", file=stderr)
    stats = Stats()
    order: list[str] = []
    bar = _progress(quiet, stderr, total)
    fh: Optional[TextIO] = None
    try:
        with _Signals():
            if output is not None:
                fh, done = _start_partial(output, resume)
                if resume:
                    items = _remember_order(items, order)
                if done:
                    items = _skip_done(items, done, stats)
            sink = fh if fh is not None else stdout
            t0 = time.perf_counter()
            produced = (lines_of(items) if lines_of is not None
                        else extract_lines(items, ex, n_process, model))
            for lines in produced:
                sink.write("".join(line + "\n" for line, _, _ in lines))
                sink.flush()
                stats.docs += len(lines)
                stats.errors += sum(err for _, err, _ in lines)
                stats.chars += sum(n for _, _, n in lines)
                bar.update(stats.docs + stats.skipped - bar.n)  # skipped inputs count as done
                rate = stats.chars / max(time.perf_counter() - t0, 1e-9)
                bar.set_postfix_str(f"{rate:,.0f} chars/s, {stats.errors} errors", refresh=False)
                if on_chunk is not None:
                    on_chunk(stats)
            if fh is not None:
                _finish(fh, output, order if resume else None)
                fh = None
    finally:
        bar.close()
        if fh is not None:  # interrupted or failed: keep what is finished for --resume
            fh.close()
    return stats
