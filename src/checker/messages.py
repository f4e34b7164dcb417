"""Texts shown to users: the catalogue of labels, and one function that fills placeholders.

The labels every output format shows (severities, part statuses, verdicts)
live here and only here; formatters take them from this catalogue.

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

#: a finding's severity
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
#: a part's status, short (tables) and long (a note beside it)
STATUS = {"present": "有", "weak": "弱", "missing": "缺"}
STATUS_LONG = {"present": "有", "weak": "弱（只在正文中找到）", "missing": "缺"}
#: a report's verdict
PASSED, FAILED, UNREADABLE = "通过", "未通过", "无法读取"
#: a file of a walk that was not checked (a lock file, a FIFO, an unsupported extension …)
SKIPPED = "已跳过"


def verdict_word(passed: bool) -> str:
    return PASSED if passed else FAILED


def verdict_with_reason(passed: bool, reason: Optional[str]) -> str:
    """“通过”, or “未通过：<why>” (“未通过” when there is no reason)."""
    if passed:
        return PASSED
    return f"{FAILED}：{reason}" if reason else FAILED


def tally(reports: int, passed: int, failed: int, unreadable: int) -> str:
    """“共 5 份：通过 1，未通过 4，无法读取 0”"""
    return f"共 {reports} 份：{PASSED} {passed}，{FAILED} {failed}，{UNREADABLE} {unreadable}"


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
