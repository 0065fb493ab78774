"""FN003 duplicate-footnote-label: the same label defined twice.

What it does
------------
Flags every definition of a label after the first one.

Why is this bad?
----------------
Markers can point at only one of the notes: the other source silently
disappears from the reader's view, or the wrong one is shown.

Example
-------
```markdown
Exports fell in 2020.[^trade]

[^trade]: Customs Office, Annual Statistics, May 2021.
[^trade]: Trade Monitor, "Exports in 2020," June 2021.
```

Use instead
-----------
```markdown
Exports fell in 2020.[^customs][^monitor]

[^customs]: Customs Office, Annual Statistics, May 2021.
[^monitor]: Trade Monitor, "Exports in 2020," June 2021.
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, Severity
from footcheck.footnotes.rules.base import RuleId, shorten

if TYPE_CHECKING:
    from footcheck.footnotes.book.view import BookView
    from footcheck.footnotes.context import Context

CODE = "FN003"
NAME = "duplicate-footnote-label"
SEVERITY = Severity.ERROR
SCOPE = "document+book"
RULE = RuleId(CODE, NAME, SEVERITY)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    for notes in ctx.notes_by_key.values():
        first = notes[0]
        label = first.label
        for again in notes[1:]:
            yield RULE.finding(
                doc.path,
                again.location,
                f"note [{label}] is defined again (first at line {first.location.line})",
                footnote=label,
                note_text=shorten(again.text),
                hint="give one of them a new label; markers resolve to the first only",
            )


def check_book(view: BookView) -> Iterator[Finding]:
    """In a book its tool merges into one document (bookdown), a label defined in two
    chapters: every marker of that label resolves to the first."""
    if not view.book.merged:
        return
    first: dict[str, tuple[str, int]] = {}
    for unit, note in view.notes():
        path, line = first.setdefault(note.label, (unit.path, note.location.line))
        if path == unit.path:
            continue  # the same file: the document rule says it
        yield RULE.finding(
            unit.path,
            note.location,
            f"note [{note.label}] is defined again (first in {path}, line {line})",
            footnote=note.label,
            note_text=note.text,
            hint="the book is merged into one document: give one of them a new label",
            related_path=path,
            related_line=line,
        )
