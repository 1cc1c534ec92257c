"""spans.set_char_entities: splits build a new Doc with the same text; no split keeps the Doc."""

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from zhpolicy_nlp import spans
from zhpolicy_nlp.spans import char_entities, set_char_entities


def test_no_split_keeps_the_same_doc(nlp):
    doc = nlp.make_doc("国务院总理李强主持会议。")
    words = [t.text for t in doc]
    start = words.index("李强")
    s = sum(map(len, words[:start]))
    assert set_char_entities(doc, [(s, s + 2, "PERSON")]) is doc
    assert char_entities(doc) == [(s, s + 2, "PERSON")]


def test_split_keeps_text_whitespace_and_extensions(nlp):
    doc = Doc(nlp.vocab, words=["国家统计局局长", "张三", "说"], spaces=[True, False, True])
    doc._.doc_id = "d1"
    new = set_char_entities(doc, [(0, 5, "ORG"), (5, 7, "TITLE"), (8, 10, "PERSON")])
    assert new.text == doc.text == "国家统计局局长 张三说 "
    assert [t.text_with_ws for t in new] == ["国家统计局", "局长 ", "张三", "说 "]
    assert new._.doc_id == "d1"
    assert char_entities(new) == [(0, 5, "ORG"), (5, 7, "TITLE"), (8, 10, "PERSON")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6)), max_size=8))
def test_any_char_span_becomes_an_entity(nlp, spans):
    text = "国务院新闻办公室举行发布会，外交部发言人毛宁表示，中方愿同各方一道努力。"
    doc = nlp.make_doc(text)
    wanted = [(s, min(s + n, len(text)), "ORG") for s, n in spans]
    new = set_char_entities(doc, wanted)
    assert new.text == text
    for s, e, _ in char_entities(new):
        assert (s, e, "ORG") in wanted


def test_splitting_a_long_document_builds_one_doc(nlp, monkeypatch):
    """All 2,000 splits in one new Doc, not one retokenize split per token (that shifts the
    whole token array each time: quadratic, ~2.3 s here; timed in benchmarks/bench_scaling.py)."""
    text = "国家发展和改革委员会副主任赵辰昕表示，要扩大有效投资。\n" * 2000  # ~54,000 chars
    doc = nlp.make_doc(text)
    starts = [i for i in range(len(text)) if text.startswith("赵辰", i)]  # cuts inside 赵辰昕
    built = []
    monkeypatch.setattr(spans, "Doc", lambda *a, **k: built.append(1) or Doc(*a, **k))
    new = set_char_entities(doc, [(i, i + 2, "PERSON") for i in starts])
    assert len(built) == 1
    assert len(new.ents) == len(starts) and new.text == text


@given(st.lists(st.tuples(st.text(alphabet="中文测试ab ，。\n", min_size=1, max_size=4), st.booleans()),
                max_size=30))
@settings(max_examples=60, deadline=None)
def test_tokens_and_text_equal_the_docs_own(nlp, words):
    doc = Doc(nlp.vocab, words=[w for w, _ in words], spaces=[s for _, s in words])
    pos, texts, text = spans.tokens_and_text(doc)
    assert pos == [t.idx for t in doc] and texts == [t.text for t in doc] and text == doc.text
