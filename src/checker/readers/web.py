"""HTML pages saved from government web sites.

The article body is extracted with lxml and a small readability-style
heuristic (no extraction library keeps the source line of each block, and the
line is what we report):

1. scripts, styles, forms controls, hidden elements and comments go;
2. navigation, breadcrumbs, headers, footers, share bars, sidebars (by tag and
   by class/id names common on Chinese government CMSs) go, unless they hold
   most of the page's text;
3. the body is the deepest element that still holds most (80 %) of the
   remaining non-link text;
4. inside it, each block element (p, div text, li, h1-h6, table row, text
   between <br>) becomes one line; lines that are only links or only page
   chrome (打印 关闭 字号 大 中 小 …) are dropped;
5. the page title (h1 or the element matching <title>/ArticleTitle) is put
   first when it sits outside the body.

``SourceLine.number`` is the 1-based line of the ORIGINAL HTML file on which
the block starts (lxml's ``sourceline``); several blocks on one source line
(minified pages) share the number.  h1-h6 give ``level``.

The publication date (``Document.published``) comes from visible fields
(发布日期 / 发布时间 …), then <meta> tags (PubDate, publishdate,
article:published_time, firstpublishedtime, dc.date …), then 发文日期 /
成文日期, then a bare date right under the title.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from functools import lru_cache
from typing import Iterable, Optional

from ..model import Document, ReadError, SourceLine
from .encoding import Decoded, decode_report

#: a table cell longer than this is page layout, not a data cell
LAYOUT_CELL_CHARS = 300
CELL_SEPARATOR = " | "
#: the body is the deepest element holding this share of the page's text
BODY_SHARE = 0.8

_DROP_TAGS = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "select", "option", "button", "input", "textarea", "map", "audio", "video", "head", "link", "meta",
}
_CHROME_TAGS = {"nav", "footer", "aside", "header", "menu"}
_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
    "tbody", "thead", "tfoot", "section", "article", "main", "blockquote", "pre", "center", "form",
    "fieldset", "figure", "figcaption", "address", "hr", "caption", "body", "html", "td", "th", "details",
    "summary", "header", "footer", "nav", "aside",
}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:[-/.．]|年)\s*(\d{1,2})\s*(?:[-/.．]|月)\s*(\d{1,2})(?!\d)\s*日?"
)
_DATE8 = re.compile(r"^\s*((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")
_CN_DATE = re.compile(r"([二〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_BARE_DATE_LINE = re.compile(
    r"^\s*(?:(?:19|20)\d{2}\s*(?:[-/.．]|年)\s*\d{1,2}\s*(?:[-/.．]|月)\s*\d{1,2}\s*日?)"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?=\s|$)"
)

_LABEL_GAP = r"[\s:：\]】）)|]{0,12}"

#: <meta> names/properties that carry a publication date, best first
_META_DATES = (
    "pubdate",
    "publishdate",
    "publish_date",
    "publishtime",
    "publish-date",
    "article:published_time",
    "og:published_time",
    "firstpublishedtime",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "date",
)
_META_TITLES = ("articletitle", "og:title", "dc.title", "title")

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WS = re.compile(r"[ \t\r\n\f\v\xa0]+")
_NL_BETWEEN_CJK = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef])[ \t\r\f\v\xa0]*\n\s*"
    r"(?=[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef])"
)


def clean_text(text: str) -> str:
    """Collapse whitespace the way a browser shows it (a line break between two
    Chinese characters disappears), and trim (also full-width spaces)."""
    text = _NL_BETWEEN_CJK.sub("", text)
    text = _WS.sub(" ", text)
    return text.strip(" \u3000\u200b\ufeff")


def _significant(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


# ------------------------------------------------------------------- decoding

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^(\ufeff?\s*)<\?xml[^>]*\?>")


def declared_charset(data: bytes) -> Optional[str]:
    head = data[:8192]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def decode_html(data: bytes, shown: str) -> Decoded:
    return decode_report(data, shown, declared=declared_charset(data))


# -------------------------------------------------------------------- dates


def _make_date(y: str, m: str, d: str) -> Optional[date]:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _cn_numeral(text: str) -> Optional[int]:
    digits = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if not text:
        return None
    if "十" in text:
        head, _, tail = text.partition("十")
        tens = digits.get(head, 1) if head else 1
        ones = digits.get(tail, 0) if tail else 0
        return tens * 10 + ones
    value = 0
    for ch in text:
        if ch not in digits:
            return None
        value = value * 10 + digits[ch]
    return value


def parse_date(text: str) -> Optional[date]:
    """The first date in ``text``: 2024-03-04, 2024/3/4, 2024年3月4日, 2024.03.04,
    ISO 8601 with time, 20240304 (at the start), 二〇二四年三月四日."""
    if not text:
        return None
    for m in _DATE.finditer(text):
        found = _make_date(*m.groups())
        if found:
            return found
    m = _DATE8.match(text)
    if m:
        found = _make_date(*m.groups())
        if found:
            return found
    m = _CN_DATE.search(text)
    if m:
        y, mo, d = (_cn_numeral(g) for g in m.groups())
        if y and mo and d:
            try:
                return date(y, mo, d)
            except ValueError:
                return None
    return None


def _labelled_date(text: str, labels: Iterable[str]) -> Optional[date]:
    for label in labels:
        for m in re.finditer(re.escape(label) + _LABEL_GAP, text):
            tail = text[m.end(): m.end() + 40]
            dm = _DATE.match(tail)
            if dm:
                found = _make_date(*dm.groups())
                if found:
                    return found
            cm = _CN_DATE.match(tail)
            if cm:
                found = parse_date(cm.group(0))
                if found:
                    return found
    return None


# ---------------------------------------------------------------- tree tools


def _tag(el) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    if "}" in tag:
        tag = tag.rsplit("}", 1)[1]
    return tag.lower()


def _is_hidden(el) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _is_negative(el) -> bool:
    tag = _tag(el)
    if tag in _CHROME_TAGS:
        return True
    if tag in ("body", "html"):
        return False
    names = " ".join(filter(None, (el.get("class"), el.get("id"))))
    return bool(names and _words().negative.search(names))


def _text_lengths(root) -> dict:
    """Per element: (all visible characters, characters inside <a href>)."""
    sizes: dict = {}
    for el in reversed(list(root.iter())):
        tag = _tag(el)
        if not tag:
            continue
        own = _significant(el.text or "")
        total = own
        links = own if tag == "a" and el.get("href") is not None else 0
        for child in el:
            if not _tag(child):
                total += _significant(child.tail or "")
                continue
            ct, cl = sizes.get(child, (0, 0))
            tail = _significant(child.tail or "")
            total += ct + tail
            links += ct if tag == "a" and el.get("href") is not None else cl
        sizes[el] = (total, links)
    return sizes


def _remove(el) -> None:
    """Remove ``el`` but keep its tail text in the tree."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


# ------------------------------------------------------------------- emitter


class _Emitter:
    """Collects inline text into block lines, each with its source line."""

    def __init__(self) -> None:
        self.lines: list[tuple[int, str, Optional[int], int]] = []  # (line, text, level, link chars)
        self._buf: list[str] = []
        self._line: Optional[int] = None
        self._links = 0

    def add(self, text: Optional[str], line: Optional[int], in_link: bool = False) -> None:
        if not text:
            return
        if self._line is None and text.strip():
            # the text starts after the line breaks that lead it
            lead = len(text) - len(text.lstrip())
            self._line = (line or 1) + text.count("\n", 0, lead)
        self._buf.append(text)
        if in_link:
            self._links += _significant(text)

    def flush(self, level: Optional[int] = None) -> None:
        text = clean_text("".join(self._buf))
        if text:
            self.lines.append((self._line or 1, text, level, self._links))
        self._buf = []
        self._line = None
        self._links = 0


def _last_line(el) -> int:
    """The last source line known inside ``el`` (where its tail text starts, roughly)."""
    best = el.sourceline or 0
    for d in el.iter():
        if d.sourceline and d.sourceline > best:
            best = d.sourceline
    return best


class _Extractor:
    def __init__(self) -> None:
        self.out = _Emitter()

    def walk(self, el, in_link: bool = False) -> None:
        tag = _tag(el)
        if not tag:
            return
        line = el.sourceline
        if tag == "br":
            self.out.flush()
            return
        if tag in _HEADINGS:
            self.out.flush()
            text = clean_text("".join(el.itertext()))
            if text:
                self.out.lines.append((line or 1, text, _HEADINGS[tag], 0))
            return
        if tag == "table":
            self.out.flush()
            self.table(el)
            return
        if tag == "pre":
            self.out.flush()
            start = line or 1
            for i, raw in enumerate("".join(el.itertext()).split("\n")):
                text = clean_text(raw)
                if text:
                    self.out.lines.append((start + i, text, None, 0))
            return
        block = tag in _BLOCK_TAGS
        link = in_link or (tag == "a" and el.get("href") is not None)
        if block:
            self.out.flush()
        self.out.add(el.text, line, link)
        for child in el:
            self.walk(child, link)
            if child.tail:
                child_tag = _tag(child)
                if child.tail.strip() and (child_tag in _BLOCK_TAGS or child_tag == "br"):
                    tail_line = _last_line(child)
                else:
                    tail_line = line
                self.out.add(child.tail, tail_line or line, in_link=link)
        if block:
            self.out.flush()

    def table(self, table) -> None:
        for tr in _table_rows(table):
            cells = [c for c in tr if _tag(c) in ("td", "th")]
            texts = [clean_text("".join(c.itertext())) for c in cells]
            filled = [t for t in texts if t]
            layout = (
                len(filled) <= 1
                or any(c.find(".//table") is not None for c in cells)
                or any(len(t) > LAYOUT_CELL_CHARS for t in filled)
            )
            if layout:
                for cell in cells:
                    self.walk(cell)
                continue
            parts = []
            for cell in cells:
                sub = _Extractor()
                sub.walk(cell)
                sub.out.flush()
                text = " ".join(t for _, t, _, _ in sub.out.lines)
                if text:
                    parts.append(text)
            if parts:
                self.out.lines.append((tr.sourceline or table.sourceline or 1, CELL_SEPARATOR.join(parts), None, 0))


def _table_rows(table) -> Iterable:
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in ("tbody", "thead", "tfoot"):
            yield from (r for r in child if _tag(r) == "tr")


def _is_chrome_line(text: str) -> bool:
    return len(text) <= 60 and not _words().chrome_words.sub("", text)


# ---------------------------------------------------------------- the reader


def _meta(doc) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in doc.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or el.get("http-equiv") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content and key not in found:
            found[key] = content
    return found


def _clean_title(raw: str) -> str:
    text = clean_text(raw)
    # "报告标题_某某区人民政府" / "报告标题 - 网站名" / "报告标题|网站名"
    parts = [p.strip() for p in re.split(r"\s*(?:_|\||｜|\s-\s|\s—\s|--)\s*", text) if p.strip()]
    if len(parts) > 1:
        return max(parts[:2], key=len) if len(parts[0]) < 6 else parts[0]
    return text


def _find_title_element(root, title: Optional[str]):
    """The visible title: an h1-h3 or a *title* element whose text matches the page title."""
    key = re.sub(r"\s+", "", title or "")
    first_h1 = None
    for el in root.iter():
        tag = _tag(el)
        if not tag:
            continue
        names = " ".join(filter(None, (el.get("class"), el.get("id")))).lower()
        if tag in ("h1", "h2", "h3") or ("title" in names and tag not in ("head", "title")):
            text = clean_text("".join(el.itertext()))
            if not text or len(text) > 120:
                continue
            flat = re.sub(r"\s+", "", text)
            if key and len(flat) >= 4 and (flat == key or flat in key or key in flat):
                return el, text
            if tag == "h1" and first_h1 is None:
                first_h1 = (el, text)
    return first_h1 if first_h1 is not None else (None, None)


def _bare_date_after(root, title_el) -> Optional[date]:
    """A line that is only a date, among the first few texts after the title element."""
    if title_el is None:
        return None
    seen_title = False
    count = 0
    for el in root.iter():
        if el is title_el:
            seen_title = True
            continue
        if not seen_title or not _tag(el):
            continue
        for piece in (el.text, el.tail):
            if piece and piece.strip():
                count += 1
                if _BARE_DATE_LINE.match(piece):
                    return parse_date(piece)
        if count > 8:
            return None
    return None


def read_html(data: bytes, shown: str) -> Document:
    """Read the article body of an HTML page, one line per block element."""
    text, encoding, replaced = decode_html(data, shown)
    if "\x00" in text:
        raise ReadError(f"{shown}: 文件含有二进制内容，不是网页")
    # lxml refuses str input with an XML encoding declaration; blank it out
    # with spaces so that line numbers do not move
    m = _XML_DECL.match(text)
    if m:
        text = m.group(1) + " " * (m.end() - m.end(1)) + text[m.end():]
    try:
        import lxml.html
        from lxml import etree
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise ReadError(f"{shown}: 读取网页需要安装 lxml（pip install lxml）") from exc
    try:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
        doc = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError(f"{shown}: 无法解析网页（{' '.join(str(exc).split())[:80] or '没有 HTML 内容'}）") from exc
    if doc is None:
        raise ReadError(f"{shown}: 无法解析网页（没有 HTML 内容）")

    meta = _meta(doc)
    title_el_text = None
    page_title = None
    for key in ("articletitle", "og:title", "dc.title"):
        if meta.get(key):
            page_title = clean_text(meta[key])
            break
    title_tag = doc.find(".//title")
    if page_title is None and title_tag is not None and title_tag.text_content().strip():
        page_title = _clean_title(title_tag.text_content())

    # 1. hard junk
    for el in list(doc.iter()):
        if el.getparent() is None:
            continue
        tag = _tag(el)
        if not tag or tag in _DROP_TAGS:  # comments, processing instructions, scripts …
            _remove(el)

    body = doc.find("body")
    if body is None:
        body = doc

    # hidden elements, unless a script would reveal the article itself
    sizes = _text_lengths(body)
    total = max(1, sizes.get(body, (0, 0))[0])
    for el in list(body.iter()):
        if el is not body and el.getparent() is not None and _tag(el) and _is_hidden(el):
            if sizes.get(el, (0, 0))[0] < total * 0.5:
                _remove(el)

    # the date and the title are looked for on the whole page, chrome included
    title_el, title_text = _find_title_element(body, page_title)
    title_el_text = title_text
    if page_title is None and title_text:
        page_title = title_text
    page_text = " ".join(t for t in body.itertext())
    words = _words()
    published = _labelled_date(page_text, words.published)
    if published is None:
        for key in _META_DATES:
            if key in meta:
                published = parse_date(meta[key])
                if published:
                    break
    if published is None:
        published = _labelled_date(page_text, words.document)
    if published is None:
        published = _bare_date_after(body, title_el)
    if published is None:
        published = _labelled_date(page_text, words.other)
    title_line = title_el.sourceline if title_el is not None else None

    # 2. chrome, unless it holds most of the text
    sizes = _text_lengths(body)
    total = max(1, sizes.get(body, (0, 0))[0] - sizes.get(body, (0, 0))[1])
    for el in list(body.iter()):
        if el is body or el.getparent() is None or not _tag(el):
            continue
        if _is_negative(el):
            t, links = sizes.get(el, (0, 0))
            if t - links < total * 0.5:
                _remove(el)

    # 3. the body: deepest element with most of the non-link text
    sizes = _text_lengths(body)
    total = sizes.get(body, (0, 0))[0] - sizes.get(body, (0, 0))[1]
    root = body
    if total > 0:
        while True:
            best = None
            for child in root:
                if not _tag(child):
                    continue
                t, links = sizes.get(child, (0, 0))
                if t - links >= total * BODY_SHARE:
                    best = child
                    break
            if best is None:
                break
            root = best

    # 4. blocks
    ex = _Extractor()
    ex.walk(root)
    ex.out.flush()
    lines: list[SourceLine] = []
    for number, block, level, links in ex.out.lines:
        if level is None and links >= _significant(block) * 0.9:
            continue  # a link list ("上一篇" "相关链接" …)
        if level is None and _is_chrome_line(block):
            continue
        if level is None and _only_meta_fields(block):
            continue
        lines.append(SourceLine(number=number, text=block, level=level))

    # 5. the visible title, when the body does not start with it
    if title_el_text:
        flat_title = re.sub(r"\s+", "", title_el_text)
        inside = title_el is root or any(a is root for a in title_el.iterancestors())
        if not inside and not any(re.sub(r"\s+", "", line.text) == flat_title for line in lines[:5]):
            level = _HEADINGS.get(_tag(title_el)) if title_el is not None else None
            lines.insert(0, SourceLine(number=title_line or 1, text=title_el_text, level=level))

    if text.count("\n") >= LIBXML2_MAX_LINE - 1:
        lines = _fix_big_line_numbers(lines, text)
    if not any(_CJK.search(line.text) for line in lines):
        raise ReadError(f"{shown}: 网页中没有找到中文正文（编码 {encoding}），请确认这是一份中文报告的网页")
    return Document(
        path=shown,
        format="html",
        lines=lines,
        published=published,
        title=page_title or None,
        encoding=encoding,
        replaced=replaced,
    )


class _Words:
    """The page vocabulary (rules/vocabulary/page.yaml, dates.yaml) compiled for HTML pages."""

    def __init__(self) -> None:
        from ..vocabulary import alternation, vocabulary

        v = vocabulary()
        ranks = v.date_labels
        #: visible date fields, best first: publication dates, then dates of issue and of writing
        self.published = tuple(label for label, rank in ranks.items() if rank >= 4)
        self.document = tuple(sorted((label for label, rank in ranks.items() if rank in (1, 3)), key=lambda l: -ranks[l]))
        #: last resort: "日期" and the page's update time ("时间" alone may head a table of the report)
        self.other = tuple(label for label, rank in ranks.items() if rank == 2 and label not in v.generic_field_names) + ("日期",)
        names = "|".join(re.escape(n) for n in v.html_chrome_names)
        self.negative = re.compile(rf"(?:^|[-_\s])(?:{names})(?:$|[-_\s])", re.IGNORECASE)
        marks = "|".join(re.escape(m) for m in v.chrome_marks)
        self.chrome_words = re.compile(alternation(v.chrome_words) + "|" + marks + r"|：|[•·●▪]|\s|\d")
        labels = alternation((set(v.field_names) | set(ranks) | set(v.not_publication_labels)) - set(v.generic_field_names))
        generic = alternation(v.generic_field_names)
        #: the article's metadata (the 政务公开 information table, the line under the title); generic
        #: labels only with a colon ("时间 | 事项" may be the head of a table in the report)
        self.meta_line = re.compile(rf"^[\s【\[]*(?:(?:{labels})\s*[:：|]|(?:{generic})\s*[:：])")


@lru_cache(maxsize=1)
def _words() -> _Words:
    return _Words()


#: libxml2 stores source lines in 16 bits: every line after this one reads as this one
LIBXML2_MAX_LINE = 65535
_SEARCH_KEY = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,12}|[^\s<>&]{4,12}")


def _fix_big_line_numbers(lines: list[SourceLine], source: str) -> list[SourceLine]:
    """Past line 65535 lxml reports 65535: find those blocks in the source text instead
    (searching forward, in order, for a run of the block's characters)."""
    starts = [0] + [m.end() for m in re.finditer("\n", source)]
    cursor = 0
    fixed = []
    for line in lines:
        number = line.number
        if number < LIBXML2_MAX_LINE:
            cursor = max(cursor, starts[number - 1])
        else:
            m = _SEARCH_KEY.search(line.text)
            pos = source.find(m.group(0), cursor) if m else -1
            if pos >= 0:
                cursor = pos
                number = bisect.bisect_right(starts, pos)
            else:
                number = max(number, bisect.bisect_right(starts, cursor))
        fixed.append(SourceLine(number=number, text=line.text, location=line.location, level=line.level))
    return fixed


def _only_meta_fields(text: str) -> bool:
    """'发布日期：2024-03-04  来源：某局' / '索引号： | 1137… | 发布机构： | …' — page
    metadata, not report text (a sentence of the report has 。；！？)."""
    return len(text) <= 200 and bool(_words().meta_line.match(text)) and not re.search(r"[。；！？]", text)
