"""Why a report passes or fails, in one line a reviewer can paste into a 通报.

A report fails when its score is below the pass mark, or when it has a
finding of the severity that fails (``--fail-on``, default ``error``) or a
graver one.  The reason names both, the error findings grouped by what they
are about (a missing part by its name).
"""

from __future__ import annotations

from collections import Counter
from .model import SEVERITIES, ReportResult

SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}


def _label(f, r: ReportResult, rulebook) -> str:
    if f.rule == "missing-part" and f.part:
        names = {p.id: p.name for p in r.parts}
        return f"缺少“{names.get(f.part, f.part)}”"
    book = r.rulebook or rulebook
    rule = getattr(book, "rules", {}).get(f.rule) if book is not None else None
    return rule.label if rule is not None else f.rule


def failing_findings(r: ReportResult) -> list:
    failing = SEVERITIES[: SEVERITIES.index(r.fail_on or "error") + 1]
    return [f for f in r.findings if f.severity in failing]


def reason(r: ReportResult, rulebook=None) -> str:
    """"得分 52 低于及格分 60；错误 2 条：缺少“不足的原因”、段落或整段内容重复" — or why it passes."""
    if r.error is not None:
        return r.error
    if r.reason:  # the engine's own words (scoring.reason)
        return r.reason
    parts = []
    if r.pass_mark is not None and r.score < r.pass_mark:
        parts.append(f"得分 {r.score:g} 低于及格分 {r.pass_mark:g}")
    bad = failing_findings(r)
    if bad:
        labels = Counter(_label(f, r, rulebook) for f in bad)
        kinds = "、".join(f"{k}×{n}" if n > 1 else k for k, n in labels.items())
        level = SEVERITY_LABEL[r.fail_on or "error"]
        parts.append(f"有{level}或更严重的问题 {len(bad)} 条：{kinds}" if (r.fail_on or "error") != "error" else f"错误 {len(bad)} 条：{kinds}")
    if not parts:
        mark = f"（及格分 {r.pass_mark:g}）" if r.pass_mark is not None else ""
        return f"得分 {r.score:g}{mark}，没有{SEVERITY_LABEL[r.fail_on or 'error']}级问题"
    return "；".join(parts)


def verdict(r: ReportResult) -> str:
    if r.error is not None:
        return "无法读取"
    return "通过" if r.passed else "未通过"


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
