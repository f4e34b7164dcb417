"""Property-based tests (hypothesis): no input text makes the pipeline crash,
and every reported line lies within the original file."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.engine import check_document
from checker.model import Document, ReadError, SourceLine
from checker.normalize import normalize
from checker.outline import build_outline
from checker.readers.text import split_lines

import reports as R

# Pieces that real reports and broken converters are made of, mixed with anything at all.
PIECES = st.sampled_from(
    [
        "一、", "二,、", "（一）", "(二)", "1.", "一是", "第一部分", "# ", "## ", "。", ",,", ",。", "、",
        "存在的问题和原因", "主要举措和成效", "第一责任人", "2023年", "2024年工作计划", "发布日期:2024-05-01",
        "将将", "常常", "建設(shè)", "\u200b", "\u202e", "\ufeff", "\x00", "\x1b[31m", "\\ud800", "\r", "\r\n", "\n",
        "字号: 大 中 小", "打印", "关闭", "报告", "\t", " ", "　", "ＡＢＣ", "⑴",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=60).map("".join)
LINES = st.lists(st.one_of(TEXT, st.sampled_from(R.complete_report())), max_size=40)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def as_doc(lines: list[str]) -> Document:
    return Document(path="p.txt", format="text", lines=[SourceLine(i, t) for i, t in enumerate(lines, 1)])


@SETTINGS
@given(LINES)
def test_normalize_keeps_every_line(rulebook, lines):
    nd = normalize(as_doc(lines))
    # a long line may be cut at the headings inside it (issue 11): its pieces keep its number,
    # get increasing columns and give back the line when joined
    assert [number for number, _, _, _ in nd.source_lines()] == list(range(1, len(lines) + 1))
    assert [raw for _, _, raw, _ in nd.source_lines()] == lines
    for ln in nd.lines:
        assert "\n" not in ln.text
        if ln.column is not None:
            assert 1 <= ln.column <= len(lines[ln.number - 1]) and lines[ln.number - 1][ln.column - 1 :].startswith(ln.raw)


@SETTINGS
@given(LINES)
def test_whole_pipeline_never_crashes_and_lines_are_in_range(rulebook, lines):
    result = check_document(as_doc(lines), rulebook)
    n = len(lines)
    assert [p.id for p in result.parts] == [p.id for p in rulebook.parts]
    assert 0 <= result.score <= 100
    for p in result.parts:
        assert p.line is None or 1 <= p.line <= n
    for f in result.findings:
        assert f.line is None or 1 <= f.line <= n
        assert f.related_line is None or 1 <= f.related_line <= n


@SETTINGS
@given(LINES)
def test_outline_sections_are_well_formed(rulebook, lines):
    outline = build_outline(normalize(as_doc(lines)))
    for h in outline.headings:
        assert h.start < h.end <= len(outline.body)
        for child in h.children:
            assert h.start < child.start < h.end and child.rank > h.rank


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab测试\r\n"), max_size=200))
def test_split_lines_counts_like_an_editor(text):
    lines = split_lines(text)
    assert len(lines) == text.count("\r\n") + text.replace("\r\n", "").count("\r") + text.replace("\r\n", "").count("\n") + 1
    assert "".join(lines) == text.replace("\r", "").replace("\n", "")


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_read_cleanly_or_refused(tmp_path_factory, data):
    from checker.readers import read_document

    path = tmp_path_factory.mktemp("b") / "x.txt"
    path.write_bytes(data)
    try:
        doc = read_document(str(path))
    except ReadError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)
    else:
        assert all(1 <= ln.number <= len(doc.lines) for ln in doc.lines)


def test_extreme_shapes(rulebook):
    shapes = [
        ["字" * 100_000],  # one 100,000-character line
        [""] * 5000,  # only newlines
        ["一、" * 3000],
        ["（一）主要举措和成效。" * 2000],
    ]
    for lines in shapes:
        r = check_document(as_doc(lines), rulebook)
        assert all(f.line is None or 1 <= f.line <= len(lines) for f in r.findings)
