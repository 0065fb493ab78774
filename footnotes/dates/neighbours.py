"""The text around a number: whether it can be a year, or is an amount or a label.

A four-digit number is a year only when its neighbours allow it: the words before
it (`words_before`: "No.", "$", "in", "the") and after it (`is_quantity_after`:
"people", "km", "%"), and a number that follows it ("2019 to 3000" is a span of
amounts). These are the tests the date forms share.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from footcheck.footnotes import pattern_store
from footcheck.footnotes.dates.lexicon import (
    ABBREVIATIONS_AND_MONTHS,
    COUNT_ADJECTIVES,
    COUNT_NOUNS,
    CURRENCY,
    DATED_BY,
    DETERMINERS,
    DOC_WORDS,
    PREPOSITIONS,
)

# The years a four-digit number can be.
_MIN_YEAR = 1500
_MAX_YEAR = 2100

# The punctuation stripped from around a token before it is looked up.
STRIP = "\"'“”‘’()[]{},;:!?"
_WORD = pattern_store.compile(r"[^\W\d_][\w'’-]*")
_NUMBER_TOKEN = pattern_store.compile(r"[0-9][0-9.,:/+()-]*")
# What joins two dates of a list: ", ", ", and ", " or ", "/".
CONNECTOR = pattern_store.compile(
    r"\s{0,3}(?:,\s{0,3}(?:(?:and|or)\s{1,3})?|(?:and|or|&|/)\s{1,3}|/)"
)
# A sentence's end after a number: "2019." then a space or the text's end.
_SENTENCE_END_AFTER = pattern_store.compile(r"[.!?]+[\"'”’)\]]*(?:\s|$)")
# What follows a page in a journal or legal citation: pin cites, then the year in
# parentheses ("Harv. L. Rev. 1807, 1810 (1990)", "F.2d 1807 (2d Cir. 1990)").
_PIN_CITES_THEN_YEAR = pattern_store.compile(
    r"(?:,\s{0,2}[0-9]{1,5}(?:[-–][0-9]{1,5})?){0,4}\s{1,3}\([^()]{0,40}?(?<![0-9])[12][0-9]{3}\)"
)
_PIN_CITE_AT = pattern_store.compile(r",\s{1,3}at\s{1,3}\Z")
# A volume and an abbreviated journal or reporter before a page, and the page
# before a pin cite: "126 Harv. L. Rev. 1807", "999 F.2d 1807, 1810".
_VOLUME_AND_REPORTER = pattern_store.compile(
    r"(?<![\w.,])[0-9]{1,4}\s{1,3}(?:[A-Z][\w&'’]*\.[\w.]*\s{1,3}){1,6}(?:[0-9]{1,5},\s{1,3})?\Z"
)
_YEAR_CONTEXT = PREPOSITIONS | DATED_BY | DETERMINERS
_FOLLOWING_NUMBER = pattern_store.compile(
    r"\s{0,3}(?:and|or|to|&|[-–—])\s{0,3}([0-9]+(?:[.,][0-9]+)*)", re.IGNORECASE
)


# A named tuple, not a dataclass: one is built per candidate, and a tuple is built
# in half the time.
class WordsBefore(NamedTuple):
    """The words just before a position: the last two tokens, as written and folded."""

    raw: str  # the last whitespace-separated token, as written ("(No.", "Russia's")
    word: str  # that token folded: lower case, outer punctuation and dots stripped
    word2: str  # the token before it, folded
    glued: str  # punctuation touching the position ("(" in "(2016)"), else ""
    opens_sentence: bool


def _fold(token: str) -> str:
    return token.lower().strip(STRIP).rstrip(".")


def words_before(text: str, start: int) -> WordsBefore:
    """The words before `start`, and whether a sentence opens there."""
    chunk = text[max(0, start - 48) : start]
    glued = ""
    if chunk and not chunk[-1].isspace():
        parts = chunk.rsplit(None, 1)
        glued = parts[-1] if parts else ""
        chunk = chunk[: len(chunk) - len(glued)]
    tokens = chunk.rsplit(None, 2)  # the last two tokens (and the rest, unused)
    raw = tokens[-1] if tokens else ""
    word = _fold(raw)
    word2 = _fold(tokens[-2]) if len(tokens) > 1 else ""
    if len(tokens) == 0 and start > 48:
        opens = False  # a long run of non-space text: not a sentence start
    else:
        tail = raw.rstrip("\"'”’)]")
        opens = (not tokens and start <= 48) or (
            tail[-1:] in ("!", "?") or (tail.endswith(".") and word not in ABBREVIATIONS_AND_MONTHS)
        )
    if glued and glued[-1] in "\"'“‘([":
        opens = opens or raw == "" or raw[-1:] in ".!?:;"
    return WordsBefore(raw, word, word2, glued, opens)


def next_words(text: str, end: int) -> tuple[str, str]:
    """The next two words after `end` (lower case), or "" where there is none."""
    chunk = text[end : end + 48]
    first = _WORD.match(chunk.lstrip())
    if first is None:
        return "", ""
    rest = chunk.lstrip()[first.end() :]
    second = _WORD.match(rest.lstrip())
    return first.group().lower(), second.group().lower() if second else ""


def is_quantity_after(text: str, end: int) -> bool:
    """True when what follows a number makes it an amount: "people", "km", "%", "new cases"."""
    after = text[end : end + 1]
    if not (after.isalnum() or after.isspace() or after in ("%", "‰")):
        return False  # ".", ",", ")" or the end: no sign and no word follows
    rest = text[end : end + 4]
    if rest[:1] == "%" or rest.lstrip()[:1] in ("%", "‰"):
        return True
    first, second = next_words(text, end)
    if first in COUNT_NOUNS:
        return True
    return first in COUNT_ADJECTIVES and second in COUNT_NOUNS


def _is_number_token(token: str) -> bool:
    token = token.strip(STRIP)
    # _NUMBER_TOKEN starts with an ASCII digit: a word is turned away without it.
    return "0" <= token[:1] <= "9" and _NUMBER_TOKEN.fullmatch(token) is not None


def year_ok(year: int) -> bool:
    """Whether `year` is in the range a date in a report can have."""
    return _MIN_YEAR <= year <= _MAX_YEAR


def is_year_token(token: str) -> bool:
    """Whether `token` is a four-digit year and nothing else."""
    return len(token) == 4 and token.isdigit() and year_ok(int(token))


def names_number(before: WordsBefore) -> bool:
    """The position follows a document-number word: "No.", "Resolution", "p.".

    A comma ends the word's reach: "Report, 22.8.2013." names no report number.
    """
    return before.word in DOC_WORDS and before.raw[-1:] not in (",", ";")


def numbered(before: WordsBefore) -> bool:
    """The position follows a document-number word, a currency or another number."""
    return (
        names_number(before)
        or before.word in CURRENCY
        or (not before.glued and _is_number_token(before.raw))
        or glued_currency(before)
    )


def glued_currency(before: WordsBefore) -> bool:
    """The position follows a currency sign with no space: "$2019"."""
    return before.glued[-1:] in ("$", "€", "£", "¥", "₹")


def plausible_year_follows(text: str, end: int) -> bool:
    """False when the year is followed by "to 3000" or "and 250": a span of amounts."""
    m = _FOLLOWING_NUMBER.match(text, end)
    if m is None:
        return True
    digits = m.group(1)
    if not (len(digits) == 4 and digits.isdigit() and year_ok(int(digits))):
        return False
    if abs(int(digits) - int(text[end - 4 : end])) > 100:
        return False  # "between 1500 and 2000": amounts, not a span of years
    return not is_quantity_after(text, m.end())


def closes_citation(text: str, end: int) -> bool:
    """Whether what ends at `end` closes a citation: ",", ")", ";", ":", a sentence, the text."""
    return text[end : end + 1] in (",", ")", ";", ":", "") or sentence_ends_after(text, end)


def sentence_ends_after(text: str, end: int) -> bool:
    """Whether a sentence ends at `end`: "2019." then a space or the text's end."""
    return _SENTENCE_END_AFTER.match(text, end) is not None


def in_parentheses(text: str, start: int) -> bool:
    """Whether a parenthesis opened shortly before `start` is still open there."""
    lo = max(0, start - 80)
    return text.rfind("(", lo, start) > text.rfind(")", lo, start)


# A citation's year in parentheses, then a comma: what follows is its page.
_AFTER_PARENTHESISED_YEAR = pattern_store.compile(r"[12][0-9]{3}[a-z]?\),$")


def is_page(text: str, start: int, end: int, before: WordsBefore) -> bool:
    """Whether the number text[start:end] is a citation's page, not a year.

    After an issue's date ("(July 2017): 1807") or a book's year in parentheses
    ("(New York: Knopf, 2017), 1800"), a pin cite's ", at" ("supra
    note 3, at 1807-08"), a volume and an abbreviated journal ("126 Harv. L. Rev.
    1807, 1810"), or before pin cites and the citation's year in
    parentheses ("Harv. L. Rev. 1807, 1810 (1990)"), unless a word before makes it
    a year ("in 2016 (2017 prices)").
    """
    if before.raw.endswith("):") or _PIN_CITE_AT.search(text, max(0, start - 8), start):
        return True
    if _AFTER_PARENTHESISED_YEAR.search(before.raw) is not None:
        return True  # "(Princeton: Princeton Press, 2017), 1800": a page after the year
    if _VOLUME_AND_REPORTER.search(text, max(0, start - 80), start):
        return True
    return before.word not in _YEAR_CONTEXT and _PIN_CITES_THEN_YEAR.match(text, end) is not None
