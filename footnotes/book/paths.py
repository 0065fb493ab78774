"""Real paths, resolved once per run: a book's files are compared by where they are.

A run over a 200-chapter book asks for the same chapter's real path from several
places (its table of contents, the grouping, the links); each asks `real_path`,
which resolves a path once. The memo is cleared at the start of each run's book
pass (`forget`), so a long-lived process never compares against an old link.
"""

from __future__ import annotations

import functools
import os

# More paths than any book holds; a larger run only resolves some twice.
_REMEMBERED = 1 << 16


@functools.lru_cache(maxsize=_REMEMBERED)
def real_path(path: str) -> str:
    """`os.path.realpath(path)`, resolved once per run."""
    return os.path.realpath(path)


def forget() -> None:
    """Forget every real path (the files may have moved since the last run)."""
    real_path.cache_clear()
