"""Train the BiLSTM-CRF of :mod:`zhpolicy_nlp.ner.lstm` with PyTorch (CPU is enough).

``python -m zhpolicy_nlp train ner-lstm --data ../shared/data --out models/ner-lstm`` rebuilds
the shipped model from MSRA train + People's Daily NER dev. The epoch kept is the one that
scores best on ``msra/lemonhu_val``, whose sentences are held out of training; the MSRA and
People's Daily test sets are only scored, never used to choose anything. Weights are written
as NumPy arrays so that run time needs no torch.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from collections import Counter
from dataclasses import asdict, dataclass, fields
from functools import partial
from pathlib import Path
from typing import Callable, Optional, Sequence

import numpy as np

from ..ner.features import _NORM, Gazetteers
from ..ner.lstm import (MODEL_FILE, N_FLAGS, N_INPUTS, N_LEX_BITS, VOCAB_FILE, Lattice,
                       LstmTagger, Vocab, allowed_ends, allowed_starts, allowed_transitions, encode,
                       word_shapes)
from ..ner.tags import spans_from_tags
from .crf import Sentence, load_corpora, save_meta, score, segment, to_bioes

TAGS = ["O", *(f"{h}-{lab}" for lab in ("PERSON", "ORG", "LOC") for h in "BIES")]
SPLIT_AT = 200  # training sentences longer than this are cut at punctuation
_CUTS = set("。！？；，、：")


def split_long(sents: Sequence[Sentence], size: int = SPLIT_AT) -> list[Sentence]:
    """Cut long sentences after punctuation outside entities (shorter batches, less padding)."""
    out: list[Sentence] = []
    for text, tags in sents:
        bio = to_bioes(tags)
        start = 0
        for i, ch in enumerate(text):
            if i - start >= size and ch in _CUTS and bio[i] == "O":
                out.append((text[start:i + 1], tags[start:i + 1]))
                start = i + 1
        if start < len(text):
            out.append((text[start:], tags[start:]))
    return out


def build_vocab(texts: Sequence[str], min_char: int, min_bigram: int) -> Vocab:
    cc: Counter[str] = Counter()
    bc: Counter[str] = Counter()
    for t in texts:
        t = t.translate(_NORM)
        cc.update(t)
        p = "^" + t + "$"
        bc.update(p[i:i + 2] for i in range(len(p) - 1))
    chars = ["<pad>", "<unk>", *sorted(c for c, n in cc.items() if n >= min_char)]
    bigrams = ["<pad>", "<unk>", *sorted(b for b, n in bc.items() if n >= min_bigram)]
    return Vocab({c: i for i, c in enumerate(chars)}, {b: i for i, b in enumerate(bigrams)},
                 {s: i for i, s in enumerate(word_shapes())}, TAGS)


def _model(vocab: Vocab, dims: dict):
    import torch
    from torch import nn

    tags = vocab.tags
    neg = -1e4

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.e_char = nn.Embedding(len(vocab.chars), dims["char"], padding_idx=0)
            self.e_bigram = nn.Embedding(len(vocab.bigrams), dims["bigram"], padding_idx=0)
            self.e_shape = nn.Embedding(len(vocab.shapes), dims["shape"], padding_idx=0)
            self.e_flags = nn.Embedding(N_FLAGS, dims["flags"])
            self.e_lex = nn.Linear(N_LEX_BITS, dims["lex"], bias=False)
            self.register_buffer("bit_shifts", torch.arange(N_LEX_BITS))
            d_in = (dims["char"] + 2 * dims["bigram"] + dims["shape"] + dims["flags"]
                    + dims["lex"])
            self.drop = nn.Dropout(dims["dropout"])
            self.lstm = nn.LSTM(d_in, dims["hidden"], batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * dims["hidden"], len(tags))
            self.trans = nn.Parameter(torch.zeros(len(tags), len(tags)))
            self.start = nn.Parameter(torch.zeros(len(tags)))
            self.end = nn.Parameter(torch.zeros(len(tags)))
            self.register_buffer("mask_t", torch.tensor(~allowed_transitions(tags)))
            self.register_buffer("mask_s", torch.tensor(~allowed_starts(tags)))
            self.register_buffer("mask_e", torch.tensor(~allowed_ends(tags)))

        def emissions(self, ids, lengths):
            x = torch.cat([self.e_char(ids[..., 0]), self.e_bigram(ids[..., 1]),
                           self.e_bigram(ids[..., 2]), self.e_shape(ids[..., 3]),
                           self.e_flags(ids[..., 4]),
                           self.e_lex(((ids[..., 5:6] >> self.bit_shifts) & 1).float())],
                          dim=-1)
            x = self.drop(x)
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True,
                                                       enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True,
                                                    total_length=ids.shape[1])
            return self.out(self.drop(h))

        def crf_params(self):
            return (self.trans.masked_fill(self.mask_t, neg),
                    self.start.masked_fill(self.mask_s, neg),
                    self.end.masked_fill(self.mask_e, neg))

        def nll(self, ids, lengths, gold):
            """Mean negative log-likelihood of the gold paths (forward algorithm)."""
            em = self.emissions(ids, lengths)
            trans, start, end = self.crf_params()
            bsz, t_max, _ = em.shape
            mask = torch.arange(t_max)[None, :] < lengths[:, None]
            rows = torch.arange(bsz)
            # gold path score
            g = start[gold[:, 0]] + em[rows, 0, gold[:, 0]]
            for t in range(1, t_max):
                step = trans[gold[:, t - 1], gold[:, t]] + em[rows, t, gold[:, t]]
                g = g + step * mask[:, t]
            last = gold[rows, lengths - 1]
            g = g + end[last]
            # partition function
            alpha = start[None] + em[:, 0]
            for t in range(1, t_max):
                nxt = torch.logsumexp(alpha[:, :, None] + trans[None], dim=1) + em[:, t]
                alpha = torch.where(mask[:, t:t + 1], nxt, alpha)
            z = torch.logsumexp(alpha + end[None], dim=1)
            return (z - g).mean()

    return Net()


def _batches(data: list[tuple[np.ndarray, np.ndarray]], size: int, shuffle: bool):
    """Batches of similar length (sorted buckets, shuffled order of batches)."""
    import torch

    order = sorted(range(len(data)), key=lambda i: len(data[i][0]))
    groups = [order[s:s + size] for s in range(0, len(order), size)]
    if shuffle:
        random.shuffle(groups)
    for g in groups:
        lengths = torch.tensor([len(data[i][0]) for i in g])
        t_max = int(lengths.max())
        ids = torch.zeros((len(g), t_max, N_INPUTS), dtype=torch.long)
        gold = torch.zeros((len(g), t_max), dtype=torch.long)
        for row, i in enumerate(g):
            n = len(data[i][0])
            ids[row, :n] = torch.from_numpy(data[i][0])
            gold[row, :n] = torch.from_numpy(data[i][1])
        yield ids, lengths, gold


def export(net, vocab: Vocab, lattice: Lattice, out: Path) -> None:
    """Weights as float16 NumPy arrays (half the size; run time computes in float32)."""
    sd = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    arrays = {
        "emb_char": sd["e_char.weight"], "emb_bigram": sd["e_bigram.weight"],
        "emb_shape": sd["e_shape.weight"], "emb_flags": sd["e_flags.weight"],
        "lex_w": sd["e_lex.weight"],
        "f_wih": sd["lstm.weight_ih_l0"], "f_whh": sd["lstm.weight_hh_l0"],
        "f_b": sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"],
        "b_wih": sd["lstm.weight_ih_l0_reverse"], "b_whh": sd["lstm.weight_hh_l0_reverse"],
        "b_b": sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"],
        "out_w": sd["out.weight"], "out_b": sd["out.bias"],
        "trans": sd["trans"], "start": sd["start"], "end": sd["end"],
    }
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / MODEL_FILE, **{k: v.astype(np.float16) for k, v in arrays.items()})
    vocab.save(out / VOCAB_FILE)
    lattice.save(out)


def evaluate(model_dir: Path, sents: Sequence[Sentence], cache_dir: Optional[Path]) -> dict:
    """Exact-span scores of a saved model, sentence by sentence (as trained)."""
    tagger = LstmTagger(model_dir)
    texts = [t for t, _ in sents]
    pred = tagger.tag(texts, segment(texts, cache_dir), Gazetteers.load())
    return score([spans_from_tags(p) for p in pred],
                 [spans_from_tags(to_bioes(tags)) for _, tags in sents])


@dataclass
class Settings:
    """Hyperparameters (the command's options); ``meta.json`` records them."""

    epochs: int = 12
    batch: int = 32
    lr: float = 2e-3
    decay: float = 0.8
    hidden: int = 128
    char_dim: int = 64
    bigram_dim: int = 32
    lex_dim: int = 24
    dropout: float = 0.3
    min_char: int = 2
    min_bigram: int = 3
    seed: int = 1
    threads: int = 2


def fit(train_sents: Sequence[Sentence], val: Sequence[Sentence], out: Path, hp: Settings,
        cache_dir: Optional[Path] = None, log: Optional[Callable[[str], None]] = None) -> dict:
    """Train, keep the epoch that scores best on ``val`` in ``out``, return metadata.
    Progress goes to ``log`` (default: stdout, flushed per line, for runs logged to a file)."""
    import torch

    log = log or partial(print, flush=True)
    torch.manual_seed(hp.seed)
    random.seed(hp.seed)
    torch.set_num_threads(hp.threads)
    sents = split_long(train_sents)
    texts = [t for t, _ in sents]
    vocab = build_vocab(texts, hp.min_char, hp.min_bigram)
    gaz = Gazetteers.load()
    lattice = Lattice.build()
    tag_id = {t: i for i, t in enumerate(TAGS)}
    t0 = time.time()
    data = [(encode(t, ws, vocab, gaz, lattice), np.array([tag_id[x] for x in to_bioes(tags)]))
            for (t, tags), ws in zip(sents, segment(texts, cache_dir))]
    log(f"{len(data)} sentences, {len(vocab.chars)} chars, {len(vocab.bigrams)} bigrams, "
        f"encoded in {time.time() - t0:.0f}s")
    dims = {"char": hp.char_dim, "bigram": hp.bigram_dim, "shape": 16, "flags": 16,
            "lex": hp.lex_dim, "hidden": hp.hidden, "dropout": hp.dropout}
    net = _model(vocab, dims)
    opt = torch.optim.Adam(net.parameters(), lr=hp.lr)
    history: list[dict] = []
    best, t_train = -1.0, time.time()
    tmp = out / "_epoch"
    for epoch in range(1, hp.epochs + 1):
        net.train()
        te, total, n = time.time(), 0.0, 0
        for ids, lengths, gold in _batches(data, hp.batch, shuffle=True):
            opt.zero_grad()
            loss = net.nll(ids, lengths, gold)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total, n = total + loss.item(), n + 1
        for g in opt.param_groups:
            g["lr"] *= hp.decay
        net.eval()
        export(net, vocab, lattice, tmp)
        f1 = evaluate(tmp, val, cache_dir)["micro"]["f1"]
        history.append({"epoch": epoch, "loss": round(total / n, 4), "val_f1": f1,
                        "seconds": round(time.time() - te, 1)})
        log(json.dumps(history[-1]))
        if f1 > best:
            best = f1
            export(net, vocab, lattice, out)
    shutil.rmtree(tmp)
    return {"sentences": len(data), "chars": sum(map(len, texts)), "dims": dims,
            "settings": asdict(hp), "train_seconds": round(time.time() - t_train, 1),
            "history": history, "best_val_f1": best,
            "model_bytes": (out / MODEL_FILE).stat().st_size}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", default="../shared/data", help="the shared data folder")
    p.add_argument("--out", default="models/ner-lstm", help="model folder to write")
    helps = {"decay": "learning-rate factor per epoch", "hidden": "LSTM units per direction",
             "min_char": "rarer characters share the unknown id",
             "min_bigram": "rarer bigrams share the unknown id",
             "threads": "torch CPU threads"}
    for f in fields(Settings):
        p.add_argument("--" + f.name.replace("_", "-"), type=type(f.default),
                       default=f.default, help=helps.get(f.name))
    p.add_argument("--limit", type=int, default=0, help="train on the first N sentences only")
    p.add_argument("--cache", default="", help="folder for cached segmentations")
    p.add_argument("--no-eval", action="store_true", help="skip scoring on the test sets")


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    cache = Path(args.cache) if args.cache else None
    corpora = load_corpora(Path(args.data), holdout=True)
    train_sents = corpora.train[:args.limit] if args.limit else corpora.train
    hp = Settings(**{f.name: getattr(args, f.name) for f in fields(Settings)})
    meta = fit(train_sents, corpora.evals["msra_val"], out, hp, cache)
    save_meta(meta, out, None if args.no_eval else corpora.evals, evaluate, cache)
    return 0
