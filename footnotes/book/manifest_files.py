"""A book manifest's files, read safely, and the chapter paths they list, kept inside the book.

A manifest (a SUMMARY.md, a `_quarto.yml`, an OPF package file) is read only when it
is a regular file no larger than `MAX_MANIFEST_BYTES`, through the same guarded read
as the documents themselves (no device, no pipe, no waiting). A chapter path it lists
is kept only when it names, inside the book's root, a regular file that exists: an
absolute path, a `..` that climbs out of the root, a URL or a draft entry with no path
is dropped. Nothing here raises for a malformed or hostile manifest: what cannot be
read is None, and the caller skips it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Any
from urllib.parse import unquote

from footcheck.footnotes import pattern_store
from footcheck.footnotes.files import Target, read_bytes
from footcheck.footnotes.model import DocumentError

MAX_MANIFEST_BYTES = 1_000_000
# Far more chapters than any book has; a bound on the work a hostile manifest can ask
# for (a YAML alias repeated a million times is one short line).
MAX_CHAPTER_ENTRIES = 10_000

# "http:", "mailto:", "C:" (a drive letter): a scheme, never a path inside the book.
_SCHEME = pattern_store.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Manifest:
    """One book's table of contents, as its tool reads it."""

    kind: str  # "mdbook" | "gitbook" | "bookdown" | "quarto" | "epub-opf"
    path: str  # the manifest file, as found (for messages)
    # The folder the book lives in: every chapter is inside it (for mdBook its `src`
    # folder, for an EPUB the folder that holds META-INF, or the OPF's own folder).
    root: str
    # Chapter files in book order: os.path.normpath'd paths (root joined), only ones
    # that exist as regular files, each once.
    chapters: tuple[str, ...]
    # The tool merges the chapters into one output, so a note label is shared across
    # chapters (bookdown); False where each chapter is rendered on its own page.
    merged: bool


def read_data(path: str) -> bytes | None:
    """A manifest's bytes, or None when it is not a readable regular file within the cap."""
    try:
        return read_bytes(Target(path, path, None), MAX_MANIFEST_BYTES)
    except DocumentError:
        return None


def read_text(path: str) -> str | None:
    """A manifest's text (UTF-8, as every tool here writes it), or None."""
    data = read_data(path)
    return None if data is None else data.decode("utf-8-sig", errors="replace")


def load_yaml(path: str) -> dict[str, Any] | None:
    """A YAML manifest's top-level mapping ({} for an empty file), or None.

    PyYAML is imported here, only when a YAML manifest is found, and only its safe
    loader is used (plain data, no Python objects).
    """
    text = read_text(path)
    if text is None:
        return None
    import yaml

    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    if data is None:
        return {}
    return data if isinstance(data, dict) else None


def chapter_path(href: object, base: str, root: str, *, link: bool = False) -> str | None:
    """The file `href` names, relative to `base`, if it stays inside `root`; else None.

    `link` marks a URL reference (a Markdown link, an OPF href): percent-escapes are
    decoded and a fragment or query is dropped (`ch.md#section` is the file ch.md).
    """
    if not isinstance(href, str):
        return None
    href = href.strip()
    if link:
        href = unquote(href.partition("#")[0].partition("?")[0])
    if not href or _SCHEME.match(href) or href.startswith(("/", "\\")) or os.path.isabs(href):
        return None
    path = os.path.normpath(os.path.join(base, href))
    return path if is_inside(path, root) else None


def is_inside(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or under it, by their names (no file is looked at)."""
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def existing_files(paths: Iterable[str | None]) -> tuple[str, ...]:
    """The paths that name regular files, each once, in their first order (bounded)."""
    kept: dict[str, None] = {}
    for path in islice(paths, MAX_CHAPTER_ENTRIES):
        if path is not None and path not in kept and is_regular_file(path):
            kept[path] = None
    return tuple(kept)


def is_regular_file(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return False
