"""checker as a gate: the pre-commit hook (with the real pre-commit tool) and the CI examples.

The pre-commit test installs checker from a copy of this working tree (so
uncommitted work is tested too) into pre-commit's own virtualenv, which needs
PyPI; it takes a minute or two and is marked ``slow`` (deselect with
``-m "not slow"``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import reports as R
from conftest import REPO

BIN = Path(sys.executable).parent
BAD = R.text(R.without(R.complete_report(), R.FIRST_RESPONSIBLE))  # a mandated part missing
GOOD = R.text(R.complete_report())


def git(cwd: Path, *args: str, env=None, check=True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=check, capture_output=True, text=True, timeout=120)


def isolated_env(tmp_path: Path) -> dict:
    env = dict(os.environ)
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\tname = checker tests\n\temail = tests@example.org\n[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    env.update(
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
    )
    env.pop("VIRTUAL_ENV", None)
    return env


def copy_working_tree(dest: Path, env: dict) -> str:
    """Commit a copy of the working tree (tracked and untracked, not ignored files) into a new git repository."""
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout.split("\0")
    for rel in filter(None, listed):
        src = REPO / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    git(dest, "init", "-q", env=env)
    git(dest, "add", ".", env=env)
    git(dest, "commit", "-q", "-m", "checker under test", env=env)
    return git(dest, "rev-parse", "HEAD", env=env).stdout.strip()


def pre_commit(cwd: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=1200
    )


def test_hook_definition():
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "checker" and hook["entry"] == "checker lint" and hook["language"] == "python"
    import re

    files = re.compile(hook["files"])
    for name in ("reports/a.txt", "reports/b.md", "报告/c.docx", "d.html", "e.pdf"):
        assert files.search(name), name
    for name in ("reports/a.txt.bak", "pyproject.toml", "reports/a.doc"):
        assert not files.search(name), name
    assert hook["pass_filenames"] is True


@pytest.mark.slow
def test_pre_commit_rejects_a_missing_part_and_accepts_the_fix(tmp_path):
    env = isolated_env(tmp_path)
    hook_repo = tmp_path / "checker"
    hook_repo.mkdir()
    rev = copy_working_tree(hook_repo, env)

    repo = tmp_path / "reports-repo"
    (repo / "reports").mkdir(parents=True)
    git(repo, "init", "-q", env=env)
    report = repo / "reports" / "青山县2023年法治政府建设年度报告.txt"

    # pre-commit try-repo, as the issue asks
    report.write_text(BAD, encoding="utf-8")
    git(repo, "add", ".", env=env)
    res = pre_commit(repo, env, "try-repo", str(hook_repo), "checker", "--files", str(report.relative_to(repo)))
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "Failed" in out and "党政主要负责人" in out and "未通过" in out

    report.write_text(GOOD, encoding="utf-8")
    res = pre_commit(repo, env, "try-repo", str(hook_repo), "checker", "--files", str(report.relative_to(repo)))
    out = res.stdout + res.stderr
    assert res.returncode == 0, out
    assert "Passed" in out

    # and as an installed hook: a commit of the bad report is refused, the fixed one goes in
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": str(hook_repo), "rev": rev, "hooks": [{"id": "checker", "files": r"^reports/"}]}]}),
        encoding="utf-8",
    )
    (repo / "README.md").write_text("# 报告\n不是报告，不检查。\n", encoding="utf-8")
    report.unlink()
    git(repo, "add", "-A", env=env)
    res = pre_commit(repo, env, "install")
    assert res.returncode == 0, res.stdout + res.stderr
    assert git(repo, "commit", "-q", "-m", "set up", env=env, check=False).returncode == 0

    report.write_text(BAD, encoding="utf-8")
    git(repo, "add", ".", env=env)
    res = git(repo, "commit", "-m", "bad report", env=env, check=False)
    assert res.returncode != 0 and "党政主要负责人" in res.stdout + res.stderr
    assert git(repo, "rev-list", "--count", "HEAD", env=env).stdout.strip() == "1"

    report.write_text(GOOD, encoding="utf-8")
    git(repo, "add", ".", env=env)
    res = git(repo, "commit", "-m", "fixed report", env=env, check=False)
    assert res.returncode == 0, res.stdout + res.stderr
    assert git(repo, "rev-list", "--count", "HEAD", env=env).stdout.strip() == "2"


# ---------------------------------------------------------------- examples/ci

EXAMPLES = REPO / "examples" / "ci"


def reports_folder(tmp_path: Path, *texts: str) -> Path:
    work = tmp_path / "work"
    (work / "reports" / "乡镇").mkdir(parents=True)
    for i, text in enumerate(texts):
        (work / "reports" / ("乡镇" if i % 2 else "") / f"report{i}.txt").write_text(text, encoding="utf-8")
    return work


def bash(work: Path, script: str, env: dict) -> int:
    return subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=work, env=env, capture_output=True, timeout=300).returncode


def checker_steps(workflow: dict) -> list[dict]:
    (job,) = workflow["jobs"].values()
    return [s for s in job["steps"] if "checker lint" in s.get("run", "")]


@pytest.mark.parametrize("good", [True, False], ids=["good", "bad"])
def test_github_actions_example(tmp_path, good):
    workflow = yaml.safe_load((EXAMPLES / "github-actions.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert workflow["permissions"]["security-events"] == "write"
    steps = checker_steps(workflow)
    assert [s.get("continue-on-error", False) for s in steps] == [True, False]  # SARIF never gates; the last step does

    work = reports_folder(tmp_path, GOOD, GOOD if good else BAD)
    env = isolated_env(tmp_path)
    codes = [bash(work, s["run"], env) for s in steps]
    assert codes == ([0, 0] if good else [1, 1])
    import json

    sarif = json.loads((work / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert len(sarif["runs"][0]["artifacts"]) == 2
    assert any(r["ruleId"] == "missing-part/first_responsible" for r in results) != good


@pytest.mark.parametrize("good", [True, False], ids=["good", "bad"])
def test_gitlab_ci_example(tmp_path, good):
    (job,) = yaml.safe_load((EXAMPLES / "gitlab-ci.yml").read_text(encoding="utf-8")).values()
    junit = job["artifacts"]["reports"]["junit"]
    assert job["artifacts"]["when"] == "always"
    work = reports_folder(tmp_path, GOOD, GOOD if good else BAD)
    env = isolated_env(tmp_path)
    assert bash(work, "\n".join(job["script"]), env) == (0 if good else 1)
    import xml.etree.ElementTree as ET

    root = ET.parse(work / junit).getroot()
    assert len(root.findall("testsuite")) == 2
    assert (root.get("failures") == "0") == good
