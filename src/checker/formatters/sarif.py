"""SARIF 2.1.0 (OASIS), for code-scanning services such as GitHub's.

One run; one result per finding; ``tool.driver.rules`` describes every rule of
the rulebook with its legal basis and fix hint.  ``missing-part`` gets one
descriptor per part (``missing-part/causes`` …, SARIF's hierarchical rule ids),
because each part has its own legal basis, severity and fix.  Locations point
to the file as given on the command line and to the line in the ORIGINAL file;
a finding about the whole report has a location without a region.  Files that
could not be read are tool execution notifications, not results.
"""

from __future__ import annotations

import json
import string
from pathlib import PureWindowsPath
from typing import Iterable, Optional
from urllib.parse import quote

from .. import __version__
from ..model import Finding, ReportResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
READ_ERROR = "read-error"


class _Blank(string.Formatter):
    """Fill a rulebook text; a placeholder that only a finding can fill becomes “…”."""

    def __init__(self, **known):
        self.known = known

    def get_value(self, key, args, kwargs):
        return self.known.get(key, "…")


def _fill(text: Optional[str]) -> Optional[str]:
    if text is None:
        return None
    try:
        return _Blank(year="XXXX", next_year="下一").format(text)
    except (ValueError, IndexError, AttributeError):
        return text


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
    missing = rulebook.checks.get("missing-part")
    for p in rulebook.parts:
        out.append(
            _descriptor(
                f"missing-part/{p.id}",
                p.message,
                f"{missing.description if missing else 'missing-part'}：{p.name}",
                p.severity,
                p.basis,
                p.fix,
                {"part": p.id, "weight": p.weight, "tags": ["missing-part", p.id]},
            )
        )
    for c in rulebook.checks.values():
        if c.id == "missing-part":
            continue
        props = {"penalty": c.penalty, "enabled": c.enabled, "tags": [c.id]}
        if c.max_penalty is not None:
            props["maxPenalty"] = c.max_penalty
        out.append(_descriptor(c.id, c.description, c.description, c.severity, c.basis, c.fix, props))
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


def _result(f: Finding, uri: str, artifact: int, rule_index: int) -> dict:
    res: dict = {
        "ruleId": result_rule_id(f),
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [_location(uri, artifact, f.line)],
    }
    if f.related_line is not None:
        res["relatedLocations"] = [dict(_location(uri, artifact, f.related_line, "重复的另一处"), id=1)]
    props = {k: v for k, v in (("part", f.part), ("evidence", f.evidence), ("fix", f.fix), ("location", f.location), ("section", f.section), ("evidence_normalized", f.normalized)) if v is not None}
    if props:
        res["properties"] = props
    return res


def build_log(results: Iterable[ReportResult], rulebook=None) -> dict:
    rules = rule_descriptors(rulebook)
    index = {r["id"]: i for i, r in enumerate(rules)}
    artifacts, sarif_results, notifications = [], [], []
    for r in results:
        uri = artifact_uri(r.path)
        a = len(artifacts)
        artifact: dict = {"location": {"uri": uri}}
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
            "profile": r.profile,
        }
        artifacts.append(artifact)
        for f in r.findings:
            rid = result_rule_id(f)
            if rid not in index:  # a rule the rulebook does not describe: describe it minimally
                index[rid] = len(rules)
                rules.append({"id": rid, "shortDescription": {"text": rid}, "defaultConfiguration": {"level": LEVELS[f.severity]}})
            sarif_results.append(_result(f, uri, a, index[rid]))
    driver = {
        "name": "checker",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": rules,
        "notifications": [
            {"id": READ_ERROR, "shortDescription": {"text": "无法读取的文件"}, "defaultConfiguration": {"level": "error"}}
        ],
    }
    run = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "artifacts": artifacts,
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
    }
    if rulebook is not None:
        run["properties"] = {"rulebook": rulebook.id, "passMark": rulebook.pass_mark}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results: Iterable[ReportResult], rulebook=None) -> str:
    return json.dumps(build_log(results, rulebook), ensure_ascii=False, indent=2) + "\n"
