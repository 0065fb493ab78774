"""What the date rules share: the last day a report can speak for, and days apart.

The report's bound is its date, or a later update the document declares (a web
page's `dateModified`: sources may have been added since); when the report's date
is unknown, the day footcheck runs (nothing can be dated after it).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from footcheck.footnotes.model import PartialDate, Precision

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context

#: Days two dates of one page may differ by: time zones put it on neighbouring days.
TIME_ZONE_DAYS = 1


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


def days_apart(first: PartialDate, second: PartialDate) -> int | None:
    """How many days `second` is after `first` (negative if before); None unless both are days."""
    if first.precision is not Precision.DAY or second.precision is not Precision.DAY:
        return None
    return (_day(second) - _day(first)).days


def _day(date: PartialDate) -> datetime.date:
    assert date.month is not None and date.day is not None  # known to the day
    return datetime.date(date.year, date.month, date.day)
