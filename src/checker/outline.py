"""Find a report's title and its heading tree.

Chinese official documents number their headings in a fixed hierarchy:
第一部分 > 一、 > （一） > 1. > （1）.  Markdown ``#`` and Word heading styles
arrive as level hints from the readers.  A numbered line often carries its
body on the same line ("（一）依法全面履行政府职能。一是……"): the heading is the
text up to the first full stop, the rest is body.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import field
from typing import Optional

from . import rxcache
from .dccache import dataclass
from .furniture import furniture, is_date_line
from .normalize import NormalizedDocument, TextLine, clean_text, simplified
from .textkit import CELL, cjk_len, is_prose, unescape
from .titlewords import clean_title, is_addressee, is_document_number, is_organ_line, looks_like_title, starts_without_organ

_NUM = "一二三四五六七八九十百零〇两"

#: (rank, pattern).  Rank 0 is the most significant.
_NUMBERINGS = (
    (0, rxcache.compile(rf"^第[{_NUM}\d]+(部分|章)\s*[、.:]?\s*")),
    (1, rxcache.compile(rf"^[{_NUM}]{{1,3}}\s*[、.,]\s*")),
    (2, rxcache.compile(rf"^[(][{_NUM}]{{1,3}}[)]\s*[、.]?\s*")),
    # "1." / "1、" but not a decimal ("1.5亿元"); "3.2022年工作计划" is a heading
    (3, rxcache.compile(r"^\d{1,2}\s*(?:、|\.(?=\s|20\d{2}\s*年|\D))\s*")),
    (4, rxcache.compile(r"^[(]\d{1,2}[)]\s*[、.]?\s*")),
)
#: a number followed by a space only ("一 主要举措和成效") counts for short lines.
_LOOSE_L1 = rxcache.compile(rf"^[{_NUM}]{{1,3}}\s+(?=\S)")
#: how every numbering above (and _LOOSE_L1) starts: a line that does not start so has none
_NUMBERING_START = rxcache.compile(rf"[第(\d{_NUM}]")
_ITEM = rxcache.compile(rf"^[{_NUM}]{{1,3}}是")
_SENTENCE_END = rxcache.compile(r"[。!?;]")

MAX_HEADING_CHARS = 60


@dataclass
class Heading:
    line: TextLine
    rank: int  # numbering rank (see _NUMBERINGS); hint-only headings get a rank too
    text: str  # heading text without numbering
    numbering: str
    inline_body: str  # text after the heading on the same line
    children: list["Heading"] = field(default_factory=list)
    end: int = 0  # index (into the body list) one past the section's last line
    start: int = 0  # index of the heading line in the body list
    guided: bool = False  # a template's guidance line (填写提示) stands under it: a skeleton's heading

    @property
    def number(self) -> int:
        return self.line.number


@dataclass
class Outline:
    body: list[TextLine]  # non-chrome, non-empty lines in file order
    title: Optional[str]
    title_line: Optional[TextLine]
    headings: list[Heading]  # flat, in file order
    top_rank: Optional[int]
    #: the title as the file writes it (its own brackets, colons and digits, "（2021—2025年）"),
    #: in simplified characters; None when it cannot be told apart from the normalized one
    written_title: Optional[str] = None

    def section_lines(self, heading: Heading) -> list[TextLine]:
        """Body lines of a heading's section, including sub-sections, without the heading line."""
        return self.body[heading.start + 1 : heading.end]

    def section_text(self, heading: Heading) -> str:
        parts = [heading.inline_body] + [ln.text for ln in self.section_lines(heading)]
        return "\n".join(p for p in parts if p)

    def top_level(self) -> list[Heading]:
        return [h for h in self.headings if h.rank == self.top_rank]

    def parent_of(self, heading: Heading) -> Optional[Heading]:
        # a map from each heading to its parent, made once (not a search of every heading's children:
        # a report of thousands of headings asks for every heading's parent)
        parents = self.__dict__.get("_parents")
        if parents is None:
            parents = self.__dict__["_parents"] = {id(c): h for h in reversed(self.headings) for c in h.children}
        return parents.get(id(heading))


def split_heading(text: str) -> tuple[str, str]:
    """Split a numbered line's rest into (heading, inline body)."""
    cell = text.find(CELL)
    if 0 < cell <= MAX_HEADING_CHARS:  # a form's row: "一、主要举措和成效 | 2023年，我县……"
        return text[:cell].strip(), text[cell + len(CELL) :].strip()
    if len(text) <= MAX_HEADING_CHARS and not _SENTENCE_END.search(text[:-1]):
        return text.rstrip("。:;"), ""
    m = _SENTENCE_END.search(text)
    colon = text.find(":")
    cut = m.start() if m else len(text)
    if 0 < colon < cut and colon <= MAX_HEADING_CHARS:
        cut = colon
    item = text.find("一是", 4, cut)  # the first item glued to its heading: "存在的不足和原因一是基层……"
    if item > 0:
        return text[:item], text[item:].strip()
    if cut > MAX_HEADING_CHARS:
        # a long sentence with no stop: a numbered paragraph, not a heading
        return "", text
    return text[:cut], text[cut + 1 :].strip()


def parse_heading(line: TextLine) -> Optional[tuple[int, str, str, str]]:
    """(rank, numbering, heading text, inline body) for a numbered heading line."""
    text = line.text
    if not _NUMBERING_START.match(text):
        return None
    for rank, pattern in _NUMBERINGS:
        m = pattern.match(text)
        if m:
            rest = text[m.end() :].strip()
            if not rest:
                return None
            head, body = split_heading(rest)
            if not head:
                return None
            return rank, m.group(0).strip(), head, body
    m = _LOOSE_L1.match(text)
    if m and len(text) <= 40 and not _SENTENCE_END.search(text):
        return 1, m.group(0).strip(), text[m.end() :].strip(), ""
    return None


#: how many lines of page furniture, menus and headlines may stand before a report starts
MAX_HEADER_LINES = 40


def _header(body: list[TextLine], first_heading: int) -> list[TextLine]:
    """The lines before the report starts: before its first heading and its first sentence."""
    out = []
    for ln in body[: min(first_heading, MAX_HEADER_LINES)]:
        if is_prose(ln.text):
            break
        out.append(ln)
    return out


def _candidate(ln: TextLine) -> Optional[str]:
    """The title a header line offers (文号, 书名号 and 范文 tails removed), or None."""
    text = ln.text
    if is_document_number(text) or is_addressee(text) or is_date_line(text):
        return None
    title = clean_title(text)
    if not title or furniture().is_category(title) or not looks_like_title(title):
        return None
    return title


def _adjacent(nd: NormalizedDocument, first: TextLine, then: TextLine) -> bool:
    """``then`` follows ``first`` on the page with nothing but blank lines between
    (a breadcrumb or a metadata row between a site name and a title parts them)."""
    if then.number <= first.number:
        return False
    return all(not nd.lines[k].text for k in range(first.index + 1, then.index))


#: a line that ends a title: it reports something ("……的报告", "……工作情况", "……总结")
_TITLE_END = rxcache.compile(r"(?:报告|情况|总结)\s{0,2}[)）》]?$")


def _continues(nd: NormalizedDocument, title: str, ln: TextLine, nxt: TextLine) -> bool:
    """``nxt`` is the rest of a title that ``ln`` began: the title does not end yet, the next line
    follows at once, is short and no sentence, and the two together end as a title does."""
    text = nxt.text
    return (
        not _TITLE_END.search(title)
        and _adjacent(nd, ln, nxt)
        and len(text) <= 40
        and not _SENTENCE_END.search(text)
        and not is_date_line(text)
        and not is_organ_line(text)
        and bool(_TITLE_END.search(text))
        and looks_like_title(title + text)
    )


def find_title(nd: NormalizedDocument, body: list[TextLine], first_heading: int) -> tuple[Optional[str], Optional[TextLine]]:
    """The report's title among the page furniture before the report starts.

    The first line that reads like a title (site column names, breadcrumbs,
    metadata rows, 文号 lines and addressees never do); an organ line before a
    title that names no organ is part of it ("通城镇人民政府" + "2025年法治政府建设情况");
    a title that names no organ gives way to a later one that does
    ("关于……的报告", then "黔江区邻鄂镇人民政府" + "关于……的报告").  Then the
    page's title field (标题:), then a short first line.
    """
    header = _header(body, first_heading)
    for ln in header:
        if ln.level_hint == 1 and looks_like_title(ln.text):
            return ln.text, ln
    found: list[tuple[str, TextLine, bool]] = []  # (title, first line, names its organ)
    skip = -1
    for i, ln in enumerate(header):
        if i <= skip:
            continue
        title = _candidate(ln)
        if title is None:
            continue
        # a title broken over lines: "关于2023年度法治政府建设" / "工作情况的报告"
        while skip < i and i + 1 < len(header) and _continues(nd, title, ln, header[i + 1]):
            title, skip = title + header[i + 1].text, i + 1
        organless = starts_without_organ(title)
        if organless and i > 0 and is_organ_line(header[i - 1].text) and _adjacent(nd, header[i - 1], ln):
            found.append((header[i - 1].text + title, header[i - 1], True))
        else:
            found.append((title, ln, not organless))
    if found:
        with_report = [f for f in found if "报告" in f[0]] or found
        title, line, named = with_report[0]
        if not named:
            title, line, _ = next((f for f in with_report if f[2]), with_report[0])
        return title, line
    if nd.meta_title:
        meta = clean_title(nd.meta_title)
        for ln in body[: min(first_heading, MAX_HEADER_LINES)]:
            if ln.text == nd.meta_title or clean_title(ln.text) == meta:
                return meta, ln
        return meta, None
    return None, None


#: an unnumbered heading is this short (Chinese characters)
BARE_MIN, BARE_MAX = 4, 30
_BARE_STOP = rxcache.compile(r"[。;!?:]")


def _bare_label(ln: TextLine) -> bool:
    """A short line that could be an unnumbered heading: no sentence, not a name, a date or an addressee."""
    text = ln.text
    return (
        BARE_MIN <= cjk_len(text) <= BARE_MAX
        and len(text) <= 40
        and not _BARE_STOP.search(text)
        and not text.endswith("如下")
        and not is_date_line(text)
        and not is_organ_line(text)
        and not is_document_number(text)
        and not _ITEM.match(text)
    )


def _bare_headings(body: list[TextLine], title_line: Optional[TextLine], headings: list[Heading]) -> list[Heading]:
    """Unnumbered headings of a text that has no outline of its own.

    Copies that lost their numbering and bold type (WeChat mirrors, news
    sites) keep each heading as a short line between two paragraphs; a report
    filled into a form keeps each row's label ("主要举措和成效 | 2023年，我县……",
    or the label on its own line).  After the report's first sentence, such a
    line followed by a paragraph, a cell or another such label is a heading.
    """
    taken = {h.start for h in headings}
    started = False
    out: list[Heading] = []
    for pos, ln in enumerate(body):
        if ln is title_line or pos in taken:
            continue
        text = ln.text
        if not started:
            started = is_prose(text) or CELL in text
            if not started:
                continue
        if CELL in text:
            label, _, cell = (part.strip() for part in text.partition(CELL))
            if cell and len(label) <= 40 and BARE_MIN <= cjk_len(label) <= BARE_MAX and not _BARE_STOP.search(label):
                out.append(Heading(line=ln, rank=1, text=label, numbering="", inline_body=cell, start=pos))
            continue
        if not _bare_label(ln):
            continue
        if pos + 1 >= len(body):  # the last row of a form
            if out and out[-1].start == pos - 1:
                out.append(Heading(line=ln, rank=1, text=text, numbering="", inline_body="", start=pos))
            continue
        after = body[pos + 1]
        if is_prose(after.text) or _bare_label(after) or CELL in after.text:
            out.append(Heading(line=ln, rank=1, text=text, numbering="", inline_body="", start=pos))
    return out


def build_outline(nd: NormalizedDocument) -> Outline:
    body = nd.body
    headings: list[Heading] = []
    hinted = [ln.level_hint for ln in body if ln.level_hint]
    min_hint = min(hinted) if hinted else 1
    for pos, ln in enumerate(body):
        parsed = parse_heading(ln)
        if parsed:
            rank, numbering, text, inline = parsed
        elif ln.level_hint and len(ln.text) <= MAX_HEADING_CHARS * 2:
            rank = ln.level_hint - min_hint  # rank 0 = the biggest hinted heading
            numbering, text, inline = "", ln.text, ""
        else:
            continue
        headings.append(Heading(line=ln, rank=rank, text=text, numbering=numbering, inline_body=inline, start=pos))

    # the first line may be a styled title ("# 报告"), so it never ends the title search
    first_heading = next((h.start for h in headings if h.numbering or h.start > 0), len(body))
    title, title_line = find_title(nd, body, first_heading)
    if title_line is not None:
        headings = [h for h in headings if h.line is not title_line]
        # a hinted title ("# 报告标题") must not make every other heading a sub-heading
        hinted_ranks = [h.rank for h in headings if not h.numbering]
        if hinted_ranks and title_line.level_hint:
            shift = min(hinted_ranks)
            for h in headings:
                if not h.numbering:
                    h.rank -= shift
    # Numbered headings and hint-only headings share ranks: a hint-only heading
    # of the top hinted level sits at the level of "一、".
    if any(h.numbering for h in headings) and any(not h.numbering for h in headings):
        for h in headings:
            if not h.numbering:
                h.rank += 1

    if not any(h.rank <= 2 for h in headings):
        headings = sorted(headings + _bare_headings(body, title_line, headings), key=lambda h: h.start)
    for h in headings:
        following = body[h.start + 1].index if h.start + 1 < len(body) else len(nd.lines)
        h.guided = any(ln.guidance for ln in nd.lines[h.line.index + 1 : following])

    stack: list[Heading] = []
    for h in headings:
        while stack and stack[-1].rank >= h.rank:
            stack.pop().end = h.start
        if stack:
            stack[-1].children.append(h)
        stack.append(h)
    for h in stack:
        h.end = len(body)
    top_rank = min((h.rank for h in headings), default=None)
    return Outline(
        body=body,
        title=title,
        title_line=title_line,
        headings=headings,
        top_rank=top_rank,
        written_title=_as_written(body, title, title_line),
    )


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _as_written(body: list[TextLine], title: Optional[str], title_line: Optional[TextLine]) -> Optional[str]:
    """The title in the file's own punctuation: the raw text of its line (and of the lines it
    continues on), cleaned as the title was, when it says the same once normalized."""
    if not title or title_line is None or title_line not in body:
        return None
    want = _flat(title)
    start = body.index(title_line)
    raw = ""
    for ln in body[start : start + 3]:
        raw += re.sub(r"\s+", " ", unescape(ln.raw)).strip()
        written = simplified(clean_title(raw))
        # the same title once normalized (NFKC, years in Chinese numerals, spaces between characters)
        said = _flat(simplified(clean_text(written)))
        if said == want:
            return written
        if len(said) >= len(want):
            break
    return None
