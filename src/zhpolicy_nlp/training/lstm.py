"""Train the BiLSTM-CRF of :mod:`zhpolicy_nlp.ner.lstm` with PyTorch (CPU is enough).

``python -m zhpolicy_nlp train ner --data ../shared/data --out models/ner-lstm`` rebuilds
the shipped model (the default ``--out`` is ``runs/ner-lstm``, so that a trial run never
overwrites it) from MSRA train + People's Daily NER dev. The epoch kept is the one that
scores best on ``msra/lemonhu_val``, whose sentences are held out of training; the MSRA and
People's Daily test sets are only scored, never used to choose anything. Weights are written
as NumPy arrays so that run time needs no torch.

``--teacher DIR --news-chars N`` adds 2019-2020 news sentences tagged by another model
(distillation, ``teacher_sentences``).
"""
from __future__ import annotations

import argparse
import gzip
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
                       LstmTagger, Vocab, allowed_ends, allowed_starts, allowed_transitions,
                       encode_batch, word_shapes)
from ..ner.tags import spans_from_tags
from .crf import Sentence, load_corpora, save_meta, score, segment, to_bioes
from .embeddings import NEWS, gold_doc_ids
from .embeddings import load as load_embeddings

NEWS_SEED = 20261203  # the news sentences' shuffle: the same sentences whatever --seed
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


def news_sentences(news: Path, exclude: set[str], n_chars: int,
                   seed: int = NEWS_SEED) -> tuple[list[str], list[list[str]]]:
    """Sentences and their words from the articles of ``news`` (JSONL.gz, ``doc_id``/``text``)
    not in ``exclude``, cut as the ner stage cuts a document (the pipeline tokenizer, then
    ``ner.component.chunks``), shuffled with ``seed``, the first ``n_chars`` characters of
    that order (whitespace-only pieces such as a lone paragraph break are left out)."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab as SpacyVocab

    from ..ner.component import chunks

    with gzip.open(news, "rt", encoding="utf-8") as f:
        texts = [d["text"] for d in map(json.loads, f) if d["doc_id"] not in exclude]
    vocab = SpacyVocab()
    sents: list[tuple[str, list[str]]] = []
    for text, words in zip(texts, segment(texts)):
        words = [w for w in words if w]
        doc = Doc(vocab, words=words, spaces=[False] * len(words))
        for start, ws in chunks(doc, text):
            sent = text[start:start + sum(map(len, ws))]
            if sent.strip():
                sents.append((sent, ws))
    random.Random(seed).shuffle(sents)
    taken, size = [], 0
    for sent in sents:
        if size >= n_chars:
            break
        taken.append(sent)
        size += len(sent[0])
    return [t for t, _ in taken], [w for _, w in taken]


def teacher_sentences(teacher: Path, news: Path, n_chars: int,
                      exclude: set[str]) -> list[Sentence]:
    """Distillation data: ``news_sentences`` tagged by the model in ``teacher``. Why: a
    narrower, faster network trained on the 1990s corpora alone lost names on today's news
    (the model card's curve); the teacher's tags bring today's names into its training data.
    The tags are the teacher's own Viterbi path, not the ner stage's rules, so that the
    corpora and the news share one annotation convention. ``exclude``: the news-gold
    articles (dev and held-out), which must stay unseen."""
    texts, segs = news_sentences(news, exclude, n_chars)
    tags = LstmTagger(teacher).tag(texts, segs, Gazetteers.load())
    return list(zip(texts, tags))


def build_vocab(texts: Sequence[str], min_char: int, min_bigram: int,
                pretrained: tuple[dict, dict] = ({}, {})) -> Vocab:
    """Characters and bigrams seen often enough in training, plus every one that has a
    pretrained vector (those the unlabelled text knows and the training text lacks)."""
    cc: Counter[str] = Counter()
    bc: Counter[str] = Counter()
    for t in texts:
        t = t.translate(_NORM)
        cc.update(t)
        p = "^" + t + "$"
        bc.update(p[i:i + 2] for i in range(len(p) - 1))
    chars = ["<pad>", "<unk>", *sorted({c for c, n in cc.items() if n >= min_char}
                                       | set(pretrained[0]) - {"^", "$"})]
    bigrams = ["<pad>", "<unk>", *sorted({b for b, n in bc.items() if n >= min_bigram}
                                         | set(pretrained[1]))]
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


def _init_embeddings(table, index: dict[str, int], vectors: dict[str, np.ndarray]) -> None:
    """Copy pretrained vectors into the rows of ``table`` they name, scaled to the standard
    deviation of torch's own N(0, 1) start, so that pretrained and fresh rows look alike."""
    import torch

    rows = [(i, vectors[k]) for k, i in index.items() if k in vectors]
    mat = np.stack([v for _, v in rows])
    with torch.no_grad():
        table[[i for i, _ in rows]] = torch.from_numpy(mat / mat.std()).to(table.dtype)


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


def weights(net) -> dict[str, np.ndarray]:
    """The network's weights by name, rounded to float16 (the precision shipped since the
    first model; the ONNX file keeps it, see ``onnx_model``). The LSTM's two bias vectors
    are summed, as the runtime adds them once."""
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
    return {k: v.astype(np.float16) for k, v in arrays.items()}


ONNX_OPSET = 17
ONNX_IR_VERSION = 8  # readable by onnxruntime >= 1.14


def onnx_model(w: dict[str, np.ndarray]):
    """The network up to the tag scores as an ONNX graph, for :class:`LstmTagger`.

    Inputs ``ids`` (T, B, N_INPUTS) int64, time-major (what the LSTM operator reads), and
    ``lengths`` (B,) int32; output ``emissions`` (T, B, K) float32. The bidirectional LSTM
    is ONNX's ``LSTM`` operator with ``sequence_lens``, so the backward direction starts at
    each sentence's own last character. Embedding tables stay float16 (the bigram table is
    most of the model) and are widened after the lookup; the other weights are stored as
    float32 holding the same float16 values, so the arithmetic is float32 as before. The CRF
    (transitions, start, end) is not part of the graph: its Viterbi decode runs in NumPy,
    and its float16 parameters travel in the model's metadata (``crf``, JSON)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    f32 = {k: v.astype(np.float32) for k, v in w.items()}
    hid = w["f_whh"].shape[1]
    # torch's gate blocks are (i, f, g, o); ONNX's are (i, o, f, c).
    order = np.r_[0:hid, 3 * hid:4 * hid, hid:2 * hid, 2 * hid:3 * hid]
    inits = [numpy_helper.from_array(w[k], k)
             for k in ("emb_char", "emb_bigram", "emb_shape", "emb_flags")]
    inits += [
        numpy_helper.from_array(f32["lex_w"].T.copy(), "lex_w"),
        numpy_helper.from_array(2 ** np.arange(N_LEX_BITS, dtype=np.int64), "bit_values"),
        numpy_helper.from_array(np.array(2, dtype=np.int64), "two"),
        numpy_helper.from_array(np.array([-1], dtype=np.int64), "last_axis"),
        numpy_helper.from_array(np.stack([f32["f_wih"][order], f32["b_wih"][order]]), "W"),
        numpy_helper.from_array(np.stack([f32["f_whh"][order], f32["b_whh"][order]]), "R"),
        numpy_helper.from_array(np.stack([
            np.concatenate([f32[b][order], np.zeros(4 * hid, np.float32)])
            for b in ("f_b", "b_b")]), "B"),
        numpy_helper.from_array(np.array([0, 0, 2 * hid], dtype=np.int64), "h_shape"),
        numpy_helper.from_array(f32["out_w"].T.copy(), "out_w"),
        numpy_helper.from_array(f32["out_b"], "out_b"),
    ]
    inits += [numpy_helper.from_array(np.array(k, dtype=np.int64), f"col{k}")
              for k in range(N_INPUTS)]
    nodes = [helper.make_node("Gather", ["ids", f"col{k}"], [f"in{k}"], axis=2)
             for k in range(N_INPUTS)]
    for k, table in enumerate(("emb_char", "emb_bigram", "emb_bigram", "emb_shape",
                               "emb_flags")):
        nodes += [helper.make_node("Gather", [table, f"in{k}"], [f"e{k}16"]),
                  helper.make_node("Cast", [f"e{k}16"], [f"e{k}"], to=TensorProto.FLOAT)]
    # lattice code → its bits: (code // 2**k) % 2, then the linear map.
    nodes += [
        helper.make_node("Unsqueeze", ["in5", "last_axis"], ["lat"]),
        helper.make_node("Div", ["lat", "bit_values"], ["lat_shifted"]),
        helper.make_node("Mod", ["lat_shifted", "two"], ["lat_bits"]),
        helper.make_node("Cast", ["lat_bits"], ["lat_f"], to=TensorProto.FLOAT),
        helper.make_node("MatMul", ["lat_f", "lex_w"], ["e5"]),
        helper.make_node("Concat", [f"e{k}" for k in range(6)], ["x"], axis=-1),
        helper.make_node("LSTM", ["x", "W", "R", "B", "lengths"], ["y"],
                         direction="bidirectional", hidden_size=hid),
        helper.make_node("Transpose", ["y"], ["y_t"], perm=[0, 2, 1, 3]),  # (T, B, 2, H)
        helper.make_node("Reshape", ["y_t", "h_shape"], ["h"]),
        helper.make_node("MatMul", ["h", "out_w"], ["scores"]),
        helper.make_node("Add", ["scores", "out_b"], ["emissions"]),
    ]
    n_tags = w["out_b"].shape[0]
    graph = helper.make_graph(
        nodes, "bilstm_emissions",
        [helper.make_tensor_value_info("ids", TensorProto.INT64, ["T", "B", N_INPUTS]),
         helper.make_tensor_value_info("lengths", TensorProto.INT32, ["B"])],
        [helper.make_tensor_value_info("emissions", TensorProto.FLOAT, ["T", "B", n_tags])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", ONNX_OPSET)],
                              ir_version=ONNX_IR_VERSION, producer_name="zhpolicy_nlp")
    crf = {k: w[k].astype(np.float64).tolist() for k in ("trans", "start", "end")}
    helper.set_model_props(model, {"crf": json.dumps(crf)})
    onnx.checker.check_model(model, full_check=True)
    return model


def export(net, vocab: Vocab, lattice: Lattice, out: Path) -> None:
    """The model folder: the ONNX graph (``model.onnx``), vocabulary and lattice."""
    write_weights(weights(net), out)
    vocab.save(out / VOCAB_FILE)
    lattice.save(out)


def write_weights(w: dict[str, np.ndarray], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / MODEL_FILE).write_bytes(onnx_model(w).SerializeToString())


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
    embeddings: str = ""
    teacher: str = ""
    news_chars: int = 0


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
    pretrained = load_embeddings(Path(hp.embeddings)) if hp.embeddings else ({}, {})
    vocab = build_vocab(texts, hp.min_char, hp.min_bigram, pretrained)
    gaz = Gazetteers.load()
    lattice = Lattice.build()
    tag_id = {t: i for i, t in enumerate(TAGS)}
    t0 = time.time()
    data = [(ids, np.array([tag_id[x] for x in to_bioes(tags)]))
            for ids, (_, tags) in zip(encode_batch(texts, segment(texts, cache_dir), vocab, gaz,
                                                   lattice), sents)]
    log(f"{len(data)} sentences, {len(vocab.chars)} chars, {len(vocab.bigrams)} bigrams, "
        f"encoded in {time.time() - t0:.0f}s")
    dims = {"char": hp.char_dim, "bigram": hp.bigram_dim, "shape": 16, "flags": 16,
            "lex": hp.lex_dim, "hidden": hp.hidden, "dropout": hp.dropout}
    net = _model(vocab, dims)
    if pretrained[0]:
        _init_embeddings(net.e_char.weight, vocab.chars, pretrained[0])
        _init_embeddings(net.e_bigram.weight, vocab.bigrams, pretrained[1])
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
    p.add_argument("--out", default="runs/ner-lstm",
                   help="model folder to write (models/ner-lstm replaces the shipped model)")
    helps = {"epochs": "passes over the training sentences",
             "batch": "sentences per training batch", "lr": "Adam learning rate",
             "decay": "learning-rate factor per epoch", "hidden": "LSTM units per direction",
             "char_dim": "character embedding size", "bigram_dim": "bigram embedding size",
             "lex_dim": "size the lexicon-match bits are projected to",
             "dropout": "dropout on the embeddings and the LSTM output",
             "min_char": "rarer characters share the unknown id",
             "min_bigram": "rarer bigrams share the unknown id",
             "seed": "random seed (a run is repeatable with the same seed and threads)",
             "threads": "torch CPU threads",
             "embeddings": "embeddings.npz of `train embeddings` to start the character and "
                           "bigram tables from (default: random)",
             "teacher": "model folder whose tags on news sentences are added to the "
                        "training data (distillation; with --news-chars)",
             "news_chars": "characters of teacher-tagged news sentences to add (a fixed "
                           "shuffle of the sentences of the non-gold articles)"}
    for f in fields(Settings):
        p.add_argument("--" + f.name.replace("_", "-"), type=type(f.default),
                       default=f.default, help=helps.get(f.name))
    p.add_argument("--news", default="",
                   help=f"news articles for --teacher (default: DATA/../{NEWS})")
    p.add_argument("--limit", type=int, default=0,
                   help="train on the first N corpus sentences only (the news apart)")
    p.add_argument("--cache", default="", help="folder for cached segmentations")
    p.add_argument("--no-eval", action="store_true", help="skip scoring on the test sets")


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    cache = Path(args.cache) if args.cache else None
    corpora = load_corpora(Path(args.data), holdout=True)
    train_sents = corpora.train[:args.limit] if args.limit else corpora.train
    hp = Settings(**{f.name: getattr(args, f.name) for f in fields(Settings)})
    if bool(hp.teacher) != bool(hp.news_chars):
        raise SystemExit("--teacher and --news-chars go together")
    news_meta = {}
    if hp.teacher:
        news = Path(args.news) if args.news else Path(args.data).parent / NEWS
        extra = teacher_sentences(Path(hp.teacher), news, hp.news_chars, gold_doc_ids())
        news_meta = {"file": str(news), "sentences": len(extra),
                     "chars": sum(len(t) for t, _ in extra)}
        print(f"teacher-tagged news: {json.dumps(news_meta)}", flush=True)
        train_sents = [*train_sents, *extra]
    meta = fit(train_sents, corpora.evals["msra_val"], out, hp, cache)
    if news_meta:
        meta["news"] = news_meta
    save_meta(meta, out, None if args.no_eval else corpora.evals, evaluate, cache)
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``python -m zhpolicy_nlp.training.lstm export WEIGHTS.npz FOLDER``: write
    ``FOLDER/model.onnx`` from a ``model.npz`` of the NumPy-runtime era (float16 arrays named
    as in ``weights``), with no retraining; how the shipped ONNX file was made from the
    weights trained before the switch."""
    p = argparse.ArgumentParser(prog="python -m zhpolicy_nlp.training.lstm")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("export", help="model.npz weights -> model.onnx")
    e.add_argument("weights", type=Path)
    e.add_argument("folder", type=Path)
    args = p.parse_args(argv)
    with np.load(args.weights) as z:
        write_weights({k: z[k] for k in z.files}, args.folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
