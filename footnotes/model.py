"""The data footcheck works on: a parsed document, its notes and markers, dates, findings.

Plain frozen dataclasses with no behaviour beyond small helpers. Parsers build a
`Document`; the language layer (claims, dates, sources) and the rules read it; the
rules produce `Finding`s, which the reporters render. Nothing here knows a file format.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


class Severity(enum.Enum):
    """How bad a finding is; `--fail-on` picks the lowest one that fails a run."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


# Days in each month of a leap year (a February 29 is checked against its year).
_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class Precision(enum.IntEnum):
    """How much of a date is known."""

    YEAR = 1
    MONTH = 2
    DAY = 3


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    A `PartialDate` may hold values that cannot exist (February 30, month 13): the
    date layer keeps them so that DT003 can report them; `is_valid()` tells.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.month is None:
            return Precision.YEAR
        if self.day is None:
            return Precision.MONTH
        return Precision.DAY

    def is_valid(self) -> bool:
        if not 1 <= self.year <= 9999:
            return False
        if self.month is None:
            return self.day is None
        if not 1 <= self.month <= 12:
            return False
        if self.day is None:
            return True
        if self.month == 2 and self.day == 29:
            year = self.year
            return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 1 <= self.day <= _DAYS_IN_MONTH[self.month]

    def iso(self) -> str:
        """`2023-09-07`, `2023-09` or `2023`, at the precision known."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def truncated(self, precision: Precision) -> PartialDate:
        """This date cut down to `precision` (never made finer)."""
        if precision >= self.precision:
            return self
        if precision is Precision.YEAR:
            return PartialDate(self.year)
        return PartialDate(self.year, self.month)

    def _key(self, precision: Precision) -> tuple[int, ...]:
        parts = (self.year, self.month or 0, self.day or 0)
        return parts[: int(precision)]

    def compare(self, other: PartialDate) -> int:
        """-1, 0 or 1, comparing at the coarsest precision both sides have.

        "March 2023" is neither before nor after "2023"; "2022" is before "March 2023".
        """
        common = min(self.precision, other.precision)
        a, b = self._key(common), other._key(common)
        return (a > b) - (a < b)

    def before(self, other: PartialDate) -> bool:
        return self.compare(other) < 0

    def after(self, other: PartialDate) -> bool:
        return self.compare(other) > 0

    def __str__(self) -> str:
        return self.iso()


def current_date() -> PartialDate:
    """Today's date, as the run's "today"."""
    import datetime

    today = datetime.date.today()
    return PartialDate(today.year, today.month, today.day)


def iso_or_none(date: PartialDate | None) -> str | None:
    """A date's ISO form, or None: how the JSON outputs write dates."""
    return date.iso() if date is not None else None


@dataclass(frozen=True, slots=True)
class Location:
    """1-based line and column in the source (for DOCX/ODT, line is the paragraph number)."""

    line: int
    column: int = 1


def label_number(label: str) -> int | None:
    """The number a label is written as ("12"), or None ("a", "imf-2021", "²")."""
    return int(label) if label.isascii() and label.isdigit() else None


@dataclass(frozen=True, slots=True)
class Marker:
    """A footnote marker: the label as written and where it stands.

    `offset` is the position in the text of the paragraph (or note) that holds the
    marker, with the marker tokens themselves taken out of that text. `auto` is true
    for markers a word processor numbers itself (DOCX/ODT), to which the numbering
    rule does not apply.

    `scope` is the numbering sequence the marker belongs to: 0 for a document
    numbered once through; in a document whose numbering restarts (a Gutenberg book
    with notes gathered per chapter), each chapter is its own scope and a marker
    resolves to the note of its own scope. `target` is set when the marker's link
    points into another file ("endnotes.xhtml"): its note lives there, not here.
    """

    label: str
    offset: int
    location: Location
    auto: bool = False
    scope: int = 0
    target: str | None = None

    @property
    def key(self) -> tuple[int, str]:
        """What the marker resolves by: its label within its numbering scope."""
        return (self.scope, self.label)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of body text, with its marker tokens taken out."""

    text: str
    location: Location
    markers: tuple[Marker, ...] = ()


@dataclass(frozen=True, slots=True)
class Note:
    """A note definition: its label, its plain text (whitespace folded), where it stands.

    `markers` are markers written inside the note's own text (a note citing another).
    `scope` is the numbering sequence the note belongs to (see `Marker`).
    `cited_from` is set when the note's back-link returns to another file
    ("chapter-3.xhtml"): a notes file whose markers live in the chapters.
    """

    label: str
    text: str
    location: Location
    kind: str = "endnote"
    markers: tuple[Marker, ...] = ()
    scope: int = 0
    cited_from: str | None = None

    @property
    def key(self) -> tuple[int, str]:
        """What markers resolve to: the label within its numbering scope."""
        return (self.scope, self.label)


_EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Directive:
    """A suppression written in the document: `<!-- footcheck: ignore DT001 -->`.

    `scope` is "next" (the next paragraph or note after `line`) or "file". No codes
    means every rule.
    """

    line: int
    scope: str
    codes: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Document:
    """A report as a parser split it: body paragraphs and numbered notes.

    `metadata` holds raw values the format carries (`"date"` from Markdown front
    matter or HTML meta tags, `"modified"` from a word processor); the domain, not
    the parser, decides which date is the report's.

    `parts` is set for a book in one file (an EPUB): one document per chapter, in
    reading order, each with its own path ("book.epub:OEBPS/chapter-3.xhtml"); the
    book's own `paragraphs` and `notes` are then empty, and the run checks the parts
    as a book.
    """

    path: str
    format: str
    paragraphs: tuple[Paragraph, ...]
    notes: tuple[Note, ...]
    report_date: PartialDate | None = None
    metadata: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    directives: tuple[Directive, ...] = ()
    parts: tuple[Document, ...] = ()

    @property
    def markers(self) -> tuple[Marker, ...]:
        """Every body marker in reading order."""
        return tuple(m for p in self.paragraphs for m in p.markers)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one document. Its JSON form is the output contract.

    `related_path` and `related_line` say where the related note is when it is in
    another file of the book (a note repeated across chapters).
    """

    code: str
    rule: str
    severity: Severity
    message: str
    path: str
    location: Location
    footnote: str | None = None
    related: tuple[str, ...] = ()
    claim_date: PartialDate | None = None
    source_date: PartialDate | None = None
    claim: str | None = None
    note_text: str | None = None
    hint: str | None = None
    related_path: str | None = None
    related_line: int | None = None


class DocumentError(Exception):
    """A file that cannot be checked; the message is one line saying why."""
