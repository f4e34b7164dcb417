"""Regular expressions compiled once per user, not once per process.

Python's ``re`` compiles a pattern in Python code (``re._parser`` and
``re._compiler``); a character class over the CJK range alone (``[一-鿿]``)
walks 21,000 code points, and the ~300 patterns checker's modules use cost
~80 ms: a third of a one-report run.  What that compiler produces -- the
pattern's final flags, its ``_sre`` code words, its groups -- depends only on
the pattern, its flags and the interpreter, so it is kept in the per-user
cache (:mod:`checker.cache`, one file per interpreter) and the next process
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
except Exception:  # noqa: BLE001 - another interpreter: plain re.compile
    _sre = None

#: bumped when the layout of the cache file changes
FORMAT = 1
#: entries kept at most (patterns built from data, e.g. vocabulary, may come and go)
MAX_ENTRIES = 1000

_known: dict | None = None  # (pattern, flags) -> (flags, code, groups, groupindex, indexgroup)
_added = False
_made: dict = {}  # (pattern, flags) -> the pattern object this process made (like re's own cache)


def _file_name() -> str:
    import zlib

    ident = f"{FORMAT}\n{sys.version}\n{sys.implementation.name}\n{_MAGIC}\n{_sre.CODESIZE}".encode()
    return f"regex-{zlib.crc32(ident):08x}.marshal"


def _load() -> dict:
    global _known
    _known = {}
    if _sre is None:
        return _known
    from . import cache

    data = cache.read_bytes(_file_name())
    if data:
        import marshal

        try:
            table = marshal.loads(data)
            if isinstance(table, dict):
                _known = table
        except Exception:  # noqa: BLE001 - a damaged file is only a miss
            pass
    import atexit

    atexit.register(_save)
    return _known


def _save() -> None:
    if not _added or _known is None:
        return
    import marshal

    from . import cache

    table = _known if len(_known) <= MAX_ENTRIES else {}
    try:
        cache.write_bytes(_file_name(), marshal.dumps(table))
    except Exception:  # noqa: BLE001 - no cache: the next run compiles again
        pass


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
    known = _known if _known is not None else _load()
    entry = known.get(key)
    if entry is not None:
        try:
            final, code, groups, groupindex, indexgroup = entry
            made = _made[key] = _sre.compile(pattern, final, code, groups, groupindex, indexgroup)
            return made
        except Exception:  # noqa: BLE001 - a damaged entry: compile it again
            del known[key]
    try:
        entry = _build(pattern, flags)
        compiled = _sre.compile(pattern, *entry)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - internals not as expected
        return re.compile(pattern, flags)
    global _added
    known[key] = entry
    _added = True
    _made[key] = compiled
    return compiled
