"""Clean the text of a report while keeping every line's original location.

Steps, per line: Unicode NFKC (full-width letters, digits and punctuation to
half-width), invisible characters dropped, pinyin readings pasted in by
converters removed (``建設(shè)`` -> ``建設``), traditional -> simplified (OpenCC),
doubled punctuation collapsed (``,,`` ``,。`` ``二,、``), spaces between Chinese
characters removed, watermarks of 范文 sites spliced into the text removed.
Page furniture (索引号, 发布机构, breadcrumbs, clock widgets, 字号 大 中 小, 打印,
关闭 …; the words are data, see furniture.py) is recognised and marked, not
deleted, so that line numbers never shift, and the fields it carries (标题,
发布日期) are kept as metadata: the publication date is the labelled date of the
best rank (``rules/vocabulary/dates.yaml``).

Lines are never merged.  A long line that holds headings (text whose line
breaks were lost) is cut into pieces at them (linesplit.py); every piece keeps
``TextLine.number``, the number of the line in the original file, and gets
``TextLine.column``, where it starts in that line.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Optional

from . import rxcache
from .dccache import dataclass
from .furniture import furniture
from .linesplit import Splitter
from .model import Document, SourceLine
from .textkit import is_prose, unescape
from .titlewords import looks_like_title

CJK = "\u4e00-\u9fff\u3400-\u4dbf"
_INVISIBLE = rxcache.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# (the "(" first and the character before it looked back at from there: a pattern that starts with
# a character, not a look-behind, is searched for at C speed)
_PINYIN = rxcache.compile(rf"\((?<=[{CJK}]\()(?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{{1,7}})\)")
_PUNCT_RUN = rxcache.compile(r"[,、。;:]{2,}")
# spaces between Chinese characters (or their punctuation); the space first, as in _PINYIN
_CJK_SPACE = rxcache.compile(rf"[ \t](?<=[{CJK}、。,;:“”《》()][ \t])[ \t]*(?=[{CJK}、。,;:“”《》()])")
_SPACES = rxcache.compile(r"[ \t]+")
# Markdown emphasis and quoting ("**一、主要举措和成效**", "> 正文"): never part of a report's words
_MD_MARKUP = rxcache.compile(r"\*\*|__|^\s*>\s?")
# outside Markdown only a line wrapped whole in emphasis ("**一、主要举措和成效**") is markup:
# elsewhere "**区" "召开会议**次" "****" are the blanks of a 范文 (template-placeholder)
_QUOTE = rxcache.compile(r"^\s*>\s?")
_WRAPPED = rxcache.compile(r"^\s{0,4}(?:\*\*|__)(?=[^*_\s])(.{1,300}?)(?<=[^*_\s])(?:\*\*|__)\s{0,4}$")
_BREAKS = rxcache.compile("[\r\n\x85\u2028\u2029]")  # a line never holds a line break
#: a year in Chinese numerals ("二〇二三年度", "二○二四年三月"): read as "2023年度", "2024年三月", so that
#: every rule that reads years reads it (the title's year, the plan's, title-format, the kinds of documents)
_CN_YEAR = rxcache.compile(r"(?<![〇○零一二三四五六七八九十百])((?:一九|二[〇○零])[〇○零一二三四五六七八九]{2})(?=\s?年)")
_CN_DIGIT = str.maketrans("〇○零一二三四五六七八九", "000123456789")
#: HTML entities left in text scraped from a page ("&nbsp;", "&ldquo;放管服&rdquo;", "&#12289;")
_ENTITY = rxcache.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")

_DATE = rxcache.compile(r"(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
#: how far after a metadata row with no value its value may stand ("• 成文日期:" / "" / "2024-02-19")
_VALUE_GAP = 2
#: a value line of a metadata row is short and has no sentence in it
_VALUE_MAX = 60


@dataclass(frozen=True)
class TextLine:
    """A normalized line that remembers where it came from."""

    index: int  # position in NormalizedDocument.lines
    number: int  # 1-based line number in the original file
    text: str  # normalized text
    raw: str  # text as read
    location: Optional[str] = None
    level_hint: Optional[int] = None
    chrome: bool = False  # web-page furniture, not part of the report
    guidance: bool = False  # a guidance line of `checker template` (填写提示): never content
    #: 1-based column in the original line where this piece starts, when a long line
    #: was cut into pieces at the headings inside it (linesplit.py); None otherwise
    column: Optional[int] = None

    @property
    def shown(self) -> str:
        return self.location or str(self.number)


@dataclass
class NormalizedDocument:
    doc: Document
    lines: list[TextLine]
    meta_title: Optional[str]  # a 标题: field from page chrome or the reader
    meta_title_line: Optional[int]
    published: Optional[date]  # 发布日期 / 发文日期 … found in chrome or metadata
    published_line: Optional[int]
    traditional_chars: dict  # line number -> characters changed by t2s

    @property
    def body(self) -> list[TextLine]:
        return [ln for ln in self.lines if ln.text and not ln.chrome and not ln.guidance]

    def source_lines(self) -> list[tuple[int, str, str, bool]]:
        """(number, location shown, text as read, furniture?) of each line of the file, pieces joined again."""
        out: list[tuple[int, str, str, bool]] = []
        for ln in self.lines:
            if out and ln.column is not None and ln.column > 1 and out[-1][0] == ln.number:
                number, shown, raw, chrome = out[-1]
                out[-1] = (number, shown, raw + ln.raw, chrome and ln.chrome)
            else:
                out.append((ln.number, ln.shown, ln.raw, ln.chrome))
        return out


def mark_guidance(nd: NormalizedDocument, markers) -> NormalizedDocument:
    """Lines holding one of ``markers`` (a template's 填写提示) are guidance: kept, but never the report's content."""
    from dataclasses import replace

    markers = [m for m in markers if m]
    if not markers:
        return nd
    nd.lines = [replace(ln, guidance=True) if any(m in ln.text for m in markers) else ln for ln in nd.lines]
    return nd


#: what OpenCC's t2s may change: its one-character keys whose value is another character, and the
#: longer such keys made of other characters, with the sizes of the files they come from
#: (written by scripts/opencc_chars.py from OpenCC's own dictionaries)
_T2S_KEYS = Path(__file__).resolve().parent / "data" / "opencc_t2s_chars.txt"


@lru_cache(maxsize=1)
def _t2s_keys() -> Optional[tuple[frozenset, dict[str, list[str]]]]:
    """The characters and the phrases OpenCC's t2s may change (a text with none of them it
    returns unchanged), while the installed OpenCC has the dictionaries they were read from;
    else None (every text goes through OpenCC)."""
    try:
        import importlib.util
        import os

        header, chars, phrases = _T2S_KEYS.read_text(encoding="utf-8").split("\n")[:3]
        spec = importlib.util.find_spec("opencc")
        share = Path(spec.submodule_search_locations[0]) / "clib" / "share" / "opencc"
        for item in header.split():
            name, size = item.rsplit(":", 1)
            if os.stat(share / name).st_size != int(size):
                return None
    except Exception:  # noqa: BLE001 - no data or another OpenCC: every text goes through OpenCC
        return None
    # NUL and lone surrogates go through OpenCC too (it refuses what UTF-8 cannot encode)
    chars = frozenset(chars) | {"\x00"} | {chr(c) for c in range(0xD800, 0xE000)}
    by_first: dict[str, list[str]] = {}
    for phrase in phrases.split():
        by_first.setdefault(phrase[0], []).append(phrase)
    return chars, by_first


class _Simplifier:
    """OpenCC t2s, imported and set up (~16 ms) only for a text it may change."""

    def __init__(self) -> None:
        self._opencc = None
        self._keys = _t2s_keys()

    def unchanged(self, text: str) -> bool:
        """Whether OpenCC would return ``text`` as it is (no key it replaces occurs in it)."""
        if self._keys is None:
            return False
        chars, by_first = self._keys
        present = set(text)
        if not chars.isdisjoint(present):
            return False
        return not any(p in text for c in present.intersection(by_first) for p in by_first[c])

    def convert(self, text: str) -> str:
        if self._opencc is None:  # once OpenCC is set up, converting costs less than asking whether to
            if self.unchanged(text):
                return text
            import opencc

            self._opencc = opencc.OpenCC("t2s")
        return self._opencc.convert(text)


@lru_cache(maxsize=1)
def _t2s() -> _Simplifier:
    return _Simplifier()


def simplified(text: str) -> str:
    """``text`` in simplified characters (OpenCC t2s)."""
    return _t2s().convert(text)


def parse_date(text: str) -> Optional[date]:
    m = _DATE.search(text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _collapse_punct(m: re.Match) -> str:
    run = m.group(0)
    strong = [c for c in run if c != ","]
    return strong[-1] if strong else ","


def converter_garbage(raw: str) -> list[str]:
    """The converter leftovers in a raw line: pinyin readings ("(shè)") and doubled punctuation (",,")."""
    text = raw if unicodedata.is_normalized("NFKC", raw) else unicodedata.normalize("NFKC", raw)
    return (_PINYIN.findall(text) if "(" in text else []) + _PUNCT_RUN.findall(text)


def clean_text(text: str, markdown: bool = True) -> str:
    """Normalize one line of text (without traditional -> simplified)."""
    if "&" in text and _ENTITY.search(text):
        text = unescape(text)
    text = unicodedata.normalize("NFKC", _BREAKS.sub(" ", text))
    text = _INVISIBLE.sub("", text)
    if "**" in text or "__" in text or ">" in text:  # (the only markup the patterns below know)
        if markdown:
            text = _MD_MARKUP.sub("", text)
        else:
            text = _QUOTE.sub("", _WRAPPED.sub(r"\1", text))
    text = text.replace("\u3000", " ")
    if "年" in text and ("〇" in text or "○" in text or "零" in text or "一九" in text):  # (what _CN_YEAR needs)
        text = _CN_YEAR.sub(lambda m: m.group(1).translate(_CN_DIGIT), text)
    if "(" in text:
        text = _PINYIN.sub("", text)
    text = _PUNCT_RUN.sub(_collapse_punct, text)
    if " " in text or "\t" in text:
        text = _CJK_SPACE.sub("", text)
        text = _SPACES.sub(" ", text)
    text = furniture().strip_spliced(text)
    return text.strip()


def is_chrome(text: str) -> bool:
    """True for a line of web-page furniture rather than report text (see furniture.py)."""
    return furniture().kind(text) is not None


def _pieces(doc: Document) -> list[tuple[SourceLine, int, str]]:
    """(source line, 0-based offset in it, raw text) of every piece: a line, or the pieces of a long line cut at its headings."""
    splitter = Splitter()
    out = []
    for sl in doc.lines:
        cuts = splitter.cuts(sl.text) if sl.text else [0]
        ends = cuts[1:] + [len(sl.text)]
        for start, end in zip(cuts, ends):
            out.append((sl, start, sl.text[start:end]))
    return out


def normalize(doc: Document) -> NormalizedDocument:
    fx = furniture()
    converter = _t2s()
    pieces = _pieces(doc)
    markdown = doc.format == "markdown"
    cleaned = [clean_text(raw, markdown) for _, _, raw in pieces]
    # One OpenCC call for the whole text is much faster than one per line.
    joined = "\n".join(cleaned)
    simplified_lines = converter.convert(joined).split("\n") if joined else cleaned
    if len(simplified_lines) != len(cleaned):  # never expected; keep the mapping safe
        simplified_lines = [converter.convert(t) for t in cleaned]

    split_lines = {sl.number for sl, start, _ in pieces if start > 0}
    traditional: dict[int, str] = {}
    kinds: list[Optional[str]] = []
    related = False
    for (sl, _, raw), before, text in zip(pieces, cleaned, simplified_lines):
        if before != text:
            changed = "".join(sorted(_changed_chars(before, text)))
            if changed:
                traditional[sl.number] = "".join(sorted(set(traditional.get(sl.number, "")) | set(changed)))
        if fx.is_related(text):
            related = True  # "相关链接" and the list of other pages' titles after it
        kind = "related" if related else fx.kind(text)
        if kind is None and text and len(raw) <= 100:
            # a menu bar: its items are told apart by the spaces that normalizing removed
            spaced = _SPACES.sub(" ", unicodedata.normalize("NFKC", raw)).strip()
            if spaced.count(" ") + spaced.count("|") >= 2 and fx.is_menu(converter.convert(spaced)):
                kind = "menu"
        kinds.append(kind)
    values = _row_values(fx, simplified_lines, kinds)
    _header_furniture(fx, simplified_lines, kinds)

    lines: list[TextLine] = []
    for i, ((sl, start, raw), text) in enumerate(zip(pieces, simplified_lines)):
        lines.append(
            TextLine(
                index=i,
                number=sl.number,
                text=text,
                raw=raw,
                location=sl.location,
                level_hint=sl.level,
                chrome=kinds[i] is not None,
                column=start + 1 if sl.number in split_lines else None,
            )
        )
    meta_title, meta_title_line = _meta_title(fx, doc, lines, values)
    published, published_line = _published(fx, doc, lines, kinds, values)
    return NormalizedDocument(
        doc=doc,
        lines=lines,
        meta_title=meta_title,
        meta_title_line=meta_title_line,
        published=published,
        published_line=published_line,
        traditional_chars=traditional,
    )


def _changed_chars(before: str, after: str, step: int = 32) -> set[str]:
    """The characters of ``before`` where ``after`` has another one at the same offset (compared
    a slice at a time: most of a line is the same)."""
    out: set[str] = set()
    for i in range(0, min(len(before), len(after)), step):
        a, b = before[i : i + step], after[i : i + step]
        if a != b:
            out.update(x for x, y in zip(a, b) if x != y)
    return out


def _row_values(fx, texts: list[str], kinds: list) -> dict[int, tuple[str, int]]:
    """Metadata rows whose value stands on a line of its own ("• 发布机构:" / "义乌市人民政府"):
    the value line is furniture too.  Returns {row index: (value, value index)}."""
    values: dict[int, tuple[str, int]] = {}
    for i, kind in enumerate(kinds):
        if kind != "field":
            continue
        row = fx.row_value(texts[i])
        if row is None or row[1]:
            continue
        j, gap = i + 1, 0
        while j < len(texts) and not texts[j] and gap < _VALUE_GAP:
            j, gap = j + 1, gap + 1
        if j >= len(texts) or not texts[j] or kinds[j] is not None:
            continue
        value = texts[j].lstrip("".join(fx.v.bullets) + " ")
        if len(value) <= _VALUE_MAX and not _SENTENCE_STOP.search(value) and fx.row_value(texts[j]) is None:
            values[i] = (value, j)
            if not looks_like_title(value):  # a title under an empty row stays report text
                kinds[j] = "field-value"
    return values


_SENTENCE_STOP = rxcache.compile(r"[。!?;]")


def _header_furniture(fx, texts: list[str], kinds: list) -> None:
    """Before the report starts (its first sentence), a site's column names are furniture."""
    for i, text in enumerate(texts):
        if kinds[i] is not None or not text:
            continue
        if is_prose(text):
            return
        if fx.is_category(text):
            kinds[i] = "category"


def _meta_title(fx, doc: Document, lines: list[TextLine], values: dict) -> tuple[Optional[str], Optional[int]]:
    """A title field of the page (标 题:…, • 文件标题 …) or the reader's metadata title."""
    if doc.title:
        return doc.title, None
    for i, ln in enumerate(lines):
        if not ln.chrome:
            continue
        title = fx.meta_title(ln.text)
        if title is None and i in values and fx.meta_title(ln.text + values[i][0]):
            title = values[i][0]
        if title:
            return title, ln.number
    return None, None


def _published(fx, doc: Document, lines: list[TextLine], kinds: list, values: dict) -> tuple[Optional[date], Optional[int]]:
    """The publication date: the labelled date of the best rank (dates.yaml) on the page's furniture,
    else the reader's metadata date, else an unlabelled date in furniture.  Clock widgets never count."""
    best: Optional[tuple[int, date, int]] = None  # (rank, date, line number)
    unlabelled: Optional[tuple[date, int]] = None
    for i, ln in enumerate(lines):
        kind = kinds[i]
        if kind is None or kind in ("clock", "field-value"):
            continue
        found = fx.dates(ln.text)
        if i in values and not found:  # "• 成文日期:" with the date on the next line
            found = fx.dates(ln.text + values[i][0])
        for field in found:
            if field.rank > 0 and (best is None or field.rank > best[0]):
                best = (field.rank, field.date, ln.number)
        if not found and unlabelled is None and fx.row_value(ln.text) is None:
            plain = parse_date(ln.text)
            if plain is not None:
                unlabelled = (plain, ln.number)
    if best is not None:
        return best[1], best[2]
    if doc.published is not None:
        return doc.published, None
    if unlabelled is not None:
        return unlabelled
    return None, None
