"""One line per finding, for grep and editors' problem matchers (cf. ruff's concise, yamllint's parsable)::

    reports/a.txt:32: error missing-part 标题写明“原因”，但正文没有分析原因，只列了问题
    reports/a.txt:38:12: warning repeated-char 疑似叠字笔误“将将”
    reports/a.txt: warning missing-part 没有报告上年度问题（或督察反馈问题）的整改情况
    reports/a.txt: 得分 67.9 未通过：1 个错误（缺少“不足的原因”）
    共 1 份：通过 0，未通过 1，无法读取 0；平均分 67.9

``path:line:col:`` — the column only when known, the line only when the
finding has one (a finding about the whole report has neither, as GCC writes
file-level diagnostics); ``line`` is JSON's ``line`` (the paragraph of a
.docx, the running line of a PDF).  Then the severity (error / warning /
info), the rule id and the message.  After a report's findings, one line
with its score and verdict (an unreadable file: ``error read-error`` and the
reason instead); at the end, the totals.  Every line matches

    ^(?P<path>.+?):(?:(?P<line>\\d+):(?:(?P<col>\\d+):)?)? (?P<severity>error|warning|info) (?P<rule>\\S+) (?P<message>.*)$

except the verdict lines and the totals, which do not.  A file listed but not
checked (a Word lock file, a hidden file) is ``path: info skipped-file`` and
the note why.  Control and escape characters of report text and file names
are shown escaped (``\\x1b``), never sent to the terminal.
"""

from __future__ import annotations

from typing import Iterable

from ..model import Finding, ReportResult
from ..summary import summarize
from .safe_text import terminal_safe


def _one_line(text: str) -> str:
    return " ".join(text.split())


def finding_line(path: str, f: Finding) -> str:
    where = path
    if f.line is not None:
        where += f":{f.line}"
        if f.column is not None:
            where += f":{f.column}"
    return f"{where}: {f.severity} {f.rule} {_one_line(f.message)}"


def verdict_line(r: ReportResult) -> str:
    if r.passed:
        return f"{r.path}: 得分 {r.score:g} 通过"
    return f"{r.path}: 得分 {r.score:g} 未通过：{r.reason}" if r.reason else f"{r.path}: 得分 {r.score:g} 未通过"


def _error_message(r: ReportResult) -> str:
    prefix = f"{r.path}: "
    text = r.error[len(prefix):] if r.error.startswith(prefix) else r.error
    return _one_line(text)


def render(results: Iterable[ReportResult], rulebook=None, quiet: bool = False) -> str:
    results = list(results)
    out: list[str] = []
    for r in results:
        if r.skipped_file is not None:
            out.append(f"{r.path}: info skipped-file {_one_line(r.skipped_file)}")
            continue
        if quiet and r.error is None and r.passed:
            continue
        if r.error is not None:
            out.append(f"{r.path}: error read-error {_error_message(r)}")
            continue
        out.extend(finding_line(r.path, f) for f in r.findings)
        out.append(verdict_line(r))
    out.append(summarize(results).line())
    return "\n".join(terminal_safe(line) for line in out) + "\n"
