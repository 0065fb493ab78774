"""The last day a report's notes can speak of, and how a message names it.

That is the report's date, or a later update the document declares (a web page's
`dateModified`: sources may have been added since); when the report's date is
unknown, the day footcheck runs (nothing can be dated after it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from footcheck.footnotes.model import PartialDate

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context


@dataclass(frozen=True, slots=True)
class ReportBound:
    """The bound's date, and the words a message names it by."""

    date: PartialDate
    words: str  # "the report's date (2024-02-01)", "its last update (...)", "today (...)"


def report_bound(ctx: Context) -> ReportBound:
    """The report's date or its last update; today's date when neither is known."""
    report = ctx.report.latest
    if report is None:
        today = ctx.today
        return ReportBound(today, f"today ({today.iso()})")
    if report == ctx.report_date:
        return ReportBound(report, f"the report's date ({report.iso()})")
    return ReportBound(report, f"the report's last update ({report.iso()})")
