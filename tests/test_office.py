""".doc / .wps / .rtf read through LibreOffice headless; without it, a one-line reason to save as .docx."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.model import ReadError
from checker.readers import SUPPORTED_EXTENSIONS, read_document
from checker.readers.office import convert as lo_convert

from wordfiles import convert, soffice_or_skip, word_report


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def lint(*args) -> list[dict]:
    return json.loads(run("lint", "--format", "json", *args).stdout)["reports"]


@pytest.fixture(scope="module")
def legacy(tmp_path_factory):
    """A corpus report as .docx, and the .doc / .rtf LibreOffice makes of it (and the .doc named .wps)."""
    d = tmp_path_factory.mktemp("legacy")
    src = d / "柳城县.docx"
    lines = word_report(src, "004")
    made = {"lines": lines, "docx": src, "doc": convert(src, "doc", d / "doc"), "rtf": convert(src, "rtf", d / "rtf")}
    wps = d / "wps" / "柳城县.wps"
    wps.parent.mkdir()
    wps.write_bytes(made["doc"].read_bytes())  # WPS's .wps is a Word 97-2003 compound file
    made["wps"] = wps
    return made


@pytest.mark.parametrize("kind", ["doc", "wps", "rtf"])
def test_legacy_files_read_like_the_docx(legacy, kind):
    (want,) = lint(str(legacy["docx"]))
    (got,) = lint(str(legacy[kind]))
    assert "error" not in got, got
    assert got["title"] == want["title"] and got["year"] == want["year"] and got["score"] == want["score"]
    assert [(p["id"], p["status"]) for p in got["parts"]] == [(p["id"], p["status"]) for p in want["parts"]]
    body = len(legacy["lines"])  # the table after the text may come out as another number of rows

    def placed_in_text(findings):
        return [(f["rule"], f["line"]) for f in findings if f["line"] is None or f["line"] <= body]

    assert placed_in_text(got["findings"]) == placed_in_text(want["findings"])
    placed = [f for f in got["findings"] if f["line"] is not None]
    assert placed and all(f["place"].startswith(f"第 {f['line']} 段") for f in placed)


def test_a_folder_walk_checks_legacy_files(legacy, tmp_path):
    for kind in ("doc", "wps", "rtf"):
        assert f".{kind}" in SUPPORTED_EXTENSIONS
    folder = tmp_path / "sent"
    folder.mkdir()
    for kind in ("docx", "doc", "wps", "rtf"):
        (folder / f"r.{kind}").write_bytes(legacy[kind].read_bytes())
    reports = lint(str(folder), "--jobs", "2")  # parallel conversions, each with its own profile
    assert sorted(Path(r["path"]).suffix for r in reports) == [".doc", ".docx", ".rtf", ".wps"]
    assert all("error" not in r for r in reports)
    assert len({r["score"] for r in reports}) == 1


def test_without_libreoffice_a_one_line_reason(legacy, tmp_path):
    res = run("lint", str(legacy["doc"]), str(legacy["docx"]), "--soffice", str(tmp_path / "no-soffice"))
    assert res.exit_code == 2
    err = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(err) == 1 and err[0].startswith(str(legacy["doc"])) and "LibreOffice" in err[0] and "另存为” .docx" in err[0]
    assert "得分" in res.stdout  # the .docx was still checked
    env = {**os.environ, "CHECKER_SOFFICE": str(tmp_path / "none"), "PATH": str(tmp_path)}
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, v)
        with pytest.raises(ReadError) as info:
            read_document(legacy["rtf"])
    assert "RTF" in str(info.value) and "\n" not in str(info.value)


def _fake_soffice(tmp_path: Path, body: str) -> Path:
    exe = tmp_path / "soffice"
    exe.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return exe


def test_time_limit_kills_libreoffice(legacy, tmp_path):
    pidfile = tmp_path / "pid"
    exe = _fake_soffice(tmp_path, f'echo $$ > {pidfile}\nsleep 60\n')
    t0 = time.monotonic()
    with pytest.raises(ReadError) as info:
        lo_convert(legacy["doc"].read_bytes(), "r.doc", ".doc", str(exe), timeout=1)
    assert time.monotonic() - t0 < 15 and "超时" in str(info.value)
    pid = int(pidfile.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the converter (and its process group) is gone


def test_each_conversion_has_its_own_profile(legacy, tmp_path):
    log = tmp_path / "args"
    exe = _fake_soffice(tmp_path, f'echo "$@" >> {log}\nexit 1\n')
    for _ in range(2):
        with pytest.raises(ReadError) as info:
            lo_convert(legacy["doc"].read_bytes(), "r.doc", ".doc", str(exe), timeout=30)
        assert "LibreOffice 无法转换" in str(info.value)
    calls = log.read_text().splitlines()
    profiles = [next(a for a in call.split() if a.startswith("-env:UserInstallation=file://")) for call in calls]
    assert len(profiles) == 2 and profiles[0] != profiles[1]
    assert all("--headless" in call and "--convert-to docx" in call for call in calls)


def test_garbage_with_a_legacy_name_is_not_sent_to_libreoffice(tmp_path):
    soffice_or_skip()
    bad = tmp_path / "bad.doc"
    bad.write_bytes(os.urandom(4000))
    with pytest.raises(ReadError) as info:
        read_document(bad)
    assert "bad.doc" in str(info.value) and ".docx" in str(info.value)
