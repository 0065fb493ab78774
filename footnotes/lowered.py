"""A lower-cased copy of a text, on which case-insensitive patterns can be pre-tested.

Most case-insensitive patterns of the notes layer rarely match, and searching
with IGNORECASE costs several times a case-sensitive search. A cheap
case-sensitive test on the lower-cased text (the pattern's literal words, without
its look-arounds) tells when the real pattern cannot match and need not run.

That holds only where IGNORECASE matches what lower() gives. For the letters
these patterns use it does, but for three: "ſ" matches "s", "ı" and "İ" match "i"
(and "İ" lower-cases to two characters, which would shift every offset). A text
with one of them has no lowered copy: the patterns run as they are.
"""

from __future__ import annotations

from footcheck.footnotes import pattern_store

_CASE_ODD = pattern_store.compile("[ſıİ]")


def lowered(text: str) -> str | None:
    """`text.lower()`, with the offsets of `text`; None when IGNORECASE reads it otherwise."""
    return text.lower() if _CASE_ODD.search(text) is None else None
