"""Facts about a report besides its parts: year, publication date."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Optional

from .furniture import is_date_line
from .normalize import NormalizedDocument, TextLine, parse_date
from .outline import Outline
from . import rxcache

YEAR = rxcache.compile(r"(?<![\d-])(20\d{2})\s*年(?:度)?")
YEAR_RANGE = rxcache.compile(r"20\d{2}\s*[-—–~至到]+\s*20\d{2}\s*年?")


def years_in(text: str) -> list[int]:
    """Years written as "2024年" / "2024年度", ignoring ranges such as "2021—2025年"."""
    return [int(y) for y in YEAR.findall(YEAR_RANGE.sub("", text))]


def detect_year(outline: Outline, parts: Optional[dict] = None) -> Optional[int]:
    """The reporting year.

    In order: the title; the body (see :func:`body_year`); the year mentioned
    most often.
    """
    in_body = _body_years(outline, parts)
    if outline.title:
        found = years_in(outline.title)
        if found:
            # a title copied from last year's report loses to a body whose
            # opening, measures and plan agree on another year
            if len(in_body) >= 2 and len(set(in_body)) == 1 and found[0] not in in_body:
                return in_body[0]
            return found[0]
    if in_body:
        return in_body[0]
    counts = Counter(y for ln in outline.body if not is_date_line(ln.text) for y in years_in(ln.text))
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], -kv[0]))[0]


def body_year(outline: Outline, parts: Optional[dict] = None) -> Optional[int]:
    """The year the body says it reports on, or None (see :func:`_body_years`)."""
    found = _body_years(outline, parts)
    return found[0] if found else None


def _body_years(outline: Outline, parts: Optional[dict] = None) -> list[int]:
    """What the body says the reporting year is, most telling first.

    The opening lines ("2023年，我县……"); the measures heading
    ("一、2023年推进法治政府建设的主要举措和成效"); the plan heading minus one
    ("四、2024年工作计划") — every part with a ``year_offset``, in rulebook order.
    """
    found = []
    for ln in outline.body[:4]:
        if ln is outline.title_line or is_date_line(ln.text):
            continue  # "2024年3月28日" under the title is the date of publication
        m = re.match(r"^(20\d{2})\s*年", ln.text)
        if m:
            found.append(int(m.group(1)))
            break
    for match in (parts or {}).values():
        # a part whose heading names a year relative to the report's ("year_offset":
        # the measures 0, next year's plan 1)
        offset = match.part.year_offset
        if offset is not None and match.heading is not None:
            years = years_in(match.heading.text)
            if years:
                found.append(years[0] - offset)
    return found


_CN_DATE = rxcache.compile(r"(?:[〇○零一二三四五六七八九]{4}|20\d{2})年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$")


def ends_with_date(text: str) -> bool:
    """A signature's date line: short and ending with a date (2024年2月28日 / 二〇二四年二月二十八日)."""
    text = text.strip()
    return len(text) <= 40 and bool(_DATE_AT_END.search(text) or _CN_DATE.search(text))


_DATE_AT_END = rxcache.compile(r"20\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?$")




def detect_published(nd: NormalizedDocument, outline: Outline) -> tuple[Optional[date], Optional[TextLine]]:
    """The publication date: a page field (发布日期 …), the reader's metadata, or a date line under the title."""
    if nd.published is not None:
        line = next((ln for ln in nd.lines if ln.number == nd.published_line), None)
        return nd.published, line
    if outline.title_line is not None:
        body = outline.body
        pos = body.index(outline.title_line)
        for ln in body[pos + 1 : pos + 3]:
            if is_date_line(ln.text):
                return parse_date(ln.text), ln
    return None, None
