"""What the passes of the Markdown reader hand each other: sources and blocks.

A `Source` is text to block-parse with a map back to the file's lines and columns
(the file itself, or a footnote definition's dedented lines); a `Block` is one block
with inline content as the block pass found it; a `Definition` is a footnote
definition, its labels and its body as a source of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Location

NEWLINE = pattern_store.compile(r"\n")


@dataclass(slots=True)
class Source:
    """Text to block-parse, with each of its lines' place in the file.

    The main source is the file itself; a footnote definition's dedented lines form a
    source of their own. `lines[i]` is the file's 1-based line of line i, `cols[i]` the
    0-based column in that file line where line i's text begins.
    """

    text: str
    lines: list[int]
    cols: list[int]
    depth: int = 0
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.starts:
            self.starts = [0, *(m.end() for m in NEWLINE.finditer(self.text))]

    def line_text(self, i: int) -> str:
        start = self.starts[i]
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.text[start:end]

    def location(self, line: int, col: int) -> Location:
        """The file location of 0-based column `col` of this source's line `line`."""
        if line >= len(self.lines):
            line = len(self.lines) - 1
        return Location(self.lines[line], self.cols[line] + col + 1)


@dataclass(slots=True)
class Definition:
    """A footnote definition: its labels (`[^1]:[^2]: x` defines two) and its content."""

    labels: list[tuple[str, Location]]
    body: Source


@dataclass(slots=True)
class Block:
    """One block with inline content, as the block pass found it."""

    kind: str  # "para", "heading", "html", "code", "row"
    source: Source
    first: int  # first line in source
    content: str
    cells: list[tuple[str, int]] | None = None  # a table row's cells: (content, line)
    item: str | None = None  # the number an ordered list item displays, if the block opens one
    item_end: int | None = None  # the line after the list item the block opens, if it opens one
    level: int = 0  # a heading's rank, 1 to 6 (0 for other blocks)
