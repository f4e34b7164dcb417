"""HTML pages saved from government web sites, built from the corpus in tmp_path."""

from __future__ import annotations

import html
import random
import re
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("lxml")

from checker.model import ReadError  # noqa: E402
from checker.readers import read_document  # noqa: E402
from checker.readers.web import parse_date  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

#: texts of the page chrome; none of them occurs in the corpus reports
CHROME = [
    "首页",
    "互动交流",
    "当前位置",
    "主题分类",
    "来源",
    "X1234567",
    "打印本页",
    "关闭窗口",
    "相关链接",
    "主办单位",
    "网站标识码",
    "ICP备",
    "脚本里的字",
    "样式里的字",
    "统计代码",
    "隐藏的文字",
]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def corpus_lines(name: str) -> list[str]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def gov_page(title: str, paragraphs: list[str], charset: str = "utf-8", head_extra: str = "", info: str = "") -> str:
    """A page laid out like a Chinese government CMS (TRS / 政府网站集约化平台)."""
    body = "\n".join(f'<p style="text-indent:2em;">{html.escape(p)}</p>' for p in paragraphs)
    charset_meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />' if charset else ""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{charset_meta}
<meta name="SiteName" content="某某区人民政府">
{head_extra}
<title>{html.escape(title)}_某某区人民政府</title>
<script type="text/javascript">var s = "法治政府 脚本里的字"; document.write(s);</script>
<style>.nav {{ color: red }} /* 样式里的字 */</style>
</head>
<body>
<div class="header"><div class="logo">某某区人民政府门户网站</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设</div>
<div style="display:none">隐藏的文字</div>
<div class="main">
 <table class="xxgk"><tr><td>索引号：</td><td>X1234567/2024-0000001</td><td>发布机构：</td><td>某某区人民政府办公室</td></tr>
 <tr><td>主题分类：</td><td>法治政府</td><td>文号：</td><td></td></tr></table>
 <div class="article">
  <h1 class="title">{html.escape(title)}</h1>
  <div class="info">{info}　来源：区司法局　<span class="fontsize">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span></div>
  <div class="TRS_Editor" id="zoom">
{body}
  </div>
  <div class="bottom-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
  <div class="xglj"><h3>相关链接</h3><ul><li><a href="/a.html">某某区2022年法治政府建设年度报告</a></li>
  <li><a href="/b.html">关于印发某某方案的通知</a></li></ul></div>
 </div>
</div>
<div class="footer"><p>主办单位：某某区人民政府办公室　承办单位：某某区大数据中心</p>
<p>网站标识码：3703050001　鲁ICP备12345678号</p></div>
<script>console.log("统计代码")</script>
</body></html>
"""


def write_page(tmp_path: Path, name: str, page: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    # characters the encoding lacks become character references, as browsers save them
    path.write_bytes(page.encode(encoding, errors="xmlcharrefreplace"))
    return path


@pytest.mark.parametrize(
    "corpus,charset,encoding",
    [
        ("004_14774531c7e6819b.txt", "utf-8", "utf-8"),
        ("000_8b1a2ce855df5433.txt", "gb2312", "gb18030"),
        ("003_0c51c63ad63e9340.txt", "GBK", "gb18030"),
        ("002_901f5c65a6be9fb2.txt", "utf-8", "utf-8"),
    ],
)
def test_article_body_is_extracted_without_chrome(tmp_path, corpus, charset, encoding):
    lines = corpus_lines(corpus)
    title, paragraphs = "某某区2023年法治政府建设年度报告", lines
    page = gov_page(title, paragraphs, charset=charset, info="发布日期：2024-03-04")
    path = write_page(tmp_path, "page.html", page, encoding)
    doc = read_document(path)
    assert doc.format == "html"
    assert doc.encoding == encoding
    texts = [squash(line.text) for line in doc.lines]
    # the visible title first, then exactly the report's paragraphs
    assert texts == [squash(title)] + [squash(p) for p in paragraphs]
    assert doc.lines[0].level == 1
    joined = "".join(texts)
    for chrome in CHROME:
        assert chrome not in joined, chrome
    assert doc.published == date(2024, 3, 4)
    assert doc.title == title


def test_chrome_words_are_not_in_the_corpus():
    corpus = "".join(p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt"))
    assert corpus and not [word for word in CHROME if word in corpus]


def test_line_numbers_are_lines_of_the_html_source(tmp_path):
    lines = corpus_lines("003_0c51c63ad63e9340.txt")
    page = gov_page(lines[0], lines[1:])
    path = write_page(tmp_path, "lines.html", page)
    source = page.split("\n")
    doc = read_document(path)
    for line in doc.lines:
        escaped = html.escape(line.text)
        assert escaped in source[line.number - 1], (line.number, line.text[:20])
    numbers = [line.number for line in doc.lines]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_gb18030_page_without_declared_charset_is_detected(tmp_path):
    lines = corpus_lines("004_14774531c7e6819b.txt")
    page = gov_page("柳城县2023年法治政府建设年度报告", lines[1:], charset="")
    path = write_page(tmp_path, "nocharset.htm", page, "gb18030")
    doc = read_document(path)
    assert doc.encoding == "gb18030"
    assert [squash(line.text) for line in doc.lines][1:] == [squash(p) for p in lines[1:]]


def test_wrongly_declared_charset_is_overridden(tmp_path):
    lines = corpus_lines("000_8b1a2ce855df5433.txt")
    # the page says gb2312 but the bytes are UTF-8 (a common CMS mistake)
    page = gov_page("辽源市2024年法治政府建设年度报告", lines, charset="gb2312")
    path = write_page(tmp_path, "mislabelled.html", page, "utf-8")
    doc = read_document(path)
    assert doc.encoding == "utf-8"
    assert squash(doc.lines[1].text) == squash(lines[0])


def test_big5_page(tmp_path):
    lines = [l.encode("cp950", "ignore").decode("cp950") for l in corpus_lines("002_901f5c65a6be9fb2.txt")]
    page = gov_page(lines[0], lines[1:], charset="big5")
    path = write_page(tmp_path, "big5.html", page, "cp950")
    doc = read_document(path)
    assert doc.encoding == "cp950"
    assert [squash(line.text) for line in doc.lines] == [squash(l) for l in lines]


@pytest.mark.parametrize(
    "head,info,expected",
    [
        ('<meta name="PubDate" content="2024-03-05 10:00">', "", date(2024, 3, 5)),
        ('<meta name="publishdate" content="2024/3/6">', "", date(2024, 3, 6)),
        ('<meta property="article:published_time" content="2024-03-07T08:00:00+08:00">', "", date(2024, 3, 7)),
        ('<meta name="firstpublishedtime" content="2024-03-08-10:20:30">', "", date(2024, 3, 8)),
        ('<meta name="DC.Date" content="2024.03.09">', "", date(2024, 3, 9)),
        ("", "发布时间：2024/3/10 09:30", date(2024, 3, 10)),
        ("", "发布日期：2024年3月11日", date(2024, 3, 11)),
        ("", "发文日期 2024.03.12", date(2024, 3, 12)),
        ("", "成文日期：2024年03月13日", date(2024, 3, 13)),
        ("", "2021年06月15日", date(2021, 6, 15)),  # a bare date under the title (seed 003)
        # the visible publication date wins over the meta tag and over 成文日期
        ('<meta name="PubDate" content="2024-01-01">', "成文日期：2024-02-02 发布日期：2024-03-14", date(2024, 3, 14)),
        ("", "", None),
    ],
)
def test_publication_date(tmp_path, head, info, expected):
    lines = corpus_lines("004_14774531c7e6819b.txt")[1:6]
    path = write_page(tmp_path, "date.html", gov_page("柳城县2023年法治政府建设年度报告", lines, head_extra=head, info=info))
    doc = read_document(path)
    assert doc.published == expected
    # the date line itself is page chrome, not report text
    assert [squash(line.text) for line in doc.lines][1:] == [squash(l) for l in lines]


def test_date_fields_in_separate_table_cells(tmp_path):
    page = (
        "<html><head><meta charset='utf-8'><title>报告</title></head><body>"
        "<table class='xxgk'><tr><td>发布日期</td><td>2024年03月04日</td></tr></table>"
        "<div id='content'><p>临淄区2023年法治政府建设年度报告正文第一段，内容足够长，不会被当作页面杂项。</p></div>"
        "</body></html>"
    )
    assert read_document(write_page(tmp_path, "cells.html", page)).published == date(2024, 3, 4)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2024-03-04", date(2024, 3, 4)),
        ("2024/3/4 10:00", date(2024, 3, 4)),
        ("2024年3月4日", date(2024, 3, 4)),
        ("2024.03.04", date(2024, 3, 4)),
        ("20240304", date(2024, 3, 4)),
        ("二〇二四年三月四日", date(2024, 3, 4)),
        ("索引号 11370305K21216551K/2024-5438779", None),
        ("2024-13-01", None),
        ("", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_headings_tables_lists_and_breaks(tmp_path):
    page = """<html><head><meta charset="utf-8"><title>某县2023年法治政府建设年度报告</title></head>
<body><div class="content">
<h1>某县2023年法治政府建设年度报告</h1>
<h2>一、主要举措和成效</h2>
<h3>（一）依法全面履行政府职能</h3>
<p>第一段文字，足够长以便成为正文。<strong>加粗的部分</strong>也属于同一段。</p>
<div>直接写在div里的文字<br>换行后的第二行<br/>
第三行</div>
<ul><li>列表第一项</li><li>列表第二项</li></ul>
<table><tr><th>事项</th><th>数量</th></tr>
<tr><td>行政复议案件</td><td>12件</td></tr></table>
<h2>二、存在的不足和原因</h2>
<p>最后一段。</p>
</div></body></html>"""
    doc = read_document(write_page(tmp_path, "blocks.html", page))
    got = [(line.number, line.level, line.text) for line in doc.lines]
    assert got == [
        (3, 1, "某县2023年法治政府建设年度报告"),
        (4, 2, "一、主要举措和成效"),
        (5, 3, "（一）依法全面履行政府职能"),
        (6, None, "第一段文字，足够长以便成为正文。加粗的部分也属于同一段。"),
        (7, None, "直接写在div里的文字"),
        (7, None, "换行后的第二行"),
        (8, None, "第三行"),
        (9, None, "列表第一项"),
        (9, None, "列表第二项"),
        (10, None, "事项 | 数量"),
        (11, None, "行政复议案件 | 12件"),
        (12, 2, "二、存在的不足和原因"),
        (13, None, "最后一段。"),
    ]


def test_layout_table_holding_the_article(tmp_path):
    lines = corpus_lines("003_0c51c63ad63e9340.txt")
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in lines)
    page = f"""<html><head><meta charset="utf-8"><title>于洪区</title></head><body>
<table width="100%"><tr><td class="left-nav"><a href="/">首页</a><br><a href="/x">机构</a></td>
<td>{paragraphs}</td></tr>
<tr><td colspan="2" class="foot">版权所有：某某区人民政府</td></tr></table></body></html>"""
    doc = read_document(write_page(tmp_path, "layout.html", page))
    assert [squash(line.text) for line in doc.lines] == [squash(p) for p in lines]


def test_line_break_inside_chinese_text_disappears(tmp_path):
    page = "<html><head><meta charset='utf-8'></head><body><p>法治政府\n  建设年度报告，共计 12 项\n任务。</p></body></html>"
    doc = read_document(write_page(tmp_path, "wrap.html", page))
    assert [line.text for line in doc.lines] == ["法治政府建设年度报告，共计 12 项任务。"]


def test_xhtml_with_xml_declaration(tmp_path):
    page = (
        '<?xml version="1.0" encoding="gb2312"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>报告</title></head>\n'
        "<body>\n<p>法治政府建设年度报告的正文。</p>\n</body></html>"
    )
    doc = read_document(write_page(tmp_path, "x.xhtml", page, "gb18030"))
    assert [(line.number, line.text) for line in doc.lines] == [(4, "法治政府建设年度报告的正文。")]


def test_html_saved_as_doc_is_read_by_content(tmp_path):
    page = "<html><head><meta charset='gbk'></head><body><p>法治政府建设年度报告正文。</p></body></html>"
    doc = read_document(write_page(tmp_path, "export.doc", page, "gb18030"))
    assert doc.format == "html" and doc.lines[0].text == "法治政府建设年度报告正文。"


@pytest.mark.parametrize(
    "name,data",
    [
        ("empty.html", b""),
        ("random.html", random.Random(99).randbytes(3000)),
        ("chrome-only.html", gov_page("标题", []).replace("<h1 class=\"title\">标题</h1>", "").encode("utf-8")),
        ("no-chinese.htm", b"<html><body><p>Hello world, nothing Chinese here.</p></body></html>"),
    ],
)
def test_broken_html(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as info:
        read_document(path)
    message = str(info.value)
    assert message.startswith(str(path) + ":") and "\n" not in message


def test_chrome_mixed_into_the_article_container_is_dropped(tmp_path):
    # no wrapper around the article: paragraphs sit in <body> next to the chrome,
    # which is plain text here (not links), so only its tags/classes give it away
    lines = corpus_lines("003_0c51c63ad63e9340.txt")[:8]
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in lines)
    page = f"""<html><head><meta charset="utf-8"><title>于洪区</title></head><body>
<div class="top-bar">网站群导航　无障碍阅读　长者模式</div>
<nav>首页　政务公开　互动交流　办事服务</nav>
<div class="breadcrumb">当前位置：首页 &gt; 法治政府建设</div>
{paragraphs}
<div class="share-box">分享到：微信　微博　QQ空间</div>
<footer>主办单位：某某区人民政府办公室　网站标识码X1234567</footer>
<div id="copyright">版权所有 某某区人民政府</div>
</body></html>"""
    doc = read_document(write_page(tmp_path, "flat.html", page))
    assert [squash(line.text) for line in doc.lines] == [squash(p) for p in lines]


def test_line_numbers_past_65535(tmp_path):
    # libxml2 keeps 16-bit line numbers; the reader finds later blocks in the source
    lines = corpus_lines("004_14774531c7e6819b.txt")[:6]
    filler = "<!-- -->\n" * 70000
    page = "<html><head><meta charset='utf-8'></head><body>\n<p>第一段在开头。</p>\n" + filler
    page += "\n".join(f"<p>{html.escape(p)}</p>" for p in lines) + "\n</body></html>"
    path = write_page(tmp_path, "long.html", page)
    source = page.split("\n")
    doc = read_document(path)
    assert doc.lines[0].number == 2
    assert len(doc.lines) == 1 + len(lines)
    for line in doc.lines:
        assert html.escape(line.text) in source[line.number - 1], line.number
    assert doc.lines[-1].number == 2 + 70000 + len(lines)


def test_font_classes_and_a_hidden_article_container_are_kept(tmp_path):
    lines = corpus_lines("000_8b1a2ce855df5433.txt")[:5]
    # Word-exported spans with classes like "ft14"; the article container hidden
    # until a script shows it; a small hidden element that is really hidden
    paragraphs = "\n".join(f'<p><span class="ft14">{html.escape(p)}</span></p>' for p in lines)
    page = f"""<html><head><meta charset="utf-8"></head><body>
<div class="nav"><a href="/">首页</a></div>
<div id="zoom" style="display: none">
{paragraphs}
<div class="tip" hidden>隐藏的文字</div>
</div>
<script>document.getElementById("zoom").style.display = "block";</script>
</body></html>"""
    doc = read_document(write_page(tmp_path, "hidden.html", page))
    assert [squash(line.text) for line in doc.lines] == [squash(p) for p in lines]


def test_report_tables_with_date_columns_are_kept(tmp_path):
    page = """<html><head><meta charset="utf-8"><title>报告</title></head><body><div id="zoom">
<p>2023年重点工作完成情况如下表。</p>
<table><tr><td>时间</td><td>事项</td></tr>
<tr><td>2023年3月</td><td>召开法治政府建设工作会议</td></tr></table>
<p>发布日期：2024-03-04</p>
</div></body></html>"""
    doc = read_document(write_page(tmp_path, "table-dates.html", page))
    assert [line.text for line in doc.lines] == [
        "2023年重点工作完成情况如下表。",
        "时间 | 事项",
        "2023年3月 | 召开法治政府建设工作会议",
    ]
    assert doc.published.isoformat() == "2024-03-04"
