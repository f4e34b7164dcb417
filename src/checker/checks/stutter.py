"""stutter: 叠字笔误（将将、的的）和重复写了两遍的词（进一步一步）。

一个字连写两次，不可能是合法的叠用时才报告：不在规则集的叠词表中（常常、人人、层层……），不是 AABB 式
（认认真真、方方面面），不是两个词恰好相接（学习|习近平、为了|了解、工作|作风）；并且要么是从不叠用的虚词
（规则集的 ``always``：的、将、在……），要么——机构名称后缀字与下一个词相接的除外（市|市场局）——两个字分开后
一个落单、另一个在已含这个字的词里（严|严格、部|部门）。

一个词写了两遍（ABAB：进一步一步、依法行政依法行政、我们我们）也是笔误（见 :func:`_word_stutter`）：
两字词只在规则集说它从不叠用（``always_words``），或可以叠用的词（``allow_words``：一步一步推进）前一个粘在
前面的词上（“进一步|一步”）时才算。

提示语占位符：``{text}``（连写的字或词）、``{char}``（要删去的字或词）。

Example::

    rule:
      kind: stutter
      always: [将]
      allow: [五五]
      allow_words: [一步]
      message: 疑似叠字笔误“{text}”
    fail: |
      一、主要举措和成效
      县委充分发挥领导核心作用，将将法治建设纳入发展总体规划，进一步一步压实责任。
    pass: |
      一、主要举措和成效
      县委充分发挥领导核心作用，将法治建设纳入“十五五”规划，一步一步压实责任。
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import rxcache
from ..dccache import dataclass
from ..schema import Phrases, param
from ..tokens import Boundaries

KIND = "stutter"

_DOUBLE = rxcache.compile(r"([\u4e00-\u9fff])\1")
#: a word of two to four characters written twice (ABAB); a back-reference in code, bounded
_DOUBLE_WORD = rxcache.compile(r"([\u4e00-\u9fff]{2,4})\1")


@dataclass(frozen=True)
class Config:
    allow: Phrases = param((), "合法的叠词（常常、层层 ……），不报告")
    always: Phrases = param((), "几乎不会合法连写的字（的、将、在 ……）：连写即报告")
    suffixes: Phrases = param((), "机构名称的后缀字（市、县、局 ……）：“市市场局”不是笔误")
    always_words: Phrases = param((), "从不合法地连写两遍的双字词（我们、一是 ……）：连写即报告")
    allow_words: Phrases = param((), "可以连写两遍的双字词（一步、一点 ……）；与前面的字连成一个词时（进一步一步）仍报告")


#: characters of context on each side of a doubled character that the word
#: boundaries are computed from (segmenting the whole paragraph costs more and
#: changes nothing this close to the pair)
WINDOW = 8


def _junction(text: str, pos: int) -> tuple[bool, str, str]:
    """Around the pair at ``pos``: whether a word boundary falls between its two
    characters, and the words on either side of it."""
    start = max(0, pos - WINDOW)
    return _junction_in(text[start : pos + 2 + WINDOW], pos - start)


@lru_cache(maxsize=4096)
def _junction_in(window: str, at: int) -> tuple[bool, str, str]:
    """:func:`_junction` of the pair at ``at`` in a window of text (the same phrases recur
    across a batch's reports: their words are looked up once)."""
    bounds = Boundaries(window)
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


def _glued_left(text: str, pos: int, word: str) -> bool:
    """Whether the first copy of ``word`` at ``pos`` ends a longer word with the characters before it (进|一步)."""
    start = max(0, pos - WINDOW)
    return _glued_in(text[start : pos + 2 * len(word) + WINDOW], pos - start)


@lru_cache(maxsize=1024)
def _glued_in(window: str, at: int) -> bool:
    return not Boundaries(window).is_boundary(at)


def _word_stutter(text: str, pos: int, word: str, allow_words: set, always_words: set) -> bool:
    """Whether ``word`` written twice at ``pos`` is a stutter (see the module docstring).

    A word of three or four characters written twice always is (法治政府法治政府); a
    two-character word when it is one that is never doubled (``always_words``:
    我们, 一是, 进行 …), or one that may be doubled (``allow_words``: 一步) whose
    first copy ends a longer word (进一步一步).  Other two-character words meet
    legitimately too often (凤城市|城市管理局, 常务会议|会议议题).
    """
    if len(set(word)) == 1:
        return False  # 常常常常 / AAAA: the single-character check's business
    if len(word) >= 3:
        return not _glued_left(text, pos, word)
    if word in always_words:
        return True
    return word in allow_words and _glued_left(text, pos, word)


def word_stutters(text: str, allow_words: set, always_words: set = frozenset()) -> list[tuple[int, str]]:
    """(offset, word) of each word written twice by mistake in ``text``."""
    out = []
    for m in _DOUBLE_WORD.finditer(text):
        if _word_stutter(text, m.start(), m.group(1), allow_words, always_words):
            out.append((m.start(), m.group(1)))
    return out


def check(a, rule):
    allow = set(rule.config.allow)
    always = set(rule.config.always)
    suffixes = set(rule.config.suffixes)
    allow_words = set(rule.config.allow_words)
    always_words = set(rule.config.always_words)
    for ln in a.outline.body:
        for pos, word in word_stutters(ln.text, allow_words, always_words):
            evidence = ln.text[max(0, pos - 8) : pos + 2 * len(word) + 8]
            column = a.column(ln, word * 2, ln.text.count(word * 2, 0, pos))
            yield rule.finding(a, ln, {"text": word * 2, "char": word}, evidence=evidence, column=column)
        for m in _DOUBLE.finditer(ln.text):
            pos = m.start()
            if _is_stutter(ln.text, pos, allow, always, suffixes):
                pair = m.group(0)
                evidence = ln.text[max(0, pos - 8) : pos + 10]
                yield rule.finding(a, ln, {"text": pair, "char": pair[0]}, evidence=evidence, column=a.column(ln, pair, ln.text.count(pair, 0, pos)))
