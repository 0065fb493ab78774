"""Which units of a run make one book, and in which order their chapters come.

Units are one book when a link joins them (a marker pointing into another file, a
note returning to one), when one table of contents lists them (SUMMARY.md,
_bookdown.yml, _quarto.yml, an OPF spine: `manifests`), when a `books` entry of the
configuration names them, or when one EPUB holds them. Each other unit is a book
of its own. A book's order is its table of contents' where it has one (then the
order is known: neighbouring chapters can be compared), else natural file-name
order ("chapter-2" before "chapter-10").
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from footcheck.footnotes import pattern_store
from footcheck.footnotes.book.paths import real_path
from footcheck.footnotes.results import Unit

_DIGITS = pattern_store.compile(r"(\d+)")


@dataclass
class Book:
    """Units checked together, in book order."""

    name: str
    units: list[Unit] = field(default_factory=list)
    merged: bool = False  # the tool merges the chapters: note labels are shared
    # Each chapter's place in the book's own table of contents (or EPUB spine), by
    # unit path; empty when the order comes from file names.
    places: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Listing:
    """Chapters that a table of contents or the configuration puts in one book, in order."""

    name: str
    chapters: tuple[str, ...]  # real paths
    merged: bool = False


class _Groups:
    """Union-find over unit indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group(
    units: Sequence[Unit],
    linked: Callable[[Unit], Iterable[Unit]],
    listings: Sequence[Listing] = (),
    *,
    adopt: bool = False,
) -> list[Book]:
    """The books the units make, each in book order, in the order of their first unit.

    With `adopt`, a file whose markers have no link and no note of their own joins
    the book of the one notes file in its folder (a report's notes chapter, which
    the chapters cite by number alone).
    """
    index = {id(u): i for i, u in enumerate(units)}
    groups = _Groups(len(units))
    by_real: dict[str, int] = {}
    by_book: dict[str, int] = {}
    for i, unit in enumerate(units):
        if unit.book is not None:
            groups.join(by_book.setdefault(unit.book, i), i)
        elif unit.locator and listings:
            by_real[real_path(unit.locator)] = i
        for other in linked(unit):
            j = index.get(id(other))
            if j is not None:
                groups.join(i, j)
    if adopt:
        _adopt(units, groups)
    listing_of: dict[int, Listing] = {}
    for listing in listings:
        members = [by_real[p] for p in listing.chapters if p in by_real]
        for j in members[1:]:
            groups.join(members[0], j)
        for j in members:
            listing_of.setdefault(j, listing)
    members_of: dict[int, list[int]] = {}
    for i in range(len(units)):
        members_of.setdefault(groups.find(i), []).append(i)
    books: list[Book] = []
    for root in sorted(members_of):
        members = members_of[root]
        listed = next((listing_of[i] for i in members if i in listing_of), None)
        books.append(_book([units[i] for i in members], listed))
    return books


def _adopt(units: Sequence[Unit], groups: _Groups) -> None:
    notes_files: dict[str, list[int]] = {}
    for i, unit in enumerate(units):
        if unit.facts.is_notes_file:
            notes_files.setdefault(folder_of(unit), []).append(i)
    if not notes_files:
        return
    for i, unit in enumerate(units):
        if unit.facts.unresolved:
            found = notes_files.get(folder_of(unit), [])
            if len(found) == 1:
                groups.join(i, found[0])


def folder_of(unit: Unit) -> str:
    """The folder a unit's file is in (inside its book file, for a chapter of an EPUB)."""
    if unit.book is not None:
        return posixpath.dirname(unit.locator)
    return os.path.dirname(real_path(unit.locator)) if unit.locator else ""


def _book(members: list[Unit], listing: Listing | None) -> Book:
    if members[0].book is not None:
        # The spine's order already.
        return Book(members[0].book, members, places={u.path: n for n, u in enumerate(members)})
    if listing is None:
        ordered = sorted(members, key=lambda u: natural_key(u.path))
        return Book(ordered[0].path if len(ordered) == 1 else _common_folder(ordered), ordered)
    position = {path: n for n, path in enumerate(listing.chapters)}

    def place(unit: Unit) -> tuple[int, tuple[object, ...]]:
        at = position.get(real_path(unit.locator), len(position))
        return (at, natural_key(unit.path))

    ordered = sorted(members, key=place)
    places = {u.path: n for u in ordered if (n := place(u)[0]) < len(position)}
    return Book(listing.name, ordered, listing.merged, places)


def _common_folder(units: Sequence[Unit]) -> str:
    folder = os.path.commonpath([os.path.dirname(u.path) or "." for u in units])
    return folder or "."


def natural_key(path: str) -> tuple[object, ...]:
    """A path's sort key with its numbers compared as numbers: chapter-2 before chapter-10."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in _DIGITS.split(path)
        if part
    )


def neighbours(book: Book, first: Unit, second: Unit) -> bool:
    """Whether `second` follows `first` with no chapter between them that the run lacks.

    In a book whose order comes from its table of contents, they are neighbours when
    the listing has nothing between them; in file-name order, when their names differ
    only by a number one apart ("chapter-1", "chapter-2").
    """
    if first.path in book.places and second.path in book.places:
        return book.places[second.path] == book.places[first.path] + 1
    if book.places:
        return False
    a, b = _DIGITS.split(first.path), _DIGITS.split(second.path)
    if len(a) != len(b):
        return False
    steps = [
        (int(y) - int(x)) if x.isdigit() and y.isdigit() else (0 if x == y else None)
        for x, y in zip(a, b, strict=True)
    ]
    return None not in steps and sorted(s for s in steps if s) == [1]
