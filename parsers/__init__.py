"""The format readers: each turns a file's bytes into a `footnotes.model.Document`.

The registry: which module reads which format, and which suffixes footcheck reads.
`parse` is the one entry point the runner is given: it picks the reader by the
format named or the file's suffix. A new format is one new module here and one line
in `_TABLE`.

A reader raises `DocumentError` (one line) for input it cannot read; any other
exception is a bug in it. `parse` lets such a bug through: the run catches it in
one place (`footnotes.engine`), reports it for that file, asks for a report, and
never caches it. `reader(fmt)` gives a reader itself, for tests and fuzzing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import PurePath

from footcheck.footnotes.model import Document, DocumentError

Reader = Callable[[bytes, str], Document]
"""A format's reader: `parse(data, path)`, raising only `DocumentError` for bad input."""

# format -> (the module that reads it, with its `parse(data, path)`; the suffixes it claims)
_TABLE: dict[str, tuple[str, tuple[str, ...]]] = {
    "text": ("footcheck.parsers.text", (".txt", ".text")),
    "markdown": ("footcheck.parsers.markdown", (".md", ".markdown", ".mdown", ".mkd")),
    "html": ("footcheck.parsers.html.reader", (".html", ".htm", ".xhtml")),
    "docx": ("footcheck.parsers.office.docx", (".docx",)),
    "odt": ("footcheck.parsers.office.odt", (".odt",)),
    "rst": ("footcheck.parsers.rst.reader", (".rst", ".rest")),
    "epub": ("footcheck.parsers.epub.reader", (".epub",)),
}
READERS: dict[str, str] = {fmt: module for fmt, (module, _) in _TABLE.items()}
SUFFIXES: dict[str, tuple[str, ...]] = {fmt: suffixes for fmt, (_, suffixes) in _TABLE.items()}

FORMATS: tuple[str, ...] = tuple(READERS)
_LIBRARIES = ("markdown_it", "lxml", "docutils")
# Formats with comments, where suppression directives can be written (`directives`).
_COMMENTED = frozenset({"markdown", "html", "rst"})

# Formats footcheck recognises but does not read (yet): never guessed to be plain text.
# suffix -> (format, name to show)
_UNREAD: dict[str, tuple[str, str]] = {
    ".doc": ("doc", "Word 97-2003 (DOC)"),
    ".rtf": ("rtf", "RTF"),
    ".pdf": ("pdf", "PDF"),
}
_UNREAD_NAMES = {fmt: name for fmt, name in _UNREAD.values()}


def reader(fmt: str) -> Reader:
    """The reader of `fmt` itself: its bugs raise as they are (KeyError for an unknown format)."""
    parse: Reader = importlib.import_module(READERS[fmt]).parse
    return parse


class Parsers:
    """The injected reader interface: `parse(data, path, format)` and `format_for(path)`."""

    def __init__(self) -> None:
        self._by_suffix = {suffix: fmt for fmt, suffixes in SUFFIXES.items() for suffix in suffixes}

    @property
    def suffixes(self) -> frozenset[str]:
        return frozenset(self._by_suffix)

    @property
    def code_folders(self) -> tuple[str, ...]:
        """Where the readers' code is: a cached result is kept only while it is unchanged."""
        return tuple(__path__)

    @property
    def libraries(self) -> tuple[str, ...]:
        """The libraries the readers read with: an upgrade of one is a change too.

        pyromark reads Markdown's blocks unless FOOTCHECK_MARKDOWN_PARSER turns it off:
        a cached result is reused only under the pass it was read with.
        """
        from .markdown.blocks import pyromark_wanted

        return (*_LIBRARIES, "pyromark") if pyromark_wanted() else _LIBRARIES

    def format_for(self, path: str) -> str | None:
        """The format a file's suffix says, or None when footcheck does not read it."""
        return self._by_suffix.get(PurePath(path).suffix.lower())

    def format_for_named(self, path: str) -> str:
        """The format of a file named explicitly: by suffix, else plain text.

        A suffix of a format footcheck does not read gives that format ("html"),
        which `parse` refuses with a one-line error rather than reading HTML as text.
        """
        suffix = PurePath(path).suffix.lower()
        if suffix in _UNREAD:
            return _UNREAD[suffix][0]
        return self._by_suffix.get(suffix, "text")

    def __call__(self, data: bytes, path: str, format: str | None = None) -> Document:
        """The document `data` holds; `DocumentError` for input footcheck cannot read.

        Any other exception is a reader's bug, left for the caller's one guard.
        """
        fmt = format or self.format_for(path)
        if fmt in _UNREAD_NAMES:
            raise DocumentError(f"footcheck does not read {_UNREAD_NAMES[fmt]} files yet")
        if fmt is None:
            raise DocumentError(f"unknown format (footcheck reads {', '.join(FORMATS)})")
        if fmt not in READERS:
            raise DocumentError(f"unknown format {fmt!r} (footcheck reads {', '.join(FORMATS)})")
        if fmt == "text":
            from footcheck.parsers.rst.sniff import is_rst

            if is_rst(data):  # a PEP, a docutils document: reST in a .txt file
                fmt = "rst"
        doc = reader(fmt)(data, path)
        if fmt in _COMMENTED and b"footcheck" in data:
            from dataclasses import replace

            from footcheck.parsers.directives import find_directives

            doc = replace(doc, directives=find_directives(data, fmt))
        return doc


parse = Parsers()
