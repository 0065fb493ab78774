"""The DOCX reader: Word's body paragraphs, footnotes and endnotes, as Word displays them.

Parts (found through the package relationships, with the usual names as fallback):
word/document.xml for the body, word/footnotes.xml and word/endnotes.xml for the
notes, word/settings.xml for the note numbering, docProps/core.xml for metadata;
the language of the text (`metadata["language"]`) from the runs, styles.xml and
the others (see `docx_language`).

This module reads the package and puts the document together from:
- `docx_package`: the relationships that name the parts, optional parts, metadata;
- `docx_paragraphs`: the body's paragraphs and their note references (and the text
  of a note);
- `docx_numbering`: the label Word displays for each reference;
- `docx_notes`: the notes parts, each note with its text, label and line;
- `docx_language`: the language the text is written in.

Labels are what Word displays (see `docx_numbering`). When an endnote label would
equal a footnote label (both decimal), every endnote label gets the prefix "e"
("e1", "e2"), so that one label never names two notes; any label still shared
after that (a custom mark used twice) gets "(2)", "(3)" after it.

Locations: a body paragraph's line is its number, counting every body paragraph
(empty ones and table cells included) from 1; a marker's column is its 1-based
offset in the paragraph text. The notes' paragraphs are numbered on after the
body's (see `docx_notes`).

A document with no note references at all is read in the plain-text convention
(`[N]` typed into the text, a numbered notes list at the end), one paragraph per
line; its notes parts, if any, are ignored (no reference means Word shows none).
"""

from __future__ import annotations

import posixpath

from footcheck.footnotes.model import Document, DocumentError, Location, Note
from footcheck.parsers.plain import read_paragraphs

from .archive import Archive, optional_root, parse_xml, unique_labels
from .docx_language import docx_language
from .docx_notes import RawNote, read_notes
from .docx_numbering import KINDS, number_notes, section_properties
from .docx_package import WHAT, core_metadata, relationships
from .docx_paragraphs import (
    BodyReader,
    NoteRef,
    WordNames,
    raised_character_styles,
    word_namespace,
)
from .paragraphs import Block, paragraphs

__all__ = ["parse"]

FORMAT = "docx"
_MAIN_DOCUMENT = "word/document.xml"


def parse(data: bytes, path: str) -> Document:
    """Read a DOCX file. Raises only `DocumentError`."""
    archive = Archive(data, WHAT)
    package = relationships(archive, "")
    main = package.get("officeDocument", _MAIN_DOCUMENT)
    if not archive.has(main):
        main = _MAIN_DOCUMENT
    root = parse_xml(archive.read(main), main, WHAT)
    ns = word_namespace(root)
    n = WordNames(ns)
    body = root.find(n.body)
    if body is None:
        raise DocumentError(f"{WHAT} part {main} has no w:body")
    parts = relationships(archive, main)
    folder = posixpath.dirname(main)
    settings = optional_root(archive, parts.get("settings", posixpath.join(folder, "settings.xml")))
    core = optional_root(archive, package.get("core-properties", "docProps/core.xml"))
    metadata = core_metadata(core)
    styles = optional_root(archive, parts.get("styles", posixpath.join(folder, "styles.xml")))

    reader = BodyReader(n, raised_character_styles(styles, n))
    blocks = reader.body(body)
    body_length = sum(len(block.builder.text) for block in blocks)
    language = docx_language(body, body_length, styles, core, settings, n)
    if language is not None:
        metadata["language"] = language
    if not reader.refs:
        lines = [block.builder.text for block in blocks]
        return read_paragraphs(lines, [b.number for b in blocks], path, FORMAT, metadata)

    sections = section_properties(body, n)
    ref_labels, note_labels, next_number = number_notes(reader.refs, sections, settings, n)
    notes = read_notes(archive, parts, folder, n, reader.paragraph_count, note_labels, next_number)
    return _assemble(path, blocks, reader.refs, ref_labels, notes, metadata)


def _assemble(
    path: str,
    blocks: list[Block],
    refs: list[NoteRef],
    ref_labels: list[str],
    notes: list[RawNote],
    metadata: dict[str, str],
) -> Document:
    # One final label per (kind, note id) and per (kind, displayed label) for orphans.
    keys: list[tuple[str, str]] = []
    raw: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for ref, label in zip(refs, ref_labels, strict=True):
        key = (ref.kind, ref.note_id)
        if key not in seen:
            seen.add(key)
            keys.append(key)
            raw.append((ref.kind, label))
    for note in notes:
        key = (note.kind, note.note_id)
        if key not in seen:
            seen.add(key)
            keys.append(key)
            raw.append((note.kind, note.label))
    final = dict(zip(keys, unique_labels(raw), strict=True))

    def final_label(index: int) -> str:
        return final[(refs[index].kind, refs[index].note_id)]

    order = {key: index for index, key in enumerate(keys)}
    built = [
        Note(final[(note.kind, note.note_id)], note.text, Location(note.line, 1), note.kind)
        for note in sorted(notes, key=lambda x: (KINDS.index(x.kind), order[(x.kind, x.note_id)]))
    ]
    return Document(path, FORMAT, paragraphs(blocks, final_label), tuple(built), metadata=metadata)
