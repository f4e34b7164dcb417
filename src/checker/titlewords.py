"""What a report title looks like, and what around it is not part of it.

The words are data (``rules/vocabulary/titles.yaml``): title words, what a
title reports (报告 / 情况 / 总结), organ suffixes, forms of a 文号, the tails
范文 sites add.  Used by normalization (a title is never a metadata value),
the outline (finding the title among page furniture) and the subject (the
organ a title or an opening sentence names).
"""

from __future__ import annotations

import re
from functools import lru_cache
from . import rxcache
from .vocabulary import alternation, vocabulary

_YEAR = rxcache.compile(r"(20\d{2})\s{0,2}年")
#: a numbered item ("一是……") is not a title
_ITEM = rxcache.compile(r"^[一二三四五六七八九十]{1,3}是")
_ENDS = ("。", ";", ",", ":")


class _Compiled:
    def __init__(self) -> None:
        v = vocabulary()
        self.title_words = rxcache.compile(alternation(v.title_words))
        self.heads = tuple(v.title_heads)
        self.strip = [rxcache.compile(p) for p in v.title_strip]
        self.number = rxcache.compile("|".join(f"(?:{p})" for p in v.document_numbers))
        # "……的报告（X政发〔2024〕5号）", "……报告[临司发〔2024〕6号]"
        self.number_at_end = rxcache.compile(rf"[(（\[【]?\s{{0,2}}(?:{'|'.join(v.document_numbers)})\s{{0,2}}[)）\]】]?\s{{0,3}}$")
        self.number_only = rxcache.compile(rf"^\s{{0,3}}(?:{'|'.join(v.document_numbers)})\s{{0,3}}$")
        suffix = alternation(v.organ_suffixes)
        # "通城镇人民政府", "中共某县委 某县人民政府": a short line that is only organ names
        self.organ_line = rxcache.compile(rf"^[^。,;:!?《》\d]{{0,30}}(?:{suffix})$")
        self.site_name = rxcache.compile(rf"(?:{alternation(v.site_name_endings)})$")
        # "市委、市政府:" "中共禄丰市委、市人民政府:" "唐山市人民政府:": to whom a report is addressed
        # a title that starts without naming who reports ("关于……", "2023年……")
        self.no_organ_start = rxcache.compile(rf"^(?:{alternation(v.title_starts_without_organ)}|(?:19|20)\d{{2}}\s{{0,2}}年)")
        self.addressee = rxcache.compile(rf"^[^。,;!?]{{0,40}}(?:{suffix})\s{{0,2}}[:：]$")


@lru_cache(maxsize=1)
def _c() -> _Compiled:
    return _Compiled()


def looks_like_title(text: str) -> bool:
    """A short line that reads like a report title (not a sentence, an item or a name)."""
    c = _c()
    return (
        len(text) <= 80
        and not text.endswith(_ENDS)
        and "," not in text  # a title has no comma; an opening sentence does
        and bool(c.title_words.search(text))
        and (any(h in text for h in c.heads) or bool(_YEAR.search(text)))
        and not _ITEM.match(text)
    )


def clean_title(text: str) -> str:
    """A title without the 文号 before or after it, the 书名号 around it and the tails of 范文 sites."""
    c = _c()
    title = text.strip()
    for _ in range(2):
        m = c.number.match(title)
        if m:
            title = title[m.end() :].strip()
        m = c.number_at_end.search(title)  # "……的报告（X政发〔2024〕5号）"
        if m and m.start() > 0:
            title = title[: m.start()].strip()
        if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
            title = title[1:-1].strip()
        for pattern in c.strip:
            title = pattern.sub("", title).strip()
    return title


def is_document_number(text: str) -> bool:
    """A line that is only a 文号 ("浙卫〔2024〕3号")."""
    return bool(_c().number_only.match(text))


def is_organ_line(text: str) -> bool:
    """A short line that is only the name of an organ ("通城镇人民政府"), not a site's ("…门户网站")."""
    text = text.replace(" ", "")
    return len(text) <= 40 and bool(_c().organ_line.match(text)) and not _c().site_name.search(text)


def is_addressee(text: str) -> bool:
    """The line a report is addressed with ("市委、市政府:"): it names the superior, not the author."""
    return len(text) <= 45 and bool(_c().addressee.match(text))


def starts_without_organ(title: str) -> bool:
    """A title that does not begin with the organ that reports ("关于……的报告", "2025年……情况")."""
    return bool(_c().no_organ_start.match(title))

