"""Where a block's inline text lies in the file: content offsets -> file locations.

Inline content is a block's text after markdown-it has cut its indents, list and
quote markers (and a table cell's pipes); a `Locator` finds each content line in its
source line to give offsets back their file line and column.
"""

from __future__ import annotations

import bisect

from footcheck.footnotes.model import Location

from .source import NEWLINE, Source


class Locator:
    """Offsets in a block's inline content -> file locations.

    Most blocks are one line and most are asked only where they start, so the index of
    the content's newlines is made on the first question about a later line.
    """

    __slots__ = ("_cursor", "_first", "_inline", "_lead", "_nl", "_nl0", "_source", "content")

    def __init__(self, source: Source, first: int, content: str, *, inline: bool) -> None:
        self._source = source
        self._first = first
        self.content = content
        self._nl0 = content.find("\n")  # the first newline, -1 if none
        self._nl: list[int] | None = None if self._nl0 >= 0 else []
        self._lead: dict[int, int] = {}
        self._inline = inline
        self._cursor = -1

    def _newlines(self) -> list[int]:
        if self._nl is None:
            self._nl = [m.start() for m in NEWLINE.finditer(self.content, self._nl0)]
        return self._nl

    def cell(self, cursor: int) -> int:
        """Locate a table cell on its line from `cursor` on; returns the end of the cell."""
        self._cursor = cursor
        self._lead.clear()
        col = self.lead(0)
        return col + len(self.content)

    def lead(self, k: int) -> int:
        """The column of the file line where content line `k` begins."""
        col = self._lead.get(k)
        if col is not None:
            return col
        if k:
            nl = self._newlines()
            start = nl[k - 1] + 1
            end = nl[k] if k < len(nl) else len(self.content)
        else:
            start = 0
            end = self._nl0 if self._nl0 >= 0 else len(self.content)
        piece = self.content[start:end]
        line = self._source.line_text(min(self._first + k, len(self._source.starts) - 1))
        if self._cursor >= 0:
            found = line.find(piece, self._cursor) if piece else self._cursor
            col = found if found >= 0 else self._cursor
        elif self._inline and piece and not piece[-1].isspace() and line.endswith(piece):
            col = len(line) - len(piece)  # the common case, without stripped copies
        else:
            tail = piece.rstrip()
            stripped = line.rstrip()
            if self._inline and tail and stripped.endswith(tail):
                col = len(stripped) - len(tail)
            else:
                body = piece.lstrip()
                found = line.find(body) if body else -1
                col = max(0, found - (len(piece) - len(body))) if found >= 0 else 0
        self._lead[k] = col
        return col

    def __call__(self, offset: int) -> Location:
        if self._nl0 < 0 or offset <= self._nl0:  # on the first line
            return self._source.location(self._first, self.lead(0) + offset)
        nl = self._newlines()
        k = bisect.bisect_left(nl, offset)
        start = nl[k - 1] + 1 if k else 0
        return self._source.location(self._first + k, self.lead(k) + offset - start)

    def start(self) -> Location:
        content = self.content
        # Most content starts with its text: no stripped copy of it is made then.
        lead = len(content) - len(content.lstrip()) if content[:1].isspace() else 0
        return self(lead)
