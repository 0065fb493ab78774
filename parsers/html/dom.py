"""What the HTML reader knows about elements: blocks, hidden parts, note markup, labels.

Small helpers shared by the note finder (`notes`) and the text walk (`reader`):
which tags break text into blocks, which hold no prose, which markup says "note
reference", "back-link" or "the notes are here", and an element's visible text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element as Element


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Elements that break text into blocks (a new paragraph in the body, a space in a note).
BLOCK = words(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend "
    "li main menu nav ol p pre section summary table tbody td tfoot th thead tr ul"
)
# Elements whose content is never text a reader sees as prose.
SKIP = words(
    "head title meta link script style noscript template iframe object embed svg canvas "
    "button select option textarea input audio video map img area base frameset"
)
# Page chrome: skipped unless it holds a marker or a note.
CHROME_TAGS = frozenset(["nav", "footer"])
CHROME_ROLES = frozenset(["navigation", "banner", "contentinfo", "search"])
# Classes that mean "not part of the text" (screen-reader-only text, MediaWiki's chrome).
UNSEEN_CLASSES = words(
    "noprint mw-editsection mw-jump-link printfooter catlinks navbox sr-only visually-hidden "
    "screen-reader-text"
)

# Markup that says "this link is a note reference" / "this link goes back to the text".
REF_CLASSES = frozenset(
    ["footnote-ref", "footnote", "footnote-reference", "footnoteref", "fnref", "noteref"]
)
BACK_HINT = re.compile(
    r"back[-_]?(?:link|ref)|reversefootnote|footnote[-_]?back|fn[-_]?back", re.IGNORECASE
)
SUP_REF_CLASSES = frozenset(["reference", "footnote-ref", "noteref"])
# Markup that says "these are the notes".
CONTAINER_CLASSES = frozenset(
    ["footnotes", "footnote", "references", "endnotes", "footnotes-list", "notes", "reflist"]
)
CONTAINER_ROLES = frozenset(["doc-endnotes", "doc-footnotes", "doc-footnote", "doc-endnote"])
NOTE_ROLES = frozenset(["doc-footnote", "doc-endnote"])
EPUB_NOTE = re.compile(r"\b(?:footnote|endnote|rearnote)s?\b")
ONE_NOTE_EPUB = re.compile(r"\b(?:foot|end|rear)note\b")
MSO_LIST = re.compile(r"mso-element\s*:\s*(?:foot|end)note-list", re.IGNORECASE)
FOOTNOTE_ID = re.compile(r"^_?ftn|footnote", re.IGNORECASE)
ENDNOTE_ID = re.compile(r"^_?edn|endnote", re.IGNORECASE)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

# How far up the tree the pairing looks (a back-link inside its note's <li><p><span>).
HOLDS_DEPTH = 8
CONTAINER_DEPTH = 8
WRAPPER_DEPTH = 2
NOTE_CLIMB = 3
# A link with no back-link and no markup hint is a reference only when its text is this short.
SHORT_LABEL = 8

LABEL_STRIP = " \t\r\n\xa0[](){}"
NOTE_LABEL = re.compile(r"^[\[(]?(?:\d{1,4}|[a-zA-Z]|[ivxlc]{1,5}|[*†‡§¶]{1,3})[\])]?$")
# Targets that are sections of the text, not notes.
NOT_NOTES = words("h1 h2 h3 h4 h5 h6 section article main body html table figure img")
RESTARTED = re.compile(r" \(\d+\)$")
LABEL_TAGS = words("sup a b strong small")
GROUP_PUNCT = re.compile(r"^[\s\[\](),;.\-–\u00a0]*$")
OWN_LABEL = re.compile(r"^\s*[\[(]?([0-9]{1,5}|[a-zA-Z]|[ivxlcdm]{1,6})[\]).:]\s")


def line_of(el: Element) -> int:
    """lxml's line of an element (where its start tag ends), or 1 when unknown."""
    line: object = el.sourceline
    return line if isinstance(line, int) and line > 0 else 1


def classes_of(el: Element) -> list[str]:
    return (el.get("class") or "").lower().split()


def tag_of(el: Element) -> str:
    """The tag name ("" for comments); the HTML parser has lower-cased it already."""
    tag = el.tag
    return tag if isinstance(tag, str) else ""


def visible_text(el: Element) -> str:
    """The text a reader sees in an element (no styles, scripts or hidden parts)."""
    parts: list[str] = []
    for node in el.iter():
        tag = tag_of(node)
        if tag in ("style", "script") or (tag and is_hidden(node)):
            continue
        if tag and node.text:
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    return "".join(parts)


def is_hidden(el: Element) -> bool:
    """Not shown to a reader: `hidden`, `display:none`, screen-reader-only or chrome classes."""
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    if style and HIDDEN_STYLE.search(style):
        return True
    classes = el.get("class")
    return bool(classes and UNSEEN_CLASSES.intersection(classes.lower().split()))


def clean_label(text: str) -> str:
    return " ".join(text.strip(LABEL_STRIP).split())


def ancestors(el: Element, depth: int) -> Iterator[Element]:
    """el's parent, grandparent... at most `depth` of them."""
    node = el.getparent()
    while node is not None and depth > 0:
        yield node
        node = node.getparent()
        depth -= 1


def holds(outer: Element, inner: Element, depth: int = HOLDS_DEPTH) -> bool:
    """outer is inner or one of its near ancestors."""
    if outer is inner:
        return True
    return any(a is outer for a in ancestors(inner, depth))


def has_text(el: Element) -> bool:
    return any(t.strip() for t in iter_text(el))


def iter_text(el: Element) -> Iterator[str]:
    for node in el.iter():
        if isinstance(node.tag, str) and node.text:
            yield node.text
        if node is not el and node.tail:
            yield node.tail


def opens_block(el: Element) -> bool:
    """Nothing but whitespace before el in its block (a note starts with its back-link)."""
    node = el
    for _ in range(HOLDS_DEPTH):
        parent = node.getparent()
        if parent is None:
            return True
        sibling = node.getprevious()
        while sibling is not None:
            if (sibling.tail and sibling.tail.strip()) or has_text(sibling):
                return False
            sibling = sibling.getprevious()
        if parent.text and parent.text.strip():
            return False
        if tag_of(parent) in BLOCK:
            return True
        node = parent
    return True


def ref_hint(a: Element) -> int:
    """+1 for markup that says "note reference", -1 for "back-link", 0 for neither."""
    role = (a.get("role") or "").lower()
    if role == "doc-backlink" or a.get("data-footnote-backref") is not None:
        return -1
    if role == "doc-noteref" or a.get("data-footnote-ref") is not None:
        return 1
    if "noteref" in (a.get("epub:type") or "").lower():
        return 1
    classes = a.get("class") or ""
    if BACK_HINT.search(classes):
        return -1
    if REF_CLASSES.intersection(classes.lower().split()):
        return 1
    parent = a.getparent()
    if parent is not None:
        pclass = parent.get("class") or ""
        if BACK_HINT.search(pclass):
            return -1
        if tag_of(parent) == "sup" and SUP_REF_CLASSES.intersection(pclass.lower().split()):
            return 1
    return 0


# The attributes `is_container` reads: an element with none of them is no container.
CONTAINER_ATTRS = frozenset(["role", "data-footnotes", "epub:type", "class", "style"])


def is_container(el: Element) -> bool:
    """Markup that says "the notes are in here"."""
    if CONTAINER_ATTRS.isdisjoint(el.keys()):  # most elements: one call, not five
        return False
    if (el.get("role") or "").lower() in CONTAINER_ROLES:
        return True
    if el.get("data-footnotes") is not None:
        return True
    epub = el.get("epub:type")
    if epub and EPUB_NOTE.search(epub.lower()):
        return True
    if CONTAINER_CLASSES.intersection(classes_of(el)) and tag_of(el) not in ("a", "sup", "span"):
        return True
    style = el.get("style")
    return bool(style and MSO_LIST.search(style))


def is_own_note(el: Element) -> bool:
    """An element that says it is one note (`role="doc-footnote"`, `epub:type="footnote"`)."""
    if (el.get("role") or "").lower() in NOTE_ROLES:
        return True
    epub = el.get("epub:type")
    return bool(
        epub and tag_of(el) != "a" and re.search(r"\b(?:foot|end|rear)note\b", epub.lower())
    )
