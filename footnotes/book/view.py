"""What a book rule sees: the book's units in order, their facts, and how they resolve."""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass, field

from footcheck.footnotes.book.books import Book, neighbours
from footcheck.footnotes.book.facts import NoteFact
from footcheck.footnotes.book.links import Links
from footcheck.footnotes.book.resolve import Resolution
from footcheck.footnotes.results import Unit


@dataclass
class BookView:
    """One book under check (or, for rules that look across books, every unit of a run)."""

    book: Book
    resolution: Resolution
    links: Links
    linked: bool = True  # links between files are followed (--book)
    _local: dict[str, frozenset[tuple[int, str]]] = field(default_factory=dict)

    @property
    def units(self) -> list[Unit]:
        return self.book.units

    def notes(self) -> Iterator[tuple[Unit, NoteFact]]:
        """Every note of the book, in book order."""
        for unit in self.book.units:
            for note in unit.facts.notes:
                yield unit, note

    def sources_among(self, keys: Container[str]) -> Iterator[tuple[Unit, NoteFact]]:
        """The notes of the book whose undated source key is one of `keys`, in book order."""
        for unit in self.book.units:
            for note in unit.facts.sources_among(keys):
                yield unit, note

    def neighbours(self, first: Unit, second: Unit) -> bool:
        return neighbours(self.book, first, second)

    def is_notes_file(self, unit: Unit) -> bool:
        """A file of notes (see `FileFacts.is_notes_file`)."""
        return unit.facts.is_notes_file

    def orphan(self, unit: Unit) -> bool:
        """A notes file that no marker of another file of the run cites (FN006)."""
        return self.is_notes_file(unit) and not self.resolution.citers.get(unit.path)

    def cited_locally(self, unit: Unit, note: NoteFact) -> bool:
        """A marker of the note's own file (in its body or another note) cites it."""
        if unit.path not in self._local:
            self._local[unit.path] = frozenset(
                m.key
                for m in unit.facts.markers
                if m.target is None and (m.in_note is None or m.in_note != m.label)
            )
        return note.key in self._local[unit.path]
