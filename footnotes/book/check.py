"""The book pass: the rules that look across files, run once per book over their facts.

After every file of a run is checked on its own, this pass groups the units into
books (`books.group`), resolves the markers that point into other files
(`resolve`), and then:

- drops the document findings that the book answers: a note of a notes file that a
  chapter cites is not unused (FN002), a marker whose note a merged book holds in
  another chapter is not missing (FN001), and a notes file nothing cites says so
  once (FN006) instead of once per note;
- runs the book rules (`check_book` of each rule module), and those that look
  across every file of the run (CT003) once over all of them.

With books off (`--no-book`) each file is a book of its own and no link is
followed, except between the chapters of one book file (an EPUB).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from footcheck.footnotes.book.books import Book, Listing, group
from footcheck.footnotes.book.links import Links
from footcheck.footnotes.book.resolve import Resolution, resolve
from footcheck.footnotes.book.view import BookView
from footcheck.footnotes.model import Finding, Location
from footcheck.footnotes.results import Unit
from footcheck.footnotes.rules import BOOK_RULES, Rule


@dataclass
class BookOutcome:
    """What the book pass adds to and takes from each unit's findings."""

    added: dict[str, list[Finding]] = field(default_factory=lambda: defaultdict(list))
    # unit path -> (code, location, label) of document findings the book answers
    dropped: dict[str, set[tuple[str, Location, str | None]]] = field(
        default_factory=lambda: defaultdict(set)
    )
    read_for_notes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    failures: dict[str, str] = field(default_factory=dict)  # unit path -> internal error

    def kept(self, path: str, findings: Iterable[Finding]) -> list[Finding]:
        """A unit's document findings that the book leaves standing, and the book's own."""
        gone = self.dropped.get(path, set())
        kept = [f for f in findings if (f.code, f.location, f.footnote) not in gone]
        return kept + self.added.get(path, [])


def check_books(
    units: Sequence[Unit],
    links: Links,
    *,
    linked: bool,
    listings: Sequence[Listing] = (),
    selected: Callable[[str], Iterable[Rule]],
    debug: bool = False,
) -> BookOutcome:
    """Run the book pass over a run's units (see the module docstring).

    `selected(path)` gives the rules selected for a unit's path. A book rule that
    fails (a bug) costs its own findings: the book's files say so in their error,
    and under `debug` the exception goes through.
    """
    outcome = BookOutcome()
    if linked:
        books = group(units, lambda unit: _linked(unit, links), listings, adopt=True)
    else:
        books = group(units, lambda unit: ())
    wanted = {unit.path: {r.code for r in selected(unit.path)} for unit in units}
    for book in books:
        follow = linked or book.units[0].book is not None
        resolution = resolve(book, links) if follow else Resolution()
        view = BookView(book, resolution, links, linked=follow)
        _drop_answered(view, outcome, wanted)
        for path, found in resolution.read_for_notes.items():
            outcome.read_for_notes[path].update(found)
        for rule in BOOK_RULES:
            if not rule.across_books:
                _add(outcome, rule, view, wanted, debug)
    across = [rule for rule in BOOK_RULES if rule.across_books]
    if linked:
        in_order = [unit for book in books for unit in book.units]
        everything = BookView(Book(".", in_order), Resolution(), links)
        for rule in across:
            _add(outcome, rule, everything, wanted, debug)
    else:
        for book in books:
            view = BookView(book, Resolution(), links, linked=False)
            for rule in across:
                _add(outcome, rule, view, wanted, debug)
    return outcome


def _linked(unit: Unit, links: Links) -> Iterable[Unit]:
    """The units of the run that a unit's links lead to (its markers' and its notes')."""
    if not unit.facts.links:
        return
    for link in {m.target for m in unit.facts.markers} | {n.cited_from for n in unit.facts.notes}:
        if link is not None:
            other = links.follow(unit, link, read=False).unit
            if other is not None:
                yield other


def _drop_answered(view: BookView, outcome: BookOutcome, wanted: dict[str, set[str]]) -> None:
    resolution = view.resolution
    cited = {path for path, _ in resolution.cited}
    resolved = {path for path, _ in resolution.resolved_elsewhere}
    for unit in view.units:
        orphan = "FN006" in wanted.get(unit.path, ()) and view.orphan(unit)
        # A notes file that chapters cite: FN002 speaks of the book (check_book).
        shared = view.linked and view.is_notes_file(unit) and not view.orphan(unit)
        if orphan or shared or unit.path in cited:
            dropped = outcome.dropped[unit.path]
            for note in unit.facts.notes:
                if orphan or shared or (unit.path, note.key) in resolution.cited:
                    dropped.add(("FN002", note.location, note.label))
        if unit.path in resolved:
            for marker in unit.facts.markers:
                if (unit.path, marker.location) in resolution.resolved_elsewhere:
                    outcome.dropped[unit.path].add(("FN001", marker.location, marker.label))


def _add(
    outcome: BookOutcome, rule: Rule, view: BookView, wanted: dict[str, set[str]], debug: bool
) -> None:
    assert rule.check_book is not None
    try:
        found = list(rule.check_book(view))
    except Exception as exc:  # a rule bug must not end the run
        if debug:
            raise
        error = (
            f"internal error in rule {rule.code} across the book "
            f"({type(exc).__name__}: {exc}); please report it"
        )
        for unit in view.units:
            outcome.failures.setdefault(unit.path, error)
        return
    for finding in found:
        if rule.code in wanted.get(finding.path, ()):
            outcome.added[finding.path].append(finding)
