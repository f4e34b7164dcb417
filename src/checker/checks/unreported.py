"""unreported: 上年度报告安排的工作，本年度报告没有提到落实情况。

只在给出上一年度报告（``--previous``）时检查。上年度下一年度安排（``year_offset: 1`` 的部分）的每一条，
像 ``unaddressed`` 查找不足那样，在本年度报告所说的所做工作中查找；哪里都找不到的一条即为一条发现，
放在范围所指部分（主要举措和成效）的开头。

提示语占位符：``{item}``、``{previous}``、``{previous_line}``。

Example::

    rule:
      kind: unreported
      scope: [measures]
      message: 上年度安排的“{item}”，本年度没有提到落实情况
    previous: |
      青山县2023年法治政府建设年度报告
      四、2024年推进法治政府建设的主要安排
      一是开展行政执法人员全员轮训，组织执法人员参加60学时专业法律知识培训；二是推进基层政务公开标准化规范化建设，编制政务公开事项目录。
    fail: |
      青山县2024年法治政府建设年度报告
      一、2024年推进法治政府建设的主要举措和成效
      开展行政执法人员全员轮训，执法人员全部完成60学时专业法律知识培训。
    pass: |
      青山县2024年法治政府建设年度报告
      一、2024年推进法治政府建设的主要举措和成效
      开展行政执法人员全员轮训，执法人员全部完成60学时专业法律知识培训。推进基层政务公开标准化规范化建设，编制政务公开事项目录12类。
"""

from __future__ import annotations


from ..crossyear import CarriedConfig, not_carried, quoted, snippet
from ..dccache import dataclass

KIND = "unreported"
NEEDS_PREVIOUS = True


@dataclass(frozen=True)
class Config(CarriedConfig):
    pass


def check(a, rule):
    last = a.previous.year_view
    if not last.plan:
        return
    where = a.part_start(rule.part)
    for item, _match in not_carried(a.year_view.done, last.plan, rule.config):
        values = {"item": quoted(item.gist), "previous": last.name, "previous_line": a.previous.where(item.line)}
        yield rule.finding(a, where, values, evidence=snippet(item.text))
