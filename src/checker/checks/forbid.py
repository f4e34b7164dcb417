"""forbid: 范围内不能出现的文字或写法。

每一处都是一条发现，写明所在的行（和在文件中的列），以这处文字和前后几个字为证据。``phrases`` 是原样匹配的文字，
``patterns`` 是安全的正则表达式，``swap`` 是“错误写法 → 正确写法”的对照表，每项写明依据；``replace`` 是
``phrases`` / ``patterns`` 每一处的修改建议。设了 ``skip_book_titles`` 时，书名号《》里的文字（文件标题照原样引用）
不算；设了 ``once_per_line`` 时，一行只报告一处。比较的是规范化后的文字：半角标点、简体字。

``swap`` 的一项按名称查找，有 ``pattern`` 时按这个正则查找（名称只是标签）；只对 ``years`` 内年度的报告适用
（报告年度还没有、或已不再用的名称）；一处所在的分句（两个，。；！？之间的文字）中有它的 ``unless`` 中的词时不算
（如下一年度安排中的“迎接党的二十大”）；设了 ``in_titles`` 时书名号里也查（文件标题本身写错）；它的 ``fix``
代替规则的修改建议。

提示语和修改建议的占位符：``{text}``（这一处文字）、``{replace}``、``{source}``、``{entry}``（swap 的条目名称）。

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
from dataclasses import replace as with_span
from typing import Optional

from .. import rxcache
from ..dccache import dataclass
from ..required import contains_any, required
from ..schema import Phrases, Regex, Regexes, Years, in_years, items, param
from ..textkit import without_overlaps

KIND = "forbid"
SCOPE = ("document",)
CONTEXT = 10  # characters of evidence on each side of a hit
_BOOK_TITLE = rxcache.compile(r"《[^》\n]{0,80}》")
#: where a clause ends: what an entry's ``unless`` phrases are looked for in
CLAUSE_END = ",，。;；!！?？"


@dataclass(frozen=True)
class Swap:
    replace: Optional[str] = param(None, "正确的写法")
    source: Optional[str] = param(None, "依据：规定这一写法的文件和日期")
    pattern: Optional[Regex] = param(None, "用正则表达式查找（条目名称只作标签）")
    years: Optional[Years] = param(None, "只对这些年度的报告适用：{from: 2021, until: 2025}")
    unless: Phrases = param((), "所在分句中有这些词时不算（如“迎接”）")
    in_titles: bool = param(False, "书名号《》里也查（文件标题本身写错了，skip_book_titles 对这一条不起作用）")
    fix: Optional[str] = param(None, "这一条的修改建议（代替规则的 fix）")


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    replace: Optional[str] = None
    source: Optional[str] = None
    entry: Optional[str] = None  # the swap entry's name
    fix: Optional[str] = None


@dataclass(frozen=True)
class Config:
    phrases: Phrases = param((), "不能出现的文字（原样匹配）")
    patterns: Regexes = param((), "不能出现的写法（正则表达式）")
    swap: dict[str, Swap] = items("错误写法: {replace: 正确写法, source: 依据}")
    replace: Optional[str] = param(None, "phrases / patterns 的修改建议（{replace}）")
    skip_book_titles: bool = param(False, "书名号《》里的文字不算（文件标题照原样引用）")
    once_per_line: bool = param(False, "一行只报告一处")


#: (config, year) -> (config, entries, their needs, one pattern for the needs of them all or None);
#: keyed by the config's identity (a rulebook's rules live as long as the run), the config kept so
#: that the id stays its own
_CACHE: dict[tuple[int, Optional[int]], tuple] = {}


def _compiled(config: Config, year: Optional[int]) -> list[tuple[re.Pattern, Hit, tuple[str, ...], bool]]:
    """(pattern, what a hit of it is, unless phrases, looked for inside 《》) for every phrase,
    pattern and swap entry that applies to a report on ``year``."""
    return _prepared(config, year)[0]


def _prepared(config: Config, year: Optional[int]) -> tuple[list, list, Optional[re.Pattern]]:
    """The entries of :func:`_compiled`; for each, strings one of which a text must contain to hold
    a hit of it (None: not known, see :mod:`checker.required`); and one pattern that finds any of
    them all (None when an entry has none): a line it does not match has no hit."""
    key = (id(config), year)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is config:
        return cached[1], cached[2], cached[3]
    plain = Hit(0, 0, config.replace)
    out = [(rxcache.compile(re.escape(p)), plain, (), False) for p in config.phrases if p]
    out += [(rxcache.compile(p), plain, (), False) for p in config.patterns]
    for name, s in config.swap.items():
        if not name or not in_years(s.years, year):
            continue
        rx = rxcache.compile(s.pattern) if s.pattern else rxcache.compile(re.escape(name))
        out.append((rx, Hit(0, 0, s.replace, s.source, name, s.fix), s.unless, s.in_titles))
    needs = [required(rx.pattern) if not rx.flags & re.IGNORECASE else None for rx, *_ in out]
    anyone = None
    if needs and all(needs):
        strings = sorted(set().union(*needs), key=lambda t: (-len(t), t))
        anyone = rxcache.compile("|".join(map(re.escape, strings)))
    if len(_CACHE) > 256:  # many rulebooks in one process (tests): start over
        _CACHE.clear()
    _CACHE[key] = (config, out, needs, anyone)
    return out, needs, anyone


def clause(text: str, start: int, end: int) -> str:
    """The clause of ``text`` around [start, end): from the punctuation before it to the one after."""
    a = max(text.rfind(c, 0, start) for c in CLAUSE_END) + 1
    ends = [i for i in (text.find(c, end) for c in CLAUSE_END) if i >= 0]
    return text[a : min(ends) if ends else len(text)]


def hits(text: str, config: Config, year: Optional[int] = None) -> list[Hit]:
    """Every hit in a text, in order (entries with ``years`` only for a report on such a year);
    overlapping hits keep the first."""
    entries, needs, anyone = _prepared(config, year)
    if not entries or (anyone is not None and anyone.search(text) is None):
        return []
    blocked = [m.span() for m in _BOOK_TITLE.finditer(text)] if config.skip_book_titles else []
    found: list[Hit] = []
    for (rx, what, unless, in_titles), strings in zip(entries, needs):
        if strings is not None and not contains_any(text, strings):
            continue
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            if not in_titles and any(a <= m.start() and m.end() <= b for a, b in blocked):
                continue
            if unless and any(u in clause(text, m.start(), m.end()) for u in unless):
                continue
            found.append(with_span(what, start=m.start(), end=m.end()))
    return without_overlaps(found)


def check(a, rule):
    for ln in a.scope_lines(rule.scope):
        seen: dict[str, int] = {}
        for h in hits(ln.text, rule.config, a.year):
            text = ln.text[h.start : h.end]
            occurrence = seen.get(text, 0)
            seen[text] = occurrence + 1
            yield rule.finding(
                a,
                ln,
                {"text": text, "replace": h.replace or "", "source": h.source or "", "entry": h.entry or text},
                evidence=ln.text[max(0, h.start - CONTEXT) : h.end + CONTEXT],
                column=a.column(ln, text, occurrence),
                fix=h.fix,
            )
            if rule.config.once_per_line:
                break
