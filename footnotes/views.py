"""What a report page shows of one checked document: paragraphs, markers, claims, notes.

The HTML report (`footnotes.report.html`) needs more of a document than its
findings: the text of each paragraph with its markers, the claim each marker
supports and the dates in it, and each note with the dates the rules read in it.
A `UnitView` holds exactly that, as plain values, made from the same `Context`
the rules used (nothing is read twice). Views are made only when a run asks for
them (`Config.views`), travel back from worker processes with the file's result,
and are kept in the cache beside it (`encode`/`decode`, plain JSON) so that a warm
run can still draw its page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from footcheck.footnotes.model import PartialDate

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context
    from footcheck.footnotes.sources import Source


@dataclass(frozen=True, slots=True)
class MarkerView:
    """A body marker: where it stands, the claim it supports, the note it resolves to.

    `offset` is its place in its paragraph's text; `claim_start`/`claim_end` the
    claim's span in the same text; `note` the index, in the unit's `notes`, of the
    note it resolves to (None when it has none here: `target` then names the file
    its link points into, if any).
    """

    label: str
    offset: int
    line: int
    column: int
    claim: str = ""
    claim_start: int = 0
    claim_end: int = 0
    claim_dates: tuple[PartialDate, ...] = ()
    note: int | None = None
    target: str | None = None


@dataclass(frozen=True, slots=True)
class ParagraphView:
    """One body paragraph's text (marker tokens taken out) and its markers."""

    text: str
    line: int
    markers: tuple[MarkerView, ...] = ()


@dataclass(frozen=True, slots=True)
class NoteView:
    """A note definition and the dates the rules read in it.

    `date` is the date a claim is compared with and `date_origin` where it comes
    from ("published", "from its URL", "accessed", ...); `published`, `accessed`
    and `url_date` are those of its main citation, when it gives them.
    """

    label: str
    text: str
    line: int
    column: int
    kind: str = "endnote"
    date: PartialDate | None = None
    date_origin: str | None = None
    published: PartialDate | None = None
    accessed: PartialDate | None = None
    url_date: PartialDate | None = None
    cites: bool = True
    cited_from: str | None = None


@dataclass(frozen=True, slots=True)
class UnitView:
    """One document as the page shows it (a file, or one chapter of an EPUB)."""

    path: str
    format: str
    paragraphs: tuple[ParagraphView, ...]
    notes: tuple[NoteView, ...]
    report_date: PartialDate | None = None
    report_date_origin: str = ""
    language: str | None = None
    date_order: str | None = None
    date_order_why: str = ""


def view_of(ctx: Context) -> UnitView:
    """The page's view of one checked document, from the context its rules read."""
    doc = ctx.doc
    notes: list[NoteView] = []
    index_of: dict[tuple[int, str], int] = {}
    for source in ctx.sources:
        index_of.setdefault(source.note.key, len(notes))
        notes.append(_note_view(source))
    paragraphs: list[ParagraphView] = []
    for paragraph, claims in zip(doc.paragraphs, ctx.paragraph_claims, strict=True):
        markers = tuple(
            MarkerView(
                label=claim.marker.label,
                offset=claim.marker.offset,
                line=claim.marker.location.line,
                column=claim.marker.location.column,
                claim=claim.text,
                claim_start=claim.start,
                claim_end=claim.end,
                claim_dates=claim.event_dates,
                note=index_of.get(claim.marker.key),
                target=claim.marker.target,
            )
            for claim in claims
        )
        paragraphs.append(ParagraphView(paragraph.text, paragraph.location.line, markers))
    style = ctx.date_style
    report = ctx.report
    return UnitView(
        path=doc.path,
        format=doc.format,
        paragraphs=tuple(paragraphs),
        notes=tuple(notes),
        report_date=report.date,
        report_date_origin=report.origin,
        language=doc.metadata.get("language"),
        date_order=style.order,
        date_order_why=style.why,
    )


def _note_view(source: Source) -> NoteView:
    from footcheck.footnotes.citations import resting_on, supporting_date

    note = source.note
    used = supporting_date(source.citations)
    main = used[0] if used else next(iter(resting_on(source.citations)), None)
    return NoteView(
        label=note.label,
        text=note.text,
        line=note.location.line,
        column=note.location.column,
        kind=note.kind,
        date=used[1] if used else None,
        date_origin=used[2] if used else None,
        published=main.publication_date if main else source.publication_date,
        accessed=main.access_date if main else source.access_date,
        url_date=main.url_date if main else None,
        cites=source.cites,
        cited_from=note.cited_from,
    )


# The cache keeps views as JSON rows; `decode` checks every value's type on the way
# back and raises (LookupError, TypeError, ValueError) for an entry of another shape.


def encode(views: Sequence[UnitView]) -> list[Any]:
    """A file's views as JSON-ready rows."""
    return [_encode_unit(view) for view in views]


def decode(rows: Any) -> tuple[UnitView, ...]:
    """The views `encode` made."""
    if not isinstance(rows, list):
        raise TypeError("views must be a list")
    return tuple(_decode_unit(row) for row in rows)


def _date(value: PartialDate | None) -> list[int | None] | None:
    return None if value is None else [value.year, value.month, value.day]


def _undate(value: Any) -> PartialDate | None:
    if value is None:
        return None
    year, month, day = value
    for part in (month, day):
        if part is not None and not isinstance(part, int):
            raise TypeError("a date's parts are numbers")
    return PartialDate(_int(year), month, day)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("expected a number")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _opt_int(value: Any) -> int | None:
    return None if value is None else _int(value)


def _encode_unit(view: UnitView) -> list[Any]:
    paragraphs = [
        [p.text, p.line, [_encode_marker(m) for m in p.markers]] for p in view.paragraphs
    ]
    notes = [
        [
            n.label,
            n.text,
            n.line,
            n.column,
            n.kind,
            _date(n.date),
            n.date_origin,
            _date(n.published),
            _date(n.accessed),
            _date(n.url_date),
            n.cites,
            n.cited_from,
        ]
        for n in view.notes
    ]
    return [
        view.path,
        view.format,
        paragraphs,
        notes,
        _date(view.report_date),
        view.report_date_origin,
        view.language,
        view.date_order,
        view.date_order_why,
    ]


def _encode_marker(m: MarkerView) -> list[Any]:
    return [
        m.label,
        m.offset,
        m.line,
        m.column,
        m.claim,
        m.claim_start,
        m.claim_end,
        [_date(d) for d in m.claim_dates],
        m.note,
        m.target,
    ]


def _decode_unit(row: Any) -> UnitView:
    path, fmt, paragraphs, notes, report_date, origin, language, order, why = row
    return UnitView(
        path=_str(path),
        format=_str(fmt),
        paragraphs=tuple(
            ParagraphView(_str(text), _int(line), tuple(_decode_marker(m) for m in markers))
            for text, line, markers in paragraphs
        ),
        notes=tuple(_decode_note(n) for n in notes),
        report_date=_undate(report_date),
        report_date_origin=_str(origin),
        language=_opt_str(language),
        date_order=_opt_str(order),
        date_order_why=_str(why),
    )


def _decode_marker(row: Any) -> MarkerView:
    label, offset, line, column, claim, start, end, dates, note, target = row
    return MarkerView(
        label=_str(label),
        offset=_int(offset),
        line=_int(line),
        column=_int(column),
        claim=_str(claim),
        claim_start=_int(start),
        claim_end=_int(end),
        claim_dates=tuple(d for d in (_undate(v) for v in dates) if d is not None),
        note=_opt_int(note),
        target=_opt_str(target),
    )


def _decode_note(row: Any) -> NoteView:
    (label, text, line, column, kind, date, origin, published, accessed, url, cites, cited) = row
    if not isinstance(cites, bool):
        raise TypeError("cites is true or false")
    return NoteView(
        label=_str(label),
        text=_str(text),
        line=_int(line),
        column=_int(column),
        kind=_str(kind),
        date=_undate(date),
        date_origin=_opt_str(origin),
        published=_undate(published),
        accessed=_undate(accessed),
        url_date=_undate(url),
        cites=cites,
        cited_from=_opt_str(cited),
    )
