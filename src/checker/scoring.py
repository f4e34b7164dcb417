"""Score 0-100 from the rulebook's weights.

The parts earn their weight (present: all of it, weak: ``weak_credit`` of it,
missing: none), the 纲要 coverage earns its weight in proportion; the sum
is scaled to 100.  Each finding then costs its rule's
``penalty``, at most ``max_penalty`` per rule.  A report passes with a score
at or above the pass mark and no error-severity finding (or, with
``fail_on``, none of that severity or graver).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Optional

from .matcher import PartMatch
from .model import SEVERITIES, Coverage, Finding
from .rulebook import Rulebook


def score(parts: dict[str, PartMatch], findings: list[Finding], rulebook: Rulebook, coverage: Optional[Coverage] = None) -> float:
    total = sum(m.part.weight for m in parts.values())
    credit = {"present": 1.0, "weak": rulebook.weak_credit, "missing": 0.0}
    earned = sum(m.part.weight * credit[m.status] for m in parts.values())
    if coverage is not None and coverage.weight > 0:
        # the 纲要 coverage counts like one more part, earned in proportion
        total += coverage.weight
        earned += coverage.weight * coverage.percent / 100.0
    base = 100.0 * earned / total if total else 100.0
    lost: dict[str, float] = defaultdict(float)
    for f in findings:
        rule = rulebook.rules.get(f.rule)
        if rule is None or not rule.penalty:
            continue
        lost[f.rule] += rule.penalty
        if rule.max_penalty is not None:
            lost[f.rule] = min(lost[f.rule], rule.max_penalty)
    return round(max(0.0, min(100.0, base - sum(lost.values()))), 1)


def passed(value: float, findings: list[Finding], pass_mark: float, fail_on: str = "error") -> bool:
    """At or above the pass mark, and no finding of severity ``fail_on`` or graver."""
    failing = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    return value >= pass_mark and not any(f.severity in failing for f in findings)


SEVERITY_COUNTED = {"error": "个错误", "warning": "个警告", "info": "条提示"}


def finding_label(f: Finding, rulebook: Rulebook) -> str:
    """What a failing finding is about, briefly: the missing part's name, else its rule's description."""
    rule = rulebook.rules.get(f.rule)
    if f.part and (rule.kind == "parts" if rule is not None else f.rule == "missing-part"):
        names = {p.id: p.name for p in rulebook.parts}
        return f"缺少“{names.get(f.part, f.part)}”"
    if rule is None:
        return f.rule
    return short_label(rule.label)


def short_label(text: str) -> str:
    """A rule's description without its parenthesised examples and what follows a ；"""
    short = re.sub(r"（[^（）]*）", "", text).split("；")[0].strip()
    return short or text


def reason(value: float, findings: list[Finding], pass_mark: float, fail_on: str, rulebook: Rulebook) -> Optional[str]:
    """Why a report fails, in one line, or None when it passes.

    "1 个错误（缺少“不足的原因”）", "2 个错误、1 个警告（…）", "得分 55 低于及格分 60",
    both joined by "；".
    """
    failing = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    bad = [f for f in findings if f.severity in failing]
    out = []
    if bad:
        counts = "、".join(f"{n} {SEVERITY_COUNTED[sev]}" for sev in failing if (n := sum(f.severity == sev for f in bad)))
        labels: dict[str, int] = {}
        for f in bad:
            label = finding_label(f, rulebook)
            labels[label] = labels.get(label, 0) + 1
        what = "、".join(f"{label}×{n}" if n > 1 else label for label, n in labels.items())
        out.append(f"{counts}（{what}）")
    if value < pass_mark:
        out.append(f"得分 {value:g} 低于及格分 {pass_mark:g}")
    return "；".join(out) or None
