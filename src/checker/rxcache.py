"""Regular expressions compiled once per user, not once per process.

Python's ``re`` compiles a pattern in Python code (``re._parser`` and
``re._compiler``); a character class over the CJK range alone (``[一-鿿]``)
walks 21,000 code points, and the ~300 patterns checker's modules use cost
~80 ms: a third of a one-report run.  What that compiler produces -- the
pattern's final flags, its ``_sre`` code words, its groups -- depends only on
the pattern, its flags and the interpreter, so it is kept in the per-user
cache (:mod:`checker.cache`, one file per interpreter; the code words as the
bytes of an array, a tenth of a list of ints in memory) and the next process
hands it straight to ``_sre.compile``, which is what ``re.compile`` itself
ends with.  The object made that way is equal to ``re.compile``'s (same
pattern, flags and code: ``tests/test_rxcache.py``), so it matches exactly
the same; ``_sre`` checks the code words before it accepts them.

:func:`compile` is a drop-in for ``re.compile``.  Anything unexpected (no
cache, a damaged file, an interpreter whose ``re`` internals differ) falls back
to ``re.compile``: only the time changes.
"""

from __future__ import annotations

import re
import sys

try:  # the internals this module relies on; without them it is only re.compile
    import _sre
    from re import _compiler, _parser

    _MAGIC = _sre.MAGIC
    _WORD = next(t for t in "IL" if __import__("array").array(t).itemsize == _sre.CODESIZE)
except Exception:  # noqa: BLE001 - another interpreter: plain re.compile
    _sre = None

#: bumped when the layout of the cache file changes
FORMAT = 2
#: entries kept at most (patterns built from data, e.g. vocabulary, may come and go)
MAX_ENTRIES = 1000

_made: dict = {}  # (pattern, flags) -> the pattern object this process made (like re's own cache)


def _valid(key, entry) -> bool:
    return isinstance(key, tuple) and isinstance(entry, tuple) and len(entry) == 5 and type(entry[1]) is bytes


def _words(code: list) -> bytes:
    """Code words as the bytes of an array (a fraction of a list of ints, in memory and to read)."""
    from array import array

    return array(_WORD, code).tobytes()


def _unpacked(data: bytes) -> list:
    from array import array

    words = array(_WORD)
    words.frombytes(data)
    return words.tolist()


def _table():
    global TABLE
    from . import cache

    ident = f"{FORMAT}\n{sys.version}\n{sys.implementation.name}\n{_MAGIC}\n{_sre.CODESIZE}"
    TABLE = cache.Table("regex", ident, MAX_ENTRIES, _valid)
    return TABLE


#: the per-user table of compiled patterns (made on first use)
TABLE = None


def _build(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` (the same steps)."""
    parsed = _parser.parse(pattern, flags)
    code = [int(word) for word in _compiler._code(parsed, flags)]  # opcodes are an int subclass marshal refuses
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), code, int(parsed.state.groups - 1), dict(groupindex), tuple(indexgroup))


def compile(pattern, flags=0) -> re.Pattern:  # noqa: A001 - a drop-in for re.compile
    """``re.compile(pattern, flags)``, from the per-user cache when it has the pattern."""
    if _sre is None or type(pattern) is not str:
        return re.compile(pattern, flags)
    flags = int(flags)
    if flags & (re.DEBUG | getattr(re, "TEMPLATE", 0)):
        return re.compile(pattern, flags)
    key = (pattern, flags)
    made = _made.get(key)
    if made is not None:
        return made
    table = TABLE or _table()
    entry = table.get(key)
    if entry is not None:
        try:
            final, code, groups, groupindex, indexgroup = entry
            made = _made[key] = _sre.compile(pattern, final, _unpacked(code), groups, groupindex, indexgroup)
            return made
        except Exception:  # noqa: BLE001 - a damaged entry: compile it again
            table.drop(key)
    try:
        final, code, groups, groupindex, indexgroup = _build(pattern, flags)
        compiled = _sre.compile(pattern, final, code, groups, groupindex, indexgroup)
        entry = (final, _words(code), groups, groupindex, indexgroup)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - internals not as expected
        return re.compile(pattern, flags)
    table.put(key, entry)
    _made[key] = compiled
    return compiled
