"""A Markdown page's paragraphs and notes when it cites with anchor links.

`read_anchor_notes` is the reader's pass for pages that cite with number links to
in-page anchors (see `anchor_notes`): None when the page has no such marker, so the
other conventions read it. `read_notes_chapter` reads a page with no markers of its
own whose notes stand under a Notes heading, opened by their anchors: a book's notes
chapter, which the other chapters link into. Body blocks become paragraphs with their markers (a
marker into another file keeps that file as its `target`); note blocks, with the
rest of their list item, become notes; an HTML block's notes come from `html_notes`
(a bare `<div id="fn1">` opens a note of the Markdown blocks after it, as pandoc
writes them).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import Any

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Location, Marker, Note, Paragraph

from ..marks import MarkerSpan
from ..textbuild import TextBuilder
from .anchor_links import is_back_text
from .anchor_notes import AnchorReading
from .assemble import BlockReader
from .html_notes import html_notes
from .source import Block

_KIND = "endnote"
_TAGS_ONLY = pattern_store.compile(r"\s*+(?:<[^<>]*+>\s*+)++")


class _Builder:
    """Blocks -> paragraphs and notes, with the spans the anchor reading gives."""

    def __init__(self, reading: AnchorReading, refs: Mapping[str, Any]) -> None:
        self.reading = reading
        self.reader = BlockReader(refs)
        self.targets: list[str | None] = []  # the files of the markers built so far

    def _spans(self, content: str, *, note: bool) -> list[MarkerSpan]:
        spans, targets = self.reading.spans(content, note=note)
        self.targets.extend(targets)
        return spans

    def build(self, blocks: Sequence[Block], *, note: bool) -> tuple[TextBuilder, Location]:
        """The blocks' text and markers, and where the first one starts."""
        builder = TextBuilder()
        self.targets = []
        locations = [
            self.reader.block_into(
                block, builder, code_text=note, plain=lambda c: self._spans(c, note=note)
            )
            for block in blocks
        ]
        return builder, locations[0] if locations else Location(1)

    def markers(self, markers: tuple[Marker, ...]) -> tuple[Marker, ...]:
        """The markers with the files they point into (in order of their spans)."""
        if not any(self.targets) or len(self.targets) != len(markers):
            return markers
        return tuple(
            replace(marker, target=target) if target else marker
            for marker, target in zip(markers, self.targets, strict=True)
        )


def _only_tags(block: Block) -> bool:
    """Whether a block is HTML tags and nothing else: `<div id="fn1">` opening a note."""
    return block.kind == "html" and _TAGS_ONLY.fullmatch(block.content) is not None


def _note_extent(blocks: Sequence[Block], index: int, notes: Collection[int]) -> int:
    """The index after the last block of the note that starts at `index`.

    A note is its list item; a note opened by a bare `<div id="fn1">` runs to the
    block that closes it, a note under its label heading to the next heading.
    """
    end = blocks[index].item_end
    stop = index + 1
    if blocks[index].kind == "heading":
        while stop < len(blocks) and stop not in notes and blocks[stop].kind != "heading":
            stop += 1
        return stop
    if end is None and _only_tags(blocks[index]):
        while stop < len(blocks) and stop not in notes and blocks[stop].kind != "heading":
            stop += 1
            if _only_tags(blocks[stop - 1]) and blocks[stop - 1].content.lstrip()[:2] == "</":
                break
        return stop
    while end is not None and stop < len(blocks) and stop not in notes:
        if blocks[stop].first >= end:
            break
        stop += 1
    return stop


def read_anchor_notes(
    blocks: Sequence[Block], refs: Mapping[str, Any]
) -> tuple[tuple[Paragraph, ...], tuple[Note, ...]] | None:
    """The page's paragraphs and notes, or None when no number link is a marker."""
    reading = AnchorReading(blocks, refs)
    if not reading.has_markers():
        return None
    return _paragraphs_and_notes(reading, refs)


def read_notes_chapter(
    blocks: Sequence[Block], refs: Mapping[str, Any]
) -> tuple[tuple[Paragraph, ...], tuple[Note, ...]] | None:
    """A notes chapter's paragraphs and notes, or None when the page is no notes chapter."""
    reading = AnchorReading(blocks, refs)
    if not reading.read_as_notes_chapter():
        return None
    return _paragraphs_and_notes(reading, refs)


def _paragraphs_and_notes(
    reading: AnchorReading, refs: Mapping[str, Any]
) -> tuple[tuple[Paragraph, ...], tuple[Note, ...]]:
    build = _Builder(reading, refs)
    paragraphs: list[Paragraph] = []
    notes: list[tuple[Location, Note]] = []
    texts = reading.blocks
    index = 0
    while index < len(texts):
        block = texts[index]
        if index not in reading.note_blocks:
            builder, location = build.build([block], note=False)
            if not builder.is_empty():
                paragraphs.append(Paragraph(builder.text, location, build.markers(builder.markers)))
            index += 1
            continue
        anchors = reading.note_anchors(index)
        if block.kind == "html" and not _only_tags(block):

            def is_back(anchor: str, text: str) -> bool:
                return reading.is_back_link(anchor) or is_back_text(text)

            for found in html_notes(block, anchors, is_back):
                label = reading.html_note_label(found.anchor, found.label)
                if label:
                    notes.append((found.location, Note(label, found.text, found.location, _KIND)))
            index += 1
            continue
        stop = _note_extent(texts, index, reading.note_blocks)
        body = texts[index + 1 : stop] if block.kind == "heading" else texts[index:stop]
        builder, location = build.build(body, note=True)
        if block.item_end is not None or block.kind == "heading":
            # a list item or a label heading: the note starts at its list marker or `#`
            line = block.source.line_text(block.first)
            location = block.source.location(block.first, len(line) - len(line.lstrip(" ")))
        label = reading.note_label(index)
        if label:
            notes.append((location, builder.note(label, location, _KIND)))
        index = stop
    order = sorted(range(len(notes)), key=lambda i: (notes[i][0].line, i))
    return tuple(paragraphs), tuple(notes[i][1] for i in order)
