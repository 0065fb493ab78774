"""FN005 empty-footnote: a note with no text.

What it does
------------
Flags a note definition with nothing in it but its label (or only punctuation).

Why is this bad?
----------------
An empty note is a placeholder that was never filled: the claim that cites it
has no source.

Example
-------
```text
The mill closed in 1998.[1]

[1]
```

Use instead
-----------
```text
The mill closed in 1998.[1]

[1] County Archive, Mill Records, 1999.
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, Severity
from footcheck.footnotes.rules.base import RuleId

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context

CODE = "FN005"
NAME = "empty-footnote"
SEVERITY = Severity.WARNING
RULE = RuleId(CODE, NAME, SEVERITY)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    for note in doc.notes:
        if any(ch.isalnum() for ch in note.text):
            continue
        yield RULE.finding(
            doc.path,
            note.location,
            f"note [{note.label}] is empty",
            footnote=note.label,
        )
