"""Where a link between the files of a book leads, followed safely.

A marker's `target` and a note's `cited_from` are written as the document wrote
them ("endnotes.xhtml", "../notes/README.md", "chapter%203.xhtml"). `Links` turns
them into the unit of the run they name, a file on disk that the run did not name,
or nothing:

- a link is read as a browser reads it (escapes decoded, a backslash a slash), and
  followed only to a file under the folders the run was given (or a named
  file's own folder): never an absolute path, a `..` that climbs out, a URL, nor
  anything but a regular file of a format footcheck reads, within the size limit,
  so that a document cannot make footcheck read (and print) another file;
- a link to a page a site generator makes from a source file ("README.html" made
  from "README.md", "index.html" from "README.md" or "index.md") leads to that
  source when the page itself is not there;
- a file saved under a longer name ("book-endnotes.xhtml" for "endnotes.xhtml", as
  downloads often are) is found when it is the only file of its folder whose name
  ends that way (among the run's files first, else on disk).

Inside a book file (an EPUB) links lead between its chapters only.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from footcheck.footnotes import pattern_store
from footcheck.footnotes.book.paths import real_path
from footcheck.footnotes.results import Unit

# A scheme ("https:") or a network path ("//host"): never a file of the book.
_ELSEWHERE = pattern_store.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//)")
# Pages a site generator makes from sources (Markdown, reST, AsciiDoc, Quarto, R
# Markdown, notebooks): the sources to look for (one footcheck does not read ends the
# link in silence: the page exists once the book is built).
_PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
_SOURCE_SUFFIXES = (".md", ".markdown", ".rst", ".adoc", ".qmd", ".Rmd", ".rmd", ".ipynb")
_INDEX_SOURCES = ("README", "index")
# The longest link a message names in full.
_LONGEST_NAMED = 80
# A folder holding more names than this is not searched for a renamed notes file.
_MOST_NAMES = 10_000
# What a longer saved name puts before the original one.
_SEPARATORS = frozenset("-_. ")
# How many of a name's separators, from its end, may begin the name it was saved
# from: far more than any link's own name holds.
_INDEXED_SEPARATORS = 16


@dataclass(frozen=True)
class Followed:
    """Where a link leads: a unit of the run, or a file on disk read for its notes.

    `missing` is set (to the link as written) when the file does not exist;
    `unit` is None too when the link was not followed (outside the book's folders,
    not a format footcheck reads).
    """

    unit: Unit | None = None
    missing: str | None = None
    notes_only: bool = False  # a file the run did not name, read for its notes


class Links:
    """Follows the links of a run's units (see the module docstring)."""

    def __init__(
        self,
        units: Sequence[Unit],
        roots: Sequence[str],
        readable: Callable[[str], bool],
        read_notes: Callable[[str], Unit | None],
        max_bytes: int,
    ) -> None:
        self._units = units
        self._indexed = False  # the indexes below are made at the first link followed
        self._by_locator: dict[str, Unit] = {}
        self._by_real: dict[str, Unit] = {}
        self._folders: dict[str, list[Unit]] = {}
        self._roots = tuple(real_path(r) for r in roots)
        self._readable = readable
        self._read_notes = read_notes
        self._max_bytes = max_bytes
        self._read: dict[str, Unit | None] = {}
        self._followed: dict[tuple[str, str, bool], Followed] = {}
        self._listed: dict[str, _SavedNames] = {}
        # folder -> its units' names, indexed, and each name's unit
        self._unit_names: dict[str, tuple[_SavedNames, dict[str, Unit]]] = {}

    def follow(self, origin: Unit, link: str, *, read: bool = True) -> Followed:
        """Where `link`, written in `origin`, leads.

        With `read` false, a file the run did not name is not read: the link leads
        to no unit (a back-link to a chapter that was not checked).
        """
        key = (origin.locator, link, read)
        if not self._indexed:
            self._index()
        if key not in self._followed:
            self._followed[key] = self._follow(origin, link, read)
        return self._followed[key]

    def _index(self) -> None:
        """The run's units by locator, by real path and by folder (a run whose files
        link nowhere never resolves a path)."""
        self._indexed = True
        for unit in self._units:
            self._by_locator[unit.locator] = unit
            if unit.book is None and unit.locator:
                real = real_path(unit.locator)
                self._by_real[real] = unit
                self._folders.setdefault(os.path.dirname(real), []).append(unit)
            elif unit.book is not None:
                folder = posixpath.dirname(unit.locator)
                self._folders.setdefault(folder, []).append(unit)

    def _follow(self, origin: Unit, link: str, read: bool) -> Followed:
        link = link.strip()
        if not origin.locator:
            return Followed()
        # Read as a browser reads it: escapes decoded, a backslash a slash (the URL
        # standard's rule), so that neither can hide an absolute path or a scheme.
        written = unquote(link.split("#", 1)[0].split("?", 1)[0]).replace("\\", "/")
        if not written or "\0" in written or written.startswith("/") or _ELSEWHERE.match(written):
            return Followed()
        if origin.book is not None:
            return self._within_book(origin, written, link)
        base = os.path.dirname(real_path(origin.locator))
        path = os.path.normpath(os.path.join(base, *written.split("/")))
        candidates = _candidates(path)
        if not self._under_roots(path) or not any(self._readable(c) for c in candidates):
            return Followed()  # outside the book, or a file footcheck does not read (.bib)
        for candidate in candidates:
            found = self._file(candidate, read)
            if found is not None:
                return found
        renamed = self._saved_under_longer_name(path, read)
        if renamed is not None:
            return renamed
        return Followed(missing=_as_written(link))

    def _within_book(self, origin: Unit, written: str, link: str) -> Followed:
        inside = origin.locator.split(":", 1)
        if len(inside) != 2:
            return Followed()
        book, member = inside
        path = posixpath.normpath(posixpath.join(posixpath.dirname(member), written))
        if path.startswith("../") or path == "..":
            return Followed()
        unit = self._by_locator.get(f"{book}:{path}")
        return Followed(unit) if unit is not None else Followed(missing=_as_written(link))

    def _under_roots(self, path: str) -> bool:
        real = real_path(path)
        return any(real == root or real.startswith(root + os.sep) for root in self._roots)

    def _file(self, path: str, read: bool) -> Followed | None:
        """The run's unit for `path`, or the file read for its notes; None: no such file."""
        real = real_path(path)
        unit = self._by_real.get(real)
        if unit is not None:
            return Followed(unit)
        try:
            info = os.stat(real)
        except (OSError, ValueError):
            return None
        if not stat.S_ISREG(info.st_mode):
            return None if stat.S_ISDIR(info.st_mode) else Followed()
        if not read or not self._under_roots(real) or not self._readable(real):
            return Followed()
        if info.st_size > self._max_bytes:
            return Followed()
        if real not in self._read:
            self._read[real] = self._read_notes(real)
        return Followed(self._read[real], notes_only=True)

    def _saved_under_longer_name(self, path: str, read: bool) -> Followed | None:
        """The one file of the folder whose name ends with the link's, after a separator
        ("book-endnotes.xhtml" for "endnotes.xhtml"): a unit of the run, else a file
        on disk read for its notes."""
        folder, name = os.path.split(real_path(path))
        endings = {name}
        stem, suffix = os.path.splitext(name)
        if suffix.lower() in _PAGE_SUFFIXES:
            endings.update(stem + source for source in _SOURCE_SUFFIXES)
        if folder not in self._unit_names:
            by_name = {os.path.basename(u.locator): u for u in self._folders.get(folder, [])}
            self._unit_names[folder] = (_SavedNames(by_name), by_name)
        unit_names, unit_named = self._unit_names[folder]
        units = unit_names.longer(endings)
        if units:
            return Followed(unit_named[units[0]]) if len(units) == 1 else None
        on_disk = self._listing(folder).longer(endings)
        if len(on_disk) != 1:
            return None
        return self._file(os.path.join(folder, on_disk[0]), read)

    def _listing(self, folder: str) -> _SavedNames:
        """The names in a folder of the book (once per run); none outside the book."""
        if folder not in self._listed:
            names: list[str] = []
            if self._under_roots(folder):
                with contextlib.suppress(OSError):
                    names = sorted(os.listdir(folder))[:_MOST_NAMES]
            self._listed[folder] = _SavedNames(names)
        return self._listed[folder]


class _SavedNames:
    """A folder's names by what follows each separator in them, so that the names
    saved under a longer form of a link's name are found in one look-up, however
    many links of a book ask (a name is indexed once, not compared once per link)."""

    def __init__(self, names: Iterable[str]) -> None:
        self._by_ending: dict[str, list[str]] = {}
        for name in dict.fromkeys(names):
            for ending in _saved_from(name):
                self._by_ending.setdefault(ending, []).append(name)

    def longer(self, endings: set[str]) -> list[str]:
        """The names, each once, that end with one of `endings` after a separator."""
        found = (
            name
            for ending in sorted(endings)
            for name in self._by_ending.get(ending, ())
            if name not in endings
        )
        return list(dict.fromkeys(found))


def _saved_from(name: str) -> list[str]:
    """What follows each of the last separators of a name: the names it may have been
    saved from ("book-endnotes.xhtml": "xhtml", "endnotes.xhtml")."""
    endings: list[str] = []
    for at in range(len(name) - 2, -1, -1):
        if name[at] in _SEPARATORS:
            endings.append(name[at + 1 :])
            if len(endings) == _INDEXED_SEPARATORS:
                break
    return endings


def _as_written(link: str) -> str:
    """A dead link as a message names it: without its fragment, and a very long one cut
    in its middle (its start and its file's name kept) so that it stays one short line."""
    written = link.split("#", 1)[0]
    if len(written) <= _LONGEST_NAMED:
        return written
    half = _LONGEST_NAMED // 2
    return f"{written[:half]}…{written[-half:]}"


def _candidates(path: str) -> list[str]:
    """The file a link names, then the sources a site generator makes that page from."""
    found = [path]
    stem, suffix = os.path.splitext(path)
    if suffix.lower() in _PAGE_SUFFIXES:
        found += [stem + source for source in _SOURCE_SUFFIXES]
        folder, name = os.path.split(stem)
        if name == "index":
            found += [os.path.join(folder, f"{index}.md") for index in _INDEX_SOURCES]
    elif not suffix:
        found += [path + extra for extra in (".md", ".html", ".xhtml")]
        found += [
            os.path.join(path, f"{index}{source}")
            for index in _INDEX_SOURCES
            for source in (".md", ".html")
        ]
    return found
