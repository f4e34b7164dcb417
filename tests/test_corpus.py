"""Every label in ../shared/corpus/labels.yaml holds."""

from __future__ import annotations

import pytest

from checker.engine import check_file

from conftest import CORPUS, labels as _labels  # noqa: F401
import yaml

CASES = yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results(rulebook):
    return {case["file"]: check_file(str(CORPUS / case["file"]), rulebook) for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c["file"][:3] for c in CASES])
def test_parts(case, results):
    r = results[case["file"]]
    assert r.error is None
    got = {p.id: ("missing" if p.status == "missing" else "present") for p in r.parts}
    for part, expected in case["expect"]["parts"].items():
        assert got[part] == expected, f"{case['file']}: {part} is {got[part]}, expected {expected}"


@pytest.mark.parametrize("case", CASES, ids=[c["file"][:3] for c in CASES])
def test_year(case, results):
    assert results[case["file"]].year == case["expect"]["year"]


@pytest.mark.parametrize("case", CASES, ids=[c["file"][:3] for c in CASES])
def test_findings(case, results):
    rules = {f.rule for f in results[case["file"]].findings}
    for rule in case["expect"].get("findings_any", []):
        assert rule in rules, f"{case['file']}: expected a {rule} finding, got {sorted(rules)}"
    for rule in case["expect"].get("findings_none", []):
        assert rule not in rules, f"{case['file']}: unexpected {rule}"


def test_every_part_id_reported(results):
    ids = ["measures", "shortcomings", "causes", "first_responsible", "next_year_plan", "rectification", "other"]
    for r in results.values():
        assert [p.id for p in r.parts] == ids


def test_lines_point_into_original_file(results):
    """A part's line number is the line of the original file that holds its heading."""
    for case in CASES:
        original = (CORPUS / case["file"]).read_text(encoding="utf-8").splitlines()
        for p in results[case["file"]].parts:
            if p.heading:
                assert p.line is not None
                raw = original[p.line - 1]
                # the heading is found on that very line (modulo normalization of traditional text)
                assert raw.strip(), (case["file"], p.id, p.line)
        for f in results[case["file"]].findings:
            if f.line is not None:
                assert 1 <= f.line <= len(original)


def test_duplicate_names_both_places(results):
    dup = [f for f in results["001_297f17fcf4cf510c.txt"].findings if f.rule == "duplicate-block"]
    assert len(dup) == 1
    assert dup[0].line == 53 and dup[0].related_line == 13
    assert "53-91" in dup[0].message and "13-51" in dup[0].message


def test_stutter_located(results):
    hits = [f for f in results["003_0c51c63ad63e9340.txt"].findings if f.rule == "repeated-char"]
    assert [(f.line, f.evidence is not None and "将将" in f.evidence) for f in hits] == [(38, True)]


def test_no_false_stutters_in_clean_reports(results):
    for name in ("000_8b1a2ce855df5433.txt", "001_297f17fcf4cf510c.txt", "004_14774531c7e6819b.txt"):
        assert not [f for f in results[name].findings if f.rule == "repeated-char"], name


def test_late_publication_from_date_under_title(results):
    late = [f for f in results["003_0c51c63ad63e9340.txt"].findings if f.rule == "late-publication"]
    assert len(late) == 1 and late[0].line == 2
    assert results["001_297f17fcf4cf510c.txt"].published.isoformat() == "2024-03-04"


def test_causes_promised_but_absent_points_at_heading(results):
    causes = [f for f in results["001_297f17fcf4cf510c.txt"].findings if f.part == "causes"]
    assert len(causes) == 1 and causes[0].severity == "error" and causes[0].line == 35
    assert "原因" in causes[0].message


def test_complete_report_passes(results):
    r = results["000_8b1a2ce855df5433.txt"]
    assert r.passed and r.score >= 90
    for name in ("001_297f17fcf4cf510c.txt", "003_0c51c63ad63e9340.txt"):
        assert not results[name].passed
