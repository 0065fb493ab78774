"""Distill articles (distill.pub and its template): inline footnotes and BibTeX citations.

As written, a Distill article holds each footnote at its place, `<d-footnote>text
</d-footnote>`, and cites its bibliography with `<d-cite key="a,b">`; the
bibliography is BibTeX in `<script type="text/bibliography">` or in the script that
opens `<d-bibliography>` (whatever its type), or another file, `<d-bibliography
src="refs.bib">`. The template numbers the footnotes 1, 2, 3 in reading order and
the cited entries in the order of their first citation (`[1, 2]`), and lists both
at the end. Rendered, the page keeps its `<d-footnote>`s and `<d-cite>`s and adds
those lists (`<d-footnote-list>`, `<d-citation-list>` with `ol.references`, `<li
id="key">`) and hover boxes: copies, which are no text of the page; the
bibliography may then be JSON (`bibliography`).

The template's first version (2016-2017 articles) writes `<dt-fn>` and `<dt-cite>`;
rendered, its footnote keeps its note only in a hover attribute (`data-hover`), and
`<dt-fn-list>` and `<dt-bibliography>` list copies, the entries in citation order.

Footnotes are notes written at their marker's place; each cited key is a marker
with the number Distill shows, and its note is the entry written out. Both numbers
are the template's own (the markers are `auto`). Footnotes and citations are two
numbering sequences, two scopes. An entry nothing cites is no note: Distill does not
list it. A key with no entry is a missing note (FN001); with the bibliography in
another file, the cites are markers into that file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Note

from .bibliography import BIBTEX_TYPE, JSON_TYPE, Reference, from_bibtex, from_json, from_list
from .dom import ancestors, tag_of, visible_text

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

    from .notes import Notes

# The template's second version, and its first (`dt-`, 2016-2017 articles).
FOOTNOTES = frozenset(["d-footnote", "dt-fn"])
CITES = frozenset(["d-cite", "dt-cite"])
BIBLIOGRAPHIES = frozenset(["d-bibliography", "dt-bibliography"])
# Where the rendered reference list is: `d-citation-list`, or in `dt-bibliography`.
REFERENCE_LISTS = frozenset(["d-citation-list", "dt-bibliography"])
# What the template renders from the notes: copies of them, no text of the page.
COPIES = REFERENCE_LISTS | {"d-footnote-list", "d-hover-box", "dt-fn-list"}
DISTILL_TAGS = FOOTNOTES | CITES | BIBLIOGRAPHIES | COPIES
COPY_DEPTH = 64


def is_distill(el: Element, tag: str) -> bool:
    """An element of Distill's notes: its tags, and a BibTeX script."""
    if tag in DISTILL_TAGS:
        return True
    return tag == "script" and (el.get("type") or "").strip().lower() == BIBTEX_TYPE


@dataclass(frozen=True, slots=True)
class Cite:
    """One key of a `<d-cite>`: the number shown, its scope, the file its entry is in."""

    label: str
    scope: int
    target: str | None = None


class DistillPage:
    """The Distill elements of a page (from the index), in document order."""

    def __init__(self, elements: list[Element]) -> None:
        copies = {el for el in elements if tag_of(el) in COPIES}
        self.copies = copies
        self.scripts = [el for el in elements if tag_of(el) == "script"]
        self.elements = [el for el in elements if not _inside(el, copies)]

    def apply(self, notes: Notes) -> list[Note]:
        """Put the footnotes and cites into `notes`; the notes of the cited entries."""
        from .notes import NoteInfo  # here: `notes` reads the index, which reads this

        notes.drops.update(self.copies)
        for found in [el for el in notes.notes if _inside(el, self.copies)]:
            del notes.notes[found]
        footnotes = [el for el in self.elements if tag_of(el) in FOOTNOTES]
        for number, el in enumerate(footnotes, 1):
            hover = _hover(el)
            if hover is None:  # the note written in place
                info = NoteInfo(el, el, str(number), "footnote", marks_itself=True)
                notes.notes[el] = info
            else:  # rendered by the first template: the note is in the marker's hover text
                info = NoteInfo(el, el, str(number), "footnote", text=hover)
                notes.labels[el] = info.label
                notes.cites[el] = (Cite(info.label, 0),)  # numbered by the template
            notes.refs[el] = info
        return self._cite(notes, scope=1 if footnotes else 0)

    def _cite(self, notes: Notes, scope: int) -> list[Note]:
        numbers: dict[str, int] = {}
        cites: list[tuple[Element, list[str]]] = []
        for el in self.elements:
            if tag_of(el) in CITES:
                keys = [k.strip() for k in (el.get("key") or "").split(",") if k.strip()]
                for key in keys:
                    numbers.setdefault(key, len(numbers) + 1)
                if keys:
                    cites.append((el, keys))
        references, target = self._bibliography(list(numbers))
        for el, keys in cites:
            notes.refs[el] = None
            notes.cites[el] = tuple(Cite(str(numbers[k]), scope, target) for k in keys)
        return [
            Note(str(number), ref.text, ref.location, "endnote", scope=scope)
            for key, number in numbers.items()
            if (ref := references.get(key)) is not None
        ]

    def _bibliography(self, keys: list[str]) -> tuple[dict[str, Reference], str | None]:
        """The entries, from BibTeX, else JSON, else the rendered list; or the other file."""
        references: dict[str, Reference] = {}
        for script in self.scripts:  # `<script type="text/bibliography">`
            for key, ref in from_bibtex(script).items():
                references.setdefault(key, ref)
        bibliographies = [el for el in self.elements if tag_of(el) in BIBLIOGRAPHIES]
        for el in bibliographies if not references else ():
            # The template reads the script that opens `<d-bibliography>`, of any type,
            # as BibTeX; a rendered page's is JSON.
            opening = next(iter(el), None)
            if opening is not None and tag_of(opening) == "script":
                is_json = (opening.get("type") or "").strip().lower() == JSON_TYPE
                references.update(from_json(opening) if is_json else from_bibtex(opening))
        for listing in self.copies if not references else ():
            if tag_of(listing) in REFERENCE_LISTS:
                for ol in listing.iter("ol"):
                    references.update(from_list(ol, keys))
        if references:
            return references, None
        source = next((el.get("src") for el in bibliographies if el.get("src")), None)
        return references, source.strip() if source else None


def _hover(footnote: Element) -> str | None:
    """The note text a rendered first-template footnote carries (`data-hover`), if any."""
    from lxml import etree

    for el in footnote.iter():
        value = el.get("data-hover")
        if value is not None:
            try:
                fragment = etree.fromstring(f"<div>{value}</div>", etree.HTMLParser())
            except (etree.XMLSyntaxError, etree.ParserError, ValueError):
                return value
            return " ".join(visible_text(fragment).split()) if fragment is not None else ""
    return None


def _inside(el: Element, copies: set[Element]) -> bool:
    return bool(copies) and any(a in copies for a in ancestors(el, COPY_DEPTH))
