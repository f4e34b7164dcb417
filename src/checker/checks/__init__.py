"""Checks: each module yields findings from an analysed report.

A check knows the rulebook and the analysis; it knows nothing of output
formats.  Every check is registered in ``CHECKS`` under its rule id.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Callable, Iterable, Optional

from ..matcher import PartMatch
from ..model import Finding
from ..normalize import NormalizedDocument, TextLine
from ..outline import Outline
from ..rulebook import Check, Rulebook


@dataclass
class Context:
    nd: NormalizedDocument
    outline: Outline
    rulebook: Rulebook
    parts: dict[str, PartMatch]
    year: Optional[int]
    published: Optional[date]
    published_line: Optional[TextLine]
    cross: Optional[Any] = None  # crossyear.Comparison with last year's report (--previous)

    def finding(
        self,
        check: Check,
        message: str,
        line: Optional[TextLine] = None,
        part: Optional[str] = None,
        evidence: Optional[str] = None,
        fix: Optional[str] = None,
        severity: Optional[str] = None,
        related: Optional[TextLine] = None,
    ) -> Finding:
        return Finding(
            rule=check.id,
            severity=severity or check.severity,
            message=message,
            line=line.number if line is not None else None,
            location=line.location if line is not None else None,
            part=part,
            evidence=evidence,
            fix=fix if fix is not None else check.fix,
            related_line=related.number if related is not None else None,
        )

    def fill(self, template: Optional[str], **values) -> Optional[str]:
        """Fill ``{year}`` ``{next_year}`` and the given values into a rulebook text."""
        if template is None:
            return None
        year = self.year
        values.setdefault("year", year if year else "XXXX")
        values.setdefault("next_year", year + 1 if year else "下一")
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):
            return template


CheckFn = Callable[[Context, Check], Iterable[Finding]]


def _registry() -> dict[str, CheckFn]:
    from . import duplicates, parts, placeholders, typos, years
    from . import crossyear
    from . import artifacts, copies, coverage, substance, titles

    return {
        "missing-part": parts.missing_part,
        "thin-part": parts.thin_part,
        "part-order": parts.part_order,
        "plan-year-mismatch": years.plan_year_mismatch,
        "late-publication": years.late_publication,
        "missing-title": years.missing_title,
        "duplicate-block": duplicates.duplicate_block,
        "repeated-char": typos.repeated_char,
        "unaddressed-shortcoming": crossyear.unaddressed_shortcoming,
        "copied-plan": crossyear.copied_plan,
        "plan-not-reported": crossyear.plan_not_reported,
        "template-placeholder": placeholders.template_placeholder,
        "title-format": titles.title_format,
        "outline-coverage": coverage.outline_coverage,
        "first-responsible-duties": substance.first_responsible_duties,
        "measures-figures": substance.measures_figures,
        "plan-concrete-items": substance.plan_concrete_items,
        "causes-restate-problems": substance.causes_restate_problems,
        "title-year-mismatch": titles.title_year_mismatch,
        "missing-signature": titles.missing_signature,
        "traditional-char": artifacts.traditional_char,
        "converter-garbage": artifacts.converter_garbage_check,
        "page-chrome": artifacts.page_chrome,
        "copied-report": copies.copied_report,  # a batch check: copies.apply() after the batch
    }


def run_checks(ctx: Context, select: Optional[set] = None, ignore: Optional[set] = None, severities: Optional[dict] = None) -> list[Finding]:
    """Findings of every enabled check, filtered by select / ignore (rule or part ids).

    ``severities`` maps a rule id or a part id to the severity its findings
    get instead (a part id wins over a rule id).
    """
    findings: list[Finding] = []
    for rule_id, fn in _registry().items():
        check = ctx.rulebook.check(rule_id)
        if not check.enabled:
            continue
        for f in fn(ctx, check):
            if select and f.rule not in select and (f.part or "") not in select:
                continue
            if ignore and (f.rule in ignore or (f.part or "") in ignore):
                continue
            if severities:
                wanted = severities.get(f.part or "") or severities.get(f.rule)
                if wanted and wanted != f.severity:
                    f = replace(f, severity=wanted)
            findings.append(f)
    return sorted(findings, key=Finding.sort_key)
