"""The user-facing object: ``zhpolicy_nlp.load().extract(text)``.

It is where the guarantees a batch run relies on are kept (docs/robustness.md):

- Thread safety: jieba and the stages keep mutable state (lazy dictionaries, caches,
  spaCy's ``StringStore``), so each Extractor serialises the calls into its pipeline with a
  lock of its own (two Extractors never wait for each other; wrap one pipeline in one
  Extractor). Pure-Python stages gain nothing from threads under the GIL anyway; for
  parallelism use ``pipe(n_process=N)`` (processes, :mod:`.pool`).
- Long documents: spaCy refuses texts over ``nlp.max_length`` (1,000,000 chars) and some
  steps grow faster than linearly, so a text longer than ``chunk_chars`` is processed in
  pieces cut at paragraph breaks, offsets shifted back. Below that length (every real news
  article) the result is exactly that of the whole document.
- Output contract: every result is checked (:func:`zhpolicy_nlp.result.clean`). A span
  that does not match the text, overlapping quotes or an unknown speaker are stage bugs:
  with ``strict=True`` they raise :class:`InvariantError`; by default the offending item is
  dropped and an :class:`InvariantWarning` names it, so a night run keeps going but never
  emits a wrong offset.
- Time: only where the caller asks for it (``time_limit=default_time_limit``; the
  ``extract`` command does): a document that takes longer than ``time_limit(len(text))``
  seconds raises :class:`DocumentTimeout`, an error record in a batch, instead of holding a
  night run for hours. It is a SIGALRM timer, installed around each document and removed
  after it, so the library default is no limit: a library call never touches the caller's
  signal handlers.
"""
from __future__ import annotations

import re
import signal
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Union

from spacy.language import Language

from .. import extensions  # noqa: F401  (doc._.doc_id)
from .. import result
from ..schema import Extraction
from . import pool
from .inputs import unicode_problem

Record = Union[str, Mapping[str, Any]]
Item = tuple[Optional[str], Optional[str], Optional[str]]  # (doc_id, text, error)

CHUNK_CHARS = 100_000
_SENTENCE_END = re.compile(r"[。！？!?；;]")


class DocumentTimeout(Exception):
    """A document took longer than the extractor's time limit."""


def default_time_limit(n_chars: int) -> float:
    """Seconds allowed for a document: a minute plus 1 s per 2,000 chars, over 10 times
    what news text needs (~25,000 chars/s), far less than a pathological text can take
    (a long run of characters jieba does not know: ~100 chars/s)."""
    return 60.0 + n_chars / 2000


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the block after ``seconds``. Only where a timer
    signal can interrupt it: Unix, the main thread (as in batch worker processes), and no
    other ``ITIMER_REAL`` timer running; elsewhere there is no limit."""
    if (seconds <= 0 or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0):
        yield
        return

    def on_alarm(_signum: int, _frame: object) -> None:
        raise DocumentTimeout(f"gave up after {seconds:g} s (the time limit for its length)")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


class InvariantError(ValueError):
    """A stage produced output that breaks the SCHEMA §1 contract (strict mode)."""


class InvariantWarning(UserWarning):
    """A stage produced output that breaks the contract; the items were dropped."""


@dataclass
class ErrorRecord:
    """One input that could not be processed; batch runs emit it in place of a result."""

    doc_id: Optional[str]
    error: str

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "error": self.error}


def record_id(rec: Mapping[str, Any], index: int) -> str:
    for key in ("doc_id", "id"):
        if rec.get(key) is not None:
            return str(rec[key])
    return str(index)


def pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive ``(start, end)`` pieces of at most ``limit`` chars, each
    ending after a line break where there is one, else after a sentence end."""
    out: list[tuple[int, int]] = []
    pos = 0
    while len(text) - pos > limit:
        window = text[pos:pos + limit]
        cut = window.rfind("\n") + 1
        if cut == 0:
            ends = list(_SENTENCE_END.finditer(window))
            cut = ends[-1].end() if ends else limit
        out.append((pos, pos + cut))
        pos += cut
    out.append((pos, len(text)))
    return out


def _item(i: int, item: Record) -> Item:
    if isinstance(item, str):
        return str(i), item, None
    if not isinstance(item, Mapping):
        return str(i), None, f"item must be str or mapping, not {type(item).__name__}"
    doc_id = record_id(item, i)
    text = item.get("text")
    if isinstance(text, str):
        return doc_id, text, None
    return doc_id, None, ("record has no 'text'" if text is None
                          else f"'text' must be a string, not {type(text).__name__}")


class Extractor:
    """Wraps the spaCy pipeline (``self.nlp``) and turns Docs into plain results.

    ``time_limit``: seconds allowed for a document of n chars (e.g. :func:`default_time_limit`),
    or None (the default) for no limit; see the module docstring."""

    def __init__(self, nlp: Language, strict: bool = False, chunk_chars: int = CHUNK_CHARS,
                 time_limit: Optional[Callable[[int], float]] = None) -> None:
        self.nlp = nlp
        self.strict = strict
        self.chunk_chars = chunk_chars
        self.time_limit = time_limit
        self._lock = threading.RLock()

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_lock"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.RLock()

    def settings(self) -> dict[str, Any]:
        """The keyword arguments that make another Extractor like this one."""
        return {"strict": self.strict, "chunk_chars": self.chunk_chars,
                "time_limit": self.time_limit}

    def after_fork(self) -> None:
        """A new lock in a forked worker: the fork may have copied this one while another
        thread of the parent held it."""
        self._lock = threading.RLock()

    def __call__(self, text: str, doc_id: Optional[str] = None) -> Extraction:
        return self.extract(text, doc_id)

    def extract(self, text: str, doc_id: Optional[str] = None) -> Extraction:
        """Entities, people and quotes of ``text``; offsets index ``text`` as given."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        bad = unicode_problem(text)
        if bad:
            raise ValueError(bad)
        limit = self.time_limit(len(text)) if self.time_limit else 0.0
        with _deadline(limit):
            parts = [(s, self._run(text[s:e], doc_id))
                     for s, e in pieces(text, self.chunk_chars)]
        ext = parts[0][1] if len(parts) == 1 else result.merge(parts, text, doc_id)
        return self._checked(ext, text)

    def _run(self, text: str, doc_id: Optional[str]) -> Extraction:
        with self._lock:
            doc = self.nlp(text)
            doc._.doc_id = doc_id
            return result.from_doc(doc, doc_id, text)

    def _checked(self, ext: Extraction, text: str) -> Extraction:
        ext, problems = result.clean(ext, text)
        if problems:
            msg = f"doc {ext.doc_id!r}: output breaks the contract: " + "; ".join(problems)
            if self.strict:
                raise InvariantError(msg)
            warnings.warn(msg, InvariantWarning, stacklevel=3)
        return ext

    def extract_item(self, item: Item) -> Union[Extraction, ErrorRecord]:
        """A result, or an :class:`ErrorRecord` for an unusable input or a failure."""
        doc_id, text, err = item
        if err is not None or text is None:
            return ErrorRecord(doc_id, err or "no text")
        try:
            return self.extract(text, doc_id)
        except Exception as e:  # one bad document never stops a stream
            return ErrorRecord(doc_id, f"{type(e).__name__}: {e}")

    def extract_items(self, items: list[Item]) -> list[Union[Extraction, ErrorRecord]]:
        """``extract_item`` over a batch, in order. The documents that fit in one piece go
        through ``nlp.pipe`` together, so that the recogniser tags their sentences in shared
        batches (about 1.8× its speed on news articles); if anything in that shared run
        fails, every document of the batch is redone alone, so that only a bad one becomes
        an :class:`ErrorRecord` and the results are the same as one by one."""
        out: list[Optional[Union[Extraction, ErrorRecord]]] = [None] * len(items)
        shared = [i for i, (_, text, err) in enumerate(items)
                  if err is None and isinstance(text, str) and 0 < len(text) <= self.chunk_chars
                  and not unicode_problem(text)]
        if len(shared) > 1:
            texts = [items[i][1] for i in shared]
            limit = sum(map(self.time_limit, map(len, texts))) if self.time_limit else 0.0
            try:
                with _deadline(limit), self._lock:
                    docs = list(self.nlp.pipe(texts))
                for i, text, doc in zip(shared, texts, docs):
                    doc._.doc_id = items[i][0]
                    out[i] = self._checked(result.from_doc(doc, items[i][0], text), text)
            except Exception:
                out = [None] * len(items)
        return [res if res is not None else self.extract_item(it) for res, it in zip(out, items)]

    def pipe(
        self,
        texts_or_records: Iterable[Record],
        n_process: int = 1,
        batch_size: int = 16,
    ) -> Iterator[Union[Extraction, ErrorRecord]]:
        """Stream results in input order, one per item. Items are texts (doc_id = position)
        or mappings with ``text`` and ``doc_id``/``id``; an item that is not usable or fails
        yields an :class:`ErrorRecord` instead of stopping the stream. ``batch_size`` items
        are processed together (see :meth:`extract_items`)."""
        items = (_item(i, it) for i, it in enumerate(texts_or_records))
        batches = _batches(items, max(1, batch_size))
        if n_process <= 1:
            for batch in batches:
                yield from self.extract_items(batch)
        else:
            for results in pool.imap_chunks(batches, pool.extract_items, _died, n_process, self):
                yield from results


def _died(item: Item) -> ErrorRecord:
    return ErrorRecord(item[0], pool.DIED)


def _batches(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
