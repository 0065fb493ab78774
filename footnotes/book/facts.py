"""The small facts of one checked file that the book rules run on.

A book's rules never see a chapter's text: they see, for each file, the labels it
cites and defines, where, the files its links point into, and each note's source
key and date. These facts are made once, when the file is checked, and kept in the
cache beside its result, so that a warm run over a book re-reads no chapter that
has not changed. They are plain data, written to JSON and read back (`encode`,
`decode`).
"""

from __future__ import annotations

try:  # blake2b itself: hashlib would load OpenSSL first (about 10 million instructions)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without its own blake2
    from hashlib import blake2b
from collections.abc import Container, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from footcheck.footnotes.model import Directive, Location, PartialDate, label_number
from footcheck.footnotes.rules.base import shorten
from footcheck.footnotes.suppress import Suppressions

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context
    from footcheck.footnotes.sources import Source


@dataclass(frozen=True, slots=True)
class MarkerFact:
    """A marker: its label, where it stands, and the file its link points into."""

    label: str
    scope: int
    location: Location
    target: str | None = None  # the other file, as written ("endnotes.xhtml")
    in_note: str | None = None  # the label of the note whose text holds it

    @property
    def key(self) -> tuple[int, str]:
        return (self.scope, self.label)


@dataclass(frozen=True, slots=True)
class NoteFact:
    """A note: its label, where it stands, whom it returns to, and its source.

    `source_key` is a digest of the note's duplicate key (empty when the note is not
    compared: an "Ibid.", a cross-reference, a note too short); `undated_key` one of
    the same key without its publication date (empty when the source is not named
    well enough to tell one article from another); `date` the publication date.
    """

    label: str
    scope: int
    location: Location
    text: str  # shortened, for messages
    cited_from: str | None = None
    source_key: str = ""
    undated_key: str = ""
    date: PartialDate | None = None

    @property
    def key(self) -> tuple[int, str]:
        return (self.scope, self.label)


# A marker as a row: label, scope, line, column, target, in_note.
MarkerRow = tuple[str, int, int, int, "str | None", "str | None"]
# A note as a row: label, scope, line, column, text, cited_from, source key, undated
# key, date (year, month, day) or None.
NoteRow = tuple[
    str, int, int, int, str, "str | None", str, str, "tuple[int, int | None, int | None] | None"
]


class FileFacts:
    """What the book rules know of one checked file.

    Kept as rows of plain values (cheap to hand back from a worker process and to
    write to the cache) and read as `MarkerFact`s and `NoteFact`s only when a book
    rule asks: a file alone in its book never needs them. `links` says whether any
    marker or note points into another file; the source dates (CT003) are compared
    on the rows themselves.
    """

    __slots__ = (
        "_markers",
        "_notes",
        "body_markers",
        "body_prose",
        "links",
        "marker_rows",
        "note_rows",
        "suppressions",
        "unresolved",
    )

    def __init__(
        self,
        marker_rows: tuple[MarkerRow, ...] = (),
        note_rows: tuple[NoteRow, ...] = (),
        body_markers: int = 0,
        body_prose: bool = False,
        suppressions: Suppressions | None = None,
    ) -> None:
        self.marker_rows = marker_rows
        self.note_rows = note_rows
        self.body_markers = body_markers  # markers in the body (not inside notes)
        self.body_prose = body_prose  # the body has a sentence (a notes file has none)
        self.suppressions = suppressions or Suppressions()
        self.links = any(r[4] for r in marker_rows) or any(r[5] for r in note_rows)
        # A marker with no link and no note of its own (its note may be in the book's
        # notes file).
        defined = {(r[1], r[0]) for r in note_rows}
        self.unresolved = any(
            r[4] is None and r[5] != r[0] and (r[1], r[0]) not in defined for r in marker_rows
        )
        self._markers: tuple[MarkerFact, ...] | None = None
        self._notes: tuple[NoteFact, ...] | None = None

    def __getstate__(self) -> tuple[object, ...]:
        """Only the rows travel (to and from worker processes), never what was read."""
        plan = self.suppressions
        return (
            self.marker_rows,
            self.note_rows,
            self.body_markers,
            self.body_prose,
            plan if plan.disabled or plan.directives or plan.notes else None,
        )

    def __setstate__(self, state: tuple[object, ...]) -> None:
        self.__init__(*state)  # type: ignore[misc]

    @property
    def note_count(self) -> int:
        return len(self.note_rows)

    @property
    def is_notes_file(self) -> bool:
        """A file of notes: two or more, no markers, and no prose in its body, only
        headings (an endnotes file, a notes chapter). A report whose markers were lost
        keeps its prose, and a draft holding one stray note is no notes file: their
        notes are each unused (FN002)."""
        return self.note_count >= 2 and not self.body_markers and not self.body_prose

    @property
    def markers(self) -> tuple[MarkerFact, ...]:
        """Every marker, in the body then in notes, in reading order."""
        if self._markers is None:
            self._markers = tuple(_marker(row) for row in self.marker_rows)
        return self._markers

    @property
    def notes(self) -> tuple[NoteFact, ...]:
        """Every note, in document order."""
        if self._notes is None:
            self._notes = tuple(_note(row) for row in self.note_rows)
        return self._notes

    def source_dates(self) -> set[tuple[str, tuple[int | None, ...]]]:
        """(undated key, date) of the notes whose source can be told from its date."""
        return {(row[7], tuple(row[8])) for row in self.note_rows if row[7] and row[8]}

    def source_keys(self) -> frozenset[str]:
        """The duplicate keys (digests) of the notes that have one."""
        return frozenset(row[6] for row in self.note_rows if row[6])

    def sources_among(self, keys: Container[str]) -> Iterator[NoteFact]:
        """The notes whose undated key is one of `keys`, in document order."""
        for row in self.note_rows:
            if row[7] and row[7] in keys:
                yield _note(row)

    @property
    def first_number(self) -> tuple[int, MarkerFact] | None:
        """The first numbered body marker in reading order, with its number."""
        for marker in self.markers:
            if marker.in_note is None and (number := label_number(marker.label)) is not None:
                return number, marker
        return None

    @property
    def highest_body_number(self) -> int | None:
        """The highest number a body marker carries."""
        numbers = [
            n
            for m in self.markers
            if m.in_note is None and (n := label_number(m.label)) is not None
        ]
        return max(numbers) if numbers else None


def _marker(row: MarkerRow) -> MarkerFact:
    label, scope, line, column, target, in_note = row
    return MarkerFact(label, scope, Location(line, column), target, in_note)


def _note(row: NoteRow) -> NoteFact:
    label, scope, line, column, text, cited_from, key, undated, date = row
    when = None if date is None else PartialDate(*date)
    return NoteFact(label, scope, Location(line, column), text, cited_from, key, undated, when)


def facts_of(ctx: Context, suppressions: Suppressions) -> FileFacts:
    """The facts of the document `ctx` holds."""
    from footcheck.footnotes.source_keys import comparable_key, undated_key

    doc = ctx.doc
    markers: list[MarkerRow] = [
        (m.label, m.scope, m.location.line, m.location.column, m.target, None) for m in doc.markers
    ]
    body = len(markers)
    for note in doc.notes:
        markers.extend(
            (m.label, m.scope, m.location.line, m.location.column, m.target, note.label)
            for m in note.markers
        )
    notes = tuple(
        _note_row(s, _digest(key), _digest(undated_key(s, key)))
        for s in ctx.sources
        for key in [comparable_key(s)]
    )
    prose = any(_is_prose(p.text) for p in doc.paragraphs)
    return FileFacts(tuple(markers), notes, body, prose, suppressions)


def _digest(key: str) -> str:
    """A source key as a short digest: the book rules only ask whether two are equal,
    and a 64-bit digest is far smaller to hand back from a worker and to cache."""
    if not key:
        return ""
    return blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


# A sentence: this many words at least, ending as sentences end.
_SENTENCE_WORDS = 6


def _is_prose(text: str) -> bool:
    """A paragraph that reads as a sentence, not a heading or a title."""
    text = text.rstrip(" \"'”’)")
    return text.endswith((".", "!", "?", ":")) and len(text.split()) >= _SENTENCE_WORDS


def _note_row(source: Source, key: str, undated: str) -> NoteRow:
    note = source.note
    date = None if source.ibid else source.publication_date
    return (
        note.label,
        note.scope,
        note.location.line,
        note.location.column,
        shorten(note.text),
        note.cited_from,
        key,
        undated,
        None if date is None else (date.year, date.month, date.day),
    )


# --- JSON, for the cache ------------------------------------------------------------------


def encode(facts: FileFacts) -> dict[str, Any]:
    """The facts as compact JSON (their rows as they are)."""
    return {
        "markers": facts.marker_rows,
        "notes": facts.note_rows,
        "body": facts.body_markers,
        "prose": facts.body_prose,
        "suppressions": _encode_suppressions(facts.suppressions),
    }


def decode(stored: dict[str, Any]) -> FileFacts:
    """The facts `encode` wrote; LookupError, TypeError or ValueError for another shape.

    The rows' shape is checked here (a damaged entry is a miss); their values are
    read when a book rule asks, and a value of the wrong kind then fails the book
    pass, which the run survives (`runner.finish_run`).
    """
    markers = _rows(stored["markers"], 6)
    notes = _rows(stored["notes"], 9)
    return FileFacts(
        markers,
        notes,
        int(stored["body"]),
        bool(stored["prose"]),
        _decode_suppressions(stored["suppressions"]),
    )


def _rows(stored: Any, size: int) -> tuple[tuple[Any, ...], ...]:
    if not isinstance(stored, list):
        raise TypeError("rows must be a list")
    rows = tuple(tuple(row) for row in stored if isinstance(row, list) and len(row) == size)
    if len(rows) != len(stored):
        raise ValueError("a row of another shape")
    return rows


def _encode_suppressions(plan: Suppressions) -> dict[str, Any]:
    return {
        "disabled": plan.disabled,
        "directives": [
            [d.line, d.scope, sorted(d.codes), sorted([p.line, p.column] for p in places)]
            for d, places in plan.directives
        ],
        "notes": [[label, at.line, at.column] for label, at in plan.notes],
    }


def _decode_suppressions(stored: dict[str, Any]) -> Suppressions:
    return Suppressions(
        disabled=bool(stored["disabled"]),
        directives=tuple(
            (
                Directive(int(line), str(scope), frozenset(codes)),
                frozenset(Location(int(a), int(b)) for a, b in places),
            )
            for line, scope, codes, places in stored["directives"]
        ),
        notes=tuple((str(label), Location(int(a), int(b))) for label, a, b in stored["notes"]),
    )
