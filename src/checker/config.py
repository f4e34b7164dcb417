"""Project configuration: ``[tool.checker]`` in pyproject.toml, or ``.checker.yaml``.

Found by walking up from the current directory (in each directory
``.checker.yaml`` first, then a ``pyproject.toml`` that has a
``[tool.checker]`` table).  Command-line options override it.

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

A mistake gives :class:`ConfigError`: one line in Chinese naming the file and key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .model import SEVERITIES

YAML_NAME = ".checker.yaml"
TOML_NAME = "pyproject.toml"

KEYS = ("rulebook", "profile", "min-score", "fail-on", "select", "ignore", "severity", "exclude", "format")


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
    where: dict = field(default_factory=dict, compare=False)  # key -> how to name it in an error

    def describe(self, key: str) -> str:
        return f"{self.path}: {self.where.get(key, key)}"


def _read_toml(path: Path) -> Optional[dict]:
    try:
        import tomllib  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取配置文件（{exc}）") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML 语法错误（{exc}）") from None
    tool = data.get("tool")
    if not isinstance(tool, dict) or "checker" not in tool:
        return None
    if not isinstance(tool["checker"], dict):
        raise ConfigError(f"{path}: [tool.checker] 应为表（键 = 值）")
    return tool["checker"]


def _read_yaml(path: Path) -> dict:
    import yaml

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取配置文件（{exc}）") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: YAML 语法错误（{getattr(exc, 'problem', exc)}）") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: 配置文件的顶层应为映射（键: 值）")
    return data


def find_config(start: Optional[Path] = None) -> Optional[tuple[Path, dict]]:
    """The nearest configuration at or above ``start`` (default: the current directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        yaml_file = folder / YAML_NAME
        if yaml_file.is_file():
            return yaml_file, _read_yaml(yaml_file)
        toml_file = folder / TOML_NAME
        if toml_file.is_file():
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


def parse(path: Path, table: dict) -> Config:
    """Check a configuration table and turn it into a :class:`Config`."""
    from .formatters import format_names

    values: dict[str, Any] = {}
    where: dict[str, str] = {}
    section = "[tool.checker]" if path.name == TOML_NAME else ""
    for raw_key, value in table.items():
        key = str(raw_key).replace("_", "-")
        shown = f"{section} 中的“{raw_key}”" if section else f"“{raw_key}”"
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
        return ConfigError(f"{path}: {where[key]}应为{expected}，而不是“{values[key]}”")

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
                    raise ConfigError(f"{path}: {where[key]}“{ref}”不是内置规则集（内置的有：{', '.join(shipped_names())}）")
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
                raise ConfigError(f"{path}: {where['severity']}中“{rid}”的严重程度应为 error、warning 或 info，而不是“{sev}”")
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
    return Config(path=path, where=where, **out)


def load_config(start: Optional[Path] = None) -> Config:
    """The configuration in force at ``start`` (an empty one when there is none)."""
    found = find_config(start)
    if found is None:
        return Config()
    return parse(*found)


def check_ids(config: Config, known: set[str]) -> None:
    """Every rule or part id the configuration names must exist in the rulebook."""
    for key, ids in (("select", config.select), ("ignore", config.ignore), ("severity", tuple(i for i, _ in config.severity))):
        for rid in ids:
            if rid not in known:
                raise ConfigError(f"{config.describe(key)}中有未知的规则或部分 id“{rid}”（用 checker rules 查看全部 id）")


def _ids(text: str) -> frozenset:
    return frozenset(s.strip() for s in text.split(",") if s.strip())


def merge_options(config: Config, cli: dict, given) -> dict:
    """The options of ``checker lint``: the command line's where given (``given(name)``), else the config's.

    ``cli`` holds the command-line values under the names ``fmt``,
    ``min_score``, ``rulebook_ref``, ``profile``, ``fail_on``, ``select``,
    ``ignore`` and ``exclude``.  Returns ``rulebook`` (None: choose by
    subject), ``fmt``, ``min_score``, ``fail_on``, ``select``, ``ignore``,
    ``exclude`` and ``severities``.
    """
    from .rulebook import shipped_names

    if given("rulebook_ref") and given("profile"):
        raise ConfigError("--rulebook 和 --profile 只能给一个（--profile 选内置规则集，--rulebook 也可以给 YAML 文件）")
    if given("profile") and cli["profile"] not in shipped_names():
        raise ConfigError(f"--profile：“{cli['profile']}”不是内置规则集（内置的有：{', '.join(shipped_names())}；自己的规则集文件请用 --rulebook FILE）")
    if given("rulebook_ref"):
        rulebook = cli["rulebook_ref"]
    elif given("profile"):
        rulebook = cli["profile"]
    else:
        rulebook = config.rulebook
    return {
        "rulebook": rulebook,
        "fmt": cli["fmt"] if given("fmt") or not config.format else config.format,
        "min_score": cli["min_score"] if given("min_score") else config.min_score,
        "fail_on": cli["fail_on"] if given("fail_on") else (config.fail_on or "error"),
        "select": _ids(cli["select"]) if given("select") else frozenset(config.select),
        "ignore": _ids(cli["ignore"]) if given("ignore") else frozenset(config.ignore),
        "exclude": tuple(cli["exclude"]) if given("exclude") else config.exclude,
        "severities": config.severity,
    }
