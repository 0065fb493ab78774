"""The DOCX notes parts: each note of word/footnotes.xml and word/endnotes.xml, labelled.

Separator notes (`w:type` separator, continuationSeparator, continuationNotice) are
skipped; a custom mark repeated at the start of a note's text is left out. A note
that no reference cites is kept (FN002), numbered after the cited ones.

The notes' paragraphs are numbered on after the body's, footnotes.xml before
endnotes.xml, so a note's line is the number of its first paragraph: body
paragraph count + its index among the note paragraphs.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .archive import Archive, parse_xml
from .docx_numbering import KINDS, format_number
from .docx_package import WHAT
from .docx_paragraphs import ParagraphReader, WordNames

__all__ = ["RawNote", "read_notes"]

_SKIPPED_NOTE_TYPES = frozenset(["separator", "continuationSeparator", "continuationNotice"])


@dataclass(slots=True)
class RawNote:
    """A footnote or endnote as its part holds it, before its text is read."""

    kind: str
    note_id: str
    label: str
    text: str
    line: int


def read_notes(
    archive: Archive,
    parts: dict[str, str],
    folder: str,
    n: WordNames,
    body_paragraphs: int,
    note_labels: dict[tuple[str, str], str],
    next_number: dict[str, tuple[int, str]],
) -> list[RawNote]:
    notes: list[RawNote] = []
    line = body_paragraphs
    note_reader = ParagraphReader(n)
    for kind in KINDS:
        name = parts.get(f"{kind}s", posixpath.join(folder, f"{kind}s.xml"))
        data = archive.read_optional(name)
        if data is None:
            continue
        root = parse_xml(data, name, WHAT)
        for element in root.iter(n.w(kind)):
            if element.get(n.type, "normal") in _SKIPPED_NOTE_TYPES:
                continue
            note_id = element.get(n.id, "")
            builder, count = note_reader.note(element)
            label = note_labels.get((kind, note_id))
            if label is None:  # a note nobody cites: numbered after the cited ones
                number, fmt = next_number[kind]
                label = format_number(number, fmt)
                next_number[kind] = (number + 1, fmt)
            text = builder.text
            if label and not label[0].isalnum() and text.startswith(label):
                text = text[len(label) :].lstrip()  # a custom mark repeated in the note
            notes.append(RawNote(kind, note_id, label, text, line + 1))
            line += max(count, 1)
    return notes
