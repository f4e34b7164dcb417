"""density: 范围内每千字有足够的数据（或其他计数对象）。

统计范围正文中 ``pattern`` 的匹配数（默认：不是年份、月、日和编号的数字，如 36件、98.6%）；
每 1000 个汉字不足 ``min_per_1000`` 个即为一条发现。少于 ``min_chars`` 个汉字的不检查
（内容单薄由别的规则负责）。

提示语占位符：``{chars}``、``{count}``、``{rate}``、``{minimum}``。

Example::

    rule:
      kind: density
      scope: [measures]
      min_per_1000: 3
      min_chars: 50
      message: “主要举措和成效”{chars} 字中只有 {count} 个数据
    fail: |
      一、主要举措和成效
      我县坚持以习近平法治思想为指导，全面推进依法行政，不断深化放管服改革，持续优化营商环境，政务服务水平不断提升，严格规范公正文明执法，法治政府建设取得明显成效。
    pass: |
      一、主要举措和成效
      我县深化放管服改革，全年取消调整行政许可事项12项，政务服务事项网上可办率达到98.6%。审核规范性文件36件，组织行政执法人员培训4期共820人次。
"""

from __future__ import annotations

import re

from ..dccache import dataclass
from ..schema import Regex, param
from ..textkit import FIGURE, cjk_len

KIND = "density"


@dataclass(frozen=True)
class Config:
    pattern: Regex = param(FIGURE, "计数的对象（正则表达式；默认：不含年份、月、日和编号的数字）")
    min_per_1000: float = param(3, "每 1000 个汉字至少有几个")
    min_chars: int = param(0, "少于这么多汉字时不检查")


def check(a, rule):
    if not a.scope_present(rule.scope):
        return
    text = a.scope_text(rule.scope)
    chars = cjk_len(text)
    if chars < max(rule.config.min_chars, 1):
        return
    count = sum(1 for _ in re.finditer(rule.config.pattern, text))
    minimum = float(rule.config.min_per_1000)
    rate = 1000 * count / chars
    if rate < minimum:
        line, evidence = a.anchor(rule.scope)
        values = {"chars": chars, "count": count, "rate": f"{rate:.1f}", "minimum": f"{minimum:g}"}
        yield rule.finding(a, line, values, evidence=evidence)


def probes(rule, rulebook):
    from ..liveness import Probe

    yield Probe("pattern", (rule.config.pattern,), "regex")
