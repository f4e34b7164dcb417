"""``--format xlsx``: the reviewer's workbook (XlsxWriter).

Three sheets — 汇总 (one row per file, unreadable ones included with why),
问题 (one row per finding) and 规则 (the rules used) — each with a frozen
header row, an autofilter, column widths that fit Chinese text, long texts
wrapped, printing on A4 landscape one page wide, and colours: the verdict (通过 green, 未通过 red, 无法读取 grey),
part status (缺 red, 弱 amber) and severity.  Returns the .xlsx bytes; it is
a binary file, so the CLI writes it only to a file (``-o``) or a pipe.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Iterable

from ..model import ReportResult
from . import table

#: the widest a column gets (Excel character units); longer texts wrap
MAX_WIDTH = 60
MIN_WIDTH = 6
#: columns whose texts wrap (by header)
WRAPPED = {"原因", "问题", "原文", "规范化后", "建议", "说明", "依据", "标题", "发现的问题（规则）", "所在标题"}
#: a fixed creation time, so that the same results give the same workbook
CREATED = datetime(2000, 1, 1)

COLOURS = {
    "通过": ("#067647", "#dcfae6"),
    "未通过": ("#b42318", "#fee4e2"),
    "无法读取": ("#475467", "#eaecf0"),
    "已跳过": ("#475467", "#f2f4f7"),
    "缺": ("#b42318", "#fee4e2"),
    "弱": ("#93370d", "#fef0c7"),
    "错误": ("#b42318", "#fee4e2"),
    "警告": ("#93370d", "#fef0c7"),
    "提示": ("#175cd3", "#d1e9ff"),
}


def _sheet(wb, name: str, head: list[str], rows: list[list], formats: dict, coloured: set[str]) -> None:
    ws = wb.add_worksheet(name)
    ws.write_row(0, 0, head, formats["head"])
    for i, row in enumerate(rows, 1):
        for j, value in enumerate(row):
            if value is None:
                ws.write_blank(i, j, None, formats["wrap"] if head[j] in WRAPPED else None)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(i, j, value, formats["score"] if head[j] == "得分" else None)
            else:
                ws.write_string(i, j, str(value), formats["wrap"] if head[j] in WRAPPED else None)
    # rows as tall as their wrapped texts (Excel and LibreOffice keep the height written)
    widths = [max(MIN_WIDTH, min(MAX_WIDTH, max([table.text_width(t) + 3] + [table.text_width(r[j]) for r in rows]) + 1)) for j, t in enumerate(head)]
    for i, row in enumerate(rows, 1):
        lines = max([1] + [-(-table.text_width(v) // max(int(widths[j]) - 1, 1)) for j, v in enumerate(row) if head[j] in WRAPPED])
        if lines > 1:
            ws.set_row(i, 15 * min(lines, 12))
    ws.freeze_panes(1, 0)
    # printed: A4 landscape, one page wide, the header on every page
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    last_row = max(len(rows), 1)
    ws.autofilter(0, 0, last_row, len(head) - 1)
    for j, title in enumerate(head):
        widest = max([table.text_width(title) + 3] + [table.text_width(row[j]) for row in rows])
        ws.set_column(j, j, max(MIN_WIDTH, min(MAX_WIDTH, widest + 1)))
        if title in coloured and rows:
            for text, fmt in formats["colours"].items():
                ws.conditional_format(1, j, len(rows), j, {"type": "cell", "criteria": "==", "value": f'"{text}"', "format": fmt})


def render(results: Iterable[ReportResult], rulebook=None) -> bytes:
    import xlsxwriter

    results = list(results)
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": "法治政府建设年度报告检查结果", "author": "checker", "created": CREATED})
    formats = {
        "head": wb.add_format({"bold": True, "bg_color": "#f2f4f7", "border": 1, "text_wrap": True, "valign": "top"}),
        "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
        "score": wb.add_format({"num_format": "0.0"}),
        "colours": {text: wb.add_format({"font_color": fg, "bg_color": bg, "bold": text in ("未通过", "无法读取", "缺", "错误")}) for text, (fg, bg) in COLOURS.items()},
    }
    head, rows = table.summary(results, rulebook)
    parts = {name for _, name in table.part_columns(results)}
    _sheet(wb, "汇总", head, rows, formats, {"结果"} | parts)
    head, rows = table.findings(results)
    _sheet(wb, "问题", head, rows, formats, {"严重程度"})
    head, rows = table.rules(results, rulebook)
    _sheet(wb, "规则", head, rows, formats, {"严重程度"})
    wb.close()
    return out.getvalue()
