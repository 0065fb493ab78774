"""CT003 inconsistent-source-date: one source cited with two different dates.

What it does
------------
Flags a note that cites the same source as an earlier note (the same text once
normalised, leaving out the date) but gives it another date that looks like a slip
(a few days apart, or one digit of the year, the month or the day wrong), in the
same file or in another file of the book or folder checked. The dates must be days,
and the source named well enough to tell one article from another (a title or a
URL, not an outlet alone); a title given three dates or more is a series (a daily
assessment), and "Ibid." notes, interviews, letters and access dates do not count.
Two files that share most of their sources, dates and all, are two versions of one
report (a drafts folder holding report-v1 and report-v2): a date changed from one to
the other is a correction, not a slip, and is not compared.

Why is this bad?
----------------
One of the two dates is wrong: usually a typo (8/22/13 in one chapter, 8/23/13 in
another), sometimes a later edition cited as if it were the first. A reader who
follows the wrong one may not find the source.

Example
-------
```text
The ministry denied it in August 2013.[1] It later confirmed the report.[2]

[1] Tom Reed, "Ministry denies grain deal," Harbour Times, August 22, 2013.
[2] Tom Reed, "Ministry denies grain deal," Harbour Times, August 23, 2013.
```

Use instead
-----------
```text
The ministry denied it in August 2013.[1] It later confirmed the report.[1]

[1] Tom Reed, "Ministry denies grain deal," Harbour Times, August 22, 2013.
```
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Finding, PartialDate, Severity
from footcheck.footnotes.rules.base import RuleId

if TYPE_CHECKING:
    from footcheck.footnotes.book.facts import NoteFact
    from footcheck.footnotes.book.view import BookView
    from footcheck.footnotes.results import Unit

CODE = "CT003"
NAME = "inconsistent-source-date"
SEVERITY = Severity.WARNING
SCOPE = "book"
# Looks across every file of the run (a drafts folder), not one book at a time.
ACROSS_BOOKS = True
RULE = RuleId(CODE, NAME, SEVERITY)


# Dates this close may be a print and an online edition, or a slip of one day.
_CLOSE_DAYS = 7


def _slip(first: PartialDate, second: PartialDate) -> bool:
    """Whether two different dates look like one date written wrong: a few days apart,
    or one field (the year, the month or the day) written with one digit wrong or two
    swapped (2013/2012, 22/23, 12/21). Dates further apart are two articles that
    share a headline."""
    if first.compare(second) == 0:
        return False
    differ = [
        (f"{a:02d}", f"{b:02d}")
        for a, b in zip(_fields(first), _fields(second), strict=True)
        if a != b
    ]
    if len(differ) == 1 and _one_slip(*differ[0]):
        return True
    try:
        apart = abs(
            datetime.date(*_fields(first)).toordinal() - datetime.date(*_fields(second)).toordinal()
        )
    except ValueError:  # an impossible date: DT003's
        return False
    return apart <= _CLOSE_DAYS


def _one_slip(written: str, other: str) -> bool:
    """One digit wrong, or two digits swapped."""
    if len(written) != len(other):
        return False
    wrong = sum(a != b for a, b in zip(written, other, strict=True))
    return wrong == 1 or (wrong == 2 and sorted(written) == sorted(other))


def _fields(date: PartialDate) -> tuple[int, int, int]:
    return (date.year, date.month or 1, date.day or 1)


# A source given three or more dates is a series (a daily assessment, a weekly
# column under one title): each date is another issue, not a typo.
_SERIES = 3


# Two files sharing at least this share of the smaller one's sources (and two sources
# at least) are versions of one report.
_VERSION_SHARE = 0.5
_VERSION_LEAST = 2


class _Versions:
    """Which files are versions of one report: they share most of their sources."""

    def __init__(self) -> None:
        self._keys: dict[str, frozenset[str]] = {}

    def of_one_report(self, first: Unit, second: Unit) -> bool:
        a, b = self._sources(first), self._sources(second)
        shared = len(a & b)
        return shared >= _VERSION_LEAST and shared >= _VERSION_SHARE * min(len(a), len(b))

    def _sources(self, unit: Unit) -> frozenset[str]:
        if unit.path not in self._keys:
            self._keys[unit.path] = unit.facts.source_keys()
        return self._keys[unit.path]


def check_book(view: BookView) -> Iterator[Finding]:
    versions = _Versions()
    dated = set().union(*(unit.facts.source_dates() for unit in view.units))
    seen = Counter(key for key, _ in dated)  # how many dates each source is given
    two = {key for key, count in seen.items() if 2 <= count < _SERIES}
    first: dict[str, tuple[Unit, NoteFact]] = {}
    for unit, note in view.sources_among(two):
        if note.date is None:
            continue
        earlier = first.setdefault(note.undated_key, (unit, note))
        other_unit, other = earlier
        if other is note or other.date is None or not _slip(other.date, note.date):
            continue
        elsewhere = other_unit is not unit
        if elsewhere and versions.of_one_report(other_unit, unit):
            continue
        where = f" in {other_unit.path}" if elsewhere else ""
        yield RULE.finding(
            unit.path,
            note.location,
            f"note [{note.label}] dates this source {note.date.iso()}; note [{other.label}]"
            f"{where} dates it {other.date.iso()}",
            footnote=note.label,
            related=(other.label,),
            source_date=note.date,
            note_text=note.text,
            hint="one of the two dates is wrong",
            related_path=other_unit.path if elsewhere else None,
            related_line=other.location.line if elsewhere else None,
        )
