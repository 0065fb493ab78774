"""What the HTML reader knows about elements: blocks, hidden parts, visible text.

Small helpers shared by the note finder (`notes`) and the walk (`walk`): which tags
break text into blocks, which hold no prose, which are page chrome or hidden from
a reader, an element's visible text, where it sits in the tree, and which note owns
the elements above it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes import pattern_store

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
# Classes that mean "not part of the text" (screen-reader-only text, MediaWiki's chrome,
# the popovers in which littlefoot and bigfoot show a copy of a note).
UNSEEN_CLASSES = words(
    "noprint mw-editsection mw-jump-link printfooter catlinks navbox sr-only visually-hidden "
    "screen-reader-text littlefoot__popover littlefoot-footnote bigfoot-footnote"
)
HIDDEN_STYLE = pattern_store.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

# How far up the tree `holds` and `opens_block` look (a back-link inside its note's
# <li><p><span>).
HOLDS_DEPTH = 8


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
    node = inner.getparent()
    while node is not None and depth > 0:  # `ancestors`, without a generator per call
        if node is outer:
            return True
        node = node.getparent()
        depth -= 1
    return False


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


_SHARED = object()


def note_owners(chosen: list[tuple[Element, Element]]) -> dict[Element, object]:
    """For each element above a (reference, target) pair: the one target whose links lie
    under it, or a mark that it is shared.

    References are owned by nobody's note, so an element holding one is shared. Each
    element changes at most twice (unowned, owned, shared): linear overall.
    """
    owners: dict[Element, object] = {}
    items: list[tuple[Element, object]] = []
    for a, target in chosen:
        items.append((a, object()))
        items.append((target, target))
    for el, key in items:
        node: Element | None = el
        while node is not None:
            current = owners.get(node)
            if current is None:
                owners[node] = key
            elif current is key or current is _SHARED:
                break
            else:
                owners[node] = _SHARED
            node = node.getparent()
    return owners
