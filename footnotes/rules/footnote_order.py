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

Fix safety
----------
Safe: `footcheck fix` renumbers the notes in order of first reference, rewriting
every marker and note label and moving the notes to match, in plain text, Markdown
(numeric labels, and numbers linking to anchors) and HTML whose numbers the author
wrote (links keep their targets); a reader sees new numbers and nothing else. It
leaves a numbering alone while a marker has no note (FN001) or a label is defined
twice (FN003), where a word processor numbers the notes, where an "Ibid." would
end up after another source, and where a number it would change is also written
where no marker was read (pandoc front matter, "see note 3" in the prose).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, Marker, Severity, label_number
from footcheck.footnotes.rules.base import RuleId

if TYPE_CHECKING:
    from footcheck.footnotes.book.facts import MarkerFact
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
        # A marker into a notes file the chapters share is numbered by the book:
        # `check_book` checks it, knowing where the chapter before ended.
        if not marker.auto and number is not None and marker.target is None:
            by_scope.setdefault(marker.scope, []).append((marker, number))
    for scope, numbered in by_scope.items():
        notes = [
            n
            for note in doc.notes
            if note.scope == scope
            if (n := label_number(note.label)) is not None
        ]
        start = min([numbered[0][1], *notes])
        yield from _first_out_of_sequence(doc.path, numbered, start)


def _first_out_of_sequence(
    path: str,
    numbered: Sequence[tuple[Marker | MarkerFact, int]],
    start: int,
    after: str = "",
) -> Iterator[Finding]:
    """The first marker whose number is not the next one, counting from `start`.

    `after` says where the numbering comes from, for a chapter that continues it.
    """
    seen: set[int] = set()
    highest = start - 1
    for marker, number in numbered:
        if number in seen:
            continue
        seen.add(number)
        if number != highest + 1:
            expected = highest + 1
            if number > expected:
                message = _skipping(number, expected)
            else:
                message = f"marker [{number}] first appears after [{highest}]"
            yield RULE.finding(
                path,
                marker.location,
                message + after,
                footnote=marker.label,
                hint=f"expected [{expected}] here",
            )
            return
        highest = number


def check_book(view: BookView) -> Iterator[Finding]:
    """Numbering that continues from one chapter to the next, checked across the book.

    Markers into a notes file the chapters share are numbered across the book: a
    chapter's first new number follows the highest of the chapter before it (its
    neighbour, with nothing between them that the run did not check), and a number
    at or below that cites an earlier chapter's note again. A chapter with notes of
    its own whose first number is above 1 continues the chapter before it (one that
    starts again at 1 restarts, which is fine). Files with no body markers (a notes
    file) are passed over.
    """
    alone = len(view.units) == 1
    previous: Unit | None = None
    highest: int | None = None
    for unit in view.units:
        facts = unit.facts
        if facts.body_markers == 0 or (alone and not facts.links):
            continue  # a notes file; a file alone, numbered by its own notes
        before: int | None = None
        where = ""
        if previous is not None and highest is not None and view.neighbours(previous, unit):
            before = highest
            where = f": the numbering continues from {previous.path}, which ends at [{highest}]"
        shared = _numbered(facts.markers, shared=True) if facts.links else []
        if shared:
            yield from _shared_order(unit.path, shared, before, where)
        else:
            yield from _continues(unit, before, where)
        numbers = [n for _, n in _numbered(facts.markers, shared=bool(shared))]
        previous = unit
        highest = max([before or 0, *numbers]) if numbers else before


def _numbered(markers: Sequence[MarkerFact], *, shared: bool) -> list[tuple[MarkerFact, int]]:
    """The body markers with a number, into a shared notes file or not."""
    return [
        (m, n)
        for m in markers
        if m.in_note is None
        and (m.target is not None) == shared
        and (n := label_number(m.label)) is not None
    ]


def _shared_order(
    path: str, numbered: list[tuple[MarkerFact, int]], before: int | None, where: str
) -> Iterator[Finding]:
    """A chapter's markers into a shared notes file, after the chapter before ended at
    `before` (None: not known, the chapter is read on its own)."""
    if before is not None:
        fresh = [(m, n) for m, n in numbered if n > before]
        yield from _first_out_of_sequence(path, fresh, before + 1, where)
        return
    # Where a chapter read on its own starts: the first number the next one follows
    # (an opening "[3]" that cites an earlier chapter's note again is not a start).
    firsts = list(dict.fromkeys(n for _, n in numbered))
    later = set()
    start = None
    for number in reversed(firsts):
        if number + 1 in later:
            start = number
        later.add(number)
    if start is not None:
        fresh = [(m, n) for m, n in numbered if n >= start]
        yield from _first_out_of_sequence(path, fresh, start)


def _continues(unit: Unit, before: int | None, where: str) -> Iterator[Finding]:
    """A chapter with notes of its own whose numbering should continue `before`."""
    if before is None:
        return
    first = unit.facts.first_number
    if first is None:
        return
    number, marker = first
    expected = before + 1
    if number > 1 and number != expected:
        if number > expected:
            message = _skipping(number, expected)
        else:
            message = f"marker [{number}] was already used before this chapter"
        yield RULE.finding(
            unit.path,
            marker.location,
            message + where,
            footnote=marker.label,
            hint=f"expected [{expected}] here",
        )


def _skipping(number: int, expected: int) -> str:
    """What a marker that skips numbers says: "marker [7] comes before any marker [5-6]"."""
    skipped = f"{expected}" if number == expected + 1 else f"{expected}-{number - 1}"
    return f"marker [{number}] comes before any marker [{skipped}]"
