"""numbering: 标题序号按顺序编排，标点符合公文规范。

逐级读出各级标题的序号（第一部分 › 一、 › （一） › 1. › （1）），在行首，或在丢了换行的文字中句末之后。
同一上级之下的同一级中，每个序号都应接着上一个：跳号（一、二、四、）、重号（（一）（二）（二））、上级没变却从“一”
重新编号（中间没有不编号的标题）、换了上级却没有从“一”开始（三、之后是（三））、或者倒退，都是一条发现，
修改建议写明应有的序号。1. 和 （1） 两级是列举（``lists``）：同一上级之下可以重新从 1 编号，也可以跨上级接着编号。
再看标点：括号序号后不加标点（“（一）、”是错的），“一”后用“、”，阿拉伯数字后用“.”（“1、”按 ``arabic_severity`` 报告）。

提示语和修改建议的占位符：``{found}``（写的序号）、``{expected}``、``{problem}``（问题所在）、``{heading}``。

Example::

    rule:
      kind: numbering
      message: 标题序号“{found}”{problem}
      fix: 改为“{expected}”。
    fail: |
      青山县2023年法治政府建设年度报告
      一、主要举措和成效
      二、存在的不足和原因
      四、下一年度主要安排
    pass: |
      青山县2023年法治政府建设年度报告
      一、主要举措和成效
      二、存在的不足和原因
      三、下一年度主要安排
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from .. import rxcache
from ..dccache import dataclass
from ..schema import Severity, param
from ..textkit import cjk_len

KIND = "numbering"
SCOPE = ("document",)

_NUM = "一二三四五六七八九十"
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
#: (rank, ordinal pattern at a position: group "n" the ordinal, group "p" the punctuation after it)
_LEVELS = (
    (0, rxcache.compile(rf"第(?P<n>[{_NUM}]{{1,3}})(?:部分|章)(?P<p>\s?[、.,:]?)")),
    (1, rxcache.compile(rf"(?P<n>[{_NUM}]{{1,3}})(?P<p>\s?[、.,])(?![{_NUM}、])")),
    (2, rxcache.compile(rf"\((?P<n>[{_NUM}]{{1,3}})\)(?P<p>\s?[、.,]?)(?![、.,;:)])")),
    # "1." / "1、" ("1、2022年……" too) but not a decimal ("1.5亿元"), a range ("3、4月") nor a date ("12.31")
    (3, rxcache.compile(r"(?P<n>\d{1,2})(?P<p>\s?(?:、|\.(?!\d{1,3}(?!\d))))(?!\d{1,2}(?!\d)|[、.])")),
    (4, rxcache.compile(r"\((?P<n>\d{1,2})\)(?P<p>\s?[、.,]?)(?![、.,;:)\d])")),
)
#: the ordinal as 公文 rules write it at each level (GB/T 9704—2012, 7.3.3)
_STANDARD = {0: "第{n}部分", 1: "{n}、", 2: "({n})", 3: "{n}.", 4: "({n})"}
#: what may stand before a heading inside a line: the end of a sentence (and spaces)
_INLINE_AFTER = rxcache.compile(r"[。!?;:]\s{0,2}$")
_INLINE_START = rxcache.compile(rf"第[{_NUM}]|[{_NUM}]{{1,3}}\s?[、.,]|\([{_NUM}\d]|\d{{1,2}}\s?[、.]")
#: an _INLINE_START after what _INLINE_AFTER finds, in one pass (group 1: the start); none is missed
#: for a start that does not follow a sentence end: no start holds such a mark or begins with a space
_INLINE_HEADING = rxcache.compile(rf"[。!?;:]\s{{0,2}}({_INLINE_START.pattern})")
#: a short line without numbering that reads like a heading ("存在的问题", "主要做法：")
_SENTENCE_MARK = rxcache.compile(r"[。;,!?]")


@dataclass(frozen=True)
class Config:
    long_line: int = param(200, "这么长（字符）的一行视为丢失了换行：行内句末之后的序号也算标题")
    lists: bool = param(True, "“1.”“（1）”一级是列举：同一上级标题下可以重新从 1 编号，换了上级标题也可以接续编号")
    punctuation: bool = param(True, "检查序号后的标点：（一）后不加“、”，一后用“、”")
    arabic_severity: Severity = param("info", "“1、”（应为“1.”）的严重程度：error / warning / info")


@dataclass(frozen=True)
class Ordinal:
    """One heading's ordinal, where it is."""

    line: object  # the TextLine
    start: int  # offset of the ordinal in the line's text
    rank: int
    n: int
    numbering: str  # as written (normalized): "(一)、"
    punct: str  # what follows the ordinal: "、", ".", ""
    inline: bool

    @property
    def heading(self) -> str:
        text = self.line.text[self.start :]
        cut = _SENTENCE_MARK.search(text, len(self.numbering))
        return text[: cut.start() if cut and cut.start() <= 40 else 40]


def ordinal(numeral: str) -> Optional[int]:
    """一 → 1, 十二 → 12, 二十 → 20, "3" → 3; None for what is not an ordinal (一一, 十十)."""
    if numeral.isdigit():
        return int(numeral)
    if "十" in numeral:
        head, _, tail = numeral.partition("十")
        if len(head) > 1 or len(tail) > 1 or "十" in tail or head == "一":
            return None
        tens = _DIGITS.get(head, 1) if head else 1
        return tens * 10 + (_DIGITS.get(tail, 0) if tail else 0)
    return _DIGITS.get(numeral) if len(numeral) == 1 else None


def numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else "零一二三四五六七八九"[tens] + "十")
    return head + ("零一二三四五六七八九"[ones] if ones else "")


def standard(rank: int, n: int) -> str:
    """The ordinal ``n`` of a level as 公文 rules write it (half-width brackets, as the normalized text)."""
    return _STANDARD[rank].format(n=numeral(n) if rank <= 2 else n)


def shown(text: str) -> str:
    """An ordinal as an official writes it: full-width brackets."""
    return text.replace("(", "（").replace(")", "）").replace(",", "，")


def _at(text: str, pos: int) -> Optional[tuple[int, int, str, str]]:
    """(rank, ordinal, numbering, punctuation) of an ordinal starting at ``pos``, or None."""
    for rank, rx in _LEVELS:
        m = rx.match(text, pos)
        if not m:
            continue
        n = ordinal(m.group("n"))
        rest = text[m.end() :].strip()
        if n is None or not rest:
            return None
        if rank == 1 and not m.group("p").strip():
            return None
        return rank, n, text[pos : m.end()].rstrip(), m.group("p").strip()
    return None


def _line_start(ln) -> Optional[Ordinal]:
    text = ln.text
    lead = len(text) - len(text.lstrip())
    found = _at(text, lead)
    if found is None:
        return None
    rank, n, numbering, punct = found
    return Ordinal(ln, lead, rank, n, numbering, punct, False)


def _inline(ln) -> Iterator[Ordinal]:
    text = ln.text
    for m in _INLINE_HEADING.finditer(text):
        found = _at(text, m.start(1))
        if found is not None:
            rank, n, numbering, punct = found
            yield Ordinal(ln, m.start(1), rank, n, numbering, punct, True)


def _heading_like(ln) -> bool:
    """A short unnumbered line that reads like a heading: it may stand for an unnumbered parent."""
    text = ln.text.strip().rstrip(":")
    return not _SENTENCE_MARK.search(text) and 2 <= cjk_len(text) <= 30 or bool(ln.level_hint)


@dataclass
class _Group:
    """The ordinals of one level under one parent."""

    items: list
    before: Optional[Ordinal] = None  # the last ordinal of this level under the previous parent
    offset: int = 0  # the ordinal before its first one (a list that goes on across parents)
    unnumbered_since: bool = False  # a heading-like unnumbered line since its last ordinal


class _Outline:
    """Collects the ordinals level by level into groups (one level under one parent)."""

    def __init__(self, config: Config):
        self.config = config
        self.open: dict[int, _Group] = {}  # rank -> the group its next ordinal joins
        self.ended: dict[int, Ordinal] = {}  # rank -> the last ordinal of that level under the previous parent
        self.groups: list[_Group] = []

    def accepts_inline(self, o: Ordinal) -> bool:
        """An ordinal inside a line is a heading when it continues the sequence (or starts it),
        or — in a line whose breaks were lost — when it is close to the ordinal expected.  One that
        starts again at 1 under the same parent is a list inside a paragraph, not a heading."""
        group = self.open.get(o.rank)
        last = group.items[-1] if group else None
        expected = last.n + 1 if last else 1
        if o.n == expected:
            return True
        if last is not None and o.n == 1:
            return False
        long_line = len(o.line.text) >= self.config.long_line
        return long_line and o.rank <= 2 and expected - 1 <= o.n <= expected + 1

    def add(self, o: Ordinal) -> None:
        for lower in [r for r in self.open if r > o.rank]:
            self.ended[lower] = self.open.pop(lower).items[-1]
        group = self.open.get(o.rank)
        lists = o.rank >= 3 and self.config.lists
        if group is not None and o.n == 1 and (lists or group.unnumbered_since):
            group = None  # a new list, or the first section under an unnumbered heading
        if group is None:
            before = self.ended.get(o.rank)
            goes_on = lists and before is not None and o.n == before.n + 1
            group = _Group([], before=before, offset=before.n if goes_on else 0)
            self.open[o.rank] = group
            self.groups.append(group)
        group.items.append(o)
        group.unnumbered_since = False

    def unnumbered_heading(self) -> None:
        for group in self.open.values():
            group.unnumbered_since = True


def _problems(group: _Group) -> dict[int, tuple[str, int]]:
    """What is wrong with the ordinals of a group: id(ordinal) -> (problem, ordinal expected).

    After a wrong ordinal the sequence goes on from what the next one shows: when the next
    one follows the number expected, the wrong one was a slip for it (一、二、二、四、: the
    second 二 should be 三); otherwise the numbering goes on from what was written."""
    out: dict[int, tuple[str, int]] = {}
    items = group.items
    last: Optional[Ordinal] = None
    value = group.offset  # the ordinal the last item stands for
    for i, o in enumerate(items):
        expected = value + 1
        problem = None if o.n == expected else _describe(o, last, group.before, expected)
        if problem is None:
            value = o.n
        else:
            out[id(o)] = (problem, expected)
            following = items[i + 1].n if i + 1 < len(items) else None
            value = expected if following == expected + 1 else o.n
        last = o
    return out


def _describe(o: Ordinal, last: Optional[Ordinal], before: Optional[Ordinal], expected: int) -> str:
    first = f"“{shown(standard(o.rank, 1))}”"
    if last is None:
        if before is not None and o.n == before.n + 1:
            return f"接续了上一部分的编号，在新的上级标题下应从{first}开始"
        return f"前面没有{first}，应从{first}开始编号"
    where = f"第 {last.line.shown} 行的“{shown(last.numbering)}”"
    if o.n == last.n:
        return f"与上一个序号（{where}）重复"
    if o.n == 1:
        pasted = "；若是重复粘贴的正文，应删去重复的部分" if o.rank <= 1 else ""
        return f"重新从头编号，但上级标题没有变（上一个同级序号是{where}{pasted}）"
    if o.n > expected:
        skipped = "、".join(f"“{shown(standard(o.rank, k))}”" for k in range(expected, min(o.n, expected + 3)))
        return f"跳过了{skipped}{'等' if o.n - expected > 3 else ''}（上一个是{where}）"
    return f"排在{where}之后，顺序颠倒"


def ordinals(a, rule) -> list[tuple[Ordinal, Optional[tuple[str, int]]]]:
    """Every heading ordinal of the scope in file order, with its sequence problem (or None)."""
    outline = _Outline(rule.config)
    found: list[Ordinal] = []
    title = a.title_line
    for ln in a.scope_lines(rule.scope):
        if ln is title:
            continue
        first = _line_start(ln)
        if first is None and _heading_like(ln):
            outline.unnumbered_heading()
        for o in ([first] if first else []) + list(_inline(ln)):
            if o.inline and not outline.accepts_inline(o):
                continue
            outline.add(o)
            found.append(o)
    problems: dict[int, tuple[str, int]] = {}
    for group in outline.groups:
        problems.update(_problems(group))
    return [(o, problems.get(id(o))) for o in found]


def _punctuation(o: Ordinal) -> Optional[tuple[str, str, bool]]:
    """(what is wrong, the ordinal as it should be, whether it is the Arabic 1、 case) or None."""
    right = standard(o.rank, o.n)
    if o.rank in (2, 4) and o.punct:
        return f"后面不应再加“{shown(o.punct)}”", right, False
    if o.rank == 1 and o.punct != "、":
        return f"后面应用“、”，不用“{shown(o.punct)}”", right, False
    if o.rank == 3 and o.punct == "、":
        return "是阿拉伯数字序号，后面应用“.”，不用“、”", right, True
    return None


def check(a, rule):
    conf = rule.config
    for o, trouble in ordinals(a, rule):
        values = {"found": shown(o.numbering), "heading": o.heading}
        column = a.column(o.line, o.numbering)
        if trouble is not None:
            problem, n = trouble
            values.update(problem=problem, expected=shown(standard(o.rank, n)))
            yield rule.finding(a, o.line, values, evidence=o.heading, column=column)
            continue
        wrong = _punctuation(o) if conf.punctuation else None
        if wrong is not None:
            problem, right, arabic = wrong
            values.update(problem=problem, expected=shown(right))
            yield rule.finding(a, o.line, values, evidence=o.heading, column=column, severity=conf.arabic_severity if arabic else None)
