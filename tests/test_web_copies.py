"""Reading what a web copy, a 范文 copy or a one-line extraction really says (issue 11).

Each mechanism on text written for the test, in the forms government sites,
范文 sites and sharing sites use: the title among page furniture, the
publication date by the rank of its label, the subject of the opening
sentence, the outline inside long lines, placeholders, pages that are not
annual reports.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.engine import check_document
from checker.furniture import furniture
from checker.model import Document, SourceLine
from checker.normalize import normalize
from checker.outline import build_outline
from checker.profiles import AutoProfile
from checker.rulebook import load_rulebook
from checker.subject import find_subject, opening_subject, organs_for_profile

import reports as R

BODY = [
    "2023年，青山县坚持以习近平法治思想为指导，全面推进法治政府建设，现将有关情况报告如下。",
    "一、2023年推进法治政府建设的主要举措和成效",
    "全面落实行政执法三项制度，审核规范性文件36件，办理行政复议案件58件。",
]


def doc(lines, path="page.txt") -> Document:
    return Document(path=path, format="text", lines=[SourceLine(i, t) for i, t in enumerate(lines, 1)])


def outline_of(lines):
    return build_outline(normalize(doc(lines)))


def check(lines, rulebook=None, path="page.txt"):
    return check_document(doc(lines, path), rulebook or AutoProfile())


def rules_of(result) -> set:
    return {f.rule for f in result.findings}


# ------------------------------------------------------------------ title among page furniture


@pytest.mark.parametrize(
    "furniture_lines",
    [
        ["您当前位置：首页 > 政务公开 > 法定主动公开内容 > 法治政府建设年度报告"],
        ["您现在的位置 首页 > 五公开专栏 > 结果公开"],
        ["当前位置：首页 / 信息公开 / 计划总结"],
        ["首页 >> 政府信息公开 >> 法定主动公开内容"],
        ["首页→ 网站公告"],
        ["今天是：2024年3月28日 星期四 农历二月十九", "工作报告", "您所在的位置：政务公开 > 工作报告"],
        ["- 索 引 号：11370305/2024-00251", "- 主题分类：通知公告", "- 文 号：无", "- 标 题：青山县2023年法治政府建设年度报告"],
        ["• 文号", "• 索引号", "• qsx31/2024-00001", "• 主题分类", "• 法治政府建设", "• 服务对象"],
        ["[ 索引号 ] 1150011/2024-00005 [ 发文字号 ]", "[ 主题分类 ] 司法 [ 体裁分类 ] 工作报告", "[ 发布机构 ] 青山县人民政府"],
        ["• 信息索引号：", "", "330782/2024-549121", "• 发布机构：", "", "青山县人民政府", "• 公开方式：", "主动公开"],
        ["青山县人民政府门户网站", "无障碍 | 长者模式", "首页", "政务公开", "政府信息公开指南", "政策文件", "政府信息公开年报"],
        ["法制查询", "首页→ 网站公告", "政务动态"],
    ],
)
def test_title_is_found_after_page_furniture(furniture_lines):
    o = outline_of(furniture_lines + ["青山县2023年法治政府建设年度报告", "发布时间：2024-03-20 浏览次数："] + BODY)
    assert o.title == "青山县2023年法治政府建设年度报告"


def test_category_words_and_breadcrumbs_are_never_titles():
    o = outline_of(["工作报告", "您所在的位置：政务公开 > 工作报告", "法治政府建设年度报告"] + BODY)
    assert o.title is None


def test_title_over_two_lines_without_报告():
    o = outline_of(["通城镇人民政府", "2025年法治政府建设情况"] + BODY)
    assert o.title == "通城镇人民政府2025年法治政府建设情况" and o.title_line.number == 1


def test_title_that_names_no_organ_gives_way_to_one_that_does():
    lines = ["关于2023年法治政府建设情况的报告", "", "青山镇人民政府", "", "关于2023年法治政府建设情况的报告"] + BODY
    o = outline_of(lines)
    assert o.title == "青山镇人民政府关于2023年法治政府建设情况的报告" and o.title_line.number == 3


def test_文号_and_书名号_are_not_part_of_the_title():
    for headline in (
        "青卫〔2024〕3号《青山县卫生健康委关于2023年度法治政府建设情况的报告》",
        "《青山县卫生健康委关于2023年度法治政府建设情况的报告》",
        "青山县卫生健康委关于2023年度法治政府建设情况的报告（青卫发〔2024〕5号）",
    ):
        o = outline_of([headline, "青卫〔2024〕3号", "县委、县政府："] + BODY)
        assert o.title == "青山县卫生健康委关于2023年度法治政府建设情况的报告", headline


def test_范文_tails_are_not_part_of_the_title():
    for headline in ("2023年青山镇法治政府建设工作报告范文（精选5篇）", "篇一：2023年青山镇法治政府建设工作报告", "2023年青山镇法治政府建设工作报告范文"):
        assert outline_of([headline] + BODY).title == "2023年青山镇法治政府建设工作报告", headline


def test_the_title_of_a_policy_interpretation_is_the_pages_title():
    title = "【政策解读】关于《青山县人民政府关于2023年度法治政府建设情况的报告》的政策解读"
    assert outline_of([title, "青山县人民政府 2024年01月08日", "一、起草背景"]).title == title


def test_title_field_of_the_page_is_evidence():
    o = outline_of(["• 文件标题 关于2023年法治政府建设情况的报告", "• 发布机构 青山镇"] + BODY)
    assert o.title == "关于2023年法治政书建设情况的报告".replace("书", "府")
    nd = normalize(doc(["- 标 题：青山镇2023年度法治政府建设情况报告", "- 效力状态：有效"] + BODY))
    assert nd.meta_title == "青山镇2023年度法治政府建设情况报告" and nd.lines[0].chrome


# ------------------------------------------------------------------ publication date


@pytest.mark.parametrize(
    "lines,expected",
    [
        (["发文时间：2024年01月21日"], "2024-01-21"),
        (["- 发文时间:2026年01月21日", "- 成文时间:2026年01月10日"], "2026-01-21"),
        (["[ 发布日期 ] 2026-01-13", "[ 成文日期 ] 2026-01-10"], "2026-01-13"),
        (["【发布日期】2024-03-05"], "2024-03-05"),
        (["• 成文日期 2021-04-10", "• 发布日期 2021-04-16"], "2021-04-16"),
        (["来源:司法局 更新时间:2021/03/29 11:30:01"], "2021-03-29"),
        (["日期:2023年05月11日   作者:党政办公室   来源:中村乡    点击:[]"], "2023-05-11"),
        (["时间:2023-05-07 17:15:05  浏览次数:"], "2023-05-07"),
        (["信息来源：南山区 信息提供日期:2023-12-08 09:41 【字体："], "2023-12-08"),
        (["发布于 2024-02-19"], "2024-02-19"),
        (["• 成文日期：", "", "2024-02-19"], "2024-02-19"),  # the value on a line of its own
        (["成文日期：2024-02-01", "更新时间：2024-02-20"], "2024-02-20"),  # any other date beats the date of writing
        (["发布日期：2024-03-01 施行日期：2024-05-01"], "2024-03-01"),
        (["有效期至：2026-12-31"], None),
        (["今天是：2019年10月31日 星期三 农历十月初七"], None),  # a clock widget
        (["天津市青山区人民政府 2019年12月3日星期二"], None),
    ],
)
def test_publication_date_by_the_rank_of_its_label(lines, expected):
    nd = normalize(doc(lines + ["青山县2023年法治政府建设年度报告"] + BODY))
    assert (nd.published.isoformat() if nd.published else None) == expected


def test_a_clock_widget_is_furniture_and_never_a_date():
    r = check(["今天是：2024年5月3日 星期五", "青山县2023年法治政府建设年度报告"] + BODY)
    assert r.published is None and "late-publication" not in rules_of(r)
    assert furniture().kind("2019年12月3日星期二") == "clock"


def test_late_publication_from_a_plain_日期_label():
    r = check(["青山乡人民政府关于2022年法治政府建设工作情况报告", "日期:2023年05月11日   作者:党政办公室"] + [t.replace("2023", "2022") for t in BODY])
    assert r.published.isoformat() == "2023-05-11" and "late-publication" in rules_of(r)


# ------------------------------------------------------------------ who wrote it


@pytest.mark.parametrize(
    "opening,subject",
    [
        ("2025年，下蜀镇坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神。", "下蜀镇"),
        ("2022年，司法部坚持以习近平新时代中国特色社会主义思想为指导。", "司法部"),
        ("2023年，在市委、市政府和区委的坚强领导下，在区人大常委会的监督支持下，区政府坚持依法行政。", "区政府"),
        ("2019年，在省委、省政府的正确领导下，南昌县全面贯彻党的十九大精神。", "南昌县"),
        ("2025年，大足区卫生健康委员会以习近平新时代中国特色社会主义思想为指导。", "大足区卫生健康委员会"),
        ("为进一步加强法治政府建设，2021年来，街道按照《奉节县法治政府建设实施方案》的要求推进工作。", "街道"),
        ("2022年，自治区坚持以习近平新时代中国特色社会主义思想为指导。", "自治区"),
        ("2025年，我局坚持以习近平新时代中国特色社会主义思想为指导。", "我局"),
        ("根据县委全面依法治县委员会办公室要求，现将我镇2023年法治政府建设情况报告如下：", "我镇"),
        ("按照县委依法治县办要求，现将青山镇2023年法治政府建设情况报告如下：", "青山镇"),
        ("在区委、区政府正确领导下，共和乡党委、政府深入学习贯彻习近平法治思想。", "共和乡党委、政府"),
        ("2023年以来，义乌市深入贯彻落实习近平法治思想。", "义乌市"),
        ("2022年，海关总署在党中央、国务院的坚强领导下，全面学习贯彻党的二十大精神。", "海关总署"),
        ("2023年，和平区深入推进依法行政。", "和平区"),
        ("2023年是全面贯彻党的二十大精神的开局之年。一年来，青山县司法局坚持依法行政。", "青山县司法局"),
        ("全年共办理行政复议案件58件，调解矛盾纠纷1436件。", None),
    ],
)
def test_subject_of_the_opening_sentence(opening, subject):
    assert opening_subject(opening) == subject


def test_addressee_names_the_superior_not_the_author():
    o = outline_of(["市委、市政府：", "2025年，下蜀镇坚持以习近平法治思想为指导，推进法治政府建设。", "一、完善制度体系，纵深推进法治政府建设", "正文。"])
    found = find_subject(o.title, o.title_line, o.body, load_rulebook("national").detect)
    assert o.title is None and found.text == "下蜀镇" and found.source == "opening"
    o = outline_of(["唐山市人民政府：", "现将有关情况报告如下。", "一、主要举措和成效", "正文。"])
    assert find_subject(o.title, o.title_line, o.body, load_rulebook("national").detect) is None


@pytest.mark.parametrize(
    "opening,profile",
    [
        ("2022年，司法部坚持以习近平法治思想为指导，推进法治政府建设。", "department"),
        ("2023年，国家税务总局青山县税务局坚持依法治税，推进法治政府建设。", "department"),
        ("2023年，审计署坚持依法审计，推进法治政府建设。", "department"),
        ("2023年，青山海关坚持依法行政，推进法治政府建设。", "department"),
        ("2023年，青山经济技术开发区管委会坚持依法行政，推进法治政府建设。", "government"),
        ("2023年，青山高新区深入推进依法行政，推进法治政府建设。", "government"),
        ("2025年，下蜀镇坚持以习近平法治思想为指导，推进法治政府建设。", "township"),
        ("2021年来，街道按照区委部署，推进法治政府建设。", "township"),
        ("在县委领导下，共和乡党委、政府深入学习贯彻习近平法治思想，推进法治政府建设。", "township"),
        ("2022年，自治区坚持以习近平法治思想为指导，推进法治政府建设。", "government"),
    ],
)
def test_profile_from_the_opening_sentence(opening, profile):
    r = check([opening, "一、主要举措和成效", "全面落实行政执法三项制度，审核规范性文件36件。"])
    assert r.title is None and r.profile == profile, r.subject


def test_joint_party_and_government_reports_count_as_their_government():
    assert organs_for_profile("中共青山县委 青山县人民政府")[0] == "青山县人民政府"
    assert organs_for_profile("海关总署党委 海关总署")[0] == "海关总署"
    assert organs_for_profile("共和乡党委、政府")[0] == "共和乡"
    assert organs_for_profile("中共青山县委")[0] == "青山县"
    title = "海关总署党委 海关总署关于2022年度推进法治政府建设情况的报告"
    r = check([title] + BODY)
    assert r.profile == "department" and r.subject == "海关总署党委海关总署"  # as normalized: spaces between Chinese characters go


def test_a_subject_that_only_names_a_kind_of_organ_does_not_unpair_last_years_report():
    from checker.engine import Options

    this_year = doc(["2024年，我局坚持以习近平法治思想为指导，推进法治政府建设。", "一、2024年推进法治政府建设的主要举措和成效", "审核规范性文件36件。"], "2024.txt")
    last_year = doc(["青山县司法局2023年法治政府建设年度报告", "一、2023年推进法治政府建设的主要举措和成效", "审核规范性文件30件。"], "2023.txt")
    r = check_document(this_year, load_rulebook("national"), Options(), previous=last_year)
    assert r.subject == "我局" and not r.notes
    other = doc(["青山县水利局2023年法治政府建设年度报告", "一、2023年推进法治政府建设的主要举措和成效", "正文。"], "2023.txt")
    named = doc(["2024年，青山县司法局坚持依法行政，推进法治政府建设。", "一、2024年推进法治政府建设的主要举措和成效", "审核规范性文件36件。"], "2024.txt")
    assert check_document(named, load_rulebook("national"), Options(), previous=other).notes  # two organs by name


def test_subject_and_column_are_in_the_json(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("\n".join(["市委、市政府:"] + [BODY[0].replace("青山县", "下蜀镇")] + BODY[1:]) + "\n", encoding="utf-8")
    rep = json.loads(CliRunner().invoke(main, ["lint", "--format", "json", str(page)]).stdout)["reports"][0]
    assert rep["subject"] == "下蜀镇" and rep["profile"] == "township"
    assert all("column" in f for f in rep["findings"])
    out = CliRunner().invoke(main, ["lint", str(page)]).stdout
    assert "主体：下蜀镇" in out
    html = CliRunner().invoke(main, ["lint", "--format", "html", str(page)]).stdout
    assert "报告主体：下蜀镇" in html


def test_findings_inside_a_cut_line_have_its_column_in_json(tmp_path):
    page = tmp_path / "one-line.txt"
    page.write_text(ONE_LINE + "\n", encoding="utf-8")
    rep = json.loads(CliRunner().invoke(main, ["lint", "--format", "json", "--profile", "national", str(page)]).stdout)["reports"][0]
    stutter = next(f for f in rep["findings"] if f["rule"] == "repeated-char")
    assert stutter["line"] == 1 and stutter["column"] == ONE_LINE.index("将将") + 1
    headed = {p["id"]: p["line"] for p in rep["parts"] if p["heading"]}
    assert set(headed.values()) == {1} and "shortcomings" in headed


# ------------------------------------------------------------------ text without line breaks


ONE_LINE = (
    "青山县2023年法治政府建设年度报告2023年，青山县坚持以习近平法治思想为指导，为全县高质量发展提供了有力法治保障。"
    "一、坚持党的领导，压实法治建设责任(一)健全工作机制。县委常委会专题研究法治建设4次，审核规范性文件36件。"
    "(二)落实第一责任人职责。县委、县政府主要负责人亲自部署、亲自督办法治建设重要工作，会前学法12次，年终述法。"
    "二、存在的不足和原因一是基层执法力量薄弱；二是二、三季度案卷评查不够及时。主要原因：执法人员中法律专业人员偏少。"
    "三、2024年推进法治政府建设的主要安排一是开展行政执法案卷评查；二是修订重大行政决策程序规定；三是组织执法人员培训4期。"
    "将将推进依法行政。"
)


def test_outline_inside_one_long_line():
    nd = normalize(doc([ONE_LINE]))
    assert {ln.number for ln in nd.lines} == {1}
    starts = [
        "青山县2023年法治政府建设年度报告",
        "2023年,青山县坚持",
        "一、坚持党的领导,压实法治建设责任",
        "(一)健全工作机制。",
        "(二)落实第一责任人职责。",
        "二、存在的不足和原因一是基层执法力量薄弱;二是二、三季度",
        "三、2024年推进法治政府建设的主要安排",
    ]
    assert len(nd.lines) == len(starts) and all(ln.text.startswith(x) for ln, x in zip(nd.lines, starts)), [ln.text[:20] for ln in nd.lines]
    for ln in nd.lines:  # each piece starts at its column in the line as read
        assert ONE_LINE[ln.column - 1 :].startswith(ln.raw)
    o = build_outline(nd)
    assert o.title == "青山县2023年法治政府建设年度报告"
    assert [h.text for h in o.headings if h.rank == 1] == ["坚持党的领导,压实法治建设责任", "存在的不足和原因", "2024年推进法治政府建设的主要安排"]
    r = check_document(doc([ONE_LINE]), load_rulebook("national"))
    status = {p.id: p.status for p in r.parts}
    assert status["measures"] != "missing" and status["shortcomings"] == "present"
    assert status["causes"] == "present" and status["next_year_plan"] == "present" and status["first_responsible"] != "missing"
    stutter = next(f for f in r.findings if f.rule == "repeated-char")
    assert stutter.line == 1 and stutter.column == ONE_LINE.index("将将") + 1
    assert all(f.line == 1 for f in r.findings if f.line is not None)


def test_first_heading_glued_to_the_opening_paragraph():
    lines = ["青山县2023年法治政府建设年度报告", "2023年，青山县全面推进法治政府建设，现将有关情况报告如下。一、2023年推进法治政府建设的主要举措和成效", "全面落实行政执法三项制度，审核规范性文件36件。"]
    o = outline_of(lines)
    h = o.headings[0]
    assert h.text == "2023年推进法治政府建设的主要举措和成效" and h.line.number == 2 and h.line.column > 1


def test_lists_inside_ordinary_paragraphs_are_not_cut():
    for line in ("全年二、三季度各召开一次会议，审核规范性文件36件。", "主要做法：1.健全机制；2.强化考核。", "依据第(一)项规定，完成整改。三、四月份开展专项检查。", "(二)规范执法。主要做法：(一)落实三项制度；(二)开展案卷评查。"):
        assert len(normalize(doc(["青山县2023年法治政府建设年度报告", line])).lines) == 2, line


def test_numbering_must_continue_to_cut_a_line():
    line = "2023年，青山县全面推进依法行政，取得明显成效。三、存在的问题"  # 三 without 一 and 二 before it
    assert len(normalize(doc([line])).lines) == 1


# ------------------------------------------------------------------ 范文 copies


FANWEN = [
    "2023年青山镇法治政府建设工作报告范文（精选3篇）",
    "下面是小编为大家整理的2023年法治政府建设工作报告范文，供大家参考。",
    "2023年，xx镇坚持以习近平法治思想为指导，全面推进法治政府建设。XX之家—全网资源每日更新",
    "一、2023年推进法治政府建设的主要举措和成效",
    "全年召开会议*次，审核规范性文件**件，办理行政复议案件XX件，培训干部（数字）人次。",
    "（二）20xx年，**区司法局深入开展普法宣传，发放资料X份。",
    "本文来源于网络，如有侵权请联系删除。",
]


def test_范文_placeholders_one_finding_per_line_with_the_placeholder_as_evidence():
    r = check(FANWEN, load_rulebook("national"))
    found = [f for f in r.findings if f.rule == "template-placeholder"]
    # one finding per line (forbid, once_per_line), the first blank named in the message and quoted in the evidence
    assert [(f.line, f.message) for f in found] == [
        (3, "还留有待填的“xx镇”，请换成实际内容"),
        (5, "还留有待填的“*次”，请换成实际内容"),
        (6, "还留有待填的“20xx年”，请换成实际内容"),
    ]
    assert all(f.evidence and f.message.split("“")[1].split("”")[0] in f.evidence for f in found)
    assert [f.column for f in found] == [FANWEN[2].index("xx镇") + 1, FANWEN[4].index("*次") + 1, FANWEN[5].index("20xx年") + 1]
    assert all(f.severity == "error" for f in r.findings if f.rule == "template-placeholder")
    assert not r.passed


def test_asterisk_blanks_survive_normalization_outside_markdown():
    r = check(["青山县2023年法治政府建设年度报告", "全年共办理案件****件。", "**一、主要举措和成效**", "召开会议**次，培训**人。"], load_rulebook("national"))
    found = [(f.line, f.message) for f in r.findings if f.rule == "template-placeholder"]
    assert found == [(2, "还留有待填的“****”，请换成实际内容"), (4, "还留有待填的“**次”，请换成实际内容")]
    assert normalize(doc(["**一、主要举措和成效**"])).lines[0].text == "一、主要举措和成效"  # emphasis of a whole line is markup
    md = Document(path="r.md", format="markdown", lines=[SourceLine(1, "坚持**依法行政**，推进法治政府建设。")])
    assert normalize(md).lines[0].text == "坚持依法行政,推进法治政府建设。"


def test_范文_site_furniture_is_page_chrome():
    nd = normalize(doc(FANWEN))
    assert [ln.chrome for ln in nd.lines] == [False, True, False, False, False, False, True]
    assert "之家" not in nd.lines[2].text and nd.lines[2].raw.endswith("每日更新")
    assert build_outline(nd).title == "2023年青山镇法治政府建设工作报告"


def test_no_placeholder_in_real_wording():
    text = R.complete_report() + ["对张某某作出行政处罚决定，罚款3万元。", "**一、主要举措和成效**", "推进X射线安检设备更新。"]
    r = check(text, load_rulebook("national"))
    assert "template-placeholder" not in rules_of(r)


# ------------------------------------------------------------------ not an annual report


@pytest.mark.parametrize(
    "lines,kind",
    [
        (["【政策解读】关于《青山县人民政府关于2023年度法治政府建设情况的报告》的政策解读", "一、起草背景", "正文。"], "政策解读"),
        (["《青山县2023年法治政府建设年度报告》解读", "一、起草背景", "正文。"], "政策解读"),
        (["青山县召开2023年度法治政府建设工作会议", "3月5日上午，青山县召开法治政府建设工作会议。"], "新闻"),
        (["我县发布2023年度法治政府建设年度报告", "近日，青山县发布了2023年度法治政府建设年度报告。"], "新闻"),
        (["青山县2024年法治政府建设工作要点", "一、总体要求", "二、重点任务"], "工作要点"),
        (["青山县法治政府建设实施方案（2021—2025年）", "为深入推进依法行政，制定本方案。"], "实施方案"),
        (["为深入贯彻落实《法治政府建设实施纲要（2021—2025年）》，结合我县实际，制定本方案。", "一、总体要求", "（一）指导思想"], "实施方案"),
        (["青山县2023年政府信息公开工作年度报告", "一、总体情况", "二、主动公开政府信息情况"], "政府信息公开工作年度报告"),
        (["一、总体情况", "正文。", "二、主动公开政府信息情况", "正文。", "三、收到和处理政府信息公开申请情况", "正文。"], "政府信息公开工作年度报告"),
        (["青山县“十四五”时期法治政府建设工作总结", "五年来，青山县坚持依法行政。"], "多年工作总结"),
        (["青山县2016—2020年法治政府建设工作总结", "正文。"], "多年工作总结"),
        (["五年来，青山县坚持以习近平法治思想为指导，法治政府建设取得显著成效。", "一、主要成效"], "多年工作总结"),
        (["青山县2023年上半年法治政府建设工作总结", "今年上半年，我县推进依法行政。"], "阶段性"),
        (["在全县法治政府建设推进会上的讲话", "同志们：今天我们召开会议。"], "讲话稿"),
        (["关于印发《青山县2024年法治政府建设工作要点》的通知", "各乡镇人民政府，县政府各部门："], "通知"),
        (["青山县司法局局长2023年度述职述法报告", "正文。"], "述职述法"),
        (["青山县法治政府建设第三方评估报告", "正文。"], "评估"),
        (["青山县2023年普法依法治理工作总结", "正文。"], "专项工作"),
        (["论新时代法治政府建设的路径", "摘要：本文分析了法治政府建设的路径。", "关键词：法治政府；依法行政", "参考文献"], "学术文章"),
    ],
)
def test_not_an_annual_report_says_what_it_seems_to_be(lines, kind):
    r = check(lines, load_rulebook("national"))
    found = [f for f in r.findings if f.rule == "not-annual-report"]
    assert len(found) == 1 and kind in found[0].message and found[0].severity == "error", [f.message for f in found]
    assert not r.passed


@pytest.mark.parametrize(
    "title",
    [
        "青山县2023年法治政府建设年度报告",
        "青山县2023年法治政府建设工作总结",  # a 工作总结 of the year is an annual report
        "重庆市公安局2024年法治政府建设工作情况",  # no 报告 in the title
        "双江自治县教育体育局法治政府建设情况报告",  # no year in the title
        "青山县2025年暨“十四五”时期法治政府建设情况报告",
        "关于印发《青山县2023年法治政府建设年度报告》的通知",
        "青山县司法局2023年法治政府建设年度报告及2024年工作计划",
        "青山县规划和自然资源局2023年度法治政府建设情况报告",
        "青山县信访局2023年法治政府建设年度报告",
        None,
    ],
)
def test_a_real_annual_report_never_gets_not_annual_report(title):
    lines = ([title] if title else []) + R.complete_report()[1:] + ["按照《青山县法治政府建设实施方案》，全面完成年度任务。"]
    r = check(lines, load_rulebook("national"))
    assert "not-annual-report" not in rules_of(r), [f.message for f in r.findings if f.rule == "not-annual-report"]


def test_a_province_may_ignore_a_kind_of_document(tmp_path):
    province = tmp_path / "province.yaml"
    province.write_text("id: province\nextends: national\nrules:\n  not-annual-report: {ignore_kinds: [notice]}\n", encoding="utf-8")
    notice = ["关于印发《青山县2024年法治政府建设工作要点》的通知", "各乡镇人民政府，县政府各部门："]
    assert "not-annual-report" in rules_of(check(notice, load_rulebook("national")))
    assert "not-annual-report" not in rules_of(check(notice, load_rulebook(str(province))))


# ------------------------------------------------------------------ full reports written apart (issue 11, point 7)


def test_plan_names_with_numerals_are_not_stutters():
    text = R.complete_report() + ["谋划“十五五”时期法治政府建设，完成“八五”普法总结验收，启动“九五”普法。二〇二二年三月印发方案。"]
    assert "repeated-char" not in rules_of(check(text, load_rulebook("national")))


def test_word_stutters():
    rb = load_rulebook("national")
    for typo in ("进一步一步压实责任", "坚持依法行政依法行政", "我们我们将继续"):
        text = R.complete_report() + [f"县政府{typo}，推进法治建设。"]
        hits = [f for f in check(text, rb).findings if f.rule == "repeated-char"]
        assert len(hits) == 1 and typo[:4] in hits[0].evidence, typo
    for fine in ("的的确确", "一步一步推进", "凤城市城市管理局", "区政府常务会议会议议题"):
        text = R.complete_report() + [f"县政府{fine}，推进法治建设。"]
        assert "repeated-char" not in rules_of(check(text, rb)), fine


def test_a_passage_pasted_into_another_paragraph_with_figures_changed():
    passage = "全面落实行政执法三项制度，组织全县行政执法人员培训{0}期共计{1}人次，评查行政执法案卷{2}卷，发现问题{3}个并全部督促整改到位。"
    lines = [
        R.TITLE,
        "一、2023年推进法治政府建设的主要举措和成效",
        "（一）严格规范公正文明执法。" + passage.format(4, 820, 215, 52) + "深入推进综合行政执法改革，整合执法队伍12支。",
        "（二）强化行政权力制约和监督。自觉接受县人大的监督，办理人大代表建议58件。" + passage.format(5, 910, 236, 61) + "推进政务公开。",
    ]
    dup = [f for f in check(lines, load_rulebook("national")).findings if f.rule == "duplicate-block"]
    assert [(f.line, f.related_line) for f in dup] == [(4, 3)] and "只有数字不同" in dup[0].message
    # the same sentence themes in other words is not a duplicate
    lines[3] = "（二）强化行政权力制约和监督。自觉接受县人大的监督，办理人大代表建议58件，推进政务公开，主动公开政府信息3200条。"
    assert "duplicate-block" not in rules_of(check(lines, load_rulebook("national")))


def test_a_township_plan_without_a_heading():
    lines = [
        "青山镇2023年法治政府建设工作报告",
        "一、主要举措和成效",
        "镇党委把法治建设纳入全镇工作大局，调解矛盾纠纷86件，调解成功率98%；培育法律明白人120名。",
        "二、存在的不足和原因",
        "一是部分村干部法治意识不强；二是综合行政执法人员不足。主要原因：基层法治培训少。",
        "下一步，我镇将从三个方面推进法治政府建设：一是开展法律明白人培训2期；二是完成3个村的村规民约修订；三是推行镇综合执法案卷评查。",
        "青山镇人民政府",
        "2024年1月15日",
    ]
    plan = next(p for p in check(lines).parts if p.id == "next_year_plan")
    assert plan.status == "weak" and plan.line == 6
    lines[5] = "下一步，我们将认真查找和解决存在的问题，推动全镇法治政府建设迈上新台阶。"  # a closing promise, not a plan
    assert next(p for p in check(lines).parts if p.id == "next_year_plan").status == "missing"


def test_a_report_filled_into_a_form_has_exactly_the_parts_whose_rows_are_filled():
    lines = [
        "青山县司法局2023年法治政府建设年度报告",
        "项目 | 内容",
        "主要举措和成效 | 全面落实行政执法三项制度，审核规范性文件36件，办理行政复议案件58件，调解矛盾纠纷1436件。",
        "存在的不足和原因",
        "党政主要负责人履行推进法治建设第一责任人职责情况 | 局党组书记亲自部署法治机关建设，组织会前学法8次，出庭应诉2次，年终述法。",
        "下一年度推进法治政府建设的主要安排",
        "上年度问题整改情况",
    ]
    status = {p.id: p.status for p in check(lines, load_rulebook("national")).parts}
    assert status["measures"] == "present" and status["first_responsible"] == "present"
    assert status["shortcomings"] == "missing" and status["next_year_plan"] == "missing" and status["rectification"] == "missing"


def test_a_part_of_one_sentence_without_figures_is_thin():
    rb = load_rulebook("national")
    long_sentence = "县政府主要负责人高度重视法治政府建设，切实履行推进法治建设第一责任人职责，把法治建设摆在全局工作的重要位置，与经济社会发展同谋划、同部署、同推进、同考核，统筹推进各项工作，取得明显成效，为全县经济社会高质量发展提供了坚实有力的法治保障和服务。"
    text = R.replace_line(R.complete_report(), R.FIRST_RESPONSIBLE[1], long_sentence)
    thin = [f for f in check(text, rb).findings if f.rule == "thin-part"]
    assert [f.part for f in thin] == ["first_responsible"]
    # one sentence with concrete figures is not thin (the label of eval2/06)
    assert "thin-part" not in rules_of(check(R.complete_report(), rb))
