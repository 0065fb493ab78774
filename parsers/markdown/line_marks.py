"""A source's lines as markdown-it's block state marks them, for the pyromark block pass.

markdown-it cuts a block's text with `StateBlock.getLines` from per-line marks: where
the line begins (`bMarks`), ends (`eMarks`), how many characters and columns its
indent takes (`tShift`, `sCount`). The pyromark pass (`pyromark_blocks`) takes only
the blocks' extents from pulldown-cmark and cuts their text here the way markdown-it
does, so that both passes give the same content. It only reads sources without tabs
(a column is a character) and without block quotes, where the marks are simple: a
line's indent is its leading spaces, except on a list item's first line while the
item is read, where the indent runs to the item's content (`item_content`).
"""

from __future__ import annotations

from .commonmark import trim
from .source import Source

_SPACES = " "


class LineMarks:
    """markdown-it's line marks of a source's top level (the `block_rules.LineState`)."""

    __slots__ = (
        "_override",
        "bMarks",
        "blkIndent",
        "eMarks",
        "line_max",
        "sCount",
        "src",
        "tShift",
    )

    def __init__(self, source: Source) -> None:
        text = source.text
        self.src = text
        self.bMarks = list(source.starts)
        self.eMarks = [start - 1 for start in source.starts[1:]]
        self.eMarks.append(len(text))
        if "\n " in text or text.startswith(" "):
            self.tShift = [
                len(line) - len(line.lstrip(_SPACES))
                for line in (text[b:e] for b, e in zip(self.bMarks, self.eMarks, strict=True))
            ]
        else:  # no line is indented: no line is cut to be measured
            self.tShift = [0] * len(self.bMarks)
        self.sCount = self.tShift  # no tabs: a column is a character
        self.blkIndent = 0
        # markdown-it's line count: a final newline opens no line of its own
        self.line_max = text.count("\n") + (0 if not text or text.endswith("\n") else 1)
        self._override: dict[int, int] = {}

    def line(self, index: int) -> str:
        return self.src[self.bMarks[index] : self.eMarks[index]]

    def shift(self, index: int) -> int:
        """The line's indent in characters, to its list item's content on an item's first line."""
        override = self._override.get(index)
        return self.tShift[index] if override is None else override

    def item_content(self, index: int, content_start: int) -> None:
        """Line `index` opens a list item whose content starts at `content_start` (in the line)."""
        self._override[index] = content_start

    def is_blank(self, index: int) -> bool:
        return self.bMarks[index] + self.tShift[index] >= self.eMarks[index]

    def get_lines(self, begin: int, end: int, indent: int, keep_last_lf: bool) -> str:
        """`StateBlock.getLines` for these marks: lines [begin, end) less `indent` columns."""
        src = self.src
        parts: list[str] = []
        for index in range(begin, end):
            first = self.bMarks[index] + min(indent, self.shift(index))
            last = self.eMarks[index] + 1 if index + 1 < end or keep_last_lf else self.eMarks[index]
            parts.append(src[first:last])
        return "".join(parts)

    def inline_content(self, begin: int, end: int, indent: int) -> str:
        """A paragraph's or setext heading's inline content, as markdown-it cuts it."""
        return trim(self.get_lines(begin, end, indent, False))
