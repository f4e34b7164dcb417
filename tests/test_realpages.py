"""Every label in ../shared/realpages/labels.yaml holds: real published pages, as saved.

The pages are the beginnings of web copies with their furniture (metadata
blocks, breadcrumbs, clock widgets), judged with the profile their subject
calls for (no --profile), as ``checker lint`` does.  Labels: ``title`` (the
title a person reads; compared with all spacing removed, traditional
characters as simplified — see ../shared/realpages/README.md), ``year``,
``published``, ``profile``, ``parts`` (truncated pages: only the parts
labelled), ``findings_any`` / ``findings_none`` and ``passed``.  Each label is
its own test.
"""

from __future__ import annotations

import pytest
import yaml

from checker.engine import check_file
from checker.profiles import AutoProfile

from conftest import REPO
from pagelabels import assert_label, assert_lines_point_into, labels_of

PAGES = REPO.parent / "shared" / "realpages"
CASES = yaml.safe_load((PAGES / "labels.yaml").read_text(encoding="utf-8"))


def _labels():
    for case in CASES:
        for label, expected in labels_of(case):
            yield case["file"], label, expected


@pytest.fixture(scope="module")
def results():
    auto = AutoProfile()
    return {case["file"]: check_file(str(PAGES / case["file"]), auto) for case in CASES}


@pytest.mark.parametrize(("name", "label", "expected"), list(_labels()), ids=lambda v: str(v)[:40])
def test_label(name, label, expected, results):
    assert_label(name, results[name], label, expected)


def test_every_page_is_labelled():
    files = sorted(f"cases/{p.name}" for p in (PAGES / "cases").iterdir())
    assert files == sorted(case["file"] for case in CASES)


def test_near_misses_are_not_annual_reports_and_reports_are(results):
    """A page that is not an annual report says what it is; a real report never gets the finding."""
    for case in CASES:
        found = [f for f in results[case["file"]].findings if f.rule == "not-annual-report"]
        if case["class"] == "near-miss":
            assert len(found) == 1 and found[0].severity == "error", case["file"]
        else:
            assert not found, (case["file"], found[0].message)
    jiedu = next(f for f in results["cases/r02_qingshui_jiedu.txt"].findings if f.rule == "not-annual-report")
    assert "政策解读" in jiedu.message and jiedu.line == 1
    fangan = next(f for f in results["cases/r05_neimenggu_fangan.txt"].findings if f.rule == "not-annual-report")
    assert "实施方案" in fangan.message and "制定本方案" in fangan.message


def test_subjects_read_from_the_opening_sentence(results):
    """Pages without a title: the subject is the organ the opening sentence is about."""
    expected = {
        "cases/r03_sifabu2022.txt": "司法部",
        "cases/r08_xiashu2025.txt": "下蜀镇",  # after the addressee line 市委、市政府:
        "cases/r15_qingbo2023.txt": "清波街道",
        "cases/r17_shuocheng2023.txt": "区政府",
        "cases/r27_nanchangxian2019.txt": "南昌县",
        "cases/r47_luhe_mzj2025.txt": "我局",
        "cases/r53_fengjie_yufu2021.txt": "街道",
        "cases/r55_neimenggu2022.txt": "自治区",
    }
    for name, subject in expected.items():
        assert results[name].title is None and results[name].subject == subject, (name, results[name].subject)


def test_lines_point_into_the_original_page(results):
    for case in CASES:
        original = (PAGES / case["file"]).read_text(encoding="utf-8").splitlines()
        assert_lines_point_into(original, case["file"], results[case["file"]])
