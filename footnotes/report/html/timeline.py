"""The date timeline of one document in the HTML report: an inline SVG, one row a marker.

A row shows a marker's claim (its latest event not after the report's date: a
dark circle) and its note's date (a grey square), joined so the gap shows; a date
known only to the month or year is a bar over it; the report's date is a dashed
line across all rows. Date findings each have a shape, a colour and a word: DT001
a red cross on a red line ("year typo" or "before event"), DT002 an orange
triangle, DT005 the URL's date as a hollow purple circle dashed to the note's,
DT006 the access date as a hollow teal diamond dotted to the publication's.
DT001 belongs to the marker at its place; DT002, DT005 and DT006 to the note at
theirs, so to every marker citing it (labels must agree too: a Word file gives all
the markers of a paragraph one place). Geometry and classes only, no style
attribute (the page's CSP); colours in `TIMELINE_CSS`; text through `escape.text`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from footcheck.footnotes.report.html.axis import bounds, extent, ticks
from footcheck.footnotes.report.html.escape import label, text

if TYPE_CHECKING:
    from footcheck.footnotes.model import Finding, PartialDate
    from footcheck.footnotes.views import NoteView, UnitView

WIDTH, ROW, TOP = 720, 16, 32  # the viewBox's width, a row's height, the axis band's
LEFT, RIGHT, TAGS = 70.0, 592.0, 598  # the plot's edges; where the words start
_LABEL_CHARS = 8

TIMELINE_CSS = """\
svg.tl{display:block;width:100%;max-width:60rem;height:auto;font:10px sans-serif;fill:#222;\
print-color-adjust:exact;-webkit-print-color-adjust:exact}
.tl-tick{fill:#555;text-anchor:middle}
.tl-grid{stroke:#ddd}.tl-axis{stroke:#888}
.tl-hit{fill:transparent}
.tl-odd{fill:#000;fill-opacity:.035}
.tl-row:hover .tl-hit,.tl-row:focus .tl-hit{fill:#1f4e79;fill-opacity:.12}
.tl-label{text-anchor:end;font-family:monospace}
.tl-gap{stroke:#8a8a8a;stroke-width:1.5}
.tl-gap.tl-bad{stroke:#c00000;stroke-width:2.5}
.tl-claim{fill:#1f4e79}
.tl-note{fill:#6b6b6b}
.tl-early{fill:#c00000}
path.tl-early{fill:none;stroke:#c00000;stroke-width:2.2}
.tl-late{fill:#e07000;stroke:#7a3d00;stroke-width:.8}
.tl-url{fill:#fff;stroke:#7030a0;stroke-width:1.8}
.tl-url-gap{stroke:#7030a0;stroke-width:1.5;stroke-dasharray:4 3}
.tl-access{fill:#fff;stroke:#00707a;stroke-width:1.8}
.tl-access-gap{stroke:#00707a;stroke-width:1.5;stroke-dasharray:1.5 2.5}
.tl-report{stroke:#000;stroke-width:1.5;stroke-dasharray:6 3;pointer-events:none}
.tl-report-span{fill:#000;fill-opacity:.1;pointer-events:none}
.tl-report-label{font-weight:bold;text-anchor:middle}
.tl-tag{font-size:9px}
.tl-tag-dt001{fill:#c00000}.tl-tag-dt002{fill:#a04f00}
.tl-tag-dt005{fill:#7030a0}.tl-tag-dt006{fill:#00707a}
"""

MAX_ROWS = 300  # more rows than this: only those with a date finding are drawn
Spot = tuple[float, float, bool]  # a date's left and right edge on the plot; a day or not


class _Row(NamedTuple):
    href: str
    label: str
    event: PartialDate | None
    note: NoteView | None
    tags: tuple[tuple[str, str], ...] = ()  # (finding code in lower case, its word)
    late: PartialDate | None = None  # DT002's date, when not the note's own
    url: PartialDate | None = None  # DT005: the date in the note's URL
    accessed: PartialDate | None = None  # DT006
    published: PartialDate | None = None  # DT006, when read before it

    def dates(self) -> list[PartialDate]:
        note = self.note.date if self.note is not None else None
        found = (self.event, note, self.late, self.url, self.accessed, self.published)
        return [d for d in found if d is not None]


def timeline(
    unit: UnitView, findings: Sequence[Finding], marker_id: Callable[[int, int], str]
) -> str:
    """The document's date timeline as an inline `<svg>`, or "" when no row has a date."""
    rows = _rows(unit, findings, marker_id)
    if not rows:
        return ""
    left_out = 0
    if len(rows) > MAX_ROWS:  # a long document: its flagged rows, as many as fit
        flagged = [r for r in rows if r.tags] or rows
        left_out = len(rows) - min(len(flagged), MAX_ROWS)
        rows = flagged[:MAX_ROWS]
    report = unit.report_date
    lo, hi = bounds([*(d for r in rows for d in r.dates()), *([report] if report else [])])
    scale = (RIGHT - LEFT) / (hi - lo)

    def spot(date: PartialDate | None) -> Spot | None:
        days = extent(date) if date is not None else None
        if days is None:
            return None
        return LEFT + (days[0] - lo) * scale, LEFT + (days[1] - lo) * scale, days[2]

    bottom = TOP + len(rows) * ROW
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tl" viewBox="0 0 {WIDTH} {bottom + 4}"'
        ' width="100%" role="group" aria-label="Dates of claims and notes">',
        _line("tl-axis", LEFT, TOP - 3, RIGHT, TOP - 3),
    ]
    for day, words in ticks(lo, hi):
        x = LEFT + (day - lo) * scale
        out.append(_line("tl-grid", x, TOP - 6, x, bottom))
        out.append(f'<text class="tl-tick" x="{_n(x)}" y="11">{words}</text>')
    for i, row in enumerate(rows):
        _draw(out, row, TOP + i * ROW, i % 2 == 1, spot)
    if report is not None and (at := spot(report)) is not None:
        x = (at[0] + at[1]) / 2
        origin = f" ({text(unit.report_date_origin)})" if unit.report_date_origin else ""
        out.append(f"<g><title>report date {report.iso()}{origin}</title>")
        if at[2]:
            out.append(_line("tl-report", x, TOP - 12, x, bottom))
        else:
            out.append(_bar("tl-report-span", at[0], at[1], TOP - 12, bottom - TOP + 12))
        out.append(f'<text class="tl-report-label" x="{_n(x)}" y="22">report {report.iso()}')
        out.append("</text></g>")
    out.append("</svg>")
    if left_out:
        out.append(
            f'<figcaption class="tl-more">{len(rows)} rows drawn: those with a date finding;'
            f" {left_out} more dated markers are in the text below.</figcaption>"
        )
    return "".join(out)


def _rows(
    unit: UnitView, findings: Sequence[Finding], marker_id: Callable[[int, int], str]
) -> list[_Row]:
    """The rows to draw, in reading order, each with the date findings that fall on it."""
    notes = unit.notes
    notes_at: dict[tuple[int, int], list[int]] = {}
    for i, defined in enumerate(notes):
        notes_at.setdefault((defined.line, defined.column), []).append(i)
    by_marker: dict[tuple[int, int], list[Finding]] = {}
    by_note: dict[int, list[Finding]] = {}
    for f in findings:
        place = (f.location.line, f.location.column)
        if f.code == "DT001":
            by_marker.setdefault(place, []).append(f)
        elif f.code in ("DT002", "DT005", "DT006"):
            for i in notes_at.get(place, ()):
                if f.footnote is None or f.footnote == notes[i].label:
                    by_note.setdefault(i, []).append(f)
    rows: list[_Row] = []
    for p, paragraph in enumerate(unit.paragraphs):
        for m, marker in enumerate(paragraph.markers):
            index = marker.note if marker.note is not None and 0 <= marker.note < len(notes) else -1
            found = [
                f
                for f in by_marker.get((marker.line, marker.column), ())
                if f.footnote is None or f.footnote == marker.label
            ]
            found += by_note.get(index, ())
            event = _latest(marker.claim_dates, unit.event_bound)
            note = notes[index] if index >= 0 else None
            row = _row(_Row(marker_id(p, m), marker.label, event, note), found)
            if any(extent(d) is not None for d in row.dates()):
                rows.append(row)
    return rows


def _row(row: _Row, found: list[Finding]) -> _Row:
    """The row with what its findings add: their words, and the dates they bring."""
    note = row.note
    tags: list[tuple[str, str]] = []
    late = url = accessed = published = None
    for f in sorted(found, key=lambda f: f.code):
        if f.code == "DT001":
            typo = "year typo" in f"{f.message} {f.hint or ''}"
            tags.append(("dt001", "year typo" if typo else "before event"))
        elif f.code == "DT002":
            tags.append(("dt002", "after report"))
            if note is not None and f.source_date not in (None, note.date):
                late = f.source_date
        elif f.code == "DT005" and note is not None:
            tags.append(("dt005", "URL date"))
            url = note.url_date
        elif f.code == "DT006" and note is not None:
            early = "before it was published" in f.message
            tags.append(("dt006", "read early" if early else "read late"))
            accessed = note.accessed
            published = (note.published or f.source_date) if early else None
    tagged = tuple(dict.fromkeys(tags))
    return row._replace(tags=tagged, late=late, url=url, accessed=accessed, published=published)


def _latest(dates: Sequence[PartialDate], report: PartialDate | None) -> PartialDate | None:
    """The latest date not after the report's (else today's), the most precise among
    equals (as DT001 reads them)."""
    events = [d for d in dates if report is None or not d.after(report)]
    return max(events, key=lambda d: (d.year, d.month or 0, d.day or 0)) if events else None


def _draw(
    out: list[str],
    row: _Row,
    top: int,
    odd: bool,
    spot: Callable[[PartialDate | None], Spot | None],
) -> None:
    """One row: its link, title, label, connectors, marks and words, appended to `out`."""
    y = top + ROW / 2
    codes = [code for code, _ in row.tags]
    note = spot(row.note.date if row.note is not None else None)
    claim, url, accessed, published = (
        spot(d) for d in (row.event, row.url, row.accessed, row.published)
    )
    classes = ["tl-row", *(f"tl-{code}" for code in codes)]
    if ("dt001", "year typo") in row.tags:
        classes.append("tl-typo")
    shown = row.label if len(row.label) <= _LABEL_CHARS else row.label[: _LABEL_CHARS - 1] + "…"
    # The id is the page's own: quoted, not shown as text.
    out.append(f'<a href="#{html.escape(row.href)}" class="{" ".join(classes)}">')
    out.append(f"<title>{_title(row)}</title>")
    out.append(f'<rect class="tl-hit{" tl-odd" if odd else ""}" x="0" y="{top}"')
    out.append(f' width="{WIDTH}" height="{ROW}"/>')
    out.append(f'<text class="tl-label" x="{LEFT - 6}" y="{_n(y + 3.5)}">[{label(shown)}]</text>')
    if claim and note:
        bad = " tl-bad" if "dt001" in codes else ""
        out.append(_line(f"tl-gap{bad}", _mid(claim), y, _mid(note), y))
    if url and note:
        out.append(_line("tl-url-gap", _mid(note), y, _mid(url), y))
    if accessed and published:
        out.append(_line("tl-access-gap", _mid(accessed), y, _mid(published), y))
    if claim and claim[2]:
        out.append(_circle("tl-claim", _mid(claim), y))
    elif claim:
        out.append(_bar("tl-claim", claim[0], claim[1], y - 6, 5))
    if note:
        status = "late" if "dt002" in codes and row.late is None else ""
        status = status or ("early" if "dt001" in codes else "")
        if not note[2]:
            cls = f"tl-note tl-{status}" if status else "tl-note"
            out.append(_bar(cls, note[0], note[1], y + 1, 5))
        if note[2] or status:
            out.append(_shape(status, _mid(note), y))
    if late := spot(row.late):
        out.append(_shape("late", _mid(late), y))
    if url:
        out.append(_circle("tl-url", _mid(url), y))
    if accessed:
        out.append(_diamond("tl-access", _mid(accessed), y))
    if row.tags:
        out.append(f'<text class="tl-tag" x="{TAGS}" y="{_n(y + 3)}">')
        out.append(" ".join(f'<tspan class="tl-tag-{c}">{w}</tspan>' for c, w in row.tags))
        out.append("</text>")
    out.append("</a>")


def _title(row: _Row) -> str:
    """The row's tooltip: its dates and findings ("[3] claim 2023-09-07; note ...; DT001 ...")."""
    parts = [f"[{label(row.label)}] claim {row.event.iso() if row.event else 'undated'}"]
    note = row.note
    if note is None or note.date is None:
        parts.append("no note" if note is None else "note undated")
    else:
        origin = f" ({text(note.date_origin)})" if note.date_origin else ""
        parts.append(f"note {note.date.iso()}{origin}")
    extra = (("dated", row.late), ("URL", row.url), ("accessed", row.accessed))
    parts += [f"{word} {d.iso()}" for word, d in (*extra, ("published", row.published)) if d]
    parts += [f"{code.upper()} {word}" for code, word in row.tags]
    return "; ".join(parts)


def _n(value: float) -> str:
    return f"{value:.1f}"


def _mid(at: Spot) -> float:
    return (at[0] + at[1]) / 2


def _line(cls: str, x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line class="{cls}" x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"/>'


def _bar(cls: str, x0: float, x1: float, y: float, height: float) -> str:
    width = _n(max(x1 - x0, 2.0))
    return f'<rect class="{cls}" x="{_n(x0)}" y="{_n(y)}" width="{width}" height="{_n(height)}"/>'


def _circle(cls: str, x: float, y: float) -> str:
    return f'<circle class="{cls}" cx="{_n(x)}" cy="{_n(y)}" r="4"/>'


def _diamond(cls: str, x: float, y: float) -> str:
    return f'<path class="{cls}" d="M{_n(x)} {_n(y - 5)}l5 5-5 5-5-5z"/>'


def _shape(status: str, x: float, y: float) -> str:
    """A note's mark: a grey square; a red cross (before its event); an orange triangle (late)."""
    if status == "early":
        return f'<path class="tl-note tl-early" d="M{_n(x - 4)} {_n(y - 4)}l8 8m0-8-8 8"/>'
    if status == "late":
        return f'<path class="tl-note tl-late" d="M{_n(x)} {_n(y - 5)}l5 9h-10z"/>'
    return f'<rect class="tl-note" x="{_n(x - 3.5)}" y="{_n(y - 3.5)}" width="7" height="7"/>'


def legend() -> str:
    """A small inline SVG naming each mark, drawn with the timeline's own shapes and classes."""
    items = (
        (_circle("tl-claim", 8, 8) + _bar("tl-claim", 18, 40, 5, 5), "claim's event (day, year)"),
        (_shape("", 8, 8) + _bar("tl-note", 18, 40, 6, 5), "note's date (day, year)"),
        (_line("tl-report", 20, 0, 20, 16), "report date"),
        (_line("tl-gap tl-bad", 4, 8, 34, 8) + _shape("early", 38, 8), "before event, year typo"),
        (_shape("late", 8, 8), "after report"),
        (_line("tl-url-gap", 8, 8, 34, 8) + _circle("tl-url", 38, 8), "URL gives another date"),
        (_line("tl-access-gap", 8, 8, 34, 8) + _diamond("tl-access", 8, 8), "read early or late"),
    )
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="tl tl-legend" viewBox="0 0 720 40"'
        ' width="100%" role="img" aria-label="Legend of the date timeline">'
    ]
    for i, (marks, words) in enumerate(items):
        out.append(f'<g transform="translate({4 + (i % 4) * 180} {2 + (i // 4) * 20})">{marks}')
        out.append(f'<text x="48" y="11.5">{words}</text></g>')
    out.append("</svg>")
    return "".join(out)
