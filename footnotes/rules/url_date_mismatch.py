"""DT005 url-date-mismatch: a note's date differs from the full date in its own URL.

What it does
------------
Compares the publication date of each citation in a note with the full date
written in the path of the citation's own URL (`/2013/08/18/`, `/2013/aug/18/`,
`/20130818/`, `/2013-08-18-slug`), not counting numbers that only look like
dates (article numbers, a web archive's capture stamp: an archived page is
dated by its original address). Both dates must be known to the day; they may
differ by one (a page published near midnight carries one day in one time zone
and the next in another).

Why is this bad?
----------------
News sites and blogs build a page's address from the day it was published, so
a note that gives another day has most likely been mistyped (`8/8/13` for
`8/18/13`), had its day and month read the wrong way round, or gives the date
of something else. The hint says which of the two looks right, and why.

Example
-------
```text
The port closed in August 2013.[1]

[1] Daily Ledger, "Port to close," 8 August 2013, https://ledger.example.com/2013/08/18/port-to-close.
```

Use instead
-----------
```text
The port closed in August 2013.[1]

[1] Daily Ledger, "Port to close," 18 August 2013, https://ledger.example.com/2013/08/18/port-to-close.
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, PartialDate, Precision, Severity
from footcheck.footnotes.rules.base import RuleId, shorten
from footcheck.footnotes.rules.dating import TIME_ZONE_DAYS, days_apart, report_bound

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context

CODE = "DT005"
NAME = "url-date-mismatch"
SEVERITY = Severity.WARNING
RULE = RuleId(CODE, NAME, SEVERITY)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    for source in ctx.sources:
        for citation in source.citations:
            dated, in_url = citation.publication_date, citation.url_date
            if dated is None or in_url is None or dated.precision is not Precision.DAY:
                continue
            gap = days_apart(dated, in_url)
            if gap is None or abs(gap) <= TIME_ZONE_DAYS:
                continue
            label = source.note.label
            yield RULE.finding(
                doc.path,
                source.note.location,
                f"note [{label}] is dated {dated.iso()}, but its URL says {in_url.iso()}",
                footnote=label,
                source_date=dated,
                note_text=shorten(source.note.text),
                hint=_which_looks_right(dated, in_url, ctx),
            )


def _which_looks_right(dated: PartialDate, in_url: PartialDate, ctx: Context) -> str:
    """Which of the two dates looks right, and why (the URL's, unless it cannot be)."""
    bound = report_bound(ctx)
    if dated.after(bound.date) and not in_url.after(bound.date):
        return f"the note's date is after {bound.words}: the URL's looks right"
    if in_url.after(bound.date) and not dated.after(bound.date):
        return f"the URL's date is after {bound.words}: the note's looks right"
    if (dated.year, dated.month, dated.day) == (in_url.year, in_url.day, in_url.month):
        return "the note's day and month read the other way round give the URL's date"
    differing = [
        field
        for field, ours, theirs in (
            ("year", dated.year, in_url.year),
            ("month", dated.month, in_url.month),
            ("day", dated.day, in_url.day),
        )
        if ours != theirs
    ]
    if len(differing) == 1:
        return f"only the {differing[0]} differs: probably a typo in the note"
    return "a URL usually carries the day its page first appeared"
