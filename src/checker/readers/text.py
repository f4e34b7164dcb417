"""Plain text and Markdown reports."""

from __future__ import annotations

import re

from ..model import Document, ReadError, SourceLine
from .encoding import decode_bytes, decode_report
from .. import rxcache

_MD_HEADING = rxcache.compile(r"^\s{0,3}(#{1,6})\s+")
_CJK = rxcache.compile(r"[\u4e00-\u9fff]")


def decode_text(data: bytes, shown: str) -> tuple[str, str]:
    """Decode bytes of a text report; return (text, encoding name).

    UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030/GBK/GB2312 and
    Big5; see :mod:`checker.readers.encoding` for the order of attempts.
    """
    return decode_bytes(data, shown)


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF and lone CR, the way editors count lines."""
    return re.split(r"\r\n|\r|\n", text)


def read_text(data: bytes, shown: str) -> Document:
    text, encoding, replaced = decode_report(data, shown)
    if "\x00" in text:
        raise ReadError(f"{shown}: 文件含有二进制内容，不是文本报告")
    if not _CJK.search(text):
        raise ReadError(f"{shown}: 解码后没有中文内容（编码 {encoding}），请确认这是一份中文报告")
    is_md = shown.lower().endswith((".md", ".markdown"))
    lines = []
    for number, raw in enumerate(split_lines(text), start=1):
        level = None
        if is_md:
            m = _MD_HEADING.match(raw)
            if m:
                level = len(m.group(1))
                raw = raw[m.end():]
        lines.append(SourceLine(number=number, text=raw, level=level))
    return Document(path=shown, format="markdown" if is_md else "text", lines=lines, encoding=encoding, replaced=replaced)
