"""Project Gutenberg footnotes: `[Footnote 1: text]` blocks set among the paragraphs.

A Project Gutenberg plain-text book prints each footnote as a bracketed block of its
own, `[Footnote 1: text]` (one line or many, brackets nested inside), after the
paragraph that cites it or gathered at the end of its chapter; the marker in the text
is `[1]`. Some books letter or star their notes (`[Footnote A: ...]` cited as `[A]`,
then `[AA]` past Z; `[Footnote *: ...]` cited as `[*]`), and many number them afresh in each chapter
(`scopes` gives each chapter its own scope). Other bracketed blocks are no notes:
`[Illustration: ...]`, `[Sidenote: ...]`, transcriber notation (`[=a]` for a macron),
editorial insertions (`[trail]`), a bracketed source in the text.

The book's frame (the Project Gutenberg header before `*** START OF THE PROJECT
GUTENBERG EBOOK` and the licence after `*** END OF ...`) is neither body nor notes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Document, Note

from .lines import Lines
from .marks import MAX_LABEL, MarkerSpan, find_markers
from .plain import read_body
from .scopes import scoped

__all__ = ["FOOTNOTE", "read"]

FOOTNOTE = "[Footnote"
"""What a text holds when it may have Project Gutenberg footnotes (a cheap first look)."""

_START = pattern_store.compile(
    r"[ \t]{0,8}+\[Footnote[ \t]++"
    r"(?P<label>\d{1,5}+|[A-Z]{1,2}+|[a-z]|[*†‡§¶]{1,3}+)[ \t]*+:[ \t]*+"
)
_BRACKETS = pattern_store.compile(r"[\[\]]")
_FRAME = pattern_store.compile(
    r"\*\*\* ?(?P<edge>START|END) OF (?:THE|THIS) PROJECT GUTENBERG", re.I
)
# A footnote runs at most this many lines; one not closed by then ends with its paragraph.
_MAX_NOTE_LINES = 400
_WIDE_LABEL = 99_999
_SYMBOLS = "*†‡§¶"


class _Footnote(NamedTuple):
    """A footnote block: its label, its first line and where its text starts, and its end.

    `close` is the offset of the closing bracket in line `last` (its length if unclosed).
    """

    label: str
    first: int
    column: int
    text_start: int
    last: int
    close: int


def _closing(lines: Sequence[str], first: int, offset: int) -> tuple[int, int]:
    """Where the bracket opened before `offset` on line `first` closes: (line, offset).

    A footnote ends with a line whose last character closes its bracket. A bracket
    that balances it earlier in a line (a stray `]` in the note's text) ends it only
    when no line does; a footnote never closed (a bracket lost in transcription)
    ends with its first paragraph, so that it takes no body text after it.
    """
    depth = 1
    n = len(lines)
    early: tuple[int, int] | None = None
    for k in range(first, min(n, first + _MAX_NOTE_LINES)):
        line = lines[k]
        if k > first and _START.match(line) is not None:
            break  # the next footnote: this one ended before it
        for match in _BRACKETS.finditer(line, offset if k == first else 0):
            depth += 1 if match.group() == "[" else -1
            if depth:
                continue
            if not line[match.end() :].strip():
                return k, match.start()
            early = early or (k, match.start())
            depth = 1
    if early is not None:
        return early
    last = first
    while last + 1 < n and lines[last + 1].strip() and _START.match(lines[last + 1]) is None:
        last += 1
    return last, len(lines[last])


def _footnotes(lines: Sequence[str]) -> list[_Footnote]:
    found: list[_Footnote] = []
    k = 0
    n = len(lines)
    while k < n:
        line = lines[k]
        match = _START.match(line) if FOOTNOTE in line else None
        if match is None:
            k += 1
            continue
        last, close = _closing(lines, k, match.end())
        column = line.index(FOOTNOTE)
        found.append(_Footnote(match.group("label"), k, column, match.end(), last, close))
        k = last + 1
    return found


def _frame(lines: Sequence[str]) -> tuple[int, int]:
    """The lines [start, end) inside the Project Gutenberg header and licence."""
    start, end = 0, len(lines)
    for k, line in enumerate(lines):
        if line[:3] != "***":
            continue
        match = _FRAME.match(line)
        if match is None:
            continue
        if match.group("edge").upper() == "START" and not start:
            start = k + 1
        elif match.group("edge").upper() == "END":
            end = k
            break
    return start, end


def _extra_markers(labels: Sequence[str]) -> re.Pattern[str] | None:
    """The pattern of the lettered or starred markers the book's notes call for."""
    kinds = []
    capitals = [label for label in labels if label.isalpha() and label.isupper()]
    if capitals:  # A to Z, then AA, AB... when a book has more notes than letters
        kinds.append("[A-Z]{1,2}" if max(map(len, capitals)) > 1 else "[A-Z]")
    if any(label.isalpha() and label.islower() for label in labels):
        kinds.append("[a-z]")
    if any(label[0] in _SYMBOLS for label in labels):
        kinds.append(f"[{re.escape(_SYMBOLS)}]{{1,3}}+")
    if not kinds:
        return None
    return pattern_store.compile(rf"\[({'|'.join(kinds)})\]")


class _BookLines(Lines):
    """The book's lines, reading `[A]` or `[*]` markers when its notes are so labelled."""

    def __init__(self, texts: Sequence[str], extra: re.Pattern[str] | None) -> None:
        super().__init__(texts)
        self._extra = extra

    def spans(self, text: str, max_label: int) -> list[MarkerSpan]:
        spans = find_markers(text, max_label)
        if self._extra is None or "[" not in text:
            return spans
        extra = [MarkerSpan(m.start(), m.end(), (m.group(1),)) for m in self._extra.finditer(text)]
        return sorted(spans + extra) if extra else spans


def read(lines: Sequence[str], path: str, fmt: str) -> Document | None:
    """The book read with its footnote blocks as notes, or None when it has none."""
    footnotes = _footnotes(lines)
    if not footnotes:
        return None
    start, end = _frame(lines)
    extra = _extra_markers([f.label for f in footnotes])
    numbers = [int(f.label) for f in footnotes if f.label.isdigit()]
    max_label = _WIDE_LABEL if numbers and max(numbers) > MAX_LABEL else MAX_LABEL

    body = [""] * start + list(lines[start:end]) + [""] * (len(lines) - end)
    in_notes = list(lines)
    for note in footnotes:
        for k in range(note.first, note.last + 1):
            body[k] = ""
        after = lines[note.last][note.close + 1 :]
        if after.strip():  # text after the closing bracket goes on as body
            body[note.last] = " " * (note.close + 1) + after
        in_notes[note.last] = lines[note.last][: note.close]

    paragraphs = read_body(_BookLines(body, extra), max_label)
    host = _BookLines(in_notes, extra)
    notes: list[Note] = []
    for note in footnotes:
        builder = host.render(note.first, note.text_start, note.last + 1, max_label, note=True)
        notes.append(builder.note(note.label, host.location(note.first, note.column)))
    scoped_paragraphs, scoped_notes = scoped(paragraphs, notes)
    return Document(path, fmt, scoped_paragraphs, scoped_notes)
