"""Edits to a document's text: where each replacement goes, applied at once, and the diff.

A fix plans edits against the text as it was read (positions in characters); they are
applied together, from the end backwards, so that no edit moves another's position,
and edits that overlap are refused (a bug in a fix, never silently merged). The
diff is what `footcheck fix --diff` prints: unified, three lines of context, with the
file's own newlines kept and a missing final newline said, as `diff -u` says it.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Edit:
    """Replace `text[start:end]` with `replacement` (an insertion when start == end)."""

    start: int
    end: int
    replacement: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"an edit must run forwards: {self.start}..{self.end}")


class OverlappingEdits(ValueError):
    """Two edits of one fix touch the same text."""


def apply(text: str, edits: Iterable[Edit]) -> str:
    """`text` with every edit made; OverlappingEdits when two touch the same characters
    (two insertions at one place are made in the order given)."""
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].start, item[1].end, item[0]))
    pieces: list[str] = []
    cursor = 0
    for _, edit in ordered:
        if edit.start < cursor or edit.end > len(text):
            raise OverlappingEdits(f"edits overlap or run past the text at {edit.start}")
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.replacement)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def unified_diff(path: str, before: str, after: str, context: int = 3) -> str:
    """A unified diff of two texts of the file at `path` ("" when they are equal)."""
    if before == after:
        return ""
    name = path.lstrip("/")  # "a/tmp/r.txt", as git writes an absolute path
    lines = difflib.unified_diff(_lines(before), _lines(after), f"a/{name}", f"b/{name}", n=context)
    out: list[str] = []
    for line in lines:
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:  # the last line of a text with no final newline
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> Sequence[str]:
    """The text's lines with their own line ends (\\r\\n, \\r or \\n) kept."""
    return text.splitlines(keepends=True) if "\r" in text else _split_newlines(text)


def _split_newlines(text: str) -> list[str]:
    """Lines ended by "\\n" only (str.splitlines would also break at form feeds and
    the Unicode line separators, which are not line ends in a report)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def removals(text: str, spans: Iterable[tuple[int, int]], quote: str | None = None) -> list[Edit]:
    """The edits that delete every `(start, end)` span of `text` (notes, comments) tidily,
    together.

    A span alone on its lines takes the lines, line ends included; spans sharing a
    line with other text take only themselves and the spaces after them (or before
    them, at the line's end). Blank lines left only between deleted lines go too, and
    around each run of deleted lines one blank line is kept where there was one on
    both sides (or none, at the end of the text), so the blocks around keep one blank
    line between them. Spans that overlap or lie in deleted lines are merged. `quote`:
    the characters that open a quoted line and count as its margin (Markdown's ">"),
    so that a note in a block quote takes its line and a quote's blank line ">" is
    blank.
    """

    def empty(piece: str) -> bool:
        return not (piece.replace(quote, " ") if quote else piece).strip()

    lines = [m.span() for m in _LINE.finditer(text)]
    starts = [start for start, _ in lines]
    doomed: set[int] = set()
    inline: list[tuple[int, int]] = []
    for start, end in spans:
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, max(start, end - 1)) - 1
        line_start, line_end = lines[first][0], _content_end(text, *lines[last])
        if not empty(text[line_start:start]) or text[end:line_end].strip():
            inline.append(_inline(text, start, end, line_start, line_end))
        else:
            doomed.update(range(first, last + 1))
    blank = [empty(text[a:b]) for a, b in lines]
    runs = _runs(sorted(doomed), blank)
    edits = []
    for first, last in runs:
        if (first == 0 or blank[first - 1]) and last + 1 < len(lines) and blank[last + 1]:
            if first > 0 and text[slice(*lines[first - 1])].strip():
                first -= 1  # a quote's blank line (">") goes, the truly blank one stays
            else:
                last += 1
        elif first > 0 and blank[first - 1] and last + 1 == len(lines):
            first -= 1
        edits.append(Edit(lines[first][0], lines[last][1]))
    for start, end in sorted(inline):
        if any(e.start <= start and end <= e.end for e in edits):
            continue
        if edits and edits[-1].end > start and not edits[-1].replacement:
            edits[-1] = Edit(edits[-1].start, max(end, edits[-1].end))
        else:
            edits.append(Edit(start, end))
    return _merged(edits)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _content_end(text: str, start: int, end: int) -> int:
    """The end of a line's text, its line end excluded."""
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    return end


def _inline(text: str, start: int, end: int, line_start: int, line_end: int) -> tuple[int, int]:
    after = text[end:line_end]
    if after.strip():
        return start, end + len(after) - len(after.lstrip(" \t"))
    before = text[line_start:start]
    return start - len(before) + len(before.rstrip(" \t")), end


def _runs(doomed: list[int], blank: list[bool]) -> list[tuple[int, int]]:
    """Runs of deleted lines (first, last), joined over the blank lines between them."""
    runs: list[tuple[int, int]] = []
    for index in doomed:
        if runs and all(blank[i] for i in range(runs[-1][1] + 1, index)):
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def _merged(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for edit in sorted(edits):
        if out and edit.start <= out[-1].end:
            out[-1] = Edit(out[-1].start, max(out[-1].end, edit.end))
        else:
            out.append(edit)
    return out
