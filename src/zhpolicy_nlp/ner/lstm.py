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

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
from .. import lexicon
from .features import _NORM, Gazetteers, _place_tags, _word_tags

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
        return cls({c: i for i, c in enumerate(d["chars"])},
                   {b: i for i, b in enumerate(d["bigrams"])},
                   {s: i for i, s in enumerate(word_shapes())}, d["tags"])

    def save(self, path: Path) -> None:
        d = {"chars": sorted(self.chars, key=self.chars.get),
             "bigrams": sorted(self.bigrams, key=self.bigrams.get), "tags": self.tags}
        path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")


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
        """``cats``: word → category bits; the dict is kept, and every proper prefix of a
        word is added to it with bits 0, so that a scan can stop early (one dict, as jieba
        keeps its prefixes)."""
        self.maxlen = max(map(len, cats), default=1)
        for w in list(cats):
            for k in range(1, len(w)):
                cats.setdefault(w[:k], 0)
        self.table = cats

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
    def load(cls, folder: Path) -> "Lattice":
        rows = (line.split("\t") for line in
                (folder / cls.FILE).read_text(encoding="utf-8").splitlines())
        return cls({w: int(b) for w, b in rows})

    def save(self, folder: Path) -> None:
        (folder / self.FILE).write_text(
            "".join(f"{w}\t{b}\n" for w, b in sorted(self.table.items()) if b),
            encoding="utf-8")

    def bits(self, text: str) -> list[int]:
        """Per char, an int of ``N_LEX_BITS`` bits: for each category, whether a dictionary
        word of it covering the char is one char long, starts, continues or ends there."""
        get, maxlen = self.table.get, self.maxlen
        n = len(text)
        bits = [0] * n
        for i in range(n):
            for j in range(i + 1, min(n, i + maxlen) + 1):
                v = get(text[i:j])
                if v is None:
                    break
                if v:
                    if j - i == 1:
                        bits[i] |= v
                    else:
                        bits[i] |= v << N_LEX_CATS
                        for k in range(i + 1, j - 1):
                            bits[k] |= v << 2 * N_LEX_CATS
                        bits[j - 1] |= v << 3 * N_LEX_CATS
        return bits


def unpack_bits(codes: np.ndarray) -> np.ndarray:
    """(..., ) ints → (..., N_LEX_BITS) float32 0/1."""
    return ((codes[..., None] >> np.arange(N_LEX_BITS)) & 1).astype(np.float32)


N_INPUTS = 6  # columns of ``encode``


def encode(text: str, words: Sequence[str], vocab: Vocab, gaz: Gazetteers,
           lattice: Lattice) -> np.ndarray:
    """Input ids, shape (len(text), 6): char, left bigram, right bigram, word shape, flags,
    lattice bits."""
    text = text.translate(_NORM)
    n = len(text)
    out = np.zeros((n, N_INPUTS), dtype=np.int64)
    if not n:
        return out
    cg, bg = vocab.chars.get, vocab.bigrams.get
    out[:, 0] = [cg(c, UNK) for c in text]
    padded = "^" + text + "$"
    bi = [bg(padded[i:i + 2], UNK) for i in range(n + 1)]
    out[:, 1] = bi[:-1]
    out[:, 2] = bi[1:]
    wpos, worg = _word_tags(words, gaz)
    shapes = vocab.shapes
    out[:, 3] = [shapes[s] for s in wpos]
    sur = gaz.surnames
    place = _place_tags(text, gaz)
    out[:, 4] = [(c in sur) + 2 * (o == "W") + 4 * _PLACE[p]
                 for c, o, p in zip(text, worg, place)]
    out[:, 5] = lattice.bits(text)
    return out


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
        """Best BIOES path per sentence (Viterbi over the batch at once)."""
        bsz, t_max, k = scores.shape
        best = self.start + scores[:, 0]
        back = np.zeros((bsz, t_max, k), dtype=np.int64)
        keep = np.arange(k)
        for t in range(1, t_max):
            cand = best[:, :, None] + self.trans[None]
            arg = cand.argmax(axis=1)
            nxt = np.take_along_axis(cand, arg[:, None, :], axis=1)[:, 0] + scores[:, t]
            live = (t < lengths)[:, None]
            best = np.where(live, nxt, best)
            back[:, t] = np.where(live, arg, keep)
        last = (best + self.end).argmax(axis=1)
        paths = np.empty((bsz, t_max), dtype=np.int64)
        paths[:, -1] = last
        for t in range(t_max - 1, 0, -1):
            paths[:, t - 1] = back[np.arange(bsz), t, paths[:, t]]
        tags = self.tags
        return [[tags[j] for j in paths[b, :n]] for b, n in enumerate(lengths.tolist())]

    def tag(self, texts: Sequence[str], segs: Sequence[Sequence[str]], gaz: Gazetteers,
            batch: int = 64, batch_chars: int = 4096) -> list[list[str]]:
        """BIOES tags for each text. Sentences are batched by length: at most ``batch`` rows
        and ``batch_chars`` padded positions per batch (which bounds the memory of the
        per-position arrays whatever the input), lengths within 2× + 16 of the batch's
        shortest (padding is wasted work, but each step streams the whole recurrent matrix,
        so rows should not be too few either)."""
        enc = [encode(t, ws, self.vocab, gaz, self.lattice) for t, ws in zip(texts, segs)]
        order = sorted((i for i in range(len(enc)) if len(enc[i])), key=lambda i: len(enc[i]))
        out: list[list[str]] = [[] for _ in enc]
        groups: list[list[int]] = [[]]
        for i in order:  # ascending length: the newest member is the longest
            g = groups[-1]
            if g and (len(g) >= batch or (len(g) + 1) * len(enc[i]) > batch_chars
                      or len(enc[i]) > 2 * len(enc[g[0]]) + 16):  # bounded padding
                groups.append(g := [])
            g.append(i)
        for idx in filter(None, groups):
            lengths = np.array([len(enc[i]) for i in idx])
            ids = np.zeros((lengths.max(), len(idx), N_INPUTS), dtype=np.int64)
            for col, i in enumerate(idx):
                ids[:len(enc[i]), col] = enc[i]
            scores = self.emissions_tm(ids, lengths).transpose(1, 0, 2)
            for i, tg in zip(idx, self.decode(scores, lengths)):
                out[i] = tg
        return out
