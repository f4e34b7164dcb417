"""Command line: ``checker lint``, ``checker rules``, ``checker explain``.

Exit codes: 0 every report passes; 1 some report fails; 2 a usage error, a bad
rulebook, an input that could not be read, or output that could not be
written; 130 / 143 interrupted by Ctrl-C (SIGINT) / SIGTERM.
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Optional

import click

from . import __version__
from .batch import DEFAULT_MAX_MEMORY, run_batch
from .formatters.safe_text import terminal_safe
from .inputs import expand
from .output import OutputError, atomic_text, configure_streams, emit, prepare

from .formatters import format_names

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


class Interrupted(BaseException):
    """Raised in the main thread by SIGINT / SIGTERM: every ``finally`` (workers, temporary files) runs."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


#: what an interrupted run says it left alone (the -o file)
_RUN: dict = {}


def _on_signal(signum, frame):
    if _RUN.get("stopping"):
        return  # a second Ctrl-C while cleaning up: the cleanup finishes
    _RUN["stopping"] = True
    raise Interrupted(signum)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


class _ChineseGroup(click.Group):
    """The command group; click's own messages are Chinese (see zh.py) from the first one on.

    Streams that cannot encode Chinese switch to UTF-8 (never a traceback on
    printing), and SIGINT / SIGTERM end a run cleanly: one line, exit 130 / 143.
    """

    def main(self, *args, **kwargs):
        from .zh import install_click, localize_commands

        install_click()
        localize_commands(self)
        return super().main(*args, **kwargs)

    def invoke(self, ctx):
        configure_streams()
        previous = {}
        if hasattr(signal, "SIGTERM") and _main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                previous[signum] = signal.signal(signum, _on_signal)
        _RUN.clear()
        try:
            return super().invoke(ctx)
        except Interrupted as exc:
            name = "Ctrl-C" if exc.signum == signal.SIGINT else signal.Signals(exc.signum).name
            kept = ""
            if _RUN.get("output"):
                kept = f"，{_RUN['output']} 保持原样" if _RUN.get("existed") else f"，未写入 {_RUN['output']}"
            click.echo(f"checker: 已中断（{name}），检查未完成{kept}", err=True)
            sys.exit(128 + exc.signum)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)


@click.group(cls=_ChineseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="checker", message="%(prog)s %(version)s", help="显示版本号并退出。")
def main() -> None:
    """检查法治政府建设年度报告是否符合法定模板（《法治政府建设与责任落实督察工作规定》第二十五条）。"""


def run() -> None:
    """The ``checker`` command (and ``python -m checker``): :func:`main`, then the process ends at once.

    A Python process that exits the ordinary way first tears down every module it
    imported: 15-20 ms of a one-report run, more than checking the report.  Here the
    exit handlers still run (the per-user caches are written, worker pools are
    joined, temporary folders removed), the standard streams are flushed, and then
    the process ends with ``os._exit``.  Should flushing fail, the ordinary exit
    takes over and reports it as it always did.
    """
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("text"): what Python itself does with it
        print(code, file=sys.stderr)
        code = 1
    import atexit

    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_handlers is None:
        sys.exit(code)
    try:
        run_handlers()
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except BaseException:  # noqa: BLE001 - the ordinary exit reports what is wrong
        sys.exit(code)
    os._exit(code & 0xFF)


SELECT_HELP = "只检查这些规则或部分（逗号分隔）；得分和是否通过也只按选中的规则计算（同 ruff）"
IGNORE_HELP = "不检查这些规则或部分（逗号分隔）；它们不计入得分，也不影响是否通过"

#: the options `checker lint` and `checker config` share: the settings a configuration file can give too
_SETTINGS_OPTIONS = (
    click.option("--config", "config_file", default=None, metavar="文件", help="使用这个配置文件（.checker.yaml 或 pyproject.toml），不再查找"),
    click.option("--format", "fmt", type=click.Choice(FORMATS), default="terminal", show_default=True, help="输出格式（给了 -o 时默认按其扩展名）"),
    click.option("--min-score", type=click.FloatRange(0, 100), default=None, metavar="分数", help="及格分（默认取规则集的 pass_mark，即 60）"),
    click.option("--rulebook", "rulebook_ref", default=None, metavar="名称|文件", help="规则集：内置名称或 YAML 文件路径（默认：按标题中的报告主体自动选择）"),
    click.option("--profile", default=None, metavar="名称", help="内置规则集：national、government、department、township（默认：按标题自动选择）"),
    click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True, help="有这一级或更严重的发现即不通过"),
    click.option("--select", default="", metavar="ID,…", help=SELECT_HELP),
    click.option("--ignore", default="", metavar="ID,…", help=IGNORE_HELP),
    click.option("--exclude", multiple=True, metavar="GLOB", help="遍历文件夹时跳过的文件（可多次给出）"),
)


def _settings_options(fn):
    for option in reversed(_SETTINGS_OPTIONS):
        fn = option(fn)
    return fn


def _given(ctx: click.Context):
    return lambda name: ctx.get_parameter_source(name) not in (None, click.core.ParameterSource.DEFAULT)


def _cli_values(fmt, min_score, rulebook_ref, profile, fail_on, select, ignore, exclude) -> dict:
    return dict(fmt=fmt, min_score=min_score, rulebook_ref=rulebook_ref, profile=profile, fail_on=fail_on, select=select, ignore=ignore, exclude=exclude)


def _output_format(merged: dict, output: Optional[str], fmt_given: bool) -> str:
    """--format, else the format -o's extension names, else the config's, else terminal; refuse when -o says nothing."""
    from .formatters import EXTENSIONS, format_for
    from .config import ConfigError

    if fmt_given or not output:
        return merged["fmt"]
    wanted = format_for(output)
    if wanted is None:
        if merged["sources"].get("format"):
            return merged["fmt"]
        known = " ".join(sorted({e for e in EXTENSIONS if e.count(".") == 1}))
        raise ConfigError(f"-o {output}：无法从扩展名判断输出格式，请用 --format 指定（可按扩展名判断的有：{known}）")
    if wanted not in FORMATS:
        raise ConfigError(f"-o {output}：这一版 checker 还不能输出 {wanted} 格式（可用的格式：{'、'.join(FORMATS)}）")
    merged["sources"]["format"] = f"-o {output} 的扩展名"
    return wanted


class _Settings:
    """The settings of each report: the command line over the configuration nearest to it (cached per config)."""

    def __init__(self, lookup, cli: dict, given):
        self.lookup, self.cli, self.given = lookup, cli, given
        self._merged: dict[int, dict] = {}

    def merged(self, config) -> dict:
        from .config import check_ids, merge_options, unknown_id
        from .profiles import select_rulebook

        key = id(config)
        if key not in self._merged:
            merged = merge_options(config, self.cli, self.given)
            rulebook = select_rulebook(merged["rulebook"])
            known = rulebook.ids()
            check_ids(config, known)
            for flag in ("select", "ignore"):
                unknown = sorted(merged[flag] - known) if self.given(flag) else []
                if unknown:
                    from .config import ConfigError

                    raise ConfigError(f"--{flag}：未知的规则或部分 id{unknown_id(unknown[0], known)}")
            merged["rulebook_obj"] = rulebook
            self._merged[key] = merged
        return self._merged[key]


def _excluded(path: str, config, merged: dict, named: tuple) -> bool:
    """A file found by a walk that its own configuration (not the current directory's) excludes."""
    from fnmatch import fnmatch

    if path in named or not merged["exclude"] or config.path is None:
        return False
    p = Path(path)
    forms = {p.as_posix(), p.name}
    try:
        forms.add(p.resolve().relative_to(config.path.parent.resolve()).as_posix())
    except (ValueError, OSError):
        pass
    for raw in named:
        try:
            forms.add(p.relative_to(raw).as_posix())
        except ValueError:
            pass
    return any(fnmatch(form, pattern) for pattern in merged["exclude"] for form in forms)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="路径...")
@_settings_options
@click.option("-o", "--output", default=None, metavar="文件", help="把结果写入文件（默认输出到屏幕）；不给 --format 时按扩展名定格式：.json .html .sarif .xml（JUnit）.xlsx .csv .txt；不会覆盖输入文件，也不写设备、FIFO 或文件夹")
@click.option("-q", "--quiet", is_flag=True, help="只显示未通过和无法读取的报告，以及汇总")
@click.option("--statistics", is_flag=True, help="不逐条列出，改为按规则统计发现的次数和涉及的报告数（同 ruff --statistics）")
@click.option("--exit-zero", is_flag=True, help="有报告未通过时退出码也为 0（只报告，不拦截）；无法读取的文件和用法错误仍为 2")
@click.option("--stdin-filename", default=None, metavar="文件名", help="从标准输入（-）读报告时，输出中用的文件名；其扩展名决定按什么格式读（默认 .txt）")
@click.option("--published", type=_DateType(), default=None, help="文件中没有公开日期时使用的公开日期")
@click.option("--previous", default=None, metavar="文件|文件夹", help="上一年度报告（一个文件），或上一年度报告所在的文件夹（按文件名配对），用于跨年度对照")
@click.option("--force-previous", is_flag=True, help="上一年度报告的机关或年度对不上时也做跨年度对照")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, metavar="N", help="并行进程数（默认：全部 CPU 核）")
@click.option("--timeout", type=click.FloatRange(0), default=60, show_default=True, metavar="秒", help="每个文件最长处理秒数（0 表示不限）")
@click.option("--max-size", type=click.FloatRange(0, min_open=True), default=None, metavar="MB", help="单个文件大小上限，MB（默认：文本和网页 20，.docx 和 .pdf 100）")
@click.option("--max-pages", type=click.IntRange(1), default=None, metavar="N", help="PDF 页数上限（默认 500）")
@click.option("--max-unpacked", type=click.FloatRange(0, min_open=True), default=None, metavar="MB", help=".docx 解压后大小上限，MB（默认 200，防压缩炸弹）")
@click.option("--max-entries", type=click.IntRange(1), default=None, metavar="N", help=".docx 压缩包内文件数上限（默认 10000）")
@click.option("--soffice", default=None, metavar="程序", help="LibreOffice 的 soffice 程序，用于读取 .doc/.wps/.rtf（默认在 PATH 中查找）")
@click.option("--max-memory", type=click.FloatRange(0, min_open=True), default=DEFAULT_MAX_MEMORY // (1024 * 1024), show_default=True, metavar="MB", help="检查每个文件的进程的内存上限，MB")
@click.option("--max-yaml-size", type=click.FloatRange(0, min_open=True), default=None, metavar="MB", help="规则集和配置文件的大小上限，MB（默认 4）")
@click.option("--debug", is_flag=True, help="出现内部错误时显示完整的 Python 调用栈（用于报告问题）；文件在本进程中逐个检查")
def lint(paths, config_file, fmt, min_score, rulebook_ref, profile, fail_on, select, ignore, exclude, output, quiet, statistics, exit_zero, stdin_filename, published, previous, force_previous, jobs, timeout, max_size, max_pages, max_unpacked, max_entries, soffice, max_memory, max_yaml_size, debug):
    """检查一份或多份报告（文件、文件夹或通配符；“-”表示从标准输入读一份）。

    选项的默认值可写在 pyproject.toml 的 [tool.checker] 或 .checker.yaml 中：每份报告用离它最近的配置（从报告所在文件夹向上查找，找不到再从当前目录向上查找），命令行选项优先；checker config 显示生效的设置及其来源。

    退出码：0 全部通过；1 有报告未通过；2 用法错误或有文件无法读取。
    """
    from contextlib import ExitStack
    from dataclasses import replace

    from .config import ConfigError, Lookup
    from .engine import FileTimeout, Options, _time_limit
    from .rulebook import RulebookError
    from .stdin import STDIN, renamed, spooled
    from .yamlfile import set_max_bytes

    ctx = click.get_current_context()
    if max_yaml_size is not None:
        set_max_bytes(int(max_yaml_size * 1024 * 1024))
    given = _given(ctx)
    if paths.count(STDIN) > 1:
        _fail_usage("“-”（从标准输入读报告）只能给一次")
    if stdin_filename is not None and STDIN not in paths:
        _fail_usage("--stdin-filename 只能与“-”（从标准输入读报告）一起使用")
    shown_stdin = stdin_filename or STDIN
    try:
        with _time_limit(timeout or None):  # loading is bounded by --timeout too
            settings = _Settings(Lookup(config_file), _cli_values(fmt, min_score, rulebook_ref, profile, fail_on, select, ignore, exclude), given)
            run = settings.merged(settings.lookup.cwd)
        fmt = _output_format(run, output, given("fmt"))
    except (ConfigError, RulebookError) as exc:
        _fail_usage(terminal_safe(str(exc)))
    except FileTimeout:
        _fail_usage(f"读取配置和规则集超时（超过 {timeout:g} 秒），请检查配置文件和规则集")
    from .formatters import BINARY_FORMATS

    if fmt in BINARY_FORMATS and not output and sys.stdout.isatty():
        _fail_usage(f"--format {fmt} 输出的是 Excel 表格文件，不能显示在屏幕上，请用 -o 指定文件，如 -o 汇总.{fmt}")
    if statistics and fmt not in ("terminal", "concise", "json"):
        _fail_usage(f"--statistics 只能用于 terminal、concise 或 json 格式，不能用于 {fmt}")

    with ExitStack() as stack:
        temp = stack.enter_context(spooled(stdin_filename)) if STDIN in paths else None
        inputs = expand(paths, run["exclude"], output)
        for r in inputs.listed:  # skipped with a note, or a folder that cannot be listed
            click.echo(terminal_safe(r.error or f"{r.path}: {r.skipped_file}"), err=True)
        found = [temp if f == STDIN else f for f in inputs.files]

        def shown(f: str) -> str:
            return shown_stdin if f == temp else f

        # each report with the settings of the configuration nearest to it
        chunks: list[tuple[dict, list[str]]] = []
        try:
            with _time_limit(timeout or None):  # the configurations nearest to the reports: loading again
                for f in found:
                    config = settings.lookup.for_file(shown(f))
                    merged = settings.merged(config)
                    if config is not settings.lookup.cwd and not given("exclude") and _excluded(f, config, merged, paths):
                        continue
                    if chunks and chunks[-1][0] is merged:
                        chunks[-1][1].append(f)
                    else:
                        chunks.append((merged, [f]))
        except (ConfigError, RulebookError) as exc:
            _fail_usage(terminal_safe(str(exc)))
        except FileTimeout:
            _fail_usage(f"读取配置和规则集超时（超过 {timeout:g} 秒），请检查配置文件和规则集")
        files = [f for _, chunk in chunks for f in chunk]
        if not files:
            click.echo("checker: 没有找到要检查的报告文件", err=True)
        pairs = _previous_pairs(files, previous) if previous is not None and files else ()
        base = Options(
            published=published,
            debug=debug,
            timeout=timeout or None,
            read_limits=_read_limits(max_size, max_pages, max_unpacked, max_entries) + ((("soffice", soffice),) if soffice else ()),
            keep_lines=fmt == "html",
            previous=pairs,
            force_previous=force_previous,
            sketches=len(files) > 1,  # one report is compared with no other (copied-report)
        )
        runs = []
        for merged, chunk in chunks:
            ignores = tuple((f, tuple(sorted(ids))) for f in chunk if (ids := merged["config"].ignores_for(shown(f))))
            options = replace(
                base,
                min_score=merged["min_score"],
                select=merged["select"],
                ignore=merged["ignore"],
                fail_on=merged["fail_on"],
                severities=merged["severities"],
                file_ignores=ignores,
            )
            runs.append((chunk, merged["rulebook"], options))
        n_jobs = jobs or os.cpu_count() or 1

        memory = int(max_memory * 1024 * 1024)
        target = None
        if output:
            protected = [*files, *(p for _, p in pairs), *(str(m["config"].path) for m, _ in chunks if m["config"].path)]
            protected += [str(f) for f in (run["config"].path, getattr(run["rulebook_obj"], "source", None)) if f]
            try:
                target = prepare(output, protected)
            except OutputError as exc:
                _fail_usage(terminal_safe(str(exc)))
            _RUN["output"], _RUN["existed"] = output, os.path.lexists(output)

        def stream():
            for chunk, rulebook_ref_, options in runs:
                for r in run_batch(chunk, rulebook_ref_, options, n_jobs, memory):
                    yield renamed(r, temp, shown_stdin) if temp is not None else r

        rulebook = run["rulebook_obj"]
        # the batch-level rules (copied-report) compare the reports with each other, as the command line selects them
        batch_options = replace(base, select=run["select"], ignore=run["ignore"], severities=run["severities"])

        def compared(results: list) -> list:
            return compare_reports(results, rulebook, batch_options)

        try:
            if fmt in ("terminal",):
                results = _lint_terminal(stream(), len(files), inputs.listed, output, target, quiet, statistics, rulebook, compared)
            else:
                from .formatters import document_formatter

                results = compared(list(stream())) + inputs.listed
                if statistics and fmt == "json":
                    from .formatters.json_format import render_statistics

                    text = render_statistics(results, rulebook)
                elif statistics:  # concise
                    text = _statistics_text(results, rulebook)
                else:
                    render = document_formatter(fmt)
                    text = render(results, rulebook, **({"quiet": quiet} if quiet and _takes_quiet(render) else {}))
                emit(text, output, target)
        except OutputError as exc:
            _fail_usage(terminal_safe(str(exc)))
    already = {id(r) for r in inputs.listed}
    for r in results:
        for note in r.notes:
            click.echo(terminal_safe(f"checker: {note}"), err=True)
        if r.error is not None and id(r) not in already:
            click.echo(terminal_safe(r.error), err=True)
    if any(r.error is not None for r in results):
        sys.exit(2)
    checked = [r for r in results if r.skipped_file is None]
    sys.exit(0 if exit_zero or all(r.passed for r in checked) else 1)


def _takes_quiet(render) -> bool:
    import inspect

    return "quiet" in inspect.signature(render).parameters


def _statistics_text(results, rulebook) -> str:
    """--statistics in plain text (concise): what the terminal prints, never wrapped."""
    import io

    from .formatters.terminal import make_console, render_statistics

    buffer = io.StringIO()
    render_statistics(make_console(buffer), results, rulebook)
    return buffer.getvalue()


def _previous_pairs(files: list[str], previous: str) -> tuple:
    """(report, last year's report) pairs for --previous FILE or DIR."""
    from .previous import PreviousError, previous_pairs

    try:
        pairs, unmatched = previous_pairs(files, previous)
    except PreviousError as exc:
        _fail_usage(str(exc))
    if unmatched:
        names = "、".join(Path(f).name for f in unmatched[:10]) + ("等" if len(unmatched) > 10 else "")
        click.echo(f"checker: 在 {previous} 中没有找到 {len(unmatched)} 份报告的上一年度报告（{names}），这些报告不做跨年度对照", err=True)
    return pairs


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
    """The batch-level rules: reports of different units that copy each other (copied-report)."""
    from .batch import unpack_sketches
    from .checks.copies import apply

    unpack_sketches(results)
    results = apply(results, rulebook, options)
    for r in results:  # compared: nothing reads them again
        r.sketch = None
    return results


def _lint_terminal(stream, total: int, listed: list, output, target, quiet: bool, statistics: bool, rulebook, compared=lambda results: results):
    """The terminal format: one report as it comes; a batch (a progress bar on a terminal) once its
    reports are compared with each other (copied-report); then the summary.

    With ``-o`` it is written to a temporary file renamed over FILE only when complete.
    """
    from contextlib import nullcontext

    from .formatters.terminal import make_console, render_report, render_statistics, render_summary

    results = []
    batch = total + len(listed) > 1

    with atomic_text(output, target) if output else nullcontext() as fh:
        console = make_console(fh)

        def show(r) -> None:
            if r.error is None and not statistics and not (quiet and r.passed):
                render_report(console, r, detailed=not batch)

        try:
            if batch and console.is_terminal and fh is None:
                from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

                # no refresh thread: the workers are forked while the bar is shown
                with Progress(TextColumn("检查中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console, transient=True, auto_refresh=False) as bar:
                    task = bar.add_task("lint", total=total)
                    for r in stream:
                        results.append(r)
                        bar.advance(task)
                        bar.refresh()
                results = compared(results)
                for r in results:
                    show(r)
            elif batch:
                results = compared(list(stream))
                for r in results:
                    show(r)
            else:
                for r in stream:
                    results.append(r)
                    show(r)
            results += listed
            if statistics:
                render_statistics(console, results, rulebook)
            elif batch or (quiet and total):
                render_summary(console, results, quiet=quiet, table=batch)
            console.file.flush()
        except OSError as exc:  # the terminal (stdout) cannot be written: a full disk, a closed pipe
            if fh is not None:
                raise  # atomic_text reports it and removes the temporary file
            from .output import _reason, quiet_stdout

            quiet_stdout()
            raise OutputError(f"无法写入标准输出（{_reason(exc)}）") from None
    return results


@main.command("config")
@click.argument("path", required=False, default=None, metavar="[文件|文件夹]")
@_settings_options
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
def config_cmd(path, config_file, fmt, min_score, rulebook_ref, profile, fail_on, select, ignore, exclude, as_json):
    """显示生效的设置及每项的来源（命令行、配置文件或默认值）。

    给出文件或文件夹时，显示检查它时用的设置（配置从它所在的文件夹向上查找）；同时给出的 lint 选项按命令行处理。
    """
    import json

    from .config import ConfigError, Lookup
    from .rulebook import RulebookError

    ctx = click.get_current_context()
    try:
        settings = _Settings(Lookup(config_file), _cli_values(fmt, min_score, rulebook_ref, profile, fail_on, select, ignore, exclude), _given(ctx))
        if path is None:
            config = settings.lookup.cwd
        else:
            target = Path(path)
            config = settings.lookup.for_file(str(target / "_") if target.is_dir() else path)
        merged = settings.merged(config)
    except (ConfigError, RulebookError) as exc:
        _fail_usage(str(exc))
    rulebook = merged["rulebook_obj"]
    values = {
        "rulebook": merged["rulebook"],
        "min-score": merged["min_score"] if merged["min_score"] is not None else rulebook.pass_mark,
        "fail-on": merged["fail_on"],
        "select": sorted(merged["select"]),
        "ignore": sorted(merged["ignore"]),
        "severity": dict(merged["severities"]),
        "exclude": list(merged["exclude"]),
        "format": merged["fmt"],
        "per-file-ignores": {pattern: list(ids) for pattern, ids in config.per_file_ignores},
    }
    defaults = {
        "rulebook": "按报告标题中的主体自动选择（national / government / department / township）",
        "min-score": f"规则集的及格分（{rulebook.pass_mark:g}）",
        "select": "全部规则",
        "ignore": "无",
        "severity": "按规则集",
        "exclude": "无",
        "per-file-ignores": "无",
    }
    sources = merged["sources"]
    if as_json:
        doc = {"config_file": str(config.path) if config.path else None, "settings": {k: {"value": v, "source": sources.get(k)} for k, v in values.items()}}
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    from rich.table import Table
    from rich.markup import escape

    from .formatters.terminal import make_console

    console = make_console()
    console.print(f"配置文件：{escape(str(config.path)) if config.path else '无（没有找到 .checker.yaml 或含 [tool.checker] 的 pyproject.toml）'}")
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("设置")
    table.add_column("值")
    table.add_column("来源")
    for key, value in values.items():
        source = sources.get(key)
        if source is None and key in defaults and value in (None, [], {}):
            shown = defaults[key]
        elif isinstance(value, list):
            shown = "、".join(value)
        elif isinstance(value, dict):
            shown = "；".join(f"{k} = {'、'.join(v) if isinstance(v, list) else v}" for k, v in value.items())
        elif key == "min-score" and source is None:
            shown = defaults[key]
        else:
            shown = f"{value:g}" if isinstance(value, float) else str(value)
        table.add_row(key, escape(shown), escape(source or "默认"))
    console.print(table)


from .cli_rules import explain_cmd, rules_group  # noqa: E402  (checker rules, rules validate, explain)

main.add_command(rules_group)
main.add_command(explain_cmd)

from .cli_annotate import annotate_cmd  # noqa: E402  (checker annotate)
from .merge import merge_cmd  # noqa: E402  (checker merge: the JSON of shards as one run's)

main.add_command(annotate_cmd)
main.add_command(merge_cmd)


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
