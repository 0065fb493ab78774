"""The plain-text reader: a report's lines, read by the plain `[N]` convention.

A plain-text report cites with `[3]`, `[2, 5]`, `[2-4]` or superscripts and ends
with its notes (`plain` says how they are found). This module decodes the bytes and
splits the lines; every reader that meets the convention shares `plain`.
"""

from __future__ import annotations

from footcheck.footnotes.model import Document

from . import gutenberg
from .decode import decode
from .layout import TextLines
from .plain import document

__all__ = ["FORMAT", "parse"]

FORMAT = "text"


def _split_lines(text: str) -> list[str]:
    if "\r" in text:  # most files: none, and no copies of the text to make
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if len(lines) > 1 and not lines[-1]:
        lines.pop()  # the final newline ends the last line; it starts none
    return lines


def parse(data: bytes, path: str) -> Document:
    """Read a plain-text report. Raises only `DocumentError` (binary or undecodable data)."""
    text = decode(data)
    lines = _split_lines(text)
    if gutenberg.FOOTNOTE in text:
        book = gutenberg.read(lines, path, FORMAT)
        if book is not None:
            return book
    return document(TextLines(lines), path, FORMAT)
