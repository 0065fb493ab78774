"""Results as JSON for the cache: compact rows, every value checked on the way back.

A stored result is decoded into the same `FileResult` the check made; an entry of
another shape raises (LookupError, TypeError, ValueError) and is computed again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from footcheck.footnotes.book import facts
from footcheck.footnotes.model import Finding, Location, PartialDate, Severity
from footcheck.footnotes.results import FileOutcome, FileResult, Unit


def encode_outcome(outcome: FileOutcome) -> dict[str, Any]:
    """A file's outcome as JSON: its result and its units' facts."""
    units = [[unit.path, unit.book, facts.encode(unit.facts)] for unit in outcome.units]
    return {"result": encode_result(outcome.result), "units": units}


def decode_outcome(stored: dict[str, Any], path: str, source: str) -> FileOutcome:
    """The outcome `encode_outcome` stored, for the file at `path` read from `source`."""
    units = tuple(
        Unit(str(name), str(name) if book else source, facts.decode(stored_facts), book)
        for name, book, stored_facts in stored["units"]
    )
    return FileOutcome(decode_result(stored["result"], path), units)


def encode_result(result: FileResult) -> dict[str, Any]:
    """A file's result as JSON (its path is the entry's own, kept outside)."""
    return {
        "format": result.format,
        "error": result.error,
        "report_date": encode_date(result.report_date),
        "markers": result.markers,
        "footnotes": result.footnotes,
        "findings": encode_findings(result.findings, result.path),
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


def encode_findings(findings: Sequence[Finding], path: str) -> list[list[Any]]:
    """Findings as compact JSON rows (the file's own `path` is kept once; a finding in
    a chapter of a book file keeps its own)."""
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
            f.related_path,
            f.related_line,
            None if f.path == path else f.path,
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
            path=row[15] or path,
            location=Location(row[4], row[5]),
            footnote=row[6],
            related=tuple(row[7]),
            claim_date=decode_date(row[8]),
            source_date=decode_date(row[9]),
            claim=row[10],
            note_text=row[11],
            hint=row[12],
            related_path=row[13],
            related_line=row[14],
        )
        for row in rows
    )
