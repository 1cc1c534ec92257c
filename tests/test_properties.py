"""Property tests over the whole pipeline (issue #7).

For arbitrary text, and for generated government-news-like text full of names, titles,
speech verbs and random quotation marks: no exception, every span matches the text, quotes
do not overlap, speakers are known, and results are deterministic (two runs, one or two
processes). The extractor is strict, so a stage that emits a broken span fails here with
hypothesis' minimal input instead of being repaired.

``ZHPOLICY_FUZZ_EXAMPLES`` raises the number of examples for a long fuzz run
(``benchmarks/fuzz.py``); the default keeps this file within the suite's time budget.
"""
from __future__ import annotations

import io
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhpolicy_nlp.runtime.extractor import Extractor
from zhpolicy_nlp.runtime.inputs import iter_inputs
from zhpolicy_nlp.result import text_sha256
from zhpolicy_nlp.schema import Extraction

EXAMPLES = int(os.environ.get("ZHPOLICY_FUZZ_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

# Fragments of government news, hand-written from knowledge of how such text is worded.
NAMES = ["张三", "李四", "王建国", "欧阳明", "习", "李强", "刘", "丁薛祥", "Klaus Schwab", "麦克"]
ORGS = ["国务院", "国家发展改革委", "外交部", "国家统计局", "中国人民银行", "北京市委",
        "联合国", "世界银行", "新华社", "该部", "调研组"]
TITLES = ["主任", "副部长", "发言人", "局长", "总理", "秘书长", "书记", "院士", "教授", "记者",
          "常委", "委员", "首席经济学家"]
VERBS = ["说", "表示", "指出", "强调", "认为", "介绍", "透露", "称", "坦言", "显示", "提出"]
PRONOUNS = ["他", "她", "他们", "该负责人", "有关负责人", "与会代表", "报告", "据介绍", "据了解",
            "记者", "其", "对此"]
CONTENT = ["经济运行总体平稳", "要坚持稳中求进", "我们将继续扩大开放", "改革取得明显成效",
           "数字经济发展迅速", "同比增长5.2%", "2024年11月8日", "去年7月份", "近年来",
           "“互联网+政务服务”", "在北京", "中国与新加坡", "以人民为中心", "一是", "二是",
           "（完）", "【】", "——", "<p>", "&nbsp;"]
MARKS = ["“", "”", "「", "」", "『", "』", "‘", "’", '"', "'", "《", "》", "（", "）", "(", ")"]
PUNCT = ["，", "。", "：", "；", "！", "？", "、", "……", ",", ".", ":", "\n", "\r\n", " ",
         "\u3000", "\u200b", "\t"]

fragment = st.one_of(
    st.sampled_from(NAMES), st.sampled_from(ORGS), st.sampled_from(TITLES),
    st.sampled_from(VERBS), st.sampled_from(PRONOUNS), st.sampled_from(CONTENT),
    st.sampled_from(MARKS), st.sampled_from(PUNCT),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=4),
)
# "ORG TITLE NAME VERB，CONTENT。" with its parts optional and random marks: the shapes the
# quote attributor looks for, broken in every way.
sentence = st.tuples(
    st.sampled_from(ORGS + [""]), st.sampled_from(TITLES + [""]),
    st.sampled_from(NAMES + PRONOUNS + [""]), st.sampled_from(VERBS),
    st.sampled_from(["，", "：", "：“", "“", ""]), st.lists(st.sampled_from(CONTENT), max_size=3),
    st.sampled_from(["。", "”", "。”", "”。", "」", "\n", ""]),
).map(lambda t: "".join(t[:5]) + "，".join(t[5]) + t[6])
news_like = st.lists(st.one_of(fragment, sentence), max_size=40).map("".join)
# Arbitrary Unicode, surrogates excluded (they are not text: extract rejects them).
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=120)
texts = st.one_of(news_like, any_text)


@pytest.fixture(scope="module")
def strict(nlp) -> Extractor:
    return Extractor(nlp, strict=True)


def check_contract(text: str, d: dict) -> None:
    """The invariants of issue #7 on one output record, independently of result.clean."""
    assert d["text_sha256"] == text_sha256(text)

    def valid(s: dict) -> None:
        assert 0 <= s["start"] < s["end"] <= len(text), s
        assert text[s["start"]:s["end"]] == s["text"], s

    ents = sorted((e["start"], e["end"]) for e in d["entities"])
    for e in d["entities"]:
        valid(e)
    assert all(a[1] <= b[0] for a, b in zip(ents, ents[1:])), "entities overlap"
    names = {p["name"] for p in d["people"]}
    for p in d["people"]:
        for m in p["mentions"]:
            valid(m)
    for q in d["quotes"]:
        valid(q)
        for s in (q["speaker_mention"], q["cue"]):
            if s is not None:
                valid(s)
        assert q["kind"] in ("direct", "indirect")
        sp = q["speaker"]
        assert sp is None or sp in names or (sp and sp in text), sp
    quotes = sorted((q["start"], q["end"]) for q in d["quotes"])
    assert all(a[1] <= b[0] for a, b in zip(quotes, quotes[1:])), "quotes overlap"
    line = json.dumps(d, ensure_ascii=False)
    assert Extraction.from_dict(json.loads(line)).to_dict() == d


@SETTINGS
@given(text=texts)
def test_contract_holds_for_any_text(strict, text):
    check_contract(text, strict.extract(text, "p").to_dict())


@SETTINGS
@given(text=news_like)
def test_deterministic_across_runs(strict, text):
    assert strict.extract(text).to_dict() == strict.extract(text).to_dict()


@settings(SETTINGS, max_examples=max(10, EXAMPLES // 2))
@given(text=news_like, split=st.integers(min_value=20, max_value=200))
def test_long_document_pieces_keep_the_contract(nlp, text, split):
    """Processing in pieces (as for documents over ``chunk_chars``) never breaks offsets."""
    text = "\n".join([text] * 4)
    check_contract(text, Extractor(nlp, strict=True, chunk_chars=split).extract(text).to_dict())


@settings(max_examples=max(2, EXAMPLES // 20), deadline=None, derandomize=EXAMPLES <= 100,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batch=st.lists(texts, min_size=1, max_size=12))
def test_same_results_with_one_and_two_processes(strict, batch):
    one = [r.to_dict() for r in strict.pipe(batch, n_process=1)]
    two = [r.to_dict() for r in strict.pipe(batch, n_process=2, batch_size=3)]
    assert one == two
    assert len(one) == len(batch) and all("error" not in r for r in one)


json_line = st.one_of(
    st.binary(max_size=40),
    st.fixed_dictionaries({}, optional={
        "doc_id": st.one_of(st.none(), st.integers(0, 3), st.sampled_from(["a", "b"])),
        "id": st.integers(0, 3),
        "text": st.one_of(st.none(), st.integers(), texts, st.lists(st.integers()))}
    ).map(lambda d: json.dumps(d, ensure_ascii=False).encode("utf-8")),
)


@SETTINGS
@given(lines=st.lists(json_line, max_size=20))
def test_every_jsonl_line_is_one_item(lines):
    """Whatever the bytes, each non-blank line of a JSONL stream is one item (a text or an
    error) and ids are unique, so a batch writes one record per input document."""
    lines = [ln.replace(b"\n", b" ").replace(b"\r", b" ") for ln in lines]
    items = list(iter_inputs(["-"], stdin=io.BytesIO(b"\n".join(lines))))
    if lines:  # a BOM opening the stream belongs to the file
        lines[0] = lines[0].removeprefix(b"\xef\xbb\xbf")
    expected = [ln for ln in lines if ln.decode("utf-8", "replace").strip()]
    assert len(items) == len(expected)
    assert all((text is None) != (err is None) for _, text, err in items)
    ok_ids = [doc_id for doc_id, _, err in items if not (err or "").startswith("duplicate")]
    assert len(ok_ids) == len(set(ok_ids))
