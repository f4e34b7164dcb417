"""Normalization and outline: line numbers survive every cleaning step."""

from __future__ import annotations

from checker.model import Document, SourceLine
from checker.normalize import clean_text, is_chrome, normalize
from checker.outline import build_outline, parse_heading


def doc(lines, levels=None):
    levels = levels or {}
    return Document(path="x.txt", format="text", lines=[SourceLine(i, t, level=levels.get(i)) for i, t in enumerate(lines, 1)])


def test_converter_garbage():
    assert clean_text("法治建設(shè)第一責(zé)任人") == "法治建設第一責任人"
    assert clean_text("二,、推進") == "二、推進"
    assert clean_text("中共中央,、國務院") == "中共中央、國務院"
    assert clean_text("取得成效,。下一步,,我们") == "取得成效。下一步,我们"
    assert clean_text("（一）全角：ＡＢＣ１２３") == "(一)全角:ABC123"
    assert clean_text("法 治 政 府") == "法治政府"
    assert clean_text("\ufeff\u200b依法行政") == "依法行政"


def test_traditional_to_simplified_keeps_lines():
    nd = normalize(doc(["瀘州市法治政府建設(shè)報(bào)告", "", "堅持依法行政"]))
    assert [ln.text for ln in nd.lines] == ["泸州市法治政府建设报告", "", "坚持依法行政"]
    assert [ln.number for ln in nd.lines] == [1, 2, 3]
    assert nd.traditional_chars[1]


def test_page_chrome_is_marked_not_removed():
    lines = ["标题: 某县2023年法治政府建设年度报告", "索引号: 1137/2024-1 文号:", "发布日期:2024-03-04", "• 字号:", "• |", "• 打印", "关闭", "2023年,某县坚持依法行政。"]
    nd = normalize(doc(lines))
    assert [ln.chrome for ln in nd.lines] == [True] * 7 + [False]
    assert nd.meta_title == "某县2023年法治政府建设年度报告"
    assert nd.published.isoformat() == "2024-03-04" and nd.published_line == 3
    assert not is_chrome("一、主要举措和成效")


def test_heading_ranks():
    cases = {
        "第一部分 主要成效": 0,
        "一、主要举措和成效": 1,
        "二,、存在的问题": 1,
        "（一）依法全面履行政府职能。一是……": 2,
        "1.优化法治化营商环境。全面深化改革": 3,
        "(1)强化执法": 4,
    }
    for text, rank in cases.items():
        parsed = parse_heading(normalize(doc([text])).lines[0])
        assert parsed is not None and parsed[0] == rank, text
    for text in ("1.5亿元资金已拨付", "2023年,全县", "一是加强学习。"):
        assert parse_heading(normalize(doc([text])).lines[0]) is None, text


def test_inline_body_is_split_from_heading():
    o = build_outline(normalize(doc(["某县2023年法治政府建设年度报告", "（一）依法全面履行政府职能。一是强化思想引领。印发文件。"])))
    h = o.headings[0]
    assert h.text == "依法全面履行政府职能" and h.inline_body.startswith("一是强化")


def test_markdown_and_style_levels():
    lines = ["某县2023年法治政府建设年度报告", "主要举措和成效", "正文。", "存在的不足", "正文。"]
    o = build_outline(normalize(doc(lines, levels={1: 1, 2: 2, 4: 2})))
    assert o.title == lines[0]
    assert [(h.text, h.rank) for h in o.headings] == [("主要举措和成效", o.top_rank), ("存在的不足", o.top_rank)]


def test_title_over_two_lines():
    o = build_outline(normalize(doc(["某县人民政府", "关于2023年度法治政府建设情况的报告", "一、主要举措和成效"])))
    assert o.title == "某县人民政府关于2023年度法治政府建设情况的报告"
    assert o.title_line.number == 1


def test_sections_nest():
    lines = ["报告", "一、甲部分", "(一)甲一", "内容", "(二)甲二", "二、乙部分", "内容"]
    o = build_outline(normalize(doc(lines)))
    first = o.headings[0]
    assert [c.text for c in first.children] == ["甲一", "甲二"]
    assert [ln.number for ln in o.section_lines(first)] == [3, 4, 5]


def test_pdf_page_numbers_are_chrome():
    for text in ("- 3 -", "—12—", "第 3 页 共 10 页", "3/10", "7"):
        assert is_chrome(clean_text(text)), text
    for text in ("2023年", "一、主要举措和成效", "全年办理案件58件。"):
        assert not is_chrome(clean_text(text)), text


def test_publication_date_from_page_furniture():
    nd = normalize(doc(["某县2023年法治政府建设年度报告", "2024-03-04 来源:县司法局 浏览次数:35", "正文。"]))
    assert nd.published.isoformat() == "2024-03-04" and nd.published_line == 2
    nd = normalize(doc(["来源:县司法局 2024-05-01", "发布时间:2024-03-04 10:00", "正文。"]))
    assert nd.published.isoformat() == "2024-03-04" and nd.published_line == 2


def test_an_opening_sentence_is_not_a_title():
    o = build_outline(normalize(doc(["2023年，我县法治政府建设工作情况报告如下:", "一、主要举措和成效", "正文。"])))
    assert o.title is None


def test_markdown_emphasis_is_not_text():
    assert clean_text("**一、主要举措和成效**") == "一、主要举措和成效"
    assert clean_text("> __（二）存在的不足__") == "(二)存在的不足"


def test_publication_date_outranks_date_of_writing():
    nd = normalize(doc(["名称:某局2020年法治政府建设年度报告", "成文日期:2021-01-28", "发布日期:2021-05-10", "正文。"]))
    assert nd.published.isoformat() == "2021-05-10" and nd.published_line == 3
    assert nd.meta_title == "某局2020年法治政府建设年度报告"
    nd = normalize(doc(["发文日期:2021-03-01 成文日期:2021-02-01", "正文。"]))
    assert nd.published.isoformat() == "2021-03-01"


def test_site_footer_and_font_size_bar_are_chrome():
    for text in ("【字体：大 中 小】【打印本页】【关闭窗口】", "主办：某县人民政府办公室 承办：某县大数据中心", "网站标识码：1234567890 备案号：某ICP备12345678号"):
        assert is_chrome(clean_text(text)), text


def test_numbered_heading_followed_by_a_year():
    for text in ("3. 2022年工作计划", "3、2022年工作计划", "3.2022年工作计划"):
        parsed = parse_heading(normalize(doc([text])).lines[0])
        assert parsed is not None and parsed[0] == 3 and parsed[2].startswith("2022年"), text


def test_title_with_organ_on_the_line_before():
    o = build_outline(normalize(doc(["青山县人民政府", "2023年法治政府建设年度报告", "一、主要举措和成效"])))
    assert o.title == "青山县人民政府2023年法治政府建设年度报告"
    # a site header before a title that names its organ stays out of the title
    o = build_outline(normalize(doc(["临淄区人民政府办公室", "临淄区2023年法治政府建设年度报告", "一、主要举措和成效"])))
    assert o.title == "临淄区2023年法治政府建设年度报告"


def test_bracketed_publication_field():
    nd = normalize(doc(["某县2024年法治政府建设年度报告", "【发布日期】2025年4月2日", "正文。"]))
    assert nd.lines[1].chrome and nd.published.isoformat() == "2025-04-02" and nd.published_line == 2
