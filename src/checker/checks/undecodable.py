"""undecodable: 文件中按其编码无法解码的字节。

个别坏字节（复制时截断了一个字、磁盘损坏）不会让整份报告无法读取：读取时把它换成“�”，并在 Document 上记下位置
（``Document.replaced``：行、处数）；这条规则只告诉作者该看哪几行。每行一条发现（最多 ``max_lines`` 行）。
例子中的“�”代表一个无法解码的字节（测试时写成字节 0xFF 再读取文件）。

提示语占位符：``{count}``（这一行的处数）、``{encoding}``。

Example::

    rule:
      kind: undecodable
      message: 这一行有 {count} 处字节无法按 {encoding} 解码
    fail: |
      青山县2023年法治政府建设年度报告
      一是建立健全依法决策机制，进一步提高决策�水平。
    pass: |
      青山县2023年法治政府建设年度报告
      一是建立健全依法决策机制，进一步提高决策水平。
"""

from __future__ import annotations

from dataclasses import replace

from ..dccache import dataclass
from ..schema import param

KIND = "undecodable"


@dataclass(frozen=True)
class Config:
    max_lines: int = param(10, "最多逐行报告几行")


def check(a, rule):
    doc = a.nd.doc
    if not doc.replaced:
        return
    by_number = {ln.number: ln for ln in a.nd.lines}
    encoding = (doc.encoding or "").upper() or "文件的编码"
    for number, places in doc.replaced[: rule.config.max_lines]:
        line = by_number.get(number)
        finding = rule.finding(a, line, {"count": places, "encoding": encoding}, evidence=line.raw[:40] if line is not None else None)
        yield finding if line is not None else replace(finding, line=number)
