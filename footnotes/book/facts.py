"""The small facts of one checked file that the book rules run on.

A book's rules never see a chapter's text: they see, for each file, the labels it
cites and defines, where, the files its links point into, and each note's source
key and date. These facts are made once, when the file is checked, and kept in the
cache beside its result, so that a warm run over a book re-reads no chapter that
has not changed. They are plain data, written to JSON and read back (`encode`,
`decode`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
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

    `source_key` is the note's duplicate key (empty when the note is not compared:
    an "Ibid.", a cross-reference, a note too short); `undated_key` the same key
    without its publication date (empty when the source is not named well enough to
    tell one article from another); `date` the publication date.
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


@dataclass(frozen=True)
class FileFacts:
    """What the book rules know of one checked file."""

    markers: tuple[MarkerFact, ...] = ()
    notes: tuple[NoteFact, ...] = ()
    body_markers: int = 0  # markers in the body (not inside notes)
    body_prose: bool = False  # the body has a sentence (a notes file has headings only)
    suppressions: Suppressions = field(default_factory=Suppressions)

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


def facts_of(ctx: Context, suppressions: Suppressions) -> FileFacts:
    """The facts of the document `ctx` holds."""
    from footcheck.footnotes.sources import comparable_key, undated_key

    doc = ctx.doc
    markers = [MarkerFact(m.label, m.scope, m.location, m.target) for m in doc.markers]
    body = len(markers)
    for note in doc.notes:
        markers.extend(
            MarkerFact(m.label, m.scope, m.location, m.target, note.label) for m in note.markers
        )
    notes = tuple(_note_fact(s, comparable_key(s), undated_key(s)) for s in ctx.sources)
    prose = any(_is_prose(p.text) for p in doc.paragraphs)
    return FileFacts(tuple(markers), notes, body, prose, suppressions)


# A sentence: this many words at least, ending as sentences end.
_SENTENCE_WORDS = 6


def _is_prose(text: str) -> bool:
    """A paragraph that reads as a sentence, not a heading or a title."""
    text = text.rstrip(" \"'”’)")
    return text.endswith((".", "!", "?", ":")) and len(text.split()) >= _SENTENCE_WORDS


def _note_fact(source: Source, key: str, undated: str) -> NoteFact:
    note = source.note
    return NoteFact(
        note.label,
        note.scope,
        note.location,
        shorten(note.text),
        note.cited_from,
        key,
        undated,
        None if source.ibid else source.publication_date,
    )


# --- JSON, for the cache ------------------------------------------------------------------


def encode(facts: FileFacts) -> dict[str, Any]:
    """The facts as compact JSON."""
    return {
        "markers": [
            [m.label, m.scope, m.location.line, m.location.column, m.target, m.in_note]
            for m in facts.markers
        ],
        "notes": [
            [
                n.label,
                n.scope,
                n.location.line,
                n.location.column,
                n.text,
                n.cited_from,
                n.source_key,
                n.undated_key,
                None if n.date is None else [n.date.year, n.date.month, n.date.day],
            ]
            for n in facts.notes
        ],
        "body": facts.body_markers,
        "prose": facts.body_prose,
        "suppressions": _encode_suppressions(facts.suppressions),
    }


def decode(stored: dict[str, Any]) -> FileFacts:
    """The facts `encode` wrote; LookupError, TypeError or ValueError for another shape."""
    markers = tuple(
        MarkerFact(str(label), int(scope), Location(int(line), int(column)), target, in_note)
        for label, scope, line, column, target, in_note in stored["markers"]
    )
    notes = tuple(
        NoteFact(
            str(label),
            int(scope),
            Location(int(line), int(column)),
            str(text),
            cited_from,
            str(key),
            str(undated),
            None if date is None else PartialDate(*date),
        )
        for label, scope, line, column, text, cited_from, key, undated, date in stored["notes"]
    )
    return FileFacts(
        markers,
        notes,
        int(stored["body"]),
        bool(stored["prose"]),
        _decode_suppressions(stored["suppressions"]),
    )


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
