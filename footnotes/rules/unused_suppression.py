"""SUP001 unused-suppression: a suppression that suppresses nothing.

What it does
------------
Reports, for information, a `<!-- footcheck: ignore CODE -->` comment, a
`disable-file` comment or an `ignore-notes` configuration entry that matched no
finding in this run. It is worked out after the other rules, from what they
found; selecting or ignoring it works as for any rule.

Why is this bad?
----------------
Suppressions outlive the problems they hid: once the note is fixed, a stale
comment would silently hide the next real problem in the same place.

Example
-------
```markdown
<!-- footcheck: ignore CT001 -->
Exports fell in 2020.[^1]

[^1]: Customs Office, Annual Statistics, May 2021.
```

Use instead
-----------
```markdown
Exports fell in 2020.[^1]

[^1]: Customs Office, Annual Statistics, May 2021.
```

Fix safety
----------
Safe: `footcheck fix` deletes the comment (with its line, when it stands alone).
It silenced nothing, so no finding and nothing a reader sees changes. An
`ignore-notes` entry of the configuration is left (fix changes only the files it
is given), as is a comment naming a code that is no rule: that is a typo to
correct, and the codes beside it may be silencing findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, Severity
from footcheck.footnotes.rules.base import RuleId

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context

CODE = "SUP001"
NAME = "unused-suppression"
SEVERITY = Severity.INFO
RULE = RuleId(CODE, NAME, SEVERITY)
# Worked out by footnotes.suppress after the other rules, not by check().
AFTER_RULES = True


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    """Nothing on its own: footnotes.suppress reports unused suppressions."""
    return iter(())
