"""The lexicon/pattern entity layer: precise, maximal spans on modern government news."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhpolicy_nlp.ner.rules import rule_entities

MARK = re.compile(r"\[([^\[\]|]+)\|([A-Z]+)\]")


def parse(line: str) -> tuple[str, list[tuple[int, int, str]]]:
    """``[国家网信办|ORG]近日…`` → (text, gold spans)."""
    text, spans, pos = "", [], 0
    for m in MARK.finditer(line):
        text += line[pos:m.start()]
        start = len(text)
        text += m.group(1)
        spans.append((start, len(text), m.group(2)))
        pos = m.end()
    return text + line[pos:], spans


def in_scope(text: str, span: tuple[int, int, str]) -> bool:
    """Rules find ORG/LOC and only foreign dotted names or bracketed aliases as PERSON."""
    s, e, label = span
    return label != "PERSON" or "·" in text[s:e] or (s > 0 and text[s - 1] in "（(")


def score(path) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, gold = parse(line)
        gold_set = {g for g in gold if in_scope(text, g)}
        pred = set(rule_entities(text))
        tp += len(pred & gold_set)
        fp += len(pred - gold_set)
        fn += len(gold_set - pred)
    return tp, fp, fn


def ents(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], label) for s, e, label in rule_entities(text)]


@pytest.mark.parametrize("name", ["entity_rules_sentences.txt", "entity_rules_regression.txt",
                                  "entity_rules_regression2.txt", "entity_rules_regression3.txt"])
def test_sentence_sets_precision_recall(root, name):
    tp, fp, fn = score(root / "tests" / "data" / name)
    assert tp / (tp + fp) >= 0.9
    assert tp / (tp + fn) >= 0.85


@pytest.mark.parametrize("text, expected", [
    ("国家网信办信息化发展局局长出席。", [("国家网信办信息化发展局", "ORG")]),
    ("浙江省人民政府信息公开办公室主任介绍。", [("浙江省人民政府信息公开办公室", "ORG")]),
    ("清华大学国家治理研究院执行院长发言。", [("清华大学国家治理研究院", "ORG")]),
    ("长沙市委常委、浏阳市委书记出席。", [("长沙市委", "ORG"), ("浏阳市委", "ORG")]),
    ("中共长沙市委召开会议。", [("中共长沙市委", "ORG")]),
    ("会议在苏州国际会议中心举行。", [("苏州国际会议中心", "LOC")]),
    ("成都高新技术产业开发区管理委员会出台政策。", [("成都高新技术产业开发区管理委员会", "ORG")]),
    ("四川省成都市将建设试验区。", [("四川省成都市", "LOC")]),
    ("中国共产党中央委员会发出贺电。", [("中国共产党中央委员会", "ORG")]),
    ("浙江省杭州市余杭区良渚街道是试点。", [("浙江省杭州市余杭区良渚街道", "LOC")]),
    ("中国驻美国大使馆发言人答问。", [("中国驻美国大使馆", "ORG")]),
    ("中国女队夺得冠军。", [("中国女队", "ORG")]),
    ("中国科学技术大学潘建伟团队取得突破。", [("中国科学技术大学", "ORG")]),
    ("应急管理部派出工作组赶赴灾区。", [("应急管理部", "ORG")]),
    ("管理委员会与新加坡企业签署协议。", [("新加坡", "LOC")]),
    ("广州市越秀区人民法院开庭。", [("广州市越秀区人民法院", "ORG")]),
    ("中国人民银行长沙中心支行召开会议。", [("中国人民银行长沙中心支行", "ORG")]),
    ("中国建设银行湖南省分行与省农业农村厅签约。", [("中国建设银行湖南省分行", "ORG")]),
    ("全国人大常委会法制工作委员会发言人答问。", [("全国人大常委会法制工作委员会", "ORG")]),
    ("岳麓区望月湖街道办事处组织活动。", [("岳麓区望月湖街道办事处", "ORG")]),
    ("欧洲联盟委员会主席表示。", [("欧洲联盟委员会", "ORG")]),
    ("日本外务省发言人回应。", [("日本外务省", "ORG")]),
    ("他在公安部打击银行卡犯罪专项行动发布会上说。", [("公安部", "ORG")]),
    ("法国巴黎圣母院大教堂", [("法国", "LOC"), ("巴黎", "LOC")]),
    ("保监会非常鼓励保险公司实行差异化经营。", [("保监会", "ORG")]),
    ("重庆农商行和天津农村合作银行除外。", [("重庆", "LOC"), ("天津农村合作银行", "ORG")]),
    ("利物浦首选平局。", [("利物浦", "LOC")]),
    ("美国大学协会有成员61个。", [("美国大学协会", "ORG")]),
    ("这是评价美国大学教育质量的指标。", [("美国", "LOC")]),
    ("这是中国电影史上第一部恐怖片。", [("中国", "LOC")]),
    ("他在上海任银行职员。", [("上海", "LOC")]),
    # an adverb after a place subject is no name's body word (…陆续举|办, …当前乱|局)
    ("近期将在广州陆续举办系列活动。", [("广州", "LOC")]),
    ("他说上海当前乱局须尽快结束。", [("上海", "LOC")]),
    # a police station takes its place's name; a county's 乡镇派出所 are no named one
    ("他调入昌平区派出所工作。", [("昌平区派出所", "ORG")]),
    ("他在大兴区乡镇派出所工作多年。", [("大兴区", "LOC")]),
])
def test_maximal_spans(text, expected):
    assert ents(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("、太极计算机股份有限公司协办。", [("太极计算机股份有限公司", "ORG")]),
    ("邀请了华为投资控股有限公司董事。", [("华为投资控股有限公司", "ORG")]),
    ("，北京金山云网络技术有限公司首席执行官。", [("北京金山云网络技术有限公司", "ORG")]),
    ("腾讯公司副总裁介绍。", [("腾讯公司", "ORG")]),
    ("这家公司和多家上市公司都有合作。", []),
    ("中国公司在海外投资增长。", [("中国", "LOC")]),
    ("上海一银行交易员表示。", [("上海", "LOC")]),
    ("腾讯科技（深圳）有限公司诉某公司。", [("腾讯科技（深圳）有限公司", "ORG")]),
    ("2018年11月8日太极计算机股份有限公司发布公告。", [("太极计算机股份有限公司", "ORG")]),
])
def test_companies(text, expected):
    assert ents(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("秘书长埃利奥特·哈里斯（Elliott Harris）认为。",
     [("埃利奥特·哈里斯", "PERSON"), ("Elliott Harris", "PERSON")]),
    ("秘书长安东尼奥·古特雷斯（António Guterres）说。",
     [("安东尼奥·古特雷斯", "PERSON"), ("António Guterres", "PERSON")]),
    ("国务卿安东尼·布林肯抵达。", [("安东尼·布林肯", "PERSON")]),
    ("总干事恩戈齐·奥孔乔-伊韦阿拉表示。", [("恩戈齐·奥孔乔-伊韦阿拉", "PERSON")]),
    ("劳动模范安娜·卡列宁娜出席。", [("安娜·卡列宁娜", "PERSON")]),   # 模范's 范 is no syllable
    # surname + 某某 / 某: a person the text leaves unnamed; 某 before a noun is "a certain"
    ("法院宣判，被告人郁某某因污染环境获刑。", [("郁某某", "PERSON")]),
    ("，韩某表示认罪。", [("韩某", "PERSON")]),
    ("他们向某地运送物资。", []),
    ("在新中国成立七十周年之际", [("新中国", "LOC")]),
    ("外交部发言人办公室发布消息。", [("外交部发言人办公室", "ORG")]),
    # a 社区 is a named place that a body may follow; 当 (serve as) is no name word
    ("他到朝阳区望京街道花园社区当主任。", [("朝阳区望京街道花园社区", "LOC")]),
    ("办公室主任郑在根（Chae Gun Chung）出席。", [("Chae Gun Chung", "PERSON")]),
    ("第五届世界互联网大会（World Internet Conference）开幕。", []),
    ("亚洲基础设施投资银行（AIIB）年会", [("亚洲基础设施投资银行", "ORG"), ("AIIB", "ORG")]),
    ("国家互联网信息办公室（网信中心）发布", [("国家互联网信息办公室", "ORG"), ("网信中心", "ORG")]),
    ("海尔（集团）有限公司成立。", [("海尔（集团）有限公司", "ORG")]),
])
def test_foreign_names_and_aliases(text, expected):
    assert ents(text) == expected


@pytest.mark.parametrize("text", [
    "各部门要加强协作，全部工作任务须在年底前完成。",
    "他穿着一身中山装，在会上作了发言。",
    "来宾品尝了普洱茶和三明治，参观了大理石雕刻。",
    "该局相关负责人介绍，全市共办理行政许可事项三千余件。",
    "局部地区可能发生山洪，教育部门要做好准备。",
    "全面推进乡村振兴，振兴乡村经济，促进民族团结乡风文明。",
    "小城镇建设和古镇保护要统筹推进。",
])
def test_no_false_positives(text):
    assert rule_entities(text) == []


@pytest.mark.parametrize("text, expected", [
    ("会议邀请了华为、腾讯、浪潮、百度等企业负责人。",
     [("华为", "ORG"), ("腾讯", "ORG"), ("浪潮", "ORG"), ("百度", "ORG")]),
    ("华为、中兴、小米等企业参展。", [("华为", "ORG")]),      # too few known members
    ("我们与浪潮、华为、腾讯等企业合作。", [("华为", "ORG"), ("腾讯", "ORG")]),   # first: unclear edge
    ("北京、上海、广州等城市。", [("北京", "LOC"), ("上海", "LOC"), ("广州", "LOC")]),
    ("会议邀请外交部、商务部、工信部、数据局等相关部门参加。",
     [("外交部", "ORG"), ("商务部", "ORG"), ("工信部", "ORG"), ("数据局", "ORG")]),
    ("教育、卫生、民政等部门要配合。", []),
])
def test_lists_of_organisations(text, expected):
    assert ents(text) == expected


def test_place_name_inside_person_name_is_not_loc():
    assert ents("百度技术委员会理事长陈尚义说。") == [("百度技术委员会", "ORG")]


def test_country_government_is_only_the_country():
    assert ents("中国政府高度重视。") == [("中国", "LOC")]


def test_forum_gold_org_loc(root):
    text = (root / "seeds" / "forum.txt").read_text(encoding="utf-8")
    gold = json.loads((root / "seeds" / "forum.gold.json").read_text(encoding="utf-8"))
    optional = {(e["start"], e["end"], e["label"]) for e in gold["entities"] if e.get("optional")}
    pred = [p for p in rule_entities(text) if p not in optional]
    for label in ("ORG", "LOC"):
        g = {(e["start"], e["end"], e["label"]) for e in gold["entities"]
             if e["label"] == label and not e.get("optional")}
        p = {x for x in pred if x[2] == label}
        assert len(p & g) / len(p) >= 0.95
        assert len(p & g) / len(g) >= 0.9


def test_runs_of_names_stay_bounded():
    spans = rule_entities("国家网信办信息局委" * 200)
    assert spans and max(e - s for s, e, _ in spans) <= 40


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("国家网信办发展局中国北京市委公司有限·（）Ab长部门、，省政府")),
               max_size=40))
def test_spans_are_valid_and_disjoint(text):
    spans = rule_entities(text)
    last = 0
    for s, e, label in spans:
        assert 0 <= s < e <= len(text) and s >= last
        assert label in ("ORG", "LOC", "PERSON")
        last = e


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(list("国家网信办发展局中国北京市委公司有限长沙陈尚义·（）科技集团")
                               + ["华为", "腾讯", "浪潮", "、", "等企业"]), max_size=30).map("".join))
def test_sentence_start_is_like_a_full_stop(text):
    """Spans depend on the sentence, not on where it sits in the document."""
    shifted = [(s + 1, e + 1, label) for s, e, label in rule_entities(text)]
    assert rule_entities("。" + text) == shifted


def test_rule_patterns_do_not_depend_on_the_hash_seed():
    # a regex alternation built from a set would try `其` before `其中` in some processes only
    import os
    import subprocess
    import sys

    code = ("from zhpolicy_nlp.ner import rules; t = rules._tables(); "
            "print(t.left_stop_re.pattern); print(t.chain_stop_re.pattern)")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3")}
    assert len(outs) == 1


@pytest.mark.parametrize("text, expected", [
    ("同事阿布来提·艾合买提说，大家都很想念他。", [("阿布来提·艾合买提", "PERSON")]),
    ("买买提江·吐尔逊表示，村里变化很大。", [("买买提江·吐尔逊", "PERSON")]),
    ("安德烈·科兹来华访问。", [("安德烈·科兹", "PERSON")]),
    ("外交部正组织各方开展工作。", [("外交部", "ORG")]),
])
def test_dotted_names_and_adverbs_at_the_edges(text, expected):
    """Uyghur/Kazakh syllables (来, 合, 江) inside dotted names; a verb (来华) after one ends it;
    the adverb 正 after an ORG is no body word (外交部|正组织)."""
    assert ents(text) == expected
