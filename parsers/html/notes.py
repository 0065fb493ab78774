"""Which links of an HTML page are note references, which elements are their notes.

See `parsers.html` for the mechanism: reference/back-link pairs found through an
index of ids, markup hints for links without a back-link, and the note element
widened from an inline target to the block (and bare `<div>`s) around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import unquote

from footcheck.footnotes.model import Note

from .dom import (
    BLOCK,
    CONTAINER_DEPTH,
    ENDNOTE_ID,
    FOOTNOTE_ID,
    NOT_NOTES,
    NOTE_CLIMB,
    NOTE_LABEL,
    OWN_LABEL,
    RESTARTED,
    SHORT_LABEL,
    WRAPPER_DEPTH,
    ancestors,
    clean_label,
    holds,
    is_container,
    is_own_note,
    opens_block,
    ref_hint,
    tag_of,
    visible_text,
)
from .metadata import (
    PageMeta,
)

if TYPE_CHECKING:
    from lxml.etree import _Element as Element


# ---------------------------------------------------------------------------- the index


@dataclass
class Index:
    ids: dict[str, Element]
    links: list[tuple[Element, str]]
    containers: list[Element]
    own_notes: list[Element]
    metadata: dict[str, str]
    ordinal: dict[Element, int]  # a link's place among the links with the same href


def build_index(root: Element) -> Index:
    from lxml import etree

    ids: dict[str, Element] = {}
    names: dict[str, Element] = {}
    links: list[tuple[Element, str]] = []
    containers: list[Element] = []
    own_notes: list[Element] = []
    ordinal: dict[Element, int] = {}
    seen_frags: dict[str, int] = {}
    meta = PageMeta()
    for el in root.iter(etree.Element):
        tag = el.tag  # a str: iter(etree.Element) passes no comments or instructions
        ident = el.get("id")
        if ident:
            ids.setdefault(ident.strip(), el)
        if tag == "a":
            name = el.get("name")
            if name:
                names.setdefault(name.strip(), el)
            href = el.get("href")
            if href and href.lstrip().startswith("#"):
                frag = href.strip()[1:]
                if frag:
                    links.append((el, frag))
                    ordinal[el] = seen_frags.get(frag, 0)
                    seen_frags[frag] = ordinal[el] + 1
        elif tag in ("meta", "title", "script", "time"):
            meta.see(el, tag)
        if is_container(el):
            containers.append(el)
            if is_own_note(el):
                own_notes.append(el)
    for name, el in names.items():
        ids.setdefault(name, el)
    return Index(ids, links, containers, own_notes, meta.result(), ordinal)


# ---------------------------------------------------------------------------- the notes


@dataclass
class NoteInfo:
    element: Element
    target: Element
    label: str = ""
    kind: str = "endnote"


class Notes:
    """Which links are references, which elements are notes, which links go back."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.refs: dict[Element, NoteInfo | None] = {}  # reference link -> its note
        self.labels: dict[Element, str] = {}  # reference link -> its label
        self.notes: dict[Element, NoteInfo] = {}  # note element -> note
        self.backlinks: set[Element] = set()
        self._by_target: dict[Element, NoteInfo] = {}
        self._list_numbers: dict[Element, dict[Element, int]] = {}
        self._owners: dict[Element, object] | None = None
        self._containers = set(index.containers)
        self._label_owner: dict[str, NoteInfo] = {}

    # -- finding them

    def find(self) -> None:
        ids = self.index.ids
        targets: list[tuple[Element, Element]] = []
        inbound: dict[Element, list[Element]] = {}
        for a, frag in self.index.links:
            target = ids.get(frag)
            if target is None and "%" in frag:
                target = ids.get(unquote(frag))  # "#fn%3A1" for id="fn:1"
            if target is None or target is a or tag_of(target) in ("html", "body"):
                if target is None and ref_hint(a) > 0:
                    self.refs[a] = None  # a reference to a note that does not exist
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
            self._owners = self._mark_owners(chosen)
        for a, target in chosen:
            info = self._by_target.get(target)
            if info is None:
                element = self._note_element(target)
                if element is None or holds(element, a, 256):
                    continue
                info = self.notes.get(element)
                if info is None:
                    info = NoteInfo(element, target, kind=self._kind(target, element))
                    self.notes[element] = info
                self._by_target[target] = info
            self.refs[a] = info
        self._label_all()
        self._unreferenced()

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

    def _mark_owners(self, chosen: list[tuple[Element, Element]]) -> dict[Element, object]:
        """For each element: the one note whose links lie under it, or _SHARED.

        Markers are owned by nobody's note, so an element holding one is shared. Each
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

    def _kind(self, target: Element, element: Element) -> str:
        for el in (target, element):
            for value in (el.get("id"), el.get("name"), el.get("role"), el.get("epub:type")):
                if not value:
                    continue
                if ENDNOTE_ID.search(value):
                    return "endnote"
                if FOOTNOTE_ID.search(value):
                    return "footnote"
        return "endnote"

    # -- labels

    def _label_all(self) -> None:
        for a, info in self.refs.items():
            seen = clean_label(visible_text(a))
            if info is None:
                self.labels[a] = seen or "?"
                continue
            if not info.label:
                info.label = self._unique(seen or self._own_label(info.element), info)
            self.labels[a] = info.label

    def _unique(self, label: str, info: NoteInfo) -> str:
        """The label, or "1 (2)" when another note shows the same (numbering restarted)."""
        owner = self._label_owner.setdefault(label, info)
        if owner is info:
            return label
        count = 2
        while f"{label} ({count})" in self._label_owner:
            count += 1
        unique = f"{label} ({count})"
        self._label_owner[unique] = info
        return unique

    def _own_label(self, element: Element) -> str:
        if tag_of(element) == "li":
            parent = element.getparent()
            if parent is not None and tag_of(parent) == "ol":
                numbers = self._list_numbers.get(parent)
                if numbers is None:
                    numbers = _number_items(parent)
                    self._list_numbers[parent] = numbers
                if element in numbers:
                    return str(numbers[element])
        match = OWN_LABEL.match(visible_text(element)[:40] + " ")
        if match:
            return match.group(1)
        return clean_label(element.get("id") or "") or str(len(self.notes))

    def _unreferenced(self) -> None:
        """Notes that no marker points at: items of a notes list, elements marked as notes.

        Only on a page that has linked notes: a list in a `div.notes` is not a note else.
        """
        if not self.notes:
            return
        candidates: list[Element] = list(self.index.own_notes)
        for container in self.index.containers:
            if container in self.notes or is_own_note(container):
                continue
            for li in container.iter("li"):
                if self._top_item(li, container):
                    candidates.append(li)
        by_id = {
            (info.element.get("id") or "").strip(): info
            for info in self.notes.values()
            if info.element.get("id")
        }
        for el in candidates:
            if el in self.notes or any(a in self.notes for a in ancestors(el, 64)):
                continue
            info = NoteInfo(el, el, kind=self._kind(el, el))
            twin = by_id.get((el.get("id") or "").strip()) if el.get("id") else None
            if twin is not None and twin.label:
                # Two notes with one id: the page defines that note twice (FN003), not a
                # second, unused note.
                info.label = twin.label
            else:
                info.label = self._unique(self._own_label(el), info)
            self.notes[el] = info

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


_SHARED = object()


def shown_label(label: str) -> str:
    """The label as the page shows it, without the "(2)" that keeps restarted labels apart."""
    return RESTARTED.sub("", label)


def without_label(note: Note, label: str) -> Note:
    """The note without the label its text starts with ("1. Text", "[1] Text")."""
    if not label or not note.text.startswith((label, f"[{label}", f"({label}")):
        return note
    # A delimiter is required: a note may begin with a number ("1 in 5 voters...", "1.5 m").
    match = re.match(rf"[\[(]?{re.escape(label)}[\]).:](?:\s+|$)", note.text)
    if match is None:
        return note
    cut = match.end()
    markers = tuple(replace(m, offset=max(0, m.offset - cut)) for m in note.markers)
    return replace(note, text=note.text[cut:], markers=markers)


def is_superscript(a: Element) -> bool:
    """A link set in superscript: inside a <sup>, or holding one."""
    parent = a.getparent()
    if parent is not None and tag_of(parent) == "sup":
        return True
    return any(tag_of(child) == "sup" for child in a)


def _visible_len(el: Element) -> int:
    return len(clean_label(visible_text(el)))


def _number_items(ol: Element) -> dict[Element, int]:
    try:
        number = int(ol.get("start") or "1")
    except ValueError:
        number = 1
    numbers: dict[Element, int] = {}
    for child in ol:
        if tag_of(child) != "li":
            continue
        value = child.get("value")
        if value and value.strip().isdigit():
            number = int(value)
        numbers[child] = number
        number += 1
    return numbers
