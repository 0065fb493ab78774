"""The report page's part of one checked document, made where it was checked.

A worker process that checks a document for an HTML report also draws its part
of the page (its text, cards, notes and timeline) and sends back one string: a
string travels between processes and into the cache far more cheaply than the
view it is drawn from. A `Drawer` is what `footcheck check --format html` gives
the run (`Config.unit_page`); the findings it is given are the document's own,
suppressions applied (the book's rules add none that the timeline draws), and,
under `--baseline`, without the baseline's (`keep`).

The timeline is drawn for a document with a date finding to show (in a run over
2000 reports, drawing every document's dates would double the page for nothing to
see); `every_timeline` draws it for every document (`footcheck show`).

A part read back from the cache is used only when it is made of what `unit_html`
writes (`trusts`): its own tags and attributes, links within the page or to web
addresses, escaped text. A cache folder may come from elsewhere; what it holds
must not bring markup of its own into the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Finding
from footcheck.footnotes.report.html.document import unit_html
from footcheck.footnotes.report.html.timeline import timeline
from footcheck.footnotes.views import UnitView, view_of

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context

# The findings the timeline draws.
DATE_FINDINGS = frozenset({"DT001", "DT002", "DT005", "DT006"})


@dataclass(frozen=True)
class Drawer:
    """Draws each document's part of the page where it is checked."""

    every_timeline: bool = False
    # The findings to show (a baseline's filter); None: all of them.
    keep: Callable[[Sequence[Finding]], Iterable[Finding]] | None = None

    @property
    def cacheable(self) -> bool:
        """Parts drawn without a baseline's filter depend only on the file and the
        configuration, as its result does."""
        return self.keep is None

    def draw(self, ctx: Context, findings: Sequence[Finding]) -> str:
        """The document's fragment of the page (ids under its `document.unit_id`); its
        timeline when it has a date finding, or always with `every_timeline`."""
        if self.keep is not None:
            findings = list(self.keep(findings))
        drawn = self.every_timeline or any(f.code in DATE_FINDINGS for f in findings)

        def draw_dates(unit: UnitView, marker_id: Callable[[int, int], str]) -> str:
            return timeline(unit, findings, marker_id) if drawn else ""

        return unit_html(view_of(ctx), draw_dates)

    def trusts(self, fragment: bytes) -> bool:
        """Whether a fragment (read back from the cache) holds only what `draw` writes."""
        return trusted(fragment)


_TAGS = rb"a|circle|div|figcaption|figure|g|h4|li|line|ol|p|path|rect|span|svg|text|title|tspan"
_ATTRIBUTES = (
    rb"class|id|data-at|role|aria-label|viewBox|width|height|transform"
    rb"|x|y|x1|y1|x2|y2|cx|cy|r|d"
)
_VALUE = rb'"[^"<>&]*(?:&(?:amp|lt|gt|quot|#x27);[^"<>&]*)*"'
_OWN_TAG = re.compile(
    rb"</(?:" + _TAGS + rb")>|<(?:" + _TAGS + rb")"
    rb"(?:\s(?:" + _ATTRIBUTES + rb")=" + _VALUE + rb""
    rb'|\shref="(?:#|https?://)[^"<>]*"'
    rb'|\sxmlns="http://www\.w3\.org/2000/svg")*\s*/?>'
)
_LOOSE_AMPERSAND = re.compile(rb"&(?!(?:amp|lt|gt|quot|#x27);)")


def trusted(fragment: bytes) -> bool:
    """Whether every tag of `fragment` is one `unit_html` writes, with the attributes it
    writes, and every `&` starts one of the entities its escaping writes."""
    if _LOOSE_AMPERSAND.search(fragment):
        return False
    return b"<" not in _OWN_TAG.sub(b"", fragment)
