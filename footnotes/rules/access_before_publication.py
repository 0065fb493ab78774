"""DT006 access-before-publication: a note read before it was published, or after the report.

What it does
------------
Compares the date each citation in a note was accessed or retrieved with the
day it gives as its publication date, at the precision both have ("accessed
March 2023" is not before "published 12 March 2023"), and with the report's own
date (or a later update the document declares; when the report's date is
unknown, the day footcheck runs). A publication date known only to the year or
the month is an issue's date (a journal volume's year, a magazine's cover
month), often later than the day the piece went online: it counts only when the
access is in an earlier year than the one before it ("(2016) ... Retrieved 3
March 2012"); two days may differ by one (time zones).

Why is this bad?
----------------
Nobody reads a page before it exists, and a report cannot record a visit made
after it was written: one of the two dates is mistyped (often the year), or the
note gives the date of something else.

Example
-------
```markdown
---
date: 2024-02-01
---
Rents rose by a tenth in 2023.[^1] Prices followed.[^2]

[^1]: Housing Office, "Rents," 12 January 2024, accessed 5 January 2024.
[^2]: Price Bureau, "Prices," 10 January 2024, accessed 3 March 2024.
```

Use instead
-----------
```markdown
---
date: 2024-02-01
---
Rents rose by a tenth in 2023.[^1] Prices followed.[^2]

[^1]: Housing Office, "Rents," 12 January 2024, accessed 15 January 2024.
[^2]: Price Bureau, "Prices," 10 January 2024, accessed 30 January 2024.
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, PartialDate, Precision, Severity
from footcheck.footnotes.rules.base import RuleId, shorten
from footcheck.footnotes.rules.dating import (
    TIME_ZONE_DAYS,
    ReportBound,
    days_apart,
    report_bound,
)

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context

CODE = "DT006"
NAME = "access-before-publication"
SEVERITY = Severity.WARNING
RULE = RuleId(CODE, NAME, SEVERITY)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    bound: ReportBound | None = None  # worked out once, when first needed
    for source in ctx.sources:
        for citation in source.citations:
            accessed = citation.access_date
            if accessed is None:
                continue
            published = citation.publication_date
            if published is not None and _read_before(accessed, published):
                message = f"before it was published ({published.iso()})"
                hint = _year_typo(accessed, published)
            else:
                bound = bound or report_bound(ctx)
                if not accessed.after(bound.date):
                    continue
                message = f"after {bound.words}"
                hint = _year_typo(accessed, bound.date)
            label = source.note.label
            yield RULE.finding(
                doc.path,
                source.note.location,
                f"note [{label}] was accessed {accessed.iso()}, {message}",
                footnote=label,
                source_date=published,
                note_text=shorten(source.note.text),
                hint=hint,
            )


def _read_before(accessed: PartialDate, published: PartialDate) -> bool:
    """Whether a note was read before the day it gives as its publication's.

    A year or a month of publication is an issue's date (a volume's year, a
    magazine's cover month), often later than the day the piece was first online,
    but not by more than a year: read in an earlier year than the one before the
    issue's, it was read before it existed. Two days tell apart by more than a
    time zone can.
    """
    if published.precision is not Precision.DAY:
        return accessed.year < published.year - 1
    gap = days_apart(accessed, published)
    return accessed.before(published) if gap is None else gap > TIME_ZONE_DAYS


def _year_typo(accessed: PartialDate, other: PartialDate) -> str | None:
    """The hint when the two dates differ in their year alone."""
    if accessed.year == other.year or accessed.month is None:
        return None
    if (accessed.month, accessed.day) != (other.month, other.day):
        return None
    return "only the year differs: probably a typo"
