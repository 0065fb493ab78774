"""What a note says about its source: publication date, access date, URLs, identity.

The publication date is the one a reader takes it to be: the last free-standing
date of the citation ("Reuters, "Title," March 3, 2023."), not a date inside a
quoted title or a subject ("Interim Report January-September 2024", "Arbitral
Award of 3 October 1899", "resolution 2231 (2015)"), and never an access,
retrieval or update date. "Ibid.", "Id." and "Op. cit." notes cite the source of
the note before them: they are never duplicates, and they are dated by their own
date when they carry one, else by their antecedent's.

A note is read as its citations (`footnotes.citations`), each with its dates
(`footnotes.note_dates`); its duplicate key is `footnotes.source_keys.duplicate_key`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from footcheck.footnotes import pattern_store
from footcheck.footnotes.citations import Citation, role_of, split_spans, supporting_date
from footcheck.footnotes.dates import DateMention, DateStyle, find_dates
from footcheck.footnotes.lowered import lowered
from footcheck.footnotes.model import Note, PartialDate
from footcheck.footnotes.note_dates import (
    AccessClauses,
    NoteDates,
    access_clauses,
    inside,
    note_dates,
    quoted_spans,
)
from footcheck.footnotes.note_kinds import cites_source, says_undated
from footcheck.footnotes.short_forms import (
    FullCitations,
    parse_short_form,
    supra_note,
)
from footcheck.footnotes.source_keys import URL, clean_url, duplicate_key
from footcheck.footnotes.urls import capture_date, latest_url_date

_IBID = pattern_store.compile(
    r"^\W{0,3}(?:(?:see\s+(?:also\s+)?|cf\.\s+)?(?:ibid(?:em)?\b|ib\.|id\.|idem\b)|op\.?\s*cit\b)"
    r"|^[^.;]{0,60}?,\s*op\.?\s*cit\b",
    re.IGNORECASE,
)
# "Ames, op. cit., 102": the author whose earlier note it repeats.
_OP_CIT_AUTHOR = pattern_store.compile(r"^\W{0,3}([^,.;]{2,60}?),\s*op\.?\s*cit\b", re.IGNORECASE)
_NAME_WORD = pattern_store.compile(r"[^\W\d_]{2,}")
# Words that may open a second citation ("See also", "Cf.", "Compare", "and"): a
# note without them, without ";" and with at most one date is one citation.
_MAY_SIGNAL = pattern_store.compile(
    r"\b(?:see|cf|compare|contra|also|vgl|voir|siehe|véase|vedi|zie)\b", re.IGNORECASE
)
# Those words, lower-cased: a lowered note without one has none of them.
_SIGNAL_HINT = pattern_store.compile("see|cf|compare|contra|also|vgl|voir|siehe|véase|vedi|zie")
_NAME_SPAN = 120  # an author is named near the start of a note
_EXPLAINING_WORDS = 8  # a note this long that names no source explains


@dataclass(frozen=True, slots=True)
class Source:
    """A note read as a citation."""

    note: Note
    dates: tuple[DateMention, ...]
    publication_date: PartialDate | None
    access_date: PartialDate | None
    urls: tuple[str, ...]
    key: str
    ibid: bool
    antecedent: str | None = None  # label of the note an "Ibid." repeats
    inherited_date: PartialDate | None = None  # an "Ibid." note's antecedent's date
    citations: tuple[Citation, ...] = ()  # the note's citations, in order

    @property
    def cites(self) -> bool:
        """Whether the note names a source at all (False for a note that explains)."""
        return cites_source(self.note.text)

    @property
    def short_form(self) -> bool:
        """Whether every citation of the note shortens an earlier full one."""
        citations = self.citations
        if len(citations) == 1:  # most notes
            return citations[0].short_form
        return bool(citations) and all(c.short_form for c in citations)

    @property
    def date(self) -> PartialDate | None:
        """The date the note's source carries: its own, else (for "Ibid.") its antecedent's."""
        return self.publication_date or self.inherited_date

    @property
    def invalid_dates(self) -> tuple[DateMention, ...]:
        return tuple(m for m in self.dates if not m.valid)

    @property
    def has_date(self) -> bool:
        return bool(self.dates) or self.inherited_date is not None


def read_sources(notes: Sequence[Note], style: DateStyle | None = None) -> list[Source]:
    """Read every note, resolving "Ibid." notes and short forms against the notes before.

    "Ibid." and "Id." repeat the note just before; "Author, op. cit." repeats that
    author's latest earlier note (and is left undated when none names the author);
    a short form ("Lessing, 239.") takes the date of the latest earlier full citation
    of its author (and short title). `style` is how the document writes numeric
    dates (day or month first, the century of two-digit years).
    """
    sources: list[Source] = []
    # Each word naming a source near a note's start -> the latest earlier note with it
    # (one look-up per "op. cit.", however many notes came before). The notes are
    # indexed only when an "op. cit." asks, each note once: sources[:named] are in.
    names: dict[str, Source] = {}
    named = 0
    full = FullCitations()
    by_label: dict[str, Source] = {}  # the first note of each label
    for note in notes:
        source = read_source(note, style)
        if source.ibid and sources:
            author = _OP_CIT_AUTHOR.match(note.text)
            if author is None:
                before: Source | None = sources[-1]
            else:
                for earlier in sources[named:]:
                    if not earlier.ibid:
                        for word in _NAME_WORD.findall(earlier.note.text[:_NAME_SPAN]):
                            names[word.casefold()] = earlier
                named = len(sources)
                before = _named(author, names)
            if before is not None:
                label = before.antecedent or before.note.label
                date = _date_of(before)
                first = source.citations[0]
                source = replace(
                    source,
                    antecedent=label,
                    inherited_date=date,
                    citations=(
                        replace(first, inherited_date=date, inherited_from=label),
                        *source.citations[1:],
                    ),
                )
        elif not source.ibid:
            source = _resolve_short_forms(source, full, by_label)
        sources.append(source)
        by_label.setdefault(note.label, source)
    return sources


def _date_of(source: Source) -> PartialDate | None:
    """The date a note repeating `source` takes: what its citations are dated by (a
    short form's full citation's, too), else its own."""
    used = supporting_date(source.citations)
    return used[1] if used is not None else source.date


def _resolve_short_forms(
    source: Source, full: FullCitations, by_label: dict[str, Source]
) -> Source:
    """Mark the note's short citations and date them by their full ones; remember the rest.

    A short form names its author (and short title), or the note it shortens
    ("supra note 3").
    """
    label = source.note.label
    if len(source.citations) == 1:  # most notes: one citation, dated or with a URL
        citation = source.citations[0]
        dated = citation.dated()
        if dated is not None or citation.urls:
            full.add(label, citation.text, dated[0] if dated else None)
            return source
    citations = list(source.citations)
    changed = False
    for index, citation in enumerate(citations):
        short = None
        if citation.dated() is None and not citation.urls:
            supra = supra_note(citation.text)
            if supra is not None:
                earlier = by_label.get(supra)
                citations[index] = replace(
                    citation,
                    short_form=True,
                    inherited_date=_date_of(earlier) if earlier else None,
                    inherited_from=supra if earlier else None,
                )
                changed = True
                continue
            short = parse_short_form(citation.text)
        if short is None:
            dated = citation.dated()
            full.add(label, citation.text, dated[0] if dated else None)
            continue
        found = full.find(short)
        if found is None and not short.has_page:
            full.add(label, citation.text, None)
            continue  # "Smith, Code." with no earlier Smith: a full citation after all
        citations[index] = replace(
            citation,
            short_form=True,
            inherited_date=found.date if found else None,
            inherited_from=found.label if found else None,
        )
        changed = True
    return replace(source, citations=tuple(citations)) if changed else source


def _named(author: re.Match[str], names: dict[str, Source]) -> Source | None:
    """The latest earlier note naming the author of "Author, op. cit." (its last word)."""
    words = [w.casefold() for w in _NAME_WORD.findall(author.group(1))]
    if not words:
        return None
    return names.get(words[-1])


def read_source(note: Note, style: DateStyle | None = None) -> Source:
    """A single note, without "Ibid." resolution."""
    text = note.text
    mentions = find_dates(text, None, style, note=True)
    quoted = quoted_spans(text)
    clauses = access_clauses(text, mentions)  # read once, for the dates and the key
    dates = note_dates(text, mentions, quoted, clauses)
    urls = tuple(map(clean_url, URL.findall(text)))
    lower = lowered(text)
    spans = [(0, len(text))]
    if len(text) > 20 and (";" in text or len(mentions) > 1 or _may_open_another(text, lower)):
        spans = split_spans(text, mentions, lambda at: inside(quoted, at))
    if len(spans) == 1:
        start, end = spans[0]
        citations: tuple[Citation, ...] = (_citation(text, start, end, dates, urls, lower),)
    else:
        starts = [m.start for m in mentions]
        citations = tuple(
            _part(text, start, end, mentions, starts, quoted, clauses, lower)
            for start, end in spans
        )
    return Source(
        note=note,
        dates=tuple(mentions),
        publication_date=dates.publication or dates.fallback,
        access_date=dates.access or dates.updated,  # as it always was: when it was seen
        urls=urls,
        key=duplicate_key(text, mentions, clauses),
        ibid=_IBID.match(text) is not None,  # both forms are anchored at the start
        citations=citations,
    )


def _may_open_another(text: str, lower: str | None) -> bool:
    """Whether the note has a word that may open a second citation (`_MAY_SIGNAL`)."""
    if lower is not None and _SIGNAL_HINT.search(lower) is None:
        return False  # most notes: the pattern, case-insensitive, costs more
    return _MAY_SIGNAL.search(text) is not None


def _part(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[DateMention],
    starts: list[int],
    quoted: list[tuple[int, int]],
    clauses: AccessClauses,
    lower: str | None,
) -> Citation:
    """The citation text[start:end] of a note that holds several.

    `starts` are the mentions' starts (in order), `quoted` the note's quotations,
    `clauses` its access clauses, `lower` its `lowered` text.
    """
    first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    inside = [m for m in mentions[first:last] if m.end <= end]
    urls = tuple(map(clean_url, URL.findall(text, start, end)))
    dates = note_dates(text, inside, quoted, clauses)
    citation = _citation(text, start, end, dates, urls, lower)
    return replace(citation, role=role_of(citation.text))


def _citation(
    text: str,
    start: int,
    end: int,
    dates: NoteDates,
    urls: tuple[str, ...],
    lower: str | None,
) -> Citation:
    """The citation text[start:end] with its dates, the dates in its URLs, and "n.d.".

    A date that is not set off as a citation's is its publication date in a
    citation that names a source, or in a short note where no "in" or "since"
    tells a story ("Minutes of the council of 12.10.2023"); in a note that explains
    ("The firm was founded in 2009."), it is a date of what the note tells.
    `lower` is the note's `lowered` text.
    """
    part = text[start:end]
    publication = dates.publication
    if publication is None and dates.fallback is not None:
        plain = not dates.narrated and len(part.split()) < _EXPLAINING_WORDS
        if plain or cites_source(part):
            publication = dates.fallback
    in_url = captured = None
    if urls:
        in_url = latest_url_date(urls)
        for url in urls:
            captured = capture_date(url)
            if captured is not None:
                break
    return Citation(
        part,
        start,
        end,
        publication,
        dates.access,
        urls,
        url_date=in_url,
        undated=says_undated(part, lower[start:end] if lower is not None else None),
        captured_date=captured,
        updated_date=dates.updated,
    )
