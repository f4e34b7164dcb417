"""Report text shown on a terminal: control and escape characters escaped, never interpreted.

A report (or a file name) may carry ``ESC]0;…`` (sets the window title),
``ESC[2J`` (clears the screen), a carriage return that overwrites a line, or a
bidirectional override that reorders what is shown.  :func:`terminal_safe`
turns each such character into a visible escape (``\\x1b``, ``\\r``,
``\\u202e``); tabs stay.  Every formatter that prints to a terminal (the
terminal and concise formats, error lines on stderr) passes report text
through it.
"""

from __future__ import annotations

import re

from .. import rxcache

_UNSAFE = rxcache.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escaped(m: re.Match) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with control, escape and bidi-override characters shown as ``\\x1b`` / ``\\u202e``."""
    return _UNSAFE.sub(_escaped, text) if text else text
