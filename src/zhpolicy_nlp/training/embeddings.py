"""Pretrain character and bigram embeddings for the BiLSTM recogniser on unlabelled text.

``python -m zhpolicy_nlp train embeddings --out runs/embeddings`` reads the modern news corpus
(``../shared/corpus/news``, less the articles of the project's news gold set, dev and held-out
alike) and the text of the recogniser's training sentences, and fits skip-gram with negative
sampling (word2vec's objective, Mikolov et al. 2013) twice: a character predicts the characters
up to two places either side; a bigram (``^`` and ``$`` mark a line's ends, as the recogniser
reads them) predicts the two characters either side of it. ``train ner --embeddings
FILE`` starts its tables from these vectors and adds to its vocabulary the characters and
bigrams that only the unlabelled text has, which is where 2019-2020 names and institutions
live that 1990s training text lacks. Why not a library: gensim is not a dependency, and the
bigram-predicts-characters pairing is not word2vec's; the loss is a dozen lines of torch.
"""
from __future__ import annotations

import argparse
import gzip
import json
import time
from functools import partial
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

import numpy as np

from ..ner.features import _NORM
from .crf import load_corpora

NEWS = "corpus/news/pd_2019_2020.jsonl.gz"
SELECTION = Path(__file__).resolve().parents[3] / "tests" / "data" / "news_gold" / "selection.json"
FILE = "embeddings.npz"


def gold_doc_ids(selection: Path = SELECTION) -> set[str]:
    """Doc ids of the news gold set (dev and held-out), kept out of the unlabelled text. A
    missing selection is an error, not an empty set: the held-out articles' text must never
    reach the vectors silently (run from a checkout of the repository)."""
    if not selection.is_file():
        raise FileNotFoundError(f"{selection}: the news gold selection, whose articles the "
                                "unlabelled text leaves out")
    return {d["doc_id"] for d in json.loads(selection.read_text(encoding="utf-8"))["articles"]}


def unlabelled_lines(shared: Path, extra: Sequence[str], exclude: set[str]) -> Iterator[str]:
    """Normalised lines: news paragraphs (gold articles left out), then ``extra`` texts."""
    with gzip.open(shared / NEWS, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            if doc["doc_id"] in exclude:
                continue
            for para in doc["text"].split("\n"):
                if para.strip():
                    yield para.strip().translate(_NORM)
    for t in extra:
        yield t.translate(_NORM)


def _codes(lines: Sequence[str]) -> np.ndarray:
    """Code points of every line as ``^ chars $``, lines joined."""
    text = "".join("^" + t + "$" for t in lines)
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


def _ids(keys: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Index of each key in the sorted ``table``, -1 where it is absent."""
    at = np.minimum(np.searchsorted(table, keys), len(table) - 1)
    return np.where(table[at] == keys, at, -1)


def _sgns(centres: np.ndarray, contexts: list[np.ndarray], counts: np.ndarray, n_ctx: int,
          dim: int, epochs: int, seed: int, log: Callable[[str], None]) -> np.ndarray:
    """Skip-gram with negative sampling: ``centres[i]`` predicts ``contexts[k][i]`` (-1: no
    pair). Frequent centres are subsampled (t = 1e-4); negatives come from the context
    unigram distribution to the power 0.75; each epoch draws one context slot per position."""
    import torch

    g = torch.Generator().manual_seed(seed)
    rng = np.random.default_rng(seed)
    n_vocab = len(counts)
    freq = counts / counts.sum()
    keep = np.minimum(1.0, np.sqrt(1e-4 / np.maximum(freq, 1e-12)) + 1e-4 / np.maximum(freq, 1e-12))
    ctx_counts = np.bincount(np.concatenate([c[c >= 0] for c in contexts]), minlength=n_ctx)
    noise = torch.tensor(ctx_counts ** 0.75, dtype=torch.float64)
    emb = torch.nn.Embedding(n_vocab, dim, sparse=True)
    out = torch.nn.Embedding(n_ctx, dim, sparse=True)
    torch.nn.init.uniform_(emb.weight, -0.5 / dim, 0.5 / dim, generator=g)
    torch.nn.init.zeros_(out.weight)
    opt = torch.optim.SparseAdam([*emb.parameters(), *out.parameters()], lr=0.008)
    ctx = np.stack(contexts)
    batch, negatives = 8192, 5
    for epoch in range(epochs):
        t0, total, steps = time.time(), 0.0, 0
        pos = np.flatnonzero(centres >= 0)
        pos = pos[rng.random(len(pos)) < keep[centres[pos]]]
        rng.shuffle(pos)
        slot = rng.integers(0, len(contexts), len(pos))
        c_out = ctx[slot, pos]
        ok = c_out >= 0
        c_in, c_out = torch.from_numpy(centres[pos[ok]]), torch.from_numpy(c_out[ok])
        for s in range(0, len(c_in), batch):
            x, y = c_in[s:s + batch], c_out[s:s + batch]
            neg = torch.multinomial(noise, len(x) * negatives, replacement=True, generator=g)
            v = emb(x)
            pos_score = (v * out(y)).sum(-1)
            neg_score = torch.bmm(out(neg).view(len(x), negatives, dim), v[:, :, None])
            loss = -(torch.nn.functional.logsigmoid(pos_score).mean()
                     + torch.nn.functional.logsigmoid(-neg_score).sum(1).mean())
            opt.zero_grad()
            loss.backward()
            opt.step()
            total, steps = total + loss.item(), steps + 1
        log(json.dumps({"dim": dim, "epoch": epoch + 1, "pairs": len(c_in),
                        "loss": round(total / max(steps, 1), 4),
                        "seconds": round(time.time() - t0, 1)}))
    return emb.weight.detach().numpy().astype(np.float32)


def pretrain(lines: Sequence[str], out: Path, *, char_dim: int = 64, bigram_dim: int = 32,
             min_char: int = 3, min_bigram: int = 5, epochs: int = 4, seed: int = 1,
             threads: int = 2, log: Optional[Callable[[str], None]] = None) -> dict:
    """Fit both tables on ``lines`` and write ``out/embeddings.npz`` (chars, bigrams, vectors)."""
    import torch

    log = log or partial(print, flush=True)
    torch.set_num_threads(threads)
    cp = _codes(lines)
    lens = np.array([len(t) + 2 for t in lines])
    line_of = np.repeat(np.arange(len(lines)), lens)
    last = np.cumsum(lens) - 1  # each line's ``$``: no bigram starts there
    bigram = cp[:-1] << 21 | cp[1:]
    starts = np.ones(len(cp), dtype=bool)
    starts[last] = False
    b_code = np.where(starts, np.append(bigram, 0), -1)
    u, n = np.unique(cp, return_counts=True)
    c_table = u[n >= min_char]
    u, n = np.unique(b_code[b_code >= 0], return_counts=True)
    b_table = u[n >= min_bigram]
    log(f"{len(cp) - 2 * len(lines)} chars in {len(lines)} lines: {len(c_table)} chars, "
        f"{len(b_table)} bigrams kept")
    ids = _ids(cp, c_table)

    def shifted(off: int) -> np.ndarray:
        """Ids ``off`` places away, -1 where that falls outside the position's line."""
        r = np.full_like(ids, -1)
        src = np.arange(len(ids)) + off
        ok = (src >= 0) & (src < len(ids))
        ok[ok] &= line_of[src[ok]] == line_of[ok]
        r[ok] = ids[src[ok]]
        return r

    c_counts = np.bincount(ids[ids >= 0], minlength=len(c_table)).astype(np.float64)
    char_vecs = _sgns(ids, [shifted(o) for o in (-2, -1, 1, 2)], c_counts, len(c_table),
                      char_dim, epochs, seed, log)
    # the bigram at position i covers ids[i], ids[i + 1]
    b_ids = np.where(b_code >= 0, _ids(b_code, b_table), -1)
    b_counts = np.bincount(b_ids[b_ids >= 0], minlength=len(b_table)).astype(np.float64)
    bigram_vecs = _sgns(b_ids, [shifted(o) for o in (-2, -1, 2, 3)], b_counts, len(c_table),
                        bigram_dim, epochs, seed, log)
    out.mkdir(parents=True, exist_ok=True)
    chars = np.array([chr(c) for c in c_table])
    bigrams = np.array([chr(b >> 21) + chr(b & 0x1FFFFF) for b in b_table.tolist()])
    np.savez_compressed(out / FILE, chars=chars, char_vecs=char_vecs.astype(np.float16),
                        bigrams=bigrams, bigram_vecs=bigram_vecs.astype(np.float16))
    return {"lines": len(lines), "chars": int(len(cp) - 2 * len(lines)),
            "char_vocab": len(c_table), "bigram_vocab": len(b_table)}


def load(path: Path) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Character and bigram vectors of an ``embeddings.npz``, by string."""
    with np.load(path) as z:
        return (dict(zip(z["chars"].tolist(), z["char_vecs"].astype(np.float32))),
                dict(zip(z["bigrams"].tolist(), z["bigram_vecs"].astype(np.float32))))


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--shared", default="../shared", help="the folder holding corpus/ and data/")
    p.add_argument("--out", default="runs/embeddings", help="folder for embeddings.npz")
    p.add_argument("--char-dim", type=int, default=64, help="character vector size")
    p.add_argument("--bigram-dim", type=int, default=32, help="bigram vector size")
    p.add_argument("--min-char", type=int, default=3, help="rarer characters get no vector")
    p.add_argument("--min-bigram", type=int, default=5, help="rarer bigrams get no vector")
    p.add_argument("--epochs", type=int, default=5, help="passes (one context slot each)")
    p.add_argument("--seed", type=int, default=1, help="random seed")
    p.add_argument("--threads", type=int, default=2, help="torch CPU threads")


def run(args: argparse.Namespace) -> int:
    shared = Path(args.shared)
    corpora = load_corpora(shared / "data", holdout=True)
    lines = list(unlabelled_lines(shared, [t for t, _ in corpora.train], gold_doc_ids()))
    meta = pretrain(lines, Path(args.out), char_dim=args.char_dim, bigram_dim=args.bigram_dim,
                    min_char=args.min_char, min_bigram=args.min_bigram, epochs=args.epochs,
                    seed=args.seed, threads=args.threads)
    meta["settings"] = {k: v for k, v in vars(args).items() if k != "out"}
    (Path(args.out) / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return 0
