"""unaddressed: 上年度报告所列的不足，本年度报告没有提到整改或改进。

只在给出上一年度报告（``--previous``）时检查。两份报告都切成条目（一是……二是……、1. 2.、（一）（二）；
没有编号时按段、按句）。上年度“存在的不足”的每一条，在本年度报告所说的所做工作（不足、原因和安排以外的每一条）
中查找：按关键词覆盖（``min_keywords``：这一条的 jieba 关键词按稀有程度加权后，在同一段中出现的比例），
或按要点的模糊匹配（``min_fuzzy``）。两种都找不到的一条即为一条发现，放在范围所指部分（上年度问题整改情况）的开头。

提示语占位符：``{item}``、``{previous}``（上年度报告文件）、``{previous_line}``；``evidence`` 可用 ``{line}``、
``{score}``、``{text}``（找到的最接近的一段）。

Example::

    rule:
      kind: unaddressed
      scope: [rectification]
      message: 上年度所列不足“{item}”，本年度没有写明整改情况
      evidence: 最接近的是{line}（{score}%）：{text}
    previous: |
      青山县2023年法治政府建设年度报告
      二、存在的不足和原因
      一是基层行政执法人员专业化程度不高；二是政务公开标准化规范化程度不够。
      主要原因：培训考核机制还不够健全。
    fail: |
      青山县2024年法治政府建设年度报告
      一、2024年推进法治政府建设的主要举措和成效
      组织行政执法人员全员轮训3期，执法人员专业化程度明显提升。
    pass: |
      青山县2024年法治政府建设年度报告
      一、2024年推进法治政府建设的主要举措和成效
      组织行政执法人员全员轮训3期，执法人员专业化程度明显提升。
      二、上年度问题整改情况
      针对政务公开标准化规范化程度不够问题，编制基层政务公开事项目录。
"""

from __future__ import annotations

from typing import Optional

from ..crossyear import CarriedConfig, not_carried, quoted, snippet
from ..dccache import dataclass
from ..schema import param

KIND = "unaddressed"
NEEDS_PREVIOUS = True


@dataclass(frozen=True)
class Config(CarriedConfig):
    evidence: Optional[str] = param(None, "证据的写法，可用 {line}、{score}、{text}（本年度最接近的一段）")


def closest_evidence(a, rule, match) -> Optional[str]:
    from ..crossyear import thresholds

    unit, score = match.closest(*thresholds(rule.config))
    if unit is None:
        return None
    return a.fill(rule.config.evidence, line=a.where(unit.line), score=f"{score:.0f}", text=snippet(unit.text))


def check(a, rule):
    last = a.previous.year_view
    if not last.shortcomings:
        return
    where = a.part_start(rule.part)
    for item, match in not_carried(a.year_view.done, last.shortcomings, rule.config):
        values = {"item": quoted(item.gist), "previous": last.name, "previous_line": a.previous.where(item.line)}
        yield rule.finding(a, where, values, evidence=closest_evidence(a, rule, match))

