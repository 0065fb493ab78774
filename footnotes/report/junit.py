"""JUnit XML: one test case per file, for CI systems that show test reports.

    <testsuites name="footcheck" tests=N failures=F errors=E>
      <testsuite name="footcheck" tests=N failures=F errors=E skipped="0">
        <testcase classname="footcheck" name=PATH>
          <failure message="2 errors, 1 warning" type="footcheck">LINE:COL CODE message
          ...</failure>

A file fails when a finding reaches the run's failing severity (`--fail-on`, at
least warning, as for the exit status); its findings below that, and infos, go to
`<system-out>`, so an info-only file passes. A file that could not be checked has an
`<error>` instead (with any findings it still has). No timestamps or durations: the
same run gives the same bytes. Characters XML 1.0 cannot hold are written as
`\\xNN` / `\\uNNNN`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Finding, Severity
from footcheck.footnotes.results import FileResult, RunResult

TOOL_NAME = "footcheck"

# Everything outside XML 1.0's Char production (TAB, LF and CR are allowed).
_NOT_XML = pattern_store.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` with the characters XML 1.0 forbids written as escapes."""
    return _NOT_XML.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def count_summary(findings: Iterable[Finding]) -> str:
    """The counts by severity ("2 errors, 1 warning"), most severe first, zeros left out."""
    findings = list(findings)
    parts = []
    for severity, word in (
        (Severity.ERROR, "error"),
        (Severity.WARNING, "warning"),
        (Severity.INFO, "info"),
    ):
        n = sum(1 for f in findings if f.severity is severity)
        if n:
            parts.append(_plural(n, word))
    return ", ".join(parts)


def finding_line(f: Finding) -> str:
    return f"{f.location.line}:{f.location.column} {f.code} {f.message}"


def _lines(findings: Iterable[Finding]) -> str:
    return "".join(finding_line(f) + "\n" for f in findings)


def _threshold(result: RunResult) -> int:
    return max(result.fail_on.rank, Severity.WARNING.rank)


def _testcase(file: FileResult, threshold: int) -> tuple[ET.Element, str | None]:
    """The file's test case, and "failure" or "error" when it does not pass."""
    case = ET.Element("testcase", classname=TOOL_NAME, name=xml_safe(file.path))
    failing = [f for f in file.findings if f.severity.rank >= threshold]
    passing = [f for f in file.findings if f.severity.rank < threshold]
    outcome: str | None = None
    if file.error is not None:
        outcome = "error"
        error = ET.SubElement(case, "error", message=xml_safe(file.error), type=TOOL_NAME)
        error.text = xml_safe(file.error + "\n" + _lines(failing))
    elif failing:
        outcome = "failure"
        failure = ET.SubElement(case, "failure", message=count_summary(failing), type=TOOL_NAME)
        failure.text = xml_safe(_lines(failing))
    if passing:
        ET.SubElement(case, "system-out").text = xml_safe(_lines(passing))
    return case, outcome


def render(result: RunResult, version: str) -> str:
    """The whole run as one JUnit XML document, with an XML declaration."""
    threshold = _threshold(result)
    cases = [_testcase(file, threshold) for file in result.files]
    counts = {
        "tests": str(len(cases)),
        "failures": str(sum(1 for _, outcome in cases if outcome == "failure")),
        "errors": str(sum(1 for _, outcome in cases if outcome == "error")),
    }
    root = ET.Element("testsuites", {"name": TOOL_NAME, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": TOOL_NAME, **counts, "skipped": "0"})
    ET.SubElement(
        ET.SubElement(suite, "properties"), "property", name="version", value=xml_safe(version)
    )
    suite.extend(case for case, _ in cases)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
