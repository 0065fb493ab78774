"""Build a paragraph's or a note's text piece by piece, with the markers found in it.

Every parser turns its source into runs of text interleaved with markers. The
builder folds whitespace as it goes (so a marker's offset stays right in the folded
text) and records each marker at the offset where it stood; a marker's token is
left out of the text, except where its reader sees it as text (`add_shown_markers`:
`[10]` in a note citing note 10).
"""

from __future__ import annotations

from collections.abc import Sequence

from footcheck.footnotes.model import Location, Marker, Note, Paragraph


class TextBuilder:
    """Accumulates folded text and the markers found in it."""

    __slots__ = ("_length", "_markers", "_parts", "_pending_space")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._markers: list[Marker] = []
        self._pending_space = False

    def add_text(self, text: str) -> None:
        """Append text; runs of whitespace become one space, none leading or trailing."""
        if not text:
            return
        words = text.split()
        if not words:  # only whitespace: a space to come, if text follows
            self._pending_space = True
            return
        parts = self._parts
        if self._length and (self._pending_space or text[0].isspace()):
            parts.append(" ")
            self._length += 1
        folded = " ".join(words) if len(words) > 1 else words[0]
        parts.append(folded)
        self._length += len(folded)
        self._pending_space = text[-1].isspace()

    def add_break(self) -> None:
        """A line or block break: a space between words, nothing at the edges."""
        self._pending_space = True

    def add_marker(self, label: str, location: Location, *, auto: bool = False) -> None:
        """Record a marker at the current end of the text (its token is not added)."""
        self._markers.append(Marker(label, self._length, location, auto))

    def add_shown_markers(self, labels: Sequence[str], location: Location, token: str) -> None:
        """Record markers whose token stays in the text (`[10]` in a note citing note 10)."""
        if self._pending_space and self._length:
            self._parts.append(" ")
            self._length += 1
            self._pending_space = False
        for label in labels:
            self._markers.append(Marker(label, self._length, location))
        self.add_text(token)

    @property
    def text(self) -> str:
        return "".join(self._parts)

    @property
    def markers(self) -> tuple[Marker, ...]:
        return tuple(self._markers)

    def is_empty(self) -> bool:
        return not self._length and not self._markers

    def paragraph(self, location: Location) -> Paragraph:
        return Paragraph(self.text, location, self.markers)

    def note(self, label: str, location: Location, kind: str = "endnote") -> Note:
        return Note(label, self.text, location, kind, self.markers)
