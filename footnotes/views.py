"""What a report page shows of one checked document: paragraphs, markers, claims, notes.

The HTML report (`footnotes.report.html`) needs more of a document than its
findings: the text of each paragraph with its markers, the claim each marker
supports and the dates in it, and each note with the dates the rules read in it.
A `UnitView` holds exactly that, as plain values, made from the same `Context`
the rules used (nothing is read twice), where the document was checked: the
document's part of the page is drawn from it there (`footnotes.report.html.fragment`)
and only that string travels on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from footcheck.footnotes.model import Finding, PartialDate

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context
    from footcheck.footnotes.sources import Source


@dataclass(slots=True)
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


@dataclass(slots=True)
class ParagraphView:
    """One body paragraph's text (marker tokens taken out) and its markers."""

    text: str
    line: int
    markers: tuple[MarkerView, ...] = ()


@dataclass(slots=True)
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


@dataclass(slots=True)
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
    # The last day a claim's event may fall on (the report's date, else today's), as
    # the date rules read it.
    event_bound: PartialDate | None = None


class PageDrawer(Protocol):
    """What draws each checked document's part of the HTML report, where it is checked
    (`footnotes.report.html.fragment.Drawer`, given by the command line).

    `cacheable` is false when what it draws depends on more than the file and the
    configuration (a baseline's findings left out): its parts are then never kept in
    nor read from the cache.
    """

    @property
    def cacheable(self) -> bool: ...

    def draw(self, ctx: Context, findings: Sequence[Finding]) -> str:
        """The document's part of the page, drawn with its own findings."""
        ...

    def trusts(self, fragment: bytes) -> bool:
        """Whether a part read back from the cache is one `draw` could have made."""
        ...


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
        event_bound=report.date or ctx.today,
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
        cites=True if used else source.cites,  # a dated note cites; the test costs
        cited_from=note.cited_from,
    )
