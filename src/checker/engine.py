"""One report end to end: read -> analyse -> run the rules -> score.

Never raises for a bad input: a file that cannot be read gives a
:class:`ReportResult` with ``error`` set.
"""

from __future__ import annotations

import signal
from dataclasses import replace
from pathlib import Path
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Optional

from .analysis import analyse
from .checks import run_rules
from .checks.personal_data import masking
from .model import Document, PartResult, ReadError, ReportResult
from .places import localize
from .personal import mask_result
from .readers import read_document
from .rulebook import Rulebook
from .scoring import passed, reason, score
from .suppress import ALL, extract as extract_directives


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
    file_ignores: tuple = ()  # (report path, ids) pairs: more ids to ignore in that report (per-file-ignores)
    force_previous: bool = False  # cross-year findings even when last year's report names another organ or year
    sketches: bool = True  # compute what the batch's copies rules compare (False: a run of one report, which has no other to copy)


def check_document(doc: Document, rulebook: Rulebook, options: Options = Options(), previous: Optional[Document] = None) -> ReportResult:
    """Analyse a report, run the rules of the profile that judges it, and score it.

    Personal numbers (ID, mobile, bank card) are masked in everything the result carries,
    so that no output made from it shows one whole (see :mod:`checker.personal`)."""
    doc, directives = extract_directives(doc)  # "checker: ignore …" written in the report
    a = analyse(doc, rulebook, previous, published=options.published)
    judged_by = a.rulebook
    subject = _subject(a)
    a, notes = _paired(a, subject, options)
    select, ignore = set(options.select), _ignored(doc.path, judged_by, options, directives.file)
    findings = run_rules(a, select, ignore, dict(options.severities))
    findings, suppressed = directives.apply(findings)
    findings = localize(findings, a.nd.lines, a.outline.headings)
    coverage = a.coverage
    counted = coverage is not None and _judged(coverage.rule, judged_by.rule(coverage.rule).part, select, ignore)
    # only what is judged is scored (--select / --ignore, as in ruff); a missing part accepted on purpose costs nothing
    parts_rule = _parts_rule(judged_by)
    accepted = {f.part for f in suppressed if f.rule == parts_rule}
    scored = {pid: m for pid, m in a.parts.items() if _judged(parts_rule, pid, select, ignore) and pid not in accepted}
    value = score(scored, findings, judged_by, coverage if counted else None)
    pass_mark = options.min_score if options.min_score is not None else judged_by.pass_mark
    nd = a.nd
    result = ReportResult(
        path=doc.path,
        title=a.outline.written_title or a.title,  # as the file writes it
        year=a.year,
        score=value,
        passed=passed(value, findings, pass_mark, options.fail_on),
        profile=judged_by.id,
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
            for pid, m in a.parts.items()
        ],
        findings=findings,
        published=a.published,
        format=doc.format,
        lines=nd.source_lines() if options.keep_lines else [],
        coverage=coverage,
        rulebook=judged_by,
        pass_mark=pass_mark,
        fail_on=options.fail_on,
        reason=reason(value, findings, pass_mark, options.fail_on, judged_by),
        skipped=_not_judged(judged_by, select, ignore, a.previous is not None, a.year),
        suppressed=len(suppressed),
        title_line=a.title_line.number if a.title_line is not None else None,
        subject=subject,
        notes=[f"{doc.path}: {n}" for n in notes],
        sketch=_sketch(a, select, ignore) if options.sketches else None,
    )
    return mask_result(result, masking(judged_by))


def _subject(a) -> "str | None":
    """The organ that wrote the report (单位), as read (subject.py): from its title, opening sentence or signature."""
    return a.subject.text if a.subject is not None else None


def _named_subject(a) -> "str | None":
    """The subject when it names an organ ("青山县司法局"), not only its kind ("我局", "街道"): what pairing compares."""
    return a.subject.text if a.subject is not None and a.subject.named else None


def _paired(a, subject, options: Options):
    """The analysis to check (without last year's report when the pair does not match) and the warnings."""
    if a.previous is None:
        return a, []
    from .previous import pair_problems

    last = a.previous
    problems = pair_problems(Path(last.path).name, _named_subject(a), a.year, _named_subject(last), last.year)
    if not problems:
        return a, []
    if options.force_previous:
        return a, [f"{'；'.join(problems)}（--force-previous：仍做跨年度对照）"]
    return replace(a, previous=None), [f"{'；'.join(problems)}，未做跨年度对照（确是上一年度报告请加 --force-previous）"]


def _sketch(a, select: set, ignore: set):
    """What the batch's copies rules compare: rule id -> the report's sketch (None without such a rule)."""
    from .checks.copies import KIND, sketch

    out = {rule.id: sketch(a.outline, a.parts, rule.config) for rule in a.rulebook.of_kind(KIND) if _judged(rule.id, rule.part, select, ignore)}
    return out or None


def _ignored(path: str, rulebook: Rulebook, options: Options, written: frozenset) -> set:
    """--ignore, plus the report's per-file-ignores and its own "checker: ignore-file" ids."""
    ignore = set(options.ignore) | set(dict(options.file_ignores).get(str(path), ())) | set(written)
    if ALL in ignore:
        ignore = (ignore - {ALL}) | rulebook.ids()
    return ignore


def _parts_rule(rulebook: Rulebook) -> str:
    """The id of the rule that reports missing parts (kind ``parts``)."""
    return next((r.id for r in rulebook.rules.values() if r.kind == "parts"), "missing-part")


def _judged(rule: str, part: Optional[str], select: set, ignore: set) -> bool:
    """Whether select / ignore leave a rule (about a part) in play."""
    if select and rule not in select and (part or "") not in select:
        return False
    return not (rule in ignore or (part or "") in ignore)


#: (id of the rulebook, select, ignore, with last year's report, year) -> (the rulebook, what _not_judged found)
_NOT_JUDGED: dict = {}


def _not_judged(rulebook: Rulebook, select: set, ignore: set, with_previous: bool, year: Optional[int]) -> tuple:
    """(rule or part id, why) of every rule and part that this run does not judge (the same for most reports of a batch)."""
    key = (id(rulebook), frozenset(select), frozenset(ignore), with_previous, year)
    known = _NOT_JUDGED.get(key)
    if known is not None and known[0] is rulebook:
        return known[1]
    out = _find_not_judged(rulebook, select, ignore, with_previous, year)
    if len(_NOT_JUDGED) >= 256:
        _NOT_JUDGED.clear()
    _NOT_JUDGED[key] = (rulebook, out)
    return out


def _find_not_judged(rulebook: Rulebook, select: set, ignore: set, with_previous: bool, year: Optional[int]) -> tuple:
    from .checks import needs_previous

    part_ids = {p.id for p in rulebook.parts}
    out = []
    for rid, rule in rulebook.rules.items():
        if not rule.enabled:
            out.append((rid, "disabled"))
        elif rule.kind == "parts":
            if rule.enabled:
                out.extend((p.id, "not-selected") for p in rulebook.parts if not _judged(rid, p.id, select, ignore))
        elif rid in ignore or (rule.part and rule.part in ignore) or (select and rid not in select and (rule.part or "") not in select and not select & part_ids):
            out.append((rid, "not-selected"))
        elif not with_previous and (rule.needs_previous or needs_previous(rule.kind)):
            out.append((rid, "no-previous"))
        elif not rule.applies_to(year):
            out.append((rid, "other-year"))
    return tuple(sorted(out))


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
