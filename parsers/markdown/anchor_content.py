"""One block's inline content as the anchor reading sees it: links, lead, own label.

`analyse` finds a content's links, where its text starts after empty tags and
attribute lists (its lead), and the label it opens with (`<sup>1</sup>`, `^1^`,
`[1]`, `1.`, `1)`, or a bare `3` that is its anchor's number). With it, the small
facts `anchor_notes` asks of one content or heading: whether an anchor opens its
block, the number a note's id gives it, a label heading's label, and where pandoc's
spans open.

Every regex is compiled once and runs in linear time over the input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from footcheck.footnotes import pattern_store

from ..marks import valid_label
from .anchor_links import ATTRIBUTES, Link, find_ids, find_links, is_note_id, visible_text
from .source import Block

# What may come before a note's label: blanks, empty tags (`<a name="n1"></a>`),
# attribute lists, pandoc's empty spans (`[]{#n1}`) and fenced div lines (`::: {#n1}`).
_PREFIX = pattern_store.compile(r"(?:\s++|<[^<>]*+>|\[\](?=\{)|\{[^{}\n]*+\}|:{3,}+[^\n]*+\n)*+")
# A label a note opens with: `<sup>1</sup>`, `^1^`, `[1]`, `\[1\]`, `1.`, `1)`.
_OWN_LABEL = pattern_store.compile(
    r"<sup\b[^<>]*+>[ \t]*+(\d{1,3}+)[ \t]*+</sup>|\^(\d{1,3}+)\^"
    r"|\\?+\[(\d{1,3}+)\\?+\](?![(\[\]])|(\d{1,3}+)[.)](?=[ \t])"
)
# A heading that is only a note's label: "1", "[1]", "Note 1", "Footnote 1:".
_LABEL_HEADING = pattern_store.compile(
    r"(?:(?:foot|end)?note[ \t]*+)?+\W*+(\d{1,3}+)\W*+", re.IGNORECASE
)
_LABEL_HEADING_MAX = 200
# A bare number opening a note (`<a id="3"></a>3 Text`): its label only when it is its anchor's.
_BARE_LABEL = pattern_store.compile(r"(\d{1,3}+)[ \t]++")
_DIGITS = pattern_store.compile(r"\d++")
_TRAILING_SPACE = pattern_store.compile(r"\s*+\Z")


@dataclass(slots=True)
class Content:
    """One block's inline content (a table cell's), as the anchor links see it."""

    text: str
    links: list[Link]
    lead: int  # where its text starts, after empty tags and attribute lists
    label_link: Link | None = None  # a linked label opening a note: `[[1]](#fnref1){#fn1}`
    own_label: tuple[str, int, int] | None = None  # (label, start, end) it opens with


def analyse(content: str, refs: Mapping[str, Any]) -> Content:
    """A content's links, where its text starts and the label it opens with."""
    links = find_links(content, refs)
    lead = _PREFIX.match(content)
    analysed = Content(content, links, lead.end() if lead else 0)
    own = _OWN_LABEL.match(content, analysed.lead)
    if own is not None:
        label = next(group for group in own.groups() if group)
        analysed.own_label = (label, own.start(), own.end())
    elif (bare := _BARE_LABEL.match(content, analysed.lead)) is not None:
        numbers = {id_number(anchor) for anchor, _ in find_ids(content[: analysed.lead])}
        if bare.group(1) in numbers:
            analysed.own_label = (bare.group(1), bare.start(), bare.end())
    return analysed


def contents_of(block: Block) -> list[str]:
    """A block's inline contents: a table row's cells, or its one content."""
    if block.kind == "row":
        return [content for content, _ in block.cells or []]
    return [block.content]


def pandoc_span_openers(content: str) -> list[int]:
    """Where pandoc's spans `[text]{#id}` open: their `[`, taken out of the text.

    One pass pairs the brackets (a backslash escapes one); a `]` right before an
    attribute list closes a span.
    """
    if "]{" not in content:
        return []
    closers = {
        m.start() - 1
        for m in ATTRIBUTES.finditer(content)
        if content[m.start() - 1 : m.start()] == "]"
    }
    found: list[int] = []
    open_at: list[int] = []
    escaped = False
    for i, c in enumerate(content):
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c == "[":
            open_at.append(i)
        elif c == "]" and open_at:
            start = open_at.pop()
            if i in closers:
                found.append(start)
    return sorted(found)


def id_number(anchor: str) -> str:
    """The number a note's id gives it: "3" for `3`, `fn3`, `note-3`; "" for other ids."""
    if not is_note_id(anchor):
        return ""
    number = _DIGITS.findall(anchor)[-1]
    return number if valid_label(number) else ""


def opens(analysed: Content, at: int) -> bool:
    """Whether an anchor at `at` opens its block: before its text, or a block attribute list.

    kramdown writes a block's attribute list on a line of its own after it (`{: #n3}`).
    """
    if at <= analysed.lead:
        return True
    text = analysed.text
    if text[at - 1] != "\n" or (attributes := ATTRIBUTES.match(text, at)) is None:
        return False
    return _TRAILING_SPACE.match(text, attributes.end()) is not None


def heading_label(block: Block) -> str:
    """The label of a heading that is only a note's label (`#### 1 {#fn1}`, "Note 3"), or ""."""
    if block.kind != "heading" or len(block.content) > _LABEL_HEADING_MAX:
        return ""
    label = _LABEL_HEADING.fullmatch(visible_text(block.content).strip())
    return label.group(1) if label else ""
