"""The rows of a reviewer's spreadsheet, shared by ``--format xlsx`` and ``--format csv``.

汇总: one row per file (a report, or a file that could not be read, with why);
问题: one row per finding; 规则: the rules of every profile used.  Plain
values only (str, int, float, None); the formatters lay them out.
"""

from __future__ import annotations

from typing import Iterable, Optional

from ..model import SEVERITIES, ReportResult
from ..places import finding_place
from ..verdict import SEVERITY_LABEL, reason, verdict

STATUS = {"present": "有", "weak": "弱", "missing": "缺"}


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
        if r.error is not None:
            rows.append([k, None, None, None, r.profile, None, verdict(r), r.error] + [None] * len(parts) + [None, None, None, None, r.path])
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
    """The rulebook that judged ``r`` (a profile of an automatic choice), for the rules' descriptions."""
    if rulebook is None or r.profile is None:
        return rulebook
    profile = getattr(rulebook, "profile", None)
    if callable(profile) and getattr(rulebook, "id", None) != r.profile:
        try:
            return profile(r.profile)
        except Exception:  # noqa: BLE001 - a profile given as a file: its base's texts do
            return rulebook
    return rulebook


def rules(results: list[ReportResult], rulebook=None) -> tuple[list[str], list[list]]:
    head = ["规则集", "规则", "部分", "严重程度", "扣分或权重", "说明", "依据"]
    rows = []
    used = sorted({r.profile for r in results if r.profile} or ({getattr(rulebook, "id", None)} - {None}))
    for name in used:
        rb = _rulebook_of(ReportResult(path="", profile=name), rulebook)
        if rb is None:
            continue
        for p in rb.parts:
            rows.append([name, f"missing-part（{p.id}）", p.name, SEVERITY_LABEL.get(p.severity, p.severity), f"权重 {p.weight:g}", p.message, p.basis])
        for cid, c in rb.checks.items():
            if not c.enabled:
                continue
            cost = f"扣 {c.penalty:g} 分" + (f"（最多 {c.max_penalty:g}）" if c.max_penalty is not None else "") if c.penalty else "不扣分"
            part = rb.part(c.part).name if c.part and c.part in {q.id for q in rb.parts} else None
            rows.append([name, cid, part, SEVERITY_LABEL.get(c.severity, c.severity), cost, c.description, c.basis])
    return head, rows


def text_width(value: Optional[object]) -> int:
    """Columns a value takes in Excel: Chinese characters count double."""
    if value is None:
        return 0
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
