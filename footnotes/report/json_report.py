"""The JSON output: the stable contract other programs read (OUTPUT-CONTRACT.md).

Fields are only ever added, never renamed or dropped.
"""

from __future__ import annotations

from typing import Any

from footcheck.footnotes.model import Finding, Severity, iso_or_none
from footcheck.footnotes.report import fastjson
from footcheck.footnotes.results import FileResult, RunResult

TOOL_NAME = "footcheck"


def finding_dict(f: Finding) -> dict[str, Any]:
    found: dict[str, Any] = {
        "path": f.path,
        "line": f.location.line,
        "column": f.location.column,
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity.value,
        "message": f.message,
        "footnote": f.footnote,
        "related": list(f.related),
        "claim_date": iso_or_none(f.claim_date),
        "source_date": iso_or_none(f.source_date),
        "claim": f.claim,
        "note": f.note_text,
        "hint": f.hint,
    }
    if f.related_path is not None:  # a related note in another file of the book
        found["related_path"] = f.related_path
        found["related_line"] = f.related_line
    return found


def file_dict(r: FileResult) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "path": r.path,
        "format": r.format,
        "report_date": iso_or_none(r.report_date),
        "markers": r.markers,
        "footnotes": r.footnotes,
        "error": r.error,
    }
    if r.notes_read_from:  # files its links lead to, read for their notes only
        entry["notes_read_from"] = list(r.notes_read_from)
    return entry


def summary_dict(result: RunResult) -> dict[str, int]:
    return {
        "files": len(result.files),
        "checked": len(result.files) - result.failed_files,
        "failed": result.failed_files,
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
        "infos": result.count(Severity.INFO),
    }


def render(result: RunResult, version: str) -> str:
    payload = {
        "tool": {"name": TOOL_NAME, "version": version},
        "files": [file_dict(r) for r in result.files],
        "findings": [finding_dict(f) for f in result.findings],
        "summary": summary_dict(result),
    }
    return fastjson.dumps(payload) + "\n"
