"""Page patterns the held-out web copies of tests/data/webeval showed, each on text written for it.

Pipe-table metadata and bilingual labels for the publication date; titles
broken over three lines; a site name above a breadcrumb is not part of the
title below it; a browser title bar's site name after a title; the title
reported in the file's own punctuation; a notice or an announcement about
the annual reports is not one unless the report follows it.
"""

from __future__ import annotations

import pytest

from checker.engine import check_document
from checker.model import Document, SourceLine
from checker.normalize import normalize
from checker.outline import build_outline
from checker.profiles import AutoProfile
from checker.rulebook import load_rulebook
from checker.titlewords import clean_title, is_organ_line

import reports as R

BODY = [
    "2023年，青山县坚持以习近平法治思想为指导，全面推进法治政府建设，现将有关情况报告如下。",
    "一、2023年推进法治政府建设的主要举措和成效",
    "全面落实行政执法三项制度，审核规范性文件36件，办理行政复议案件58件。",
]


def doc(lines) -> Document:
    return Document(path="page.txt", format="text", lines=[SourceLine(i, t) for i, t in enumerate(lines, 1)])


def outline_of(lines):
    return build_outline(normalize(doc(lines)))


def published(lines):
    nd = normalize(doc(lines + ["青山县2023年法治政府建设年度报告"] + BODY))
    return nd.published.isoformat() if nd.published else None


# ------------------------------------------------------------------ publication date


@pytest.mark.parametrize(
    "lines,expected",
    [
        (["索 引 号 | 1133/2024-00018 | 主题分类 | 综合政务 |", "成文日期 | 2024-03-18 | 发布日期 | 2024-03-22 |"], "2024-03-22"),
        (["成文日期｜2024-03-18｜"], "2024-03-18"),
        (["发布日期 Date：2024.03.25  来源 Source：管委会党政办"], "2024-03-25"),
        (["发布时间 Release Date: 2024-03-25"], "2024-03-25"),
        (["发布时间 ： 2024-03-21   信息来源 ： 市司法局"], "2024-03-21"),
        (["浏览次数:信息来源: 镇党政办发布时间:2025-03-20 10:12"], "2025-03-20"),  # labels glued together
    ],
)
def test_publication_date_in_pipe_tables_and_bilingual_rows(lines, expected):
    assert published(lines) == expected


def test_a_table_of_the_report_headed_by_a_generic_label_stays_report_text():
    nd = normalize(doc(["时间 | 事项 | 责任单位", "2024年3月 | 开展法治督察 | 县司法局"] + BODY))
    assert not nd.lines[0].chrome and not nd.lines[1].chrome and nd.published is None


def test_an_english_word_alone_is_no_date_label():
    assert published(["Date 2024-03-25 Home"]) is None


# ------------------------------------------------------------------ titles


def test_title_over_three_lines():
    o = outline_of(["望川街道办事处", "关于2023年度法治政府建设", "工作情况的报告", "【发布日期】2024年03月12日"] + BODY)
    assert o.title == "望川街道办事处关于2023年度法治政府建设工作情况的报告" and o.title_line.number == 1


def test_a_complete_title_is_not_continued_by_its_repetition():
    o = outline_of(["青山县2023年法治政府建设年度报告", "青山县2023年法治政府建设年度报告"] + BODY)
    assert o.title == "青山县2023年法治政府建设年度报告"


@pytest.mark.parametrize(
    "between",
    [["当前位置：首页 > 政务公开 > 通知公告"], ["您现在的位置：首页 >> 政务公开 >> 通知公告"], ["发布日期：2024-04-10  来源：市委依法治市办"]],
)
def test_a_site_name_above_the_breadcrumb_is_not_part_of_the_title(between):
    o = outline_of(["鹤川市人民政府"] + between + ["关于2023年度法治政府建设考核结果的通报", "各县（市、区）：", "现将考核结果通报如下。"])
    assert o.title == "关于2023年度法治政府建设考核结果的通报"


def test_an_organ_line_right_above_a_title_still_joins_it():
    assert outline_of(["青山镇人民政府", "", "关于2023年法治政府建设情况的报告"] + BODY).title == "青山镇人民政府关于2023年法治政府建设情况的报告"


def test_a_site_name_is_no_organ():
    assert is_organ_line("松禾县人民政府") and is_organ_line("水文站")
    assert not is_organ_line("松禾县人民政府门户网站") and not is_organ_line("汉江日报数字报")
    o = outline_of(["松禾县人民政府门户网站", "关于公开2023年法治政府建设情况报告的公告", "现将报告予以公开。"])
    assert o.title == "关于公开2023年法治政府建设情况报告的公告"


@pytest.mark.parametrize(
    "headline",
    [
        "桃溪乡2022年法治政府建设工作报告 - 百度文库",
        "桃溪乡2022年法治政府建设工作报告_岚溪县人民政府",
        "桃溪乡2022年法治政府建设工作报告|岚溪县人民政府门户网站",
    ],
)
def test_a_title_bars_site_name_is_not_part_of_the_title(headline):
    assert clean_title(headline) == "桃溪乡2022年法治政府建设工作报告"


@pytest.mark.parametrize("headline", ["临水县司法局2023年度法治政府建设情况报告(全文)[临司发〔2024〕6号]", "临水县司法局2023年度法治政府建设情况报告【临司发〔2024〕6号】"])
def test_a_文号_in_square_brackets_after_the_title_is_not_part_of_it(headline):
    assert clean_title(headline) == "临水县司法局2023年度法治政府建设情况报告"


def test_a_title_keeps_a_dash_inside_it():
    title = "青山县法治政府建设五年工作总结（2021 - 2025年）"
    assert clean_title(title) == title


def test_the_title_is_reported_as_the_file_writes_it():
    r = check_document(doc(["沧澜区法治政府建设五年工作总结（2021—2025年）", "发布日期：2025-12-29"] + BODY), AutoProfile())
    assert r.title == "沧澜区法治政府建设五年工作总结（2021—2025年）"
    # what the rules read stays normalized
    assert outline_of(["沧澜区法治政府建设五年工作总结（2021—2025年）"] + BODY).title == "沧澜区法治政府建设五年工作总结(2021—2025年)"


def test_a_title_over_two_lines_is_reported_as_written_too():
    r = check_document(doc(["通城镇人民政府", "２０２５年法治政府建设情况（全镇）"] + BODY), AutoProfile())
    assert r.title == "通城镇人民政府２０２５年法治政府建设情况（全镇）"


def test_a_traditional_title_is_reported_in_simplified_characters():
    r = check_document(doc(["青山縣2023年法治政府建設年度報告"] + BODY), AutoProfile())
    assert r.title == "青山县2023年法治政府建设年度报告"


# ------------------------------------------------------------------ notices about the annual reports


def _kind_of(lines):
    r = check_document(doc(lines), load_rulebook("national"))
    return [f.message for f in r.findings if f.rule == "not-annual-report"]


def test_an_announcement_with_the_report_only_attached_is_a_notice():
    found = _kind_of(
        [
            "关于公开《青山县人民政府关于2023年法治政府建设情况的报告》的公告",
            "现将《青山县人民政府关于2023年法治政府建设情况的报告》予以公开，接受社会监督。",
            "附件：青山县人民政府关于2023年法治政府建设情况的报告.pdf",
        ]
    )
    assert len(found) == 1 and "通知" in found[0]


def test_a_notice_asking_for_the_reports_with_their_outline_is_a_notice():
    outline = ["附件", "法治政府建设年度报告提纲", "一、上一年度推进法治政府建设的主要举措和成效", "（围绕纲要确定的主要任务撰写。）",
               "二、上一年度党政主要负责人履行推进法治建设第一责任人职责情况", "三、上一年度推进法治政府建设存在的不足和原因",
               "四、下一年度推进法治政府建设的主要安排"]
    found = _kind_of(["青山县委依法治县办关于报送2023年度法治政府建设情况报告的通知", "各乡镇、各部门：", "请于2024年2月20日前报送。"] + outline)
    assert len(found) == 1 and "通知" in found[0]


@pytest.mark.parametrize("title", ["关于公开《青山县2023年法治政府建设年度报告》的公告", "关于转发《青山县2023年度法治政府建设情况报告》的通知"])
def test_a_notice_that_carries_the_report_is_the_report(title):
    assert _kind_of([title] + R.complete_report()[1:]) == []


# ------------------------------------------------------------------ 范文 blanks where the organ belongs


@pytest.mark.parametrize(
    "opening,subject,profile",
    [
        ("XXXX年，××局在县委、县政府的坚强领导下，以习近平法治思想为指导，扎实推进依法行政。", "××局", "department"),
        ("20XX年以来，x镇在县委、县政府的坚强领导下，坚持依法行政。", "x镇", "township"),
        ("2023年，XX县人民政府坚持以习近平法治思想为指导，全面推进依法行政。", "XX县人民政府", "government"),
    ],
)
def test_a_blank_organ_of_a_范文_is_still_the_subject(opening, subject, profile):
    r = check_document(doc(["法治政府建设工作情况报告范文", opening] + BODY[1:]), AutoProfile())
    assert r.subject == subject and r.profile == profile


def test_a_blank_organ_names_no_organ():
    from checker.subject import Subject

    assert not Subject("××局", "opening").named and not Subject("XX县人民政府", "opening").named
    assert Subject("下蜀镇", "opening").named


# ------------------------------------------------------------------ a preview that cut off the beginning


def test_sub_headings_before_the_first_heading_are_the_measures_whose_heading_was_cut_off():
    lines = [
        "2023年街道法治政府建设工作情况报告",
        "……（开头部分已省略520字）",
        "(二)规范执法，提高综合执法效能。街道全年办理执法案件126件，开展联合执法28次。",
        "(三)广泛宣传，营造浓厚法治氛围。全年开展普法活动36场次，发放宣传资料5000份。",
        "二、存在的问题及原因",
        "一是依法行政意识不强；二是普法覆盖面窄。原因是学法培训不够系统。",
        "三、2024年工作计划",
        "一是加强干部学法用法；二是拓展普法宣传阵地。",
    ]
    r = check_document(doc(lines), load_rulebook("township"))
    measures = next(p for p in r.parts if p.id == "measures")
    assert measures.status == "present" and measures.line == 3


def test_sub_headings_under_a_closing_part_are_not_the_measures():
    lines = ["青山镇2023年法治政府建设年度报告", "一、存在的不足和原因", "(一)干部法治意识不强。原因是培训不够。", "(二)普法形式单一。原因是经费不足。"]
    r = check_document(doc(lines), load_rulebook("township"))
    assert next(p for p in r.parts if p.id == "measures").status != "present"


# ------------------------------------------------------------------ menus, bylines, the tails of WeChat and sharing sites


@pytest.mark.parametrize(
    "line",
    [
        "首页 走进枫岭 政务公开 招商引资 便民服务",
        "网站首页 机构概况 政务公开 办事服务 公众参与 专题专栏",
        "English | 繁體 | 无障碍 | 移动版",
        "首頁　政務公開　政務服務　互動交流",  # traditional, ideographic spaces
    ],
)
def test_a_menu_bar_is_furniture(line):
    nd = normalize(doc([line, "青山县2023年法治政府建设年度报告"] + BODY))
    assert nd.lines[0].chrome


@pytest.mark.parametrize(
    "line",
    [
        "一是健全制度 二是规范执法 三是强化监督",  # no column name among the items
        "首页 政务公开 2024年3月28日 星期四",  # a date is no menu item
        "青山县人民政府 青山县司法局 青山县财政局",
    ],
)
def test_short_items_without_a_column_name_are_no_menu(line):
    from checker.furniture import furniture

    spaced = line
    assert not furniture().is_menu(spaced)


def test_a_menu_with_traditional_characters_is_no_traditional_text():
    r = check_document(doc(["English | 繁體 | 无障碍 | 移动版", "青山县2023年法治政府建设年度报告"] + BODY), load_rulebook("national"))
    assert "traditional-char" not in {f.rule for f in r.findings}


def test_a_wechat_byline_and_tail_are_furniture():
    lines = ["原创 松禾司法 松禾司法行政 2024-03-27 09:30 发表于云南", "青山县2023年法治政府建设年度报告"] + BODY
    lines += ["阅读原文", "阅读 1025", "分享 收藏 点赞 在看", "微信扫一扫", "关注该公众号"]
    nd = normalize(doc(lines))
    assert nd.lines[0].chrome and all(ln.chrome for ln in nd.lines[-5:])
    r = check_document(doc(lines), load_rulebook("national"))
    assert "repeated-char" not in {f.rule for f in r.findings}  # "松禾司法 松禾司法行政" is no stutter
    assert r.title == "青山县2023年法治政府建设年度报告"


@pytest.mark.parametrize(
    "line",
    ["……（开头部分已省略520字）", "仅展示486字，全文共1680字", "下载全文 立即购买 ￥5.00", "上一篇：白石镇2022年法治政府建设年度报告"],
)
def test_the_furniture_of_a_sharing_sites_preview_and_of_link_lines(line):
    nd = normalize(doc(["青山县2023年法治政府建设年度报告"] + BODY + [line]))
    assert nd.lines[-1].chrome


# ------------------------------------------------------------------ scraped entities, years in Chinese numerals


def test_html_entities_left_in_scraped_text_are_read_as_characters():
    lines = ["青山县司法局2023年度法治政府建设工作报告", "发布时间：2024-03-19&nbsp;&nbsp;&nbsp;来源：县司法局"]
    lines += ["&nbsp;&nbsp;" + t.replace("三项制度", "&ldquo;三项制度&rdquo;") for t in BODY]
    nd = normalize(doc(lines))
    assert nd.published.isoformat() == "2024-03-19"
    assert nd.lines[-1].text == "全面落实行政执法“三项制度”,审核规范性文件36件,办理行政复议案件58件。"
    assert outline_of(lines).headings[0].text == "2023年推进法治政府建设的主要举措和成效"


def test_a_literal_ampersand_stays():
    assert normalize(doc(["R&D投入增长12%，A&B两类事项"])).lines[0].text == "R&D投入增长12%,A&B两类事项"


def test_years_in_chinese_numerals_are_years():
    lines = [
        "青山县人民政府关于二〇二三年度法治政府建设情况的报告",
        "一年来，县政府坚持以习近平法治思想为指导，全面推进依法行政。现将有关情况报告如下：",
        "一、推进法治政府建设的主要举措和成效",
        "审核规范性文件7件，办理行政复议案件58件。",
        "二、二〇二四年推进法治政府建设的主要安排",
        "一是加强乡镇法治力量建设；二是深化示范创建。",
        "青山县人民政府",
        "二〇二四年三月二十五日",
    ]
    r = check_document(doc(lines), load_rulebook("government"))
    rules = {f.rule for f in r.findings}
    assert r.year == 2023 and r.title == lines[0]  # reported as written
    assert not rules & {"plan-year-mismatch", "title-year-mismatch", "title-format", "missing-signature", "not-annual-report"}


def test_a_year_in_chinese_numerals_is_no_multi_year_summary():
    r = check_document(doc(["青山县二〇二三年法治政府建设工作总结"] + BODY[1:]), load_rulebook("national"))
    assert "not-annual-report" not in {f.rule for f in r.findings}


# ------------------------------------------------------------------ who delivers, list-page titles, columns in 【】


def test_a_report_delivered_to_the_peoples_congress_is_the_governments():
    lines = [
        "关于2023年法治政府建设情况的报告",
        "——2024年3月26日在青山县第十八届人民代表大会常务委员会第十五次会议上",
        "县人民政府副县长 陈晓明",
        "主任、各位副主任、秘书长、各位委员：",
        "我受县人民政府委托，向县人大常委会报告2023年法治政府建设情况，请予审议。",
    ] + BODY[1:]
    r = check_document(doc(lines), AutoProfile())
    assert r.subject == "县人民政府" and r.profile == "government"
    assert "not-annual-report" not in {f.rule for f in r.findings}


@pytest.mark.parametrize("headline", ["禾丰乡2023年法治政府建设年度报告 2024-03-20", "禾丰乡2023年法治政府建设年度报告  2024/3/20 10:05"])
def test_a_list_pages_date_after_the_title_is_not_part_of_it(headline):
    assert outline_of([headline] + BODY).title == "禾丰乡2023年法治政府建设年度报告"


def test_a_column_in_brackets_before_the_headline_is_not_the_subject():
    r = check_document(doc(["【法治政府建设】蓝湾经开区综合执法局2023年法治政府建设年度报告"] + BODY), AutoProfile())
    assert r.subject == "蓝湾经开区综合执法局" and r.profile == "department"


@pytest.mark.parametrize(
    "title,kind",
    [
        ("区人大常委会关于区人民政府2023年度法治政府建设情况报告的审议意见", "审议意见"),
        ("《鹤川市2023年法治政府建设情况报告》问答", "政策解读"),
    ],
)
def test_opinions_on_a_report_and_questions_about_it_are_not_the_report(title, kind):
    r = check_document(doc([title, "区人民政府：", "会议听取和审议了区人民政府关于2023年度法治政府建设情况的报告。"]), load_rulebook("national"))
    found = [f.message for f in r.findings if f.rule == "not-annual-report"]
    assert len(found) == 1 and kind in found[0]
    assert r.subject is None or "《" not in r.subject
