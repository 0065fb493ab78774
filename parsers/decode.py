"""Turn a file's bytes into text: byte-order marks, UTF-8, and a legacy fallback.

Text formats (plain text, Markdown, and HTML with no declared charset) go through
`decode`; it refuses binary data with a one-line `DocumentError` rather than handing
garbage to a parser, and it never fails on invalid bytes in a text file:

- A byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE). The mark is dropped,
  so line 1 column 1 is the first character after it. Invalid sequences become
  U+FFFD, one per bad code unit.
- Else valid UTF-8 is UTF-8.
- Else the file is mostly legacy single-byte text (Windows-1252, as Word exports and
  old editors write it) or UTF-8 with a few stray legacy bytes pasted in. Either
  way each invalid byte is read as Windows-1252; the valid UTF-8 sequences stay
  UTF-8 unless the invalid bytes outnumber them more than two to one, in which case
  the whole file is Windows-1252 (a legacy file in which an accented capital and a
  curly quote happen to form a UTF-8 sequence).
  Every byte that is not valid UTF-8 is one character, so columns match what an
  editor shows.

Binary data is recognised by its signature (PNG, PDF, ELF, zip, ...) or by NUL and
control bytes, and refused as "binary file (...), not a text report".
"""

from __future__ import annotations

import codecs
import re

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import DocumentError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# File signatures of formats that are never text reports: (leading bytes, what it is).
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"\x7fELF", "an ELF executable"),
    (b"PK\x03\x04", "a zip archive, such as a DOCX or ODT file"),
    (b"PK\x05\x06", "a zip archive, such as a DOCX or ODT file"),
    (b"PK\x07\x08", "a zip archive, such as a DOCX or ODT file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word 97-2003 or other OLE2 document"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# Bytes that never occur in text outside a few control characters (tab, newlines, form feed).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_BINARY_CHARS = {b: None for b in _BINARY_BYTES}
_NON_ASCII_BYTES = bytes(range(128, 256))
_SNIFF = 8192
# UTF-8 decoded with surrogateescape: each invalid byte is one of these.
_ESCAPED = pattern_store.compile("[\udc80-\udcff]+")


def binary_kind(data: bytes) -> str | None:
    """What binary format `data` starts with ("a PNG image"), or None when none is known."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    return None


def decode(data: bytes) -> str:
    """Decode a text file: a BOM decides; else UTF-8; else Windows-1252 (Word's curly quotes).

    Raises DocumentError (one line) for data that looks binary: a known file signature,
    NUL bytes, or many control bytes. Never raises for invalid text bytes.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            _refuse_binary_text(text[:_SNIFF])
            return text
    head = data[:_SNIFF]
    kind = binary_kind(head)
    if kind is not None:
        raise DocumentError(f"binary file ({kind}), not a text report")
    if b"\x00" in head:
        raise DocumentError("binary file (NUL bytes), not a text report")
    if head:
        controls = len(head) - len(head.translate(None, _BINARY_BYTES))
        if controls * 20 > len(head):
            raise DocumentError("binary file (control bytes), not a text report")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", errors="surrogateescape")
    non_ascii = len(escaped) - len(data.translate(None, _NON_ASCII_BYTES))
    invalid = len(escaped) - len(_ESCAPED.sub("", escaped))
    if invalid > 2 * (non_ascii - invalid):
        # Mostly legacy: the whole file is Windows-1252. It leaves five bytes undefined:
        # they become U+FFFD rather than failing the file.
        return data.decode("cp1252", errors="replace")
    return _ESCAPED.sub(_as_legacy, escaped)


def _as_legacy(match: re.Match[str]) -> str:
    """A run of bytes that UTF-8 rejected, read as Windows-1252 (one character per byte)."""
    return match.group().encode("utf-8", "surrogateescape").decode("cp1252", errors="replace")


def _refuse_binary_text(head: str) -> None:
    if "\x00" in head:
        raise DocumentError("binary file (NUL characters), not a text report")
    if head:
        controls = len(head) - len(head.translate(_BINARY_CHARS))
        if controls * 20 > len(head):
            raise DocumentError("binary file (control characters), not a text report")
