"""Dates written in numbers: which day, month and year "8/22/13" or "3/64" names.

Three forms of the grammar: "num" (a four-digit year: "22.8.2013",
"03/04/2023"), "num2" (a two-digit year: "8/22/13", "22-8-13") and "my2" (a
month and a year: "3/64", "11/2007", read only in a note, as a citation's date).

The order of day and month comes from the fields when one is above 12, else
from the document's `DateStyle`; when nothing decides, only the year is kept.
Dotted dates are day first whatever the style. A two-digit year takes the
century the style's pivot gives; without a style (a caller that knows nothing
of the document) the pivot is the reference date's year, else today's, and a
two-digit date is read only when its fields decide the order themselves.
"""

from __future__ import annotations

import datetime
import re

from footcheck.footnotes.dates.neighbours import (
    closes_citation,
    is_quantity_after,
    numbered,
    words_before,
    year_ok,
)
from footcheck.footnotes.dates.style import DAY_FIRST, DateStyle
from footcheck.footnotes.model import PartialDate

#: The grammar's forms that this module reads.
NUMERIC_FORMS = frozenset(("num", "num2", "my2"))


def read_numeric(
    text: str,
    m: re.Match[str],
    kind: str,
    start: int,
    style: DateStyle | None,
    reference: PartialDate | None,
    note: bool,
) -> PartialDate | None:
    """The date the numeric form `kind` (matched by `m` from `start`) names, or None."""
    if kind == "my2" and not note:
        return None  # "9/11", "3/64 inch": in running text a month and year is too rarely one
    before = words_before(text, start)
    if numbered(before) and not (kind != "my2" and before.raw.endswith(",")):
        # "No. 8/22/13", "p. 3/64"; but "Notice No. 14, 8/14/13": a full date after a
        # number and a comma is the next element of the citation.
        return None
    order = style.order if style is not None else None
    if kind == "num":
        year = int(m["num_y"])
        if not year_ok(year):
            return None
        return _day_and_month(int(m["num_a"]), int(m["num_b"]), year, m["num_s"], order)
    century = style if style is not None else _default_style(reference)
    if kind == "num2":
        a, b = int(m["num2_a"]), int(m["num2_b"])
        if not (1 <= min(a, b) <= 12 and max(a, b) <= 31):
            return None  # no field can be the month, or none the day: not a date
        if style is None and max(a, b) <= 12 and a != b:
            return None  # 5/6/13 with nothing to decide the order: left alone, as before
        year = century.full_year(int(m["num2_y"]))
        return _day_and_month(a, b, year, m["num2_s"], order)
    # "my2": a citation's month and year, set off by a comma or parentheses and
    # closing the citation ("Letter, 3/64.", "(11/2007)"), not an amount ("3/64 inch"),
    # and with a two-digit year that cannot be a day.
    month, year_text = int(m["my2_m"]), m["my2_y"]
    if len(year_text) == 2 and int(year_text) <= 31:
        return None  # "Email to the author, 3/15.": March 15 as often as March 2015
    year = century.full_year(int(year_text)) if len(year_text) == 2 else int(year_text)
    set_off = before.glued[-1:] == "(" or (not before.glued and before.raw[-1:] in (",", ";"))
    end = m.end()
    if not (1 <= month <= 12 and year_ok(year) and set_off and closes_citation(text, end)):
        return None
    if is_quantity_after(text, end):
        return None
    return PartialDate(year, month)


def _day_and_month(a: int, b: int, year: int, sep: str, order: str | None) -> PartialDate:
    """The date of the fields a and b (day and month in some order) and a year.

    The fields decide when only one reading exists; else a dotted date is day
    first, and `order` decides the rest; with neither, only the year is certain.
    An impossible date (2/30/13) is kept as written, for DT003.
    """
    mdy = PartialDate(year, a, b)
    dmy = PartialDate(year, b, a)
    if sep == "." or order == DAY_FIRST:
        first, second = dmy, mdy
    else:
        first, second = mdy, dmy
    ok_first, ok_second = first.is_valid(), second.is_valid()
    if ok_first and ok_second:
        if sep == "." or a == b or order is not None:
            return first
        return PartialDate(year)  # 03/04/2023: either reading; keep only the year
    if ok_first:
        return first
    if ok_second:
        return second
    # Impossible either way (2/30/13, 30/2/13): the reading whose month exists.
    return second if (first.month or 0) > 12 >= (second.month or 0) else first


def _default_style(reference: PartialDate | None) -> DateStyle:
    """The century of a caller that passed no style: near the reference date, else today."""
    if reference is not None:
        return DateStyle(None, reference.year, "the reference date's year")
    return DateStyle(None, datetime.date.today().year, "today's year")
