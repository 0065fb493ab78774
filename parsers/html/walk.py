"""The one walk over a page that builds its body paragraphs and note texts.

Step 4 of the reader (see the package): a `TextBuilder` per paragraph and per note;
a reference becomes a marker (its text taken out), back-links and their wrappers
("↩", "^ a b", "[1]") are dropped, and scripts, styles, hidden elements, navigation
and page chrome are no text at all. The walk is iterative: no depth overflows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from footcheck.footnotes.model import Location, Note, Paragraph

from ..textbuild import TextBuilder
from .conventions import BACK_HINT, ref_hint
from .dom import BLOCK, CHROME_ROLES, CHROME_TAGS, SKIP, is_hidden, line_of, tag_of, visible_text
from .labels import GROUP_PUNCT, LABEL_TAGS, clean_label, shown_label, without_label
from .notes import NoteInfo, Notes
from .positions import SourcePositions

if TYPE_CHECKING:
    from lxml.etree import _Element as Element


class _Open:
    """A note being read."""

    __slots__ = ("builder", "info")

    def __init__(self, info: NoteInfo) -> None:
        self.info = info
        self.builder = TextBuilder()


class Walker:
    """One walk over the page: body paragraphs, note texts, markers in both.

    With `lines` set (the plain-text fallback), every `<br>` and every line of a
    `<pre>` ends a paragraph too, so that each paragraph is one line of the report.
    """

    def __init__(
        self, notes: Notes | None, positions: SourcePositions, lines: bool = False
    ) -> None:
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
        if self.open:  # a note citing another
            shown = " ".join(visible_text(el).split())
            if shown.startswith("[") and shown.endswith("]"):  # "[2]" is text its reader sees
                self.open[-1].builder.add_shown_markers((label,), location, shown)
            else:  # a superscript 2 is set apart from the words: "citation.2" is not text
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
