"""--format sarif / github / junit, each read back by a real consumer and checked against the JSON results."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.formatters import document_formatter, format_names
from checker.formatters.github import escape_data, escape_property
from checker.formatters.sarif import artifact_uri
from checker.model import Finding, PartResult, ReportResult

from conftest import CORPUS

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
CORPUS_FILES = sorted(str(p) for p in CORPUS.glob("*.txt"))
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
#: RFC 3986 URI reference characters (unreserved, reserved, percent-encodings)
URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-F]{2})+$")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def unreadable(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("bad") / "损坏的报告.docx"
    path.write_bytes(b"PK\x03\x04 this is not a zip file at all")
    return str(path)


@pytest.fixture(scope="module")
def inputs(unreadable) -> list[str]:
    return [*CORPUS_FILES, unreadable]


@pytest.fixture(scope="module")
def json_reports(inputs) -> list[dict]:
    res = run("lint", "--format", "json", "-j", "1", *inputs)
    assert res.exit_code == 2  # the unreadable file
    return json.loads(res.stdout)["reports"]


def output(fmt: str, inputs: list[str]) -> str:
    res = run("lint", "--format", fmt, "-j", "1", *inputs)
    assert res.exit_code == 2
    return res.stdout


def test_formats_are_offered():
    assert {"terminal", "json", "sarif", "github", "junit"} <= set(format_names())


# ---------------------------------------------------------------- SARIF


@pytest.fixture(scope="module")
def sarif(inputs) -> dict:
    return json.loads(output("sarif", inputs))


def test_sarif_validates_against_the_official_schema(sarif):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    assert sarif["version"] == "2.1.0"


def test_sarif_results_are_the_findings_on_original_lines(sarif, json_reports):
    run_ = sarif["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    artifacts = run_["artifacts"]
    expected = []
    for rep in json_reports:
        for f in rep.get("findings", []):
            rule = f"missing-part/{f['part']}" if f["rule"] == "missing-part" else f["rule"]
            expected.append((rep["path"], rule, LEVEL[f["severity"]], f["message"], f["line"]))
    got = []
    extensions = run_["tool"].get("extensions", [])
    for r in run_["results"]:
        if "rule" in r:  # described by another profile's tool component
            described = extensions[r["rule"]["toolComponent"]["index"]]["rules"][r["rule"]["index"]]
        else:
            described = rules[r["ruleIndex"]]
        assert described["id"] == r["ruleId"]
        (loc,) = r["locations"]
        phys = loc["physicalLocation"]
        artifact = artifacts[phys["artifactLocation"]["index"]]
        assert artifact["location"]["uri"] == phys["artifactLocation"]["uri"]
        line = phys["region"]["startLine"] if "region" in phys else None
        path = next(rep["path"] for rep in json_reports if artifact_uri(rep["path"]) == phys["artifactLocation"]["uri"])
        got.append((path, r["ruleId"], r["level"], r["message"]["text"], line))
    assert got == expected and len(got) > 10
    # some findings are about the whole report: a location on the file without a region
    assert any(line is None for *_, line in got) and any(line for *_, line in got)


def test_sarif_rules_carry_basis_and_fix(sarif, rulebook):
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    for part in rulebook.parts:
        rule = rules[f"missing-part/{part.id}"]
        assert part.basis in rule["help"]["text"]
        assert "建议：" in rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] == LEVEL[part.severity]
    for check in rulebook.rules.values():
        if check.id == "missing-part":
            continue
        rule = rules[check.id]
        assert rule["shortDescription"]["text"] == (check.description or check.id)
        if check.basis:
            assert check.basis in rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] == LEVEL[check.severity]


def test_sarif_describes_each_report_by_the_profile_that_judged_it(tmp_path):
    """A department report's findings are described by the department profile, not national's."""
    from checker.rulebook import load_rulebook

    dept = tmp_path / "dept.txt"
    dept.write_text("青山县司法局2023年法治政府建设年度报告\n一、2023年推进法治政府建设的主要举措和成效\n审核规范性文件12件。\n", encoding="utf-8")
    county = tmp_path / "county.txt"
    county.write_text("青山县2023年法治政府建设年度报告\n一、2023年推进法治政府建设的主要举措和成效\n审核规范性文件12件。\n", encoding="utf-8")
    department = load_rulebook("department")
    for order in ([dept], [county, dept]):
        log = json.loads(run("lint", "--format", "sarif", "-j", "1", *map(str, order)).stdout)
        run_ = log["runs"][0]
        uri = artifact_uri(str(dept))
        (result,) = [r for r in run_["results"] if r["ruleId"] == "missing-part/first_responsible" and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri]
        if "rule" in result:
            component = run_["tool"]["extensions"][result["rule"]["toolComponent"]["index"]]
            descriptor = component["rules"][result["rule"]["index"]]
            assert "department" in component["name"]
        else:
            descriptor = run_["tool"]["driver"]["rules"][result["ruleIndex"]]
        assert descriptor["shortDescription"]["text"] == department.part("first_responsible").message
        assert department.part("first_responsible").basis in descriptor["help"]["text"]
        assert descriptor["shortDescription"]["text"] != load_rulebook("national").part("first_responsible").message


def test_sarif_unreadable_file_is_a_notification(sarif, unreadable, json_reports):
    run_ = sarif["runs"][0]
    (invocation,) = run_["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"] == json_reports[-1]["error"]
    uri = note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == artifact_uri(unreadable) and "%E6%8D%9F" in uri  # 损 percent-encoded
    assert all(URI_CHARS.match(a["location"]["uri"]) for a in run_["artifacts"])
    scores = [a["properties"].get("score") for a in run_["artifacts"]]
    assert scores == [None if "error" in rep else rep["score"] for rep in json_reports]


def test_sarif_is_stable(inputs):
    first = output("sarif", inputs)
    res = run("lint", "--format", "sarif", "-j", "2", *inputs)
    assert res.stdout == first


def test_sarif_related_location_of_a_duplicate(sarif):
    dup = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "duplicate-block"]
    assert dup
    for r in dup:
        (rel,) = r["relatedLocations"]
        assert rel["physicalLocation"]["region"]["startLine"] != r["locations"][0]["physicalLocation"]["region"]["startLine"]


@pytest.mark.parametrize(
    "path, uri",
    [
        ("reports/a.txt", "reports/a.txt"),
        ("reports\\2024 年报.txt", "reports/2024%20%E5%B9%B4%E6%8A%A5.txt"),
        ("/srv/reports/a,b.txt", "/srv/reports/a,b.txt"),
        ("C:\\reports\\a.txt", "file:///C:/reports/a.txt"),
    ],
)
def test_artifact_uri(path, uri):
    assert artifact_uri(path) == uri


# ---------------------------------------------------------------- JUnit


FAILING = ("error",)  # --fail-on error, the default: a warning does not fail a report, nor a JUnit case


def expected_failures(rep: dict) -> int:
    failing = [f for f in rep["findings"] if f["severity"] in FAILING]
    parts = {f["part"] for f in failing if f["rule"] == "missing-part"}
    rules = {f["rule"] for f in failing if f["rule"] != "missing-part"}
    return len(parts) + len(rules) + (0 if rep["passed"] else 1)


def test_junit_counts_match_the_json_results(inputs, json_reports, rulebook):
    root = ET.fromstring(output("junit", inputs).encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [rep["path"] for rep in json_reports]
    checks = [c for c in rulebook.rules if c != "missing-part"]
    for suite, rep in zip(suites, json_reports):
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        if "error" in rep:
            assert len(cases) == 1 and suite.get("errors") == "1"
            assert cases[0].find("error").get("message") == rep["error"]
            continue
        assert len(cases) == len(rep["parts"]) + len(checks) + 1
        failures = [c for c in cases if c.find("failure") is not None]
        assert int(suite.get("failures")) == len(failures) == expected_failures(rep)
        props = {p.get("name"): p.get("value") for p in suite.find("properties")}
        assert float(props["score"]) == rep["score"] and props["passed"] == str(rep["passed"]).lower()
        by_id = {re.search(r"\[([\w-]+)\]$", c.get("name")).group(1): c for c in cases}
        for part in rep["parts"]:
            case = by_id[part["id"]]
            finding = next((f for f in rep["findings"] if f["rule"] == "missing-part" and f["part"] == part["id"]), None)
            failed = finding is not None and finding["severity"] in FAILING
            assert (case.find("failure") is not None) == failed, part
            if part["status"] == "weak":
                assert case.find("system-out") is not None
        for f in rep["findings"]:
            if f["severity"] not in FAILING and f["rule"] != "missing-part":
                if not any(g["rule"] == f["rule"] and g["severity"] in FAILING for g in rep["findings"]):
                    assert by_id[f["rule"]].find("failure") is None
                    assert f["message"] in by_id[f["rule"]].find("system-out").text
        assert (by_id["score"].find("failure") is None) == rep["passed"]
        if rep["passed"]:
            assert suite.get("failures") == "0"  # a report that passes has no failing case
        else:
            assert rep["reason"] in by_id["score"].find("failure").get("message")
    totals = {k: sum(int(s.get(k)) for s in suites) for k in ("tests", "failures", "errors")}
    assert {k: int(root.get(k)) for k in totals} == totals and totals["errors"] == 1


def test_junit_info_findings_do_not_fail_and_a_passing_report_has_no_failure(rulebook):
    result = ReportResult(
        path="a.txt",
        score=95,
        passed=True,
        parts=[PartResult("other", "其他需要报告的情况", "missing"), PartResult("measures", "主要举措和成效", "weak", line=4)],
        findings=[
            Finding("missing-part", "info", "没有“其他需要报告的情况”", part="other"),
            Finding("part-order", "info", "顺序不一致", line=9, part="measures"),
        ],
    )
    root = ET.fromstring(document_formatter("junit")([result], rulebook))
    assert root.get("failures") == "0" and root.find("testsuite").get("failures") == "0"
    notes = [c.find("system-out").text for c in root.iter("testcase") if c.find("system-out") is not None]
    assert any("顺序不一致" in n for n in notes) and any("弱" in n for n in notes)


def test_junit_survives_control_characters(rulebook):
    result = ReportResult(path="a.txt", score=50, fail_on="warning", findings=[Finding("repeated-char", "warning", "疑似叠字\x0b“的的”", line=2, evidence="\x00的的")])
    root = ET.fromstring(document_formatter("junit")([result], rulebook))
    assert root.get("failures") == "2"  # the rule and the verdict


# ---------------------------------------------------------------- GitHub

ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,:\r\n]+)(?:,line=(\d+))?,title=([^,:\r\n]+)::([^\r\n]*)$")
GROUP = re.compile(r"^::group::(.+)$")


def unescape(text: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}[m.group(1)], text)


def test_github_lines_are_workflow_commands(inputs, json_reports):
    text = output("github", inputs)
    lines = text.splitlines()
    annotations = []
    for ln in lines:
        if ln == "::endgroup::" or GROUP.match(ln):
            continue
        m = ANNOTATION.match(ln)
        assert m, ln
        annotations.append(m)
    findings = [(rep["path"], f) for rep in json_reports for f in rep.get("findings", [])]
    read_errors = [rep for rep in json_reports if "error" in rep]
    assert len(annotations) == len(findings) + len(read_errors)
    command = {"error": "error", "warning": "warning", "info": "notice"}
    for m, (path, f) in zip(annotations, findings):
        assert unescape(m.group(2)) == path
        assert m.group(1) == command[f["severity"]]
        assert m.group(3) == (str(f["line"]) if f["line"] is not None else None)
        assert unescape(m.group(5)).split("\n")[0] == f["message"]
        assert f["rule"] in unescape(m.group(4))
    assert lines.count("::endgroup::") == len(json_reports) - len(read_errors)
    last = annotations[-1]
    assert last.group(1) == "error" and unescape(last.group(5)) == read_errors[0]["error"]


def test_github_escaping():
    message = "得分 100% 达标\r\n第二行: a,b"
    result = ReportResult(
        path="reports/a,b: c%.txt",
        findings=[Finding("thin-part", "warning", message, line=3, part="measures", fix="充实 50% 的内容")],
    )
    lines = document_formatter("github")([result], None).splitlines()
    (annotation,) = [ln for ln in lines if ANNOTATION.match(ln)]
    m = ANNOTATION.match(annotation)
    assert m.group(2) == "reports/a%2Cb%3A c%25.txt" and unescape(m.group(2)) == result.path
    assert m.group(5).startswith("得分 100%25 达标%0D%0A第二行: a,b%0A建议：充实 50%25 的内容")
    assert unescape(m.group(5)) == message + "\n建议：充实 50% 的内容"
    assert escape_data("%\r\n:,") == "%25%0D%0A:,"
    assert escape_property("%\r\n:,") == "%25%0D%0A%3A%2C"


# ---------------------------------------------------------------- -o


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit"])
def test_output_file_has_the_same_bytes_as_stdout(tmp_path, fmt):
    files = CORPUS_FILES[:2]
    shown = run("lint", "--format", fmt, "-j", "1", *files)
    target = tmp_path / f"out.{fmt}"
    written = run("lint", "--format", fmt, "-j", "1", "-o", str(target), *files)
    assert written.stdout == "" and shown.exit_code == written.exit_code
    assert target.read_bytes() == shown.stdout_bytes and shown.stdout_bytes
    assert not list(tmp_path.glob("*.tmp-*"))
