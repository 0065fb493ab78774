"""The one walk over a page that builds its body paragraphs and note texts.

Step 4 of the reader (see the package): a `TextBuilder` per paragraph and per note;
a reference becomes a marker (its text taken out), back-links and their wrappers
("↩", "^ a b", "[1]") are dropped, and scripts, styles, hidden elements, navigation
and page chrome are no text at all. The walk is iterative: no depth overflows it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Location, Marker, Note, Paragraph

from ..textbuild import TextBuilder
from .conventions import BACK_HINT, ref_hint
from .dom import BLOCK, CHROME_ROLES, CHROME_TAGS, SKIP, is_hidden, line_of, tag_of, visible_text
from .labels import GROUP_PUNCT, LABEL_TAGS, clean_label, shown_label, without_label
from .links import shows_back
from .notes import NoteInfo, Notes
from .positions import SourcePositions

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

    from .distill import Cite

_EMPTY_BRACKETS = pattern_store.compile(r"\s*(?:\[\s*\]|\(\s*\))$")
_LABEL_LEFTOVER = pattern_store.compile(r"[.:)]\s+")


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
        self.targets: dict[Element, str] = notes.targets if notes else {}
        self.drops: set[Element] = notes.drops if notes else set()
        self.cites: dict[Element, tuple[Cite, ...]] = notes.cites if notes else {}
        self.ref_scopes: dict[Element, int] = notes.ref_scopes if notes else {}
        # Notes carried by buttons (bigfoot's): their boxes sit inside paragraphs.
        self.buttons = any(info.text is not None for info in self.refs.values() if info)
        # A block that goes on with the text of a note before it (texi2any's).
        self.blocks: dict[Element, NoteInfo] = {
            block: info for info in self.notes.values() for block in info.blocks
        }
        self._suspended: dict[int, tuple[_Open, int]] = {}  # id(info) -> its note, its slot
        # Per builder, the markers (by index) that carry a scope or another file.
        self._placed: dict[TextBuilder, dict[int, tuple[int, str | None]]] = {}
        self._counts: dict[TextBuilder, int] = {}  # markers added to each builder so far
        # Whether any marker has a scope or another file (most pages: none to count).
        self._placing = bool(self.targets or self.cites or self.ref_scopes) or any(
            info.scope for info in self.notes.values()
        )
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
        start, end, text = self._start, self._end, self._text
        for event, el in walker:
            if event == "start":
                if start(el):
                    walker.skip_subtree()
                    skipped = el
            elif event == "end":
                if el is skipped:
                    skipped = None
                else:
                    end(el)
                tail = el.tail
                if tail and el is not root:
                    text(tail, el)
            elif el.tail:  # a comment or processing instruction: only its tail is text
                text(el.tail, el)
        for note, slot in self._suspended.values():  # its last block was never reached
            self._finish(note, slot)
        self._flush()

    # -- events

    def _start(self, el: Element) -> bool:
        """Handle an element's start and its text; True to skip what is inside it."""
        tag = el.tag
        if not isinstance(tag, str):  # `tag_of`, inline: this runs for every element
            tag = ""
        info = self.notes.get(el)
        if info is not None:
            if tag in BLOCK:
                self._flush()
            if info.marks_itself:
                self._marker(el)
            self.open.append(_Open(info))
            self.done.append(None)  # filled in at the note's end
            self.open[-1].builder.add_break()
            self._slots.append(len(self.done) - 1)
        elif self._suspended and el in self.blocks and id(self.blocks[el]) in self._suspended:
            self._flush()
            note, slot = self._suspended.pop(id(self.blocks[el]))
            self.open.append(note)
            self._slots.append(slot)
            note.builder.add_break()
        elif el in self.refs:
            self._marker(el)
            return True
        elif (
            (self.drops and el in self.drops)
            or tag in SKIP
            or (tag == "sup" and self.refs and self._marker_group(el))
            or (tag == "a" and self.open and self._is_backlink(el))
            or (tag in LABEL_TAGS and self.open and self._opening_label(el))
            or (el.attrib and self._hidden_or_chrome(el, tag))
        ):
            return True
        elif self.buttons and tag == "div" and _is_button_box(el):
            self._rejoin(el)
        elif tag in BLOCK or tag == "br":
            self._break(el, tag)
        if tag == "pre":
            self.pre += 1
        elif tag == "q":
            self._text("\u201c", el)
        if el.text:
            self._text(el.text, el)
        return False

    def _end(self, el: Element) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            tag = ""
        if tag == "pre":
            self.pre -= 1
        elif tag == "q":
            self._text("\u201d", el)
        if self.open and (el in self.notes or el in self.blocks):
            info = self.open[-1].info
            if info.element is el or self.blocks.get(el) is info:
                note = self.open.pop()
                slot = self._slots.pop()
                if info.blocks and el is not info.blocks[-1]:
                    self._suspended[id(info)] = (note, slot)  # its text goes on below
                else:
                    self._finish(note, slot)
                return
        if tag in BLOCK and not (self.buttons and tag == "div" and _is_button_box(el)):
            self._break(el, tag)

    def _finish(self, note: _Open, slot: int) -> None:
        info = note.info
        el, target = info.element, info.target
        location = self.positions.element(
            el, el.get("id"), el.get("name"), target.get("id"), target.get("name")
        )
        if location.column == 1 and not (el.get("id") or el.get("name")):
            location = self.positions.start_tag(el)
        built = note.builder.note(info.label, location, info.kind)
        if self._placing:
            self._counts.pop(note.builder, None)
        if info.scope or info.cited_from or note.builder in self._placed:
            built = replace(
                built,
                markers=self._markers_of(note.builder),
                scope=info.scope,
                cited_from=info.cited_from,
            )
        self.done[slot] = without_label(_without_leftovers(built), shown_label(info.label))

    # -- pieces

    def _marker(self, el: Element) -> None:
        info = self.refs.get(el) or self.notes.get(el)
        frag = self.frags.get(el)
        if frag is not None:
            location = self.positions.link(frag, self.ordinal.get(el, 0), el)
        else:
            location = self.positions.start_tag(el)
        if not self.open:
            self._body_at(el)
        for label, scope, target, auto in self._marks(el, info):
            # A Distill cite in a footnote is of another sequence than the note: it goes
            # with the text the footnote stands in (markers in a note resolve in its own).
            if self.open and (el not in self.cites or scope == self.open[-1].info.scope):
                builder = self.open[-1].builder
                shown = " ".join(visible_text(el).split())
                if shown.startswith("[") and shown.endswith("]"):  # "[2]" is text its reader sees
                    builder.add_shown_markers((label,), location, shown)
                else:  # a superscript 2 is set apart from the words: "citation.2" is not text
                    builder.add_marker(label, location, auto=auto)
            else:
                builder = self.body
                builder.add_marker(label, location, auto=auto)
            if self._placing:
                self._place(builder, scope, target)
        if info is not None and info.text is not None:  # a button that carries its note
            label = self.labels.get(el, "?")
            self.done.append(Note(label, info.text, location, info.kind, scope=info.scope))

    def _marks(self, el: Element, info: NoteInfo | None) -> list[tuple[str, int, str | None, bool]]:
        """(label, scope, other file, numbered by the engine) of each marker `el` stands for."""
        cites = self.cites.get(el) if self.cites else None
        if cites is not None:  # Distill: a cite is one marker per key
            return [(cite.label, cite.scope, cite.target, True) for cite in cites]
        if info is not None and info.marks_itself:  # numbered by the engine (HTMLBook, Distill)
            return [(info.label, info.scope, None, True)]
        scope = info.scope if info is not None else self.ref_scopes.get(el, 0)
        return [(self.labels.get(el, "?"), scope, self.targets.get(el), False)]

    def _rejoin(self, box: Element) -> None:
        """bigfoot's button box, set inline in its paragraph: a parser closes the <p> at
        its <div>, so the paragraph before it goes on (the claim is the sentence before)."""
        before = box.getprevious()
        if not self.body.is_empty() or not self.paragraphs or before is None:
            return
        if tag_of(before) != "p" or (before.tail and before.tail.strip()):
            return
        last = self.paragraphs.pop()
        self.body_line = last.location.line
        start = 0
        for marker in last.markers:
            self.body.add_text(last.text[start : marker.offset])
            start = marker.offset
            self.body.add_marker(marker.label, marker.location)
            if self._placing:
                self._place(self.body, marker.scope, marker.target)
        self.body.add_text(last.text[start:])

    def _place(self, builder: TextBuilder, scope: int, target: str | None) -> None:
        """Count the marker just added to a builder; keep its scope and other file."""
        count = self._counts.get(builder, 0)
        self._counts[builder] = count + 1
        if scope or target:
            self._placed.setdefault(builder, {})[count] = (scope, target)

    def _markers_of(self, builder: TextBuilder) -> tuple[Marker, ...]:
        """The builder's markers, with the scope and the other file each one has."""
        placed = self._placed.pop(builder, None)
        if not placed:
            return builder.markers
        return tuple(
            replace(m, scope=placed[i][0], target=placed[i][1]) if i in placed else m
            for i, m in enumerate(builder.markers)
        )

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
        if a in self.backlinks or ref_hint(a) < 0:
            return True
        # A bare return arrow in a note, whatever it links to.
        return len(a) == 0 and shows_back((a.text or "").strip(), arrows_only=True)

    def _hidden_or_chrome(self, el: Element, tag: str) -> bool:
        if is_hidden(el):
            return True
        if self.open:
            return bool(BACK_HINT.search(el.get("class") or "")) and tag != "li"
        if el in self.keep:
            return False
        if tag in CHROME_TAGS or (el.get("role") or "").lower() in CHROME_ROLES:
            return True
        return tag == "header" and el.find(".//nav") is not None

    def _break(self, el: Element, tag: str) -> None:
        if self.open:
            self.open[-1].builder.add_break()
        elif tag != "br" or self.lines:
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
        if self.body.is_empty():
            return  # nothing counted or placed in it yet: as good as a new one
        paragraph = self.body.paragraph(Location(self.body_line or 1, 1))
        if self.body in self._placed:
            paragraph = replace(paragraph, markers=self._markers_of(self.body))
        self.paragraphs.append(paragraph)
        if self._placing:
            self._counts.pop(self.body, None)
        self.body = TextBuilder()

    def result(self) -> list[Note]:
        return [note for note in self.done if note is not None]


def _without_leftovers(note: Note) -> Note:
    """The note without what its dropped label and back-link leave behind: the "." of a
    label set apart ("<sup>1</sup>. Text", GitBook's) and the "[ ]" that held a
    back-link (WP-Footnotes' "[↩]")."""
    text = note.text
    start = _LABEL_LEFTOVER.match(text)
    end = _EMPTY_BRACKETS.search(text) if text.endswith(("]", ")")) else None
    if start is None and end is None:
        return note
    first = start.end() if start else 0
    last = end.start() if end else len(text)
    markers = tuple(
        replace(m, offset=min(max(0, m.offset - first), last - first)) for m in note.markers
    )
    return replace(note, text=text[first:last], markers=markers)


def _is_button_box(el: Element) -> bool:
    return "bigfoot-footnote__container" in (el.get("class") or "")
