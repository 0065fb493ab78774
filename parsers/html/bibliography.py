"""A Distill article's bibliography: its entries, each written out as a reader sees it.

Distill reads its bibliography from BibTeX in the page (`<script
type="text/bibliography">`, alone or inside `<d-bibliography>`); a rendered page
may carry it as JSON instead (`<d-bibliography><script type="text/json">`, the
entries as `[key, fields]` pairs) or only as the reference list it rendered
(`<d-citation-list>`'s `ol.references`, one `<li id="key">` per entry; the first
template's `<dt-bibliography>` list, one item per cited key in order). Each entry
becomes the text of its note: title, authors, date, venue, DOI and URL, so that the
date layer finds the entry's year and month. A year that is not a year ("Work In
Progress", "in press", "n.d.") is written as it stands and gives no date.
"""

from __future__ import annotations

import json
import re
from copy import deepcopy
from dataclasses import dataclass
from typing import TYPE_CHECKING

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Location

from .bibtex import clean, read_bibtex
from .dom import line_of, tag_of, visible_text

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

BIBTEX_TYPE = "text/bibliography"
JSON_TYPE = "text/json"
_YEAR = pattern_store.compile(r"^\d{4}$")
_MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]
_MONTH_BY_NAME = {name[:3].lower(): name for name in _MONTHS}
# A JSON bibliography larger than this is not read (a hostile page).
JSON_MAX = 2_000_000


@dataclass(frozen=True, slots=True)
class Reference:
    """One bibliography entry: its text as a note, and where it is written."""

    text: str
    location: Location


def from_bibtex(script: Element) -> dict[str, Reference]:
    """The entries of a BibTeX script, by key (the first of two with one key)."""
    text = script.text or ""
    first_line = line_of(script)
    references: dict[str, Reference] = {}
    line, counted = first_line, 0
    for entry in read_bibtex(text):
        line += text.count("\n", counted, entry.offset)
        counted = entry.offset
        if entry.key not in references:
            references[entry.key] = Reference(written_out(entry.fields), Location(line, 1))
    return references


def from_json(script: Element) -> dict[str, Reference]:
    """The entries of a rendered page's JSON bibliography: `[[key, fields], ...]` or an object."""
    text = script.text or ""
    if len(text) > JSON_MAX:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    pairs = data.items() if isinstance(data, dict) else data if isinstance(data, list) else []
    location = Location(line_of(script), 1)
    references: dict[str, Reference] = {}
    for pair in pairs:
        if not (isinstance(pair, (list, tuple)) and len(pair) == 2):
            continue
        key, fields = pair
        if isinstance(key, str) and isinstance(fields, dict) and key not in references:
            values = {str(k).lower(): clean(str(v)) for k, v in fields.items() if v is not None}
            references[key] = Reference(written_out(values), location)
    return references


def from_list(ol: Element, keys: list[str]) -> dict[str, Reference]:
    """The entries of a rendered reference list: `<li id="key">`, else the cited `keys` in
    order (the first template's list has no ids); as the page shows them."""
    references: dict[str, Reference] = {}
    items = [li for li in ol if tag_of(li) == "li"]
    for place, li in enumerate(items):
        key = (li.get("id") or "").strip() or (keys[place] if place < len(keys) else "")
        text = _shown(li)
        if key and key not in references and text != "?":  # "?": Distill found no entry
            references[key] = Reference(text, Location(line_of(li), 1))
    return references


_CONTROL = pattern_store.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _shown(li: Element) -> str:
    """What a reader sees of a list item, its line breaks as spaces ("[link]<br>Marsh")."""
    if li.find(".//br") is not None:
        li = deepcopy(li)
        for br in li.iter("br"):
            # lxml refuses to set text holding control characters: they show nothing.
            br.tail = " " + _CONTROL.sub("", br.tail or "")
    return " ".join(visible_text(li).split())


def written_out(fields: dict[str, str]) -> str:
    """An entry as a reader sees it: "Title. Authors, March 2017. Venue. DOI. URL"."""
    parts: list[str] = []
    title = fields.get("title")
    if title:
        parts.append(title.rstrip(".") + ".")
    authors = _authors(fields.get("author") or fields.get("editor") or "")
    when = _date(fields)
    if authors and when:
        parts.append(f"{authors}, {when}.")
    elif authors or when:
        parts.append(f"{authors or when}.")
    venue = _venue(fields)
    if venue:
        parts.append(venue)
    if fields.get("doi"):
        parts.append(f"DOI: {fields['doi']}.")
    if fields.get("url"):
        parts.append(fields["url"])
    return " ".join(parts)


def _authors(names: str) -> str:
    """Authors as written ("Olah, Chris and Carter, Shan") as a reader reads them."""
    people = [" ".join(n.split()) for n in re.split(r"\s+and\s+", names) if n.strip()]
    shown: list[str] = []
    for person in people:
        last, comma, first = person.partition(",")
        shown.append(f"{first.strip()} {last.strip()}".strip() if comma else person)
    if len(shown) > 1:
        return ", ".join(shown[:-1]) + " and " + shown[-1]
    return shown[0] if shown else ""


def _date(fields: dict[str, str]) -> str:
    """The entry's year, with its month when it has one ("March 2017"); as written else."""
    year = (fields.get("year") or fields.get("date") or "").strip()
    month = _month(fields.get("month") or "")
    if month and _YEAR.match(year):
        return f"{month} {year}"
    return year


def _month(value: str) -> str:
    value = value.strip().rstrip(".")
    if value.isdigit() and 1 <= int(value) <= 12:
        return _MONTHS[int(value) - 1]
    name = _MONTH_BY_NAME.get(value[:3].lower(), "") if len(value) >= 3 else ""
    return name if name.lower().startswith(value.lower()) else ""


def _venue(fields: dict[str, str]) -> str:
    venue = fields.get("journal") or fields.get("booktitle") or ""
    if fields.get("volume"):
        issue = fields.get("issue") or fields.get("number")
        venue += f", Vol {fields['volume']}" + (f"({issue})" if issue else "")
    if fields.get("pages"):
        venue += f", pp. {fields['pages']}"
    venue = venue.strip(", ")
    publisher = fields.get("publisher") or fields.get("institution") or ""
    pieces = [p.rstrip(".") + "." for p in (venue, publisher) if p]
    return " ".join(pieces)
