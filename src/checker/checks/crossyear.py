"""Cross-year checks: this year's report against last year's.

* ``unaddressed-shortcoming``: a shortcoming item listed last year that nothing
  in this year's report (rectification, measures, first-responsible part)
  addresses;
* ``copied-plan``: a plan item of this year that is a near-copy of one of
  last year's plan items;
* ``plan-not-reported``: a plan item of last year that this year's account of
  its work never mentions.

Both reports are cut into *items*: enumerated points (一是…二是…, 1. 2.,
（一）（二）, 问题1.), else paragraphs, else sentences.  An item of last year
is matched against the units of this year by two measures, and the better one
counts: how much of its keywords' weight (jieba words, weighted by how rare
they are in this year's text) one unit carries, and how closely its gist (the
first clause) appears in a unit (rapidfuzz ``partial_ratio``).  Thresholds,
stop words and texts are rulebook data.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable, Optional

from ..matcher import PartMatch, match_parts
from ..model import Document
from ..normalize import TextLine, normalize
from ..outline import Outline, build_outline
from ..rulebook import Rulebook
from ..textkit import DIGITS, NUMERALS, SENTENCE, cjk_len, squeeze
from . import Context

_NUM = NUMERALS
#: where an enumerated item starts: at the start of a line or after a stop
#: (一是 / 其一 also after a comma or colon: "主要表现在:一是……,二是……")
_ENUM = re.compile(
    rf"(?:^|(?<=[。;!?:,]))\s*(?:[{_NUM}]{{1,3}}是|其[{_NUM}]{{1,2}}[,是])|"
    rf"(?:^|(?<=[。;!?]))\s*(?:第[{_NUM}]{{1,3}}[,、]|问题\s*\d{{1,2}}\s*[.、:]?|\d{{1,2}}\s*[.、](?!\d)|"
    rf"\(\d{{1,2}}\)|\([{_NUM}]{{1,3}}\)|[{_NUM}]{{1,3}}\s*[、.,](?!\d))"
)
#: a line with no sentence punctuation and this short is a signature, a date or a heading, not an item
_BARE = re.compile(r"^[^。;,:!?]{0,30}$")
_CLAUSE_END = re.compile(r"[。;!?:,]")
_YEAR_START = re.compile(r"^\s*(20\d{2})\s*年")
MIN_ITEM_CHARS = 6
MIN_GIST_CHARS = 8  # a shorter gist (加强统筹谋划) is too generic to match on its own
MIN_SENTENCE_KEYWORDS = 3


@dataclass(frozen=True)
class Item:
    """One point of a report: its text (normalized) and the line it starts on."""

    text: str
    line: TextLine

    @property
    def gist(self) -> str:
        """The item without its enumerator, up to the first stop: what it is about."""
        body = _ENUM.sub("", self.text, count=1).strip()
        m = _CLAUSE_END.search(body)
        gist = body[: m.start()] if m and m.start() >= MIN_ITEM_CHARS else body
        return gist[:80]


@dataclass
class YearView:
    """What the cross-year checks need from one report."""

    path: str
    year: Optional[int]
    shortcomings: list[Item]
    plan: list[Item]
    done: list[Item]  # what the report says was done: every item outside shortcomings, causes and plan
    format: Optional[str] = None  # the file's format, for saying where an item is (第 N 行 / 第 N 段)
    subject: Optional[str] = None  # the organ that wrote it (to check that the pair belongs together)

    def where(self, line: TextLine) -> str:
        from ..places import where

        return where(self.format, line.number, line.location)

    @property
    def name(self) -> str:
        from pathlib import Path

        return Path(self.path).name


def split_items(lines: list[TextLine], first_inline: Optional[tuple[TextLine, str]] = None) -> list[Item]:
    """Enumerated items of a section; if none, its paragraphs; a lone paragraph, its sentences."""
    texts: list[tuple[TextLine, str]] = ([first_inline] if first_inline and first_inline[1] else []) + [(ln, ln.text) for ln in lines]
    enumerated: list[Item] = []
    for ln, text in texts:
        starts = [m.start() for m in _ENUM.finditer(text)]
        if not starts:
            continue
        bounds = starts + [len(text)]
        for a, b in zip(bounds, bounds[1:]):
            piece = text[a:b].strip()
            if cjk_len(piece) >= MIN_ITEM_CHARS:
                enumerated.append(Item(piece, ln))
    if enumerated:
        return enumerated
    paragraphs = [Item(text.strip(), ln) for ln, text in texts if cjk_len(text) >= MIN_ITEM_CHARS and not _BARE.match(text.strip())]
    if len(paragraphs) != 1:
        return paragraphs
    only = paragraphs[0]
    return [Item(s.strip(), only.line) for s in SENTENCE.findall(only.text) if cjk_len(s) >= MIN_ITEM_CHARS]


def _section(outline: Outline, m: PartMatch) -> tuple[list[TextLine], Optional[tuple[TextLine, str]]]:
    if m.status == "missing":
        return [], None
    if m.heading is not None and m.via == "heading":
        return outline.section_lines(m.heading), (m.heading.line, m.heading.inline_body)
    return list(m.evidence), None


def _plan_starts(lines: list[TextLine], year: Optional[int], signals: Iterable[str]) -> int:
    """In a section that holds both shortcomings and plan, the index where the plan begins."""
    for i, ln in enumerate(lines):
        m = _YEAR_START.match(ln.text)
        if m and year is not None and int(m.group(1)) > year:
            return i
        head = ln.text[:30]
        if any(s in head for s in signals):
            return i
    return len(lines)


def year_view(path: str, year: Optional[int], outline: Outline, parts: dict[str, PartMatch], rulebook: Rulebook, fmt: Optional[str] = None) -> YearView:
    short_lines, short_inline = _section(outline, parts["shortcomings"])
    plan_lines, plan_inline = _section(outline, parts["next_year_plan"])
    sm, pm = parts["shortcomings"], parts["next_year_plan"]
    if sm.heading is not None and sm.heading is pm.heading:
        cut = _plan_starts(short_lines, year, rulebook.part("next_year_plan").signals)
        short_lines, plan_lines = short_lines[:cut], short_lines[cut:]
        plan_inline = None
    causes = parts["causes"]
    cause_lines = {ln.index for ln in causes.evidence}
    if causes.heading is not None:
        cause_lines |= {ln.index for ln in outline.section_lines(causes.heading)} | {causes.heading.line.index}
    short_lines = [ln for ln in short_lines if ln.index not in cause_lines]
    if short_inline and short_inline[0].index in cause_lines:
        short_inline = None
    shortcomings = split_items(short_lines, short_inline)
    plan = split_items(plan_lines, plan_inline)

    excluded = {ln.index for ln in short_lines} | {ln.index for ln in plan_lines} | cause_lines
    for m in (sm, pm):
        if m.heading is not None:
            excluded.add(m.heading.line.index)
    if outline.title_line is not None:
        excluded.add(outline.title_line.index)
    done: list[Item] = []
    for ln in outline.body:
        if ln.index in excluded:
            continue
        pieces = split_items([ln])
        done.extend(pieces or ([Item(ln.text, ln)] if cjk_len(ln.text) >= MIN_ITEM_CHARS else []))
    return YearView(path=path, year=year, shortcomings=shortcomings, plan=plan, done=done, format=fmt)


def previous_view(doc: Document, rulebook: Rulebook) -> YearView:
    """Analyse last year's report just far enough for the cross-year checks."""
    from ..metadata import detect_year

    from ..profiles import SIGNATURE_LINES, report_subject

    outline = build_outline(normalize(doc))
    parts = match_parts(outline, rulebook)
    view = year_view(doc.path, detect_year(outline, parts), outline, parts, rulebook, doc.format)
    view.subject = report_subject(outline.title, [ln.text for ln in outline.body[-SIGNATURE_LINES:]], rulebook.detect)
    return view


@dataclass
class Comparison:
    """Last year's report next to this year's, as the three checks see them."""

    previous: YearView
    current: YearView


def compare(previous: Document, rulebook: Rulebook, path: str, year: Optional[int], outline: Outline, parts: dict[str, PartMatch], fmt: Optional[str] = None) -> Comparison:
    return Comparison(previous_view(previous, rulebook), year_view(path, year, outline, parts, rulebook, fmt))


# ---------------------------------------------------------------- matching


#: quoted terms (“上热中温下冷”) and titles (《……条例》) are keywords as they stand
_QUOTED = re.compile(r"“([^”]{2,16})”|《([^》]{2,40})》")


@dataclass(frozen=True)
class Match:
    """The units of this year that carry a text of last year best, by each measure."""

    cover: float = 0.0  # % of the text's keyword weight found in one unit
    cover_unit: Optional[Item] = None
    fuzzy: float = 0.0  # rapidfuzz partial_ratio of the text's gist in one unit
    fuzzy_unit: Optional[Item] = None

    def found(self, min_cover: float, min_fuzzy: float) -> bool:
        return self.cover >= min_cover or self.fuzzy >= min_fuzzy

    def closest(self, min_cover: float, min_fuzzy: float) -> tuple[Optional[Item], float]:
        """The unit that came nearest to its threshold, and its score."""
        if self.cover / max(min_cover, 1) >= self.fuzzy / max(min_fuzzy, 1):
            return self.cover_unit, self.cover
        return self.fuzzy_unit, self.fuzzy

    def better(self, other: "Match", min_cover: float, min_fuzzy: float) -> bool:
        return max(self.cover / max(min_cover, 1), self.fuzzy / max(min_fuzzy, 1)) > max(
            other.cover / max(min_cover, 1), other.fuzzy / max(min_fuzzy, 1)
        )


class _Matcher:
    """Finds, for a text of last year, the unit of this year that carries it best.

    Keywords are quoted terms (“上热中温下冷”) and jieba words of two or more
    characters that are not stop words; each weighs more the fewer of this
    year's units contain it, so that a word found everywhere counts little.
    """

    def __init__(self, units: list[Item], stopwords: Iterable[str]):
        self.units = units
        self.stopwords = set(stopwords)
        self._df: dict[str, int] = {}
        self._keys = [squeeze(u.text) for u in units]

    def keywords(self, text: str) -> list[str]:
        from ..tokens import cut

        out = [q for pair in _QUOTED.findall(text) for q in pair if cjk_len(q) >= 2]
        for tok in cut(DIGITS.sub(" ", text)):
            if cjk_len(tok) >= 2 and tok not in self.stopwords and tok not in out:
                out.append(tok)
        return out

    def weight(self, word: str) -> float:
        if word not in self._df:
            self._df[word] = sum(1 for u in self.units if word in u.text)
        return math.log((len(self.units) + 1) / (self._df[word] + 1)) + 1.0

    def best(self, text: str, gist: str) -> Match:
        from rapidfuzz import fuzz

        weights = {w: self.weight(w) for w in self.keywords(text)}
        total = sum(weights.values())
        core = squeeze(gist)
        use_fuzzy = len(core) >= MIN_GIST_CHARS
        cover, cover_unit, fuzzy, fuzzy_unit = 0.0, None, 0.0, None
        for u, key in zip(self.units, self._keys):
            if total:
                c = 100.0 * sum(wt for w, wt in weights.items() if w in u.text) / total
                if c > cover:
                    cover, cover_unit = c, u
            if use_fuzzy:
                f = fuzz.partial_ratio(core, key)
                if f > fuzzy:
                    fuzzy, fuzzy_unit = f, u
        return Match(cover, cover_unit, fuzzy, fuzzy_unit)


def _snippet(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quoted(text: str, limit: int = 40) -> str:
    """A snippet to put inside “…”: its own double quotes become single ones."""
    return _snippet(text, limit).replace("“", "‘").replace("”", "’")


def _thresholds(check) -> tuple[float, float]:
    return float(check.params.get("min_keywords", 60)), float(check.params.get("min_fuzzy", 85))


def _carried(matcher: _Matcher, item: Item, thresholds: tuple[float, float]) -> Match:
    """How well this year carries an item: the item as a whole, or any one of its sentences.

    A sentence counts only when it has enough keywords of its own
    (MIN_SENTENCE_KEYWORDS), so that a stock phrase ("狠抓工作落实") matches nothing.
    """
    best = matcher.best(item.text, item.gist)
    sentences = SENTENCE.findall(item.text)
    if len(sentences) > 1:
        for s in sentences:
            if len(matcher.keywords(s)) >= MIN_SENTENCE_KEYWORDS:
                m = matcher.best(s, Item(s, item.line).gist)
                if m.better(best, *thresholds):
                    best = m
    return best


def _closest_evidence(ctx: Context, check, match: Match, thresholds: tuple[float, float]) -> Optional[str]:
    unit, score = match.closest(*thresholds)
    if unit is None:
        return None
    return ctx.fill(check.params.get("evidence"), line=_cross(ctx).current.where(unit.line), score=f"{score:.0f}", text=_snippet(unit.text))


def _cross(ctx: Context) -> Optional[Comparison]:
    return getattr(ctx, "cross", None)


def _not_carried(ctx: Context, check, items: list, part_id: str):
    """(item, match, line) for each of last year's items that nothing this year carries.

    ``line`` is where this year's ``part_id`` starts (the place to write about
    the item), or None when that part is missing.
    """
    cross = _cross(ctx)
    thresholds = _thresholds(check)
    matcher = _Matcher(cross.current.done, check.params.get("stopwords", ()))
    part = ctx.parts.get(part_id)
    where = part.line if part is not None and part.status != "missing" else None
    for item in items:
        match = _carried(matcher, item, thresholds)
        if not match.found(*thresholds):
            yield item, match, where


def unaddressed_shortcoming(ctx: Context, check):
    cross = _cross(ctx)
    if cross is None or not cross.previous.shortcomings:
        return
    for item, match, where in _not_carried(ctx, check, cross.previous.shortcomings, "rectification"):
        yield ctx.finding(
            check,
            ctx.fill(check.message, item=_quoted(item.gist), previous=cross.previous.name, previous_line=cross.previous.where(item.line)),
            line=where,
            part="rectification",
            evidence=_closest_evidence(ctx, check, match, _thresholds(check)),
            fix=ctx.fill(check.fix, item=_quoted(item.gist)),
        )


def copied_plan(ctx: Context, check):
    from rapidfuzz import fuzz

    cross = _cross(ctx)
    if cross is None or not cross.previous.plan:
        return
    threshold = float(check.params.get("similarity", 85))
    min_chars = int(check.params.get("min_chars", 20))

    def key(item: Item) -> str:
        return DIGITS.sub("#", squeeze(item.text))

    previous = [(p, key(p)) for p in cross.previous.plan if cjk_len(p.text) >= min_chars]
    for item in cross.current.plan:
        if cjk_len(item.text) < min_chars or not previous:
            continue
        k = key(item)
        score, p = max(((fuzz.ratio(k, pk), p) for p, pk in previous), key=lambda t: t[0])
        if score < threshold:
            continue
        yield ctx.finding(
            check,
            ctx.fill(check.message, item=_quoted(item.gist), previous=cross.previous.name, previous_line=cross.previous.where(p.line), score=f"{score:.0f}"),
            line=item.line,
            part="next_year_plan",
            evidence=ctx.fill(check.params.get("evidence"), line=cross.previous.where(p.line), text=_snippet(p.text)),
        )


def plan_not_reported(ctx: Context, check):
    cross = _cross(ctx)
    if cross is None or not cross.previous.plan:
        return
    for item, _match, where in _not_carried(ctx, check, cross.previous.plan, "measures"):
        yield ctx.finding(
            check,
            ctx.fill(check.message, item=_quoted(item.gist), previous=cross.previous.name, previous_line=cross.previous.where(item.line)),
            line=where,
            part="measures",
            evidence=_snippet(item.text),
        )
