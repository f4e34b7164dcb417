"""GitHub Actions workflow commands: one annotation per finding.

    ::group::reports/a.txt  得分 73 / 100  未通过
    ::error file=reports/a.txt,line=32,title=missing-part（causes）::标题写明“原因”……
    ::endgroup::

Escaping follows GitHub's toolkit (``@actions/core`` command.ts): in the
message ``%`` ``\\r`` ``\\n`` are percent-encoded; in property values also
``:`` and ``,``.  A finding without a line is an annotation on the file.
"""

from __future__ import annotations

from typing import Iterable

from ..model import Finding, ReportResult
from ..messages import SKIPPED, UNREADABLE, verdict_with_reason

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def _title(f: Finding) -> str:
    return f"{f.rule}（{f.part}）" if f.part else f.rule


def _message(f: Finding) -> str:
    text = f.message
    if f.evidence:
        text += f"\n原文：{f.evidence}"
    if f.fix:
        text += f"\n建议：{f.fix}"
    return text


def render_report(r: ReportResult) -> list[str]:
    if r.skipped_file is not None:
        return [command("notice", r.skipped_file, file=r.path, title=SKIPPED)]
    if r.error is not None:
        return [command("error", r.error, file=r.path, title=UNREADABLE)]
    verdict = verdict_with_reason(r.passed, r.reason)
    out = [command("group", f"{r.path}  得分 {r.score:g} / 100  {verdict}")]
    for f in r.findings:
        out.append(command(COMMANDS[f.severity], _message(f), file=r.path, line=f.line, title=_title(f)))
    out.append("::endgroup::")
    return out


def render(results: Iterable[ReportResult], rulebook=None, quiet: bool = False) -> str:
    """``quiet``: only the reports that do not pass."""
    lines = [line for r in results if not (quiet and r.error is None and r.passed) for line in render_report(r)]
    return "\n".join(lines) + "\n" if lines else ""
