"""Which date of a note is which: when its source was published, read, or updated.

The publication date is the one a reader takes it to be: the last free-standing
date of the citation ("Reuters, "Title," March 3, 2023."), not a date inside a
quoted title or a subject ("Interim Report January-September 2024", "Arbitral
Award of 3 October 1899", "resolution 2231 (2015)"), and never an access,
retrieval or update date ("accessed", "retrieved", "consulté le", "abgerufen am",
"last updated"). A date that is not set off as a citation's ("founded in 2009")
is kept apart: only a citation that names a source takes it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple, TypeAlias

from footcheck.footnotes import pattern_store
from footcheck.footnotes.dates import DateMention
from footcheck.footnotes.model import PartialDate

_ACCESS_WORDS = pattern_store.compile(
    r"(?:accessed|retrieved|last\s+(?:visited|accessed|checked|modified|updated)|"
    r"viewed|consulted|updated|modified|archived(?:\s+from\s+the\s+original)?|"
    r"downloaded)\s*(?:on|at|from)?\s*[:,]?\s*$",
    re.IGNORECASE,
)
# The same in the languages whose dates footcheck reads: "consulté le", "abgerufen am",
# "consultado el", "acesso em", "consultato il", "geraadpleegd op", "дата обращения",
# "تاريخ الاطلاع" (tried only when the English pattern's quick test fails).
_FOREIGN_ACCESS_WORDS = pattern_store.compile(
    r"(?:consult[ée]e?s?\s+le|abgerufen\s+am|zugegriffen\s+am|aufgerufen\s+am|"
    r"consultad[oa]\s+(?:el|en)|acess(?:o|ado)\s+em|consultat[oa]\s+il|geraadpleegd\s+op|"
    r"дата\s+обращения|تاريخ\s+الاطلاع|تاريخ\s+الوصول)\s*[:,]?\s*$",
    re.IGNORECASE,
)
_FOREIGN_ACCESS_LAST_LETTERS = frozenset("elmpnELMPNяع")
# What an update clause says (the rest of _ACCESS_WORDS says when it was read).
_UPDATE_WORD = pattern_store.compile(r"updated|modified", re.IGNORECASE)
# Every form of _ACCESS_WORDS ends with one of these words (then only "on", "at" or
# "from", blanks, a colon or a comma): a text that does not is no access clause.
_ACCESS_ENDINGS = (
    "accessed",
    "retrieved",
    "visited",
    "checked",
    "modified",
    "updated",
    "viewed",
    "consulted",
    "archived",
    "original",
    "downloaded",
)
# The last letters of those endings and of "on", "at" and "from", in both cases (no
# other letter matches them under IGNORECASE).
_ACCESS_LAST_LETTERS = frozenset("dlnmtDLNMT")
_SUBJECT_WORDS = pattern_store.compile(
    r"\b(?:of|for|from|to|until|through|since|between)\s*$", re.IGNORECASE
)
_SUBJECT_ENDINGS = ("of", "for", "from", "to", "until", "through", "since", "between")
_SUBJECT_LAST_LETTERS = frozenset("frmolhenFRMOLHEN")  # no other letter matches them
# "resolution 2231 (2015)": the year belongs to a legal instrument's designation.
# (A journal's "33, no. 4 (2020)" is its publication year and is kept.)
_DESIGNATION_BEFORE_PAREN = pattern_store.compile(
    r"\b(?:resolutions?|res|decisions?|directives?|regulations?|decrees?|conventions?|"
    r"protocols?|treaty|acts?|orders?|ordinances?|laws?|rules?|cases?)\.?\s+"
    r"(?:no\.?\s*)?[\w/.-]*\d[\w/.-]*\s*\(\s*$",
    re.IGNORECASE,
)
_WINDOW = 40  # characters around a date that decide how it is set off
_QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"), ("‘", "’"))


# Words before a date that tell what happened then, not when a source appeared.
_NARRATING = [[word] for word in ("in", "In", "since", "during", "until", "after", "before")]


class NoteDates(NamedTuple):
    """The dates of (part of) a note's text, by what they say."""

    publication: PartialDate | None  # the last free-standing date of the citation
    fallback: PartialDate | None  # the last other date that may be it
    narrated: bool  # the fallback follows a word that tells a story ("in", "since")
    access: PartialDate | None  # "accessed", "retrieved", "archived"
    updated: PartialDate | None  # "updated", "last modified"


#: The access clause before each date of a note, by the date's start (None: none).
AccessClauses: TypeAlias = dict[int, re.Match[str] | None]


def note_dates(
    text: str,
    mentions: Sequence[DateMention],
    quoted: list[tuple[int, int]],
    clauses: AccessClauses | None = None,
) -> NoteDates:
    """The dates of `mentions` by what they say; `quoted` are the text's quotations.

    `clauses` are `access_clauses(text, ...)` of these mentions, when the caller has them.
    """
    publication: PartialDate | None = None
    fallback: PartialDate | None = None
    access: PartialDate | None = None
    updated: PartialDate | None = None
    narrated = False
    for mention in mentions:
        if not mention.valid:
            continue
        start = mention.start
        clause = clauses[start] if clauses is not None else _access_clause(text, start)
        if clause is not None:
            if _UPDATE_WORD.search(clause.group()):
                updated = mention.date
            elif access is None or not mention.date.before(access):
                access = mention.date  # the latest: "archived ... 2015. Retrieved 2012."
            continue
        if (quoted and inside(quoted, start)) or not _one_occasion(mention):
            continue
        before = text[max(0, start - 40) : start]
        if _subject_or_designation(before):
            continue
        if _free_standing(text, mention):
            publication = mention.date
        else:
            fallback = mention.date
            narrated = before.rstrip().rsplit(None, 1)[-1:] in _NARRATING
    return NoteDates(publication, fallback, narrated, access, updated)


def _one_occasion(mention: DateMention) -> bool:
    """A date, or a range of days in one month ("19-21 Aug 2003": a conference's).

    A longer range is a subject's span ("Report 2019-2021"), not a citation's date.
    """
    start = mention.range_start
    return start is None or (
        mention.date.day is not None
        and start.day is not None
        and (start.year, start.month) == (mention.date.year, mention.date.month)
    )


def _subject_or_designation(before: str) -> bool:
    """Whether `before` ends with a subject word ("Report for") or a designation's "(".

    Both patterns end with blanks only, so the last other character decides first
    whether either can match; then lower-casing stands for IGNORECASE on ASCII
    (other characters are left to the pattern).
    """
    tail = before.rstrip()
    last = tail[-1:]
    if last == "(":
        return bool(_SUBJECT_WORDS.search(before) or _DESIGNATION_BEFORE_PAREN.search(before))
    if last not in _SUBJECT_LAST_LETTERS:
        return False  # the usual case: "Daily," "Ledger*," end no subject word
    end = tail[-7:]  # the longest subject word, "between", "through"
    if end.isascii() and not end.lower().endswith(_SUBJECT_ENDINGS):
        return False
    if tail[-5:].lower() == "as of":
        return False  # "figures as of July 5, 2004": the date the source speaks for
    return _SUBJECT_WORDS.search(before) is not None


def access_start(text: str, mention: DateMention) -> int | None:
    """Where the "accessed"/"retrieved"... words before an access date start, if any."""
    match = _access_clause(text, mention.start)
    return match.start() if match else None


def access_clauses(text: str, mentions: Sequence[DateMention]) -> AccessClauses:
    """The access clause before each valid mention, by the mention's start (all it reads).

    Worked out once for a note, for its dates (`note_dates`) and its key (`duplicate_key`).
    """
    return {m.start: _access_clause(text, m.start) for m in mentions if m.valid}


def _access_clause(text: str, at: int) -> re.Match[str] | None:
    """The "accessed"/"retrieved"/"updated"... words just before `at`, if any."""
    window = max(0, at - 40)
    tail = text[window:at].rstrip().rstrip(":,").rstrip()
    if _may_end_with_access_words(tail):
        return _ACCESS_WORDS.search(text, window, at)
    if tail[-1:] in _FOREIGN_ACCESS_LAST_LETTERS:
        return _FOREIGN_ACCESS_WORDS.search(text, window, at)
    return None


def _may_end_with_access_words(tail: str) -> bool:
    """False when a text cannot end with _ACCESS_WORDS: the pattern need not be run.

    `tail` is the text with its blanks, then its colons and commas, then its blanks
    cut off the end (the pattern's tail). Undoes one "on", "at" or "from" and looks for one of
    _ACCESS_ENDINGS. Lower-casing matches IGNORECASE on ASCII; an ending with other
    characters ("İ", "ſ") is left to the pattern.
    """
    if tail[-1:] not in _ACCESS_LAST_LETTERS:
        return False  # the usual case: "Ledger*," "Daily," end otherwise
    for word in ("on", "at", "from"):
        if tail[-len(word) :].lower() == word:
            tail = tail[: -len(word)].rstrip()
            break
    end = tail[-10:]  # the longest ending, "downloaded"
    return not end.isascii() or end.lower().endswith(_ACCESS_ENDINGS)


def _free_standing(text: str, mention: DateMention) -> bool:
    """A date set off by the punctuation of a citation, not run into a title."""
    before = text[max(0, mention.start - _WINDOW) : mention.start].rstrip()
    after = text[mention.end : mention.end + _WINDOW].lstrip()
    opens = (
        not before
        or before[-1] in ",;:([—–-\"'”’"
        or before.lower().endswith(
            ("published", "dated", "posted", "issued", "released", " on", "date", "as of", "as at")
        )
    )
    closes = not after or after[0] in ",.;)]"
    return opens and closes


def quoted_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for opening, closing in _QUOTE_PAIRS:
        start = text.find(opening)
        while start != -1:
            end = text.find(closing, start + 1)
            if end == -1:
                break
            # An apostrophe inside a word ("Russia's") does not open a quotation.
            if opening == "‘" and start > 0 and text[start - 1].isalnum():
                start = text.find(opening, start + 1)
                continue
            spans.append((start, end))
            start = text.find(opening, end + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether `position` lies inside one of `spans` (sorted by start, not overlapping)."""
    i = bisect.bisect_right(spans, (position, -1)) - 1
    return i >= 0 and spans[i][0] < position < spans[i][1]
