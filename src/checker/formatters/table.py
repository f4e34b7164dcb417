"""The rows of a reviewer's spreadsheet, shared by ``--format xlsx`` and ``--format csv``.

汇总: one row per file (a report, a file that could not be read, or one a walk
did not check — a lock file, an unsupported extension … — with why);
问题: one row per finding; 规则: the rules of every profile used.  Plain
values only (str, int, float, None); the formatters lay them out.
"""

from __future__ import annotations

from typing import Iterable, Optional

from ..model import SEVERITIES, ReportResult
from ..places import finding_place
from ..messages import SEVERITY as SEVERITY_LABEL, STATUS
from ..verdict import reason, verdict



def part_columns(results: Iterable[ReportResult]) -> list[tuple[str, str]]:
    """(part id, column name) of every part any report has, in the rulebook's order."""
    seen: dict[str, str] = {}
    for r in results:
        for p in r.parts:
            seen.setdefault(p.id, p.name)
    return list(seen.items())


def summary(results: list[ReportResult], rulebook=None) -> tuple[list[str], list[list]]:
    parts = part_columns(results)
    head = ["序号", "单位", "标题", "年度", "规则集", "得分", "结果", "原因"]
    head += [name for _, name in parts]
    head += ["错误", "警告", "提示", "发现的问题（规则）", "文件"]
    rows = []
    for k, r in enumerate(results, 1):
        if r.error is not None or r.skipped_file is not None:
            # a file that could not be read, or that a walk did not check: a row that says why
            rows.append([k, None, None, None, r.profile, None, verdict(r), reason(r)] + [None] * len(parts) + [None, None, None, None, r.path])
            continue
        status = {p.id: STATUS.get(p.status, p.status) for p in r.parts}
        counts = {s: sum(1 for f in r.findings if f.severity == s) for s in SEVERITIES}
        rules = "、".join(dict.fromkeys(f.rule for f in r.findings))
        rows.append(
            [k, r.subject, r.title, r.year, r.profile, r.score, verdict(r), reason(r, _rulebook_of(r, rulebook))]
            + [status.get(pid) for pid, _ in parts]
            + [counts["error"], counts["warning"], counts["info"], rules, r.path]
        )
    return head, rows


def findings(results: list[ReportResult]) -> tuple[list[str], list[list]]:
    head = ["文件", "单位", "规则", "严重程度", "位置", "所在标题", "问题", "原文", "规范化后", "建议", "部分"]
    rows = []
    for r in results:
        names = {p.id: p.name for p in r.parts}
        for f in r.findings:
            rows.append(
                [
                    r.path,
                    r.subject,
                    f.rule,
                    SEVERITY_LABEL.get(f.severity, f.severity),
                    finding_place(r.format, f).split("（")[0],
                    f.section,
                    f.message,
                    f.evidence,
                    f.normalized,
                    f.fix,
                    names.get(f.part, f.part) if f.part else None,
                ]
            )
    return head, rows


def _rulebook_of(r: ReportResult, rulebook):
    """The rulebook (profile) that judged ``r``, for the rules' descriptions."""
    return r.rulebook if r.rulebook is not None else rulebook


def rules(results: list[ReportResult], rulebook=None) -> tuple[list[str], list[list]]:
    from ..ruledocs import amount

    head = ["规则集", "规则", "部分", "严重程度", "扣分或权重", "说明", "依据"]
    rows = []
    books: dict[str, object] = {}
    for r in results:
        if r.error is not None or r.skipped_file is not None:
            continue  # an unreadable or skipped file was judged by no profile
        rb = _rulebook_of(r, rulebook)
        if rb is not None and getattr(rb, "id", None):
            books.setdefault(rb.id, rb)
    if not books and rulebook is not None:
        books[rulebook.id] = rulebook
    for name, rb in sorted(books.items()):
        names = {p.id: p.name for p in rb.parts}
        for p in rb.parts:
            rows.append([name, f"missing-part（{p.id}）", p.name, SEVERITY_LABEL.get(p.severity, p.severity), f"权重 {p.weight:g}", p.message, p.basis])
        for rid, rule in rb.rules.items():
            if not rule.enabled or rid == "missing-part":
                continue
            rows.append([name, rid, names.get(rule.part) if rule.part else None, SEVERITY_LABEL.get(rule.severity, rule.severity), amount(rule), rule.label, rule.basis])
    return head, rows


def text_width(value: Optional[object]) -> int:
    """Columns a value takes in Excel: Chinese characters count double."""
    if value is None:
        return 0
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
