"""The HTML reader's entry point: `parse(data, path)` turns a page into a `Document`.

The page is loaded (`load`), its notes found (`notes`, and `distill` for a Distill
article's) and walked once (`walk`); a page without linked notes is read by the
plain-text convention instead (see the package), and so are the markers written as
text in the body of a page whose notes are a notes chapter's (`chapter`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Paragraph

from .distill import DistillPage
from .index import build_index
from .load import decode_page, parse_page
from .notes import Notes
from .positions import SourcePositions
from .walk import Walker

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

__all__ = ["FORMAT", "parse"]

FORMAT = "html"


def parse(data: bytes, path: str) -> Document:
    """Read an HTML report; `DocumentError` for input it cannot read."""
    root, text = parse_page(decode_page(data))
    if root is None:
        return Document(path, FORMAT, (), ())
    index = build_index(root, os.path.basename(path))
    notes = Notes(index)
    notes.find()
    cited = DistillPage(index.distill).apply(notes) if index.distill else []
    positions = SourcePositions(text)
    marked = False
    if (not notes.notes or notes.chapter) and not notes.cites:
        # No linked notes: the plain-text convention inside the page's blocks, unless
        # the page has references to notes that are missing or in another file, and
        # no notes of its own (FN001 must see every one of those references). A notes
        # chapter is read as one, unless the plain reading finds a report with markers
        # and notes of its own; its body may cite its notes as text ("[1]").
        plain = _plain(root, path, positions, index.metadata)
        marked = any(p.markers for p in plain.paragraphs)
        if notes.chapter:
            if marked and plain.notes:
                return plain
        elif plain.notes or not notes.refs:
            return plain
    walker = Walker(notes, positions)
    walker.run(root)
    paragraphs = tuple(walker.paragraphs)
    if marked and not any(p.markers for p in paragraphs):
        paragraphs = _cited_as_text(paragraphs)
    return Document(
        path,
        FORMAT,
        paragraphs,
        tuple(walker.result() + cited),
        metadata=index.metadata,
    )


def _cited_as_text(paragraphs: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
    """The body of a page whose notes are a notes chapter's, with the markers it writes
    as text (`[1]`, as a plain-text report does) read by the plain convention."""
    from ..lines import Lines
    from ..plain import read_body

    host = Lines([p.text for p in paragraphs], [p.location.line for p in paragraphs])
    host.block_starts = frozenset(range(len(paragraphs)))  # one paragraph each, as read
    return read_body(host)


def _plain(
    root: Element, path: str, positions: SourcePositions, metadata: dict[str, str]
) -> Document:
    """The page read as a plain-text report: one line per block (and per `<br>` line)."""
    from ..plain import read_paragraphs

    walker = Walker(None, positions, lines=True)
    walker.run(root)
    lines = [p.text for p in walker.paragraphs]
    numbers = [p.location.line for p in walker.paragraphs]
    return read_paragraphs(lines, numbers, path, FORMAT, metadata)
