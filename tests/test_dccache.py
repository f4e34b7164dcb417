"""Dataclasses made with checker.dccache are dataclasses.dataclass's, their methods' code kept per user;
and the ``checker`` command ends with os._exit without losing output, exit codes or cache writes."""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest

from checker import dccache

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
OPTIONS = [{}, {"frozen": True}, {"frozen": True, "slots": True}, {"order": True}, {"kw_only": True}, {"eq": False}]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CHECKER_NO_CACHE", raising=False)
    monkeypatch.setattr(dccache, "TABLE", None)
    return tmp_path / "cache"


def _make(decorator, **options):
    class Item:
        name: str
        weight: float = 1.0
        tags: tuple = ()
        notes: Optional[list] = dataclasses.field(default_factory=list, compare=False)

    return decorator(**options)(Item)


def _behaviour(cls) -> dict:
    a, b = cls(name="甲", weight=2.0), cls(name="甲", weight=2.0)
    seen = {
        "fields": [(f.name, f.default, f.compare, f.kw_only) for f in dataclasses.fields(cls)],
        "repr": repr(a),
        "eq": a == b,
        "ne": a == cls(name="乙"),
        "params": cls.__dataclass_params__.__repr__(),
        "doc": cls.__doc__,
        "methods": sorted(k for k in vars(cls) if k.startswith("__") and callable(vars(cls)[k])),
    }
    try:
        seen["hash"] = hash(a) == hash(b)
    except TypeError as exc:
        seen["hash"] = type(exc).__name__
    try:
        a.name = "丙"
        seen["set"] = a.name
    except dataclasses.FrozenInstanceError:
        seen["set"] = "frozen"
    if cls.__dataclass_params__.order:
        seen["lt"] = cls(name="甲") < cls(name="乙")
    return seen


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(o) or "plain")
def test_made_and_cached_classes_behave_as_dataclasses_makes_them(fresh, monkeypatch, options):
    expected = _behaviour(_make(dataclasses.dataclass, **options))
    assert _behaviour(_make(dccache.dataclass, **options)) == expected
    assert "exec" not in vars(dataclasses), "dataclasses left seeing dccache's exec"
    dccache.TABLE.save()
    assert any(p.name.startswith("dataclass-") for p in fresh.iterdir())
    monkeypatch.setattr(dccache, "TABLE", None)
    monkeypatch.setattr(dccache, "compile", lambda *a: pytest.fail("compiled again instead of read from the cache"), raising=False)
    assert _behaviour(_make(dccache.dataclass, **options)) == expected


def test_a_damaged_cache_file_is_only_a_miss(fresh, monkeypatch):
    _make(dccache.dataclass, frozen=True)
    dccache.TABLE.save()
    (target,) = [p for p in fresh.iterdir() if p.name.startswith("dataclass-")]
    target.write_bytes(b"\x00not marshal")
    monkeypatch.setattr(dccache, "TABLE", None)
    assert _behaviour(_make(dccache.dataclass, frozen=True)) == _behaviour(_make(dataclasses.dataclass, frozen=True))


def test_an_entry_that_is_not_code_is_dropped(fresh, monkeypatch):
    _make(dccache.dataclass)
    dccache.TABLE.save()
    (target,) = [p for p in fresh.iterdir() if p.name.startswith("dataclass-")]
    table = marshal.loads(target.read_bytes())
    target.write_bytes(marshal.dumps({source: "not code" for source in table}))
    monkeypatch.setattr(dccache, "TABLE", None)
    assert _behaviour(_make(dccache.dataclass)) == _behaviour(_make(dataclasses.dataclass))


def _run(args, cache_dir, **kw):
    env = dict(os.environ, CHECKER_CACHE_DIR=str(cache_dir))
    env.pop("CHECKER_NO_CACHE", None)
    return subprocess.run([sys.executable, "-m", "checker", *args], env=env, capture_output=True, **kw)


def test_a_second_run_finds_everything_in_the_cache_and_rewrites_nothing(tmp_path):
    """Each cached table holds what a run compiles; an identical run adds nothing (no key that varies by process)."""
    reports = sorted(CORPUS.glob("*.txt"))
    if not reports:
        pytest.skip("no corpus")
    folder = tmp_path / "cache"
    report = str(reports[0])  # one report: checked in this process, whose tables are saved at exit
    assert _run(["lint", "--format", "json", report], folder).returncode in (0, 1)
    tables = {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix == ".marshal" and not p.name.startswith("lexicon")}
    assert {n.split("-")[0] for n in tables} == {"regex", "dataclass"}
    for source, code in marshal.loads(tables[next(n for n in tables if n.startswith("dataclass-"))]).items():
        assert code == compile(source, "<string>", "exec", dont_inherit=True)
    stamps = {n: (folder / n).stat().st_mtime_ns for n in tables}
    assert _run(["lint", "--format", "json", report], folder).returncode in (0, 1)
    assert {n: (folder / n).stat().st_mtime_ns for n in tables} == stamps
    assert {n: (folder / n).read_bytes() for n in tables} == tables


def test_the_command_ends_at_once_yet_keeps_its_output_and_exit_codes(tmp_path):
    reports = sorted(CORPUS.glob("*.txt"))
    if not reports:
        pytest.skip("no corpus")
    folder = tmp_path / "cache"
    many = []  # 200 reports, ~1 MB of JSON: everything buffered must reach the pipe
    for i in range(40):
        for report in reports:
            copy = tmp_path / f"{i:02d}-{report.name}"
            copy.write_bytes(report.read_bytes())
            many.append(str(copy))
    out = _run(["lint", "--format", "json", "--exit-zero", *many], folder)
    assert out.returncode == 0, out.stderr.decode()[-500:]
    assert len(json.loads(out.stdout)["reports"]) == len(many)
    assert any(p.name.startswith("rulebook-") for p in folder.iterdir())  # exit handlers ran: caches written
    missing = _run(["lint", str(tmp_path / "无此文件.txt")], folder)
    assert missing.returncode == 2 and "无此文件.txt" in missing.stderr.decode() and b"Traceback" not in missing.stderr
    assert _run(["lint", "--no-such-option"], folder).returncode == 2
    assert _run(["--version"], folder).stdout.decode().startswith("checker ")


def test_a_batch_keeps_what_its_workers_compiled(tmp_path):
    """Workers end without exit handlers: they write the tables themselves, so one report after a batch
    of the same reports finds every pattern and class it needs."""
    reports = sorted(CORPUS.glob("*.txt"))
    if len(reports) < 2:
        pytest.skip("no corpus")
    folder = tmp_path / "cache"
    assert _run(["lint", "--format", "json", "--jobs", "2", *map(str, reports)], folder).returncode in (0, 1)
    tables = {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.name.startswith(("regex-", "dataclass-"))}
    assert len(tables) == 2
    assert _run(["lint", "--format", "json", str(reports[-1])], folder).returncode in (0, 1)
    assert {n: (folder / n).stat().st_mtime_ns for n in tables} == tables
