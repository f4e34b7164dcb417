"""--format xlsx and --format csv: the reviewer's spreadsheet, read back with openpyxl."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys

import pytest
from click.testing import CliRunner

openpyxl = pytest.importorskip("openpyxl")

from checker.cli import main  # noqa: E402
from checker.formatters import format_names  # noqa: E402

from conftest import CORPUS  # noqa: E402
from wordfiles import word_report  # noqa: E402


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The five corpus reports, one as .docx, and two files that cannot be read."""
    d = tmp_path_factory.mktemp("unit-reports")
    for src in sorted(CORPUS.glob("*.txt")):
        (d / src.name).write_bytes(src.read_bytes())
    word_report(d / "于洪区_word.docx", "003")
    (d / "broken.docx").write_bytes(b"PK\x03\x04 not really")
    (d / "empty.txt").write_bytes(b"")
    return d


@pytest.fixture(scope="module")
def workbook(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx") / "汇总.xlsx"
    res = run("lint", str(folder), "--format", "xlsx", "-o", str(out), "--jobs", "1")
    assert res.exit_code == 2  # some files could not be read
    reports = json.loads(run("lint", str(folder), "--format", "json", "--jobs", "1").stdout)["reports"]
    return openpyxl.load_workbook(out), reports


def rows(ws) -> list[dict]:
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], row)) for row in values[1:]]


def test_registered():
    assert {"xlsx", "csv"} <= set(format_names())


def test_summary_sheet_lists_every_file(workbook):
    wb, reports = workbook
    assert wb.sheetnames == ["汇总", "问题", "规则"]
    got = rows(wb["汇总"])
    assert [r["文件"] for r in got] == [rep["path"] for rep in reports] and len(got) == 8
    for r, rep in zip(got, reports):
        if "error" in rep:
            assert r["结果"] == "无法读取" and r["得分"] is None and r["原因"] == rep["error"]
            continue
        assert r["得分"] == rep["score"] and r["年度"] == rep["year"] and r["规则集"] == rep["profile"]
        assert r["标题"] == rep["title"] and r["单位"] == rep["subject"]
        assert r["结果"] == ("通过" if rep["passed"] else "未通过")
        assert r["不足的原因"] == {"present": "有", "weak": "弱", "missing": "缺"}[{p["id"]: p["status"] for p in rep["parts"]}["causes"]]
        assert r["错误"] == sum(f["severity"] == "error" for f in rep["findings"])
        assert set((r["发现的问题（规则）"] or "").split("、")) - {""} == {f["rule"] for f in rep["findings"]}
    failing = next(r for r, rep in zip(got, reports) if rep.get("passed") is False and "error" not in rep)
    assert failing["原因"] == next(rep for rep in reports if rep["path"] == failing["文件"])["reason"] and "缺少“不足的原因”" in failing["原因"]
    assert next(r for r in got if r["文件"].endswith("003_0c51c63ad63e9340.txt"))["单位"] == "于洪区"


def test_findings_sheet_one_row_per_finding(workbook):
    wb, reports = workbook
    got = rows(wb["问题"])
    expected = [(rep["path"], f["rule"], f["message"]) for rep in reports for f in rep["findings"]]
    assert [(r["文件"], r["规则"], r["问题"]) for r in got] == expected
    word = [r for r in got if r["文件"].endswith("于洪区_word.docx")]
    stutter = next(r for r in word if r["规则"] == "repeated-char")
    assert stutter["位置"].startswith("第 ") and stutter["位置"].endswith(" 段") and "将将" in stutter["原文"] and "，" in stutter["原文"]
    assert stutter["所在标题"].startswith("三、")
    assert {r["严重程度"] for r in got} <= {"错误", "警告", "提示"}


def test_rules_sheet(workbook):
    wb, reports = workbook
    got = rows(wb["规则"])
    assert {r["规则集"] for r in got} == {rep["profile"] for rep in reports if rep["profile"]}
    assert any(r["规则"] == "copied-report" for r in got) and any(r["规则"] == "missing-part（causes）" for r in got)


def column_width(ws, index: int) -> float:
    """The width set for a column (XlsxWriter writes one <col> for a run of equal widths)."""
    for dim in ws.column_dimensions.values():
        if dim.min is not None and dim.min <= index <= dim.max and dim.customWidth:
            return dim.width
    return 0.0


def test_layout_frozen_header_filter_widths_colours(workbook):
    wb, _ = workbook
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert ws.auto_filter.ref.endswith(str(ws.max_row))
        for cell in ws[1]:
            width = column_width(ws, cell.column)
            chinese = sum(1 for ch in str(cell.value) if ord(ch) > 0x2E7F)
            assert width >= chinese * 2, (ws.title, cell.value, width)  # a Chinese character takes two columns
    summary = wb["汇总"]
    result_col = next(c.column_letter for c in summary[1] if c.value == "结果")
    on_result = [rng for rng in summary.conditional_formatting if str(rng.sqref) == f"{result_col}2:{result_col}{summary.max_row}"]
    assert len(on_result) == 1
    fills = {r.formula[0].strip('"'): r.dxf.fill.bgColor.rgb for r in on_result[0].rules if r.type == "cellIs" and r.operator == "equal"}
    assert {"通过", "未通过", "无法读取"} <= set(fills) and len({fills["通过"], fills["未通过"], fills["无法读取"]}) == 3


def test_csv_summary_rows_with_bom(folder):
    res = CliRunner().invoke(main, ["lint", str(folder), "--format", "csv", "--jobs", "1"])
    data = res.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(table) == 8
    broken = next(r for r in table if r["文件"].endswith("broken.docx"))
    assert broken["结果"] == "无法读取" and broken["得分"] == "" and "broken.docx" in broken["原因"]


def test_xlsx_to_a_pipe_and_to_a_file_are_the_same_workbook(folder, tmp_path):
    one = str(CORPUS / "004_14774531c7e6819b.txt")
    out = tmp_path / "a.xlsx"
    assert run("lint", one, "--format", "xlsx", "-o", str(out)).exit_code == 1
    piped = CliRunner().invoke(main, ["lint", one, "--format", "xlsx"]).stdout_bytes
    assert piped[:2] == b"PK" and piped == out.read_bytes()  # fixed creation time: same results, same bytes


def test_xlsx_refused_on_a_terminal(tmp_path):
    master, slave = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "checker", "lint", str(CORPUS / "004_14774531c7e6819b.txt"), "--format", "xlsx"],
            stdout=slave, stderr=subprocess.PIPE, timeout=60,
        )
    finally:
        os.close(slave)
        os.close(master)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and len(err.strip().splitlines()) == 1 and "-o" in err and "xlsx" in err


def test_every_file_of_a_walk_is_a_row_skipped_ones_included(tmp_path):
    """A reviewer must see every file the unit sent: a lock file, an unsupported file and a FIFO are
    rows that say why they were not checked (and the unsupported ones count toward exit 2)."""
    d = tmp_path / "unit"
    d.mkdir()
    (d / "report.txt").write_bytes(next(iter(sorted(CORPUS.glob("*.txt")))).read_bytes())
    (d / "~$report.docx").write_bytes(b"lock")
    (d / "scan.jpg").write_bytes(b"\xff\xd8\xff")
    os.mkfifo(d / "pipe.txt")
    out = tmp_path / "汇总.xlsx"
    res = run("lint", str(d), "--format", "xlsx", "-o", str(out), "--jobs", "1")
    assert res.exit_code == 2  # the unsupported file and the FIFO
    got = {os.path.basename(r["文件"]): r for r in rows(openpyxl.load_workbook(out)["汇总"])}
    assert set(got) == {"report.txt", "~$report.docx", "scan.jpg", "pipe.txt"}
    assert got["report.txt"]["得分"] is not None
    for name in ("~$report.docx", "scan.jpg", "pipe.txt"):
        assert got[name]["结果"] in ("已跳过", "无法读取") and got[name]["得分"] is None and got[name]["原因"], name
    assert got["~$report.docx"]["结果"] == "已跳过"
    text = run("lint", str(d), "--format", "csv", "--jobs", "1").stdout
    assert all(name in text for name in got)
