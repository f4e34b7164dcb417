"""Every check kind: its module declares what the registry, the loader and the documents need,
and the example in its docstring works (the rule fires on the failing text, not on the passing one)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from checker.checks import kinds
from checker.engine import Options, check_document
from checker.model import Document, SourceLine
from checker.rulebook import kind_keys, load_rulebook
from checker.ruledocs import example, summary
from checker.schema import params_of
from conftest import example_document

KINDS = sorted(kinds())


def _doc(text: str, path: str) -> Document:
    return example_document(text, path)


def test_the_registry_is_the_modules():
    import checker.checks as package

    names = {p.stem for p in Path(package.__file__).parent.glob("*.py") if p.stem != "__init__"}
    assert {m.__name__.rsplit(".", 1)[1] for m in kinds().values()} == names
    # the generic kinds the open rulebook promises
    assert {"require", "forbid", "density", "n-of-m", "similar", "order", "length"} <= set(kinds())


@pytest.mark.parametrize("name", KINDS)
def test_kind_module_declares_itself(name):
    kind = kinds()[name]
    assert kind.KIND == name
    assert dataclasses.is_dataclass(kind.Config) and kind.Config.__dataclass_params__.frozen
    assert callable(kind.check)
    assert summary(kind), f"{name}: the first docstring line says what it checks"
    for p in params_of(kind.Config):
        assert p.doc, f"{name}.{p.name} has no description"
        assert p.name in kind_keys(kind)


@pytest.mark.parametrize("name", KINDS)
def test_docstring_example_works(name, tmp_path):
    kind = kinds()[name]
    ex = example(kind)
    assert ex.get("rule") and ex.get("fail") and ex.get("pass"), f"{name}: no Example:: block with rule, fail and pass"
    rid = f"example-{name.replace('_', '-')}"
    book = tmp_path / "example.yaml"
    book.write_text(yaml.safe_dump({"id": "example", "extends": "national", "rules": {rid: ex["rule"]}}, allow_unicode=True), encoding="utf-8")
    rb = load_rulebook(str(book))
    assert rb.rule(rid).kind == name

    def hits(text):
        previous = _doc(ex["previous"], "previous.txt") if ex.get("previous") else None
        result = check_document(_doc(text, "example.txt"), rb, Options(), previous)
        if ex.get("other"):  # a batch kind (copies): checked in a batch with another unit's report
            from checker.checks.copies import apply

            result = apply([result, check_document(_doc(ex["other"], "other.txt"), rb, Options())], rb, Options())[0]
        return [f for f in result.findings if f.rule == rid]

    assert hits(ex["fail"]), f"{name}: the docstring's failing text does not fire"
    assert not hits(ex["pass"]), f"{name}: the docstring's passing text fires: {hits(ex['pass'])}"
