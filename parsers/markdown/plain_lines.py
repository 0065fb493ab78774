"""Markdown as lines for the plain `[N]` convention (`parsers.plain`): notes the Word way.

Reports converted from Word or HTML, and drafts typed by hand, often write their
notes as `[N]` or superscript markers in the body and a numbered list of notes,
usually under a Notes/Endnotes/Footnotes/References heading; converters often link
the markers to their notes (`[[1]](#_ftn1)`). The convention is read by
`parsers.plain`, as for every other format; this module is the Markdown host:

- the lines are the file's own, so a report reads the same whether it is saved as
  `.txt` or `.md`; a line no block of text holds (a code block, a link reference
  definition, an HTML comment, front matter) is blank to the convention;
- a list item starts a note with the number a reader sees (a list typed "1. 1. 1."
  displays 1, 2, 3), and a line opening with a linked label (`[[2]](#_ftnref2)`)
  starts note 2;
- a line's markers are those the inline syntax leaves: `[1](http://...)`, `[1][ref]`
  and a `[1]` defined as a link are links, not markers, and so is a number link to
  an anchor whose id names no note (`[2](#usage)` in a table of contents), while
  `[1](#fn1)` is a marker whose anchor the converter lost;
- a run of lines is rendered by the inline scan (emphasis, links and code spans as a
  reader sees them); in a note, a marker's token stays in its text, and a
  converter's back-link to the marker (`[↩](#fnref1)`) is left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import accumulate
from typing import Any

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Location

from ..lines import Lines
from ..marks import MarkerSpan, NoteStart, find_markers, match_note_start
from ..textbuild import TextBuilder
from .anchor_links import find_links, is_note_id, outside
from .assemble import BlockReader
from .commonmark import is_reference
from .inline import LINK_DESTINATION, REFERENCE_LABEL, Scanner
from .locator import Locator
from .source import Block, Source

# `[[1]](#_ftn1)`, `[\[1\]](#_ftn1)`, `[1](#fn1)`: a converted document's linked label;
# `\[1\]`: a label escaped by the converter (pandoc writes Word's typed `[1]` so).
_LINKED = pattern_store.compile(r"\[\\?\[(\d{1,3})\\?\]\]\(#[^()\s]*\)|\[(\d{1,3})\]\(#[^()\s]*\)")
_ESCAPED_LABEL = pattern_store.compile(r"\\\[(\d{1,3})\\\]:?(?:[ \t]+|$)")
_ESCAPED_BRACKET = pattern_store.compile(r"\\(?=[\[\]])")
_TEXT_BLOCKS = frozenset({"para", "heading", "html", "row"})


def _probe(text: str) -> str:
    """Text of the same length with escaped brackets made plain (for finding `[N]`)."""
    if "\\" in text:
        return _ESCAPED_BRACKET.sub(" ", text)
    return text


def _with_back_links(
    content: str, spans: list[MarkerSpan], refs: Mapping[str, Any]
) -> list[MarkerSpan]:
    """`spans` and, as spans with no labels (left out), the back-links of a note's text.

    `[↩](#fnref1)`, `[back](#fnref2)`, `[^](#ref3)`: a converter's link back to the
    marker is no part of the note.
    """
    taken = [(span.start, span.end) for span in spans]
    back = [
        MarkerSpan(link.start, link.end, ())
        for link in find_links(content, refs)
        if link.back and link.anchor is not None and outside(taken, link.start)
    ]
    return sorted([*spans, *back], key=lambda span: span.start) if back else spans


class MarkdownLines(Lines):
    """The main source's lines as the plain convention reads them, and their rendering."""

    def __init__(self, source: Source, blocks: list[Block], refs: Mapping[str, Any]) -> None:
        count = len(source.starts)
        texts = [""] * count
        self._source = source
        self._refs = refs
        self._blocks = [b for b in blocks if b.kind in _TEXT_BLOCKS]
        # source line -> (index of its block, index of its content line in the block)
        self._where: dict[int, tuple[int, int]] = {}
        self._content_lines: list[list[str]] = []
        self._line_offsets: list[list[int]] = []  # each content line's offset, then the end
        self._locators: dict[int, Locator] = {}
        for index, block in enumerate(self._blocks):
            lines = [""] if block.kind == "row" else block.content.split("\n")
            self._content_lines.append(lines)
            self._line_offsets.append([0, *accumulate(len(text) + 1 for text in lines)])
            for k in range(len(lines)):
                line = block.first + k
                if line < count and line not in self._where:
                    self._where[line] = (index, k)
                    texts[line] = source.line_text(line)
        super().__init__(texts)
        self.known_starts = self._known_starts()
        self.block_starts = frozenset(block.first for block in self._blocks)
        self.reader = BlockReader(refs)

    def _locator(self, index: int) -> Locator:
        locator = self._locators.get(index)
        if locator is None:
            block = self._blocks[index]
            inline = block.kind != "html"
            locator = Locator(block.source, block.first, block.content, inline=inline)
            self._locators[index] = locator
        return locator

    def _known_starts(self) -> dict[int, NoteStart]:
        starts: dict[int, NoteStart] = {}
        for index, block in enumerate(self._blocks):
            line = block.first
            if block.item is not None and line < len(self.texts):
                typed = match_note_start(self.texts[line])
                style = typed.style if typed is not None and typed.style == "paren" else "dot"
                starts[line] = NoteStart(block.item, style, self._locator(index).lead(0))
        for line, text in enumerate(self.texts):
            body = text.lstrip(" ")
            if line in starts or not body.startswith(("[", "\\[")) or match_note_start(text):
                continue
            linked = _LINKED.match(body) or _ESCAPED_LABEL.match(body)
            if linked is not None:
                label = linked.group(1) or linked.group(2)
                lead = len(text) - len(body)
                starts[line] = NoteStart(label, "bracket", lead + linked.end())
        return starts

    def markers(self, index: int, max_label: int) -> list[MarkerSpan]:
        where = self._where.get(index)
        if where is None:
            return []
        block, k = where
        return self._spans(self._content_lines[block][k], max_label)

    def paragraph_location(self, index: int) -> Location:
        where = self._where.get(index)
        if where is None or where[1]:
            return super().paragraph_location(index)
        block = self._blocks[where[0]]
        if block.kind == "row":
            return super().paragraph_location(index)
        return self._locator(where[0]).start()

    def render(
        self, first: int, offset: int, stop: int, max_label: int, *, note: bool
    ) -> TextBuilder:
        builder = TextBuilder()
        line = first
        while line < stop:
            where = self._where.get(line)
            if where is None:
                line += 1
                continue
            index, k = where
            block = self._blocks[index]
            end = min(len(self._content_lines[index]), k + stop - line)
            if block.kind == "row":
                self.reader.block_into(
                    block, builder, code_text=False, plain=lambda c: self._spans(c, max_label)
                )
            else:
                column = offset if line == first else 0
                self._render_lines(index, k, end, column, max_label, builder, note=note)
            line = block.first + end
        return builder

    def _render_lines(
        self,
        index: int,
        k: int,
        end: int,
        column: int,
        max_label: int,
        builder: TextBuilder,
        *,
        note: bool,
    ) -> None:
        """Content lines [k, end) of block `index` into `builder`, the first from `column`."""
        block = self._blocks[index]
        offsets = self._line_offsets[index]
        locator = self._locator(index)
        start = offsets[k] + max(0, min(offsets[k + 1] - 1 - offsets[k], column - locator.lead(k)))
        piece = block.content[start : offsets[end] - 1]
        builder.add_break()
        scanner = Scanner(piece, lambda at: locator(start + at), self._refs)
        spans = self._spans(piece, max_label)
        if note and "](#" in piece:
            spans = _with_back_links(piece, spans, self._refs)
        self.reader.scan_into(builder, scanner, spans, shown=note)

    def location(self, index: int, offset: int = 0) -> Location:
        return self._source.location(min(index, len(self._source.lines) - 1), offset)

    def _spans(self, content: str, max_label: int) -> list[MarkerSpan]:
        """The `[N]`/superscript marker groups of inline content that are not links."""
        probe = _probe(content)
        found: list[MarkerSpan] = []
        for span in find_markers(probe, max_label):
            start, end = span.start, span.end
            shown = ""  # the group as a reader sees it, when not its source text
            if probe[start] == "[":
                after = probe[end : end + 1]
                inner = content[start + 1 : end - 1].strip()
                if after == "(":
                    dest = LINK_DESTINATION.match(content, end)
                    if dest is None:
                        continue
                    target = (content[end + 1 : dest.end() - 1].split() or [""])[0].strip("<>")
                    if not target.startswith("#") or not is_note_id(target[1:]):
                        continue  # [1](http://...), [1](#introduction) are links
                    end = dest.end()
                    shown = content[start : span.end]  # the link's text
                elif after == "[":
                    ref = REFERENCE_LABEL.match(content, end)
                    if ref is not None and self._is_ref(ref.group(1) or inner):
                        continue  # [1][ref]
                elif start and probe[start - 1] == "]" and self._is_ref(inner):
                    continue  # [text][1]
                elif self._is_ref(inner):
                    continue  # [1] with a [1]: url definition
                if start and content[start - 1] == "\\":
                    start -= 1
            token = shown or content[start:end]
            if "\\" in token:
                shown = token.replace("\\", "")
            found.append(MarkerSpan(start, end, span.labels, shown))
        return found

    def _is_ref(self, label: str) -> bool:
        return is_reference(self._refs, label)
