"""Dataclasses whose generated methods are compiled once per user, not once per process.

``dataclasses.dataclass`` writes the source of ``__init__``, ``__repr__``,
``__eq__``, ``__hash__`` and, for a frozen class, ``__setattr__`` and
``__delattr__`` as text and compiles it with ``exec`` each time a class is
made: ~350 compilations for checker's ~60 classes, 20-25 ms of a one-report
run (Python 3.13 compiles a class's methods in one go; 3.11 one by one).  The
code object that text compiles to depends only on the text and the
interpreter, so it is kept in the per-user cache (:class:`checker.cache.Table`,
one file per interpreter) and the next process runs the kept code object:
``exec(code, globals, locals)`` with the very globals and locals
``dataclasses`` passes, which is what ``exec(text, globals, locals)`` does
after compiling the text.  The classes are therefore the ones
``dataclasses.dataclass`` makes (``tests/test_dccache.py``).

:func:`dataclass` is a drop-in for ``dataclasses.dataclass``; only while it
runs does ``dataclasses`` see this module's ``exec`` (other code making
dataclasses is untouched).  Anything unexpected -- no cache, a damaged file, a
``dataclasses`` that no longer calls ``exec`` -- only changes the time.
"""

from __future__ import annotations

import dataclasses
import sys
from types import CodeType

#: bumped when the layout of the cache file changes
FORMAT = 1
#: entries kept at most (one per generated method; checker makes ~350)
MAX_ENTRIES = 2000

#: the per-user table of compiled method sources (made on first use)
TABLE = None

_NOTHING = object()


def _valid(key, value) -> bool:
    return type(key) is str and type(value) is CodeType


def _table():
    global TABLE
    from . import cache

    ident = f"{FORMAT}\n{sys.version}\n{sys.implementation.cache_tag}"
    TABLE = cache.Table("dataclass", ident, MAX_ENTRIES, _valid)
    return TABLE


def _exec(source, globals=None, locals=None):  # noqa: A002 - the signature of exec
    if type(source) is not str:
        return exec(source, globals, locals)
    table = TABLE or _table()
    code = table.get(source)
    if code is None:
        code = compile(source, "<string>", "exec", dont_inherit=True)  # as exec(text) in dataclasses: no __future__ of ours
        table.put(source, code)
    return exec(code, globals, locals)


def dataclass(cls=None, /, **options):
    """``dataclasses.dataclass(cls, **options)``, its methods' code from the per-user cache."""

    def wrap(cls):
        saved = dataclasses.__dict__.get("exec", _NOTHING)
        dataclasses.exec = _exec
        try:
            return dataclasses.dataclass(cls, **options)
        finally:
            if saved is _NOTHING:
                del dataclasses.exec
            else:
                dataclasses.exec = saved

    return wrap if cls is None else wrap(cls)
