"""Command line: ``checker lint``, ``checker rules``, ``checker explain``.

Exit codes: 0 every report passes; 1 some report fails; 2 a usage error, a bad
rulebook, or an input that could not be read.
"""

from __future__ import annotations

import os
import sys
from datetime import date, datetime
from pathlib import Path

import click

from . import __version__
from .batch import run_batch
from .inputs import expand_inputs
from .output import emit, tmp_name

from .formatters import BINARY_FORMATS, format_names

FORMATS = format_names()


class _DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            return datetime.strptime(value, "%Y-%m-%d").date()
        except ValueError:
            self.fail(f"“{value}”不是 YYYY-MM-DD 格式的日期", param, ctx)


def _fail_usage(message: str) -> None:
    click.echo(f"checker: {message}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
def main() -> None:
    """检查法治政府建设年度报告是否符合法定模板（《法治政府建设与责任落实督察工作规定》第二十五条）。"""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="terminal", show_default=True, help="输出格式")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="把结果写入文件（默认输出到屏幕）")
@click.option("--min-score", type=click.FloatRange(0, 100), default=None, help="及格分（默认取规则集的 pass_mark，即 60）")
@click.option("--rulebook", "rulebook_ref", default=None, help="规则集：内置名称或 YAML 文件路径（默认：按标题中的报告主体自动选择）")
@click.option("--profile", default=None, help="内置规则集：national、government、department、township（默认：按标题自动选择）")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True, help="有这一级或更严重的发现即不通过")
@click.option("--exclude", multiple=True, metavar="GLOB", help="遍历文件夹时跳过的文件（可多次给出）")
@click.option("--published", type=_DateType(), default=None, help="文件中没有公开日期时使用的公开日期")
@click.option("--previous", default=None, metavar="FILE|DIR", help="上一年度报告（一个文件），或上一年度报告所在的文件夹（按文件名配对），用于跨年度对照")
@click.option("--force-previous", is_flag=True, help="上一年度报告的机关或年度对不上时也做跨年度对照")
@click.option("--select", default="", help="只报告这些规则或部分（逗号分隔）")
@click.option("--ignore", default="", help="不报告这些规则或部分（逗号分隔）")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, help="并行进程数（默认：全部 CPU 核）")
@click.option("--timeout", type=click.FloatRange(0), default=60, show_default=True, help="每个文件最长处理秒数（0 表示不限）")
@click.option("--max-size", type=click.FloatRange(0, min_open=True), default=None, help="单个文件大小上限，MB（默认：文本和网页 20，.docx 和 .pdf 100）")
@click.option("--max-pages", type=click.IntRange(1), default=None, help="PDF 页数上限（默认 500）")
@click.option("--max-unpacked", type=click.FloatRange(0, min_open=True), default=None, help=".docx 解压后大小上限，MB（默认 200，防压缩炸弹）")
@click.option("--max-entries", type=click.IntRange(1), default=None, help=".docx 压缩包内文件数上限（默认 10000）")
@click.option("--soffice", default=None, metavar="PATH", help="LibreOffice 的 soffice 程序，用于读取 .doc/.wps/.rtf（默认在 PATH 中查找）")
@click.option("--debug", is_flag=True, help="出现内部错误时显示完整的 Python 调用栈（用于报告问题）")
def lint(paths, fmt, output, min_score, rulebook_ref, profile, fail_on, exclude, published, previous, force_previous, select, ignore, jobs, timeout, max_size, max_pages, max_unpacked, max_entries, soffice, debug):
    """检查一份或多份报告（文件、文件夹或通配符）。

    选项的默认值可写在 pyproject.toml 的 [tool.checker] 或 .checker.yaml 中（从当前目录向上查找），命令行选项优先。
    """
    from .config import ConfigError, check_ids, load_config, merge_options
    from .engine import Options
    from .profiles import select_rulebook
    from .rulebook import RulebookError

    ctx = click.get_current_context()
    try:
        config = load_config()
        cli = dict(fmt=fmt, min_score=min_score, rulebook_ref=rulebook_ref, profile=profile, fail_on=fail_on, select=select, ignore=ignore, exclude=exclude)
        given = lambda name: ctx.get_parameter_source(name) not in (None, click.core.ParameterSource.DEFAULT)  # noqa: E731
        merged = merge_options(config, cli, given)
        rulebook_ref, fmt, min_score = merged["rulebook"], merged["fmt"], merged["min_score"]
        rulebook = select_rulebook(rulebook_ref)
        known = rulebook.ids()
        check_ids(config, known)
        for flag in ("select", "ignore"):
            unknown = sorted(merged[flag] - known) if given(flag) else []
            if unknown:
                raise ConfigError(f"--{flag}：未知的规则或部分 id“{unknown[0]}”（用 checker rules 查看全部 id）")
    except (ConfigError, RulebookError) as exc:
        _fail_usage(str(exc))
    options = Options(
        min_score=min_score,
        published=published,
        select=merged["select"],
        ignore=merged["ignore"],
        fail_on=merged["fail_on"],
        severities=merged["severities"],
        debug=debug,
        timeout=timeout or None,
        read_limits=_read_limits(max_size, max_pages, max_unpacked, max_entries) + ((("soffice", soffice),) if soffice else ()),
        keep_lines=fmt == "html",
        force_previous=force_previous,
    )
    if fmt in BINARY_FORMATS and not output and sys.stdout.isatty():
        _fail_usage(f"--format {fmt} 输出的是 Excel 表格文件，不能显示在屏幕上，请用 -o 指定文件，如 -o 汇总.{fmt}")
    files = expand_inputs(paths, merged["exclude"])
    if not files:
        _fail_usage("没有找到要检查的报告文件")
    if previous is not None:
        options = _with_previous(options, files, previous)
    jobs = jobs or os.cpu_count() or 1
    results = []

    if fmt != "terminal":
        from .formatters import document_formatter

        results = compare_reports(list(run_batch(files, rulebook_ref, options, jobs)), rulebook, options)
        emit(document_formatter(fmt)(results, rulebook), output)
    else:
        results = _lint_terminal(files, rulebook_ref, options, jobs, output, min_score if min_score is not None else rulebook.pass_mark, rulebook)
    for r in results:
        for note in r.notes:
            click.echo(f"checker: {note}", err=True)
        if r.error is not None:
            click.echo(r.error, err=True)
    if any(r.error is not None for r in results):
        sys.exit(2)
    sys.exit(0 if all(r.passed for r in results) else 1)


def _with_previous(options, files: list[str], previous: str):
    """Options with last year's report of each file (--previous FILE or DIR)."""
    from dataclasses import replace

    from .previous import PreviousError, previous_pairs

    try:
        pairs, unmatched = previous_pairs(files, previous)
    except PreviousError as exc:
        _fail_usage(str(exc))
    if unmatched:
        names = "、".join(Path(f).name for f in unmatched[:10]) + ("等" if len(unmatched) > 10 else "")
        click.echo(f"checker: 在 {previous} 中没有找到 {len(unmatched)} 份报告的上一年度报告（{names}），这些报告不做跨年度对照", err=True)
    return replace(options, previous=pairs)


def _read_limits(max_size, max_pages, max_unpacked, max_entries) -> tuple:
    limits = {}
    if max_size is not None:
        limits["max_bytes"] = int(max_size * 1024 * 1024)
    if max_pages is not None:
        limits["max_pages"] = max_pages
    if max_unpacked is not None:
        limits["max_unpacked_bytes"] = int(max_unpacked * 1024 * 1024)
    if max_entries is not None:
        limits["max_zip_entries"] = max_entries
    return tuple(sorted(limits.items()))


def compare_reports(results: list, rulebook, options) -> list:
    """The batch-level checks: reports of different units that copy each other (copied-report)."""
    from .checks.copies import apply

    return apply(results, rulebook, options)


def _lint_terminal(files, rulebook_ref, options, jobs, output, pass_mark, rulebook=None):
    from rich.console import Console

    from .formatters.terminal import render_report, render_summary

    if output:
        fh = open(tmp_name(output), "w", encoding="utf-8")
        console = Console(file=fh, no_color=True, width=120)
    else:
        fh = None
        console = Console()
    results = []
    batch = len(files) > 1
    try:
        stream = run_batch(files, rulebook_ref, options, jobs)
        if batch and console.is_terminal and fh is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            with Progress(TextColumn("检查中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console, transient=True) as bar:
                task = bar.add_task("lint", total=len(files))
                for r in stream:
                    results.append(r)
                    bar.advance(task)
        elif batch:
            results = list(stream)  # the reports are compared with each other before they are shown
        else:
            for r in stream:
                results.append(r)
                if r.error is None:
                    render_report(console, r, detailed=True)
        if batch:
            results = compare_reports(results, rulebook, options) if rulebook is not None else results
            for r in results:
                if r.error is None:
                    render_report(console, r, detailed=False)
        if batch:
            render_summary(console, results, pass_mark)
    finally:
        if fh is not None:
            fh.close()
            os.replace(tmp_name(output), output)
    return results


from .cli_rules import explain_cmd, rules_group  # noqa: E402  (checker rules, rules validate, explain)

main.add_command(rules_group)
main.add_command(explain_cmd)

from .cli_annotate import annotate_cmd  # noqa: E402  (checker annotate)

main.add_command(annotate_cmd)


@main.command("template")
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="报告年度，如 2024")
@click.option("--org", required=True, help="机关名称，如“XX县人民政府”")
@click.option("--rulebook", "--profile", "rulebook_ref", default=None, help="规则集（profile）：内置名称（national、government、department、township）或 YAML 文件路径（默认：按 --org 的机关自动选择，与 lint 相同）")
@click.option("--format", "fmt", type=click.Choice(["md", "txt", "docx"]), default=None, help="输出格式（默认按 -o 的扩展名，屏幕上为 Markdown）")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="写入文件：.md / .txt / .docx（默认以 Markdown 输出到屏幕）")
def template_cmd(year, org, rulebook_ref, fmt, output):
    """生成报告骨架：标题、法定各部分的标题（按模板顺序）和填写提示；.docx 按公文格式（GB/T 9704）排版。"""
    from .profiles import AutoProfile
    from .rulebook import RulebookError, load_rulebook
    from .template import OUTPUT_SUFFIXES, render, skeleton, title_for

    if output and Path(output).suffix.lower() not in OUTPUT_SUFFIXES:
        _fail_usage(f"{output}: 不支持的输出格式，请使用 {' / '.join(OUTPUT_SUFFIXES)}")
    if fmt == "docx" and not output:
        output = f"{org.strip()}{year}年法治政府建设年度报告（草稿）.docx"
    elif fmt and output and Path(output).suffix.lower().lstrip(".").replace("markdown", "md") != fmt:
        _fail_usage(f"{output}: 扩展名与 --format {fmt} 不一致")
    try:
        if rulebook_ref is None:
            auto = AutoProfile()
            rulebook = auto.choose(title_for(auto.base, year, org.strip()), [org.strip()])
        else:
            rulebook = load_rulebook(rulebook_ref)
    except RulebookError as exc:
        _fail_usage(str(exc))
    try:
        text = render(skeleton(rulebook, year, org.strip()), output)
    except OSError as exc:
        _fail_usage(f"{output}: 无法写入（{exc.strerror or exc}）")
    if text is not None:
        sys.stdout.write(text)
    else:
        click.echo(f"{output}: 已写入报告骨架（规则集：{rulebook.id}）", err=True)


if __name__ == "__main__":
    main()
