"""forbid: words or patterns that must not appear in a scope.

Each hit is a finding at its line (with its column in the file), the hit and
a few characters around it as evidence.  ``phrases`` are plain text,
``patterns`` safe regular expressions, and ``swap`` a phrasebook of wrong →
right forms, each entry naming its source; ``replace`` is a suggestion for
every hit of ``phrases`` / ``patterns``.  With ``skip_book_titles`` a hit
inside 《…》 (the title of a document, which really is written so) is left
alone; with ``once_per_line`` a line gives one finding whatever it holds.
The text is the normalized one: half-width punctuation, simplified
characters.

Message and fix placeholders: ``{text}`` (the hit), ``{replace}``,
``{source}``.

Example::

    rule:
      kind: forbid
      scope: document
      phrases: [法治政府建设实施纲要(2015—2020年)]
      years: {from: 2021}
      message: 引用了已到期的《法治政府建设实施纲要（2015—2020年）》
    fail: |
      青山县2023年法治政府建设年度报告
      2023年，我县对照《法治政府建设实施纲要（2015—2020年）》查漏补缺。
    pass: |
      青山县2023年法治政府建设年度报告
      2023年，我县对照《法治政府建设实施纲要（2021—2025年）》查漏补缺。
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..schema import Phrases, Regexes, items, param

KIND = "forbid"
SCOPE = ("document",)
CONTEXT = 10  # characters of evidence on each side of a hit
_BOOK_TITLE = re.compile(r"《[^》\n]{0,80}》")


@dataclass(frozen=True)
class Swap:
    replace: Optional[str] = param(None, "正确的写法")
    source: Optional[str] = param(None, "依据：规定这一写法的文件和日期")


@dataclass(frozen=True)
class Config:
    phrases: Phrases = param((), "不能出现的文字（原样匹配）")
    patterns: Regexes = param((), "不能出现的写法（正则表达式）")
    swap: dict[str, Swap] = items("错误写法: {replace: 正确写法, source: 依据}")
    replace: Optional[str] = param(None, "phrases / patterns 的修改建议（{replace}）")
    skip_book_titles: bool = param(False, "书名号《》里的文字不算（文件标题照原样引用）")
    once_per_line: bool = param(False, "一行只报告一处")


def _compiled(config: Config) -> list[tuple[re.Pattern, Optional[str], Optional[str]]]:
    """(pattern, replacement, source) for every phrase, pattern and swap entry."""
    out = [(re.compile(re.escape(p)), config.replace, None) for p in config.phrases if p]
    out += [(re.compile(p), config.replace, None) for p in config.patterns]
    out += [(re.compile(re.escape(wrong)), s.replace, s.source) for wrong, s in config.swap.items() if wrong]
    return out


def hits(text: str, config: Config) -> list[tuple[int, int, Optional[str], Optional[str]]]:
    """(start, end, replacement, source) of every hit in a text, in order; overlapping hits keep the first."""
    blocked = [m.span() for m in _BOOK_TITLE.finditer(text)] if config.skip_book_titles else []
    found = []
    for rx, replace, source in _compiled(config):
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            if any(a <= m.start() and m.end() <= b for a, b in blocked):
                continue
            found.append((m.start(), m.end(), replace, source))
    found.sort(key=lambda h: (h[0], -h[1]))
    kept, last_end = [], -1
    for h in found:
        if h[0] >= last_end:
            kept.append(h)
            last_end = h[1]
    return kept


def check(a, rule):
    for ln in a.scope_lines(rule.scope):
        seen: dict[str, int] = {}
        for start, end, replace, source in hits(ln.text, rule.config):
            text = ln.text[start:end]
            occurrence = seen.get(text, 0)
            seen[text] = occurrence + 1
            yield rule.finding(
                a,
                ln,
                {"text": text, "replace": replace or "", "source": source or ""},
                evidence=ln.text[max(0, start - CONTEXT) : end + CONTEXT],
                column=a.column(ln, text, occurrence),
            )
            if rule.config.once_per_line:
                break
