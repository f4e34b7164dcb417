"""Writing a rulebook safely: a ten-line provincial override, `checker rules validate`, --against, safe regexes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.rulebook import RulebookError, load_rulebook, validate_rulebook
from checker.safe_regex import problem

import reports as R

#: the worked example of docs/rulebook.md: rectification required, a title pattern, an extra alias
PROVINCE = """\
# XX省法治政府建设年度报告规则（在全国通用模板上只改不同之处）
id: xx-province
name: XX省
extends: national
parts:
  - id: rectification
    severity: error
    weight: 15
    add:
      aliases: [法治督察反馈问题整改落实情况]
rules:
  title-format:
    patterns: ["^关于20\\\\d{2}年度法治政府建设情况的报告$"]
"""


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# ---------------------------------------------------------------- a provincial override


def test_provincial_override_takes_effect_in_lint(tmp_path):
    rules = write(tmp_path, "province.yaml", PROVINCE)
    assert len(PROVINCE.strip().splitlines()) <= 14
    no_rect = write(tmp_path, "report.txt", R.text(R.without(R.complete_report(), R.RECTIFICATION)))
    res = run("lint", "--format", "json", "--rulebook", str(rules), str(no_rect))
    rep = json.loads(res.stdout)["reports"][0]
    assert rep["profile"] == "xx-province"
    rect = [f for f in rep["findings"] if f["part"] == "rectification"]
    assert [(f["rule"], f["severity"]) for f in rect] == [("missing-part", "error")]
    assert "title-format" in {f["rule"] for f in rep["findings"]}  # “青山县2023年…报告” is not the province's form
    assert res.exit_code == 1 and rep["passed"] is False
    # the same report passes the national template (rectification only a warning there)
    assert run("lint", "--profile", "national", str(no_rect)).exit_code == 0

    titled = R.replace_line(R.complete_report(), R.TITLE, "关于2023年度法治政府建设情况的报告")
    titled = R.replace_line(titled, R.RECTIFICATION[0], "五、法治督察反馈问题整改落实情况")
    ok = write(tmp_path, "ok.txt", R.text(titled))
    rep = json.loads(run("lint", "--format", "json", "--rulebook", str(rules), str(ok)).stdout)["reports"][0]
    assert rep["passed"] is True and {p["id"]: p["status"] for p in rep["parts"]}["rectification"] == "present"


def test_provincial_override_takes_effect_in_rules(tmp_path):
    rules = write(tmp_path, "province.yaml", PROVINCE)
    out = run("rules", "--rulebook", str(rules)).stdout
    assert "规则集 xx-province（XX省）" in out and "继承 national" in out
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("rectification"))
    assert "error" in line and "权重 15" in line
    rb = load_rulebook(str(rules))
    assert "法治督察反馈问题整改落实情况" in rb.part("rectification").aliases
    assert set(load_rulebook("national").part("rectification").aliases) < set(rb.part("rectification").aliases)


def test_a_mistake_in_the_override_gives_file_and_line(tmp_path):
    bad = write(tmp_path, "province.yaml", PROVINCE.replace("    severity: error", "    severty: error"))
    res = run("lint", "--rulebook", str(bad), str(write(tmp_path, "r.txt", R.text(R.complete_report()))))
    assert res.exit_code == 2
    assert res.stderr.strip() == f"checker: {bad}:7: 部分（parts）中有未知的键“severty”，是否应为“severity”？"
    res = run("rules", "--rulebook", str(bad))
    assert res.exit_code == 2 and f"{bad}:7:" in res.stderr


# ---------------------------------------------------------------- checker rules validate


@pytest.mark.parametrize(
    "text,line,needle",
    [
        ("extends: national\nparts:\n  - id: measures\n    aliasses: [甲]\n", 4, "aliasses"),
        ("extends: national\nparts:\n  - id: measures\n    weight: 很多\n", 4, "weight"),
        ("extends: national\nparts:\n  - id: causes\n    patterns: ['原因(']\n", 4, "正则"),
        ("extends: national\nparts:\n  - id: causes\n    patterns:\n      - 主要原因\n      - '(原因.+)+分析'\n", 6, "上限"),
        ("extends: national\nparts:\n  - id: other\n    weight: 1\n  - id: other\n    weight: 2\n", 5, "重复"),
        ("extends: national\nrules:\n  thin-part:\n    penalty: 1\n  thin-part:\n    penalty: 2\n", 5, "重复"),
        ("extends: national\nrules:\n  thin-part:\n    severity: fatal\n", 4, "severity"),
        ("extends: national\nrules:\n  thin-parts:\n    penalty: 1\n", 3, "thin-part"),
        ("id: c\nextends: nowhere\n", 2, "nowhere"),
        ("extends: national\nparts:\n  - id: province_extra\n    name: 督察整改\n", 3, "缺少"),
        ("extends: national\nrules:\n  outline-coverage:\n    scope: [measure]\n", 4, "measure"),
        ("extends: national\nrules:\n  first-responsible-duties:\n    items:\n      述法: {pattern: 述法}\n      述法: {pattern: 述职}\n", 6, "重复"),
    ],
)
def test_validate_reports_file_and_line(tmp_path, text, line, needle):
    p = write(tmp_path, "bad.yaml", text)
    res = run("rules", "validate", str(p))
    assert res.exit_code == 2
    first = res.stdout.splitlines()[0]
    assert first.startswith(f"{p}:{line}:" if line else f"{p}") and needle in first, first
    assert "Traceback" not in res.output


def test_validate_lists_every_mistake(tmp_path):
    p = write(
        tmp_path,
        "bad.yaml",
        "extends: national\nparts:\n  - id: measures\n    aliasses: [甲]\n    weight: 很多\nrules:\n  thin-part:\n    severity: fatal\n",
    )
    errors = validate_rulebook(str(p))
    assert [e.line for e in errors] == [4, 5, 8]
    res = run("rules", "validate", str(p))
    assert res.exit_code == 2 and len(res.stdout.splitlines()) == 3 and "3 处错误" in res.stderr
    with pytest.raises(RulebookError) as err:  # loading stops at the first
        load_rulebook(str(p))
    assert err.value.line == 4


def test_validate_extends_cycle(tmp_path):
    write(tmp_path, "a.yaml", "extends: b.yaml\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\n")
    res = run("rules", "validate", str(tmp_path / "a.yaml"))
    assert res.exit_code == 2 and "循环" in res.stdout and "a.yaml" in res.stdout


@pytest.mark.parametrize("name", ["national", "government", "department", "township"])
def test_validate_shipped_rulebooks(name):
    res = run("rules", "validate", name)
    assert res.exit_code == 0 and "有效" in res.stdout


def test_an_extra_part_of_a_province(tmp_path):
    p = write(
        tmp_path,
        "extra.yaml",
        """extends: national
parts:
  - id: inspection_feedback
    name: 法治督察反馈问题整改情况
    basis: XX省《法治政府建设年度报告工作指引》
    severity: warning
    weight: 5
    order: 5
    aliases: [法治督察反馈问题整改情况, 督察反馈问题整改]
    message: 没有报告法治督察反馈问题的整改情况
    fix: 增加一部分“法治督察反馈问题整改情况”。
    examples: {fail: "一、主要举措和成效", pass: "六、法治督察反馈问题整改情况"}
""",
    )
    assert run("rules", "validate", str(p)).exit_code == 0
    report = write(tmp_path, "r.txt", R.text(R.complete_report()))
    rep = json.loads(run("lint", "--format", "json", "--rulebook", str(p), str(report)).stdout)["reports"][0]
    assert rep["parts"][-1] == {"id": "inspection_feedback", "status": "missing", "line": None, "heading": None, "location": None}
    assert any(f["part"] == "inspection_feedback" and f["severity"] == "warning" for f in rep["findings"])
    assert "inspection_feedback" in run("rules", "--rulebook", str(p)).stdout


# ---------------------------------------------------------------- --against DIR


SAMPLE = R.complete_report() + [
    "六、其他需要报告的情况",
    "其他需要报告的情况：本年度修订突发事件应急预案，严格落实重大行政决策程序，完善政务公开制度，自觉接受人大监督，推进数字政府建设。",
    "（一）原因分析",
    "培训考核机制还不够健全。",
]


def test_against_flags_rules_that_never_match(tmp_path):
    samples = tmp_path / "samples"
    samples.mkdir()
    write(samples, "a.txt", R.text(SAMPLE))
    p = write(
        tmp_path,
        "typo.yaml",
        "extends: national\nparts:\n  - id: causes\n    patterns: [主要原困, 原困在于]\nrules:\n  title-format:\n    patterns: ['^关于20\\d{2}年度']\n",
    )
    res = run("rules", "validate", str(p), "--against", str(samples))
    assert res.exit_code == 1
    out = res.stdout
    assert "部分“causes”的 patterns" in out and "规则“title-format”的 patterns" in out
    assert f"{p}:" in out  # each with the file (and line) of its rule
    assert "measures" not in out  # the rest all match


def test_against_passes_when_everything_fires(tmp_path):
    samples = tmp_path / "samples"
    samples.mkdir()
    write(samples, "a.txt", R.text(SAMPLE))
    res = run("rules", "validate", "national", "--against", str(samples))
    assert res.exit_code == 0, res.stdout
    assert "都能生效" in res.stdout


def test_against_needs_a_folder(tmp_path):
    res = run("rules", "validate", "national", "--against", str(tmp_path / "none"))
    assert res.exit_code == 2 and "文件夹" in res.stderr


# ---------------------------------------------------------------- safe regular expressions


@pytest.mark.parametrize("pattern", ["(a+)+b", ".*.*乙", "由于.*导致", "(a|a){0,30}", r"(\w)\1", "x" * 400])
def test_catastrophic_or_unbounded_patterns_are_refused(pattern):
    assert problem(pattern)


@pytest.mark.parametrize(
    "pattern", ["由于[^。；;]{0,60}(导致|造成|致使|使得)", "(20\\d{2}|下一|上一|本|上)年度?", "(?<![上前所])述法", "^关于20\\d{2}年度"]
)
def test_ordinary_patterns_are_accepted(pattern):
    assert problem(pattern) is None


def test_the_worked_example_in_the_docs_is_valid(tmp_path):
    doc = (Path(__file__).resolve().parents[1] / "docs" / "rulebook.md").read_text(encoding="utf-8")
    section = doc.split("## 一个省级规则集的完整例子", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert example == PROVINCE
    p = write(tmp_path, "xx-province.yaml", example)
    assert run("rules", "validate", str(p)).exit_code == 0
    rb = load_rulebook(str(p))
    assert rb.part("rectification").severity == "error" and rb.rule("title-format").config.patterns
