"""garbage: 格式转换留下的乱码。

字后粘上的拼音注音（``建設(shè)``）和重复的标点（``,,`` ``,。``），在文件原来的文字中查找
（其他规则用的文字已经在规范化时去掉了这些）。全文一条发现，在第一处所在的行。

提示语占位符：``{count}``、``{lines}``、``{example}``。

Example::

    rule:
      kind: garbage
      message: 有 {count} 处格式转换残留，如“{example}”
    fail: |
      青山县2023年法治政府建设年度报告
      2023年,,青山县深入推进法治政府建設(shè)。
    pass: |
      青山县2023年法治政府建设年度报告
      2023年，青山县深入推进法治政府建设。
"""

from __future__ import annotations


from ..dccache import dataclass
from ..normalize import converter_garbage

KIND = "garbage"


@dataclass(frozen=True)
class Config:
    pass


def check(a, rule):
    hits = [(ln, converter_garbage(ln.raw)) for ln in a.outline.body]
    hits = [(ln, found) for ln, found in hits if found]
    if not hits:
        return
    first, found = hits[0]
    total = sum(len(f) for _, f in hits)
    values = {"count": total, "lines": len(hits), "example": "”“".join(dict.fromkeys(found[:3]))}
    yield rule.finding(a, first, values, evidence=first.raw[:60])
