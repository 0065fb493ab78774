"""The fixes there are, by rule, and whether a reader sees more than new numbers.

"safe" fixes change only numbering (or nothing a reader sees); "unsafe" ones change
what a reader sees beyond that and are made only with `footcheck fix --unsafe`.
Kept apart from the fixing itself so that `check` can say what `fix` would take on
without loading it.
"""

from __future__ import annotations

from collections.abc import Iterable

from footcheck.footnotes.model import Finding

FIXES = {"FN004": "safe", "SUP001": "safe", "CT001": "unsafe", "FN002": "unsafe"}


def fix_counts(
    findings: Iterable[tuple[str | None, Finding]], formats: frozenset[str]
) -> tuple[int, int]:
    """How many of the (file format, finding) pairs `footcheck fix` may fix safely, and
    how many more with --unsafe: findings of a rule with a fix, in a format whose
    labels are rewritten (`formats`); a configuration's suppression is not in the file."""
    safe = unsafe = 0
    for fmt, finding in findings:
        applicability = FIXES.get(finding.code)
        if applicability is None or fmt not in formats:
            continue
        if finding.code == "SUP001" and finding.footnote is not None:
            continue
        if applicability == "safe":
            safe += 1
        else:
            unsafe += 1
    return safe, unsafe
