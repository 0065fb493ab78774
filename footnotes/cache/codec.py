"""Results as JSON for the cache: compact rows, every value checked on the way back.

A stored result is decoded into the same `FileResult` the check made; an entry of
another shape raises (LookupError, TypeError, ValueError) and is computed again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from footcheck.footnotes.model import Finding, Location, PartialDate, Severity
from footcheck.footnotes.results import FileResult


def encode_result(result: FileResult) -> dict[str, Any]:
    """A file's result as JSON (its path is the entry's own, kept outside)."""
    return {
        "format": result.format,
        "error": result.error,
        "report_date": encode_date(result.report_date),
        "markers": result.markers,
        "footnotes": result.footnotes,
        "findings": encode_findings(result.findings),
    }


def decode_result(stored: dict[str, Any], path: str) -> FileResult:
    """The result `encode_result` stored, for the file at `path`."""
    return FileResult(
        path=path,
        format=stored["format"],
        error=stored["error"],
        report_date=decode_date(stored["report_date"]),
        markers=int(stored["markers"]),
        footnotes=int(stored["footnotes"]),
        findings=decode_findings(stored["findings"], path),
    )


def encode_date(value: PartialDate | None) -> list[int | None] | None:
    """A date as [year, month, day] (an impossible date kept as written)."""
    return None if value is None else [value.year, value.month, value.day]


def decode_date(value: Any) -> PartialDate | None:
    return None if value is None else PartialDate(*value)


def encode_findings(findings: Sequence[Finding]) -> list[list[Any]]:
    """Findings as compact JSON rows (the path is the file's own, kept once)."""
    return [
        [
            f.code,
            f.rule,
            f.severity.value,
            f.message,
            f.location.line,
            f.location.column,
            f.footnote,
            list(f.related),
            encode_date(f.claim_date),
            encode_date(f.source_date),
            f.claim,
            f.note_text,
            f.hint,
        ]
        for f in findings
    ]


def decode_findings(rows: Sequence[Sequence[Any]], path: str) -> tuple[Finding, ...]:
    """The findings `encode_findings` stored, for the file at `path`."""
    return tuple(
        Finding(
            code=row[0],
            rule=row[1],
            severity=Severity(row[2]),
            message=row[3],
            path=path,
            location=Location(row[4], row[5]),
            footnote=row[6],
            related=tuple(row[7]),
            claim_date=decode_date(row[8]),
            source_date=decode_date(row[9]),
            claim=row[10],
            note_text=row[11],
            hint=row[12],
        )
        for row in rows
    )
