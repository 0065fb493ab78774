"""FN006 orphan-notes-file: a file of notes that no checked file cites.

What it does
------------
Flags, once, a file that holds notes (two or more) and no markers, and no prose
but headings, when no file of the run cites it: an endnotes file, or a book's
notes chapter, checked without its chapters. Its notes are not reported one by one
as unused (FN002).

Why is this bad?
----------------
Either the chapters that cite these notes were not checked with it (check the
whole book, or its folder), or the notes really are orphaned: a notes chapter left
behind when the chapters moved or were renamed.

Example
-------
```text
Notes

[1] Harbour Authority notice, June 30, 2022.
[2] Shipping Weekly, July 2, 2022.
```

Use instead
-----------
```text
The port reopened in June 2022.[1] Traffic recovered within weeks.[2]

Notes

[1] Harbour Authority notice, June 30, 2022.
[2] Shipping Weekly, July 2, 2022.
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Finding, Severity
from footcheck.footnotes.rules.base import RuleId

if TYPE_CHECKING:
    from footcheck.footnotes.book.view import BookView

CODE = "FN006"
NAME = "orphan-notes-file"
SEVERITY = Severity.INFO
SCOPE = "book"
RULE = RuleId(CODE, NAME, SEVERITY)


def check_book(view: BookView) -> Iterator[Finding]:
    for unit in view.units:
        if not view.orphan(unit):
            continue
        notes = unit.facts.notes
        yield RULE.finding(
            unit.path,
            notes[0].location,
            f"{len(notes)} notes and no markers: a notes file whose chapters were not checked?",
            hint="check it with the files that cite it (their folder, or the whole book)",
        )
