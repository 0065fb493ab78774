"""Where a document's labels are written in its text: what a fix rewrites.

Format-free data: the readers' side (`parsers.relabel`) finds the sites in a file's
faithful text; the fixes (`renumber_edits`) turn a plan into edits over them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


class SiteError(ValueError):
    """A label is not written where the reader placed it: nothing can be fixed safely."""


@dataclass(frozen=True)
class Token:
    """A marker token: its span, the labels it holds in order, and how it writes others
    (a group "[2, 5]" holds two; a range "[2-4]" three)."""

    start: int
    end: int
    labels: tuple[str, ...]
    write: Callable[[tuple[str, ...]], str]
    scope: int = 0  # the numbering scope of its markers
    # The marker links to its note by an id (HTML, anchor links): writing another
    # number in it does not make it cite another note.
    linked: bool = False


@dataclass(frozen=True)
class NoteSite:
    """A note: the span of its label, and its whole extent (from its start to its last
    character, line end excluded). An empty label span: the note's number is not
    written but given by its place (an HTML `<li>` of an `<ol>`), so moving the note
    renumbers it."""

    label_start: int
    label_end: int
    start: int
    end: int
    superscript: bool = False


@dataclass(frozen=True)
class Sites:
    """Every marker token (in the body and in notes) and every note (in the document's
    order) of a document, in its text."""

    tokens: tuple[Token, ...]
    notes: tuple[NoteSite, ...]
