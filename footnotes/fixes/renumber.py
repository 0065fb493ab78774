"""FN004's fix, planned: the new number of every note, in order of first reference.

What `footcheck fix` rewrites for a document whose numbered markers first appear out
of sequence (or skip a number): each numbering scope (a chapter, where numbering
restarts) is renumbered on its own, counting from where FN004 counts (the first
marker's number, or the lowest note's when that is lower: a chapter continuing the
book's numbering stays where it is). The notes body markers cite come first, in the
order their markers first appear; then the notes only other notes cite, then those
nothing cites, each in the order they are defined. `Renumbering.order` is the notes'
new order, which the notes are moved into.

Only what is safe is planned. A scope is left alone, with the reason, when a marker
has no note there (FN001: which number would it get?), when a label is defined twice
(FN003: which definition is meant?), when a label is not a number, or when its
markers are numbered by a word processor (DOCX, ODT) or point into another file.
A scope already in order gets no change: the fix is idempotent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from footcheck.footnotes.model import Document, Marker, Note, label_number


@dataclass(frozen=True)
class ScopeRenumbering:
    """One numbering scope's plan: old label -> new label (changed ones only), the
    scope's notes (indexes into `Document.notes`) in their new order, or why not."""

    scope: int
    labels: dict[str, str] = field(default_factory=dict)
    order: tuple[int, ...] = ()
    skipped: str | None = None

    @property
    def changes(self) -> bool:
        return bool(self.labels) or self.order != tuple(sorted(self.order))


@dataclass(frozen=True)
class Renumbering:
    """The plan for a whole document, scope by scope (only scopes with numbered notes)."""

    scopes: tuple[ScopeRenumbering, ...] = ()

    @property
    def changes(self) -> bool:
        return any(s.changes for s in self.scopes if s.skipped is None)

    def labels(self) -> dict[tuple[int, str], str]:
        """(scope, old label) -> new label, for every label that changes."""
        return {
            (plan.scope, old): new
            for plan in self.scopes
            if plan.skipped is None
            for old, new in plan.labels.items()
        }

    def label_map(self) -> dict[str, str]:
        """Old label -> new label over the document (`shown`)."""
        return shown(self.labels())


def shown(labels: dict[tuple[int, str], str]) -> dict[str, str]:
    """(scope, old label) -> new label, as the map gives it: by old label (`qualified`)."""
    name = qualified(labels)
    return {name(key): new for key, new in labels.items()}


def qualified(keys: Iterable[tuple[int, str]]) -> Callable[[tuple[int, str]], str]:
    """How to name each (scope, label) of `keys` in the map: by its label, or as
    "scope:label" when the label stands in more than one numbering scope among them
    (a book whose numbering restarts per chapter)."""
    scopes: dict[str, set[int]] = {}
    for scope, label in keys:
        scopes.setdefault(label, set()).add(scope)

    def name(key: tuple[int, str]) -> str:
        scope, label = key
        return f"{scope}:{label}" if len(scopes.get(label, ())) > 1 else label

    return name


def plan_renumbering(doc: Document, starts: Mapping[int, int] | None = None) -> Renumbering:
    """How to renumber every numbering scope of `doc` into order of first reference;
    `starts`: the number a scope counts from, where it is known better than from what
    is left of it (notes were deleted from its start)."""
    notes_by_scope: dict[int, list[int]] = {}
    for index, note in enumerate(doc.notes):
        notes_by_scope.setdefault(note.scope, []).append(index)
    markers_by_scope: dict[int, list[Marker]] = {}
    for marker in doc.markers:
        markers_by_scope.setdefault(marker.scope, []).append(marker)
    plans = []
    for scope in sorted(set(notes_by_scope) | set(markers_by_scope)):
        notes = notes_by_scope.get(scope, [])
        markers = markers_by_scope.get(scope, [])
        start = (starts or {}).get(scope) or numbering_start(doc.notes, notes, markers)
        plans.append(_plan_scope(scope, doc.notes, notes, markers, start))
    return Renumbering(tuple(plans))


def numbering_start(all_notes: Sequence[Note], indexes: list[int], markers: list[Marker]) -> int:
    """Where a scope's numbering starts: its first marker's number, or its lowest
    note's when that is lower (1 when nothing is numbered)."""
    numbers = [label_number(all_notes[i].label) for i in indexes]
    first_marker = label_number(markers[0].label) if markers else None
    return min((n for n in [first_marker, *numbers] if n is not None), default=1)


def _plan_scope(
    scope: int,
    all_notes: Sequence[Note],
    indexes: list[int],
    markers: list[Marker],
    start: int,
) -> ScopeRenumbering:
    notes = [all_notes[i] for i in indexes]
    why = _unsafe(notes, markers)
    if why is not None:
        return ScopeRenumbering(scope, skipped=why)
    if not notes:
        return ScopeRenumbering(scope)
    index_of = {note.label: i for note, i in zip(notes, indexes, strict=True)}
    order: list[int] = []
    for marker in markers:  # the body's markers, in reading order
        index = index_of[marker.label]
        if index not in order:
            order.append(index)
    by_note = [
        index_of[m.label]
        for i in indexes
        for m in all_notes[i].markers
        if m.scope == scope and m.label in index_of and m.target is None
    ]
    for index in [*by_note, *indexes]:  # cited by notes only, then by nothing
        if index not in order:
            order.append(index)
    labels = {
        all_notes[index].label: str(start + position)
        for position, index in enumerate(order)
        if all_notes[index].label != str(start + position)
    }
    return ScopeRenumbering(scope, labels, tuple(order))


def _unsafe(notes: Sequence[Note], markers: Sequence[Marker]) -> str | None:
    """Why a scope cannot be renumbered safely, or None."""
    labels = [note.label for note in notes]
    if any(label_number(label) is None for label in labels):
        return "its notes are not all numbered"
    if len(set(labels)) != len(labels):
        return "a label is defined twice (FN003): fix that first"
    if any(m.auto for m in markers):
        return "its notes are numbered by the word processor"
    if any(m.target is not None for m in markers):
        return "its markers point into another file"
    defined = set(labels)
    missing = sorted({m.label for m in markers if m.label not in defined}, key=_number_key)
    if missing:
        return f"marker [{missing[0]}] has no note (FN001): fix that first"
    return None


def _number_key(label: str) -> tuple[int, str]:
    number = label_number(label)
    return (number if number is not None else 0, label)


def close_gaps(doc: Document, deleted: Mapping[int, Sequence[str]]) -> Renumbering:
    """The numbers of `doc`'s notes closed up over the labels deleted from each scope
    (`deleted`: scope -> labels), keeping their order: after note 3 of 1-5 is
    deleted, 4 and 5 become 3 and 4. A scope whose labels are not all numbers is left
    as it is."""
    plans = []
    for scope, labels in deleted.items():
        gone = sorted(n for n in (label_number(label) for label in labels) if n is not None)
        indexes = [i for i, note in enumerate(doc.notes) if note.scope == scope]
        numbers = [label_number(doc.notes[i].label) for i in indexes]
        if not gone or any(n is None for n in numbers):
            plans.append(ScopeRenumbering(scope, order=tuple(indexes)))
            continue
        new = {
            doc.notes[i].label: str(n - sum(1 for g in gone if g < n))
            for i, n in zip(indexes, numbers, strict=True)
            if n is not None and any(g < n for g in gone)
        }
        plans.append(ScopeRenumbering(scope, new, tuple(indexes)))
    return Renumbering(tuple(plans))
