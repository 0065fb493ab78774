"""Step 1 of the HTML reader: one pass over the page that indexes what the notes need.

Element ids (and `<a name>`, as Word writes them), every in-page link and every link
into another file, the elements that say they hold notes or are one, the headings
that title a notes section, the markup of notes that no link joins (`inline`), a
Distill article's elements (`distill`), and the report's metadata.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .conventions import CONTAINER_ATTRS, is_container, is_own_note, ref_hint
from .distill import DISTILL_TAGS, is_distill
from .headings import HEADINGS, is_notes_heading, notes_section
from .inline import CANDIDATE_ATTRS, PLUGIN_ID, is_candidate
from .links import other_file
from .metadata import PageMeta

if TYPE_CHECKING:
    from lxml.etree import _Element as Element


TITLES = frozenset(["title", *HEADINGS])


@dataclass
class Index:
    ids: dict[str, Element]
    links: list[tuple[Element, str]]
    containers: list[Element]
    own_notes: list[Element]
    metadata: dict[str, str]
    ordinal: dict[Element, int]  # a link's place among the links with the same href
    external: list[tuple[Element, str, str]]  # a link into another file: (a, file, fragment)
    inline: list[Element]  # candidates for `inline.InlineFinder`
    sections: list[Element]  # the blocks under a heading titled "Notes" (`headings`)
    distill: list[Element]  # a Distill article's notes, cites and bibliography (`distill`)


def build_index(root: Element, own_name: str = "") -> Index:
    from lxml import etree

    ids: dict[str, Element] = {}
    names: dict[str, Element] = {}
    links: list[tuple[Element, str]] = []
    external: list[tuple[Element, str, str]] = []
    containers: list[Element] = []
    own_notes: list[Element] = []
    inline: list[Element] = []
    sections: list[Element] = []
    distill: list[Element] = []
    ordinal: dict[Element, int] = {}
    seen_frags: dict[str, int] = {}
    meta = PageMeta()
    for el in root.iter(etree.Element):
        tag = el.tag  # a str: iter(etree.Element) passes no comments or instructions
        if tag in TITLES:
            if tag == "title":
                meta.see(el, tag)
            elif is_notes_heading(el):
                sections.extend(notes_section(el))
        elif tag in DISTILL_TAGS:
            distill.append(el)
        keys = el.keys()
        if not keys:  # most elements: no id, no link, no markup of notes
            if tag == "time":
                meta.see(el, tag)
            continue
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
            elif href:
                elsewhere = other_file(href, own_name)
                if elsewhere is not None:
                    external.append((el, *elsewhere))
                elif "#" in href and ref_hint(el) > 0:
                    # A note reference written with the page's full address (Easy Footnotes).
                    frag = href.split("#", 1)[1].strip()
                    if frag:
                        links.append((el, frag))
        elif tag in ("meta", "time", "script"):
            meta.see(el, tag)
            if tag == "script" and is_distill(el, tag):
                distill.append(el)
        if not CONTAINER_ATTRS.isdisjoint(keys) and is_container(el, keys):
            containers.append(el)
            if is_own_note(el):
                own_notes.append(el)
        if (
            not CANDIDATE_ATTRS.isdisjoint(keys) or (ident and ident.startswith(PLUGIN_ID))
        ) and is_candidate(el):
            inline.append(el)
    for name, el in names.items():
        ids.setdefault(name, el)
    return Index(
        ids,
        links,
        containers,
        own_notes,
        meta.result(root),
        ordinal,
        external,
        inline,
        sections,
        distill,
    )
