"""``--format csv``: the 汇总 rows of the reviewer's spreadsheet, one per file.

UTF-8 with a byte-order mark and CRLF line ends, so that Excel opens it with
the Chinese text intact; unreadable files are rows that say why, with an
empty score.  Returns bytes.
"""

from __future__ import annotations

import csv
import io
from typing import Iterable

from ..model import ReportResult
from . import table


def render(results: Iterable[ReportResult], rulebook=None) -> bytes:
    head, rows = table.summary(list(results), rulebook)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(head)
    for row in rows:
        writer.writerow(["" if v is None else (f"{v:g}" if isinstance(v, float) else v) for v in row])
    return out.getvalue().encode("utf-8-sig")
