"""The command line, through click's CliRunner and as a subprocess from a built wheel."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

import reports as R
from conftest import CORPUS, REPO

GOOD = str(CORPUS / "000_8b1a2ce855df5433.txt")
DUPLICATED = str(CORPUS / "001_297f17fcf4cf510c.txt")
PART_IDS = ["measures", "shortcomings", "causes", "first_responsible", "next_year_plan", "rectification", "other"]


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_json_contract():
    res = run("lint", "--format", "json", GOOD, DUPLICATED)
    assert res.exit_code == 1  # 001 fails
    doc = json.loads(res.stdout)
    assert list(doc) == ["reports", "summary"] and [r["path"] for r in doc["reports"]] == [GOOD, DUPLICATED]
    for rep in doc["reports"]:
        assert {"path", "title", "year", "score", "passed", "parts", "findings"} <= set(rep)
        assert "error" not in rep
        assert 0 <= rep["score"] <= 100 and isinstance(rep["passed"], bool)
        assert [p["id"] for p in rep["parts"]] == PART_IDS
        for p in rep["parts"]:
            assert p["status"] in ("present", "weak", "missing")
            assert p["line"] is None or isinstance(p["line"], int)
        for f in rep["findings"]:
            assert {"rule", "severity", "message", "line", "part", "evidence", "fix"} <= set(f)
            assert f["severity"] in ("error", "warning", "info")
    first, second = doc["reports"]
    assert first["passed"] is True and first["year"] == 2024 and first["title"] is None
    assert second["title"] == "临淄区2023年法治政府建设年度报告"
    assert any(f["rule"] == "duplicate-block" and f["line"] == 53 for f in second["findings"])


def test_exit_codes(tmp_path):
    assert run("lint", GOOD).exit_code == 0
    assert run("lint", DUPLICATED).exit_code == 1
    assert run("lint", "--min-score", "99", GOOD).exit_code == 1
    assert run("lint", str(tmp_path / "nope.txt")).exit_code == 2
    assert run("lint", "--format", "yaml", GOOD).exit_code == 2
    assert run("lint", "--rulebook", "no-such", GOOD).exit_code == 2


def test_json_is_deterministic():
    files = sorted(str(p) for p in CORPUS.glob("*.txt"))
    a = run("lint", "--format", "json", "--jobs", "1", *files).stdout
    b = run("lint", "--format", "json", "--jobs", "2", *files).stdout
    assert a == b and len(json.loads(a)["reports"]) == 5


@pytest.mark.parametrize(
    "name,content",
    [
        ("empty.txt", b""),
        ("random.txt", bytes(range(256)) * 8),
        ("latin.txt", b"just some english text\n"),
        ("report.doc", b"\xd0\xcf\x11\xe0 legacy word"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path, name, content):
    bad = tmp_path / name
    bad.write_bytes(content)
    res = run("lint", str(bad))
    assert res.exit_code == 2
    errors = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(errors) == 1 and str(bad) in errors[0] and "Traceback" not in res.output
    assert re.search(r"[\u4e00-\u9fff]", errors[0])
    doc = json.loads(run("lint", "--format", "json", str(bad)).stdout)
    assert str(bad) in doc["reports"][0]["error"]


def test_batch_keeps_going_and_ranks(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = Path("reports")
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(R.text(R.complete_report()), encoding="utf-8")
    (folder / "sub" / "b.md").write_text(R.text(R.without(R.complete_report(), R.PLAN)), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"")
    (folder / "notes.csv").write_text("ignored", encoding="utf-8")
    res = run("lint", str(folder))
    assert res.exit_code == 2
    out = res.stdout
    assert "汇总" in out and "broken.txt" in out and "无法读取" in out
    assert out.index("a.txt") < out.index("b.md")  # ranked by score
    # issue 17 (and 14): a walk skips nothing in silence; an unsupported file is reported with its reason
    assert "notes.csv" in out and "不支持的文件类型" in out
    doc = json.loads(run("lint", "--format", "json", str(folder)).stdout)
    assert [Path(r["path"]).name for r in doc["reports"]] == ["a.txt", "broken.txt", "notes.csv", "b.md"]


def test_terminal_output_lists_parts_and_fixes():
    out = run("lint", str(CORPUS / "003_0c51c63ad63e9340.txt")).stdout
    for text in ("主要举措和成效", "不足的原因", "将将", "建议", "得分", "未通过"):
        assert text in out, text


def test_colour_only_when_wanted():
    coloured = run("lint", GOOD, env={"FORCE_COLOR": "1", "NO_COLOR": None}).stdout
    assert "\x1b[" in coloured
    plain = run("lint", GOOD, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", plain)


def test_published_option_and_output_file(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(R.text(R.complete_report()), encoding="utf-8")
    before = report.read_bytes()
    out = tmp_path / "out.json"
    res = run("lint", "--format", "json", "--published", "2024-06-01", "-o", str(out), str(report))
    assert res.stdout == "" and report.read_bytes() == before
    rep = json.loads(out.read_text(encoding="utf-8"))["reports"][0]
    assert any(f["rule"] == "late-publication" for f in rep["findings"])
    assert run("lint", "--published", "2024-13-01", str(report)).exit_code == 2


def test_rules_command_lists_every_check():
    out = run("rules").stdout
    for rule in ("missing-part", "thin-part", "plan-year-mismatch", "duplicate-block", "repeated-char", "missing-title", "part-order", "late-publication"):
        assert rule in out


@pytest.fixture(scope="module")
def wheel_site(tmp_path_factory):
    """Build the wheel and unpack it into a directory of its own."""
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp / "dist"), str(REPO)],
        check=True,
        capture_output=True,
    )
    wheel = next((tmp / "dist").glob("checker-*.whl"))
    site = tmp / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    return site


def test_wheel_ships_the_rules(wheel_site):
    assert (wheel_site / "checker" / "rules" / "national.yaml").is_file()
    # the vocabulary (page furniture, date labels, title words …) ships beside the rulebooks
    shipped = {p.name for p in (REPO / "rules" / "vocabulary").glob("*.yaml")}
    assert shipped and shipped == {p.name for p in (wheel_site / "checker" / "rules" / "vocabulary").glob("*.yaml")}
    assert (wheel_site / "checker" / "data" / "lexicon.txt").is_file()


def test_installed_wheel_runs_as_subprocess(wheel_site, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(wheel_site)}
    code = "import checker, sys; print(checker.__file__)"
    where = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(wheel_site))
    res = subprocess.run([sys.executable, "-m", "checker", "lint", "--format", "json", GOOD], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["reports"][0]["year"] == 2024
    # the profiles and the rules' examples come from the wheel's data too
    for name in ("government", "department", "township"):
        assert (wheel_site / "checker" / "rules" / f"{name}.yaml").is_file()
    res = subprocess.run([sys.executable, "-m", "checker", "explain", "--profile", "township", "causes"], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert res.returncode == 0 and "主要原因：基层执法人员中法律专业人员偏少" in res.stdout, res.stderr


def test_progress_bar_only_on_a_terminal(tmp_path):
    for i in range(3):
        (tmp_path / f"r{i}.txt").write_text(R.text(R.complete_report()), encoding="utf-8")
    on_terminal = run("lint", "--jobs", "1", str(tmp_path), env={"FORCE_COLOR": "1", "NO_COLOR": None, "TTY_COMPATIBLE": "1"})
    assert "检查中" in on_terminal.stdout
    piped = run("lint", "--jobs", "1", str(tmp_path))
    assert "检查中" not in piped.stdout and "汇总" in piped.stdout
    as_json = run("lint", "--format", "json", "--jobs", "1", str(tmp_path), env={"FORCE_COLOR": "1"})
    assert "检查中" not in as_json.stdout
    json.loads(as_json.stdout)


def test_limits_are_configurable(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(R.text(R.complete_report()), encoding="utf-8")
    assert run("lint", str(report)).exit_code == 0
    res = run("lint", "--max-size", "0.001", str(report))
    assert res.exit_code == 2 and "过大" in res.stderr and str(report) in res.stderr


def test_time_limit_per_file(tmp_path, monkeypatch):
    import time as _time

    import checker.engine as engine

    report = tmp_path / "slow.txt"
    report.write_text(R.text(R.complete_report()), encoding="utf-8")
    real = engine.check_document
    monkeypatch.setattr(engine, "check_document", lambda *a, **k: (_time.sleep(3), real(*a, **k))[1])
    res = run("lint", "--jobs", "1", "--timeout", "0.5", str(report))
    assert res.exit_code == 2 and "超时" in res.stderr


def test_internal_error_is_one_line_unless_debug(tmp_path, monkeypatch):
    import checker.engine as engine

    report = tmp_path / "r.txt"
    report.write_text(R.text(R.complete_report()), encoding="utf-8")

    def boom(*args, **kwargs):
        raise ValueError("simulated bug")

    monkeypatch.setattr(engine, "check_document", boom)
    res = run("lint", "--jobs", "1", str(report))
    assert res.exit_code == 2
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "内部错误" in lines[0] and str(report) in lines[0] and "--debug" in lines[0]
    with pytest.raises(ValueError, match="simulated bug"):
        run("lint", "--jobs", "1", "--debug", str(report))


def test_docx_entry_limit(tmp_path):
    import docx

    path = tmp_path / "r.docx"
    d = docx.Document()
    for line in R.complete_report():
        d.add_paragraph(line)
    d.save(str(path))
    assert run("lint", str(path)).exit_code == 0
    res = run("lint", "--max-entries", "3", str(path))
    assert res.exit_code == 2 and str(path) in res.stderr
