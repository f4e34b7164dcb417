"""checker merge: the JSON documents of shards run in parallel (xargs -P) are one run's document.

The recipe of README ("Scaling past one machine") is run for real: ``find | sort |
xargs -n K -P 2 checker lint --format json --exit-zero -o shard-….json`` then
``checker merge``.  The merged document is byte-identical to one run over the
folder, except for the reports that copied-report links across shards: those
(and only those) differ, since each shard compares its own reports only.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import CORPUS, REPO

K = 7  # reports per shard


def _generate():
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def checker(*args, cwd, stdin=None):
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True, text=True, input=stdin)


def sharded(folder, cwd, k=K) -> list[str]:
    """README's recipe: the sorted file list in shards of k, two at a time; returns the shard files."""
    env = dict(os.environ, PY=sys.executable)
    recipe = (
        f"find {folder.name} -name '*.txt' | LC_ALL=C sort | "
        f"xargs -n {k} -P 2 sh -c '\"$PY\" -m checker lint --format json --exit-zero -o \"$(mktemp shard-XXXXXX.json)\" \"$@\"' _"
    )
    done = subprocess.run(["sh", "-c", recipe], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode in (0, 123), done.stderr  # 123: some shard exited 2 (an unreadable file)
    return sorted(p.name for p in cwd.glob("shard-*.json"))


def _distinct_folder(folder):
    """The corpus reports and 20 generated reports of different units (no two copy each other), and an empty file."""
    folder.mkdir()
    for src in sorted(CORPUS.glob("*.txt")):
        shutil.copy(src, folder / src.name)
    for name, text, planted in _generate().distinct_batch(20, seed=5, pairs=0, groups=0, measures_copies=0):
        assert planted is None
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "空白.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture()
def distinct(tmp_path):
    return _distinct_folder(tmp_path / "reports")


def test_shards_merged_are_byte_identical_to_one_run(distinct, tmp_path):
    shards = sharded(distinct, tmp_path)
    assert len(shards) == 4  # 26 files in shards of 7
    one = checker("lint", "--format", "json", "--exit-zero", distinct.name, cwd=tmp_path)
    merged = checker("merge", *shards, "-o", "all.json", cwd=tmp_path)
    assert one.returncode == merged.returncode == 2  # an unreadable file: exit 2, as lint
    assert merged.stderr == one.stderr == "reports/sub/空白.txt: 文件是空的\n"
    assert (tmp_path / "all.json").read_text(encoding="utf-8") == one.stdout
    doc = json.loads(one.stdout)
    assert doc["summary"]["reports"] == 26 and not any(f["rule"] == "copied-report" for r in doc["reports"] for f in r["findings"])
    # the shards in any order give the same document; --keep-order: the order given
    again = checker("merge", *reversed(shards), cwd=tmp_path)
    assert again.stdout == one.stdout
    kept = json.loads(checker("merge", "--keep-order", *reversed(shards), cwd=tmp_path).stdout)
    order = [r["path"] for s in reversed(shards) for r in json.loads((tmp_path / s).read_text(encoding="utf-8"))["reports"]]
    assert [r["path"] for r in kept["reports"]] == order
    assert kept["summary"]["reports"] == 26 and kept["summary"]["passed"] == doc["summary"]["passed"]


def test_what_sharding_changes_for_copied_report(tmp_path):
    """Reports whose planted copies all lie in their own shard are as in one run; the others lose (or change) copied-report."""
    folder = tmp_path / "reports"
    folder.mkdir()
    batch = _generate().distinct_batch(30, seed=7, pairs=3, groups=1, group_size=3, measures_copies=1)
    for name, text, _ in batch:
        (folder / name).write_text(text, encoding="utf-8")
    planted = {f"reports/{name}": group for name, _, group in batch}
    paths = sorted(planted)
    shard_of = {p: i // K for i, p in enumerate(paths)}
    members: dict[str, set] = {}
    for p, group in planted.items():
        if group:
            members.setdefault(group, set()).add(shard_of[p])
    split = {g for g, shards in members.items() if len(shards) > 1}
    assert split and len(split) < len(members)  # some groups cross shards, some do not

    one = json.loads(checker("lint", "--format", "json", "--exit-zero", "reports", cwd=tmp_path).stdout)
    merged = json.loads(checker("merge", *sharded(folder, tmp_path), cwd=tmp_path).stdout)
    assert [r["path"] for r in merged["reports"]] == [r["path"] for r in one["reports"]] == paths
    for a, b in zip(one["reports"], merged["reports"]):
        group = planted[a["path"]]
        copied = any(f["rule"] == "copied-report" for f in a["findings"])
        assert copied == (group is not None)  # one run finds exactly the planted copies
        if group in split:
            assert a != b  # its copy (or part of its group) was in another shard

            def strip(r):
                return {k: v for k, v in r.items() if k not in ("score", "passed", "reason", "findings")}, [f for f in r["findings"] if f["rule"] != "copied-report"]

            assert strip(a) == strip(b)  # nothing else differs
        else:
            assert a == b
    assert merged["summary"]["rules"].get("copied-report", 0) < one["summary"]["rules"]["copied-report"]


@pytest.fixture(scope="module")
def shard_docs(tmp_path_factory):
    """Two shards' documents (made once for the cases below)."""
    cwd = tmp_path_factory.mktemp("shards")
    shards = sharded(_distinct_folder(cwd / "reports"), cwd, k=13)
    return [json.loads((cwd / s).read_text(encoding="utf-8")) for s in shards]


def _write(tmp_path, name, doc):
    (tmp_path / name).write_text(json.dumps(doc, ensure_ascii=False) if not isinstance(doc, str) else doc, encoding="utf-8")
    return name


@pytest.mark.parametrize(
    "case, said",
    [
        ("not-json", "不是 JSON 文件（第 1 行第 1 列）"),
        ("statistics", "这是 --statistics 的输出"),
        ("sarif", "不是 checker lint --format json 的输出"),
        ("quiet", "用 --quiet 生成的"),
        ("edited", "summary 与其中的报告对不上"),
        ("old-version", "的字段与这一版 checker 不同（缺少字段 subject），可能由另一版本的 checker 生成"),
        ("other-rulebook", "的部分与 good.json 中的不同"),
        ("twice", "已在 good.json 中"),
        ("missing", "无法读取"),
    ],
)
def test_bad_input_is_one_line_naming_the_file(shard_docs, tmp_path, case, said):
    good, other = shard_docs[0], shard_docs[1]
    _write(tmp_path, "good.json", good)
    bad = json.loads(json.dumps(other))
    if case == "not-json":
        bad = "<html>"
    elif case == "statistics":
        bad = {"statistics": [], "summary": bad["summary"]}
    elif case == "sarif":
        bad = {"version": "2.1.0", "runs": []}
    elif case == "quiet":  # 000 passes: not listed, counted
        bad = checker("lint", "--format", "json", "-q", str(CORPUS / "000_8b1a2ce855df5433.txt"), cwd=tmp_path).stdout
    elif case == "edited":
        bad["reports"][0]["score"] = 12.5
    elif case == "old-version":
        del bad["reports"][0]["subject"]
    elif case == "other-rulebook":
        for r in bad["reports"]:
            r["parts"] = r["parts"][:-1]
        from checker.merge import _summary_of

        bad["summary"] = _summary_of(bad["reports"]).to_dict()
    elif case == "twice":
        bad = good
    if case != "missing":
        _write(tmp_path, "bad.json", bad)
    done = checker("merge", "good.json", "bad.json", "-o", "out.json", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == "" and not (tmp_path / "out.json").exists()
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("checker: bad.json: ") and said in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_exit_status_as_lint_on_the_merged_document(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    good = (CORPUS / "000_8b1a2ce855df5433.txt").read_text(encoding="utf-8")
    (folder / "a.txt").write_text(good, encoding="utf-8")
    (folder / "b.txt").write_text(good.replace("辽源市", "青山县"), encoding="utf-8")
    a = checker("lint", "--format", "json", "-o", "a.json", "r/a.txt", cwd=tmp_path)
    b = checker("lint", "--format", "json", "-o", "b.json", "r/b.txt", cwd=tmp_path)
    assert a.returncode == b.returncode == 0
    assert checker("merge", "a.json", "b.json", cwd=tmp_path).returncode == 0  # every report passes
    checker("lint", "--format", "json", "--exit-zero", "--min-score", "99", "-o", "c.json", "r/b.txt", cwd=tmp_path)
    # c.json was judged with --min-score 99 (b fails there): merge keeps each shard's verdict
    fails = checker("merge", "a.json", "c.json", cwd=tmp_path)
    assert fails.returncode == 1
    assert [r["passed"] for r in json.loads(fails.stdout)["reports"]] == [True, False]
    assert checker("merge", "--exit-zero", "a.json", "c.json", cwd=tmp_path).returncode == 0
    quiet = json.loads(checker("merge", "-q", "a.json", "c.json", cwd=tmp_path).stdout)
    assert [r["path"] for r in quiet["reports"]] == ["r/b.txt"] and quiet["summary"]["reports"] == 2
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    checker("lint", "--format", "json", "-o", "d.json", "r/broken.docx", cwd=tmp_path)
    unreadable = checker("merge", "--exit-zero", "a.json", "d.json", cwd=tmp_path)
    assert unreadable.returncode == 2 and unreadable.stderr.startswith("r/broken.docx: ")
    assert json.loads(unreadable.stdout)["summary"]["unreadable"] == 1
    # never over an input
    refused = checker("merge", "a.json", "b.json", "-o", "a.json", cwd=tmp_path)
    assert refused.returncode == 2 and "不会覆盖输入" in refused.stderr
