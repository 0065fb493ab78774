"""DT001 source-predates-claim: a note dated before the event its sentence reports.

What it does
------------
Compares the latest event date of the claim a marker supports (its sentence, from
the previous marker) with the publication date of the note it cites, at the
precision both have: "March 2023" is not before "2023", "2022" is before "March
2023". Dates in a future or planning context ("will", "is scheduled for", "took
effect on") are not events, nor are dates after the report's own date (or today);
access dates are not publication dates. When only the year differs, the finding
says it is probably a year typo.

Why is this bad?
----------------
A source cannot report what had not happened yet when it was published: either
the note's date is mistyped, or the note cites the wrong source.

Example
-------
```text
The envoys met on September 7, 2023.[1]

[1] Capital Herald, September 7, 2022.
```

Use instead
-----------
```text
The envoys met on September 7, 2023.[1]

[1] Capital Herald, September 7, 2023.
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, PartialDate, Precision, Severity
from footcheck.footnotes.rules.base import RuleId, shorten

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context

CODE = "DT001"
NAME = "source-predates-claim"
SEVERITY = Severity.ERROR
RULE = RuleId(CODE, NAME, SEVERITY)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    sources = ctx.first_source_by_key
    bound = ctx.report_date or ctx.today
    for claim in ctx.claims:
        event = claim.latest_event(not_after=bound)
        source = sources.get(claim.marker.key)
        if event is None or source is None:
            continue
        dated = source.date
        if dated is None or not dated.before(event):
            continue
        label = claim.marker.label
        yield RULE.finding(
            doc.path,
            claim.marker.location,
            f"note [{label}] is dated {dated.iso()}, before the event it supports ({event.iso()})",
            footnote=label,
            claim_date=event,
            source_date=dated,
            claim=shorten(claim.text),
            note_text=shorten(source.note.text),
            hint=typo_hint(event, dated),
        )


def typo_hint(event: PartialDate, dated: PartialDate) -> str | None:
    """Say so when only the year differs, by one year or in one digit (2022, 2013 for 2023)."""
    digits = sum(a != b for a, b in zip(f"{event.year:04d}", f"{dated.year:04d}", strict=True))
    if event.year == dated.year or (abs(event.year - dated.year) != 1 and digits != 1):
        return None
    if event.precision is Precision.DAY and dated.precision is Precision.DAY:
        if (event.month, event.day) == (dated.month, dated.day):
            return "same day and month: probably a year typo"
    elif min(event.precision, dated.precision) >= Precision.MONTH and event.month == dated.month:
        return "same month: possibly a year typo"
    return None
