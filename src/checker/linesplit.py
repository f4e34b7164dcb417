"""Find the outline inside long lines: text whose line breaks were lost.

Extractions from document-sharing sites and some PDFs put a whole report on
one or a few lines ("…提供了有力法治保障。一、坚持党的领导,压实法治建设责任(一)健全工作机制。…"),
or glue the first heading to the end of the opening paragraph.  This module
finds where such a line holds a heading and returns the offsets (in the line
as read) where it is cut; normalize.py makes one :class:`TextLine` of each piece,
keeping the original line number and the piece's column.

A heading starts inside a line when a numbering of the Chinese hierarchy
(第一部分 › 一、 › （一） › 1. › （1）) comes

* after the end of a sentence (。！？；：), or
* right after the text of a heading that has no full stop (``一、坚持党的领导(一)健全机制``),

and continues the numbering seen so far (一 opens a level that is not open
yet; 三 needs 二 before it).  "1." and "(1)" count only in really long lines (:data:`LONG_LINE`):
in an ordinary paragraph they are a list, not an outline.  A numeral list
("二、三季度") never starts a heading.  A long first line that starts with a
title ("XX县2023年法治政府建设年度报告2023年，我县……") is cut after the title.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Optional

from . import rxcache
from .vocabulary import vocabulary

#: a line at least this long (characters) is a lost-line-break text: "1." and "(1)" may start headings in it
LONG_LINE = 300
#: a line at least this long may start with a title glued to the opening
TITLE_LINE = 100
_NUM = "一二三四五六七八九十"
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}

#: (rank, pattern of a numbering at the current position; group 1 is the ordinal)
_NUMBERINGS = (
    (0, rxcache.compile(rf"第([{_NUM}]{{1,3}})部分")),
    (1, rxcache.compile(rf"([{_NUM}]{{1,3}})\s?、(?![{_NUM}])")),  # not "二、三季度"
    (2, rxcache.compile(rf"\(([{_NUM}]{{1,3}})\)\s?[、.]?(?![、,;:)])")),
    (3, rxcache.compile(r"(\d{1,2})\s?[、.](?=[\u4e00-\u9fff])")),
    (4, rxcache.compile(r"\((\d{1,2})\)(?=[\u4e00-\u9fff])")),
)
#: where a numbering may start: 第[一…] | [一…]{1,3}\s?、 | \([一…\d] | \d{1,2}\s?[、.], written with one
#: character class first (each branch then checks the character it began with), so that the
#: search skips every other character at C speed
_START = rxcache.compile(
    rf"[第(\d{_NUM}](?:(?<=第)[{_NUM}]|(?<=[{_NUM}])[{_NUM}]{{0,2}}\s?、|(?<=\()[{_NUM}\d]|(?<=\d)\d?\s?[、.])"
)
_SENTENCE_END = "。!?;:"
_STOP = rxcache.compile(r"[。!?;]")
_TITLE_AT_START = rxcache.compile(r"^[^。,;:!?]{6,60}?(?:报告|情况|总结)(?=(?:19|20)\d{2}\s?年|[^。,;]{2,24}:)")


def ordinal(numeral: str) -> Optional[int]:
    """一 → 1, 十二 → 12, 二十 → 20, "3" → 3."""
    if numeral.isdigit():
        return int(numeral)
    if "十" in numeral:
        head, _, tail = numeral.partition("十")
        tens = _DIGITS.get(head, 1) if head else 1
        ones = _DIGITS.get(tail, 0) if tail else 0
        return tens * 10 + ones if len(tail) <= 1 else None
    return _DIGITS.get(numeral) if len(numeral) == 1 else None


class _NfkcTable(dict):
    """code point -> its NFKC form, filled as characters are met (for ``str.translate``)."""

    def __missing__(self, code: int) -> str:
        form = self[code] = unicodedata.normalize("NFKC", chr(code))
        return form


#: NFKC per character (never empty: no character normalizes to nothing)
NFKC_CHARS = _NfkcTable()


def nfkc_positions(raw: str) -> list[int]:
    """For each character of ``raw.translate(NFKC_CHARS)``, the offset of the raw character it came from."""
    where: list[int] = []
    table = NFKC_CHARS
    for i, ch in enumerate(raw):
        n = len(table[ord(ch)])
        if n == 1:
            where.append(i)
        else:
            where.extend([i] * n)
    return where


def _normalized(raw: str) -> tuple[str, Optional[list[int]]]:
    """NFKC per character, and for each character of the result the offset of the raw character it
    came from (None when every character stays one character: the offsets are the same)."""
    # a character that NFKC changes on its own is never in a normalized text (its quick check is No)
    if unicodedata.is_normalized("NFKC", raw):
        return raw, None
    text = raw.translate(NFKC_CHARS)
    if len(text) == len(raw):
        return text, None
    return text, nfkc_positions(raw)


def _numbering_at(text: str, pos: int) -> Optional[tuple[int, int, int]]:
    """(rank, ordinal, end) of a numbering starting at ``pos``, or None."""
    for rank, pattern in _NUMBERINGS:
        m = pattern.match(text, pos)
        if m:
            n = ordinal(m.group(1))
            if n:
                return rank, n, m.end()
    return None


class Splitter:
    """Cuts lines in document order, remembering the numbering seen so far."""

    def __init__(self) -> None:
        self.last: dict[int, int] = {}  # rank -> last ordinal seen
        self.lines_seen = 0

    def _accept(self, rank: int, n: int) -> None:
        self.last[rank] = n
        for lower in [r for r in self.last if r > rank]:
            del self.last[lower]

    def _continues(self, rank: int, n: int) -> bool:
        """Whether ordinal ``n`` continues the numbering at ``rank``: the next number, or 1 where
        that level is not open yet ("（二）规范执法。主要做法：(一)…(二)…" is a list, not headings)."""
        if n == 1:
            return rank not in self.last
        return self.last.get(rank) == n - 1

    def cuts(self, raw: str) -> list[int]:
        """Offsets into ``raw`` where a new piece starts (always begins with 0)."""
        self.lines_seen += 1
        text, where = _normalized(raw)
        stripped = text.lstrip()
        lead = len(text) - len(stripped)
        cuts = [0]
        if not stripped:
            return cuts
        own = _numbering_at(text, lead)
        if own is not None:
            self._accept(own[0], own[1])
        segment_rank = own[0] if own is not None else None
        segment_start = lead
        if own is None and self.lines_seen <= 3 and len(text) >= TITLE_LINE:
            m = _TITLE_AT_START.match(stripped)
            if m and any(w in m.group(0) for w in vocabulary().report_topics):
                cut = lead + m.end()
                cuts.append(where[cut] if where is not None else cut)
                segment_start, segment_rank = cut, None
        long_line = len(text) >= LONG_LINE
        for m in _START.finditer(text, lead + 1):
            pos = m.start()
            found = _numbering_at(text, pos)
            if found is None:
                continue
            rank, n, _ = found
            if rank >= 3 and not long_line:
                continue
            # the segment's text before the numbering, trailing spaces left out: text[segment_start:last]
            # (not sliced: a line of 100,000 characters has thousands of numberings)
            last = pos
            while last > segment_start and text[last - 1].isspace():
                last -= 1
            if last == segment_start:
                continue
            after_stop = text[last - 1] in _SENTENCE_END
            glued = (
                rank in (2, 4)
                and segment_rank is not None
                and segment_rank < rank
                and last - segment_start <= 60
                and not _STOP.search(text, segment_start, last)
            )
            if not (after_stop or glued) or not self._continues(rank, n):
                continue
            self._accept(rank, n)
            cuts.append(where[pos] if where is not None else pos)
            segment_start, segment_rank = pos, rank
        return cuts
