"""One date written in a text: what the date scanner finds."""

from __future__ import annotations

from dataclasses import dataclass

from footcheck.footnotes.model import PartialDate


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date written in a text.

    `date` may be impossible (February 30, month 13); then `valid` is False. For a
    range, `date` is the end and `range_start` the start. `future` is true when
    the date is planned, expected or set in advance rather than something that
    happened. `attributive` is true for a year used as a name's modifier ("the 2019
    budget law", "2023 report"): it dates the thing named, not an event reported.
    """

    date: PartialDate
    start: int
    end: int
    text: str
    valid: bool
    future: bool
    range_start: PartialDate | None = None
    attributive: bool = False

    @property
    def is_event(self) -> bool:
        """A date that reports something that happened: valid, not planned, not a name's."""
        return self.valid and not self.future and not self.attributive
