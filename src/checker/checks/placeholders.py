"""template-placeholder: guidance or blanks of a skeleton report left in the text.

``checker template`` writes a line of guidance under every heading and a date
to fill in; a report that still carries them is a draft, whatever else it
contains.  The markers (plain strings, matched on the normalized text) are
rulebook data; a line holding one of the ``guidance`` markers is the
template's guidance and never counts as the report's content (the engine
leaves it out of the outline), so it is looked for among all lines.
"""

from __future__ import annotations

from . import Context


def template_placeholder(ctx: Context, check):
    markers = [m for m in check.params.get("markers", ()) if m]
    for ln in ctx.nd.lines:
        if not ln.text or ln.chrome:
            continue
        found = next((m for m in markers if m in ln.text), None)
        if found is not None:
            yield ctx.finding(check, ctx.fill(check.message, text=found), line=ln, evidence=ln.text[:40])
