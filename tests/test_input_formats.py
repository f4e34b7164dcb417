"""The five corpus reports give the same part statuses in every input format.

Each variant is generated at test time from the corpus .txt: .docx (python-docx),
.html (a government-site page with navigation, footer and script around the
article), .pdf (reportlab, built-in CID font), and the .txt re-encoded as
GB18030, UTF-16 and (for the traditional-character report) Big5.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from checker.engine import check_file

from conftest import CORPUS

CORPUS_FILES = sorted(p.name for p in CORPUS.glob("*.txt"))


def lines_of(name: str) -> list[str]:
    return (CORPUS / name).read_text(encoding="utf-8").splitlines()


def make_docx(lines: list[str], path: Path) -> None:
    import docx

    d = docx.Document()
    for ln in lines:
        d.add_paragraph(ln)
    d.save(str(path))


def make_html(lines: list[str], path: Path, encoding: str = "utf-8") -> None:
    body = "\n".join(f"<p>{html.escape(ln)}</p>" for ln in lines if ln.strip())
    page = f"""<!DOCTYPE html>
<html><head><meta charset="{encoding}"><title>法治政府建设年度报告</title>
<style>p {{ margin: 0 }}</style><script>var tracker = "首页 > 政务公开";</script></head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/hd">互动交流</a></div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 法治政府建设</div>
<div class="article"><div class="content">
{body}
</div></div>
<div class="footer">主办单位：某某人民政府办公室　网站标识码：1234567890　ICP备案号：12345678号</div>
</body></html>
"""
    path.write_bytes(page.encode(encoding, errors="replace"))


def make_pdf(lines: list[str], path: Path) -> None:
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=10.5, leading=16, wordWrap="CJK")
    story = [Paragraph(html.escape(ln), style) for ln in lines if ln.strip()]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


@pytest.fixture(scope="module")
def baseline(rulebook):
    return {name: check_file(str(CORPUS / name), rulebook) for name in CORPUS_FILES}


def statuses(result) -> dict[str, str]:
    assert result.error is None, result.error
    return {p.id: p.status for p in result.parts}


def variants(name: str, tmp: Path):
    lines = lines_of(name)
    text = "\n".join(lines) + "\n"
    out = {}
    out["docx"] = tmp / "r.docx"
    make_docx(lines, out["docx"])
    out["html"] = tmp / "r.html"
    make_html(lines, out["html"])
    out["html-gb18030"] = tmp / "r-gb.html"
    make_html(lines, out["html-gb18030"], "gb18030")
    out["pdf"] = tmp / "r.pdf"
    make_pdf(lines, out["pdf"])
    out["gb18030"] = tmp / "r-gb.txt"
    out["gb18030"].write_bytes(text.encode("gb18030"))
    out["utf-16"] = tmp / "r-16.txt"
    out["utf-16"].write_bytes(text.encode("utf-16"))
    out["utf-8-bom"] = tmp / "r-bom.md"
    out["utf-8-bom"].write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    # Big5 holds traditional characters only: the converter's pinyin readings
    # (with tone marks) go, and a simplified report has no Big5 form at all.
    # A traditional report's few characters outside Big5 become "?".
    bare = re.sub(r"\([a-zü\u00e0-\u01dc\u0300-\u036f]{1,12}\)", "", text)
    outside = sum(1 for ch in bare if not _in_big5(ch))
    if outside <= len(bare) // 200:
        out["big5"] = tmp / "r-big5.txt"
        out["big5"].write_bytes(bare.encode("big5", errors="replace"))
    return out


def _in_big5(ch: str) -> bool:
    try:
        ch.encode("big5")
        return True
    except UnicodeEncodeError:
        return False


@pytest.mark.parametrize("name", CORPUS_FILES, ids=[n[:3] for n in CORPUS_FILES])
def test_same_part_statuses_in_every_format(name, baseline, rulebook, tmp_path):
    expected = statuses(baseline[name])
    for fmt, path in variants(name, tmp_path).items():
        got = statuses(check_file(str(path), rulebook))
        assert got == expected, f"{name} as {fmt}"


def test_big5_variant_exists_for_the_traditional_report(tmp_path):
    assert "big5" in variants("002_901f5c65a6be9fb2.txt", tmp_path)


def test_web_copy_publication_date_from_html_field(rulebook, tmp_path):
    lines = lines_of("003_0c51c63ad63e9340.txt")
    lines[1] = "发布时间：2021-06-15 09:30"
    page = tmp_path / "r.html"
    make_html(lines, page)
    r = check_file(str(page), rulebook)
    assert r.published is not None and r.published.isoformat() == "2021-06-15"
    assert "late-publication" in {f.rule for f in r.findings}


def test_pdf_findings_have_page_locations(rulebook, tmp_path):
    path = tmp_path / "r.pdf"
    make_pdf(lines_of("003_0c51c63ad63e9340.txt"), path)
    r = check_file(str(path), rulebook)
    located = [f for f in r.findings if f.line is not None]
    assert located and all(f.location and ":" in f.location for f in located)
    assert all(p.location for p in r.parts if p.line is not None)
