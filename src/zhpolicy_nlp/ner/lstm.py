"""BiLSTM-CRF character tagger for PERSON / ORG / LOC, run with ONNX Runtime.

Trained with PyTorch by :mod:`zhpolicy_nlp.training.lstm` (the ``train`` extra) and shipped
as ``model.onnx`` (the network up to the tag scores), ``vocab.json`` and ``lattice.txt``, so
that running the pipeline needs neither torch nor a GPU; the CRF's Viterbi decode is NumPy. Each character is read through six inputs: the character, the
bigrams it ends and starts, its position in its jieba word (the pipeline tokenizer's
segmentation, the same at training and run time), three lexicon flags (surname,
place-gazetteer match, word ending like an organisation) and a lattice of the dictionary
words of entity-like categories that cover it (:class:`Lattice`), which tells the model about
candidate words jieba's single best segmentation dropped. The CRF's transitions are decoded
with BIOES constraints, so every path is a well-formed set of spans.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from .. import cachefile, lexicon
from .features import _NORM, Gazetteers, _place_tags, code_points, pair_codes, pair_starts

MODEL_FILE = "model.onnx"
VOCAB_FILE = "vocab.json"
UNK = 1  # id of an unknown character or bigram (0 is padding)
_PLACE = {"-": 0, "B": 1, "I": 2, "E": 3}


def word_shapes() -> list[str]:
    """Every value of the word-position input (``S1``, ``B3``, ``M5``, ...)."""
    out = ["<pad>"]
    for head in "SBME":
        out.extend(f"{head}{n}" for n in range(1, 6))
    return out


@dataclass
class Vocab:
    """Id tables of the inputs; in the character and bigram tables ids 0 and 1 are padding
    and unknown; every word shape has its own id."""

    chars: dict[str, int]
    bigrams: dict[str, int]
    shapes: dict[str, int]
    tags: list[str]

    @classmethod
    def load(cls, path: Path) -> "Vocab":
        d = json.loads(path.read_text(encoding="utf-8"))
        return cls(dict(zip(d["chars"], range(len(d["chars"])))),
                   dict(zip(d["bigrams"], range(len(d["bigrams"])))),
                   {s: i for i, s in enumerate(word_shapes())}, d["tags"])

    @cached_property
    def _char_table(self) -> tuple[np.ndarray, np.ndarray]:
        """Code points of the characters, sorted, and their ids (for ``char_ids``)."""
        return _code_table(self.chars, 1)

    @cached_property
    def _bigram_table(self) -> tuple[np.ndarray, np.ndarray]:
        """Bigrams as ``first << 21 | second`` code points, sorted, and their ids."""
        return _code_table(self.bigrams, 2)

    def char_ids(self, codes: np.ndarray) -> np.ndarray:
        """Ids of characters given as code points (UNK for unknown ones)."""
        return _lookup(*self._char_table, codes)

    def bigram_ids(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """Ids of the bigrams ``first[i] second[i]`` (code points; UNK for unknown ones)."""
        return _lookup(*self._bigram_table, first << 21 | second)

    def save(self, path: Path) -> None:
        d = {"chars": sorted(self.chars, key=self.chars.get),
             "bigrams": sorted(self.bigrams, key=self.bigrams.get), "tags": self.tags}
        path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")


def _code_table(table: dict[str, int], n: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``n``-char keys of ``table`` as sorted codes (``n`` code points, 21 bits each, the
    first highest: distinct keys, distinct codes) and their ids, the other keys (``<pad>``)
    left out. Computed with arrays: a sort of (code, id) tuples over the 101k bigrams took
    ~0.035 s of the first document."""
    keys = [k for k in table if len(k) == n]
    ids = np.fromiter(map(table.__getitem__, keys), dtype=np.int64, count=len(keys))
    codes = code_points("".join(keys)).reshape(len(keys), n)
    packed = np.zeros(len(keys), dtype=np.int64)
    for j in range(n):
        packed = packed << 21 | codes[:, j]
    order = np.argsort(packed, kind="stable")
    return packed[order], ids[order]


def _lookup(keys: np.ndarray, ids: np.ndarray, query: np.ndarray) -> np.ndarray:
    """``ids`` of ``query`` in the sorted ``keys``; UNK where absent."""
    if not len(keys):
        return np.full(len(query), UNK, dtype=np.int64)
    at = np.searchsorted(keys, query).clip(max=len(keys) - 1)
    return np.where(keys[at] == query, ids[at], UNK)


# Lattice categories: jieba dictionary POS tags (and project lexicons) → bit.
LEX_CATEGORIES = {"nr": 0, "nrt": 0, "nrfg": 0, "ns": 1, "nt": 2, "nz": 3, "j": 4}
N_LEX_CATS = 5
N_LEX_BITS = 4 * N_LEX_CATS  # single, begin, middle, end x category


class Lattice:
    """Dictionary words by category, for ``bits``. Built at training time from jieba's
    bundled dictionary (``dict.txt``, its POS column: nr/nrt/nrfg person, ns place, nt
    organisation, nz other proper noun, j abbreviation) and the project's ``orgs``
    (organisation) and ``ner_places`` (place) lexicons, and saved with the model
    (``lattice.txt``), so that a later lexicon change cannot shift a trained model's inputs.
    Single-character person entries (surnames) are left out: the surname flag has them."""

    FILE = "lattice.txt"

    def __init__(self, cats: dict[str, int]) -> None:
        """``cats``: word → category bits (the dict is kept, for checking hash hits).
        The scan also needs every proper prefix of a word, so that it can stop early; they
        are no dict keys (that took 0.2-0.6 s at load for 250k keys) but hash entries with
        bits 0, computed for all words at once (``_hash_words``)."""
        self.maxlen = max(map(len, cats), default=1)
        self.table = cats
        self._hashed = self._hash_words(cats, self.maxlen)

    @classmethod
    def build(cls) -> "Lattice":
        import jieba

        cats: dict[str, int] = {}
        with jieba.Tokenizer().get_dict_file() as fh:
            for raw in fh:
                parts = raw.decode("utf-8").split()
                if len(parts) == 3 and parts[2] in LEX_CATEGORIES:
                    w, cat = parts[0].translate(_NORM), LEX_CATEGORIES[parts[2]]
                    if not (cat == 0 and len(w) == 1):
                        cats[w] = cats.get(w, 0) | 1 << cat
        for name, cat in (("orgs", 2), ("ner_places", 1)):
            for w in lexicon.words(name):
                w = w.translate(_NORM)
                cats[w] = cats.get(w, 0) | 1 << cat
        return cls(cats)

    @classmethod
    def _restored(cls, cats: dict[str, int], maxlen: int,
                  hashed: list[tuple[np.ndarray, np.ndarray]]) -> "Lattice":
        """The lattice ``cls(cats)`` would build, from its parts as :meth:`_read_cache` read
        them (the attributes ``__init__`` sets)."""
        lat = cls.__new__(cls)
        lat.maxlen, lat.table, lat._hashed = maxlen, cats, hashed
        return lat

    @classmethod
    def load(cls, folder: Path) -> "Lattice":
        """The saved lattice (``word<TAB>bits`` lines). Parsing it and hashing the prefixes
        took ~0.08 s of each load, so the result is kept in a binary cache keyed to the file's
        content (:mod:`..cachefile`; ~0.035 s to read back, with the check of the key)."""
        raw = (folder / cls.FILE).read_bytes()
        cache = cachefile.path("lattice", f"{cls._CACHE_MAGIC.decode()}|{int(cls._P)}|"
                                          f"{hashlib.sha1(raw).hexdigest()}")
        lat = cls._read_cache(cache)
        if lat is None:
            lat = cls(cls._parse(raw))
            lat._write_cache(cache)
        return lat

    @staticmethod
    def _parse(raw: bytes) -> dict[str, int]:
        """``word<TAB>bits`` lines, as ``read_text`` reads them (universal newlines), read as
        one split (a per-line parse cost ~0.2 s more)."""
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        parts = text.replace("\t", "\n").split("\n")
        if parts[-1] == "":
            parts.pop()
        return dict(zip(parts[0::2], map(int, parts[1::2])))

    _CACHE_MAGIC = b"zhpolicy-lattice 1"

    def _write_cache(self, file: Path) -> None:
        """Header: word count, ``maxlen``, size of the word blob; payload: the number of hashes
        of each length (``maxlen + 1``), every word's bits, each length's hashes and bits,
        the words joined by newlines (little-endian 64-bit numbers). Skipped for a word with
        a newline or that is no valid UTF-8 (``_parse`` reads neither)."""
        words = list(self.table)
        if any("\n" in w for w in words):
            return
        try:
            blob = "\n".join(words).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate
            return
        bits = np.fromiter(self.table.values(), dtype=np.int64, count=len(words))
        chunks = [np.array([len(h) for h, _ in self._hashed], dtype="<i8").tobytes(),
                  bits.astype("<i8").tobytes()]
        for h, v in self._hashed:
            chunks += [h.astype("<u8").tobytes(), v.astype("<i8").tobytes()]
        chunks.append(blob)
        cachefile.write(file, self._CACHE_MAGIC, (len(words), self.maxlen, len(blob)), chunks)

    @classmethod
    def _read_cache(cls, file: Path) -> "Lattice | None":
        """The lattice :meth:`_write_cache` wrote, or None when there is none or it does not
        check out (:func:`.cachefile.read`; sizes that do not add up)."""
        got = cachefile.read(file, cls._CACHE_MAGIC, 3)
        if got is None:
            return None
        (n, maxlen, size), rest = got
        at = 8 * (maxlen + 1)
        if min(n, maxlen, size) < 0 or len(rest) < at:
            return None
        counts = np.frombuffer(rest, dtype="<i8", count=maxlen + 1).tolist()
        if min(counts) < 0 or at + 8 * n + 16 * sum(counts) + size != len(rest):
            return None

        def array(dtype: str, count: int) -> np.ndarray:
            """The next ``count`` numbers, copied (native and writable, as built; the
            file's bytes can then be freed)."""
            nonlocal at
            a = np.frombuffer(rest[at:at + 8 * count], dtype=dtype).astype(dtype[1:])
            at += 8 * count
            return a

        bits = array("<i8", n).tolist()
        hashed = [(array("<u8", c), array("<i8", c)) for c in counts]
        try:
            words = str(rest[at:], "utf-8").split("\n") if n else []
        except ValueError:
            return None
        table = dict(zip(words, bits))
        if len(words) != n or len(table) != n:
            return None
        return cls._restored(table, maxlen, hashed)

    def save(self, folder: Path) -> None:
        (folder / self.FILE).write_text(
            "".join(f"{w}\t{b}\n" for w, b in sorted(self.table.items()) if b),
            encoding="utf-8")

    _P = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier of the substring hash

    @classmethod
    def _hash_words(cls, cats: dict[str, int], maxlen: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per length L (index L), the sorted hashes of the L-char keys and prefixes of keys
        and their bits (0 for a prefix that is no key); the hash is a polynomial over code
        points, modulo 2**64. All words are hashed together, one char position at a time.
        Equal hashes (one string, many words through it) keep the largest bits, which are
        the key's own: one sort by hash and a max per run (a two-key lexsort per length
        took twice as long, ~0.03 s more of each load)."""
        words = list(cats)
        lens = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        vals = np.fromiter(cats.values(), dtype=np.int64, count=len(words))
        codes = code_points("".join(words)).astype(np.uint64)
        starts = np.cumsum(lens) - lens
        idx = np.arange(len(words))
        h = np.zeros(len(words), np.uint64)
        out = [(np.zeros(0, np.uint64), np.zeros(0, np.int64))]
        for ln in range(1, maxlen + 1):
            live = lens[idx] >= ln
            idx, h = idx[live], h[live]
            h = h * cls._P + codes[starts[idx] + ln - 1]
            v = np.where(lens[idx] == ln, vals[idx], 0)
            order = np.argsort(h)
            hs, vs = h[order], v[order]
            first = np.ones(len(hs), dtype=bool)
            first[1:] = hs[1:] != hs[:-1]
            runs = np.flatnonzero(first)
            out.append((hs[runs], np.maximum.reduceat(vs, runs) if len(runs) else vs))
        return out

    def bits(self, text: str) -> np.ndarray:
        """Per char, an int of ``N_LEX_BITS`` bits: for each category, whether a dictionary
        word of it covering the char is one char long, starts, continues or ends there."""
        return self.bits_of(text, code_points(text), np.full(len(text), len(text)))

    def bits_of(self, text: str, codes: np.ndarray, stop: np.ndarray) -> np.ndarray:
        """``bits`` for ``text`` (its code points ``codes``), where no word may run past
        ``stop[i]`` from position i (the end of i's sentence, when sentences are joined).

        All start positions are extended one char at a time together; a start drops out
        once its substring is no key of the table (every prefix of a word is a key). The
        hash finds candidates; each word found is checked against the table itself, so a
        hash collision cannot set a bit."""
        n = len(codes)
        bits = np.zeros(n, dtype=np.int64)
        pos = np.arange(n)
        h = np.zeros(n, dtype=np.uint64)
        ucodes = codes.astype(np.uint64)
        found: list[tuple[np.ndarray, int, np.ndarray]] = []
        get = self.table.get
        for ln in range(1, self.maxlen + 1):
            live = pos + ln <= stop[pos]
            pos, h = pos[live], h[live]
            if not len(pos):
                break
            h = h * self._P + ucodes[pos + ln - 1]
            keys, vals = self._hashed[ln]
            if not len(keys):
                break
            at = np.searchsorted(keys, h).clip(max=len(keys) - 1)
            hit = keys[at] == h
            pos, h, v = pos[hit], h[hit], vals[at[hit]]
            nz = np.flatnonzero(v)
            if len(nz):
                ok = np.array([get(text[i:i + ln]) == b
                               for i, b in zip(pos[nz].tolist(), v[nz].tolist())], dtype=bool)
                found.append((pos[nz][ok], ln, v[nz][ok]))
        for starts, ln, v in found:
            if ln == 1:
                np.bitwise_or.at(bits, starts, v)
                continue
            np.bitwise_or.at(bits, starts, v << N_LEX_CATS)
            np.bitwise_or.at(bits, starts + ln - 1, v << 3 * N_LEX_CATS)
            for k in range(1, ln - 1):
                np.bitwise_or.at(bits, starts + k, v << 2 * N_LEX_CATS)
        return bits


N_INPUTS = 6  # columns of ``encode``


def encode(text: str, words: Sequence[str], vocab: Vocab, gaz: Gazetteers,
           lattice: Lattice) -> np.ndarray:
    """Input ids, shape (len(text), 6): char, left bigram, right bigram, word shape, flags,
    lattice bits."""
    return encode_batch([text], [words], vocab, gaz, lattice)[0]


_PLACE_CODES = np.zeros(128, dtype=np.int64)
for _tag, _code in _PLACE.items():
    _PLACE_CODES[ord(_tag)] = _code


@lru_cache(maxsize=8)
def _char_codes(chars: frozenset[str]) -> np.ndarray:
    """Code points of the one-char entries of a lexicon set."""
    return np.array(sorted(ord(c) for c in chars if len(c) == 1), dtype=np.int64)


@lru_cache(maxsize=8)
def _bigram_codes(words: frozenset[str]) -> np.ndarray:
    """``first << 21 | second`` of the two-char entries of a lexicon set."""
    return pair_codes(words)


def _shape_table(vocab: Vocab) -> np.ndarray:
    """(4, 6) ids of the word shapes S/B/M/E x length 1..5 (column 0 unused)."""
    t = np.zeros((4, 6), dtype=np.int64)
    for h, head in enumerate("SBME"):
        for m in range(1, 6):
            t[h, m] = vocab.shapes[f"{head}{m}"]
    return t


def encode_batch(texts: Sequence[str], segs: Sequence[Sequence[str]], vocab: Vocab,
                 gaz: Gazetteers, lattice: Lattice) -> list[np.ndarray]:
    """``encode`` of many texts at once: the texts are joined and each input is computed
    for all their characters in a few array operations (per-call overhead would dominate
    for sentence-sized texts), bigrams and lattice words kept within each text. Each
    text's words must join to it."""
    if not texts:
        return []
    raw = "".join(texts)
    texts = [t.translate(_NORM) for t in texts]
    lens = np.array([len(t) for t in texts], dtype=np.int64)
    ends = np.cumsum(lens)
    n = int(ends[-1]) if len(ends) else 0
    out = np.zeros((n, N_INPUTS), dtype=np.int64)
    if n:
        joined = "".join(texts)
        codes = code_points(joined)
        starts = ends - lens
        nonempty = lens > 0
        # bigrams: ^ before each text, $ after it
        prev = np.roll(codes, 1)
        prev[starts[nonempty]] = ord("^")
        nxt = np.roll(codes, -1)
        nxt[ends[nonempty] - 1] = ord("$")
        out[:, 0] = vocab.char_ids(codes)
        out[:, 1] = vocab.bigram_ids(prev, codes)
        out[:, 2] = vocab.bigram_ids(codes, nxt)
        # word shapes: S/B/M/E by position in the word, length capped at 5
        wlen = np.array([len(w) for ws in segs for w in ws], dtype=np.int64)
        w_start = np.repeat(np.cumsum(wlen) - wlen, wlen)
        c_len = np.repeat(wlen, wlen)
        k = np.arange(n) - w_start
        head = np.where(c_len == 1, 0, np.where(k == 0, 1, np.where(k == c_len - 1, 3, 2)))
        out[:, 3] = _shape_table(vocab)[head, np.minimum(c_len, 5)]
        # flags: surname + 2 x word ends like an organisation (its last char or two, as
        # written) + 4 x place-gazetteer tag
        rc = code_points(raw)
        last = np.cumsum(wlen) - 1
        org_word = (wlen > 1) & (
            np.isin(rc[last], _char_codes(gaz.org_suffix_chars))
            | np.isin(rc[last - 1] << 21 | rc[last], _bigram_codes(gaz.org_suffix_words)))
        org = np.repeat(org_word.astype(np.int64), wlen)
        # the place gazetteer's scan visits only where a place's first two chars stand,
        # found for all texts at once (no pair across two texts)
        hit = pair_starts(codes, _bigram_codes(gaz.place_prefixes))
        hit[ends[nonempty][:-1] - 1] = False   # the last nonempty text ends at n
        cand = np.flatnonzero(hit)
        lo, hi = np.searchsorted(cand, starts).tolist(), np.searchsorted(cand, ends).tolist()
        cand = cand.tolist()
        place = "".join("".join(_place_tags(t, gaz, [p - a for p in cand[i:j]]))
                        for t, a, i, j in zip(texts, starts.tolist(), lo, hi))
        place_ids = _PLACE_CODES[np.frombuffer(place.encode("ascii"), dtype=np.uint8)]
        out[:, 4] = np.isin(codes, _char_codes(gaz.surnames)) + 2 * org + 4 * place_ids
        out[:, 5] = lattice.bits_of(joined, codes, np.repeat(ends, lens))
    return np.split(out, ends[:-1])


N_FLAGS = 16  # values of the flags input: surname (2) x org word (2) x place tag (4)


def allowed_transitions(tags: Sequence[str]) -> np.ndarray:
    """(K, K) bool: may tag j follow tag i under BIOES."""
    k = len(tags)
    ok = np.zeros((k, k), dtype=bool)
    for i, a in enumerate(tags):
        ha, _, la = a.partition("-")
        for j, b in enumerate(tags):
            hb, _, lb = b.partition("-")
            if ha in ("B", "I"):
                ok[i, j] = hb in ("I", "E") and la == lb
            else:
                ok[i, j] = hb in ("O", "B", "S")
    return ok


def allowed_starts(tags: Sequence[str]) -> np.ndarray:
    return np.array([t[0] in "OBS" for t in tags])


def allowed_ends(tags: Sequence[str]) -> np.ndarray:
    return np.array([t[0] in "OES" for t in tags])


def _session(path: Path):
    """An ONNX Runtime session on one thread. The matrices are small: more intra-op threads
    buy little and cost whole cores, and with one worker process per core (``extract -p``)
    they would fight over the cores. Set per session, so nothing changes process-wide."""
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    # No memory arena: it keeps the largest batch's buffers for good (~12 MB on the MSRA
    # test) and bought no measurable speed.
    so.enable_cpu_mem_arena = False
    so.log_severity_level = 3  # errors only
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


class LstmTagger:
    """The shipped model: embeddings → BiLSTM → linear (ONNX Runtime) → CRF (NumPy)."""

    FILES = (MODEL_FILE, VOCAB_FILE, Lattice.FILE)  # what makes up a model folder

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.vocab = Vocab.load(self.folder / VOCAB_FILE)
        self.lattice = Lattice.load(self.folder)
        self._sess = _session(self.folder / MODEL_FILE)
        crf = json.loads(self._sess.get_modelmeta().custom_metadata_map["crf"])
        neg = np.float32(-1e4)
        tags = self.vocab.tags
        self.trans = np.where(allowed_transitions(tags), crf["trans"], neg).astype(np.float32)
        self.start = np.where(allowed_starts(tags), crf["start"], neg).astype(np.float32)
        self.end = np.where(allowed_ends(tags), crf["end"], neg).astype(np.float32)
        self.tags = tags

    @classmethod
    def from_dir(cls, folder: Path) -> "LstmTagger":
        """The tagger a model folder holds (its files: ``FILES``)."""
        return cls(folder)

    def __getstate__(self) -> dict:
        """Picklable for spawned worker processes: the session is rebuilt from the file."""
        return {**self.__dict__, "_sess": None}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._sess = _session(self.folder / MODEL_FILE)

    def emissions_tm(self, ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Tag scores (T, B, K) for time-major padded ids (T, B, N_INPUTS); padding sits at
        the end of each column and never reaches a real position."""
        return self._sess.run(None, {"ids": ids, "lengths": lengths.astype(np.int32)})[0]

    def emissions(self, ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Tag scores (B, T, K) for padded ids (B, T, N_INPUTS)."""
        return self.emissions_tm(np.ascontiguousarray(ids.transpose(1, 0, 2)),
                                 lengths).transpose(1, 0, 2)

    def decode(self, scores: np.ndarray, lengths: np.ndarray) -> list[list[str]]:
        """Best BIOES path per sentence of a padded batch (B, T, K)."""
        return self.decode_all([scores[b, :n] for b, n in enumerate(lengths.tolist())])

    def decode_all(self, scores: Sequence[np.ndarray], rows: int = 1024,
                   positions: int = 32768) -> list[list[str]]:
        """Best BIOES path for each sentence's tag scores (n, K), Viterbi over many sentences
        at once. Sorted longest first, the sentences still running at step t are a prefix of
        the rows, so each step is a few array operations over a slice: no masking, and the
        per-step cost of NumPy calls is shared by up to ``rows`` sentences (the ONNX batches
        are too small for that: ~14 rows). At most ``rows`` sentences and ``positions`` padded
        positions a chunk bound the memory (scores 4 bytes, back-pointers 1 byte a tag and
        position). Ties go to the lowest tag index, as before."""
        out: list[list[str]] = [[] for _ in scores]
        order = sorted((i for i in range(len(scores)) if len(scores[i])),
                       key=lambda i: -len(scores[i]))
        tags = np.array(self.tags, dtype=object)  # path indices -> tag strings at once
        trans = self.trans[None]  # (1, from, to)
        c = 0
        while c < len(order):
            take = max(1, min(rows, positions // len(scores[order[c]])))
            idx, c = order[c:c + take], c + take
            lengths = np.array([len(scores[i]) for i in idx])
            t_max, bsz, k = int(lengths[0]), len(idx), len(self.tags)
            em = np.zeros((t_max, bsz, k), dtype=np.float32)
            for col, i in enumerate(idx):
                em[:lengths[col], col] = scores[i]
            # running[t]: how many rows are longer than t (a prefix, lengths descending)
            running = np.searchsorted(-lengths, -np.arange(t_max), side="left")
            best = self.start + em[0]
            # a tag index fits a byte for any BIOES set of up to 31 types (13 tags here)
            back = np.empty((t_max, bsz, k), dtype=np.int8 if k <= 127 else np.intp)
            for t in range(1, t_max):
                n = running[t]
                cand = best[:n, :, None] + trans  # (n, from, to)
                back[t, :n] = cand.argmax(axis=1)
                best[:n] = cand.max(axis=1) + em[t, :n]
            last = (best + self.end).argmax(axis=1)
            paths = np.empty((t_max, bsz), dtype=np.intp)
            for t in range(t_max - 1, 0, -1):
                ending = slice(running[t + 1] if t + 1 < t_max else 0, running[t])
                paths[t, ending] = last[ending]  # rows whose last step is t
                n = running[t]
                paths[t - 1, :n] = back[t, np.arange(n), paths[t, :n]]
            one = running[1] if t_max > 1 else 0  # rows of one character end at step 0
            paths[0, one:] = last[one:]
            for col, i in enumerate(idx):
                out[i] = tags[paths[:lengths[col], col]].tolist()
        return out

    def tag(self, texts: Sequence[str], segs: Sequence[Sequence[str]], gaz: Gazetteers,
            batch: int = 64, batch_chars: int = 2048) -> list[list[str]]:
        """BIOES tags for each text. Sentences are batched by length: at most ``batch`` rows
        and ``batch_chars`` padded positions per batch (which bounds the memory of the
        per-position arrays whatever the input; at 4,096 ONNX Runtime's LSTM workspace, ~16 MB
        a batch, stayed resident after the first run, at 2,048 it does not, at the same
        speed and with the same tags), lengths within 2× + 16 of the batch's
        shortest (padding is wasted work, but each step streams the whole recurrent matrix,
        so rows should not be too few either)."""
        enc = encode_batch(texts, segs, self.vocab, gaz, self.lattice)
        order = sorted((i for i in range(len(enc)) if len(enc[i])), key=lambda i: len(enc[i]))
        groups: list[list[int]] = [[]]
        for i in order:  # ascending length: the newest member is the longest
            g = groups[-1]
            if g and (len(g) >= batch or (len(g) + 1) * len(enc[i]) > batch_chars
                      or len(enc[i]) > 2 * len(enc[g[0]]) + 16):  # bounded padding
                groups.append(g := [])
            g.append(i)
        scores: list[np.ndarray] = [np.empty((0, len(self.tags)), np.float32)] * len(enc)
        for idx in filter(None, groups):
            lengths = np.array([len(enc[i]) for i in idx])
            ids = np.zeros((lengths.max(), len(idx), N_INPUTS), dtype=np.int64)
            for col, i in enumerate(idx):
                ids[:len(enc[i]), col] = enc[i]
            em = self.emissions_tm(ids, lengths)
            for col, i in enumerate(idx):
                scores[i] = em[:lengths[col], col]
        return self.decode_all(scores)
