"""traditional: traditional characters in a simplified report.

Normalization converts the text to simplified characters for every other
rule (OpenCC); this rule tells the author which lines had traditional ones.
Each such line is a finding (at most ``max_lines``), naming the characters;
when they are on ``whole_text_share`` or more of the lines, the report was
written in traditional characters and gets one info finding
(``whole_text_message``) instead.

Message placeholders: ``{chars}``, ``{count}`` (lines, for the whole text).

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

from dataclasses import dataclass
from typing import Optional

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
