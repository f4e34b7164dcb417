"""Reports written for the tests: parts removed, headings renamed to real-world synonyms,
parts moved down a level or into a paragraph."""

from __future__ import annotations

import pytest

import reports as R


def test_complete_report_has_every_mandated_part(rulebook):
    r = R.analyse(R.complete_report(), rulebook)
    st = R.statuses(r)
    for part in ("measures", "shortcomings", "causes", "first_responsible", "next_year_plan", "rectification"):
        assert st[part] == "present", part
    assert st["other"] == "missing"
    assert r.passed, [f.message for f in r.findings]
    assert r.year == 2023 and r.title == R.TITLE


@pytest.mark.parametrize(
    "block,part",
    [
        (R.MEASURES, "measures"),
        (R.FIRST_RESPONSIBLE, "first_responsible"),
        (R.PLAN, "next_year_plan"),
        (R.RECTIFICATION, "rectification"),
    ],
)
def test_removed_part_is_missing(rulebook, block, part):
    r = R.analyse(R.without(R.complete_report(), block), rulebook)
    assert R.statuses(r)[part] == "missing"
    missing = [f for f in r.findings if f.rule == "missing-part" and f.part == part]
    assert len(missing) == 1
    expected = rulebook.part(part).severity
    assert missing[0].severity == expected
    if expected == "error":
        assert not r.passed


def test_removed_shortcomings_take_causes_with_them(rulebook):
    r = R.analyse(R.without(R.complete_report(), R.SHORTCOMINGS), rulebook)
    st = R.statuses(r)
    assert st["shortcomings"] == "missing" and st["causes"] == "missing"


def test_causes_removed_under_promising_heading(rulebook):
    lines = R.without(R.complete_report(), [R.SHORTCOMINGS[2]])
    r = R.analyse(lines, rulebook)
    assert R.statuses(r)["causes"] == "missing"
    f = [f for f in r.findings if f.part == "causes"][0]
    assert f.line == lines.index(R.SHORTCOMINGS[0]) + 1
    assert "标题写明" in f.message


@pytest.mark.parametrize(
    "sentence",
    ["究其原因，主要是基层执法人员偏少。", "问题产生的根源在于培训机制不健全。", "由于执法人员流动频繁，导致执法水平参差不齐。"],
)
def test_causes_in_other_words(rulebook, sentence):
    lines = R.replace_line(R.complete_report(), R.SHORTCOMINGS[2], sentence)
    assert R.statuses(R.analyse(lines, rulebook))["causes"] == "present"


@pytest.mark.parametrize(
    "part,heading",
    [
        ("measures", "一、主要做法及成效"),
        ("measures", "一、工作开展情况"),
        ("measures", "一、2023年法治政府建设情况"),
        ("shortcomings", "二、存在的问题和不足"),
        ("shortcomings", "二、困难和问题"),
        ("shortcomings", "二、短板弱项"),
        ("shortcomings", "二、问题与不足"),
        ("first_responsible", "三、主要负责人履职情况"),
        ("first_responsible", "三、法治建设第一责任人履职情况"),
        ("first_responsible", "三、加强组织领导，第一责任人职责充分发挥"),
        ("next_year_plan", "四、2024年工作计划"),
        ("next_year_plan", "四、下一步工作打算"),
        ("next_year_plan", "四、下步打算"),
        ("next_year_plan", "四、工作思路"),
        ("rectification", "五、督察反馈问题整改情况"),
        ("rectification", "五、整改落实情况"),
    ],
)
def test_heading_synonyms(rulebook, part, heading):
    block = {
        "measures": R.MEASURES,
        "shortcomings": R.SHORTCOMINGS,
        "first_responsible": R.FIRST_RESPONSIBLE,
        "next_year_plan": R.PLAN,
        "rectification": R.RECTIFICATION,
    }[part]
    lines = R.replace_line(R.complete_report(), block[0], heading)
    r = R.analyse(lines, rulebook)
    found = {p.id: p for p in r.parts}[part]
    assert found.status == "present" and found.line == lines.index(heading) + 1


def test_heading_may_satisfy_two_parts(rulebook):
    lines = R.without(R.complete_report(), [R.PLAN[0]])
    lines = R.replace_line(lines, R.SHORTCOMINGS[0], "二、存在的问题和2024年工作打算")
    r = R.analyse(lines, rulebook)
    parts = {p.id: p for p in r.parts}
    assert parts["shortcomings"].status == parts["next_year_plan"].status == "present"
    assert parts["shortcomings"].line == parts["next_year_plan"].line


def test_first_responsible_one_level_down(rulebook):
    lines = R.without(R.complete_report(), R.FIRST_RESPONSIBLE)
    sub = "（五）党政主要负责人履行推进法治建设第一责任人职责情况"
    at = lines.index(R.MEASURES[-1]) + 1
    lines[at:at] = [sub, R.FIRST_RESPONSIBLE[1]]
    r = R.analyse(lines, rulebook)
    fr = {p.id: p for p in r.parts}["first_responsible"]
    assert fr.status == "present" and fr.line == at + 1


def test_first_responsible_as_paragraph_inside_theme_is_weak(rulebook):
    lines = R.without(R.complete_report(), [R.FIRST_RESPONSIBLE[0]])
    r = R.analyse(lines, rulebook)
    fr = {p.id: p for p in r.parts}["first_responsible"]
    assert fr.status == "weak"
    assert fr.line == lines.index(R.FIRST_RESPONSIBLE[1]) + 1


def test_signal_phrases_need_word_boundaries(rulebook):
    """'述法' inside '上述法规' is not a first-responsible signal."""
    lines = R.without(R.complete_report(), R.FIRST_RESPONSIBLE)
    lines.insert(3, "依照上述法规，全县清理规范性文件，主要负责人参加了会议。")
    assert R.statuses(R.analyse(lines, rulebook))["first_responsible"] == "missing"


def test_thematic_top_level_headings_are_the_measures(rulebook):
    themes = [
        "一、坚持党的领导，坚决扛牢法治政府建设政治责任",
        R.MEASURES[1],
        R.MEASURES[2],
        "二、坚持依法行政，全面提升行政执法质效",
        R.MEASURES[3],
        R.MEASURES[4],
    ]
    rest = [R.SHORTCOMINGS[0].replace("二、", "三、"), *R.SHORTCOMINGS[1:]]
    rest += [R.FIRST_RESPONSIBLE[0].replace("三、", "四、"), R.FIRST_RESPONSIBLE[1], R.PLAN[0].replace("四、", "五、"), R.PLAN[1]]
    r = R.analyse([R.TITLE, R.PREAMBLE, *themes, *rest], rulebook)
    m = {p.id: p for p in r.parts}["measures"]
    assert m.status == "present" and m.line == 3


def test_no_heading_for_anything_still_finds_the_text(rulebook):
    flat = [ln for ln in R.complete_report() if not ln.startswith(("一、", "二、", "三、", "四、", "五、"))]
    r = R.analyse(flat, rulebook)
    st = R.statuses(r)
    assert st["first_responsible"] == "weak"
    assert st["rectification"] in ("weak", "missing")


def test_traditional_and_converter_garbage_are_normalized(rulebook):
    lines = R.replace_line(R.complete_report(), R.FIRST_RESPONSIBLE[0], "三,、黨政主要負(fù)責(zé)人履行推進(jìn)法治建設(shè)第一責(zé)任人職責(zé)情況")
    r = R.analyse(lines, rulebook)
    fr = {p.id: p for p in r.parts}["first_responsible"]
    assert fr.status == "present" and fr.heading.startswith("党政主要负责人")


@pytest.mark.parametrize(
    "sentence",
    [
        "产生这些问题的原因，主要是基层法治力量不足。",
        "之所以出现上述问题，在于培训机制不健全。",
        "受机构改革影响，执法人员变动较大。",
        "从主观上看，一些干部法治意识不强；从客观上看，基层人员偏少。",
    ],
)
def test_more_causal_phrasings(rulebook, sentence):
    lines = R.replace_line(R.complete_report(), R.SHORTCOMINGS[2], sentence)
    assert R.statuses(R.analyse(lines, rulebook))["causes"] == "present"


def test_causes_under_a_heading_of_their_own(rulebook):
    lines = R.without(R.complete_report(), [R.SHORTCOMINGS[2]])
    at = lines.index(R.FIRST_RESPONSIBLE[0])
    lines[at:at] = ["（二）问题产生的原因", "一些领导干部运用法治思维推动工作的意识不强，基层执法人员偏少。"]
    r = R.analyse(lines, rulebook)
    causes = {p.id: p for p in r.parts}["causes"]
    assert causes.status == "present" and causes.line == at + 1


def test_year_is_not_taken_from_a_date_line(rulebook):
    lines = ["某县法治政府建设年度报告", "2024年3月28日", "2023年，我县深入推进法治政府建设。", *R.complete_report()[2:]]
    assert R.analyse(lines, rulebook).year == 2023


def test_year_from_the_plan_heading_when_nothing_else_says(rulebook):
    lines = [ln for ln in R.complete_report() if ln not in (R.TITLE, R.PREAMBLE)]
    lines = R.replace_line(lines, R.MEASURES[0], "一、主要举措和成效")
    assert R.analyse(lines, rulebook).year == 2023  # plan heading says 2024


@pytest.mark.parametrize(
    "part,heading",
    [
        ("shortcomings", "二、存在的困难"),
        ("shortcomings", "二、工作中的不足"),
        ("shortcomings", "二、不足与差距"),
        ("next_year_plan", "四、下一步努力方向"),
        ("next_year_plan", "四、今后工作打算"),
    ],
)
def test_top_level_heading_in_other_words(rulebook, part, heading):
    block = {"shortcomings": R.SHORTCOMINGS, "next_year_plan": R.PLAN}[part]
    lines = R.replace_line(R.complete_report(), block[0], heading)
    found = {p.id: p for p in R.analyse(lines, rulebook).parts}[part]
    assert found.status == "present" and found.line == lines.index(heading) + 1


def test_heading_words_do_not_claim_themes(rulebook):
    """"坚持问题导向" is a theme of the measures, not the shortcomings."""
    lines = R.without(R.complete_report(), R.SHORTCOMINGS)
    lines.insert(lines.index(R.MEASURES[3]), "二、坚持问题导向，全面提升执法质效")
    assert R.statuses(R.analyse(lines, rulebook))["shortcomings"] == "missing"


@pytest.mark.parametrize(
    "heading",
    ["三、原因剖析", "三、问题成因分析", "（二）问题产生的根源"],
)
def test_causes_in_a_section_of_their_own(rulebook, heading):
    lines = R.without(R.complete_report(), [R.SHORTCOMINGS[2]])
    at = lines.index(R.FIRST_RESPONSIBLE[0])
    lines[at:at] = [heading, "一些领导干部运用法治思维推动工作的意识不强，基层执法人员偏少。"]
    causes = {p.id: p for p in R.analyse(lines, rulebook).parts}["causes"]
    assert causes.status == "present" and causes.line == at + 1


def test_the_shortcomings_pasted_again_are_not_causes(rulebook):
    lines = R.without(R.complete_report(), [R.SHORTCOMINGS[2]])
    lines += R.SHORTCOMINGS[:2]
    assert R.statuses(R.analyse(lines, rulebook))["causes"] == "missing"


def test_plan_without_heading_found_in_the_text(rulebook):
    lines = R.without(R.complete_report(), R.PLAN)
    lines.insert(len(lines) - 2, "下一步，我局将继续推进法治政府建设：一是深化执法改革；二是加强执法监督。")
    assert R.statuses(R.analyse(lines, rulebook))["next_year_plan"] == "weak"


def test_rectification_inside_the_measures(rulebook):
    lines = R.without(R.complete_report(), R.RECTIFICATION)
    lines.insert(3, "针对2022年度法治政府建设年度报告中指出的执法不规范问题，开展专项整治，已整改到位。")
    assert R.statuses(R.analyse(lines, rulebook))["rectification"] == "weak"


def test_a_theme_that_fills_weak_spots_is_not_the_shortcomings(rulebook):
    lines = R.without(R.complete_report(), R.SHORTCOMINGS)
    lines.insert(lines.index(R.MEASURES[3]), "二、严格规范公正文明执法，补齐基层执法短板")
    assert R.statuses(R.analyse(lines, rulebook))["shortcomings"] == "missing"


def test_a_problem_caused_by_history_is_not_a_causes_heading(rulebook):
    lines = R.without(R.complete_report(), R.SHORTCOMINGS)
    at = lines.index(R.FIRST_RESPONSIBLE[0])
    lines[at:at] = ["二、存在的问题", "（一）历史原因形成的违法建设存量仍然较大，依法处置难度大。", "（二）部分老旧小区由于建成年代早，消防设施不足。"]
    assert R.statuses(R.analyse(lines, rulebook))["causes"] == "missing"


def test_environmental_inspection_rectification_is_not_last_years(rulebook):
    lines = R.without(R.complete_report(), R.RECTIFICATION)
    lines.insert(3, "配合做好第二轮中央生态环境保护督察反馈问题整改工作，涉及我县的7项整改任务已完成整改6项。")
    assert R.statuses(R.analyse(lines, rulebook))["rectification"] == "missing"
