"""Numbering scopes: a plain-text book whose note numbers restart gives each chapter its own.

A book that gathers its notes per chapter (or prints each after its paragraph) and
numbers them afresh in every chapter cites `[1]` once per chapter; each `[1]` means
the note 1 of its own chapter. Here a chapter is what lies between two restarts:
notes are read in groups (the notes with no marker between them), and a group starts
a new scope when its first label is already defined in the current scope and either
is the first of a sequence (`1`, `A`, `a`, `*`) or follows markers that start again
at such a label (a chapter whose note 1 is missing). A book numbered
once through never restarts and stays in scope 0, so notes printed after a later
paragraph still belong to the earlier marker; a label defined twice with no restart
stays a duplicate (FN003).

In a book that restarts, markers that start again at `1` after a chapter heading,
with no notes between, form a scope of their own: a chapter whose notes are all
missing keeps its FN001s rather than borrowing the next chapter's notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Marker, Note, Paragraph

__all__ = ["scoped"]

_FIRST_LABELS = frozenset({"1", "A", "a", "*"})
# A chapter heading: "CHAPTER IV.", "Book II", "LECTURE 3", "XII.", or a short line in capitals.
_CHAPTER = pattern_store.compile(
    r"(?:CHAPTER|Chapter|BOOK|Book|PART|Part|LECTURE|Lecture|LETTER|Letter|SECTION|Section)"
    r"[ \t]+[\dIVXLCivxlc]+\b|[IVXLC]{1,8}+\.?$"
)
_HEADING_LENGTH = 80


def _is_chapter_heading(paragraph: Paragraph) -> bool:
    text = paragraph.text
    if paragraph.markers or not text or len(text) > _HEADING_LENGTH:
        return False
    return _CHAPTER.match(text) is not None or (text.isupper() and text[-1:] not in ".,;")


class _Marked:
    """A body marker and the index of the paragraph that holds it."""

    __slots__ = ("marker", "paragraph")

    def __init__(self, marker: Marker, paragraph: int) -> None:
        self.marker = marker
        self.paragraph = paragraph


def _groups(marked: Sequence[_Marked], notes: Sequence[Note]) -> list[list[int]]:
    """The note groups as [first note, end note, markers before the group], in line order.

    A group is a run of notes with no body marker between them.
    """
    groups: list[list[int]] = []
    m = 0
    for k, note in enumerate(notes):
        previous = m
        while m < len(marked) and marked[m].marker.location.line < note.location.line:
            m += 1
        if not groups or m != previous:
            groups.append([k, k + 1, m])
        else:
            groups[-1][1] = k + 1
    return groups


def _restarts(labels: Sequence[str], defined: set[str], since: Sequence[_Marked]) -> bool:
    """Whether a group of notes with `labels`, after the markers `since`, starts a chapter."""
    first = labels[0]
    if first not in defined:
        return False
    if first in _FIRST_LABELS:
        return True
    return (
        bool(since)
        and since[0].marker.label in _FIRST_LABELS
        and (since[0].marker.label in defined)
    )


def _chapter_cuts(
    paragraphs: Sequence[Paragraph], marked: Sequence[_Marked], begin: int, end: int
) -> list[int]:
    """Where markers [begin, end) start again at a first label after a chapter heading."""
    cuts: list[int] = []
    seen: set[str] = set()
    for i in range(begin, end):
        label = marked[i].marker.label
        if label in _FIRST_LABELS and label in seen and len(seen) > 1 and i > begin:
            between = range(marked[i - 1].paragraph + 1, marked[i].paragraph)
            if any(_is_chapter_heading(paragraphs[q]) for q in between):
                cuts.append(i)
                seen = set()
        seen.add(label)
    return cuts


def scoped(
    paragraphs: Sequence[Paragraph], notes: Sequence[Note]
) -> tuple[tuple[Paragraph, ...], tuple[Note, ...]]:
    """The paragraphs and notes with each chapter's markers and notes in a scope of its own.

    Notes must be in document order. A book that never restarts is returned unchanged.
    """
    marked = [_Marked(m, q) for q, p in enumerate(paragraphs) for m in p.markers]
    note_scope = [0] * len(notes)
    marker_scope = [0] * len(marked)
    segments: list[tuple[int, int]] = []  # the markers [begin, end) before each group
    scope, defined, taken, restarted = 0, set[str](), 0, False
    for first, end, before in _groups(marked, notes):
        labels = [n.label for n in notes[first:end]]
        if _restarts(labels, defined, marked[taken:before]):
            restarted = True
            scope, defined = scope + 1, set()
        segments.append((taken, before))
        marker_scope[taken:before] = [scope] * (before - taken)
        note_scope[first:end] = [scope] * (end - first)
        defined.update(labels)
        taken = before
    if not restarted:
        return tuple(paragraphs), tuple(notes)
    tail = marked[taken:]
    if tail and tail[0].marker.label in _FIRST_LABELS and tail[0].marker.label in defined:
        scope += 1  # markers after the last notes, starting again: a chapter without notes
    marker_scope[taken:] = [scope] * len(tail)
    segments.append((taken, len(marked)))
    for begin, end in segments:
        cuts = _chapter_cuts(paragraphs, marked, begin, end)
        for low, high in zip([begin, *cuts], cuts, strict=False):
            scope += 1  # a chapter whose notes are all missing: a scope with none
            marker_scope[low:high] = [scope] * (high - low)
    return _apply(paragraphs, marker_scope), tuple(
        replace(note, scope=s, markers=_with_scope(note.markers, s))
        for note, s in zip(notes, note_scope, strict=True)
    )


def _with_scope(markers: tuple[Marker, ...], scope: int) -> tuple[Marker, ...]:
    return tuple(replace(m, scope=scope) for m in markers) if scope else markers


def _apply(paragraphs: Sequence[Paragraph], marker_scope: Sequence[int]) -> tuple[Paragraph, ...]:
    result: list[Paragraph] = []
    i = 0
    for paragraph in paragraphs:
        count = len(paragraph.markers)
        scopes = marker_scope[i : i + count]
        i += count
        if any(scopes):
            paragraph = replace(
                paragraph,
                markers=tuple(
                    replace(m, scope=s) for m, s in zip(paragraph.markers, scopes, strict=True)
                ),
            )
        result.append(paragraph)
    return tuple(result)
