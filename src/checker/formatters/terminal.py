"""The coloured terminal summary (rich).

Colour only on a terminal and never with NO_COLOR (rich honours both).
"""

from __future__ import annotations

from typing import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..model import ReportResult
from ..places import finding_place, where

STATUS_MARK = {"present": ("✓ 有", "green"), "weak": ("~ 弱", "yellow"), "missing": ("✗ 缺", "red")}
SEVERITY_STYLE = {"error": ("错误", "bold red"), "warning": ("警告", "yellow"), "info": ("提示", "cyan")}


def _where(fmt, line, location) -> str:
    return where(fmt, line, location) if line is not None else "-"


def evidence_text(f) -> str:
    """The evidence in the file's characters, and the normalized form when it says something else."""
    return f.evidence + (f"（规范化：{f.normalized}）" if f.normalized else "")


def render_report(console: Console, r: ReportResult, detailed: bool = True) -> None:
    if r.error is not None:
        console.print(Text.assemble(("✗ ", "bold red"), (r.error, "red")))
        return
    verdict = Text(" 通过 ", style="bold white on green") if r.passed else Text(" 未通过 ", style="bold white on red")
    head = Text.assemble(
        (r.path, "bold"),
        "  ",
        ("标题：", "dim"),
        (r.title or "（未识别到标题）", ""),
        "  ",
        ("年度：", "dim"),
        (str(r.year) if r.year else "未知", ""),
        "  ",
        ("规则集：", "dim"),
        (r.profile or "-", ""),
    )
    console.print(head)
    if detailed:
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("部分")
        table.add_column("状态")
        table.add_column("位置", justify="right")
        table.add_column("找到的标题")
        for p in r.parts:
            mark, style = STATUS_MARK[p.status]
            table.add_row(p.name, Text(mark, style=style), _where(r.format, p.line, p.location), escape(p.heading or ""))
        console.print(table)
        if r.coverage is not None:
            names = dict(r.coverage.names)
            missing = "、".join(names.get(t, t) for t in r.coverage.missing)
            console.print(Text.assemble(("《纲要》体系覆盖 ", "dim"), f"{r.coverage.percent}%", (f"（未写到：{missing}）" if missing else "", "dim")))
    groups = [(sev, [f for f in r.findings if f.severity == sev]) for sev in ("error", "warning", "info")]
    for sev, items in groups:
        if not items:
            continue
        label, style = SEVERITY_STYLE[sev]
        console.print(Text(f"{label}（{len(items)}）", style=style))
        for f in items:
            line = Text.assemble(
                ("  ", ""),
                (finding_place(r.format, f), "dim"),
                "  ",
                (f.message, style),
                ("  [" + f.rule + "]", "dim"),
            )
            console.print(line)
            if detailed and f.evidence:
                console.print(Text("      原文：" + evidence_text(f), style="dim"))
            if detailed and f.fix:
                console.print(Text("      建议：" + f.fix, style="green"))
    console.print(Text.assemble(("得分 ", "bold"), (f"{r.score:g}", "bold"), " / 100  ", verdict))
    console.print()


def render_summary(console: Console, results: Sequence[ReportResult], min_score: float | None = None) -> None:
    ranked = sorted(results, key=lambda r: (r.error is not None, -r.score, r.path))
    table = Table(title="汇总（按得分排序）", header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("文件", overflow="fold")
    table.add_column("得分", justify="right", no_wrap=True)
    table.add_column("结果", no_wrap=True)
    table.add_column("缺少的部分", overflow="fold")
    for i, r in enumerate(ranked, 1):
        if r.error is not None:
            table.add_row(str(i), escape(r.path), "-", Text("无法读取", style="bold red"), escape(r.error))
            continue
        missing = "、".join(p.name for p in r.parts if p.status == "missing" and p.id != "other")
        result = Text("通过", style="green") if r.passed else Text("未通过", style="red")
        table.add_row(str(i), escape(r.path), f"{r.score:g}", result, missing or "—")
    console.print(table)
    readable = [r for r in results if r.error is None]
    passed = sum(r.passed for r in readable)
    failed = len(readable) - passed
    unreadable = len(results) - len(readable)
    mean = sum(r.score for r in readable) / len(readable) if readable else 0.0
    console.print(f"共 {len(results)} 份：通过 {passed}，未通过 {failed}，无法读取 {unreadable}；平均分 {mean:.1f}")
