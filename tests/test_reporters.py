"""The SARIF, GitHub, JUnit and JSON Lines reporters, on real runs over small reports."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footcheck import parsers
from footcheck.footnotes.model import Finding, Location, PartialDate, Severity
from footcheck.footnotes.report import fastjson, github, json_report, jsonl, junit, sarif
from footcheck.footnotes.results import FileResult, RunResult
from footcheck.footnotes.rules import RULES
from footcheck.footnotes.runner import run
from footcheck.footnotes.settings import Config

VERSION = "9.8.7"
SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
CONFIG = Config(report_date=PartialDate(2024, 6, 1), today=PartialDate(2026, 11, 24))

REPORT = """\
The envoys met on September 7, 2023.[1] Another claim.[2] And more.[3]

Second paragraph.[4]

[1] Capital Herald, September 7, 2022.
[2] Interview with a harbour pilot.
[3] Capital Herald, September 7, 2022.
[5] Unused note, March 2020.
[6] Another unused note, April 2021.
"""

INFO_ONLY = """\
The bridge was finished in 1931.[1]

[1] Regional Museum, bridge collection.
"""

CLEAN = """\
The bridge was finished in 1931.[1]

[1] Regional Museum, bridge collection, catalogue of 1990.
"""


def write(root: Path, name: str, text: str) -> str:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return name


def check(paths: list[str], config: Config = CONFIG) -> RunResult:
    return run(paths, config, parsers.parse)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout with reports: a failing one (in a folder, with `#` and a space in
    its name), an info-only one, a clean one; paths are relative to it."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "reports/draft #1.txt", REPORT)
    write(tmp_path, "reports/info.txt", INFO_ONLY)
    write(tmp_path, "reports/clean.txt", CLEAN)
    return tmp_path


@pytest.fixture
def result(project: Path) -> RunResult:
    got = check(["reports", "missing.txt"])
    codes = {f.code for f in got.findings}
    # The run under test has findings at every severity, and an unchecked file.
    assert {"DT001", "FN001", "FN002", "CT001", "DT004"} <= codes, codes
    assert got.failed_files == 1
    return got


def crafted(*findings: Finding, path: str = "a.txt", error: str | None = None) -> RunResult:
    return RunResult((FileResult(path, "text", error, findings=tuple(findings)),))


def finding(message: str, *, line: int = 3, path: str = "a.txt", **kwargs: Any) -> Finding:
    return Finding(
        "FN001",
        "missing-footnote",
        kwargs.pop("severity", Severity.ERROR),
        message,
        path,
        Location(line, 5),
        **kwargs,
    )


# --- SARIF ---------------------------------------------------------------------


def sarif_log(result: RunResult) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(sarif.render(result, VERSION))
    assert_sarif_valid(log)
    return log


def assert_sarif_structure(log: dict[str, Any]) -> None:
    """The keys the SARIF schema and GitHub code scanning require."""
    assert log["version"] == "2.1.0"
    assert isinstance(log["$schema"], str)
    (the_run,) = log["runs"]
    driver = the_run["tool"]["driver"]
    assert driver["name"] == "footcheck" and driver["version"] == VERSION
    for rule in driver["rules"]:
        assert {"id", "name", "shortDescription", "fullDescription", "help"} <= set(rule)
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    for res in the_run["results"]:
        assert res["message"]["text"]
        assert res["level"] in {"error", "warning", "note"}
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    for invocation in the_run["invocations"]:
        assert isinstance(invocation["executionSuccessful"], bool)


def assert_sarif_valid(log: dict[str, Any], schema: dict[str, Any] | None = None) -> None:
    """The key structure always; against `schema`, else the OASIS schema when ../shared has it.

    (`.ci/run` also validates the SARIF of examples/ against the OASIS schema.)
    """
    assert_sarif_structure(log)
    if schema is None and SCHEMA.is_file():
        schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    if schema is not None:
        import jsonschema

        jsonschema.validators.validator_for(schema)(schema).validate(log)


def test_sarif_validation_can_fail(result: RunResult) -> None:
    log = json.loads(sarif.render(result, VERSION))
    log["runs"][0]["results"][0]["level"] = "info"  # not a SARIF level
    with pytest.raises(Exception, match="info"):
        assert_sarif_valid(log)


# The part of the SARIF 2.1.0 schema that says which kinds a result may have.
_KINDS_ONLY = {
    "type": "object",
    "properties": {
        "runs": {
            "type": "array",
            "items": {
                "properties": {
                    "results": {
                        "type": "array",
                        "items": {
                            "properties": {
                                "kind": {
                                    "enum": [
                                        "notApplicable",
                                        "pass",
                                        "fail",
                                        "review",
                                        "open",
                                        "informational",
                                    ]
                                }
                            }
                        },
                    }
                }
            },
        }
    },
}


def test_sarif_validation_applies_the_schema(result: RunResult) -> None:
    import jsonschema

    log = json.loads(sarif.render(result, VERSION))
    assert_sarif_valid(log, _KINDS_ONLY)
    log["runs"][0]["results"][0]["kind"] = "bogus"  # only a schema knows the kinds
    with pytest.raises(jsonschema.ValidationError, match="bogus"):
        assert_sarif_valid(log, _KINDS_ONLY)
    if SCHEMA.is_file():  # and the OASIS schema, where ../shared has it
        with pytest.raises(jsonschema.ValidationError, match="bogus"):
            assert_sarif_valid(log)


def test_sarif_lists_every_rule_with_its_level(result: RunResult) -> None:
    rules = sarif_log(result)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in RULES]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for descriptor, rule in zip(rules, RULES, strict=True):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity.value]
        assert descriptor["help"]["markdown"] == rule.doc.strip()
        assert "What it does" not in descriptor["fullDescription"]["text"]
    assert "informationUri" not in result_driver(result)


def result_driver(result: RunResult) -> dict[str, Any]:
    driver: dict[str, Any] = sarif_log(result)["runs"][0]["tool"]["driver"]
    return driver


def test_sarif_results_match_the_findings(result: RunResult) -> None:
    the_run = sarif_log(result)["runs"][0]
    rules = the_run["tool"]["driver"]["rules"]
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    uris = {
        "reports/draft #1.txt": "reports/draft%20%231.txt",
        "reports/info.txt": "reports/info.txt",
    }
    assert len(the_run["results"]) == len(result.findings)
    for res, f in zip(the_run["results"], result.findings, strict=True):
        assert res["ruleId"] == f.code == rules[res["ruleIndex"]]["id"]
        assert res["level"] == levels[f.severity]
        assert res["message"]["text"] == f.message
        location = res["locations"][0]["physicalLocation"]
        assert location["region"] == {
            "startLine": f.location.line,
            "startColumn": f.location.column,
        }
        assert location["artifactLocation"] == {"uri": uris[f.path], "uriBaseId": "%SRCROOT%"}
        assert res["properties"]["footnote"] == f.footnote
        assert res["properties"]["related"] == list(f.related)
    dt001 = next(r for r in the_run["results"] if r["ruleId"] == "DT001")
    assert dt001["properties"]["claim_date"] == "2023-09-07"
    assert dt001["properties"]["source_date"] == "2022-09-07"
    assert {r["level"] for r in the_run["results"]} == {"error", "warning", "note"}


def test_sarif_reports_unchecked_files(result: RunResult) -> None:
    (invocation,) = sarif_log(result)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == next(f.error for f in result.files if f.error)
    assert note["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "missing.txt",
        "uriBaseId": "%SRCROOT%",
    }


def test_sarif_clean_run_is_successful(project: Path) -> None:
    the_run = sarif_log(check(["reports/clean.txt"]))["runs"][0]
    assert the_run["results"] == []
    assert the_run["invocations"] == [{"executionSuccessful": True}]


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("reports/a b.txt", "reports/a%20b.txt"),
        ("./reports/a.txt", "reports/a.txt"),
        ("50%#?.txt", "50%25%23%3F.txt"),
        ("c:d.txt", "c%3Ad.txt"),  # not a scheme
        ("données/é.md", "donn%C3%A9es/%C3%A9.md"),
    ],
)
def test_sarif_relative_uris(path: str, uri: str) -> None:
    assert sarif.artifact_location(path) == {"uri": uri, "uriBaseId": "%SRCROOT%"}


def test_sarif_absolute_path_is_a_file_uri(tmp_path: Path) -> None:
    path = write(tmp_path, "a b.txt", REPORT)
    log = sarif_log(check([str(tmp_path / path)]))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": (tmp_path / "a b.txt").as_uri()}
    assert location["artifactLocation"]["uri"].startswith("file:///")
    assert "%20" in location["artifactLocation"]["uri"]


def fingerprints(result: RunResult) -> dict[tuple[str, str | None], str]:
    """(code, footnote) -> fingerprint, checking that each pair occurs once."""
    out: dict[tuple[str, str | None], str] = {}
    for res in sarif_log(result)["runs"][0]["results"]:
        key = (res["ruleId"], res["properties"]["footnote"])
        assert key not in out, key
        out[key] = res["partialFingerprints"]["footcheck/v1"]
    return out


def test_fingerprints_survive_lines_shifting(project: Path) -> None:
    before = check(["reports/draft #1.txt"])
    write(project, "reports/draft #1.txt", "Draft.\n\nA preface paragraph.\n\n" + REPORT)
    after = check(["reports/draft #1.txt"])
    assert [f.location.line + 4 for f in before.findings] == [
        f.location.line for f in after.findings
    ]
    assert fingerprints(before) == fingerprints(after)
    assert len(set(fingerprints(before).values())) == len(before.findings)


def test_fingerprints_differ_for_different_notes(project: Path) -> None:
    before = fingerprints(check(["reports/draft #1.txt"]))
    edited = REPORT.replace("Unused note, March 2020.", "A different unused note, May 2020.")
    write(project, "reports/draft #1.txt", edited)
    after = fingerprints(check(["reports/draft #1.txt"]))
    assert before.keys() == after.keys()
    changed = {key for key in before if before[key] != after[key]}
    assert changed == {("FN002", "5")}
    # Two unused notes in one file: different notes, different fingerprints.
    assert before[("FN002", "5")] != before[("FN002", "6")]


def test_fingerprints_keep_equal_findings_apart() -> None:
    twice = crafted(finding("same", line=3), finding("same", line=9))
    prints = [
        r["partialFingerprints"]["footcheck/v1"] for r in sarif_log(twice)["runs"][0]["results"]
    ]
    assert prints[0] != prints[1]
    assert prints[0].split(":")[0] == prints[1].split(":")[0]
    assert [p.rsplit(":", 1)[1] for p in prints] == ["1", "2"]
    assert re.fullmatch(r"[0-9a-f]{64}:1", prints[0])


def test_fingerprints_ignore_the_message() -> None:
    # FN003's message names a line number: it must not move the fingerprint.
    a = sarif.fingerprints([finding("defined again (first at line 3)", footnote="1")])
    b = sarif.fingerprints([finding("defined again (first at line 7)", footnote="1")])
    c = sarif.fingerprints([finding("defined again (first at line 3)", footnote="2")])
    assert a == b != c


# --- GitHub --------------------------------------------------------------------

COMMAND = re.compile(r"::(error|warning|notice) ([^:]*)::(.*)")


def unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def parse_commands(output: str) -> list[tuple[str, dict[str, str], str]]:
    commands = []
    assert output.endswith("\n") or output == ""
    for line in output.split("\n")[:-1]:
        match = COMMAND.fullmatch(line)
        assert match, line
        props = dict(item.split("=", 1) for item in match.group(2).split(","))
        commands.append(
            (match.group(1), {k: unescape(v) for k, v in props.items()}, unescape(match.group(3)))
        )
    return commands


def test_github_one_command_per_finding(result: RunResult) -> None:
    commands = parse_commands(github.render(result, VERSION))
    by_severity = {"error": "error", "warning": "warning", "info": "notice"}
    annotations = [c for c in commands if c[1].get("title") != "footcheck"]
    assert len(annotations) == len(result.findings)
    for (name, props, message), f in zip(annotations, result.findings, strict=True):
        assert name == by_severity[f.severity.value]
        assert props == {
            "file": f.path,
            "line": str(f.location.line),
            "col": str(f.location.column),
            "title": f"{f.code} {f.rule}",
        }
        assert message == f.message
    errors = [c for c in commands if c[1].get("title") == "footcheck"]
    assert errors == [("error", {"file": "missing.txt", "title": "footcheck"}, errors[0][2])]
    assert errors[0][2] == next(f.error for f in result.files if f.error)


def test_github_escapes_injected_commands() -> None:
    evil = finding(
        "bad note\n::error file=x.txt::injected\r\n50% done",
        path="dir,a:b.txt",
    )
    output = github.render(crafted(evil, path="dir,a:b.txt"), VERSION)
    assert output.count("\n") == 1
    assert output.startswith("::error file=dir%2Ca%3Ab.txt,line=3,col=5,")
    ((name, props, message),) = parse_commands(output)
    assert name == "error"
    assert props["file"] == "dir,a:b.txt"
    assert message == evil.message
    assert "dir%2Ca%3Ab.txt" in output and "50%25 done" in output


def test_github_escapes_file_errors() -> None:
    output = github.render(crafted(path="a.txt", error="bad\n::warning::x"), VERSION)
    assert output == "::error file=a.txt,title=footcheck::bad%0A::warning::x\n"


def test_github_clean_run_prints_nothing(project: Path) -> None:
    assert github.render(check(["reports/clean.txt"]), VERSION) == ""


# --- JUnit ---------------------------------------------------------------------


def junit_tree(result: RunResult) -> ET.Element:
    output = junit.render(result, VERSION)
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(output.encode("utf-8"))


def test_junit_counts_and_cases(result: RunResult) -> None:
    root = junit_tree(result)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "footcheck"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [f.path for f in result.files]
    assert {c.get("classname") for c in cases} == {"footcheck"}
    failures = [c for c in cases if c.find("failure") is not None]
    errors = [c for c in cases if c.find("error") is not None]
    for element in (root, suite):
        assert element.get("tests") == str(len(result.files)) == "4"
        assert element.get("failures") == str(len(failures)) == "1"
        assert element.get("errors") == str(len(errors)) == "1"
    assert [c.get("name") for c in failures] == ["reports/draft #1.txt"]
    assert [c.get("name") for c in errors] == ["missing.txt"]

    failing = next(f for f in result.files if f.path == "reports/draft #1.txt")
    failure = failures[0].find("failure")
    assert failure is not None and failure.text is not None
    serious = [f for f in failing.findings if f.severity is not Severity.INFO]
    assert failure.text.splitlines() == [
        f"{f.location.line}:{f.location.column} {f.code} {f.message}" for f in serious
    ]
    assert failure.get("message") == "2 errors, 3 warnings"
    out = failures[0].find("system-out")
    assert out is not None and "DT004" in (out.text or "")

    info = next(c for c in cases if c.get("name") == "reports/info.txt")
    assert info.find("failure") is None and info.find("error") is None
    assert "DT004" in (info.findtext("system-out") or "")
    clean = next(c for c in cases if c.get("name") == "reports/clean.txt")
    assert list(clean) == []


def test_junit_follows_fail_on(project: Path) -> None:
    lenient = Config(report_date=CONFIG.report_date, today=CONFIG.today, fail_on=Severity.ERROR)
    write(project, "warn.txt", "Rents rose.[1]\n\n[1] Survey, 2020.\n[2] Unused, 2020.\n")
    root = junit_tree(check(["warn.txt"], lenient))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "0")
    assert "FN002" in (root.findtext("testsuite/testcase/system-out") or "")


def test_junit_escapes_control_characters() -> None:
    bad = finding("bell\x07 nul\x00 esc\x1b ok\ttab", path="a\x01.txt")
    root = junit_tree(crafted(bad, path="a\x01.txt"))
    case = root.find("testsuite/testcase")
    assert case is not None and case.get("name") == "a\\x01.txt"
    assert "bell\\x07 nul\\x00 esc\\x1b ok\ttab" in (case.findtext("failure") or "")


# --- JSON Lines ----------------------------------------------------------------


def test_jsonl_lines_are_the_contract_findings(result: RunResult) -> None:
    output = jsonl.render(result, VERSION)
    lines = [json.loads(line) for line in output.splitlines()]
    contract = json.loads(json_report.render(result, VERSION))
    assert [x for x in lines if "error" not in x] == contract["findings"]
    assert [x for x in lines if "error" in x] == [
        {"path": f["path"], "error": f["error"]} for f in contract["files"] if f["error"]
    ]
    assert len(lines) == len(result.findings) + result.failed_files


def test_jsonl_clean_run_prints_nothing(project: Path) -> None:
    assert jsonl.render(check(["reports/clean.txt"]), VERSION) == ""


def test_jsonl_keeps_one_object_per_line() -> None:
    odd = finding("line\u2028separator\x85next\nnewline", note_text="é")
    output = jsonl.render(crafted(odd, odd), VERSION)
    lines = output.splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["message"] == odd.message
    assert json.loads(lines[0])["note"] == "é"  # not \u00e9: readable UTF-8


# --- All -----------------------------------------------------------------------


@pytest.mark.parametrize("module", [sarif, github, junit, jsonl])
def test_output_is_deterministic(module: Any, project: Path) -> None:
    first = module.render(check(["reports", "missing.txt"]), VERSION)
    os.utime(project / "reports" / "info.txt", (0, 0))
    assert module.render(check(["reports", "missing.txt"]), VERSION) == first
    assert first.endswith("\n")


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_JSON_VALUES)
def test_the_fast_json_writer_writes_what_json_dumps_writes(value: Any) -> None:
    assert fastjson.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_the_fast_json_writer_keeps_tuples_and_odd_text() -> None:
    value = {"related": ("1", "2"), "text": 'quote " back \\ nul \x00 line\u2028 é', "n": []}
    assert fastjson.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
