"""When two notes cite one source: the keys they are compared by.

`comparable_key` is a note's duplicate key when the note names a source at all (CT001
compares them); `undated_key` is that key without the note's publication date, when
the source is named well enough to tell one article from another (CT003 compares
the dates of notes that share it).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from footcheck.footnotes.sources import Source


# Notes that point elsewhere rather than name a source.
_CROSS_REFERENCE = re.compile(
    r"^\W*(?:see|cf|compare|supra|infra|above|below|ibid|id|idem|op cit|loc cit)\b", re.IGNORECASE
)
# A key shorter than this names too little to call two notes one source.
_MIN_KEY = 8
# Without its date, a source must name this many words (or a URL) to tell one
# article of an outlet from another: "Reuters, May 2, 2023." and "Reuters, May 3,
# 2023." are two articles, not one source given two dates.
_MIN_UNDATED_WORDS = 4
# Words of a title that a series repeats with each issue ("Campaign Assessment, March
# 3, 2023", "Daily Bulletin", "Minutes of the meeting"), or of an occasion that recurs
# ("Interview with ...", "Letter to ..."): each date is another issue or occasion.
_SERIES_WORDS = frozenset(
    {
        "assessment",
        "assessments",
        "update",
        "updates",
        "bulletin",
        "bulletins",
        "briefing",
        "briefings",
        "digest",
        "minutes",
        "sitrep",
        "situation",
        "quarterly",
        "annual",
        "yearly",
        "newsletter",
        "edition",
        "issue",
        "vol",
        "volume",
        "transcript",
        "proceedings",
        "hansard",
        "yearbook",
        # Events that recur with the same people: another date is another occasion.
        "interview",
        "interviews",
        "conversation",
        "correspondence",
        "email",
        "letter",
        "meeting",
        "call",
        "discussion",
        "communication",
        "remarks",
        "speech",
        "statement",
        "testimony",
        "hearing",
    }
)


def comparable_key(source: Source) -> str:
    """The source's duplicate key, or "" when the note is not compared with others.

    "Ibid." notes, short forms ("Lessing, 239."), cross-references ("See note 3.")
    and keys too short to name a source are never duplicates.
    """
    key = source.key
    if source.ibid or source.short_form or len(key) < _MIN_KEY or _CROSS_REFERENCE.match(key):
        return ""
    return key


def undated_key(source: Source, key: str | None = None) -> str:
    """The source's key without its publication date, or "" when it is not enough.

    Two notes with the same undated key and different dates cite one source with two
    dates (CT003). The date must be a day's (a year or a month names an edition as
    often as it is wrong), and the key must still name one article: a URL, or a few
    words beyond the outlet, none of them a series' ("Daily Update", "Minutes").
    `key` is the source's `comparable_key`, when the caller has it already.
    """
    date = source.publication_date
    # A year or a month names an edition or an issue as often as a typo.
    if date is None or date.day is None:
        return ""
    if key is None:
        key = comparable_key(source)
    if not key:
        return ""
    words = key.split(" ")
    date_words = date.iso().split("-")  # as the key writes it: "2013 08 22"
    size = len(date_words)
    for index in range(len(words) - size, -1, -1):
        if words[index : index + size] == date_words:
            del words[index : index + size]
            break
    else:
        return ""
    if not source.urls and (len(words) < _MIN_UNDATED_WORDS or _SERIES_WORDS & set(words)):
        return ""
    return " ".join(words)
