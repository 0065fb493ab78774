"""DT004 undated-source: a note that cites a source and gives no date.

What it does
------------
Reports, for information, a note that cites a source and carries no date: no
publication date, no date in its URLs, no access date. An "Ibid." or a short form
("Lessing, 239.") is dated by the full citation it points to and is never
reported; nor is a citation marked "n.d." (its author knows), nor a note that
cites nothing (an explanatory note: "The figure excludes Scotland.", "See the
Exceptions section."), nor one that cites by a pandoc key ("[@smith2001, p. 12]":
its bibliography gives the date). A note cites a source when it names one the way citations
do: a URL, a quoted or italic title, a publisher, a journal's volume or pages, an
access clause, an interview, a letter, a report. Empty notes are left to FN005.

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

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, Severity
from footcheck.footnotes.rules.base import RuleId, shorten

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context
    from footcheck.footnotes.sources import Source

CODE = "DT004"
NAME = "undated-source"
SEVERITY = Severity.INFO
RULE = RuleId(CODE, NAME, SEVERITY)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    from footcheck.footnotes.note_kinds import cites_by_key  # its patterns compiled when run

    for source in ctx.sources:
        note = source.note
        if source.has_date or not source.cites or _dated_elsewhere(source, cites_by_key):
            continue
        yield RULE.finding(
            doc.path,
            note.location,
            f"note [{note.label}] has no date",
            footnote=note.label,
            note_text=shorten(note.text),
        )


def _dated_elsewhere(source: Source, cites_by_key: Callable[[str], bool]) -> bool:
    """A citation dated by its URL, or pointing to a full one, or marked "n.d.", or a
    pandoc citation key ("[@smith2001]"), which the bibliography dates."""
    return cites_by_key(source.note.text) or any(
        c.url_date is not None or c.short_form or c.undated or c.dated() is not None
        for c in source.citations
    )
