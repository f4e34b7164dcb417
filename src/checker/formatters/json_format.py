"""The stable JSON contract (see README.md).

``{"reports": [...], "summary": {...}}``: one object per report in input
order, and the run's totals (:mod:`checker.summary`).  An unreadable file has
``score`` and ``profile`` null, ``passed`` false and ``error``;
a run without any report is ``{"reports": [], "summary": {…zeros…}}``.
"""

from __future__ import annotations

import json
from json.encoder import INFINITY, encode_basestring
from typing import Iterable

from ..model import ReportResult
from ..places import finding_place, is_paragraphs


def report_to_dict(r: ReportResult) -> dict:
    paragraphs = is_paragraphs(r.format)
    out = {
        "path": r.path,
        "title": r.title,
        "year": r.year,
        "score": r.score if r.error is None else None,
        "passed": r.passed if r.error is None else False,
        "reason": r.reason if r.error is None else "无法读取",
        "profile": r.profile if r.error is None else None,
        "subject": r.subject if r.error is None else None,
        "published": r.published.isoformat() if r.published else None,
        "parts": [
            {"id": p.id, "status": p.status, "line": p.line, "heading": p.heading, "location": p.location}
            for p in r.parts
        ],
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "message": f.message,
                "line": f.line,
                "column": f.column,
                "part": f.part,
                "evidence": f.evidence,
                "fix": f.fix,
                "location": f.location,
                "related_line": f.related_line,
                "paragraph": f.line if paragraphs else None,
                "section": f.section,
                "place": finding_place(r.format, f),
                "evidence_normalized": f.normalized,
            }
            for f in r.findings
        ],
        "suppressed": r.suppressed,
        "skipped": dict(r.skipped),
    }
    out["notes"] = list(r.notes)
    if r.error is None:
        out["coverage"] = r.coverage.to_dict() if r.coverage is not None else None
    else:
        out["error"] = r.error
    return out


def render(results: Iterable[ReportResult], rulebook=None, quiet: bool = False) -> str:
    """The document; ``quiet``: only the reports that do not pass (the summary still counts all)."""
    from ..summary import summarize

    results = list(results)
    skipped = [{"path": r.path, "reason": r.skipped_file} for r in results if r.skipped_file is not None]
    results = [r for r in results if r.skipped_file is None]
    shown = [r for r in results if not (quiet and r.error is None and r.passed)]
    summary = summarize(results).to_dict()
    try:  # each report's text made from its dict at once: the dicts of all reports never exist together
        doc = {"reports": _Encoded(_encoded(report_to_dict(r), "\n    ") for r in shown), "summary": summary}
        if skipped:  # files listed but deliberately not checked (lock files, hidden files…)
            doc["skipped_files"] = skipped
        return _encoded(doc, "\n") + "\n"
    except _Unusual:
        doc = {"reports": [report_to_dict(r) for r in shown], "summary": summary}
        if skipped:
            doc["skipped_files"] = skipped
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render_statistics(results: Iterable[ReportResult], rulebook=None) -> str:
    """``--statistics --format json``: the counts per rule and the summary."""
    from ..summary import statistics, summarize

    results = list(results)
    doc = {"statistics": [c.to_dict() for c in statistics(results, rulebook)], "summary": summarize(results).to_dict()}
    return dumps(doc) + "\n"


class _Unusual(Exception):
    """A value :func:`dumps` leaves to the json module."""


def dumps(doc) -> str:
    """``json.dumps(doc, ensure_ascii=False, indent=2)``, the same text, in a fraction of its time.

    The json module encodes with ``indent`` in pure Python, through a generator per
    container; this writes the plain values of a report document (str, int, float, bool,
    None, lists, tuples, dicts) into one list of pieces.  Anything else goes to json.dumps.
    """
    try:
        return _encoded(doc, "\n")
    except _Unusual:
        return json.dumps(doc, ensure_ascii=False, indent=2)


class _Encoded(list):
    """A list whose items are their JSON text already (written at the indent of a list item)."""


def _encoded(o, newline: str) -> str:
    parts: list[str] = []
    _encode(o, parts, newline)
    return "".join(parts)


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == INFINITY:
        return "Infinity"
    if o == -INFINITY:
        return "-Infinity"
    return float.__repr__(o)


def _key(k) -> str:
    if isinstance(k, str):
        return k
    if isinstance(k, float):
        return _float(k)
    if k is True:
        return "true"
    if k is False:
        return "false"
    if k is None:
        return "null"
    if isinstance(k, int):
        return int.__repr__(k)
    raise _Unusual


def _encode(o, parts: list, newline: str) -> None:
    """Append the text of ``o`` whose own line starts at ``newline`` (``"\n"`` + its indent)."""
    if type(o) is _Encoded:
        if not o:
            parts.append("[]")
            return
        inner = newline + "  "
        parts.append("[" + inner)
        parts.append(("," + inner).join(o))
        parts.append(newline + "]")
    elif isinstance(o, str):
        parts.append(encode_basestring(o))
    elif o is None:
        parts.append("null")
    elif o is True:
        parts.append("true")
    elif o is False:
        parts.append("false")
    elif isinstance(o, int):
        parts.append(int.__repr__(o))
    elif isinstance(o, float):
        parts.append(_float(o))
    elif isinstance(o, (list, tuple)):
        if not o:
            parts.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for v in o:
            parts.append(sep)
            sep = "," + inner
            _encode(v, parts, inner)
        parts.append(newline + "]")
    elif isinstance(o, dict):
        if not o:
            parts.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for k, v in o.items():
            parts.append(sep)
            parts.append(encode_basestring(_key(k)))
            parts.append(": ")
            sep = "," + inner
            _encode(v, parts, inner)
        parts.append(newline + "}")
    else:
        raise _Unusual
