"""Chinese throughout: click's own messages, help laid out in terminal cells, YAML / TOML / regex errors."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner
from rich.cells import cell_len

from checker.cli import main
from checker.zh import CLICK, CLICK_DEVELOPER_ONLY, regex_problem, toml_problem, yaml_problem

import reports as R
from conftest import CORPUS

GOOD = str(CORPUS / "000_8b1a2ce855df5433.txt")
CJK = re.compile(r"[\u4e00-\u9fff]")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def click_msgids() -> set[str]:
    """Every string the installed click passes to gettext (``_("…")`` / ``ngettext("…", "…", n)``)."""
    found = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                for arg in node.args[: 2 if node.func.id == "ngettext" else 1]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.add(arg.value)
    return found


def test_the_catalog_covers_click():
    msgids = click_msgids()
    assert len(msgids) > 50
    assert sorted(msgids - set(CLICK) - CLICK_DEVELOPER_ONLY) == []  # a click upgrade with new messages fails here
    dynamic = {"required"}  # click calls _(extra["required"])
    assert sorted(set(CLICK) - msgids - dynamic) == []  # and so does a message click no longer has
    for msgid, text in CLICK.items():
        assert CJK.search(text) or msgid in ("%(prog)s, version %(version)s",), msgid
        assert set(re.findall(r"\{(\w+)", msgid)) == set(re.findall(r"\{(\w+)", text)), msgid


def test_help_is_chinese():
    for args in (["--help"], ["lint", "--help"], ["config", "-h"], ["rules", "--help"], ["explain", "--help"], ["template", "--help"]):
        out = run(*args).stdout
        for english in ("Show this message and exit", "[default:", "Usage:", "Options:", "Commands:", "[OPTIONS]", "COMMAND [ARGS]"):
            assert english not in out, (args, english)
        assert "用法：" in out and "显示本帮助并退出。" in out and "选项：" in out
    assert "[默认：terminal]" in run("lint", "--help").stdout
    assert "命令：" in run("--help").stdout


def test_help_columns_line_up_in_terminal_cells():
    out = run("lint", "--help").stdout
    lines = out.splitlines()
    starts = set()
    for ln in lines:
        m = re.match(r"^  (-\S.*?\S)  +(\S.*)$", ln)
        if m and cell_len(m.group(1)) < 30:
            starts.add(cell_len(ln) - cell_len(m.group(2)))
    assert len(starts) == 1  # every option's help starts in the same column, Chinese metavars or not
    assert max(cell_len(ln) for ln in lines) <= 80


@pytest.mark.parametrize(
    "args,wanted",
    [
        (["lint"], "错误：缺少参数 '路径...'。"),
        (["lint", "--formt", "json", GOOD], "错误：没有“--formt”这个选项。 是否应为 '--format'？"),
        (["lint", "--format", "yaml", GOOD], "“yaml”不是可选值"),
        (["lint", "--jobs", "abc", GOOD], "“abc”不是有效的整数。"),
        (["lint", "--min-score", "200", GOOD], "200.0 不在范围 0<=x<=100 之内。"),
        (["lint", "--jobs"], "选项“--jobs”需要一个值。"),
        (["no-such-command"], "没有“no-such-command”这个命令。"),
        (["lint", "--debug=yes", GOOD], "选项“--debug”不带值。"),
    ],
)
def test_usage_errors_are_chinese(args, wanted):
    res = run(*args)
    assert res.exit_code == 2 and wanted in res.stderr, res.stderr
    assert "Error" not in res.stderr and "Try " not in res.stderr and "Usage" not in res.stderr


def test_unknown_format_lists_the_choices():
    assert "可选值" in run("lint", "--format", "yaml", GOOD).stderr


YAML_CASES = [
    ("a: b: c\n", "这里不能写“键: 值”", 1),
    ("a:\n\tb: 1\n", "Tab", 2),
    ("fail-on: [\n", "缺少值", 2),
    ("a: [1, 2\nb: 3\n", "方括号列表", 2),
    ("a: 'x\n", "引号或括号闭合前", 2),
    ("- a\nb: 1\n", "缩进不一致", 2),
    ("a: *x\n", "未定义的锚点", 1),
    ('a: "\\q"\n', "转义", 1),
]


@pytest.mark.parametrize("text,wanted,line", YAML_CASES)
@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
def test_yaml_errors_in_chinese(text, wanted, line, loader):
    if not hasattr(yaml, loader):
        pytest.skip("PyYAML without libyaml")
    with pytest.raises(yaml.YAMLError) as info:
        yaml.load(text, Loader=getattr(yaml, loader))
    message = yaml_problem(info.value)
    assert message.startswith("YAML 语法错误：") and wanted in message and f"第 {line} 行" in message
    assert not re.search(r"[a-z]{4,} [a-z]{3,}", message)  # no English sentence left


def test_yaml_errors_of_config_and_rulebook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "r.txt"
    report.write_text(R.text(R.complete_report()), encoding="utf-8")
    (tmp_path / ".checker.yaml").write_text("fail-on: warning\n  min-score: 70\n", encoding="utf-8")
    res = run("lint", "r.txt")
    assert res.exit_code == 2 and ".checker.yaml:2: YAML 语法错误：这里不能写“键: 值”" in res.stderr and "mapping" not in res.stderr
    (tmp_path / ".checker.yaml").unlink()
    (tmp_path / "province.yaml").write_text("id: province\nextends: national\nparts: [\n", encoding="utf-8")
    res = run("lint", "--rulebook", str(tmp_path / "province.yaml"), "r.txt")
    assert res.exit_code == 2 and "YAML 语法错误：缺少值" in res.stderr and "expected" not in res.stderr


@pytest.mark.parametrize(
    "text,wanted",
    [
        ("min-score = \n", "值无效"),
        ("fail-on warning\n", "缺少“=”"),
        ("min-score = 1\nmin-score = 2\n", "重复出现"),
        ("fail-on = 'x\n", "引号没有闭合"),
        ("select = [\"a\",\n", "值无效"),
    ],
)
def test_toml_errors_in_chinese(tmp_path, monkeypatch, text, wanted):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.checker]\n" + text, encoding="utf-8")
    (tmp_path / "r.txt").write_text(R.text(R.complete_report()), encoding="utf-8")
    res = run("lint", "r.txt")
    assert res.exit_code == 2 and "TOML 语法错误：" in res.stderr and wanted in res.stderr
    assert "Expected" not in res.stderr and "Invalid" not in res.stderr


@pytest.mark.parametrize(
    "pattern,wanted",
    [
        ("(原因", "左括号"),
        ("原因)", "右括号"),
        ("[原因", "方括号"),
        ("*原因", "前面没有可重复的内容"),
        ("原因{3,1}", "m 大于 n"),
        (r"\q", "无效的转义"),
        ("(?<=a+)b", "后行断言"),
    ],
)
def test_regex_errors_in_chinese(pattern, wanted):
    with pytest.raises(re.error) as info:
        re.compile(pattern)
    message = regex_problem(info.value)
    assert message.startswith("正则表达式有误：") and wanted in message
    assert ("个字符处" in message) == (info.value.pos is not None)


def test_regex_error_in_a_rulebook(tmp_path):
    from checker.rulebook import RulebookError, load_rulebook

    path = tmp_path / "province.yaml"
    path.write_text("id: province\nextends: national\nrules:\n  title-format:\n    patterns: ['(年度报告']\n", encoding="utf-8")
    with pytest.raises(RulebookError) as info:
        load_rulebook(str(path))
    assert "正则表达式有误：左括号“(”没有对应的右括号" in str(info.value)


def test_toml_problem_wording():
    import tomllib

    with pytest.raises(tomllib.TOMLDecodeError) as info:
        tomllib.loads("a = [1,\n")
    assert toml_problem(info.value) == "TOML 语法错误：值无效（字符串要加引号，如 \"warning\"；列表写成 [\"a\", \"b\"]；布尔值为 true / false）（在文件末尾）"


def test_unreadable_config_in_chinese(tmp_path, monkeypatch):
    import errno

    from checker.zh import os_problem

    assert os_problem(PermissionError(errno.EACCES, "Permission denied")) == "没有读取权限"
    assert os_problem(IsADirectoryError(errno.EISDIR, "Is a directory")) == "是文件夹，不是文件"
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".checker.yaml").write_bytes(b"\xff\xfe fail-on")
    (tmp_path / "r.txt").write_text(R.text(R.complete_report()), encoding="utf-8")
    res = run("lint", "r.txt")
    assert res.exit_code == 2 and res.stderr.strip() == f"checker: {tmp_path / '.checker.yaml'}: 无法读取配置文件（不是 UTF-8 编码的文本）"
