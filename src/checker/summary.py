"""What a run found, over all its reports: the totals and the counts per rule (``--statistics``).

Used by the terminal's last line, the JSON ``summary`` object and
``--statistics``; nothing here formats output.
"""

from __future__ import annotations

from typing import Iterable, Optional

from .dccache import dataclass
from .messages import tally
from .model import SEVERITIES, ReportResult


@dataclass(frozen=True)
class Summary:
    reports: int
    passed: int
    failed: int
    unreadable: int
    mean_score: Optional[float]  # of the readable reports; None when there is none
    rules: tuple[tuple[str, int], ...]  # (rule id, findings) sorted by id
    parts_missing: tuple[tuple[str, int], ...]  # (part id, reports where it is missing) sorted by id

    def to_dict(self) -> dict:
        return {
            "reports": self.reports,
            "passed": self.passed,
            "failed": self.failed,
            "unreadable": self.unreadable,
            "mean_score": self.mean_score,
            "rules": dict(self.rules),
            "parts_missing": dict(self.parts_missing),
        }

    def line(self) -> str:
        """共 5 份：通过 1，未通过 4，无法读取 0；平均分 75.7"""
        text = tally(self.reports, self.passed, self.failed, self.unreadable)
        return text + (f"；平均分 {self.mean_score:.1f}" if self.mean_score is not None else "")


def summarize(results: Iterable[ReportResult]) -> Summary:
    results = [r for r in results if r.skipped_file is None]  # files listed as skipped are no reports
    readable = [r for r in results if r.error is None]
    passed = sum(1 for r in readable if r.passed)
    rules: dict[str, int] = {}
    missing: dict[str, int] = {}
    for r in readable:
        for f in r.findings:
            rules[f.rule] = rules.get(f.rule, 0) + 1
        for p in r.parts:
            if p.status == "missing":
                missing[p.id] = missing.get(p.id, 0) + 1
    mean = round(sum(r.score for r in readable) / len(readable), 1) if readable else None
    return Summary(
        reports=len(results),
        passed=passed,
        failed=len(readable) - passed,
        unreadable=len(results) - len(readable),
        mean_score=mean,
        rules=tuple(sorted(rules.items())),
        parts_missing=tuple(sorted(missing.items())),
    )


@dataclass(frozen=True)
class RuleCount:
    """One row of ``--statistics``: a rule (``missing-part`` split by part) over the run."""

    rule: str  # "repeated-char", or "missing-part/causes"
    severity: str  # the gravest severity it had
    findings: int
    reports: int
    description: str

    def to_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "findings": self.findings, "reports": self.reports, "description": self.description}


def statistics(results: Iterable[ReportResult], rulebook) -> list[RuleCount]:
    """Counts per rule, most frequent first (then by rule id)."""
    from .scoring import finding_label

    rows: dict[str, dict] = {}
    for r in results:
        if r.error is not None:
            continue
        for f in r.findings:
            key = f"{f.rule}/{f.part}" if f.rule == "missing-part" and f.part else f.rule
            row = rows.setdefault(key, {"severity": f.severity, "findings": 0, "reports": set(), "description": ""})
            row["findings"] += 1
            row["reports"].add(r.path)
            if SEVERITIES.index(f.severity) < SEVERITIES.index(row["severity"]):
                row["severity"] = f.severity
            if not row["description"]:
                judged_by = r.rulebook if r.rulebook is not None else rulebook
                row["description"] = finding_label(f, judged_by) if judged_by is not None else f.rule
    out = [RuleCount(rule=k, severity=v["severity"], findings=v["findings"], reports=len(v["reports"]), description=v["description"]) for k, v in rows.items()]
    return sorted(out, key=lambda c: (-c.findings, c.rule))
