"""Which note each marker of a book resolves to, and which notes some file cites.

Within one file a marker resolves by its key (numbering scope and label), as the
document rules already check. Across files:

- a marker whose link points into another file resolves to the note of that file
  with its label (the one whose back-link returns to the marker's file, when there
  are several), whether that file is in the run or read for its notes only;
- in a book its tool merges into one output (bookdown), a marker with no note in
  its own file resolves to a note of that label in another chapter; in any other
  book, to the note of that label in the book's notes file (a report's notes
  chapter that the chapters cite by number alone).

The result says what the book rules need: the notes cited from another file, the
markers resolved in another file, the markers whose link leads nowhere (or to a
file without their note), and how many markers of other files cite each file.
"""

from __future__ import annotations

import os
import posixpath
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from footcheck.footnotes import pattern_store
from footcheck.footnotes.book.books import Book
from footcheck.footnotes.book.facts import MarkerFact, NoteFact
from footcheck.footnotes.book.links import Followed, Links
from footcheck.footnotes.model import Location
from footcheck.footnotes.results import Unit


@dataclass(frozen=True)
class Unresolved:
    """A marker whose link leads to a missing file, or to a file without its note."""

    unit: Unit
    marker: MarkerFact
    followed: Followed  # `missing` set, or the unit it leads to


@dataclass
class Resolution:
    """What a book's cross-file references come to (see the module docstring)."""

    # (unit path, note key) of notes that a marker of another file cites
    cited: set[tuple[str, tuple[int, str]]] = field(default_factory=set)
    # (unit path, marker location) of markers with no note of their own resolved elsewhere
    resolved_elsewhere: set[tuple[str, Location]] = field(default_factory=set)
    unresolved: list[Unresolved] = field(default_factory=list)
    # unit path -> how many markers of other files cite it
    citers: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # unit path -> files read for their notes only, as the unit's links name them
    read_for_notes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def resolve(book: Book, links: Links) -> Resolution:
    """Resolve every cross-file reference of the book's units."""
    resolution = Resolution()
    citing: dict[str, list[str]] = {}  # notes file -> the files citing it, in book order
    notes_files = [u for u in book.units if u.facts.is_notes_file]
    shared = _notes_by_label(book.units if book.merged else notes_files)
    for unit in book.units:
        adopted = unit.facts.unresolved and bool(shared)
        if not unit.facts.links and not adopted:
            continue  # nothing of it points elsewhere, and nothing else resolves into it
        own = {note.key for note in unit.facts.notes}
        for marker in unit.facts.markers:
            if marker.target is not None:
                _through_link(resolution, links, unit, marker, citing)
            elif marker.key not in own and marker.in_note != marker.label:
                elsewhere = [(o, n) for o, n in shared.get(marker.label, []) if o is not unit]
                if elsewhere:
                    other, note = elsewhere[0]
                    resolution.resolved_elsewhere.add((unit.path, marker.location))
                    _cite(resolution, unit, other, note)
    return resolution


def _notes_by_label(units: Sequence[Unit]) -> dict[str, list[tuple[Unit, NoteFact]]]:
    found: dict[str, list[tuple[Unit, NoteFact]]] = defaultdict(list)
    for unit in units:
        for note in unit.facts.notes:
            found[note.label].append((unit, note))
    return found


def _through_link(
    resolution: Resolution,
    links: Links,
    unit: Unit,
    marker: MarkerFact,
    citing: dict[str, list[str]],
) -> None:
    assert marker.target is not None
    followed = links.follow(unit, marker.target)
    if followed.missing is not None:
        resolution.unresolved.append(Unresolved(unit, marker, followed))
        return
    other = followed.unit
    if other is None:
        return  # not followed: outside the book, or not a file footcheck reads
    if followed.notes_only:
        resolution.read_for_notes[unit.path].add(marker.target.split("#", 1)[0])
    origins = citing.setdefault(other.path, [])
    if unit.path not in origins:
        origins.append(unit.path)
    note = _note_for(other, marker, unit, origins.index(unit.path))
    if note is None:
        resolution.unresolved.append(Unresolved(unit, marker, followed))
        return
    _cite(resolution, unit, other, note)


def _cite(resolution: Resolution, origin: Unit, other: Unit, note: NoteFact) -> None:
    resolution.cited.add((other.path, note.key))
    if other is not origin:
        resolution.citers[other.path] += 1


def _note_for(other: Unit, marker: MarkerFact, origin: Unit, ordinal: int) -> NoteFact | None:
    """The note of `other` a marker of `origin` resolves to: the one showing its label.

    A notes file numbered again for each chapter shows a label several times (the
    reader names the later ones "1 (2)", "1 (3)"): the note whose back-link returns
    to the marker's file, else the one of the chapter's turn (`ordinal`: the second
    file citing the notes file takes the second "1").
    """
    candidates = [n for n in other.facts.notes if _shown(n.label) == marker.label]
    if len(candidates) > 1:
        home = _name(origin.locator)
        returning = [n for n in candidates if n.cited_from and _name(n.cited_from) == home]
        if returning:
            return returning[0]
        return candidates[min(ordinal, len(candidates) - 1)]
    return candidates[0] if candidates else None


# The label a reader gives the later notes that show one label: "1 (2)".
_AGAIN = pattern_store.compile(r"^(.+) \(\d+\)$")


def _shown(label: str) -> str:
    """The label a note shows ("1" for "1 (2)")."""
    again = _AGAIN.match(label)
    return again.group(1) if again else label


def _name(path: str) -> str:
    """A file's own name, from a locator or a link as written."""
    path = path.split("#", 1)[0].rsplit(":", 1)[-1]
    return posixpath.basename(path.replace(os.sep, "/"))
