"""A notes chapter: the page of a book that holds the notes its other chapters cite.

GitBook and Jekyll books and reports exported from Word keep their notes in a
chapter of their own, which the other chapters link into. Nothing on that page
links to its notes and no class or role calls them notes: the heading that names
notes ("Notes", "Endnotes": `headings`) is what makes them so. Under it, the notes
are

- the items of ordered lists (GitBook splits one around a paragraph), numbered from
  the list's `start` or an item's `value`, as a reader sees them;
- numbered paragraphs: a number shown as text ("1.", "[1]", "1)") or in a `<sup>`
  at the start, or only in an id that is the number or names a note (`fn1`,
  `note-1`, `n1`, `endnote-1`, Word's `_edn1`), on the paragraph or on an anchor at
  its start. Items of a bulleted list count only when they show a number so.

A paragraph with no number between two numbered ones goes on with the note before
it (a note of two paragraphs); one before the first or after the last is text of
the page. Sub-headings ("Chapter 3") and rules end a note. Blocks that only wrap
others (a `<div>`) are looked into. The reader asks for these only on a page with
no markers of its own: a page with markers keeps the rules of `notes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from footcheck.footnotes import pattern_store

from .dom import has_text, opens_block, tag_of, visible_text
from .headings import HEADINGS
from .labels import clean_label, number_items

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lxml.etree import _Element as Element

# "1.", "[1]", "(1)", "1)" or "1:" and a space: a number set apart as a label, not
# the "1.5 m" or "1931 was" that a note's text may begin with.
SHOWN_NUMBER = pattern_store.compile(r"^\s*[\[(]?(\d{1,4})[\]).:]\s")
# An id that is a note's number, or names a note: "1", "fn1", "fn:1", "note-1", "n1",
# "endnote-1", "_edn1", "ftn1".
NOTE_ID = pattern_store.compile(
    r"^_?(?:(?:foot|end)?notes?|fn|ftn|edn|en|n)?[-_:.]?(\d{1,4})$", re.IGNORECASE
)
# Blocks that may be a numbered paragraph, or go on with the note before.
PARAGRAPHS = frozenset(["p", "div", "blockquote", "pre", "section"])
# Blocks that may only wrap the notes (looked into when they are not one note).
WRAPPERS = frozenset(["div", "section", "article", "main"])
# How many elements at the start of a paragraph may carry its id ("<a id="n1">").
ID_LOOKAHEAD = 4
# How deep wrappers are looked into.
WRAPPER_DEPTH = 4


@dataclass(slots=True)
class ChapterNote:
    """One note of the chapter: its element, the number it shows, the blocks that go on
    with its text."""

    element: Element
    label: str
    blocks: list[Element] = field(default_factory=list)


def chapter_notes(sections: Iterable[Element]) -> list[ChapterNote]:
    """The notes in the blocks under the page's notes headings (`index.sections`)."""
    reader = _Reader()
    reader.read(sections, WRAPPER_DEPTH)
    return reader.found


class _Reader:
    def __init__(self) -> None:
        self.found: list[ChapterNote] = []
        self._seen: set[Element] = set()  # blocks under two notes headings are read once

    def read(self, blocks: Iterable[Element], depth: int) -> None:
        """Read a run of sibling blocks; a paragraph note goes on over those between it
        and the next note."""
        last: ChapterNote | None = None
        between: list[Element] = []
        for block in blocks:
            if block in self._seen:
                continue
            self._seen.add(block)
            tag = tag_of(block)
            if tag in WRAPPERS and depth and _wraps(block) and note_id(block) is None:
                self.read(block, depth - 1)
                last = None
                continue
            label = shown_number(block) if tag in PARAGRAPHS else None
            if label is not None:
                if last is not None:
                    last.blocks.extend(between)
                last, between = ChapterNote(block, label), []
                self.found.append(last)
            elif tag in ("ol", "ul"):
                self._list(block)
                last = None
            elif tag in PARAGRAPHS and last is not None:
                between.append(block)
            else:  # a heading, a rule, a table: the end of a note
                last = None

    def _list(self, block: Element) -> None:
        if tag_of(block) == "ol":
            numbers = number_items(block)
            self.found.extend(ChapterNote(li, str(n)) for li, n in numbers.items() if has_text(li))
            return
        for li in block:
            label = shown_number(li) if tag_of(li) == "li" else None
            if label is not None:
                self.found.append(ChapterNote(li, label))


def shown_number(block: Element) -> str | None:
    """The number a paragraph shows as its label: as text, in a `<sup>`, or in its id."""
    match = SHOWN_NUMBER.match(visible_text(block)[:40] + " ")
    if match:
        return match.group(1)
    sup = next(block.iter("sup"), None)
    if sup is not None and opens_block(sup):
        label = clean_label(visible_text(sup)).rstrip(".:")
        if label.isdigit() and len(label) <= 4:
            return label
    for count, el in enumerate(block.iter()):
        if count > ID_LOOKAHEAD:
            break
        number = note_id(el) if tag_of(el) else None
        if number is not None and (el is block or opens_block(el)):
            return number
    return None


def note_id(el: Element) -> str | None:
    """The number in an element's id (or `<a name>`) that names a note, if it has one."""
    match = NOTE_ID.match((el.get("id") or el.get("name") or "").strip())
    return str(int(match.group(1))) if match else None


def _wraps(block: Element) -> bool:
    """A block that holds other blocks and no text of its own beside them."""
    if block.text and block.text.strip():
        return False
    children = [child for child in block if tag_of(child)]
    return bool(children) and all(
        tag_of(c) in HEADINGS or tag_of(c) in PARAGRAPHS or tag_of(c) in ("ol", "ul", "hr")
        for c in children
    )
