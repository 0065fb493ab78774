"""Reading anchor-link notes: which number links are markers, which blocks are notes.

A number link is a marker when its target is a note: an anchor in the page held by
a paragraph, list item or HTML element that reads as a note (its id names a note, it
opens with its own label, or it stands under a Notes heading), or an anchor missing
from the page whose id names a note (`#fn3`: the converter lost the anchor; that is
FN001, never a dropped marker), or another file (`[3](notes.md#n3)`,
`<sup>[15](../notes.html)</sup>`: `Marker.target`). A number link to a heading (a
table of contents), to a section id, or to a marker's own id (a back-link) is not.
The marker's label is the number it shows; its note takes that label (a note no
marker points at keeps its own label or list number), so hand-numbered notes cited
2, 3, 1 stay out of order for FN004.

A note is the block holding its anchor (with the rest of its list item), the
element of an HTML block holding it (`html_notes`), or the blocks under a heading
that is only its label (`#### 3 {#fn3}`: any other heading is a section); its text
is what a reader sees, without its leading label, its back-links and attribute lists.

A notes chapter (a book's `notes/README.md`, which the chapters link into) has no
markers of its own: there the Notes heading is what makes notes. Under it, a
paragraph that opens with an anchor (`<a id="3"></a>3. Text`, `<span id="fn3"></span>`,
`[]{#n3}`, kramdown's `{: #n3}` on its own line) is a note labelled by the number it
shows (`3.`, `3)`, `[3]`, `3` when it is the anchor's number) or else by its id's
number (`3`, `fn3`, `note-3`); so is an HTML block's element whose id names a note,
and a heading that is only a label. The same paragraphs under any other heading are
not notes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..marks import MarkerSpan, find_markers, is_notes_heading
from .anchor_content import (
    Content,
    analyse,
    contents_of,
    heading_label,
    id_number,
    opens,
    pandoc_span_openers,
)
from .anchor_links import ATTRIBUTES, FENCE_LINE, Link, find_ids, is_note_id, outside
from .heading_ids import heading_ids
from .source import Block

_BELOW_HEADINGS = 7  # the rank of a `*Notes*` line: below every heading


class AnchorReading:
    """One document's anchor links and notes, worked out over its blocks."""

    def __init__(self, blocks: Sequence[Block], refs: Mapping[str, Any]) -> None:
        self.blocks = [b for b in blocks if b.kind != "code"]
        self.refs = refs
        self.contents: dict[str, Content] = {}
        for block in self.blocks:
            for content in contents_of(block):
                if content not in self.contents:
                    self.contents[content] = analyse(content, refs)
        self.carried: dict[str, Link] = {}  # id -> the link carrying it
        for analysed in self.contents.values():
            for link in analysed.links:
                for anchor in link.ids:
                    self.carried.setdefault(anchor, link)
        for analysed in self.contents.values():
            self._find_label_link(analysed)
        self.sections: set[str] = set()
        self.holders: dict[str, int] = {}  # anchor -> index of the block holding it
        self.opening: dict[int, list[str]] = {}  # index of a block -> the anchors opening it
        for index, block in enumerate(self.blocks):
            if block.kind == "heading":  # its engine's id is a section's, unless written
                self.sections.update(heading_ids(block.content))
            section = block.kind == "heading" and not heading_label(block)
            for content in contents_of(block):
                analysed = self.contents[content]
                for anchor, at in self._anchors(analysed):
                    if section:
                        self.sections.add(anchor)
                        continue
                    self.holders.setdefault(anchor, index)
                    if opens(analysed, at):
                        self.opening.setdefault(index, []).append(anchor)
        self.held: dict[int, list[str]] = {}  # index of a block -> the anchors it holds
        for anchor, index in self.holders.items():
            self.held.setdefault(index, []).append(anchor)
        self.labels: dict[str, str] = {}  # anchor -> label of the first link to it
        for analysed in self.contents.values():
            for link in analysed.links:
                if link.label and link.anchor and link is not analysed.label_link:
                    self.labels.setdefault(link.anchor, link.label)
        self.targeted = frozenset(self.labels)
        self.under = self._under_notes()
        self.note_blocks = self._note_blocks()
        self.chapter = False  # whether the page is read as a notes chapter

    def _find_label_link(self, analysed: Content) -> None:
        first = analysed.links[0] if analysed.links else None
        if first is None or first.start > analysed.lead or not first.label:
            return
        if first.anchor is not None and first.anchor in self.carried:
            analysed.label_link = first

    def _anchors(self, analysed: Content) -> list[tuple[str, int]]:
        """The ids a content defines, with their offsets: its tags' and attribute lists',
        a label link's.

        The ids a marker carries (`{#fnref1}`, `<sup id="fnr1">`) are where its
        back-link returns, not anchors of the block around it.
        """
        label_link = analysed.label_link
        found = [(anchor, label_link.start) for anchor in label_link.ids] if label_link else []
        spans = [(link.start, link.end) for link in analysed.links]
        found.extend((anchor, at) for anchor, at in find_ids(analysed.text) if outside(spans, at))
        return found

    def _under_notes(self) -> list[bool]:
        """For each block, whether it stands under a Notes heading (`*Notes*` counts).

        The section goes on to the next heading of its rank or higher (`# Notes` holds
        `## Chapter 1`; any heading ends a `*Notes*` line's); a heading that is only a
        note's label is a note of the section.
        """
        flags: list[bool] = []
        rank = 0  # the rank of the Notes heading the blocks stand under, or 0
        for block in self.blocks:
            if block.kind == "heading" or (block.kind == "para" and "\n" not in block.content):
                if is_notes_heading(block.content):
                    rank = block.level or _BELOW_HEADINGS
                elif block.kind == "heading" and block.level <= rank and not heading_label(block):
                    rank = 0
            flags.append(rank > 0)
        return flags

    def own_label(self, block: Block) -> str:
        """The label a block shows itself: its list number, `[1]`, `<sup>1</sup>`, or ""."""
        if block.item is not None:
            return block.item
        if block.kind == "heading":
            return heading_label(block)
        contents = contents_of(block)
        if not contents:
            return ""
        analysed = self.contents[contents[0]]
        if analysed.label_link is not None:
            return analysed.label_link.label
        return analysed.own_label[0] if analysed.own_label else ""

    def _note_blocks(self) -> frozenset[int]:
        """The indexes of the blocks that are notes.

        A block is a note when a marker points at its anchor and it reads as a note
        (the anchor names a note, the block opens with a label, or it stands under a
        Notes heading), or when no marker points at it but both of the first two hold
        (an unused note). An HTML block holding a note's anchor holds notes.
        """
        under = self.under
        targeted = self.targeted
        notes: set[int] = set()
        for anchor, index in self.holders.items():
            if index in notes:
                continue
            named = is_note_id(anchor)
            if self.blocks[index].kind == "html":
                if anchor in targeted or named:
                    notes.add(index)
                continue
            labelled = bool(self.own_label(self.blocks[index]))
            if (anchor in targeted and (named or labelled or under[index])) or (named and labelled):
                notes.add(index)
        return frozenset(notes)

    def read_as_notes_chapter(self) -> bool:
        """Whether the page is a notes chapter; if so, its note blocks become the notes.

        A notes chapter has no markers of its own (no anchor marker, and no `[N]` or
        superscript outside its Notes sections) and notes under a Notes heading: see
        the module's docstring.
        """
        if self.has_markers():
            return False
        for index, block in enumerate(self.blocks):
            if not self.under[index] and any(find_markers(c) for c in contents_of(block)):
                return False
        notes = frozenset(index for index in self.held if self._chapter_note(index))
        if notes:
            self.note_blocks = notes
            self.chapter = True
        return self.chapter

    def _chapter_note(self, index: int) -> bool:
        """Whether block `index`, in a page with no markers, is a note of its Notes section."""
        if not self.under[index]:
            return False
        block = self.blocks[index]
        if block.kind == "html":
            return any(is_note_id(anchor) for anchor in self.held[index])
        if block.kind == "heading":
            return True  # a label heading: any other heading holds no anchor
        if block.kind != "para" or index not in self.opening:
            return False
        return bool(self.own_label(block)) or any(id_number(a) for a in self.opening[index])

    def note_label(self, index: int) -> str:
        """The label of note block `index`: its first marker's, the label it shows, or (in
        a notes chapter) the number of the id opening it (`<a id="3"></a>`, `{: #n3}`).
        """
        label = next((lab for a in self.note_anchors(index) if (lab := self.label_for(a))), "")
        label = label or self.own_label(self.blocks[index])
        if label or not self.chapter:
            return label
        return next((n for a in self.opening.get(index, ()) if (n := id_number(a))), "")

    def html_note_label(self, anchor: str, shown: str) -> str:
        """The label of an HTML block's note: its first marker's, the label it shows, or
        (in a notes chapter) its id's number.
        """
        label = self.label_for(anchor) or shown
        return label or (id_number(anchor) if self.chapter else "")

    def marker_target(self, link: Link) -> tuple[bool, str | None]:
        """(whether a link is a marker, the other file it points into)."""
        if not link.label:
            return False, None
        if link.file is not None:
            return True, link.file
        anchor = link.anchor or ""
        index = self.holders.get(anchor)
        if index is not None:
            return index in self.note_blocks, None
        if anchor in self.sections or anchor in self.carried:
            return False, None
        return is_note_id(anchor), None

    def is_back_link(self, anchor: str) -> bool:
        """Whether a link to `#anchor` returns to a marker (the marker carries the id)."""
        carrier = self.carried.get(anchor)
        return carrier is not None and bool(carrier.label)

    def note_anchors(self, index: int) -> list[str]:
        """The anchors of note block `index` that make notes (an HTML block holds several)."""
        return [a for a in self.held.get(index, ()) if a in self.targeted or is_note_id(a)]

    def label_for(self, anchor: str) -> str:
        """The label of the first marker pointing at `anchor`, or ""."""
        return self.labels.get(anchor, "")

    def has_markers(self) -> bool:
        """Whether a number link is a marker into a note of the page or another file."""
        for analysed in self.contents.values():
            for link in analysed.links:
                if link is analysed.label_link:
                    continue
                marker, file = self.marker_target(link)
                if marker and (file is not None or (link.anchor or "") in self.holders):
                    return True
        return False

    def spans(self, content: str, *, note: bool) -> tuple[list[MarkerSpan], list[str | None]]:
        """The content's markers and what a reader does not see, as marker spans.

        A span with no labels hides its text: back-links, attribute lists, fenced div
        lines, pandoc spans' brackets and (in a note) the note's own label. With the
        spans, the other file each marker span points into (or None), in order.
        """
        analysed = self.contents[content]
        found: list[tuple[MarkerSpan, str | None]] = []
        for link in analysed.links:
            marker, file = self.marker_target(link)
            if marker and link is not analysed.label_link:
                found.append((MarkerSpan(link.start, link.end, (link.label,)), file))
            elif link is analysed.label_link or link.back or self.is_back_link(link.anchor or ""):
                found.append((MarkerSpan(link.start, link.end, ()), None))
        if note and analysed.own_label and analysed.label_link is None:
            _, start, end = analysed.own_label
            found.append((MarkerSpan(start, end, ()), None))
        for m in ATTRIBUTES.finditer(content):
            start = m.start() - 1 if content[m.start() - 1 : m.start()] == "]" else m.start()
            found.append((MarkerSpan(start, m.end(), ()), None))
        found.extend((MarkerSpan(i, i + 1, ()), None) for i in pandoc_span_openers(content))
        found.extend(
            (MarkerSpan(m.start(), m.end(), ()), None) for m in FENCE_LINE.finditer(content)
        )
        found.sort(key=lambda item: (item[0].start, -item[0].end))
        spans: list[MarkerSpan] = []
        targets: list[str | None] = []
        end = -1
        for span, file in found:
            if span.start >= end:
                spans.append(span)
                if span.labels:
                    targets.append(file)
                end = span.end
        return spans, targets
