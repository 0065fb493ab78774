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

The lines between two note starts belong to the earlier note. The last note runs
on over indented lines; in a file whose notes are separated by blank lines, to the
next blank line; in a file with one note per line, over an unindented line only
when the line before it looks hard-wrapped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from footcheck.footnotes.model import Document, Note, Paragraph

from .chapters import Group, earlier_groups
from .lines import RULE_CHARS, Lines
from .marks import MAX_LABEL, is_rule_line
from .noteblock import Source, find_block, is_blank, note_candidates
from .scopes import scoped

__all__ = ["document", "read", "read_body", "read_paragraphs"]

# Labels past 999 are read only in a report whose notes already run up to here (a
# bracketed four-digit number is otherwise a year); they may then go up to _WIDE_LABEL.
_WIDEN_AT = 900
_WIDE_LABEL = 99_999

# A line longer than this is a whole paragraph, not one line of a hard-wrapped one.
_PARAGRAPH_LINE = 100
# A line shorter than this, with a capital after it, ends a line of its own ("TO: Council").
_SHORT_LINE = 50
_LIST_ITEM_START = ("- ", "* ", "+ ", "• ", "– ", "— ")
_LIST_CHARS = frozenset("-*+•–— \t")


def _body(src: Source, end: int, groups: Sequence[Group] = ()) -> list[Paragraph]:
    """The body paragraphs in lines [0, end) outside `groups` of notes: runs of non-blank
    lines, or one per line."""
    lines, starts, max_label = src.lines, src.starts, src.max_label
    host, block_starts = src.host, src.host.block_starts
    paragraphs: list[Paragraph] = []
    one_per_line = not any(is_blank(lines[i]) for i in range(end))
    first = -1  # the first line of the paragraph being read

    def emit(stop: int) -> None:
        builder = host.render(first, 0, stop, max_label, note=False)
        if not builder.is_empty():
            paragraphs.append(builder.paragraph(host.paragraph_location(first)))

    spans = [0, *(k for g in groups for k in (g.first, g.end)), end]
    for begin, stop in zip(spans[::2], spans[1::2], strict=True):
        for i in range(begin, stop):
            line = lines[i]
            if not line or line.isspace() or (line[0] in RULE_CHARS and is_rule_line(line)):
                if first >= 0:
                    emit(i)
                    first = -1
            elif first < 0:
                first = i
            elif starts[i] is not None or (
                i in block_starts if block_starts is not None else one_per_line or _splits(lines, i)
            ):
                emit(i)
                first = i
        if first >= 0:
            emit(stop)
            first = -1
    return paragraphs


def _splits(lines: Sequence[str], i: int) -> bool:
    """Whether line `i` starts a new paragraph, by its text alone (the line before is text),
    in a file whose paragraphs are more than one line each."""
    line, previous = lines[i], lines[i - 1]
    return (
        len(line) > _PARAGRAPH_LINE
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


def _notes(src: Source, note_starts: Sequence[int], end: int) -> list[Note]:
    """The notes that start on lines `note_starts`, the last running to line `end`."""
    lines, starts, host = src.lines, src.starts, src.host
    notes: list[Note] = []
    bounds = [*note_starts[1:], end]
    for j, stop in zip(note_starts, bounds, strict=True):
        st = starts[j]
        assert st is not None
        builder = host.render(j, st.text_start, stop, src.max_label, note=True)
        indent = len(lines[j]) - len(lines[j].lstrip(" "))
        notes.append(builder.note(st.label, host.location(j, indent)))
    return notes


def _label(src: Source, index: int) -> str:
    start = src.starts[index]
    return start.label if start is not None else "0"


def read(host: Lines) -> tuple[tuple[Paragraph, ...], tuple[Note, ...]]:
    """The body paragraphs and the notes of a document written in the plain convention."""
    candidates = note_candidates(host)
    src = Source(host, candidates)
    block = find_block(src)
    if block is not None and max(int(_label(src, j)) for j in block.starts) >= _WIDEN_AT:
        wide = Source(host, candidates, _WIDE_LABEL)
        wide_block = find_block(wide)
        if wide_block is not None:
            src, block = wide, wide_block
    if block is None:
        return tuple(_body(src, len(src.lines))), ()
    groups = earlier_groups(src, block)
    if not groups:
        return tuple(_body(src, block.body_end)), tuple(_notes(src, block.starts, block.end))
    notes = [note for g in groups for note in _notes(src, g.starts, g.end)]
    notes += _notes(src, block.starts, block.end)
    return scoped(_body(src, block.body_end, groups), notes)


def read_body(host: Lines, max_label: int = MAX_LABEL) -> tuple[Paragraph, ...]:
    """The paragraphs of a document whose notes stand apart (every line given is body).

    No line starts a note here, so none splits a paragraph: a hard-wrapped line that
    opens with a marker (`[7] Two men desired...`) goes on with its paragraph.
    """
    src = Source(host, [], max_label)
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
