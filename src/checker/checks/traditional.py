"""traditional: 简体报告中混有繁体字。

规范化时已为其他规则把正文转成简体（OpenCC）；这条规则告诉作者哪些行有繁体字。每行一条发现（最多
``max_lines`` 行），写明是哪些字；含繁体字的行达到全文的 ``whole_text_share`` 时，报告是用繁体写的，
只给一条提示（``whole_text_message``）。

提示语占位符：``{chars}``、``{count}``（整篇繁体时为行数）。

Example::

    rule:
      kind: traditional
      message: 混有繁体字“{chars}”
    fail: |
      青山县2023年法治政府建设年度报告
      一是建立健全依法決策机制，进一步提高决策水平。
      二是深化行政执法体制改革，严格规范公正文明执法。
      三是进一步加强诚信政府建设，增强全社会法治意识。
    pass: |
      青山县2023年法治政府建设年度报告
      一是建立健全依法决策机制，进一步提高决策水平。
      二是深化行政执法体制改革，严格规范公正文明执法。
      三是进一步加强诚信政府建设，增强全社会法治意识。
"""

from __future__ import annotations

from typing import Optional

from ..dccache import dataclass
from ..schema import param

KIND = "traditional"


@dataclass(frozen=True)
class Config:
    whole_text_share: float = param(0.3, "含繁体字的行占全文的比例达到此值时，视为整篇繁体（只报告一条提示）")
    whole_text_message: Optional[str] = param(None, "整篇繁体时的提示语，可用 {count}（行数）")
    max_lines: int = param(10, "混排时最多逐行报告几行")


def _around(raw: str, chars: str) -> str:
    pos = min((raw.find(c) for c in chars if c in raw), default=0)
    return raw[max(0, pos - 10) : pos + 10]


def check(a, rule):
    changed = a.nd.traditional_chars
    body = [ln for ln in a.outline.body if ln.text]
    if not changed or not body:
        return
    by_number = {ln.number: ln for ln in body}
    lines = [by_number[n] for n in sorted(changed) if n in by_number]
    if not lines:
        return
    if len(lines) / len(body) >= rule.config.whole_text_share:
        first = lines[0]
        yield rule.finding(
            a,
            first,
            {"count": len(lines), "chars": changed[first.number]},
            message=rule.config.whole_text_message or rule.message,
            evidence=first.raw[:40],
            severity="info",
        )
        return
    for ln in lines[: rule.config.max_lines]:
        chars = changed[ln.number]
        yield rule.finding(a, ln, {"chars": "、".join(chars)}, evidence=_around(ln.raw, chars))
