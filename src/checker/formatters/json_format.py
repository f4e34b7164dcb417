"""The stable JSON contract (see README.md)."""

from __future__ import annotations

import json
from typing import Iterable

from ..model import ReportResult


def report_to_dict(r: ReportResult) -> dict:
    out = {
        "path": r.path,
        "title": r.title,
        "year": r.year,
        "score": r.score,
        "passed": r.passed,
        "profile": r.profile,
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
            }
            for f in r.findings
        ],
    }
    if r.error is None:
        out["coverage"] = r.coverage.to_dict() if r.coverage is not None else None
    else:
        out["error"] = r.error
    return out


def render(results: Iterable[ReportResult], rulebook=None) -> str:
    doc = {"reports": [report_to_dict(r) for r in results]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
