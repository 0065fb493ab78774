"""Notes gathered at the end of each chapter: blocks of `[N]` notes before the last one.

A book or a long report may print its notes after each chapter (or after the
paragraph that cites them) rather than once at the end: a block of `[N]` lines,
often under a "Notes" or "Footnotes:" heading, then more body. `noteblock` finds
the last block; this module finds the earlier ones in the body before it. An
earlier block is a paragraph that opens with a `[N]` note start (after a blank line
or a notes heading), with the notes that follow it, separated by blank lines or on
lines of their own, in any order (a label out of order or defined twice is the
rules' business). It counts as notes only when the body since the previous block
cites one of its labels (the notes of what was just read): a paragraph that merely
opens with a marker cited nowhere before stays body.

Whether the numbering restarts in each chapter, and which markers belong to which
chapter, is `scopes`' business.
"""

from __future__ import annotations

from .marks import is_notes_heading, is_rule_line
from .noteblock import Block, Source, is_blank, is_indented

__all__ = ["Group", "earlier_groups"]


class Group:
    """An earlier block of notes: the lines it takes (heading included) and its note starts."""

    __slots__ = ("end", "first", "starts")

    def __init__(self, first: int, starts: list[int], end: int) -> None:
        self.first = first
        self.starts = starts
        self.end = end


def _opens_paragraph(src: Source, index: int) -> bool:
    if index == 0:
        return True
    previous = src.lines[index - 1]
    return is_blank(previous) or is_notes_heading(previous) or is_rule_line(previous)


def _extent(src: Source, first: int, limit: int, style: str) -> tuple[list[int], int]:
    """The note starts of a block from `first`, and the line after its last note."""
    lines, starts = src.lines, src.starts
    found = [first]
    end = first + 1
    j = first + 1
    while j < limit:
        if is_blank(lines[j]):
            k = j
            while k < limit and is_blank(lines[k]):
                k += 1
            st = starts[k] if k < limit else None
            if k < limit and ((st is not None and st.style == style) or is_indented(lines[k])):
                j = k
                continue
            break
        st = starts[j]
        if st is not None and st.style == style:
            found.append(j)
        j += 1
        end = j
    return found, end


def _cited(src: Source, begin: int, end: int, labels: set[str]) -> bool:
    """Whether lines [begin, end) hold a marker citing one of `labels`."""
    return any(
        label in labels
        for k in range(begin, end)
        if not is_blank(src.lines[k])
        for span in src.markers(k)
        for label in span.labels
    )


def _heading_above(src: Source, index: int, floor: int) -> int:
    """The notes heading just above line `index` (blank lines between), else `index`."""
    k = index - 1
    while k > floor and is_blank(src.lines[k]):
        k -= 1
    return k if k >= floor and is_notes_heading(src.lines[k]) else index


def earlier_groups(src: Source, block: Block) -> list[Group]:
    """The blocks of notes in the body before the last block, in document order."""
    starts = src.starts
    style = starts[block.starts[0]]
    if style is None or style.style != "bracket":
        return []
    limit = block.body_end
    groups: list[Group] = []
    taken = 0  # the first line after the last group found
    for i in src.candidates:
        if i >= limit:
            break
        st = starts[i]
        if i < taken or st is None or st.style != "bracket" or not _opens_paragraph(src, i):
            continue
        found, end = _extent(src, i, limit, "bracket")
        labels = {s.label for j in found if (s := starts[j]) is not None}
        first = _heading_above(src, i, taken)
        if _cited(src, taken, first, labels):
            groups.append(Group(first, found, end))
            taken = end
    return groups
