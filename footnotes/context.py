"""What the rules share about one document, computed once and on demand.

The claims of every marker, the reading of every note as a source, the labels in
use and the report's date: each rule asks for what it needs, and nothing is
worked out twice or for a rule that was not selected.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from functools import cached_property

from footcheck.footnotes import pattern_store, reportdate
from footcheck.footnotes.claims import Claim, paragraph_claims
from footcheck.footnotes.dates import DateMention, DateStyle, decide_style, find_dates
from footcheck.footnotes.model import Document, Note, PartialDate, current_date
from footcheck.footnotes.sources import Source, read_sources

# A numeric date with a two-digit year ("8/22/13", "3/64"): its century needs a pivot.
_TWO_DIGIT_YEAR = pattern_store.compile(r"[0-9][/-][0-9]{2}(?![0-9])")


class Context:
    """One document under check, with the derived facts the rules read."""

    def __init__(
        self,
        doc: Document,
        *,
        report_date: PartialDate | None = None,
        today: PartialDate | None = None,
    ) -> None:
        self.doc = doc
        self._given_report_date = report_date
        self._today = today or current_date()
        # Whether a finding may depend on today's date (a cached result then holds
        # for today only).
        self.used_today = False

    @property
    def given_report_date(self) -> PartialDate | None:
        """The report date the run was given (--report-date), if any."""
        return self._given_report_date

    @property
    def today(self) -> PartialDate:
        """Today's date: what a report with no date of its own is checked against."""
        self.used_today = True
        return self._today

    @cached_property
    def report(self) -> reportdate.ReportDate:
        report = reportdate.resolve(self.doc, self._given_report_date, self._today)
        if report.origin in ("last modified", "") and "modified" in self.doc.metadata:
            self.used_today = True  # a last-modified date is trusted only up to today
        return report

    @property
    def report_date(self) -> PartialDate | None:
        """The report's own date when known (command line, metadata or dateline)."""
        return self.report.date

    @cached_property
    def date_style(self) -> DateStyle:
        """How the document writes numeric dates: day or month first, and its century.

        Two-digit years are read near the report's year, else today's (a result
        that then reads one depends on today).
        """
        doc = self.doc
        texts = itertools.chain((p.text for p in doc.paragraphs), (n.text for n in doc.notes))
        report = self.report_date
        if report is None and any(_TWO_DIGIT_YEAR.search(n.text) for n in doc.notes):
            self.used_today = True
        pivot = report.year if report is not None else self._today.year
        return decide_style(texts, language=doc.metadata.get("language"), pivot=pivot)

    @cached_property
    def paragraph_dates(self) -> list[list[DateMention]]:
        """The date mentions of each body paragraph (relative dates against the report's).

        A dateline's own date ("WASHINGTON, Feb. 1, 2024 -") is the report's date,
        not an event: it is left out.
        """
        return [self.dates_of_paragraph(index) for index in range(len(self.doc.paragraphs))]

    @cached_property
    def paragraph_claims(self) -> list[list[Claim]]:
        """The claims of each body paragraph, one per marker."""
        return [
            self.claims_of_paragraph(index, mentions)
            for index, mentions in enumerate(self.paragraph_dates)
        ]

    def dates_of_paragraph(self, index: int) -> list[DateMention]:
        """The date mentions of body paragraph `index` (one item of `paragraph_dates`).

        Each paragraph's are its own: a large document's are found in slices, in
        worker processes (`footnotes.split_work`).
        """
        text = self.doc.paragraphs[index].text
        found = find_dates(text, self.report_date, self.date_style) if text else []
        report = self.report
        if index == report.paragraph:
            found = [m for m in found if m.start >= report.body_start]
        return found

    def claims_of_paragraph(self, index: int, mentions: list[DateMention]) -> list[Claim]:
        """The claims of body paragraph `index`, given its date mentions."""
        report = self.report
        text_start = report.body_start if index == report.paragraph else 0
        return list(paragraph_claims(self.doc.paragraphs[index], mentions, text_start=text_start))

    def share(
        self, paragraph_dates: list[list[DateMention]], paragraph_claims: list[list[Claim]]
    ) -> None:
        """Take the paragraphs' dates and claims as worked out elsewhere (in slices, by
        worker processes): the rules then read them as if found here."""
        paragraphs = len(self.doc.paragraphs)
        if len(paragraph_dates) != paragraphs or len(paragraph_claims) != paragraphs:
            raise ValueError("shared dates and claims must cover every paragraph")
        self.__dict__["paragraph_dates"] = paragraph_dates
        self.__dict__["paragraph_claims"] = paragraph_claims

    @cached_property
    def claims(self) -> list[Claim]:
        """One claim per body marker, in reading order."""
        return [claim for claims in self.paragraph_claims for claim in claims]

    @cached_property
    def sources(self) -> list[Source]:
        """One source per note, in document order, "Ibid." notes resolved."""
        return read_sources(self.doc.notes, self.date_style)

    @cached_property
    def notes_by_key(self) -> dict[tuple[int, str], list[Note]]:
        """The definitions of each label, by numbering scope and label (`Note.key`)."""
        by_key: dict[tuple[int, str], list[Note]] = defaultdict(list)
        for note in self.doc.notes:
            by_key[note.key].append(note)
        return dict(by_key)

    @cached_property
    def first_source_by_key(self) -> dict[tuple[int, str], Source]:
        """The source of the first definition of each label (the one markers resolve to)."""
        first: dict[tuple[int, str], Source] = {}
        for source in self.sources:
            first.setdefault(source.note.key, source)
        return first

    @cached_property
    def referenced_keys(self) -> frozenset[tuple[int, str]]:
        """Labels cited by a marker in the body or in another note of this file."""
        keys = {m.key for m in self.doc.markers if m.target is None}
        for note in self.doc.notes:
            keys.update(m.key for m in note.markers if m.key != note.key and m.target is None)
        return frozenset(keys)
