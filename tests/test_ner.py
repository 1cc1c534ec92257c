"""The named-entity recogniser: model loading, tagging, merging, CRF features and training."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhpolicy_nlp import lexicon
from zhpolicy_nlp.ner import component as ner
from zhpolicy_nlp.ner.features import Gazetteers, featurize
from zhpolicy_nlp.ner.rules import rule_entities
from zhpolicy_nlp.spans import char_entities
from zhpolicy_nlp.training import crf as train_ner

SENTENCES = {
    # sentence: spans the model alone must find (text, label)
    "国务院总理李强在北京会见了来访的德国总理朔尔茨。":
        [("李强", "PERSON"), ("北京", "LOC"), ("德国", "LOC")],
    "生态环境部部长黄润秋在广州市调研时强调，要打好污染防治攻坚战。":
        [("黄润秋", "PERSON"), ("广州市", "LOC")],
    "新华社记者从国家统计局获悉，浙江省前三季度经济增长百分之六。":
        [("新华社", "ORG"), ("国家统计局", "ORG"), ("浙江省", "LOC")],
}


@pytest.fixture(scope="module")
def comp(nlp):
    return nlp.get_pipe("ner")


def model_spans(nlp, comp, text):
    return {(text[s:e], lab) for s, e, lab in comp.model_spans(nlp.tokenizer(text))}


@pytest.mark.parametrize("text", list(SENTENCES))
def test_model_tags_government_news(nlp, comp, text):
    found = model_spans(nlp, comp, text)
    for want in SENTENCES[text]:
        assert want in found, (want, found)


def test_model_offsets_are_exact(nlp, comp):
    text = "\n".join(SENTENCES) + "\n  外交部发言人在记者会上说，中方对此表示欢迎。"
    doc = nlp.tokenizer(text)
    spans = comp.model_spans(doc)
    assert spans
    for s, e, lab in spans:
        assert lab in {"PERSON", "ORG", "LOC"}
        assert 0 <= s < e <= len(text) and "\n" not in text[s:e]


def test_component_sets_dates_and_entities(nlp):
    text = "2018年11月8日，商务部部长王文涛在上海出席进口博览会。"
    ents = {(text[s:e], lab) for s, e, lab in char_entities(nlp(text))}
    assert ("2018年11月8日", "DATE") in ents
    assert ("上海", "LOC") in ents
    assert ("王文涛", "PERSON") in ents


def test_rule_spans_win_over_overlapping_model_spans():
    rules = [(0, 9, "ORG")]
    dates = [(20, 25, "DATE")]
    model = [(0, 2, "LOC"), (2, 9, "ORG"), (10, 13, "PERSON"), (22, 24, "LOC")]
    assert ner.merge(rules, dates, model) == [(0, 9, "ORG"), (10, 13, "PERSON"),
                                              (20, 25, "DATE")]


def test_a_model_span_that_extends_a_rule_place_wins():
    # 某山 (the county) inside 某山公园 (the park): the model's longer name is kept
    text = "游客在祁连山公园散步，走进十六届人大会场。"
    park = (3, 8, "LOC")
    rules = [(3, 5, "LOC"), (13, 15, "LOC")]
    assert ner.yield_to_model(rules, [park], text) == [(13, 15, "LOC")]
    # it cuts into another rule span, or adds what no name holds (十六届: a session)
    assert ner.yield_to_model(rules, [(4, 8, "LOC")], text) == rules
    assert ner.yield_to_model([(3, 5, "LOC"), (5, 7, "ORG")], [park], text) \
        == [(3, 5, "LOC"), (5, 7, "ORG")]
    assert ner.yield_to_model(rules, [(13, 18, "ORG")], "x" * 13 + "北京十六届人大") == rules
    assert ner.yield_to_model(rules, [(3, 8, "PERSON")], text) == rules
    assert ner.yield_to_model(rules, [(3, 9, "LOC")], "游客在祁连山西南角散步", ("角",)) == rules
    assert ner.yield_to_model([(3, 5, "LOC"), (5, 8, "LOC")], [(3, 8, "ORG")], text) \
        == [(3, 5, "LOC"), (5, 8, "LOC")]   # two places, nothing added


@pytest.mark.parametrize("text, orgs", [
    ("听众是市政府、法院和公安局的负责人。", ["市政府", "法院", "公安局"]),
    ("市人大常委会审议了报告，被告人被法院判处有期徒刑。", ["市人大常委会", "法院"]),
    ("各级法院要公正司法，城市政府要改进服务。", []),   # the institution in general; 城|市政府
    ("这是全国首家知识产权法院。", []),   # a kind of court
    ("火箭军老兵和海军舰艇部队参加演习。", ["火箭军", "海军"]),   # a kind of forces
    ("县委县政府多次开会研究。", ["县委", "县政府"]),   # two bodies
    ("，陆军工程大学教授出席。", ["陆军工程大学"]),   # a service heads a name
])
def test_bare_bodies_are_orgs_as_whole_words(nlp, text, orgs):
    ents = [text[s:e] for s, e, lab in char_entities(nlp(text)) if lab == "ORG"]
    assert ents == orgs
    assert not [e for e in rule_entities(text) if text[e[0]:e[1]] in orgs]   # no word bounds


def test_no_name_inside_a_blocker_word(nlp, comp):
    text = "为实现中国梦而奋斗，只争朝夕，不负韶华。"
    assert not [lab for s, e, lab in char_entities(nlp(text))
                if lab in ("LOC", "PERSON", "ORG")]


def test_adjacent_places_are_one_span():
    text = "他住在某某区老城步行街。"
    spans = [(0, 1, "PERSON"), (3, 6, "LOC"), (6, 11, "LOC"), (11, 12, "DATE")]
    assert ner.join_places(spans, text) == [(0, 1, "PERSON"), (3, 11, "LOC"), (11, 12, "DATE")]
    assert ner.join_places([(3, 6, "LOC"), (7, 11, "LOC")], text) == [(3, 6, "LOC"), (7, 11, "LOC")]
    assert ner.join_places([(3, 6, "LOC"), (6, 11, "ORG")], text) == [(3, 6, "LOC"), (6, 11, "ORG")]
    # a country or province does not continue a place's name; a province may follow a country
    text = "香港江苏社团、湖北省中国队和中国北京"
    spans = [(0, 2, "LOC"), (2, 4, "LOC"), (7, 10, "LOC"), (10, 12, "LOC"), (14, 16, "LOC"),
             (16, 18, "LOC")]
    assert [text[s:e] for s, e, _ in ner.join_places(spans, text)] \
        == ["香港", "江苏", "湖北省", "中国", "中国北京"]


def test_a_place_or_org_takes_its_tail():
    text = "维护某某海湾地区稳定，走进第8集团军某旅和某某军某部队营区。"
    spans = [(2, 6, "LOC"), (13, 18, "ORG"), (21, 24, "ORG")]
    tails = ner.Tails(lexicon.ByLength.of({"地区"}), frozenset({"海军"}), frozenset({"旅", "部", "部队"}),
                      lexicon.ByLength.of({"哨所", "舰"}), lexicon.ByLength.of({"舰队"}))
    got = ner.extend_by_tails(spans, text, tails)
    assert [text[s:e] for s, e, _ in got] == ["某某海湾地区", "第8集团军某旅", "某某军某部队"]
    # another span starts in the tail: nothing added
    assert ner.extend_by_tails([(2, 6, "LOC"), (6, 8, "ORG")], text, tails) \
        == [(2, 6, "LOC"), (6, 8, "ORG")]
    # a place before a post or a ship word names that post or ship; 舰队 is a fleet
    text = "他在某某山哨所站岗，登上某某舰，某某舰队出航。"
    got = ner.extend_by_tails([(2, 5, "LOC"), (12, 14, "LOC"), (16, 18, "LOC")], text, tails)
    assert [(text[s:e], lab) for s, e, lab in got] \
        == [("某某山哨所", "ORG"), ("某某舰", "ORG"), ("某某", "LOC")]
    text = "海军某某舰官兵"
    assert ner.extend_by_tails([(0, 2, "ORG"), (2, 4, "LOC")], text, tails) == [(0, 5, "ORG")]


def test_a_name_cut_short_takes_its_full_form_from_the_document():
    # 邵|岚|不敢 : the model stops at the surname; 邵岚 is named in full later
    text = "邵岚不敢懈怠。毕业后，邵岚回到家乡。"
    spans = [(0, 1, "PERSON"), (11, 13, "PERSON")]
    assert ner.complete_names(spans, text) == [(0, 2, "PERSON"), (11, 13, "PERSON")]
    # no full form elsewhere, another span in the way, or a place: unchanged
    assert ner.complete_names([(0, 1, "PERSON")], text) == [(0, 1, "PERSON")]
    assert ner.complete_names([(0, 1, "PERSON"), (1, 2, "LOC"), (11, 13, "PERSON")], text) \
        == [(0, 1, "PERSON"), (1, 2, "LOC"), (11, 13, "PERSON")]
    assert ner.complete_names([(0, 1, "LOC"), (11, 13, "PERSON")], text) \
        == [(0, 1, "LOC"), (11, 13, "PERSON")]


def test_chunks_cover_the_text_in_order(nlp):
    text = "第一句。第二句！没有结尾" + "，很长" * 200
    doc = nlp.tokenizer(text)
    pieces = list(ner.chunks(doc, text))
    assert len(pieces) >= 3
    pos = 0
    for start, words in pieces:
        assert start == pos
        pos += sum(map(len, words))
    assert pos == len(text)


def test_closing_quote_stays_with_its_sentence(nlp):
    text = "“目前全省库存粮食充足。”省粮食和物资储备局负责人表示。"
    pieces = ["".join(w) for _, w in ner.chunks(nlp.tokenizer(text), text)]
    assert pieces == ["“目前全省库存粮食充足。”", "省粮食和物资储备局负责人表示。"]


def test_chunks_cut_runs_without_any_punctuation(nlp):
    """A model's memory grows with the chunk: a run with no punctuation is still cut."""
    text = "数字政府建设" * 1000
    pieces = list(ner.chunks(nlp.tokenizer(text), text))
    assert len(pieces) > 5
    assert max(sum(map(len, words)) for _, words in pieces) <= ner._HARD_MAX + 20


tag_seq = st.lists(st.sampled_from(["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]),
                   max_size=40)


@given(tag_seq)
def test_bioes_keeps_the_spans(tags):
    assert train_ner.spans_from_tags(train_ner.to_bioes(tags)) == train_ner.spans_from_tags(tags)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(alphabet="国务院北京市李强发布了，。a1 \n", min_size=1, max_size=6),
                max_size=30))
def test_one_feature_row_per_char(words):
    gaz = Gazetteers.load()
    text = "".join(words)
    rows = featurize(text, words, gaz)
    assert len(rows) == len(text)
    assert all(len(r) == len(rows[0]) for r in rows)


def _tiny_corpus() -> list[train_ner.Sentence]:
    """Template sentences in government-news style, BIO-tagged (no external data)."""
    people = ["王建国", "李明", "张伟", "刘洋", "陈静"]
    places = ["北京", "上海", "广东省", "杭州市", "日本"]
    orgs = ["外交部", "国家统计局", "教育部", "新华社", "中国人民银行"]
    out = []
    for i in range(300):
        p, l, o = people[i % 5], places[(i // 5) % 5], orgs[(i // 25) % 5]
        parts = [(o, "ORG"), ("负责人", None), (p, "PER"), ("在", None), (l, "LOC"),
                 ("表示，工作进展顺利。", None)]
        text, tags = "", []
        for s, lab in parts:
            text += s
            tags += ["O"] * len(s) if lab is None else [f"B-{lab}"] + [f"I-{lab}"] * (len(s) - 1)
        out.append((text, tags))
    return out


def test_training_smoke(tmp_path: Path, nlp):
    corpus = _tiny_corpus()
    meta = train_ner.train(train_ner.Corpora(corpus), tmp_path, max_iterations=15,
                           cache_dir=tmp_path / "cache", log=lambda _: None)
    assert meta["sentences"] == 300 and (tmp_path / train_ner.MODEL_FILE).is_file()
    scores = train_ner.evaluate(tmp_path, corpus[:20], tmp_path / "cache")
    assert scores["micro"]["f1"] > 0.9
    rec = ner.EntityRecognizer(nlp, model=str(tmp_path))
    text = "教育部负责人李明在上海表示，工作进展顺利。"
    got = {(text[s:e], lab) for s, e, lab in rec.model_spans(nlp.tokenizer(text))}
    assert ("李明", "PERSON") in got


def test_missing_model_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr("zhpolicy_nlp.pipeline.models_dir", lambda: tmp_path)
    with pytest.raises(FileNotFoundError):
        ner.resolve_model(None)


@pytest.mark.parametrize("text,dates", [
    ("联合国发布了2018年电子政务调查报告。", []),
    ("2019年政府工作报告提出，要加快数字政府建设。", []),
    ("2020年将完成规划编制。", ["2020年"]),
    ("截至2018年10月底，全国已联通。", ["2018年10月底"]),
    ("去年7月份以来，各地积极推进。", ["去年7月份"]),
])
def test_dates_skip_years_that_open_a_document_name(text, dates):
    from zhpolicy_nlp.ner.dates import find_dates

    assert [text[s:e] for s, e in find_dates(text)] == dates


@pytest.mark.parametrize("text,dates", [
    ("市政府新闻办12日举行发布会。", ["12日"]),
    ("本市3日起实行新的交通管制。", ["3日"]),
    ("申请材料应在15日内办结。", []),
    ("景区推出一日游线路，地铁5号线同日开通。", []),
])
def test_a_day_without_a_month_is_a_date(text, dates):
    """docs/annotation.md: a day without a month (5日) is a DATE; a span of days is not."""
    from zhpolicy_nlp.ner.dates import find_dates

    assert [text[s:e] for s, e in find_dates(text)] == dates


def test_one_character_places_and_two_place_abbreviations_are_dropped(nlp):
    """中方/中外/中医's 中 and 美伊's 美 are no LOC (a model guesses them); 港澳 is two places."""
    text = "中方欢迎各方参与，港澳同胞和中外企业代表出席，中医专家也到了现场。"
    ents = {(text[s:e], lab) for s, e, lab in char_entities(nlp(text))}
    assert not any(lab == "LOC" and len(span) == 1 for span, lab in ents), ents
    assert ("港澳", "LOC") not in ents
