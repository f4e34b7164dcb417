"""One report end to end: read -> normalize -> outline -> match -> check -> score.

Never raises for a bad input: a file that cannot be read gives a
:class:`ReportResult` with ``error`` set.
"""

from __future__ import annotations

import signal
from pathlib import Path
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Optional

from .checks import Context, run_checks
from .checks.copies import CHECK_ID as COPIES_RULE, sketch as make_sketch
from .checks.coverage import CHECK_ID as COVERAGE_RULE, measure_coverage
from .matcher import match_parts
from .metadata import detect_published, detect_year
from .model import Document, PartResult, ReadError, ReportResult
from .normalize import mark_guidance, normalize
from .outline import build_outline
from .places import localize
from .profiles import SIGNATURE_LINES, report_subject, resolve as resolve_profile
from .readers import read_document
from .rulebook import Rulebook
from .scoring import passed, score


@dataclass(frozen=True)
class Options:
    min_score: Optional[float] = None  # default: the rulebook's pass mark
    published: Optional[date] = None  # used when the file carries no date
    select: frozenset = frozenset()
    ignore: frozenset = frozenset()
    debug: bool = False  # let unexpected exceptions through (for bug reports)
    timeout: Optional[float] = 60.0  # seconds one file may take; None or 0 = no limit
    read_limits: tuple = ()  # (name, value) pairs passed to read_document: max_bytes, max_pages, ...
    previous: tuple = ()  # (report path, last year's report path) pairs: --previous
    keep_lines: bool = False  # fill ReportResult.lines with the report's text (the HTML page shows it)
    fail_on: str = "error"  # the lowest severity that makes a report fail
    severities: tuple = ()  # (rule or part id, severity) pairs: per-rule severity overrides
    force_previous: bool = False  # cross-year findings even when last year's report names another organ or year


def check_document(doc: Document, rulebook: Rulebook, options: Options = Options(), previous: Optional[Document] = None) -> ReportResult:
    nd = mark_guidance(normalize(doc), _guidance_markers(rulebook))
    outline = build_outline(nd)
    rulebook = resolve_profile(rulebook, outline)  # no profile asked for: the one the title names
    parts = match_parts(outline, rulebook)
    year = detect_year(outline, parts)
    published, published_line = detect_published(nd, outline)
    if published is None and options.published is not None:
        published = options.published
    cross = None
    subject = report_subject(outline.title, [ln.text for ln in outline.body[-SIGNATURE_LINES:]], rulebook.detect)
    notes: list[str] = []
    if previous is not None:
        from .checks.crossyear import compare
        from .previous import pair_problems

        cross = compare(previous, rulebook, doc.path, year, outline, parts, doc.format)
        notes = pair_problems(Path(previous.path).name, subject, year, cross.previous.subject, cross.previous.year)
        if notes and not options.force_previous:
            notes = [f"{'；'.join(notes)}，未做跨年度对照（确是上一年度报告请加 --force-previous）"]
            cross = None
        elif notes:
            notes = [f"{'；'.join(notes)}（--force-previous：仍做跨年度对照）"]
    ctx = Context(nd=nd, outline=outline, rulebook=rulebook, parts=parts, year=year, published=published, published_line=published_line, cross=cross)
    findings = localize(run_checks(ctx, set(options.select), set(options.ignore), dict(options.severities)), nd.lines, outline.headings)
    coverage = measure_coverage(outline, parts, rulebook)
    copies = rulebook.checks.get(COPIES_RULE)
    sketch = make_sketch(outline, parts, copies) if copies is not None and copies.enabled and _selected(COPIES_RULE, "", options) else None
    counted = _selected(COVERAGE_RULE, "measures", options)
    value = score(parts, findings, rulebook, coverage if counted else None)
    pass_mark = options.min_score if options.min_score is not None else rulebook.pass_mark
    return ReportResult(
        path=doc.path,
        title=outline.title,
        year=year,
        score=value,
        passed=passed(value, findings, pass_mark, options.fail_on),
        profile=rulebook.id,
        parts=[
            PartResult(
                id=pid,
                name=m.part.name,
                status=m.status,
                line=m.line.number if m.line is not None else None,
                heading=m.heading.text if m.heading is not None else None,
                location=m.line.location if m.line is not None else None,
                evidence_lines=tuple(ln.number for ln in m.evidence),
            )
            for pid, m in parts.items()
        ],
        findings=findings,
        published=published,
        format=doc.format,
        lines=[(ln.number, ln.shown, ln.raw, ln.chrome) for ln in nd.lines] if options.keep_lines else [],
        coverage=coverage,
        pass_mark=pass_mark,
        fail_on=options.fail_on,
        title_line=outline.title_line.number if outline.title_line is not None else None,
        subject=subject,
        notes=[f"{doc.path}: {n}" for n in notes],
        sketch=sketch,
    )


def _guidance_markers(rulebook) -> tuple:
    """The template-placeholder check's ``guidance`` markers: lines that are a template's guidance, not content."""
    try:
        check = rulebook.check("template-placeholder")
    except (KeyError, AttributeError):
        return ()
    return tuple(check.params.get("guidance", ())) if check.enabled else ()


def _selected(rule: str, part: str, options: Options) -> bool:
    """Whether --select / --ignore leave a rule (about a part) in play."""
    if options.select and rule not in options.select and part not in options.select:
        return False
    return not (rule in options.ignore or part in options.ignore)


class FileTimeout(BaseException):
    """Raised (by SIGALRM) when one file takes longer than Options.timeout.

    A BaseException, so that a reader's `except Exception` cannot swallow it.
    """


@contextmanager
def _time_limit(seconds: Optional[float]):
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise FileTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _read_previous(path: str, options: Options) -> Optional[Document]:
    """Last year's report for ``path`` (Options.previous), or None."""
    previous = dict(options.previous).get(str(path))
    if previous is None:
        return None
    try:
        return read_document(previous, **dict(options.read_limits))
    except ReadError as exc:
        raise ReadError(f"{exc}（上一年度报告，用于对照 {path}）") from None


def check_file(path: str, rulebook: Rulebook, options: Options = Options()) -> ReportResult:
    """Check one file; a file that cannot be read (or trips a bug) gives a result with ``error``."""
    try:
        with _time_limit(options.timeout):
            doc = read_document(path, **dict(options.read_limits))
            return check_document(doc, rulebook, options, _read_previous(path, options))
    except ReadError as exc:
        return ReportResult(path=str(path), error=str(exc), profile=rulebook.id)
    except FileTimeout:
        return ReportResult(path=str(path), error=f"{path}: 处理超时（超过 {options.timeout:g} 秒），文件可能过大或结构异常", profile=rulebook.id)
    except Exception as exc:  # a bug must not stop a batch nor show a traceback
        if options.debug:
            raise
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        return ReportResult(path=str(path), error=f"{path}: 检查时发生内部错误（{reason}），可加 --debug 查看详情并报告", profile=rulebook.id)
