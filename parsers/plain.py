"""THE plain `[N]` convention: body paragraphs with `[N]` or superscript markers, then the notes.

Every reader that meets this convention reads it here: plain text, and the Markdown,
HTML, DOCX and ODT documents that carry their notes the plain way (converted from
Word, typed by hand). The host gives its document as `Lines`: each line's text as
the convention reads it, and where it stands in the source (its line, or its
paragraph number). A host may know more than the text says (a Markdown list item's
displayed number, where its blocks start) and render a run of lines its own way
(markup removed): see `Lines`.

A plain-text report cites with `[3]`, `[2, 5]`, `[2-4]` or superscripts, and ends
with its notes: the trailing block of lines that start with `[N]`, `N.`, `N)` or a
superscript, with or without a "Notes" heading. Lines before the notes are the body;
lines after the last note that do not continue it (site boilerplate) are neither.

Finding the notes block:

1. Take the last line that starts a note; its style (bracket, dot, paren, super)
   is the block's style.
2. Walk back over earlier lines that start a note in the same style. An earlier one
   joins the block when its number is smaller than the block's current first note
   (the lines between become that note's continuation), or, for `[N]` and
   superscript notes, when the few lines between hold no body markers (a label
   defined twice, notes out of order). The walk stops at the first that fails, and
   at a notes heading.
3. A notes heading above the block, with only same-style note starts and their
   continuations between, moves the start of the block up to the first note under
   it (numbered notes out of order under "Notes"). `N.` and `N)` lines with no
   heading are notes only when the body cites one of their labels: otherwise they
   are a numbered list that ends the report.

The lines between two note starts belong to the earlier note. The last note runs
on over indented lines; in a file whose notes are separated by blank lines, to the
next blank line; in a file with one note per line, over an unindented line only
when the line before it looks hard-wrapped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from footcheck.footnotes.model import Document, Note, Paragraph

from .lines import RULE_CHARS, Lines
from .marks import (
    MAX_LABEL,
    MarkerSpan,
    NoteStart,
    is_notes_heading,
    is_rule_line,
    match_note_start,
)

__all__ = ["document", "read", "read_body", "read_paragraphs"]

# Labels past 999 are read only in a report whose notes already run up to here (a
# bracketed four-digit number is otherwise a year); they may then go up to _WIDE_LABEL.
_WIDEN_AT = 900
_WIDE_LABEL = 99_999

# A same-style note whose number is not below the block's first joins the block only
# across this many non-blank lines with no markers ("[3] a" then "[3] b").
_SAME_OR_HIGHER_GAP = 3
# A lower-numbered note joins across any gap without markers, or across a short one with.
_LOWER_GAP_WITH_MARKERS = 10
# A line this long, not ending a sentence, is hard-wrapped: the next line goes on with it.
_WRAP_WIDTH = 60
# A line longer than this is a whole paragraph, not one line of a hard-wrapped one.
_PARAGRAPH_LINE = 100
# A line shorter than this, with a capital after it, ends a line of its own ("TO: Council").
_SHORT_LINE = 50
_TERMINAL = (".", "!", "?", '"', "”", "'", "’", ")", "]")
_LIST_ITEM_START = ("- ", "* ", "+ ", "• ", "– ", "— ")
_BRACKETISH = ("bracket", "super")
_LIST_CHARS = frozenset("-*+•–— \t")


class _Source:
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


def _note_candidates(host: Lines) -> list[int]:
    """The lines that may start a note: a cheap look at each line before the regex."""
    known = host.known_starts
    found: list[int] = []
    for i, line in enumerate(host.texts):
        head = line[:4].lstrip(" ")
        if (head and (head[0] == "[" or head[0].isdigit())) or i in known:
            found.append(i)
    return found


def _is_blank(line: str) -> bool:
    return not line or line.isspace()


def _is_indented(line: str) -> bool:
    return line[:1] in (" ", "\t") and not line.isspace()


def _looks_wrapped(line: str) -> bool:
    stripped = line.rstrip()
    return len(stripped) >= _WRAP_WIDTH and not stripped.endswith(_TERMINAL)


class _Block:
    """Where the notes are: their start lines, the heading line (if any), where they end."""

    __slots__ = ("end", "heading", "starts")

    def __init__(self, starts: list[int], heading: int | None, end: int) -> None:
        self.starts = starts
        self.heading = heading
        self.end = end

    @property
    def body_end(self) -> int:
        return self.heading if self.heading is not None else self.starts[0]


def _find_block(src: _Source) -> _Block | None:
    lines, starts = src.lines, src.starts
    last = next((i for i in reversed(src.candidates) if starts[i] is not None), None)
    if last is None:
        return None
    last_start = starts[last]
    assert last_start is not None
    style = last_start.style
    first, first_label = last, int(last_start.label)

    # 2. Walk back over same-style note starts.
    gap_lines, gap_markers = 0, False
    stop = -1  # the line where the walk stopped (a failed note start or a heading)
    heading: int | None = None
    for j in range(last - 1, -1, -1):
        line = lines[j]
        st = starts[j]
        if st is not None and st.style == style:
            label = int(st.label)
            if label < first_label:
                accept = not gap_markers or gap_lines <= _LOWER_GAP_WITH_MARKERS
            else:
                accept = (
                    style in _BRACKETISH and not gap_markers and gap_lines <= _SAME_OR_HIGHER_GAP
                )
            if not accept:
                stop = j
                break
            first, first_label = j, label
            gap_lines, gap_markers = 0, False
        elif is_notes_heading(line):
            heading = j
            break
        elif not _is_blank(line):
            gap_lines += 1
            if not gap_markers and src.markers(j):
                gap_markers = True
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
            if st is None and not _is_indented(line) and src.markers(j):
                break
    if heading is not None:
        under = heading + 1
        while under < first and (_is_blank(lines[under]) or is_rule_line(lines[under])):
            under += 1
        st = starts[under] if under <= last else None
        if st is not None and st.style == style:
            first = under
        else:
            heading = None  # a body heading ("Footnotes" over a section of text)
    block = [j for j in range(first, last + 1) if (s := starts[j]) is not None and s.style == style]

    if heading is None and style not in _BRACKETISH:
        # "1." lines with no heading: notes only if the body cites one of them.
        labels = {s.label for j in block if (s := starts[j]) is not None}
        cited = any(
            label in labels
            for j in range(first)
            if not _is_blank(lines[j])
            for span in src.markers(j)
            for label in span.labels
        )
        if not cited:
            return None
    return _Block(block, heading, _last_note_end(src, block))


def _last_note_end(src: _Source, block: list[int]) -> int:
    """The line after the last line of the last note."""
    lines, starts = src.lines, src.starts
    n = len(lines)
    last = block[-1]
    if len(block) > 1:
        separated = sum(1 for j in block[1:] if _is_blank(lines[j - 1]))
        blank_style = separated * 2 >= len(block) - 1
    else:
        blank_style = any(_is_blank(line) for line in lines[:last])
    end = last + 1
    previous = lines[last]
    label_only = starts[last]
    if (
        label_only is not None
        and not lines[last][label_only.text_start :].strip()
        and end < n
        and not _is_blank(lines[end])
    ):
        end += 1  # "[4]" alone on its line, its text on the next
        previous = lines[end - 1]
    while end < n:
        line = lines[end]
        if _is_blank(line):
            k = end
            while k < n and _is_blank(lines[k]):
                k += 1
            if k < n and _is_indented(lines[k]):
                end = k  # an indented paragraph (or code) under the note
                previous = lines[k]
                continue
            break
        if blank_style or _is_indented(line) or _looks_wrapped(previous):
            previous = line
            end += 1
            continue
        break
    return end


def _body(src: _Source, end: int) -> list[Paragraph]:
    """The body paragraphs in lines [0, end): runs of non-blank lines, or one per line."""
    lines, starts, max_label = src.lines, src.starts, src.max_label
    host, block_starts = src.host, src.host.block_starts
    paragraphs: list[Paragraph] = []
    one_per_line = not any(_is_blank(lines[i]) for i in range(end))
    first = -1  # the first line of the paragraph being read

    def emit(stop: int) -> None:
        builder = host.render(first, 0, stop, max_label, note=False)
        if not builder.is_empty():
            paragraphs.append(builder.paragraph(host.paragraph_location(first)))

    for i in range(end):
        line = lines[i]
        if not line or line.isspace() or (line[0] in RULE_CHARS and is_rule_line(line)):
            if first >= 0:
                emit(i)
                first = -1
        elif first < 0:
            first = i
        elif starts[i] is not None or (
            i in block_starts if block_starts is not None else _splits(lines, i, one_per_line)
        ):
            emit(i)
            first = i
    if first >= 0:
        emit(end)
    return paragraphs


def _splits(lines: Sequence[str], i: int, one_per_line: bool) -> bool:
    """Whether line `i` starts a new paragraph, by its text alone (the line before is text)."""
    line, previous = lines[i], lines[i - 1]
    return (
        one_per_line
        or len(line) > _PARAGRAPH_LINE
        or len(previous) > _PARAGRAPH_LINE
        or (len(previous) < _SHORT_LINE and _line_of_its_own(previous, line))
        or (line[0] in _LIST_CHARS and line.lstrip(" \t").startswith(_LIST_ITEM_START))
    )


def _line_of_its_own(previous: str, line: str) -> bool:
    """Whether a short `previous` line stands alone ("TO: Council") though no blank follows.

    Long lines (over _PARAGRAPH_LINE) are never hard-wrapped: the caller checks those.
    """
    if len(previous.strip()) >= _SHORT_LINE:
        return False
    first = line.lstrip()[:1]
    return not (first.islower() or first in ("(", "[", "“", '"', "‘", "'"))


def _notes(src: _Source, block: _Block) -> list[Note]:
    lines, starts, host = src.lines, src.starts, src.host
    notes: list[Note] = []
    bounds = [*block.starts[1:], block.end]
    for j, stop in zip(block.starts, bounds, strict=True):
        st = starts[j]
        assert st is not None
        builder = host.render(j, st.text_start, stop, src.max_label, note=True)
        indent = len(lines[j]) - len(lines[j].lstrip(" "))
        notes.append(builder.note(st.label, host.location(j, indent)))
    return notes


def _label(src: _Source, index: int) -> str:
    start = src.starts[index]
    return start.label if start is not None else "0"


def read(host: Lines) -> tuple[tuple[Paragraph, ...], tuple[Note, ...]]:
    """The body paragraphs and the notes of a document written in the plain convention."""
    candidates = _note_candidates(host)
    src = _Source(host, candidates)
    block = _find_block(src)
    if block is not None and max(int(_label(src, j)) for j in block.starts) >= _WIDEN_AT:
        wide = _Source(host, candidates, _WIDE_LABEL)
        wide_block = _find_block(wide)
        if wide_block is not None:
            src, block = wide, wide_block
    if block is None:
        return tuple(_body(src, len(src.lines))), ()
    return tuple(_body(src, block.body_end)), tuple(_notes(src, block))


def read_body(host: Lines, max_label: int = MAX_LABEL) -> tuple[Paragraph, ...]:
    """The paragraphs of a document whose notes stand apart (every line given is body).

    No line starts a note here, so none splits a paragraph: a hard-wrapped line that
    opens with a marker (`[7] Two men desired...`) goes on with its paragraph.
    """
    src = _Source(host, [], max_label)
    return tuple(_body(src, len(src.lines)))


def document(
    host: Lines, path: str, fmt: str, metadata: Mapping[str, str] | None = None
) -> Document:
    """A `Document` of format `fmt` read from the host's lines by this convention."""
    paragraphs, notes = read(host)
    if metadata is None:
        return Document(path, fmt, paragraphs, notes)
    return Document(path, fmt, paragraphs, notes, metadata=metadata)


def read_paragraphs(
    texts: Sequence[str], numbers: Sequence[int], path: str, fmt: str, metadata: Mapping[str, str]
) -> Document:
    """A document given as paragraphs, each one line standing at its source line or
    paragraph number (`numbers`): an HTML page, a DOCX or ODT file without notes of its own."""
    return document(Lines(texts, numbers), path, fmt, metadata)
