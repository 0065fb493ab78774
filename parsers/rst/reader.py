"""The reST reader's entry point: `parse(data, path)` turns a reST file into a `Document`.

The bytes are decoded as every text format is (`decode`), line breaks made "\\n"
alone (docutils would also break lines at form feeds and Unicode separators, and
its line numbers would then differ from an editor's), docutils reads the text
(`engine`), and one walk over its tree (`walk`) gives the paragraphs and notes,
their places found in the source (`positions`).
"""

from __future__ import annotations

from footcheck.footnotes.model import Document

from ..decode import decode
from .engine import read_tree
from .labels import Labels
from .metadata import metadata
from .positions import SourcePositions
from .walk import Walker

__all__ = ["FORMAT", "parse"]

FORMAT = "rst"

# Characters that would break a line for docutils but not for an editor; NUL, which
# docutils uses itself to mark backslash escapes.
_NOT_LINE_BREAKS = str.maketrans(
    {c: " " for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"} | {"\x00": "\ufffd"}
)


def parse(data: bytes, path: str) -> Document:
    """Read a reST document. Raises only `DocumentError` (binary, or what docutils cannot read)."""
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n").translate(_NOT_LINE_BREAKS)
    document = read_tree(text, path)
    walker = Walker(SourcePositions(text), Labels(document))
    walker.run(document)
    return Document(
        path,
        FORMAT,
        tuple(walker.paragraphs),
        tuple(walker.notes),
        metadata=metadata(document),
    )
