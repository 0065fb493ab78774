"""The ODT reader: an OpenDocument text's paragraphs and notes, as LibreOffice displays them.

content.xml holds everything: `text:p` and `text:h` under `office:text`, in order,
also inside tables, lists, sections and frames' text boxes (a text box's
paragraphs follow the paragraph that anchors it). A note is stored where its
marker stands: `text:note` with `text:note-class` footnote or endnote, its
`text:note-citation` (the label as displayed, or its `text:label` attribute when
there is one) and `text:note-body` (the note's paragraphs, which are not body
paragraphs). The marker (`auto=True`) sits at the offset of the `text:note`.

Text: `text:s` (with its `text:c` count), `text:tab` and `text:line-break` are
spaces; spans, links, fields and other inline elements give their text. A span in a
raised text style (see `odt_styles`) shows its note numbers as superscript digits.
Annotations (comments), ruby annotations, index templates and the
`text:tracked-changes` region (where deleted text lives) are left out; the text a
tracked change inserted stays, as LibreOffice shows it.

Labels: the citation as displayed. Footnotes and endnotes are numbered
separately (by default 1, 2 and i, ii); when an endnote label equals a footnote
label, every endnote label gets the prefix "e" ("e1"), and a label still shared by
two notes gets "(2)" after its second use (see `parsers.office.archive.unique_labels`).

Locations: a body paragraph's line is its number, counting every body paragraph
(empty ones, headings and table cells included) from 1; a marker's column is its
1-based offset in the paragraph text. Note paragraphs are numbered on after the
body's, in the order the notes stand in the document, so a note's line is body
paragraph count + its index among the note paragraphs.

A document with no `text:note` at all is read in the plain-text convention (`[N]`
typed into the text, a numbered notes list at the end), one paragraph per line.

Metadata from meta.xml: `modified` (dc:date), `created` (meta:creation-date),
`title` (dc:title), as raw strings; `language`, a BCP 47 tag, from meta.xml or the
default paragraph style (see `odt_language`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, DocumentError, Location, Note
from footcheck.parsers.plain import read_paragraphs
from footcheck.parsers.textbuild import TextBuilder

from .archive import Archive, metadata_texts, optional_root, parse_xml, unique_labels
from .odt_language import odt_language
from .odt_styles import raised_text_styles
from .paragraphs import Block, paragraphs, placeholder
from .superscript import raised

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml import etree

__all__ = ["parse"]

FORMAT = "odt"
WHAT = "ODT"

_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_DC = "http://purl.org/dc/elements/1.1/"


def _t(local: str) -> str:
    return f"{{{_TEXT}}}{local}"


_P = _t("p")
_H = _t("h")
_S = _t("s")
_C = _t("c")
_TAB = _t("tab")
_LINE_BREAK = _t("line-break")
_NOTE = _t("note")
_NOTE_CITATION = _t("note-citation")
_NOTE_BODY = _t("note-body")
_NOTE_CLASS = _t("note-class")
_LABEL = _t("label")
_SPAN = _t("span")
_STYLE_NAME = _t("style-name")
_RUBY_TEXT = _t("ruby-text")
_TEXT_BOX = f"{{{_DRAW}}}text-box"
_OFFICE_TEXT = f"{{{_OFFICE}}}text"
_OFFICE_BODY = f"{{{_OFFICE}}}body"

# Never displayed as body text (their tails are).
_SKIPPED = frozenset(
    [
        _t("tracked-changes"),
        _t("sequence-decls"),
        _t("variable-decls"),
        _t("user-field-decls"),
        _t("dde-connection-decls"),
        _t("table-of-content-source"),
        _t("illustration-index-source"),
        _t("table-index-source"),
        _t("object-index-source"),
        _t("user-index-source"),
        _t("alphabetical-index-source"),
        _t("bibliography-source"),
        _t("number"),  # a list item's cached number (styles decide what is shown)
        _RUBY_TEXT,
        f"{{{_OFFICE}}}annotation",
        f"{{{_OFFICE}}}annotation-end",
        f"{{{_OFFICE}}}forms",
        f"{{{_DRAW}}}image",
        "{http://www.w3.org/2000/svg}title",
        "{http://www.w3.org/2000/svg}desc",
    ]
)
_TEXT_MIMETYPES = frozenset(
    [
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.text-template",
        "application/vnd.oasis.opendocument.text-master",
        "application/vnd.oasis.opendocument.text-master-template",
        "application/vnd.oasis.opendocument.text-web",
    ]
)
_MAX_DEPTH = 200
_MAX_SPACES = 1000


@dataclass(slots=True)
class _RawNote:
    """A note as the document holds it: its class, its citation and its text."""

    kind: str
    citation: str
    text: str
    first_paragraph: int  # index among all note paragraphs, from 0


class _Reader:
    """Walks office:text: numbered body paragraphs, notes collected where they stand."""

    def __init__(self, raised_styles: frozenset[str]) -> None:
        self.raised_styles = raised_styles
        self.blocks: list[Block] = []
        self.notes: list[_RawNote] = []
        self.note_paragraphs = 0

    # -- blocks -------------------------------------------------------------------

    def body(self, parent: etree._Element) -> None:
        for p in _paragraphs(parent, 0):
            block = Block(len(self.blocks) + 1)
            self.blocks.append(block)
            deferred: list[etree._Element] = []
            self._inline(p, block.builder, block, deferred, 0)
            for box in deferred:
                self.body(box)

    # -- inline -------------------------------------------------------------------

    def _inline(
        self,
        element: etree._Element,
        builder: TextBuilder,
        block: Block | None,
        deferred: list[etree._Element],
        depth: int,
    ) -> None:
        if element.text:
            builder.add_text(element.text)
        for child in element:
            self._child(child, builder, block, deferred, depth)
            if child.tail:
                builder.add_text(child.tail)

    def _child(
        self,
        child: etree._Element,
        builder: TextBuilder,
        block: Block | None,
        deferred: list[etree._Element],
        depth: int,
    ) -> None:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED or depth > _MAX_DEPTH:
            return
        if tag == _S:
            builder.add_text(" ")  # folded whatever the count
        elif tag == _TAB:
            builder.add_text(" ")
        elif tag == _LINE_BREAK:
            builder.add_break()
        elif tag == _NOTE:
            self._note(child, builder, block)
        elif tag == _TEXT_BOX:
            deferred.append(child)
        elif tag == _SPAN and len(child) == 0 and child.get(_STYLE_NAME) in self.raised_styles:
            builder.add_text(raised(child.text or ""))
        elif tag in (_P, _H):  # a paragraph inside inline content (malformed): run it on
            builder.add_break()
            self._inline(child, builder, block, deferred, depth + 1)
            builder.add_break()
        else:  # span, a, meta, fields, frames (for their text boxes), ruby base ...
            self._inline(child, builder, block, deferred, depth + 1)

    def _note(self, note: etree._Element, builder: TextBuilder, block: Block | None) -> None:
        if block is None:
            return  # a note inside a note: not valid ODF
        kind = note.get(_NOTE_CLASS, "footnote")
        kind = kind if kind in ("footnote", "endnote") else "footnote"
        citation_element = note.find(_NOTE_CITATION)
        citation = ""
        if citation_element is not None:
            citation = citation_element.get(_LABEL) or _text_of(citation_element)
            citation = " ".join(citation.split())
        body = note.find(_NOTE_BODY)
        note_builder = TextBuilder()
        first = self.note_paragraphs
        if body is not None:
            for p in _paragraphs(body, 0):
                self.note_paragraphs += 1
                deferred: list[etree._Element] = []
                self._inline(p, note_builder, None, deferred, 0)
                note_builder.add_break()
                for box in deferred:
                    for inner in _paragraphs(box, 0):
                        self.note_paragraphs += 1
                        self._inline(inner, note_builder, None, [], 0)
                        note_builder.add_break()
        if self.note_paragraphs == first:
            self.note_paragraphs += 1  # an empty note still has its place
        index = len(self.notes)
        self.notes.append(_RawNote(kind, citation, note_builder.text, first))
        builder.add_marker(placeholder(index), Location(block.number, 1), auto=True)


def _paragraphs(parent: etree._Element, depth: int) -> Iterator[etree._Element]:
    """text:p and text:h under a block container, in order (not inside notes or text boxes)."""
    if depth > _MAX_DEPTH:
        return
    for child in parent:
        tag = child.tag
        if tag in (_P, _H):
            yield child
        elif not isinstance(tag, str) or tag in _SKIPPED or tag == _NOTE:
            continue
        else:  # tables, rows, cells, lists, list items, sections, index bodies ...
            yield from _paragraphs(child, depth + 1)


def _metadata(meta: etree._Element | None) -> dict[str, str]:
    return metadata_texts(
        meta,
        (
            ("modified", f"{{{_DC}}}date"),
            ("created", f"{{{_META}}}creation-date"),
            ("title", f"{{{_DC}}}title"),
        ),
    )


def _displayed(notes: list[_RawNote]) -> list[tuple[str, str]]:
    """(kind, label) of each note; a note with no citation text is numbered in its kind."""
    counts = {"footnote": 0, "endnote": 0}
    shown: list[tuple[str, str]] = []
    for note in notes:
        counts[note.kind] += 1
        shown.append((note.kind, note.citation or str(counts[note.kind])))
    return shown


def _check_mimetype(archive: Archive) -> None:
    data = archive.read_optional("mimetype")
    if data is None:
        return
    mimetype = data[:200].decode("ascii", errors="replace").strip()
    if mimetype and mimetype not in _TEXT_MIMETYPES:
        shown = "".join(ch if ch.isprintable() else "?" for ch in mimetype)[:80]
        raise DocumentError(f"not an ODT text document (its mimetype is {shown})")


def parse(data: bytes, path: str) -> Document:
    """Read an ODT file. Raises only `DocumentError`."""
    archive = Archive(data, WHAT)
    _check_mimetype(archive)
    root = parse_xml(archive.read("content.xml"), "content.xml", WHAT)
    body = root.find(_OFFICE_BODY)
    text = body.find(_OFFICE_TEXT) if body is not None else None
    if text is None:
        raise DocumentError("not an ODT text document (content.xml has no office:text)")
    meta = optional_root(archive, "meta.xml")
    styles = optional_root(archive, "styles.xml")
    metadata = _metadata(meta)
    language = odt_language(meta, styles)
    if language is not None:
        metadata["language"] = language

    reader = _Reader(raised_text_styles(root, styles))
    reader.body(text)
    blocks = reader.blocks
    if not reader.notes:
        lines = [block.builder.text for block in blocks]
        return read_paragraphs(lines, [b.number for b in blocks], path, FORMAT, metadata)

    labels = unique_labels(_displayed(reader.notes))
    body_count = len(blocks)
    order = sorted(range(len(reader.notes)), key=lambda i: (reader.notes[i].kind != "footnote", i))
    notes = tuple(
        Note(
            labels[i],
            reader.notes[i].text,
            Location(body_count + reader.notes[i].first_paragraph + 1, 1),
            reader.notes[i].kind,
        )
        for i in order
    )
    return Document(path, FORMAT, paragraphs(blocks, labels.__getitem__), notes, metadata=metadata)


def _text_of(element: etree._Element) -> str:
    return "".join(t for t in element.itertext() if isinstance(t, str))
