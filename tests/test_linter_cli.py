"""The command line behaves like the linters people know (issue 15): output formats and exit codes, the verdict's reason,
JSON for programs, stdin, configuration per file, findings accepted on purpose."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.formatters import format_for, format_names
from checker.formatters.concise import finding_line
from checker.model import Finding

import reports as R
from conftest import CORPUS, REPO

GOOD = str(CORPUS / "000_8b1a2ce855df5433.txt")  # passes (93)
YUHONG = str(CORPUS / "003_0c51c63ad63e9340.txt")  # fails: causes missing (an error), warnings
CORPUS_FILES = sorted(str(p) for p in CORPUS.glob("*.txt"))
STUTTER = "县委充分发挥领导核心作用，将将法治建设纳入发展总体规划。"
NEXT_YEAR = str(REPO / "examples" / "next_year_report.txt")
#: the concise line of a finding (README documents this pattern)
CONCISE = re.compile(r"^(?P<path>.+?):(?:(?P<line>\d+):(?:(?P<col>\d+):)?)? (?P<severity>error|warning|info) (?P<rule>\S+) (?P<message>.*)$")


def run(*args, env=None, input=None):
    return CliRunner().invoke(main, list(args), env=env, input=input, catch_exceptions=False)


def as_json(*args) -> dict:
    return json.loads(run("lint", "--format", "json", "-j", "1", *args).stdout)


def write(path: Path, lines: list[str]) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(R.text(lines), encoding="utf-8")
    return str(path)


@pytest.fixture()
def stutter(tmp_path) -> str:
    """A complete report with one warning (a stutter): passes by default, fails with --fail-on warning."""
    return write(tmp_path / "stutter.txt", R.complete_report() + [STUTTER])


# ---------------------------------------------------------------- -o without --format


@pytest.mark.parametrize(
    "name,check",
    [
        ("out.json", lambda text: json.loads(text)["reports"][0]["passed"] is True),
        ("review.html", lambda text: text.startswith("<!DOCTYPE html>")),
        ("review.htm", lambda text: text.startswith("<!DOCTYPE html>")),
        ("scan.sarif", lambda text: json.loads(text)["version"] == "2.1.0"),
        ("scan.sarif.json", lambda text: json.loads(text)["version"] == "2.1.0"),
        ("junit.xml", lambda text: ET.fromstring(text.encode("utf-8")).tag == "testsuites"),
        ("report.txt", lambda text: "得分 93 / 100" in text and "\x1b[" not in text),
    ],
)
def test_output_format_follows_the_extension(tmp_path, name, check):
    target = tmp_path / name
    res = run("lint", "-o", str(target), GOOD, env={"FORCE_COLOR": "1"})
    assert res.exit_code == 0 and res.stdout == ""
    assert check(target.read_text(encoding="utf-8"))


def test_output_format_given_or_refused(tmp_path, monkeypatch):
    target = tmp_path / "out.html"
    assert run("lint", "--format", "json", "-o", str(target), GOOD).exit_code == 0
    json.loads(target.read_text(encoding="utf-8"))  # --format wins over the extension
    res = run("lint", "-o", str(tmp_path / "out.dat"), GOOD)
    assert res.exit_code == 2 and len(res.stderr.strip().splitlines()) == 1
    assert "out.dat" in res.stderr and "--format" in res.stderr and not (tmp_path / "out.dat").exists()
    # the extension beats the config's format; the config's format is used when the extension says nothing
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".checker.yaml").write_text("format: sarif\n", encoding="utf-8")
    assert run("lint", "-o", "a.json", GOOD).exit_code == 0 and "reports" in json.loads(Path("a.json").read_text(encoding="utf-8"))
    assert run("lint", "-o", "a.dat", GOOD).exit_code == 0 and json.loads(Path("a.dat").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_spreadsheet_extensions_are_mapped():
    assert format_for("审查.xlsx") == "xlsx" and format_for("a.CSV") == "csv" and format_for("x.xml") == "junit"
    for fmt, ext in (("xlsx", "xlsx"), ("csv", "csv")):
        res = run("lint", "-o", f"/nonexistent-dir/out.{ext}", GOOD)
        if fmt not in format_names():  # until the spreadsheet formatters land: a clear refusal
            assert res.exit_code == 2 and f"{fmt} 格式" in res.stderr


# ---------------------------------------------------------------- JUnit


def junit_cases(*args) -> dict[str, ET.Element]:
    root = ET.fromstring(run("lint", "--format", "junit", "-j", "1", *args).stdout.encode("utf-8"))
    return {re.search(r"\[([\w-]+)\]$", c.get("name")).group(1): c for c in root.iter("testcase")}


def test_junit_cross_year_checks_are_skipped_without_previous():
    cases = junit_cases(NEXT_YEAR)
    for rule in ("unaddressed-shortcoming", "copied-plan", "plan-not-reported"):
        skipped = cases[rule].find("skipped")
        assert skipped is not None and "--previous" in skipped.get("message"), rule
    cases = junit_cases(NEXT_YEAR, "--previous", GOOD)
    assert all(cases[r].find("skipped") is None for r in ("unaddressed-shortcoming", "copied-plan", "plan-not-reported"))
    assert cases["copied-plan"].find("failure") is not None or cases["copied-plan"].find("system-out") is not None


def test_junit_follows_fail_on(stutter):
    root = ET.fromstring(run("lint", "--format", "junit", stutter).stdout.encode("utf-8"))
    assert root.get("failures") == "0"  # it passes: a warning is no failure
    assert "将将" in junit_cases(stutter)["repeated-char"].find("system-out").text
    cases = junit_cases("--fail-on", "warning", stutter)
    assert cases["repeated-char"].find("failure") is not None
    assert "叠字笔误" in cases["score"].find("failure").get("message")  # the verdict says why


def test_junit_rules_not_selected_are_skipped(stutter):
    cases = junit_cases("--select", "repeated-char", stutter)
    assert cases["duplicate-block"].find("skipped") is not None and cases["causes"].find("skipped") is not None
    assert cases["repeated-char"].find("skipped") is None


# ---------------------------------------------------------------- output that survives a pipe


LONG = "第 37 行  “党政主要负责人履行第一责任人职责情况”部分只写明了 1 项具体履职事项（听取法治建设工作汇报），缺少：亲自部署、过问、协调、督办、会前学法、述法、出庭应诉  [first-responsible-duties]"


def test_no_hard_wrapping_into_a_pipe():
    env = {**os.environ, "COLUMNS": "40"}
    env.pop("FORCE_COLOR", None)
    out = subprocess.run([sys.executable, "-m", "checker", "lint", YUHONG], capture_output=True, text=True, env=env).stdout
    assert any(line.strip() == LONG for line in out.splitlines())
    assert not any(line != line.rstrip() for line in out.splitlines())  # no padding either


def test_lines_are_wrapped_on_a_terminal():
    import pty
    import struct
    import termios
    import fcntl

    from rich.cells import cell_len

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 60, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "FORCE_COLOR", "NO_COLOR")}
    proc = subprocess.Popen([sys.executable, "-m", "checker", "lint", YUHONG], stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    os.close(leader)
    out = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8"))
    lines = [ln for ln in out.replace("\r", "").split("\n") if ln.strip()]
    assert "得分 67.9 / 100" in out
    assert max(cell_len(ln) for ln in lines) <= 60
    assert not any(ln.strip() == LONG for ln in lines)


def test_concise_one_line_per_finding():
    reps = as_json(*CORPUS_FILES)["reports"]
    res = run("lint", "--format", "concise", "-j", "1", *CORPUS_FILES)
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    found = [CONCISE.match(ln) for ln in lines]
    findings = [m for m in found if m]
    assert len(findings) == sum(len(r["findings"]) for r in reps)
    expected = [(r["path"], f["line"], f["severity"], f["rule"], f["message"]) for r in reps for f in r["findings"]]
    got = [(m["path"], int(m["line"]) if m["line"] else None, m["severity"], m["rule"], m["message"]) for m in findings]
    assert got == expected
    others = [ln for ln, m in zip(lines, found) if not m]
    assert others[-1] == "共 5 份：通过 1，未通过 4，无法读取 0；平均分 75.5"  # 75.7 before issue 13: 001 (its body pasted twice) now also has a numbering restart
    assert f"{YUHONG}: 得分 67.9 未通过：1 个错误（缺少“不足的原因”）" in others
    assert f"{GOOD}: 得分 93 通过" in others


def test_concise_columns_and_unreadable_files(tmp_path):
    f = Finding("repeated-char", "warning", "疑似叠字笔误“将将”\n第二行", line=38, column=12)
    assert finding_line("a.txt", f) == "a.txt:38:12: warning repeated-char 疑似叠字笔误“将将” 第二行"
    assert finding_line("a.txt", Finding("missing-part", "error", "缺少", part="causes")) == "a.txt: error missing-part 缺少"
    bad = tmp_path / "坏.txt"
    bad.write_bytes(b"")
    res = run("lint", "--format", "concise", str(bad))
    assert res.exit_code == 2
    (line,) = [ln for ln in res.stdout.splitlines() if CONCISE.match(ln)]
    assert line.startswith(f"{bad}: error read-error ") and str(bad) not in line[len(str(bad)) + 1 :]


def test_quiet_shows_only_failing_reports(tmp_path):
    res = run("lint", "-q", "-j", "1", GOOD, YUHONG)
    assert res.exit_code == 1
    assert GOOD not in res.stdout and YUHONG in res.stdout
    assert "共 2 份：通过 1，未通过 1，无法读取 0" in res.stdout
    quiet = json.loads(run("lint", "-q", "--format", "json", GOOD, YUHONG).stdout)
    assert [r["path"] for r in quiet["reports"]] == [YUHONG] and quiet["summary"]["reports"] == 2
    concise = run("lint", "-q", "--format", "concise", GOOD, YUHONG).stdout
    assert GOOD not in concise and YUHONG in concise
    alone = run("lint", "-q", GOOD)
    assert alone.exit_code == 0 and alone.stdout.strip() == "共 1 份：通过 1，未通过 0，无法读取 0；平均分 93.0"
    failing = run("lint", "-q", YUHONG).stdout
    assert "得分 67.9 / 100" in failing and "汇总" not in failing and failing.rstrip().endswith("无法读取 0；平均分 67.9")


def test_statistics_counts_per_rule(tmp_path):
    doc = as_json(*CORPUS_FILES)
    res = run("lint", "--statistics", "-j", "1", *CORPUS_FILES)
    assert res.exit_code == 1 and "建议" not in res.stdout  # counts instead of the findings
    rows = {}
    for line in res.stdout.splitlines():
        m = re.match(r"^\s*(\d+)\s+(\d+)\s+(\S+)\s+(error|warning|info)\s+(.+)$", line)
        if m:
            rows[m.group(3)] = (int(m.group(1)), int(m.group(2)), m.group(5))
    missing_causes = sum(1 for r in doc["reports"] if any(f["rule"] == "missing-part" and f["part"] == "causes" for f in r["findings"]))
    assert rows["missing-part/causes"] == (missing_causes, missing_causes, "缺少“不足的原因”")
    for rule, count in doc["summary"]["rules"].items():
        if rule != "missing-part":
            assert rows[rule][0] == count
    assert sum(n for key, (n, _, _) in rows.items() if key.startswith("missing-part/")) == doc["summary"]["rules"]["missing-part"]
    stats = json.loads(run("lint", "--statistics", "--format", "json", *CORPUS_FILES).stdout)
    assert {s["rule"]: s["findings"] for s in stats["statistics"]} == {k: v[0] for k, v in rows.items()}
    assert run("lint", "--statistics", "--format", "sarif", GOOD).exit_code == 2


def test_exit_zero(tmp_path):
    assert run("lint", YUHONG).exit_code == 1
    assert run("lint", "--exit-zero", YUHONG).exit_code == 0
    assert "未通过" in run("lint", "--exit-zero", YUHONG).stdout  # still reported
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert run("lint", "--exit-zero", str(bad)).exit_code == 2  # an unreadable file is still an input error


# ---------------------------------------------------------------- the verdict says why


def test_reason_in_terminal_json_and_summary(tmp_path):
    out = run("lint", YUHONG).stdout
    assert re.search(r"得分 67\.9 / 100\s+未通过\s+1 个错误（缺少“不足的原因”）", out)
    reps = {r["path"]: r for r in as_json(GOOD, YUHONG)["reports"]}
    assert reps[YUHONG]["reason"] == "1 个错误（缺少“不足的原因”）" and reps[GOOD]["reason"] is None
    table = run("lint", "-j", "1", GOOD, YUHONG).stdout
    row = next(ln for ln in table.splitlines() if YUHONG in ln and "未通过" in ln)
    assert "1 个错误（缺少“不足的原因”）" in row
    low = as_json("--min-score", "99", GOOD)["reports"][0]
    assert low["passed"] is False and low["reason"] == "得分 93 低于及格分 99"
    strict = as_json("--fail-on", "warning", YUHONG)["reports"][0]
    warnings = sum(f["severity"] == "warning" for f in strict["findings"])
    assert strict["reason"].startswith(f"1 个错误、{warnings} 个警告（缺少“不足的原因”") and "叠字笔误" in strict["reason"]


def test_select_judges_and_scores_only_the_selected_rules(tmp_path):
    no_plan = write(tmp_path / "no_plan.txt", R.without(R.complete_report(), R.PLAN) + [STUTTER])
    full = as_json(no_plan)["reports"][0]
    assert full["passed"] is False and full["score"] < 90
    only = as_json("--select", "repeated-char", no_plan)["reports"][0]
    assert {f["rule"] for f in only["findings"]} == {"repeated-char"}
    assert only["passed"] is True and only["score"] == 100 - 2  # only the stutter's penalty counts
    assert run("lint", "--select", "repeated-char", "--fail-on", "warning", no_plan).exit_code == 1
    ignored = as_json("--ignore", "next_year_plan", no_plan)["reports"][0]
    assert ignored["passed"] is True and ignored["score"] > full["score"]
    assert ignored["skipped"]["next_year_plan"] == "not-selected"
    assert "只按选中的规则计算" in run("lint", "--help").stdout


# ---------------------------------------------------------------- JSON for programs


def test_json_unreadable_summary_and_empty_run(tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    doc = json.loads(run("lint", "--format", "json", "-j", "1", GOOD, YUHONG, str(bad)).stdout)
    unreadable = doc["reports"][2]
    assert unreadable["score"] is None and unreadable["passed"] is False and unreadable["profile"] is None
    assert str(bad) in unreadable["error"]
    assert doc["summary"] == {
        "reports": 3,
        "passed": 1,
        "failed": 1,
        "unreadable": 1,
        "mean_score": round((93 + 67.9) / 2, 1),
        "rules": dict(sorted({**_rule_counts(doc["reports"])}.items())),
        "parts_missing": {"causes": 1, "other": 2, "rectification": 1},
    }
    empty = tmp_path / "empty"
    empty.mkdir()
    res = run("lint", "--format", "json", str(empty))
    assert res.exit_code == 0 and "没有找到" in res.stderr
    assert json.loads(res.stdout) == {"reports": [], "summary": {"reports": 0, "passed": 0, "failed": 0, "unreadable": 0, "mean_score": None, "rules": {}, "parts_missing": {}}}
    assert ET.fromstring(run("lint", "--format", "junit", str(empty)).stdout.encode()).get("tests") == "0"
    assert json.loads(run("lint", "--format", "sarif", str(empty)).stdout)["runs"][0]["results"] == []


def _rule_counts(reps) -> dict:
    counts: dict = {}
    for r in reps:
        for f in r["findings"]:
            counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    return counts


# ---------------------------------------------------------------- stdin


def test_stdin_with_a_name(tmp_path):
    data = Path(YUHONG).read_bytes()
    res = run("lint", "-", "--format", "concise", "--stdin-filename", "reports/于洪区.txt", input=data)
    assert res.exit_code == 1
    assert res.stdout.startswith("reports/于洪区.txt:32: error missing-part ")
    assert "checker-stdin" not in res.output
    plain = json.loads(run("lint", "-", "--format", "json", input=data).stdout)["reports"][0]
    assert plain["path"] == "-" and plain["score"] == 67.9
    empty = run("lint", "-", input=b"")
    assert empty.exit_code == 2 and empty.stderr.startswith("-: ") and "checker-stdin" not in empty.stderr
    # the name's extension picks the reader
    import docx

    d = docx.Document()
    for line in R.complete_report():
        d.add_paragraph(line)
    d.save(str(tmp_path / "r.docx"))
    res = run("lint", "-", "--stdin-filename", "青山县.docx", "--format", "json", input=(tmp_path / "r.docx").read_bytes())
    assert res.exit_code == 0 and json.loads(res.stdout)["reports"][0]["path"] == "青山县.docx"
    assert run("lint", "-", "-", input=data).exit_code == 2
    assert run("lint", "--stdin-filename", "x.txt", GOOD).exit_code == 2


def test_stdin_through_a_real_pipe():
    with open(YUHONG, "rb") as fh:
        res = subprocess.run([sys.executable, "-m", "checker", "lint", "-", "--format", "json", GOOD], stdin=fh, capture_output=True)
    doc = json.loads(res.stdout)
    assert res.returncode == 1 and [r["path"] for r in doc["reports"]] == ["-", GOOD]


# ---------------------------------------------------------------- configuration


@pytest.fixture()
def project(tmp_path, monkeypatch):
    """project/ with a lenient config, project/strict/ with its own (fail-on warning); the cwd is project/."""
    root = tmp_path / "project"
    write(root / "a" / "stutter.txt", R.complete_report() + [STUTTER])
    write(root / "strict" / "stutter.txt", R.complete_report() + [STUTTER])
    (root / ".checker.yaml").write_text("min-score: 60\n", encoding="utf-8")
    (root / "strict" / ".checker.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def test_each_report_gets_the_nearest_config(project):
    reps = {r["path"]: r for r in json.loads(run("lint", "--format", "json", "-j", "1", ".").stdout)["reports"]}
    assert reps["a/stutter.txt"]["passed"] is True and reps["strict/stutter.txt"]["passed"] is False
    assert "叠字笔误" in reps["strict/stutter.txt"]["reason"]
    assert run("lint", "strict/stutter.txt").exit_code == 1
    assert run("lint", "--fail-on", "error", "strict/stutter.txt").exit_code == 0  # the command line wins
    # a report outside any configuration gets the current directory's
    elsewhere = write(project.parent / "elsewhere" / "r.txt", R.complete_report() + [STUTTER])
    (project / ".checker.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    assert run("lint", elsewhere).exit_code == 1


def test_excludes_of_a_folders_own_config(project):
    write(project / "strict" / "drafts" / "old.txt", ["不是报告"])
    (project / "strict" / ".checker.yaml").write_text("exclude: [\"drafts/**\"]\n", encoding="utf-8")
    paths = [r["path"] for r in json.loads(run("lint", "--format", "json", ".").stdout)["reports"]]
    assert sorted(paths) == ["a/stutter.txt", "strict/stutter.txt"]


def test_config_file_option(project, tmp_path):
    other = tmp_path / "ci.yaml"
    other.write_text("min-score: 99\n", encoding="utf-8")
    assert run("lint", "a/stutter.txt").exit_code == 0
    assert run("lint", "--config", str(other), "a/stutter.txt").exit_code == 1
    strict = run("lint", "--config", str(other), "strict/stutter.txt")
    assert strict.exit_code == 1 and "得分 95.9 低于及格分 99" in strict.stdout  # not strict/.checker.yaml's fail-on
    res = run("lint", "--config", str(tmp_path / "nope.yaml"), "a/stutter.txt")
    assert res.exit_code == 2 and "nope.yaml" in res.stderr and "不存在" in res.stderr
    toml = tmp_path / "checker.toml"
    toml.write_text('fail-on = "warning"\n', encoding="utf-8")
    assert run("lint", "--config", str(toml), "a/stutter.txt").exit_code == 1


def test_checker_config_shows_settings_and_sources(project):
    (project / "pyproject.toml").write_text("[tool.checker]\nmin-score = 70\n", encoding="utf-8")
    (project / ".checker.yaml").unlink()
    out = run("config", "--fail-on", "warning").stdout
    rows = {ln.split()[0]: ln for ln in out.splitlines() if ln.strip()}
    assert "配置文件：" in out and str(project / "pyproject.toml") in out
    assert "70" in rows["min-score"] and "pyproject.toml（[tool.checker] min-score）" in rows["min-score"]
    assert "warning" in rows["fail-on"] and "命令行 --fail-on" in rows["fail-on"]
    assert "默认" in rows["select"] and "全部规则" in rows["select"]
    strict = json.loads(run("config", "--json", "strict/stutter.txt").stdout)
    assert strict["config_file"] == str(project / "strict" / ".checker.yaml")
    assert strict["settings"]["fail-on"] == {"value": "warning", "source": f"{project / 'strict' / '.checker.yaml'}（fail-on）"}
    assert strict["settings"]["min-score"]["source"] is None


# ---------------------------------------------------------------- accepting a finding on purpose


def findings_of(path: str, *args) -> tuple[dict, set]:
    rep = as_json(*args, path)["reports"][0]
    return rep, {(f["rule"], f["part"]) for f in rep["findings"]}


@pytest.mark.parametrize(
    "lines",
    [
        R.complete_report() + [STUTTER + "checker: ignore repeated-char"],
        R.complete_report() + [STUTTER + "（checker：ignore repeated-char）"],
        R.complete_report() + ["checker: ignore repeated-char", "", STUTTER],
        R.complete_report() + ["<!-- checker: ignore -->", STUTTER],
    ],
)
def test_inline_ignore_on_a_line(tmp_path, lines):
    path = write(tmp_path / "r.md", lines)
    rep, found = findings_of(path, "--fail-on", "warning")
    assert ("repeated-char", None) not in found and rep["suppressed"] == 1 and rep["passed"] is True
    assert not any("checker" in (f["evidence"] or "") for f in rep["findings"])


def test_inline_ignore_is_only_for_its_line_and_rules(tmp_path):
    other_line = write(tmp_path / "a.txt", R.complete_report() + ["checker: ignore repeated-char", "县委坚持依法决策。", STUTTER])
    assert ("repeated-char", None) in findings_of(other_line)[1]
    other_rule = write(tmp_path / "b.txt", R.complete_report() + [STUTTER + " checker: ignore duplicate-block"])
    rep, found = findings_of(other_rule)
    assert ("repeated-char", None) in found and rep["suppressed"] == 0


def test_inline_ignore_file(tmp_path):
    lines = R.without(R.complete_report(), R.RECTIFICATION)
    plain = write(tmp_path / "plain.txt", lines)
    accepted = write(tmp_path / "accepted.txt", lines + ["checker: ignore-file rectification, part-order"])
    before, found = findings_of(plain)
    after, found_after = findings_of(accepted)
    assert ("missing-part", "rectification") in found and ("missing-part", "rectification") not in found_after
    assert after["skipped"]["rectification"] == "not-selected" and after["score"] > before["score"]


def test_inline_ignore_in_a_docx(tmp_path):
    import docx

    d = docx.Document()
    for line in R.complete_report() + [STUTTER + "  checker: ignore repeated-char"]:
        d.add_paragraph(line)
    d.save(str(tmp_path / "r.docx"))
    rep, found = findings_of(str(tmp_path / "r.docx"))
    assert ("repeated-char", None) not in found and rep["suppressed"] == 1


def test_per_file_ignores_in_config(project):
    (project / ".checker.yaml").write_text('per-file-ignores:\n  "a/*.txt": [repeated-char]\n', encoding="utf-8")
    (project / "strict" / ".checker.yaml").unlink()
    reps = {r["path"]: r for r in json.loads(run("lint", "--format", "json", "--fail-on", "warning", ".").stdout)["reports"]}
    assert reps["a/stutter.txt"]["passed"] is True and reps["strict/stutter.txt"]["passed"] is False
    assert reps["a/stutter.txt"]["skipped"]["repeated-char"] == "not-selected"
    (project / ".checker.yaml").write_text('per-file-ignores:\n  "a/*.txt": [repeated-chars]\n', encoding="utf-8")
    res = run("lint", ".")
    assert res.exit_code == 2 and "repeated-chars" in res.stderr and "是否应为“repeated-char”" in res.stderr


# ---------------------------------------------------------------- ids, version


def test_did_you_mean_for_select_and_ignore():
    for flag in ("--select", "--ignore"):
        res = run("lint", flag, "repeated-chars", GOOD)
        assert res.exit_code == 2 and "“repeated-chars”，是否应为“repeated-char”？" in res.stderr
    res = run("lint", "--select", "caues", GOOD)
    assert "是否应为“causes”" in res.stderr


def test_version():
    from checker import __version__

    for flag in ("-V", "--version"):
        res = run(flag)
        assert res.exit_code == 0 and res.stdout.strip() == f"checker {__version__}"
