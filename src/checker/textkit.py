"""Patterns over normalized report text, shared by the outline, matcher and checks.

The text they see has been through normalize.py: half-width punctuation
(`,` `:` `;` `(` `)`), simplified characters, no line breaks inside a line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import rxcache

#: Chinese numerals as used in numbering (一、 （二） 十三是)
NUMERALS = "一二三四五六七八九十"
#: one Chinese character (the basic block)
CJK = rxcache.compile(r"[\u4e00-\u9fff]")
#: punctuation and spacing that do not change what a paragraph says
PUNCT = rxcache.compile(r"[\s,、。;:!?“”\"'()《》<>\[\]【】\-—·.]")
#: a figure (an integer or a decimal)
DIGITS = rxcache.compile(r"\d+(\.\d+)?")
#: a figure in the sense of the substance rules: not a year, month, day or number sign
FIGURE = r"(?<![\d.])\d{1,12}(\.\d{1,6})?(?![\d.年月日号])"
#: how the readers join the cells of a table row (readers/word.py, readers/web.py)
CELL = " | "
#: a sentence, ending at 。 ; ! ? or at the end of the text
SENTENCE = rxcache.compile(r"[^。;!?\n]+[。;!?]?")


def unescape(text: str) -> str:
    """``html.unescape(text)``, importing html (a large table of entities) only for a text with "&"."""
    if "&" not in text:
        return text
    import html

    return html.unescape(text)


def without_overlaps(spans: list) -> list:
    """Spans (anything with ``start`` and ``end``) in text order, the first and longest of
    overlapping ones kept."""
    kept, last_end = [], -1
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if s.start >= last_end:
            kept.append(s)
            last_end = s.end
    return kept


_NOT_CJK = rxcache.compile(r"[^\u4e00-\u9fff]+")


@lru_cache(maxsize=4096)
def cjk_len(text: str) -> int:
    """How many Chinese characters ``text`` holds (those of :data:`CJK`; cached: several checks
    measure the same lines)."""
    return len(_NOT_CJK.sub("", text))


#: texts longer than this are squeezed without the cache: a whole report's text (copies, duplicates)
#: is squeezed once, and 4,096 of them kept would grow a batch worker by megabytes
SQUEEZE_CACHED_CHARS = 4096


def squeeze(text: str) -> str:
    """The text without punctuation or spaces (for comparing paragraphs; cached up to
    :data:`SQUEEZE_CACHED_CHARS` characters: several checks squeeze the same lines)."""
    return _squeeze(text) if len(text) <= SQUEEZE_CACHED_CHARS else PUNCT.sub("", text)


@lru_cache(maxsize=4096)
def _squeeze(text: str) -> str:
    return PUNCT.sub("", text)


_PROSE_MARK = rxcache.compile(r"[,。;]")


def is_prose(text: str) -> bool:
    """A line of report text (a sentence), not a title, a name, a heading or a widget."""
    chars = cjk_len(text)
    return (chars >= 20 and bool(_PROSE_MARK.search(text))) or chars >= 100


