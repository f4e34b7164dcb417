"""One check at a time, on reports written for the tests."""

from __future__ import annotations

import pytest

import reports as R


def findings(result, rule):
    return [f for f in result.findings if f.rule == rule]


def test_plan_for_the_wrong_year(rulebook):
    lines = R.replace_line(R.complete_report(), R.PLAN[0], "四、2023年推进法治政府建设的主要安排")
    r = R.analyse(lines, rulebook)
    hits = findings(r, "plan-year-mismatch")
    assert len(hits) == 1 and hits[0].severity == "error"
    assert hits[0].line == lines.index("四、2023年推进法治政府建设的主要安排") + 1
    assert "2024" in hits[0].message and not r.passed


def test_plan_year_from_its_opening_sentence(rulebook):
    lines = R.replace_line(R.complete_report(), R.PLAN[0], "四、下一步工作打算")
    lines = R.replace_line(lines, R.PLAN[1], "2025年，我县将继续深化法治政府建设。" + R.PLAN[1])
    assert len(findings(R.analyse(lines, rulebook), "plan-year-mismatch")) == 1
    lines = R.replace_line(lines, "2025年，我县将继续深化法治政府建设。" + R.PLAN[1], "2024年，我县将继续深化法治政府建设。" + R.PLAN[1])
    assert not findings(R.analyse(lines, rulebook), "plan-year-mismatch")


def test_year_ranges_are_not_plan_years(rulebook):
    lines = R.replace_line(R.complete_report(), R.PLAN[0], "四、落实法治政府建设实施纲要(2021-2025年)的2024年工作安排")
    assert not findings(R.analyse(lines, rulebook), "plan-year-mismatch")


def test_paragraph_pasted_twice(rulebook):
    lines = R.complete_report()
    lines.insert(lines.index(R.PLAN[0]), R.MEASURES[2])
    hits = findings(R.analyse(lines, rulebook), "duplicate-block")
    assert len(hits) == 1
    assert hits[0].related_line == R.complete_report().index(R.MEASURES[2]) + 1
    assert hits[0].line == lines.index(R.PLAN[0])


def test_near_copy_with_numbers_changed(rulebook):
    lines = R.complete_report()
    copy = R.MEASURES[3].replace("820", "910").replace("215", "233")
    lines.insert(lines.index(R.PLAN[0]), copy)
    hits = findings(R.analyse(lines, rulebook), "duplicate-block")
    assert len(hits) == 1 and "数字" in hits[0].message


def test_whole_body_pasted_twice_is_one_block(rulebook):
    body = R.complete_report()[1:-2]
    r = R.analyse([R.TITLE, *body, *body], rulebook)
    hits = findings(r, "duplicate-block")
    assert len(hits) == 1
    assert hits[0].related_line == 2 and hits[0].line == 2 + len(body)


def test_distinct_paragraphs_are_not_duplicates(rulebook):
    assert not findings(R.analyse(R.complete_report(), rulebook), "duplicate-block")


@pytest.mark.parametrize(
    "sentence,typo",
    [
        ("全县将将法治建设纳入发展总体规划。", "将将"),
        ("完善了行政执法的的程序规定。", "的的"),
        ("坚持严严格规范公正文明执法。", "严严"),
    ],
)
def test_stutter_typos(rulebook, sentence, typo):
    lines = R.complete_report() + [sentence]
    hits = findings(R.analyse(lines, rulebook), "repeated-char")
    assert [f.evidence is not None and typo in f.evidence for f in hits] == [True]
    assert hits[0].line == len(lines)


@pytest.mark.parametrize(
    "sentence",
    [
        "我们常常深入基层，层层压实责任，人人参与普法。",
        "认认真真学习，扎扎实实工作，方方面面都有提升。",
        "深入学习习近平法治思想，改进工作作风，尊崇宪法法律。",
        "市市场监管局、执法队队长和司法所所长参加培训。",
        "建设设施齐全的法治文化公园，看看群众的需求。",
    ],
)
def test_legitimate_reduplication_is_not_a_typo(rulebook, sentence):
    assert not findings(R.analyse(R.complete_report() + [sentence], rulebook), "repeated-char")


def test_missing_title(rulebook):
    r = R.analyse(R.complete_report()[1:], rulebook)
    assert r.title is None and len(findings(r, "missing-title")) == 1
    assert r.year == 2023  # from the opening sentence


def test_late_publication_from_date_under_title(rulebook):
    lines = R.complete_report()
    lines.insert(1, "2024年04月15日")
    hits = findings(R.analyse(lines, rulebook), "late-publication")
    assert len(hits) == 1 and hits[0].line == 2


def test_publication_on_time(rulebook):
    lines = R.complete_report()
    lines.insert(1, "发布日期：2024-03-29")
    assert not findings(R.analyse(lines, rulebook), "late-publication")


def test_published_option_is_used_when_file_has_no_date(rulebook):
    from datetime import date

    assert findings(R.analyse(R.complete_report(), rulebook, published=date(2024, 5, 6)), "late-publication")
    assert not findings(R.analyse(R.complete_report(), rulebook, published=date(2024, 3, 6)), "late-publication")
    lines = R.complete_report()
    lines.insert(1, "发布日期：2024-03-29")
    assert not findings(R.analyse(lines, rulebook, published=date(2024, 5, 6)), "late-publication")


def test_thin_part(rulebook):
    lines = R.replace_line(R.complete_report(), R.FIRST_RESPONSIBLE[1], "主要负责人认真履职。")
    hits = findings(R.analyse(lines, rulebook), "thin-part")
    assert [f.part for f in hits] == ["first_responsible"]


def test_part_order(rulebook):
    lines = R.complete_report()
    assert not findings(R.analyse(lines, rulebook), "part-order")
    # first-responsible part moved before the measures
    moved = [R.TITLE, R.PREAMBLE, *R.FIRST_RESPONSIBLE, *R.MEASURES, *R.SHORTCOMINGS, *R.PLAN]
    hits = findings(R.analyse(moved, rulebook), "part-order")
    assert [(f.part, f.severity) for f in hits] == [("first_responsible", "info")]


def test_score_drops_with_each_missing_part(rulebook):
    full = R.analyse(R.complete_report(), rulebook).score
    less = R.analyse(R.without(R.complete_report(), R.RECTIFICATION), rulebook).score
    least = R.analyse(R.without(R.without(R.complete_report(), R.RECTIFICATION), R.PLAN), rulebook).score
    assert 100 >= full > less > least >= 0


def test_title_year_differs_from_body(rulebook):
    lines = R.replace_line(R.complete_report(), R.TITLE, "青山县2022年法治政府建设年度报告")
    r = R.analyse(lines, rulebook)
    hits = findings(r, "title-year-mismatch")
    assert len(hits) == 1 and hits[0].line == 1 and "2022" in hits[0].message and "2023" in hits[0].message
    assert not findings(R.analyse(R.complete_report(), rulebook), "title-year-mismatch")


@pytest.mark.parametrize("ending", [["青山县人民政府", "2024年2月28日"], ["青山县人民政府 2024年2月28日"], ["青山县人民政府", "二〇二四年二月二十八日"]])
def test_signature_forms(rulebook, ending):
    lines = R.complete_report()[:-2] + ending
    assert not findings(R.analyse(lines, rulebook), "missing-signature")


def test_missing_signature(rulebook):
    hits = findings(R.analyse(R.complete_report()[:-2], rulebook), "missing-signature")
    assert len(hits) == 1 and hits[0].line == len(R.complete_report()) - 2


def test_copy_artifacts_in_the_corpus(results_by_name):
    r = results_by_name
    trad = findings(r["003"], "traditional-char")
    assert [(f.line, f.severity) for f in trad] == [(41, "warning")] and "決" in trad[0].message
    whole = findings(r["002"], "traditional-char")
    assert len(whole) == 1 and whole[0].severity == "info"
    garbage = findings(r["002"], "converter-garbage")
    assert len(garbage) == 1 and garbage[0].line == 1 and "(shè)" in garbage[0].message
    chrome = findings(r["001"], "page-chrome")
    assert len(chrome) == 1 and chrome[0].line == 2
    for name in ("000", "004"):
        assert not findings(r[name], "traditional-char") and not findings(r[name], "converter-garbage")
        assert not findings(r[name], "page-chrome")


@pytest.fixture(scope="module")
def results_by_name(rulebook):
    from checker.engine import check_file
    from conftest import CORPUS

    return {p.name[:3]: check_file(str(p), rulebook) for p in sorted(CORPUS.glob("*.txt"))}


def test_date_in_brackets_under_the_title(rulebook):
    lines = R.complete_report()
    lines.insert(1, "（2024年4月20日）")
    r = R.analyse(lines, rulebook)
    assert r.published is not None and r.published.isoformat() == "2024-04-20"
    assert [f.line for f in findings(r, "late-publication")] == [2]


def test_signature_before_related_links_of_a_web_copy(rulebook):
    lines = R.complete_report() + ["相关链接", "青山县2022年法治政府建设年度报告", "青山县2021年法治政府建设年度报告"]
    r = R.analyse(lines, rulebook)
    assert not findings(r, "missing-signature")
    assert findings(r, "page-chrome")


def test_chair_takes_the_lead_is_not_a_stutter(rulebook):
    assert not findings(R.analyse(R.complete_report() + ["成立由党组书记、主任任组长的法治建设领导小组。"], rulebook), "repeated-char")


@pytest.mark.parametrize("sentence", ["为了了解群众需求，开展问卷调查。", "对上级的重要要求逐项落实。"])
def test_words_that_meet_on_a_function_word(rulebook, sentence):
    assert not findings(R.analyse(R.complete_report() + [sentence], rulebook), "repeated-char")


def test_reporting_duties_at_a_meeting_counts_as_shufa(rulebook):
    """"会议上述法" is 述法 (reporting on one's rule-of-law duties), not 上述法… ("the aforesaid law")."""
    text = (
        "县长认真履行推进法治建设第一责任人职责，把法治政府建设摆在全局工作的重要位置，与经济社会发展同谋划、同推进、同考核，"
        "全年出庭应诉2次，在县委全面依法治县委员会会议上述法。"
    )
    lines = R.replace_line(R.complete_report(), R.FIRST_RESPONSIBLE[1], text)
    assert not findings(R.analyse(lines, rulebook), "first-responsible-duties")
    lines = R.replace_line(R.complete_report(), R.FIRST_RESPONSIBLE[1], text.replace("在县委全面依法治县委员会会议上述法", "严格执行上述法律规定"))
    assert findings(R.analyse(lines, rulebook), "first-responsible-duties")
