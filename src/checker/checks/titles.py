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
