"""Links that leave the page: markers whose note is in another file, and back-links.

An EPUB chapter cites its notes in the book's endnotes file (`<a
href="endnotes.xhtml#note-1" epub:type="noteref">1</a>`), and that file's notes link
back to the chapters (`<a href="chapter-3.xhtml#noteref-3"
epub:type="backlink">↩</a>`); a GitBook chapter may point at a notes chapter
(`<sup><a href="../footnotes/README.html">2</a></sup>`). The other file is kept as
written, without its fragment: the marker's `target`, the note's `cited_from`.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING
from urllib.parse import unquote

from footcheck.footnotes import pattern_store

from .dom import opens_block, tag_of, visible_text
from .labels import NOTE_LABEL

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

# A scheme ("https:", "mailto:", "javascript:") or a network path ("//host"): not a file
# of this document.
_ELSEWHERE = pattern_store.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//)")
# Fragments that name a note: "#fn1", "#note-3", "#_ftn2", "#cite_note-4", "#endnote5".
NOTE_FRAGMENT = pattern_store.compile(
    r"(?:^|[^a-z])(?:fn|ftn|edn|foot|end|notes?|cite|ref)", re.IGNORECASE
)
# What a back-link shows: an arrow or a caret; the return arrows say nothing else.
RETURN_ARROWS = frozenset(["↩", "↩︎", "⤴", "⮐"])
BACK_TEXT = RETURN_ARROWS | {"↑", "^", "⇧", "back"}
# No note label is longer ("[1234]").
LABEL_LENGTH = 8


def other_file(href: str, own_name: str) -> tuple[str, str] | None:
    """(file, fragment) of a link into another file of the document; None otherwise.

    A link to the page's own file name ("report.html#fn1" in report.html) is in-page.
    """
    href = href.strip()
    if not href or href.startswith(("#", "?")) or _ELSEWHERE.match(href):
        return None
    file, _, fragment = href.partition("#")
    file = file.split("?", 1)[0]
    if not file or posixpath.basename(unquote(file)) == own_name:
        return None
    return file, fragment


def is_superscript(a: Element) -> bool:
    """A link set in superscript: inside a <sup>, or holding one."""
    parent = a.getparent()
    if parent is not None and tag_of(parent) == "sup":
        return True
    return any(tag_of(child) == "sup" for child in a)


def shown(a: Element) -> str:
    """What the link shows, its whitespace folded."""
    return " ".join(visible_text(a).split())


def looks_like_marker(a: Element, fragment: str, text: str | None = None) -> bool:
    """A link with no markup hint that a reader takes for a note marker.

    Its text (`shown`) is a note label, and it is set in superscript, in brackets
    ("[3]") or points at a fragment named like a note ("#fn3").
    """
    text = shown(a) if text is None else text
    if len(text) > LABEL_LENGTH or not NOTE_LABEL.match(text):
        return False
    return is_superscript(a) or text.startswith("[") or bool(NOTE_FRAGMENT.search(fragment))


def shows_back(text: str, arrows_only: bool = False) -> bool:
    """`text` (`shown`) is what a back-link shows: "↩", "↑", "^" (or a return arrow)."""
    return text.lower() in (RETURN_ARROWS if arrows_only else BACK_TEXT)


def opens_with_label(a: Element, text: str) -> bool:
    """A link that shows a note's label (`shown`) at the start of its block: in a note,
    the label that links back to the marker ("1." in `<p><a href="ch1.html#r1">1.</a>
    Text`)."""
    label = text.rstrip(".:")
    return len(label) <= LABEL_LENGTH and bool(NOTE_LABEL.match(label)) and opens_block(a)
