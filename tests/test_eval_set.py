"""Every label in tests/data/eval*/labels.yaml holds (independent evaluation sets).

The reports in tests/data/eval/ and tests/data/eval2/ (sixteen each, written
independently of each other) exercise how real 法治政府建设年度报告 deviate from
the template; tests/data/eval3/ (fourteen) targets false positives: parts
missing amid look-alike wording, findings that must not fire; tests/data/eval4/
(twelve) targets the findings labels (missing-title, duplicate-block,
plan-year-mismatch, late-publication, repeated-char). Each labels.yaml
has the format of ../shared/corpus/labels.yaml.
Each label is its own test, so that a label the checker does not yet meet can be
marked in KNOWN_MISJUDGMENTS (strict xfail: the entry must be deleted once the
checker is fixed).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.engine import check_file

DATA = Path(__file__).resolve().parent / "data"
FOLDERS = ("eval", "eval2", "eval3", "eval4")
# every case, its file named "<folder>/<file>"
CASES = [
    {**case, "file": f"{folder}/{case['file']}"}
    for folder in FOLDERS
    for case in yaml.safe_load((DATA / folder / "labels.yaml").read_text(encoding="utf-8"))
]

# ("<folder>/<file>", label) -> why the checker misjudges it. Labels are "year",
# "parts:<part id>", "findings_any:<rule>" and "findings_none:<rule>".
# Delete an entry when the checker is fixed (strict xfail makes the test fail then).
KNOWN_MISJUDGMENTS: dict[tuple[str, str], str] = {}


def _labels():
    for case in CASES:
        expect = case["expect"]
        yield case["file"], "year", expect["year"]
        for part, status in expect["parts"].items():
            yield case["file"], f"parts:{part}", status
        for rule in expect.get("findings_any", []):
            yield case["file"], f"findings_any:{rule}", True
        for rule in expect.get("findings_none", []):
            yield case["file"], f"findings_none:{rule}", False


def _params():
    for name, label, expected in _labels():
        marks = []
        reason = KNOWN_MISJUDGMENTS.get((name, label))
        if reason:
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        folder, _, file = name.partition("/")
        yield pytest.param(name, label, expected, marks=marks, id=f"{folder}-{file[:2]}-{label}")


@pytest.fixture(scope="module")
def results(rulebook):
    return {case["file"]: check_file(str(DATA / case["file"]), rulebook) for case in CASES}


@pytest.mark.parametrize(("name", "label", "expected"), list(_params()))
def test_label(name, label, expected, results):
    r = results[name]
    assert r.error is None, r.error
    kind, _, key = label.partition(":")
    if kind == "year":
        assert r.year == expected, f"{name}: year {r.year}, expected {expected}"
    elif kind == "parts":
        part = next(p for p in r.parts if p.id == key)
        got = "missing" if part.status == "missing" else "present"
        assert got == expected, f"{name}: {key} is {part.status} (line {part.line}, heading {part.heading!r}), expected {expected}"
    else:
        hits = [f for f in r.findings if f.rule == key]
        where = [(f.line, f.part, f.message) for f in hits]
        if expected:
            assert hits, f"{name}: expected a {key} finding, got {sorted({f.rule for f in r.findings})}"
        else:
            assert not hits, f"{name}: unexpected {key}: {where}"


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_file_is_labelled(folder):
    files = sorted(f"{folder}/{p.name}" for p in (DATA / folder).iterdir() if p.name != "labels.yaml")
    assert files == sorted(case["file"] for case in CASES if case["file"].startswith(f"{folder}/"))


def test_known_misjudgments_name_real_labels():
    labels = {(name, label) for name, label, _ in _labels()}
    assert set(KNOWN_MISJUDGMENTS) <= labels, set(KNOWN_MISJUDGMENTS) - labels


def test_lines_point_into_original_file(results):
    """Every part line and finding line is a line of the original file."""
    for case in CASES:
        original = (DATA / case["file"]).read_text(encoding="utf-8").splitlines()
        r = results[case["file"]]
        for p in r.parts:
            if p.heading:
                assert p.line is not None and original[p.line - 1].strip(), (case["file"], p.id, p.line)
        for f in r.findings:
            if f.line is not None:
                assert 1 <= f.line <= len(original), (case["file"], f.rule, f.line)
