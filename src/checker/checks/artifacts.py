"""What copying and converting leave in a report.

traditional-char: traditional characters in a simplified report (or a whole
report in traditional characters); converter-garbage: pinyin readings pasted
after characters and doubled punctuation; page-chrome: web-page furniture
(索引号, 字号, 打印 …) copied with the text.  Normalization has already
cleaned all of these for the other checks; these checks tell the author.
"""

from __future__ import annotations

from ..normalize import converter_garbage
from . import Context


def traditional_char(ctx: Context, check):
    changed = ctx.nd.traditional_chars
    body = [ln for ln in ctx.outline.body if ln.text]
    if not changed or not body:
        return
    by_number = {ln.number: ln for ln in body}
    lines = [by_number[n] for n in sorted(changed) if n in by_number]
    if not lines:
        return
    if len(lines) / len(body) >= float(check.params.get("whole_text_share", 0.3)):
        first = lines[0]
        yield ctx.finding(
            check,
            ctx.fill(check.params.get("whole_text_message", check.message), count=len(lines), chars=changed[first.number]),
            line=first,
            evidence=first.raw[:40],
            severity="info",
        )
        return
    for ln in lines[: int(check.params.get("max_lines", 10))]:
        chars = changed[ln.number]
        yield ctx.finding(
            check,
            ctx.fill(check.message, chars="、".join(chars)),
            line=ln,
            evidence=_around(ln.raw, chars),
            fix=ctx.fill(check.fix, chars="、".join(chars)),
        )


def _around(raw: str, chars: str) -> str:
    pos = min((raw.find(c) for c in chars if c in raw), default=0)
    return raw[max(0, pos - 10) : pos + 10]


def converter_garbage_check(ctx: Context, check):
    hits = [(ln, converter_garbage(ln.raw)) for ln in ctx.outline.body]
    hits = [(ln, found) for ln, found in hits if found]
    if not hits:
        return
    first, found = hits[0]
    total = sum(len(f) for _, f in hits)
    yield ctx.finding(
        check,
        ctx.fill(check.message, count=total, lines=len(hits), example="”“".join(dict.fromkeys(found[:3]))),
        line=first,
        evidence=first.raw[:60],
    )


def page_chrome(ctx: Context, check):
    chrome = [ln for ln in ctx.nd.lines if ln.chrome]
    if not chrome:
        return
    yield ctx.finding(
        check,
        ctx.fill(check.message, count=len(chrome), example=chrome[0].text[:30]),
        line=chrome[0],
        evidence=chrome[0].raw[:60],
    )
