"""The HTML review page (--format html): parsed, and rendered in headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.engine import Options, check_file
from checker.formatters import document_formatter, format_names

import pairs as P
from conftest import CORPUS, corpus_file

C000 = str(corpus_file("000"))
C001 = str(corpus_file("001"))  # its body is pasted twice: a duplicate-block


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


class Page(HTMLParser):
    """Every element with its attributes, the ids, the links and the text under each id."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "area", "base", "col", "embed", "param", "track"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.ids: dict[str, tuple[str, dict]] = {}
        self.duplicate_ids: list[str] = []
        self.links: list[str] = []
        self.text_by_id: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if "id" in a:
            if a["id"] in self.ids:
                self.duplicate_ids.append(a["id"])
            self.ids[a["id"]] = (tag, a)
            self.text_by_id[a["id"]] = ""
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag not in self.VOID:
            self._open.append((tag, a.get("id")))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self._open.pop()

    def handle_endtag(self, tag):
        while self._open:
            open_tag, _ = self._open.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        for _, ident in self._open:
            if ident is not None:
                self.text_by_id[ident] += data

    def with_class(self, cls: str) -> list[dict]:
        return [a for _, a in self.elements if cls in (a.get("class") or "").split()]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A batch of the five corpus reports and the 2025 successor of 000, as HTML and as JSON."""
    folder = tmp_path_factory.mktemp("batch")
    for src in sorted(CORPUS.glob("*.txt")):
        (folder / src.name).write_bytes(src.read_bytes())
    (folder / "000_8b1a2ce855df5433.txt").rename(folder / "辽源市_2024.txt")
    P.write(folder / "辽源市_2025.txt", P.NEXT_2025)
    out = tmp_path_factory.mktemp("out") / "review.html"  # not in the folder: .html is an input format too
    res = run("lint", "--format", "html", "-o", str(out), str(folder), "--previous", str(folder), "--jobs", "1")
    assert res.exit_code == 1  # some reports fail
    js = run("lint", "--format", "json", str(folder), "--previous", str(folder), "--jobs", "1")
    return out.read_text(encoding="utf-8"), json.loads(js.stdout)["reports"]


def test_html_is_a_registered_format():
    assert "html" in format_names()
    assert run("lint", "--help").stdout.count("html") >= 1


def test_every_link_resolves_and_ids_are_unique(batch):
    page = Page(batch[0])
    assert page.duplicate_ids == []
    internal = [h for h in page.links if h.startswith("#")]
    assert len(internal) > 100
    assert [h for h in internal if h[1:] not in page.ids] == []
    assert [h for h in page.links if not h.startswith("#")] == []  # no link leaves the page


def test_self_contained(batch):
    """No external file; one small inline script (sorting and filtering the scoreboard), no other."""
    html = batch[0]
    page = Page(html)
    assert not [t for t, a in page.elements if t in ("link", "img", "iframe", "object", "embed")]
    assert [t for t, a in page.elements if t == "script"] == ["script"] and html.count("<script>") == 1
    assert not [a for _, a in page.elements if "src" in a]
    assert "http://" not in html and "https://" not in html and "url(" not in html
    assert '<meta charset="utf-8">' in html and '<html lang="zh-CN">' in html
    assert "Noto Sans CJK SC" in html  # a CJK font stack


def test_every_finding_has_an_anchor_and_is_marked_at_its_line(batch):
    page = Page(batch[0])
    reports = batch[1]
    assert len(reports) == 6
    for i, rep in enumerate(reports, 1):
        for k, f in enumerate(rep["findings"], 1):
            item = page.ids.get(f"r{i}-f{k}")
            assert item is not None, (rep["path"], f)
            assert f"sev-{f['severity']}" in item[1]["class"]
            text = page.text_by_id[f"r{i}-f{k}"]
            assert f["message"] in text and f"[{f['rule']}]" in text
            if f["fix"]:
                assert f["fix"] in text
            if f["line"] is not None:
                line = page.ids[f"r{i}-L{f['line']}"]
                assert f"sev-" in line[1]["class"]  # the line is coloured
                note = page.ids[f"r{i}-n{k}"]  # and the note sits beside it
                assert f["message"] in page.text_by_id[f"r{i}-n{k}"]
                assert f["message"] in page.text_by_id[f"r{i}-L{f['line']}"]
                assert note[1]["class"] == f"note sev-{f['severity']}"


def test_every_part_has_a_row_linking_to_its_heading(batch):
    page = Page(batch[0])
    for i, rep in enumerate(batch[1], 1):
        for p in rep["parts"]:
            row = page.ids.get(f"r{i}-part-{p['id']}")
            assert row is not None and row[0] == "tr" and f"st-{p['status']}" in row[1]["class"]
            text = page.text_by_id[f"r{i}-part-{p['id']}"]
            if p["heading"]:
                assert p["heading"] in text
            if p["line"] is not None:
                assert f"第 {p['location'] or p['line']} 行" in text
                assert f"r{i}-L{p['line']}" in page.ids


def test_duplicate_blocks_link_to_each_other(batch):
    page = Page(batch[0])
    i = next(i for i, rep in enumerate(batch[1], 1) if rep["path"].endswith("001_297f17fcf4cf510c.txt"))
    dups = [(k, f) for k, f in enumerate(batch[1][i - 1]["findings"], 1) if f["rule"] == "duplicate-block"]
    assert dups
    for k, f in dups:
        assert f["related_line"] is not None
        assert f"另一处：第 {f['related_line']} 行" in page.text_by_id[f"r{i}-f{k}"]
        assert f"r{i}-n{k}" in page.text_by_id  # the note at the copy ...
        assert "重复了这里" in page.text_by_id[f"r{i}-L{f['related_line']}"]  # ... and the way back from the original


def test_scoreboard_failing_first_then_by_score_with_charts(batch):
    html, reports = batch
    page = Page(html)
    assert "scoreboard" in page.ids and "charts" in page.ids
    rows = [h for h in page.links if h.startswith("#r") and "-" not in h]
    ranked = sorted(range(1, len(reports) + 1), key=lambda i: (reports[i - 1]["passed"], reports[i - 1]["score"], i))
    assert rows[: len(reports)] == [f"#r{i}" for i in ranked]
    assert not reports[ranked[0] - 1]["passed"] and reports[ranked[-1] - 1]["passed"]
    svgs = [a for t, a in page.elements if t == "svg"]
    assert [a["aria-label"] for a in svgs] == ["得分分布", "缺少的部分"]
    assert "不足的原因" in html.split('aria-label="缺少的部分"')[1].split("</svg>")[0]


def test_scoreboard_says_why_a_report_fails(batch, rulebook):
    board = Page(batch[0]).text_by_id["scoreboard"]
    assert rulebook.rule("duplicate-block").description in board  # 001: its body pasted twice
    assert "缺少必备部分" in board  # the reports without causes


def test_cross_year_findings_are_on_the_page(batch):
    html, reports = batch
    i = next(i for i, rep in enumerate(reports, 1) if rep["path"].endswith("辽源市_2025.txt"))
    page = Page(html)
    copied = P.line_of(P.NEXT_2025, "二是紧盯关键环节")
    assert "copied-plan" in page.text_by_id[f"r{i}-L{copied}"]
    assert "上热中温下冷" in page.text_by_id[f"r{i}"]


def test_single_report_has_no_scoreboard(tmp_path):
    out = tmp_path / "one.html"
    assert run("lint", "--format", "html", "-o", str(out), C000).exit_code == 0
    page = Page(out.read_text(encoding="utf-8"))
    assert "scoreboard" not in page.ids and "r1" in page.ids and "r1-part-measures" in page.ids


def test_text_is_escaped(tmp_path, rulebook):
    lines = list(P.NEXT_2025)
    lines[1] = '2025年,<script>alert("x")</script>&amp;坚持依法行政,<b onmouseover="x()">现将</b>有关情况报告如下。'
    path = P.write(tmp_path / "evil<1>.txt", lines)
    html = document_formatter("html")([check_file(path, rulebook, Options(keep_lines=True))], rulebook)
    page = Page(html)
    assert not [t for t, _ in page.elements if t in ("script", "b")]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;" in html
    assert "evil&lt;1&gt;.txt" in html
    assert '<script>alert("x")</script>&amp;' in page.text_by_id["r1-L2"]


def test_unreadable_file_in_a_batch(tmp_path):
    bad = tmp_path / "bad.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0 legacy word")
    out = tmp_path / "review.html"
    res = run("lint", "--format", "html", "-o", str(out), C000, str(bad))
    assert res.exit_code == 2
    page = Page(out.read_text(encoding="utf-8"))
    assert "bad.doc" in page.text_by_id["r2"] and "无法读取" in page.text_by_id["scoreboard"]


def test_html_is_deterministic():
    files = [C000, C001]
    a = run("lint", "--format", "html", "--jobs", "1", *files).stdout
    b = run("lint", "--format", "html", "--jobs", "2", *files).stdout
    assert a == b and a.startswith("<!DOCTYPE html>")


def test_other_formats_do_not_carry_the_text(rulebook):
    assert check_file(C000, rulebook, Options()).lines == []
    kept = check_file(C000, rulebook, Options(keep_lines=True)).lines
    assert kept[0][0] == 1 and kept[1][2].startswith("一、2024年度推进法治政府建设")


# ---------------------------------------------------------------- in a real browser

def _screenshot_flags() -> list[str]:
    """The Chromium flags of scripts/review_screenshot.py (one list for the script and the test)."""
    import importlib.util

    from conftest import REPO

    spec = importlib.util.spec_from_file_location("review_screenshot", REPO / "scripts" / "review_screenshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FLAGS


CHROMIUM_FLAGS = _screenshot_flags()

#: appended to a copy of the page: measures what the browser laid out and writes it into the DOM
PROBE = """<script>
(function () {
  function shown(el) {
    var r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none" && parseFloat(s.opacity) > 0;
  }
  var out = {parts: [], notes: [], marked: [], width: document.documentElement.scrollWidth};
  document.querySelectorAll("table.parts tbody tr").forEach(function (tr) { out.parts.push([tr.id, shown(tr)]); });
  document.querySelectorAll(".note").forEach(function (n) {
    out.notes.push([n.id, shown(n), n.closest(".ln").id, getComputedStyle(n).borderTopColor]);
  });
  document.querySelectorAll(".ln.sev-error, .ln.sev-warning, .ln.sev-info").forEach(function (l) {
    var sev = l.className.match(/sev-(\\w+)/)[1];
    out.marked.push([l.id, sev, shown(l), getComputedStyle(l.querySelector(".tx")).backgroundColor]);
  });
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium(browser, *args, timeout=120):
    with tempfile.TemporaryDirectory(prefix="checker-chromium-") as profile:
        return subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            timeout=timeout,
            env={**os.environ, "HOME": profile},
        )


def test_review_page_in_headless_chromium(batch, tmp_path):
    browser = find_chromium()
    if browser is None:
        pytest.skip("没有找到 Chromium（Debian: apt-get install chromium），跳过浏览器测试")
    html = batch[0]
    page = tmp_path / "review.html"
    page.write_text(html, encoding="utf-8")
    probed = tmp_path / "probed.html"
    probed.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")

    dom = chromium(browser, "--window-size=1280,900", "--dump-dom", probed.as_uri())
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-500:]
    probe = Page(dom.stdout.decode("utf-8"))
    result = json.loads(probe.text_by_id["probe"])
    static = Page(html)

    # the checklist: every part row of every report is laid out and visible
    assert len(result["parts"]) == len(static.with_class("parts")) * 7 == 6 * 7
    assert all(visible for _, visible in result["parts"])
    # the marked findings: every note visible beside its line, every marked line coloured by severity
    with_line = sum(1 for rep in batch[1] for f in rep["findings"] if f["line"] is not None)
    assert len(result["notes"]) == len(static.with_class("note")) == with_line > 10
    assert all(visible for _, visible, _, _ in result["notes"])
    colours = {"error": "rgb(254, 243, 242)", "warning": "rgb(255, 250, 235)", "info": "rgb(239, 248, 255)"}
    assert {sev for _, sev, _, _ in result["marked"]} == set(colours)
    for ident, sev, visible, background in result["marked"]:
        assert visible and background == colours[sev], ident
    assert result["width"] <= 1280  # no horizontal scrolling at a common screen width

    shot = tmp_path / "review.png"
    taken = chromium(browser, "--window-size=1280,1600", f"--screenshot={shot}", page.as_uri())
    assert taken.returncode == 0 and shot.exists(), taken.stderr.decode(errors="replace")[-500:]
    from PIL import Image

    with Image.open(shot) as img:
        assert img.size == (1280, 1600)
        colours_used = img.convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours_used is None or len(colours_used) > 50  # text, tables and charts were drawn, not a blank page


#: clicks the scoreboard's headings and sets its filters, then writes what the rows did into the DOM
SORT_PROBE = """<script>
(function () {
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("#board tbody tr")); }
  function order() { return rows().map(function (r) { return r.querySelector("a").getAttribute("href"); }); }
  function visible() { return rows().filter(function (r) { return r.getBoundingClientRect().height > 0; }).length; }
  function head(k) { return document.querySelector('#board th[data-key="' + k + '"] button'); }
  var out = {initial: order(), filters: getComputedStyle(document.querySelector("#board tr.filters")).display};
  head(4).click(); out.score_up = order();
  head(4).click(); out.score_down = order();
  head(3).click(); out.year_up = order();
  var verdict = document.querySelector('#board select[data-col="5"]');
  verdict.value = "通过"; verdict.dispatchEvent(new Event("change")); out.passed_only = visible();
  verdict.value = ""; verdict.dispatchEvent(new Event("change")); out.all = visible();
  var missing = document.querySelector('#board input[data-col="9"]');
  missing.value = "原因"; missing.dispatchEvent(new Event("input")); out.missing_causes = visible();
  out.count = document.getElementById("shown-count").textContent;
  var wrap = document.querySelector("#scoreboard .scroll");
  out.page_width = document.documentElement.scrollWidth;
  out.viewport = window.innerWidth;
  out.phone_layout = getComputedStyle(document.querySelector(".head")).flexDirection;
  out.board_scrolls = wrap.scrollWidth > wrap.clientWidth;
  out.name_column = document.querySelector('#board th[data-key="1"]').getBoundingClientRect().width;
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""


def _probe(browser, html: str, tmp_path, width: int, height: int = 900) -> dict:
    probed = tmp_path / f"sorted-{width}.html"
    probed.write_text(html.replace("</body>", SORT_PROBE + "</body>"), encoding="utf-8")
    dom = chromium(browser, f"--window-size={width},{height}", "--dump-dom", probed.as_uri())
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-500:]
    return json.loads(Page(dom.stdout.decode("utf-8")).text_by_id["probe"])


def test_scoreboard_sorts_and_filters_in_headless_chromium(batch, tmp_path):
    browser = find_chromium()
    if browser is None:
        pytest.skip("没有找到 Chromium（Debian: apt-get install chromium），跳过浏览器测试")
    html, reports = batch
    got = _probe(browser, html, tmp_path, 1280)
    ref = {f"#r{i}": rep for i, rep in enumerate(reports, 1)}
    first = {h: k for k, h in enumerate(got["initial"])}  # ties keep the page's order
    assert got["filters"] == "table-row"  # the filter row shows once the script runs
    assert got["initial"][0] and not ref[got["initial"][0]]["passed"]  # failing first
    assert got["score_up"] == sorted(ref, key=lambda h: (ref[h]["score"], first[h]))
    assert got["score_down"] == sorted(ref, key=lambda h: (-ref[h]["score"], first[h]))
    assert got["year_up"] == sorted(ref, key=lambda h: (ref[h]["year"], first[h]))
    assert got["score_up"] != got["score_down"]
    assert got["passed_only"] == sum(rep["passed"] for rep in reports) >= 1
    assert got["all"] == len(reports)
    causes_missing = sum(1 for rep in reports if any(p["id"] == "causes" and p["status"] == "missing" for p in rep["parts"]))
    assert got["missing_causes"] == causes_missing and 0 < causes_missing < len(reports)
    assert got["count"] == f"显示 {causes_missing} / {len(reports)} 份"


def test_review_page_at_phone_width(batch, tmp_path):
    """At phone width the page does not scroll sideways; the scoreboard scrolls inside its box and keeps its columns.

    (Headless Chromium keeps its window at least 500 px wide; the phone layout starts below 40rem = 640 px.)
    """
    browser = find_chromium()
    if browser is None:
        pytest.skip("没有找到 Chromium（Debian: apt-get install chromium），跳过浏览器测试")
    got = _probe(browser, batch[0], tmp_path, 390, 844)
    assert got["viewport"] < 640 and got["phone_layout"] == "column"
    assert got["page_width"] <= got["viewport"]
    assert got["board_scrolls"] and got["name_column"] >= 150


def test_review_page_prints_on_a4_one_report_a_page(batch, tmp_path):
    browser = find_chromium()
    if browser is None:
        pytest.skip("没有找到 Chromium（Debian: apt-get install chromium），跳过浏览器测试")
    page = tmp_path / "review.html"
    page.write_text(batch[0], encoding="utf-8")
    pdf = tmp_path / "review.pdf"
    done = chromium(browser, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert done.returncode == 0 and pdf.exists(), done.stderr.decode(errors="replace")[-500:]
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    width, height = doc[0].get_size()
    assert abs(width - 595) < 3 and abs(height - 842) < 3  # A4 in points
    starts = []
    for k in range(len(doc)):
        text = doc[k].get_textpage().get_text_range()
        starts.append(text.strip()[:60])
    titles = [rep["title"] for rep in batch[1] if rep["title"]]
    # each report's section starts a page: its title is at the top of one
    for title in titles:
        assert any(s.startswith(title[:10]) for s in starts), (title, starts)
    assert len(doc) > len(batch[1])
