"""CT001 duplicate-citation: a note whose source repeats an earlier note's.

What it does
------------
Flags a note whose text, once normalised, is the same as an earlier note's under
another label. Normalising folds case, quotes, dashes, punctuation and spacing,
writes dates as ISO, and compares URLs without scheme, "www.", trailing slash or
tracking parameters; access dates do not count. "Ibid." notes and
cross-references ("See note 3.") are never duplicates.

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
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, Severity
from footcheck.footnotes.rules.base import RuleId, shorten

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context

CODE = "CT001"
NAME = "duplicate-citation"
SEVERITY = Severity.WARNING
RULE = RuleId(CODE, NAME, SEVERITY)

# Notes that point elsewhere rather than name a source.
_CROSS_REFERENCE = re.compile(
    r"^\W*(?:see|cf|compare|supra|infra|above|below|ibid|id|idem|op cit|loc cit)\b", re.IGNORECASE
)
_MIN_KEY = 8


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    first_by_key: dict[str, str] = {}
    for source in ctx.sources:
        key = source.key
        if source.ibid or len(key) < _MIN_KEY or _CROSS_REFERENCE.match(key):
            continue
        label = source.note.label
        earlier = first_by_key.setdefault(key, label)
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
