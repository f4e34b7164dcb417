"""Hostile inputs, outputs and signals (issue 17): nothing lost, nothing overwritten, memory bounded, no traceback.

Every reproduction of the issue ends in a one-line Chinese error naming the
file (or a reported skip), exit 2 (130 / 143 for signals), with no input and
no previous output changed.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

import reports as R
from conftest import CORPUS

sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))
import hostile  # noqa: E402

GOOD = CORPUS / "000_8b1a2ce855df5433.txt"
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def cli(*args, cwd=None, env=None, timeout=60, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checker", *map(str, args)],
        capture_output=True, text=True, cwd=cwd, env={**os.environ, **(env or {})}, timeout=timeout, **kwargs,
    )


def one_line_error(res, *phrases: str) -> str:
    """The run ended in exit 2 with exactly one line on stderr, no traceback, containing ``phrases``."""
    err = res.stderr
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert res.returncode == 2 if hasattr(res, "returncode") else res.exit_code == 2, err
    assert "Traceback" not in err + (res.stdout or ""), err
    assert len(lines) == 1, lines
    for phrase in phrases:
        assert phrase in lines[0], (phrase, lines[0])
    return lines[0]


@pytest.fixture()
def report(tmp_path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_text(R.text(R.complete_report()), encoding="utf-8")
    return path


# ------------------------------------------------------------------ -o


def test_output_onto_an_input_is_refused(report, tmp_path):
    before = report.read_bytes()
    link = tmp_path / "link.txt"
    link.symlink_to(report.name)
    hard = tmp_path / "hard.txt"
    os.link(report, hard)
    for out in (report, link, hard):
        res = run("lint", report, "--format", "json", "-o", out)
        one_line_error(res, str(out), "输入文件")
        assert report.read_bytes() == before
    assert link.is_symlink()


def test_output_onto_last_years_report_is_refused(report, tmp_path):
    previous = tmp_path / "previous.txt"
    previous.write_text(R.text(R.complete_report()), encoding="utf-8")
    before = previous.read_bytes()
    res = run("lint", report, "--previous", previous, "--format", "json", "-o", previous)
    one_line_error(res, "输入文件")
    assert previous.read_bytes() == before


def test_output_through_a_symlink_writes_its_target(report, tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "latest.json"
    link.symlink_to(target.name)
    res = run("lint", report, "--format", "json", "-o", link)
    assert res.exit_code == 0, res.stderr
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["reports"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the previous file's permissions are kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest.json", "out.json", "victim.txt"]


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_output_onto_a_special_file_is_refused(report, tmp_path, kind):
    if kind == "device":
        out = Path("/dev/null")
        phrase = "字符设备"
    elif kind == "fifo":
        out = tmp_path / "pipe.json"
        os.mkfifo(out)
        phrase = "命名管道"
    else:
        out = tmp_path
        phrase = "文件夹"
    res = cli("lint", report, "--format", "json", "-o", out, timeout=30)
    one_line_error(res, phrase)
    if kind == "device":
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    if kind == "fifo":
        assert stat.S_ISFIFO(os.stat(out).st_mode)


@pytest.mark.parametrize("out", ["/missing/dir/x.html", "/proc/x.json"])
def test_output_that_cannot_be_created_is_one_line(report, out):
    res = cli("lint", report, "--format", "html", "-o", out)
    one_line_error(res, out, "无法写入")


@pytest.mark.skipif(ROOT_USER, reason="root writes into read-only folders")
def test_output_into_a_read_only_folder_is_one_line(report, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        one_line_error(cli("lint", report, "--format", "json", "-o", folder / "x.json"), "没有写入权限")
    finally:
        folder.chmod(0o755)


def _limit_file_size():
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))  # a "full disk" after 2 KB
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


@pytest.mark.parametrize("fmt", ["terminal", "json", "html"])
def test_full_disk_keeps_the_previous_output_and_leaves_no_temporary_file(tmp_path, fmt):
    reports = [tmp_path / f"r{i}.txt" for i in range(6)]
    for r in reports:
        r.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.txt"
    out.write_text("PREVIOUS", encoding="utf-8")
    res = cli("lint", *reports, "--format", fmt, "-o", out, preexec_fn=_limit_file_size)
    one_line_error(res, str(out), "无法写入")
    assert out.read_text(encoding="utf-8") == "PREVIOUS"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt", *(r.name for r in reports)]


@pytest.mark.parametrize("fmt", ["terminal", "json"])
def test_stdout_that_cannot_be_written_is_one_line(report, fmt):
    with open("/dev/full", "w") as full:
        res = subprocess.run([sys.executable, "-m", "checker", "lint", str(report), "--format", fmt], stdout=full, stderr=subprocess.PIPE, text=True)
    res.stdout = ""
    one_line_error(res, "标准输出", "磁盘空间不足")


def test_stdout_that_cannot_encode_chinese_falls_back_to_utf8(report):
    res = cli("lint", report, env={"PYTHONIOENCODING": "ascii"})
    assert res.returncode == 0, res.stderr
    assert "得分" in res.stdout and "Traceback" not in res.stderr
    res = cli("lint", report.with_name("missing.txt"), env={"PYTHONIOENCODING": "ascii"})
    one_line_error(res, "文件不存在")


def test_output_file_met_by_a_walk_is_skipped_not_refused(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    out = folder / "result.txt"
    assert run("lint", folder, "-o", out).exit_code == 0
    res = run("lint", folder, "--format", "json", "-o", out)  # the second time result.txt is in the folder
    assert res.exit_code == 0, res.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [Path(r["path"]).name for r in doc["reports"]] == ["a.txt"]
    assert doc["skipped_files"] == [{"path": str(out), "reason": "这是本次运行的输出文件（-o），不作为报告检查"}]


# ------------------------------------------------------------ workers


def _die_on(name: str):
    """A replacement for batch._check_one that kills its worker on the file called ``name``."""
    from checker import batch

    real = batch._check_one

    def check(path):
        if Path(path).name == name:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path)

    return check


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_dying_worker_costs_only_its_file(tmp_path, monkeypatch, jobs):
    from checker import batch

    files = []
    for i in range(6):
        f = tmp_path / f"r{i}.txt"
        f.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
        files.append(f)
    monkeypatch.setattr(batch, "_check_one", _die_on("r2.txt"))
    res = run("lint", *files, "--format", "json", "--jobs", jobs)
    assert res.exit_code == 2
    reports = json.loads(res.stdout)["reports"]
    assert [Path(r["path"]).name for r in reports] == [f.name for f in files]
    assert [r["path"] for r in reports if "error" in r] == [str(files[2])]
    assert "处理时进程异常退出，可能是文件过大或损坏" in reports[2]["error"]
    assert all(r["score"] > 50 for i, r in enumerate(reports) if i != 2)
    assert res.stderr.strip().splitlines() == [reports[2]["error"]]


def test_timeout_holds_in_code_the_alarm_cannot_interrupt(tmp_path, monkeypatch):
    """A worker stuck where SIGALRM cannot reach (native code) is killed at --timeout plus a grace second."""
    from checker import batch

    def stuck(path):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(30)

    files = [tmp_path / "slow.txt", tmp_path / "fine.txt"]
    for f in files:
        f.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    real = batch._check_one
    monkeypatch.setattr(batch, "_check_one", lambda p: stuck(p) if p.endswith("slow.txt") else real(p))
    t0 = time.monotonic()
    res = run("lint", *files, "--format", "json", "--timeout", "1", "--jobs", "2")
    assert time.monotonic() - t0 < 10
    reports = json.loads(res.stdout)["reports"]
    assert res.exit_code == 2 and "处理超时（超过 1 秒）" in reports[0]["error"] and "error" not in reports[1]


def test_a_pdfium_crash_under_the_memory_limit_is_reported(tmp_path):
    """A stream bomb let through (--max-unpacked raised) makes PDFium exhaust the worker's memory: one file lost, not the run."""
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(hostile.pdf_bomb(400))
    good = tmp_path / "good.txt"
    good.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    res = cli("lint", bomb, good, "--format", "json", "--max-unpacked", "1000", "--max-memory", "300", "--timeout", "20")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    first, second = json.loads(res.stdout)["reports"]
    assert first["path"] == str(bomb) and "error" in first and "error" not in second


# ------------------------------------------------------------ signals


def _wait_for_workers(pid: int, deadline: float = 20.0) -> None:
    t0 = time.monotonic()
    while time.monotonic() - t0 < deadline:
        if hostile.alive_children(pid):
            return
        time.sleep(0.05)
    raise AssertionError("the batch never started its workers")


@pytest.mark.parametrize("fmt,signum", [("terminal", signal.SIGINT), ("terminal", signal.SIGTERM), ("json", signal.SIGINT), ("html", signal.SIGTERM)])
def test_signals_stop_the_batch_and_keep_the_previous_output(tmp_path, fmt, signum):
    text = GOOD.read_text(encoding="utf-8")
    files = []
    for i in range(120):
        f = tmp_path / f"r{i:03d}.txt"
        f.write_text(text, encoding="utf-8")
        files.append(str(f))
    out = tmp_path / "out.txt"
    out.write_text("PREVIOUS", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", "lint", "--jobs", "2", "--format", fmt, "-o", str(out), *files],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    _wait_for_workers(proc.pid)
    workers = hostile.alive_children(proc.pid)
    time.sleep(0.3)
    if signum == signal.SIGINT:
        os.killpg(proc.pid, signum)  # Ctrl-C reaches the whole foreground group
    else:
        os.kill(proc.pid, signum)
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signum, stderr
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "已中断" in lines[0] and "Traceback" not in stderr, stderr
    assert out.read_text(encoding="utf-8") == "PREVIOUS"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("r")) == ["out.txt"]
    time.sleep(0.2)
    assert not [w for w in workers if hostile.alive(w)]


def test_sigterm_also_stops_the_libreoffice_a_worker_started(tmp_path):
    fake = tmp_path / "soffice"
    pidfile = tmp_path / "soffice.pid"
    fake.write_text(f"#!/bin/sh\necho $$ > {pidfile}\nsleep 60\n", encoding="utf-8")
    fake.chmod(0o755)
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    proc = subprocess.Popen([sys.executable, "-m", "checker", "lint", str(doc), "--soffice", str(fake), "-o", str(tmp_path / "out.json")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    t0 = time.monotonic()
    while not pidfile.exists() and time.monotonic() - t0 < 20:
        time.sleep(0.05)
    office = int(pidfile.read_text())
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 143 and err.strip().endswith(f"未写入 {tmp_path / 'out.json'}"), err
    time.sleep(0.3)
    assert not hostile.alive(office)
    assert not (tmp_path / "out.json").exists()


# ------------------------------------------------------------ readers


def test_pdf_stream_bomb_is_refused_quickly_in_little_memory(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(hostile.pdf_bomb(300))
    t0 = time.monotonic()
    res = cli("lint", bomb, "--timeout", "3")
    line = one_line_error(res, str(bomb), "可能是压缩炸弹")
    assert "OCR" not in line and time.monotonic() - t0 < 10
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1024 * 1024  # KB: under 1 GB


def test_pdf_stream_bomb_follows_max_unpacked(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(hostile.pdf_bomb(30))
    one_line_error(cli("lint", bomb, "--max-unpacked", "10"), "超过 10 MB", "可能是压缩炸弹")


def test_docx_whose_headers_understate_the_sizes_is_stopped_at_max_unpacked(tmp_path):
    liar = tmp_path / "liar.docx"
    liar.write_bytes(hostile.docx_lying_header(60))
    res = cli("lint", liar, "--max-unpacked", "1")
    one_line_error(res, str(liar), "可能是压缩炸弹")
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1024 * 1024


def test_a_few_undecodable_bytes_are_a_warning_with_their_lines(tmp_path):
    data = GOOD.read_bytes()
    lines = data.split(b"\n")
    lines[2] = lines[2][:30] + b"\xff\xfe" + lines[2][30:]
    lines[7] = lines[7] + b"\xff"
    path = tmp_path / "stray.txt"
    path.write_bytes(b"\n".join(lines))
    res = run("lint", path, "--format", "json")
    report = json.loads(res.stdout)["reports"][0]
    assert "error" not in report
    found = [f for f in report["findings"] if f["rule"] == "undecodable-bytes"]
    assert [f["line"] for f in found] == [3, 8] and found[0]["severity"] == "warning"
    gb = tmp_path / "stray-gb.txt"
    gb.write_bytes(GOOD.read_text(encoding="utf-8").encode("gb18030")[:600] + b"\xff" + GOOD.read_text(encoding="utf-8").encode("gb18030")[600:])
    report = json.loads(run("lint", gb, "--format", "json").stdout)["reports"][0]
    assert "error" not in report and any(f["rule"] == "undecodable-bytes" for f in report["findings"])


# ------------------------------------------------------------ walks


def test_a_walk_names_every_entry_it_does_not_check(tmp_path):
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "a.txt").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "~$a.docx").write_bytes(b"\x00lock")
    (folder / ".draft.txt").write_text("隐藏", encoding="utf-8")
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04")
    (folder / "sub" / "up").symlink_to("..")
    reasons = hostile.special_files(folder)
    res = cli("lint", folder, "--format", "json", timeout=30)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    doc = json.loads(res.stdout)
    errors = {Path(r["path"]).name: r["error"] for r in doc["reports"] if "error" in r}
    for name, phrase in reasons.items():
        assert phrase in errors[name], (name, errors.get(name))
    assert "不支持的文件类型" in errors["notes.xlsx"]
    skipped = {Path(s["path"]).name: s["reason"] for s in doc["skipped_files"]}
    assert set(skipped) == {"~$a.docx", ".draft.txt", ".git", "up"}
    assert "锁定文件" in skipped["~$a.docx"] and "隐藏" in skipped[".draft.txt"]
    # every entry is on stderr too, one line each, naming the file
    assert len([ln for ln in res.stderr.splitlines() if ln.strip()]) == len(errors) + len(skipped)
    # and in the terminal summary
    out = cli("lint", folder, timeout=30, env={"COLUMNS": "300"}).stdout
    assert "已跳过" in out and "命名管道" in out and "另有 4 个文件已跳过" in out


def test_a_word_lock_file_from_a_shell_glob_is_a_note_not_a_failure(tmp_path):
    import docx

    d = docx.Document()
    for line in R.text(R.complete_report()).splitlines():
        d.add_paragraph(line)
    d.save(tmp_path / "x.docx")
    (tmp_path / "~$x.docx").write_bytes(b"\x0bzhangsan" + b"\x00" * 100)
    res = cli("lint", tmp_path / "x.docx", tmp_path / "~$x.docx")  # what `checker lint *.docx` passes
    assert res.returncode == 0, res.stderr
    assert res.stderr.strip() == f"{tmp_path / '~$x.docx'}: Word/WPS 打开文档时生成的临时锁定文件（~$），已跳过"
    res = cli("lint", str(tmp_path / "*.docx"), "--format", "json")  # checker's own glob
    assert res.returncode == 0 and [s["path"] for s in json.loads(res.stdout)["skipped_files"]] == [str(tmp_path / "~$x.docx")]


@pytest.mark.parametrize("name", ["fifo.txt", "zero.txt", "loop-a.txt", "dangling.txt"])
def test_special_files_named_are_refused_with_their_reason(tmp_path, name):
    reasons = hostile.special_files(tmp_path)
    one_line_error(cli("lint", tmp_path / name, timeout=30), name, reasons[name])


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_are_not_empty_files(device):
    one_line_error(cli("lint", device, timeout=30), device, "字符设备")


# ------------------------------------------------------------ rulebooks and configs


@pytest.mark.parametrize("how", ["rulebook", "extends"])
@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_rulebook_or_extends_naming_a_special_file(report, tmp_path, how, target):
    if target == "fifo":
        target = tmp_path / "fifo.yaml"
        os.mkfifo(target)
    ref = target
    if how == "extends":
        ref = tmp_path / "child.yaml"
        ref.write_text(f"id: child\nname: 子规则集\nextends: {target}\n", encoding="utf-8")
    res = cli("lint", report, "--rulebook", ref, timeout=20)
    one_line_error(res, str(target), "不是普通文件")


def test_extends_naming_a_file_that_is_no_rulebook_never_quotes_it(report, tmp_path):
    secret = tmp_path / "shadow"
    secret.write_text("root: $6$SECRETHASH$xyz\ndaemon: '*'\n", encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(f"id: child\nname: 子\nextends: {secret}\n", encoding="utf-8")
    res = cli("lint", report, "--rulebook", child)
    line = one_line_error(res, str(secret), "不是规则集文件").replace(str(secret), "")
    assert "SECRET" not in line and "root" not in line and "daemon" not in line
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n\x01SECRET\n", encoding="utf-8")
    line = one_line_error(cli("lint", report, "--rulebook", child), str(secret)).replace(str(secret), "")
    assert "SECRET" not in line and "bash" not in line


def test_rulebook_of_ten_thousand_alias_references_is_refused_fast(report, tmp_path):
    book = tmp_path / "aliases.yaml"
    book.write_text(hostile.many_aliases(10_000), encoding="utf-8")
    t0 = time.monotonic()
    one_line_error(cli("lint", report, "--rulebook", book), str(book), "别名")
    assert time.monotonic() - t0 < 15


def test_billion_laughs_in_the_config_is_refused_fast_and_small(report, tmp_path):
    (tmp_path / ".checker.yaml").write_text(hostile.billion_laughs("select"), encoding="utf-8")
    t0 = time.monotonic()
    res = cli("lint", report.name, cwd=tmp_path)
    one_line_error(res, ".checker.yaml", "别名")
    assert time.monotonic() - t0 < 15
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1024 * 1024


def test_an_alias_that_repeats_a_list_still_loads(tmp_path):
    from checker.rulebook import load_rulebook

    book = tmp_path / "p.yaml"
    book.write_text(
        "id: p\nname: 省\nextends: national\nrules:\n"
        "  unaddressed-shortcoming:\n    stopwords: &w [法治, 政府, 建设]\n"
        "  plan-not-reported:\n    stopwords: *w\n",
        encoding="utf-8",
    )
    rb = load_rulebook(str(book))
    assert rb.rule("plan-not-reported").config.stopwords == rb.rule("unaddressed-shortcoming").config.stopwords
    assert load_rulebook("national").id == "national"  # national.yaml itself reuses a word list with &/*


def test_control_character_in_a_rulebook_or_config_is_one_line_with_its_line(report, tmp_path):
    book = tmp_path / "ctrl.yaml"
    book.write_text("id: c\nname: \x1b[2J坏\n", encoding="utf-8")
    line = one_line_error(cli("lint", report, "--rulebook", book), f"{book}:2", "控制字符")
    assert "\x1b" not in line
    (tmp_path / ".checker.yaml").write_text("min-score: 70\nformat: \x07json\n", encoding="utf-8")
    one_line_error(cli("lint", report.name, cwd=tmp_path), ".checker.yaml:2", "控制字符")


def test_config_errors_never_print_a_whole_structure(report, tmp_path):
    (tmp_path / ".checker.yaml").write_text("min-score: [" + ", ".join(["1"] * 50_000) + "]\n", encoding="utf-8")
    line = one_line_error(cli("lint", report.name, cwd=tmp_path), "min-score")
    assert len(line) < 300


def test_rulebook_size_is_capped_and_the_cap_can_be_raised(report, tmp_path):
    book = tmp_path / "big.yaml"
    book.write_text("id: big\nname: 大\nextends: national\n" + "# 注释\n" * 600_000, encoding="utf-8")
    assert book.stat().st_size > 4 * 1024 * 1024
    one_line_error(cli("lint", report, "--rulebook", book), str(book), "过大", "--max-yaml-size")
    res = cli("lint", report, "--rulebook", book, "--max-yaml-size", "20")
    assert res.returncode == 0, res.stderr


def test_timeout_covers_loading(report, monkeypatch):
    import checker.config

    monkeypatch.setattr(checker.config, "load_config", lambda *a, **k: time.sleep(5))
    t0 = time.monotonic()
    res = run("lint", report, "--timeout", "0.5")
    assert res.exit_code == 2 and "超时" in res.stderr and time.monotonic() - t0 < 3


# ------------------------------------------------------------ terminal


def test_terminal_safe_escapes_controls_and_bidi():
    from checker.formatters.safe_text import terminal_safe

    assert terminal_safe("a\x1b]0;T\x07b\x1b[2J\r\u202ec\td") == "a\\x1b]0;T\\x07b\\x1b[2J\\r\\u202ec\td"
    assert terminal_safe("青山县法治政府") == "青山县法治政府"


def test_escape_sequences_in_names_reach_the_terminal_escaped(tmp_path):
    evil = tmp_path / "a\x1b]0;PWNED\x07\x1b[2J.txt"
    evil.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    missing = tmp_path / "gone\x1b[31m.txt"
    res = cli("lint", evil, missing, env={"COLUMNS": "300"})
    for text in (res.stdout, res.stderr):
        assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b]0;PWNED\\x07\\x1b[2J" in res.stdout and "gone\\x1b[31m.txt" in res.stderr


def test_concise_format_escapes_and_lists_skipped_files(tmp_path):
    evil = tmp_path / "a\x1b[2J.txt"
    evil.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "~$a.docx").write_bytes(b"\x0block")
    res = cli("lint", tmp_path, "--format", "concise")
    assert "\x1b" not in res.stdout and "a\\x1b[2J.txt" in res.stdout
    assert f"{tmp_path / '~$a.docx'}: info skipped-file " in res.stdout
    assert "共 1 份" in res.stdout  # the lock file is no report
