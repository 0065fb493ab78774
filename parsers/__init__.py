"""The format readers: each turns a file's bytes into a `footnotes.model.Document`.

`parse` is the one entry point the runner is given: it picks the reader by the
format named or the file's suffix, and knows which suffixes footcheck reads. A new
format is one new module here and one line in `_READERS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import PurePath

from footnotes.model import Document, DocumentError

# format -> (module under parsers/, suffixes it claims)
_READERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "text": ("parsers.text", (".txt", ".text")),
    "markdown": ("parsers.markdown", (".md", ".markdown", ".mdown", ".mkd")),
}

FORMATS: tuple[str, ...] = tuple(_READERS)


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

    def __call__(self, data: bytes, path: str, format: str | None = None) -> Document:
        fmt = format or self.format_for(path)
        if fmt is None:
            raise DocumentError(f"unknown format (footcheck reads {', '.join(FORMATS)})")
        if fmt not in _READERS:
            raise DocumentError(f"unknown format {fmt!r} (footcheck reads {', '.join(FORMATS)})")
        reader: Callable[[bytes, str], Document] = importlib.import_module(_READERS[fmt][0]).parse
        return reader(data, path)


parse = Parsers()
