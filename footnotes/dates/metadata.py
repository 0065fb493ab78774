"""One document-metadata value as a date: a front matter `date:`, a meta tag."""

from __future__ import annotations

import datetime
import re

from footcheck.footnotes import pattern_store
from footcheck.footnotes.dates.scanner import find_dates
from footcheck.footnotes.model import PartialDate

_META_ISO = pattern_store.compile(
    r"(?P<y>[0-9]{4})(?:(?P<s>[-/.])(?P<m>[0-9]{1,2})(?:(?P=s)(?P<d>[0-9]{1,2}))?)?"
    r"(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,9})?)?\s?"
    r"(?:Z|UTC|GMT|[+-][0-9]{2}(?::?[0-9]{2})?)?)?",
    re.IGNORECASE,
)


def parse_date_string(value: str) -> PartialDate | None:
    """One metadata value ("2024-02-01", "Feb. 1, 2024", RFC 2822, "2024") as a date.

    None when the value is not a date or names a date that cannot exist.
    """
    value = value.strip().strip("\"'")
    if not value or len(value) > 200:
        return None
    m = _META_ISO.fullmatch(value)
    if m is not None:
        year = int(m["y"])
        if m["m"] is None:
            date = PartialDate(year)
        elif m["d"] is None:
            date = PartialDate(year, int(m["m"]))
        else:
            date = PartialDate(year, int(m["m"]), int(m["d"]))
        return date if date.is_valid() else None
    for mention in find_dates(value):
        if mention.range_start is None:
            return mention.date if mention.valid else None
    return _parse_with_dateutil(value)


def _parse_with_dateutil(value: str) -> PartialDate | None:
    """The slow path: python-dateutil, telling which fields the value really had."""
    from dateutil import parser  # imported here: it is slow to import

    if not re.search(r"[0-9]{4}", value):
        return None  # no four-digit year: too ambiguous
    probes = (datetime.datetime(2000, 1, 1), datetime.datetime(2001, 2, 2))
    try:
        one, two = (parser.parse(value, default=probe) for probe in probes)
    except Exception:  # dateutil raises more than ValueError on odd input
        return None
    if one.year != two.year:
        return None
    if one.month != two.month:
        return PartialDate(one.year)
    if one.day != two.day:
        return PartialDate(one.year, one.month)
    return PartialDate(one.year, one.month, one.day)
