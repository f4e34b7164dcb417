"""title-format: the title does not have the form the guidelines prescribe.

The accepted forms are regular expressions in the rulebook (a province writes
its own); a report without a title is ``missing-title``'s business.
"""

from __future__ import annotations

import re

from . import Context


def title_format(ctx: Context, check):
    title = ctx.outline.title
    patterns = check.params.get("patterns", [])
    if not title or not patterns or any(re.search(p, title) for p in patterns):
        return
    yield ctx.finding(
        check,
        ctx.fill(check.message, title=title),
        line=ctx.outline.title_line,
        evidence=title[:80],
        fix=ctx.fill(check.fix),
    )


def title_year_mismatch(ctx: Context, check):
    """The title names one year, the body reports on another."""
    from ..metadata import body_year, years_in

    title = ctx.outline.title
    found = years_in(title) if title else []
    if not found:
        return
    in_body = body_year(ctx.outline, ctx.parts)
    if in_body is not None and in_body != found[0]:
        yield ctx.finding(
            check,
            ctx.fill(check.message, title_year=found[0], body_year=in_body),
            line=ctx.outline.title_line,
            evidence=title[:80],
            fix=ctx.fill(check.fix, title_year=found[0], body_year=in_body),
        )


def missing_signature(ctx: Context, check):
    """No 落款: none of the last lines is a short line ending with a date."""
    from ..metadata import ends_with_date

    body = [ln for ln in ctx.outline.body if ln is not ctx.outline.title_line]
    tail = body[-int(check.params.get("last_lines", 4)) :]
    if not tail or any(ends_with_date(ln.text) for ln in tail):
        return
    yield ctx.finding(check, ctx.fill(check.message), line=tail[-1], evidence=tail[-1].text[-40:])
