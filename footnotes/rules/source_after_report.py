"""DT002 source-after-report: a note dated after the report's own date.

What it does
------------
Compares the publication date of each citation of a note (else the date in its
URL) with the report's date (from
`--report-date`, the document's metadata, or a dateline at its top), or with a
later update the document declares (a web page's `dateModified`: sources may
have been added since). When the report's date is unknown, the note is compared
with the day footcheck runs: a source dated in the future is wrong whatever the
report's date.

Why is this bad?
----------------
A report cannot cite what was published after it: the note's date is mistyped
(often the year), or the report's date is wrong.

Example
-------
```markdown
---
date: 2024-02-01
---
The agency revised its forecast in January 2024.[^1]

[^1]: Energy Agency, Outlook update, January 15, 2025.
```

Use instead
-----------
```markdown
---
date: 2024-02-01
---
The agency revised its forecast in January 2024.[^1]

[^1]: Energy Agency, Outlook update, January 15, 2024.
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, Severity
from footcheck.footnotes.rules.base import RuleId, shorten
from footcheck.footnotes.rules.dating import report_bound

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context

CODE = "DT002"
NAME = "source-after-report"
SEVERITY = Severity.ERROR
RULE = RuleId(CODE, NAME, SEVERITY)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    bound = report_bound(ctx)
    for source in ctx.sources:
        late = [
            (dated, citation)
            for citation in source.citations
            if (dated := citation.publication_date or citation.url_date) is not None
            and dated.after(bound.date)
        ]
        if not late:
            continue
        dated, citation = late[-1]
        origin = " (published)" if citation.publication_date is not None else " (from its URL)"
        label = source.note.label
        yield RULE.finding(
            doc.path,
            source.note.location,
            f"note [{label}] is dated {dated.iso()}{origin}, after {bound.words}",
            footnote=label,
            source_date=dated,
            note_text=shorten(source.note.text),
            hint="check the year" if dated.year != bound.date.year else None,
        )
