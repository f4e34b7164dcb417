"""deadline: 报告按期公开。

公开日期从文件中读出（网页的发布日期 / 发布时间栏、标题下的日期行、文档的属性），或由 ``--published``
给出；不能晚于报告年度次年的期限（《法治政府建设与责任落实督察工作规定》第二十四条：4 月 1 日之前）。

提示语占位符：``{published}``（ISO 日期）、``{deadline}``。

Example::

    rule:
      kind: deadline
      deadline_month: 4
      deadline_day: 1
      message: 报告于 {published} 公开，晚于 {deadline}
    fail: |
      青山县2023年法治政府建设年度报告
      2024年06月15日
      一、2023年推进法治政府建设的主要举措和成效
      全面落实行政执法三项制度，审核规范性文件36件。
    pass: |
      青山县2023年法治政府建设年度报告
      2024年03月15日
      一、2023年推进法治政府建设的主要举措和成效
      全面落实行政执法三项制度，审核规范性文件36件。
"""

from __future__ import annotations

from datetime import date

from ..dccache import dataclass
from ..schema import param

KIND = "deadline"


@dataclass(frozen=True)
class Config:
    deadline_month: int = param(4, "公开期限：报告年度次年的几月")
    deadline_day: int = param(1, "公开期限：那个月的几日（公开日期晚于这一天即报告）")


def check(a, rule):
    if a.year is None or a.published is None:
        return
    month, day = rule.config.deadline_month, rule.config.deadline_day
    deadline = date(a.year + 1, month, day)
    if a.published > deadline:
        yield rule.finding(
            a,
            a.published_line,
            {"published": a.published.isoformat(), "deadline": f"{deadline.year}年{month}月{day}日"},
            evidence=a.published_line.text if a.published_line is not None else None,
        )
