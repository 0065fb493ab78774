"""The time axis of the report's date timeline: the days a date covers, and the ticks.

Days are proleptic Gregorian ordinals (`datetime.date.toordinal`). A date known to
the day covers one day; one known to the month or the year, the whole month or
year. The ticks are month starts over a short span (at most eight), else the
starts of round years (at most ten).
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from footcheck.footnotes.model import PartialDate

#: The day after the calendar's last: no extent or tick goes past it.
END = datetime.date.max.toordinal() + 1


def extent(date: PartialDate) -> tuple[int, int, bool] | None:
    """The days (ordinals, end excluded) a date covers, and whether it is one day.

    A date that cannot exist is drawn at the precision it has right (February 30
    as February); a year outside the calendar's (1 to 9999) is not drawn.
    """
    year, month, day = date.year, date.month, date.day
    if not 1 <= year <= 9999:
        return None
    if month is None or not 1 <= month <= 12:
        start = datetime.date(year, 1, 1).toordinal()
        return start, start + 365 + calendar.isleap(year), False
    start = datetime.date(year, month, 1).toordinal()
    length = calendar.monthrange(year, month)[1]
    if day is None or not 1 <= day <= length:
        return start, start + length, False
    return start + day - 1, start + day, True


def bounds(dates: Sequence[PartialDate]) -> tuple[float, float]:
    """The axis's first and last day: every date's extent (at least 60 days), padded.

    `dates` must hold at least one date in the calendar's range.
    """
    days = [e for d in dates if (e := extent(d)) is not None]
    lo: float = min(e[0] for e in days)
    hi: float = max(e[1] for e in days)
    if hi - lo < 60:
        lo, hi = (lo + hi) / 2 - 30, (lo + hi) / 2 + 30
    pad = (hi - lo) * 0.03 + 1
    return max(1.0, lo - pad), min(float(END), hi + pad)


def ticks(lo: float, hi: float) -> list[tuple[int, str]]:
    """The axis's ticks (a day's ordinal, its words): months over a short span, else years."""
    first = datetime.date.fromordinal(int(lo))
    last = datetime.date.fromordinal(min(int(hi), END - 1))
    found: list[tuple[int, str]] = []
    if hi - lo <= 800:
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        step = next((s for s in (1, 2, 3, 6) if months / s <= 8), 12)
        for n in range(first.year * 12 + first.month - 1, last.year * 12 + last.month):
            year, month = divmod(n, 12)
            day = datetime.date(year, month + 1, 1).toordinal()
            if month % step == 0 and lo <= day <= hi:
                name = calendar.month_abbr[month + 1]  # the first tick names its year too
                words = str(year) if month == 0 else name if found else f"{name} {year}"
                found.append((day, words))
        return found
    years = last.year - first.year + 1
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000) if years / s <= 10)
    for year in range(max(step, -(-first.year // step) * step), last.year + 1, step):
        day = datetime.date(year, 1, 1).toordinal()
        if lo <= day <= hi:
            found.append((day, str(year)))
    return found
