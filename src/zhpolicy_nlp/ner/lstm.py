"""BiLSTM-CRF character tagger for PERSON / ORG / LOC, run in NumPy.

Trained with PyTorch by :mod:`zhpolicy_nlp.training.lstm` (the ``train`` extra) and shipped
as plain files (``model.npz``, ``vocab.json``, ``lattice.txt``), so that running the pipeline
needs neither torch nor a GPU. Each character is read through six inputs: the character, the
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
from threadpoolctl import ThreadpoolController

from .. import lexicon
from .features import _NORM, Gazetteers, _place_tags, _word_tags

MODEL_FILE = "model.npz"
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


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


def _ifog(wih: np.ndarray, whh: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...]:
    """torch's LSTM gate blocks (i, f, g, o) reordered to (i, f, o, g), and W_hh transposed."""
    hid = whh.shape[1]
    order = np.r_[0:2 * hid, 3 * hid:4 * hid, 2 * hid:3 * hid]
    return wih[order], whh[order].T.copy(), b[order]


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


class LstmTagger:
    """The shipped model: embeddings → BiLSTM → linear → CRF, forward pass in NumPy."""

    def __init__(self, folder: Path) -> None:
        self.vocab = Vocab.load(folder / VOCAB_FILE)
        self.lattice = Lattice.load(folder)
        with np.load(folder / MODEL_FILE) as z:
            # The bigram table stays float16 (half the memory; rows are widened when
            # gathered); everything else is computed in float32.
            w = {k: z[k] if k == "emb_bigram" else z[k].astype(np.float32) for k in z.files}
        self.emb = [w["emb_char"], w["emb_bigram"], w["emb_shape"], w["emb_flags"]]
        self.lex_w = w["lex_w"].T.copy()  # (N_LEX_BITS, lex_dim)
        self.fwd = _ifog(w["f_wih"], w["f_whh"], w["f_b"])
        self.bwd = _ifog(w["b_wih"], w["b_whh"], w["b_b"])
        self.out_w, self.out_b = w["out_w"].T.copy(), w["out_b"]
        neg = np.float32(-1e4)
        tags = self.vocab.tags
        self.trans = np.where(allowed_transitions(tags), w["trans"], neg).astype(np.float32)
        self.start = np.where(allowed_starts(tags), w["start"], neg).astype(np.float32)
        self.end = np.where(allowed_ends(tags), w["end"], neg).astype(np.float32)
        self.tags = tags
        # The matrices are small: a second BLAS thread buys ~5% and costs a whole core, and
        # with one worker process per core (``extract -p``) the threads fight over the cores.
        self._blas = ThreadpoolController()

    def _embed(self, ids: np.ndarray) -> np.ndarray:
        e_c, e_b, e_s, e_f = self.emb
        return np.concatenate([e_c[ids[..., 0]], e_b[ids[..., 1]], e_b[ids[..., 2]],
                               e_s[ids[..., 3]], e_f[ids[..., 4]],
                               unpack_bits(ids[..., 5]) @ self.lex_w], axis=-1)

    @staticmethod
    def _lstm(x: np.ndarray, params: tuple[np.ndarray, ...]) -> np.ndarray:
        """One direction over (B, T, D), left to right; padding sits at the end, so it
        never reaches a real position. Works time-major, so each step reads and writes
        contiguous rows, and applies one sigmoid to the i, f, o gates together (the weights
        are stored with the gates in that order)."""
        wih, whh_t, b = params
        bsz, t_max, _ = x.shape
        hid = whh_t.shape[0]
        gates_x = x.transpose(1, 0, 2) @ wih.T  # (T, B, 4H)
        gates_x += b  # in place: this array is the largest of a batch
        h = np.zeros((bsz, hid), dtype=np.float32)
        c = np.zeros((bsz, hid), dtype=np.float32)
        out = np.empty((t_max, bsz, hid), dtype=np.float32)
        h3 = 3 * hid
        for t in range(t_max):
            g = gates_x[t] + h @ whh_t
            ifo = _sigmoid(g[:, :h3])
            c = ifo[:, hid:2 * hid] * c + ifo[:, :hid] * np.tanh(g[:, h3:])
            h = ifo[:, 2 * hid:] * np.tanh(c)
            out[t] = h
        return out.transpose(1, 0, 2)

    def emissions(self, ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Tag scores (B, T, K) for padded ids (B, T, N_INPUTS)."""
        x = self._embed(ids)
        t_max = ids.shape[1]
        ar = np.arange(t_max)
        # Reverse each sequence within its own length for the backward direction.
        rev = np.where(ar[None, :] < lengths[:, None], lengths[:, None] - 1 - ar[None, :],
                       ar[None, :])
        rows = np.arange(len(lengths))[:, None]
        h_f = self._lstm(x, self.fwd)
        h_b = self._lstm(x[rows, rev], self.bwd)[rows, rev]
        return np.concatenate([h_f, h_b], axis=-1) @ self.out_w + self.out_b

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
        with self._blas.limit(limits=1, user_api="blas"):
            for idx in filter(None, groups):
                lengths = np.array([len(enc[i]) for i in idx])
                ids = np.zeros((len(idx), lengths.max(), N_INPUTS), dtype=np.int64)
                for row, i in enumerate(idx):
                    ids[row, :len(enc[i])] = enc[i]
                for i, tg in zip(idx, self.decode(self.emissions(ids, lengths), lengths)):
                    out[i] = tg
        return out
