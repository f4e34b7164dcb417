"""chrome: 从网页复制时带进报告的网页栏目文字。

规范化时认出的网页栏目行（索引号、发布机构、字号 大 中 小、打印、关闭、“当前位置”导航、
页脚……），其他规则都已忽略它们；这条规则只告诉作者。全文一条发现，在第一行栏目文字处。

提示语占位符：``{count}``（行数）、``{example}``。

Example::

    rule:
      kind: chrome
      message: 混入了 {count} 行网页栏目文字，如“{example}”
    fail: |
      索引号: 11370305K21216551K/2024-5438779
      青山县2023年法治政府建设年度报告
      • 打印
    pass: |
      青山县2023年法治政府建设年度报告
      2023年，青山县深入推进法治政府建设。
"""

from __future__ import annotations

from ..dccache import dataclass


KIND = "chrome"


@dataclass(frozen=True)
class Config:
    pass


def check(a, rule):
    chrome = [ln for ln in a.nd.lines if ln.chrome]
    if not chrome:
        return
    yield rule.finding(a, chrome[0], {"count": len(chrome), "example": chrome[0].text[:30]}, evidence=chrome[0].raw[:60])
