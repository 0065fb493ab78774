"""Anchor-link notes written as HTML inside Markdown: `<li id="fn1">`, `<p><a name="n1">`.

A Markdown page converted from HTML, or written by hand for Jekyll, often keeps its
notes list as raw HTML: one HTML block holding `<ol>` or `<ul>` with an `<li id=...>`
per note, or paragraphs that open with `<a name=...></a>`. CommonMark passes an HTML
block through untouched, so a reader sees it as the browser renders it: lxml parses
the block (imported only when a page has such a block), and each element holding a
note's anchor gives one note, its text as the browser shows it, without its leading
label (`<sup>1</sup>`, `[1]`, `1.`) and without its back-links (`<a href="#fnr1">↩</a>`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Location

from .source import Block

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Elements that hold text inside a note, not the note itself.
_INLINE = frozenset(
    [
        "a",
        "span",
        "sup",
        "sub",
        "b",
        "i",
        "em",
        "strong",
        "small",
        "font",
        "u",
        "s",
        "mark",
        "cite",
        "abbr",
        "code",
    ]
)
# A label the note's text opens with: `[1]`, `1.`, `1)`.
_LEADING_LABEL = pattern_store.compile(r"\[(\d{1,3}+)\][ ]?+|(\d{1,3}+)[.)](?: |$)")
_NUMBER = pattern_store.compile(r"\s*+\[?+(\d{1,3}+)\]?+\s*+")


@dataclass(frozen=True, slots=True)
class HtmlNote:
    """One note of an HTML block: its anchor, its own label (or ""), text and place."""

    anchor: str
    label: str
    text: str
    location: Location


def _container(element: HtmlElement, root: HtmlElement) -> HtmlElement:
    """The element a note is: the anchor's own block element, or the block around it."""
    current = element
    while current.tag in _INLINE and current.getparent() is not None:
        parent = current.getparent()
        assert parent is not None
        if parent is root:
            return current if current.tag not in _INLINE else root
        current = parent
    return current


def _list_number(element: HtmlElement) -> str:
    parent = element.getparent()
    if element.tag != "li" or parent is None or parent.tag != "ol":
        return ""
    start = str(parent.get("start") or "1")
    first = int(start) if start.isdigit() else 1
    return str(
        first + sum(1 for sibling in element.itersiblings(preceding=True) if sibling.tag == "li")
    )


def _take_superscript_label(element: HtmlElement) -> str:
    """The label of a note opening with `<sup>1</sup>` (or a link or span showing `1`).

    The element showing it is taken out of the note.
    """
    if (element.text or "").strip():
        return ""
    first: HtmlElement | None = None
    for child in element:
        if not isinstance(child.tag, str):  # a comment or processing instruction
            if (child.tail or "").strip():
                return ""
            continue
        if child.text_content().strip() or (child.tail or "").strip():
            first = child
            break
    if first is None or first.tag not in _INLINE:
        return ""
    number = _NUMBER.fullmatch(first.text_content())
    if number is None:
        return ""
    first.drop_tree()
    return number.group(1)


def _strip_back_links(element: HtmlElement, is_back_link: Callable[[str, str], bool]) -> None:
    for link in list(element.iter("a")):
        href = link.get("href") or ""
        if href.startswith("#") and is_back_link(href[1:], link.text_content()):
            link.drop_tree()


def _location(block: Block, element: HtmlElement) -> Location:
    line = block.first + max(0, (element.sourceline or 1) - 1)
    line = min(line, len(block.source.starts) - 1)
    column = block.source.line_text(line).find(f"<{element.tag}")
    return block.source.location(line, max(0, column))


def _notes(
    block: Block,
    root: HtmlElement,
    anchors: Collection[str],
    is_back_link: Callable[[str, str], bool],
) -> Iterator[HtmlNote]:
    seen: set[int] = set()
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        anchor = element.get("id") or element.get("name") or ""
        if anchor not in anchors:
            continue
        note = _container(element, root)
        if id(note) in seen:
            continue
        seen.add(id(note))
        location = _location(block, note)
        _strip_back_links(note, is_back_link)
        shown = _take_superscript_label(note)
        label = _list_number(note) or shown
        text = " ".join(note.text_content().split())
        leading = _LEADING_LABEL.match(text)
        if leading is not None:
            label = label or leading.group(1) or leading.group(2)
            text = text[leading.end() :]
        yield HtmlNote(anchor, label, text, location)


def html_notes(
    block: Block, anchors: Collection[str], is_back_link: Callable[[str, str], bool]
) -> list[HtmlNote]:
    """The notes of an HTML block: one per element holding one of `anchors`.

    `is_back_link(target, text)` says whether a link to `#target` showing `text` is a
    back-link; back-links are left out of the notes' text.
    """
    from lxml import etree
    from lxml.html import fragment_fromstring

    try:
        root = fragment_fromstring(block.content, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    return list(_notes(block, root, anchors, is_back_link))
