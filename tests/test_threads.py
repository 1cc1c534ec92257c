"""``extract`` from several threads at once gives the serial results (issue #7).

jieba and the stages keep mutable state; the extractor serialises pipeline calls with one
process-wide lock. These tests would catch a stage that bypasses it (e.g. state kept
between calls) or a lock that is missing.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import zhpolicy_nlp
from zhpolicy_nlp.runtime.extractor import Extractor

# Hand-written government-news sentences, varied so that threads interleave different work.
TEXTS = [
    "国家统计局局长张三表示，经济运行总体平稳，就业形势保持稳定。",
    "外交部发言人李四11月8日在例行记者会上说：“中方愿同各方加强合作。”",
    "国务院总理王建国指出，要坚定不移推进改革开放。他强调，发展是第一要务。",
    "中国人民银行副行长欧阳明介绍，2024年前三季度人民币贷款增加16万亿元。",
    "北京市委书记刘某在调研时要求，各级部门要“以人民为中心”推进城市治理。",
    "报告显示，数字经济规模持续扩大。与会代表认为，应加强数据安全立法。",
    "世界银行首席经济学家Klaus Schwab表示：“中国经济展现出韧性。”",
    "“我们将继续扩大高水平对外开放，”商务部部长丁薛祥说，“欢迎外资企业来华投资。”",
]


def _serial(ex: Extractor, texts: list[str]) -> list[dict]:
    return [ex.extract(t, str(i)).to_dict() for i, t in enumerate(texts)]


def test_threads_match_serial(nlp):
    ex = Extractor(nlp, strict=True)
    texts = TEXTS * 4
    expected = _serial(ex, texts)
    with ThreadPoolExecutor(max_workers=6) as pool:
        got = list(pool.map(lambda a: ex.extract(a[1], str(a[0])).to_dict(), enumerate(texts)))
    assert got == expected


def test_threads_with_two_pipelines_match_serial(nlp):
    """Two separately loaded pipelines (each with its own jieba) used at once."""
    a, b = Extractor(nlp, strict=True), Extractor(zhpolicy_nlp.load().nlp, strict=True)
    expected = _serial(a, TEXTS)

    def run(ex: Extractor) -> list[dict]:
        return _serial(ex, TEXTS)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(run, [a, b, a, b]))
    assert all(r == expected for r in results)


def test_pipe_while_other_threads_extract(nlp):
    ex = Extractor(nlp, strict=True)
    expected = _serial(ex, TEXTS)
    with ThreadPoolExecutor(max_workers=3) as pool:
        streamed = pool.submit(lambda: [r.to_dict() for r in ex.pipe(
            {"doc_id": str(i), "text": t} for i, t in enumerate(TEXTS))])
        singles = [pool.submit(_serial, ex, TEXTS) for _ in range(2)]
        assert streamed.result() == expected
        assert all(f.result() == expected for f in singles)
