"""The types a check kind's parameters may have, and how a kind declares them.

A check kind (a module under ``checker/checks/``) declares its parameters as a
frozen dataclass ``Config``: each field's annotation is its type, its default
is the default, and ``param(default, "说明")`` gives the one-line Chinese
description that ``checker explain``, ``rules validate`` and the generated
tables of docs/rulebook.md show.  Nothing else describes a parameter: the
rulebook loader reads these declarations to validate a rule.

Types:

* ``str`` ``int`` ``float`` ``bool``;
* ``Regex``: a regular expression (checked by :mod:`checker.safe_regex`);
* ``Phrases`` / ``Regexes``: lists of them (a profile appends with ``add:``);
* ``Years``: the report years something applies to, written ``{from: 2021, until: 2025}``
  (either end may be left out), as the rule-level ``years``; read as ``(from, until)``;
* ``Date``: a day, written ``2021-01-01``; read as a :class:`datetime.date`;
* ``Severity``: error / warning / info;
* ``Optional[X]``: X or nothing;
* ``dict[str, Item]`` where ``Item`` is a dataclass: a mapping of named
  items (a duty, a topic, a phrase); a profile changes one item by its name
  and removes one with ``名称: false``.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from dataclasses import MISSING, field
from typing import Any, NewType, Optional

from .dccache import dataclass

Regex = NewType("Regex", str)
Phrases = tuple[str, ...]
Regexes = tuple[Regex, ...]
Years = NewType("Years", tuple)  # (from, until), either None
Date = NewType("Date", str)  # a datetime.date once loaded
Severity = NewType("Severity", str)  # error / warning / info


def in_years(years: Optional[tuple], year: Optional[int]) -> bool:
    """Whether a report on ``year`` falls in ``years`` ((from, until), either end None);
    an unknown year is in no bounded range."""
    start, end = years or (None, None)
    if start is None and end is None:
        return True
    if year is None:
        return False
    return (start is None or year >= start) and (end is None or year <= end)


def param(default: Any = MISSING, doc: str = "", **kw) -> Any:
    """A parameter of a check kind, with its default and its description (Chinese)."""
    meta = {"doc": doc}
    if isinstance(default, (list, dict, set)):
        raise TypeError("use a tuple, or default_factory, for a mutable default")
    if default is MISSING:
        return field(metadata=meta, **kw)
    return field(default=default, metadata=meta, **kw)


def items(doc: str = "") -> Any:
    """A parameter holding named items (``dict[str, Item]``), empty by default."""
    return field(default_factory=dict, metadata={"doc": doc}, hash=False, compare=False)


@dataclass(frozen=True)
class Param:
    """One declared parameter, as the loader and the documentation see it."""

    name: str  # the YAML key
    type: Any  # the annotation, resolved
    default: Any  # MISSING when required
    doc: str

    @property
    def required(self) -> bool:
        return self.default is MISSING

    def shown_default(self) -> str:
        if self.required:
            return "（必填）"
        value = self.default
        if isinstance(value, (tuple, dict)) and not value:
            return "（空）"
        if value is None:
            return "（无）"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, tuple):
            return "、".join(str(v) for v in value)
        return str(value)


def params_of(cls: type) -> list[Param]:
    """The declared parameters of a ``Config`` (or item) dataclass, in declaration order."""
    return list(_params_of(cls))


@functools.lru_cache(maxsize=None)
def _params_of(cls: type) -> tuple[Param, ...]:
    """:func:`params_of`, worked out once per class (``typing.get_type_hints`` is slow)."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        if f.default is not MISSING:
            default = f.default
        elif f.default_factory is not MISSING:  # type: ignore[misc]
            default = f.default_factory()  # type: ignore[misc]
        else:
            default = MISSING
        out.append(Param(name=f.metadata.get("key", f.name), type=hints[f.name], default=default, doc=f.metadata.get("doc", "")))
    return tuple(out)


def attr_name(cls: type, key: str) -> str:
    """The dataclass attribute behind a YAML key (``from`` is ``from_``)."""
    for f in dataclasses.fields(cls):
        if f.metadata.get("key", f.name) == key:
            return f.name
    raise KeyError(key)


def unwrap_optional(tp: Any) -> tuple[Any, bool]:
    """(X, True) for ``Optional[X]``, else (tp, False)."""
    if typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


def item_type(tp: Any) -> Optional[type]:
    """The item dataclass of a ``dict[str, Item]`` type, else None."""
    if typing.get_origin(tp) is dict:
        args = typing.get_args(tp)
        if len(args) == 2 and dataclasses.is_dataclass(args[1]):
            return args[1]
    return None


def type_name(tp: Any) -> str:
    """How a type is named to an official (docs, errors)."""
    tp, optional = unwrap_optional(tp)
    if tp is Regex:
        return "正则表达式"
    if tp == Regexes:
        return "正则表达式列表"
    if tp == Phrases:
        return "文字列表"
    if tp is Years:
        return "年度范围 {from, until}"
    if tp is Date:
        return "日期（2021-01-01）"
    if tp is Severity:
        return "error / warning / info"
    if item_type(tp) is not None:
        return "命名条目的映射"
    return {str: "文字", int: "整数", float: "数字", bool: "true/false"}.get(tp, str(tp))
