"""The binary caches of a cold load (cachefile, the lattice) and the load-time tables that
replaced slower code: each gives exactly what parsing the source gives, and a damaged,
foreign or stale cache is never trusted but rebuilt."""
from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhpolicy_nlp import cachefile, lexicon
from zhpolicy_nlp.ner import lstm as ner_lstm
from zhpolicy_nlp.pipeline import models_dir

MAGIC = b"test-cache 1"


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Caches go to this test's own folder (cachefile.path uses the temp dir)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_cache_file_round_trips(tmp_path: Path):
    path = tmp_path / "c.cache"
    cachefile.write(path, MAGIC, (3, 0, 12), (b"abc", b"", b"\n\0def"))
    fields, payload = cachefile.read(path, MAGIC, 3)
    assert fields == [3, 0, 12] and bytes(payload) == b"abc\n\0def"


def test_damaged_or_foreign_cache_files_read_as_none(tmp_path: Path):
    path = tmp_path / "c.cache"
    cachefile.write(path, MAGIC, (1, 2), (b"payload bytes",))
    good = path.read_bytes()
    assert cachefile.read(path, MAGIC, 2) is not None
    assert cachefile.read(path, b"test-cache 2", 2) is None       # another format
    assert cachefile.read(path, MAGIC, 3) is None                  # another field count
    for bad in (good[:-1],                                        # truncated
                good + b"x",                                       # too long
                good[:-3] + bytes([good[-3] ^ 1]) + good[-2:],     # one bit flipped
                good.replace(b"\n", b" ", 1),                      # no header line
                b""):
        path.write_bytes(bad)
        assert cachefile.read(path, MAGIC, 2) is None, bad
    assert cachefile.read(tmp_path / "missing", MAGIC, 2) is None


def test_cache_path_follows_its_key(temp_dir: Path):
    a, b = cachefile.path("kind", "key 1"), cachefile.path("kind", "key 2")
    assert a != b and a.parent == b.parent == temp_dir
    assert cachefile.path("kind", "key 1") == a


def _same_lattice(a: ner_lstm.Lattice, b: ner_lstm.Lattice) -> None:
    assert a.maxlen == b.maxlen
    assert list(a.table.items()) == list(b.table.items())
    assert len(a._hashed) == len(b._hashed)
    for (h1, v1), (h2, v2) in zip(a._hashed, b._hashed):
        assert h1.dtype == h2.dtype == np.uint64 and v1.dtype == v2.dtype == np.int64
        assert np.array_equal(h1, h2) and np.array_equal(v1, v2)


def _write_lattice(folder: Path, text: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / ner_lstm.Lattice.FILE).write_bytes(text.encode("utf-8"))


def test_lattice_cache_gives_the_parsed_lattice(temp_dir: Path):
    folder = models_dir() / "ner-lstm"
    parsed = ner_lstm.Lattice(ner_lstm.Lattice._parse((folder / "lattice.txt").read_bytes()))
    first = ner_lstm.Lattice.load(folder)       # parses, writes the cache
    assert len(list(temp_dir.glob("zhpolicy_nlp.lattice.*.cache"))) == 1
    second = ner_lstm.Lattice.load(folder)      # reads it back
    _same_lattice(parsed, first)
    _same_lattice(parsed, second)
    assert second.bits("北京市人民政府").tolist() == parsed.bits("北京市人民政府").tolist()


def test_damaged_lattice_cache_is_rebuilt(temp_dir: Path, tmp_path: Path):
    folder = tmp_path / "model"
    _write_lattice(folder, "北京\t2\n北京市\t2\n国务院\t4\n市\t1\n")
    fresh = ner_lstm.Lattice.load(folder)
    (cache,) = temp_dir.glob("zhpolicy_nlp.lattice.*.cache")
    good = cache.read_bytes()
    cache.write_bytes(good[:-2] + bytes([good[-2] ^ 0x20]) + good[-1:])  # a word changed
    _same_lattice(fresh, ner_lstm.Lattice.load(folder))
    assert cache.read_bytes() == good                                    # and rewritten


def test_edited_lattice_file_never_reads_the_old_cache(temp_dir: Path, tmp_path: Path):
    folder = tmp_path / "model"
    _write_lattice(folder, "北京\t2\n")
    ner_lstm.Lattice.load(folder)
    _write_lattice(folder, "南京\t2\n")                 # same size: the key is the content
    assert list(ner_lstm.Lattice.load(folder).table) == ["南京"]
    assert len(list(temp_dir.glob("zhpolicy_nlp.lattice.*.cache"))) == 2


def test_lattice_file_reads_as_text_would(temp_dir: Path, tmp_path: Path):
    """Universal newlines, a trailing line without newline, an empty lattice."""
    folder = tmp_path / "model"
    _write_lattice(folder, "北京\t2\r\n上海\t2\r国务院\t4")
    for _ in range(2):
        assert ner_lstm.Lattice.load(folder).table == {"北京": 2, "上海": 2, "国务院": 4}
    _write_lattice(folder, "")
    for _ in range(2):
        lat = ner_lstm.Lattice.load(folder)
        assert lat.table == {} and lat.bits("北京").tolist() == [0, 0]


def _hash_words_by_lexsort(cats: dict[str, int], maxlen: int):
    """The earlier _hash_words: a two-key lexsort per length, the key's bits first."""
    words = list(cats)
    lens = np.array([len(w) for w in words], dtype=np.int64)
    vals = np.array(list(cats.values()), dtype=np.int64)
    codes = ner_lstm.code_points("".join(words)).astype(np.uint64)
    starts = np.cumsum(lens) - lens
    idx = np.arange(len(words))
    h = np.zeros(len(words), np.uint64)
    out = [(np.zeros(0, np.uint64), np.zeros(0, np.int64))]
    for ln in range(1, maxlen + 1):
        live = lens[idx] >= ln
        idx, h = idx[live], h[live]
        h = h * ner_lstm.Lattice._P + codes[starts[idx] + ln - 1]
        v = np.where(lens[idx] == ln, vals[idx], 0)
        order = np.lexsort((-v, h))
        hs, vs = h[order], v[order]
        first = np.ones(len(hs), dtype=bool)
        first[1:] = hs[1:] != hs[:-1]
        out.append((hs[first], vs[first]))
    return out


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.text("中国北京市ab", min_size=1, max_size=6), st.integers(1, 31),
                       max_size=25),
       st.sampled_from([1, 0x9E3779B97F4A7C15]))
def test_prefix_hashes_equal_the_lexsort_version(cats, multiplier):
    """Also with multiplier 1, where the hash is the sum of code points and different
    strings collide all the time."""
    old = ner_lstm.Lattice._P
    ner_lstm.Lattice._P = np.uint64(multiplier)
    try:
        maxlen = max(map(len, cats), default=1)
        got = ner_lstm.Lattice._hash_words(cats, maxlen)
        want = _hash_words_by_lexsort(cats, maxlen)
    finally:
        ner_lstm.Lattice._P = old
    assert len(got) == len(want)
    for (h1, v1), (h2, v2) in zip(got, want):
        assert np.array_equal(h1, h2) and np.array_equal(v1, v2) and v1.dtype == v2.dtype


def _table_by_sorting(table: dict[str, int], n: int):
    """The earlier code tables: a sort of (code, id) tuples."""
    pairs = sorted((sum(ord(k[j]) << 21 * (n - 1 - j) for j in range(n)), i)
                   for k, i in table.items() if len(k) == n)
    return (np.array([k for k, _ in pairs], dtype=np.int64),
            np.array([i for _, i in pairs], dtype=np.int64))


def test_vocab_code_tables_equal_the_sorted_pairs():
    odd = ner_lstm.Vocab({"<pad>": 0, "<unk>": 1, "\ud800": 2, "𠀀": 3, "a": 4, "": 5, "中": 6},
                         {"<pad>": 0, "<unk>": 1, "𠀀a": 2, "\ud800b": 3, "ab": 4, "x": 5,
                          "中国": 6}, {}, [])
    shipped = ner_lstm.Vocab.load(models_dir() / "ner-lstm" / ner_lstm.VOCAB_FILE)
    for vocab in (odd, shipped, ner_lstm.Vocab({}, {}, {}, [])):
        for got, want in ((vocab._char_table, _table_by_sorting(vocab.chars, 1)),
                          (vocab._bigram_table, _table_by_sorting(vocab.bigrams, 2))):
            assert all(np.array_equal(a, b) and a.dtype == b.dtype for a, b in zip(got, want))


def test_kinds_index_equals_a_scan_of_the_rows():
    """``ordered(name, kind)`` from the one-pass index equals filtering the rows."""
    folder = Path(lexicon.__file__).with_name("lexicons")
    for name in sorted(p.stem for p in folder.glob("*.txt")):
        rows = lexicon.rows(name)
        assert lexicon.ordered(name) == tuple(dict.fromkeys(r[0] for r in rows if r[0]))
        for field in (1, 2):
            for kind in {k for r in rows for k in lexicon.kinds(r, field)} | {"no-such-kind"}:
                want = tuple(dict.fromkeys(r[0] for r in rows
                                           if r[0] and kind in lexicon.kinds(r, field)))
                assert lexicon.ordered(name, kind, field) == want, (name, kind, field)
