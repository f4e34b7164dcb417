"""What a file seems to be when it is not an annual report.

Pages published next to the annual reports — a 政策解读 of a report, news about
it, a 工作要点 or 实施方案, a 政府信息公开工作年度报告, a five-year summary, a
speech, an academic article — must not be scored as one.  The kinds and what
shows each are data (``rules/vocabulary/doctypes.yaml``).  In order:

1. the title (what is quoted in 《》 does not count: "关于《…报告》的政策解读" is a
   解读): a pattern of a kind is decisive, unless the title holds one of the
   kind's ``title_unless`` words, or at least ``title_unless_parts`` mandated
   parts stand under their own headings (a notice that carries the report:
   "关于印发《…年度报告》的通知" followed by the report);
2. a title in the form of an annual report's ("…法治政府建设…报告/情况/总结")
   means an annual report;
3. the opening (its first two paragraphs): a pattern of a kind ("…制定本方案") is decisive;
4. an opening only an annual report has ("现将…情况报告如下"), or mandated
   parts under their own headings, mean an annual report;
5. headings and body words of a kind, enough of them.

:func:`classify` returns None for an annual report (the usual answer).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from . import rxcache
from .dccache import dataclass
from .normalize import TextLine
from .outline import Outline
from .subject import opening_lines
from .titlewords import looks_like_title
from .vocabulary import vocabulary

#: how much of each opening paragraph is read
OPENING_CHARS = 300
_QUOTED = rxcache.compile(r"《[^》]{0,200}》")


@dataclass(frozen=True)
class DocumentKind:
    """What a file seems to be instead of an annual report, and why."""

    id: str
    name: str
    reason: str  # Chinese, for the finding's message
    evidence: str
    line: Optional[TextLine]


@dataclass(frozen=True)
class _Kind:
    id: str
    name: str
    title: tuple
    title_unless: tuple
    title_unless_parts: int  # 0: never
    headings: tuple
    min_headings: int
    opening: tuple
    body: tuple
    min_body: int


@lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[_Kind, ...], tuple]:
    v = vocabulary()
    kinds = tuple(
        _Kind(
            id=k["id"],
            name=k["name"],
            title=tuple(rxcache.compile(p) for p in k.get("title", ())),
            title_unless=tuple(k.get("title_unless", ())),
            title_unless_parts=int(k.get("title_unless_parts", 0)),
            headings=tuple(k.get("headings", ())),
            min_headings=int(k.get("min_headings", 2)),
            opening=tuple(rxcache.compile(p) for p in k.get("opening", ())),
            body=tuple(k.get("body", ())),
            min_body=int(k.get("min_body", 2)),
        )
        for k in v.document_kinds
    )
    return kinds, tuple(rxcache.compile(p) for p in v.report_openings)


def is_report_title(title: str) -> bool:
    """A title in the form of an annual report's: about 法治 / 依法行政, reading like a title."""
    return looks_like_title(title) and any(w in title for w in vocabulary().report_topics)


def classify(outline: Outline, parts: Optional[dict] = None) -> Optional[DocumentKind]:
    """The kind of document the file seems to be, or None for an annual report."""
    kinds, report_openings = _kinds()
    title = outline.title or ""
    if title:
        outer = _QUOTED.sub("《》", title)
        for kind in kinds:
            if any(w in title for w in kind.title_unless):
                continue
            if kind.title_unless_parts and _parts_under_headings(parts) >= kind.title_unless_parts:
                continue
            for pattern in kind.title:
                m = pattern.search(outer)
                if m:
                    return DocumentKind(kind.id, kind.name, f"标题含有“{m.group(0)}”", title[:80], outline.title_line)
        if is_report_title(outer):
            return None
    opening = opening_lines(outline.body, outline.title_line)
    for ln in opening:
        head = ln.text[:OPENING_CHARS]
        for kind in kinds:
            for pattern in kind.opening:
                m = pattern.search(head)
                if m:
                    return DocumentKind(kind.id, kind.name, f"开头写的是“{_around(head, m)}”", head[:80], ln)
    if any(p.search(ln.text[:OPENING_CHARS]) for ln in opening for p in report_openings):
        return None
    # mandated parts (the ones that count in the score) under their own headings
    if _parts_under_headings(parts):
        return None
    for kind in kinds:
        found = _headings_with(outline, kind.headings)
        if kind.headings and len(found) >= kind.min_headings:
            words = "”“".join(h.text[:20] for h in found[:3])
            return DocumentKind(kind.id, kind.name, f"小标题有“{words}”", found[0].text[:80], found[0].line)
        hits = _body_words(outline, kind.body)
        if kind.body and len(hits) >= kind.min_body:
            words = "”“".join(w for w, _ in hits[:4])
            return DocumentKind(kind.id, kind.name, f"正文有“{words}”", hits[0][1].text[:80], hits[0][1])
    return None


def _parts_under_headings(parts: Optional[dict]) -> int:
    """How many mandated parts (the ones that count in the score) stand under their own headings."""
    return sum(1 for m in (parts or {}).values() if m.status == "present" and m.via == "heading" and m.part.weight > 0)


def _around(text: str, m: re.Match) -> str:
    start = max(0, m.start() - 10)
    return ("…" if start else "") + text[start : m.end() + 4].strip()


def _headings_with(outline: Outline, words: tuple) -> list:
    if not words:
        return []
    return [h for h in outline.headings if any(w in h.text for w in words)]


def _body_words(outline: Outline, words: tuple) -> list[tuple[str, TextLine]]:
    hits: dict[str, TextLine] = {}
    if not words:
        return []
    for ln in outline.body:
        for w in words:
            if w not in hits and w in ln.text:
                hits[w] = ln
    return sorted(hits.items(), key=lambda kv: kv[1].index)
