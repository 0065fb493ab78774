"""A document as lines that know where they came from: what hosts give the plain convention.

The plain `[N]` convention (`plain`) reads lines. The plain-text reader's lines are
the file's; the HTML, DOCX and ODT readers give one line per paragraph, each with the
source line or paragraph number it stands at; the Markdown reader gives its source
lines with what its block pass knows. `Lines` is that view, with the default way of
turning a run of lines into text and markers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from itertools import accumulate

from footcheck.footnotes.model import Location

from .marks import MarkerSpan, NoteStart, find_markers, is_rule_line
from .textbuild import TextBuilder

__all__ = ["RULE_CHARS", "Lines"]

RULE_CHARS = frozenset("-=_*~ \t")
"""The characters a horizontal rule line ("---", "***") is made of."""


_RULE_MARKS = ("-", "=", "_", "*", "~")


def _may_be_rule(line: str) -> bool:
    """A cheap first test of a line for `is_rule_line`: a rule mark after the indent."""
    return line.lstrip(" \t")[:1] in _RULE_MARKS


class Lines:
    """A document as lines that know where they came from: what a host gives `read`.

    `texts[i]` is line i as the convention reads it (one paragraph of an HTML page,
    DOCX or ODT file is one line); `numbers[i]` is where it stands in the source (its
    1-based line, or its paragraph number; default i + 1). Markers' columns are
    offsets into the line, plus one.

    A host that knows more sets `known_starts` (lines that start a note whatever their
    text says, with the label a reader sees) and `block_starts` (the lines that start
    a block, when its syntax says exactly where paragraphs begin; None: the convention
    decides from the text) and `literal` (lines of code, whose brackets are no
    markers), and overrides `spans` (the markers its convention reads in
    a text), `markers` (a line's markers, without what its syntax says is none: a
    link, code), `location`, `paragraph_location` and `render` (a run of lines as text
    and markers, the way its readers see it).
    """

    def __init__(self, texts: Sequence[str], numbers: Sequence[int] | None = None) -> None:
        self.texts = texts
        self.numbers = numbers
        self.known_starts: Mapping[int, NoteStart] = {}
        self.block_starts: frozenset[int] | None = None
        self.literal: frozenset[int] = frozenset()

    def spans(self, text: str, max_label: int) -> list[MarkerSpan]:
        """The marker groups of a run of this document's text (`find_markers` by default)."""
        return find_markers(text, max_label)

    def markers(self, index: int, max_label: int) -> list[MarkerSpan]:
        """The marker groups of line `index` (for deciding where the notes are)."""
        if index in self.literal:
            return []
        return self.spans(self.texts[index], max_label)

    def location(self, index: int, offset: int = 0) -> Location:
        """Where offset `offset` of line `index` stands in the source."""
        line = self.numbers[index] if self.numbers is not None else index + 1
        return Location(line, offset + 1)

    def paragraph_location(self, index: int) -> Location:
        """Where a paragraph that starts on line `index` stands."""
        return self.location(index)

    def render(
        self, first: int, offset: int, stop: int, max_label: int, *, note: bool
    ) -> TextBuilder:
        """Lines [first, stop), the first from `offset`, as text and markers.

        The lines are scanned for markers as one text, so a paragraph costs one scan.
        In a note, a rule line is no text, and a marker's token stays in the text (a
        note citing another note reads "compare [10]").
        """
        texts = self.texts
        head = texts[first][offset:] if offset else texts[first]
        if stop == first + 1:  # the common case: one line
            parts = [head]
            joined = head
        else:
            parts = [head, *texts[first + 1 : stop]]
            if note:
                for k in range(1, len(parts)):
                    line = parts[k]
                    if line[:1] in RULE_CHARS and _may_be_rule(line) and is_rule_line(line):
                        parts[k] = ""
            joined = "\n".join(parts)
        builder = TextBuilder()
        spans = self.spans(joined, max_label)
        if not spans:
            builder.add_text(joined)
            return builder
        multi = len(parts) > 1
        line_starts = [0, *accumulate(len(part) + 1 for part in parts[:-1])] if multi else [0]
        literal, locate = self.literal, self.location
        add_text, add_marker = builder.add_text, builder.add_marker
        pos = 0
        for span in spans:
            start = span.start
            add_text(joined[pos:start])
            k = bisect_right(line_starts, start) - 1 if multi else 0
            if literal and first + k in literal:
                continue  # code: its brackets are text
            column = start - line_starts[k] + (offset if k == 0 else 0)
            location = locate(first + k, column)
            if note:
                builder.add_shown_markers(span.labels, location, joined[start : span.end])
            else:
                for label in span.labels:
                    add_marker(label, location)
            pos = span.end
        add_text(joined[pos:])
        return builder
