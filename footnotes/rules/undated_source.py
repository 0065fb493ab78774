"""DT004 undated-source: a note with no date at all.

What it does
------------
Reports, for information, a note that carries no date (an "Ibid." note counts
as dated when the note it repeats is). Empty notes are left to FN005.

Why is this bad?
----------------
Without a date, neither a reader nor footcheck can tell whether the source could
have reported the claim; undated web sources also go stale unnoticed. It is
information, not an error: books and interviews are often cited without a day.

Example
-------
```text
The bridge was finished in 1931.[1]

[1] Regional Museum, bridge collection.
```

Use instead
-----------
```text
The bridge was finished in 1931.[1]

[1] Regional Museum, bridge collection, catalogue of 1990.
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, Severity
from footcheck.footnotes.rules.base import RuleId, shorten

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context

CODE = "DT004"
NAME = "undated-source"
SEVERITY = Severity.INFO
RULE = RuleId(CODE, NAME, SEVERITY)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    for source in ctx.sources:
        note = source.note
        if source.has_date or not any(ch.isalnum() for ch in note.text):
            continue
        yield RULE.finding(
            doc.path,
            note.location,
            f"note [{note.label}] has no date",
            footnote=note.label,
            note_text=shorten(note.text),
        )
