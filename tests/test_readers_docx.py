""".docx reading: built with python-docx from the real corpus inside tmp_path."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402

from checker.model import ReadError  # noqa: E402
from checker.readers import read_document  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W}"'

LEVEL1 = re.compile(r"^[一二三四五六七八九十]+\s*[、,，.．]")
LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def corpus_lines(name: str) -> list[str]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def expected_level(line: str):
    if LEVEL1.match(line):
        return 1
    if LEVEL2.match(line):
        return 2
    return None


def build_from_corpus(name: str, path: Path, blank_every: int = 0) -> list[str]:
    lines = corpus_lines(name)
    d = docx.Document()
    for i, line in enumerate(lines):
        level = expected_level(line)
        if level:
            d.add_heading(line, level=level)
        else:
            d.add_paragraph(line)
        if blank_every and i % blank_every == 0:
            d.add_paragraph("")
    d.save(path)
    return lines


def test_corpus_report_round_trips_with_heading_levels(tmp_path):
    path = tmp_path / "report.docx"
    lines = build_from_corpus("004_14774531c7e6819b.txt", path)
    doc = read_document(path)
    assert doc.format == "docx"
    got = [line for line in doc.lines if line.text.strip()]
    assert [squash(line.text) for line in got] == [squash(line) for line in lines]
    assert [line.level for line in got] == [expected_level(line) for line in lines]
    assert sum(1 for line in got if line.level == 1) >= 3
    assert sum(1 for line in got if line.level == 2) >= 3


def test_paragraph_numbers_count_empty_paragraphs(tmp_path):
    path = tmp_path / "blank.docx"
    lines = build_from_corpus("003_0c51c63ad63e9340.txt", path, blank_every=2)
    doc = read_document(path)
    assert [line.number for line in doc.lines] == list(range(1, len(doc.lines) + 1))
    blanks = [line for line in doc.lines if not line.text]
    assert len(blanks) == (len(lines) + 1) // 2
    # the 3rd corpus line is paragraph 4: lines 1 and 2 are separated by an empty one
    assert doc.lines[3].text == lines[2] and doc.lines[3].number == 4


def test_core_title_and_title_style_fallback(tmp_path):
    d = docx.Document()
    d.add_heading("柳城县2023年法治政府建设年度报告", level=0)  # the "Title" style
    d.add_paragraph("正文。")
    d.save(tmp_path / "a.docx")
    assert read_document(tmp_path / "a.docx").title == "柳城县2023年法治政府建设年度报告"
    d.core_properties.title = "核心属性里的标题"
    d.save(tmp_path / "b.docx")
    doc = read_document(tmp_path / "b.docx")
    assert doc.title == "核心属性里的标题"
    assert doc.lines[0].level is None  # the title is not an outline level


def test_chinese_style_names_and_outline_levels(tmp_path):
    d = docx.Document()
    # WPS / localised Word: styles named in Chinese
    for n in (1, 2, 3):
        d.styles.add_style(f"标题 {n}", WD_STYLE_TYPE.PARAGRAPH)
    # a custom style with an outline level and one based on Heading 2
    big = d.styles.add_style("报告大标题", WD_STYLE_TYPE.PARAGRAPH)
    big.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {NSDECL} w:val="0"/>'))
    sub = d.styles.add_style("我的二级标题", WD_STYLE_TYPE.PARAGRAPH)
    sub.base_style = d.styles["Heading 2"]
    body_text = d.styles.add_style("正文文本", WD_STYLE_TYPE.PARAGRAPH)
    body_text.base_style = d.styles["Heading 1"]
    body_text.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {NSDECL} w:val="9"/>'))
    d.add_paragraph("一、标题一", style="标题 1")
    d.add_paragraph("（一）标题二", style="标题 2")
    d.add_paragraph("1.标题三", style="标题 3")
    d.add_paragraph("二、大纲级别", style="报告大标题")
    d.add_paragraph("（二）继承二级", style="我的二级标题")
    p = d.add_paragraph("（三）段落大纲级别")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {NSDECL} w:val="1"/>'))
    d.add_paragraph("明确为正文级别", style="正文文本")
    d.add_paragraph("普通正文")
    d.save(tmp_path / "styles.docx")
    got = [(line.text, line.level) for line in read_document(tmp_path / "styles.docx").lines]
    assert got == [
        ("一、标题一", 1),
        ("（一）标题二", 2),
        ("1.标题三", 3),
        ("二、大纲级别", 1),
        ("（二）继承二级", 2),
        ("（三）段落大纲级别", 2),
        ("明确为正文级别", None),
        ("普通正文", None),
    ]


def test_tables_are_read_in_order_with_cells(tmp_path):
    d = docx.Document()
    d.add_paragraph("表格前的段落")
    t = d.add_table(rows=3, cols=3)
    for i, row in enumerate(t.rows):
        for j, cell in enumerate(row.cells):
            cell.text = f"第{i}行第{j}列"
    t.cell(2, 0).merge(t.cell(2, 1))  # horizontal merge: one cell
    t.cell(2, 0).text = "合并单元格"
    d.add_paragraph("表格后的段落")
    d.save(tmp_path / "table.docx")
    got = [(line.number, line.text) for line in read_document(tmp_path / "table.docx").lines]
    assert got == [
        (1, "表格前的段落"),
        (2, "第0行第0列 | 第0行第1列 | 第0行第2列"),
        (3, "第1行第0列 | 第1行第1列 | 第1行第2列"),
        (4, "合并单元格 | 第2行第2列"),
        (5, "表格后的段落"),
    ]


def test_vertically_merged_cell_is_read_once(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).merge(t.cell(1, 0))
    t.cell(0, 0).text = "跨两行"
    t.cell(0, 1).text = "甲"
    t.cell(1, 1).text = "乙"
    d.save(tmp_path / "vmerge.docx")
    assert [line.text for line in read_document(tmp_path / "vmerge.docx").lines] == ["跨两行 | 甲", "乙"]


def test_layout_table_is_read_paragraph_by_paragraph(tmp_path):
    lines = corpus_lines("003_0c51c63ad63e9340.txt")[:6]
    d = docx.Document()
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)
    d.save(tmp_path / "layout.docx")
    doc = read_document(tmp_path / "layout.docx")
    assert [line.text for line in doc.lines] == lines
    assert [line.number for line in doc.lines] == list(range(1, 7))


def _add_chinese_numbering(d) -> None:
    numbering = d.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {NSDECL} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%3."/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {NSDECL} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))


def _numbered(d, text: str, ilvl: int, style: str = "Normal"):
    p = d.add_paragraph(text, style=style)
    p._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {NSDECL}><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>')
    )
    return p


def test_automatic_numbering_labels_are_rendered(tmp_path):
    d = docx.Document()
    _add_chinese_numbering(d)
    _numbered(d, "主要举措和成效", 0, "Heading 1")
    _numbered(d, "依法全面履行政府职能", 1, "Heading 2")
    _numbered(d, "第一项", 2)
    _numbered(d, "第二项", 2)
    _numbered(d, "完善依法行政制度体系", 1, "Heading 2")
    _numbered(d, "第一项", 2)
    _numbered(d, "存在的不足和原因", 0, "Heading 1")
    for _ in range(9):
        _numbered(d, "分项", 1)
    d.add_paragraph("列表", style="List Number")
    d.add_paragraph("列表", style="List Number")
    d.save(tmp_path / "numbering.docx")
    got = [(line.text, line.level) for line in read_document(tmp_path / "numbering.docx").lines]
    assert got[:7] == [
        ("一、主要举措和成效", 1),
        ("（一）依法全面履行政府职能", 2),
        ("1.第一项", None),
        ("2.第二项", None),
        ("（二）完善依法行政制度体系", 2),
        ("1.第一项", None),
        ("二、存在的不足和原因", 1),
    ]
    assert [text for text, _ in got[7:16]][-2:] == ["（八）分项", "（九）分项"]
    assert got[-2:] == [("1.列表", None), ("2.列表", None)]


def test_content_controls_tracked_changes_hidden_text_and_toc(tmp_path):
    d = docx.Document()
    body = d.element.body
    sect = body[-1]  # keep w:sectPr last
    toc = parse_xml(
        f'<w:sdt {NSDECL}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        "</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>目录 一、主要举措……1</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    control = parse_xml(
        f'<w:sdt {NSDECL}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>内容控件里的段落</w:t></w:r></w:p>'
        "</w:sdtContent></w:sdt>"
    )
    tracked = parse_xml(
        f"<w:p {NSDECL}><w:r><w:t>保留</w:t></w:r>"
        '<w:ins w:id="1" w:author="a"><w:r><w:t>插入的</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>删除的</w:delText></w:r></w:del>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的</w:t></w:r>'
        '<w:hyperlink><w:r><w:t>链接文字</w:t></w:r></w:hyperlink>'
        "<w:r><w:tab/><w:t>制表符后</w:t></w:r></w:p>"
    )
    for el in (toc, control, tracked):
        sect.addprevious(el)
    d.save(tmp_path / "xml.docx")
    assert [(line.number, line.text) for line in read_document(tmp_path / "xml.docx").lines] == [
        (1, "内容控件里的段落"),
        (2, "保留插入的链接文字 制表符后"),
    ]


def test_manual_line_break_splits_a_paragraph_keeping_its_number(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("一、主要举措和成效", style="Heading 1")
    p.add_run().add_break()
    p.add_run("紧跟在软回车后的正文")
    d.add_paragraph("下一段")
    d.save(tmp_path / "br.docx")
    got = [(line.number, line.text, line.level) for line in read_document(tmp_path / "br.docx").lines]
    assert got == [(1, "一、主要举措和成效", 1), (1, "紧跟在软回车后的正文", None), (2, "下一段", None)]


def test_docx_saved_as_doc_is_read_by_content(tmp_path):
    path = tmp_path / "actually-docx.doc"
    build_from_corpus("003_0c51c63ad63e9340.txt", path)
    doc = read_document(path)
    assert doc.format == "docx"
    assert squash(doc.lines[0].text) == squash(corpus_lines("003_0c51c63ad63e9340.txt")[0])


# ------------------------------------------------------------------ broken inputs


def _assert_read_error(path: Path, *needles: str, **options) -> str:
    with pytest.raises(ReadError) as info:
        read_document(path, **options)
    message = str(info.value)
    assert message.startswith(str(path) + ":"), message
    assert "\n" not in message and "\r" not in message
    for needle in needles:
        assert needle in message, message
    return message


def test_truncated_docx(tmp_path):
    good = tmp_path / "good.docx"
    build_from_corpus("004_14774531c7e6819b.txt", good)
    data = good.read_bytes()
    bad = tmp_path / "truncated.docx"
    bad.write_bytes(data[: len(data) // 2])
    _assert_read_error(bad, "损坏")


def test_random_bytes_and_text_as_docx(tmp_path):
    import random

    rnd = tmp_path / "random.docx"
    rnd.write_bytes(random.Random(7).randbytes(5000))
    _assert_read_error(rnd, "不是 .docx")
    txt = tmp_path / "text.docx"
    txt.write_text("这只是一个文本文件。\n", encoding="utf-8")
    _assert_read_error(txt, "不是 .docx")


def test_empty_docx(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    _assert_read_error(path, "空")


def test_legacy_doc_renamed_docx(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    _assert_read_error(path, "另存为", ".docx")


def test_excel_renamed_docx(tmp_path):
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    _assert_read_error(path, "Excel")


def test_zip_without_word_document(tmp_path):
    path = tmp_path / "plain.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "你好")
    _assert_read_error(path, "不是 Word .docx")


def _bomb(path: Path, entries: int = 1, size: int = 0) -> None:
    build = io.BytesIO()
    docx.Document().save(build)
    with zipfile.ZipFile(build) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        for i in range(entries):
            dst.writestr(f"word/media/pad{i}.bin", b"\x00" * size)


def test_zip_bomb_guard_checks_unpacked_size_before_opening(tmp_path, monkeypatch):
    path = tmp_path / "bomb.docx"
    _bomb(path, size=3 * 1024 * 1024)
    assert path.stat().st_size < 200 * 1024  # small on disk, large unpacked

    def must_not_open(*args, **kwargs):  # the guard runs before python-docx
        raise AssertionError("python-docx opened a refused file")

    monkeypatch.setattr(docx, "Document", must_not_open)
    _assert_read_error(path, "解压后过大", max_unpacked_bytes=2 * 1024 * 1024)


def test_zip_bomb_guard_entry_count(tmp_path):
    path = tmp_path / "many.docx"
    _bomb(path, entries=30)
    _assert_read_error(path, "文件过多", max_zip_entries=20)
    # within the limits the same file reads (and has no text)
    _assert_read_error(path, "没有文字", max_zip_entries=100)


def test_default_limits_accept_a_normal_docx(tmp_path):
    path = tmp_path / "normal.docx"
    build_from_corpus("000_8b1a2ce855df5433.txt", path)
    assert len(read_document(path).lines) == len(corpus_lines("000_8b1a2ce855df5433.txt"))


def test_alt_chunk_body_gets_advice(tmp_path):
    d = docx.Document()
    d.element.body[-1].addprevious(
        parse_xml(f'<w:altChunk {NSDECL} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId99"/>')
    )
    d.save(tmp_path / "alt.docx")
    _assert_read_error(tmp_path / "alt.docx", "altChunk", "另存为")
