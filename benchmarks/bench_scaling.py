"""Timings of the inputs that once grew faster than linearly; the tests check these cases'
results, this script their speed (wall-clock figures do not belong in tests on a shared CI).

Run: ``python benchmarks/bench_scaling.py``. Each line: case, seconds (best of 3), and the
figure the case was written against on an idle machine.
"""
from __future__ import annotations

from pathlib import Path

import zhpolicy_nlp
from zhpolicy_nlp.ner.rules import rule_entities
from zhpolicy_nlp.quotes.component import QuoteAttributor
from zhpolicy_nlp.result import clean, text_sha256
from zhpolicy_nlp.schema import Extraction, Quote
from zhpolicy_nlp.spans import set_char_entities

from bench_ner import best_of  # the sibling script: one timing helper for the benchmarks

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    nlp = zhpolicy_nlp.load().nlp
    quotes = QuoteAttributor(nlp)

    text = "国家发展和改革委员会副主任赵辰昕表示，要扩大有效投资。\n" * 2000
    starts = [i for i in range(len(text)) if text.startswith("赵辰", i)]
    doc = nlp.make_doc(text)
    print(f"split 2,000 tokens in 54k chars: {best_of(3, lambda: set_char_entities(doc, [(i, i + 2, 'PERSON') for i in starts])):.3f} s (was < 0.5; quadratic ~2.3)")

    para = ("国家统计局新闻发言人付凌晖表示，经济运行总体平稳。他说，消费持续恢复，就业形势稳定。"
            "“我们有信心实现全年目标。”付凌晖说。会议期间，代表们参观了科技园区。\n") * 200

    def long_article() -> None:
        d = set_char_entities(nlp.make_doc(para), [(i, i + 3, "PERSON") for i in range(len(para))
                                                   if para.startswith("付凌晖", i)])
        d._.people = []
        quotes(d)
    print(f"quotes of a 14k-char article: {best_of(3, long_article):.3f} s (was < 2)")

    endless = "张三表示，要加强管理，并指出，要提高效率，他认为，应当继续努力" * 1000

    def one_sentence() -> None:
        d = nlp.make_doc(endless)
        d._.people = []
        quotes(d)
    print(f"quotes of one 32k-char sentence: {best_of(3, one_sentence):.3f} s (was < 2)")

    q_text = "报告说，好。" * 50_000
    qs = [Quote(6 * i + 4, 6 * i + 5, "好", "indirect", "报告") for i in range(50_000)]
    ext = Extraction("q", text_sha256(q_text), quotes=qs)
    print(f"contract check of 50,000 quotes: {best_of(3, lambda: clean(ext, q_text)):.3f} s (was < 10)")

    forum = (ROOT / "seeds" / "forum.txt").read_text(encoding="utf-8") * 3
    t = best_of(3, lambda: rule_entities(forum))
    print(f"rule entities: {len(forum) / t:,.0f} chars/s (was > 300,000)")


if __name__ == "__main__":
    main()
