"""The stable JSON contract (see README.md)."""

from __future__ import annotations

import json
from typing import Iterable

from ..model import ReportResult
from ..places import finding_place, is_paragraphs


def report_to_dict(r: ReportResult) -> dict:
    paragraphs = is_paragraphs(r.format)
    out = {
        "path": r.path,
        "title": r.title,
        "year": r.year,
        "score": r.score,
        "passed": r.passed,
        "profile": r.profile,
        "subject": r.subject,
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
    }
    out["notes"] = list(r.notes)
    if r.error is None:
        out["coverage"] = r.coverage.to_dict() if r.coverage is not None else None
    else:
        out["error"] = r.error
    return out


def render(results: Iterable[ReportResult], rulebook=None) -> str:
    doc = {"reports": [report_to_dict(r) for r in results]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
