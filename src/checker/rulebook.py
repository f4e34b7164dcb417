"""Load and validate YAML rulebooks.

A rulebook is data (``rules/*.yaml``): the mandated **parts** of a report and
the **rules** a report is checked by.  Each rule is an instance of a check
*kind* (``kind: require`` …; one module per kind under ``checker/checks/``),
named by a stable id that whoever writes the rulebook chooses, with the
kind's parameters beside the keys every rule has (severity, scope, message …).

A rulebook may ``extends:`` another (by name of a shipped one or by relative
path) and override only what differs: parts are merged by id and rules by
id, key by key; the named items of a rule (a duty, a topic) by their name.
Every mistake is reported with the file and line it is on, and unknown keys
are rejected, so that a misspelt key never silently does nothing.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Iterable, NamedTuple, Optional

from .dccache import dataclass
from .model import SEVERITIES, Finding

if TYPE_CHECKING:
    import yaml  # imported where it is used: a run whose rulebooks come from the cache never loads PyYAML
from .schema import Date, Phrases, Regex, Regexes, Severity, Years, attr_name, in_years, item_type, params_of, unwrap_optional

MAX_EXTENDS_DEPTH = 8


class RulebookError(Exception):
    """A mistake in a rulebook; ``str()`` is a one-line Chinese message with file and line."""

    def __init__(self, file: str, line: Optional[int], message: str):
        self.file, self.line, self.message = file, line, message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}")


# ---------------------------------------------------------------- schema

_STR, _INT, _NUM, _BOOL, _STRLIST, _MAP = "文字", "整数", "数字", "true/false", "文字列表", "映射"
_REGEX, _REGEXLIST, _SEV = "正则表达式", "正则表达式列表", "严重程度（error / warning / info）"
_DATE = "日期（如 2021-01-01）"


class _ListOf(NamedTuple):
    """A key whose value is a list of mappings, each checked against ``keys``."""

    keys: dict
    where: str
    unique: str  # the key whose value must differ between items
    required: tuple


class _MapOf(NamedTuple):
    """A key whose value is a mapping checked against ``keys``."""

    keys: dict
    where: str


class _Items(NamedTuple):
    """A key whose value maps item names to mappings checked against ``keys`` (``名称: false`` removes one)."""

    keys: dict
    where: str
    required: tuple


#: a passing and a failing example: short report texts, used by `checker explain` and the tests
EXAMPLE_KEYS = {"pass": _STR, "fail": _STR, "previous": _STR, "other": _STR}  # previous: last year's report (cross-year rules); other: another unit's report in the same batch (batch kinds: copies)
_EXAMPLES = _MapOf(EXAMPLE_KEYS, "examples")

#: subject detection: which profile judges a report, from the subject in its title
DETECT_RULE_KEYS = {"profile": _STR, "subject": _REGEX}
DETECT_KEYS = {
    "subject_strip": _REGEXLIST,
    "subject_end": _REGEX,
    "rules": _ListOf(DETECT_RULE_KEYS, "detect.rules", "", ("profile", "subject")),
}

TOP_KEYS = {
    "id": _STR,
    "name": _STR,
    "description": _STR,
    "extends": _STR,
    "pass_mark": _NUM,
    "parts": "parts",
    "matching": _MAP,
    "rules": _MAP,
    "template": _MAP,
    "detect": _MapOf(DETECT_KEYS, "detect"),
}

PART_KEYS = {
    "id": _STR,
    "name": _STR,
    "basis": _STR,
    "severity": _SEV,
    "weight": _NUM,
    "order": _INT,
    "within": _STR,
    "aliases": _STRLIST,
    "heading_words": _STRLIST,
    "exclude": _STRLIST,
    "signals": _STRLIST,
    "strong_signals": _STRLIST,
    "min_signals": _INT,
    "patterns": _REGEXLIST,
    "promised_by": _STRLIST,
    "themes": _BOOL,
    "leads": _BOOL,
    "year_offset": _INT,
    "openers": _REGEXLIST,
    "thin": _MAP,
    "message": _STR,
    "promised_message": _STR,
    "fix": _STR,
    "heading": _STR,
    "guidance": _STR,
    "examples": _EXAMPLES,
}
#: ``add:`` appends to the lists inherited from the rulebook this one extends
PART_KEYS["add"] = _MapOf({k: v for k, v in PART_KEYS.items() if v in (_STRLIST, _REGEXLIST)}, "add")

THIN_KEYS = {"min_chars": _INT}

#: `checker template`: the title, the opening paragraph's guidance and the date line of a skeleton report
TEMPLATE_KEYS = {"title": _STR, "opening": _STR, "date": _STR, "guidance": _STR}  # guidance: the marker of a guidance line (填写提示); such a line is never content

MATCHING_KEYS = {"heading_threshold": _NUM, "strip_from_headings": _REGEXLIST, "weak_credit": _NUM, "signature_lines": _INT}

#: the keys every rule has, whatever its kind
YEARS_KEYS = {"from": _INT, "until": _INT}
RULE_COMMON_KEYS = {
    "kind": _STR,
    "description": _STR,
    "scope": "scope",
    "severity": _SEV,
    "penalty": _NUM,
    "max_penalty": _NUM,
    "message": _STR,
    "fix": _STR,
    "basis": _STR,
    "enabled": _BOOL,
    "years": _MapOf(YEARS_KEYS, "years"),
    "examples": _EXAMPLES,
}
#: what each common key means (checker explain, docs/rulebook.md)
RULE_COMMON_DOCS = {
    "kind": "检查类型（必填；继承的规则可省略），见下表",
    "description": "一句话说明这条规则查什么（checker rules 显示）",
    "scope": "在哪里查：部分 id（可多个），或 document（全文）、title（标题）、opening（开头段）、signature（落款）",
    "severity": "发现的严重程度：error / warning / info（默认 warning）",
    "penalty": "每条发现扣的分（默认 0）",
    "max_penalty": "这条规则最多扣的分（默认不限）",
    "message": "提示语；可用 {year}、{next_year} 和各检查类型的占位符",
    "fix": "修改建议",
    "basis": "依据（文件名称、条款）",
    "enabled": "设为 false 停用（也可以直接写“规则 id: false”）",
    "years": "只对这些年度的报告适用：{from: 2021, until: 2025}（都可省略一端）",
    "examples": "fail（会触发的一小段报告）和 pass（不会触发的），跨年度规则另有 previous",
}

#: scopes that are not parts: the whole text, the title line, the opening paragraph, the signature
TEXT_SCOPES = ("document", "title", "opening", "signature", "guidance")  # guidance: the template's guidance lines, which no other scope holds

#: a part id (a province may add parts) and a rule id (whoever writes the rulebook chooses it)
_PART_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def _kinds() -> dict[str, ModuleType]:
    from .checks import kinds

    return kinds()


def _validator_kind(tp: Any, where: str) -> Any:
    """The loader's name for a declared parameter type (see :mod:`checker.schema`)."""
    tp, _ = unwrap_optional(tp)
    if tp is Regex:
        return _REGEX
    if tp is Years:
        return _MapOf(YEARS_KEYS, "years")
    if tp is Date:
        return _DATE
    if tp is Severity:
        return _SEV
    if tp == Regexes:
        return _REGEXLIST
    if tp == Phrases:
        return _STRLIST
    item = item_type(tp)
    if item is not None:
        keys = {p.name: _validator_kind(p.type, where) for p in params_of(item)}
        return _Items(keys, where, tuple(p.name for p in params_of(item) if p.required))
    return {str: _STR, int: _INT, float: _NUM, bool: _BOOL}[tp]


def kind_keys(kind: ModuleType) -> dict:
    """The keys a rule of this kind may have: the common ones, the kind's parameters, and ``add`` for its lists."""
    where = f"检查类型“{kind.KIND}”"
    keys = dict(RULE_COMMON_KEYS)
    for p in params_of(kind.Config):
        keys[p.name] = _validator_kind(p.type, where)
    lists = {k: v for k, v in keys.items() if v in (_STRLIST, _REGEXLIST)}
    if lists:
        keys["add"] = _MapOf(lists, "add")
    return keys


# ---------------------------------------------------------------- values


@dataclass(frozen=True)
class Detect:
    """Which shipped profile judges a report, from the subject (organ) named in its title."""

    subject_strip: tuple[str, ...] = ()  # removed from the title first (years, 关于 …)
    subject_end: Optional[str] = None  # the subject ends where this matches (法治政府建设 …)
    rules: tuple[tuple[str, str], ...] = ()  # (profile, pattern on the subject), first match wins


@dataclass(frozen=True)
class Part:
    id: str
    name: str
    basis: str
    severity: str
    weight: float
    order: int
    aliases: tuple[str, ...]
    message: str
    fix: str
    exclude: tuple[str, ...] = ()
    heading_words: tuple[str, ...] = ()  # a top-level heading no alias matched, holding one, is this part
    signals: tuple[str, ...] = ()
    strong_signals: tuple[str, ...] = ()
    min_signals: int = 2
    patterns: tuple[str, ...] = ()
    openers: tuple[str, ...] = ()  # a paragraph that starts like this is the part, when no heading claims it
    min_chars: int = 0
    within: Optional[str] = None
    promised_by: tuple[str, ...] = ()  # words in the container's heading that promise this part (原因)
    themes: bool = False  # thematic top-level headings that no part claims are this part
    leads: bool = False  # real reports often put this part before the measures (themes after it are still the measures)
    year_offset: Optional[int] = None  # a year in its heading is the report year + this (the plan: 1)
    promised_message: Optional[str] = None
    heading: Optional[str] = None  # the heading `checker template` writes (default: the first alias)
    guidance: Optional[str] = None  # the guidance line under it (default: the fix hint)
    examples: dict = field(default_factory=dict, hash=False, compare=False)  # {"pass": text, "fail": text}


@dataclass(frozen=True)
class Rule:
    """One rule of a rulebook: an instance of a check kind, with its id and its texts."""

    id: str
    kind: str
    severity: str
    config: Any = field(hash=False, compare=False)  # the kind's Config dataclass
    scope: tuple[str, ...] = ()
    part: Optional[str] = None  # the part the rule is about: its scope when that is one part
    description: str = ""
    penalty: float = 0.0
    max_penalty: Optional[float] = None
    message: str = ""
    fix: Optional[str] = None
    basis: Optional[str] = None
    enabled: bool = True
    years: tuple[Optional[int], Optional[int]] = (None, None)
    examples: dict = field(default_factory=dict, hash=False, compare=False)  # {"pass": text, "fail": text}
    file: str = ""  # where it was (last) written, for messages
    line: Optional[int] = None
    needs_previous: bool = field(default=False, compare=False, repr=False)  # its kind runs only with last year's report (set by the loader)

    def __reduce__(self):
        """Pickled with its config packed apart (see :meth:`__getattr__`), so that loading a cached
        rulebook imports the module of a kind only when one of its rules is looked at."""
        import pickle

        state = {k: v for k, v in self.__dict__.items() if k not in ("config", "_packed_config")}
        packed = self.__dict__.get("_packed_config")
        if packed is None:
            packed = pickle.dumps(self.__dict__["config"], protocol=pickle.HIGHEST_PROTOCOL)
        return (_unpacked_rule, (state, packed))

    def __getattr__(self, name: str):
        packed = self.__dict__.get("_packed_config") if name == "config" else None
        if packed is None:
            raise AttributeError(name)
        import pickle

        config = pickle.loads(packed)
        object.__setattr__(self, "config", config)
        del self.__dict__["_packed_config"]
        return config

    @property
    def label(self) -> str:
        """The rule in one line: its description, else its message (placeholders shown as such)."""
        from .messages import fill

        return self.description or fill(self.message) or self.id

    def applies_to(self, year: Optional[int]) -> bool:
        """Whether the rule applies to a report on ``year`` (a rule with ``years`` needs a known year)."""
        return in_years(self.years, year)

    def finding(
        self,
        analysis,
        line=None,
        values: Optional[dict] = None,
        *,
        message: Optional[str] = None,
        part: Optional[str] = None,
        evidence: Optional[str] = None,
        fix: Optional[str] = None,
        severity: Optional[str] = None,
        related=None,
        column: Optional[int] = None,
    ) -> Finding:
        """A finding of this rule at ``line`` (a TextLine), its message and fix filled with ``values``."""
        values = values or {}
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            message=analysis.fill(self.message if message is None else message, **values),
            line=line.number if line is not None else None,
            location=line.location if line is not None else None,
            part=part if part is not None else self.part,
            evidence=evidence,
            fix=analysis.fill(self.fix if fix is None else fix, **values),
            related_line=related.number if related is not None else None,
            # a piece of a long line cut at its headings starts at its own column of the line
            column=column if column is not None else getattr(line, "column", None),
        )


def _unpacked_rule(state: dict, packed: bytes) -> Rule:
    """A pickled :class:`Rule`; its config is unpickled the first time it is asked for."""
    rule = object.__new__(Rule)
    rule.__dict__.update(state)
    rule.__dict__["_packed_config"] = packed
    return rule


@dataclass(frozen=True)
class Rulebook:
    id: str
    name: str
    source: str
    pass_mark: float
    parts: tuple[Part, ...]
    rules: dict  # rule id -> Rule, in the order written
    heading_threshold: float
    strip_from_headings: tuple[str, ...]
    weak_credit: float
    signature_lines: int = 4
    template: dict = field(default_factory=dict, hash=False, compare=False)
    detect: Optional[Detect] = None
    extends: Optional[str] = None

    def part(self, part_id: str) -> Part:
        for p in self.parts:
            if p.id == part_id:
                return p
        raise KeyError(part_id)

    def rule(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    def of_kind(self, kind: str) -> list[Rule]:
        """The enabled rules of one kind, in rulebook order."""
        return [r for r in self.rules.values() if r.kind == kind and r.enabled]

    def ids(self) -> set[str]:
        """Every id a user may name in --select / --ignore: rule ids and part ids."""
        return set(self.rules) | {p.id for p in self.parts}


# ---------------------------------------------------------------- loading


def shipped_dir() -> Path:
    """The directory holding the shipped rulebooks.

    In an installed wheel that is ``checker/rules/`` (pyproject.toml maps the
    repository's ``rules/`` there); in a source checkout it is ``rules/`` at
    the repository root.
    """
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    return installed if installed.is_dir() else here.parents[1] / "rules"


def shipped_names() -> list[str]:
    return sorted(p.stem for p in shipped_dir().glob("*.yaml"))


def _resolve(ref: str, relative_to: Optional[Path]) -> Path:
    if ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref:
        path = Path(ref)
        if not path.is_absolute() and relative_to is not None:
            path = relative_to.parent / path
        return path
    return shipped_dir() / f"{ref}.yaml"


def _compose(path: Path) -> yaml.Node:
    """The node tree of a rulebook file: bounded and alias-free (:mod:`checker.yamlfile`)."""
    import yaml

    from .yamlfile import YamlProblem, compose_text, read_text

    shown = str(path)
    if not path.exists() and not path.is_symlink():
        raise RulebookError(shown, None, "规则集文件不存在")
    try:
        node = compose_text(read_text(shown, "规则集"))
    except YamlProblem as exc:
        raise RulebookError(shown, exc.line, exc.message) from None
    if not isinstance(node, yaml.MappingNode):
        raise RulebookError(shown, None, "规则集的顶层必须是映射（键: 值）")
    keys = {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    if not keys & set(TOP_KEYS):
        # not a rulebook at all (extends: /etc/passwd): name none of its content
        raise RulebookError(shown, None, f"不是规则集文件（顶层没有 {'、'.join(sorted(_RULEBOOK_MARKS))} 等规则集的键）")
    return node


#: keys of which a rulebook has at least one (naming them is safe when a file is not a rulebook)
_RULEBOOK_MARKS = ("id", "name", "parts", "checks", "extends")


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"


class _Validator:
    """Turns YAML nodes into plain values, checking keys and types on the way.

    With ``collect=True`` a mistake is recorded in ``errors`` and checking goes
    on with the next key or item (``checker rules validate`` lists them all);
    otherwise the first mistake raises :class:`RulebookError`.
    """

    def __init__(self, file: str, collect: bool = False):
        import yaml

        self.file = file
        self.loader = yaml.SafeLoader("")  # only used to construct scalars
        self.errors: Optional[list[RulebookError]] = [] if collect else None

    def fail(self, node: yaml.Node, message: str):
        raise RulebookError(self.file, _line(node), message)

    def record(self, exc: RulebookError) -> None:
        """Keep a mistake and go on (collect mode), or raise it."""
        if self.errors is None:
            raise exc
        self.errors.append(exc)

    def scalar(self, node: yaml.Node, kind: str, key: str):
        import yaml

        shown = _STR if kind in (_REGEX, _SEV) else kind
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, f"“{key}”应为{shown}")
        if kind == _DATE:
            return self.date(node, key)
        if node.tag == _STR_TAG:  # most values: no need for the (slow) constructor
            value = node.value
        else:
            value = self.loader.construct_object(node, deep=True)
        ok = {
            _STR: isinstance(value, str),
            _INT: isinstance(value, int) and not isinstance(value, bool),
            _NUM: isinstance(value, (int, float)) and not isinstance(value, bool),
            _BOOL: isinstance(value, bool),
        }[shown]
        if shown == _STR and isinstance(value, (int, float)) and not isinstance(value, bool):
            value, ok = str(value), True
        if not ok:
            self.fail(node, f"“{key}”应为{kind}，而不是“{node.value}”")
        if kind == _SEV and value not in SEVERITIES:
            self.fail(node, f"“{key}”应为 error / warning / info，而不是“{value}”")
        if kind == _REGEX:
            self.regex(node, value, key)
        return value

    def date(self, node: yaml.Node, key: str):
        """A day: a YAML date (2021-01-01) or a text in that form."""
        import datetime

        value = node.value if node.tag == _STR_TAG else self.loader.construct_object(node, deep=True)
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(node, f"“{key}”应为{_DATE}，而不是“{node.value}”")

    def regex(self, node: yaml.Node, pattern: str, key: str) -> None:
        from .safe_regex import problem

        trouble = problem(pattern)
        if trouble:
            self.fail(node, f"“{key}”中的正则表达式“{pattern}”不可用：{trouble}")

    def strlist(self, node: yaml.Node, key: str, kind: str = _STR) -> list[str]:
        import yaml

        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"“{key}”应为{_STRLIST}（[甲, 乙] 或每行一个“- 甲”）")
        out = []
        for item in node.value:
            try:
                out.append(self.scalar(item, kind, key))
            except RulebookError as exc:
                self.record(exc)
        return out

    def list_of(self, node: yaml.Node, spec: _ListOf, key: str) -> list[dict]:
        import yaml

        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"“{key}”应为列表，每项是一个映射（键: 值）")
        out, seen = [], {}
        for item in node.value:
            try:
                entry = self.mapping(item, spec.keys, spec.where)
                for req in spec.required:
                    if req not in entry:
                        self.fail(item, f"{spec.where}的一项缺少“{req}”")
                if spec.unique:
                    ident = entry[spec.unique]
                    if ident in seen:
                        self.fail(item, f"{spec.where}中的“{ident}”重复定义（第 {seen[ident]} 行已定义）")
                    seen[ident] = _line(item)
                out.append(entry)
            except RulebookError as exc:
                self.record(exc)
        return out

    def items(self, node: yaml.Node, spec: _Items, key: str) -> dict:
        """Named items: ``名称: {键: 值}``; ``名称: false`` removes an inherited item."""
        import yaml

        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"“{key}”应为映射：每个条目写成“名称: {{键: 值}}”")
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            try:
                name = str(knode.value)
                if name in out:
                    self.fail(knode, f"“{key}”中的条目“{name}”重复定义")
                if isinstance(vnode, yaml.ScalarNode) and vnode.tag == _BOOL_TAG and vnode.value.lower() in ("false", "off", "no"):
                    out[name] = False
                    continue
                entry = self.mapping(vnode, spec.keys, f"“{key}”的条目“{name}”")
                out[name] = entry
            except RulebookError as exc:
                self.record(exc)
        return out

    def mapping(self, node: yaml.Node, allowed: dict, where: str, hints: Optional[dict] = None) -> dict:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{where}应为映射（键: 值）")
        out: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for knode, vnode in node.value:
            try:
                key = str(knode.value)
                if key not in allowed:
                    hint = (hints or {}).get(key) or _closest(key, allowed)
                    self.fail(knode, f"{where}中有未知的键“{key}”" + (f"，是否应为“{hint}”？" if hint else ""))
                if key in out:
                    self.fail(knode, f"{where}中的键“{key}”重复出现")
                kind = allowed[key]
                if kind == _STRLIST:
                    out[key] = self.strlist(vnode, key)
                elif kind == _REGEXLIST:
                    out[key] = self.strlist(vnode, key, _REGEX)
                elif isinstance(kind, _ListOf):
                    out[key] = self.list_of(vnode, kind, key)
                elif isinstance(kind, _MapOf):
                    out[key] = self.mapping(vnode, kind.keys, kind.where)
                elif isinstance(kind, _Items):
                    out[key] = self.items(vnode, kind, key)
                elif kind == "scope":
                    out[key] = [vnode.value] if isinstance(vnode, yaml.ScalarNode) else self.strlist(vnode, key)
                elif kind == _MAP or kind == "parts":
                    out[key] = vnode  # handled by the caller
                else:
                    out[key] = self.scalar(vnode, kind, key)
                lines[key] = _line(knode)
            except RulebookError as exc:
                self.record(exc)
        out["__lines__"] = lines
        out["__line__"] = _line(node)
        return out


def _closest(key: str, allowed: Iterable[str]) -> Optional[str]:
    from rapidfuzz import process

    best = process.extractOne(key, list(allowed))
    return best[0] if best and best[1] >= 70 else None


def _read_raw(path: Path, errors: Optional[list] = None) -> dict:
    """Parse one rulebook file (without resolving ``extends``) into checked plain data.

    Rules stay YAML nodes here: which keys a rule may have depends on its
    kind, which a profile may inherit (see :func:`_rules_of`).  With an
    ``errors`` list, mistakes are appended to it and checking goes on;
    otherwise the first one raises.
    """
    import yaml

    v = _Validator(str(path), collect=errors is not None)
    root = _compose(path)
    top = v.mapping(root, TOP_KEYS, "规则集", hints={"checks": "rules"})
    raw: dict[str, Any] = {k: top[k] for k in top if k not in ("parts", "matching", "rules")}
    if "parts" in top:
        pnode = top["parts"]
        if not isinstance(pnode, yaml.SequenceNode):
            v.fail(pnode, "“parts”应为列表，每项是一个部分")
        parts = []
        seen: dict[str, int] = {}
        for item in pnode.value:
            try:
                part = v.mapping(item, PART_KEYS, "部分（parts）")
                if "id" not in part:
                    v.fail(item, "部分缺少“id”")
                if not _PART_ID.match(part["id"]):
                    v.fail(item, f"部分 id“{part['id']}”只能由小写英文字母、数字和下划线组成，如 measures、next_year_plan")
                if part["id"] in seen:
                    v.fail(item, f"部分“{part['id']}”重复定义（第 {seen[part['id']]} 行已定义）")
                seen[part["id"]] = _line(item)
                if "thin" in part:
                    part["thin"] = v.mapping(part["thin"], THIN_KEYS, "thin")
                parts.append(part)
            except RulebookError as exc:
                v.record(exc)
        raw["parts"] = parts
    if "matching" in top:
        raw["matching"] = v.mapping(top["matching"], MATCHING_KEYS, "matching")
    if "template" in top:
        raw["template"] = v.mapping(top["template"], TEMPLATE_KEYS, "template")
    if "rules" in top:
        rnode = top["rules"]
        if not isinstance(rnode, yaml.MappingNode):
            v.fail(rnode, "“rules”应为映射：规则 id: 设置")
        rules: dict[str, Any] = {}
        for knode, vnode in rnode.value:
            try:
                rid = str(knode.value)
                if not _RULE_ID.match(rid):
                    v.fail(knode, f"规则 id“{rid}”只能由小写英文字母、数字、连字符和下划线组成，如 must-mention-admin-review")
                if rid in rules:
                    v.fail(knode, f"规则“{rid}”重复定义（第 {_line(rules[rid][0])} 行已定义）")
                rules[rid] = (knode, vnode)
            except RulebookError as exc:
                v.record(exc)
        raw["rules"] = rules
    if errors is not None:
        errors.extend(v.errors or [])
    return raw


def _kind_of(v: _Validator, rid: str, knode: yaml.Node, vnode: yaml.Node, base: dict) -> Optional[str]:
    """The kind a rule is an instance of: its own ``kind:``, else the inherited rule's."""
    import yaml

    if isinstance(vnode, yaml.MappingNode):
        for k, val in vnode.value:
            if k.value == "kind":
                name = str(val.value)
                kinds = _kinds()
                if name not in kinds:
                    hint = _closest(name, kinds)
                    v.fail(val, f"规则“{rid}”的检查类型“{name}”不存在" + (f"，是否应为“{hint}”？" if hint else f"（可用的类型：{'、'.join(sorted(kinds))}）"))
                return name
    inherited = base.get(rid, {}).get("kind")
    if inherited is None:
        known = _closest(rid, base) if base else None
        hint = f"；若要修改继承的规则，id 是否应为“{known}”？" if known else ""
        v.fail(knode, f"规则“{rid}”缺少“kind”（检查类型，如 require、forbid；用 checker rules --kinds 查看全部类型）{hint}")
    return inherited


def _rules_of(raw: dict, base: dict, v: _Validator) -> dict:
    """This file's rules validated against their kinds (inherited ones included), as plain data."""
    import yaml

    out: dict[str, dict] = {}
    for rid, (knode, vnode) in raw.get("rules", {}).items():
        try:
            if isinstance(vnode, yaml.ScalarNode) and vnode.tag == _BOOL_TAG:
                on = v.scalar(vnode, _BOOL, rid)
                if rid not in base:
                    v.fail(knode, f"规则“{rid}”不是继承来的规则，不能只写 {vnode.value}（新规则须写明 kind 和设置）")
                out[rid] = {"enabled": on, "__lines__": {"enabled": _line(knode)}, "__line__": _line(knode), "__bare__": True}
                continue
            kind = _kind_of(v, rid, knode, vnode, base)
            conf = v.mapping(vnode, kind_keys(_kinds()[kind]), f"规则“{rid}”")
            conf["kind"] = kind
            conf["__line__"] = _line(knode)
            out[rid] = conf
        except RulebookError as exc:
            v.record(exc)
    return out


def _with_additions(base: dict, over: dict) -> dict:
    """``over`` on top of ``base``, key by key; ``add: {key: [...]}`` appends to the inherited list."""
    merged = {**base, **over}
    merged.pop("add", None)
    for key, extra in over.get("add", {}).items():
        if not key.startswith("__"):
            merged[key] = list(merged.get(key, [])) + list(extra)
    return merged


def _merge_rule(base: Optional[dict], over: dict) -> dict:
    """A rule of a profile on top of the inherited one: key by key, named items by name."""
    if base is None:
        return over
    if over.get("__bare__"):
        return {**base, "enabled": over["enabled"], "__lines__": {**base.get("__lines__", {}), **over["__lines__"]}}
    if over.get("kind") != base.get("kind") and "kind" in over.get("__lines__", {}):
        return over  # another kind under the same id: a new rule
    merged = _with_additions(base, over)
    for key, value in over.items():
        if isinstance(value, dict) and not key.startswith("__") and isinstance(base.get(key), dict) and key != "examples" and key != "years":
            items = {name: dict(entry) for name, entry in base[key].items()}
            for name, entry in value.items():
                if entry is False:
                    items.pop(name, None)
                elif name in items and isinstance(items[name], dict):
                    items[name] = {**items[name], **entry}
                else:
                    items[name] = entry
            merged[key] = items
    merged["__lines__"] = {**base.get("__lines__", {}), **over.get("__lines__", {})}
    return merged


def _merge(base: dict, over: dict) -> dict:
    out = {k: v for k, v in base.items() if k not in _NOT_INHERITED}
    for key, value in over.items():
        if key == "parts":
            by_id = {p["id"]: dict(p) for p in base.get("parts", [])}
            order = [p["id"] for p in base.get("parts", [])]
            for p in value:
                if p["id"] in by_id:
                    merged = _with_additions(by_id[p["id"]], p)
                    merged["__lines__"] = {**by_id[p["id"]].get("__lines__", {}), **p.get("__lines__", {})}
                    by_id[p["id"]] = merged
                else:
                    by_id[p["id"]] = {**p, "__new__": True}
                    order.append(p["id"])
            out["parts"] = [by_id[i] for i in order]
        elif key == "rules":
            merged = dict(base.get("rules", {}))
            for rid, conf in value.items():
                merged[rid] = _merge_rule(merged.get(rid), conf)
            out["rules"] = merged
        elif key in ("matching", "template", "detect"):
            out[key] = {**base.get(key, {}), **value}
        else:
            out[key] = value
    return out


#: what a rulebook does not take from the one it extends: its own identity
_NOT_INHERITED = ("id", "name", "description")


#: parsed files, so that profiles extending the same base parse it once per process
_RAW_CACHE: dict[tuple, dict] = {}


#: (file, content digest) of each file read by the load under way (see :func:`load_rulebook`)
_READ: list = []


def _read_raw_cached(path: Path) -> dict:
    """:func:`_read_raw`, remembered per file and content; never mutate the result."""
    from .cache import digest
    from .files import FileProblem, read_regular
    from .yamlfile import max_bytes

    try:
        data = read_regular(str(path), max_bytes)
    except FileProblem:
        return _read_raw(path)  # gives the reason as a RulebookError
    key = (str(path), digest(data))
    _READ.append(key)
    if key not in _RAW_CACHE:
        _RAW_CACHE[key] = _read_raw(path)
    return _RAW_CACHE[key]


def _load_chain(path: Path, depth: int, stack: tuple[str, ...], errors: Optional[list] = None) -> dict:
    key = str(path.resolve()) if path.exists() else str(path)
    if key in stack:
        raise RulebookError(str(path), None, "“extends”形成循环：" + " → ".join(Path(s).name for s in stack + (key,)))
    if depth > MAX_EXTENDS_DEPTH:
        raise RulebookError(str(path), None, f"“extends”层级过深（超过 {MAX_EXTENDS_DEPTH} 层）")
    raw = _read_raw(path, errors) if errors is not None else dict(_read_raw_cached(path))
    raw["__file__"] = str(path)
    base: dict = {}
    parent = raw.get("extends")
    if parent:
        parent_path = _resolve(parent, path)
        if not parent_path.exists():
            raise RulebookError(str(path), raw["__lines__"].get("extends"), f"“extends”指向的规则集“{parent}”不存在")
        base = _load_chain(parent_path, depth + 1, stack + (key,), errors)
    v = _Validator(str(path), collect=errors is not None)
    rules = _rules_of(raw, base.get("rules", {}), v)
    if errors is not None:
        errors.extend(v.errors or [])
    parts = [dict(p, __file__=str(path)) for p in raw.get("parts", [])]
    for conf in rules.values():
        conf["__file__"] = str(path)
    own = {**raw, "parts": parts, "rules": rules} if "parts" in raw else {**raw, "rules": rules}
    return _merge(base, own) if parent else own


def _clean(value):
    """Plain data without the bookkeeping keys (``__lines__`` …)."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if not k.startswith("__")}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


_PART_REQUIRED = ("name", "basis", "severity", "weight", "aliases", "message", "fix")


def _config(kind: ModuleType, conf: dict, where: str, file: str) -> Any:
    """The kind's Config dataclass from a rule's (merged) settings."""
    values: dict[str, Any] = {}
    for p in params_of(kind.Config):
        if p.name not in conf:
            if p.required:
                raise RulebookError(conf.get("__file__", file), conf.get("__line__"), f"{where}缺少“{p.name}”（检查类型 {kind.KIND} 的必填参数）")
            continue
        values[attr_name(kind.Config, p.name)] = _value(p.type, conf[p.name], f"{where}的“{p.name}”", conf, file)
    return kind.Config(**values)


def _as_text(value: str) -> str:
    """A phrase or pattern in the form report text has after normalization (NFKC: half-width
    punctuation), so that an official may write （） or ()."""
    return unicodedata.normalize("NFKC", value)


def _value(tp: Any, value: Any, where: str, conf: dict, file: str) -> Any:
    tp, _ = unwrap_optional(tp)
    if tp is Regex:
        return _as_text(value)
    if tp is Years:
        return (value.get("from"), value.get("until"))
    if tp in (Phrases, Regexes):
        return tuple(_as_text(v) for v in value)
    item = item_type(tp)
    if item is not None:
        out = {}
        for name, entry in value.items():
            if entry is False:
                continue
            name = _as_text(name)
            fields = {}
            for p in params_of(item):
                if p.name in entry:
                    fields[attr_name(item, p.name)] = _value(p.type, entry[p.name], where, conf, file)
                elif p.required:
                    raise RulebookError(conf.get("__file__", file), entry.get("__line__"), f"{where}的条目“{name}”缺少“{p.name}”")
            out[name] = item(**fields)
        return out
    if isinstance(value, list):
        return tuple(value)
    if tp is float and isinstance(value, int):
        return float(value)
    return value


def _build(raw: dict, source: str, errors: Optional[list] = None) -> Rulebook:
    """Turn merged raw data into a :class:`Rulebook`.

    With an ``errors`` list, a mistake in one part or rule is appended and
    the others are still checked.
    """
    file = raw.get("__file__", source)

    def record(exc: RulebookError) -> None:
        if errors is None:
            raise exc
        errors.append(exc)

    def need(d: dict, key: str, where: str):
        if key not in d:
            hint = f"（新增的部分须写全 {'、'.join(_PART_REQUIRED)}）" if d.get("__new__") else ""
            raise RulebookError(d.get("__file__", file), d.get("__line__"), f"{where}缺少“{key}”{hint}")
        return d[key]

    parts = []
    for p in raw.get("parts", []):
        where = f"部分“{p['id']}”"
        if "add" in p:  # a rulebook that extends nothing adds to its own lists
            p = _with_additions({}, p)
        try:
            for req in _PART_REQUIRED:
                need(p, req, where)
            parts.append(
                Part(
                    id=p["id"],
                    name=p["name"],
                    basis=p["basis"],
                    severity=p["severity"],
                    weight=float(p["weight"]),
                    order=int(p.get("order", 0)),
                    aliases=tuple(p["aliases"]),
                    message=p["message"],
                    fix=p["fix"],
                    exclude=tuple(p.get("exclude", ())),
                    heading_words=tuple(p.get("heading_words", ())),
                    signals=tuple(p.get("signals", ())),
                    strong_signals=tuple(p.get("strong_signals", ())),
                    min_signals=int(p.get("min_signals", 2)),
                    patterns=tuple(p.get("patterns", ())),
                    openers=tuple(p.get("openers", ())),
                    min_chars=int(p.get("thin", {}).get("min_chars", 0)),
                    within=p.get("within"),
                    promised_by=tuple(p.get("promised_by", ())),
                    themes=bool(p.get("themes", False)),
                    leads=bool(p.get("leads", False)),
                    year_offset=p.get("year_offset"),
                    promised_message=p.get("promised_message"),
                    heading=p.get("heading"),
                    guidance=p.get("guidance"),
                    examples=_clean(p.get("examples", {})),
                )
            )
        except RulebookError as exc:
            record(exc)
    ids = {p.id for p in parts}
    for p in parts:
        if p.within and p.within not in ids:
            line = next((d.get("__lines__", {}).get("within") for d in raw.get("parts", []) if d["id"] == p.id), None)
            record(RulebookError(file, line, f"部分“{p.id}”的 within 指向未知部分“{p.within}”"))

    kinds = _kinds()
    rules: dict[str, Rule] = {}
    for rid, conf in raw.get("rules", {}).items():
        where = f"规则“{rid}”"
        if "add" in conf:
            conf = _with_additions({}, conf)
        rfile = conf.get("__file__", file)
        try:
            if "kind" not in conf:
                raise RulebookError(rfile, conf.get("__line__"), f"{where}缺少“kind”")
            kind = kinds[conf["kind"]]
            scope = tuple(conf.get("scope", getattr(kind, "SCOPE", ())))
            for name in scope:
                if name not in ids and name not in TEXT_SCOPES:
                    hint = _closest(name, sorted(ids) + list(TEXT_SCOPES))
                    raise RulebookError(
                        rfile,
                        conf.get("__lines__", {}).get("scope", conf.get("__line__")),
                        f"{where}的 scope“{name}”不是部分 id，也不是 {'、'.join(TEXT_SCOPES)}" + (f"；是否应为“{hint}”？" if hint else ""),
                    )
            years = conf.get("years", {})
            rules[rid] = Rule(
                id=rid,
                kind=kind.KIND,
                severity=conf.get("severity", "warning"),
                config=_config(kind, conf, where, file),
                scope=scope,
                part=scope[0] if len(scope) >= 1 and scope[0] in ids else None,
                description=conf.get("description", ""),
                penalty=float(conf.get("penalty", 0)),
                max_penalty=float(conf["max_penalty"]) if "max_penalty" in conf else None,
                message=conf.get("message", ""),
                fix=conf.get("fix"),
                basis=conf.get("basis"),
                enabled=bool(conf.get("enabled", True)),
                years=(years.get("from"), years.get("until")),
                examples=_clean(conf.get("examples", {})),
                file=rfile,
                line=conf.get("__line__"),
                needs_previous=bool(getattr(kind, "NEEDS_PREVIOUS", False)),
            )
        except RulebookError as exc:
            record(exc)
    matching = raw.get("matching", {})
    detect = None
    if "detect" in raw:
        d = raw["detect"]
        detect = Detect(
            subject_strip=tuple(d.get("subject_strip", ())),
            subject_end=d.get("subject_end"),
            rules=tuple((r["profile"], r["subject"]) for r in d.get("rules", ())),
        )
    return Rulebook(
        id=str(raw.get("id") or Path(source).stem),
        name=str(raw.get("name") or raw.get("id") or Path(source).stem),
        source=source,
        pass_mark=float(raw.get("pass_mark", 60)),
        parts=tuple(parts),
        rules=rules,
        heading_threshold=float(matching.get("heading_threshold", 86)),
        strip_from_headings=tuple(matching.get("strip_from_headings", ())),
        weak_credit=float(matching.get("weak_credit", 0.6)),
        signature_lines=int(matching.get("signature_lines", 4)),
        template={k: v for k, v in raw.get("template", {}).items() if not k.startswith("__")},
        detect=detect,
        extends=raw.get("extends"),
    )


def _path_of(ref: str) -> Path:
    path = _resolve(ref, None)
    if not path.exists():
        names = ", ".join(shipped_names())
        raise RulebookError(ref, None, f"找不到规则集（内置的有：{names}）")
    return path


#: rulebooks loaded in this process: cache key -> (files read with their digests, rulebook)
_LOADED: dict[tuple, tuple[list, Rulebook]] = {}


def _unchanged(files: list) -> bool:
    """Whether every (file, digest) still has that content, read as a load reads it (same limits)."""
    from .cache import digest
    from .files import FileProblem, read_regular
    from .yamlfile import max_bytes

    try:
        return all(digest(read_regular(name, max_bytes)) == known for name, known in files)
    except (FileProblem, TypeError, ValueError):
        return False


def load_rulebook(ref: str = "national") -> Rulebook:
    """Load a rulebook by shipped name (``national``) or by file path.

    A rulebook is built once per process and kept per user (:mod:`checker.cache`)
    for as long as the files it was built from keep their content.
    """
    from . import cache

    path = _path_of(ref)
    key = (str(path), "" if path.is_absolute() else os.getcwd())
    known = _LOADED.get(key)
    if known is not None and _unchanged(known[0]):
        return known[1]
    checked: list = []

    def fresh(files: list) -> bool:
        checked[:] = files
        return _unchanged(files)

    rulebook = cache.fetch("rulebook", key, fresh)
    if isinstance(rulebook, Rulebook):
        files = checked
    else:
        del _READ[:]
        rulebook = _build(_load_chain(path, 0, ()), str(path))
        files = list(dict.fromkeys(_READ))
        del _READ[:]
        cache.store("rulebook", key, files, rulebook)
    _LOADED[key] = (files, rulebook)
    return rulebook


def validate_rulebook(ref: str) -> list[RulebookError]:
    """Every mistake in a rulebook (and the rulebooks it extends), each with file and line; [] if none."""
    errors: list[RulebookError] = []
    try:
        path = _path_of(ref)
        raw = _load_chain(path, 0, (), errors)
        if not errors:
            _build(raw, str(path), errors)
    except RulebookError as exc:  # a mistake that stops reading: YAML syntax, extends
        errors.append(exc)
    unique = {(e.file, e.line, e.message): e for e in errors}
    return sorted(unique.values(), key=lambda e: (e.file, e.line or 0))
