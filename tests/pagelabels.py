"""The labels of labelled web pages (../shared/realpages, tests/data/webeval) and how one is checked.

A case's ``expect`` holds ``title`` (compared with all spacing removed,
traditional characters as simplified), ``title_has`` (a text the title
contains), ``year``, ``published``, ``profile``, ``passed``, ``parts`` (present /
missing; ``weak`` counts as present) and ``findings_any`` / ``findings_none``.
"""

from __future__ import annotations

import re

from checker.normalize import simplified


def labels_of(case: dict):
    """(label, expected) pairs of one case: "title", "parts:measures", "findings_none:late-publication" …"""
    expect = case["expect"]
    for key in ("title", "title_has", "year", "published", "profile", "passed"):
        if key in expect:
            yield key, expect[key]
    for part, status in expect.get("parts", {}).items():
        yield f"parts:{part}", status
    for rule in expect.get("findings_any", []):
        yield f"findings_any:{rule}", True
    for rule in expect.get("findings_none", []):
        yield f"findings_none:{rule}", False


def flat(title):
    return None if title is None else re.sub(r"\s+", "", simplified(title))


def assert_label(name: str, r, label: str, expected) -> None:
    """Assert that result ``r`` of page ``name`` meets one label."""
    assert r.error is None, r.error
    kind, _, key = label.partition(":")
    if kind == "title":
        assert flat(r.title) == flat(expected), f"{name}: title {r.title!r}, expected {expected!r}"
    elif kind == "title_has":
        assert r.title is not None and flat(expected) in flat(r.title), f"{name}: title {r.title!r} lacks {expected!r}"
    elif kind == "year":
        assert r.year == expected, f"{name}: year {r.year}"
    elif kind == "published":
        got = r.published.isoformat() if r.published else None
        assert got == expected, f"{name}: published {got}"
    elif kind == "profile":
        assert r.profile == expected, f"{name}: profile {r.profile} (subject {r.subject!r})"
    elif kind == "passed":
        assert r.passed == expected, f"{name}: passed {r.passed}"
    elif kind == "parts":
        part = next(p for p in r.parts if p.id == key)
        got = "missing" if part.status == "missing" else "present"
        assert got == expected, f"{name}: {key} is {part.status} (line {part.line}, heading {part.heading!r})"
    else:
        hits = [f for f in r.findings if f.rule == key]
        assert bool(hits) == expected, f"{name}: {key}: {[(f.line, f.message) for f in hits]}"


def assert_lines_point_into(original: list[str], name: str, r) -> None:
    """Every part heading and finding of ``r`` points at a line of the original page."""
    for p in r.parts:
        if p.heading:
            assert p.line is not None and original[p.line - 1].strip(), (name, p.id)
    for f in r.findings:
        assert f.line is None or 1 <= f.line <= len(original), (name, f.rule, f.line)
