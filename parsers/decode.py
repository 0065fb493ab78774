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

`faithful` is the same reading for a program that writes the file back (`footcheck
fix`): a `Faithful` holds a text with every character at `decode`'s index (so at the
line and column the readers report), whose `encode` gives back the file's exact bytes
(byte-order mark, invalid bytes, newlines) around whatever was edited.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from functools import cached_property

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
# Where the readers end a line: "\r\n", a lone "\r", "\n" (nothing else).
_LINE_END = pattern_store.compile("\r\n?|\n")
_NAMES = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "utf-32-le": "UTF-32 LE",
    "utf-32-be": "UTF-32 BE",
    "cp1252": "Windows-1252",
}


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
    return _decoded(data)[0]


def _decoded(data: bytes) -> tuple[str, bytes, str]:
    """`decode`'s text, the byte-order mark, and how the rest was read.

    How: the BOM's codec ("utf-8", "utf-16-le", ...) after a BOM; else "utf-8" (valid
    UTF-8), "mixed" (UTF-8 with invalid bytes read as Windows-1252) or "cp1252".
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            _refuse_binary_text(text[:_SNIFF])
            return text, bom, encoding
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
        return data.decode("utf-8"), b"", "utf-8"
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", errors="surrogateescape")
    non_ascii = len(escaped) - len(data.translate(None, _NON_ASCII_BYTES))
    invalid = len(escaped) - len(_ESCAPED.sub("", escaped))
    if invalid > 2 * (non_ascii - invalid):
        # Mostly legacy: the whole file is Windows-1252. It leaves five bytes undefined:
        # they become U+FFFD rather than failing the file.
        return data.decode("cp1252", errors="replace"), b"", "cp1252"
    return _ESCAPED.sub(_as_legacy, escaped), b"", "mixed"


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


@dataclass(frozen=True, eq=False)
class Faithful:
    """A text file read to be edited and written back byte for byte (made by `faithful`).

    `text` has `decode`'s length, and the same character at every index except where
    the file is not valid in its encoding: there `text` holds a lone surrogate that
    stands for the exact bytes (one per invalid byte of UTF-8, surrogateescape; one per
    byte of Windows-1252 that it leaves undefined; one per lone UTF-16/32 surrogate,
    surrogatepass), where `decode` shows a Windows-1252 character or U+FFFD.
    `display_text` is `decode`'s text. Newlines are as in the file ("\\r\\n", "\\r" or
    "\\n"; `newline` is the first one, for a line a fix adds).

    `encode(text)` writes the BOM and encodes `text` in `encoding` ("utf-8" for UTF-8
    and mixed files, "cp1252" for a Windows-1252 one, or the BOM's), lone surrogates
    back to the bytes they stand for: `encode(self.text)` is the file's bytes, and an
    edited text keeps every unchanged character's bytes. An edit should replace whole
    characters it has checked (ASCII labels): bytes moved next to each other can read
    differently the next time (an invalid byte beside a new one making valid UTF-8), so
    a fixer reads its result again before it writes.
    """

    text: str = field(repr=False)
    display_text: str = field(repr=False)
    bom: bytes
    encoding: str
    errors: str  # the error handler that turns `text`'s lone surrogates back into bytes

    @cached_property
    def newline(self) -> str:
        """The file's first line end, or "\\n" when it has none."""
        found = _LINE_END.search(self.text)
        return found.group() if found is not None else "\n"

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(found.end() for found in _LINE_END.finditer(self.text))]

    def offset(self, line: int, column: int) -> int:
        """The index in `text` of a reader's Location(line, column) (both 1-based).

        Lines end as the readers end them: at "\\r\\n", a lone "\\r" or "\\n"; a column
        counts characters from 1. Column len(line) + 1 is the line's end. Raises
        ValueError for a place the text does not have.
        """
        starts = self._line_starts
        if not 1 <= line <= len(starts) or column < 1:
            raise ValueError(f"line {line} column {column} is not in the text")
        start = starts[line - 1]
        if line < len(starts):
            end = starts[line] - (2 if self.text.startswith("\r\n", starts[line] - 2) else 1)
        else:
            end = len(self.text)
        if start + column - 1 > end:
            raise ValueError(f"line {line} column {column} is not in the text")
        return start + column - 1

    def encode(self, text: str) -> bytes:
        """`text` as the file's bytes: the BOM, then `text` in the file's encoding.

        Raises DocumentError (one line) for a character the encoding cannot hold.
        """
        try:
            return self.bom + text.encode(self.encoding, self.errors)
        except UnicodeEncodeError as exc:
            char = exc.object[exc.start]
            name = _NAMES.get(self.encoding, self.encoding)
            raise DocumentError(
                f"{char!r} (U+{ord(char):04X}) cannot be written in this file's encoding ({name})"
            ) from None


def faithful(data: bytes) -> Faithful:
    """Read a text file as `decode` does, to write it back exactly (see `Faithful`).

    Raises DocumentError (one line) for what `decode` refuses (binary data), and for a
    file after a byte-order mark whose invalid sequences have no exact text: a UTF-16 or
    UTF-32 file cut within a character, a UTF-32 value beyond Unicode, or UTF-8 whose
    invalid sequence `decode` shows as one U+FFFD for several bytes.
    """
    shown, bom, how = _decoded(data)
    if not bom and how == "utf-8":
        return Faithful(shown, shown, b"", "utf-8", "surrogateescape")
    if not bom:  # one character per byte that is not UTF-8, as `decode` reads it
        encoding = "cp1252" if how == "cp1252" else "utf-8"
        text = data.decode(encoding, "surrogateescape")
        return Faithful(text, shown, b"", encoding, "surrogateescape")
    errors = "surrogateescape" if how == "utf-8" else "surrogatepass"
    try:
        text = data[len(bom) :].decode(how, errors)
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"invalid {_NAMES[how]} at byte {len(bom) + exc.start}: "
            "the file cannot be rewritten exactly"
        ) from None
    # `decode` read each invalid sequence as one U+FFFD, this text as one character per
    # byte (UTF-8) or code unit: the same indexes exactly when they are as long.
    if len(text) != len(shown):
        raise DocumentError(
            f"invalid {_NAMES[how]} of several bytes read as one character: "
            "the file cannot be rewritten exactly"
        )
    return Faithful(text, shown, bom, how, errors)


def line_end(text: str, at: int) -> int:
    """Where the line holding `at` ends (its "\\n", "\\r" or "\\r\\n"; the text's end):
    the next "\\r" is looked for only up to the next "\\n", so that a long text with
    one kind of line end is not scanned to its end each time."""
    newline = text.find("\n", at)
    stop = newline if newline >= 0 else len(text)
    carriage = text.find("\r", at, stop)
    return carriage if carriage >= 0 else stop
