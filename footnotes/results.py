"""What a run returns: one `FileResult` per file, and the `RunResult` with its exit status.

Plain frozen dataclasses, shared by the run, the cache, the baseline and the
reporters (none of which need to know how a result was made).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Finding, PartialDate, Severity

if TYPE_CHECKING:
    from footcheck.footnotes.book.facts import FileFacts


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
    # Files read for their notes only (a chapter's notes file, not named in the run).
    notes_read_from: tuple[str, ...] = ()
    # Each document's part of the HTML report, (path, UTF-8 fragment), one per chapter
    # of a book file; made only when the run draws a page (Config.unit_page), else None.
    pages: tuple[tuple[str, bytes], ...] | None = field(default=None, compare=False, repr=False)


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


@dataclass(frozen=True)
class Unit:
    """One document the book rules see: a file, or one chapter of a book file (EPUB).

    `path` is how findings name it; `locator` where its links start from (the file
    on disk; "book.epub:OEBPS/chapter-1.xhtml" for a chapter; "" for standard
    input, whose links go nowhere); `book` the book file holding it, if any.
    """

    path: str
    locator: str
    facts: FileFacts
    book: str | None = None


@dataclass(frozen=True)
class FileOutcome:
    """A file's result before its suppressions and the book rules, and its units' facts.

    A file that could not be checked has no units; its result is final.
    """

    result: FileResult
    units: tuple[Unit, ...] = ()
