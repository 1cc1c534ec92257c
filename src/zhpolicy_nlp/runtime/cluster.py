"""Extraction on a Dask distributed cluster (the optional ``dask`` extra).

Two ways in:

- :func:`extract_bag` maps a ``dask.bag`` of ``{"doc_id", "text"}`` records to result records
  (``Extraction.to_dict()``, or ``{"doc_id", "error"}``), one per input, in input order.
- :func:`lines_on` is the CLI's ``extract --dask``: chunks of documents go to the cluster as
  futures, a bounded window in flight, and come back as finished JSON lines in input order;
  reading, ``--resume`` and the atomic ``-o`` stay those of :func:`.batch.run`.

Each worker process loads the pipeline once per model (:func:`worker_extractor`) and keeps it
for every later task. Faults: when a worker dies, the scheduler reruns its tasks on other
workers (Dask's own retry), so nothing is lost; a chunk that has killed more workers than
``distributed.scheduler.allowed-failures`` allows is redone one document at a time, and only a
document that still kills its worker becomes an error record. A document that raises is an
error record, as in every other run (:meth:`Extractor.extract_items`).

Per-document time limits use a timer signal, which works only in a process's main thread:
Dask runs tasks in worker threads, so none applies there.
"""
from __future__ import annotations

import json
import logging
import threading
from collections import deque
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Optional

from .batch import Line, chunks
from .inputs import Item

if TYPE_CHECKING:
    import dask.bag
    from distributed import Client

    from .extractor import Extractor

_LOADED: dict[Optional[str], "Extractor"] = {}
_LOAD_LOCK = threading.Lock()
_WINDOW_PER_THREAD = 3


class ClusterError(RuntimeError):
    """The cluster cannot do the work: its scheduler cannot be reached, or a task failed
    as a whole (on a worker without this package installed, say)."""


def worker_extractor(model: Optional[str] = None) -> "Extractor":
    """This process's pipeline for ``model``, loaded on first use (~2 s) and kept: a worker
    pays the load once, not per task. The lock keeps a worker's threads from loading twice."""
    with _LOAD_LOCK:
        ex = _LOADED.get(model)
        if ex is None:
            import zhpolicy_nlp

            ex = _LOADED[model] = zhpolicy_nlp.load(model)
    return ex


def extract_chunk(chunk: list[Item], model: Optional[str] = None) -> list[Line]:
    """A task: the chunk's documents through the worker's pipeline, as finished JSON lines."""
    results = worker_extractor(model).extract_items(chunk)
    lines: list[Line] = []
    for (_, text, _), res in zip(chunk, results):
        rec = res.to_dict()
        lines.append((json.dumps(rec, ensure_ascii=False), "error" in rec, len(text or "")))
    return lines


def _item(rec: Any) -> Item:
    if not isinstance(rec, Mapping):
        return None, None, f"a record must be a mapping, not {type(rec).__name__}"
    doc_id = next((str(rec[k]) for k in ("doc_id", "id") if rec.get(k) is not None), None)
    text = rec.get("text")
    if isinstance(text, str):
        return doc_id, text, None
    return doc_id, None, ("record has no 'text'" if text is None
                          else f"'text' must be a string, not {type(text).__name__}")


def extract_records(records: Iterable[Any], model: Optional[str] = None) -> list[dict]:
    """One partition: result records for ``{"doc_id", "text"}`` records, in order."""
    items = [_item(rec) for rec in records]
    return [res.to_dict() for res in worker_extractor(model).extract_items(items)]


def extract_bag(bag: "dask.bag.Bag", model: Optional[str] = None) -> "dask.bag.Bag":
    """Map a bag of ``{"doc_id", "text"}`` records (``"id"`` is accepted for ``"doc_id"``)
    to result records, partition by partition, in order; each worker loads the pipeline once.
    A Dask DataFrame with those columns gives such a bag with ``ddf.to_bag(format="dict")``.

    >>> import dask.bag as db                                    # doctest: +SKIP
    >>> recs = db.from_sequence([{"doc_id": "a", "text": "…"}], npartitions=1)
    >>> extract_bag(recs).compute()                              # doctest: +SKIP
    """
    return bag.map_partitions(extract_records, model)


def lines_on(client: "Client", model: Optional[str] = None,
             window: Optional[int] = None) -> Callable[[Iterable[Item]], Iterator[list[Line]]]:
    """For :func:`.batch.run`'s ``lines_of``: chunks of items computed on ``client``'s
    cluster, at most ``window`` chunks in flight (default 3 per worker thread, so memory
    stays flat however long the input), results in input order."""
    from distributed import KilledWorker

    def submit(chunk: list[Item]):
        # pure=False: two equal chunks are still two tasks (and no hashing of the texts)
        return client.submit(extract_chunk, chunk, model, pure=False)

    def lines_of(items: Iterable[Item]) -> Iterator[list[Line]]:
        size = window or _WINDOW_PER_THREAD * max(1, sum(client.nthreads().values()))
        pending = chunks(items)
        flight: deque = deque()
        try:
            while True:
                while len(flight) < size:
                    chunk = next(pending, None)
                    if chunk is None:
                        break
                    flight.append((chunk, submit(chunk)))
                if not flight:
                    return
                chunk, fut = flight.popleft()
                try:
                    yield _result(fut)
                    continue
                except KilledWorker:
                    pass
                lines: list[Line] = []
                for item in chunk:  # find the document that kills its worker
                    try:
                        lines += _result(submit([item]))
                    except KilledWorker:
                        lines.append((json.dumps({"doc_id": item[0],
                                                  "error": "worker process died on this document"},
                                                 ensure_ascii=False), True, 0))
                yield lines
        finally:
            if flight:
                client.cancel([f for _, f in flight])

    return lines_of


def _result(fut) -> list[Line]:
    """A task's lines; a task that raised (documents never do: they become error records)
    means the worker cannot run the pipeline at all."""
    from distributed import KilledWorker

    try:
        return fut.result()
    except KilledWorker:
        raise
    except Exception as e:
        raise ClusterError(f"a task failed on a worker: {type(e).__name__}: {e} (workers "
                           "need zhpolicy-nlp installed, with the same version)") from e


@contextmanager
def connect(address: str) -> Iterator["Client"]:
    """A client for ``address``: a scheduler (``tcp://host:8786``) or ``local:N``, a
    LocalCluster of N single-threaded worker processes started here and closed after."""
    from distributed import Client, LocalCluster

    if address.startswith("local:"):
        n = int(address.removeprefix("local:"))
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                          dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            yield client
    else:
        try:
            client = Client(address, timeout="30s")
        except OSError as e:  # nothing listening, a wrong host, a timeout
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {e}") from None
        with client:
            yield client

