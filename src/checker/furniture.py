"""Page furniture: what a web page, a 范文 site or a sharing site puts around a report.

Metadata rows (``索引号：…``, ``[ 主题分类 ] 卫生``, ``• 文号``), breadcrumbs
(``您当前位置：首页 > …``), clock widgets (``今天是：2019年10月31日 星期三``),
widget bars (``【字体：大 中 小】【打印】``), footers, related-link lists,
site column names (``工作报告``), the sentences of 范文 sites (``本站为你精心整理了…``)
and watermarks spliced into the text.  The words are data
(``rules/vocabulary/page.yaml``, ``dates.yaml``, ``fanwen.yaml``); this module
compiles them once per process into bounded regular expressions (a line may be
100,000 characters long) and answers questions about one line of normalized text.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Optional

from . import rxcache
from .dccache import dataclass
from .required import required
from .vocabulary import Vocabulary, alternation, vocabulary

#: a date as pages write it: 2024-03-04, 2024/3/4, 2024.03.04, 2024年3月4日
DATE = r"(?:19|20)\d{2}\s{0,2}[-/.年]\s{0,2}\d{1,2}\s{0,2}[-/.月]\s{0,2}\d{1,2}"
_DATE = rxcache.compile(r"((?:19|20)\d{2})\s{0,2}[-/.年]\s{0,2}(\d{1,2})\s{0,2}[-/.月]\s{0,2}(\d{1,2})")
#: page numbers printed in PDF copies: "- 3 -", "—3—", "第 3 页 共 10 页", "3/10"
_PAGE_NUMBER = rxcache.compile(r"^(?:[-—–\s]{0,6}\d{1,4}[-—–\s]{0,6}|第\s{0,2}\d{1,4}\s{0,2}页(?:\s{0,2}[,/]?\s{0,2}共\s{0,2}\d{1,4}\s{0,2}页)?|\d{1,4}\s{0,2}/\s{0,2}\d{1,4})$")
_SENTENCE_END = rxcache.compile(r"[。!?;]")
_SENTENCE = rxcache.compile(r"[^。!?]{1,2000}[。!?]?")
#: a menu bar has at least this many items of at most this many characters (see Furniture.is_menu)
MENU_ITEMS, MENU_ITEM_CHARS = 3, 8
_MENU_SPLIT = rxcache.compile(r"[\s|｜/·•]+")
#: the English gloss bilingual sites print after a Chinese label ("来源 Source：", "发布日期 Release Date：")
_GLOSS = r"(?:\s{0,2}[A-Za-z]{2,12}(?:\s[A-Za-z]{2,12}){0,2})?"
#: separators that make a breadcrumb on their own when there are two of them
_STRONG_SEPARATORS = (">>", ">", "＞", "»", "›", "→", "->", "—>")


def parse_date(text: str) -> Optional[date]:
    """The first valid date in ``text`` (2024-03-04, 2024/3/4, 2024年3月4日 …), or None."""
    for m in _DATE.finditer(text):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
    return None


def is_date_line(text: str) -> bool:
    """A line that is only a date, maybe with its label and time ("2021年06月15日", "(2024年1月30日)",
    "发布时间:2024-03-04 10:00")."""
    text = text.strip().strip("()[]【】").strip()
    if len(text) > 40:
        return False
    m = furniture().date_line.match(text)
    return bool(m)


@dataclass(frozen=True)
class DateField:
    """A labelled date on a line of page furniture."""

    label: str
    rank: int  # from dates.yaml; 0 = not a publication date at all
    date: date


class Furniture:
    """The compiled furniture vocabulary."""

    def __init__(self, v: Vocabulary):
        self.v = v
        self.date_rank = dict(v.date_labels)
        for label in v.not_publication_labels:
            self.date_rank[label] = 0
        generic = set(v.generic_field_names)
        every = set(v.field_names) | generic | set(self.date_rank)
        specific = every - generic
        bullets = "".join(re.escape(b) for b in v.bullets)
        any_label = alternation(every)
        # "索引号：…" "[ 主题分类 ] 卫生" "【发布日期】…" anywhere on a line: a label followed by a colon or a closing bracket
        # (or a pipe table's "发布日期 | 2024-03-22 |", or with an English gloss: "来源 Source：")
        # — a generic label ("时间", "来源") never before a pipe: "时间 | 事项" heads a table of the report
        self.field = rxcache.compile(
            rf"(?:^|[\s【\[|{bullets}])\s?(?:({any_label}){_GLOSS}\s{{0,3}}(?:[:：]|[】\]])|({alternation(specific)})\s{{0,3}}[|｜])"
        )
        # a row that starts with a label even without a colon: "• 文号" "• 成文日期 2021-04-16" "- 标题:……"
        # (after a bullet the value may follow the label directly: spaces between Chinese characters are gone)
        self.row = rxcache.compile(
            rf"^(?:[{bullets}]\s{{0,3}}[【\[]?\s{{0,2}}(?P<label>{alternation(specific)})\s{{0,2}}[】\]]?\s{{0,3}}[:：]?"
            rf"|[【\[]?\s{{0,2}}(?P<label2>{alternation(specific)})\s{{0,2}}[】\]]?(?:\s{{0,3}}[:：]|\s{{1,3}}|$))\s{{0,3}}(?P<value>.{{0,160}})$"
        )
        self.labelled = rxcache.compile(rf"^[{bullets}]?\s{{0,3}}[【\[]?\s{{0,2}}(?P<label>{any_label})\s{{0,2}}[】\]]?\s{{0,3}}[:：]\s{{0,3}}(?P<value>.{{0,160}})$")
        # "发布日期：2024-03-22", "[ 发布日期 ] …", a pipe table's "发布日期 | 2024-03-22 |", and a bilingual
        # site's English gloss between label and value ("发布日期 Date：2024.03.25")
        self.date_field = rxcache.compile(
            rf"({alternation(self.date_rank)}){_GLOSS}\s{{0,3}}(?:[】\]]\s{{0,2}}[:：|｜]?|[:：|｜])?\s{{0,3}}({DATE})"
        )
        self.title_field = rxcache.compile(r"(?:^|[\s【\[|" + bullets + r"])(?:文件标题|标题|文件名称|信息名称|名称)\s{0,2}[】\]]?\s{0,3}[:：]?\s{0,3}(\S.{1,120})$")
        self.widget_words = rxcache.compile(alternation(v.chrome_words) + "|" + "|".join(re.escape(m) for m in v.chrome_marks) + r"|\s")
        self.widget_word = rxcache.compile(alternation(v.chrome_words))
        markers, roots = alternation(v.breadcrumb_markers), alternation(v.breadcrumb_roots)
        seps = alternation(v.breadcrumb_separators)
        self.breadcrumb = rxcache.compile(rf"^(?:(?:{markers})\s{{0,3}}(?:[:：]|(?=\s{{0,3}}(?:{roots}|{seps})))|(?:{roots})\s{{0,3}}(?:{seps}))")
        self.strong_separator = rxcache.compile(alternation(_STRONG_SEPARATORS))
        self.clock = rxcache.compile(alternation(v.clock_markers))
        self.byline = rxcache.compile(alternation(v.byline_markers))
        self.footer = rxcache.compile(alternation(v.footer_words))
        self.related = rxcache.compile(rf"^[【\[]?\s{{0,2}}(?:{alternation(v.related_links)})\s{{0,2}}[】\]]?\s{{0,2}}[:：]?$")
        self.categories = set(v.category_words)
        self.menu_words = set(v.chrome_words) | set(v.breadcrumb_roots)
        self.fanwen = rxcache.compile(alternation(v.fanwen_phrases))
        self.watermark = rxcache.compile("|".join(f"(?:{p})" for p in v.watermarks)) if v.watermarks else None
        # words one of which every watermark holds: a line without any is not searched (None: search every line)
        hints = required(self.watermark.pattern) if self.watermark is not None else None
        self.watermark_hint = rxcache.compile("|".join(re.escape(w) for w in sorted(hints, key=lambda w: (-len(w), w)))) if hints else None
        self.any_date = rxcache.compile(DATE)
        self.date_line = rxcache.compile(
            rf"^(?:(?:{alternation(self.date_rank)})\s{{0,2}}[:：]?\s{{0,2}})?{DATE}\s{{0,2}}日?(?:\s{{0,2}}\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?$"
        )
        self.edge_marks = rxcache.compile(r"^[\s|｜•·●▪■◆\-*【\[\]】>»:：]{1,10}|[\s|｜•·●▪■◆\-*【\[\]】>»:：]{1,10}$")

    # ------------------------------------------------------------ lines

    def kind(self, text: str) -> Optional[str]:
        """What kind of furniture a whole line is, or None for report text.

        ``field`` (metadata), ``byline``, ``breadcrumb``, ``clock``, ``page-number``,
        ``footer``, ``widget``, ``fanwen``.
        """
        if not text:
            return None
        short = len(text) <= 160 and not _SENTENCE_END.search(text)
        if short and len(text) <= 60 and self.any_date.search(text) and self.clock.search(text):
            # "发布时间：2024年03月28日 星期四" is a field that names the weekday, not a clock
            if not any(f.rank >= 3 for f in self.dates(text)):
                return "clock"
        if short and (self.field.search(text) or self.row.match(text)):
            return "field"
        if short and len(text) <= 80 and self.byline.search(text) and self.any_date.search(text):
            return "byline"  # "原创 某某司法 2024-03-27 09:30 发表于云南"
        if len(text) <= 200 and "。" not in text and (self.breadcrumb.match(text) or self._separated(text)):
            return "breadcrumb"
        if _PAGE_NUMBER.match(text):
            return "page-number"
        if len(text) < 120 and "。" not in text and self.footer.search(text):
            return "footer"
        if len(text) <= 120 and self.fanwen.search(text):
            return "fanwen"
        if len(text) <= 40 and self._widget(text):
            return "widget"
        return None

    def _separated(self, text: str) -> bool:
        """Two or more breadcrumb separators between short steps: "首页 >> 政府信息公开 >> 法定主动公开内容"."""
        if len(text) > 120 or _SENTENCE_END.search(text) or "," in text:
            return False
        steps = [s.strip() for s in self.strong_separator.split(text)]
        return len(steps) >= 3 and all(0 < len(s) <= 24 for s in steps)

    def _widget(self, text: str) -> bool:
        rest = self.widget_words.sub("", text)
        if not rest:
            return True
        return rest.isdigit() and bool(self.widget_word.search(text))

    def is_menu(self, spaced: str) -> bool:
        """A site's menu bar, read with its spaces ("首页 政务公开 政务服务 互动交流 走进岚溪",
        "English | 繁體 | 无障碍 | 移动版"): at least MENU_ITEMS short items and no sentence, one of
        them a column name, a widget word or the root of a breadcrumb."""
        if len(spaced) > 100 or _SENTENCE_END.search(spaced) or "," in spaced or "，" in spaced:
            return False
        items = [s for s in _MENU_SPLIT.split(spaced) if s]
        if len(items) < MENU_ITEMS or any(len(s) > MENU_ITEM_CHARS or self.any_date.search(s) for s in items):
            return False
        known = self.categories | self.menu_words
        return any(s in known for s in items)

    def is_related(self, text: str) -> bool:
        """A "相关链接" heading: the lines after it are other pages' titles."""
        return bool(self.related.match(text))

    def is_category(self, text: str) -> bool:
        """A site column name standing alone on its line ("工作报告", "政务公开")."""
        return self.edge_marks.sub("", text) in self.categories

    def row_value(self, text: str) -> Optional[tuple[str, str]]:
        """(label, value) of a metadata row ("• 发布机构:" → ("发布机构", "")), or None."""
        m = self.labelled.match(text)
        if m:
            return m.group("label"), m.group("value").strip()
        m = self.row.match(text)
        if m:
            return m.group("label") or m.group("label2"), m.group("value").strip()
        return None

    def dates(self, text: str) -> list[DateField]:
        """The labelled dates of a line of furniture, with the rank of their label."""
        out = []
        for m in self.date_field.finditer(text):
            found = parse_date(m.group(2))
            if found is not None:
                out.append(DateField(m.group(1), self.date_rank.get(m.group(1), 1), found))
        return out

    def meta_title(self, text: str) -> Optional[str]:
        """The value of a title field ("标 题:鲍沟镇2025年度……报告", "• 文件标题 关于……的报告")."""
        m = self.title_field.search(text)
        return m.group(1).strip() if m else None

    # ------------------------------------------------------------ inside lines

    def _may_hold_watermark(self, text: str) -> bool:
        return self.watermark_hint is None or self.watermark_hint.search(text) is not None

    def strip_spliced(self, text: str) -> str:
        """The text without spliced watermarks and, in a long line, without the sentences of 范文 sites."""
        if self.watermark is not None and self._may_hold_watermark(text) and self.watermark.search(text):
            text = self.watermark.sub("", text)
        if len(text) > 120 and self.fanwen.search(text):
            text = "".join(s for s in _SENTENCE.findall(text) if not self.fanwen.search(s))
        return text


@lru_cache(maxsize=1)
def furniture() -> Furniture:
    """The furniture of the shipped vocabulary, compiled once per process."""
    return Furniture(vocabulary())
