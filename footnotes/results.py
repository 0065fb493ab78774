"""What a run returns: one `FileResult` per file, and the `RunResult` with its exit status.

Plain frozen dataclasses, shared by the run, the cache, the baseline and the
reporters (none of which need to know how a result was made).
"""

from __future__ import annotations

from dataclasses import dataclass

from footcheck.footnotes.model import Finding, PartialDate, Severity


@dataclass(frozen=True)
class FileResult:
    """The outcome for one file: its findings, or the one-line reason it was not checked."""

    path: str
    format: str | None
    error: str | None = None
    report_date: PartialDate | None = None
    markers: int = 0
    footnotes: int = 0
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class RunResult:
    """Every file's result, in a stable order, and the exit status they make."""

    files: tuple[FileResult, ...]
    fail_on: Severity = Severity.WARNING

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for r in self.files for f in r.findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def failed_files(self) -> int:
        return sum(1 for r in self.files if r.error is not None)

    @property
    def exit_code(self) -> int:
        """0 clean; 1 a finding at or above fail-on (info never fails); 2 a file unchecked."""
        if self.failed_files:
            return 2
        threshold = max(self.fail_on.rank, Severity.WARNING.rank)
        if any(f.severity.rank >= threshold for f in self.findings):
            return 1
        return 0
