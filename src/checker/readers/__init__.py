"""Readers turn a file into a :class:`~checker.model.Document`.

A reader knows file formats and encodings, nothing about reports or rules.
Every reader keeps the original line (or paragraph, or page:line) numbers:

* .txt / .md: the line number in the file;
* .docx: the running paragraph number (every body paragraph and every table
  row counts, empty ones included);
* .html: the line of the HTML source where the block starts;
* .pdf: the running line number over all pages, ``location`` = ``"page:line"``.

Each reader module is imported only when a file of its type is read, so that
linting a .txt file never pays for python-docx, lxml or pdfium.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from ..model import Document, ReadError

#: extension -> (module name, function name); imported lazily so that linting a
#: .txt file never pays for the .docx or .pdf libraries.  A reader function
#: takes ``(data: bytes, shown: str)`` plus the keyword options listed for its
#: module in ``_OPTIONS``, and returns a Document or raises ReadError.
_READERS = {
    ".txt": ("text", "read_text"),
    ".text": ("text", "read_text"),
    ".md": ("text", "read_text"),
    ".markdown": ("text", "read_text"),
    ".docx": ("word", "read_docx"),
    ".docm": ("word", "read_docx"),
    ".html": ("web", "read_html"),
    ".htm": ("web", "read_html"),
    ".shtml": ("web", "read_html"),
    ".xhtml": ("web", "read_html"),
    ".pdf": ("pdf", "read_pdf"),
    # legacy word-processor files: converted to .docx by LibreOffice when it is installed
    ".doc": ("office", "read_office"),
    ".dot": ("office", "read_office"),
    ".wps": ("office", "read_office"),
    ".wpt": ("office", "read_office"),
    ".rtf": ("office", "read_office"),
    ".odt": ("office", "read_office"),
}

#: keyword options each reader module accepts (see read_document)
_OPTIONS = {
    "word": ("max_unpacked_bytes", "max_zip_entries"),
    "pdf": ("max_pages", "max_unpacked_bytes"),
    "office": ("ext", "soffice", "convert_timeout", "max_unpacked_bytes", "max_zip_entries"),
}

_SAVE_AS = "请用 Word 或 WPS 打开后“另存为” .docx（或 .txt）再检查"

#: extension -> (what it is, what to do); one line each, shown after the file name
_UNSUPPORTED = {
    ".dotx": ("Word 模板（.dotx）", _SAVE_AS),
    ".pages": ("Apple Pages 文档", "请在 Pages 中“导出为” Word（.docx）或纯文本（.txt）再检查"),
    ".xls": ("Excel 表格", "年度报告应是文字文档，请把报告正文另存为 .docx 或 .txt"),
    ".xlsx": ("Excel 表格", "年度报告应是文字文档，请把报告正文另存为 .docx 或 .txt"),
    ".et": ("WPS 表格", "年度报告应是文字文档，请把报告正文另存为 .docx 或 .txt"),
    ".ods": ("OpenDocument 表格", "年度报告应是文字文档，请把报告正文另存为 .docx 或 .txt"),
    ".csv": ("CSV 表格", "年度报告应是文字文档，请把报告正文另存为 .docx 或 .txt"),
    ".ppt": ("PowerPoint 演示文稿", "年度报告应是文字文档，请把报告正文另存为 .docx 或 .txt"),
    ".pptx": ("PowerPoint 演示文稿", "年度报告应是文字文档，请把报告正文另存为 .docx 或 .txt"),
    ".dps": ("WPS 演示文稿", "年度报告应是文字文档，请把报告正文另存为 .docx 或 .txt"),
    ".ofd": ("OFD 版式文件", "请用 OFD 阅读器“另存为” PDF 或导出文字为 .txt 再检查"),
    ".ceb": ("CEB 文件", "请用 Apabi 阅读器导出为 PDF 或 .txt 再检查"),
    ".caj": ("CAJ 文件", "请用 CAJViewer 导出为 PDF 或 .txt 再检查"),
    ".mht": ("MHT 网页存档", "请在浏览器中打开后另存为“网页，仅 HTML”（.html），或复制正文保存为 .txt"),
    ".mhtml": ("MHT 网页存档", "请在浏览器中打开后另存为“网页，仅 HTML”（.html），或复制正文保存为 .txt"),
    ".epub": ("电子书（.epub）", "请复制报告正文保存为 .txt 再检查"),
    ".jpg": ("图片", "图片没有文字层，请先做 OCR 识别并保存为 .txt 或 .docx"),
    ".jpeg": ("图片", "图片没有文字层，请先做 OCR 识别并保存为 .txt 或 .docx"),
    ".png": ("图片", "图片没有文字层，请先做 OCR 识别并保存为 .txt 或 .docx"),
    ".gif": ("图片", "图片没有文字层，请先做 OCR 识别并保存为 .txt 或 .docx"),
    ".bmp": ("图片", "图片没有文字层，请先做 OCR 识别并保存为 .txt 或 .docx"),
    ".tif": ("图片", "图片没有文字层，请先做 OCR 识别并保存为 .txt 或 .docx"),
    ".tiff": ("图片", "图片没有文字层，请先做 OCR 识别并保存为 .txt 或 .docx"),
    ".zip": ("压缩包", "请先解压，再检查其中的报告文件"),
    ".rar": ("压缩包", "请先解压，再检查其中的报告文件"),
    ".7z": ("压缩包", "请先解压，再检查其中的报告文件"),
}

#: legacy word-processor extensions whose files are often really .docx or HTML
#: (WPS and web sites save those under .doc); the content decides
_SNIFFED = (".doc", ".wps", ".dot", ".wpt", "")

SUPPORTED_EXTENSIONS = tuple(sorted(_READERS))

#: size limit for text formats (.txt .md .html)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: size limit for container formats with pictures inside (.docx .pdf)
DEFAULT_MAX_BYTES_BINARY = 100 * 1024 * 1024
#: .pdf: most pages read
DEFAULT_MAX_PAGES = 500
#: .docx: largest total uncompressed size of the zip entries; .pdf: of its compressed streams (bomb guard)
DEFAULT_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: .docx: most zip entries
DEFAULT_MAX_ZIP_ENTRIES = 10_000

_BINARY_MODULES = ("word", "pdf", "office")


def reader_of(path: str | os.PathLike) -> Optional[str]:
    """The reader module a file's extension names (``"text"`` for .txt and .md), or None when its
    content decides (.doc, no extension) or nothing reads it."""
    ext = Path(path).suffix.lower()
    if ext in _SNIFFED:
        return None
    return _READERS.get(ext, (None,))[0]


def one_line(message: str) -> str:
    """Collapse a (library) message onto one line."""
    return " ".join(str(message).split())


def _sniff(data: bytes) -> Optional[str]:
    """Guess a reader module from the first bytes; None if unknown."""
    head = data[:2048]
    if head.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return "word"
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    low = head.lower()
    if b"\x00" not in head and (b"<html" in low or b"<body" in low) and not low.startswith(b"mime-version"):
        return "web"  # "save as web page" with a .doc name, or an export from a web site
    return None


def _unsupported(shown: str, ext: str) -> ReadError:
    if ext in _UNSUPPORTED:
        what, advice = _UNSUPPORTED[ext]
        return ReadError(f"{shown}: 不支持的文件类型：{what}，{advice}")
    return ReadError(
        f"{shown}: 不支持的文件类型“{ext or '无扩展名'}”，支持 {' '.join(SUPPORTED_EXTENSIONS)}；"
        "其他格式请另存为 .docx 或 .txt"
    )


def read_document(
    path: str | os.PathLike,
    max_bytes: Optional[int] = None,
    *,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES,
    max_zip_entries: int = DEFAULT_MAX_ZIP_ENTRIES,
    soffice: Optional[str] = None,
    convert_timeout: Optional[float] = None,
) -> Document:
    """Read ``path`` with the reader for its extension.

    ``max_bytes`` limits the file size (default 20 MB for text and HTML,
    100 MB for .docx and .pdf); ``max_pages`` the pages of a PDF;
    ``max_unpacked_bytes`` and ``max_zip_entries`` what a .docx may unpack to;
    ``soffice`` the LibreOffice program that converts .doc/.wps/.rtf/.odt
    (default: found on PATH) and ``convert_timeout`` how long it may take.
    The file is opened read-only and never modified.

    Raises :class:`ReadError` with a one-line Chinese message, starting with
    the file name as given, on any problem; never another exception.
    """
    shown = str(path)
    try:
        return _read(
            Path(path),
            shown,
            max_bytes,
            {
                "max_pages": max_pages,
                "max_unpacked_bytes": max_unpacked_bytes,
                "max_zip_entries": max_zip_entries,
                "soffice": soffice,
                "convert_timeout": convert_timeout,
            },
        )
    except ReadError as exc:
        message = str(exc)
        if "\n" in message or "\r" in message:
            raise ReadError(one_line(message)) from exc
        raise
    except MemoryError as exc:
        raise ReadError(f"{shown}: 文件过大，内存不足，无法读取") from exc
    except RecursionError as exc:
        raise ReadError(f"{shown}: 文件结构嵌套过深，无法读取") from exc
    except Exception as exc:  # noqa: BLE001 - never a traceback for a bad input
        detail = one_line(f"{type(exc).__name__}: {exc}")[:200]
        raise ReadError(f"{shown}: 无法读取文件（{detail}）") from exc


def _read(p: Path, shown: str, max_bytes: Optional[int], options: dict) -> Document:
    from ..files import FileProblem, TooLarge, problem_of, read_regular

    problem = problem_of(str(p))  # a FIFO, a device, a folder, a link loop: its real reason, nothing read
    if problem is not None:
        raise ReadError(f"{shown}: {problem}")
    ext = p.suffix.lower()
    if ext in _SNIFFED:
        module_name, func_name = "", ""  # decided by the content below
    elif ext in _READERS:
        module_name, func_name = _READERS[ext]
    else:
        raise _unsupported(shown, ext)
    if max_bytes is None:
        max_bytes = DEFAULT_MAX_BYTES_BINARY if module_name in _BINARY_MODULES or not module_name else DEFAULT_MAX_BYTES
    try:
        data = read_regular(str(p), max_bytes)  # read-only; the input is never modified
    except TooLarge as exc:
        size = f"{exc.size // 1024} KB，" if exc.size is not None else ""
        raise ReadError(f"{shown}: 文件过大（{size}上限 {max_bytes // 1024} KB）") from None
    except FileProblem as exc:
        raise ReadError(f"{shown}: {exc}") from None
    if not data:
        raise ReadError(f"{shown}: 文件是空的")
    if not module_name:
        sniffed = _sniff(data)
        if sniffed is None and ext in _READERS:
            module_name, func_name = _READERS[ext]  # a real .doc / .wps: LibreOffice
        elif sniffed is None:
            raise _unsupported(shown, ext)
        else:
            module_name, func_name = {"word": ("word", "read_docx"), "pdf": ("pdf", "read_pdf"), "web": ("web", "read_html")}[
                sniffed
            ]
    from importlib import import_module

    reader = getattr(import_module(f"{__name__}.{module_name}"), func_name)
    options = {**options, "ext": ext}
    kwargs = {name: options[name] for name in _OPTIONS.get(module_name, ()) if options.get(name) is not None}
    doc = reader(data, shown, **kwargs)
    if not any(line.text.strip() for line in doc.lines):
        raise ReadError(f"{shown}: 文件中没有文字内容")
    return doc
