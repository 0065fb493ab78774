"""The HTML reader: footnotes as web pages, word processors and wikis write them.

`parse(data, path)` turns an HTML page into a `Document`. Every footnote convention
seen in the wild (pandoc, DPUB-ARIA and EPUB roles, kramdown, Python-Markdown,
markdown-it, cmark-gfm, MediaWiki's Cite, Word's "Save as Web Page" and filtered
exports, Google Docs) comes down to the same shape: an anchor in the body,
`<a href="#X">`, whose target is (or sits in) a note, and usually a link from the
note back to the anchor. One mechanism reads them all:

1. Index (one pass over the tree): element ids (and `<a name>`, as Word writes them;
   entities such as MediaWiki's `&#95;` are already decoded by the parser), every
   in-page link, the elements that say they hold notes (`role="doc-endnotes"`,
   `epub:type="footnotes"`, `class="footnotes"`, `ol.references`, Word's
   `mso-element:footnote-list`...), and the report's metadata.
2. Pairs: a link A -> X and a link B -> Y are a reference and its back-link when X
   holds B and Y holds A. Which of the two is the reference: markup hints first
   (`doc-noteref`, `footnote-ref`, `doc-backlink`, `footnote-backref`...), then the
   one whose target is a block (a list item) rather than an inline `<sup>`, then
   the one that does not open its block (a note starts with its back-link, as in
   Word and Google Docs), then document order. Links without a back-link count
   when they carry a reference hint or point into a notes container, or at a note
   already found (a reused note).
3. The note is the target when it is a block; else the block around the target,
   widened to the `<div>`s that hold nothing but this note (Word's `div#ftn1`,
   Google Docs' bare `<div>`).
4. One walk over the tree builds body paragraphs and note texts with a
   `TextBuilder`: a reference becomes a marker (its text taken out), back-links and
   their wrappers ("↩", "^ a b", "[1]") are dropped, and scripts, styles, hidden
   elements, navigation and page chrome are no text at all.

Labels are what a reader sees at the marker ("[1]" gives "1"); every marker that
points at one note carries that note's label (the label of its first marker). A
note no marker points at keeps its list number or its own visible label.

A page with none of these falls back to the plain-text convention over its block
texts (`[N]` markers and "[N] Source" lines), through `parsers.text.parse_lines`.

The note finding lives in `notes` (with `dom` for element helpers and
`metadata` for the report's title and date); this module decodes, parses, walks.

Hostile input: the parser is lxml's HTML parser (etree's, without lxml.html's Python
element classes, which cost a third of the time) with network access off, no
entities beyond HTML's own, and `huge_tree` off; the walk is iterative. Only
`DocumentError` escapes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from html import unescape as html_unescape
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, DocumentError, Location, Note, Paragraph

from ..decode import decode
from ..textbuild import TextBuilder
from .dom import (
    BACK_HINT,
    BLOCK,
    CHROME_ROLES,
    CHROME_TAGS,
    GROUP_PUNCT,
    LABEL_TAGS,
    SKIP,
    clean_label,
    is_hidden,
    line_of,
    ref_hint,
    tag_of,
    visible_text,
)
from .notes import (
    NoteInfo,
    Notes,
    build_index,
    shown_label,
    without_label,
)

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

__all__ = ["FORMAT", "parse"]

FORMAT = "html"

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# `[^<>]` keeps each attempt inside one tag: linear however many tags never close.
_DEPTH_LIMIT = re.compile(
    r"</?(?:div|span|font|center|section|article|main|b|i|u|em|strong)\b[^<>]*+>",
    re.IGNORECASE,
)
# Still too deep (100,000 unclosed `<sup>`, lists in lists): every inline element and
# list goes too, so the page is read as its text rather than refused.
_DEPTH_LIMIT_ALL = re.compile(
    r"</?(?:sup|sub|a|small|big|s|strike|mark|abbr|cite|q|code|tt|kbd|var|samp|ins|del"
    r"|nobr|label|blockquote|ul|ol|li|dl|dt|dd|table|tbody|thead|tfoot|tr|td|th|p)\b[^<>]*+>",
    re.IGNORECASE,
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")

# Report-date metadata, best first.
_SNIFF = 8192


# ---------------------------------------------------------------------------- decoding


def _decode(data: bytes) -> str:
    """A BOM decides; else `<meta charset>`; else UTF-8 with a Windows-1252 fallback."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)
    decode(data[:_SNIFF])  # refuses binary data with a DocumentError
    match = _META_CHARSET.search(data[:4096])
    if match:
        declared = match.group(1).decode("ascii", "replace").lower()
        if declared in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1"):
            declared = "cp1252"  # what browsers do, and what Word means
        if not declared.startswith(("utf-8", "utf8", "utf-16", "utf-32", "unicode")):
            try:
                return data.decode(declared, errors="replace")
            except LookupError:
                pass
    return decode(data)


def _tree(text: str) -> tuple[Element | None, str]:
    """The parsed page (None when there is nothing in it) and the text it was parsed from."""
    from lxml import etree

    if not text.strip():
        return None, text
    text = _XML_DECL.sub("", text, count=1)
    for attempt in range(3):
        # etree's HTMLParser is lxml.html's parser without its Python element classes.
        parser = etree.HTMLParser(
            recover=True,
            no_network=True,
            huge_tree=False,
            remove_pis=True,
            remove_blank_text=False,
            collect_ids=False,
            encoding="utf-8",
        )
        try:
            root = etree.fromstring(text.encode("utf-8", "replace"), parser=parser)
        except (etree.XMLSyntaxError, etree.ParserError, ValueError) as exc:
            raise DocumentError(f"malformed HTML: {exc}") from None
        if root is None:
            return None, text  # nothing but comments or a doctype
        if not any("Excessive depth" in e.message for e in parser.error_log):
            return root, text
        if attempt == 0:
            # Nested past libxml2's limit: flatten the containers that carry no meaning.
            text = _DEPTH_LIMIT.sub(" ", text)
        elif attempt == 1:
            text = _DEPTH_LIMIT_ALL.sub(" ", text)
    raise DocumentError("HTML nested too deeply to read (more than 256 levels)")


# ---------------------------------------------------------------------------- positions

# `[^<>]` keeps each attempt inside one tag: linear over any input.
_HREF_AT = re.compile(r"""<a\b[^<>]*?\bhref\s*=\s*["']?\s*#([^"'\s<>]*)""", re.IGNORECASE)
_ID_AT = re.compile(r"""<[a-zA-Z][^<>]*?\b(?:id|name)\s*=\s*["']?\s*([^"'\s<>]+)""")
# lxml gives the line where a start tag ends; the tag may start a few lines before.
_TAG_LINES = 12


class _Positions:
    """Line and column of links and ids in the source, found with one regex pass each.

    lxml knows the line of an element but not its column; a page exported as one
    long line (Google Docs) needs the column. A position is used only when it agrees
    with lxml's line, else the element's line and column 1.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts: list[int] | None = None
        self._hrefs: dict[str, list[int]] | None = None
        self._ids: dict[str, list[int]] | None = None

    def _where(self, offset: int, sourceline: int) -> Location | None:
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        line = bisect_right(self._line_starts, offset)
        if not sourceline - _TAG_LINES <= line <= sourceline:
            return None
        return Location(line, offset - self._line_starts[line - 1] + 1)

    def link(self, frag: str, ordinal: int, el: Element) -> Location:
        """Where the `ordinal`-th `<a href="#frag">` starts."""
        if self._hrefs is None:
            self._hrefs = {}
            for m in _HREF_AT.finditer(self.text):
                self._hrefs.setdefault(_frag(m.group(1)), []).append(m.start())
        offsets = self._hrefs.get(frag, [])
        found = None
        if ordinal < len(offsets):
            found = self._where(offsets[ordinal], line_of(el))
        return found or Location(line_of(el), 1)

    def element(self, el: Element, *ids: str | None) -> Location:
        """Where an element with one of these ids (or names) starts."""
        if self._ids is None:
            self._ids = {}
            for m in _ID_AT.finditer(self.text):
                self._ids.setdefault(_frag(m.group(1)), []).append(m.start())
        for ident in ids:
            # An id written twice (a page defining a note twice): the nearest start tag
            # at or before the element's line is the element's own.
            for offset in reversed(self._ids.get(ident.strip(), []) if ident else []):
                found = self._where(offset, line_of(el))
                if found:
                    return found
        return Location(line_of(el), 1)


def _frag(raw: str) -> str:
    if "&" in raw:
        raw = html_unescape(raw)
    return raw.strip()


# ---------------------------------------------------------------------------- the walk


class _Open:
    """A note being read."""

    __slots__ = ("builder", "info")

    def __init__(self, info: NoteInfo) -> None:
        self.info = info
        self.builder = TextBuilder()


class _Walker:
    """One walk over the page: body paragraphs, note texts, markers in both.

    With `lines` set (the plain-text fallback), every `<br>` and every line of a
    `<pre>` ends a paragraph too, so that each paragraph is one line of the report.
    """

    def __init__(self, notes: Notes | None, positions: _Positions, lines: bool = False) -> None:
        self.positions = positions
        self.frags: dict[Element, str] = dict(notes.index.links) if notes else {}
        self.ordinal: dict[Element, int] = notes.index.ordinal if notes else {}
        self.refs: dict[Element, NoteInfo | None] = notes.refs if notes else {}
        self.labels: dict[Element, str] = notes.labels if notes else {}
        self.notes: dict[Element, NoteInfo] = notes.notes if notes else {}
        self.backlinks: set[Element] = notes.backlinks if notes else set()
        self.lines = lines
        self.paragraphs: list[Paragraph] = []
        # Notes in the order they start (a note inside another comes after it).
        self.done: list[Note | None] = []
        self.open: list[_Open] = []
        self.body = TextBuilder()
        self.body_line = 0
        self.keep = self._holders()
        self.pre = 0
        self._slots: list[int] = []

    def _holders(self) -> set[Element]:
        """Elements above a marker or a note: never skipped as page chrome."""
        keep: set[Element] = set()
        for el in [*self.refs, *self.notes]:
            node = el.getparent()
            while node is not None and node not in keep:
                keep.add(node)
                node = node.getparent()
        return keep

    def run(self, root: Element) -> None:
        from lxml import etree

        walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
        skipped: Element | None = None
        for event, el in walker:
            if event == "start":
                if self._start(el):
                    walker.skip_subtree()
                    skipped = el
            elif event == "end":
                if el is skipped:
                    skipped = None
                else:
                    self._end(el)
                if el.tail and el is not root:
                    self._text(el.tail, el)
            elif el.tail:  # a comment or processing instruction: only its tail is text
                self._text(el.tail, el)
        self._flush()

    # -- events

    def _start(self, el: Element) -> bool:
        """Handle an element's start and its text; True to skip what is inside it."""
        tag = tag_of(el)
        if el in self.notes:
            if tag in BLOCK:
                self._flush()
            self.open.append(_Open(self.notes[el]))
            self.done.append(None)  # filled in at the note's end
            self.open[-1].builder.add_break()
            self._slots.append(len(self.done) - 1)
        elif el in self.refs:
            self._marker(el)
            return True
        elif (
            tag in SKIP
            or (tag == "sup" and self.refs and self._marker_group(el))
            or (tag == "a" and self.open and self._is_backlink(el))
            or (tag in LABEL_TAGS and self.open and self._opening_label(el))
            or (el.attrib and self._hidden_or_chrome(el, tag))
        ):
            return True
        elif tag in BLOCK or tag == "br":
            self._break(el)
        if tag == "pre":
            self.pre += 1
        elif tag == "q":
            self._text("\u201c", el)
        if el.text:
            self._text(el.text, el)
        return False

    def _end(self, el: Element) -> None:
        tag = tag_of(el)
        if tag == "pre":
            self.pre -= 1
        elif tag == "q":
            self._text("\u201d", el)
        if el in self.notes and self.open and self.open[-1].info.element is el:
            note = self.open.pop()
            slot = self._slots.pop()
            target = note.info.target
            location = self.positions.element(
                el, el.get("id"), el.get("name"), target.get("id"), target.get("name")
            )
            built = note.builder.note(note.info.label, location, note.info.kind)
            self.done[slot] = without_label(built, shown_label(note.info.label))
            return
        if tag in BLOCK:
            self._break(el)

    # -- pieces

    def _marker(self, el: Element) -> None:
        label = self.labels.get(el, "?")
        location = self.positions.link(self.frags.get(el, ""), self.ordinal.get(el, 0), el)
        if self.open:
            self.open[-1].builder.add_marker(label, location)
        else:
            self._body_at(el)
            self.body.add_marker(label, location)

    def _marker_group(self, sup: Element) -> bool:
        """A <sup> holding only references and punctuation ("[1, 2]"): the markers."""
        found: list[Element] = []
        rest: list[str] = [sup.text or ""]
        stack = list(reversed(sup))
        while stack:
            node = stack.pop()
            if node in self.refs:
                found.append(node)
            else:
                if isinstance(node.tag, str) and node.text:
                    rest.append(node.text)
                stack.extend(reversed(node))
            if node.tail:
                rest.append(node.tail)
        if not found or not GROUP_PUNCT.match("".join(rest)):
            return False
        for a in found:
            self._marker(a)
        return True

    def _opening_label(self, el: Element) -> bool:
        """The note's own label set apart at its start (`<sup>1</sup> Text`)."""
        note = self.open[-1]
        if not note.builder.is_empty():
            return False
        if not (el.tail and el.tail.strip()) and el.getnext() is None:
            return False  # nothing follows: it is the note's whole text
        return clean_label(visible_text(el)).rstrip(".:)") == shown_label(note.info.label)

    def _is_backlink(self, a: Element) -> bool:
        return a in self.backlinks or ref_hint(a) < 0

    def _hidden_or_chrome(self, el: Element, tag: str) -> bool:
        if is_hidden(el):
            return True
        if self.open:
            return bool(BACK_HINT.search(el.get("class") or "")) and tag_of(el) != "li"
        if el in self.keep:
            return False
        if tag in CHROME_TAGS or (el.get("role") or "").lower() in CHROME_ROLES:
            return True
        return tag == "header" and el.find(".//nav") is not None

    def _break(self, el: Element) -> None:
        if self.open:
            self.open[-1].builder.add_break()
        elif tag_of(el) != "br" or self.lines:
            self._flush()
        else:
            self.body.add_break()

    def _text(self, text: str, el: Element) -> None:
        if self.open:
            self.open[-1].builder.add_text(text)
            return
        if self.lines and self.pre and "\n" in text:
            line = line_of(el)
            pieces = text.split("\n")
            for i, piece in enumerate(pieces):
                if i:
                    self._flush()
                if piece.strip():
                    if self.body.is_empty():
                        self.body_line = line + i
                    self.body.add_text(piece)
            return
        if text.strip():
            self._body_at(el)
        self.body.add_text(text)

    def _body_at(self, el: Element) -> None:
        if self.body.is_empty():
            self.body_line = line_of(el)

    def _flush(self) -> None:
        if not self.body.is_empty():
            self.paragraphs.append(self.body.paragraph(Location(self.body_line or 1, 1)))
        self.body = TextBuilder()

    def result(self) -> list[Note]:
        return [note for note in self.done if note is not None]


# ---------------------------------------------------------------------------- reading


def _read(data: bytes, path: str) -> Document:
    root, text = _tree(_decode(data))
    if root is None:
        return Document(path, FORMAT, (), ())
    index = build_index(root)
    notes = Notes(index)
    notes.find()
    positions = _Positions(text)
    if not notes.notes:
        # No linked notes: the plain-text convention inside the page's blocks, unless
        # the page has only references to notes that are missing (FN001 must see them).
        plain = _plain(root, path, positions, index.metadata)
        if plain.notes or plain.markers or not notes.refs:
            return plain
    walker = _Walker(notes, positions)
    walker.run(root)
    return Document(
        path,
        FORMAT,
        tuple(walker.paragraphs),
        tuple(walker.result()),
        metadata=index.metadata,
    )


def _plain(root: Element, path: str, positions: _Positions, metadata: dict[str, str]) -> Document:
    """The page read as a plain-text report: one line per block (and per `<br>` line)."""
    from ..text import parse_lines

    walker = _Walker(None, positions, lines=True)
    walker.run(root)
    lines = [p.text for p in walker.paragraphs]
    numbers = [p.location.line for p in walker.paragraphs]
    doc = parse_lines(lines, path, FORMAT, line_numbers=numbers)
    return replace(doc, metadata=metadata)


def parse(data: bytes, path: str) -> Document:
    """Read an HTML report; `DocumentError` for input it cannot read.

    Call it through `parsers.parse`, which turns a reader's bug into one line too.
    """
    return _read(data, path)
