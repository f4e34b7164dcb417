"""JUnit XML, for CI services that show test reports (GitLab, Jenkins, Azure).

One ``<testsuite>`` per report.  In it, one ``<testcase>`` per part of the
rulebook (a failure when its missing-part finding has a severity that fails
the report — ``--fail-on``, default error; a weak part, or a missing part
whose finding does not fail, passes with a note in ``<system-out>``), one per
other check rule (a failure when it has findings of a failing severity; the
others are only noted) and one for the verdict (a failure when the report does
not pass, with the reason), so that the suite fails exactly when checker's
exit code says so.  A rule that did not run is ``<skipped>`` with why: disabled
in the rulebook, needs last year's report (``--previous``), meant for other
years (``years``), or left out by
``--select`` / ``--ignore``.  A file that cannot be read is a suite whose one
test case has an ``<error>``.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional
from xml.etree import ElementTree as ET

from ..model import SEVERITIES, Finding, ReportResult

SKIPPED = {
    "disabled": "规则集中已停用",
    "no-previous": "没有给出上一年度报告（--previous），未运行",
    "other-year": "这条规则只适用于其他年度的报告，未运行",
    "not-selected": "未选中（--select / --ignore / 忽略设置），未检查",
}
from ..messages import SEVERITY as SEVERITY_LABEL, STATUS_LONG as STATUS_LABEL, verdict_with_reason
# characters XML 1.0 cannot carry at all
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    return _ILLEGAL_XML.sub("\ufffd", text)


def _describe(f: Finding) -> str:
    where = f"第 {f.location or f.line} 行" if f.line is not None else "全文"
    out = f"[{SEVERITY_LABEL[f.severity]}] {where}  {f.message}  [{f.rule}]"
    if f.evidence:
        out += f"\n    原文：{f.evidence}"
    if f.fix:
        out += f"\n    建议：{f.fix}"
    return out


class _Suite:
    def __init__(self, path: str):
        self.el = ET.Element("testsuite", name=_clean(path))
        self.path = path
        self.tests = self.failures = self.errors = self.skipped = 0

    def case(self, name: str) -> ET.Element:
        self.tests += 1
        return ET.SubElement(self.el, "testcase", classname=_clean(self.path), name=name)

    def fail(self, case: ET.Element, kind: str, findings: list[Finding], failing: tuple, message: Optional[str] = None) -> None:
        self.failures += 1
        first = next(f for f in findings if f.severity in failing)
        el = ET.SubElement(case, "failure", type=kind, message=_clean(message or first.message))
        el.text = _clean("\n".join(_describe(f) for f in findings))

    def skip(self, case: ET.Element, why: str) -> None:
        self.skipped += 1
        ET.SubElement(case, "skipped", message=SKIPPED.get(why, why))

    def note(self, case: ET.Element, text: str) -> None:
        ET.SubElement(case, "system-out").text = _clean(text)

    def finish(self) -> ET.Element:
        for key in ("tests", "failures", "errors", "skipped"):
            self.el.set(key, str(getattr(self, key)))
        self.el.set("time", "0")
        return self.el


def _properties(suite: _Suite, r: ReportResult) -> None:
    props = ET.SubElement(suite.el, "properties")
    for key, value in (("title", r.title), ("year", r.year), ("score", f"{r.score:g}"), ("passed", str(r.passed).lower()), ("profile", r.profile)):
        if value is not None:
            ET.SubElement(props, "property", name=key, value=_clean(str(value)))


def report_suite(r: ReportResult, rulebook=None) -> ET.Element:
    suite = _Suite(r.path)
    if r.skipped_file is not None:
        case = suite.case("读取文件 [read]")
        suite.skipped += 1
        ET.SubElement(case, "skipped", message=_clean(r.skipped_file))
        return suite.finish()
    if r.error is not None:
        case = suite.case("读取文件 [read]")
        suite.errors += 1
        ET.SubElement(case, "error", type="read-error", message=_clean(r.error)).text = _clean(r.error)
        return suite.finish()
    _properties(suite, r)
    failing = SEVERITIES[: SEVERITIES.index(r.fail_on or "error") + 1]
    skipped = dict(r.skipped)
    by_rule: dict[str, list[Finding]] = {}
    for f in r.findings:
        by_rule.setdefault(f.rule, []).append(f)
    missing = {f.part: f for f in by_rule.pop("missing-part", [])}

    for p in r.parts:
        case = suite.case(f"部分：{p.name} [{p.id}]")
        f = missing.get(p.id)
        if f is not None and f.severity in failing:
            suite.fail(case, "missing-part", [f], failing)
        elif p.id in skipped:
            suite.skip(case, skipped[p.id])
        elif f is not None or p.status != "present":
            where = f"（第 {p.location or p.line} 行）" if p.line is not None else ""
            suite.note(case, f"{STATUS_LABEL[p.status]}{where}" + (f"\n{_describe(f)}" if f is not None else ""))

    judged_by = r.rulebook if r.rulebook is not None else rulebook
    checks = [c for c in (judged_by.rules.values() if judged_by is not None else ()) if c.kind != "parts"]
    known = {c.id for c in checks}
    names = [(c.id, c.label, c.enabled) for c in checks]
    names += [(rid, "", True) for rid in sorted(by_rule) if rid not in known]
    for rid, description, enabled in names:
        case = suite.case(f"检查：{description} [{rid}]" if description else f"检查：[{rid}]")
        found = by_rule.get(rid, [])
        if any(f.severity in failing for f in found):
            suite.fail(case, rid, found, failing, f"{len(found)} 处问题：{next(f.message for f in found if f.severity in failing)}")
        elif found:
            suite.note(case, "\n".join(_describe(f) for f in found))
        elif not enabled:
            suite.skip(case, "disabled")
        elif rid in skipped:
            suite.skip(case, skipped[rid])

    case = suite.case("得分与结论 [score]")
    summary = f"得分 {r.score:g} / 100，" + verdict_with_reason(r.passed, r.reason)
    if r.passed:
        suite.note(case, summary)
    else:
        suite.failures += 1
        ET.SubElement(case, "failure", type="score", message=summary).text = summary
    return suite.finish()


def render(results: Iterable[ReportResult], rulebook=None) -> str:
    root = ET.Element("testsuites", name="checker")
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for r in results:
        suite = report_suite(r, rulebook)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
