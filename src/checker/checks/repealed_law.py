"""repealed-law: 引用了在报告年度之前已经废止的法律。

书名号中的每个名称，去掉开头的 ``prefixes``（中华人民共和国）后，在规则集的 ``laws`` 中按名称或 ``aliases``
查找；只认完整的名称，可能指几部法规的简称（《条例》《民法》）不算。报告年度 1 月 1 日或之前已废止的法律，
在那一年中任何时候都不再有效：引用它是一条发现，在所在的行，写明废止它的法律，修改建议是取代它的法律。
紧跟在 ``former`` 中的词之后（原《合同法》）、或所在分句中有 ``unless`` 中的词（……同时废止）的，说的正是它已废止，
不算。报告年度不明的不检查。

提示语和修改建议的占位符：``{law}``（引用的名称）、``{name}``、``{repealed}``（废止日期）、``{by}``（废止它的法律）、
``{replace}``、``{source}``。

Example::

    rule:
      kind: repealed-law
      laws:
        合同法:
          repealed: 2021-01-01
          by: 《中华人民共和国民法典》第一千二百六十条
          replace: 《中华人民共和国民法典》合同编
      message: 《{law}》已于 {repealed} 废止（{by}）
      fix: 改为引用{replace}。
    fail: |
      青山县2023年法治政府建设年度报告
      2023年，我县依据《中华人民共和国合同法》规范政府合同管理。
    pass: |
      青山县2023年法治政府建设年度报告
      2023年，我县依据《中华人民共和国民法典》规范政府合同管理。
"""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

from ..dccache import dataclass
from ..schema import Date, Phrases, items, param
from .forbid import clause

KIND = "repealed-law"
SCOPE = ("document",)
_TITLE = re.compile(r"《([^《》\n]{1,60})》")


@dataclass(frozen=True)
class Law:
    repealed: Date = param(doc="废止（失效）的日期")
    by: Optional[str] = param(None, "废止它的文件和条款")
    replace: Optional[str] = param(None, "取代它的法律（修改建议）")
    source: Optional[str] = param(None, "依据：写明废止日期的文件")
    aliases: Phrases = param((), "这部法律的其他写法（书名号内的全称或简称）")


@dataclass(frozen=True)
class Config:
    laws: dict[str, Law] = items("已废止的法律：名称（不含“中华人民共和国”）: {repealed: 日期, by: 废止它的文件, replace: 取代它的法律, source: 依据}")
    prefixes: Phrases = param(("中华人民共和国",), "查找前从书名号内去掉的开头（如“中华人民共和国”）")
    former: Phrases = param((), "紧挨在书名号前、表明说的是已废止的法律的字（如“原”）")
    unless: Phrases = param((), "所在分句中有这些词时不算（如“废止”）")


def lookup(title: str, config: Config) -> Optional[tuple[str, Law]]:
    """(name, law) of a cited title among the repealed laws, or None."""
    key = title.strip()
    for prefix in config.prefixes:
        if prefix and key.startswith(prefix):
            key = key[len(prefix) :].strip()
            break
    for name, law in config.laws.items():
        if key == name or key in law.aliases or title.strip() in law.aliases:
            return name, law
    return None


def repealed_for(law: Law, year: Optional[int]) -> bool:
    """Whether a law was out of force for the whole of ``year`` (repealed on or before 1 January)."""
    return year is not None and law.repealed <= date(year, 1, 1)


def check(a, rule):
    conf = rule.config
    if a.year is None or not conf.laws:
        return
    for ln in a.scope_lines(rule.scope):
        for m in _TITLE.finditer(ln.text):
            found = lookup(m.group(1), conf)
            if found is None:
                continue
            name, law = found
            if not repealed_for(law, a.year):
                continue
            before = ln.text[max(0, m.start() - 2) : m.start()]
            if any(before.endswith(w) for w in conf.former if w):
                continue
            if any(u and u in clause(ln.text, m.start(), m.end()) for u in conf.unless):
                continue
            values = {
                "law": m.group(1),
                "name": name,
                "repealed": f"{law.repealed.year}年{law.repealed.month}月{law.repealed.day}日",
                "by": law.by or "",
                "replace": law.replace or "",
                "source": law.source or "",
            }
            yield rule.finding(a, ln, values, evidence=ln.text[max(0, m.start() - 8) : m.end() + 8], column=a.column(ln, m.group(1)))
