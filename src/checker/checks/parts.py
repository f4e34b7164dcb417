"""missing-part, thin-part, part-order."""

from __future__ import annotations


from ..textkit import SENTENCE, cjk_len
from . import Context



def count_sentences(text: str) -> int:
    return sum(1 for s in SENTENCE.findall(text) if cjk_len(s) >= 4)


def missing_part(ctx: Context, check):
    for pid, m in ctx.parts.items():
        if m.status != "missing":
            continue
        part = m.part
        message = part.message
        line = None
        if part.within:
            container = ctx.parts.get(part.within)
            line = container.line if container is not None else None
            if m.promised and part.promised_message:
                message = part.promised_message
        yield ctx.finding(check, message, line=line, part=pid, fix=ctx.fill(part.fix), severity=part.severity)


def thin_part(ctx: Context, check):
    max_sentences = int(check.params.get("max_sentences", 2))
    for pid, m in ctx.parts.items():
        part = m.part
        if m.status != "present" or m.via != "heading" or part.within or part.min_chars <= 0:
            continue
        chars = cjk_len(m.text)
        sentences = count_sentences(m.text)
        if chars < part.min_chars and sentences <= max_sentences:
            yield ctx.finding(
                check,
                ctx.fill(check.message, name=part.name, sentences=sentences, chars=chars),
                line=m.line,
                part=pid,
                evidence=m.heading.text if m.heading else None,
                fix=ctx.fill(check.fix, name=part.name),
            )


def _kept_in_order(placed: list) -> list:
    """The longest run of parts already in template order (ties: the lower orders)."""
    best: list[list] = []
    for k, m in enumerate(placed):
        options = [best[i] + [m] for i in range(k) if placed[i].part.order <= m.part.order]
        options.append([m])
        best.append(max(options, key=lambda seq: (len(seq), -sum(x.part.order for x in seq))))
    return max(best, key=lambda seq: (len(seq), -sum(x.part.order for x in seq)), default=[])


def part_order(ctx: Context, check):
    """Parts with their own top-level heading, in file order, against the template's order.

    The parts outside the longest in-order run are the misplaced ones; each is
    reported once, with the part it should follow (or precede).
    """
    top = ctx.outline.top_rank
    placed = [
        m
        for m in ctx.parts.values()
        if m.part.order > 0 and m.status == "present" and m.heading is not None and m.heading.rank == top
    ]
    placed.sort(key=lambda m: (m.heading.start, m.part.order))
    kept = _kept_in_order(placed)
    for m in placed:
        if m in kept:
            continue
        before = [k for k in kept if k.part.order <= m.part.order]
        if before:
            anchor, relation = before[-1], "之后"
        else:
            anchor, relation = kept[0], "之前"
        yield ctx.finding(
            check,
            ctx.fill(check.message, name=m.part.name, anchor=anchor.part.name, relation=relation),
            line=m.line,
            part=m.part.id,
            evidence=m.heading.text,
        )
