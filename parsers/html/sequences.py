"""The labels of linked notes, and the numbering sequences they run in.

A note's label is what a reader sees at its first marker ("[1]" gives "1"), else its
own list number or visible label. Books number their notes again from 1 in each
chapter (Project Gutenberg's HTML, HTMLBook and EPUB books, a wiki page with two
reference lists): when a marker shows a first label ("1", "a", "i", "*") that a
note of the current sequence already has, a new sequence starts, and its notes and
markers get the next scope (0 for the first run, then 1, 2...: as the plain-text
reader numbers them). The labels stay as the reader sees them. Two different notes
that both show one label within a sequence share it (FN003: a reader cannot tell
them apart); a note whose own number differs from its marker's keeps apart as "3 (2)".

A marker whose note is missing takes the sequence it stands in; a note no marker
points at takes the sequence of the note before it.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from .dom import line_of, tag_of, visible_text
from .labels import OWN_LABEL, clean_label, number_items

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

    from .notes import NoteInfo

# The labels a numbering starts with: seen again, the numbering restarted.
FIRST_LABELS = frozenset(["1", "a", "A", "i", "I", "*"])


class Numbering:
    """Gives notes their labels and scopes, their markers met in document order."""

    def __init__(self) -> None:
        self.scope = 0
        self._owner: dict[tuple[int, str], NoteInfo] = {}
        self._list_numbers: dict[Element, dict[Element, int]] = {}
        self._starts: list[tuple[int, int]] = []  # (line of a labelled note, its scope)
        self._sorted = True

    def referenced(self, label: str, info: NoteInfo) -> None:
        """Label the note of a marker that shows `label` (its first marker)."""
        owner = self._owner.get((self.scope, label))
        if owner is not None and label in FIRST_LABELS:
            self.scope += 1
        elif owner is not None and self._shows(owner, label) and self._shows(info, label):
            # Two notes that show one label in one sequence: a reader cannot tell which
            # is meant (FN003), unlike an item numbered otherwise that a marker misnames.
            info.scope, info.label = owner.scope, label
            self._starts.append((line_of(info.element), self.scope))
            return
        info.scope = self.scope
        info.label = self._unique(label, info)
        self._starts.append((line_of(info.element), self.scope))
        self._sorted = False

    @staticmethod
    def missing_scopes(
        links: list[tuple[Element, str]], refs: dict[Element, NoteInfo | None]
    ) -> dict[Element, int]:
        """For each reference to a missing note: the sequence of the marker before it."""
        scopes: dict[Element, int] = {}
        scope = 0
        for a, _ in links:
            if a not in refs:
                continue
            info = refs[a]
            if info is None:
                scopes[a] = scope
            else:
                scope = info.scope
        return scopes

    def unreferenced(self, label: str, info: NoteInfo) -> None:
        """Label a note that no marker points at, in the sequence of the note before it."""
        if self.scope:
            if not self._sorted:
                self._starts.sort()
                self._sorted = True
            at = bisect_right(self._starts, (line_of(info.element), self.scope + 1))
            info.scope = self._starts[at - 1][1] if at else 0
        info.label = self._unique(label, info)

    def _shows(self, info: NoteInfo, label: str) -> bool:
        """The note itself shows `label` (its list number, or the label it starts with)."""
        return self.own_label(info.element, 0) == label

    def _unique(self, label: str, info: NoteInfo) -> str:
        """The label, or "1 (2)" when another note of the sequence shows the same."""
        scope = info.scope
        owner = self._owner.setdefault((scope, label), info)
        if owner is info:
            return label
        count = 2
        while (scope, f"{label} ({count})") in self._owner:
            count += 1
        unique = f"{label} ({count})"
        self._owner[(scope, unique)] = info
        return unique

    def own_label(self, element: Element, fallback: int) -> str:
        """A note's own label: its list number, the label it starts with, or its id."""
        if tag_of(element) == "li":
            parent = element.getparent()
            if parent is not None and tag_of(parent) == "ol":
                numbers = self._list_numbers.get(parent)
                if numbers is None:
                    numbers = number_items(parent)
                    self._list_numbers[parent] = numbers
                if element in numbers:
                    return str(numbers[element])
        match = OWN_LABEL.match(visible_text(element)[:40] + " ")
        if match:
            return match.group(1)
        return clean_label(element.get("id") or "") or str(fallback)
