"""require: 范围内必须写到的文字。

范围中 ``any`` 的词和 ``patterns``（安全的正则表达式）合计至少出现 ``min`` 个不同的，且 ``all`` 的词都要出现；
做不到时一条发现，在范围的第一行（部分的标题、报告标题）。范围在报告中根本没有（缺少的部分、没有标题）的，
由查缺失的规则负责。

提示语占位符：``{missing}``（没有写到的）、``{found}``、``{count}``、``{min}``、``{title}``。

Example::

    rule:
      kind: require
      scope: [measures]
      any: [行政复议]
      message: “主要举措和成效”没有写行政复议工作
    fail: |
      一、2023年推进法治政府建设的主要举措和成效
      全面落实行政执法三项制度，审核规范性文件36件。
    pass: |
      一、2023年推进法治政府建设的主要举措和成效
      全面落实行政执法三项制度，审核规范性文件36件，办理行政复议案件58件。
"""

from __future__ import annotations

import re

from ..dccache import dataclass
from ..schema import Phrases, Regexes, param

KIND = "require"
SCOPE = ("document",)


@dataclass(frozen=True)
class Config:
    any: Phrases = param((), "其中至少 min 个须出现")
    all: Phrases = param((), "每一个都须出现")
    patterns: Regexes = param((), "与 any 一起计数的正则表达式")
    min: int = param(1, "any 和 patterns 中至少出现几个")


def check(a, rule):
    if not a.scope_present(rule.scope):
        return
    conf = rule.config
    text = a.scope_text(rule.scope)
    found = [p for p in conf.any if p and p in text] + [p for p in conf.patterns if re.search(p, text)]
    missing_all = [p for p in conf.all if p not in text]
    some_wanted = bool(conf.any or conf.patterns)
    if (not some_wanted or len(found) >= conf.min) and not missing_all:
        return
    missing = missing_all or [p for p in (*conf.any, *conf.patterns) if p not in found]
    line, evidence = a.anchor(rule.scope)
    values = {"missing": "、".join(missing), "found": "、".join(found), "count": len(found), "min": conf.min, "title": a.title or ""}
    yield rule.finding(a, line, values, evidence=evidence)


def probes(rule, rulebook):
    """Phrases and patterns that nothing in the samples holds: the rule would fire on every report."""
    from ..liveness import Probe

    texts = "title" if rule.scope == ("title",) else "lines"
    yield Probe("any", rule.config.any, "phrase", texts)
    yield Probe("all", rule.config.all, "phrase", texts)
    yield Probe("patterns", rule.config.patterns, "regex", texts)
