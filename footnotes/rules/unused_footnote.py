"""FN002 unused-footnote: a note that no marker references.

What it does
------------
Flags a note definition whose label no marker in the body (or in another note)
cites. A label defined twice is reported by FN003 instead.

Why is this bad?
----------------
An orphaned note is either a source whose claim was cut, or a note whose marker
was lost in editing, so that a claim now reads as unsourced.

Example
-------
```text
The port reopened in June 2022.[1]

[1] Harbour Authority notice, June 30, 2022.
[2] Shipping Weekly, July 2, 2022.
```

Use instead
-----------
```text
The port reopened in June 2022.[1] Traffic recovered within weeks.[2]

[1] Harbour Authority notice, June 30, 2022.
[2] Shipping Weekly, July 2, 2022.
```

Fix safety
----------
Unsafe (`footcheck fix --unsafe`): the note is deleted and the notes after it are
renumbered. Deleting a note loses its source, which may be the one a lost marker
should cite: read the diff (`--diff`) first. A note whose own text cites another
note is left, as is one that a repeated source is merged into (it is cited then),
one an "Ibid." refers to, and one named where no marker was read (front matter,
"see note 3").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, Severity
from footcheck.footnotes.rules.base import RuleId, shorten

if TYPE_CHECKING:
    from footcheck.footnotes.book.view import BookView
    from footcheck.footnotes.context import Context

CODE = "FN002"
NAME = "unused-footnote"
SEVERITY = Severity.WARNING
SCOPE = "document+book"
RULE = RuleId(CODE, NAME, SEVERITY)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    from footcheck.footnotes.rules.missing_footnote import case_hint

    referenced = ctx.referenced_keys
    folded = {
        (scope, label.casefold()): label for scope, label in referenced if doc.format == "markdown"
    }
    for key, notes in ctx.notes_by_key.items():
        note = notes[0]
        if len(notes) > 1 or key in referenced or note.cited_from is not None:
            continue
        label = note.label
        yield RULE.finding(
            doc.path,
            note.location,
            f"note [{label}] is not cited anywhere in the text",
            footnote=label,
            note_text=shorten(note.text),
            hint=case_hint("marker", folded.get((note.scope, label.casefold()))),
        )


def check_book(view: BookView) -> Iterator[Finding]:
    """Notes of the book that nothing cites: in a notes file the chapters cite (whose
    document FN002s the run drops), and notes whose back-link returns to a checked
    chapter that does not cite them. A note returning to a chapter the run did not
    check is left alone: that chapter may well cite it.
    """
    if not view.linked:
        return
    cited = view.resolution.cited
    for unit in view.units:
        if view.orphan(unit):
            continue  # FN006 says it once for the whole file
        shared = view.is_notes_file(unit)
        if not shared and not unit.facts.links:
            continue  # no note of it returns to another file
        for note in unit.facts.notes:
            if (unit.path, note.key) in cited or view.cited_locally(unit, note):
                continue
            if note.cited_from is None:
                if shared:  # the book's notes file: no chapter of the book cites it
                    yield RULE.finding(
                        unit.path,
                        note.location,
                        f"note [{note.label}] is not cited by any file of the book",
                        footnote=note.label,
                        note_text=note.text,
                    )
                continue
            home = view.links.follow(unit, note.cited_from, read=False).unit
            if home is None or home is unit:
                continue
            yield RULE.finding(
                unit.path,
                note.location,
                f"note [{note.label}] links back to {note.cited_from}, which does not cite it",
                footnote=note.label,
                note_text=note.text,
            )
