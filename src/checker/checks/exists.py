"""exists: the report has what the scope names.

Fires once when nothing of the scope is in the report: no title (``title``),
no 落款 — a short line ending with the date among the last lines —
(``signature``), no opening paragraph (``opening``), or a part that is
missing.  The finding sits where the missing thing belongs: the first line
for a title or an opening, the last line for a signature.

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

from dataclasses import dataclass

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
