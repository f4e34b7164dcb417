"""Plain values passed from one stage to the next.

Reading produces a :class:`Document`; normalizing turns it into
:class:`TextLine` objects that still know their original location; checks
produce :class:`Finding` values; the engine gathers them in a
:class:`ReportResult` that formatters render.  Nothing here knows about rules,
Chinese, or output formats.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from typing import Any, Optional

from .dccache import dataclass

SEVERITIES = ("error", "warning", "info")
PART_STATUSES = ("present", "weak", "missing")


class ReadError(Exception):
    """An input that cannot be read; the message is shown to the user as is."""


@dataclass(frozen=True)
class SourceLine:
    """One line (or paragraph) as found in the input file.

    ``number`` is the 1-based line number in the original file (for .docx the
    paragraph number, for .pdf the running line number over all pages).
    ``location`` is how the place is shown to a user when it differs from the
    number (``"3:12"`` = page 3, line 12 of a PDF).  ``level`` is an outline
    level hint from the source format (Word heading styles, HTML <h1>-<h6>,
    Markdown ``#``), 1 = top level.
    """

    number: int
    text: str
    location: Optional[str] = None
    level: Optional[int] = None


@dataclass
class Document:
    """What a reader returns: the lines of the file plus metadata it found."""

    path: str
    format: str
    lines: list[SourceLine]
    published: Optional[date] = None  # publication date from the file's metadata
    title: Optional[str] = None  # title from the file's metadata (<title>, docx core props)
    encoding: Optional[str] = None
    #: the .docx a converter made of the file (.doc/.wps/.rtf through LibreOffice); annotate comments on it
    package: Optional[bytes] = field(default=None, repr=False)
    #: (line number in the file, places) where bytes could not be decoded and were replaced by U+FFFD
    replaced: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Finding:
    """One problem found in a report (cf. yamllint's LintProblem)."""

    rule: str
    severity: str
    message: str
    line: Optional[int] = None
    part: Optional[str] = None
    evidence: Optional[str] = None
    fix: Optional[str] = None
    location: Optional[str] = None
    related_line: Optional[int] = None  # the other place (duplicate-block)
    section: Optional[str] = None  # the heading the line sits under, in the file's characters
    normalized: Optional[str] = None  # the evidence as normalized, when it says something else than the file
    column: Optional[int] = None  # 1-based column of the evidence in its line, when known

    def sort_key(self) -> tuple:
        return (
            SEVERITIES.index(self.severity),
            self.line if self.line is not None else 10**9,
            self.column or 0,
            self.rule,
            self.part or "",
            self.message,
        )


@dataclass(frozen=True)
class PartResult:
    id: str
    name: str
    status: str
    line: Optional[int] = None
    heading: Optional[str] = None
    location: Optional[str] = None
    evidence_lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Coverage:
    """How many recommended topics (the 纲要's systems) the measures part covers."""

    percent: int
    covered: tuple[str, ...] = ()  # topic ids
    missing: tuple[str, ...] = ()  # topic ids
    names: tuple[tuple[str, str], ...] = ()  # (id, name) of every topic counted
    weight: float = 0.0  # its weight in the score (on the scale of the parts' weights)
    rule: str = ""  # the id of the coverage rule that measured it

    def to_dict(self) -> dict:
        return {"percent": self.percent, "covered": list(self.covered), "missing": list(self.missing)}


@dataclass
class ReportResult:
    path: str
    title: Optional[str] = None
    year: Optional[int] = None
    score: float = 0.0
    passed: bool = False
    profile: Optional[str] = None
    parts: list[PartResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    published: Optional[date] = None
    format: Optional[str] = None
    error: Optional[str] = None
    #: a file listed but deliberately not checked (a Word lock file, a hidden file…): the note why; not an error
    skipped_file: Optional[str] = None
    #: (number, location shown, text as read, page furniture?) of every line of the file;
    #: filled only when asked (Options.keep_lines), for formats that show the text (HTML)
    lines: list[tuple[int, str, str, bool]] = field(default_factory=list)
    #: the measures' coverage of the 纲要's systems (outline-coverage), None when not measured
    coverage: Optional[Coverage] = None
    title_line: Optional[int] = None  # the line (paragraph) of the title
    #: the organ that wrote the report (单位), as read from its title, opening sentence or signature ("下蜀镇")
    subject: Optional[str] = None
    pass_mark: Optional[float] = None  # the pass mark it was judged by
    fail_on: Optional[str] = None  # the lowest severity that fails it
    #: what the batch compares across reports (copied-report): small sketches of the text, never output
    sketch: Optional[object] = field(default=None, repr=False, compare=False)
    #: warnings about the run rather than the report (last year's report does not match …), shown on stderr
    notes: list[str] = field(default_factory=list)
    #: the rulebook (profile) that judged the report: its rules' descriptions, bases and fixes
    #: are what the formatters show; not serialized
    rulebook: Optional[Any] = field(default=None, repr=False, compare=False)
    #: why it fails, in one line ("1 个错误（缺少“不足的原因”）；得分 55 低于及格分 60"); None when it passes
    reason: Optional[str] = None
    #: (rule or part id, why) of what was not judged: "disabled" (in the rulebook),
    #: "no-previous" (needs last year's report), "other-year" (the rule's years exclude the report's),
    #: "not-selected" (--select / --ignore / ignores)
    skipped: tuple[tuple[str, str], ...] = ()
    #: findings accepted on purpose in the report itself ("checker: ignore …" on their line)
    suppressed: int = 0
