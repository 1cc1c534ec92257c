"""The one worker pool behind ``Extractor.pipe(n_process>1)`` and the ``extract`` command.

Chunks of items go to worker processes, at most ``WINDOW_PER_WORKER`` chunks per worker in
flight (memory does not grow with the input), and come back in input order. Each worker holds
the caller's :class:`~zhpolicy_nlp.runtime.extractor.Extractor`: under ``fork`` it inherits
the loaded pipeline without pickling; elsewhere the Extractor is pickled, or loaded by model
name when the caller gives one.

- A dead worker (killed, out of memory, a crash in native code) costs only its own
  document: the chunk it broke is rerun one document at a time on fresh pools, the document
  that kills its worker becomes ``on_death(item)``, and the chunks in flight are resubmitted.
- Workers are replaced after ``RECYCLE_DOCS`` documents: spaCy's vocabulary grows with every
  new word a worker sees, and fresh workers forked from the unchanged parent keep memory flat
  over long runs.
- ``freeze_gc`` (the CLI asks for it) calls ``gc.freeze()`` first thing in each worker, so the
  collector stops visiting, and so copying, the pages a forked worker shares with its parent.
  The calling process's own GC is never touched.
- Workers ignore SIGINT (the parent handles Ctrl-C and shuts the pool down; a worker dying of
  it would only turn a clean stop into a broken pool).
"""
from __future__ import annotations

import gc
import multiprocessing as mp
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable, Iterator, Optional, TypeVar

from .inputs import Item

R = TypeVar("R")

RECYCLE_DOCS = 5000
WINDOW_PER_WORKER = 3
DIED = "worker process died on this document"

_EX: Any = None  # the worker process's Extractor


def worker_extractor() -> Any:
    """The Extractor of the worker process this runs in."""
    if _EX is None:
        raise RuntimeError("not in a worker process of zhpolicy_nlp.runtime.pool")
    return _EX


def extract_items(chunk: list[Item]) -> list[Any]:
    """Work for ``Extractor.pipe``: results and error records of a chunk."""
    return worker_extractor().extract_items(chunk)


def _init_worker(ex: Any, model: Optional[str], freeze_gc: bool,
                 settings: Optional[dict[str, Any]] = None) -> None:
    global _EX
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if ex is None:  # spawn with a model name: the parent's Extractor settings, a new pipeline
        from .extractor import Extractor
        from .. import pipeline

        ex = Extractor(pipeline.build(model), **(settings or {}))
    ex.after_fork()
    if freeze_gc:
        gc.freeze()
    _EX = ex


def _new_pool(n_process: int, ex: Any, model: Optional[str],
              freeze_gc: bool) -> ProcessPoolExecutor:
    if "fork" in mp.get_all_start_methods() or model is None:
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        return ProcessPoolExecutor(n_process, mp.get_context(method), _init_worker,
                                   (ex, model, freeze_gc))
    # spawn with a model name: each worker builds the pipeline instead of unpickling it
    return ProcessPoolExecutor(n_process, mp.get_context("spawn"), _init_worker,
                               (None, model, freeze_gc, ex.settings()))


def imap_chunks(chunks: Iterable[list[Item]], work: Callable[[list[Item]], list[R]],
                on_death: Callable[[Item], R], n_process: int, ex: Any,
                model: Optional[str] = None, freeze_gc: bool = False) -> Iterator[list[R]]:
    """``work(chunk)`` in worker processes for every chunk, results in input order. ``work``
    must be a module-level function (it is pickled by name); it reads the worker's
    Extractor with :func:`worker_extractor`."""
    chunked = iter(chunks)
    window: deque[tuple[list[Item], Future]] = deque()
    pool = _new_pool(n_process, ex, model, freeze_gc)

    def fresh() -> ProcessPoolExecutor:
        pool.shutdown(wait=False, cancel_futures=True)
        return _new_pool(n_process, ex, model, freeze_gc)

    in_pool = 0
    chunk = next(chunked, None)
    try:
        while chunk is not None or window:
            if chunk is not None and in_pool >= RECYCLE_DOCS and not window:
                pool.shutdown(wait=True)
                pool, in_pool = _new_pool(n_process, ex, model, freeze_gc), 0
            if (chunk is not None and in_pool < RECYCLE_DOCS
                    and len(window) < n_process * WINDOW_PER_WORKER):
                try:
                    fut = pool.submit(work, chunk)
                except BrokenProcessPool:  # broke since the last result was read
                    pool = fresh()
                    fut = pool.submit(work, chunk)
                window.append((chunk, fut))
                in_pool += len(chunk)
                chunk = next(chunked, None)
                continue
            head, fut = window.popleft()
            try:
                yield fut.result()
                continue
            except BrokenProcessPool:
                pass
            # Any chunk in flight may hold the culprit: rerun this one document by document,
            # then resubmit the others.
            pending = [c for c, _ in window]
            window.clear()
            pool = fresh()
            out: list[R] = []
            for item in head:
                try:
                    out += pool.submit(work, [item]).result()
                except BrokenProcessPool:
                    out.append(on_death(item))
                    pool = fresh()
            yield out
            window.extend((c, pool.submit(work, c)) for c in pending)
            in_pool = sum(len(c) for c in pending)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
