"""SARIF 2.1.0 (OASIS), for code-scanning services such as GitHub's.

One run; one result per finding; ``tool.driver.rules`` describes every rule of
the rulebook that judged the first report with its legal basis and fix hint,
and each other profile that judged a report of the batch is a tool extension
with its own rule descriptors (a result names it in ``rule.toolComponent``).  ``missing-part`` gets one
descriptor per part (``missing-part/causes`` …, SARIF's hierarchical rule ids),
because each part has its own legal basis, severity and fix.  Locations point
to the file as given on the command line and to the line in the ORIGINAL file;
a finding about the whole report has a location without a region.  Files that
could not be read are tool execution notifications, not results.
"""

from __future__ import annotations

import json
from pathlib import PureWindowsPath
from typing import Iterable, Optional
from urllib.parse import quote

from .. import __version__
from ..messages import fill
from ..model import Finding, ReportResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
READ_ERROR = "read-error"
SKIPPED = "skipped-file"


def _fill(text: Optional[str]) -> Optional[str]:
    """A rulebook text shown on its own: placeholders only a finding can fill become “…”."""
    return fill(text)


def artifact_uri(path: str) -> str:
    """The path as given, as an RFC 3986 URI reference (forward slashes, percent-encoded)."""
    win = PureWindowsPath(path)
    if win.drive and win.root:  # C:\reports\a.txt -> file:///C:/reports/a.txt
        return "file:///" + quote(win.as_posix(), safe="/:")
    return quote(path.replace("\\", "/"), safe="/!$&'()*+,;=@~-._")


def _help(basis: Optional[str], fix: Optional[str]) -> dict:
    lines = []
    if basis:
        lines.append(f"依据：{basis}")
    if fix:
        lines.append(f"建议：{fix}")
    text = "\n".join(lines) or "—"
    return {"text": text, "markdown": "\n\n".join(lines) or "—"}


def _descriptor(rule_id: str, short: str, full: str, level: str, basis, fix, properties: dict) -> dict:
    return {
        "id": rule_id,
        "shortDescription": {"text": short or rule_id},
        "fullDescription": {"text": full or short or rule_id},
        "help": _help(basis, _fill(fix)),
        "defaultConfiguration": {"level": LEVELS[level]},
        "properties": properties,
    }


def rule_descriptors(rulebook) -> list[dict]:
    """Every rule of the rulebook in a stable order: missing-part per part, then the other checks."""
    out = []
    if rulebook is None:
        return out
    missing = next((r for r in rulebook.rules.values() if r.kind == "parts"), None)
    for p in rulebook.parts:
        out.append(
            _descriptor(
                f"{missing.id if missing else 'missing-part'}/{p.id}",
                p.message,
                f"{missing.description if missing else 'missing-part'}：{p.name}",
                p.severity,
                p.basis,
                p.fix,
                {"part": p.id, "weight": p.weight, "tags": ["missing-part", p.id]},
            )
        )
    for c in rulebook.rules.values():
        if c.kind == "parts":
            continue
        props = {"penalty": c.penalty, "enabled": c.enabled, "kind": c.kind, "tags": [c.id]}
        if c.max_penalty is not None:
            props["maxPenalty"] = c.max_penalty
        out.append(_descriptor(c.id, c.label, c.label, c.severity, c.basis, c.fix, props))
    return out


def result_rule_id(f: Finding) -> str:
    return f"missing-part/{f.part}" if f.rule == "missing-part" and f.part else f.rule


def _location(uri: str, index: int, line: Optional[int], where: Optional[str] = None) -> dict:
    physical: dict = {"artifactLocation": {"uri": uri, "index": index}}
    if line is not None and line >= 1:
        physical["region"] = {"startLine": line}
    loc: dict = {"physicalLocation": physical}
    if where:
        loc["message"] = {"text": where}
    return loc


def _result(f: Finding, uri: str, artifact: int, rule_index: int, component: int) -> dict:
    res: dict = {"ruleId": result_rule_id(f)}
    if component == 0:
        res["ruleIndex"] = rule_index
    else:  # a rule of another profile: described by that profile's tool component
        res["rule"] = {"id": result_rule_id(f), "index": rule_index, "toolComponent": {"index": component - 1}}
    res.update({
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [_location(uri, artifact, f.line)],
    })
    if f.related_line is not None:
        res["relatedLocations"] = [dict(_location(uri, artifact, f.related_line, "重复的另一处"), id=1)]
    props = {k: v for k, v in (("part", f.part), ("evidence", f.evidence), ("fix", f.fix), ("location", f.location), ("section", f.section), ("evidence_normalized", f.normalized)) if v is not None}
    if props:
        res["properties"] = props
    return res


class _Components:
    """The rule descriptors of every profile that judged a report of the run.

    The first profile's describe ``tool.driver``; each other profile is a tool
    extension with its own rules, so that a department report's findings are
    described by the department profile's texts.
    """

    def __init__(self, fallback):
        self.fallback = fallback
        self.order: list[str] = []
        self.rules: dict[str, list[dict]] = {}
        self.index: dict[str, dict[str, int]] = {}

    def component(self, rulebook) -> tuple[int, list[dict], dict[str, int]]:
        rulebook = rulebook if rulebook is not None else self.fallback
        key = getattr(rulebook, "id", "") if rulebook is not None else ""
        if key not in self.rules:
            self.order.append(key)
            self.rules[key] = rule_descriptors(rulebook)
            self.index[key] = {r["id"]: i for i, r in enumerate(self.rules[key])}
        return self.order.index(key), self.rules[key], self.index[key]


def build_log(results: Iterable[ReportResult], rulebook=None) -> dict:
    components = _Components(rulebook)
    artifacts, sarif_results, notifications = [], [], []
    for r in results:
        uri = artifact_uri(r.path)
        a = len(artifacts)
        artifact: dict = {"location": {"uri": uri}}
        if r.skipped_file is not None:
            artifact["properties"] = {"skipped": r.skipped_file}
            artifacts.append(artifact)
            notifications.append(
                {"descriptor": {"id": SKIPPED, "index": 1}, "level": "note", "message": {"text": f"{r.path}: {r.skipped_file}"}, "locations": [_location(uri, a, None)]}
            )
            continue
        if r.error is not None:
            artifact["properties"] = {"error": r.error}
            artifacts.append(artifact)
            notifications.append(
                {
                    "descriptor": {"id": READ_ERROR, "index": 0},
                    "level": "error",
                    "message": {"text": r.error},
                    "locations": [_location(uri, a, None)],
                }
            )
            continue
        artifact["properties"] = {
            "title": r.title,
            "year": r.year,
            "score": r.score,
            "passed": r.passed,
            "reason": r.reason,
            "profile": r.profile,
        }
        artifacts.append(artifact)
        component, rules, index = components.component(r.rulebook)
        for f in r.findings:
            rid = result_rule_id(f)
            if rid not in index:  # a rule the rulebook does not describe: describe it minimally
                index[rid] = len(rules)
                rules.append({"id": rid, "shortDescription": {"text": rid}, "defaultConfiguration": {"level": LEVELS[f.severity]}})
            sarif_results.append(_result(f, uri, a, index[rid], component))
    if not components.order:
        components.component(rulebook)
    first = components.order[0]
    driver = {
        "name": "checker",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": components.rules[first],
        "notifications": [
            {"id": READ_ERROR, "shortDescription": {"text": "无法读取的文件"}, "defaultConfiguration": {"level": "error"}},
            {"id": SKIPPED, "shortDescription": {"text": "已跳过的文件（锁定文件、隐藏文件等）"}, "defaultConfiguration": {"level": "note"}},
        ],
    }
    tool: dict = {"driver": driver}
    if len(components.order) > 1:
        tool["extensions"] = [
            {"name": f"checker 规则集 {key}", "version": __version__, "rules": components.rules[key]} for key in components.order[1:]
        ]
    run = {
        "tool": tool,
        "invocations": [{"executionSuccessful": not any(n["level"] == "error" for n in notifications), "toolExecutionNotifications": notifications}],
        "artifacts": artifacts,
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
    }
    if rulebook is not None:
        run["properties"] = {"rulebook": first or rulebook.id, "passMark": rulebook.pass_mark, "profiles": components.order}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results: Iterable[ReportResult], rulebook=None) -> str:
    return json.dumps(build_log(results, rulebook), ensure_ascii=False, indent=2) + "\n"
