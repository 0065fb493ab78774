"""The report page's part of one checked document, made where it was checked.

A worker process that checks a document for an HTML report also draws its part
of the page (its text, cards, notes and timeline) and sends back one string: a
string travels between processes and into the cache far more cheaply than the
view it is drawn from. `unit_page` is what `footcheck check --format html` gives
the run (`Config.unit_page`); the findings it is given are the document's own,
suppressions applied (the book's rules add none that the timeline draws).

The timeline is drawn for a document with a date finding to show (in a run over
2000 reports, drawing every document's dates would double the page for nothing to
see); `every_timeline` draws it for every document (`footcheck show`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Finding
from footcheck.footnotes.report.html.document import unit_html
from footcheck.footnotes.report.html.timeline import timeline
from footcheck.footnotes.views import UnitView, view_of

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context

# The findings the timeline draws.
DATE_FINDINGS = frozenset({"DT001", "DT002", "DT005", "DT006"})


def unit_page(ctx: Context, findings: Sequence[Finding]) -> str:
    """The document's fragment of the page (ids under its `document.unit_id`); its timeline
    when it has a date finding."""
    drawn = any(f.code in DATE_FINDINGS for f in findings)
    return _fragment(ctx, findings, drawn)


def every_timeline(ctx: Context, findings: Sequence[Finding]) -> str:
    """The document's fragment of the page, its timeline drawn whatever its findings."""
    return _fragment(ctx, findings, True)


def _fragment(ctx: Context, findings: Sequence[Finding], drawn: bool) -> str:
    def draw(unit: UnitView, marker_id: Callable[[int, int], str]) -> str:
        return timeline(unit, findings, marker_id) if drawn else ""

    return unit_html(view_of(ctx), draw)
