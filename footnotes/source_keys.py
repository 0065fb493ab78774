"""When two notes cite one source: the keys they are compared by.

`duplicate_key` normalises a note's text so that the same source written twice
compares equal: casefold, NFKC, quotes and dashes folded, punctuation outside URLs
dropped, dates written as ISO, URLs without scheme, "www.", trailing slash or
tracking parameters (`normalise_url`). Access clauses do not count: the same page
read on two days is the same source.

`comparable_key` is a note's duplicate key when the note names a source at all (CT001
compares them); `undated_key` is that key without the note's publication date, when
the source is named well enough to tell one article from another (CT003 compares
the dates of notes that share it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode

from footcheck.footnotes import pattern_store
from footcheck.footnotes.dates import DateMention, find_dates
from footcheck.footnotes.note_dates import AccessClauses, access_start

if TYPE_CHECKING:
    from footcheck.footnotes.sources import Source

# "http://" or "www.", in any case: the first letter is written as plain literals so
# that the regex engine looks for an "h" or a "w" in C (a case-insensitive pattern
# is tried at every position). No letter but these matches them under IGNORECASE.
URL = pattern_store.compile(
    r"""(?:h(?i:ttps?://)|H(?i:ttps?://)|w(?i:ww\.)|W(?i:ww\.))[^\s<>"'“”‘’)\]]+"""
)
_SCHEME = pattern_store.compile(r"^https?://", re.IGNORECASE)
_WWW = pattern_store.compile(r"^www\.", re.IGNORECASE)
_URL_TRAILING = ".,;:!?"
_TRACKING = pattern_store.compile(r"^(?:utm_\w*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid)$")
# Quotes, dashes and no-break spaces folded to ASCII. They end up as blanks either
# way; folded first, most notes' text is all ASCII and takes the fast path in
# _fold_words. (A chain of str.replace: str.translate with a table is slow on
# non-ASCII text.)
_FOLD_MAP = {
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "–": "-",
    "—": "-",
    "‒": "-",
    "―": "-",
    "\u00a0": " ",
}
_FOLD_PAIRS = tuple(_FOLD_MAP.items())
# On ASCII text, _NON_WORD and "_" to blanks, one blank per character.
_ASCII_PUNCTUATION_TO_BLANK = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c).isspace())}
)
_NON_WORD = pattern_store.compile(r"[^\w\s]+")
# The same on UTF-8 bytes: ASCII punctuation and "_" to blanks, all else (the bytes of
# other characters too) as it is; and the ASCII bytes, to delete.
_ASCII_PUNCTUATION_TO_BLANK_BYTES = bytes(
    b if b >= 128 or chr(b).isalnum() or chr(b).isspace() else ord(" ") for b in range(256)
)
_ASCII_BYTES = bytes(range(128))


# Notes that point elsewhere rather than name a source.
_CROSS_REFERENCE = pattern_store.compile(
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


def clean_url(url: str) -> str:
    return url.rstrip(_URL_TRAILING)


# A report cites one page in note after note: each URL is normalised once.
@lru_cache(maxsize=1 << 14)
def normalise_url(url: str) -> str:
    """A URL's identity: no scheme, no "www.", no trailing slash, no tracking parameters."""
    url = clean_url(url)
    url = _SCHEME.sub("", url)
    url = _WWW.sub("", url)
    fragment = ""
    if "#" in url:
        url, fragment = url.split("#", 1)
        fragment = "#" + fragment
    query = ""
    if "?" in url:
        url, query = url.split("?", 1)
        kept = [
            (k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _TRACKING.match(k)
        ]
        query = "?" + urlencode(kept) if kept else ""
    host, _, rest = url.partition("/")
    url = host.lower() + ("/" + rest if rest else "")
    return url.rstrip("/") + query + fragment


def duplicate_key(
    text: str,
    mentions: Sequence[DateMention] | None = None,
    clauses: AccessClauses | None = None,
) -> str:
    """The normalised form under which two notes count as the same source.

    `clauses` are the note's `access_clauses`, when the caller has them.
    """
    if mentions is None:
        mentions = find_dates(text)
    # U+E000 and U+E001 read as blanks (they once marked the URLs set aside; a
    # one-for-one replacement keeps the mentions' offsets right).
    if "\ue000" in text or "\ue001" in text:
        text = text.replace("\ue000", " ").replace("\ue001", " ")
        clauses = None  # the access words are read again, with the blanks
    # Dates as ISO and access clauses dropped (from the end, so offsets stay right).
    pieces: list[str] = []
    last = len(text)
    if len(mentions) > 1:
        mentions = sorted(mentions, key=_start, reverse=True)
    for mention in mentions:
        if mention.end > last:
            continue
        pieces.append(text[mention.end : last])
        access = None
        if mention.valid:
            if clauses is None:
                access = access_start(text, mention)
            else:
                clause = clauses[mention.start]
                access = clause.start() if clause is not None else None
        if access is None:
            pieces.append(f" {mention.date.iso()} ")
            last = mention.start
        else:
            pieces.append(" ")
            last = access
    pieces.append(text[:last])
    text = "".join(reversed(pieces))
    # URLs keep their own normal form; the text around them is folded, each stretch
    # between two URLs apart (the same as folding the whole text with the URLs set
    # aside behind blanks: folding works character by character, and NFKC composes
    # nothing across a blank). Blanks are collapsed last, over the whole key.
    folded: list[str] = []
    pos = 0
    for match in URL.finditer(text):
        folded.append(_fold_words(text[pos : match.start()]))
        folded.append(normalise_url(match.group()))
        pos = match.end()
    folded.append(_fold_words(text[pos:]))
    return " ".join(" ".join(folded).split())


def _blank_non_words(text: str) -> str:
    """`text` with "_" and its runs of characters that are neither word nor blank as blanks.

    When every other character is a letter or digit ("Novák"), only ASCII
    punctuation is to go: the translation of its UTF-8 bytes does that in C, where
    the pattern costs four times as much.
    """
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate goes to the pattern
    if data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass").isalnum():
        return data.translate(_ASCII_PUNCTUATION_TO_BLANK_BYTES).decode()
    return _NON_WORD.sub(" ", text).replace("_", " ")


def _start(mention: DateMention) -> int:
    return mention.start


def _fold_words(text: str) -> str:
    """NFKC, quotes and dashes folded, casefold, and punctuation and "_" as blanks.

    Blanks are left as they come (the caller collapses them). ASCII text skips what
    cannot change it: NFKC, the folding of non-ASCII quotes and dashes, and the
    pattern for punctuation (a translation table does it character by character).
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        for char, folded in _FOLD_PAIRS:
            if char in text:
                text = text.replace(char, folded)
        text = text.casefold()
        if not text.isascii():
            return _blank_non_words(text)
    else:
        text = text.lower()  # casefold on ASCII
    return text.translate(_ASCII_PUNCTUATION_TO_BLANK)
