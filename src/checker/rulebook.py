"""Load and validate YAML rulebooks.

A rulebook is data (``rules/*.yaml``).  It may ``extends:`` another rulebook
(by name of a shipped one or by relative path) and override only what differs:
parts and checks are merged by id, key by key.  Every mistake is reported with
the file and line it is on, and unknown keys are rejected, so that a misspelt
key never silently does nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from .model import SEVERITIES

MAX_EXTENDS_DEPTH = 8


class RulebookError(Exception):
    """A mistake in a rulebook; ``str()`` is a one-line Chinese message with file and line."""

    def __init__(self, file: str, line: Optional[int], message: str):
        self.file, self.line, self.message = file, line, message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}")


# ---------------------------------------------------------------- schema

_STR, _INT, _NUM, _BOOL, _STRLIST, _MAP = "文字", "整数", "数字", "true/false", "文字列表", "映射"

TOP_KEYS = {
    "id": _STR,
    "name": _STR,
    "description": _STR,
    "extends": _STR,
    "pass_mark": _NUM,
    "parts": "parts",
    "matching": _MAP,
    "checks": _MAP,
    "template": _MAP,
}

PART_KEYS = {
    "id": _STR,
    "name": _STR,
    "basis": _STR,
    "severity": _STR,
    "weight": _NUM,
    "order": _INT,
    "within": _STR,
    "aliases": _STRLIST,
    "exclude": _STRLIST,
    "signals": _STRLIST,
    "strong_signals": _STRLIST,
    "min_signals": _INT,
    "patterns": _STRLIST,
    "thin": _MAP,
    "message": _STR,
    "promised_message": _STR,
    "fix": _STR,
    "heading": _STR,
    "guidance": _STR,
}

THIN_KEYS = {"min_chars": _INT}

#: `checker template`: the title, the opening paragraph's guidance and the date line of a skeleton report
TEMPLATE_KEYS = {"title": _STR, "opening": _STR, "date": _STR}

MATCHING_KEYS = {"heading_threshold": _NUM, "strip_from_headings": _STRLIST, "weak_credit": _NUM}

CHECK_COMMON_KEYS = {
    "description": _STR,
    "severity": _STR,
    "penalty": _NUM,
    "max_penalty": _NUM,
    "message": _STR,
    "fix": _STR,
    "basis": _STR,
    "enabled": _BOOL,
}

#: check id -> its own parameters (besides the common keys)
CHECK_PARAMS: dict[str, dict[str, str]] = {
    "missing-part": {},
    "thin-part": {"max_sentences": _INT},
    "plan-year-mismatch": {},
    "duplicate-block": {"min_chars": _INT, "similarity": _NUM},
    "repeated-char": {"allow": _STRLIST, "always": _STRLIST, "suffixes": _STRLIST},
    "missing-title": {},
    "part-order": {},
    "late-publication": {"deadline_month": _INT, "deadline_day": _INT},
    "unaddressed-shortcoming": {"min_keywords": _NUM, "min_fuzzy": _NUM, "stopwords": _STRLIST, "evidence": _STR},
    "copied-plan": {"similarity": _NUM, "min_chars": _INT, "evidence": _STR},
    "plan-not-reported": {"min_keywords": _NUM, "min_fuzzy": _NUM, "stopwords": _STRLIST},
    "template-placeholder": {"markers": _STRLIST},
}

PART_IDS = ("measures", "shortcomings", "causes", "first_responsible", "next_year_plan", "rectification", "other")


# ---------------------------------------------------------------- values


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
    signals: tuple[str, ...] = ()
    strong_signals: tuple[str, ...] = ()
    min_signals: int = 2
    patterns: tuple[str, ...] = ()
    min_chars: int = 0
    within: Optional[str] = None
    promised_message: Optional[str] = None
    heading: Optional[str] = None  # the heading `checker template` writes (default: the first alias)
    guidance: Optional[str] = None  # the guidance line under it (default: the fix hint)


@dataclass(frozen=True)
class Check:
    id: str
    severity: str
    description: str = ""
    penalty: float = 0.0
    max_penalty: Optional[float] = None
    message: str = ""
    fix: Optional[str] = None
    basis: Optional[str] = None
    enabled: bool = True
    params: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Rulebook:
    id: str
    name: str
    source: str
    pass_mark: float
    parts: tuple[Part, ...]
    checks: dict
    heading_threshold: float
    strip_from_headings: tuple[str, ...]
    weak_credit: float
    template: dict = field(default_factory=dict, hash=False, compare=False)

    def part(self, part_id: str) -> Part:
        for p in self.parts:
            if p.id == part_id:
                return p
        raise KeyError(part_id)

    def check(self, check_id: str) -> Check:
        return self.checks[check_id]


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
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulebookError(shown, None, "规则集文件不存在") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulebookError(shown, None, f"无法读取规则集（{exc}）") from None
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RulebookError(shown, mark.line + 1 if mark else None, f"YAML 语法错误：{getattr(exc, 'problem', exc)}") from None
    if not isinstance(node, yaml.MappingNode):
        raise RulebookError(shown, None, "规则集的顶层必须是映射（键: 值）")
    return node


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _Validator:
    """Turns YAML nodes into plain values, checking keys and types on the way."""

    def __init__(self, file: str):
        self.file = file
        self.loader = yaml.SafeLoader("")  # only used to construct scalars

    def fail(self, node: yaml.Node, message: str):
        raise RulebookError(self.file, _line(node), message)

    def scalar(self, node: yaml.Node, kind: str, key: str):
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, f"“{key}”应为{kind}")
        value = self.loader.construct_object(node, deep=True)
        ok = {
            _STR: isinstance(value, str),
            _INT: isinstance(value, int) and not isinstance(value, bool),
            _NUM: isinstance(value, (int, float)) and not isinstance(value, bool),
            _BOOL: isinstance(value, bool),
        }[kind]
        if kind == _STR and isinstance(value, (int, float)) and not isinstance(value, bool):
            value, ok = str(value), True
        if not ok:
            self.fail(node, f"“{key}”应为{kind}，而不是“{node.value}”")
        return value

    def strlist(self, node: yaml.Node, key: str) -> list[str]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"“{key}”应为{_STRLIST}（[甲, 乙] 或每行一个“- 甲”）")
        return [self.scalar(item, _STR, key) for item in node.value]

    def mapping(self, node: yaml.Node, allowed: dict, where: str) -> dict:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{where}应为映射（键: 值）")
        out: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for knode, vnode in node.value:
            key = str(knode.value)
            if key not in allowed:
                hint = _closest(key, allowed)
                self.fail(knode, f"{where}中有未知的键“{key}”" + (f"，是否应为“{hint}”？" if hint else ""))
            if key in out:
                self.fail(knode, f"{where}中的键“{key}”重复出现")
            kind = allowed[key]
            if kind == _STRLIST:
                out[key] = self.strlist(vnode, key)
            elif kind == _MAP or kind == "parts":
                out[key] = vnode  # handled by the caller
            else:
                out[key] = self.scalar(vnode, kind, key)
            lines[key] = _line(knode)
        out["__lines__"] = lines
        out["__line__"] = _line(node)
        return out


def _closest(key: str, allowed: dict) -> Optional[str]:
    from rapidfuzz import process

    best = process.extractOne(key, list(allowed))
    return best[0] if best and best[1] >= 70 else None


def _read_raw(path: Path) -> dict:
    """Parse one rulebook file (without resolving ``extends``) into checked plain data."""
    v = _Validator(str(path))
    root = _compose(path)
    top = v.mapping(root, TOP_KEYS, "规则集")
    raw: dict[str, Any] = {k: top[k] for k in top if k not in ("parts", "matching", "checks")}
    if "parts" in top:
        pnode = top["parts"]
        if not isinstance(pnode, yaml.SequenceNode):
            v.fail(pnode, "“parts”应为列表，每项是一个部分")
        parts = []
        seen: dict[str, int] = {}
        for item in pnode.value:
            part = v.mapping(item, PART_KEYS, "部分（parts）")
            if "id" not in part:
                v.fail(item, "部分缺少“id”")
            if part["id"] not in PART_IDS:
                v.fail(item, f"未知的部分 id“{part['id']}”，应为 {', '.join(PART_IDS)} 之一")
            if part["id"] in seen:
                v.fail(item, f"部分“{part['id']}”重复定义（第 {seen[part['id']]} 行已定义）")
            seen[part["id"]] = _line(item)
            if "thin" in part:
                part["thin"] = v.mapping(part["thin"], THIN_KEYS, "thin")
            parts.append(part)
        raw["parts"] = parts
    if "matching" in top:
        raw["matching"] = v.mapping(top["matching"], MATCHING_KEYS, "matching")
    if "template" in top:
        raw["template"] = v.mapping(top["template"], TEMPLATE_KEYS, "template")
    if "checks" in top:
        cnode = top["checks"]
        if not isinstance(cnode, yaml.MappingNode):
            v.fail(cnode, "“checks”应为映射：检查 id: 设置")
        checks = {}
        for knode, vnode in cnode.value:
            cid = str(knode.value)
            if cid not in CHECK_PARAMS:
                hint = _closest(cid, CHECK_PARAMS)
                v.fail(knode, f"未知的检查“{cid}”" + (f"，是否应为“{hint}”？" if hint else ""))
            checks[cid] = v.mapping(vnode, {**CHECK_COMMON_KEYS, **CHECK_PARAMS[cid]}, f"检查“{cid}”")
        raw["checks"] = checks
    return raw


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if key == "parts":
            by_id = {p["id"]: dict(p) for p in base.get("parts", [])}
            order = [p["id"] for p in base.get("parts", [])]
            for p in value:
                if p["id"] in by_id:
                    merged = {**by_id[p["id"]], **p}
                    merged["__lines__"] = {**by_id[p["id"]].get("__lines__", {}), **p.get("__lines__", {})}
                    by_id[p["id"]] = merged
                else:
                    by_id[p["id"]] = dict(p)
                    order.append(p["id"])
            out["parts"] = [by_id[i] for i in order]
        elif key in ("checks",):
            merged = {k: dict(v) for k, v in base.get(key, {}).items()}
            for cid, conf in value.items():
                merged[cid] = {**merged.get(cid, {}), **conf}
            out[key] = merged
        elif key in ("matching", "template"):
            out[key] = {**base.get(key, {}), **value}
        else:
            out[key] = value
    return out


def _load_chain(path: Path, depth: int, stack: tuple[str, ...]) -> dict:
    key = str(path.resolve()) if path.exists() else str(path)
    if key in stack:
        raise RulebookError(str(path), None, "“extends”形成循环：" + " → ".join(Path(s).name for s in stack + (key,)))
    if depth > MAX_EXTENDS_DEPTH:
        raise RulebookError(str(path), None, f"“extends”层级过深（超过 {MAX_EXTENDS_DEPTH} 层）")
    raw = _read_raw(path)
    raw["__file__"] = str(path)
    parent = raw.get("extends")
    if parent:
        parent_path = _resolve(parent, path)
        if not parent_path.exists():
            raise RulebookError(str(path), raw["__lines__"].get("extends"), f"“extends”指向的规则集“{parent}”不存在")
        base = _load_chain(parent_path, depth + 1, stack + (key,))
        raw = _merge(base, raw)
    return raw


def _build(raw: dict, source: str) -> Rulebook:
    file = raw.get("__file__", source)

    def need(d: dict, key: str, where: str):
        if key not in d:
            raise RulebookError(file, d.get("__line__"), f"{where}缺少“{key}”")
        return d[key]

    def severity(d: dict, where: str) -> str:
        s = need(d, "severity", where)
        if s not in SEVERITIES:
            raise RulebookError(file, d.get("__lines__", {}).get("severity"), f"{where}的 severity 应为 error / warning / info，而不是“{s}”")
        return s

    parts = []
    for p in raw.get("parts", []):
        where = f"部分“{p['id']}”"
        for pattern in p.get("patterns", []):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise RulebookError(file, p["__lines__"].get("patterns"), f"{where}的正则表达式“{pattern}”有误：{exc}") from None
        parts.append(
            Part(
                id=p["id"],
                name=need(p, "name", where),
                basis=need(p, "basis", where),
                severity=severity(p, where),
                weight=float(need(p, "weight", where)),
                order=int(p.get("order", 0)),
                aliases=tuple(need(p, "aliases", where)),
                message=need(p, "message", where),
                fix=need(p, "fix", where),
                exclude=tuple(p.get("exclude", ())),
                signals=tuple(p.get("signals", ())),
                strong_signals=tuple(p.get("strong_signals", ())),
                min_signals=int(p.get("min_signals", 2)),
                patterns=tuple(p.get("patterns", ())),
                min_chars=int(p.get("thin", {}).get("min_chars", 0)),
                within=p.get("within"),
                promised_message=p.get("promised_message"),
                heading=p.get("heading"),
                guidance=p.get("guidance"),
            )
        )
    missing = [pid for pid in PART_IDS if pid not in {p.id for p in parts}]
    if missing:
        raise RulebookError(file, None, f"规则集缺少部分：{', '.join(missing)}")
    for p in parts:
        if p.within and p.within not in PART_IDS:
            raise RulebookError(file, None, f"部分“{p.id}”的 within 指向未知部分“{p.within}”")

    checks = {}
    for cid in CHECK_PARAMS:
        conf = raw.get("checks", {}).get(cid)
        if conf is None:
            raise RulebookError(file, None, f"规则集缺少检查“{cid}”的设置")
        where = f"检查“{cid}”"
        params = {k: v for k, v in conf.items() if k in CHECK_PARAMS[cid]}
        checks[cid] = Check(
            id=cid,
            severity=severity(conf, where),
            description=conf.get("description", ""),
            penalty=float(conf.get("penalty", 0)),
            max_penalty=float(conf["max_penalty"]) if "max_penalty" in conf else None,
            message=conf.get("message", ""),
            fix=conf.get("fix"),
            basis=conf.get("basis"),
            enabled=bool(conf.get("enabled", True)),
            params=params,
        )
    matching = raw.get("matching", {})
    for pattern in matching.get("strip_from_headings", []):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise RulebookError(file, matching["__lines__"].get("strip_from_headings"), f"正则表达式“{pattern}”有误：{exc}") from None
    return Rulebook(
        id=str(raw.get("id") or Path(source).stem),
        name=str(raw.get("name") or raw.get("id") or Path(source).stem),
        source=source,
        pass_mark=float(raw.get("pass_mark", 60)),
        parts=tuple(parts),
        checks=checks,
        heading_threshold=float(matching.get("heading_threshold", 86)),
        strip_from_headings=tuple(matching.get("strip_from_headings", ())),
        weak_credit=float(matching.get("weak_credit", 0.6)),
        template={k: v for k, v in raw.get("template", {}).items() if not k.startswith("__")},
    )


def load_rulebook(ref: str = "national") -> Rulebook:
    """Load a rulebook by shipped name (``national``) or by file path."""
    path = _resolve(ref, None)
    if not path.exists():
        names = ", ".join(shipped_names())
        raise RulebookError(ref, None, f"找不到规则集（内置的有：{names}）")
    return _build(_load_chain(path, 0, ()), str(path))
