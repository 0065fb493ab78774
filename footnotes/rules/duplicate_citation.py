"""CT001 duplicate-citation: a note whose source repeats an earlier note's.

What it does
------------
Flags a note whose text, once normalised, is the same as an earlier note's under
another label, in the same file or chapter, or in an earlier file of a book that
shares one numbering (chapters that number their notes afresh, in one file or
apart, give each source in full again). Normalising folds case, quotes, dashes,
punctuation and spacing, writes dates as ISO, and compares URLs without scheme,
"www.", trailing slash or tracking parameters; access dates do not count.
"Ibid." notes and cross-references ("See note 3.") are never duplicates.

Why is this bad?
----------------
Two numbers for one source make the evidence look broader than it is, and they
drift apart when one is corrected. Cite the first note again.

Example
-------
```text
Troops left in August 2019.[1] Talks resumed in September 2019.[2]

[1] Gulf Observer, July 22, 2021.
[2] Gulf Observer, July 22, 2021.
```

Use instead
-----------
```text
Troops left in August 2019.[1] Talks resumed in September 2019.[1]

[1] Gulf Observer, July 22, 2021.
```

Fix safety
----------
Unsafe (`footcheck fix --unsafe`): every marker of the repeat is pointed at the
first note, the repeat is deleted and the notes after it are renumbered, so a
reader sees other numbers. The merge is left to the author when the repeat says
anything the first note does not (a page, an access date), when one marker would
then cite the first note twice ("[1, 2]"), when the repeat's text cites another
note, or when the first note is in another file of the book.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, Severity
from footcheck.footnotes.rules.base import RuleId, shorten

if TYPE_CHECKING:
    from footcheck.footnotes.book.facts import NoteFact
    from footcheck.footnotes.book.view import BookView
    from footcheck.footnotes.context import Context
    from footcheck.footnotes.results import Unit

CODE = "CT001"
NAME = "duplicate-citation"
SEVERITY = Severity.WARNING
SCOPE = "document+book"
RULE = RuleId(CODE, NAME, SEVERITY)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    from footcheck.footnotes.source_keys import comparable_key

    first_by_key: dict[tuple[int, str], str] = {}
    for source in ctx.sources:
        key = comparable_key(source)
        if not key:
            continue
        label = source.note.label
        # A chapter whose numbering restarts gives each source in full again.
        earlier = first_by_key.setdefault((source.note.scope, key), label)
        if earlier == label:
            continue
        yield RULE.finding(
            doc.path,
            source.note.location,
            f"note [{label}] repeats note [{earlier}]",
            footnote=label,
            related=(earlier,),
            note_text=shorten(source.note.text),
            hint=f"cite [{earlier}] again instead",
        )


def check_book(view: BookView) -> Iterator[Finding]:
    """A note that repeats a note of an earlier file of the book, where the two share
    one numbering: the later file's numbers continue the book's (its first is above
    1), or the book is merged into one document. A chapter whose notes start again
    at 1 gives each source in full at its first citation there (Chicago 14.29): no
    repeat."""
    if len(view.units) < 2:
        return
    first: dict[str, tuple[Unit, NoteFact]] = {}
    for unit, note in view.notes():
        if not note.source_key:
            continue
        earlier_unit, earlier = first.setdefault(note.source_key, (unit, note))
        if earlier_unit is unit:
            continue  # the same file: the document rule says it
        if not (view.book.merged or _continues(unit)):
            continue
        yield RULE.finding(
            unit.path,
            note.location,
            f"note [{note.label}] repeats note [{earlier.label}] of {earlier_unit.path}",
            footnote=note.label,
            related=(earlier.label,),
            note_text=note.text,
            hint=f"cite [{earlier.label}] again instead",
            related_path=earlier_unit.path,
            related_line=earlier.location.line,
        )


def _continues(unit: Unit) -> bool:
    """Whether a file continues the book's numbering: its first number is above 1, or
    it is a notes file the chapters share."""
    start = unit.facts.first_number
    return unit.facts.is_notes_file or (start is not None and start[0] > 1)
