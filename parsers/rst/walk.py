"""One walk over a docutils document tree: body paragraphs with their markers, and the notes.

- Body blocks are paragraphs, wherever they stand (sections, list items, table
  cells, block quotes, admonitions, definitions, the prose of a Sphinx directive),
  and the other blocks of prose a reader sees: titles, rubrics, terms, captions,
  attributions, line blocks. A footnote or citation reference in one is a marker,
  its token taken out of the text.
- Not body: literal blocks, doctest and math blocks, comments, substitution
  definitions, raw input, targets, the document's bibliographic fields (metadata),
  the table of contents docutils builds (`.. contents::`, the titles again), and
  docutils' own messages.
- A footnote or citation is a note: its body's plain text, whitespace folded
  (literal blocks in it included, as a reader sees them), and the references
  inside it are that note's markers.
"""

from __future__ import annotations

from dataclasses import replace

from docutils import nodes

from footcheck.footnotes.model import Location, Marker, Note, Paragraph
from footcheck.parsers.textbuild import TextBuilder

from .labels import Labels, is_note, is_unnumbered_reference, note_label
from .positions import SourcePositions

_NOT_BODY = (
    nodes.Invisible,  # comments, substitution definitions, targets, pending transforms
    nodes.FixedTextElement,  # literal, doctest, math and raw blocks
    nodes.system_message,
    nodes.docinfo,
    nodes.decoration,
    nodes.label,
)
_PROSE_BLOCKS = (
    nodes.paragraph,
    nodes.title,
    nodes.subtitle,
    nodes.rubric,
    nodes.term,
    nodes.caption,
    nodes.attribution,
    nodes.line_block,
)
_REFERENCES = (nodes.footnote_reference, nodes.citation_reference)
# Inside a note's or a paragraph's text: what shows no text.
_NO_TEXT = (nodes.system_message, nodes.raw, nodes.comment, nodes.substitution_definition)


class _Builder(TextBuilder):
    """A `TextBuilder` whose markers have numbering scopes (see `labels.UNLINKED`)."""

    __slots__ = ("_scopes",)

    def __init__(self) -> None:
        super().__init__()
        self._scopes: list[int] = []

    def add_reference(self, label: str, location: Location, *, auto: bool, scope: int) -> None:
        self.add_marker(label, location, auto=auto)
        self._scopes.append(scope)

    @property
    def markers(self) -> tuple[Marker, ...]:
        return tuple(
            replace(marker, scope=scope) if scope else marker
            for marker, scope in zip(super().markers, self._scopes, strict=True)
        )


class Walker:
    """Collects the paragraphs and notes of one document, in reading order."""

    def __init__(self, positions: SourcePositions, labels: Labels) -> None:
        self._positions = positions
        self._labels = labels
        self.paragraphs: list[Paragraph] = []
        self.notes: list[Note] = []

    def run(self, document: nodes.document) -> None:
        self._blocks(document, 1)

    def _blocks(self, node: nodes.Element, line: int) -> None:
        for child in node.children:
            if not isinstance(child, nodes.Element):
                continue
            child_line = child.line or line
            if is_note(child):
                self._note(child, child_line)
            elif isinstance(child, _NOT_BODY) or _is_contents(child):
                continue
            elif isinstance(child, _PROSE_BLOCKS):
                self._paragraph(child, child_line)
            else:
                self._blocks(child, child_line)

    def _paragraph(self, node: nodes.Element, line: int) -> None:
        builder = _Builder()
        self._text(node, builder, line)
        if not builder.is_empty():
            self.paragraphs.append(builder.paragraph(self._positions.block_start(line)))

    def _note(self, node: nodes.Element, line: int) -> None:
        builder = _Builder()
        self._text(node, builder, line)
        kind = "citation" if isinstance(node, nodes.citation) else "footnote"
        self.notes.append(builder.note(note_label(node), self._positions.block_start(line), kind))

    def _text(self, node: nodes.Element, builder: _Builder, line: int) -> None:
        """Add the text and references under `node` (a prose block or a note) to `builder`."""
        for child in node.children:
            if isinstance(child, nodes.Text):
                builder.add_text(child.astext())
            elif isinstance(child, _REFERENCES) or is_unnumbered_reference(child):
                self._marker(child, builder, line)
            elif is_note(child):  # a note defined inside another note's body
                self._note(child, child.line or line)
            elif isinstance(child, (*_NO_TEXT, nodes.label)) or not isinstance(
                child, nodes.Element
            ):
                continue
            elif isinstance(child, nodes.Inline):
                self._text(child, builder, line)
            else:  # a block in a note, or a line of a line block
                builder.add_break()
                self._text(child, builder, child.line or line)
                builder.add_break()

    def _marker(self, node: nodes.Element, builder: _Builder, line: int) -> None:
        label, scope = self._labels.reference(node)
        location = self._positions.reference(node.rawsource, line)
        auto = is_unnumbered_reference(node) or node.get("auto") in (1, "*")
        where = location or self._positions.block_start(line)
        builder.add_reference(label, where, auto=auto, scope=scope)


def _is_contents(node: nodes.Element) -> bool:
    return isinstance(node, nodes.topic) and "contents" in node["classes"]
