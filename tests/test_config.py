"""Configuration: [tool.checker] in pyproject.toml or .checker.yaml, found upwards; the command line wins."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.config import ConfigError, load_config

import reports as R

STUTTER = "县委充分发挥领导核心作用，将将法治建设纳入发展总体规划。"


@pytest.fixture()
def project(tmp_path, monkeypatch):
    """A project folder with a clean report and one with a warning (a stutter), as the current directory."""
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "clean.txt").write_text(R.text(R.complete_report()), encoding="utf-8")
    (tmp_path / "reports" / "stutter.txt").write_text(R.text(R.complete_report() + [STUTTER]), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def toml(project, body: str):
    (project / "pyproject.toml").write_text("[project]\nname = 'reports'\n\n[tool.checker]\n" + body, encoding="utf-8")


def reports_of(res) -> dict:
    return {r["path"].rsplit("/", 1)[-1]: r for r in json.loads(res.stdout)["reports"]}


def test_no_config_means_defaults(project):
    assert load_config().path is None
    assert run("lint", "reports/stutter.txt").exit_code == 0  # a warning does not fail by default


def test_min_score_from_pyproject_and_cli_overrides(project):
    toml(project, "min-score = 99\n")
    assert load_config().min_score == 99
    assert run("lint", "reports/clean.txt").exit_code == 1
    assert run("lint", "--min-score", "60", "reports/clean.txt").exit_code == 0


def test_fail_on_warning_from_checker_yaml_and_cli_overrides(project):
    (project / ".checker.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    assert run("lint", "reports/clean.txt").exit_code == 0
    assert run("lint", "reports/stutter.txt").exit_code == 1
    assert run("lint", "--fail-on", "error", "reports/stutter.txt").exit_code == 0


def test_config_is_found_from_a_subfolder(project, monkeypatch):
    (project / ".checker.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    monkeypatch.chdir(project / "reports")
    assert load_config().path == project / ".checker.yaml"
    assert run("lint", "stutter.txt").exit_code == 1


def test_a_project_file_that_names_no_checker_table_is_not_parsed(project):
    # a project's own pyproject.toml, even one we could not parse, says nothing to checker
    (project / "pyproject.toml").write_text('[project]\nname = "checker"\nversion = [broken\n', encoding="utf-8")
    assert load_config().path is None
    # every way TOML writes the table is read
    for body in ('[tool]\n"checker" = { min-score = 97 }\n', "tool . checker . min-score = 97\n", "[ tool.checker ]\nmin-score = 97\n"):
        (project / "pyproject.toml").write_text(body, encoding="utf-8")
        assert load_config().min_score == 97, body


def test_pyproject_without_a_checker_table_is_skipped(project, monkeypatch):
    (project / ".checker.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    (project / "reports" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    monkeypatch.chdir(project / "reports")
    assert load_config().path == project / ".checker.yaml"


def test_severity_override(project):
    toml(project, '[tool.checker.severity]\nrepeated-char = "error"\n')
    res = run("lint", "--format", "json", "reports/stutter.txt")
    assert res.exit_code == 1
    stutter = [f for f in reports_of(res)["stutter.txt"]["findings"] if f["rule"] == "repeated-char"]
    assert [f["severity"] for f in stutter] == ["error"]


def test_select_and_ignore_from_config_and_cli_overrides(project):
    toml(project, 'ignore = ["repeated-char", "other"]\n')
    res = run("lint", "--format", "json", "reports/stutter.txt")
    rules = {(f["rule"], f["part"]) for f in reports_of(res)["stutter.txt"]["findings"]}
    assert ("repeated-char", None) not in rules and ("missing-part", "other") not in rules
    res = run("lint", "--format", "json", "--ignore", "outline-coverage", "reports/stutter.txt")
    rules = {f["rule"] for f in reports_of(res)["stutter.txt"]["findings"]}
    assert "repeated-char" in rules and "outline-coverage" not in rules
    toml(project, 'select = ["repeated-char"]\n')
    res = run("lint", "--format", "json", "reports/stutter.txt")
    assert {f["rule"] for f in reports_of(res)["stutter.txt"]["findings"]} == {"repeated-char"}


def test_exclude_globs_in_folder_walks(project):
    (project / "reports" / "drafts").mkdir()
    (project / "reports" / "drafts" / "old.txt").write_text("不是报告\n", encoding="utf-8")
    toml(project, 'exclude = ["drafts/**"]\nformat = "json"\n')
    res = run("lint", "reports")
    assert sorted(reports_of(res)) == ["clean.txt", "stutter.txt"]
    res = run("lint", "--exclude", "stutter.txt", "reports")
    assert sorted(reports_of(res)) == ["clean.txt", "old.txt"]  # the command line replaces the config's list


def test_default_format_and_cli_overrides(project):
    toml(project, 'format = "json"\n')
    assert json.loads(run("lint", "reports/clean.txt").stdout)["reports"][0]["passed"] is True
    assert "得分" in run("lint", "--format", "terminal", "reports/clean.txt").stdout


def test_profile_and_rulebook_from_config(project):
    toml(project, 'profile = "township"\nformat = "json"\n')
    assert reports_of(run("lint", "reports/clean.txt"))["clean.txt"]["profile"] == "township"
    assert reports_of(run("lint", "--profile", "department", "reports/clean.txt"))["clean.txt"]["profile"] == "department"
    (project / "rules").mkdir()
    (project / "rules" / "province.yaml").write_text("id: province\nextends: national\n", encoding="utf-8")
    toml(project, 'rulebook = "rules/province.yaml"\nformat = "json"\n')
    assert reports_of(run("lint", "reports/clean.txt"))["clean.txt"]["profile"] == "province"
    assert "规则集 province" in run("rules").stdout


@pytest.mark.parametrize(
    "body,needle",
    [
        ("min_scor = 70\n", "min_scor"),
        ("min-score = 170\n", "min-score"),
        ('fail-on = "fatal"\n', "fail-on"),
        ('format = "yaml"\n', "format"),
        ('select = ["no-such-rule"]\n', "no-such-rule"),
        ('profile = "province"\n', "profile"),
        ('profile = "township"\nrulebook = "national"\n', "rulebook"),
        ('[tool.checker.severity]\nrepeated-char = "fatal"\n', "repeated-char"),
        ("min-score = \n", "TOML"),
    ],
)
def test_bad_config_is_one_line_with_file_and_key(project, body, needle):
    toml(project, body)
    res = run("lint", "reports/clean.txt")
    assert res.exit_code == 2
    err = res.stderr.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in res.output
    assert "pyproject.toml" in err and needle in err


def test_bad_yaml_config(project):
    (project / ".checker.yaml").write_text("fail-on: [\n", encoding="utf-8")
    res = run("lint", "reports/clean.txt")
    assert res.exit_code == 2 and ".checker.yaml" in res.stderr and "YAML" in res.stderr
    (project / ".checker.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="映射"):
        load_config()


def test_unknown_id_on_the_command_line(project):
    res = run("lint", "--select", "repeated-chars", "reports/clean.txt")
    assert res.exit_code == 2 and "repeated-chars" in res.stderr
