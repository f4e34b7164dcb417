"""Score 0-100 from the rulebook's weights.

The parts earn their weight (present: all of it, weak: ``weak_credit`` of it,
missing: none); the sum is scaled to 100.  Each finding then costs its check's
``penalty``, at most ``max_penalty`` per check.  A report passes with a score
at or above the pass mark and no error-severity finding.
"""

from __future__ import annotations

from collections import defaultdict

from .matcher import PartMatch
from .model import Finding
from .rulebook import Rulebook


def score(parts: dict[str, PartMatch], findings: list[Finding], rulebook: Rulebook) -> float:
    total = sum(m.part.weight for m in parts.values())
    credit = {"present": 1.0, "weak": rulebook.weak_credit, "missing": 0.0}
    earned = sum(m.part.weight * credit[m.status] for m in parts.values())
    base = 100.0 * earned / total if total else 100.0
    lost: dict[str, float] = defaultdict(float)
    for f in findings:
        check = rulebook.checks.get(f.rule)
        if check is None or not check.penalty:
            continue
        lost[f.rule] += check.penalty
        if check.max_penalty is not None:
            lost[f.rule] = min(lost[f.rule], check.max_penalty)
    return round(max(0.0, min(100.0, base - sum(lost.values()))), 1)


def passed(value: float, findings: list[Finding], pass_mark: float) -> bool:
    return value >= pass_mark and not any(f.severity == "error" for f in findings)
