"""The reader registry: dispatch, unsupported types, errors, lazy imports."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

import checker.readers as readers
from checker.model import Document, ReadError
from checker.readers import SUPPORTED_EXTENSIONS, read_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
REPORT = CORPUS / "004_14774531c7e6819b.txt"


def assert_one_line_error(path, *needles: str, **options) -> str:
    with pytest.raises(ReadError) as info:
        read_document(path, **options)
    message = str(info.value)
    assert message.startswith(str(path) + ": "), message
    assert "\n" not in message and "\r" not in message
    for needle in needles:
        assert needle in message, message
    return message


def test_corpus_is_beside_the_repository():
    assert len(list(CORPUS.glob("*.txt"))) == 5


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_corpus_reads_as_text(path):
    doc = read_document(path)
    text = path.read_text(encoding="utf-8")
    assert doc.format == "text" and doc.encoding == "utf-8"
    assert [line.text for line in doc.lines] == text.split("\n")
    assert [line.number for line in doc.lines] == list(range(1, len(doc.lines) + 1))


def test_new_formats_are_registered():
    for ext in (".txt", ".md", ".docx", ".html", ".htm", ".pdf"):
        assert ext in SUPPORTED_EXTENSIONS
        module, func = readers._READERS[ext]
        assert callable(getattr(__import__(f"checker.readers.{module}", fromlist=[func]), func))


@pytest.mark.parametrize(
    "name,data,needles",
    [
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ("Word 97-2003", "另存为", ".docx")),
        ("old.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ("WPS", "另存为")),
        ("r.rtf", b"{\\rtf1\\ansi hello}", ("RTF", "另存为")),
        ("r.odt", b"PK\x03\x04odt", ("OpenDocument", "另存为")),
        ("r.pages", b"PK\x03\x04", ("Pages",)),
        ("r.xlsx", b"PK\x03\x04", ("Excel", ".docx 或 .txt")),
        ("r.xls", b"\xd0\xcf\x11\xe0", ("Excel",)),
        ("r.ofd", b"PK\x03\x04", ("OFD",)),
        ("scan.jpg", b"\xff\xd8\xff\xe0", ("图片", "OCR")),
        ("r.xyz", b"abc", ("不支持的文件类型", ".docx")),
        ("noext", b"\x01\x02\x03", ("无扩展名",)),
    ],
)
def test_unsupported_types_get_conversion_advice(tmp_path, name, data, needles):
    """Without LibreOffice (.doc .wps .rtf .odt are read through it when it is installed: tests/test_office.py)."""
    path = tmp_path / name
    path.write_bytes(data)
    assert_one_line_error(path, *needles, soffice="/nonexistent/soffice")


@pytest.mark.parametrize("ext", [".txt", ".md", ".docx", ".html", ".pdf", ".doc"])
def test_empty_file(tmp_path, ext):
    path = tmp_path / f"empty{ext}"
    path.write_bytes(b"")
    assert_one_line_error(path, "空")


@pytest.mark.parametrize("ext", [".txt", ".docx", ".html", ".pdf"])
def test_random_bytes(tmp_path, ext):
    path = tmp_path / f"random{ext}"
    path.write_bytes(random.Random(42).randbytes(8192))
    assert_one_line_error(path)


def test_missing_file_and_folder(tmp_path):
    assert_one_line_error(tmp_path / "missing.txt", "不存在")
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    assert_one_line_error(folder, "文件夹")


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(REPORT.read_bytes())
    assert_one_line_error(path, "过大", max_bytes=1000)
    assert read_document(path, max_bytes=10**6).lines


def test_whitespace_only_file_has_no_text(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><body><p>　</p>\n<p> </p></body></html>", encoding="utf-8")
    assert_one_line_error(path)


def test_library_exceptions_become_read_errors(tmp_path, monkeypatch):
    from checker.readers import text

    def explode(data, shown):
        raise ValueError("boom\nsecond line")

    monkeypatch.setattr(text, "read_text", explode)
    path = tmp_path / "r.txt"
    path.write_bytes(REPORT.read_bytes())
    message = assert_one_line_error(path, "boom second line")
    assert "ValueError" in message


def test_multi_line_read_error_is_made_one_line(tmp_path, monkeypatch):
    from checker.readers import text

    def explode(data, shown):
        raise ReadError(f"{shown}: 第一行\n第二行")

    monkeypatch.setattr(text, "read_text", explode)
    path = tmp_path / "r.txt"
    path.write_bytes(REPORT.read_bytes())
    assert_one_line_error(path, "第一行 第二行")


def test_inputs_are_not_modified(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(REPORT.read_bytes())
    os.chmod(path, 0o444)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_document(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_keyword_options_keep_the_positional_call_working(tmp_path):
    doc = read_document(REPORT)
    assert isinstance(doc, Document) and doc.path == str(REPORT)
    assert read_document(str(REPORT), 10**6, max_pages=1).lines == doc.lines


HEAVY = ("docx", "lxml", "pypdfium2", "charset_normalizer", "reportlab", "pdfplumber", "pypdf")


def _modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return {name.split(".")[0] for name in out.split()}


def test_importing_readers_and_reading_txt_stay_light():
    loaded = _modules_after(f"import checker.readers as r\nr.read_document({str(REPORT)!r})")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)
    assert "checker" in loaded


def test_each_format_imports_only_its_library(tmp_path):
    path = tmp_path / "p.html"
    path.write_text("<html><body><p>法治政府建设年度报告</p></body></html>", encoding="utf-8")
    loaded = _modules_after(f"import checker.readers as r\nr.read_document({str(path)!r})")
    assert "lxml" in loaded
    assert not loaded & {"docx", "pypdfium2"}
