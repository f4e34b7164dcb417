"""Why a report passes or fails, in one line a reviewer can paste into a 通报.

A report fails when its score is below the pass mark, or when it has a
finding of the severity that fails (``--fail-on``, default ``error``) or a
graver one.  The reason names both, the error findings grouped by what they
are about (a missing part by its name).
"""

from __future__ import annotations

from .model import SEVERITIES, ReportResult

from .messages import SEVERITY as SEVERITY_LABEL, SKIPPED, UNREADABLE, verdict_word


def reason(r: ReportResult, rulebook=None) -> str:
    """Why a report fails (the engine's words, :func:`checker.scoring.reason`), why it could
    not be read, or — "得分 82（及格分 60），没有错误级问题" — why it passes."""
    if r.error is not None:
        return r.error
    if r.skipped_file is not None:
        return r.skipped_file
    if r.reason:
        return r.reason
    mark = f"（及格分 {r.pass_mark:g}）" if r.pass_mark is not None else ""
    return f"得分 {r.score:g}{mark}，没有{SEVERITY_LABEL[r.fail_on or 'error']}级问题"


def verdict(r: ReportResult) -> str:
    if r.error is not None:
        return UNREADABLE
    if r.skipped_file is not None:
        return SKIPPED
    return verdict_word(r.passed)


def top_fixes(r: ReportResult, limit: int = 3) -> list[str]:
    """The most important fixes: those of the gravest findings first, each once."""
    seen: list[str] = []
    for f in sorted(r.findings, key=lambda f: (SEVERITIES.index(f.severity), 0 if f.rule == "missing-part" else 1)):
        fix = f.fix
        if fix and fix not in seen:
            seen.append(fix)
        if len(seen) >= limit:
            break
    return seen


def missing_parts(r: ReportResult) -> list[str]:
    """Names of the parts missing, without those whose absence is only a hint (severity info)."""
    hints = {f.part for f in r.findings if f.rule == "missing-part" and f.severity == "info"}
    return [p.name for p in r.parts if p.status == "missing" and p.id not in hints]
