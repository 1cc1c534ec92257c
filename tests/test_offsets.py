"""Offsets contract (SCHEMA §1): on any text, every returned span is ``text[start:end]``."""
from hypothesis import example, given, settings
from hypothesis import strategies as st

MARKS = "“”「」『』\"'：:，。！？；、\n \u3000"
NEWSY = "国家发展改革委副秘书长任志武表示说指出认为他她们记者报道称据介绍年月日中国北京部长主任会议"

texts = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=MARKS + NEWSY, max_size=120),
    st.lists(st.sampled_from([
        "他说", "她表示，", "任志武说：", "“", "”", "「", "」", "\"", "，", "。", "\n",
        "国家统计局局长张三", "表示", "经济运行总体平稳", "据介绍", "。”", "：“",
    ]), max_size=25).map("".join),
)


def spans_of(res: dict):
    """Every span in a result, named by where it sits."""
    for i, e in enumerate(res["entities"]):
        yield f"entities[{i}]", e
    for i, p in enumerate(res["people"]):
        for j, m in enumerate(p["mentions"]):
            yield f"people[{i}].mentions[{j}]", m
    for i, q in enumerate(res["quotes"]):
        yield f"quotes[{i}]", q
        for part in ("speaker_mention", "cue"):
            if q.get(part) is not None:
                yield f"quotes[{i}].{part}", q[part]


@settings(max_examples=60, deadline=None)
@given(texts)
@example("")
@example("   \n\t\u3000")
@example("“")
@example("”")
@example("「")
@example("\"")
@example("他说：“")
@example("”她表示，")
@example("国家统计局局长张三表示，经济运行总体平稳。他说：“要稳就业。”")
def test_every_span_is_its_text(ex, text):
    res = ex.extract(text).to_dict()
    for where, span in spans_of(res):
        assert 0 <= span["start"] <= span["end"] <= len(text), where
        assert text[span["start"]:span["end"]] == span["text"], where
