"""Where the labels of a Markdown page citing with anchor links are written, for `fix`.

The Markdown reader reads a page with no `[^N]` notes whose markers are number links
to in-page anchors (`parsers.markdown.anchor_notes`): `[2](#foot2)`,
`<sup>[2](#fn2)</sup>`, `[[2]](#fn2)`, `^[2](#fn2)^`, `<sup><a href="#fn2">2</a></sup>`.
It places a marker where its link starts (at the `<sup>` or `^` around it), and a note
at its list item's marker (`1. <a name="foot1"></a> Text`), at the start of its
paragraph (`<a name="fn1"></a>1. Text`), or at the HTML element holding its anchor
(`<li id="fn1">`, read as HTML is: `relabel_html`).

`sites_of` finds there a marker's written number (the one run of digits a reader sees
in the link: not its destination, tags or attribute list; only the digits are
rewritten, so every link keeps pointing at its note) and a note's extent and written
number: an ordered list item's number (which must be the number the list shows it
with, its place, and its label), or the number its text opens with after its anchor
(`1.`, `[1]`, `<sup>1</sup>`, a label link `[1](#r1)`). A note that shows no number
(a bullet, a bare paragraph) and an item numbered by its list must be moved to be
renumbered: its scope's notes must then stand together (`relabel.together`).

As everywhere in the fix: a note must hold the anchor its markers link to and every
letter of its text, or `SiteError`; nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from footcheck.footnotes.fixes.sites import NoteSite, SiteError, Token
from footcheck.footnotes.model import Document, Note

from .decode import line_end as _line_end
from .html.dom import BLOCK
from .relabel_html import Tags, digits, holds_words, note_site, place, write_one

# A Markdown link's text (one level of brackets inside), then its destination, its
# reference, or neither, then pandoc's attribute list.
_LINK = re.compile(
    r"\[(?:\\.|[^\[\]\\\n]|\[(?:\\.|[^\[\]\\\n])*\])*\]"
    r"(?:\([^()\n]*\)|\[[^\[\]\n]*\])?(?:\{[^{}\n]*\})?"
)
# What a reader does not see in a link: its destination, reference and attribute list.
_HIDDEN = re.compile(r"\]\([^()\n]*\)|\]\[[^\[\]\n]*\]|\{[^{}\n]*\}")
_FRAGMENT = re.compile(r"""\]\(\s*<?#([^()\s<>]+)|href\s*=\s*["']?#([^"'\s<>]+)""")
_ITEM = re.compile(r"(?:([0-9]{1,9})[.)]|[-+*])(?=[ \t]|$)( *)", re.MULTILINE)
# What may come before a note's own number: blanks, empty anchors, `[]{#n1}`, `{#n1}`.
_PREFIX = re.compile(
    r"(?:[ \t]+|<(a|span)\b[^<>]*>\s*</\1\s*>|<(?:a|span)\b[^<>]*/>|\[\]\{[^{}\n]*\}"
    r"|\{[^{}\n]*\})*",
    re.IGNORECASE,
)
_OWN_LABEL = re.compile(
    r"<sup\b[^<>]*>[ \t]*([0-9]+)[ \t]*</sup>|\^([0-9]+)\^"
    r"|\\?\[([0-9]+)\\?\](?![(\[\]])|([0-9]+)[.)](?=[ \t])",
    re.IGNORECASE,
)
_BLOCK_START = re.compile(
    r"[ \t]{0,3}(?:[0-9]{1,9}[.)](?:[ \t]|$)|[-+*](?:[ \t]|$)|#|>|```|~~~|\[\^|<(?!a\b|span\b))"
)


def anchored(text: str, doc: Document, offset: Callable[[int, int], int]) -> bool:
    """Whether a Markdown document was read by its anchor links: a marker or note not
    written `[^N]` where the reader placed it."""
    places = [m.location for m in doc.markers] or [n.location for n in doc.notes]
    for location in places[:1]:
        try:
            at = offset(location.line, location.column)
        except ValueError:
            return False
        return not text.startswith("[^", at)
    return False


def sites_of(
    text: str, doc: Document, offset: Callable[[int, int], int]
) -> tuple[list[Token], list[NoteSite], list[bool]]:
    """The marker tokens and note sites of a Markdown page that cites with anchor links,
    and for each note whether only moving it renumbers it."""
    tags = Tags(text)
    tokens: dict[int, Token] = {}
    fragments: dict[tuple[int, str], set[str]] = {}
    for marker in [*doc.markers, *(m for note in doc.notes for m in note.markers)]:
        where = f"marker [{marker.label}] (line {marker.location.line})"
        at = place(offset, marker.location.line, marker.location.column, where)
        if at not in tokens:
            start, end = _marker_span(text, tags, at, where)
            run = _one_number(text, tags, start, end, marker.label, where)
            tokens[at] = Token(
                run[0], run[1], (marker.label,), write_one, marker.scope, linked=True
            )
            for found in _FRAGMENT.finditer(text, start, end):
                fragments.setdefault(marker.key, set()).add(found.group(1) or found.group(2))
        elif marker.label not in tokens[at].labels:
            raise SiteError(f"{where} is not written where it was read")
    notes: list[NoteSite] = []
    placed: list[bool] = []
    displays: dict[int, str] | None = None
    for note in doc.notes:
        where = f"note [{note.label}] (line {note.location.line})"
        at = place(offset, note.location.line, note.location.column, where)
        linked = fragments.get(note.key, set())
        i = tags.at(at)
        if i is not None and tags.tags[i].name in BLOCK:  # an HTML block's element
            site, by_place = note_site(tags, at, note, linked, climb=False)
        else:
            if displays is None:
                displays = _list_displays(text)
            site, by_place = _block_note(text, at, note, displays.get(note.location.line), where)
            if linked and not any(_holds_anchor(text, site, anchor) for anchor in linked):
                raise SiteError(f"{where} does not hold the anchor its markers link to")
        notes.append(site)
        placed.append(by_place)
    return sorted(tokens.values(), key=lambda t: t.start), notes, placed


def _marker_span(text: str, tags: Tags, at: int, where: str) -> tuple[int, int]:
    """The span of the marker link that starts at `at` (with its `<sup>` or `^`)."""
    if text.startswith("<", at):
        i = tags.at(at)
        end = tags.end_of(i) if i is not None else None
        if end is None:
            raise SiteError(f"{where} is not an element where it was read")
        return at, end
    caret = text.startswith("^", at)
    link = _LINK.match(text, at + caret)
    if link is None or ("](" not in link.group() and "][" not in link.group()):
        raise SiteError(
            f"{where} is not written [^N] or as a link to its note: only such labels are rewritten"
        )
    end = link.end()
    if caret:
        if not text.startswith("^", end):
            raise SiteError(f"{where}: its ^ is not closed")
        end += 1
    return at, end


def _one_number(
    text: str, tags: Tags, start: int, end: int, label: str, where: str
) -> tuple[int, int]:
    """The span of the one number a reader sees in `text[start:end]`: `label`."""
    hidden = [(tag.start, tag.end) for tag in tags.within(start, end)]
    hidden += [(m.start() + 1, m.end()) for m in _HIDDEN.finditer(text, start, end)]
    spans: list[tuple[int, int]] = []
    cursor = start
    for first, last in sorted(hidden):
        if first > cursor:
            spans.append((cursor, first))
        cursor = max(cursor, last)
    if cursor < end:
        spans.append((cursor, end))
    runs = digits(text, spans)
    if len(runs) != 1 or text[runs[0][0] : runs[0][1]] != label:
        raise SiteError(f"{where} does not show its number as one run of digits")
    return runs[0]


def _block_note(
    text: str, at: int, note: Note, display: str | None, where: str
) -> tuple[NoteSite, bool]:
    """A note that is a list item (`at` its list marker) or a paragraph."""
    item = _ITEM.match(text, at)
    if item is not None and not text[_line_start(text, at) : at].strip(" "):
        end = _item_end(text, at, item)
        content = item.end()
        written = item.group(1)
    else:
        end = _paragraph_end(text, at)
        content, written = at, None
    if not holds_words(text[at:end], note.text):
        raise SiteError(f"{where}: its text is not where it was read")
    own = _own_number(text, content, end, note.label, where)
    if own is not None and note.text.split()[:1] == [note.label]:
        raise SiteError(f"{where}: its number is read as a word of its text")
    if written is None:
        if own is None:
            return NoteSite(at, at, at, end), True  # it shows no number
        return NoteSite(own[0], own[1], at, end), False
    if own is not None:
        raise SiteError(f"{where} shows its number twice")
    if written != note.label or display != note.label:
        raise SiteError(
            f"{where} is item {display or written} of its list: not the number it is cited by"
        )
    assert item is not None  # a number was written: by the list item
    return NoteSite(item.start(1), item.end(1), at, end), True


def _own_number(text: str, start: int, end: int, label: str, where: str) -> tuple[int, int] | None:
    """The span of the number a note's text opens with after its anchor, or None."""
    lead = _PREFIX.match(text, start, end)
    at = lead.end() if lead else start
    own = _OWN_LABEL.match(text, at, end)
    if own is not None:
        group = next(i for i in range(1, 5) if own.group(i) is not None)
        span = own.span(group)
    elif (link := _LINK.match(text, at, end)) is not None and "](" in link.group():
        runs = _visible_runs(text, link.start(), link.end())
        if len(runs) != 1:
            return None
        span = runs[0]
    else:
        return None
    if text[span[0] : span[1]] != label:
        raise SiteError(f"{where} shows the number {text[span[0] : span[1]]}")
    return span


def _visible_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    hidden = [(m.start() + 1, m.end()) for m in _HIDDEN.finditer(text, start, end)]
    spans, cursor = [], start
    for first, last in hidden:
        spans.append((cursor, first))
        cursor = last
    spans.append((cursor, end))
    return digits(text, spans)


def _holds_anchor(text: str, site: NoteSite, anchor: str) -> bool:
    name = re.escape(anchor)
    pattern = rf"""(?:\bid|\bname)\s*=\s*["']?{name}(?:["'\s/>]|$)|\{{[^{{}}]*#{name}[\s}}]"""
    return re.search(pattern, text[site.start : site.end]) is not None


def _line_start(text: str, at: int) -> int:
    return max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1


def _next_line(text: str, line_end: int) -> int:
    return line_end + (2 if text.startswith("\r\n", line_end) else 1)


def _item_end(text: str, at: int, item: re.Match[str]) -> int:
    """Where a list item ends: its first line, lines indented to its content, and lazy
    continuation lines (blank lines only before an indented one)."""
    spaces = len(item.group(2))
    width = item.end() - at - spaces + (1 if spaces == 0 or spaces > 4 else spaces)
    indent = at - _line_start(text, at) + width
    end = _line_end(text, at)
    cursor, blank = _next_line(text, end), False
    while cursor < len(text):
        stop = _line_end(text, cursor)
        line = text[cursor:stop]
        if not line.strip():
            blank = True
        elif len(line) - len(line.lstrip(" ")) >= indent:
            end, blank = stop, False
        elif not blank and not _BLOCK_START.match(line):
            end = stop  # a lazy continuation
        else:
            break
        cursor = _next_line(text, stop)
    return end


def _paragraph_end(text: str, at: int) -> int:
    """Where a paragraph ends: before a blank line or a line that opens another block."""
    end = _line_end(text, at)
    cursor = _next_line(text, end)
    while cursor < len(text):
        stop = _line_end(text, cursor)
        line = text[cursor:stop]
        if not line.strip() or _BLOCK_START.match(line):
            break
        end, cursor = stop, _next_line(text, stop)
    return end


def _list_displays(text: str) -> dict[int, str]:
    """For each line that opens an ordered list item, the number the list shows it with
    (renderers count from the list's start, whatever each item says): the reader's own
    block pass."""
    from .markdown.blocks import read_blocks
    from .markdown.front_matter import read_front_matter
    from .markdown.source import Source

    body, _ = read_front_matter(re.sub(r"\r\n?", "\n", text))
    count = body.count("\n") + 1
    blocks = read_blocks(Source(body, list(range(1, count + 1)), [0] * count), {}, [])
    return {
        block.source.lines[block.first]: block.item for block in blocks if block.item is not None
    }
