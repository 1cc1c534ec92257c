"""The BiLSTM-CRF backend: ONNX forward pass = torch's, well-formed decoding, training."""
from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhpolicy_nlp.ner import component as ner
from zhpolicy_nlp.ner import lstm as ner_lstm
from zhpolicy_nlp.ner.features import Gazetteers
from zhpolicy_nlp.ner.tags import spans_from_tags

TAGS = ["O", *(f"{h}-{lab}" for lab in ("PERSON", "ORG", "LOC") for h in "BIES")]


def test_default_model_is_the_bilstm(nlp):
    comp = nlp.get_pipe("ner")
    assert isinstance(comp._tagger, ner_lstm.LstmTagger)
    assert comp.model_path.name == ner.DEFAULT_MODEL


def test_crf_model_can_still_be_chosen(nlp):
    rec = ner.EntityRecognizer(nlp, model="ner-crf")
    assert isinstance(rec._tagger, ner.CrfTagger)
    text = "国务院总理李强在北京会见了来访的德国总理朔尔茨。"
    got = {(text[s:e], lab) for s, e, lab in rec.model_spans(nlp.tokenizer(text))}
    assert ("北京", "LOC") in got


def test_unknown_model_name_is_a_clear_error(nlp):
    with pytest.raises(FileNotFoundError, match="no-such-model"):
        ner.EntityRecognizer(nlp, model="no-such-model")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 12), min_size=1, max_size=5), st.integers(0, 2**31 - 1))
def test_decoding_always_yields_well_formed_bioes(lengths, seed):
    tagger = object.__new__(ner_lstm.LstmTagger)
    rng = np.random.default_rng(seed)
    k = len(TAGS)
    neg = np.float32(-1e4)
    tagger.tags = TAGS
    tagger.trans = np.where(ner_lstm.allowed_transitions(TAGS), rng.normal(size=(k, k)), neg)
    tagger.start = np.where(ner_lstm.allowed_starts(TAGS), rng.normal(size=k), neg)
    tagger.end = np.where(ner_lstm.allowed_ends(TAGS), rng.normal(size=k), neg)
    lens = np.array(lengths)
    scores = rng.normal(scale=5, size=(len(lens), lens.max(), k)).astype(np.float32)
    for n, tags in zip(lengths, tagger.decode(scores, lens)):
        assert len(tags) == n
        ok = ner_lstm.allowed_transitions(TAGS)
        ids = [TAGS.index(t) for t in tags]
        assert tags[0][0] in "OBS" and tags[-1][0] in "OES"
        assert all(ok[a, b] for a, b in zip(ids, ids[1:]))


def test_decoding_a_batch_equals_decoding_one_by_one():
    rng = np.random.default_rng(7)
    tagger = object.__new__(ner_lstm.LstmTagger)
    k = len(TAGS)
    tagger.tags = TAGS
    tagger.trans = np.where(ner_lstm.allowed_transitions(TAGS), rng.normal(size=(k, k)), -1e4)
    tagger.start = np.zeros(k)
    tagger.end = np.zeros(k)
    lens = np.array([9, 3, 6])
    scores = rng.normal(size=(3, 9, k))
    together = tagger.decode(scores, lens)
    for row, n in enumerate(lens):
        assert tagger.decode(scores[row:row + 1, :n], lens[row:row + 1])[0] == together[row]


def _viterbi_one(tagger, em):
    """Textbook Viterbi of one sentence (first index wins a tie), the reference."""
    best = tagger.start + em[0]
    back = []
    for row in em[1:]:
        cand = best[:, None] + tagger.trans
        back.append(cand.argmax(axis=0))
        best = cand.max(axis=0) + row
    path = [int((best + tagger.end).argmax())]
    for arg in reversed(back):
        path.append(int(arg[path[-1]]))
    return [TAGS[i] for i in reversed(path)]


@given(st.lists(st.integers(0, 12), min_size=1, max_size=9), st.integers(1, 4),
       st.integers(1, 40), st.integers(0, 2**31 - 1))
def test_decoding_in_chunks_equals_the_textbook_viterbi(lengths, rows, positions, seed):
    # sentences of any length (empty ones too), decoded longest first in chunks of at most
    # `rows` sentences and `positions` padded positions
    rng = np.random.default_rng(seed)
    tagger = object.__new__(ner_lstm.LstmTagger)
    k = len(TAGS)
    tagger.tags = TAGS
    tagger.trans = np.where(ner_lstm.allowed_transitions(TAGS), rng.normal(size=(k, k)),
                            -1e4).astype(np.float32)
    tagger.start = np.where(ner_lstm.allowed_starts(TAGS), rng.normal(size=k), -1e4).astype(np.float32)
    tagger.end = np.where(ner_lstm.allowed_ends(TAGS), rng.normal(size=k), -1e4).astype(np.float32)
    scores = [rng.normal(scale=3, size=(n, k)).astype(np.float32) for n in lengths]
    got = tagger.decode_all(scores, rows=rows, positions=positions)
    assert got == [_viterbi_one(tagger, em) if len(em) else [] for em in scores]


def test_encoding_has_one_row_per_char():
    vocab = ner_lstm.Vocab({"<pad>": 0, "<unk>": 1, "北": 2}, {"<pad>": 0, "<unk>": 1},
                           {s: i for i, s in enumerate(ner_lstm.word_shapes())}, TAGS)
    text = "北京市长Ａ1 。"
    ids = ner_lstm.encode(text, ["北京市", "长", "Ａ1", " ", "。"], vocab, Gazetteers.load(),
                          ner_lstm.Lattice({"北京": 2, "北京市": 2}))
    assert ids.shape == (len(text), ner_lstm.N_INPUTS)
    assert ids[0, 0] == 2 and ids[1, 0] == 1
    assert (ids[:, 4] < ner_lstm.N_FLAGS).all()


def test_lattice_bits_mark_single_begin_middle_end():
    lat = ner_lstm.Lattice({"北京": 2, "北京市": 4, "市": 1})
    c = ner_lstm.N_LEX_CATS
    assert lat.bits("北京市").tolist() == [(2 | 4) << c, 2 << 3 * c | 4 << 2 * c,
                                        4 << 3 * c | 1]


def test_batch_encoding_equals_one_by_one():
    vocab = ner_lstm.Vocab({"<pad>": 0, "<unk>": 1, "北": 2, "京": 3},
                           {"<pad>": 0, "<unk>": 1, "^北": 2, "北京": 3, "京$": 4},
                           {s: i for i, s in enumerate(ner_lstm.word_shapes())}, TAGS)
    lat = ner_lstm.Lattice({"北京": 2, "北京市": 2})
    gaz = Gazetteers.load()
    # "中北" + "京": 北京 across the boundary is no word of either text
    texts = ["中北", "", "京", "北京市政府", "Ａ1 \ud800"]
    segs = [["中", "北"], [], ["京"], ["北京市", "政府"], ["Ａ1", " ", "\ud800"]]
    together = ner_lstm.encode_batch(texts, segs, vocab, gaz, lat)
    assert len(together) == len(texts)
    for t, ws, got in zip(texts, segs, together):
        np.testing.assert_array_equal(got, ner_lstm.encode(t, ws, vocab, gaz, lat))
    assert not together[0][:, 5].any() and not together[2][:, 5].any()
    assert together[3][:2, 1].tolist() == [2, 3]


def test_onnx_forward_pass_matches_torch(tmp_path: Path):
    torch = pytest.importorskip("torch")
    pytest.importorskip("onnx")
    from zhpolicy_nlp.training import lstm as T

    texts = ["国务院总理李强在北京会见了美国国务卿。", "新华社记者报道"]
    vocab = T.build_vocab(texts * 3, 1, 1)
    dims = {"char": 8, "bigram": 6, "shape": 4, "flags": 4, "lex": 3, "hidden": 5,
            "dropout": 0.0}
    net = T._model(vocab, dims)
    torch.manual_seed(0)
    with torch.no_grad():
        for p in net.parameters():
            p.normal_(std=0.5)
            p.copy_(p.half().float())  # the export rounds to float16
        net.lstm.bias_hh_l0.zero_()
        net.lstm.bias_hh_l0_reverse.zero_()
    net.eval()
    T.export(net, vocab, ner_lstm.Lattice({"北京": 2}), tmp_path)
    tagger = ner_lstm.LstmTagger(tmp_path)
    gaz = Gazetteers.load()
    lat = ner_lstm.Lattice({"北京": 2, "国务院": 4})
    enc = [ner_lstm.encode(t, [t], vocab, gaz, lat) for t in texts]
    lens = np.array([len(e) for e in enc])
    ids = np.zeros((2, lens.max(), ner_lstm.N_INPUTS), dtype=np.int64)
    for i, e in enumerate(enc):
        ids[i, :len(e)] = e
    with torch.no_grad():
        want = net.emissions(torch.tensor(ids), torch.tensor(lens)).numpy()
    got = tagger.emissions(ids, lens)
    for i, n in enumerate(lens):
        np.testing.assert_allclose(got[i, :n], want[i, :n], atol=1e-4)
    # a spawned worker gets a pickled copy, which rebuilds its session
    clone = pickle.loads(pickle.dumps(tagger))
    np.testing.assert_array_equal(clone.emissions(ids, lens), got)


def test_training_smoke(tmp_path: Path, nlp):
    pytest.importorskip("torch")
    pytest.importorskip("onnx")
    from zhpolicy_nlp.training import lstm as T
    from test_ner import _tiny_corpus

    corpus = _tiny_corpus()
    hp = T.Settings(epochs=4, hidden=16, char_dim=16, bigram_dim=8, lr=1e-2, threads=1,
                    min_char=1, min_bigram=1)
    meta = T.fit(corpus, corpus[:20], tmp_path, hp, tmp_path / "cache", log=lambda _: None)
    assert (tmp_path / ner_lstm.MODEL_FILE).is_file() and meta["best_val_f1"] > 0.9
    rec = ner.EntityRecognizer(nlp, model=str(tmp_path))
    text = "教育部负责人李明在上海表示，工作进展顺利。"
    got = {(text[s:e], lab) for s, e, lab in rec.model_spans(nlp.tokenizer(text))}
    assert ("李明", "PERSON") in got


def test_spans_from_decoded_tags_round_trip():
    assert spans_from_tags(["B-PERSON", "E-PERSON", "O", "S-LOC"]) == [
        (0, 2, "PERSON"), (3, 4, "LOC")]


def test_pretrained_embeddings_start_the_tables(tmp_path: Path):
    """`train embeddings` writes vectors for chars and ^/$-padded bigrams; `build_vocab` adds
    what only the unlabelled text has, and those rows start from the scaled vectors."""
    torch = pytest.importorskip("torch")
    from zhpolicy_nlp.training import embeddings as E
    from zhpolicy_nlp.training import lstm as T

    lines = ["市政府新闻办举行发布会", "省委书记在会上讲话", "发布会由市政府主持"] * 20
    E.pretrain(lines, tmp_path, char_dim=8, bigram_dim=4, min_char=1, min_bigram=1, epochs=1,
               threads=1, log=lambda _: None)
    chars, bigrams = E.load(tmp_path / E.FILE)
    assert "市" in chars and "^市" in bigrams and "会$" in bigrams and "^" in chars
    assert chars["市"].shape == (8,) and bigrams["市政"].shape == (4,)
    vocab = T.build_vocab(["市长讲话"], 1, 1, (chars, bigrams))
    assert {"长", "省", "书"} <= set(vocab.chars) and "^" not in vocab.chars
    assert {"市长", "省委"} <= set(vocab.bigrams)
    table = torch.nn.Embedding(len(vocab.bigrams), 4).weight
    T._init_embeddings(table, vocab.bigrams, bigrams)
    row = table[vocab.bigrams["省委"]].detach().numpy()
    scale = np.stack([bigrams[b] for b in vocab.bigrams if b in bigrams]).std()
    np.testing.assert_allclose(row, bigrams["省委"] / scale, rtol=1e-5)


def test_unlabelled_text_leaves_out_the_gold_articles(tmp_path: Path):
    import gzip
    import json

    from zhpolicy_nlp.training import embeddings as E

    news = tmp_path / E.NEWS
    news.parent.mkdir(parents=True)
    docs = [{"doc_id": "a", "text": "标题\n第一段"}, {"doc_id": "b", "text": "不要\n这篇"}]
    news.write_bytes(gzip.compress("\n".join(json.dumps(d) for d in docs).encode()))
    assert list(E.unlabelled_lines(tmp_path, ["ＡＢ训练句"], {"b"})) == ["标题", "第一段", "ab训练句"]
    assert len(E.gold_doc_ids()) >= 60


def test_missing_gold_selection_is_an_error(tmp_path: Path):
    from zhpolicy_nlp.training import embeddings as E

    with pytest.raises(FileNotFoundError, match="selection"):
        E.gold_doc_ids(tmp_path / "selection.json")
