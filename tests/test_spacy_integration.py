"""The pipeline as spaCy components: saved and loaded from a folder alone, Docs that spaCy
serialises (Doc.to_bytes, DocBin, nlp.pipe(n_process=2)), pipe contexts, and no process-wide
side effects from importing or loading the package."""
from __future__ import annotations

import gc
import json
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

import zhpolicy_nlp
from zhpolicy_nlp import pipeline, result
from zhpolicy_nlp.ner import lstm
from zhpolicy_nlp.spans import split_at

TEXTS = [
    "国家统计局局长张三表示，经济运行总体平稳，就业形势保持稳定。",
    "外交部发言人李四11月8日在例行记者会上说：“中方愿同各方加强合作。”",
    "“我们将继续扩大高水平对外开放，”商务部部长丁薛祥说，“欢迎外资企业来华投资。”",
]


def _view(doc: Doc) -> tuple:
    """Entities with their person names, and the people and quotes as records (DocBin gives
    the extension values back with tuples for lists)."""
    return ([(e.start_char, e.end_char, e.label_, e._.person) for e in doc.ents],
            result.people(doc), result.quotes(doc))


@pytest.fixture(scope="module")
def saved(ex, tmp_path_factory) -> Path:
    """The pipeline saved, then the folder copied elsewhere (the original removed)."""
    first = tmp_path_factory.mktemp("saved") / "pipeline"
    ex.nlp.to_disk(first)
    copy = tmp_path_factory.mktemp("elsewhere") / "copy"
    shutil.copytree(first, copy)
    shutil.rmtree(first)
    return copy


@pytest.fixture
def no_models_dir(tmp_path, monkeypatch):
    """The package's models/ cannot be read: models_dir() points at an empty folder."""
    empty = tmp_path / "no-models"
    empty.mkdir()
    monkeypatch.setattr(pipeline, "models_dir", lambda: empty)
    return empty


def test_saved_folder_holds_the_weights_and_user_words(saved, ex):
    ner = {p.name for p in (saved / "ner").iterdir()}
    assert {lstm.MODEL_FILE, lstm.VOCAB_FILE, lstm.Lattice.FILE, "gazetteers.json"} <= ner
    words = ex.nlp.tokenizer.user_words
    assert words and zhpolicy_nlp.load(saved).nlp.tokenizer.user_words == words


@pytest.mark.parametrize("how", ["zhpolicy_nlp.load", "spacy.load"])
def test_round_trip_from_a_copy_alone(saved, ex, root, no_models_dir, how):
    text = (root / "seeds" / "forum.txt").read_text(encoding="utf-8")
    expected = ex.extract(text, "forum").to_dict()
    if how == "spacy.load":
        loaded = zhpolicy_nlp.Extractor(spacy.load(saved))
    else:
        loaded = zhpolicy_nlp.load(saved)
    assert loaded.nlp.get_pipe("ner").model_path == saved / "ner"
    assert loaded.extract(text, "forum").to_dict() == expected
    assert expected["quotes"] and expected["people"]


def test_the_models_dir_is_needed_without_a_saved_folder(no_models_dir):
    with pytest.raises(FileNotFoundError):
        zhpolicy_nlp.load()


def test_crf_pipeline_round_trip(tmp_path, no_models_dir, monkeypatch):
    monkeypatch.undo()  # build the CRF pipeline from the shipped models first
    crf = zhpolicy_nlp.load("ner-crf")
    crf.nlp.to_disk(tmp_path / "crf")
    expected = [crf.extract(t).to_dict() for t in TEXTS]
    monkeypatch.setattr(pipeline, "models_dir", lambda: no_models_dir)
    again = zhpolicy_nlp.load(tmp_path / "crf")
    assert (tmp_path / "crf" / "ner" / "model.crfsuite").is_file()
    assert [again.extract(t).to_dict() for t in TEXTS] == expected


@pytest.mark.parametrize("model", ["ner-lstm", "ner-crf"])
def test_nlp_bytes_round_trip_into_a_blank_pipeline(root, model, tmp_path, monkeypatch):
    """``nlp.to_bytes()`` carries the NER weights: a pipeline built from the same config
    (nothing loaded) reads them back with ``models/`` hidden, and tags as the original."""
    first = zhpolicy_nlp.load(model)
    texts = [*TEXTS, (root / "seeds" / "forum.txt").read_text(encoding="utf-8")]
    expected = [_view(d) for d in first.nlp.pipe(texts)]
    data = first.nlp.to_bytes()
    empty = tmp_path / "no-models"
    empty.mkdir()
    monkeypatch.setattr(pipeline, "models_dir", lambda: empty)
    blank = spacy.util.load_model_from_config(first.nlp.config)
    assert blank.get_pipe("ner")._tagger is None  # the factory loads nothing
    blank.from_bytes(data)
    assert [_view(d) for d in blank.pipe(texts)] == expected
    assert expected[-1][2] and any(e for e, _, _ in expected)
    assert zhpolicy_nlp.Extractor(blank).extract(texts[-1]).to_dict() \
        == first.extract(texts[-1]).to_dict()


def test_a_component_from_bytes_owns_its_folder(nlp):
    """The temporary folder lives as long as the component; a pickled copy (spawned worker)
    gets a folder of its own, whose removal leaves the original's in place."""
    ner = nlp.get_pipe("ner")
    other = type(ner)(nlp, "ner", load=False).from_bytes(ner.to_bytes())
    folder = other.model_path
    assert folder != ner.model_path and (folder / lstm.MODEL_FILE).is_file()
    copy = pickle.loads(pickle.dumps(other))
    assert copy.model_path != folder and (copy.model_path / lstm.MODEL_FILE).is_file()
    assert [_view(n(nlp.make_doc(TEXTS[1])))[0] for n in (copy, other)] \
        == [_view(ner(nlp.make_doc(TEXTS[1])))[0]] * 2
    copied = copy.model_path
    del copy
    gc.collect()
    assert not copied.exists() and folder.is_dir()
    del other
    gc.collect()
    assert not folder.exists()


def test_extension_values_are_plain_data(nlp):
    doc = nlp(TEXTS[0])
    json.dumps([doc._.people, doc._.quotes], ensure_ascii=False)  # plain dicts and lists
    assert [p.name for p in result.people(doc)] == [d["name"] for d in doc._.people]
    assert result.quotes(doc)[0].to_dict() == doc._.quotes[0]


def test_doc_to_bytes_and_docbin_keep_people_and_quotes(nlp):
    docs = list(nlp.pipe(TEXTS))
    assert all(d._.quotes for d in docs)
    again = [Doc(nlp.vocab).from_bytes(d.to_bytes()) for d in docs]
    assert [_view(d) for d in again] == [_view(d) for d in docs]
    bin_ = DocBin(store_user_data=True, docs=docs)
    back = list(DocBin().from_bytes(bin_.to_bytes()).get_docs(nlp.vocab))
    assert [_view(d) for d in back] == [_view(d) for d in docs]
    assert result.from_doc(back[1]).to_dict() == result.from_doc(docs[1]).to_dict()
    assert again[0]._.people == docs[0]._.people  # Doc.to_bytes keeps them exactly


def test_nlp_pipe_with_two_processes(nlp):
    one = [_view(d) for d in nlp.pipe(TEXTS * 2)]
    two = [_view(d) for d in nlp.pipe(TEXTS * 2, n_process=2, batch_size=2)]
    assert two == one


def test_pipe_as_tuples_keeps_the_context(nlp):
    ctx = [{"doc_id": str(i)} for i in range(len(TEXTS))]
    got = list(nlp.pipe(zip(TEXTS, ctx), as_tuples=True))
    assert [c for _, c in got] == ctx
    assert [d.text for d, _ in got] == TEXTS


def test_a_rebuilt_doc_keeps_the_context(nlp):
    """A stage that splits tokens returns a new Doc: the pipe's context goes with it."""
    doc = nlp.make_doc("国家发展和改革委员会副主任赵辰昕表示")
    doc._context = {"doc_id": "a"}
    cut = next(t.idx + 1 for t in doc if len(t) > 1)
    new = split_at(doc, [cut])
    assert new is not doc and new._context == {"doc_id": "a"}


def test_factories_declare_what_they_assign_and_require(nlp):
    meta = {name: nlp.get_pipe_meta(name) for name in pipeline.STAGES}
    assert "doc.ents" in meta["ner"].assigns
    assert "doc._.people" in meta["titles"].assigns and "doc.ents" in meta["titles"].requires
    assert "doc._.quotes" in meta["quotes"].assigns
    assert "doc._.people" in meta["quotes"].requires
    assert not any(nlp.analyze_pipes()["problems"].values())


_STATE = r"""
import gc, json, logging, signal, sys
import jieba
def state():
    sigs = {s.name: repr(signal.getsignal(s)) for s in signal.Signals
            if s not in (signal.SIGKILL, signal.SIGSTOP)}
    lg = jieba.default_logger
    return {"signals": sigs, "gc": [gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()],
            "itimer": signal.getitimer(signal.ITIMER_REAL),
            "jieba_dt": [jieba.dt.initialized, len(jieba.dt.FREQ), jieba.dt.total],
            "jieba_log": [lg.level, len(lg.filters), logging.getLogger().level]}
before = state()
import zhpolicy_nlp
after_import = state()
ex = zhpolicy_nlp.load()
ex.extract("国家统计局局长张三表示，经济运行总体平稳。")
list(ex.pipe(["外交部发言人李四说，中方愿同各方加强合作。"] * 3, n_process=2, batch_size=1))
after_use = state()
print(json.dumps([before, after_import, after_use]))
"""


def test_import_and_load_change_nothing_process_wide():
    """Signal handlers, the timer, the GC's state, jieba's default tokenizer and its logger
    are as they were after importing, loading and using the package (workers included)."""
    out = subprocess.run([sys.executable, "-c", _STATE], capture_output=True, text=True,
                         timeout=600, check=True)
    before, after_import, after_use = json.loads(out.stdout)
    assert after_import == before
    assert after_use == before
    assert before["jieba_dt"][0] is False  # jieba's global dictionary was never loaded
