"""Assembling a document: blocks and footnote definitions -> paragraphs and notes.

A `BlockReader` runs the inline scan over each block, in one document's reading:
body blocks become paragraphs; a definition's blocks become its note (a definition
of several labels, `[^1]:[^2]: x`, gives the others empty notes); inline notes
`^[text]` get the labels "inline-1", "inline-2"... in document order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from footcheck.footnotes.model import Location, Note, Paragraph

from ..marks import MarkerSpan
from ..textbuild import TextBuilder
from .inline import Scanner, emit, first_syntax, smart
from .locator import Locator
from .source import Block, Definition

_FOOTNOTE_KIND = "footnote"
_INLINE_PREFIX = "inline-"


class BlockReader:
    """One document's reading: blocks and definitions -> paragraphs and notes."""

    def __init__(self, refs: Mapping[str, Any]) -> None:
        self.refs = refs
        self.inline_count = 0
        self.notes: list[tuple[Location, Note]] = []
        self.marker_seen = False

    def _inline_notes(self, scanner: Scanner) -> None:
        for note in sorted(scanner.notes, key=lambda x: x.position):
            self.inline_count += 1
            note.mark.label = f"{_INLINE_PREFIX}{self.inline_count}"
        for note in scanner.notes:
            builder = TextBuilder()
            emit(note.pieces, builder)
            loc = note.mark.location
            self.notes.append((loc, builder.note(note.mark.label, loc, _FOOTNOTE_KIND)))

    def scan_into(
        self,
        builder: TextBuilder,
        scanner: Scanner,
        plain: list[MarkerSpan] | None = None,
        *,
        shown: bool = False,
        start: int = 0,
    ) -> None:
        """Add the scanner's text and markers to `builder`, its inline notes to the notes.

        `plain` marker groups become markers; `shown`: their tokens stay in the text.
        `start`: no character before it can start syntax.
        """
        pieces = scanner.scan(plain, shown=shown, start=start)
        if scanner.notes:
            self._inline_notes(scanner)
        if scanner.marked:
            self.marker_seen = True
        emit(pieces, builder, marked=scanner.marked)

    def block_into(
        self,
        block: Block,
        builder: TextBuilder,
        *,
        code_text: bool,
        plain: Callable[[str], list[MarkerSpan]] | None = None,
    ) -> Location:
        """Add one block's text and markers to `builder`; returns where the block starts."""
        if block.kind == "code":
            loc = block.source.location(block.first, 0)
            if code_text:
                builder.add_break()
                builder.add_text(block.content)
            return loc
        if block.kind == "row":
            start: Location | None = None
            cursor = 0
            for content, line in block.cells or []:
                locator = Locator(block.source, line, content, inline=True)
                cursor = locator.cell(cursor)
                if start is None:
                    start = locator(0)
                builder.add_break()
                spans = plain(content) if plain else None
                self.scan_into(builder, Scanner(content, locator, self.refs), spans)
            return start or block.source.location(block.first, 0)
        content = block.content
        locator = Locator(block.source, block.first, content, inline=block.kind != "html")
        builder.add_break()
        first = first_syntax(content)
        if plain is None:
            if first == len(content):  # no syntax: the text as it is
                builder.add_text(smart(content))
                return locator.start()
            spans = None
        else:
            spans = plain(content)
        self.scan_into(builder, Scanner(content, locator, self.refs), spans, start=first)
        return locator.start()

    def paragraph(self, block: Block) -> Paragraph | None:
        builder = TextBuilder()
        loc = self.block_into(block, builder, code_text=False)
        if builder.is_empty():
            return None
        return builder.paragraph(loc)

    def definition(self, definition: Definition, blocks: list[Block]) -> None:
        builder = TextBuilder()
        for block in blocks:
            self.block_into(block, builder, code_text=True)
        for label, loc in definition.labels[:-1]:
            self.notes.append((loc, Note(label, "", loc, _FOOTNOTE_KIND)))
        label, loc = definition.labels[-1]
        self.notes.append((loc, builder.note(label, loc, _FOOTNOTE_KIND)))

    def sorted_notes(self) -> tuple[Note, ...]:
        order = sorted(range(len(self.notes)), key=lambda i: (self.notes[i][0].line, i))
        return tuple(self.notes[i][1] for i in order)
