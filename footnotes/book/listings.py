"""The books a run's folders declare: tables of contents, and the configuration's `books`.

A table of contents (`manifests`) lists a book's chapters in order; a `books` entry
of the configuration names the files of a book that links cannot reveal (chapters
that cite no other file but share one numbering, or one source list). Both become
`Listing`s: real paths in book order.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from pathlib import Path

from footcheck.footnotes.book.books import Listing, natural_key
from footcheck.footnotes.book.paths import real_path
from footcheck.footnotes.settings.values import BookEntry

# No book has more chapters than this; a glob that matches more is not a book.
_MOST_CHAPTERS = 5000


def find_listings(
    roots: Sequence[str], entries: Sequence[BookEntry], base: Path | None
) -> list[Listing]:
    """The configuration's books (first: they say what the user means), then the tables
    of contents found under the run's folders."""
    from footcheck.footnotes.book.manifests import find_manifests

    listings = [_configured(entry, base) for entry in entries]
    folders = sorted({root for root in roots if os.path.isdir(root)})
    for manifest in find_manifests(folders):
        listings.append(
            Listing(
                manifest.path,
                tuple(real_path(path) for path in manifest.chapters),
                manifest.merged,
            )
        )
    return listings


def _configured(entry: BookEntry, base: Path | None) -> Listing:
    """A `books` entry's files, each glob's matches in natural name order, in the order
    the globs are given."""
    folder = str(base) if base is not None else os.curdir
    chapters: list[str] = []
    seen: set[str] = set()
    for pattern in entry.files:
        matched = glob.glob(pattern, root_dir=folder, recursive=True)
        for name in sorted(matched, key=natural_key)[:_MOST_CHAPTERS]:
            real = real_path(os.path.join(folder, name))
            if real not in seen and os.path.isfile(real):
                seen.add(real)
                chapters.append(real)
    return Listing(entry.name, tuple(chapters), entry.merged)
