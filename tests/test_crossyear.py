"""Cross-year checks (--previous): unaddressed-shortcoming, copied-plan, plan-not-reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.analysis import analyse
from checker.crossyear import split_items
from checker.cli import main
from checker.engine import Options, check_file
from checker.normalize import TextLine
from checker.previous import PreviousError, find_previous, previous_name, previous_pairs
from checker.readers import read_document

import pairs as P
from conftest import CORPUS, corpus_file

CROSS = ("unaddressed-shortcoming", "copied-plan", "plan-not-reported")
C000 = str(corpus_file("000"))


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, env={"COLUMNS": "300"})


def cross_findings(result, rule=None):
    return [f for f in result.findings if f.rule in CROSS and (rule is None or f.rule == rule)]


@pytest.fixture(scope="module")
def next_vs_000(tmp_path_factory, rulebook):
    path = P.write(tmp_path_factory.mktemp("next") / "辽源市_2025.txt", P.NEXT_2025)
    return check_file(path, rulebook, Options(previous=((path, C000),)))


@pytest.fixture(scope="module")
def c000_vs_prev(tmp_path_factory, rulebook):
    prev = P.write(tmp_path_factory.mktemp("prev") / "辽源市_2023.txt", P.PREV_2023)
    return check_file(C000, rulebook, Options(previous=((C000, prev),)))


# ---------------------------------------------------------------- the three rules, known answers


def test_unaddressed_shortcomings_of_000(next_vs_000):
    found = cross_findings(next_vs_000, "unaddressed-shortcoming")
    messages = " ".join(f.message for f in found)
    assert len(found) == 2, messages
    assert "上热中温下冷" in messages and "行政执法规范化" in messages
    assert "立法" not in messages  # fixed in the rectification part
    rect = P.line_of(P.NEXT_2025, "三、上年度问题整改情况")
    for f in found:
        assert f.severity == "warning" and f.part == "rectification" and f.line == rect
        assert "000_8b1a2ce855df5433.txt 第 19 行" in f.message  # where last year listed it
        assert f.evidence.startswith("本年度最接近的是第 ")  # the best candidate, as evidence
        assert f.fix and "整改" in f.fix


def test_copied_plan_of_000(next_vs_000):
    found = cross_findings(next_vs_000, "copied-plan")
    assert [f.line for f in found] == [P.line_of(P.NEXT_2025, "二是紧盯关键环节")]
    f = found[0]
    assert f.severity == "warning" and f.part == "next_year_plan"
    assert "第 24 行" in f.message and f.evidence.startswith("上年度第 24 行：二是紧盯关键环节")


def test_plan_not_reported_of_000(next_vs_000):
    found = cross_findings(next_vs_000, "plan-not-reported")
    assert len(found) == 1 and "狠抓工作落实" in found[0].message
    assert found[0].severity == "info" and "第 25 行" in found[0].message


def test_000_against_its_predecessor(c000_vs_prev):
    unaddressed = cross_findings(c000_vs_prev, "unaddressed-shortcoming")
    assert len(unaddressed) == 1 and "出庭应诉" in unaddressed[0].message
    assert unaddressed[0].line == 13  # 000's 三、上年度问题整改情况
    assert [f.line for f in cross_findings(c000_vs_prev, "copied-plan")] == [25]
    not_reported = cross_findings(c000_vs_prev, "plan-not-reported")
    assert len(not_reported) == 1 and "八五" in not_reported[0].message


def test_no_previous_no_cross_year_findings(rulebook):
    assert cross_findings(check_file(C000, rulebook, Options())) == []


def test_a_report_against_itself_copies_every_plan_item(tmp_path, rulebook):
    copy = tmp_path / "same.txt"
    copy.write_bytes(Path(C000).read_bytes())
    # the same year twice is not a pair of consecutive reports: only with force_previous (--force-previous)
    r = check_file(C000, rulebook, Options(previous=((C000, str(copy)),), force_previous=True))
    assert [f.line for f in cross_findings(r, "copied-plan")] == [23, 24, 25]
    assert "相差不是 1 年" in r.notes[0] and "--force-previous" in r.notes[0]


def test_cross_year_findings_cost_points(rulebook, next_vs_000, tmp_path):
    path = P.write(tmp_path / "alone.txt", P.NEXT_2025)
    alone = check_file(path, rulebook, Options())
    penalties = sum(rulebook.rule(f.rule).penalty for f in cross_findings(next_vs_000))
    assert penalties > 0 and next_vs_000.score == pytest.approx(alone.score - penalties)


def test_thresholds_are_rulebook_data(tmp_path, rulebook):
    strict = tmp_path / "strict.yaml"
    national = Path(rulebook.source).resolve()
    strict.write_text(
        f"extends: {national}\nid: strict\nrules:\n"
        "  copied-plan:\n    similarity: 100.5\n"
        "  unaddressed-shortcoming:\n    min_keywords: 101\n    min_fuzzy: 101\n",
        encoding="utf-8",
    )
    from checker.rulebook import load_rulebook

    rb = load_rulebook(str(strict))
    path = P.write(tmp_path / "next.txt", P.NEXT_2025)
    r = check_file(path, rb, Options(previous=((path, C000),)))
    assert cross_findings(r, "copied-plan") == []
    assert len(cross_findings(r, "unaddressed-shortcoming")) == 3  # nothing can be matched now


def test_select_and_ignore_apply(tmp_path, rulebook):
    path = P.write(tmp_path / "next.txt", P.NEXT_2025)
    r = check_file(path, rulebook, Options(previous=((path, C000),), ignore=frozenset({"copied-plan"})))
    assert cross_findings(r, "copied-plan") == [] and cross_findings(r, "unaddressed-shortcoming")
    r = check_file(path, rulebook, Options(previous=((path, C000),), select=frozenset({"plan-not-reported"})))
    assert {f.rule for f in r.findings} == {"plan-not-reported"}


# ---------------------------------------------------------------- items


def _lines(*texts):
    return [TextLine(index=i, number=i + 1, text=t, raw=t) for i, t in enumerate(texts)]


def test_items_from_enumerations():
    items = split_items(_lines("主要表现在:一是执法人员数量不足;二是执法程序不够规范。", "三是普法宣传针对性不强。"))
    assert [i.gist for i in items] == ["执法人员数量不足", "执法程序不够规范", "普法宣传针对性不强"]
    assert [i.line.number for i in items] == [1, 1, 2]
    numbered = split_items(_lines("1.健全重大行政决策机制。", "2.深化综合行政执法改革。", "(3)加强法治宣传教育工作"))
    assert [i.gist for i in numbered] == ["健全重大行政决策机制", "深化综合行政执法改革", "加强法治宣传教育工作"]


def test_items_from_paragraphs_and_sentences():
    paragraphs = split_items(_lines("基层执法力量薄弱,执法人员专业化程度不高。", "普法宣传形式单一,群众参与度不高。", "青山县人民政府"))
    assert [i.line.number for i in paragraphs] == [1, 2]  # the signature line is no item
    sentences = split_items(_lines("基层执法力量薄弱,专业人员偏少;普法宣传形式单一,群众参与度不高。"))
    assert len(sentences) == 2 and sentences[1].text.startswith("普法宣传")


def test_merged_shortcomings_and_plan_section_is_split(rulebook):
    view = analyse(read_document(str(corpus_file("002"))), rulebook).year_view  # 三,、存在的問題和2020年工作打算
    assert view.year == 2019
    assert {i.line.number for i in view.shortcomings} == {34}
    assert {i.line.number for i in view.plan} == {35} and len(view.plan) == 4
    assert view.plan[0].gist.startswith("及时制定2020年")


def test_causes_are_not_shortcoming_items(rulebook):
    view = analyse(read_document(C000), rulebook).year_view
    assert [i.line.number for i in view.shortcomings] == [19, 19, 19]  # not line 20, 主要原因:…
    assert all(i.line.number not in (19, 20, 23, 24, 25) for i in view.done)


# ---------------------------------------------------------------- which file is last year's


def test_previous_name():
    assert previous_name("青山县_2024") == "青山县_2023"
    assert previous_name("2024年报告_v2020") == "2024年报告_v2019"  # the last year in the name
    assert previous_name("青山县") is None


def test_previous_in_the_same_folder_and_in_a_folder_by_year(tmp_path):
    same = tmp_path / "same"
    same.mkdir()
    for name in ("青山县_2024.txt", "青山县_2023.docx", "红河乡_2024.txt"):
        (same / name).write_text("x", encoding="utf-8")
    pairs, unmatched = previous_pairs([str(same / "青山县_2024.txt"), str(same / "红河乡_2024.txt")], str(same))
    assert pairs == ((str(same / "青山县_2024.txt"), str(same / "青山县_2023.docx")),)
    assert unmatched == [str(same / "红河乡_2024.txt")]  # never its own previous

    by_year = tmp_path / "by_year"
    (by_year / "2024").mkdir(parents=True)
    (by_year / "2023" / "sub").mkdir(parents=True)
    (by_year / "2024" / "青山县.txt").write_text("x", encoding="utf-8")
    (by_year / "2023" / "sub" / "青山县.md").write_text("x", encoding="utf-8")
    (by_year / "2023" / "青山县.txt").write_text("x", encoding="utf-8")
    pairs, unmatched = previous_pairs([str(by_year / "2024" / "青山县.txt")], str(by_year / "2023"))
    assert pairs == ((str(by_year / "2024" / "青山县.txt"), str(by_year / "2023" / "青山县.txt")),) and unmatched == []


def test_previous_file_mistakes(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("x", encoding="utf-8")
    with pytest.raises(PreviousError, match="不存在"):
        previous_pairs([str(a)], str(tmp_path / "nope.txt"))
    with pytest.raises(PreviousError, match="只能用于检查一份报告"):
        previous_pairs([str(a), str(a)], str(a))
    with pytest.raises(PreviousError, match="同一个文件"):
        previous_pairs([str(a)], str(a))
    assert find_previous(str(a), {}) is None


# ---------------------------------------------------------------- command line


def test_cli_previous_json(tmp_path):
    this = P.write(tmp_path / "next.txt", P.NEXT_2025)
    res = run("lint", "--format", "json", this, "--previous", C000)
    rep = json.loads(res.stdout)["reports"][0]
    rules = [f["rule"] for f in rep["findings"]]
    assert rules.count("unaddressed-shortcoming") == 2 and rules.count("copied-plan") == 1 and rules.count("plan-not-reported") == 1
    assert "lines" not in rep  # the text is never part of the JSON contract
    assert res.exit_code == 0


def test_cli_previous_terminal_shows_the_evidence(tmp_path):
    this = P.write(tmp_path / "next.txt", P.NEXT_2025)
    res = run("lint", this, "--previous", C000)
    assert "[unaddressed-shortcoming]" in res.stdout and "本年度最接近的是第" in res.stdout
    assert "[copied-plan]" in res.stdout and "上年度第 24 行" in res.stdout


def test_cli_previous_folder_pairs_by_name(tmp_path):
    P.write(tmp_path / "辽源市_2025.txt", P.NEXT_2025)
    (tmp_path / "辽源市_2024.txt").write_bytes(Path(C000).read_bytes())
    P.write(tmp_path / "辽源市_2023.txt", P.PREV_2023)
    res = run("lint", "--format", "json", str(tmp_path), "--previous", str(tmp_path))
    reports = {Path(r["path"]).name: r for r in json.loads(res.stdout)["reports"]}
    assert sum(f["rule"] == "copied-plan" for f in reports["辽源市_2025.txt"]["findings"]) == 1
    assert [f["line"] for f in reports["辽源市_2024.txt"]["findings"] if f["rule"] == "copied-plan"] == [25]
    assert not any(f["rule"] in CROSS for f in reports["辽源市_2023.txt"]["findings"])
    assert "没有找到 1 份报告的上一年度报告（辽源市_2023.txt）" in res.stderr


@pytest.mark.parametrize(
    "args,expected",
    [
        (["--previous", "NOPE"], "上一年度报告不存在"),
        (["--previous", C000, C000], "只能用于检查一份报告"),
    ],
)
def test_cli_previous_usage_errors(tmp_path, args, expected):
    this = P.write(tmp_path / "next.txt", P.NEXT_2025)
    args = [str(tmp_path / a) if a == "NOPE" else a for a in args]
    res = run("lint", this, *args)
    assert res.exit_code == 2 and expected in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert "Traceback" not in res.output


def test_cli_unreadable_previous_is_one_line_exit_2(tmp_path):
    this = P.write(tmp_path / "next.txt", P.NEXT_2025)
    bad = tmp_path / "last.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0 legacy word")
    res = run("lint", this, "--previous", str(bad))
    assert res.exit_code == 2
    errors = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(errors) == 1 and "last.doc" in errors[0] and "上一年度报告" in errors[0]


def test_rules_lists_the_cross_year_checks():
    out = run("rules").stdout
    for rule in CROSS:
        assert rule in out


def test_the_example_is_the_tested_successor():
    example = Path(__file__).resolve().parents[1] / "examples" / "next_year_report.txt"
    assert example.read_text(encoding="utf-8").splitlines() == P.NEXT_2025
