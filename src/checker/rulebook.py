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
from typing import Any, NamedTuple, Optional

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
_REGEX, _REGEXLIST, _SEV = "正则表达式", "正则表达式列表", "严重程度（error / warning / info）"


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


#: a passing and a failing example: short report texts, used by `checker explain` and the tests
EXAMPLE_KEYS = {"pass": _STR, "fail": _STR, "previous": _STR, "other": _STR}  # previous: last year's report (cross-year rules); other: another unit's report in the same batch (copied-report)
_EXAMPLES = _MapOf(EXAMPLE_KEYS, "examples")

#: a topic of the measures part: one system of 《法治政府建设实施纲要（2021—2025年）》
TOPIC_KEYS = {"id": _STR, "name": _STR, "signals": _STRLIST, "min_signals": _INT}
_TOPICS = _ListOf(TOPIC_KEYS, "topics", "id", ("id", "name", "signals"))

#: a concrete duty of the first-responsible part, found by a regular expression
DUTY_KEYS = {"name": _STR, "pattern": _REGEX}
_DUTIES = _ListOf(DUTY_KEYS, "duties", "name", ("name", "pattern"))

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
    "checks": _MAP,
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
    "topics": _TOPICS,
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
TEMPLATE_KEYS = {"title": _STR, "opening": _STR, "date": _STR}

MATCHING_KEYS = {"heading_threshold": _NUM, "strip_from_headings": _REGEXLIST, "weak_credit": _NUM}

CHECK_COMMON_KEYS = {
    "description": _STR,
    "severity": _SEV,
    "penalty": _NUM,
    "max_penalty": _NUM,
    "message": _STR,
    "fix": _STR,
    "basis": _STR,
    "enabled": _BOOL,
    "examples": _EXAMPLES,
    "part": _STR,  # the part the check is about (shown by `checker rules` / `checker explain`)
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
    "title-format": {"patterns": _REGEXLIST},
    "outline-coverage": {"weight": _NUM, "min_signals": _INT, "topics": _STRLIST, "report_below": _NUM, "parts": _STRLIST},
    "first-responsible-duties": {"duties": _DUTIES, "min_duties": _INT},
    "measures-figures": {"number_pattern": _REGEX, "min_per_1000": _NUM, "min_chars": _INT},
    "plan-concrete-items": {"item_pattern": _REGEX, "min_items": _INT, "concrete": _STRLIST, "min_concrete": _INT, "min_chars": _INT},
    "causes-restate-problems": {"max_similarity": _NUM, "min_chars": _INT},
    "template-placeholder": {"markers": _STRLIST, "guidance": _STRLIST},
    "title-year-mismatch": {},
    "missing-signature": {"last_lines": _INT},
    "traditional-char": {"whole_text_share": _NUM, "whole_text_message": _STR, "max_lines": _INT},
    "converter-garbage": {},
    "page-chrome": {},
    "copied-report": {"similarity": _NUM, "measures_similarity": _NUM, "shingle": _INT, "bins": _INT, "rows": _INT, "min_chars": _INT, "group_message": _STR},
}

PART_IDS = ("measures", "shortcomings", "causes", "first_responsible", "next_year_plan", "rectification", "other")
#: an extra part (a province's own requirement) needs an id of this form and every key a part has
_PART_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


# ---------------------------------------------------------------- values


@dataclass(frozen=True)
class Topic:
    """A recommended topic of a part (the measures' 纲要 systems), recognised by its signals."""

    id: str
    name: str
    signals: tuple[str, ...]
    min_signals: Optional[int] = None  # default: the outline-coverage check's min_signals


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
    min_chars: int = 0
    within: Optional[str] = None
    promised_message: Optional[str] = None
    heading: Optional[str] = None  # the heading `checker template` writes (default: the first alias)
    guidance: Optional[str] = None  # the guidance line under it (default: the fix hint)
    topics: tuple[Topic, ...] = ()  # recommended topics (outline-coverage)
    examples: dict = field(default_factory=dict, hash=False, compare=False)  # {"pass": text, "fail": text}


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
    examples: dict = field(default_factory=dict, hash=False, compare=False)  # {"pass": text, "fail": text}
    part: Optional[str] = None  # the part the check is about, if one


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
    detect: Optional[Detect] = None
    extends: Optional[str] = None

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


_STR_TAG = "tag:yaml.org,2002:str"


class _Validator:
    """Turns YAML nodes into plain values, checking keys and types on the way.

    With ``collect=True`` a mistake is recorded in ``errors`` and checking goes
    on with the next key or item (``checker rules validate`` lists them all);
    otherwise the first mistake raises :class:`RulebookError`.
    """

    def __init__(self, file: str, collect: bool = False):
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
        shown = _STR if kind in (_REGEX, _SEV) else kind
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, f"“{key}”应为{shown}")
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

    def regex(self, node: yaml.Node, pattern: str, key: str) -> None:
        from .safe_regex import problem

        trouble = problem(pattern)
        if trouble:
            self.fail(node, f"“{key}”中的正则表达式“{pattern}”不可用：{trouble}")

    def strlist(self, node: yaml.Node, key: str, kind: str = _STR) -> list[str]:
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

    def mapping(self, node: yaml.Node, allowed: dict, where: str) -> dict:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{where}应为映射（键: 值）")
        out: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for knode, vnode in node.value:
            try:
                key = str(knode.value)
                if key not in allowed:
                    hint = _closest(key, allowed)
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


def _closest(key: str, allowed: dict) -> Optional[str]:
    from rapidfuzz import process

    best = process.extractOne(key, list(allowed))
    return best[0] if best and best[1] >= 70 else None


def _read_raw(path: Path, errors: Optional[list] = None) -> dict:
    """Parse one rulebook file (without resolving ``extends``) into checked plain data.

    With an ``errors`` list, mistakes are appended to it and checking goes on;
    otherwise the first one raises.
    """
    v = _Validator(str(path), collect=errors is not None)
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
            try:
                part = v.mapping(item, PART_KEYS, "部分（parts）")
                if "id" not in part:
                    v.fail(item, "部分缺少“id”")
                if not _PART_ID.match(part["id"]):
                    v.fail(item, f"部分 id“{part['id']}”只能由小写英文字母、数字和下划线组成，如 {', '.join(PART_IDS)}")
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
    if "checks" in top:
        cnode = top["checks"]
        if not isinstance(cnode, yaml.MappingNode):
            v.fail(cnode, "“checks”应为映射：检查 id: 设置")
        checks: dict[str, dict] = {}
        check_lines: dict[str, int] = {}
        for knode, vnode in cnode.value:
            try:
                cid = str(knode.value)
                if cid not in CHECK_PARAMS:
                    hint = _closest(cid, CHECK_PARAMS)
                    v.fail(knode, f"未知的检查“{cid}”" + (f"，是否应为“{hint}”？" if hint else ""))
                if cid in check_lines:
                    v.fail(knode, f"检查“{cid}”重复定义（第 {check_lines[cid]} 行已定义）")
                check_lines[cid] = _line(knode)
                checks[cid] = v.mapping(vnode, _check_keys(cid), f"检查“{cid}”")
            except RulebookError as exc:
                v.record(exc)
        raw["checks"] = checks
    if errors is not None:
        errors.extend(v.errors or [])
    return raw


def _check_keys(cid: str) -> dict:
    """The keys a check's settings may have: common ones, its own, and ``add`` for its lists."""
    keys = {**CHECK_COMMON_KEYS, **CHECK_PARAMS[cid]}
    lists = {k: v for k, v in keys.items() if v in (_STRLIST, _REGEXLIST) or isinstance(v, _ListOf)}
    if lists:
        keys["add"] = _MapOf(lists, f"检查“{cid}”的 add")
    return keys


def _with_additions(base: dict, over: dict) -> dict:
    """``over`` on top of ``base``, key by key; ``add: {key: [...]}`` appends to the inherited list."""
    merged = {**base, **over}
    merged.pop("add", None)
    for key, extra in over.get("add", {}).items():
        if not key.startswith("__"):
            merged[key] = list(merged.get(key, [])) + list(extra)
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
        elif key in ("checks",):
            merged = {k: dict(v) for k, v in base.get(key, {}).items()}
            for cid, conf in value.items():
                merged[cid] = _with_additions(merged.get(cid, {}), conf)
            out[key] = merged
        elif key in ("matching", "template", "detect"):
            out[key] = {**base.get(key, {}), **value}
        else:
            out[key] = value
    return out


#: what a rulebook does not take from the one it extends: its own identity
_NOT_INHERITED = ("id", "name", "description")


#: parsed files, so that profiles extending the same base parse it once per process
_RAW_CACHE: dict[tuple, dict] = {}


def _read_raw_cached(path: Path) -> dict:
    """:func:`_read_raw`, remembered per file and content; never mutate the result."""
    try:
        key = (str(path), hash(path.read_bytes()))
    except OSError:
        return _read_raw(path)
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
    for p in raw.get("parts", []):
        p["__file__"] = str(path)
    for conf in raw.get("checks", {}).values():
        conf["__file__"] = str(path)
    parent = raw.get("extends")
    if parent:
        parent_path = _resolve(parent, path)
        if not parent_path.exists():
            raise RulebookError(str(path), raw["__lines__"].get("extends"), f"“extends”指向的规则集“{parent}”不存在")
        base = _load_chain(parent_path, depth + 1, stack + (key,), errors)
        raw = _merge(base, raw)
    return raw


def _clean(value):
    """Plain data without the bookkeeping keys (``__lines__`` …)."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if not k.startswith("__")}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


_PART_REQUIRED = ("name", "basis", "severity", "weight", "aliases", "message", "fix")


def _build(raw: dict, source: str, errors: Optional[list] = None) -> Rulebook:
    """Turn merged raw data into a :class:`Rulebook`.

    With an ``errors`` list, a mistake in one part or check is appended and
    the others are still checked.
    """
    file = raw.get("__file__", source)

    def record(exc: RulebookError) -> None:
        if errors is None:
            raise exc
        errors.append(exc)

    def need(d: dict, key: str, where: str):
        if key not in d:
            hint = ""
            if d.get("__new__"):
                known = _closest(d["id"], {p: 1 for p in PART_IDS})
                hint = f"（新增的部分须写全 {'、'.join(_PART_REQUIRED)}" + (f"；若要修改已有部分，id 是否应为“{known}”？）" if known else "）")
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
                    min_chars=int(p.get("thin", {}).get("min_chars", 0)),
                    within=p.get("within"),
                    promised_message=p.get("promised_message"),
                    heading=p.get("heading"),
                    guidance=p.get("guidance"),
                    topics=tuple(
                        Topic(id=t["id"], name=t["name"], signals=tuple(t["signals"]), min_signals=t.get("min_signals"))
                        for t in p.get("topics", ())
                    ),
                    examples=_clean(p.get("examples", {})),
                )
            )
        except RulebookError as exc:
            record(exc)
    ids = {p.id for p in parts}
    missing = [pid for pid in PART_IDS if pid not in ids]
    if missing:
        record(RulebookError(file, None, f"规则集缺少部分：{', '.join(missing)}"))
    for p in parts:
        if p.within and p.within not in ids:
            line = next((d.get("__lines__", {}).get("within") for d in raw.get("parts", []) if d["id"] == p.id), None)
            record(RulebookError(file, line, f"部分“{p.id}”的 within 指向未知部分“{p.within}”"))

    checks = {}
    for cid in CHECK_PARAMS:
        conf = raw.get("checks", {}).get(cid)
        where = f"检查“{cid}”"
        if conf is not None and "add" in conf:
            conf = _with_additions({}, conf)
        try:
            if conf is None:
                raise RulebookError(file, None, f"规则集缺少检查“{cid}”的设置")
            params = {k: _clean(v) for k, v in conf.items() if k in CHECK_PARAMS[cid]}
            checks[cid] = Check(
                id=cid,
                severity=need(conf, "severity", where),
                description=conf.get("description", ""),
                penalty=float(conf.get("penalty", 0)),
                max_penalty=float(conf["max_penalty"]) if "max_penalty" in conf else None,
                message=conf.get("message", ""),
                fix=conf.get("fix"),
                basis=conf.get("basis"),
                enabled=bool(conf.get("enabled", True)),
                params=params,
                examples=_clean(conf.get("examples", {})),
                part=conf.get("part"),
            )
        except RulebookError as exc:
            record(exc)
    for c in checks.values():
        if c.part and c.part not in ids:
            conf = raw["checks"][c.id]
            record(RulebookError(conf.get("__file__", file), conf.get("__lines__", {}).get("part"), f"检查“{c.id}”的 part 指向未知部分“{c.part}”"))
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
        checks=checks,
        heading_threshold=float(matching.get("heading_threshold", 86)),
        strip_from_headings=tuple(matching.get("strip_from_headings", ())),
        weak_credit=float(matching.get("weak_credit", 0.6)),
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


def load_rulebook(ref: str = "national") -> Rulebook:
    """Load a rulebook by shipped name (``national``) or by file path."""
    path = _path_of(ref)
    return _build(_load_chain(path, 0, ()), str(path))


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
