"""Places a Word user can follow (第 N 段 with its heading, 第 P 页第 L 行) and evidence in the file's own characters."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.normalize import clean_text
from checker.original import differs, quote
from checker.places import place, span, where

from conftest import corpus_file
from test_input_formats import make_pdf
from wordfiles import word_report


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def report(path) -> dict:
    return json.loads(run("lint", "--format", "json", str(path)).stdout)["reports"][0]


def test_wording():
    assert where("docx", 35) == "第 35 段" and where("text", 35) == "第 35 行" and where("pdf", 40, "3:12") == "第 3 页第 12 行"
    assert where("docx", None) == "全文"
    assert place("docx", 35, None, "二、存在的问题和原因") == "第 35 段（二、存在的问题和原因）"
    assert place("text", 35, None, "二、存在的问题和原因") == "第 35 行"
    assert span("docx", 12, 14) == "第 12-14 段" and span("pdf", 5, 30, "1:5", "2:3") == "第 1 页第 5 行至第 2 页第 3 行"


@pytest.mark.parametrize(
    "raw, snippet, expected",
    [
        ("（二）依法決策，，加強建設(shè)工作……", "建设工作", "建設(shè)工作"),
        ("（二）依法決策，，加強建設(shè)工作……", "(二)依法决策,", "（二）依法決策，，"),
        ("  **一、主要举措**  ", "一、主要举措", "一、主要举措"),
        ("中 国 人民", "中国", "中 国"),
        ("工作……", "工作...", "工作…"),
        ("全年办理１２件", "12件", "１２件"),
    ],
)
def test_a_span_of_the_normalized_text_in_the_original_characters(raw, snippet, expected):
    import opencc

    text = opencc.OpenCC("t2s").convert(clean_text(raw))
    assert quote(raw, text, snippet) == expected
    assert quote(raw, text, "不在这一行") is None


def test_width_alone_is_no_difference():
    assert not differs("（二）依法行政，全年", "(二)依法行政,全年")
    assert differs("依法決策", "依法决策")


def test_docx_findings_say_paragraph_and_heading_and_quote_as_written(tmp_path):
    src = tmp_path / "r.docx"
    lines = word_report(src, "003")
    rep = report(src)
    stutter = next(f for f in rep["findings"] if f["rule"] == "repeated-char")
    n = stutter["line"]
    assert stutter["paragraph"] == n and lines[n - 1].count("将将") == 1
    assert stutter["section"] == "三、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况"
    assert stutter["place"] == f"第 {n} 段（三、党政主要负责人履行推进法治建设第一责任人职…）"
    assert stutter["evidence"] in lines[n - 1] and "，" in stutter["evidence"]  # Ctrl+F finds it
    assert stutter["evidence_normalized"] is None  # only the width of the comma differs
    trad = next(f for f in rep["findings"] if f["rule"] == "traditional-char")
    assert "決" in trad["evidence"]
    res = run("lint", str(src))
    assert f"第 {n} 段（三、" in res.stdout and "第 4 段" in res.stdout
    assert "第 38 行" not in res.stdout


def test_normalized_form_follows_when_it_says_something_else(tmp_path):
    lines = corpus_file("003").read_text(encoding="utf-8").splitlines()
    k = next(i for i, ln in enumerate(lines) if "将将" in ln)
    lines[k] = lines[k].replace("将将法治建设", "将将法治建設(shè)", 1)
    src = tmp_path / "r.txt"
    src.write_text("\n".join(lines), encoding="utf-8")
    rep = report(src)
    stutter = next(f for f in rep["findings"] if f["rule"] == "repeated-char")
    assert "建設(shè)" in stutter["evidence"] and stutter["evidence"] in lines[k]
    assert stutter["evidence_normalized"] and "建设" in stutter["evidence_normalized"] and "(shè)" not in stutter["evidence_normalized"]
    out = run("lint", str(src)).stdout
    assert "（规范化：" in out


def test_pdf_findings_say_page_and_line(tmp_path):
    src = tmp_path / "r.pdf"
    make_pdf(corpus_file("003").read_text(encoding="utf-8").splitlines(), src)
    rep = report(src)
    placed = [f for f in rep["findings"] if f["line"] is not None]
    assert placed
    for f in placed:
        page, row = f["location"].split(":")
        assert f["place"] == f"第 {page} 页第 {row} 行" and f["paragraph"] is None


def test_duplicate_message_counts_paragraphs_in_a_docx(tmp_path):
    src = tmp_path / "dup.docx"
    lines = word_report(src, "001", run_chars=50)
    dup = next(f for f in report(src)["findings"] if f["rule"] == "duplicate-block")
    assert " 段与第 " in dup["message"] and " 行" not in dup["message"]
    assert len(lines) > dup["line"]
