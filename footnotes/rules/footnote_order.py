"""FN004 footnote-order: numbered markers first appear out of sequence, or skip a number.

What it does
------------
Where the author writes the numbers (plain text, HTML, numeric Markdown labels,
`[N]` typed into a document), the markers must first appear as 1, 2, 3...
It reports the first marker out of sequence: in 1, 2, 3, 5, 4 and in 1, 2, 3, 5
that is 5. Citing an earlier note again is fine. Notes that Word or LibreOffice
number themselves are not checked.

The count starts from the first label, not from 1: a chapter whose numbering
continues from the chapters before it (its first marker is [154], its notes are
154 onwards) is in order when it goes on 155, 156... It starts lower when the
file's own notes start lower: with notes 1-3 and markers 2, 3, 1, marker [2] is
out of sequence. Where the numbering restarts (a book whose notes are gathered
and numbered per chapter), each chapter is counted on its own.

Why is this bad?
----------------
Out-of-order numbers are a sign of notes moved or deleted by hand; readers
looking for note 4 after note 5 lose their place, and a skipped number often
means a lost note.

Example
-------
```text
Rents rose in 2021.[1] Wages did not.[3]

[1] Housing Survey, March 2022.
[3] Labour Review, April 2022.
```

Use instead
-----------
```text
Rents rose in 2021.[1] Wages did not.[2] Rents stayed high.[1]

[1] Housing Survey, March 2022.
[2] Labour Review, April 2022.
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, Marker, Severity, label_number
from footcheck.footnotes.rules.base import RuleId

if TYPE_CHECKING:
    from footcheck.footnotes.book.view import BookView
    from footcheck.footnotes.context import Context
    from footcheck.footnotes.results import Unit

CODE = "FN004"
NAME = "footnote-order"
SEVERITY = Severity.WARNING
SCOPE = "document+book"
RULE = RuleId(CODE, NAME, SEVERITY)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    by_scope: dict[int, list[tuple[Marker, int]]] = {}
    for marker in doc.markers:
        number = label_number(marker.label)
        if not marker.auto and number is not None:
            by_scope.setdefault(marker.scope, []).append((marker, number))
    for scope, numbered in by_scope.items():
        notes = [
            n
            for note in doc.notes
            if note.scope == scope
            if (n := label_number(note.label)) is not None
        ]
        start = min([numbered[0][1], *notes])
        # A marker into a notes file the chapters share, below this chapter's first
        # number, cites again a note an earlier chapter cited: not out of order.
        numbered = [(m, n) for m, n in numbered if m.target is None or n >= start]
        yield from _first_out_of_sequence(doc, numbered, start)


def _first_out_of_sequence(
    doc: Document, numbered: list[tuple[Marker, int]], start: int
) -> Iterator[Finding]:
    seen: set[int] = set()
    highest = start - 1
    for marker, number in numbered:
        if number in seen:
            continue
        seen.add(number)
        if number != highest + 1:
            expected = highest + 1
            if number > expected:
                skipped = f"{expected}" if number == expected + 1 else f"{expected}-{number - 1}"
                message = f"marker [{number}] comes before any marker [{skipped}]"
            else:
                message = f"marker [{number}] first appears after [{highest}]"
            yield RULE.finding(
                doc.path,
                marker.location,
                message,
                footnote=marker.label,
                hint=f"expected [{expected}] here",
            )
            return
        highest = number


def check_book(view: BookView) -> Iterator[Finding]:
    """Numbering that continues from one chapter to the next, checked across the book.

    A chapter whose first number is above 1 continues the chapter before it (a
    chapter that starts again at 1 restarts, which is fine). Files with no body
    markers (a notes file) are passed over; chapters are compared only when nothing
    lies between them that the run did not check.
    """
    if len(view.units) < 2:
        return
    previous: Unit | None = None
    highest: int | None = None
    for unit in view.units:
        facts = unit.facts
        if facts.body_markers == 0:
            continue
        first = facts.first_number
        if first is not None and previous is not None and highest is not None:
            number, marker = first
            expected = highest + 1
            if number > 1 and number != expected and view.neighbours(previous, unit):
                if number > expected:
                    skipped = (
                        f"{expected}" if number == expected + 1 else f"{expected}-{number - 1}"
                    )
                    message = f"marker [{number}] comes before any marker [{skipped}]"
                else:
                    message = f"marker [{number}] was already used in {previous.path}"
                yield RULE.finding(
                    unit.path,
                    marker.location,
                    f"{message}: the numbering continues from {previous.path}, which ends"
                    f" at [{highest}]",
                    footnote=marker.label,
                    hint=f"expected [{expected}] here",
                )
        previous, highest = unit, facts.highest_body_number
