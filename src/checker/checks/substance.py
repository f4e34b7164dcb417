"""Substance, not just headings: warnings about parts that are there but say little.

* ``first-responsible-duties``: the first-responsible part names too few of the
  principal leader's concrete duties (会前学法, 述法, 听取汇报, 亲自部署 / 督办,
  出庭应诉 …);
* ``measures-figures``: the measures carry too few figures per 1,000 characters;
* ``plan-concrete-items``: next year's plan is slogans, not a list of tasks;
* ``causes-restate-problems``: the causes only repeat the problems.

A part that is missing, or so short that ``thin-part`` applies, is left to
those rules.  Every threshold, pattern and word list is rulebook data.
"""

from __future__ import annotations

import re

from ..textkit import cjk_len
from . import Context

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_DOC_NAME = re.compile(r"《[^》\n]{2,40}》")
#: a cause marker short enough to be a label ("主要原因:"), not the cause itself
_MARKER_CHARS = 6


def _chars(text: str) -> int:
    return cjk_len(text)


def _bigrams(text: str) -> set[str]:
    out: set[str] = set()
    for run in _CJK_RUN.findall(text):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out


def first_responsible_duties(ctx: Context, check):
    m = ctx.parts.get("first_responsible")
    if m is None or m.status == "missing" or _chars(m.text) < m.part.min_chars:
        return
    duties = check.params.get("duties", [])
    found = [d["name"] for d in duties if re.search(d["pattern"], m.text)]
    minimum = int(check.params.get("min_duties", 2))
    if len(found) >= minimum:
        return
    missing = [d["name"] for d in duties if d["name"] not in found]
    yield ctx.finding(
        check,
        ctx.fill(
            check.message,
            name=m.part.name,
            count=len(found),
            found=f"（{'、'.join(found)}）" if found else "",
            missing="、".join(missing),
        ),
        line=m.line,
        part="first_responsible",
        evidence=m.heading.text if m.heading is not None else None,
        fix=ctx.fill(check.fix),
    )


def count_figures(text: str, rulebook) -> int:
    """Figures in a text by the measures-figures check's number pattern (years and dates excluded)."""
    conf = rulebook.checks.get("measures-figures")
    pattern = conf.params.get("number_pattern") if conf is not None else None
    return sum(1 for _ in re.finditer(pattern or r"(?<![\d.])\d{1,12}(?![\d.年月日号])", text))


def measures_figures(ctx: Context, check):
    m = ctx.parts.get("measures")
    chars = _chars(m.text) if m is not None else 0
    if m is None or m.status == "missing" or chars < max(int(check.params.get("min_chars", 0)), 1):
        return
    count = count_figures(m.text, ctx.rulebook)
    minimum = float(check.params.get("min_per_1000", 3))
    rate = 1000 * count / chars
    if rate < minimum:
        yield ctx.finding(
            check,
            ctx.fill(check.message, chars=chars, count=count, rate=f"{rate:.1f}", minimum=f"{minimum:g}"),
            line=m.line,
            part="measures",
            evidence=m.heading.text if m.heading is not None else None,
            fix=ctx.fill(check.fix),
        )


def plan_concrete_items(ctx: Context, check):
    m = ctx.parts.get("next_year_plan")
    if m is None or m.status == "missing" or _chars(m.text) < max(int(check.params.get("min_chars", 0)), m.part.min_chars, 1):
        return
    pattern = check.params.get("item_pattern")
    items = sum(1 for _ in re.finditer(pattern, m.text)) if pattern else 0
    words = sum(1 for w in check.params.get("concrete", []) if w in m.text)
    concrete = words + len(_DOC_NAME.findall(m.text)) + count_figures(m.text, ctx.rulebook)
    if items >= int(check.params.get("min_items", 2)) and concrete >= int(check.params.get("min_concrete", 3)):
        return
    yield ctx.finding(
        check,
        ctx.fill(check.message, items=items, concrete=concrete),
        line=m.line,
        part="next_year_plan",
        evidence=m.heading.text if m.heading is not None else None,
        fix=ctx.fill(check.fix),
    )


def _cause_segments(m) -> list[str]:
    """The causes' own text: a causes section, or each evidence line from its causal phrase on."""
    if m.via == "heading":
        return [m.text]
    compiled = [re.compile(p) for p in m.part.patterns]
    out = []
    for ln in m.evidence:
        starts = [mt for mt in (rx.search(ln.text) for rx in compiled) if mt]
        if not starts:
            continue
        first = min(starts, key=lambda mt: mt.start())
        skip = first.end() if first.end() - first.start() <= _MARKER_CHARS else first.start()
        out.append(ln.text[skip:])
    return out


def causes_restate_problems(ctx: Context, check):
    m = ctx.parts.get("causes")
    container = ctx.parts.get(m.part.within) if m is not None and m.part.within else None
    if m is None or m.status == "missing" or container is None or container.status == "missing":
        return
    segments = [s for s in _cause_segments(m) if s]
    causes = "\n".join(segments)
    if _chars(causes) < int(check.params.get("min_chars", 8)):
        return
    problems = container.text
    for seg in segments:
        problems = problems.replace(seg, "")
    cause_grams = _bigrams(causes)
    problem_grams = _bigrams(problems)
    if not cause_grams or len(problem_grams) < 4:
        return
    share = len(cause_grams & problem_grams) / len(cause_grams)
    if share >= float(check.params.get("max_similarity", 0.6)):
        yield ctx.finding(
            check,
            ctx.fill(check.message, percent=round(100 * share)),
            line=m.line,
            part="causes",
            evidence=causes[:80],
            fix=ctx.fill(check.fix),
        )
