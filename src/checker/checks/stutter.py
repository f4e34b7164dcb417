"""stutter: stutter typos such as 将将 / 的的.

A doubled character is reported when it cannot be a legitimate reduplication:
not in the rulebook's allow-list (常常 人人 层层 …), not part of an AABB form
(认认真真, 方方面面), not two words that merely meet (学习|习近平, 为了|了解,
工作|作风), and either a function word that is never doubled (the rulebook's
``always`` list: 的 将 在 …) or — unless it is a name's suffix meeting a word
(市|市场局) — a character whose two copies split as a lone character beside a
word that already contains it (严|严格, 部|部门).

Message placeholders: ``{text}`` (the pair), ``{char}``.

Example::

    rule:
      kind: stutter
      always: [将]
      message: 疑似叠字笔误“{text}”
    fail: |
      一、主要举措和成效
      县委充分发挥领导核心作用，将将法治建设纳入发展总体规划。
    pass: |
      一、主要举措和成效
      县委充分发挥领导核心作用，将法治建设纳入发展总体规划，层层压实责任。
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..schema import Phrases, param
from ..tokens import Boundaries

KIND = "stutter"

_DOUBLE = re.compile(r"([\u4e00-\u9fff])\1")


@dataclass(frozen=True)
class Config:
    allow: Phrases = param((), "合法的叠词（常常、层层 ……），不报告")
    always: Phrases = param((), "几乎不会合法连写的字（的、将、在 ……）：连写即报告")
    suffixes: Phrases = param((), "机构名称的后缀字（市、县、局 ……）：“市市场局”不是笔误")


#: characters of context on each side of a doubled character that the word
#: boundaries are computed from (segmenting the whole paragraph costs more and
#: changes nothing this close to the pair)
WINDOW = 8


def _junction(text: str, pos: int) -> tuple[bool, str, str]:
    """Around the pair at ``pos``: whether a word boundary falls between its two
    characters, and the words on either side of it."""
    start = max(0, pos - WINDOW)
    bounds = Boundaries(text[start : pos + 2 + WINDOW])
    at = pos - start
    return bounds.is_boundary(at + 1), bounds.token_at(at), bounds.token_at(at + 1)


def _is_stutter(text: str, pos: int, allow: set, always: set, suffixes: set) -> bool:
    char = text[pos]
    pair = text[pos : pos + 2]
    if pair in allow:
        return False
    if pos + 3 < len(text) and text[pos + 2] == text[pos + 3] != char:
        return False  # AA of AABB
    if pos >= 2 and text[pos - 2] == text[pos - 1] != char:
        return False  # BB of AABB
    if pos + 2 < len(text) and text[pos + 2] == char:
        return False  # three in a row: an onomatopoeia or deliberate emphasis, not a stutter
    between, left, right = _junction(text, pos)
    if not between:
        return False  # the pair is one word (or inside one)
    if len(left) > 1 and len(right) > 1:
        return False  # two words that meet: 为了|了解, 学习|习近平, 工作|作风
    if char in always:
        return True
    if char in suffixes:
        return False  # 市市场局, 执法队队长: a name's last character meets a word
    return (len(left) == 1) != (len(right) == 1)


def check(a, rule):
    allow = set(rule.config.allow)
    always = set(rule.config.always)
    suffixes = set(rule.config.suffixes)
    for ln in a.outline.body:
        for m in _DOUBLE.finditer(ln.text):
            pos = m.start()
            if _is_stutter(ln.text, pos, allow, always, suffixes):
                pair = m.group(0)
                evidence = ln.text[max(0, pos - 8) : pos + 10]
                yield rule.finding(a, ln, {"text": pair, "char": pair[0]}, evidence=evidence)
