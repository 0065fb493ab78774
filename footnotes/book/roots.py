"""Where a chapter's book begins: the nearest folder above it with a table of contents.

Only file names are looked at here, so that a run over one file, which asks this for
the folder its links may lead into, does not load the readers of every kind of book
manifest (manifests.py and the modules it reads each kind with).
"""

from __future__ import annotations

import os

from footcheck.footnotes.book.paths import real_path

__all__ = ["CONFIG_NAMES", "PLACING_NAMES", "PROJECT_NAMES", "book_root"]

# The configurations that say where a book's SUMMARY.md is (mdBook, GitBook, legacy
# GitBook), read before any bare one...
PLACING_NAMES = ("book.toml", ".gitbook.yaml", "book.json")
# ...and the projects whose configuration is their table of contents (bookdown, Quarto).
PROJECT_NAMES = ("_bookdown.yml", "_quarto.yml", "_quarto.yaml")
CONFIG_NAMES = frozenset({"SUMMARY.md", *PLACING_NAMES, *PROJECT_NAMES})

# How far above a chapter its book's root may be (book/src/part/chapter.md).
_ROOT_LEVELS = 4


def book_root(folder: str) -> str | None:
    """The nearest folder at or above `folder` (a few levels at most) that holds a
    book's table of contents or configuration; None when there is none."""
    here = real_path(folder)
    for _ in range(_ROOT_LEVELS + 1):
        if any(os.path.isfile(os.path.join(here, name)) for name in sorted(CONFIG_NAMES)):
            return here
        if os.path.isfile(os.path.join(here, "META-INF", "container.xml")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    return None
