"""Check kinds: one module per kind.

Every module here defines

* ``KIND``: the kind's name, written as ``kind:`` in a rulebook rule;
* ``Config``: a frozen dataclass, the one place of the kind's parameters,
  their types, defaults and descriptions (see :mod:`checker.schema`);
* a docstring saying what the kind checks, with an ``Example::`` block (a
  rule in YAML and a report text that fails and one that passes; the tests
  run it);
* ``check(analysis, rule) -> Iterable[Finding]``.

and may define ``SCOPE`` (the default scope of its rules), ``NEEDS_PREVIOUS``
(runs only with last year's report, ``--previous``) and ``probes(rule)``
(what ``checker rules validate --against`` tries on sample reports).

The registry, rulebook validation, ``checker rules --kinds``, ``checker
explain`` and the generated tables of docs/rulebook.md all read these modules;
adding a kind is adding a module.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import replace
from functools import lru_cache
from types import ModuleType
from typing import Iterable, Optional

from ..model import Finding


@lru_cache(maxsize=1)
def kinds() -> dict[str, ModuleType]:
    """Every check kind, by name, in the order of their module names."""
    out: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "KIND"):
            out[module.KIND] = module
    return dict(sorted(out.items()))


#: kind name -> its module, once found (run_rules asks for every rule of every report)
_MODULES: dict[str, ModuleType] = {}


def kind_module(kind: str) -> ModuleType:
    """The module of one kind, imported alone when it follows the naming rule (``n-of-m`` is ``n_of_m.py``)."""
    module = _MODULES.get(kind)
    if module is None:
        module = _MODULES[kind] = _find_module(kind)
    return module


def _find_module(kind: str) -> ModuleType:
    try:
        module = importlib.import_module(f"{__name__}.{kind.replace('-', '_')}")
    except ImportError:
        module = None
    if module is not None and getattr(module, "KIND", None) == kind:
        return module
    return kinds()[kind]


def needs_previous(kind: str) -> bool:
    """Whether rules of this kind run only with last year's report (``--previous``)."""
    return bool(getattr(kind_module(kind), "NEEDS_PREVIOUS", False))


def run_rules(analysis, select: Optional[set] = None, ignore: Optional[set] = None, severities: Optional[dict] = None) -> list[Finding]:
    """Findings of every rule that applies to the report, filtered by select / ignore (rule or part ids).

    A rule applies when it is enabled, its ``years`` include the report's
    year, and (for cross-year kinds) last year's report was given.
    ``severities`` maps a rule id or a part id to the severity its findings
    get instead (a part id wins over a rule id).
    """
    findings: list[Finding] = []
    for rule in analysis.rulebook.rules.values():
        if not rule.enabled or not rule.applies_to(analysis.year):
            continue
        if rule.needs_previous and analysis.previous is None:
            continue  # known from the rulebook: its kind's module need not even be imported
        kind = kind_module(rule.kind)
        if getattr(kind, "NEEDS_PREVIOUS", False) and analysis.previous is None:
            continue
        for f in _checked(kind, analysis, rule):
            if select and f.rule not in select and (f.part or "") not in select:
                continue
            if ignore and (f.rule in ignore or (f.part or "") in ignore):
                continue
            if severities:
                wanted = severities.get(f.part or "") or severities.get(f.rule)
                if wanted and wanted != f.severity:
                    f = replace(f, severity=wanted)
            findings.append(f)
    return sorted(findings, key=Finding.sort_key)


def _checked(kind: ModuleType, analysis, rule) -> Iterable[Finding]:
    return kind.check(analysis, rule)
