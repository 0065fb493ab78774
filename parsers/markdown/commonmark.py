"""CommonMark's whitespace trim and link-label matching, as markdown-it-py does them.

markdown-it-py keeps these in `markdown_it.common.utils`, not part of its API, and
they changed in 4.3 (its `mdTrim` exists only there; earlier versions trimmed with
`str.strip()`). The reader needs them to make a paragraph as markdown-it's own rule
does and to look a label up in the link reference definitions markdown-it collects
(`env["references"]`, keyed by the normalised label), so they are written here, the
same as markdown-it-py 4.3's on every code point.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from footcheck.footnotes import pattern_store

LABEL_MAX = 999  # CommonMark's limit on a link label

# The whitespace markdown-it trims from a paragraph and from a link label (as
# JavaScript's `trim` does, less U+FEFF): ASCII whitespace, the Zs spaces, and the
# line and paragraph separators. Python's `str.strip()` would also take U+001C-U+001F
# and U+0085, which CommonMark keeps.
_TRIM_CHARS = (
    "\t\n\v\f\r "  # ASCII whitespace
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"  # Zs, the space separators
    "\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
    "\u2028\u2029"  # the line and paragraph separators
)
_TRIM_RUN = pattern_store.compile(f"[{re.escape(_TRIM_CHARS)}]+")


def trim(text: str) -> str:
    """`text` without the whitespace CommonMark trims at either end."""
    return text.strip(_TRIM_CHARS)


def normalize_label(label: str) -> str:
    """A link label as markdown-it keys `env["references"]` by.

    CommonMark's matching: trimmed, inner whitespace runs made one space, and case
    folded, which markdown-it does as lower case then upper case.
    """
    return _TRIM_RUN.sub(" ", trim(label)).lower().upper()


def is_reference(refs: Mapping[str, Any], label: str) -> bool:
    """Whether `label` names a link reference definition of the document."""
    if not refs or not label or len(label) > LABEL_MAX:
        return False
    return normalize_label(label) in refs
