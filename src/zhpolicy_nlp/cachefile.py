"""Binary copies of parsed data files, in the temp dir, each read back with one call.

A cold ``load()`` parses two large files that never change between processes: jieba's
dictionary (:mod:`.tokenizer.jieba_dict`, 498k keys) and the recogniser's lattice
(:mod:`.ner.lstm`, 117k words and their prefix hashes). The first process that parses one
writes the result here as a header line and a binary payload; later processes read it back
instead of parsing. The folder is the temp dir, where jieba keeps its own cache: nothing is
written inside the installed package.

A cache is trusted only when all of it checks out: the name is keyed to its source (and the
format), the file belongs to this user (the temp dir is shared), and the header's magic,
field count, payload size and CRC-32 of the payload match, so a truncated, damaged or foreign
file reads as none and the caller parses the source again (and rewrites the cache). Writes
go to a temp file in the same folder, then a rename: two processes loading at once never see
half a file.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import zlib
from pathlib import Path
from typing import Iterable, Optional


def path(kind: str, key: str) -> Path:
    """The cache file of ``kind`` for a source identified by ``key`` (what changes with it:
    a version, a file's size and mtime, or its content hash)."""
    digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"zhpolicy_nlp.{kind}.{digest}.cache"


def read(file: Path, magic: bytes, n_fields: int) -> Optional[tuple[list[int], memoryview]]:
    """The header's ``n_fields`` integers and the payload, or None when the file is missing,
    unreadable, another user's, another format, or its size or CRC-32 does not match its
    header."""
    try:
        with open(file, "rb") as fh:
            if hasattr(os, "geteuid") and os.fstat(fh.fileno()).st_uid != os.geteuid():
                return None
            data = fh.read()
    except OSError:
        return None
    head, sep, _ = data.partition(b"\n")
    parts = head.rsplit(b" ", n_fields + 2)
    if not sep or len(parts) != n_fields + 3 or parts[0] != magic:
        return None
    try:
        fields = [int(p) for p in parts[1:]]
    except ValueError:
        return None
    *fields, crc, size = fields
    payload = memoryview(data)[len(head) + 1:]
    if len(payload) != size or zlib.crc32(payload) != crc:
        return None
    return fields, payload


def write(file: Path, magic: bytes, fields: Iterable[int], chunks: Iterable[bytes]) -> None:
    """Write a cache for :func:`read` atomically; skipped on any OS error (a read-only or full
    temp dir leaves the caller parsing its source each time, as before)."""
    chunks = list(chunks)
    crc = 0
    for c in chunks:
        crc = zlib.crc32(c, crc)
    head = b" ".join([magic, *(b"%d" % f for f in fields), b"%d" % crc,
                      b"%d" % sum(map(len, chunks))])
    try:
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=file.name + ".")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(head + b"\n")
                for c in chunks:
                    fh.write(c)
            os.replace(tmp, file)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass
