"""Encodings of .txt/.md reports, built from the real corpus inside tmp_path."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from checker.model import ReadError
from checker.readers import read_document
from checker.readers.encoding import decode_bytes
from checker.readers.text import decode_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SIMPLIFIED = ["000_8b1a2ce855df5433.txt", "001_297f17fcf4cf510c.txt", "003_0c51c63ad63e9340.txt", "004_14774531c7e6819b.txt"]
TRADITIONAL = "002_901f5c65a6be9fb2.txt"
ALL = sorted(SIMPLIFIED + [TRADITIONAL])


def corpus_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def non_empty(text: str) -> list[str]:
    return [squash(line) for line in re.split(r"\r\n|\r|\n", text) if line.strip()]


def read_lines(path: Path) -> list[str]:
    return [squash(line.text) for line in read_document(path).lines if line.text.strip()]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize(
    "codec,label",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16-le"),  # Python writes a little-endian BOM
        ("utf-16-be-bom", "utf-16-be"),
        ("gb18030", "gb18030"),
    ],
)
def test_corpus_round_trips_through_encoding(tmp_path, name, codec, label):
    text = corpus_text(name)
    if codec == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(codec)
    path = write(tmp_path, f"report-{codec}.txt", data)
    doc = read_document(path)
    assert doc.encoding == label
    assert [squash(line.text) for line in doc.lines if line.text.strip()] == non_empty(text)
    # line numbers are the lines of the file
    assert doc.lines[-1].number == len(re.split(r"\r\n|\r|\n", text))


@pytest.mark.parametrize("name", ["000_8b1a2ce855df5433.txt", TRADITIONAL, "003_0c51c63ad63e9340.txt", "004_14774531c7e6819b.txt"])
def test_gbk_is_read_as_gb18030(tmp_path, name):
    text = corpus_text(name)
    path = write(tmp_path, "gbk.txt", text.encode("gbk"))
    doc = read_document(path)
    assert doc.encoding == "gb18030"
    assert read_lines(path) == non_empty(text)


def test_gb2312(tmp_path):
    text = corpus_text("003_0c51c63ad63e9340.txt").encode("gb2312", errors="ignore").decode("gb2312")
    path = write(tmp_path, "gb2312.txt", text.encode("gb2312"))
    assert read_document(path).encoding == "gb18030"
    assert read_lines(path) == non_empty(text)


def test_big5_traditional_corpus_report(tmp_path):
    # 002 is a traditional-character copy; its pasted pinyin (è, ǔ …) has no Big5 code
    text = corpus_text(TRADITIONAL).encode("cp950", errors="ignore").decode("cp950")
    data = text.encode("cp950")
    # these bytes are also valid GB18030: the decoder must arbitrate, not just try in order
    data.decode("gb18030")
    path = write(tmp_path, "big5.txt", data)
    doc = read_document(path)
    assert doc.encoding == "big5"
    assert read_lines(path) == non_empty(text)
    assert "瀘州市人民政府" in doc.lines[0].text


def test_big5_converted_from_simplified(tmp_path):
    opencc = pytest.importorskip("opencc")
    simplified = corpus_text("004_14774531c7e6819b.txt")
    traditional = opencc.OpenCC("s2t").convert(simplified)
    text = traditional.encode("cp950", errors="ignore").decode("cp950")
    path = write(tmp_path, "big5-004.txt", text.encode("cp950"))
    doc = read_document(path)
    assert doc.encoding == "big5"
    assert read_lines(path) == non_empty(text)


def _also_big5(ch: str) -> bool:
    try:
        ch.encode("gb2312").decode("cp950")
        return True
    except UnicodeError:
        return False


def test_gb18030_that_is_also_valid_big5_stays_gb18030(tmp_path):
    # simplified text made only of characters whose GB bytes are valid Big5 too
    text = "".join(ch for ch in corpus_text("004_14774531c7e6819b.txt") if _also_big5(ch))
    data = text.encode("gb2312")
    assert len(data.decode("cp950")) > 3000  # the whole file is valid Big5 as well
    path = write(tmp_path, "ambiguous.txt", data)
    doc = read_document(path)
    assert doc.encoding == "gb18030"
    assert read_lines(path) == non_empty(text)


def test_utf16_without_bom(tmp_path):
    text = corpus_text("003_0c51c63ad63e9340.txt")
    for codec in ("utf-16-le", "utf-16-be"):
        path = write(tmp_path, f"nobom-{codec}.txt", text.encode(codec))
        doc = read_document(path)
        assert doc.encoding == codec
        assert read_lines(path) == non_empty(text)


def test_utf8_with_a_cut_last_character_is_still_utf8(tmp_path):
    text = corpus_text("004_14774531c7e6819b.txt")
    data = text.rstrip().encode("utf-8")[:-1]  # cut the last 3-byte character in half
    path = write(tmp_path, "cut.txt", data)
    doc = read_document(path)
    assert doc.encoding == "utf-8"
    assert squash(doc.lines[0].text) == non_empty(text)[0]


def test_crlf_and_cr_line_numbers(tmp_path):
    path = write(tmp_path, "crlf.txt", "第一行\r\n\r\n第三行\r第四行\n".encode("gb18030"))
    doc = read_document(path)
    assert [(line.number, line.text) for line in doc.lines if line.text] == [(1, "第一行"), (3, "第三行"), (4, "第四行")]


def test_markdown_headings_give_levels(tmp_path):
    path = write(tmp_path, "r.md", "# 某县2023年法治政府建设年度报告\n\n## 一、主要举措和成效\n正文。\n".encode("utf-8"))
    doc = read_document(path)
    assert doc.format == "markdown"
    assert [(line.number, line.level, line.text) for line in doc.lines if line.text] == [
        (1, 1, "某县2023年法治政府建设年度报告"),
        (3, 2, "一、主要举措和成效"),
        (4, None, "正文。"),
    ]


@pytest.mark.parametrize(
    "name,data",
    [
        ("random.txt", random.Random(1234).randbytes(4096)),
        ("latin.txt", "Annual report, café, naïve résumé.\n".encode("cp1252") * 20),
        ("ascii.txt", b"just some english text\n" * 10),
        ("nul.txt", b"\x00\x01\x02binary\x00" * 100),
        ("bad-bom.txt", b"\xff\xfe" + b"\x00\xd8" * 101),  # UTF-16 BOM then lone surrogates
    ],
)
def test_undecodable_or_non_chinese_text_is_refused(tmp_path, name, data):
    path = write(tmp_path, name, data)
    with pytest.raises(ReadError) as info:
        read_document(path)
    message = str(info.value)
    assert message.startswith(str(path) + ":")
    assert "\n" not in message


def test_gbk_text_is_never_returned_as_mojibake(tmp_path):
    # GBK bytes are not UTF-8, and decoding them as Big5 would give garbage:
    # whatever is returned must be the original text
    text = corpus_text("000_8b1a2ce855df5433.txt")
    decoded, codec = decode_bytes(text.encode("gbk"), "x.txt")
    assert decoded == text and codec == "gb18030"


def test_decode_text_keeps_its_interface():
    assert decode_text("法治".encode("utf-8"), "a.txt") == ("法治", "utf-8")
    assert decode_text("\ufeff法治".encode("utf-8"), "a.txt") == ("法治", "utf-8-sig")
    assert decode_text("法治".encode("gb18030"), "a.txt") == ("法治", "gb18030")
