"""DT001 source-predates-claim: a note dated before the event its sentence reports.

What it does
------------
Compares the latest event date of the claim a marker supports (its sentence, from
the previous marker) with the dates of the citations of the note it cites, at the
precision both have: "March 2023" is not before "2023", "2022" is before "March
2023". Dates in a future or planning context ("will", "is scheduled for", "took
effect on") are not events, nor are dates after the report's own date (or today).

A note may hold several citations ("Reuters, 23 April 2003. See also Smith,
Book (2001)."): the note is flagged only when none of the citations the sentence
can rest on is dated on or after the event. Those are the note's main citations;
background ("See also", "Cf.", "Compare") counts only in a note that has nothing
else. A citation's date is its publication date, else the date in its URL, else
the date of the full citation a short form ("Lessing, 239.") or "Ibid." points
to, else its access date: a page read before the event cannot report it. A note
whose own URL is dated on or after the event is left to DT005 when its text
gives an earlier date: the text is the likely typo. The finding says which
citation and which of its dates it used; when only the year differs, it says it
is probably a year typo.

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

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, PartialDate, Precision, Severity
from footcheck.footnotes.rules.base import RuleId, shorten

if TYPE_CHECKING:
    from footcheck.footnotes.citations import Citation
    from footcheck.footnotes.context import Context

CODE = "DT001"
NAME = "source-predates-claim"
SEVERITY = Severity.ERROR
RULE = RuleId(CODE, NAME, SEVERITY)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    from footcheck.footnotes.citations import supporting_date  # loaded with the sources

    sources = ctx.first_source_by_key
    bound = ctx.report_date or ctx.today
    for claim in ctx.claims:
        event = claim.latest_event(not_after=bound)
        source = sources.get(claim.marker.key)
        if event is None or source is None:
            continue
        used = supporting_date(source.citations)
        if used is None:
            continue
        citation, dated, origin = used
        if not dated.before(event) or _url_bears_out(source.citations, event):
            continue
        label = claim.marker.label
        if origin == "accessed":
            said = f"note [{label}] was accessed {dated.iso()}"
        else:
            said = f"note [{label}] is dated {dated.iso()} ({origin})"
        if len(source.citations) > 1:
            said += f' in "{shorten(citation.text.rstrip(".;,"), 60)}"'
        yield RULE.finding(
            doc.path,
            claim.marker.location,
            f"{said}, before the event it supports ({event.iso()})",
            footnote=label,
            claim_date=event,
            source_date=dated,
            claim=shorten(claim.text),
            note_text=shorten(source.note.text),
            hint=typo_hint(event, dated)
            or ("a source read before an event cannot report it" if origin == "accessed" else None),
        )


def _url_bears_out(citations: Sequence[Citation], event: PartialDate) -> bool:
    """Whether the URL of a citation the sentence rests on is dated on or after the event.

    Its note then gives another date, which DT005 reports: the note's date is the
    likely typo, and the source may well report the event.
    """
    from footcheck.footnotes.citations import resting_on

    return any(
        c.url_date is not None and not c.url_date.before(event) for c in resting_on(citations)
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
