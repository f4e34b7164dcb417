"""Word files made from the corpus for the tests: a .docx as a drafter writes it, and legacy files by LibreOffice."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

import pytest

from conftest import CORPUS

#: the punctuation a Word user types (the corpus .txt files carry half-width forms)
FULL_WIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"})
_LEVEL1 = re.compile(r"^[一二三四五六七八九十]+[、,，]")
_LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


def corpus_lines(prefix: str) -> list[str]:
    path = sorted(CORPUS.glob(f"{prefix}*.txt"))[0]
    return [ln.strip().translate(FULL_WIDTH) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def word_report(path: Path, prefix: str = "003", run_chars: int = 7, lines: Optional[list[str]] = None) -> list[str]:
    """A .docx of a corpus report with full-width punctuation, heading styles, short runs and a table."""
    import docx

    lines = lines if lines is not None else corpus_lines(prefix)
    d = docx.Document()
    for ln in lines:
        style = "Heading 1" if _LEVEL1.match(ln) else "Heading 2" if _LEVEL2.match(ln) else None
        p = d.add_paragraph(style=style)
        for k in range(0, len(ln), run_chars):
            p.add_run(ln[k : k + run_chars])
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "指标", (0, 1): "数量", (1, 0): "办理行政复议案件", (1, 1): "58件"}.items():
        table.cell(r, c).text = text
    d.save(str(path))
    return lines


def soffice_or_skip() -> str:
    from checker.readers.office import find_soffice

    found = find_soffice()
    if found is None:
        pytest.skip("没有安装 LibreOffice（Debian: apt-get install libreoffice-writer-nogui），跳过；.ci/run 会安装它")
    return found


def convert(src: Path, target: str, outdir: Path, filter_options: str = "") -> Path:
    """``soffice --convert-to`` in a private profile; returns the file made."""
    soffice = soffice_or_skip()
    with tempfile.TemporaryDirectory(prefix="checker-test-lo-") as profile:
        done = subprocess.run(
            [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore", "--convert-to", target + filter_options, "--outdir", str(outdir), str(src)],
            capture_output=True,
            timeout=180,
            env={"HOME": profile, "PATH": "/usr/bin:/bin"},
        )
    made = outdir / (src.stem + "." + target.split(":")[0])
    assert made.exists(), done.stderr.decode(errors="replace")[-500:]
    return made
