"""The evaluator on small hand-computed cases, one rule of SCHEMA §3 at a time."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhpolicy_nlp.evaluate import PRF_KEYS, iou, score_doc, summarise

TEXT = "国家统计局局长张三表示，经济运行总体平稳。他说：“要稳就业、稳物价。”王五认为，改革还要深化。"


def ent(start, end, label, **extra):
    return {"start": start, "end": end, "text": TEXT[start:end], "label": label, **extra}


def quote(start, end, speaker=None, kind="indirect", **extra):
    return {"start": start, "end": end, "text": TEXT[start:end], "kind": kind,
            "speaker": speaker, **extra}


def doc(entities=(), people=(), quotes=()):
    return {"doc_id": "d", "entities": None if entities is None else list(entities),
            "people": list(people), "quotes": list(quotes)}


def figures(gold, pred):
    return summarise([score_doc(gold, pred)])


def prf_of(fig, key):
    v = fig[key]
    return v["tp"], v["pred"], v["gold"]


# ------------------------------------------------------------------ entities

def test_entities_exact_match_per_label_and_micro():
    gold = doc([ent(0, 5, "ORG"), ent(5, 7, "TITLE"), ent(7, 9, "PERSON")])
    pred = doc([ent(0, 5, "ORG"), ent(5, 7, "ORG"), ent(7, 8, "PERSON")])
    f = figures(gold, pred)
    assert prf_of(f, "entities/ORG") == (1, 2, 1)
    assert prf_of(f, "entities/TITLE") == (0, 0, 1)
    assert prf_of(f, "entities/PERSON") == (0, 1, 1)
    assert prf_of(f, "entities/micro") == (1, 3, 3)
    assert f["entities/ORG"]["p"] == 0.5 and f["entities/ORG"]["r"] == 1.0
    assert f["entities/ORG"]["f"] == pytest.approx(2 / 3)


def test_gpe_and_fac_count_as_loc_other_labels_ignored():
    gold = doc([ent(0, 2, "LOC"), ent(2, 4, "FAC"), ent(10, 12, "DATE"), ent(12, 14, "EVENT")])
    pred = doc([ent(0, 2, "GPE"), ent(2, 4, "LOC"), ent(10, 12, "DATE"), ent(20, 22, "LAW")])
    f = figures(gold, pred)
    assert prf_of(f, "entities/LOC") == (2, 2, 2)
    assert prf_of(f, "entities/micro") == (2, 2, 2)


def test_prediction_equal_to_optional_gold_span_is_ignored():
    gold = doc([ent(0, 2, "LOC", optional=True), ent(7, 9, "PERSON")])
    hit_optional = figures(gold, doc([ent(0, 2, "LOC"), ent(7, 9, "PERSON")]))
    assert prf_of(hit_optional, "entities/micro") == (1, 1, 1)
    miss_optional = figures(gold, doc([ent(7, 9, "PERSON")]))
    assert prf_of(miss_optional, "entities/micro") == (1, 1, 1)
    other_label = figures(gold, doc([ent(0, 2, "ORG"), ent(7, 9, "PERSON")]))
    assert prf_of(other_label, "entities/micro") == (1, 2, 1)


def test_entities_null_gold_is_not_scored():
    gold = doc(entities=None)
    counts = score_doc(gold, doc([ent(0, 5, "ORG")]))
    assert not any(k.startswith("entities/") for k in counts)
    scored = doc([ent(0, 5, "ORG")])
    f = summarise([counts, score_doc(scored, scored)])
    assert prf_of(f, "entities/micro") == (1, 1, 1)


def test_micro_average_sums_counts_over_documents():
    g1, p1 = doc([ent(0, 5, "ORG")]), doc([ent(0, 5, "ORG")])
    g2 = doc([ent(0, 5, "ORG"), ent(7, 9, "PERSON"), ent(24, 26, "PERSON")])
    p2 = doc([ent(0, 2, "ORG")])
    f = summarise([score_doc(g1, p1), score_doc(g2, p2)])
    assert prf_of(f, "entities/micro") == (1, 2, 4)
    assert f["entities/micro"]["p"] == 0.5 and f["entities/micro"]["r"] == 0.25
    # a macro average of the two documents' F1 (1.0 and 0.0) would give 0.5
    assert f["entities/micro"]["f"] == pytest.approx(1 / 3)


def test_empty_denominators():
    f = figures(doc([]), doc([]))
    assert f["entities/PERSON"]["f"] == 1.0  # nothing to find, nothing found
    f = figures(doc([ent(7, 9, "PERSON")]), doc([]))
    assert (f["entities/PERSON"]["p"], f["entities/PERSON"]["f"]) == (0.0, 0.0)


# ------------------------------------------------------------------ titles

def person(name, *titles, aliases=()):
    return {"name": name, "aliases": list(aliases), "titles": list(titles)}


def title(t, org=None, **extra):
    return {"title": t, "org": org, **extra}


def test_titles_pairs_and_triples():
    gold = doc(people=[person("张三", title("局长", "国家统计局"), title("院士"))])
    pred = doc(people=[person("张三", title("局长", "统计局"), title("院士"), title("主任"))])
    f = figures(gold, pred)
    assert prf_of(f, "titles/title") == (2, 3, 2)
    assert prf_of(f, "titles/with_org") == (1, 3, 2)


def test_person_matches_by_alias():
    gold = doc(people=[person("埃利奥特·哈里斯", title("首席经济学家", "联合国"),
                              aliases=["Elliott Harris"])])
    by_alias = doc(people=[person("Elliott Harris", title("首席经济学家", "联合国"))])
    assert prf_of(figures(gold, by_alias), "titles/with_org") == (1, 1, 1)
    stranger = doc(people=[person("哈里斯", title("首席经济学家", "联合国"))])
    assert prf_of(figures(gold, stranger), "titles/with_org") == (0, 1, 1)


def test_org_also_and_null_orgs():
    gold = doc(people=[person("任志武", title("副秘书长", "国家发展改革委", org_also=["国家发改委"]),
                              title("代表"))])
    ok = doc(people=[person("任志武", title("副秘书长", "国家发改委"), title("代表", None))])
    assert prf_of(figures(gold, ok), "titles/with_org") == (2, 2, 2)
    # gold null org matches only null; a predicted null never matches a named gold org
    wrong = doc(people=[person("任志武", title("副秘书长", None), title("代表", "全国人大"))])
    f = figures(gold, wrong)
    assert prf_of(f, "titles/with_org") == (0, 2, 2)
    assert prf_of(f, "titles/title") == (2, 2, 2)


def test_implicit_titles_are_ignored():
    gold = doc(people=[person("杜前", title("院长", "杭州互联网法院", implicit=True),
                              title("法官"))])
    with_implicit = doc(people=[person("杜前", title("院长", "杭州互联网法院"), title("法官"))])
    without = doc(people=[person("杜前", title("法官"))])
    for pred in (with_implicit, without):
        f = figures(gold, pred)
        assert prf_of(f, "titles/title") == (1, 1, 1)
        assert prf_of(f, "titles/with_org") == (1, 1, 1)


# ------------------------------------------------------------------ quotes

# offsets into TEXT: 表示 at 9-11, content 12-20 (+ "。" at 20); “ at 24, content 25-33, ” at 34
CONTENT = (12, 21)  # "经济运行总体平稳。"
DIRECT = (24, 35)  # "“要稳就业、稳物价。”" with its marks


def bare(start, end, speaker="甲"):
    """A quote over unpunctuated text, for the IoU arithmetic."""
    return {"start": start, "end": end, "text": "字" * (end - start), "kind": "indirect",
            "speaker": speaker}


def test_iou():
    assert iou((0, 10), (5, 15)) == pytest.approx(5 / 15)
    assert iou((0, 10), (0, 10)) == 1.0
    assert iou((0, 4), (4, 8)) == 0.0
    assert iou((3, 3), (3, 3)) == 0.0


def test_trimming_punctuation_and_space_before_comparing():
    assert TEXT[slice(*DIRECT)] == "“要稳就业、稳物价。”"
    gold = doc(quotes=[quote(25, 33, "张三", "direct")])  # 要稳就业、稳物价
    pred = doc(quotes=[quote(*DIRECT, "张三", "direct")])
    f = figures(gold, pred)
    assert prf_of(f, "quotes/detect") == (1, 1, 1)
    assert f["quotes/exact_span"]["acc"] == 1.0
    text = "他说：\u3000“经济运行总体平稳。” \n下一段"
    s, e = text.index("经"), text.index("。")

    def span(start, end):
        return {"start": start, "end": end, "text": text[start:end], "kind": "direct",
                "speaker": "他"}
    gold = doc(quotes=[span(s, e)])
    wide = figures(gold, doc(quotes=[span(2, text.index("下"))]))  # "：　“…。” \n"
    assert prf_of(wide, "quotes/detect") == (1, 1, 1)
    assert wide["quotes/exact_span"]["acc"] == 1.0
    too_wide = figures(gold, doc(quotes=[span(2, len(text) - 2)]))  # takes in "下"
    assert prf_of(too_wide, "quotes/detect") == (1, 1, 1)
    assert too_wide["quotes/exact_span"]["acc"] == 0.0
    no_text = dict(span(s, e), text=None)  # nothing to trim by: the offsets stand
    assert figures(gold, doc(quotes=[no_text]))["quotes/exact_span"]["acc"] == 1.0


def test_iou_threshold_is_inclusive_at_half():
    gold = doc(quotes=[bare(12, 20)])
    half = doc(quotes=[bare(12, 16)])  # IoU 4/8
    below = doc(quotes=[bare(12, 15)])  # IoU 3/8
    assert prf_of(figures(gold, half), "quotes/detect") == (1, 1, 1)
    assert prf_of(figures(gold, below), "quotes/detect") == (0, 1, 1)
    assert figures(gold, half)["quotes/exact_span"]["acc"] == 0.0


def test_greedy_one_to_one_by_descending_iou():
    # gold A 0-10, B 3-13; pred Y 1-11 (IoU .82 with A, .67 with B), X 0-6 (.6 with A).
    # Greedy takes Y-A first; X then has only A, already taken: one match, not the
    # optimal assignment's two.
    gold = doc(quotes=[bare(0, 10), bare(3, 13)])
    pred = doc(quotes=[bare(0, 6), bare(1, 11)])
    assert prf_of(figures(gold, pred), "quotes/detect") == (1, 2, 2)
    # two predictions on one gold quote: only one can match
    twice = doc(quotes=[bare(0, 10), bare(0, 9)])
    assert prf_of(figures(doc(quotes=[bare(0, 10)]), twice), "quotes/detect") == (1, 2, 1)


def test_speaker_alias_and_speaker_also():
    people = [person("埃利奥特·哈里斯", aliases=["Elliott Harris"])]
    gold = doc(people=people, quotes=[
        quote(0, 10, "埃利奥特·哈里斯"),
        quote(12, 21, "2018年电子政务调查报告", speaker_also=["报告"]),
        quote(40, 48, "王五"),
    ])
    pred = doc(quotes=[quote(0, 10, "Elliott Harris"), quote(12, 21, "报告"),
                       quote(40, 48, "张三")])
    f = figures(gold, pred)
    assert prf_of(f, "quotes/detect") == (3, 3, 3)
    assert prf_of(f, "quotes/who_said_what") == (2, 3, 3)
    assert f["quotes/speaker_acc"]["acc"] == pytest.approx(2 / 3)


def test_null_speaker_matches_only_null():
    gold = doc(quotes=[quote(0, 10, None), quote(12, 21, "张三")])
    pred = doc(quotes=[quote(0, 10, None), quote(12, 21, None)])
    assert prf_of(figures(gold, pred), "quotes/who_said_what") == (1, 2, 2)


def test_tiers_standard_extended_and_ignored():
    gold = doc(quotes=[
        quote(0, 10, "甲"),  # no tier: core
        quote(12, 21, "张三", tier="implicit"),
        quote(40, 48, "王五", tier="optional"),
    ])
    pred = doc(quotes=[quote(0, 10, "甲"), quote(12, 21, "张三"), quote(40, 48, "王五"),
                       quote(25, 34, "张三", tier="implicit")])
    f = figures(gold, pred)
    # standard: implicit and optional gold are ignored, predictions on them dropped
    assert prf_of(f, "quotes/detect") == (1, 2, 1)
    # extended: the implicit one is matched (whatever the prediction's own tier field says)
    assert prf_of(f, "quotes_extended/detect") == (2, 3, 2)
    assert prf_of(f, "quotes_extended/who_said_what") == (2, 3, 2)


def test_kind_accuracy():
    gold = doc(quotes=[quote(25, 34, "张三", "direct"), quote(*CONTENT, "张三")])
    pred = doc(quotes=[quote(25, 34, "张三", "indirect"), quote(*CONTENT, "张三")])
    f = figures(gold, pred)
    assert f["quotes/kind_acc"] == {"acc": 0.5, "correct": 1, "n": 2}


# ------------------------------------------------------------------ whole documents

@pytest.fixture(scope="module")
def forum_gold(root):
    return json.loads((root / "seeds/forum.gold.json").read_text(encoding="utf-8"))


def test_gold_against_itself_scores_one_everywhere(forum_gold):
    f = figures(forum_gold, forum_gold)
    for key, v in f.items():
        assert v.get("f", v.get("acc")) == 1.0, key
    assert set(PRF_KEYS) <= set(f)


def test_empty_prediction_scores_zero_recall(forum_gold):
    f = figures(forum_gold, {})
    for key in PRF_KEYS:
        assert f[key]["r"] == 0.0 and f[key]["gold"] > 0, key


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=False))
def test_prediction_order_does_not_change_scores(forum_gold, rnd):
    pred = json.loads(json.dumps(forum_gold))
    # a noisy prediction: shifted, duplicated and respeakered quotes, reordered lists
    for q in pred["quotes"]:
        q["start"] += rnd.randint(0, 3)
        if rnd.random() < 0.3:
            q["speaker"] = "某人"
    # copies on the same span, some with another speaker: only one of each can match
    pred["quotes"] += [dict(q, speaker=rnd.choice([q["speaker"], "另一人"]))
                       for q in pred["quotes"] if rnd.random() < 0.3]
    pred["entities"] = [e for e in pred["entities"] if rnd.random() < 0.8]
    base = score_doc(forum_gold, pred)
    for key, v in base.items():
        hits, *totals = (v["tp"], v["pred"], v["gold"]) if "tp" in v else (v["correct"], v["n"])
        assert hits <= min(totals), key
    for field in ("quotes", "entities", "people"):
        rnd.shuffle(pred[field])
    for p in pred["people"]:
        rnd.shuffle(p["titles"])
    assert score_doc(forum_gold, pred) == base


def test_null_org_accepts_its_org_also():
    # SCHEMA §2: `本报记者X` gives (`记者`, null), with `本报` accepted
    gold = doc(people=[person("张三", title("记者", None, org_also=["本报"]))])
    for org in (None, "本报"):
        pred = doc(people=[person("张三", title("记者", org))])
        assert prf_of(figures(gold, pred), "titles/with_org") == (1, 1, 1)
    other = doc(people=[person("张三", title("记者", "新华社"))])
    assert prf_of(figures(gold, other), "titles/with_org") == (0, 1, 1)


def test_resolved_speakers_and_recall_by_kind():
    text = "他说，今年经济运行平稳。“我们有信心。”王五说。"
    gold = {"doc_id": "d", "entities": None, "people": [{"name": "李四", "aliases": [], "titles": []}],
            "quotes": [
                {"start": 3, "end": 11, "text": text[3:11], "kind": "indirect", "speaker": "李四",
                 "speaker_mention": {"start": 0, "end": 1, "text": "他"}},
                {"start": 13, "end": 19, "text": text[13:19], "kind": "direct", "speaker": "王五",
                 "speaker_mention": {"start": 20, "end": 22, "text": "王五"}}]}
    pred = {"doc_id": "d", "entities": [], "people": [],
            "quotes": [{"start": 3, "end": 11, "text": text[3:11], "kind": "indirect",
                        "speaker": "王五"}]}
    s = summarise([score_doc(gold, pred)])
    assert (s["quotes/speaker_resolved"]["correct"], s["quotes/speaker_resolved"]["n"]) == (0, 1)
    assert (s["quotes/recall_indirect"]["correct"], s["quotes/recall_indirect"]["n"]) == (1, 1)
    assert (s["quotes/recall_direct"]["correct"], s["quotes/recall_direct"]["n"]) == (0, 1)
