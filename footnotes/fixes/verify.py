"""The check a fixed text must pass before it is written.

The fixed text is read again and checked; it is refused when anything changed that
the fixes did not mean to change: a note's text lost or altered (beyond the notes
deleted on purpose), a marker lost, a marker citing another note's text than before
(beyond the markers re-pointed to the note their note repeated), a finding of any
kind added, or a fixed finding still there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from footcheck.footnotes.model import Document, Finding


@dataclass(frozen=True)
class Intended:
    """What the fixes meant to change: notes deleted (indexes into the document's
    notes, each with the note its markers now cite, or None), and how many findings of
    each rule they fixed."""

    deleted: Mapping[int, int | None] = field(default_factory=dict)
    fixed: Mapping[str, int] = field(default_factory=dict)


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
