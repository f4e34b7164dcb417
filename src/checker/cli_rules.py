"""``checker rules`` (list), ``checker rules validate`` and ``checker explain``.

The active rulebook is the one named by ``--rulebook`` / ``--profile``, else
by the configuration file, else ``national`` (whose ``detect`` rules pick a
profile per report in ``checker lint``).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Optional

import click

PROFILE_HELP = "内置规则集：national、government、department、township"
RULEBOOK_HELP = "规则集：内置名称或 YAML 文件路径（默认：配置文件中的，或 national）"


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"checker: {message}", err=True)
    sys.exit(code)


def _active(rulebook_ref: Optional[str], profile: Optional[str]):
    """(rulebook, automatic?) for the options given; exits 2 on a bad rulebook or config."""
    from .config import ConfigError, load_config
    from .rulebook import RulebookError, load_rulebook, shipped_names

    try:
        if rulebook_ref and profile:
            raise ConfigError("--rulebook 和 --profile 只能给一个")
        if profile and profile not in shipped_names():
            raise ConfigError(f"--profile：“{profile}”不是内置规则集（内置的有：{', '.join(shipped_names())}）")
        ref = rulebook_ref or profile or load_config().rulebook
        return load_rulebook(ref or "national"), ref is None
    except (ConfigError, RulebookError) as exc:
        _fail(str(exc))


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal cells (a Chinese character takes two)."""
    from rich.cells import cell_len

    return text + " " * max(0, width - cell_len(text))


_NO_BASIS = "（规则集中没有写明依据，可在这条规则的 basis 中补充）"
_SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


# ---------------------------------------------------------------- checker rules


@click.group("rules", invoke_without_command=True)
@click.option("--rulebook", "rulebook_ref", default=None, help=RULEBOOK_HELP)
@click.option("--profile", default=None, help=PROFILE_HELP)
@click.option("--kinds", "show_kinds", is_flag=True, help="列出全部检查类型（kind）及其参数，而不是规则")
@click.option("--verbose", "-v", is_flag=True, help="同时列出每条规则的依据")
@click.pass_context
def rules_group(ctx, rulebook_ref, profile, show_kinds, verbose):
    """列出规则集中的全部规则：id、检查类型、严重程度、扣分和一句话说明。

    子命令 validate 检查一个规则集文件。
    """
    if ctx.invoked_subcommand is not None:
        return
    from rich.console import Console
    from rich.text import Text

    from .ruledocs import amount, one_line

    console = Console(soft_wrap=True)
    if show_kinds:
        _print_kinds(console)
        return
    rb, automatic = _active(rulebook_ref, profile)
    title = f"规则集 {rb.id}（{rb.name}），及格分 {rb.pass_mark:g}" + (f"，继承 {rb.extends}" if rb.extends else "")
    console.print(Text(title, style="bold"))
    console.print(Text("部分（缺少时由 missing-part 报告）：", style="bold"))
    width = max(len(p.id) for p in rb.parts)
    for p in rb.parts:
        console.print(Text.assemble("  ", (p.id.ljust(width), "bold"), "  ", (p.severity.ljust(7), _SEVERITY_STYLE.get(p.severity, "")), f"  权重 {p.weight:g}  ", p.name))
        if verbose:
            console.print(Text("      依据：" + (p.basis or _NO_BASIS), style="dim"))
    console.print(Text("规则：", style="bold"))
    rules = list(rb.rules.values())
    widths = [max(len(r.id) for r in rules), max(len(r.kind) for r in rules)]
    for r in rules:
        severity = "按部分" if r.kind == "parts" else r.severity
        if not r.enabled:
            severity += "（已停用）"
        console.print(
            Text.assemble(
                "  ",
                (r.id.ljust(widths[0]), "bold"),
                "  ",
                r.kind.ljust(widths[1]),
                "  ",
                (_pad(severity, 7), _SEVERITY_STYLE.get(r.severity, "")),
                "  ",
                _pad(amount(r), 16),
                "  ",
                one_line(r),
            )
        )
        if verbose:
            console.print(Text("      依据：" + (r.basis or _NO_BASIS), style="dim"))
    if automatic and rb.detect is not None and rb.detect.rules:
        choices = "、".join(dict.fromkeys(profile for profile, _ in rb.detect.rules))
        console.print(f"未指定规则集时，checker lint 按标题中的报告主体（机关名称）选择 {choices}，都不符合时用 {rb.id}（规则见 {rb.source} 的 detect）。")
    console.print("用 checker explain 规则或部分 查看说明和例子；checker rules --kinds 查看全部检查类型。")


def _print_kinds(console) -> None:
    from rich.text import Text

    from .checks import kinds, needs_previous
    from .ruledocs import summary
    from .schema import params_of

    console.print(Text("检查类型（规则集中每条规则的 kind）：", style="bold"))
    width = max(len(k) for k in kinds())
    for name, kind in kinds().items():
        extra = "（需 --previous）" if needs_previous(name) else ""
        console.print(Text.assemble("  ", (name.ljust(width), "bold"), "  ", summary(kind) + extra))
        params = params_of(kind.Config)
        if params:
            console.print(Text("      参数：" + "、".join(f"{p.name}（{p.shown_default()}）" for p in params), style="dim"))
    console.print("用 checker explain 类型名 查看一种检查类型的说明、参数和例子。")


@rules_group.command("validate")
@click.argument("file")
@click.option("--against", "against", default=None, metavar="DIR", help="样本报告文件夹：列出在样本中从不生效的规则（范围从不出现，或别名、信号词、正则从不匹配）")
def validate_cmd(file, against):
    """检查规则集文件：未知的键或检查类型、类型错误、有问题的正则表达式、重复的 id、不存在的范围、extends 循环或缺失。

    有错误时逐条列出（文件:行号: 说明），退出码 2；加 --against DIR 时，若有规则在样本报告中从不生效，
    列出它们（文件:行号），退出码 1。
    """
    from .rulebook import load_rulebook, validate_rulebook

    errors = validate_rulebook(file)
    if errors:
        for exc in errors:
            click.echo(str(exc))
        click.echo(f"规则集有 {len(errors)} 处错误", err=True)
        sys.exit(2)
    rb = load_rulebook(file)
    click.echo(f"{file}: 规则集 {rb.id} 有效：{len(rb.parts)} 个部分，{len(rb.rules)} 条规则" + (f"（继承 {rb.extends}）" if rb.extends else ""))
    if against is None:
        return
    from pathlib import Path

    if not Path(against).is_dir():
        _fail(f"{against}: 不是文件夹")
    dead, samples = _dead_against(rb, against)
    if not samples:
        _fail(f"{against}: 没有可以读取的样本报告")
    if dead:
        for d in dead:
            click.echo(d.describe(samples))
        click.echo(f"{len(dead)} 项规则在样本中从不生效，可能永远不会触发", err=True)
        sys.exit(1)
    click.echo(f"全部规则在 {samples} 份样本报告中都能生效")


#: files in a folder of samples that are documentation, not reports
_NOT_REPORTS = re.compile(r"^(readme|changelog|license|licence|contributing|authors)$", re.IGNORECASE)


def _dead_against(rb, folder: str):
    from .analysis import analyse
    from .inputs import expand_inputs
    from .liveness import dead_rules
    from .model import ReadError
    from .readers import read_document

    analyses = []
    for path in expand_inputs((folder,)):
        if _NOT_REPORTS.match(Path(path).stem):
            continue
        try:
            analyses.append(analyse(read_document(path), rb))
        except ReadError as exc:
            click.echo(f"{exc}（跳过）", err=True)
    return dead_rules(rb, analyses), len(analyses)


# ---------------------------------------------------------------- checker explain


@click.command("explain")
@click.argument("rule")
@click.option("--rulebook", "rulebook_ref", default=None, help=RULEBOOK_HELP)
@click.option("--profile", default=None, help=PROFILE_HELP)
@click.option("--verbose", "-v", is_flag=True, help="同时列出匹配用的别名、信号词、正则表达式和全部参数")
def explain_cmd(rule, rulebook_ref, profile, verbose):
    """说明一条规则、一个部分或一种检查类型：检查什么、依据、通过和不通过的例子、怎样修改。"""
    from rich.console import Console
    from rich.text import Text

    from .checks import kinds

    rb, _ = _active(rulebook_ref, profile)
    ids = {p.id for p in rb.parts}
    if rule in ids:
        sections = _explain_part(rb, rb.part(rule), verbose)
    elif rule in rb.rules:
        sections = _explain_rule(rb, rb.rule(rule), verbose)
    elif rule in kinds():
        sections = _explain_kind(kinds()[rule])
    else:
        from rapidfuzz import process

        best = process.extractOne(rule, sorted(ids | set(rb.rules) | set(kinds())))
        hint = f"，是否应为“{best[0]}”？" if best and best[1] >= 60 else ""
        _fail(f"未知的规则、部分或检查类型“{rule}”{hint}（用 checker rules 查看全部 id）")
    console = Console(soft_wrap=True)
    for heading, body, style in sections:
        if not body:
            continue
        console.print(Text(heading, style="bold"))
        for line in body.rstrip("\n").split("\n"):
            console.print(Text("  " + line, style=style))


def _examples(examples: dict) -> list[tuple[str, str, str]]:
    out = []
    if examples.get("previous"):
        out.append(("上一年度报告（对照用）", examples["previous"], "dim"))
    if examples.get("other"):
        out.append(("同批另一单位的报告（对照用）", examples["other"], "dim"))
    out.append(("不通过的例子", examples.get("fail", ""), "red"))
    out.append(("通过的例子", examples.get("pass", ""), "green"))
    return out


def _explain_part(rb, part, verbose: bool) -> list[tuple[str, str, str]]:
    from .messages import fill

    how = [f"报告中须有“{part.name}”这一部分（缺少时为 {part.severity}，权重 {part.weight:g}）。"]
    if part.within:
        how.append(f"在“{rb.part(part.within).name}”部分之内查找：有自己的小标题，或正文中有相应的表述。")
    else:
        how.append("先按标题找（与各种常见写法模糊匹配）；没有标题时，在正文中找这一部分的典型表述，找到的算“弱”。")
    if part.min_chars:
        how.append(f"有标题但内容不足 {part.min_chars} 字时报告 thin-part。")
    if verbose:
        how.append(f"标题别名：{'、'.join(part.aliases)}。")
        if part.signals:
            how.append(f"正文信号词（一段中至少 {part.min_signals} 个）：{'、'.join(part.signals)}。")
        if part.patterns:
            how.append(f"正文中的表述（正则表达式）：{'、'.join(part.patterns)}。")
    return [
        (f"{part.id}（missing-part）：{part.name}", "\n".join(how), ""),
        ("依据", part.basis or _NO_BASIS, ""),
        *_examples(part.examples),
        ("怎样修改", fill(part.fix), ""),
    ]


def _explain_rule(rb, rule, verbose: bool) -> list[tuple[str, str, str]]:
    from .checks import kinds, needs_previous
    from .messages import fill
    from .ruledocs import amount, description, one_line, scope_text
    from .schema import params_of

    kind = kinds()[rule.kind]
    how = [one_line(rule)]
    if rule.kind == "parts":
        how.append("各部分及其严重程度：" + "、".join(f"{p.id}（{p.name}，{p.severity}）" for p in rb.parts) + "；用 checker explain 部分 id 查看各部分。")
    meta = f"严重程度 {rule.severity}，{amount(rule)}"
    where = scope_text(rule, rb)
    if where:
        meta += f"，范围：{where}"
    if not rule.enabled:
        meta += "（本规则集已停用）"
    how.append(meta + "。")
    start, end = rule.years
    if start is not None or end is not None:
        how.append(f"只适用于 {start or '……'} 至 {end or '……'} 年度的报告。")
    if needs_previous(rule.kind):
        how.append("只在给出上一年度报告（--previous）时检查。")
    how.append(f"检查类型 {rule.kind}：{description(kind)}")
    if verbose:
        for p in params_of(kind.Config):
            how.append(f"{p.name}: {_param_text(getattr(rule.config, _attr(kind, p.name)))}")
    return [
        (rule.id, "\n".join(how), ""),
        ("依据", rule.basis or _NO_BASIS, ""),
        ("各条目及其依据", _sourced_items(kind, rule), ""),
        *_examples(rule.examples),
        ("怎样修改", fill(rule.fix), ""),
    ]


def _sourced_items(kind, rule) -> str:
    """The named items of a rule that name their source (a phrasebook entry, a repealed law), one a line."""
    from .schema import params_of

    lines = []
    for p in params_of(kind.Config):
        value = getattr(rule.config, _attr(kind, p.name))
        if not isinstance(value, dict):
            continue
        for name, item in value.items():
            if not hasattr(item, "source"):
                continue
            what = [f"→ {item.replace}" if getattr(item, "replace", None) else ""]
            start, end = getattr(item, "years", None) or (None, None)
            if start is not None or end is not None:
                what.append(f"（{start or '……'} 至 {end or '……'} 年度）")
            if getattr(item, "repealed", None):
                what.append(f"（{item.repealed.isoformat()} 废止）")
            lines.append(f"{name} {''.join(what)}：{item.source or '（未写明依据）'}")
    return "\n".join(lines)


def _attr(kind, key: str) -> str:
    from .schema import attr_name

    return attr_name(kind.Config, key)


def _explain_kind(kind) -> list[tuple[str, str, str]]:
    import yaml

    from .ruledocs import description, example, summary
    from .schema import params_of, type_name

    params = "\n".join(f"{p.name}（{type_name(p.type)}，默认 {p.shown_default()}）：{p.doc}" for p in params_of(kind.Config))
    ex = example(kind)
    rule = yaml.safe_dump({f"example-{kind.KIND}": ex.get("rule", {})}, allow_unicode=True, sort_keys=False) if ex else ""
    return [
        (f"检查类型 {kind.KIND}：{summary(kind)}", description(kind), ""),
        ("参数", params, ""),
        ("规则的写法（写在规则集的 rules 下）", rule, "dim"),
        *(_examples(ex) if ex else []),
    ]


def _param_text(value) -> str:
    if isinstance(value, dict):
        return "；".join(f"{k}：{_param_text(getattr(v, 'pattern', None) or getattr(v, 'replace', None) or getattr(v, 'name', None) or v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)
