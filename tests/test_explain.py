"""`checker rules` lists every rule; `checker explain` explains every rule and part of every shipped rulebook."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.rulebook import load_rulebook, shipped_names


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _ids():
    for name in shipped_names():
        rb = load_rulebook(name)
        for rid in [p.id for p in rb.parts] + list(rb.rules):
            yield pytest.param(name, rid, id=f"{name}:{rid}")


@pytest.mark.parametrize("name,rid", list(_ids()))
def test_explain_every_shipped_rule_and_part(name, rid):
    rb = load_rulebook(name)
    res = run("explain", "--profile", name, rid)
    assert res.exit_code == 0, res.output
    out = res.stdout
    for heading in ("依据", "不通过的例子", "通过的例子", "怎样修改"):
        assert heading in out, (rid, heading)
    item = rb.part(rid) if rid in {p.id for p in rb.parts} else rb.rule(rid)
    basis = item.basis or ""
    assert basis[:12] in out.replace("\n", "")
    first_fail_line = item.examples["fail"].splitlines()[0]
    assert first_fail_line[:15] in out


def test_explain_unknown_rule_is_a_chinese_error():
    res = run("explain", "cause")
    assert res.exit_code == 2
    assert "未知的规则、部分或检查类型" in res.stderr and "causes" in res.stderr and "Traceback" not in res.output


def test_explain_a_profile_shows_its_own_settings():
    national = run("explain", "--verbose", "first-responsible-duties").stdout
    government = run("explain", "--verbose", "--profile", "government", "first-responsible-duties").stdout
    assert "min: 2" in national and "min: 3" in government


@pytest.mark.parametrize("name", shipped_names())
def test_rules_lists_every_rule_that_can_appear_in_findings(name):
    rb = load_rulebook(name)
    res = run("rules", "--profile", name)
    assert res.exit_code == 0
    out = res.stdout
    assert f"规则集 {rb.id}" in out
    for rule in rb.rules:
        assert rule in out, rule
    for p in rb.parts:
        assert f"missing-part" in out and p.id in out
        assert f"权重 {p.weight:g}" in out
    for r in rb.rules.values():  # one line each: its id and its description
        assert any(r.id in ln and (r.description or r.kind) in ln for ln in out.splitlines()), r.id
    assert "依据：" not in out  # the bases only with --verbose
    verbose = run("rules", "--profile", name, "--verbose").stdout
    assert "依据：" in verbose and rb.rule("duplicate-block").basis[:10] in verbose


def test_rules_default_mentions_detection():
    out = run("rules").stdout
    assert "规则集 national" in out and "department" in out and "township" in out


def test_rules_bad_rulebook_is_exit_2(tmp_path):
    res = run("rules", "--rulebook", str(tmp_path / "nope.yaml"))
    assert res.exit_code == 2 and "nope.yaml" in res.stderr
