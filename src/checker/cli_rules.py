"""``checker rules`` (list), ``checker rules validate`` and ``checker explain``.

The active rulebook is the one named by ``--rulebook`` / ``--profile``, else
by the configuration file, else ``national`` (whose ``detect`` rules pick a
profile per report in ``checker lint``).
"""

from __future__ import annotations

import sys
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


_NO_BASIS = "（规则集中没有写明依据，可在这条规则的 basis 中补充）"
_SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


def _fill(text: Optional[str]) -> str:
    """A rulebook text with its placeholders shown as such ({year} → XXXX)."""
    if not text:
        return ""

    class _Blank(dict):
        def __missing__(self, key):
            return {"year": "XXXX", "next_year": "XXXX+1"}.get(key, "…")

    try:
        return text.format_map(_Blank())
    except (ValueError, IndexError):
        return text


# ---------------------------------------------------------------- checker rules


@click.group("rules", invoke_without_command=True)
@click.option("--rulebook", "rulebook_ref", default=None, help=RULEBOOK_HELP)
@click.option("--profile", default=None, help=PROFILE_HELP)
@click.pass_context
def rules_group(ctx, rulebook_ref, profile):
    """列出规则集中的全部规则：id、部分、严重程度、权重和依据。

    子命令 validate 检查一个规则集文件。
    """
    if ctx.invoked_subcommand is not None:
        return
    from rich.console import Console
    from rich.text import Text

    rb, automatic = _active(rulebook_ref, profile)
    console = Console()
    title = f"规则集 {rb.id}（{rb.name}），及格分 {rb.pass_mark:g}" + (f"，继承 {rb.extends}" if rb.extends else "")
    console.print(Text(title, style="bold"))
    rows = [("missing-part", p.id, p.severity, f"权重 {p.weight:g}", p.basis) for p in rb.parts]
    for c in rb.checks.values():
        if c.id == "missing-part":
            continue
        if c.id == "outline-coverage":
            amount = f"权重 {float(c.params.get('weight', 0)):g}"
        else:
            amount = f"扣 {c.penalty:g}" + (f"（上限 {c.max_penalty:g}）" if c.max_penalty is not None else "")
        severity = c.severity if c.enabled else f"{c.severity}（已停用）"
        rows.append((c.id, c.part or "-", severity, amount, c.basis or c.description))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for rule, part, severity, amount, basis in rows:
        console.print(
            Text.assemble(
                (rule.ljust(widths[0]), "bold"), "  ", part.ljust(widths[1]), "  ", (severity.ljust(widths[2]), _SEVERITY_STYLE.get(severity, "")), "  ", amount
            )
        )
        console.print(Text("    依据：" + basis, style="dim"))
    if automatic and rb.detect is not None and rb.detect.rules:
        choices = "、".join(dict.fromkeys(profile for profile, _ in rb.detect.rules))
        console.print(f"未指定规则集时，checker lint 按标题中的报告主体（机关名称）选择 {choices}，都不符合时用 {rb.id}（规则见 {rb.source} 的 detect）。")
    console.print("用 checker explain 规则或部分 查看说明和例子。")


@rules_group.command("validate")
@click.argument("file")
@click.option("--against", "against", default=None, metavar="DIR", help="样本报告文件夹：列出在样本中从不匹配的别名、信号词和正则表达式")
def validate_cmd(file, against):
    """检查规则集文件：未知的键、类型错误、有问题的正则表达式、重复的 id、extends 循环或缺失。

    有错误时逐条列出（文件:行号: 说明），退出码 2；加 --against DIR 时，若有规则在样本报告中从不匹配，
    列出它们，退出码 1。
    """
    from .rulebook import load_rulebook, validate_rulebook

    errors = validate_rulebook(file)
    if errors:
        for exc in errors:
            click.echo(str(exc))
        click.echo(f"规则集有 {len(errors)} 处错误", err=True)
        sys.exit(2)
    rb = load_rulebook(file)
    click.echo(f"{file}: 规则集 {rb.id} 有效：{len(rb.parts)} 个部分，{len(rb.checks)} 项检查" + (f"（继承 {rb.extends}）" if rb.extends else ""))
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
            click.echo(f"{file}: {d.describe(samples)}")
        click.echo(f"{len(dead)} 项规则在样本中从不匹配，可能永远不会生效", err=True)
        sys.exit(1)
    click.echo(f"全部规则在 {samples} 份样本报告中都有匹配")


def _dead_against(rb, folder: str):
    from .inputs import expand_inputs
    from .liveness import dead_matchers
    from .model import ReadError
    from .normalize import normalize
    from .outline import build_outline
    from .readers import read_document

    outlines = []
    for path in expand_inputs((folder,)):
        try:
            outlines.append(build_outline(normalize(read_document(path))))
        except ReadError as exc:
            click.echo(f"{exc}（跳过）", err=True)
    return dead_matchers(rb, outlines), len(outlines)


# ---------------------------------------------------------------- checker explain


@click.command("explain")
@click.argument("rule")
@click.option("--rulebook", "rulebook_ref", default=None, help=RULEBOOK_HELP)
@click.option("--profile", default=None, help=PROFILE_HELP)
def explain_cmd(rule, rulebook_ref, profile):
    """说明一条规则（或一个部分）：检查什么、依据、通过和不通过的例子、怎样修改。"""
    from rich.console import Console
    from rich.text import Text

    rb, _ = _active(rulebook_ref, profile)
    ids = {p.id for p in rb.parts}
    if rule not in ids and rule not in rb.checks:
        from rapidfuzz import process

        best = process.extractOne(rule, sorted(ids | set(rb.checks)))
        hint = f"，是否应为“{best[0]}”？" if best and best[1] >= 60 else ""
        _fail(f"未知的规则或部分“{rule}”{hint}（用 checker rules 查看全部 id）")
    console = Console()
    if rule in ids:
        sections = _explain_part(rb, rb.part(rule))
    else:
        sections = _explain_check(rb, rb.check(rule))
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


def _explain_part(rb, part) -> list[tuple[str, str, str]]:
    how = [f"报告中须有“{part.name}”这一部分（缺少时为 {part.severity}，权重 {part.weight:g}）。"]
    if part.within:
        how.append(f"在“{rb.part(part.within).name}”部分之内查找，标题别名：{'、'.join(part.aliases)}。")
        if part.patterns:
            how.append(f"正文中的原因表述（正则表达式）：{'、'.join(part.patterns)}。")
    else:
        how.append(f"先按标题找（与别名模糊匹配）：{'、'.join(part.aliases)}。")
        if part.signals:
            how.append(f"没有标题时在正文中找信号词（一段中至少 {part.min_signals} 个）：{'、'.join(part.signals)}。")
    if part.min_chars:
        how.append(f"有标题但内容不足 {part.min_chars} 字时报告 thin-part。")
    if part.topics:
        how.append("宜写到的体系（outline-coverage）：" + "、".join(t.name for t in part.topics) + "。")
    return [
        (f"{part.id}（missing-part）：{part.name}", "\n".join(how), ""),
        ("依据", part.basis or _NO_BASIS, ""),
        *_examples(part.examples),
        ("怎样修改", _fill(part.fix), ""),
    ]


def _explain_check(rb, check) -> list[tuple[str, str, str]]:
    how = [check.description or check.id]
    if check.id == "missing-part":
        how.append("各部分及其严重程度：" + "、".join(f"{p.id}（{p.name}，{p.severity}）" for p in rb.parts) + "；用 checker explain 部分 id 查看各部分。")
    meta = f"严重程度 {check.severity}"
    if check.id == "outline-coverage":
        meta += f"，在得分中的权重 {float(check.params.get('weight', 0)):g}"
    elif check.penalty:
        meta += f"，每条扣 {check.penalty:g} 分" + (f"（最多扣 {check.max_penalty:g} 分）" if check.max_penalty is not None else "")
    if check.part:
        meta += f"，针对部分 {check.part}"
    if not check.enabled:
        meta += "（本规则集已停用）"
    how.append(meta + "。")
    for key, value in sorted(check.params.items()):
        how.append(f"{key}: {_param_text(value)}")
    return [
        (check.id, "\n".join(how), ""),
        ("依据", check.basis or _NO_BASIS, ""),
        *_examples(check.examples),
        ("怎样修改", _fill(check.fix), ""),
    ]


def _param_text(value) -> str:
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return "；".join(str(v.get("name") or v.get("id") or v) for v in value)
        return "、".join(str(v) for v in value)
    return str(value)
