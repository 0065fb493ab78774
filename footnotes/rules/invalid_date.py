"""DT003 invalid-date: a date that cannot exist, in a note or in the text.

What it does
------------
Flags dates such as February 30, April 31, February 29 of a common year, or a
month 13, wherever they are written: in a note, or in the body (where the finding
carries the label of the claim's marker, if the date lies in a claim). An invalid
date takes no part in the other date rules.

Why is this bad?
----------------
An impossible date is a typo that hides the real one; a reader cannot check the
source or the event.

Example
-------
```text
The ceasefire was signed on February 30, 2022.[1]

[1] Wire report, 2022-02-31.
```

Use instead
-----------
```text
The ceasefire was signed on February 20, 2022.[1]

[1] Wire report, 2022-02-21.
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, Severity
from footcheck.footnotes.rules.base import RuleId, shorten

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context

CODE = "DT003"
NAME = "invalid-date"
SEVERITY = Severity.ERROR
RULE = RuleId(CODE, NAME, SEVERITY)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    paragraphs = zip(doc.paragraphs, ctx.paragraph_dates, ctx.paragraph_claims, strict=True)
    for paragraph, mentions, claims in paragraphs:
        in_claims: set[int] = set()  # starts of the mentions reported with a claim
        for claim in claims:
            for mention in claim.invalid_dates:
                if mention.start in in_claims:
                    continue
                in_claims.add(mention.start)
                yield RULE.finding(
                    doc.path,
                    claim.marker.location,
                    f"the text cited by [{claim.marker.label}] has a date that cannot exist: "
                    f"{mention.text!r}",
                    footnote=claim.marker.label,
                    claim_date=mention.date,
                    claim=shorten(claim.text),
                )
        for mention in mentions:
            if mention.valid or mention.start in in_claims:
                continue
            yield RULE.finding(
                doc.path,
                paragraph.location,
                f"the text has a date that cannot exist: {mention.text!r}",
                claim=shorten(paragraph.text),
            )
    for source in ctx.sources:
        for mention in source.invalid_dates:
            label = source.note.label
            yield RULE.finding(
                doc.path,
                source.note.location,
                f"note [{label}] has a date that cannot exist: {mention.text!r}",
                footnote=label,
                source_date=mention.date,
                note_text=shorten(source.note.text),
            )
