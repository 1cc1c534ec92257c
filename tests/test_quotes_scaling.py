"""The quotes stage's position indexes (built once per Doc so that long texts stay linear)
answer exactly as the scans over every entity and person that they replaced. No timing test:
the scans only showed at ×100 the forum article, too long for the suite on a shared machine;
docs/benchmarks.md records the scaling figure."""
import pytest
from hypothesis import given, settings, strategies as st

from zhpolicy_nlp.speakers.index import DocIndex

NEWS = (
    "国务院副总理王勇表示，要加快推进政务服务标准化。王勇指出，各地要抓好落实。\n"
    "国家发展改革委主任王晓明说：“今年经济运行总体平稳。”他强调，要稳住就业。\n"
    "外交部发言人汪文斌在例行记者会上说，中方愿同各方加强合作。王教授认为，数字政府建设任重道远。\n"
    "财政部副部长李明介绍，今年已下达专项资金三千亿元。李司长说，资金将尽快拨付到位。\n"
    "海关总署新闻发言人透露，前三季度进出口总值同比增长。世界银行官员预计，全球经济将放缓。\n"
)


@pytest.fixture(scope="module")
def ix(nlp):
    return DocIndex(nlp("\n".join([NEWS] * 3)))


@settings(max_examples=200, deadline=None)
@given(pos=st.integers(min_value=0, max_value=len(NEWS) * 3 + 2), span=st.integers(0, 400))
def test_indexes_answer_as_scans(ix, pos, span):
    """orgs_in, surname_person and last_named_before against the plain scans."""
    end = pos + span
    assert ix.orgs_in(pos, end) == [(s, e) for s, e in ix.orgs if pos <= s and e <= end]
    for char in {n[0] for _, _, n in ix.persons} | {"王"}:
        names = {n for s, _, n in ix.persons if s < pos and n.startswith(char) and len(n) > 1}
        assert ix.surname_person(char, pos) == (names.pop() if len(names) == 1 else None)
    for name in {n for _, _, n in ix.persons}:
        spans = [(s, e) for s, e, n in ix.persons_in(0, pos) if n == name]
        assert ix.last_named_before(name, pos) == (spans[-1] if spans else None)


def test_index_sees_people_and_orgs(ix):
    """The fixture exercises the indexes: several people, a shared surname, organisations."""
    names = {n for _, _, n in ix.persons}
    assert len(names) >= 3 and ix.orgs
    assert sum(n.startswith("王") for n in names) >= 2  # 王教授 is ambiguous, so no one

