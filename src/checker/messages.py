"""Texts shown to users: one function fills their placeholders everywhere.

Rulebook texts (messages, fix hints, headings) carry placeholders such as
``{year}`` (the report year), ``{next_year}`` and each check kind's own
(``{name}``, ``{count}`` …).  :func:`fill` fills them for a finding, and —
with no values — for showing a rule on its own (``checker explain``, SARIF
rule descriptions): a year not known reads ``XXXX``, any other placeholder
``…``.  A text that is not a valid template is returned as it is.
"""

from __future__ import annotations

import string
from typing import Optional

UNKNOWN_YEAR = "XXXX"
UNKNOWN_NEXT_YEAR = "下一"
UNKNOWN_VALUE = "…"


class _Formatter(string.Formatter):
    def __init__(self, values: dict):
        self.values = values

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return UNKNOWN_VALUE
        return self.values.get(key, UNKNOWN_VALUE)


def fill(template: Optional[str], year: Optional[int] = None, **values) -> Optional[str]:
    """``template`` with ``{year}``, ``{next_year}`` and ``values`` filled in."""
    if template is None:
        return None
    if "{" not in template:
        return template
    values.setdefault("year", year if year else UNKNOWN_YEAR)
    values.setdefault("next_year", year + 1 if year else UNKNOWN_NEXT_YEAR)
    try:
        return _Formatter(values).format(template)
    except (ValueError, IndexError, AttributeError):
        return template
