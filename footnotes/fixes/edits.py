"""Edits to a document's text: where each replacement goes, applied at once, and the diff.

A fix plans edits against the text as it was read (positions in characters); they are
applied together, from the end backwards, so that no edit moves another's position,
and edits that overlap are refused (a bug in a fix, never silently merged). The
diff is what `footcheck fix --diff` prints: unified, three lines of context, with the
file's own newlines kept and a missing final newline said, as `diff -u` says it.
"""

from __future__ import annotations

import difflib
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


def removal(text: str, start: int, end: int) -> Edit:
    """The edit that deletes `text[start:end]` (a note, a comment) tidily.

    Alone on its lines, the lines go, line ends included, and with them one of the
    blank lines around them when they stood between two (or at the end of the text),
    so that the blocks around keep one blank line between them. Sharing a line with
    other text, only the span goes, with the spaces that follow it (or precede it, at
    the line's end).
    """
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    line_end = _line_end(text, end)
    before, after = text[line_start:start], text[end:line_end]
    if before.strip() or after.strip():
        if after.strip():
            return Edit(start, end + len(after) - len(after.lstrip(" \t")))
        return Edit(start - len(before) + len(before.rstrip(" \t")), end)
    stop = _next_line(text, line_end)
    blank_before = line_start == 0 or _is_blank_line(text, _previous_line(text, line_start))
    if blank_before and stop < len(text) and _is_blank_line(text, stop):
        return Edit(line_start, _next_line(text, _line_end(text, stop)))
    if blank_before and stop >= len(text) and line_start > 0:
        return Edit(_previous_line(text, line_start), stop)
    return Edit(line_start, stop)


def _line_end(text: str, at: int) -> int:
    ends = [i for i in (text.find("\n", at), text.find("\r", at)) if i >= 0]
    return min(ends) if ends else len(text)


def _next_line(text: str, line_end: int) -> int:
    """Where the line after the one ending at `line_end` starts (len(text) at the end)."""
    if text.startswith("\r\n", line_end):
        return line_end + 2
    return min(line_end + 1, len(text))


def _previous_line(text: str, line_start: int) -> int:
    """Where the line before the one starting at `line_start` starts."""
    end = line_start - (2 if text.startswith("\r\n", line_start - 2) else 1)
    return max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1


def _is_blank_line(text: str, at: int) -> bool:
    return not text[at : _line_end(text, at)].strip()
