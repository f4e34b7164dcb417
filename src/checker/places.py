"""Where a finding is, said the way the user's program shows it.

* Word documents (.docx, and .doc/.wps/.rtf/.odt read through LibreOffice):
  "第 35 段", with the heading the paragraph sits under — Word shows no line
  numbers, but paragraphs and headings (Navigation Pane) it does;
* PDF: "第 3 页第 12 行";
* text, Markdown, HTML: "第 35 行".

:func:`localize` gives each finding of a report the heading it sits under
(:attr:`Finding.section`) and quotes its evidence in the file's own characters
(:mod:`checker.original`); the normalized form is kept beside it
(:attr:`Finding.normalized`) when it says something else.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Optional

from .original import differs, original, quote

#: document formats whose numbers count paragraphs, not lines
PARAGRAPH_FORMATS = frozenset({"docx", "doc", "wps", "rtf", "odt"})
#: the longest heading quoted in a place
SECTION_CHARS = 24


def is_paragraphs(fmt: Optional[str]) -> bool:
    return fmt in PARAGRAPH_FORMATS


def where(fmt: Optional[str], line: Optional[int], location: Optional[str] = None) -> str:
    """"第 35 段" / "第 3 页第 12 行" / "第 35 行"; "全文" without a line."""
    if line is None:
        return "全文"
    if location and ":" in location:
        page, _, row = location.partition(":")
        return f"第 {page} 页第 {row} 行"
    if is_paragraphs(fmt):
        return f"第 {line} 段"
    return f"第 {location or line} 行"


def span(fmt: Optional[str], first: int, last: int, first_location: Optional[str] = None, last_location: Optional[str] = None) -> str:
    """A range of lines or paragraphs: "第 12-14 段", "第 3 页第 5 行至第 4 页第 2 行"."""
    if first == last:
        return where(fmt, first, first_location)
    if first_location and ":" in first_location and last_location and ":" in last_location:
        return f"{where(fmt, first, first_location)}至{where(fmt, last, last_location)}"
    unit = "段" if is_paragraphs(fmt) else "行"
    return f"第 {first}-{last} {unit}"


def short_section(section: Optional[str]) -> Optional[str]:
    if not section:
        return None
    section = " ".join(section.split())
    return section if len(section) <= SECTION_CHARS else section[: SECTION_CHARS - 1] + "…"


def place(fmt: Optional[str], line: Optional[int], location: Optional[str] = None, section: Optional[str] = None) -> str:
    """:func:`where`, and for a Word document the heading it sits under: "第 35 段（二、存在的不足）"."""
    shown = where(fmt, line, location)
    heading = short_section(section)
    if line is not None and heading and is_paragraphs(fmt):
        return f"{shown}（{heading}）"
    return shown


def finding_place(fmt: Optional[str], f) -> str:
    return place(fmt, f.line, f.location, f.section)


def _heading_text(h) -> str:
    """A heading as the file writes it: its line's original characters up to the heading's end."""
    ln = h.line
    end = ln.text.find(h.text)
    end = end + len(h.text) if end >= 0 else len(ln.text)
    return original(ln.raw, ln.text, 0, end).strip() or ln.raw.strip()


def localize(findings: list, lines: list, headings: list) -> list:
    """``findings`` with their section and their evidence in the original characters.

    ``lines`` are the report's normalized lines (TextLine), ``headings`` its
    outline headings in file order.
    """
    by_number: dict[int, list] = {}
    for ln in lines:
        by_number.setdefault(ln.number, []).append(ln)
    starts = [h.line.number for h in headings]
    sections: dict[int, Optional[str]] = {}
    written: dict[int, str] = {}  # heading index -> the heading as written
    out = list(findings)
    # line by line, so that a line's replay of its cleaning (original.positions, cached) serves all its findings
    order = sorted(range(len(findings)), key=lambda i: findings[i].line or 0)
    for i in order:
        f = findings[i]
        changes: dict = {}
        if f.line is not None:
            if f.line not in sections:
                k = bisect_right(starts, f.line) - 1
                if k >= 0 and k not in written:
                    written[k] = _heading_text(headings[k])
                sections[f.line] = written[k] if k >= 0 else None
            changes["section"] = sections[f.line]
            if f.evidence:
                for ln in by_number.get(f.line, ()):
                    raw = quote(ln.raw, ln.text, f.evidence)
                    if raw is not None:
                        changes["evidence"] = raw
                        if differs(raw, f.evidence):
                            changes["normalized"] = f.evidence
                        break
        if changes:
            out[i] = replace(f, **changes)
    return out
