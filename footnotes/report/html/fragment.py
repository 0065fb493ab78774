"""The report page's part of one checked document, made where it was checked.

A worker process that checks a document for an HTML report also draws its part
of the page (its text, cards, notes and timeline) and sends back one string: a
string travels between processes and into the cache far more cheaply than the
view it is drawn from. `unit_page` is what `footcheck check --format html` gives
the run (`Config.unit_page`); the findings it is given are the document's own,
suppressions applied (the book's rules add none that the timeline draws).
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


def unit_page(ctx: Context, findings: Sequence[Finding]) -> str:
    """The document's fragment of the page (ids under `document.PREFIX`)."""

    def draw(unit: UnitView, marker_id: Callable[[int, int], str]) -> str:
        return timeline(unit, findings, marker_id)

    return unit_html(view_of(ctx), draw)
