"""doctype: 文件不是年度报告，而是政策解读、实施方案、新闻报道……

文件像什么，由 :mod:`checker.doctype` 从标题、开头、各级标题和用词判断；各类文件及其特征是数据
（``rules/vocabulary/doctypes.yaml``）。真正的年度报告（包括标题中没有“报告”或“年度”的）不会有这种发现。
一条发现，在显示出文件类型的那一行。

提示语占位符：``{kind}``（政策解读……）、``{reason}``（标题含有“解读”……）。

Example::

    rule:
      kind: doctype
      severity: error
      message: 这份文件看来是{kind}，不是法治政府建设年度报告（{reason}）
    fail: |
      青山县2024年法治政府建设工作要点
      一、总体要求
      二、重点任务
    pass: |
      青山县2023年法治政府建设年度报告
      一、2023年推进法治政府建设的主要举措和成效
      全面落实行政执法三项制度，审核规范性文件36件。
"""

from __future__ import annotations


from ..dccache import dataclass
from ..doctype import classify
from ..schema import Phrases, param

KIND = "doctype"


@dataclass(frozen=True)
class Config:
    ignore_kinds: Phrases = param((), "不报告的文件种类（doctypes.yaml 中的 id，如 notice）")


def check(a, rule):
    found = classify(a.outline, dict(a.parts))
    if found is None or found.id in rule.config.ignore_kinds:
        return
    yield rule.finding(a, found.line, {"kind": found.name, "reason": found.reason}, evidence=found.evidence)
