"""Turn a file's bytes into text: byte-order marks, UTF-8, and a legacy fallback.

Text formats (plain text, Markdown) go through `decode`; it refuses binary data with
a one-line `DocumentError` rather than handing garbage to a parser.
"""

from __future__ import annotations

import codecs

from footnotes.model import DocumentError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Bytes that never occur in text outside a few control characters (tab, newlines, form feed).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_SNIFF = 8192


def decode(data: bytes) -> str:
    """Decode a text file: a BOM decides; else UTF-8; else Windows-1252 (Word's curly quotes).

    Raises DocumentError for data that looks binary (NUL bytes, many control bytes).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DocumentError(f"invalid {encoding} text at byte {exc.start}") from None
    head = data[:_SNIFF]
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
    # cp1252 leaves five bytes undefined: they become U+FFFD rather than failing the file.
    return data.decode("cp1252", errors="replace")
