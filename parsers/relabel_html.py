"""Where the labels of an HTML page are written, for `footcheck fix`.

The HTML reader places a marker at its element's start tag (the `<a href="#fn2">`,
else the `<sup>` or `<span>` that is the marker) and a note at the start tag that
carries its id (the note's block, or the target inside it: `<p><a name="fn1">`).
`sites` finds those tags in the file's faithful text and, from them:

- a marker's written number: the one run of digits in the element's visible text
  (`<a href="#fn2">2</a>`, `<a ...>[2]</a>`, `<sup>2</sup>`); only the digits are
  rewritten, so the href and ids stay and every link still points at its note;
- a note's element, start tag to end tag (its whole extent, so moving it is safe),
  and its written number: the digits its visible text opens with (`<a
  href="#r5">5.</a> Text`, `<sup>5</sup> Text`, Word's `[5]`). An item of an `<ol>`
  that writes no number is numbered by its place: its label span is empty, and
  moving it renumbers it.

Why a scan of the tags and not lxml: the edits are offsets into the faithful text,
and lxml gives only the line of an element. The scan (`Tags`) is a tolerant pass
of one regex over the text that knows comments, `<![CDATA[`, raw text elements and
quoted attribute values, and it is strict where it matters: a note's element needs
its own end tag, a marker's number one run of digits, a number written with a
character reference (`&#50;`) is refused. What the reader placed is checked, not
trusted to line up: a note must hold the id its markers link to and every word of
its text, and an `<ol>`'s items must show the numbers the notes have (`start` is
counted; `reversed` and `<li value>` are refused, as moving an item would carry its
value with it). Notes numbered by their place (or showing no number) must stand
together, so that the fix moves them. Anything else is a `SiteError`: the fix then
leaves the file alone, saying why.

The same pieces read the HTML that a Markdown page holds (`note_site` with
`climb=False`, `digits`): `parsers.relabel` uses them for anchor-link notes.
"""

from __future__ import annotations

import bisect
import codecs
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from footcheck.footnotes.fixes.sites import NoteSite, SiteError, Token
from footcheck.footnotes.model import Document, Note

from .html.dom import BLOCK

# One piece of markup: a comment, CDATA, a declaration or processing instruction, or
# a tag (its quoted attribute values may hold ">").
_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?][^<>]*>"
    r"|<(/?)([A-Za-z][A-Za-z0-9:_.-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
_RAW_TEXT = frozenset(["script", "style", "textarea", "title", "xmp"])
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
# Elements whose end tag may be left out: a note is never one of those left open.
_OPTIONAL_END = frozenset(
    ["p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup"]
)
_ATTR = re.compile(r"""([^\s=/"'<>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'<>=`]+))?""")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_DIGITS = re.compile(r"[0-9]+")
_META_CHARSET = re.compile(r"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# How far up from a note's target its block is (`<li><p><span><a id>`).
_CLIMB = 6


@dataclass(frozen=True)
class Tag:
    """One piece of markup: its span, its lower-cased name ("" for a comment or a
    declaration), whether it is an end tag, and its attributes as written."""

    start: int
    end: int
    name: str
    closing: bool
    attrs: str

    def get(self, attribute: str) -> str | None:
        """The value of an attribute (entities decoded), "" when it has none, or None."""
        for found in _ATTR.finditer(self.attrs):
            if found.group(1).lower() == attribute:
                value = found.group(2) or ""
                return html.unescape(value.strip("\"'") if value[:1] in "\"'" else value)
        return None

    @property
    def opens(self) -> bool:
        """A start tag that has content and an end: not void, not `<x/>`."""
        return (
            bool(self.name)
            and not self.closing
            and self.name not in _VOID
            and not self.attrs.rstrip().endswith("/")
        )


class Tags:
    """The markup of a text, in order, found once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tags: list[Tag] = []
        pos = 0
        while (found := _MARKUP.search(text, pos)) is not None:
            name = (found.group(2) or "").lower()
            tag = Tag(found.start(), found.end(), name, found.group(1) == "/", found.group(3) or "")
            self.tags.append(tag)
            pos = found.end()
            if name in _RAW_TEXT and not tag.closing:
                close = re.compile(rf"</{name}\b", re.IGNORECASE).search(text, pos)
                pos = close.start() if close else len(text)
        self.starts = [tag.start for tag in self.tags]

    def at(self, offset: int) -> int | None:
        """The index of the start tag that begins at `offset`, or None."""
        i = bisect.bisect_left(self.starts, offset)
        if i < len(self.tags) and self.tags[i].start == offset and self.tags[i].opens:
            return i
        return None

    def end_of(self, i: int) -> int | None:
        """Where the element started by tag `i` ends (after its end tag); None when it
        has none of its own (closed by a sibling or a parent's end tag)."""
        name = self.tags[i].name
        inside: list[str] = []
        for tag in self.tags[i + 1 :]:
            if not tag.name:
                continue
            if not tag.closing:
                if tag.name == name and name in _OPTIONAL_END and not inside:
                    return None  # `<li>a<li>b`: closed by its sibling
                if tag.opens:
                    inside.append(tag.name)
                continue
            if tag.name == name and not inside:
                return tag.end
            if tag.name in inside:
                while inside and inside[-1] != tag.name:
                    if inside.pop() not in _OPTIONAL_END:
                        return None  # an element inside left open
                inside.pop()
                continue
            if tag.name == name and all(n in _OPTIONAL_END for n in inside):
                return tag.end
            return None  # a parent's end tag, or a stray one
        return None

    def parent(self, i: int) -> int | None:
        """The start tag of the element around tag `i` (None at the top, or unsure)."""
        closed: list[str] = []
        for j in range(i - 1, -1, -1):
            tag = self.tags[j]
            if not tag.name:
                continue
            if tag.closing:
                closed.append(tag.name)
            elif tag.opens:
                if closed and closed[-1] == tag.name:
                    closed.pop()
                elif not closed:
                    return j
                elif tag.name not in _OPTIONAL_END:
                    return None  # tags that do not pair up
        return None

    def within(self, start: int, end: int) -> list[Tag]:
        """The markup inside `text[start:end]`."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end)
        return self.tags[first:last]

    def texts(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans of `text[start:end]` that are text, not markup."""
        spans: list[tuple[int, int]] = []
        cursor = start
        for tag in self.within(start, end):
            if tag.start > cursor:
                spans.append((cursor, tag.start))
            cursor = max(cursor, tag.end)
        if cursor < end:
            spans.append((cursor, end))
        return spans


def digits(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs of digits in the spans of `text` that a reader sees; SiteError for a
    digit written as a character reference (`&#50;`)."""
    runs: list[tuple[int, int]] = []
    for start, end in spans:
        cursor = start
        for entity in _ENTITY.finditer(text, start, end):
            if any(c.isdigit() for c in html.unescape(entity.group())):
                raise SiteError(f"a number written with a character reference ({entity.group()})")
            runs.extend(_runs(text, cursor, entity.start()))
            cursor = entity.end()
        runs.extend(_runs(text, cursor, end))
    return runs


def _runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _DIGITS.finditer(text, start, end)]


def sites_of(
    text: str, doc: Document, offset: Callable[[int, int], int]
) -> tuple[list[Token], list[NoteSite], list[bool]]:
    """The marker tokens and note sites of an HTML page read from `text`, and for each
    note whether its number comes from its place (it must then be moved to renumber)."""
    _check_text(text)
    tags = Tags(text)
    tokens: dict[int, Token] = {}
    fragments: dict[tuple[int, str], set[str]] = {}  # a note's key -> the ids linked to
    markers = [*doc.markers, *(m for note in doc.notes for m in note.markers)]
    for marker in markers:
        where = f"marker [{marker.label}] (line {marker.location.line})"
        at = place(offset, marker.location.line, marker.location.column, where)
        i = tags.at(at)
        if i is None:  # read from the page's text, as plain `[N]` markers are
            raise SiteError(
                f"{where} is written in the page's text, not as a link or tag footcheck"
                " can rewrite: renumber by hand"
            )
        if at not in tokens:
            start, end = digit_span(tags, i, marker.label, where)
            tokens[at] = Token(start, end, (marker.label,), write_one, marker.scope, linked=True)
        elif marker.label not in tokens[at].labels:
            raise SiteError(f"{where} is not written where it was read")
        href = tags.tags[i].get("href") if tags.tags[i].name == "a" else None
        if href and href.startswith("#"):
            fragments.setdefault(marker.key, set()).add(href[1:])
    notes, placed = [], []
    for note in doc.notes:
        at = place(offset, note.location.line, note.location.column, _name(note))
        site, by_place = note_site(tags, at, note, fragments.get(note.key, set()), climb=True)
        notes.append(site)
        placed.append(by_place)
    return sorted(tokens.values(), key=lambda t: t.start), notes, placed


def write_one(labels: tuple[str, ...]) -> str:
    """A token holding one number, written with another: only its digits."""
    return labels[0]


def place(offset: Callable[[int, int], int], line: int, column: int, where: str) -> int:
    """The index of a reader's place in the text, or a SiteError naming `where`."""
    try:
        return offset(line, column)
    except ValueError:
        raise SiteError(f"{where}: no place {line}:{column} in the text") from None


def _name(note: Note) -> str:
    return f"note [{note.label}] (line {note.location.line})"


def digit_span(tags: Tags, i: int, label: str, where: str) -> tuple[int, int]:
    """The span of the one number element `i` shows, which must be `label`."""
    end = tags.end_of(i)
    if end is None:
        raise SiteError(f"{where}: its <{tags.tags[i].name}> has no end tag")
    close = text_end(tags, end)
    runs = digits(tags.text, tags.texts(tags.tags[i].end, close))
    if len(runs) != 1 or tags.text[runs[0][0] : runs[0][1]] != label:
        raise SiteError(f"{where} does not show its number as one run of digits")
    return runs[0]


def text_end(tags: Tags, end: int) -> int:
    """Where the content of an element ending at `end` ends: before its end tag."""
    i = bisect.bisect_left(tags.starts, end) - 1
    return tags.tags[i].start if i >= 0 and tags.tags[i].end == end else end


def note_site(
    tags: Tags, at: int, note: Note, fragments: set[str], *, climb: bool
) -> tuple[NoteSite, bool]:
    """The site of an HTML note whose start tag (or, with `climb`, a target inside it
    whose block is the note) is at `at`, and whether its place shows its number (an
    item of an `<ol>`, or a note that writes none); `fragments` are the ids its
    markers link to."""
    where = _name(note)
    i = tags.at(at)
    if i is None:
        raise SiteError(f"{where} is not a tag where it was read")
    for _ in range(_CLIMB if climb else 0):
        if tags.tags[i].name in BLOCK:
            break
        up = tags.parent(i)
        if up is None:
            raise SiteError(f"{where}: the block around its anchor is not clear")
        i = up
    end = tags.end_of(i)
    if end is None:
        raise SiteError(f"{where}: its <{tags.tags[i].name}> has no end tag")
    if climb:
        i, end = _widened(tags, i, end)
    start = tags.tags[i].start
    inside = {tag.get(key) for tag in tags.within(start, end) for key in ("id", "name")}
    if fragments and not fragments & inside:
        raise SiteError(f"{where} is not the element its markers link to")
    content = tags.texts(tags.tags[i].end, text_end(tags, end))
    if note.text.strip(" .:()[]") == note.label:
        raise SiteError(f"{where} is only its number: its text is not in its element")
    if not holds_words(html.unescape(tags.text[start:end]), note.text):
        raise SiteError(f"{where}: its text is not in its element")
    label = _opening_number(tags.text, content, note.label, where)
    listed = _list_number(tags, i, where) if tags.tags[i].name == "li" else ""
    if listed and listed != note.label:
        raise SiteError(f"{where} is number {listed} of its list")
    if label is None:  # numbered by its place, or not shown
        return NoteSite(start, start, start, end), True
    return NoteSite(label[0], label[1], start, end), bool(listed)


def _widened(tags: Tags, i: int, end: int) -> tuple[int, int]:
    """The note's block widened to the `<div>`s around it that hold nothing else (Word's
    `<div id=ftn1>`, Gutenberg's `<div class="footnote">`), as the reader widens it."""
    for _ in range(_CLIMB):
        up = tags.parent(i)
        if up is None or tags.tags[up].name != "div":
            break
        outer = tags.end_of(up)
        if outer is None:
            break
        before = tags.text[tags.tags[up].end : tags.tags[i].start]
        after = tags.text[end : text_end(tags, outer)]
        if before.strip() or after.strip():
            break
        i, end = up, outer
    return i, end


def _opening_number(
    text: str, content: Sequence[tuple[int, int]], label: str, where: str
) -> tuple[int, int] | None:
    """The span of the number a note's text opens with (`5.`, `[5]`, `<sup>5</sup>`),
    which must be its label; None when it opens with no number."""
    for start, end in content:
        first = start
        while first < end:
            if text[first] in " \t\r\n\xa0":
                first += 1
            elif (entity := _ENTITY.match(text, first, end)) is not None and html.unescape(
                entity.group()
            ).isspace():
                first = entity.end()  # `&nbsp;` before the number
            else:
                break
        if first == end:
            continue
        if text[first] in "[(":
            first += 1
        runs = digits(text, [(first, end)])
        if not runs or runs[0][0] != first:
            return None
        run = runs[0]
        after = text[run[1] : run[1] + 1]
        if run[1] < end and after not in ".:)]&" and not after.isspace():
            return None  # "1995 was..."
        if text[run[0] : run[1]] != label:
            raise SiteError(f"{where} shows the number {text[run[0] : run[1]]}")
        return run
    return None


def _list_number(tags: Tags, li: int, where: str) -> str:
    """The number an `<li>` shows by its place in its `<ol>` ("" in another list)."""
    parent = tags.parent(li)
    if parent is None or tags.tags[parent].name not in ("ol", "ul", "menu", "dir"):
        raise SiteError(f"{where}: its <li> is in no list")
    ol = tags.tags[parent]
    if ol.name != "ol":
        return ""
    if ol.get("reversed") is not None:
        raise SiteError(f"{where} is in a reversed list: not renumbered")
    start = (ol.get("start") or "1").strip()
    if not start.isdigit():
        raise SiteError(f"{where}: its list starts at {start!r}")
    end = tags.end_of(parent)
    if end is None:
        raise SiteError(f"{where}: its <ol> has no end tag")
    number, position, depth = int(start), None, 0
    for j in range(parent + 1, bisect.bisect_left(tags.starts, end)):
        tag = tags.tags[j]
        if tag.name in ("ol", "ul", "menu", "dir"):
            depth += -1 if tag.closing else 1
        elif tag.name == "li" and not tag.closing and depth == 0:
            if tag.get("value") is not None:
                raise SiteError(f"{where}: an item of its list has a value: not renumbered")
            if j == li:
                position = number
            number += 1
    if position is None:
        raise SiteError(f"{where}: its <li> is not an item of its list")
    return str(position)


def holds_words(written: str, words: str) -> bool:
    """Whether every letter and digit of `words` is in `written`, in order."""
    wanted = [c for c in words if c.isalnum()]
    found = 0
    for c in written:
        if found == len(wanted):
            break
        if c == wanted[found]:
            found += 1
    return found == len(wanted)


def _check_text(text: str) -> None:
    """Refuse a text whose lines or characters the reader counted otherwise."""
    if re.search(r"\r(?!\n)", text):
        raise SiteError("lines end with a lone carriage return: not rewritten")
    declared = _META_CHARSET.search(text[:4096])
    if declared is None:
        return
    name = declared.group(1).lower()
    if name.startswith(("utf-8", "utf8", "utf-16", "utf-32", "unicode")):
        return
    try:
        codecs.lookup(name)
    except LookupError:
        return  # the reader decoded the page as this text is decoded
    if len(bytes(range(256)).decode(name, errors="replace")) != 256:
        raise SiteError(f"the page's charset ({name}) has characters of several bytes")
