"""What a 司法局 proofreader checks before a report is published (issue 13).

Numbering, standard formulations, names that belong to their time, laws in
force, and nothing that must not be published (personal data, classification
markers) — each a rule of the shipped rulebook, tested here on texts written
for each case, with the look-alikes that must not fire.
"""

from __future__ import annotations

import json
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.engine import Options, check_document
from checker.formatters import format_names
from checker.model import Document, SourceLine
from checker.personal import find, is_card_number, is_id_number, mask
from checker.rulebook import load_rulebook, shipped_names

PROOFREADING = ("heading-numbering", "standard-wording", "anachronism", "repealed-law", "personal-data", "classified-marker")
ID = "11010519491231002X"  # check digit right (GB 11643: X)
ID_WRONG = "110105194912310021"  # the same number with a wrong check digit
CARD = "6222020200001234562"  # passes the Luhn check
CARD_WRONG = "6222020200001234563"
MOBILE = "13812345678"


@lru_cache(maxsize=None)
def rulebook(name: str = "national"):
    return load_rulebook(name)


def findings(text: str, rule: str, profile: str = "national"):
    doc = Document(path="报告.txt", format="text", lines=[SourceLine(i, t) for i, t in enumerate(text.splitlines(), 1)])
    return [f for f in check_document(doc, rulebook(profile), Options()).findings if f.rule == rule]


def report(year: int, *body: str) -> str:
    return "\n".join([f"青山县{year}年法治政府建设年度报告", f"{year}年，青山县深入推进法治政府建设。", *body])


# ---------------------------------------------------------------- numbering


def numbering(*lines: str):
    return findings(report(2023, *lines), "heading-numbering")


def test_a_skipped_number_is_reported_at_its_heading_with_the_number_expected():
    [f] = numbering("一、主要举措和成效", "二、存在的不足和原因", "四、2024年主要安排")
    assert f.line == 5 and f.severity == "warning"
    assert "跳过" in f.message and "三、" in f.message
    assert "“四、”改为“三、”" in f.fix
    assert f.evidence == "四、2024年主要安排" and f.column == 1


def test_a_repeated_bracketed_number():
    [f] = numbering("一、主要举措和成效", "（一）依法履职。", "（二）规范执法。", "（二）化解纠纷。", "二、存在的不足")
    assert f.line == 6 and "重复" in f.message and "改为“（三）”" in f.fix


def test_after_a_slip_the_sequence_goes_on_from_what_follows():
    # 一、二、二、四、: the second 二 was meant to be 三; 四 is then right
    assert [f.line for f in numbering("一、甲", "二、乙", "二、丙", "四、丁")] == [5]
    # 一、二、二、三、: the numbering went on from the repeated 二; only the repeat is reported
    assert [f.line for f in numbering("一、甲", "二、乙", "二、丙", "三、丁")] == [5]


def test_a_level_that_restarts_under_the_same_parent():
    [f] = numbering("一、主要举措和成效", "（一）依法履职。", "（二）规范执法。", "（一）化解纠纷。")
    assert f.line == 6 and "重新从头编号" in f.message and "（三）" in f.fix


def test_a_level_that_does_not_restart_under_a_new_parent():
    [f] = numbering("一、主要举措和成效", "（一）依法履职。", "（二）规范执法。", "二、存在的不足", "（三）执法力量薄弱。")
    assert f.line == 7 and "接续了上一部分的编号" in f.message and "（一）" in f.fix


def test_a_level_that_does_not_start_at_one():
    [f] = numbering("二、主要举措和成效", "三、存在的不足")
    assert f.line == 3 and "应从“一、”开始" in f.message


def test_the_same_numbers_under_different_parents_are_right():
    assert not numbering(
        "第一部分 总体情况", "一、主要举措", "（一）依法履职", "（二）规范执法", "二、存在问题", "（一）执法力量", "（二）普法宣传", "三、下一步安排",
        "第二部分 分项情况", "一、行政执法", "二、行政复议", "三、普法",
    )


def test_unnumbered_headings_start_a_new_sequence():
    assert not numbering("主要举措和成效", "（一）依法履职", "（二）规范执法", "存在的问题", "（一）执法力量", "（二）普法宣传")


def test_lists_of_arabic_numbers_may_restart_and_may_go_on():
    assert not numbering(
        "一、主要举措和成效", "（一）依法履职", "1.深化改革", "2.优化服务", "今年还有以下做法：", "1.清理文件", "2.公开清单",
        "（二）规范执法", "3.落实三项制度", "4.开展评查",
    )


def test_punctuation_after_bracketed_ordinals_and_after_chinese_numerals():
    found = numbering("一.主要举措和成效", "（一）、依法履职", "1.深化改革", "（1）、取消许可事项12项", "2、优化服务")
    assert [(f.line, f.severity, f.fix.split("”改为“")[1].split("”")[0]) for f in found] == [
        (3, "warning", "一、"),
        (4, "warning", "（一）"),
        (6, "warning", "（1）"),
        (7, "info", "2."),  # 1、 instead of 1. is only a hint
    ]
    assert "不应再加“、”" in found[1].message


def test_numbers_that_are_not_headings():
    assert not numbering(
        "一、主要举措和成效",
        "二、三季度开展专项检查，1.5亿元资金到位，3、4月份完成清理。",
        "二、存在的不足",
        "12.31日前完成整改；2023年度考核优秀。",
        "三、下一年度安排",
    )


def test_a_list_inside_a_paragraph_is_not_a_heading():
    assert not numbering("一、主要举措和成效", "（一）依法履职。", "（二）规范执法。主要做法：(一)落实三项制度；(二)开展案卷评查。", "（三）化解纠纷。")


def test_headings_inside_a_line_whose_breaks_were_lost():
    body = "全年审核规范性文件36件，备案率达到100%，培训执法人员820人次，办理复议案件58件。" * 3
    line = "一、主要举措和成效。" + body + "(一)加强领导。" + body + "(二)推进执法。" + body + "二、存在的不足和原因。" + body + "四、下一年度安排。" + body
    [f] = numbering(line)
    assert f.line == 3 and "跳过了“三、”" in f.message
    assert f.column == line.index("四、") + 1
    # the same outline in a short line is left alone: 四 may start a list
    assert not numbering("一、主要举措。二、存在的不足。")


# ---------------------------------------------------------------- standard formulations


@pytest.mark.parametrize(
    "wrong,right",
    [
        ("党的十九届五中全会会议精神", "全会精神"),
        ("党的二十大会议精神", "二十大精神"),
        ("习近平新时代中国特色社会主义法治思想", "习近平法治思想"),
        ("不忘初心，牢记使命", "不忘初心、牢记使命"),
        ("《法治政府建设与责任落实督查工作规定》", "法治政府建设与责任落实督察工作规定"),
    ],
)
def test_a_wrong_formulation_gets_the_standard_one_as_the_fix(wrong, right):
    [f] = findings(report(2023, f"一、主要举措和成效", f"全县深入学习贯彻{wrong}，推进法治政府建设。"), "standard-wording")
    assert f.line == 4 and right in f.message and f"改为“{right}”" in f.fix
    assert "依据：" in f.fix and "年" in f.fix  # the source, with its date


def test_a_document_title_written_so_is_left_alone():
    assert not findings(report(2023, "一、主要举措和成效", "编印《不忘初心，牢记使命》学习读本，坚持不忘初心、牢记使命。"), "standard-wording")


# ---------------------------------------------------------------- anachronisms


def anachronisms(year: int, sentence: str):
    return findings(report(year, "一、主要举措和成效", sentence), "anachronism")


@pytest.mark.parametrize(
    "year,sentence,fires",
    [
        (2019, "深入学习贯彻习近平法治思想。", True),
        (2020, "深入学习贯彻习近平法治思想。", False),  # proposed in November 2020
        (2021, "深入学习贯彻党的二十大精神。", True),
        (2022, "深入学习贯彻党的二十大精神。", False),  # met in October 2022
        (2021, "以优异成绩迎接党的二十大胜利召开。", False),  # a plan looking forward to it
        (2023, "深入贯彻党的二十届三中全会精神。", True),
        (2023, "全面贯彻党的二十大和二十届二中、三中全会精神。", True),
        (2024, "深入贯彻党的二十届三中全会精神。", False),  # July 2024
        (2021, "对照《法治政府建设实施纲要（2015—2020年）》查漏补缺。", True),
        (2020, "对照《法治政府建设实施纲要（2015—2020年）》查漏补缺。", False),
        (2021, "《法治政府建设实施纲要（2015—2020年）》确定的目标任务全面完成。", False),  # looking back
        (2021, "加快建设职能科学、权责法定、执法严明、公开公正、廉洁高效、守法诚信的法治政府。", True),
        (2019, "加快建设职能科学、权责法定、执法严明、公开公正、廉洁高效、守法诚信的法治政府。", False),
        (2022, "深入推进“七五”普法。", True),
        (2021, "做好“七五”普法总结验收。", False),
        (2019, "深入推进“七五”普法。", False),
        (2019, "深入推进“八五”普法。", True),
        (2020, "谋划“八五”普法规划。", False),
        (2021, "深入推进“八五”普法。", False),
    ],
)
def test_names_that_belong_to_their_time(year, sentence, fires):
    found = anachronisms(year, sentence)
    assert bool(found) == fires, found
    if fires:
        assert f"{year} 年" in found[0].message and "20" in found[0].message  # the date that makes it wrong


def test_a_replaced_name_gets_its_successor_as_the_fix():
    [f] = anachronisms(2021, "对照《法治政府建设实施纲要（2015—2020年）》查漏补缺。")
    assert "法治政府建设实施纲要（2021—2025年）" in f.fix
    [f] = anachronisms(2022, "深入推进“七五”普法。")
    assert "“八五”普法" in f.fix


def test_a_report_of_unknown_year_is_not_judged_by_year():
    text = "关于法治政府建设情况的报告\n一、主要举措和成效\n深入推进“七五”普法，学习贯彻党的二十大精神。"
    assert not findings(text, "anachronism")


# ---------------------------------------------------------------- laws in force

CIVIL_CODE_REPEALED = ("民法通则", "民法总则", "婚姻法", "继承法", "收养法", "担保法", "合同法", "物权法", "侵权责任法")


def repealed(year: int, sentence: str):
    return findings(report(year, "一、主要举措和成效", sentence), "repealed-law")


@pytest.mark.parametrize("law", CIVIL_CODE_REPEALED)
@pytest.mark.parametrize("cited", ["《{}》", "《中华人民共和国{}》"])
def test_laws_the_civil_code_repealed(law, cited):
    title = cited.format(law)
    [f] = repealed(2021, f"组织开展{title}专题讲座。")
    assert title.strip("《》") in f.message and "2021年1月1日" in f.message and "第一千二百六十条" in f.message
    assert "民法典" in f.fix
    assert f.column == f"组织开展{title}".index(title.strip("《》")) + 1


def test_a_law_in_force_in_the_year_reported_on():
    assert not repealed(2019, "依据《中华人民共和国合同法》规范政府合同管理。")
    assert not repealed(2020, "依据《合同法》规范政府合同管理。")  # repealed on 2021-01-01


def test_the_civil_code_itself_and_ambiguous_short_forms_are_left_alone():
    assert not repealed(2023, "开展《民法典》《中华人民共和国民法典》宣传月活动，学习《民法》知识。")
    assert not repealed(2023, "修订《青山县政府合同管理办法》，落实《条例》要求。")


def test_a_law_spoken_of_as_repealed_is_left_alone():
    assert not repealed(2021, "民法典施行后，《合同法》《物权法》等九部法律同时废止。")
    assert not repealed(2021, "清理依据原《合同法》制定的规范性文件12件。")


def test_older_repeals():
    [f] = repealed(2023, "依照《城市房屋拆迁管理条例》开展征收工作。")
    assert "国有土地上房屋征收与补偿条例" in f.fix and "2011年1月21日" in f.message
    assert not repealed(2010, "依照《城市房屋拆迁管理条例》开展拆迁工作。")


# ---------------------------------------------------------------- personal data


def test_numbers_recognized_and_their_look_alikes():
    assert is_id_number(ID) and not is_id_number(ID_WRONG)
    assert is_card_number(CARD) and not is_card_number(CARD_WRONG)
    assert [f.kind for f in find(f"证号{ID}，旧证号110105491231002，电话{MOBILE}，卡号{CARD}")] == ["id", "old-id", "mobile", "card"]
    assert [f.kind for f in find("卡号6222 0202 0000 1234 562，电话138-1234-5678")] == ["card", "mobile"]
    # not personal: a wrong check digit, an impossible date, a landline, an amount, a decimal, a longer figure
    assert not find(f"编号{ID_WRONG}、110105491331002，电话0531-12345678，金额13812345678元，比例0.13812345678，代码913812345678901234")


def test_masking_keeps_the_first_three_and_last_four():
    assert mask(f"身份证号{ID}。") == "身份证号110***********002X。"
    assert mask(f"电话{MOBILE}") == "电话138****5678"
    assert mask("电话138-1234-5678") == "电话138-****-5678"
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in ID)
    assert mask(full_width) == full_width[:3] + "*" * 11 + full_width[-4:]


def test_each_number_is_a_finding_shown_masked():
    found = findings(report(2023, "一、主要举措和成效", f"当事人张某（身份证号{ID}，手机{MOBILE}）领取赔偿金，账户{CARD}。"), "personal-data")
    assert [(f.line, f.severity) for f in found] == [(4, "error")] * 3
    texts = " ".join(f"{f.message} {f.evidence} {f.fix}" for f in found)
    assert ID not in texts and MOBILE not in texts and CARD not in texts
    assert "110***********002X" in found[0].message and "居民身份证号码" in found[0].message
    assert found[0].column == f"当事人张某（身份证号".__len__() + 1


def test_numbers_that_are_not_personal_are_not_reported():
    text = report(2023, "一、主要举措和成效", f"案件编号{ID_WRONG}已审结；本机关统一社会信用代码{ID}；卡号{CARD_WRONG}。")
    assert not findings(text, "personal-data")


def _outputs(tmp_path: Path, path: Path) -> dict[str, str]:
    """Every output format of `checker lint` (and the review page) for one report, as text."""
    out = {}
    for fmt in format_names():
        target = tmp_path / f"out.{fmt}"
        res = CliRunner().invoke(main, ["lint", "--format", fmt, "-o", str(target), str(path)], catch_exceptions=False)
        assert res.exit_code in (0, 1), (fmt, res.output)
        data = target.read_bytes() if target.exists() else res.stdout_bytes
        if target.exists() and zipfile.is_zipfile(target):  # xlsx and the like
            with zipfile.ZipFile(target) as z:
                data = b"".join(z.read(n) for n in z.namelist())
        out[fmt] = data.decode("utf-8", "replace") + res.output
    res = CliRunner().invoke(main, ["lint", str(path)], catch_exceptions=False)  # the terminal, as printed
    out["terminal-stdout"] = res.output
    return out


def test_an_id_number_is_masked_in_every_output_format(tmp_path):
    path = tmp_path / "青山县2023年法治政府建设年度报告.txt"
    para = f"信访人李某（身份证号{ID}，联系电话{MOBILE}）反映的问题已办结，补偿款已汇入其账户{CARD}，全县行政复议案件纠错率达到12%。"
    # the paragraph twice: other rules (duplicate-block) quote it too
    path.write_text(report(2023, "一、2023年推进法治政府建设的主要举措和成效", para, para, "二、存在的不足和原因", "一是执法力量薄弱。"), encoding="utf-8")
    outputs = _outputs(tmp_path, path)
    assert {"terminal", "json", "sarif", "github", "junit", "html"} <= set(outputs)
    for fmt, text in outputs.items():
        for number in (ID, MOBILE, CARD, ID[:14]):
            assert number not in text, f"{fmt} shows {number}"
    assert "110***********002X" in outputs["json"] and "110***********002X" in outputs["html"]
    res = CliRunner().invoke(main, ["lint", "--format", "json", str(path)], catch_exceptions=False)
    rules = {f["rule"] for r in json.loads(res.stdout)["reports"] for f in r["findings"]}
    assert {"personal-data", "duplicate-block"} <= rules


# ---------------------------------------------------------------- classification markers


@pytest.mark.parametrize(
    "line",
    ["秘密★1年", "机密★5年", "绝密★长期", "机密", "内部资料 注意保存", "【内部资料】", "（仅供内部使用）", "注意保密", "此件不公开"],
)
def test_classification_and_internal_markers(line):
    [f] = findings(f"{line}\n" + report(2023, "一、主要举措和成效", "审核规范性文件36件。"), "classified-marker")
    assert f.line == 1 and f.severity == "error" and "不能照原样公开" in f.message


def test_words_about_secrecy_are_not_markers():
    text = report(
        2023,
        "一、主要举措和成效",
        "除涉及国家秘密、商业秘密、个人隐私的以外，政府信息全部公开；保护商业机密。",
        "编印《法治青山》内部资料性出版物4期，健全政府内部层级监督，严格执行保密审查制度。",
        "（此件公开发布）",
    )
    assert not findings(text, "classified-marker")


# ---------------------------------------------------------------- the data and the template


def test_every_entry_of_data_names_its_source():
    rb = rulebook()
    for rid in ("standard-wording", "anachronism", "classified-marker"):
        for name, entry in rb.rule(rid).config.swap.items():
            assert entry.source and len(entry.source) > 10, (rid, name)
    for rid in ("standard-wording", "anachronism"):
        assert all(e.replace or e.fix for e in rb.rule(rid).config.swap.values()), rid
    for name, law in rb.rule("repealed-law").config.laws.items():
        assert law.repealed and law.by and law.replace and law.source, name
    assert set(CIVIL_CODE_REPEALED) <= set(rb.rule("repealed-law").config.laws)


@pytest.mark.parametrize("profile", shipped_names())
@pytest.mark.parametrize("year", [2019, 2021, 2024])
def test_the_template_passes_the_proofreading_rules(profile, year, tmp_path):
    path = tmp_path / "draft.md"
    res = CliRunner().invoke(main, ["template", "--year", str(year), "--org", "青山县人民政府", "--profile", profile, "-o", str(path)])
    assert res.exit_code == 0, res.output
    text = path.read_text(encoding="utf-8")
    filled = "\n".join("全年审核规范性文件36件，办理行政复议案件58件。" if "填写提示" in ln else ln.replace("X月X日", "2月28日") for ln in text.splitlines())
    for body in (text, filled):
        doc = Document(path="draft.md", format="markdown", lines=[SourceLine(i, t) for i, t in enumerate(body.splitlines(), 1)])
        found = [f for f in check_document(doc, rulebook(profile), Options()).findings if f.rule in PROOFREADING]
        assert not found, found


def test_explain_lists_each_entry_with_its_source():
    out = CliRunner().invoke(main, ["explain", "anachronism"]).output
    assert "各条目及其依据" in out and "2020年11月16日至17日" in out and "（…… 至 2019 年度）" in out
    out = CliRunner().invoke(main, ["explain", "repealed-law"]).output
    assert "合同法 → 《中华人民共和国民法典》合同编（2021-01-01 废止）" in out


def _book(tmp_path: Path, text: str) -> str:
    path = tmp_path / "province.yaml"
    path.write_text("id: province\nextends: national\nrules:\n" + text, encoding="utf-8")
    return str(path)


def test_a_province_adds_an_entry_without_copying_the_others(tmp_path):
    book = _book(
        tmp_path,
        "  repealed-law:\n    laws:\n      某省旧条例:\n        repealed: 2020-07-01\n        by: 《某省新条例》第六十条\n"
        "        replace: 《某省新条例》\n        source: 《某省新条例》（2020年）第六十条\n"
        "  anachronism:\n    swap:\n      “七五”普法: false\n",
    )
    rb = load_rulebook(book)
    assert "某省旧条例" in rb.rule("repealed-law").config.laws and "合同法" in rb.rule("repealed-law").config.laws
    assert "“七五”普法" not in rb.rule("anachronism").config.swap and "党的二十大" in rb.rule("anachronism").config.swap
    doc = Document(path="r.txt", format="text", lines=[SourceLine(i, t) for i, t in enumerate(report(2021, "一、主要举措和成效", "落实《某省旧条例》，深入推进“七五”普法。").splitlines(), 1)])
    rules = [f.rule for f in check_document(doc, rb, Options()).findings]
    assert "repealed-law" in rules and "anachronism" not in rules


@pytest.mark.parametrize(
    "text,complaint",
    [
        ("  repealed-law:\n    laws:\n      某法:\n        repealed: 明年\n", "日期"),
        ("  anachronism:\n    swap:\n      某词:\n        years: {form: 2021}\n", "form"),
        ("  heading-numbering:\n    arabic_severity: fatal\n", "error / warning / info"),
        ("  anachronism:\n    swap:\n      某词:\n        pattern: \"(a+)+\"\n", "正则表达式"),
    ],
)
def test_mistakes_in_the_new_data_are_named_with_file_and_line(tmp_path, text, complaint):
    res = CliRunner().invoke(main, ["rules", "validate", _book(tmp_path, text)])
    assert res.exit_code == 2 and complaint in res.output and "province.yaml:" in res.output, res.output
