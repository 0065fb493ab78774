"""The check a fixed text must pass before it is written.

The fixed text is read again and checked; it is refused when anything changed that
the fixes did not mean to change: a note's text lost or altered (beyond the notes
deleted on purpose), a marker lost, a marker citing another note's text than before
(beyond the markers re-pointed to the note their note repeated), a finding of any
kind added, a finding the fixes do not fix gone (beyond those about what was
deleted), or a fixed finding still there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from footcheck.footnotes.model import Document, Finding, Location, Note


@dataclass(frozen=True)
class Intended:
    """What the fixes meant to change: notes deleted (indexes into the document's
    notes, each with the note its markers now cite, or None), and how many findings of
    each rule they fixed."""

    deleted: Mapping[int, int | None] = field(default_factory=dict)
    fixed: Mapping[str, int] = field(default_factory=dict)
    # Where the deleted notes and comments were: the findings there go with them.
    gone: frozenset[Location] = frozenset()


def refusal(
    before: Document,
    found_before: Iterable[Finding],
    after: Document,
    found_after: Iterable[Finding],
    intended: Intended | None = None,
) -> str | None:
    """Why the fixed text must not be written, or None."""
    meant = intended or Intended(fixed={"FN004": 1})
    kept = [n.text for i, n in enumerate(before.notes) if i not in meant.deleted]
    if Counter(kept) != Counter(n.text for n in after.notes):
        return "a note's text would change"
    if len(before.markers) != len(after.markers):
        return "a marker would be lost"
    if _cited(before, meant.deleted) != _cited(after, {}):
        return "a marker would cite another note's text"
    counted_before = Counter(f.code for f in found_before)
    counted_after = Counter(f.code for f in found_after)
    for code, count in counted_after.items():
        if count > counted_before.get(code, 0):
            return f"it would add a finding ({code})"
    kept_before = Counter(f.code for f in found_before if f.location not in meant.gone)
    for code, count in kept_before.items():
        closing_up = code == "FN004" and bool(meant.deleted)  # a gap closed
        if code not in meant.fixed and not closing_up and counted_after.get(code, 0) < count:
            return f"a finding it does not fix would go ({code})"
    if meant.fixed.get("FN004") and counted_after.get("FN004"):
        return "the numbering would still be out of order"
    for code, fixed in meant.fixed.items():
        if code != "FN004" and counted_after.get(code, 0) > counted_before.get(code, 0) - fixed:
            return f"a {code} finding it fixes would still be there"
    return None


def _cited(doc: Document, deleted: Mapping[int, int | None]) -> list[str | None]:
    """The text of the note each marker (in the body, then in notes kept) cites, in
    order; a marker of a note merged into another cites that one's text."""
    text_of: dict[tuple[int, str], str] = {}
    for index, note in enumerate(doc.notes):
        into = deleted.get(index)
        text_of.setdefault(note.key, doc.notes[into].text if into is not None else note.text)
    notes = [n for i, n in enumerate(doc.notes) if i not in deleted]
    markers = [*doc.markers, *(m for note in notes for m in note.markers)]
    return [text_of.get(m.key) for m in markers]


def ibid_pairs(
    doc: Document, antecedents: Iterable[tuple[Note, str]], deleted: Collection[int] = ()
) -> Counter[tuple[str, str | None]]:
    """Each "Ibid." note's text with the text of the note it repeats (`antecedents`:
    each such note with its antecedent's label), the deleted notes left out: a fix
    that moves notes must not make an "Ibid." refer to another source."""
    text_of: dict[tuple[int, str], str] = {}
    for note in doc.notes:
        text_of.setdefault(note.key, note.text)
    gone = {id(doc.notes[i]) for i in deleted}
    return Counter(
        (note.text, text_of.get((note.scope, label)))
        for note, label in antecedents
        if id(note) not in gone
    )
