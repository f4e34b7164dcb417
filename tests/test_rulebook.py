"""Rulebook loading: shipped rules, extends, and mistakes reported with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.rulebook import RulebookError, load_rulebook, shipped_dir

PART_IDS = ("measures", "shortcomings", "causes", "first_responsible", "next_year_plan", "rectification", "other")


def test_shipped_rulebook_is_complete(rulebook):
    assert [p.id for p in rulebook.parts] == list(PART_IDS)
    for p in rulebook.parts:
        assert p.name and p.basis and p.message and p.fix and p.aliases
    severities = {p.id: p.severity for p in rulebook.parts}
    for core in ("measures", "shortcomings", "causes", "first_responsible", "next_year_plan"):
        assert severities[core] == "error"
    assert severities["rectification"] == "warning" and severities["other"] == "info"
    assert (shipped_dir() / "national.yaml").is_file()


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_extends_overrides_only_what_differs(tmp_path, rulebook):
    p = write(
        tmp_path,
        "province.yaml",
        "id: province\nextends: national\nparts:\n  - id: rectification\n    severity: error\n    weight: 20\n"
        "rules:\n  late-publication:\n    deadline_month: 3\n",
    )
    rb = load_rulebook(str(p))
    assert rb.id == "province"
    assert rb.part("rectification").severity == "error" and rb.part("rectification").weight == 20
    assert rb.part("rectification").aliases == rulebook.part("rectification").aliases
    assert rb.rule("late-publication").config.deadline_month == 3
    assert rb.rule("late-publication").message == rulebook.rule("late-publication").message


def test_unknown_key_is_reported_with_line(tmp_path):
    p = write(tmp_path, "bad.yaml", "extends: national\nparts:\n  - id: measures\n    aliasses: [甲]\n")
    with pytest.raises(RulebookError) as err:
        load_rulebook(str(p))
    assert err.value.line == 4 and "aliasses" in str(err.value) and "aliases" in str(err.value)
    assert str(err.value).startswith(f"{p}:4:")


def test_wrong_type(tmp_path):
    p = write(tmp_path, "bad.yaml", "extends: national\nparts:\n  - id: measures\n    weight: 很多\n")
    with pytest.raises(RulebookError) as err:
        load_rulebook(str(p))
    assert err.value.line == 4 and "weight" in str(err.value)


def test_bad_regular_expression(tmp_path):
    p = write(tmp_path, "bad.yaml", "extends: national\nparts:\n  - id: causes\n    patterns: ['原因(']\n")
    with pytest.raises(RulebookError) as err:
        load_rulebook(str(p))
    assert "正则" in str(err.value) and err.value.line == 4


def test_bad_severity_and_unknown_check(tmp_path):
    p = write(tmp_path, "bad.yaml", "extends: national\nrules:\n  thin-part:\n    severity: fatal\n")
    with pytest.raises(RulebookError, match="severity"):
        load_rulebook(str(p))
    p = write(tmp_path, "bad2.yaml", "extends: national\nrules:\n  thin-parts:\n    severity: info\n")
    with pytest.raises(RulebookError, match="thin-part") as err:
        load_rulebook(str(p))
    assert err.value.line == 3


def test_duplicate_part_id(tmp_path):
    p = write(tmp_path, "bad.yaml", "extends: national\nparts:\n  - id: other\n    weight: 1\n  - id: other\n    weight: 2\n")
    with pytest.raises(RulebookError, match="重复") as err:
        load_rulebook(str(p))
    assert err.value.line == 5


def test_extends_cycle_and_missing_parent(tmp_path):
    write(tmp_path, "a.yaml", "extends: b.yaml\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\n")
    with pytest.raises(RulebookError, match="循环"):
        load_rulebook(str(tmp_path / "a.yaml"))
    p = write(tmp_path, "c.yaml", "id: c\nextends: nowhere\n")
    with pytest.raises(RulebookError, match="nowhere") as err:
        load_rulebook(str(p))
    assert err.value.line == 2


def test_yaml_syntax_error_has_line(tmp_path):
    p = write(tmp_path, "bad.yaml", "extends: national\nparts: [\n  - id: x\n")
    with pytest.raises(RulebookError, match="YAML") as err:
        load_rulebook(str(p))
    assert err.value.line is not None


def test_unknown_rulebook_name():
    with pytest.raises(RulebookError, match="national"):
        load_rulebook("no-such-profile")
