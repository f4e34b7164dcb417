"""The tables of parts, rules and check kinds in README.md and docs/rulebook.md are generated from the
rulebook and the kind modules (scripts/rule_tables.py): this fails when a document drifts from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.rulebook import load_rulebook
from checker.ruledocs import generated, replace_block

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name,marker", list(generated(load_rulebook("national"))))
def test_generated_table_is_up_to_date(name, marker):
    text = (ROOT / name).read_text(encoding="utf-8")
    content = generated(load_rulebook("national"))[(name, marker)]
    assert replace_block(text, marker, content) == text, f"{name}: the {marker} table is out of date; run python scripts/rule_tables.py"


def test_every_shipped_rule_and_kind_is_in_the_documents():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    doc = (ROOT / "docs" / "rulebook.md").read_text(encoding="utf-8")
    from checker.checks import kinds

    for rid in load_rulebook("national").rules:
        assert f"`{rid}`" in readme, rid
    for kind in kinds():
        assert f"#### `{kind}`" in doc and f"| `{kind}` |" in doc, kind
