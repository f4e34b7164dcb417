"""n-of-m: 范围至少写到一组事项中的 ``min`` 项（履职事项、主题、措施……）。

每一项按它的 ``pattern``（安全的正则表达式）或 ``phrases`` 中任何一个词找到；找到的不足 ``min`` 项，
即为一条发现，列出缺少的各项。少于 ``min_chars`` 个汉字（默认：该部分 thin 的 min_chars）的不检查。
规则集继承时可以按名称只改其中一项，或用“名称: false”删去一项。

提示语占位符：``{name}``（部分名称）、``{count}``、``{found}``（找到的各项，带括号）、``{missing}``、``{min}``。

Example::

    rule:
      kind: n-of-m
      scope: [first_responsible]
      min: 2
      min_chars: 20
      items:
        会前学法: {pattern: 会前学法|集体学法}
        述法: {phrases: [述法]}
        出庭应诉: {phrases: [出庭应诉]}
      message: 只写明了 {count} 项履职事项，缺少：{missing}
    fail: |
      三、党政主要负责人履行推进法治建设第一责任人职责情况
      县政府主要负责人高度重视法治政府建设，切实履行推进法治建设第一责任人职责，把法治建设摆在全局工作的重要位置，会前学法12次。
    pass: |
      三、党政主要负责人履行推进法治建设第一责任人职责情况
      县政府主要负责人高度重视法治政府建设，全年组织会前学法12次，出庭应诉3次，年终述法并接受评议。
"""

from __future__ import annotations

from typing import Optional

from .. import rxcache
from ..dccache import dataclass
from ..schema import Phrases, Regex, items, param
from ..textkit import cjk_len

KIND = "n-of-m"


@dataclass(frozen=True)
class Item:
    pattern: Optional[Regex] = param(None, "找到这一项的正则表达式")
    phrases: Phrases = param((), "或：其中任何一个出现即算找到")


@dataclass(frozen=True)
class Config:
    items: dict[str, Item] = items("各项：名称: {pattern: 正则} 或 名称: {phrases: [词, …]}")
    min: int = param(2, "至少找到几项")
    min_chars: Optional[int] = param(None, "少于这么多汉字时不检查（默认：该部分 thin 的 min_chars）")


def found_items(text: str, config: Config) -> list[str]:
    return [
        name
        for name, item in config.items.items()
        if (item.pattern and rxcache.compile(item.pattern).search(text)) or any(p and p in text for p in item.phrases)
    ]


def check(a, rule):
    if not a.scope_present(rule.scope):
        return
    text = a.scope_text(rule.scope)
    part = a.parts.get(rule.part) if rule.part else None
    min_chars = rule.config.min_chars if rule.config.min_chars is not None else (part.part.min_chars if part else 0)
    if cjk_len(text) < min_chars:
        return
    found = found_items(text, rule.config)
    if len(found) >= rule.config.min:
        return
    missing = [name for name in rule.config.items if name not in found]
    line, evidence = a.anchor(rule.scope)
    values = {
        "name": part.part.name if part else "",
        "count": len(found),
        "found": f"（{'、'.join(found)}）" if found else "",
        "missing": "、".join(missing),
        "min": rule.config.min,
    }
    yield rule.finding(a, line, values, evidence=evidence)


def probes(rule, rulebook):
    from ..liveness import Probe

    for name, item in rule.config.items.items():
        if item.pattern:
            yield Probe(f"items.{name}", (item.pattern,), "regex")
        if item.phrases:
            yield Probe(f"items.{name}", item.phrases, "phrase")
