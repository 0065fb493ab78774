"""The markup that note conventions write: which tool says "note" how.

pandoc and cmark-gfm (`footnote-ref`, `data-footnote-ref`), DPUB-ARIA and EPUB
(`role="doc-noteref"`, `epub:type="noteref"`, `epub:type="backlink"`), O'Reilly
HTMLBook (`data-type="noteref"`, `data-type="footnotes"`), kramdown and
Python-Markdown (`footnote`, `reversefootnote`), MediaWiki's Cite (`sup.reference`,
`ol.references`), Word (`mso-element:footnote-list`, `_ftn1`, `_edn1`), WordPress's
footnotes block (`sup.fn[data-fn]`, `ol.wp-block-footnotes`) and plugins
(WP-Footnotes' `footnote-identifier-link`, Easy Footnotes' `easy-footnote`),
Substack (`a.footnote-anchor`, `div.footnote`), texi2any (`footnotes-segment`): the
hints that a link is a note reference or a back-link, that an element holds the
notes or is one note, and whether a note is a footnote or an endnote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from footcheck.footnotes import pattern_store

from .dom import classes_of, tag_of

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

# Markup that says "this link is a note reference" / "this link goes back to the text".
REF_CLASSES = frozenset(
    [
        "footnote-ref",
        "footnote",
        "footnote-reference",
        "footnoteref",
        "fnref",
        "noteref",
        "footnote-identifier-link",  # WP-Footnotes
        "footnote-anchor",  # Substack
    ]
)
BACK_HINT = pattern_store.compile(
    r"back[-_]?(?:link|ref)|reversefootnote|footnote[-_]?back|fn[-_]?back", re.IGNORECASE
)
SUP_REF_CLASSES = frozenset(["reference", "footnote-ref", "noteref", "fn"])
# Wrappers of a reference link: Easy Footnotes' <span class="easy-footnote">.
WRAPPER_REF_CLASSES = frozenset(["easy-footnote"])
# Markup that says "these are the notes".
CONTAINER_CLASSES = frozenset(
    [
        "footnotes",
        "footnote",
        "references",
        "endnotes",
        "footnotes-list",
        "notes",
        "reflist",
        "wp-block-footnotes",
        "easy-footnotes-wrapper",
        "footnotes-segment",
    ]
)
CONTAINER_ROLES = frozenset(["doc-endnotes", "doc-footnotes", "doc-footnote", "doc-endnote"])
NOTE_ROLES = frozenset(["doc-footnote", "doc-endnote"])
EPUB_NOTE = pattern_store.compile(r"\b(?:footnote|endnote|rearnote)s?\b")
ONE_NOTE_EPUB = pattern_store.compile(r"\b(?:foot|end|rear)note\b")
MSO_LIST = pattern_store.compile(r"mso-element\s*:\s*(?:foot|end)note-list", re.IGNORECASE)
FOOTNOTE_ID = pattern_store.compile(r"^_?ftn|footnote", re.IGNORECASE)
ENDNOTE_ID = pattern_store.compile(r"^_?edn|endnote", re.IGNORECASE)


# The attributes `ref_hint` reads before the classes.
_HINT_ATTRS = frozenset(
    ["role", "data-footnote-backref", "data-footnote-ref", "epub:type", "data-type"]
)


def ref_hint(a: Element) -> int:
    """+1 for markup that says "note reference", -1 for "back-link", 0 for neither."""
    if not _HINT_ATTRS.isdisjoint(a.keys()):  # most links: none of these, only classes
        role = (a.get("role") or "").lower()
        if role == "doc-backlink" or a.get("data-footnote-backref") is not None:
            return -1
        if role == "doc-noteref" or a.get("data-footnote-ref") is not None:
            return 1
        typed = ((a.get("epub:type") or "") + " " + (a.get("data-type") or "")).lower()
        if "noteref" in typed:
            return 1
        if "backlink" in typed:
            return -1
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
        pclasses = pclass.lower().split()
        if tag_of(parent) == "sup" and SUP_REF_CLASSES.intersection(pclasses):
            return 1
        if WRAPPER_REF_CLASSES.intersection(pclasses):
            return 1
    return 0


INLINE_NOTE_TAGS = frozenset(["a", "span", "sup"])
# The attributes `is_container` reads: an element with none of them is no container.
SEMANTIC_ATTRS = frozenset(["role", "data-footnotes", "epub:type", "data-type"])
CONTAINER_ATTRS = SEMANTIC_ATTRS | {"class", "style"}


def is_container(el: Element, keys: Sequence[object]) -> bool:
    """Markup that says "the notes are in here"; `keys` are the element's attribute names."""
    semantic = not SEMANTIC_ATTRS.isdisjoint(keys)
    if semantic and (el.get("data-footnotes") is not None or says_notes(el)):
        return True
    classed = "class" in keys and CONTAINER_CLASSES.intersection(classes_of(el))
    if classed and tag_of(el) not in INLINE_NOTE_TAGS:
        return True
    style = el.get("style") if "style" in keys else None
    return bool(style and MSO_LIST.search(style))


def says_notes(el: Element) -> bool:
    """Markup whose vocabulary says "notes" (EPUB's `epub:type`, HTMLBook's `data-type`).

    Unlike a class name, which any page may use for anything, these say what the
    element is: its list items are notes even on a page whose markers are elsewhere.
    """
    if (el.get("role") or "").lower() in CONTAINER_ROLES:
        return True
    epub = el.get("epub:type")
    if epub and EPUB_NOTE.search(epub.lower()):
        return True
    typed = el.get("data-type")  # on a <span>, an HTMLBook note written in place
    return bool(typed and tag_of(el) not in INLINE_NOTE_TAGS and EPUB_NOTE.search(typed.lower()))


def is_own_note(el: Element) -> bool:
    """An element that says it is one note (`role="doc-footnote"`, `epub:type="footnote"`)."""
    if (el.get("role") or "").lower() in NOTE_ROLES:
        return True
    tag = tag_of(el)
    epub = el.get("epub:type")
    if epub and tag != "a" and ONE_NOTE_EPUB.search(epub.lower()):
        return True
    # HTMLBook's <span data-type="footnote"> is a note written at its marker's place.
    typed = el.get("data-type")
    return bool(typed and tag not in INLINE_NOTE_TAGS and ONE_NOTE_EPUB.search(typed.lower()))


def note_kind(target: Element, element: Element) -> str:
    """The note's kind, "footnote" or "endnote", as its ids, names, roles or epub:types say."""
    for el in (target, element):
        values = (el.get("id"), el.get("name"), el.get("role"), el.get("epub:type"))
        for value in (*values, el.get("data-type")):
            if not value:
                continue
            if ENDNOTE_ID.search(value):
                return "endnote"
            if FOOTNOTE_ID.search(value):
                return "footnote"
    return "endnote"
