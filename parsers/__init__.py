"""The format readers: each turns a file's bytes into a `footnotes.model.Document`.

`parse` is the one entry point the runner is given: it picks the reader by the
format named or the file's suffix, and knows which suffixes footcheck reads. A new
format is one new module here and one line in `_READERS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import PurePath

from footcheck.footnotes.model import Document, DocumentError

# format -> (module under parsers/, suffixes it claims)
_READERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "text": ("footcheck.parsers.text", (".txt", ".text")),
    "markdown": ("footcheck.parsers.markdown", (".md", ".markdown", ".mdown", ".mkd")),
    "html": ("footcheck.parsers.html", (".html", ".htm", ".xhtml")),
    "docx": ("footcheck.parsers.docx", (".docx",)),
    "odt": ("footcheck.parsers.odt", (".odt",)),
}

FORMATS: tuple[str, ...] = tuple(_READERS)
# Formats with comments, where suppression directives can be written.
_COMMENTED = frozenset({"markdown", "html"})

# Formats footcheck recognises but does not read (yet): never guessed to be plain text.
# suffix -> (format, name to show)
_UNREAD: dict[str, tuple[str, str]] = {
    ".doc": ("doc", "Word 97-2003 (DOC)"),
    ".rtf": ("rtf", "RTF"),
    ".pdf": ("pdf", "PDF"),
    ".epub": ("epub", "EPUB"),
}
_UNREAD_NAMES = {fmt: name for fmt, name in _UNREAD.values()}


class Parsers:
    """The injected reader interface: `parse(data, path, format)` and `format_for(path)`."""

    def __init__(self) -> None:
        self._by_suffix = {
            suffix: fmt for fmt, (_, suffixes) in _READERS.items() for suffix in suffixes
        }

    @property
    def suffixes(self) -> frozenset[str]:
        return frozenset(self._by_suffix)

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
        fmt = format or self.format_for(path)
        if fmt in _UNREAD_NAMES:
            raise DocumentError(f"footcheck does not read {_UNREAD_NAMES[fmt]} files yet")
        if fmt is None:
            raise DocumentError(f"unknown format (footcheck reads {', '.join(FORMATS)})")
        if fmt not in _READERS:
            raise DocumentError(f"unknown format {fmt!r} (footcheck reads {', '.join(FORMATS)})")
        reader: Callable[[bytes, str], Document] = importlib.import_module(_READERS[fmt][0]).parse
        doc = _guarded(reader, data, path, fmt)
        if fmt in _COMMENTED and b"footcheck" in data:
            from dataclasses import replace

            from footcheck.parsers.directives import find_directives

            doc = replace(doc, directives=find_directives(data))
        return doc


def _guarded(
    reader: Callable[[bytes, str], Document], data: bytes, path: str, fmt: str
) -> Document:
    """The reader's Document, or one DocumentError line for anything that goes wrong.

    The one place where a reader's own bug (or input too deep or too large for it)
    becomes a file's error rather than a traceback, for every format.
    """
    try:
        return reader(data, path)
    except DocumentError:
        raise
    except RecursionError:
        raise DocumentError(f"{fmt} nested too deeply to read") from None
    except MemoryError:
        raise DocumentError(f"{fmt} too large to read") from None
    except Exception as exc:  # a reader's bug: one line, asking for a report
        raise DocumentError(
            f"internal error reading {fmt} ({type(exc).__name__}: {exc}); please report it"
        ) from None


parse = Parsers()
