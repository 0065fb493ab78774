"""FN001 missing-footnote: a marker whose note does not exist.

What it does
------------
Flags every marker, in the body or inside another note, whose label no note
defines.

Why is this bad?
----------------
A reader who follows the marker finds nothing: the claim reads as sourced but
is not. Usually a note was deleted or renumbered while its marker stayed.

Example
-------
```text
The council approved the budget on March 3, 2023.[1] Spending rose by a fifth.[2]

[1] City Gazette, March 4, 2023.
```

Use instead
-----------
```text
The council approved the budget on March 3, 2023.[1] Spending rose by a fifth.[2]

[1] City Gazette, March 4, 2023.
[2] City Gazette, March 5, 2023.
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, Marker, Severity, label_number
from footcheck.footnotes.rules.base import RuleId, shorten

if TYPE_CHECKING:
    from footcheck.footnotes.book.view import BookView
    from footcheck.footnotes.context import Context

CODE = "FN001"
NAME = "missing-footnote"
SEVERITY = Severity.ERROR
SCOPE = "document+book"
RULE = RuleId(CODE, NAME, SEVERITY)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    defined = ctx.notes_by_key
    scoped = len({key[0] for key in defined} | {m.scope for m in doc.markers}) > 1
    hints: dict[int | None, str | None] = {}
    claims = {id(c.marker): c.text for c in ctx.claims}
    cited: list[tuple[Marker, str | None]] = [(m, claims.get(id(m))) for m in doc.markers]
    cited += [(m, None) for note in doc.notes for m in note.markers]
    # Markdown engines differ on "[^Rents]" and "[^rents]": said in the hint.
    folded = {
        (scope, label.casefold()): label for scope, label in defined if doc.format == "markdown"
    }
    for marker, claim in cited:
        if marker.key in defined or marker.target is not None:
            continue
        other = folded.get((marker.scope, marker.label.casefold()))
        yield RULE.finding(
            doc.path,
            marker.location,
            f"marker [{marker.label}] has no note",
            footnote=marker.label,
            claim=shorten(claim) if claim else None,
            hint=case_hint("note", other)
            or _cached_hint(hints, doc, defined, marker.scope if scoped else None),
        )


def case_hint(what: str, other: str | None) -> str | None:
    """The hint for a label that matches another only when case is ignored."""
    if other is None:
        return None
    return (
        f"{what} [{other}] differs only in case: GitHub matches them, Python-Markdown and"
        " markdown-it do not; write both alike"
    )


def check_book(view: BookView) -> Iterator[Finding]:
    """Markers whose link leads to a file that does not exist, or that lacks their note."""
    for unresolved in view.resolution.unresolved:
        marker = unresolved.marker
        followed = unresolved.followed
        label = marker.label
        hint: str | None
        if followed.missing is not None:
            message = f"marker [{label}] points to {followed.missing}, which does not exist"
            hint = "the link is dead in the published book"
        else:
            assert followed.unit is not None
            where = marker.target or followed.unit.path
            message = f"marker [{label}] points to {where}, which has no note [{label}]"
            numbers = sorted(
                {
                    n
                    for note in followed.unit.facts.notes
                    if (n := label_number(note.label)) is not None
                }
            )
            hint = f"the notes there are numbered {number_ranges(numbers)}" if numbers else None
        yield RULE.finding(
            unresolved.unit.path, marker.location, message, footnote=label, hint=hint
        )


def _cached_hint(
    hints: dict[int | None, str | None],
    doc: Document,
    defined: Mapping[tuple[int, str], object],
    scope: int | None,
) -> str | None:
    if scope not in hints:
        hints[scope] = _hint(doc, defined, scope)
    return hints[scope]


def _hint(
    doc: Document, defined: Mapping[tuple[int, str], object], scope: int | None
) -> str | None:
    """What notes there are: in the file, or in the marker's chapter when numbering restarts."""
    if not doc.notes:
        return "footcheck found no notes in this file"
    labels = [label for at, label in defined if scope is None or at == scope]
    numbers = sorted({n for label in labels if (n := label_number(label)) is not None})
    where = "" if scope is None else " in this chapter"
    if numbers:
        return f"the notes found{where} are numbered {number_ranges(numbers)}"
    if scope is not None and not labels:
        return "footcheck found no notes in this chapter"
    return None


def number_ranges(numbers: list[int]) -> str:
    """1, 2, 3, 5, 7, 8 -> "1-3, 5, 7-8"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in runs)
