"""Notes that a heading introduces or stands for.

Hand-made pages and GitBook chapters put their notes under a heading ("Notes",
"Footnotes", "Endnotes", "References", "Sources") as a plain `<ol>` or as
paragraphs, with no class or role saying so: the blocks after such a heading, up to
the next heading of the same or a higher rank, hold notes. texi2any writes each
footnote as a heading that holds only its label and back-link (`<h5><a id="FOOT1"
href="#DOCF1">(1)</a></h5>`) followed by the note's paragraphs: that note goes on
over the blocks after its heading, up to the next heading.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from footcheck.footnotes import pattern_store

from .dom import tag_of, visible_text

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

HEADINGS = {f"h{rank}": rank for rank in range(1, 7)}
NOTES_TITLE = pattern_store.compile(
    r"^(?:(?:foot|end)?notes?|references|sources|notes and references)\s*:?$", re.IGNORECASE
)
# A heading longer than this is prose, not a title.
TITLE_LENGTH = 40
# How many blocks after a notes heading are looked at, and after a heading note.
SECTION_BLOCKS = 2000
NOTE_BLOCKS = 50


def is_notes_heading(el: Element) -> bool:
    """A heading titled "Notes", "Footnotes", "Endnotes", "References" or "Sources"."""
    text = " ".join(visible_text(el).split())
    return len(text) <= TITLE_LENGTH and bool(NOTES_TITLE.match(text))


def notes_section(heading: Element) -> list[Element]:
    """The blocks after a notes heading, up to the next heading of its rank or higher."""
    rank = HEADINGS.get(tag_of(heading), 6)
    section: list[Element] = []
    node = heading.getnext()
    while node is not None and len(section) < SECTION_BLOCKS:
        if HEADINGS.get(tag_of(node), 7) <= rank:
            break
        if tag_of(node):  # not a comment
            section.append(node)
        node = node.getnext()
    return section


def note_blocks(note: Element, is_note: set[Element]) -> tuple[Element, ...]:
    """The blocks after a heading that is a whole note's label: the note's text.

    Up to the next heading, rule or note.
    """
    blocks: list[Element] = []
    node = note.getnext()
    while node is not None and len(blocks) < NOTE_BLOCKS:
        tag = tag_of(node)
        if tag in HEADINGS or tag == "hr" or node in is_note:
            break
        if tag:
            blocks.append(node)
        node = node.getnext()
    return tuple(blocks)
