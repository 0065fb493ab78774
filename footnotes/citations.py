"""The citations of one note: where each starts and ends, and the dates it carries.

A note can cite several sources: "Reuters, 23 April 2003; see also Smith, Book
(2001)." Each citation has its own publication date, access date and URLs, and a
role: the sources the sentence rests on, or background the note points to ("See
also", "Cf.", "Compare"). The date rules read citations, not notes.
"""

from __future__ import annotations

from dataclasses import dataclass

from footcheck.footnotes.model import PartialDate

#: A citation the sentence rests on.
MAIN = "main"
#: Background the note points to: "See also", "Cf.", "Compare", "For more, see".
BACKGROUND = "background"


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation of a note: its text (a slice of the note's), its dates and URLs.

    `start` and `end` are offsets in the note's text. `publication_date` is the
    date the citation says it was published (None when it gives none);
    `access_date` when it was read ("accessed", "retrieved"); `url_date` the full
    date written in its own URL's path (`/2013/08/18/`), if any. `role` is MAIN or
    BACKGROUND.
    """

    text: str
    start: int
    end: int
    publication_date: PartialDate | None
    access_date: PartialDate | None
    urls: tuple[str, ...]
    url_date: PartialDate | None = None
    role: str = MAIN
