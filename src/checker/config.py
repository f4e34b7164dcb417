"""Project configuration: ``[tool.checker]`` in pyproject.toml, or ``.checker.yaml``.

Each report gets the configuration nearest to it: found by walking up from
the report's folder (in each directory ``.checker.yaml`` first, then a
``pyproject.toml`` that has a ``[tool.checker]`` table), else from the
current directory, as ruff does; ``--config FILE`` names one for every
report.  Command-line options override it.

Keys (``-`` and ``_`` are interchangeable)::

    rulebook = "rules/province.yaml"   # or a shipped name; relative to the config file
    profile = "department"             # a shipped profile (instead of rulebook)
    min-score = 70
    fail-on = "warning"                # error | warning | info: the lowest severity that fails a report
    select = ["missing-part", "causes"]
    ignore = ["part-order"]
    exclude = ["drafts/**", "*.old.txt"]   # skipped when walking folders
    format = "json"
    [tool.checker.severity]           # per-rule (or per-part) severity overrides
    repeated-char = "info"
    [tool.checker.per-file-ignores]   # more ids ignored in the reports matching a glob
    "reports/2019/*" = ["rectification"]   # relative to the config file's folder, or a file name

A mistake gives :class:`ConfigError`: one line in Chinese naming the file and key.
"""

from __future__ import annotations

import re
from dataclasses import field
from pathlib import Path
from typing import Any, Optional

from .dccache import dataclass
from .model import SEVERITIES

YAML_NAME = ".checker.yaml"
TOML_NAME = "pyproject.toml"

KEYS = ("rulebook", "profile", "min-score", "fail-on", "select", "ignore", "severity", "exclude", "format", "per-file-ignores")


class ConfigError(Exception):
    """A mistake in a configuration file; ``str()`` names the file and the key."""


@dataclass(frozen=True)
class Config:
    path: Optional[Path] = None
    rulebook: Optional[str] = None  # shipped name or path (resolved against the config file)
    min_score: Optional[float] = None
    fail_on: Optional[str] = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    exclude: tuple[str, ...] = ()
    format: Optional[str] = None
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, ids)
    where: dict = field(default_factory=dict, compare=False)  # key -> how to name it in an error

    def describe(self, key: str) -> str:
        return f"{self.path}: {self.where.get(key, key)}"

    def source(self, key: str) -> str:
        """Where a setting comes from, for ``checker config``: the file and the key."""
        section = "[tool.checker] " if self.path is not None and self.path.name == TOML_NAME else ""
        return f"{self.path}（{section}{key}）"

    def ignores_for(self, path: str) -> frozenset:
        """The per-file-ignores ids for a report: globs over its path below the config's folder, as given, or its name."""
        if not self.per_file_ignores:
            return frozenset()
        from fnmatch import fnmatch

        p = Path(path)
        forms = {p.as_posix(), p.name}
        if self.path is not None:
            try:
                forms.add(p.resolve().relative_to(self.path.parent.resolve()).as_posix())
            except (ValueError, OSError):
                pass
        return frozenset(i for pattern, ids in self.per_file_ignores if any(fnmatch(form, pattern) for form in forms) for i in ids)


def _read_text(path: Path) -> str:
    from .yamlfile import YamlProblem, read_text

    try:
        return read_text(str(path), "配置文件")
    except YamlProblem as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise ConfigError(f"{where}: {exc.message}") from None


#: ``checker`` written as a key (followed by ``.``, ``=`` or ``]``), as every way of writing
#: [tool.checker] in TOML has it; a file without it needs no parsing
_NAMES_CHECKER = re.compile(r"checker[\"']?[ \t]*[.=\]]")


def _read_toml(path: Path, whole: bool = False) -> Optional[dict]:
    text = _read_text(path)
    if not whole and not _NAMES_CHECKER.search(text):
        return None  # a project's pyproject.toml without [tool.checker]: not ours to parse (nor to judge)
    try:
        import tomllib  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from .zh import toml_problem

        raise ConfigError(f"{path}: {toml_problem(exc)}") from None
    if whole:
        return data
    tool = data.get("tool")
    if not isinstance(tool, dict) or "checker" not in tool:
        return None
    if not isinstance(tool["checker"], dict):
        raise ConfigError(f"{path}: [tool.checker] 应为表（键 = 值）")
    return tool["checker"]


def _read_yaml(path: Path) -> dict:
    from .yamlfile import YamlProblem, load_text

    text = _read_text(path)
    try:
        data = load_text(text)
    except YamlProblem as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise ConfigError(f"{where}: {exc.message}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: 配置文件的顶层应为映射（键: 值）")
    return data


def _present(path: Path) -> bool:
    """A file is there (a regular one, or something else that must be refused, not ignored)."""
    return path.exists() or path.is_symlink()


def find_config(start: Optional[Path] = None) -> Optional[tuple[Path, dict]]:
    """The nearest configuration at or above ``start`` (default: the current directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        yaml_file = folder / YAML_NAME
        if _present(yaml_file):
            return yaml_file, _read_yaml(yaml_file)
        toml_file = folder / TOML_NAME
        if _present(toml_file):
            table = _read_toml(toml_file)
            if table is not None:
                return toml_file, table
    return None


def _id_list(value: Any, path: Path, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: “{key}”应为规则或部分 id 的列表，如 [\"missing-part\", \"causes\"]")
    return tuple(v.strip() for v in value if v.strip())


def _shown(value: Any, limit: int = 40) -> str:
    """A rejected value, short and on one line: never the whole of a big structure."""
    if isinstance(value, (dict, list)):
        return "表" if isinstance(value, dict) else f"列表（{len(value)} 项）"
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit] + "…"


def parse(path: Path, table: dict) -> Config:
    """Check a configuration table and turn it into a :class:`Config`."""
    from .formatters import format_names

    values: dict[str, Any] = {}
    where: dict[str, str] = {}
    section = "[tool.checker]" if path.name == TOML_NAME else ""
    for raw_key, value in table.items():
        key = str(raw_key).replace("_", "-")
        shown = f"{section} 中的“{_shown(raw_key)}”" if section else f"“{_shown(raw_key)}”"
        if key not in KEYS:
            from rapidfuzz import process

            best = process.extractOne(key, KEYS)
            hint = f"，是否应为“{best[0]}”？" if best and best[1] >= 70 else f"（可用的键：{'、'.join(KEYS)}）"
            raise ConfigError(f"{path}: 未知的配置项{shown}{hint}")
        if key in values:
            raise ConfigError(f"{path}: 配置项{shown}重复出现")
        where[key] = f"配置项{shown}"
        values[key] = value

    def bad(key: str, expected: str) -> ConfigError:
        return ConfigError(f"{path}: {where[key]}应为{expected}，而不是“{_shown(values[key])}”")

    out: dict[str, Any] = {}
    if "rulebook" in values and "profile" in values:
        raise ConfigError(f"{path}: “rulebook”和“profile”只能写一个")
    for key in ("rulebook", "profile"):
        if key in values:
            if not isinstance(values[key], str) or not values[key].strip():
                raise bad(key, "规则集名称或 YAML 文件路径")
            ref = values[key].strip()
            if key == "profile":
                from .rulebook import shipped_names

                if ref not in shipped_names():
                    raise ConfigError(f"{path}: {where[key]}“{_shown(ref)}”不是内置规则集（内置的有：{', '.join(shipped_names())}）")
            elif ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref:
                ref = str((path.parent / ref) if not Path(ref).is_absolute() else Path(ref))
            out["rulebook"] = ref
            where["rulebook"] = where[key]
    if "min-score" in values:
        v = values["min-score"]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 100:
            raise bad("min-score", " 0 到 100 之间的数")
        out["min_score"] = float(v)
    if "fail-on" in values:
        if values["fail-on"] not in SEVERITIES:
            raise bad("fail-on", " error、warning 或 info")
        out["fail_on"] = values["fail-on"]
    for key in ("select", "ignore"):
        if key in values:
            out[key] = _id_list(values[key], path, key)
    if "severity" in values:
        table_ = values["severity"]
        if not isinstance(table_, dict):
            raise bad("severity", "表：规则 id = \"error\" | \"warning\" | \"info\"")
        pairs = []
        for rid, sev in table_.items():
            if sev not in SEVERITIES:
                raise ConfigError(f"{path}: {where['severity']}中“{_shown(rid)}”的严重程度应为 error、warning 或 info，而不是“{_shown(sev)}”")
            pairs.append((str(rid), sev))
        out["severity"] = tuple(sorted(pairs))
    if "exclude" in values:
        v = values["exclude"]
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise bad("exclude", "glob 模式的列表，如 [\"drafts/**\"]")
        out["exclude"] = tuple(v)
    if "format" in values:
        if values["format"] not in format_names():
            raise bad("format", "、".join(format_names()) + " 之一")
        out["format"] = values["format"]
    if "per-file-ignores" in values:
        table_ = values["per-file-ignores"]
        if not isinstance(table_, dict):
            raise bad("per-file-ignores", "表：\"glob\" = [\"规则或部分 id\", …]")
        out["per_file_ignores"] = tuple(sorted((str(pattern), _id_list(ids, path, f"per-file-ignores 中的“{pattern}”")) for pattern, ids in table_.items()))
    return Config(path=path, where=where, **out)


def load_config(start: Optional[Path] = None) -> Config:
    """The configuration in force at ``start`` (an empty one when there is none)."""
    found = find_config(start)
    if found is None:
        return Config()
    return parse(*found)


def load_config_file(path: str | Path) -> Config:
    """``--config FILE``: a ``.checker.yaml``-style YAML file, a pyproject.toml, or a TOML file of checker's keys."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: 配置文件不存在" if not path.exists() else f"{path}: 不是文件")
    if path.suffix.lower() in (".yaml", ".yml"):
        return parse(path, _read_yaml(path))
    if path.suffix.lower() == ".toml":
        table = _read_toml(path)
        if table is None:
            if path.name == TOML_NAME:
                raise ConfigError(f"{path}: 没有 [tool.checker] 表")
            table = _read_toml(path, whole=True)
        return parse(path, table)
    raise ConfigError(f"{path}: 配置文件应为 .yaml / .yml（如 .checker.yaml）或 .toml（如 pyproject.toml）")


class Lookup:
    """Which configuration each report gets: the nearest above its folder, else the current directory's.

    With ``explicit`` (``--config FILE``), that one for every report.  Folders
    are looked up once.
    """

    def __init__(self, explicit: Optional[str] = None, cwd: Optional[Path] = None):
        self.explicit = load_config_file(explicit) if explicit else None
        self.cwd = self.explicit or load_config(cwd)
        self._by_folder: dict[Path, Config] = {}

    def for_file(self, path: str) -> Config:
        if self.explicit is not None:
            return self.explicit
        folder = Path(path).parent
        try:
            folder = folder.resolve()
        except OSError:
            return self.cwd
        if folder not in self._by_folder:
            found = find_config(folder)
            self._by_folder[folder] = parse(*found) if found is not None else self.cwd
        return self._by_folder[folder]


def closest(word: str, choices) -> Optional[str]:
    """The choice a mistyped ``word`` most likely meant, or None."""
    from rapidfuzz import process

    best = process.extractOne(word, sorted(choices))
    return best[0] if best and best[1] >= 60 else None


def unknown_id(word: str, known) -> str:
    """“x”（是否应为“y”？用 checker rules 查看全部 id）"""
    hint = closest(word, known)
    return f"“{word}”" + (f"，是否应为“{hint}”？" if hint else "") + "（用 checker rules 查看全部 id）"


def check_ids(config: Config, known: set[str]) -> None:
    """Every rule or part id the configuration names must exist in the rulebook."""
    ids_of = (
        ("select", config.select),
        ("ignore", config.ignore),
        ("severity", tuple(i for i, _ in config.severity)),
        ("per-file-ignores", tuple(i for _, ids in config.per_file_ignores for i in ids)),
    )
    for key, ids in ids_of:
        for rid in ids:
            if rid not in known:
                raise ConfigError(f"{config.describe(key)}中有未知的规则或部分 id{unknown_id(_shown(rid), known)}")


def _ids(text: str) -> frozenset:
    return frozenset(s.strip() for s in text.split(",") if s.strip())


def merge_options(config: Config, cli: dict, given) -> dict:
    """The options of ``checker lint``: the command line's where given (``given(name)``), else the config's.

    ``cli`` holds the command-line values under the names ``fmt``,
    ``min_score``, ``rulebook_ref``, ``profile``, ``fail_on``, ``select``,
    ``ignore`` and ``exclude``.  Returns ``rulebook`` (None: choose by
    subject), ``fmt``, ``min_score``, ``fail_on``, ``select``, ``ignore``,
    ``exclude``, ``severities``, ``config`` and ``sources`` (setting name ->
    where its value comes from: the command line, the config file, or
    ``None`` for the default).
    """
    from .rulebook import shipped_names

    if given("rulebook_ref") and given("profile"):
        raise ConfigError("--rulebook 和 --profile 只能给一个（--profile 选内置规则集，--rulebook 也可以给 YAML 文件）")
    if given("profile") and cli["profile"] not in shipped_names():
        raise ConfigError(f"--profile：“{cli['profile']}”不是内置规则集（内置的有：{', '.join(shipped_names())}；自己的规则集文件请用 --rulebook FILE）")
    sources: dict[str, Optional[str]] = {}

    def pick(setting: str, name: str, flag: str, from_config, present: bool):
        if given(name):
            sources[setting] = f"命令行 {flag}"
            return cli[name]
        sources[setting] = config.source(setting if setting != "rulebook" else ("profile" if "profile" in config.where else "rulebook")) if present else None
        return from_config

    if given("profile"):
        rulebook = pick("rulebook", "profile", "--profile", None, False)
    else:
        rulebook = pick("rulebook", "rulebook_ref", "--rulebook", config.rulebook, config.rulebook is not None)
    fmt = pick("format", "fmt", "--format", config.format, bool(config.format))
    out = {
        "rulebook": rulebook,
        "fmt": fmt or cli["fmt"],
        "min_score": pick("min-score", "min_score", "--min-score", config.min_score, config.min_score is not None),
        "fail_on": pick("fail-on", "fail_on", "--fail-on", config.fail_on, config.fail_on is not None) or "error",
        "select": pick("select", "select", "--select", frozenset(config.select), bool(config.select)),
        "ignore": pick("ignore", "ignore", "--ignore", frozenset(config.ignore), bool(config.ignore)),
        "exclude": tuple(pick("exclude", "exclude", "--exclude", config.exclude, bool(config.exclude))),
        "severities": config.severity,
        "config": config,
        "sources": sources,
    }
    for flag in ("select", "ignore"):
        if given(flag):
            out[flag] = _ids(cli[flag])
    sources["severity"] = config.source("severity") if config.severity else None
    sources["per-file-ignores"] = config.source("per-file-ignores") if config.per_file_ignores else None
    return out
