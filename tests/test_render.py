"""HTML view: well-nested marks, quotes linked to speakers, and a real browser loading it."""
import json
import os
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhpolicy_nlp import cli
from zhpolicy_nlp.render import html as render
from zhpolicy_nlp.result import text_sha256
from zhpolicy_nlp.schema import Entity, Extraction, Person, Quote, TextSpan, Title

TEXT = ("国家发展改革委副秘书长王明介绍了有关情况。他说：“我们将进一步扩大开放。”\n"
        "调研组认为，各地政务数据共享取得积极进展。")


def span(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def example() -> Extraction:
    def ent(sub, label):
        return Entity(*span(TEXT, sub), sub, label)

    def ts(sub):
        return TextSpan(*span(TEXT, sub), sub)

    q1, q2 = "我们将进一步扩大开放。", "各地政务数据共享取得积极进展。"
    return Extraction(
        doc_id="demo", text_sha256=text_sha256(TEXT),
        entities=[ent("国家发展改革委", "ORG"), ent("副秘书长", "TITLE"), ent("王明", "PERSON")],
        people=[Person("王明", titles=[Title("副秘书长", "国家发展改革委")],
                       mentions=[ts("王明")])],
        quotes=[Quote(*span(TEXT, q1), q1, "direct", "王明", ts("他"), ts("说")),
                Quote(*span(TEXT, q2), q2, "indirect", "调研组", ts("调研组"), ts("认为"))],
    )


class Nesting(HTMLParser):
    """Checks tags close in order and collects the text and ids."""

    VOID = {"meta", "br"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.hrefs, self.text = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids.add(a["id"])
        if a.get("href", "").startswith("#"):
            self.hrefs.append(a["href"][1:])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Nesting:
    p = Nesting()
    p.feed(html)
    p.close()
    assert p.stack == []
    return p


def test_doc_links_every_quote_to_its_speaker():
    html = render.render_doc(0, TEXT, example())
    p = parse(html)
    assert set(p.hrefs) <= p.ids  # every link lands somewhere
    assert {"d0-q0", "d0-q1", "d0-p0", "d0-q0-speaker"} <= p.ids
    assert '<a class="speaker-link" href="#d0-p0">→ 王明</a>' in html
    assert '<span class="speaker-link source">→ 调研组</span>' in html  # not a person
    assert "副秘书长 @ 国家发展改革委" in html
    assert html.count('class="quote ') == 2


marks = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 2)), max_size=12)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="王明说：“<&>”\n，", min_size=0, max_size=30), spans=marks)
def test_mark_up_is_well_nested_and_keeps_the_text(text, spans):
    ms = [render.Mark(a, b, layer, "span", f'class="l{layer}"', tail="") for a, b, layer in spans]
    p = parse(render.mark_up(text, ms))
    assert "".join(p.text) == text


def test_cli_render_from_predictions(tmp_path):
    src = tmp_path / "demo.txt"
    src.write_text(TEXT, encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(example().to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "page.html"
    assert cli.main(["render", str(src), "--pred", str(pred), "-o", str(out)]) == 0
    p = parse(out.read_text(encoding="utf-8"))
    assert "我们将进一步扩大开放。" in "".join(p.text)

    src.write_text(TEXT + "改", encoding="utf-8")  # predictions made from another text
    assert cli.main(["render", str(src), "--pred", str(pred), "-o", str(out)]) == 1
    assert "different text" in out.read_text(encoding="utf-8")


def test_cli_render_runs_the_pipeline(tmp_path, ex, monkeypatch):
    import zhpolicy_nlp

    monkeypatch.setattr(zhpolicy_nlp, "load", lambda model=None: ex)
    src = tmp_path / "demo.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "page.html"
    assert cli.main(["render", str(src), "-o", str(out)]) == 0
    assert parse(out.read_text(encoding="utf-8")).ids >= {"d0"}


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def test_page_in_a_real_browser(tmp_path):
    """Chromium loads the page; its DOM holds the quotes and their speaker links.
    CI sets ZHPOLICY_REQUIRE_BROWSER=1, so there a missing browser fails instead of skipping."""
    browser = _chromium()
    if browser is None:
        if os.environ.get("ZHPOLICY_REQUIRE_BROWSER"):
            pytest.fail("ZHPOLICY_REQUIRE_BROWSER is set but no chromium is installed")
        pytest.skip("chromium not installed (apt-get install chromium); .ci/run installs it")
    page = tmp_path / "page.html"
    page.write_text(render.page([render.render_doc(0, TEXT, example())]), encoding="utf-8")
    js_probe = tmp_path / "probe.html"
    js_probe.write_text(
        f'<iframe id="f" src="{page.as_uri()}"></iframe><pre id="out"></pre><script>'
        "document.getElementById('f').onload = () => {"
        "  const d = document.getElementById('f').contentDocument;"
        "  const qs = [...d.querySelectorAll('section.doc .quote')].map(q => {"
        "    const link = q.querySelector('a.speaker-link');"
        "    const row = link && d.getElementById(link.getAttribute('href').slice(1));"
        "    return [q.textContent, row ? row.querySelector('th').textContent : null]; });"
        "  document.getElementById('out').textContent = 'RESULT' + JSON.stringify(qs) + 'END'; };"
        "</script>", encoding="utf-8")
    run = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
         "--virtual-time-budget=5000", "--dump-dom", js_probe.as_uri()],
        capture_output=True, text=True, timeout=90)
    dom = run.stdout
    assert "RESULT" in dom, run.stderr[-2000:]
    quotes = json.loads(dom[dom.index("RESULT") + 6:dom.index("END")])
    assert quotes == [["我们将进一步扩大开放。→ 王明", "王明"],
                      ["各地政务数据共享取得积极进展。→ 调研组", None]]
