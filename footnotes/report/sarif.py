"""SARIF 2.1.0 output, in the shape GitHub code scanning accepts.

One run: the tool's driver lists every rule (id = code, name = the contract's rule
name, the summary as short description, the ruff-style doc as help); each finding
is a result with its rule, level, message, location and properties. A file that
could not be checked is a tool execution notification, and makes the invocation
unsuccessful.

Paths become URIs: a relative path is written with forward slashes and
percent-encoded, against the base id `%SRCROOT%` (the checkout root for GitHub); an
absolute path becomes a `file://` URI. Columns count Unicode code points.

Each result carries a partial fingerprint, `footcheck/v1`, that does not depend on
line numbers, so that an alert survives edits above it: the SHA-256 of the path,
the rule code, the footnote label, the related labels and the normalised claim and
note text, followed by `:N`, where N counts the findings with that same hash so far
(equal findings stay distinct). The output has no timestamps: the same run gives
the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote_from_bytes

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Finding, Severity, iso_or_none
from footcheck.footnotes.report import fastjson
from footcheck.footnotes.results import RunResult
from footcheck.footnotes.rules import RULES, Rule

TOOL_NAME = "footcheck"
SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "footcheck/v1"

LEVELS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}

_RULE_INDEX: dict[str, int] = {rule.code: index for index, rule in enumerate(RULES)}
_SECTION = pattern_store.compile(
    r"^What it does\n-+\n(.*?)(?=^\S[^\n]*\n-+\n|\Z)", re.MULTILINE | re.DOTALL
)


def render(result: RunResult, version: str) -> str:
    """The whole run as one SARIF log, pretty-printed JSON ending with a newline."""
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [run_dict(result, version)],
    }
    return fastjson.dumps(log) + "\n"


def run_dict(result: RunResult, version: str) -> dict[str, Any]:
    findings = result.findings
    notifications = [
        {
            "level": "error",
            "message": {"text": file.error},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(file.path)}}],
        }
        for file in result.files
        if file.error is not None
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": version,
                "rules": [rule_dict(rule) for rule in RULES],
            }
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": [
            result_dict(f, fingerprint)
            for f, fingerprint in zip(findings, fingerprints(findings), strict=True)
        ],
    }


def rule_dict(rule: Rule) -> dict[str, Any]:
    doc = rule.doc.strip()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _what_it_does(doc) or rule.summary},
        "help": {"text": doc or rule.summary, "markdown": doc or rule.summary},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def _what_it_does(doc: str) -> str:
    """The doc's "What it does" section, as one paragraph."""
    match = _SECTION.search(doc)
    return " ".join(match.group(1).split()) if match else ""


def result_dict(f: Finding, fingerprint: str) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": f.code}
    if f.code in _RULE_INDEX:
        out["ruleIndex"] = _RULE_INDEX[f.code]
    out.update(
        {
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_location(f.path),
                        "region": {
                            "startLine": max(1, f.location.line),
                            "startColumn": max(1, f.location.column),
                        },
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
            "properties": {
                "footnote": f.footnote,
                "related": list(f.related),
                "claim_date": iso_or_none(f.claim_date),
                "source_date": iso_or_none(f.source_date),
            },
        }
    )
    if f.related_path is not None:  # the related note, in another file of the book
        out["relatedLocations"] = [
            {
                "id": 1,
                "physicalLocation": {
                    "artifactLocation": artifact_location(f.related_path),
                    "region": {"startLine": max(1, f.related_line or 1)},
                },
                "message": {"text": f"note [{f.related[0]}]" if f.related else "related note"},
            }
        ]
    return out


def artifact_location(path: str) -> dict[str, str]:
    """`{"uri": ..., "uriBaseId": "%SRCROOT%"}` for a relative path, a file URI otherwise."""
    if os.path.isabs(path):
        return {"uri": PurePath(path).as_uri()}
    return {"uri": relative_uri(path), "uriBaseId": SRCROOT}


def relative_uri(path: str) -> str:
    """A relative path as a relative URI reference: `/` separators, percent-encoded.

    Only unreserved characters and `/` are left as they are, so a `:` in the first
    segment cannot read as a scheme, and `#`, `?`, `%` and spaces are encoded.
    """
    for sep in (os.sep, os.altsep):
        if sep and sep != "/":
            path = path.replace(sep, "/")
    path = posixpath.normpath(path) if path else path
    return quote_from_bytes(os.fsencode(path), safe="/")


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def fingerprint_base(f: Finding) -> str:
    """The hash of what identifies a finding apart from where it stands."""
    parts: Sequence[str] = (
        relative_uri(f.path) if not os.path.isabs(f.path) else PurePath(f.path).as_uri(),
        f.code,
        f.footnote or "",
        "\x1f".join(f.related),
        _fold(f.claim),
        _fold(f.note_text),
    )
    data = "\x00".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """One `HASH:N` per finding, N counting earlier findings with the same hash (from 1)."""
    seen: Counter[str] = Counter()
    out: list[str] = []
    for f in findings:
        base = fingerprint_base(f)
        seen[base] += 1
        out.append(f"{base}:{seen[base]}")
    return out
