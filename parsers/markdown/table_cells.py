"""A GFM table's cells as markdown-it-py 4.3's table rule cuts them, for the pyromark pass.

pulldown-cmark finds where a table stands; its rows' cells are cut here from the
lines, as markdown-it's `rules_block/table.py` does (the cells' content trimmed,
split on pipes that are not escaped, a header's count of columns for every row),
so that both block passes give the same cells. `header_cells` also says whether
markdown-it would read the two lines as a table's start at all.
"""

from __future__ import annotations

from footcheck.footnotes import pattern_store

from .commonmark import trim
from .line_marks import LineMarks

_ALIGN = pattern_store.compile(r"^:?-+:?$")
# markdown-it's bound on the empty cells it adds to short rows
MAX_AUTOCOMPLETED_CELLS = 0x10000


def _escaped_split(text: str) -> list[str]:
    """Split on `|` not escaped by a backslash; `\\|` keeps its pipe, loses its backslash."""
    result: list[str] = []
    current = ""
    last = 0
    escaped = False
    for pos, ch in enumerate(text):
        if ch == "|":
            if not escaped:
                result.append(current + text[last:pos])
                current = ""
                last = pos + 1
            else:
                current += text[last : pos - 1]
                last = pos
        escaped = ch == "\\"
    result.append(current + text[last:])
    return result


def _columns(text: str) -> list[str]:
    columns = _escaped_split(text)
    if columns and columns[0] == "":
        columns.pop(0)
    if columns and columns[-1] == "":
        columns.pop()
    return columns


def _row_text(marks: LineMarks, line: int) -> str:
    return marks.src[marks.bMarks[line] + marks.shift(line) : marks.eMarks[line]]


def header_cells(marks: LineMarks, start: int, indent: int) -> list[str] | None:
    """The header cells of a table at line `start`, or None if markdown-it reads no table there."""
    delimiter = start + 1
    if delimiter >= marks.line_max or marks.sCount[delimiter] < indent:
        return None
    if marks.sCount[delimiter] - indent >= 4 or marks.shift(start) - indent >= 4:
        return None
    row = _row_text(marks, delimiter)
    if len(row) < 2 or row[0] not in "|-:" or (row[0] == "-" and row[1] in " \t"):
        return None
    if row[1] not in "|-: \t" or any(ch not in "|-: \t" for ch in row):
        return None
    aligns = 0
    parts = row.split("|")
    for i, part in enumerate(parts):
        cell = trim(part)
        if not cell:
            if i in (0, len(parts) - 1):
                continue
            return None
        if _ALIGN.search(cell) is None:
            return None
        aligns += 1
    header = trim(_row_text(marks, start))
    if "|" not in header:
        return None
    columns = _columns(header)
    if not columns or len(columns) != aligns:
        return None
    return [trim(column) for column in columns]


def body_cells(marks: LineMarks, line: int, count: int) -> tuple[list[str], int]:
    """A body row's `count` cells, and how many of them markdown-it adds as empty."""
    columns = _columns(trim(_row_text(marks, line)))
    cells = [trim(columns[i]) if i < len(columns) and columns[i] else "" for i in range(count)]
    return cells, count - len(columns)
