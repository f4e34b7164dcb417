"""Every rule of every shipped rulebook has a failing and a passing example, and they work.

The examples live in the rulebooks (``examples: {fail: …, pass: …}`` on each
part and each rule), so ``checker explain`` shows the very texts tested here.
A part's examples are for ``missing-part`` about that part; a rule's for that
rule.  A rule without examples fails this test.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from checker.engine import Options, check_document
from checker.model import Document, SourceLine
from checker.rulebook import load_rulebook, shipped_names
from conftest import example_document


@lru_cache(maxsize=None)
def rulebook(name: str):
    return load_rulebook(name)


def _cases():
    for name in shipped_names():
        rb = rulebook(name)
        for p in rb.parts:
            yield pytest.param(name, "missing-part", p.id, id=f"{name}:{p.id}")
        for cid in rb.rules:
            yield pytest.param(name, cid, None, id=f"{name}:{cid}")


def _document(text: str, path: str) -> Document:
    return example_document(text, path)


def _findings(text: str, rb, previous: str | None, other: str | None = None):
    doc = _document(text, "example.txt")
    if other:  # a batch check (copied-report): the example is checked in a batch with another unit's report
        from checker.checks.copies import apply

        results = [check_document(doc, rb, Options()), check_document(_document(other, "other.txt"), rb, Options())]
        return apply(results, rb, Options())[0].findings
    if previous:
        return check_document(doc, rb, Options(), previous=_document(previous, "previous.txt")).findings
    return check_document(doc, rb, Options()).findings


@pytest.mark.parametrize("name,rule,part", list(_cases()))
def test_rule_has_working_examples(name, rule, part):
    rb = rulebook(name)
    examples = rb.part(part).examples if part else rb.rule(rule).examples
    label = f"{name}: {rule}" + (f" (part {part})" if part else "")
    assert examples.get("fail") and examples.get("pass"), f"{label} has no fail/pass examples in its rulebook"

    def hits(text):
        return [f for f in _findings(text, rb, examples.get("previous"), examples.get("other")) if f.rule == rule and (part is None or f.part == part)]

    if not rb.rule(rule).enabled:
        assert not hits(examples["fail"]), f"{label} is disabled but fires"
        return
    assert hits(examples["fail"]), f"{label}: the fail example does not trigger it"
    assert not hits(examples["pass"]), f"{label}: the pass example triggers it: {hits(examples['pass'])}"
