"""year: 部分或标题中写的年份正是应有的年份。

* 范围是有 ``year_offset`` 的部分（下一年度安排：1）：它标题中的年份——标题中没有时，是第一句开头的年份
  （“2024年，我县将……”）——应为报告年度加上 offset，其他年份各是一条发现；
* 范围是 ``title``：标题的年份应为正文所报告的年度（开头一句、“主要举措和成效”的标题、安排的标题减一）。

提示语占位符：``{found}``（写的年份）、``{expected}``；标题另有 ``{title_year}`` 和 ``{body_year}``。

Example::

    rule:
      kind: year
      scope: [next_year_plan]
      message: 下一年度安排写的是 {found} 年，应为 {expected} 年
    fail: |
      青山县2023年法治政府建设年度报告
      四、2023年推进法治政府建设的主要安排
      一是制定领导干部学法清单；二是开展行政执法案卷评查。
    pass: |
      青山县2023年法治政府建设年度报告
      四、2024年推进法治政府建设的主要安排
      一是制定领导干部学法清单；二是开展行政执法案卷评查。
"""

from __future__ import annotations

import re

from ..dccache import dataclass
from ..metadata import body_year, years_in

KIND = "year"
_OPENING_YEAR = re.compile(r"^(20\d{2})\s*年")


@dataclass(frozen=True)
class Config:
    pass


def check(a, rule):
    for name in rule.scope:
        if name == "title":
            yield from _title(a, rule)
        elif name in a.parts:
            yield from _part(a, rule, name)


def _title(a, rule):
    title = a.title
    found = years_in(title) if title else []
    if not found:
        return
    in_body = body_year(a.outline, a.parts)
    if in_body is not None and in_body != found[0]:
        values = {"found": found[0], "expected": in_body, "title_year": found[0], "body_year": in_body}
        yield rule.finding(a, a.title_line, values, evidence=title[:80])


def _part(a, rule, pid):
    m = a.parts[pid]
    offset = m.part.year_offset or 0
    if a.year is None or m.status == "missing":
        return
    expected = a.year + offset
    where, found = None, []
    if m.heading is not None:
        found = years_in(m.heading.text)
        where = m.line
        if not found:
            lines = a.outline.section_lines(m.heading)
            opening = m.heading.inline_body or (lines[0].text if lines else "")
            first = _OPENING_YEAR.match(opening)
            if first:
                found = [int(first.group(1))]
                where = m.line if m.heading.inline_body else lines[0]
    for year in dict.fromkeys(found):
        if year != expected:
            yield rule.finding(
                a,
                where,
                {"found": year, "expected": expected},
                part=pid,
                evidence=where.text[:80] if where is not None else None,
            )
