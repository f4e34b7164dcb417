"""--previous pairs that do not match: a warning, and no cross-year findings unless --force-previous."""

from __future__ import annotations

import json

from click.testing import CliRunner

from checker.cli import main
from checker.previous import pair_problems, same_organ

import pairs as P
from conftest import corpus_file

CROSS = {"unaddressed-shortcoming", "copied-plan", "plan-not-reported"}


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_same_organ():
    assert same_organ("青山县人民政府", "青山县") and same_organ("沈阳市于洪区", "于洪区") and same_organ("中共青山县委", "青山县委")
    assert not same_organ("青山县司法局", "青山县") and not same_organ("辽源市", "于洪区")


def test_pair_problems():
    assert pair_problems("a.txt", "辽源市", 2025, "辽源市", 2024) == []
    organ, year = pair_problems("a.txt", "辽源市", 2025, "于洪区", 2020)
    assert "于洪区" in organ and "辽源市" in organ and "2020" in year and "2025" in year
    assert pair_problems("a.txt", None, 2025, "于洪区", None) == []  # what is not known is not held against the pair


def test_a_pair_of_two_units_is_warned_about_and_not_compared(tmp_path):
    this = P.write(tmp_path / "辽源市_2025.txt", P.NEXT_2025)
    other = str(corpus_file("003"))  # 于洪区 2020
    res = run("lint", "--format", "json", this, "--previous", other)
    (rep,) = json.loads(res.stdout)["reports"]
    assert not [f for f in rep["findings"] if f["rule"] in CROSS]
    warning = [ln for ln in res.stderr.splitlines() if "上一年度报告" in ln]
    assert len(warning) == 1 and "于洪区" in warning[0] and "相差不是 1 年" in warning[0] and "--force-previous" in warning[0]
    assert rep["notes"] == [warning[0].removeprefix("checker: ")]

    forced = run("lint", "--format", "json", this, "--previous", other, "--force-previous")
    (rep,) = json.loads(forced.stdout)["reports"]
    assert [f for f in rep["findings"] if f["rule"] in CROSS] and "仍做跨年度对照" in forced.stderr


def test_a_true_pair_has_no_warning(tmp_path):
    this = P.write(tmp_path / "辽源市_2025.txt", P.NEXT_2025)
    res = run("lint", "--format", "json", this, "--previous", str(corpus_file("000")))
    (rep,) = json.loads(res.stdout)["reports"]
    assert rep["notes"] == [] and "上一年度报告" not in res.stderr
    assert {f["rule"] for f in rep["findings"]} >= CROSS


def test_annotate_honours_the_pairing_too(tmp_path):
    from checker.annotate import comments_of

    this = P.write(tmp_path / "辽源市_2025.txt", P.NEXT_2025)
    out = tmp_path / "a.docx"
    res = run("annotate", this, "-o", str(out), "--previous", str(corpus_file("003")))
    assert "--force-previous" in res.stderr
    assert not any(rule in text for _, _, text in comments_of(str(out)) for rule in CROSS)
    run("annotate", this, "-o", str(out), "--previous", str(corpus_file("003")), "--force-previous")
    assert any("copied-plan" in text or "plan-not-reported" in text for _, _, text in comments_of(str(out)))
