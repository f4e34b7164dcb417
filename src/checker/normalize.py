"""Clean the text of a report while keeping every line's original location.

Steps, per line: Unicode NFKC (full-width letters, digits and punctuation to
half-width), invisible characters dropped, pinyin readings pasted in by
converters removed (``建設(shè)`` -> ``建設``), traditional -> simplified (OpenCC),
doubled punctuation collapsed (``,,`` ``,。`` ``二,、``), spaces between Chinese
characters removed.  Web-page chrome (索引号, 发布机构, 字号 大 中 小, 打印, 关闭 …)
is recognised and marked, not deleted, so that line numbers never shift, and
the fields it carries (标题, 发布日期) are kept as metadata.

Lines are never merged or split: ``TextLine.number`` is always the number of
the line in the original file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Optional

from .model import Document

CJK = "\u4e00-\u9fff\u3400-\u4dbf"
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PINYIN = re.compile(rf"(?<=[{CJK}])\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{{1,7}})\)")
_PUNCT_RUN = re.compile(r"[,、。;:]{2,}")
_CJK_SPACE = re.compile(rf"(?<=[{CJK}、。,;:“”《》()])[ \t]+(?=[{CJK}、。,;:“”《》()])")
_SPACES = re.compile(r"[ \t]+")
# Markdown emphasis and quoting ("**一、主要举措和成效**", "> 正文"): never part of a report's words
_MD_MARKUP = re.compile(r"\*\*|__|^\s*>\s?")
_BREAKS = re.compile("[\r\n\x85\u2028\u2029]")  # a line never holds a line break

# --- web-page chrome --------------------------------------------------------

_FIELD_NAMES = (
    "标题|名称|索引号|发布机构|发文机关|发文机构|发文日期|发布日期|发布时间|成文日期|生成日期|公开日期|文号|发文字号|"
    "主题分类|主题词|体裁分类|信息来源|来源|作者|浏览次数|访问次数|阅读次数|点击数|字号|有效性|公开方式|公开范围|分类"
)
_FIELD = re.compile(rf"(?:^|\s|[【\[])({_FIELD_NAMES})\s*(?:[:]|[】\]])")
_CHROME_TOKENS = re.compile(
    r"字号|字体|大|中|小|打印本页|打印|关闭本页|关闭窗口|关闭|收藏|加入收藏|分享到|分享|返回顶部|扫一扫|"
    r"在手机上打开|默认|保护视力色|视力保护色|当前位置|首页|我要纠错|下载|上一篇|下一篇|正文|"
    r"[|•·\-\[\]【】>»/()\s:]"
)
_RELATED = re.compile(r"^[【\[]?(相关链接|相关文章|相关阅读|相关新闻|相关文件|推荐阅读|热点推荐)[】\]]?\s*:?$")
_FOOTER = re.compile(r"网站标识码|ICP备|备案号|版权所有|主办单位|技术支持|公安机关备案|^主办\s*:|承办\s*:")
_BREADCRUMB = re.compile(r"^(当前位置|您的位置|您现在的位置|所在位置)\s*[:]|^首页\s*[>»/]")
# page numbers printed in PDF copies: "- 3 -", "—3—", "第 3 页 共 10 页", "3/10"
_PAGE_NUMBER = re.compile(r"^(?:[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$")
# a labelled date in page furniture; the publication date proper outranks the
# date the document was issued, which outranks the date it was written
_DATE_FIELD = re.compile(r"(发布日期|发布时间|公开日期|发文日期|成文日期|生成日期|日期|时间)\s*(?:[】\]]\s*:?|:)\s*(20\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})")
_DATE_LABEL_RANK = {"发布日期": 4, "发布时间": 4, "公开日期": 4, "发文日期": 3, "日期": 2, "时间": 2, "成文日期": 1, "生成日期": 1}
_DATE = re.compile(r"(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


@dataclass(frozen=True)
class TextLine:
    """A normalized line that remembers where it came from."""

    index: int  # position in Document.lines
    number: int  # 1-based line number in the original file
    text: str  # normalized text
    raw: str  # text as read
    location: Optional[str] = None
    level_hint: Optional[int] = None
    chrome: bool = False  # web-page furniture, not part of the report
    guidance: bool = False  # a guidance line of `checker template` (填写提示): never content

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


def mark_guidance(nd: NormalizedDocument, markers) -> NormalizedDocument:
    """Lines holding one of ``markers`` (a template's 填写提示) are guidance: kept, but never the report's content."""
    from dataclasses import replace

    markers = [m for m in markers if m]
    if not markers:
        return nd
    nd.lines = [replace(ln, guidance=True) if any(m in ln.text for m in markers) else ln for ln in nd.lines]
    return nd


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


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
    text = unicodedata.normalize("NFKC", raw)
    return [m.group(0) for m in _PINYIN.finditer(text)] + [m.group(0) for m in _PUNCT_RUN.finditer(text)]


def clean_text(text: str) -> str:
    """Normalize one line of text (without traditional -> simplified)."""
    text = unicodedata.normalize("NFKC", _BREAKS.sub(" ", text))
    text = _INVISIBLE.sub("", text)
    text = _MD_MARKUP.sub("", text)
    text = text.replace("\u3000", " ")
    text = _PINYIN.sub("", text)
    text = _PUNCT_RUN.sub(_collapse_punct, text)
    text = _CJK_SPACE.sub("", text)
    text = _SPACES.sub(" ", text)
    return text.strip()


def is_chrome(text: str) -> bool:
    """True for a line of web-page furniture rather than report text."""
    if not text:
        return False
    if _FIELD.search(text) and len(text) < 160 and "。" not in text:
        return True
    if _BREADCRUMB.search(text) or _PAGE_NUMBER.match(text):
        return True
    if len(text) < 120 and "。" not in text and _FOOTER.search(text):
        return True
    return len(text) <= 40 and _CHROME_TOKENS.sub("", text) == ""


def normalize(doc: Document) -> NormalizedDocument:
    converter = _t2s()
    cleaned = [clean_text(sl.text) for sl in doc.lines]
    # One OpenCC call for the whole text is much faster than one per line.
    joined = "\n".join(cleaned)
    simplified = converter.convert(joined).split("\n") if joined else cleaned
    if len(simplified) != len(cleaned):  # never expected; keep the mapping safe
        simplified = [converter.convert(t) for t in cleaned]

    lines: list[TextLine] = []
    meta_title = doc.title
    meta_title_line = None
    published = doc.published
    published_line = None
    related = False
    labelled = -1  # rank of the label of the date found so far (_DATE_LABEL_RANK; 0 = unlabelled)
    traditional: dict[int, str] = {}
    for i, (sl, before, text) in enumerate(zip(doc.lines, cleaned, simplified)):
        if before != text:
            changed = "".join(sorted({a for a, b in zip(before, text) if a != b}))
            if changed:
                traditional[sl.number] = changed
        if _RELATED.match(text):
            related = True  # "相关链接" and the list of other pages' titles after it
        chrome = related or is_chrome(text)
        if chrome:
            m = re.search(r"(?:标题|名称)\s*:\s*(.+)", text)
            if m and not meta_title:
                meta_title, meta_title_line = m.group(1).strip(), sl.number
            for m in _DATE_FIELD.finditer(text):
                found = parse_date(m.group(2))
                rank = _DATE_LABEL_RANK.get(m.group(1), 1)
                if found and rank > labelled:
                    published, published_line, labelled = found, sl.number, rank
            if published is None and parse_date(text):
                # an unlabelled date in page furniture ("2024-03-04 来源：区司法局")
                published, published_line, labelled = parse_date(text), sl.number, 0
        lines.append(
            TextLine(
                index=i,
                number=sl.number,
                text=text,
                raw=sl.text,
                location=sl.location,
                level_hint=sl.level,
                chrome=chrome,
            )
        )
    return NormalizedDocument(
        doc=doc,
        lines=lines,
        meta_title=meta_title,
        meta_title_line=meta_title_line,
        published=published,
        published_line=published_line,
        traditional_chars=traditional,
    )
