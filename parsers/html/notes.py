"""Which links of an HTML page are note references, which elements are their notes.

Steps 2 and 3 of the HTML reader (see the package): reference/back-link pairs found
through the index of ids, markup hints for links without a back-link, the note
element widened from an inline target to the block (and bare `<div>`s) around it,
and each note's label and numbering sequence (`sequences`). A reference whose note
is missing from the page stays a marker (FN001 must see it); one into another file
keeps that file (`links`); notes joined to their markers without links come from
`inline`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote

from .chapter import chapter_notes
from .conventions import is_own_note, note_kind, ref_hint, says_notes
from .dom import (
    BLOCK,
    ancestors,
    holds,
    note_owners,
    opens_block,
    tag_of,
    visible_text,
    words,
)
from .headings import HEADINGS, note_blocks
from .index import Index
from .inline import InlineFinder
from .labels import NOTE_LABEL, clean_label
from .links import is_superscript, looks_like_marker, opens_with_label, shown, shows_back
from .sequences import Numbering

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

    from .distill import Cite

# How far up the tree the pairing looks: for a notes container around a target, past
# a marker's wrappers (its <sup>), from an inline target to the <div>s of its note.
CONTAINER_DEPTH = 8
WRAPPER_DEPTH = 2
NOTE_CLIMB = 3
# A link with no back-link and no markup hint is a reference only when its text is this short.
SHORT_LABEL = 8
# Targets that are sections of the text, not notes.
NOT_NOTES = words("h1 h2 h3 h4 h5 h6 section article main body html table figure img")


@dataclass(slots=True)
class NoteInfo:
    element: Element
    target: Element
    label: str = ""
    kind: str = "endnote"
    scope: int = 0
    cited_from: str | None = None  # the other file its back-link returns to
    blocks: tuple[Element, ...] = ()  # blocks after the element that go on with its text
    marks_itself: bool = False  # written at its marker's place (HTMLBook)
    text: str | None = None  # its text, when no element holds it (a bigfoot button's)


class Notes:
    """Which links are references, which elements are notes, which links go back."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.refs: dict[Element, NoteInfo | None] = {}  # reference link -> its note
        self.labels: dict[Element, str] = {}  # reference link -> its label
        self.notes: dict[Element, NoteInfo] = {}  # note element -> note
        self.backlinks: set[Element] = set()
        self.targets: dict[Element, str] = {}  # reference link -> the other file it points into
        self.drops: set[Element] = set()  # copies of notes that are no text of the page
        self._by_target: dict[Element, NoteInfo] = {}
        self._owners: dict[Element, object] | None = None
        self._containers = {*index.containers, *index.sections}
        self.numbering = Numbering()
        self.ref_scopes: dict[Element, int] = {}  # a reference to a missing note -> its scope
        self.cites: dict[Element, tuple[Cite, ...]] = {}  # Distill: a marker -> its numbers
        self._orphans: dict[Element, str] = {}  # a note whose marker is lost -> its label
        self.chapter = False  # the notes are a notes chapter's (`chapter`)

    # -- finding them

    def find(self) -> None:
        ids = self.index.ids
        copies = self._inline() if self.index.inline else []
        targets: list[tuple[Element, Element]] = []
        inbound: dict[Element, list[Element]] = {}
        for a, frag in self.index.links:
            target = ids.get(frag)
            if target is None and "%" in frag:
                target = ids.get(unquote(frag))  # "#fn%3A1" for id="fn:1"
            if target is None or target is a or tag_of(target) in ("html", "body"):
                if target is None and self._lost_marker(a):
                    continue
                if target is None and (ref_hint(a) > 0 or looks_like_marker(a, frag)):
                    self.refs[a] = None  # a reference to a note that is not on the page
                continue
            targets.append((a, target))
            inbound.setdefault(target, []).append(a)
        target_of = dict(targets)
        pairs: list[tuple[Element, Element]] = []
        decided: set[Element] = set()
        for a, target in targets:
            if a in decided:
                continue
            back = self._back_link(a, target, inbound)
            if back is None:
                continue
            ref = self._reference_of(a, target, back, target_of[back])
            other = back if ref is a else a
            decided.update((a, back))
            self.backlinks.add(other)
            pairs.append((ref, target_of[ref]))
        paired_refs = {ref for ref, _ in pairs}
        chosen: list[tuple[Element, Element]] = []
        note_targets = {t for _, t in pairs}
        for a, target in targets:
            lone = a not in decided and self._lone_reference(a, target, note_targets)
            if a in paired_refs or lone:
                chosen.append((a, target))
        inline = [t for _, t in chosen if tag_of(t) not in BLOCK]
        if inline:
            self._owners = note_owners(chosen)
        for a, target in chosen:
            info = self._by_target.get(target)
            if info is None:
                element = self._note_element(target)
                if element is None or holds(element, a, 256):
                    continue
                info = self.notes.get(element)
                if info is None:
                    info = NoteInfo(element, target, kind=note_kind(target, element))
                    self.notes[element] = info
                self._by_target[target] = info
            self.refs[a] = info
        self._label_all()
        self._unreferenced()
        if self.index.sections and not (self.refs or self.notes or self.index.distill):
            self._chapter()
        if self.index.external:
            self._other_files()
        if copies and not self.refs:
            self._copies(copies)
        headed = [info for info in self.notes.values() if info.element.tag in HEADINGS]
        is_note = set(self.notes) if headed else set()
        for info in headed:  # texi2any: the heading is the label, the text follows
            info.blocks = note_blocks(info.element, is_note)

    def _inline(self) -> list[NoteInfo]:
        """Notes joined to their markers without links; the copies of notes, held back."""
        finder = InlineFinder(self.index.ids)
        finder.read(self.index.inline)
        self.drops = finder.drops
        copies: list[NoteInfo] = []
        for item in finder.found:
            element = item.note if item.note is not None else item.marker
            info = NoteInfo(element, element, item.label, "footnote", scope=item.scope)
            if item.copy:
                info.text = item.text
                copies.append(info)
                continue
            if item.note is None:
                self.refs[item.marker] = None
                self.labels[item.marker] = item.label
                continue
            info.marks_itself = item.marker is item.note
            self.notes[element] = info
            self._by_target[element] = info
            self.refs[item.marker] = info
        return copies

    def _copies(self, copies: list[NoteInfo]) -> None:
        """Buttons that carry their notes, on a page whose original notes are gone."""
        for info in copies:
            self.refs[info.element] = info
            self.labels[info.element] = info.label

    def _other_files(self) -> None:
        """Links into other files: markers whose note is there, back-links from notes here."""
        for a, file, frag in self.index.external:
            if a in self.refs:
                continue
            hint, text = ref_hint(a), shown(a)
            back = hint < 0 or shows_back(text)
            if back or (hint == 0 and opens_with_label(a, text)):
                note = next((el for el in ancestors(a, 64) if el in self.notes), None)
                if note is not None:
                    self.backlinks.add(a)
                    info = self.notes[note]
                    info.cited_from = info.cited_from or file
                    continue
            if not back and (hint > 0 or looks_like_marker(a, frag, text)):
                self.refs[a] = None
                self.targets[a] = file
                self.labels[a] = clean_label(text) or "?"

    def _chapter(self) -> None:
        """A notes chapter: the numbered notes under a notes heading of a page with no
        markers (`chapter`), labelled by the numbers they show."""
        for note in chapter_notes(self.index.sections):
            info = NoteInfo(note.element, note.element, kind=note_kind(note.element, note.element))
            info.blocks = tuple(note.blocks)
            self.numbering.referenced(note.label, info)
            self.notes[note.element] = info
        self.chapter = bool(self.notes)

    def _lost_marker(self, a: Element) -> bool:
        """A note's own label linking back to a marker that is gone: the link opens a
        block in a notes container. The block is a note no marker points at."""
        if ref_hint(a) > 0 or _visible_len(a) > SHORT_LABEL or not opens_block(a):
            return False
        block = next((el for el in ancestors(a, NOTE_CLIMB) if tag_of(el) in BLOCK), None)
        if block is None or not (
            block in self._containers
            or any(el in self._containers for el in ancestors(block, CONTAINER_DEPTH))
        ):
            return False
        self.backlinks.add(a)
        label = clean_label(visible_text(a))  # "[4]", not a back-link's "^"
        self._orphans[block] = label if NOTE_LABEL.match(label) else ""
        return True

    def _back_link(
        self, a: Element, target: Element, inbound: dict[Element, list[Element]]
    ) -> Element | None:
        """A link from inside `target` back to `a` or a wrapper of it (its <sup>)."""
        site: Element | None = a
        for _ in range(WRAPPER_DEPTH + 1):
            if site is None:
                break
            for back in inbound.get(site, ()):
                if back is not a and holds(target, back):
                    return back
            if tag_of(site) in BLOCK:
                break
            site = site.getparent()
        return None

    @staticmethod
    def _reference_of(a: Element, a_target: Element, b: Element, b_target: Element) -> Element:
        """Of two links that point at each other's site, the one that is the reference."""
        hint_a, hint_b = ref_hint(a), ref_hint(b)
        if hint_a != hint_b:
            return a if hint_a > hint_b else b
        block_a, block_b = tag_of(a_target) in BLOCK, tag_of(b_target) in BLOCK
        if block_a != block_b:
            return a if block_a else b
        opens_a, opens_b = opens_block(a), opens_block(b)
        if opens_a != opens_b:
            return b if opens_a else a
        return a

    def _lone_reference(self, a: Element, target: Element, note_targets: set[Element]) -> bool:
        """A link with no back-link: a reference when markup or its target says so."""
        hint = ref_hint(a)
        if hint < 0:
            return False
        if hint > 0:
            return True
        if _visible_len(a) > SHORT_LABEL:
            return False
        if target in note_targets:
            return True  # another marker of a note already found (a reused note)
        if target in self._containers or is_own_note(target):
            return True
        if any(el in self._containers for el in ancestors(target, CONTAINER_DEPTH)):
            return True
        # A superscript link that reads like a note label ("1", "[2]", "a", "*").
        return (
            is_superscript(a)
            and bool(NOTE_LABEL.match(visible_text(a).strip()))
            and (tag_of(target) not in NOT_NOTES)
        )

    def _note_element(self, target: Element) -> Element | None:
        """The note a link's target stands for: the target block, or the block around it."""
        tag = tag_of(target)
        if tag in BLOCK:
            return target
        node: Element = target
        for parent in ancestors(target, 64):
            node = parent
            if tag_of(parent) in BLOCK:
                break
        if tag_of(node) in ("html", "body"):
            return None
        owners = self._owners or {}
        key = owners.get(target)
        for _ in range(NOTE_CLIMB):
            above = node.getparent()
            if above is None or tag_of(above) != "div" or key is None:
                break
            if owners.get(above) is not key or above in self._containers:
                break
            node = above
        return node

    # -- labels

    def _label_all(self) -> None:
        """Label the notes at their first markers (in document order, as `refs` holds
        those that have a note); the markers of missing notes take their sequence."""
        for a, info in self.refs.items():
            seen = clean_label(visible_text(a))
            if info is None:
                self.labels[a] = seen or "?"
                continue
            if not info.label:
                own = seen or self.numbering.own_label(info.element, len(self.notes))
                self.numbering.referenced(own, info)
            self.labels[a] = info.label
        if self.numbering.scope:
            self.ref_scopes = self.numbering.missing_scopes(self.index.links, self.refs)

    def _unreferenced(self) -> None:
        """Notes that no marker points at: items of a notes list, elements marked as notes.

        Items of a list that only a class or a heading calls notes count on a page that
        has linked notes: a list in a `div.notes` is not a note else. EPUB's and
        DPUB-ARIA's notes are notes on any page (an endnotes file of a book).
        """
        candidates: list[Element] = [*self.index.own_notes, *self._orphans]
        for container in self.index.containers:
            if not self.notes and not says_notes(container):
                continue
            if container in self.notes or is_own_note(container):
                continue
            for li in container.iter("li"):
                if self._top_item(li, container):
                    candidates.append(li)
        if self.index.sections and self.notes:
            candidates.extend(self._section_items())
        if not candidates:
            return
        by_id = {
            (info.element.get("id") or "").strip(): info
            for info in self.notes.values()
            if info.element.get("id")
        }
        for el in candidates:
            if el in self.notes or any(a in self.notes for a in ancestors(el, 64)):
                continue
            info = NoteInfo(el, el, kind=note_kind(el, el))
            twin = by_id.get((el.get("id") or "").strip()) if el.get("id") else None
            if twin is not None and twin.label:
                # Two notes with one id: the page defines that note twice (FN003), not a
                # second, unused note.
                info.label, info.scope = twin.label, twin.scope
            else:
                label = self._orphans.get(el) or self.numbering.own_label(el, len(self.notes))
                self.numbering.unreferenced(label, info)
            self.notes[el] = info

    def _section_items(self) -> list[Element]:
        """The items of the lists under a "Notes" heading that markers link into."""
        sections = set(self.index.sections)
        lists = {
            info.element.getparent() for info in self.notes.values() if info.element.tag == "li"
        }
        items: list[Element] = []
        for ol in lists:
            if ol is None or ol.tag != "ol":
                continue
            if ol in sections or any(a in sections for a in ancestors(ol, CONTAINER_DEPTH)):
                items.extend(li for li in ol if li.tag == "li")
        return items

    @staticmethod
    def _top_item(li: Element, container: Element) -> bool:
        """An item of an ordered list in the container, not inside another item."""
        parent = li.getparent()
        if parent is None or tag_of(parent) != "ol":
            return False
        for a in ancestors(li, 6):
            if a is container:
                return True
            if tag_of(a) == "li":
                return False
        return False


def _visible_len(el: Element) -> int:
    return len(clean_label(visible_text(el)))
