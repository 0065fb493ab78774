"""A book's chapter order from its own table of contents.

`find_manifests` finds the book manifests under the folders of a run: mdBook's
`book.toml` and SUMMARY.md, GitBook's SUMMARY.md (placed by `.gitbook.yaml` or a
legacy `book.json`), bookdown's `_bookdown.yml`, Quarto's `_quarto.yml`, and an
unpacked EPUB's package file (through `META-INF/container.xml`, or any `.opf`).
Each kind is read by its own module (summary, bookdown, quarto, opf), each as its
tool reads it. `book_order` puts the files of one book in the order of the manifest
that lists them, and the files it does not list after them, in file-name order.

The folders are searched as discovery searches them (hidden folders, node_modules and
the like skipped, folder links not followed), and a chapter is kept only when it
resolves, links and all, to a file under the folder searched: a manifest cannot make
footcheck look outside the folders it was given.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from footcheck.footnotes.book import bookdown, opf, quarto, summary
from footcheck.footnotes.book.manifest_files import Manifest, is_inside
from footcheck.footnotes.book.paths import real_path
from footcheck.footnotes.book.roots import CONFIG_NAMES, book_root
from footcheck.footnotes.files import _SKIPPED_DIRS, _path_sort_key

__all__ = ["Manifest", "book_order", "book_root", "find_manifests", "manifest_for"]

_Reader = Callable[[str], Manifest | None]

# The configurations that say where a book's SUMMARY.md is, read before any bare one
# (the names are roots.PLACING_NAMES and PROJECT_NAMES, in the same order)...
_PLACING = (
    ("book.toml", summary.mdbook),
    (".gitbook.yaml", summary.gitbook_config),
    ("book.json", summary.gitbook_legacy),
)
# ...and the projects whose configuration is their table of contents.
_PROJECTS = (
    ("_bookdown.yml", bookdown.bookdown),
    ("_quarto.yml", quarto.quarto),
    ("_quarto.yaml", quarto.quarto),
)


def find_manifests(folders: Iterable[str]) -> list[Manifest]:
    """The book manifests under each folder (searched recursively), in path order.

    Never raises for malformed input: a manifest that cannot be read, or that lists
    no chapter file, is skipped.
    """
    found: dict[tuple[str, str], Manifest] = {}
    for folder in folders:
        boundary = real_path(folder)
        for manifest in _manifests_under(folder):
            chapters = tuple(
                path for path in manifest.chapters if is_inside(real_path(path), boundary)
            )
            key = (manifest.kind, real_path(manifest.path))
            if chapters and key not in found:
                found[key] = replace(manifest, chapters=chapters)
    return sorted(found.values(), key=lambda manifest: _path_sort_key(manifest.path))


def manifest_for(paths: Sequence[str], manifests: Sequence[Manifest]) -> Manifest | None:
    """The manifest that lists the most of `paths` (the first of equals); None if none does."""
    wanted = {os.path.abspath(path) for path in paths}
    best, best_count = None, 0
    for manifest in manifests:
        count = len(wanted.intersection(os.path.abspath(path) for path in manifest.chapters))
        if count > best_count:
            best, best_count = manifest, count
    return best


def book_order(paths: Sequence[str], manifests: Sequence[Manifest]) -> list[str]:
    """`paths` (files of one book) in book order: the manifest's order for the files it
    lists, then the others in file-name order."""
    manifest = manifest_for(paths, manifests)
    rank: dict[str, int] = {}
    for position, chapter in enumerate(manifest.chapters if manifest else ()):
        rank.setdefault(os.path.abspath(chapter), position)
    key = {path: os.path.abspath(path) for path in paths}
    listed = sorted((path for path in paths if key[path] in rank), key=lambda p: rank[key[p]])
    others = sorted((path for path in paths if key[path] not in rank), key=_path_sort_key)
    return listed + others


def _manifests_under(folder: str) -> list[Manifest]:
    """Every manifest under `folder`; a table of contents that a configuration places
    (mdBook's, GitBook's) or a container names (an EPUB's) is read once, through it."""
    configs, packages = _candidates(folder)
    placed = _read_each(configs, _PLACING)
    epubs = [
        manifest
        for path in configs.get("container.xml", [])
        for manifest in opf.from_container(path)
    ]
    return [
        *placed,
        *_unclaimed(configs.get("SUMMARY.md", []), placed, summary.gitbook),
        *_read_each(configs, _PROJECTS),
        *epubs,
        *_unclaimed(packages, epubs, opf.standalone),
    ]


def _read_each(
    configs: dict[str, list[str]], readers: tuple[tuple[str, _Reader], ...]
) -> list[Manifest]:
    return [
        manifest
        for name, read in readers
        for path in configs.get(name, [])
        if (manifest := read(path)) is not None
    ]


def _unclaimed(paths: list[str], claimed_by: list[Manifest], read: _Reader) -> list[Manifest]:
    """The manifests of the `paths` that none of `claimed_by` has already read."""
    claimed = {real_path(manifest.path) for manifest in claimed_by}
    return [
        manifest
        for path in paths
        if real_path(path) not in claimed and (manifest := read(path)) is not None
    ]


def _candidates(folder: str) -> tuple[dict[str, list[str]], list[str]]:
    """The files under `folder` that may be manifests: by name, and the `.opf` files."""
    configs: dict[str, list[str]] = {}
    packages: list[str] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        for name in sorted(files):
            if name in CONFIG_NAMES or (
                name == "container.xml" and os.path.basename(root) == "META-INF"
            ):
                configs.setdefault(name, []).append(os.path.normpath(os.path.join(root, name)))
            elif name.lower().endswith(".opf"):
                packages.append(os.path.normpath(os.path.join(root, name)))
    return configs, packages
