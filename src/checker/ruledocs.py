"""What the check kinds and a rulebook's rules say about themselves, for people.

Everything here is derived: from the kind modules (their docstrings and
``Config`` declarations) and from a loaded rulebook.  ``checker rules``,
``checker explain`` and the tables in README.md and docs/rulebook.md use
these functions; ``scripts/rule_tables.py`` writes the tables into the
documents, and a test fails when a document's table differs from what they
produce now.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Optional

import yaml

from .checks import kinds, needs_previous
from .rulebook import RULE_COMMON_DOCS, Rule, Rulebook
from .schema import params_of, type_name

#: how each scope is named to an official
SCOPE_NAMES = {"document": "全文", "title": "标题", "opening": "开头段", "signature": "落款", "guidance": "骨架的填写提示"}


def _plain(text: str) -> str:
    """Docstring markup (``x``, :func:`x`) as plain text for an official."""
    text = re.sub(r":(?:func|mod|class|meth):`~?([^`]+)`", r"\1", text)
    return re.sub(r"``([^`]+)``", r"\1", text)


def summary(kind: ModuleType) -> str:
    """The first line of a kind's docstring, without the kind's name: what it checks."""
    first = (kind.__doc__ or "").strip().split("\n", 1)[0]
    return _plain(first.split(":", 1)[1].strip() if ":" in first else first)


def description(kind: ModuleType) -> str:
    """A kind's docstring up to its example: what it checks and how, in plain words."""
    doc = (kind.__doc__ or "").strip()
    doc = doc.split("Example::", 1)[0].strip()
    body = doc.split("\n", 1)[1].strip() if "\n" in doc else ""
    return _plain(body)


def example(kind: ModuleType) -> dict:
    """The ``Example::`` block of a kind's docstring: ``rule`` (a mapping), ``fail``, ``pass`` (, ``previous``)."""
    doc = kind.__doc__ or ""
    if "Example::" not in doc:
        return {}
    block = doc.split("Example::", 1)[1]
    lines = block.split("\n")
    body = [ln for ln in lines[1:]]
    indent = min((len(ln) - len(ln.lstrip()) for ln in body if ln.strip()), default=0)
    text = "\n".join(ln[indent:] for ln in body)
    return yaml.safe_load(text) or {}


def scope_text(rule: Rule, rulebook: Rulebook) -> str:
    """The scope of a rule in words: part names, 全文, 标题 …"""
    names = []
    ids = {p.id: p for p in rulebook.parts}
    for name in rule.scope:
        names.append(ids[name].name if name in ids else SCOPE_NAMES.get(name, name))
    return "、".join(names)


def amount(rule: Rule) -> str:
    """What a rule costs: its penalty (and cap), or the weight of a coverage rule."""
    weight = getattr(rule.config, "weight", None)
    if rule.kind == "coverage" and weight is not None:
        return f"权重 {float(weight):g}"
    if not rule.penalty:
        return "不扣分"
    return f"扣 {rule.penalty:g}" + (f"（上限 {rule.max_penalty:g}）" if rule.max_penalty is not None else "")


def one_line(rule: Rule) -> str:
    """A rule's one-line description: its own, else its message as a template."""
    return rule.label


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def parts_table(rulebook: Rulebook) -> str:
    rows = ["| part id | 内容 | 缺少时 | 权重 |", "|---|---|---|---|"]
    for p in rulebook.parts:
        where = f"（在“{rulebook.part(p.within).name}”之内）" if p.within else ""
        rows.append(f"| `{p.id}` | {_cell(p.name)}{where} | {p.severity} | {p.weight:g} |")
    return "\n".join(rows) + "\n"


def rules_table(rulebook: Rulebook) -> str:
    rows = ["| 规则 id | 检查类型 | 范围 | 严重程度 | 扣分 | 查什么 |", "|---|---|---|---|---|---|"]
    for r in rulebook.rules.values():
        severity = "按部分" if r.kind == "parts" else r.severity
        if not r.enabled:
            severity += "（停用）"
        scope = scope_text(r, rulebook) or ("各部分" if r.kind in ("parts", "length", "order") else "全文")
        extra = "（需 --previous）" if needs_previous(r.kind) else ""
        years = _years(r)
        rows.append(f"| `{r.id}` | `{r.kind}` | {_cell(scope)} | {severity} | {amount(r)} | {_cell(one_line(r))}{extra}{years} |")
    return "\n".join(rows) + "\n"


def _years(rule: Rule) -> str:
    start, end = rule.years
    if start is None and end is None:
        return ""
    return f"（适用于 {start or ''}—{end or ''} 年度的报告）"


def kinds_table() -> str:
    rows = ["| 检查类型 | 查什么 | 参数（默认值） |", "|---|---|---|"]
    for name, kind in kinds().items():
        params = "、".join(f"`{p.name}`（{p.shown_default()}）" for p in params_of(kind.Config)) or "—"
        extra = "；需 `--previous`" if needs_previous(name) else ""
        rows.append(f"| `{name}` | {_cell(summary(kind))}{extra} | {_cell(params)} |")
    return "\n".join(rows) + "\n"


def common_keys_table() -> str:
    rows = ["| 键 | 含义 |", "|---|---|"]
    for key, doc in RULE_COMMON_DOCS.items():
        rows.append(f"| `{key}` | {_cell(doc)} |")
    return "\n".join(rows) + "\n"


def params_table(kind: ModuleType) -> str:
    rows = ["| 参数 | 类型 | 默认值 | 含义 |", "|---|---|---|---|"]
    for p in params_of(kind.Config):
        rows.append(f"| `{p.name}` | {type_name(p.type)} | {_cell(p.shown_default())} | {_cell(p.doc)} |")
    return "\n".join(rows) + "\n"


def kinds_reference() -> str:
    """One section per kind: what it checks, its parameters, its example."""
    out = []
    for name, kind in kinds().items():
        out.append(f"#### `{name}`\n\n{description(kind)}\n")
        if params_of(kind.Config):
            out.append(params_table(kind))
        ex = example(kind)
        if ex.get("rule"):
            out.append("```yaml\n" + yaml.safe_dump({"rules": {f"example-{name}": ex["rule"]}}, allow_unicode=True, sort_keys=False) + "```\n")
    return "\n".join(out)


#: generated blocks of the documents: (file, marker) -> what goes between the markers
def generated(rulebook: Rulebook) -> dict[tuple[str, str], str]:
    return {
        ("README.md", "parts"): parts_table(rulebook),
        ("README.md", "rules"): rules_table(rulebook),
        ("docs/rulebook.md", "kinds"): kinds_table(),
        ("docs/rulebook.md", "common-keys"): common_keys_table(),
        ("docs/rulebook.md", "kinds-reference"): kinds_reference(),
    }


def replace_block(text: str, marker: str, content: str) -> Optional[str]:
    """``text`` with the block between ``<!-- generated:marker -->`` and ``<!-- /generated:marker -->``
    replaced by ``content``; None when the markers are not there."""
    start, end = f"<!-- generated:{marker} -->", f"<!-- /generated:{marker} -->"
    i, j = text.find(start), text.find(end)
    if i < 0 or j < i:
        return None
    return text[: i + len(start)] + "\n" + content + text[j:]
