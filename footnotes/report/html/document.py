"""One document on the report page: its paragraphs with their markers, a card beside
each marker with the claim's dates and its note, then the notes no marker reaches.

Made where the document was checked (a worker process), from its view, and sent
back as one string, final but for the findings' badges: every id starts with the
document's own (`unit_id`, from its path: "d3f9a0c1bm12" is its marker 12), and
each card and note is marked with `data-at="LINE:COLUMN"`, where the page puts the
badges of the findings there (`footnotes.report.html.placing`). Ids are
footcheck's own, never taken from the document, whose labels may hold anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable

try:  # blake2b itself: hashlib would load OpenSSL first
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without its own blake2
    from hashlib import blake2b

from footcheck.footnotes.model import PartialDate
from footcheck.footnotes.report.html.escape import href, label, text
from footcheck.footnotes.views import MarkerView, NoteView, ParagraphView, UnitView


def unit_id(path: str) -> str:
    """The id of a document on the page, from its path (short: it prefixes every id of
    the document; the page renames a document whose id another already has)."""
    digest = blake2b(path.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
    return f"d{digest}"


# Formats whose "line" is a paragraph's number (the word processors').
PARAGRAPH_NUMBERED = frozenset({"docx", "odt"})

_URL = re.compile(r"https?://[^\s<>\"'\]\[)(]+[^\s<>\"'\]\[)(.,;:!?]", re.IGNORECASE)
_BACKLINKS = 12  # a note cited more often than this lists the first ones

Timeline = Callable[[UnitView, Callable[[int, int], str]], str]


def where(fmt: str | None, line: int, column: int | None = None) -> str:
    """A place in words: "line 7, column 3", or "paragraph 12" in a word processor's file."""
    if fmt in PARAGRAPH_NUMBERED:
        return f"paragraph {line}"
    return f"line {line}" if column is None else f"line {line}, column {column}"


def unit_html(unit: UnitView, timeline: Timeline) -> str:
    """A document's timeline, its text with a card beside each marker, and the notes
    no marker reaches; every id starts with the document's `unit_id`."""
    prefix = unit_id(unit.path)
    first_of: list[int] = []
    cited: dict[int, list[tuple[str, MarkerView]]] = {}
    running = 0
    for paragraph in unit.paragraphs:
        first_of.append(running)
        for marker in paragraph.markers:
            if marker.note is not None:
                cited.setdefault(marker.note, []).append((f"{prefix}m{running}", marker))
            running += 1

    def marker_id(paragraph: int, marker: int) -> str:
        return f"{prefix}m{first_of[paragraph] + marker}"

    out: list[str] = [f'<p class="facts">{_facts(unit)}</p>']
    drawn = timeline(unit, marker_id)
    if drawn:
        out.append(f'<figure class="timeline">{drawn}</figure>')
    out.append('<div class="text">')
    page = _Page(unit, prefix, cited)
    for index, paragraph in enumerate(unit.paragraphs):
        if paragraph.markers:
            out.append(page.marked(paragraph, first_of[index]))
        else:
            out.append(
                f'<p class="para">{_gutter(paragraph, unit.format)}{text(paragraph.text)}</p>'
            )
    out.append("</div>")
    rest = [k for k in range(len(unit.notes)) if k not in page.shown]
    if rest:
        heading = "Notes" if len(rest) == len(unit.notes) else "Notes no marker here cites"
        out.append(f'<h4>{heading} ({len(rest)})</h4><ol class="notes">')
        out.extend(page.note(k) for k in rest)
        out.append("</ol>")
    return "".join(out)


_ORDER_WORDS = {"mdy": "month first", "dmy": "day first"}


def _facts(unit: UnitView) -> str:
    """The document's date, language and way of writing numeric dates, in one line."""
    words = []
    if unit.report_date is not None:
        origin = f" ({text(unit.report_date_origin)})" if unit.report_date_origin else ""
        words.append(f"report date {unit.report_date.iso()}{origin}")
    else:
        words.append("no report date found")
    if unit.language:
        words.append(f"language {text(unit.language)}")
    if unit.date_order in _ORDER_WORDS:
        why = f" ({text(unit.date_order_why)})" if unit.date_order_why else ""
        words.append(f"numeric dates {_ORDER_WORDS[unit.date_order]}{why}")
    return " · ".join(words)


def _gutter(paragraph: ParagraphView, fmt: str) -> str:
    number = f"¶{paragraph.line}" if fmt in PARAGRAPH_NUMBERED else str(paragraph.line)
    return f'<span class="ln">{number}</span>'


class _Page:
    """One document's paragraphs and notes as the page shows them.

    Each note's text is shown once, on the card of the first marker that cites it
    (the note's id is on that card); a later marker's card links to it, and the
    notes no marker reaches are listed after the text.
    """

    def __init__(
        self, unit: UnitView, prefix: str, cited: dict[int, list[tuple[str, MarkerView]]]
    ) -> None:
        self.unit = unit
        self.prefix = prefix
        self.cited = cited
        self.shown: set[int] = set()
        self._firsts: dict[str, int] | None = None

    def marked(self, paragraph: ParagraphView, first: int) -> str:
        """A paragraph with its markers and the claims they support marked, and the
        markers' cards beside it."""
        body = paragraph.text
        pieces: list[str] = [_gutter(paragraph, self.unit.format)]
        cards: list[str] = []
        cursor = 0
        previous_offset = -1
        for k, marker in enumerate(paragraph.markers, start=first):
            marker_id = f"{self.prefix}m{k}"
            offset = min(max(marker.offset, cursor), len(body))
            if offset != previous_offset:  # a group ("[3][4]") shares one claim
                start = min(max(marker.claim_start, cursor), offset)
                end = min(max(marker.claim_end, start), offset)
                pieces.append(text(body[cursor:start]))
                if end > start:
                    pieces.append(f'<span class="claim">{text(body[start:end])}</span>')
                pieces.append(text(body[end:offset]))
                cursor = offset
            previous_offset = offset
            note = marker.note
            target = f"{self.prefix}n{note}" if note is not None else f"{marker_id}c"
            pieces.append(
                f'<a class="marker" id="{marker_id}" href="#{target}">{label(marker.label)}</a>'
            )
            cards.append(self._card(marker, marker_id))
        pieces.append(text(body[cursor:]))
        return (
            f'<div class="row"><p class="para">{"".join(pieces)}</p>'
            f'<ol class="cards">{"".join(cards)}</ol></div>'
        )

    def _card(self, marker: MarkerView, marker_id: str) -> str:
        """Beside a marker: the dates of the claim it supports, and its note.

        The claim is marked in the paragraph (the card of a flagged marker repeats it,
        from its finding). `data-at` is where the marker's findings go.
        """
        unit = self.unit
        parts = [f'<a class="label" href="#{marker_id}">[{label(marker.label)}]</a>']
        if marker.claim_dates:
            events = ", ".join(d.iso() for d in marker.claim_dates)
            parts.append(f'<p class="events"><span class="k">event</span> {events}</p>')
        index = marker.note
        if index is not None and index < len(unit.notes):
            note = unit.notes[index]
            note_id = f"{self.prefix}n{index}"
            if index in self.shown:
                first = self.cited[index][0][1]
                parts.append(
                    f'<p class="source"><span class="k">note</span> '
                    f'<a href="#{note_id}">[{label(note.label)}]</a>, as at its first citation '
                    f"({where(unit.format, first.line)}){_note_dates(note)}</p>"
                )
            else:
                self.shown.add(index)
                parts.append(
                    f'<div class="source" data-at="{note.line}:{note.column}" id="{note_id}">'
                    f"{linked(note.text)}{_note_dates(note)} "
                    f'<span class="ln">{where(unit.format, note.line)}</span>'
                    f"{self._also(index, marker_id)}</div>"
                )
        elif marker.target is not None:
            parts.append(f'<p class="source none">its note is in {text(marker.target)}</p>')
        else:
            parts.append('<p class="source none">no note</p>')
        return (
            f'<li class="card" data-at="{marker.line}:{marker.column}" id="{marker_id}c">'
            f"{''.join(parts)}</li>"
        )

    def _also(self, index: int, marker_id: str) -> str:
        """The other places a note is cited from."""
        others = [(i, m) for i, m in self.cited.get(index, ()) if i != marker_id]
        if not others:
            return ""
        fmt = self.unit.format
        links = ", ".join(
            f'<a href="#{i}">{where(fmt, m.line)}</a>' for i, m in others[:_BACKLINKS]
        )
        more = f" and {len(others) - _BACKLINKS} more" if len(others) > _BACKLINKS else ""
        return f' <span class="cited">also cited at {links}{more}</span>'

    def _first_of(self, label: str) -> int:
        """The index of the first note defined with this label."""
        if self._firsts is None:
            self._firsts = {}
            for i, defined in enumerate(self.unit.notes):
                self._firsts.setdefault(defined.label, i)
        return self._firsts[label]

    def note(self, index: int) -> str:
        """A note no marker of this document reaches."""
        note = self.unit.notes[index]
        if (
            self._first_of(note.label) < index
        ):  # a second definition (FN003): markers resolve to the first
            cited = ' <span class="cited none">defined again: markers cite the first</span>'
        elif note.cited_from is not None:
            cited = f' <span class="cited">cited from {text(note.cited_from)}</span>'
        else:
            cited = ' <span class="cited none">no marker in this document cites it</span>'
        return (
            f'<li class="note" data-at="{note.line}:{note.column}" id="{self.prefix}n{index}">'
            f'<span class="label">[{label(note.label)}]</span>'
            f'<span class="ln">{where(self.unit.format, note.line)}</span> '
            f"{linked(note.text)}{_note_dates(note)}{cited}</li>"
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


_ORIGIN_OF = {"published": "published", "accessed": "accessed", "URL": "from its URL"}


def _same(value: PartialDate, used: PartialDate | None, name: str, origin: str | None) -> bool:
    """Whether a date is the one already given as the note's date (not said twice)."""
    return used is not None and value == used and _ORIGIN_OF[name] == origin


def linked(value: str) -> str:
    """Escaped text with its web addresses made links (http and https only)."""
    out: list[str] = []
    cursor = 0
    for match in _URL.finditer(value):
        address = href(match.group())
        if address is None:
            continue
        out.append(text(value[cursor : match.start()]))
        out.append(f'<a class="url" href="{address}">{address}</a>')
        cursor = match.end()
    out.append(text(value[cursor:]))
    return "".join(out)
