"""This year's report against last year's: what the cross-year kinds share.

The kinds ``unaddressed`` (a shortcoming listed last year that nothing this
year addresses), ``copied`` (a plan item near-copied from last year's plan)
and ``unreported`` (a plan item of last year this year never mentions) read a
:class:`YearView` of each report.

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
from typing import Iterable, Optional

from .dccache import dataclass
from .matcher import PartMatch
from .normalize import TextLine
from .outline import Outline
from .rulebook import Rulebook
from .schema import param
from .textkit import DIGITS, NUMERALS, SENTENCE, cjk_len, squeeze

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


def _roles(rulebook: Rulebook) -> tuple[Optional[str], Optional[str], list[str]]:
    """(problems, plan, causes) part ids, read from the parts' data: the plan is the part whose
    heading year is the report year + 1 (``year_offset: 1``); the causes are the parts found
    ``within`` another, which is the problems part."""
    plan = next((p.id for p in rulebook.parts if p.year_offset == 1), None)
    causes = [p.id for p in rulebook.parts if p.within]
    problems = rulebook.part(causes[0]).within if causes else None
    return problems, plan, causes


_MISSING = PartMatch(part=None, status="missing")  # type: ignore[arg-type]


def year_view(path: str, year: Optional[int], outline: Outline, parts: dict[str, PartMatch], rulebook: Rulebook) -> YearView:
    problems, plan_id, cause_ids = _roles(rulebook)
    sm = parts.get(problems, _MISSING) if problems else _MISSING
    pm = parts.get(plan_id, _MISSING) if plan_id else _MISSING
    short_lines, short_inline = _section(outline, sm)
    plan_lines, plan_inline = _section(outline, pm)
    if sm.heading is not None and sm.heading is pm.heading:
        cut = _plan_starts(short_lines, year, rulebook.part(plan_id).signals)
        short_lines, plan_lines = short_lines[:cut], short_lines[cut:]
        plan_inline = None
    cause_lines: set[int] = set()
    for cid in cause_ids:
        causes = parts.get(cid, _MISSING)
        cause_lines |= {ln.index for ln in causes.evidence}
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
    return YearView(path=path, year=year, shortcomings=shortcomings, plan=plan, done=done)


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


class KeywordMatcher:
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
        from .tokens import cut

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


def snippet(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(text: str, limit: int = 40) -> str:
    """A snippet to put inside “…”: its own double quotes become single ones."""
    return snippet(text, limit).replace("“", "‘").replace("”", "’")


def thresholds(config) -> tuple[float, float]:
    return float(config.min_keywords), float(config.min_fuzzy)


def carried(matcher: "KeywordMatcher", item: Item, thresholds: tuple[float, float]) -> Match:
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


@dataclass(frozen=True)
class CarriedConfig:
    """The parameters of the kinds that look for last year's items in this year's report."""

    min_keywords: float = param(60, "上年度一条的关键词（按稀有程度加权）在本年度同一段中出现的比例（%）达到此值即算写到")
    min_fuzzy: float = param(85, "或：这一条的要点在本年度某一段中的模糊匹配得分（0-100）达到此值")
    stopwords: tuple[str, ...] = param((), "太常见、不作为判断依据的词")


def not_carried(done: list[Item], items: list[Item], config) -> Iterable[tuple[Item, Match]]:
    """Each of last year's ``items`` that nothing in this year's ``done`` carries, with its best match.

    ``config`` gives the thresholds (``min_keywords``, ``min_fuzzy``) and the ``stopwords``.
    """
    limits = thresholds(config)
    matcher = KeywordMatcher(done, config.stopwords)
    for item in items:
        match = carried(matcher, item, limits)
        if not match.found(*limits):
            yield item, match
