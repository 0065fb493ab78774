"""Where footnote and citation references stand in the reST source.

docutils gives inline nodes no line. Every reference token (`[1]_`, `[#]_`,
`[#label]_`, `[*]_`, `[CIT2002]_`) is found in the source with one scan; a
reference node then takes the first token written as it is, not yet taken, at or
after the first line of the block that holds it (the block's line is known). Tokens
that docutils did not read as references (inside literal text or code) are never
asked for, so they are simply left over.

"Next token not yet taken at or after a position" is a union-find over each
token's occurrences, so a document of thousands of identical `[#]_` stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Location

_TOKEN = pattern_store.compile(r"\[[^\[\]\s]{1,200}\]_")


class _Occurrences:
    """The offsets of one token, each taken once."""

    __slots__ = ("_after", "lines", "offsets")

    def __init__(self) -> None:
        self.offsets: list[int] = []
        self.lines: list[int] = []
        # _after[i]: an index at or before the first untaken occurrence from i on.
        self._after: list[int] = []

    def add(self, offset: int, line: int) -> None:
        self._after.append(len(self.offsets))
        self.offsets.append(offset)
        self.lines.append(line)

    def take(self, line: int) -> int | None:
        """The offset of the first untaken occurrence on `line` or later, now taken."""
        first = bisect_left(self.lines, line)
        found = self._untaken(first)
        if found is None:
            return None
        self._after[found] = found + 1
        return self.offsets[found]

    def _untaken(self, index: int) -> int | None:
        after = self._after
        end = len(after)
        root = index
        while root < end and after[root] != root:
            root = after[root]
        while index < end and after[index] != index:  # path compression
            after[index], index = root, after[index]
        return root if root < end else None


class SourcePositions:
    """Lines and reference tokens of one source text ("\\n" ends a line)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self._tokens: dict[str, _Occurrences] = {}
        for match in _TOKEN.finditer(text):
            offset = match.start()
            occurrences = self._tokens.setdefault(match.group(), _Occurrences())
            occurrences.add(offset, self.line_of(offset))

    def line_of(self, offset: int) -> int:
        return bisect_right(self._starts, offset)

    @property
    def last_line(self) -> int:
        return len(self._starts)

    def block_start(self, line: int) -> Location:
        """Where a block that starts on `line` begins: its first non-blank character."""
        line = min(max(line, 1), self.last_line)
        start = self._starts[line - 1]
        end = self._text.find("\n", start)
        text = self._text[start : end if end >= 0 else len(self._text)]
        return Location(line, len(text) - len(text.lstrip()) + 1)

    def reference(self, token: str, line: int) -> Location | None:
        """Where the reference written `token`, in a block from `line` on, stands."""
        occurrences = self._tokens.get(token)
        if occurrences is None:
            return None
        offset = occurrences.take(line)
        if offset is None:
            offset = occurrences.take(1)  # the block's line was too late: the first left
        if offset is None:
            return None
        line = self.line_of(offset)
        return Location(line, offset - self._starts[line - 1] + 1)
