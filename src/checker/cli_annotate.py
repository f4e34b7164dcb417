"""``checker annotate REPORT [-o OUT.docx]``: findings as Word comments in a copy of the report.

Exit codes as ``checker lint``: 0 the report passes, 1 it fails, 2 a usage
error or a file that cannot be read or written.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .messages import verdict_word


def _fail(message: str) -> None:
    click.echo(f"checker: {message}", err=True)
    sys.exit(2)


@click.command("annotate")
@click.argument("report")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="批注版的保存位置（默认：原文件旁的 NAME.checked.docx）")
@click.option("--rulebook", "rulebook_ref", default=None, help="规则集：内置名称或 YAML 文件路径（默认：按标题中的报告主体自动选择）")
@click.option("--profile", default=None, help="内置规则集：national、government、department、township（默认：按标题自动选择）")
@click.option("--select", default="", help="只批注这些规则或部分（逗号分隔）")
@click.option("--ignore", default="", help="不批注这些规则或部分（逗号分隔）")
@click.option("--previous", default=None, metavar="FILE", help="上一年度报告，用于跨年度对照")
@click.option("--force-previous", is_flag=True, help="上一年度报告的机关或年度对不上时也做跨年度对照")
@click.option("--min-score", type=click.FloatRange(0, 100), default=None, help="及格分（默认取规则集的 pass_mark，即 60）")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True, help="有这一级或更严重的发现即不通过")
@click.option("--soffice", default=None, metavar="PATH", help="LibreOffice 的 soffice 程序（读取 .doc/.wps/.rtf 用；默认在 PATH 中查找）")
def annotate_cmd(report, output, rulebook_ref, profile, select, ignore, previous, force_previous, min_score, fail_on, soffice):
    """把检查结果作为 Word 批注写进报告的副本（.docx），原文件不改动。"""
    from .annotate import AnnotateError, annotated, default_output, same_file, write_atomically
    from .cli import _cli_values, _given, _Settings
    from .config import ConfigError, Lookup
    from .engine import Options, check_document
    from .model import ReadError
    from .readers import read_document
    from .rulebook import RulebookError

    given = _given(click.get_current_context())
    try:
        # the settings `checker lint` would use for this report: the command line over the configuration nearest to it
        settings = _Settings(Lookup(None), _cli_values("terminal", min_score, rulebook_ref, profile, fail_on, select, ignore, ()), lambda name: name not in ("fmt", "exclude") and given(name))
        merged = settings.merged(settings.lookup.for_file(report))
        rulebook = merged["rulebook_obj"]
    except (ConfigError, RulebookError) as exc:
        _fail(str(exc))
    out = output or default_output(report)
    if same_file(out, report):
        _fail(f"{out}: 批注版不能覆盖原文件，请用 -o 另给一个文件名")
    if Path(out).suffix.lower() != ".docx":
        _fail(f"{out}: 批注版是 Word 文档，文件名应以 .docx 结尾")
    limits = {"soffice": soffice} if soffice else {}
    options = Options(
        min_score=merged["min_score"],
        select=merged["select"],
        ignore=merged["ignore"],
        fail_on=merged["fail_on"],
        severities=merged["severities"],
        read_limits=tuple(sorted(limits.items())),
        force_previous=force_previous,
    )
    try:
        doc = read_document(report, **limits)
        last_year = None
        if previous is not None:
            if same_file(previous, report):
                _fail(f"{previous}: 上一年度报告和要检查的报告是同一个文件")
            try:
                last_year = read_document(previous, **limits)
            except ReadError as exc:
                raise ReadError(f"{exc}（上一年度报告，用于对照 {report}）") from None
        result = check_document(doc, rulebook, options, last_year)
        data, count = annotated(doc, result, rulebook)
    except (ReadError, AnnotateError) as exc:
        _fail(str(exc))
    for note in result.notes:
        click.echo(f"checker: {note}", err=True)
    try:
        write_atomically(out, data)
    except OSError as exc:
        _fail(f"{out}: 无法写入（{exc.strerror or exc}）")
    verdict = verdict_word(result.passed)
    click.echo(f"{out}: 已写入 {count} 条批注（含 1 条总评）；得分 {result.score:g}，{verdict}")
    sys.exit(0 if result.passed else 1)
