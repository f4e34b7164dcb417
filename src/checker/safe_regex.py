"""A safe subset of regular expressions for rulebooks written by hand.

A rulebook's regular expressions run over every line of every report, and a
line may be 100,000 characters long.  Python's ``re`` backtracks, so a pattern
such as ``(甲+)+乙`` or ``.*.*乙`` can take hours on one line.  Instead of a
timeout, rulebook patterns are restricted to a subset whose backtracking is
bounded by a small constant per starting position:

* no unbounded repetition (``*``, ``+``, ``{n,}``): write a bound instead,
  e.g. ``[^。]{0,60}`` or ``\\s{0,3}``;
* no back-references (``\\1``, ``(?P=name)``);
* the number of ways the pattern can try to match at one position (repeats
  multiply, alternatives add) stays under :data:`MAX_COST`;
* at most :data:`MAX_LENGTH` characters.

``problem(pattern)`` returns a Chinese explanation of what is wrong, or
``None`` when the pattern is valid and safe.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

try:  # Python 3.11+
    from re import _constants as _c, _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

MAX_LENGTH = 300
MAX_COST = 10_000

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())
_SINGLE = {_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN, _c.CATEGORY, _c.RANGE}
_REFS = {_c.GROUPREF, _c.GROUPREF_EXISTS} | ({_c.GROUPREF_IGNORE} if hasattr(_c, "GROUPREF_IGNORE") else set())


_SPECIAL = re.compile(r"[\\.^$*+?{}\[\]|()]")


class _Unsafe(Exception):
    pass


def _cost(items) -> int:
    """How many ways (at most) the items can try to match at one position."""
    total = 1
    for op, av in items:
        if op in _REPEATS:
            lo, hi, sub = av
            if hi == _c.MAXREPEAT:
                raise _Unsafe("不允许无上限的重复（* + {n,}），请写出上限，如 [^。]{0,60} 或 \\s{0,3}")
            sub_items = list(sub)
            if len(sub_items) == 1 and sub_items[0][0] in _SINGLE:
                total *= hi - lo + 1
            else:
                total *= (_cost(sub_items) + 1) ** min(hi, 32)
        elif op == _c.SUBPATTERN:
            total *= _cost(av[-1])
        elif op == _c.BRANCH:
            total *= sum(_cost(alt) for alt in av[1])
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            total *= _cost(av[1])
        elif op in _REFS:
            raise _Unsafe("不允许反向引用（\\1、(?P=名称)）")
        elif hasattr(_c, "ATOMIC_GROUP") and op == _c.ATOMIC_GROUP:
            total *= _cost(av)
        if total > MAX_COST:
            raise _Unsafe("可能的回溯过多（重复或分支嵌套太深），请减少重复的上限或分支")
    return total


@lru_cache(maxsize=1024)
def problem(pattern: str) -> Optional[str]:
    """What is wrong with ``pattern`` (in Chinese), or None if it is valid and safe."""
    if len(pattern) > MAX_LENGTH:
        return f"正则表达式过长（超过 {MAX_LENGTH} 个字符）"
    if not _SPECIAL.search(pattern):
        return None  # plain text: nothing to go wrong
    try:
        re.compile(pattern)
    except re.error as exc:
        from .zh import regex_problem

        return regex_problem(exc)
    try:
        _cost(list(_sre_parse.parse(pattern)))
    except _Unsafe as exc:
        return str(exc)
    except (RecursionError, OverflowError):
        return "正则表达式嵌套过深"
    return None
