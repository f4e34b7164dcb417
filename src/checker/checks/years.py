"""plan-year-mismatch, late-publication, missing-title."""

from __future__ import annotations

import re
from datetime import date

from ..metadata import years_in
from . import Context


def plan_year_mismatch(ctx: Context, check):
    plan = ctx.parts.get("next_year_plan")
    if ctx.year is None or plan is None or plan.status == "missing":
        return
    expected = ctx.year + 1
    where, found = None, []
    if plan.heading is not None:
        found = years_in(plan.heading.text)
        where = plan.line
        if not found:
            # the plan's opening sentence: "2024年，我县将……"
            lines = ctx.outline.section_lines(plan.heading)
            opening = plan.heading.inline_body or (lines[0].text if lines else "")
            m = re.match(r"^(20\d{2})\s*年", opening)
            if m:
                found = [int(m.group(1))]
                where = plan.line if plan.heading.inline_body else lines[0]
    for year in dict.fromkeys(found):
        if year != expected:
            yield ctx.finding(
                check,
                ctx.fill(check.message, found=year, expected=expected),
                line=where,
                part="next_year_plan",
                evidence=where.text[:80] if where is not None else None,
                fix=ctx.fill(check.fix, found=year, expected=expected),
            )


def late_publication(ctx: Context, check):
    if ctx.year is None or ctx.published is None:
        return
    month = int(check.params.get("deadline_month", 4))
    day = int(check.params.get("deadline_day", 1))
    deadline = date(ctx.year + 1, month, day)
    if ctx.published > deadline:
        yield ctx.finding(
            check,
            ctx.fill(check.message, published=ctx.published.isoformat(), deadline=f"{deadline.year}年{month}月{day}日"),
            line=ctx.published_line,
            evidence=ctx.published_line.text if ctx.published_line is not None else None,
        )


def missing_title(ctx: Context, check):
    if not ctx.outline.title:
        first = ctx.outline.body[0] if ctx.outline.body else None
        yield ctx.finding(check, check.message, line=first, evidence=first.text[:40] if first else None, fix=ctx.fill(check.fix))
