""".pdf reading: PDFs are generated at test time with reportlab's built-in CID
font STSong-Light (no font file needed, works offline)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")
reportlab = pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from checker.model import ReadError  # noqa: E402
from checker.readers import read_document  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def corpus_lines(name: str) -> list[str]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def report_pdf(path: Path, lines: list[str], title: str = "") -> None:
    style = ParagraphStyle("cn", fontName=FONT, fontSize=12, leading=18, wordWrap="CJK")
    story = [Paragraph(line.replace("&", "&amp;").replace("<", "&lt;"), style) for line in lines]
    SimpleDocTemplate(str(path), pagesize=A4, title=title).build(story)


def pages_pdf(path: Path, pages: list[list[str]], **kwargs) -> None:
    c = canvas.Canvas(str(path), pagesize=A4, **kwargs)
    for lines in pages:
        c.setFont(FONT, 12)
        for i, line in enumerate(lines):
            c.drawString(72, 770 - 20 * i, line)
        c.showPage()
    c.save()


@pytest.mark.parametrize("name", ["004_14774531c7e6819b.txt", "002_901f5c65a6be9fb2.txt"])
def test_text_layer_matches_the_report(tmp_path, name):
    lines = corpus_lines(name)
    path = tmp_path / "report.pdf"
    report_pdf(path, lines, title="Microsoft Word - 年度报告.docx")
    doc = read_document(path)
    assert doc.format == "pdf"
    # paragraphs are wrapped into visual lines: compare the whole text
    assert squash("".join(line.text for line in doc.lines)) == squash("".join(lines))
    assert len(doc.lines) > len(lines)  # wrapped
    # running numbers, page:line locations restarting on each page
    assert [line.number for line in doc.lines] == list(range(1, len(doc.lines) + 1))
    locations = [tuple(map(int, line.location.split(":"))) for line in doc.lines]
    assert all(re.fullmatch(r"\d+:\d+", line.location) for line in doc.lines)
    assert locations[0] == (1, 1)
    assert locations == sorted(locations)
    pages = sorted({page for page, _ in locations})
    assert pages == list(range(1, pages[-1] + 1)) and len(pages) >= 3
    for page in pages:
        on_page = [n for p, n in locations if p == page]
        assert on_page == list(range(1, len(on_page) + 1))
    assert doc.title == "年度报告"


def test_locations_point_at_the_page_and_line(tmp_path):
    path = tmp_path / "three.pdf"
    pages_pdf(path, [["第一页第一行", "第一页第二行"], ["第二页第一行"], ["第三页第一行", "", "第三页第三行"]])
    got = [(line.number, line.location, line.text) for line in read_document(path).lines]
    assert got == [
        (1, "1:1", "第一页第一行"),
        (2, "1:2", "第一页第二行"),
        (3, "2:1", "第二页第一行"),
        (4, "3:1", "第三页第一行"),
        (5, "3:2", "第三页第三行"),  # an empty line is not a line
    ]


def test_page_limit(tmp_path):
    path = tmp_path / "long.pdf"
    pages_pdf(path, [[f"第{i}页"] for i in range(1, 5)])
    assert len(read_document(path, max_pages=4).lines) == 4
    with pytest.raises(ReadError) as info:
        read_document(path, max_pages=3)
    assert "页数过多" in str(info.value) and str(path) in str(info.value)


def _assert_read_error(path: Path, *needles: str) -> None:
    with pytest.raises(ReadError) as info:
        read_document(path)
    message = str(info.value)
    assert message.startswith(str(path) + ":"), message
    assert "\n" not in message
    for needle in needles:
        assert needle in message, message


def test_blank_pdf_has_no_text_layer(tmp_path):
    path = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(path))
    c.showPage()
    c.showPage()
    c.save()
    _assert_read_error(path, "PDF 没有文字层（可能是扫描件），请先做 OCR 识别")


def test_image_only_pdf_has_no_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    # a "scanned page": only drawn shapes, no text objects
    for i in range(40):
        c.setFillGray(i / 40)
        c.rect(50 + i * 10, 100 + (i % 7) * 60, 8, 300, fill=1, stroke=0)
    c.showPage()
    c.save()
    _assert_read_error(path, "没有文字层", "OCR")


def test_pdf_without_chinese_text(tmp_path):
    path = tmp_path / "english.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "Annual report on the rule of law")
    c.showPage()
    c.save()
    _assert_read_error(path, "没有中文")


def test_text_file_renamed_pdf(tmp_path):
    path = tmp_path / "renamed.pdf"
    path.write_text("\n".join(corpus_lines("003_0c51c63ad63e9340.txt")), encoding="utf-8")
    _assert_read_error(path, "不是 PDF")


def test_random_bytes_and_truncated_pdf(tmp_path):
    rnd = tmp_path / "random.pdf"
    rnd.write_bytes(random.Random(5).randbytes(4000))
    _assert_read_error(rnd, "不是 PDF")
    good = tmp_path / "good.pdf"
    report_pdf(good, corpus_lines("003_0c51c63ad63e9340.txt"))
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good.read_bytes()[:300])
    _assert_read_error(cut)
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.4\n" + random.Random(6).randbytes(4000))
    _assert_read_error(garbage, "损坏")


def test_empty_pdf_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    _assert_read_error(path, "空")


def test_password_protected_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    pages_pdf(path, [["加密的报告"]], encrypt="secret")
    _assert_read_error(path, "密码")


def test_pdf_saved_as_doc_is_read_by_content(tmp_path):
    path = tmp_path / "really-a-pdf.doc"
    pages_pdf(path, [["法治政府建设年度报告"]])
    doc = read_document(path)
    assert doc.format == "pdf" and doc.lines[0].text == "法治政府建设年度报告"
