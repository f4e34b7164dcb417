"""outline-coverage: which systems of 《法治政府建设实施纲要（2021—2025年）》 the measures cover.

The topics (the eight systems plus party leadership) and their signal phrases
are rulebook data on the ``measures`` part; the check's parameters say which
topics count (a department need not cover all of them), which parts' text
counts (``parts``: the measures, and the first-responsible part), how many signals make
a topic covered, the weight of the coverage in the score, and below which
percentage a finding is reported.
"""

from __future__ import annotations

from typing import Optional

from ..matcher import PartMatch
from ..model import Coverage
from ..outline import Outline
from ..rulebook import Rulebook
from . import Context

CHECK_ID = "outline-coverage"


def measure_coverage(outline: Outline, parts: dict[str, PartMatch], rulebook: Rulebook) -> Optional[Coverage]:
    """Coverage of the measures' topics, or None when the rulebook defines none (or the check is off)."""
    check = rulebook.checks.get(CHECK_ID)
    measures = parts.get("measures")
    if check is None or not check.enabled or measures is None or not measures.part.topics:
        return None
    wanted = check.params.get("topics")
    topics = [t for t in measures.part.topics if not wanted or t.id in wanted]
    if not topics:
        return None
    if measures.status == "missing":
        text = "\n".join(ln.text for ln in outline.body if ln is not outline.title_line)
    else:
        # the measures and the other parts that account for the year's work (the
        # first-responsible part is the 纲要's "加强党的领导" in practice)
        counted = check.params.get("parts") or ["measures"]
        text = "\n".join(_text_with_heading(parts[pid]) for pid in counted if pid in parts and parts[pid].status != "missing")
    default_min = int(check.params.get("min_signals", 1))
    covered, missing = [], []
    for topic in topics:
        hits = sum(1 for s in topic.signals if s in text)
        (covered if hits >= (topic.min_signals or default_min) else missing).append(topic.id)
    return Coverage(
        percent=round(100 * len(covered) / len(topics)),
        covered=tuple(covered),
        missing=tuple(missing),
        names=tuple((t.id, t.name) for t in topics),
        weight=float(check.params.get("weight", 0)),
    )


def _text_with_heading(m: PartMatch) -> str:
    """A part's text with its heading; a heading with nothing under it covers nothing (a blank template)."""
    if not m.text.strip():
        return ""
    return f"{m.heading.text}\n{m.text}" if m.heading is not None else m.text


def outline_coverage(ctx: Context, check):
    cov = measure_coverage(ctx.outline, ctx.parts, ctx.rulebook)
    if cov is None or not cov.missing or cov.percent >= float(check.params.get("report_below", 100)):
        return
    names = dict(cov.names)
    measures = ctx.parts["measures"]
    yield ctx.finding(
        check,
        ctx.fill(
            check.message,
            covered=len(cov.covered),
            total=len(cov.names),
            percent=cov.percent,
            missing="、".join(names[t] for t in cov.missing),
        ),
        line=measures.line,
        part="measures",
        fix=ctx.fill(check.fix),
    )
