"""Where a plain `[N]` report's notes are: the trailing block of lines that start notes.

Finding the notes block:

1. Take the last line that starts a note; its style (bracket, dot, paren, super)
   is the block's style.
2. Walk back over earlier lines that start a note in the same style. An earlier one
   joins the block when its number is smaller than the block's current first note
   (the lines between become that note's continuation) unless the lines between
   open a paragraph that cites that first note (notes printed after the paragraphs
   that cite them: `chapters` reads the earlier ones), or, for `[N]` and
   superscript notes, when the few lines between hold no body markers (a label
   defined twice, notes out of order). The walk stops at the first that fails, and
   at a notes heading.
3. A notes heading above the block, with only same-style note starts and their
   continuations between, moves the start of the block up to the first note under
   it (numbered notes out of order under "Notes"). `N.` and `N)` lines with no
   heading are notes only when the body cites one of their labels: otherwise they
   are a numbered list that ends the report. Under a heading they are notes when
   they end the report (nothing after them but notes, a copyright line, a trailer)
   or the body cites them: a list of points under a "Notes:" lead-in with more body
   after it (a marker, a paragraph of prose) is body.

The last note runs on over indented lines; in a file whose notes are separated by
blank lines, to the next blank line; in a file with one note per line, over an
unindented line only when the line before it looks hard-wrapped.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lines import Lines
from .marks import (
    MAX_LABEL,
    MarkerSpan,
    NoteStart,
    is_notes_heading,
    is_rule_line,
    match_note_start,
)

__all__ = [
    "Block",
    "Source",
    "find_block",
    "is_blank",
    "is_indented",
    "last_note_end",
    "note_candidates",
]

# A same-style note whose number is not below the block's first joins the block only
# across this many non-blank lines with no markers ("[3] a" then "[3] b").
_SAME_OR_HIGHER_GAP = 3
# A lower-numbered note joins across any gap without markers, or across a short one with.
_LOWER_GAP_WITH_MARKERS = 10
# A line this long, not ending a sentence, is hard-wrapped: the next line goes on with it.
_WRAP_WIDTH = 60
# Body after a numbered list: this many lines running, each at least this long, or
# one line as long as a paragraph.
_PROSE_RUN = 2
_PROSE_LINE = 40
_PARAGRAPH_LINE = 100
_TERMINAL = (".", "!", "?", '"', "”", "'", "’", ")", "]")
_BRACKETISH = ("bracket", "super")


class Source:
    """A host's lines, with the note starts and marker groups looked up once each.

    `candidates` are the lines that may start a note (a digit, "[" or a superscript
    after at most three spaces, or a start the host knows), found once and shared
    between label ranges.
    """

    __slots__ = ("_markers", "candidates", "host", "lines", "max_label", "starts")

    def __init__(self, host: Lines, candidates: list[int], max_label: int = MAX_LABEL) -> None:
        self.host = host
        self.lines = host.texts
        self.candidates = candidates
        self.max_label = max_label
        known = host.known_starts
        self.starts: list[NoteStart | None] = [None] * len(self.lines)
        for i in candidates:
            self.starts[i] = known.get(i) or match_note_start(self.lines[i], max_label)
        self._markers: dict[int, list[MarkerSpan]] = {}

    def markers(self, index: int) -> list[MarkerSpan]:
        found = self._markers.get(index)
        if found is None:
            found = self.host.markers(index, self.max_label)
            self._markers[index] = found
        return found


def note_candidates(host: Lines) -> list[int]:
    """The lines that may start a note: a cheap look at each line before the regex."""
    known = host.known_starts
    found: list[int] = []
    for i, line in enumerate(host.texts):
        first = line[:1]
        if first == "[" or first.isdigit():
            found.append(i)
        elif first == " ":
            head = line[:4].lstrip(" ")
            if (head and (head[0] == "[" or head[0].isdigit())) or i in known:
                found.append(i)
        elif known and i in known:
            found.append(i)
    return found


def is_blank(line: str) -> bool:
    return not line or line.isspace()


def is_indented(line: str) -> bool:
    return line[:1] in (" ", "\t") and not line.isspace()


def _looks_wrapped(line: str) -> bool:
    stripped = line.rstrip()
    return len(stripped) >= _WRAP_WIDTH and not stripped.endswith(_TERMINAL)


class Block:
    """Where the notes are: their start lines, the heading line (if any), where they end."""

    __slots__ = ("end", "heading", "starts")

    def __init__(self, starts: list[int], heading: int | None, end: int) -> None:
        self.starts = starts
        self.heading = heading
        self.end = end

    @property
    def body_end(self) -> int:
        return self.heading if self.heading is not None else self.starts[0]


def _opens_paragraph(lines: Sequence[str], index: int) -> bool:
    """Whether line `index` opens an unindented paragraph (a blank line before it)."""
    return index > 0 and is_blank(lines[index - 1]) and not is_indented(lines[index])


def find_block(src: Source) -> Block | None:
    lines, starts = src.lines, src.starts
    last = next((i for i in reversed(src.candidates) if starts[i] is not None), None)
    if last is None:
        return None
    last_start = starts[last]
    assert last_start is not None
    style = last_start.style
    first, first_label = last, int(last_start.label)

    # 2. Walk back over same-style note starts.
    # A gap that opens a paragraph of its own and cites the note after it is body:
    # notes printed after the paragraphs that cite them (`chapters` reads them).
    gap_lines, gap_markers, gap_cites, gap_paragraph = 0, False, False, False
    stop = -1  # the line where the walk stopped (a failed note start or a heading)
    heading: int | None = None
    for j in range(last - 1, -1, -1):
        line = lines[j]
        st = starts[j]
        if st is not None and st.style == style:
            label = int(st.label)
            if label < first_label:
                accept = not (gap_cites and gap_paragraph) and (
                    not gap_markers or gap_lines <= _LOWER_GAP_WITH_MARKERS
                )
            else:
                accept = (
                    style in _BRACKETISH and not gap_markers and gap_lines <= _SAME_OR_HIGHER_GAP
                )
            if not accept:
                stop = j
                break
            first, first_label = j, label
            gap_lines, gap_markers, gap_cites, gap_paragraph = 0, False, False, False
        elif is_notes_heading(line):
            heading = j
            break
        elif not is_blank(line):
            gap_lines += 1
            spans = src.markers(j)
            if spans:
                gap_markers = True
                gap_cites = gap_cites or any(str(first_label) in s.labels for s in spans)
            gap_paragraph = gap_paragraph or _opens_paragraph(lines, j)
            if gap_markers and gap_lines > _LOWER_GAP_WITH_MARKERS:
                break  # no earlier note can join across this much cited text

    # 3. A notes heading above, with only this style's notes and their text between.
    if heading is None and stop >= 0:
        for j in range(stop, -1, -1):
            line = lines[j]
            if is_notes_heading(line):
                heading = j
                break
            st = starts[j]
            if st is not None and st.style != style:
                break
            if st is None and not is_indented(line) and src.markers(j):
                break
    if heading is not None:
        under = heading + 1
        while under < first and (is_blank(lines[under]) or is_rule_line(lines[under])):
            under += 1
        st = starts[under] if under <= last else None
        if st is not None and st.style == style:
            first = under
        else:
            heading = None  # a body heading ("Footnotes" over a section of text)
    block = [j for j in range(first, last + 1) if (s := starts[j]) is not None and s.style == style]

    end = last_note_end(src, block)
    if style not in _BRACKETISH and (heading is None or _body_follows(src, end)):
        # "1." lines with no heading, or with more body after them: notes only if the
        # body cites one of them.
        labels = {s.label for j in block if (s := starts[j]) is not None}
        cited = any(
            label in labels
            for j in range(first)
            if not is_blank(lines[j])
            for span in src.markers(j)
            for label in span.labels
        )
        if not cited:
            return None
    return Block(block, heading, end)


def _body_follows(src: Source, end: int) -> bool:
    """Whether more body follows line `end`: a marker, or a paragraph of prose (two long
    lines running, or one paragraph-long line), before any notes heading. A copyright
    line, a short licence footer or an editor's trailer after the notes is no body."""
    running = 0
    for j in range(end, len(src.lines)):
        line = src.lines[j]
        if is_blank(line):
            running = 0
        elif is_notes_heading(line):
            return False
        elif src.markers(j):
            return True
        else:
            width = len(line.strip())
            running = running + 1 if width >= _PROSE_LINE else 0
            if running >= _PROSE_RUN or width >= _PARAGRAPH_LINE:
                return True
    return False


def last_note_end(src: Source, block: list[int]) -> int:
    """The line after the last line of the last note."""
    lines, starts = src.lines, src.starts
    n = len(lines)
    last = block[-1]
    if len(block) > 1:
        separated = sum(1 for j in block[1:] if is_blank(lines[j - 1]))
        blank_style = separated * 2 >= len(block) - 1
    else:
        blank_style = any(is_blank(line) for line in lines[:last])
    end = last + 1
    previous = lines[last]
    label_only = starts[last]
    if (
        label_only is not None
        and not lines[last][label_only.text_start :].strip()
        and end < n
        and not is_blank(lines[end])
    ):
        end += 1  # "[4]" alone on its line, its text on the next
        previous = lines[end - 1]
    while end < n:
        line = lines[end]
        if is_blank(line):
            k = end
            while k < n and is_blank(lines[k]):
                k += 1
            if k < n and is_indented(lines[k]):
                end = k  # an indented paragraph (or code) under the note
                previous = lines[k]
                continue
            break
        if blank_style or is_indented(line) or _looks_wrapped(previous):
            previous = line
            end += 1
            continue
        break
    return end
