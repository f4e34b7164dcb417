"""exists: 报告中有范围所指的内容。

范围在报告中完全没有时报告一次：没有标题（``title``）、没有落款（``signature``：最后几行中以日期结尾的短行）、
没有开头段（``opening``），或缺少某个部分。发现放在缺少的内容应在的位置：标题、开头段在第一行，落款在最后一行。

Example::

    rule:
      kind: exists
      scope: signature
      message: 报告末尾没有落款
    fail: |
      青山县2023年法治政府建设年度报告
      四、2024年推进法治政府建设的主要安排
      一是深化行政执法改革；二是加强执法监督。
    pass: |
      青山县2023年法治政府建设年度报告
      四、2024年推进法治政府建设的主要安排
      一是深化行政执法改革；二是加强执法监督。
      青山县人民政府
      2024年2月28日
"""

from __future__ import annotations

from ..dccache import dataclass


KIND = "exists"
#: a rule of this kind fires exactly when its scope is absent: an absent scope is no sign of a dead rule
PROBE_SCOPE = False


@dataclass(frozen=True)
class Config:
    pass


def check(a, rule):
    if a.scope_present(rule.scope):
        return
    first = rule.scope[0] if rule.scope else "document"
    if first == "signature":
        tail = a.signature_tail
        if not tail:
            return
        yield rule.finding(a, tail[-1], evidence=tail[-1].text[-40:])
    elif first in ("title", "opening", "document"):
        line = a.body[0] if a.body else None
        yield rule.finding(a, line, evidence=line.text[:40] if line is not None else None)
    else:
        yield rule.finding(a, None)
