"""Every label in tests/data/webeval/labels.yaml holds: web copies written for evaluation.

The 36 pages reproduce the patterns of real government, 范文 and document-sharing
sites (pipe-table and bracketed metadata, values on the line after their label,
glued widget labels, bilingual menus, titles over three lines, 文号 beside the
title, PDF extractions with page footers and spaced-out numbers, one-line
extractions, WeChat and newspaper copies, placeholders, pages that are not
annual reports); organs and figures are invented.  They were labelled before the
checker was run on them, in the format of ../shared/realpages/labels.yaml
(``title``, ``title_has``, ``year``, ``published``, ``profile``, ``parts``,
``findings_any`` / ``findings_none``, ``passed``), and are judged like the real
pages: with the profile their subject calls for (no --profile).  Each label is
its own test; one the checker cannot meet yet goes into KNOWN_MISJUDGMENTS
(strict xfail: delete the entry once it holds).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.engine import check_file
from checker.profiles import AutoProfile

from pagelabels import assert_label, assert_lines_point_into, labels_of

DATA = Path(__file__).resolve().parent / "data" / "webeval"
CASES = yaml.safe_load((DATA / "labels.yaml").read_text(encoding="utf-8"))

# (file, label) -> why the checker misjudges it (strict xfail)
KNOWN_MISJUDGMENTS: dict[tuple[str, str], str] = {
}
#: near-misses that do not get not-annual-report yet (strict xfail)
NOT_SAID_YET: dict[str, str] = {}


def _labels():
    for case in CASES:
        for label, expected in labels_of(case):
            yield case["file"], label, expected


def _params():
    for name, label, expected in _labels():
        reason = KNOWN_MISJUDGMENTS.get((name, label))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(name, label, expected, marks=marks, id=f"{name[:3]}-{label}")


@pytest.fixture(scope="module")
def results():
    auto = AutoProfile()
    return {case["file"]: check_file(str(DATA / case["file"]), auto) for case in CASES}


@pytest.mark.parametrize(("name", "label", "expected"), list(_params()))
def test_label(name, label, expected, results):
    assert_label(name, results[name], label, expected)


def test_every_page_is_labelled():
    files = sorted(p.name for p in DATA.iterdir() if p.name != "labels.yaml")
    assert files == sorted(case["file"] for case in CASES)


def test_known_misjudgments_name_real_labels():
    labels = {(name, label) for name, label, _ in _labels()}
    assert set(KNOWN_MISJUDGMENTS) <= labels, set(KNOWN_MISJUDGMENTS) - labels
    near = {c["file"] for c in CASES if c["class"] == "near-miss"}
    assert set(NOT_SAID_YET) <= near, set(NOT_SAID_YET) - near


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=[pytest.mark.xfail(strict=True, reason=NOT_SAID_YET[c["file"]])] if c["file"] in NOT_SAID_YET else [])
        for c in CASES
    ],
    ids=lambda c: c["file"][:3],
)
def test_near_misses_say_what_they_are_and_reports_never_get_it(case, results):
    """A page that is not an annual report gets one not-annual-report error; a report or a 范文 copy never does."""
    found = [f for f in results[case["file"]].findings if f.rule == "not-annual-report"]
    if case["class"] == "near-miss":
        assert len(found) == 1 and found[0].severity == "error", (case["file"], sorted({f.rule for f in results[case["file"]].findings}))
    else:
        assert not found, (case["file"], found[0].message)


def test_lines_point_into_the_original_page(results):
    for case in CASES:
        original = (DATA / case["file"]).read_text(encoding="utf-8").splitlines()
        assert_lines_point_into(original, case["file"], results[case["file"]])
