"""undecodable: bytes of the file that its encoding could not decode.

A stray byte (a copy cut in the middle of a character, a damaged sector) does
not make a whole report unreadable: the reader replaces it by “�” and keeps
where it did so on the Document (``Document.replaced``: line, places); this
rule only tells the author which lines to look at.  One finding per such line
(at most ``max_lines``).  In the examples, “�” stands for one byte that
cannot be decoded (the tests write it as the byte 0xFF and read the file).

Message placeholders: ``{count}`` (places on the line), ``{encoding}``.

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

from dataclasses import dataclass, replace

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
