"""An official adds requirements with YAML alone: the example of the open-rulebook issue, word for word,
through every command and format; profiles that override by key; validation of what officials get wrong."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

import reports as R
from checker.cli import main
from checker.rulebook import load_rulebook, validate_rulebook

PROVINCE_X = """\
id: province-x
extends: national
rules:
  must-mention-admin-review:
    kind: require
    scope: [measures]
    any: [行政复议]
    severity: warning
    message: “主要举措和成效”没有写行政复议工作
    fix: 写明本年度办理行政复议案件的数量和纠错情况。
    basis: 《XX省法治政府建设年度报告工作指引》
  expired-outline-cited:
    kind: forbid
    scope: document
    phrases: [法治政府建设实施纲要（2015—2020年）]
    years: {from: 2021}
    severity: warning
    message: 引用了已到期的《法治政府建设实施纲要（2015—2020年）》
"""

CITES_OLD = "（五）对照《法治政府建设实施纲要（2015—2020年）》，逐项查漏补缺。"
NO_REVIEW = "（四）健全矛盾纠纷预防调处化解体系。调解矛盾纠纷1436件，调解成功率达97.2%。"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def province(tmp_path) -> Path:
    return write(tmp_path / "province-x.yaml", PROVINCE_X)


def report(tmp_path, name, lines) -> Path:
    return write(tmp_path / name, R.text(lines))


def bad_report() -> list[str]:
    """The complete report without 行政复议 in its measures and citing the expired 纲要."""
    lines = R.replace_line(R.complete_report(), R.MEASURES[4], NO_REVIEW)
    at = lines.index(NO_REVIEW) + 1
    return lines[:at] + [CITES_OLD] + lines[at:]


def findings(rep: dict, rule: str) -> list[dict]:
    return [f for f in rep["findings"] if f["rule"] == rule]


def test_the_issue_example_is_ten_lines_a_rule_and_validates(province):
    assert validate_rulebook(str(province)) == []
    rb = load_rulebook(str(province))
    assert rb.rule("must-mention-admin-review").kind == "require"
    assert rb.rule("expired-outline-cited").years == (2021, None)
    # the shipped rules are inherited, unchanged
    assert set(load_rulebook("national").rules) < set(rb.rules)


def test_lint_reports_the_new_rules_under_their_ids(province, tmp_path):
    bad = report(tmp_path, "bad.txt", bad_report())
    rep = json.loads(run("lint", "--format", "json", "--rulebook", str(province), str(bad)).stdout)["reports"][0]
    (review,) = findings(rep, "must-mention-admin-review")
    assert review["severity"] == "warning" and review["part"] == "measures"
    assert review["message"] == "“主要举措和成效”没有写行政复议工作" and review["fix"].startswith("写明本年度办理行政复议案件")
    assert review["line"] == 3  # the measures' heading
    (cited,) = findings(rep, "expired-outline-cited")
    assert cited["line"] == R.text(bad_report()).splitlines().index(CITES_OLD) + 1
    assert "2015—2020" in cited["evidence"] and cited["column"] == CITES_OLD.index("法治政府建设实施纲要") + 1
    good = report(tmp_path, "good.txt", R.complete_report())
    rep = json.loads(run("lint", "--format", "json", "--rulebook", str(province), str(good)).stdout)["reports"][0]
    assert not findings(rep, "must-mention-admin-review") and not findings(rep, "expired-outline-cited")


def test_years_limit_a_rule_to_the_reports_it_concerns(province, tmp_path):
    lines = [ln.replace("2023", "2019").replace("2024", "2020") for ln in bad_report()]
    old = report(tmp_path, "old.txt", lines)
    rep = json.loads(run("lint", "--format", "json", "--rulebook", str(province), str(old)).stdout)["reports"][0]
    assert rep["year"] == 2019
    assert not findings(rep, "expired-outline-cited")  # in force in 2019
    assert findings(rep, "must-mention-admin-review")  # no years: always


def test_rules_explain_sarif_junit_and_html_know_the_new_rules(province, tmp_path):
    out = run("rules", "--rulebook", str(province)).stdout
    assert "must-mention-admin-review" in out and "expired-outline-cited" in out and "require" in out
    explained = run("explain", "--rulebook", str(province), "must-mention-admin-review").stdout
    assert "《XX省法治政府建设年度报告工作指引》" in explained and "写明本年度办理行政复议案件" in explained
    assert "检查类型 require" in explained
    bad = str(report(tmp_path, "bad.txt", bad_report()))
    sarif = json.loads(run("lint", "--format", "sarif", "--rulebook", str(province), bad).stdout)
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert "《XX省法治政府建设年度报告工作指引》" in rules["must-mention-admin-review"]["help"]["text"]
    assert rules["expired-outline-cited"]["shortDescription"]["text"].startswith("引用了已到期的")
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} >= {"must-mention-admin-review", "expired-outline-cited"}
    junit = ET.fromstring(run("lint", "--format", "junit", "--rulebook", str(province), bad).stdout.encode("utf-8"))
    cases = {c.get("name"): c for c in junit.iter("testcase")}
    (case,) = [c for name, c in cases.items() if name.endswith("[must-mention-admin-review]")]
    assert case.find("system-out") is not None or case.find("failure") is not None
    page = run("lint", "--format", "html", "--rulebook", str(province), bad).stdout
    assert "must-mention-admin-review" in page and "没有写行政复议工作" in page


# ---------------------------------------------------------------- profiles override by key


def test_a_profile_changes_one_item_by_its_name_and_keeps_its_siblings(tmp_path):
    p = write(
        tmp_path / "p.yaml",
        "extends: national\nrules:\n  first-responsible-duties:\n    items:\n      述法:\n        pattern: 述法|述职述廉\n      出庭应诉: false\n",
    )
    national = load_rulebook("national").rule("first-responsible-duties").config.items
    items = load_rulebook(str(p)).rule("first-responsible-duties").config.items
    assert items["述法"].pattern == "述法|述职述廉"
    assert "出庭应诉" not in items
    assert [k for k in items] == [k for k in national if k != "出庭应诉"]  # siblings kept, in order
    assert items["会前学法"] == national["会前学法"]


def test_the_department_profile_overrides_one_duty_only():
    national = load_rulebook("national").rule("first-responsible-duties").config.items
    department = load_rulebook("department").rule("first-responsible-duties").config.items
    assert list(department) == list(national)
    changed = [k for k in national if department[k] != national[k]]
    assert changed == ["会前学法"] and "党组会" in department["会前学法"].pattern


def test_a_profile_changes_one_parameter_and_disables_a_rule_in_one_line(tmp_path):
    p = write(tmp_path / "p.yaml", "extends: national\nrules:\n  measures-figures:\n    min_per_1000: 5\n  missing-signature: false\n")
    rb, national = load_rulebook(str(p)), load_rulebook("national")
    assert rb.rule("measures-figures").config.min_per_1000 == 5
    assert rb.rule("measures-figures").config.pattern == national.rule("measures-figures").config.pattern
    assert rb.rule("measures-figures").message == national.rule("measures-figures").message
    assert rb.rule("missing-signature").enabled is False
    unsigned = write(tmp_path / "r.txt", R.text(R.without(R.complete_report(), R.SIGNATURE)))
    assert findings(json.loads(run("lint", "--format", "json", "--profile", "national", str(unsigned)).stdout)["reports"][0], "missing-signature")
    assert not findings(json.loads(run("lint", "--format", "json", "--rulebook", str(p), str(unsigned)).stdout)["reports"][0], "missing-signature")


def test_a_province_changes_a_rule_of_a_kind_it_does_not_name(tmp_path):
    """No kind: in an override: the inherited rule's kind decides which keys are allowed."""
    p = write(tmp_path / "p.yaml", "extends: national\nrules:\n  late-publication:\n    deadline_month: 3\n    deadline_dya: 1\n")
    (err,) = validate_rulebook(str(p))
    assert err.line == 5 and "deadline_dya" in err.message and "deadline_day" in err.message


# ---------------------------------------------------------------- what officials get wrong


@pytest.mark.parametrize(
    "text,line,needle",
    [
        ("extends: national\nrules:\n  r1:\n    kind: requre\n    any: [甲]\n", 4, "require"),  # unknown kind, did you mean
        ("extends: national\nrules:\n  r1:\n    kind: require\n    anny: [甲]\n", 5, "any"),  # unknown key
        ("extends: national\nrules:\n  r1:\n    kind: require\n    scope: [measure]\n    any: [甲]\n", 5, "measure"),  # no such part
        ("extends: national\nrules:\n  r1:\n    kind: forbid\n    patterns: ['(甲+)+乙']\n", 5, "正则"),  # unsafe regex
        ("extends: national\nrules:\n  r1:\n    any: [甲]\n", 3, "kind"),  # a new rule needs a kind
        ("extends: national\nrules:\n  r1: false\n", 3, "继承"),  # only inherited rules can be switched off bare
        ("extends: national\nrules:\n  Bad_Id:\n    kind: require\n", 3, "id"),
        ("extends: national\nchecks:\n  thin-part:\n    penalty: 1\n", 2, "rules"),  # the old section name
    ],
)
def test_validate_gives_file_and_line(tmp_path, text, line, needle):
    p = write(tmp_path / "bad.yaml", text)
    res = run("rules", "validate", str(p))
    assert res.exit_code == 2, res.output
    first = res.stdout.splitlines()[0]
    assert first.startswith(f"{p}:{line}:") and needle in first, first


def test_against_names_a_rule_that_can_never_fire_with_its_line(tmp_path):
    samples = tmp_path / "samples"
    samples.mkdir()
    report(samples, "a.txt", R.complete_report())
    write(samples / "README.md", "# 样本报告\n这些是样本。\n")  # documentation is no sample report
    p = write(
        tmp_path / "p.yaml",
        "extends: national\nrules:\n  mention-review:\n    kind: require\n    scope: [measures]\n    any: [行政复议]\n"
        "  mention-typo:\n    kind: require\n    scope: [measures]\n    any: [行政复仪]\n"
        "  other-has-no-x:\n    kind: forbid\n    scope: [other]\n    phrases: [甲]\n",
    )
    res = run("rules", "validate", str(p), "--against", str(samples))
    assert res.exit_code == 1
    out = res.stdout
    assert f"{p}:7: 规则“mention-typo”的 any（1 项）在 1 份样本报告中都没有匹配" in out
    assert f"{p}:11: 规则“other-has-no-x”的 scope 在 1 份样本报告中都不存在" in out  # the sample has no 其他情况
    assert "mention-review" not in out


def test_checker_rules_lists_the_kinds():
    out = run("rules", "--kinds").stdout
    for kind in ("require", "forbid", "density", "n-of-m", "similar", "order", "length", "duplicates", "stutter"):
        assert kind in out
    assert "min_per_1000" in out
    explained = run("explain", "forbid").stdout
    assert "检查类型 forbid" in explained and "skip_book_titles" in explained and "不通过的例子" in explained


def test_the_docs_show_this_very_example():
    doc = (Path(__file__).resolve().parents[1] / "docs" / "rulebook.md").read_text(encoding="utf-8")
    section = doc.split("## 加一条要求（只写 YAML）", 1)[1]
    assert section.split("```yaml\n", 1)[1].split("```", 1)[0] == PROVINCE_X


def test_the_readme_example_is_a_valid_rulebook(tmp_path):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("### Adding a requirement (YAML only)", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    p = write(tmp_path / "province-x.yaml", block)
    assert validate_rulebook(str(p)) == []
    assert {"must-mention-admin-review", "expired-outline-cited"} <= set(load_rulebook(str(p)).rules)
