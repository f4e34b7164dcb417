"""What every match of a regular expression contains: a quick test before the pattern runs.

Most patterns of a rulebook start with a look-behind or a character class, so the
regular-expression engine tries them at every position of every line; yet nearly
every line has no match.  :func:`required` reads a pattern (Python's own parser) and
gives a few strings one of which every match contains — a run of literal characters,
a small character class, or one such string from each alternative of a group — so
that a line that contains none of them is skipped without running the pattern.

It is a necessary condition only, and a conservative one: whatever it does not
understand (case-insensitive parts, backreferences, \\d, negated classes …) it does
not use, and for a pattern where nothing is certain it gives None (the pattern
always runs).
"""

from __future__ import annotations

import re
from typing import Optional

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)
_IGNORECASE = _c.SRE_FLAG_IGNORECASE
#: a character class is used when it has at most this many characters
MAX_CLASS = 32
#: characters so common in report text that testing for them alone saves nothing
_COMMON = set(",.;:()。、“”《》-%/")


def required(pattern: str) -> Optional[frozenset[str]]:
    """Strings one of which every (non-empty) match of ``pattern`` contains; None when
    there is no such set that is cheap to test for."""
    try:
        parsed = _sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    if parsed.state.flags & _IGNORECASE:
        return None
    return _sequence(list(parsed))


def _sequence(items) -> Optional[frozenset[str]]:
    """The cheapest of the requirements of the items of a sequence (every item is matched)."""
    options: list[frozenset[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            options.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        end_run()
        found: Optional[frozenset[str]] = None
        if op is _c.IN:
            found = _charset(av)
        elif op in _REPEATS:
            low, _, sub = av
            if low >= 1:
                found = _sequence(list(sub))
        elif op is _c.SUBPATTERN:
            _, add_flags, _, sub = av
            if not add_flags & _IGNORECASE:
                found = _sequence(list(sub))
        elif _ATOMIC is not None and op is _ATOMIC:
            found = _sequence(list(av))
        elif op is _c.BRANCH:
            found = _branch(av[1])
        # anything else (anchors, look-arounds, \d, ., backreferences …) requires nothing we test for
        if found:
            options.append(found)
    end_run()
    return min(options, key=_cost) if options else None


def _branch(alternatives) -> Optional[frozenset[str]]:
    """One requirement of each alternative, together; None when one of them has none."""
    out: set[str] = set()
    for alternative in alternatives:
        found = _sequence(list(alternative))
        if not found:
            return None
        out |= found
    return frozenset(out)


def _charset(items) -> Optional[frozenset[str]]:
    """The characters of a class made only of characters and small ranges."""
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < MAX_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY (\d, \s …), a wide range
            return None
        if len(chars) > MAX_CLASS:
            return None
    return frozenset(chars) if chars else None


def _weight(text: str) -> float:
    """How often a string is expected in report text (relative): longer is rarer; digits,
    spaces and the common punctuation are everywhere, a single Chinese character often."""
    rarest = min(_char_weight(c) for c in text)
    return rarest / len(text) ** 2


def _char_weight(c: str) -> float:
    if c.isdigit() or c.isspace() or c in _COMMON:
        return 40.0
    if "\u4e00" <= c <= "\u9fff":
        return 15.0
    if c.isascii() and c.isalpha():
        return 4.0
    return 2.0


def _cost(strings: frozenset[str]) -> float:
    return sum(_weight(s) for s in strings)


def contains_any(text: str, strings: frozenset[str]) -> bool:
    """Whether ``text`` contains one of ``strings``."""
    return any(s in text for s in strings)
