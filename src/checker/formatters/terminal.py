"""The coloured terminal summary (rich).

Colour only on a terminal and never with NO_COLOR (rich honours both).  Lines
are wrapped to the terminal's width only on a terminal: into a pipe or a
file (``-o report.txt``) every line is written whole, for grep and for diffs.
Every text that comes from a report or a file name goes through
:func:`~checker.formatters.safe_text.terminal_safe`: escape sequences in a
report are shown, never sent to the terminal.
"""

from __future__ import annotations

from typing import IO, Optional, Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..model import ReportResult
from ..messages import FAILED, PASSED, SEVERITY, SKIPPED, UNREADABLE
from ..places import finding_place, where
from .safe_text import terminal_safe as _s

#: the width a console gets when it is not a terminal: wide enough that nothing wraps
UNWRAPPED = 100_000

STATUS_MARK = {"present": ("✓ 有", "green"), "weak": ("~ 弱", "yellow"), "missing": ("✗ 缺", "red")}
SEVERITY_STYLE = {sev: (SEVERITY[sev], style) for sev, style in (("error", "bold red"), ("warning", "yellow"), ("info", "cyan"))}


def _where(fmt, line, location) -> str:
    return where(fmt, line, location) if line is not None else "-"


def evidence_text(f) -> str:
    """The evidence in the file's characters, and the normalized form when it says something else."""
    return f.evidence + (f"（规范化：{f.normalized}）" if f.normalized else "")


class _Unpadded:
    """A text stream that drops the spaces rich pads table cells with at the end of a line."""

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.pending = ""

    def write(self, text: str) -> int:
        lines = (self.pending + text).split("\n")
        self.pending = lines.pop()
        if lines:
            self.stream.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self.stream.write(self.pending)
            self.pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", None) or "utf-8"


def make_console(file: Optional[IO[str]] = None) -> Console:
    """A console for stdout (or ``file``): wrapped and coloured on a terminal; unwrapped, plain and without trailing padding elsewhere."""
    # emoji=False: ":smile:" in a report stays as written (and rich's table of emoji codes is never loaded)
    if file is not None:
        return Console(file=_Unpadded(file), force_terminal=False, color_system=None, width=UNWRAPPED, emoji=False)
    console = Console(emoji=False)
    if not console.is_terminal:
        import sys

        console = Console(file=_Unpadded(sys.stdout), width=UNWRAPPED, emoji=False)
    return console


def render_report(console: Console, r: ReportResult, detailed: bool = True) -> None:
    if r.skipped_file is not None:
        console.print(Text.assemble(("– ", "dim"), (_s(r.path), "dim"), ("：" + _s(r.skipped_file), "dim")))
        return
    if r.error is not None:
        console.print(Text.assemble(("✗ ", "bold red"), (_s(r.error), "red")))
        return
    verdict = Text(f" {PASSED} ", style="bold white on green") if r.passed else Text(f" {FAILED} ", style="bold white on red")
    head = Text.assemble(
        (_s(r.path), "bold"),
        "  ",
        ("标题：", "dim"),
        (_s(r.title) if r.title else "（未识别到标题）", ""),
        "  ",
        ("年度：", "dim"),
        (str(r.year) if r.year else "未知", ""),
        "  ",
        ("主体：", "dim"),
        (r.subject or "未识别", ""),
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
            table.add_row(escape(_s(p.name)), Text(mark, style=style), _where(r.format, p.line, p.location), escape(_s(p.heading or "")))
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
                (_s(f.message), style),
                ("  [" + f.rule + "]", "dim"),
            )
            console.print(line)
            if detailed and f.evidence:
                console.print(Text("      原文：" + _s(evidence_text(f)), style="dim"))
            if detailed and f.fix:
                console.print(Text("      建议：" + _s(f.fix), style="green"))
    why = Text(f"  {r.reason}", style="red") if not r.passed and r.reason else Text("")
    console.print(Text.assemble(("得分 ", "bold"), (f"{r.score:g}", "bold"), " / 100  ", verdict, why))
    if r.suppressed:
        console.print(Text(f"（报告中用 checker: ignore 接受了 {r.suppressed} 处发现，未计入）", style="dim"))
    console.print()


def render_summary(console: Console, results: Sequence[ReportResult], quiet: bool = False, table: bool = True) -> None:
    """The table ranked by score (``quiet``: only the reports that do not pass) and the totals."""
    from ..summary import summarize

    skipped = [r for r in results if r.skipped_file is not None]
    results = [r for r in results if r.skipped_file is None]
    ranked = sorted(results, key=lambda r: (r.error is not None, -r.score, r.path))
    if quiet:
        ranked = [r for r in ranked if r.error is not None or not r.passed]
    if (ranked or skipped) and table:
        grid = Table(title="汇总（按得分排序）", header_style="bold")
        grid.add_column("#", justify="right")
        grid.add_column("文件", overflow="fold")
        grid.add_column("得分", justify="right", no_wrap=True)
        grid.add_column("结果", no_wrap=True)
        grid.add_column("原因", overflow="fold")
        grid.add_column("缺少的部分", overflow="fold")
        for i, r in enumerate(ranked, 1):
            if r.error is not None:
                grid.add_row(str(i), escape(_s(r.path)), "-", Text(UNREADABLE, style="bold red"), escape(_s(r.error)), "")
                continue
            missing = "、".join(p.name for p in r.parts if p.status == "missing" and p.id != "other")
            result = Text(PASSED, style="green") if r.passed else Text(FAILED, style="red")
            grid.add_row(str(i), escape(_s(r.path)), f"{r.score:g}", result, escape(_s(r.reason or "—")), escape(_s(missing)) or "—")
        for r in skipped:
            grid.add_row("", escape(_s(r.path)), "-", Text(SKIPPED, style="dim"), escape(_s(r.skipped_file)), "")
        console.print(grid)
    tail = f"；另有 {len(skipped)} 个文件已跳过" + ("（见上表）" if table else "") if skipped else ""
    console.print(escape(summarize(results).line() + tail))


def render_statistics(console: Console, results: Sequence[ReportResult], rulebook=None) -> None:
    """``--statistics``: how often each rule fired over the run (cf. ``ruff --statistics``), then the totals."""
    from ..summary import statistics, summarize

    rows = statistics(results, rulebook)
    if rows:
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("次数", justify="right")
        table.add_column("报告数", justify="right")
        table.add_column("规则")
        table.add_column("级别")
        table.add_column("说明")
        for c in rows:
            label, style = SEVERITY_STYLE[c.severity]
            table.add_row(str(c.findings), str(c.reports), c.rule, Text(c.severity, style=style), escape(c.description))
        console.print(table)
    else:
        console.print("没有发现问题")
    console.print(summarize(results).line())
