"""One report analysed once: the value every rule reads.

``analyse(document, rulebook)`` normalizes the text, finds the outline,
chooses the profile (when none was asked for), matches the parts and reads
the facts (year, title, publication date, coverage).  The result is a frozen
:class:`Analysis`; rules only read it.  The engine is::

    read -> analyse (this year's and, with --previous, last year's) -> run rules -> score
"""

from __future__ import annotations

from datetime import date
from functools import cached_property, lru_cache
from typing import Mapping, Optional

from .dccache import dataclass
from .matcher import PartMatch, match_parts
from .messages import fill
from .metadata import detect_published, detect_year, ends_with_date, is_date_line
from .model import Coverage, Document
from .normalize import NormalizedDocument, TextLine, mark_guidance, normalize
from .outline import Outline, build_outline
from .rulebook import Rulebook
from .subject import Subject


@dataclass(frozen=True)
class Analysis:
    document: Document
    nd: NormalizedDocument
    outline: Outline
    rulebook: Rulebook  # the profile that judges the report
    parts: Mapping[str, PartMatch]
    year: Optional[int]
    published: Optional[date]
    published_line: Optional[TextLine]
    subject: Optional[Subject] = None  # who wrote it: from the title, the opening sentence or the signature
    previous: Optional["Analysis"] = None  # last year's report (--previous), analysed by the same rulebook

    # ------------------------------------------------------------ facts

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def title(self) -> Optional[str]:
        return self.outline.title

    @property
    def title_line(self) -> Optional[TextLine]:
        return self.outline.title_line

    @property
    def body(self) -> list[TextLine]:
        """The report's lines: no page furniture, no empty lines, in file order."""
        return self.outline.body

    @cached_property
    def coverage(self) -> Optional[Coverage]:
        """The measures' coverage of the recommended topics (the first enabled ``coverage`` rule), or None."""
        from .checks.coverage import measure

        rules = self.rulebook.of_kind("coverage")
        return measure(self, rules[0]) if rules else None

    @cached_property
    def year_view(self):
        """What the cross-year kinds compare: the report's problems, plan and account of its work."""
        from .crossyear import year_view

        return year_view(self.path, self.year, self.outline, dict(self.parts), self.rulebook)

    @cached_property
    def signature(self) -> list[TextLine]:
        """The 落款: the date lines among the last lines of the report (none when it has no signature)."""
        tail = [ln for ln in self.body if ln is not self.title_line][-self.rulebook.signature_lines :]
        return [ln for ln in tail if ends_with_date(ln.text)]

    @cached_property
    def signature_tail(self) -> list[TextLine]:
        """The last lines, where a signature belongs."""
        return [ln for ln in self.body if ln is not self.title_line][-self.rulebook.signature_lines :]

    @cached_property
    def opening(self) -> list[TextLine]:
        """The lines between the title and the first heading (date lines under the title excluded)."""
        first = self.outline.headings[0].start if self.outline.headings else len(self.body)
        return [ln for ln in self.body[:first] if ln is not self.title_line and not is_date_line(ln.text)]

    # ------------------------------------------------------------ scopes

    def part_lines(self, part_id: str) -> list[TextLine]:
        """The lines of a part: its heading(s) and sections, or the lines that carried it."""
        m = self.parts.get(part_id)
        if m is None or m.status == "missing":
            return []
        if m.via in ("heading", "themes"):
            out: list[TextLine] = []
            for h in m.sections or ((m.heading,) if m.heading is not None else ()):
                out.append(h.line)
                out.extend(self.outline.section_lines(h))
            return out
        return list(m.evidence)

    def part_start(self, part_id: Optional[str]) -> Optional[TextLine]:
        """Where a part starts (its heading, or the first line that carried it); None when it is missing."""
        m = self.parts.get(part_id) if part_id else None
        return m.line if m is not None and m.status != "missing" else None

    def scope_lines(self, scope: tuple[str, ...]) -> list[TextLine]:
        """Every line in a rule's scope (parts, ``document``, ``title``, ``opening``, ``signature``), in file order."""
        made = self.__dict__.setdefault("_scopes_made", {})  # several rules share a scope
        if scope not in made:
            made[scope] = self._scope_lines(scope)
        return list(made[scope])

    def _scope_lines(self, scope: tuple[str, ...]) -> list[TextLine]:
        found: dict[int, TextLine] = {}
        for name in scope:
            if name == "document":
                lines = self.body
            elif name == "title":
                lines = [self.title_line] if self.title_line is not None else []
            elif name == "opening":
                lines = self.opening
            elif name == "signature":
                lines = self.signature
            elif name == "guidance":
                lines = [ln for ln in self.nd.lines if ln.guidance and not ln.chrome]
            else:
                lines = self.part_lines(name)
            for ln in lines:
                found.setdefault(ln.index, ln)
        return [found[i] for i in sorted(found)]

    def scope_text(self, scope: tuple[str, ...]) -> str:
        """The text of a rule's scope: a part's body (without its heading line's numbering and
        heading), the title, or the lines of the other scopes, one per line."""
        texts = []
        for name in scope:
            if name == "title":
                texts.append(self.title or "")
            elif name in ("document", "opening", "signature", "guidance"):
                texts.extend(ln.text for ln in self.scope_lines((name,)))
            else:
                m = self.parts.get(name)
                if m is not None and m.status != "missing":
                    texts.append(m.text)
        return "\n".join(t for t in texts if t)

    def anchor(self, scope: tuple[str, ...]) -> tuple[Optional[TextLine], Optional[str]]:
        """Where a finding about a whole scope goes, and what it quotes: the title line and the
        title; a part's first line and its heading; else the scope's first line."""
        for name in scope:
            if name == "title" and self.title:
                return self.title_line, self.title[:80]
            m = self.parts.get(name)
            if m is not None and m.status != "missing":
                return m.line, (m.heading.text if m.heading is not None else None)
        lines = self.scope_lines(scope)
        return (lines[0], lines[0].text[:40]) if lines else (None, None)

    @staticmethod
    def column(line: TextLine, hit: str, occurrence: int = 0) -> Optional[int]:
        """The 1-based column of the ``occurrence``-th ``hit`` in the line as written in the file
        (None when the file does not have it as such)."""
        offset = (line.column or 1) - 1  # a piece of a long line cut at its headings (linesplit.py)
        for form in (None, "NFKC"):
            text = line.raw if form is None else _nfkc(line.raw)  # (NFKC only when the raw text lacks the hit)
            at = -1
            for _ in range(occurrence + 1):
                at = text.find(hit, at + 1)
                if at < 0:
                    break
            if at >= 0:
                return offset + at + 1
        return line.column

    def scope_present(self, scope: tuple[str, ...]) -> bool:
        """Whether any of the scope is in the report (a title, a part not missing …)."""
        for name in scope:
            if name == "title":
                if self.title:
                    return True
            elif name in ("document", "opening", "signature", "guidance"):
                if self.scope_lines((name,)):
                    return True
            else:
                m = self.parts.get(name)
                if m is not None and m.status != "missing":
                    return True
        return False

    def where(self, line: TextLine) -> str:
        """A line's place as the file's program shows it: 第 N 段 / 第 P 页第 L 行 / 第 N 行."""
        from .places import where

        return where(self.document.format, line.number, line.location)

    # ------------------------------------------------------------ texts

    def fill(self, template: Optional[str], **values) -> Optional[str]:
        """A rulebook text with ``{year}``, ``{next_year}`` and ``values`` filled in."""
        return fill(template, self.year, **values)


@lru_cache(maxsize=8)
def _nfkc(text: str) -> str:
    """``text`` in NFKC (cached: a line gets several findings, and may be 100,000 characters long)."""
    import unicodedata

    return unicodedata.normalize("NFKC", text)


def _guidance_markers(rulebook) -> tuple:
    """The rulebook's ``template: guidance`` marker (填写提示): lines holding it are a template's guidance, never content."""
    marker = (getattr(rulebook, "template", None) or {}).get("guidance", "填写提示")
    return (marker,) if marker else ()


def analyse(document: Document, rulebook, previous: Optional[Document] = None, published: Optional[date] = None) -> Analysis:
    """Analyse one report (and, given, last year's by the same rulebook).

    ``rulebook`` is a Rulebook, or an automatic choice (:class:`checker.profiles.AutoProfile`)
    that picks the profile the report's subject calls for.  ``published`` is
    used when the file carries no publication date.
    """
    from .profiles import report_subject, resolve as resolve_profile

    nd = mark_guidance(normalize(document), _guidance_markers(rulebook))
    outline = build_outline(nd)
    subject = report_subject(rulebook, outline)
    judged_by = resolve_profile(rulebook, subject)
    parts = match_parts(outline, judged_by)
    year = detect_year(outline, parts)
    found, found_line = detect_published(nd, outline)
    if found is None:
        found = published
    last = analyse(previous, judged_by) if previous is not None else None
    return Analysis(
        document=document,
        nd=nd,
        outline=outline,
        rulebook=judged_by,
        parts=parts,
        year=year,
        published=found,
        published_line=found_line,
        subject=subject,
        previous=last,
    )
