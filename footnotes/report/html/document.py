"""One document on the report page: its paragraphs with their markers, a card beside
each marker with its claim and its note, the date timeline, then every note.

Each finding is shown at its place: a marker's finding on the marker's card, a
note's finding on the note (`Places`); the file's list of findings links there.
Ids are the page's own (`f3u0m12`: file 3, document 0, marker 12), never taken
from the document, whose labels may hold anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from footcheck.footnotes.model import Finding, PartialDate
from footcheck.footnotes.report.html.escape import href, text
from footcheck.footnotes.rules.base import shorten
from footcheck.footnotes.views import MarkerView, NoteView, ParagraphView, UnitView

# Formats whose "line" is a paragraph's number (the word processors').
PARAGRAPH_NUMBERED = frozenset({"docx", "odt"})

_URL = re.compile(r"https?://[^\s<>\"'\]\[)(]+[^\s<>\"'\]\[)(.,;:!?]", re.IGNORECASE)
_BACKLINKS = 12  # a note cited more often than this lists the first ones


def where(fmt: str | None, line: int, column: int | None = None) -> str:
    """A place in words: "line 7, column 3", or "paragraph 12" in a word processor's file."""
    if fmt in PARAGRAPH_NUMBERED:
        return f"paragraph {line}"
    return f"line {line}" if column is None else f"line {line}, column {column}"


@dataclass
class Places:
    """Where each finding of one file is shown: the id of its marker or note, if any.

    `at` maps an element id to the indexes (in the file's findings) shown there;
    `target` gives each finding's element id, or None when it has no place in the
    text (a file-wide finding).
    """

    target: list[str | None]
    at: dict[str, list[int]] = field(default_factory=dict)


def unit_prefix(file_id: str, unit: int) -> str:
    return f"{file_id}u{unit}"


def place(units: Sequence[UnitView], findings: Sequence[Finding], file_id: str) -> Places:
    """Find each finding's marker or note: same document, same line and column, else
    the note or the marker on its line."""
    exact: dict[tuple[str, int, int], str] = {}
    by_line: dict[tuple[str, int], str] = {}
    for u, unit in enumerate(units):
        prefix = unit_prefix(file_id, u)
        for k, note in enumerate(unit.notes):
            exact.setdefault((unit.path, note.line, note.column), f"{prefix}n{k}")
            by_line.setdefault((unit.path, note.line), f"{prefix}n{k}")
        for k, (_, marker) in enumerate(_markers(unit)):
            exact.setdefault((unit.path, marker.line, marker.column), f"{prefix}m{k}")
            by_line.setdefault((unit.path, marker.line), f"{prefix}m{k}")
    places = Places([])
    for index, finding in enumerate(findings):
        line, column = finding.location.line, finding.location.column
        found = exact.get((finding.path, line, column)) or by_line.get((finding.path, line))
        places.target.append(found)
        if found is not None:
            places.at.setdefault(found, []).append(index)
    return places


def _markers(unit: UnitView) -> list[tuple[int, MarkerView]]:
    """Every body marker of a document with its paragraph's index, in reading order."""
    return [(p, m) for p, para in enumerate(unit.paragraphs) for m in para.markers]


Badge = Callable[[int], str]  # a finding's index in its file -> its badge


def unit_html(
    unit: UnitView,
    prefix: str,
    places: Places,
    badge: Badge,
    timeline: Callable[[UnitView, Callable[[int, int], str]], str],
) -> str:
    """A document's text, its timeline and its notes."""
    ids = _MarkerIds(unit, prefix)
    notes_cited: dict[int, list[tuple[str, MarkerView]]] = {}
    for k, (_, marker) in enumerate(_markers(unit)):
        if marker.note is not None:
            notes_cited.setdefault(marker.note, []).append((f"{prefix}m{k}", marker))
    out: list[str] = []
    drawn = timeline(unit, ids.by_place)
    if drawn:
        out.append(f'<figure class="timeline">{drawn}</figure>')
    out.append('<div class="text">')
    counter = 0
    for paragraph in unit.paragraphs:
        if not paragraph.markers:
            out.append(_plain(paragraph, unit.format))
            continue
        out.append(_marked(paragraph, unit, prefix, counter, places, badge))
        counter += len(paragraph.markers)
    out.append("</div>")
    if unit.notes:
        out.append(f'<h4>Notes ({len(unit.notes)})</h4><ol class="notes">')
        out.extend(
            _note(note, f"{prefix}n{k}", unit.format, notes_cited.get(k, ()), places, badge)
            for k, note in enumerate(unit.notes)
        )
        out.append("</ol>")
    return "".join(out)


class _MarkerIds:
    """Marker ids by (paragraph index, marker index in the paragraph)."""

    def __init__(self, unit: UnitView, prefix: str) -> None:
        self._first: list[int] = []
        running = 0
        for paragraph in unit.paragraphs:
            self._first.append(running)
            running += len(paragraph.markers)
        self._prefix = prefix

    def by_place(self, paragraph: int, marker: int) -> str:
        return f"{self._prefix}m{self._first[paragraph] + marker}"


def _gutter(paragraph: ParagraphView, fmt: str) -> str:
    number = f"¶{paragraph.line}" if fmt in PARAGRAPH_NUMBERED else str(paragraph.line)
    return f'<span class="ln">{number}</span>'


def _plain(paragraph: ParagraphView, fmt: str) -> str:
    return f'<p class="para">{_gutter(paragraph, fmt)}{text(paragraph.text)}</p>'


def _marked(
    paragraph: ParagraphView, unit: UnitView, prefix: str, first: int, places: Places, badge: Badge
) -> str:
    """A paragraph with its markers (and the claims they support) marked, and its cards."""
    body = paragraph.text
    pieces: list[str] = [_gutter(paragraph, unit.format)]
    cards: list[str] = []
    cursor = 0
    previous_offset = -1
    for k, marker in enumerate(paragraph.markers, start=first):
        marker_id = f"{prefix}m{k}"
        offset = min(max(marker.offset, cursor), len(body))
        if offset != previous_offset:
            start = min(max(marker.claim_start, cursor), offset)
            end = min(max(marker.claim_end, start), offset)
            pieces.append(text(body[cursor:start]))
            if end > start:
                pieces.append(f'<span class="claim">{text(body[start:end])}</span>')
            pieces.append(text(body[end:offset]))
            cursor = offset
        previous_offset = offset
        note_link = f"#{prefix}n{marker.note}" if marker.note is not None else f"#{marker_id}c"
        flagged = " flagged" if marker_id in places.at else ""
        pieces.append(
            f'<a class="marker{flagged}" id="{marker_id}" href="{note_link}">'
            f"{text(marker.label)}</a>"
        )
        cards.append(_card(marker, marker_id, unit, places, badge))
    pieces.append(text(body[cursor:]))
    return (
        f'<div class="row"><p class="para">{"".join(pieces)}</p>'
        f'<ol class="cards">{"".join(cards)}</ol></div>'
    )


def _card(marker: MarkerView, marker_id: str, unit: UnitView, places: Places, badge: Badge) -> str:
    """Beside a marker: the claim it supports and its note, with their dates."""
    claim = text(marker.claim) if marker.claim else '<span class="none">(no sentence)</span>'
    events = ", ".join(d.iso() for d in marker.claim_dates)
    claim_dates = f' <span class="dates">event {events}</span>' if events else ""
    if marker.note is not None and marker.note < len(unit.notes):
        note = unit.notes[marker.note]
        source = (
            f'<a href="#{marker_id[: marker_id.rindex("m")]}n{marker.note}">'
            f"{text(shorten(note.text, 220))}</a>{_note_dates(note)}"
        )
    elif marker.target is not None:
        source = f'<span class="none">its note is in {text(marker.target)}</span>'
    else:
        source = '<span class="none">no note</span>'
    found = places.at.get(marker_id, ())
    badges = f'<span class="here">{"".join(badge(i) for i in found)}</span>' if found else ""
    return (
        f'<li class="card" id="{marker_id}c"><a class="label" href="#{marker_id}">'
        f"[{text(marker.label)}]</a>{badges}"
        f'<p class="claim-text"><span class="k">claim</span> {claim}{claim_dates}</p>'
        f'<p class="source"><span class="k">note</span> {source}</p></li>'
    )


def _note_dates(note: NoteView) -> str:
    """A note's dates in words: the one the rules compare, and the others it gives."""
    words: list[str] = []
    if note.date is not None:
        words.append(f"date {note.date.iso()} ({text(note.date_origin or '')})")
    for name, value in (
        ("published", note.published),
        ("accessed", note.accessed),
        ("URL", note.url_date),
    ):
        if value is not None and not _same(value, note.date, name, note.date_origin):
            words.append(f"{name} {value.iso()}")
    if not note.cites:
        words.append("explains; cites nothing")
    return f' <span class="dates">{"; ".join(words)}</span>' if words else ""


def _same(value: PartialDate, used: PartialDate | None, name: str, origin: str | None) -> bool:
    """Whether a date is the one already given as the note's date (not said twice)."""
    if used is None or value != used or origin is None:
        return False
    return (name, origin) in {
        ("published", "published"),
        ("accessed", "accessed"),
        ("URL", "from its URL"),
    }


def _note(
    note: NoteView,
    note_id: str,
    fmt: str,
    cited_by: Sequence[tuple[str, MarkerView]],
    places: Places,
    badge: Badge,
) -> str:
    found = places.at.get(note_id, ())
    badges = f'<span class="here">{"".join(badge(i) for i in found)}</span>' if found else ""
    if cited_by:
        links = ", ".join(
            f'<a href="#{marker_id}">{where(fmt, m.line)}</a>'
            for marker_id, m in cited_by[:_BACKLINKS]
        )
        more = f" and {len(cited_by) - _BACKLINKS} more" if len(cited_by) > _BACKLINKS else ""
        cited = f' <span class="cited">cited at {links}{more}</span>'
    elif note.cited_from is not None:
        cited = f' <span class="cited">cited from {text(note.cited_from)}</span>'
    else:
        cited = ' <span class="cited none">cited nowhere in this file</span>'
    return (
        f'<li class="note" id="{note_id}"><span class="label">[{text(note.label)}]</span>'
        f'<span class="ln">{where(fmt, note.line)}</span>{badges} '
        f"{linked(note.text)}{_note_dates(note)}{cited}</li>"
    )


def linked(value: str) -> str:
    """Escaped text with its web addresses made links (http and https only)."""
    out: list[str] = []
    cursor = 0
    for match in _URL.finditer(value):
        address = href(match.group())
        if address is None:
            continue
        out.append(text(value[cursor : match.start()]))
        out.append(f'<a class="url" href="{address}" rel="noreferrer noopener">{address}</a>')
        cursor = match.end()
    out.append(text(value[cursor:]))
    return "".join(out)
