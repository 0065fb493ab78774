"""Date mentions in report text: which dates a sentence or a note talks about.

`find_dates` scans a text once with one pattern and returns every date
mention in reading order, with its precision (day, month or year), whether it can
exist at all (February 30 is kept, marked invalid, for DT003), whether it is an
event or a date set in advance ("will be held in 2025", "entered into force on
1 January 2019"), and, for a range, where the range starts (a range counts by
its end). `event_dates` keeps the valid event dates; `parse_date_string` reads
one metadata value such as a Markdown front matter `date:`.

The scanner errs on the side of silence: a four-digit number is a year only in a
date-like context ("in 2021", "(2016)", "the 2019 elections"), never after a
document-number word ("No. 1723", "Resolution 2334", "p. 1998") or before a count
noun ("2019 people"); a day and month without a year is not returned; an
ambiguous numeric date ("03/04/2023") keeps only its year. A false date costs an
editor's trust more than a missed one.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import NamedTuple

from footcheck.footnotes.abbreviations import ABBREVIATIONS
from footcheck.footnotes.model import PartialDate

__all__ = ["MONTHS", "DateMention", "event_dates", "find_dates", "parse_date_string"]


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


_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

#: Lower-case month names and abbreviations (without a trailing dot) to month numbers.
MONTHS: dict[str, int] = {name: i for i, name in enumerate(_MONTH_NAMES, start=1)}
MONTHS.update({name[:3]: i for i, name in enumerate(_MONTH_NAMES, start=1)})
MONTHS.update({"sept": 9, "jun": 6, "jul": 7})

_MIN_YEAR = 1500
_MAX_YEAR = 2100

# --------------------------------------------------------------------------- the scanner
# Every repetition below is bounded or runs over a character class that the next
# element cannot also match, so the scan stays linear on any input.

_MON = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = (
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?"
    r"|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?,)\s{1,3}"
)
_DAY = r"[0-3]?[0-9]"
_ORD = r"(?:st|nd|rd|th)?"
_DASH = r"\s?[-–—]\s?"
_YSEP = r"(?:,\s{0,3}|\s{1,3})"  # between a month or day and the year


def _year(name: str) -> str:
    """A four-digit year that is not part of a longer number or word."""
    return rf"(?P<{name}>[12][0-9]{{3}})(?![\w]|[.,][0-9])"


_ALTERNATIVES = {
    # today, yesterday, last week, last month, last year, this year, this month
    "rel": r"(?=[tyl])(?<!\w)(?:today|yesterday|(?:last|this)\s{1,3}(?:week|month|year))(?!\w)",
    # 2023-09-07, 2023/09/07, 2023.09.07 (a "T10:30" may follow)
    "iso": (
        r"(?=[12])(?<![\w.,/:$€£-])(?P<iso_y>[12][0-9]{3})(?P<iso_s>[-/.])(?P<iso_m>[0-9]{1,2})"
        r"(?P=iso_s)(?P<iso_d>[0-9]{1,2})(?:(?=T[0-9])|(?![\w/]|[-.:][0-9]))"
    ),
    # 07.09.2023, 09/07/2023, 9-7-2023
    "num": (
        r"(?=[0-9])(?<![\w.,/:$€£-])(?P<num_a>[0-9]{1,2})(?P<num_s>[./-])(?P<num_b>[0-9]{1,2})"
        r"(?P=num_s)(?P<num_y>[12][0-9]{3})(?![\w/]|[-.:][0-9])"
    ),
    # between 2019 and 2023
    "r1": rf"(?=b)(?<!\w)between\s{{1,3}}{_year('r1_a')}\s{{1,3}}and\s{{1,3}}{_year('r1_b')}",
    # from 2019 to 2021, 2019 through 2021
    "r2": (
        rf"(?=[12f])(?<![\w$€£-])(?:(?P<r2_from>from)\s{{1,3}})?{_year('r2_a')}\s{{1,3}}"
        rf"(?:to|until|till|through|thru)\s{{1,3}}{_year('r2_b')}"
    ),
    # 2019-2021, 2019–21, 2023-24
    "r3": (
        r"(?=[12])(?<![\w.,/:$€£¥₹#-])(?P<r3_a>[12][0-9]{3})\s?[-–—]\s?(?P<r3_b>[0-9]{4}|[0-9]{2})"
        r"(?![\w]|[.,/][0-9]|\s?[-–—]\s?[0-9])"
    ),
    # Thursday, September 7th, 2023 / Sept. 7 2023 / March 1-3, 2023
    "mdy": (
        rf"(?=[adfjmnostw])(?<!\w)(?:{_WEEKDAY})?(?P<mdy_m>{_MON})(?:\.\s{{0,3}}|\s{{1,3}})"
        rf"(?P<mdy_d>{_DAY}){_ORD}(?:{_DASH}(?P<mdy_d2>{_DAY}){_ORD})?{_YSEP}{_year('mdy_y')}"
    ),
    # Thu, 7 September 2023 / 7th of September 2023 / 1-3 March 2023
    "dmy": (
        rf"(?=[0-9fmstw])(?<!\w)(?:{_WEEKDAY})?(?<![\w.,/:-])(?P<dmy_d>{_DAY}){_ORD}"
        rf"(?:{_DASH}(?P<dmy_d2>{_DAY}){_ORD})?\s{{1,3}}(?:of\s{{1,3}})?"
        rf"(?P<dmy_m>{_MON})\.?{_YSEP}{_year('dmy_y')}"
    ),
    # March to May 2023, January-September 2024
    "mr": (
        rf"(?=[adfjmnos])(?<!\w)(?P<mr_a>{_MON})\.?(?:\s?[-–—/]\s?|\s{{1,3}}(?:to|through|until|till|and)"
        rf"\s{{1,3}})(?P<mr_b>{_MON})\.?{_YSEP}{_year('mr_y')}"
    ),
    # September 2023, Sept. 2023, March of 2023
    "my": (
        rf"(?=[adfjmnos])(?<!\w)(?P<my_m>{_MON})\.?(?:,\s{{0,3}}|\s{{1,3}}(?:of\s{{1,3}})?)"
        + _year("my_y")
    ),
    # 2021, mid-2023, early 2023, Q3 2023, spring 2023
    "bare": (
        r"(?:(?=[aefhlmqsw])(?<!\w)(?P<qual>mid-|(?:mid|early|late|spring|summer|autumn|fall|winter|q[1-4]"
        r"|h[12])\s{1,3})(?P<qy>[12][0-9]{3})|(?<![\w$€£¥₹₽₴₪#/.,:@&+-])(?P<by>[12][0-9]{3}))"
        r"(?![\w%]|[.,:/][0-9]|\s?[-–—]\s?[0-9])"
    ),
}

_FORMS = "(?:" + "|".join(f"(?P<{name}>{body})" for name, body in _ALTERNATIVES.items()) + ")"

# Every form starts at a digit or at the first letter of a word; the guard in
# front lets the scanner pass over the inside of words cheaply. (_find_dates uses
# it at a text's first position only: _SCAN_AFTER below does the rest.)
_SCAN = re.compile(r"(?=[0-9]|(?<!\w)[^\W\d_])" + _FORMS, re.IGNORECASE)


# Under IGNORECASE an ASCII letter also matches these: "ſept" is "sept", "İ" an "i".
# (tests/test_dates_fastpath.py checks the list against the regex engine.)
_CASE_VARIANTS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _cased(letter: str) -> str:
    """What IGNORECASE lets `letter` (lower-case ASCII) match, as a case-sensitive class."""
    return f"[{letter}{letter.upper()}{_CASE_VARIANTS.get(letter, '')}]"


def _start_guard() -> str:
    """A case-sensitive look-ahead admitting what some form can start with.

    A number that can open a form: a year (iso, r2, r3, bare), or one or two digits
    before a separator (num), an ordinal suffix, a dash or a space (dmy); "14%" and
    "5,107" are turned away. Or a word that opens a form, spelled out in the cases
    IGNORECASE would admit: each alternative opens with a plain literal, which the
    regex engine rejects with one comparison (a case-insensitive literal or a class
    costs a branch entry each).
    """
    words = {name[:3] for name in MONTHS}  # "sept", "september" start as "sep"
    words |= {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}  # every _WEEKDAY
    words |= {"today", "yesterday", "last", "this"}  # rel
    words |= {"between", "from"}  # r1, r2
    words |= {"mid", "early", "late", "spring", "summer", "autumn", "fall", "winter"}  # bare
    rests: dict[str, list[str]] = {"q": ["[1-4]"], "h": ["[12]"]}  # "Q3 2023", "H1 2024"
    for word in sorted(words):
        rests.setdefault(word[0], []).append("".join(map(_cased, word[1:])))
    ordinal = "".join(_cased(c)[1:-1] for c in "snrt")  # the first letters of st, nd, rd, th
    alternatives = ["[12][0-9]{3}", f"[0-9]{{1,2}}[./\\s–—{ordinal}-]"]
    for first, tails in rests.items():
        for variant in first + first.upper() + _CASE_VARIANTS.get(first, ""):
            alternatives.append(f"{variant}(?:{'|'.join(tails)})")
    return "(?=(?-i:" + "|".join(alternatives) + "))"


# The same scanner for every position but the first, and much faster: a match starts
# after a non-word character (every form's look-behind requires one), so the pattern
# opens by consuming that character, and the regex engine then skips from one
# non-word character to the next in C instead of trying the forms at every position.
# After it, the guard admits only a digit or the start of a word that some form can
# begin with ("the", "council" are turned away at once). The form found is
# `m.lastgroup`; it starts at `m.start() + 1`.
_SCAN_AFTER = re.compile(r"\W" + _start_guard() + _FORMS, re.IGNORECASE)

# Every form ends with a four-digit year; none starts more than _SEGMENT_BACK
# characters before it ("Wednesday, September 30th - 31st, 2023" is 38).
_YEAR_ANCHOR = re.compile(r"[12][0-9]{3}")
_RELATIVE_ANCHORS = ("today", "yesterday", "last", "this")
_RELATIVE_ANCHOR = re.compile("|".join(_RELATIVE_ANCHORS), re.IGNORECASE)
_SEGMENT_BACK = 48
_SEGMENT_SLACK = 40

# --------------------------------------------------------------------------- word lists


def _words(listing: str) -> frozenset[str]:
    return frozenset(listing.split())


# A number right after one of these is a document, page or product number, not a year.
_DOC_WORDS = _words(
    """
    no nos nr number num numbers resolution resolutions res article articles art section
    sections sec § §§ chapter chapters ch chap decree law act order ordinance regulation
    directive rule code bill amendment page pages p pp pg vol volume issue iss part para
    paragraph annex appendix table figure fig item clause case file docket route flight
    train bus highway road street box room suite apt unit lot tel phone fax isbn issn doi
    iso windows model type version ver v boeing airbus fy gost standard form op opus
    ticket id ref serial batch index catalogue catalog cat channel level grade size score
    height hill altitude elevation km mile gate terminal platform block floor pier camp
    sector zone plot sheet grid cell row column line verse protocol inquiry report #
    """
)

_CURRENCY = _words(
    """
    $ € £ ¥ ₹ ₽ ₴ ₪ ₺ us$ usd eur gbp rub uah chf jpy cny inr rs aud cad nis ils sek nok
    dkk pln huf czk
    """
)

# A four-digit number before one of these is a quantity ("2019 people", "2023 km").
_COUNT_NOUNS = _words(
    """
    people persons individuals men women children kids cases protesters protestors
    demonstrators troops soldiers servicemen fighters militants combatants police officers
    policemen deaths dead killed casualties victims injured wounded injuries arrests
    detainees prisoners hostages refugees migrants civilians residents citizens voters votes
    ballots seats delegates participants respondents signatures signatories members
    employees workers staff jobs students pupils patients users customers subscribers
    visitors tourists households families homes houses buildings apartments units copies
    rounds shells missiles rockets drones aircraft planes jets tanks vehicles trucks ships
    vessels boats guns rifles weapons items pieces samples documents pages words articles
    posts tweets messages calls complaints incidents attacks strikes sorties violations
    dollars dollar euros euro pounds rubles roubles hryvnias yuan yen rupees usd eur barrels
    tons tonnes kilograms kg km km2 km² kilometres kilometers miles mi metres meters m feet
    ft yards hectares ha acres sq litres liters gallons mw gw kw mwh gwh kwh hours hrs
    minutes mins seconds days weeks months years times points percent pct per villages towns
    schools hospitals companies firms organisations organizations ngos projects
    applications requests petitions lawsuits convictions species animals trees head
    million billion thousand mln bn mn k
    """
)

# Adjectives that may stand between a quantity and its count noun ("2000 new members").
_COUNT_ADJECTIVES = _words(
    """
    new more additional other extra further fewer armed civilian foreign local young
    registered eligible unique active innocent unarmed former military regular square
    cubic metric
    """
)

# Words after which a number reads as an amount rather than a year.
_QUANTITY_WORDS = _words(
    """
    rose risen rising rises increased increase increases increasing fell fallen falls
    falling grew grown grows growing dropped drops dropping declined declines declining
    decreased decreases climbed jumped surged soared plunged plummeted went up down ranged
    ranging ranges varied varies varying killed killing estimated numbered numbering
    totalled totaled totalling totaling cost costing costs population total number sum
    tally toll count crowd army force maximum minimum average majority height depth length
    distance altitude capacity score rate salary price value fine fee bail ransom reward
    amount sample figure estimate out about some nearly over under almost approximately
    approx roughly than least only just additional another further more fewer exactly to
    were was is are be been had has have with without reached reaching injured wounded
    arrested detained lost counted recorded registered received collected sold bought paid
    worth earned raised gathered deployed sent hired employed including among averaged per
    x
    """
)

# After one of these a bare year is a year ("in 2021", "since 2015", "the year 2023").
_PREPOSITIONS = _words(
    """
    in since by of during until till til from before after through throughout around
    circa c ca early late mid year between into beyond
    """
)

# Adjectives that pick some of a quantity ("the first 2000 applicants").
_ORDINALS = _words(
    """
    first last next remaining initial final top previous following extra additional other
    estimated reported latest further roughly nearly some approximately entire whole full
    """
)

# Prepositions that also introduce amounts ("a total of 2000", "rose by 2019").
_AMOUNT_PREPOSITIONS = _words("of by from around between to than")

# Words after which a year is the date something was issued: "published 2021".
_DATED_BY = _words(
    """
    published publ pub adopted issued released dated signed updated revised enacted
    approved passed posted accessed retrieved copyright amended ratified
    """
)
_CLOSING_QUOTES = "\"'”’»"

_DETERMINERS = _words(
    "the a an its his her their our this that these those whose my your every each"
)

# What may follow a year that opens a sentence ("2019 was a turbulent year").
_OPENING_VERBS = _words("was saw marked brought began ended became proved turned also")

_FUNCTION_WORDS = _words(
    """
    of and or to in on at from by with for than is was were are be been as that which
    who but if so
    """
)

# Words ending in "." that do not end a sentence.
_ABBREVIATIONS = ABBREVIATIONS | frozenset(MONTHS)

_STRIP = "\"'“”‘’()[]{},;:!?"
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NUMBER_TOKEN = re.compile(r"[0-9][0-9.,:/+()-]*")
_CONNECTOR = re.compile(r"\s{0,3}(?:,\s{0,3}(?:(?:and|or)\s{1,3})?|(?:and|or|&|/)\s{1,3}|/)")
_FOLLOWING_NUMBER = re.compile(
    r"\s{0,3}(?:and|or|to|&|[-–—])\s{0,3}([0-9]+(?:[.,][0-9]+)*)", re.IGNORECASE
)
_JOINED_YEAR = re.compile(r"\s{1,3}(?:and|or|&)\s{1,3}[12][0-9]{3}(?![0-9])", re.IGNORECASE)
_SENTENCE_END_AFTER = re.compile(r"[.!?]+[\"'”’)\]]*(?:\s|$)")
_BOUNDARY = re.compile(r"[;!?]|\.(?=[\"'”’)\]]{0,3}\s)|\n\s*\n")

# A trigger before a date, in its clause, makes the date planned or set in advance.
# Every trigger but "'ll" is a phrase that starts a word.
_FUTURE_PHRASES = r"""
      (?:will|would|shall|won't|wont)\b | going\s+to\b
    | (?:re)?schedul(?:ed|es|e|ing)\b
    | plan(?:s|ned|ning)?\s+(?:to|for|on)\b | planned\b
    | next\b | expect(?:s|ed|ing)?\s+(?:in|to|by|on|for|at|around|before|after|that)\b
    | expectations?\b | (?:is|are|was|were|be|been)\s+expected\b
    | set\s+(?:to|for)\b
    | due\s+(?:in|on|by|for|before|at)\b | (?:is|are|was|were|be|not)\s+due\b
    | aim(?:s|ed|ing)?\s+(?:to|at|for)\b
    | target(?:s|ed|ing)?\s+(?:of|for|to|by|date|year|is|was|set)\b
    | forecast(?:s|ed|ing)?\b | project(?:ed|ions?)\b | predict(?:s|ed|ions?)?\b
    | upcoming\b | forthcoming\b | in\s+the\s+coming\b
    | intend(?:s|ed|ing)?\b | intention\b | proposed\s+for\b
    | to\s+be\s+held\b | (?:is|are|was|were)\s+to\s+(?:be|take|begin|start|open|end)\b
    | by\s+the\s+end\s+of\b | deadline\b
    | postponed\b | delayed\s+(?:to|until|till)\b | deferred\b
    | (?:take|takes|took|taken|taking)\s+effect\b
    | into\s+force\b | in\s+force\s+(?:from|until|till|on|as)\b
    | with\s+effect\s+from\b | in\s+effect\s+(?:from|until|on|as)\b
    | effective(?=\s+(?:from|as\s+of|on|until|immediately)\b|\s*$)
    | goals?\b | ambitions?\b | hop(?:e|es|ed|ing)\s+to\b
    | (?:pledg|promis|vow|commit(?:t)?|seek|sought|want)(?:e|es|ed|s|ing)?\s+to\b
    | appl(?:y|ies|ied|icable|ying)\s+(?:from|as\s+of|since|until)\b
    | valid\s+(?:until|till|through|thru|to|from)\b
    | expir(?:e|es|ed|ing|y|ation)\b | sunset\b
    | (?:until|till|til|through|thru|runs?\s+to|ran\s+to|lasts?\s+to)\s+(?:the\s+end\s+of\s+)?$
"""
_FUTURE = re.compile(r"\b(?:" + _FUTURE_PHRASES + r")|(?<=\w)['’]ll\b", re.IGNORECASE | re.VERBOSE)
# The same triggers from the second position on, found faster (see _SCAN_AFTER): the
# pattern opens by consuming the non-word character before a phrase (or the
# apostrophe of "'ll"), and a phrase is tried only after a letter that one can
# start with (IGNORECASE adds "ſ", "İ", "ı" to the class).
_FUTURE_AFTER = re.compile(
    r"\W(?:(?=[abcdefghilnprstuvw])(?:" + _FUTURE_PHRASES + r")|(?<=\w['’])ll\b)",
    re.IGNORECASE | re.VERBOSE,
)
_FUTURE_WINDOW = 60
_LETTERS = re.compile(r"[^\W\d_]+")
# One word of every trigger above: a window without any of them has no trigger.
_FUTURE_KEYWORDS = _words(
    """
    will would shall won wont ll going schedule scheduled schedules scheduling rescheduled
    plan plans planned planning next expect expects expected expecting expectation
    expectations set due aim aims aimed aiming target targets targeting forecast forecasts
    forecasted forecasting projected projection projections predict predicts predicted
    prediction predictions upcoming forthcoming coming intend intends intended intending
    intention proposed held is are was were end deadline postponed delayed deferred effect
    force effective apply applies applied applicable applying valid expire expires expired
    expiring expiry expiration sunset goal goals ambition ambitions hope hopes hoped hoping
    pledge pledges pledged pledging promise promises promised promising vow vows vowed
    vowing commit commits committed committing seek seeks sought seeking want wants wanted
    wanting until till til through thru runs run ran lasts last
    """
)

# The same words as bytes, and a table that lower-cases ASCII letters and blanks the
# rest of the bytes.
_FUTURE_KEYWORDS_ASCII = frozenset(word.encode("ascii") for word in _FUTURE_KEYWORDS)
_LOWER_LETTERS_ONLY = bytes(ord(chr(c).lower()) if chr(c).isalpha() else 32 for c in range(128))
_LOWER_LETTERS_ONLY += b" " * 128


def _has_future_keyword(text: str, lo: int, start: int) -> bool:
    """Whether a word of text[lo:start] (a run of letters), lower-cased, is a trigger word.

    Decided on bytes first: the window is encoded with every non-ASCII character as
    "?", lower-cased and split at whatever is not an ASCII letter (one table does
    both). A trigger word is ASCII letters with non-letters around it, so it survives
    that as a word of its own (only the Kelvin sign, which lower-cases to "k", is lost:
    such a window takes the exact path). The bytes can also show a word the text does
    not have ("will" from "willé"): a hit is confirmed on the text itself.
    """
    window = text[lo:start]
    words = window.encode("ascii", "replace").translate(_LOWER_LETTERS_ONLY).split()
    if _FUTURE_KEYWORDS_ASCII.isdisjoint(words) and "\u212a" not in window:
        return False
    if window.isascii():
        return True  # the bytes were the text
    return not _FUTURE_KEYWORDS.isdisjoint(map(str.lower, _LETTERS.findall(window)))


# A clause that reports a change as done: "had doubled by 2017", "rose 28% by 2022".
# There, "by" + date is when it had happened, not a deadline.
_PAST_CHANGE_WORDS = _words(
    """
    had has have was were did rose fell grew reached doubled tripled halved climbed
    dropped increased decreased declined jumped soared surged slumped recovered peaked hit
    exceeded surpassed topped totalled totaled stood expanded shrank contracted improved
    worsened fallen risen grown
    """
)
_PAST_CHANGE = re.compile(r"\b(?:" + "|".join(sorted(_PAST_CHANGE_WORDS)) + r")\b", re.IGNORECASE)
_PAST_CHANGE_ASCII = frozenset(word.encode("ascii") for word in _PAST_CHANGE_WORDS)
# ASCII word characters (letters lower-cased, digits, "_") kept, the rest blanked.
_LOWER_WORD_ONLY = bytes(
    ord(chr(c).lower()) if chr(c).isalnum() or c == 95 else 32 for c in range(128)
)
_LOWER_WORD_ONLY += b" " * 128
_CASE_VARIANT_CHARS = frozenset("".join(_CASE_VARIANTS.values()))

# --------------------------------------------------------------------------- helpers


# Named tuples, not dataclasses: one of each is built per candidate, and a tuple is
# built in half the time.
class _Found(NamedTuple):
    date: PartialDate
    range_start: PartialDate | None = None
    future: bool = False
    attributive: bool = False


class _Before(NamedTuple):
    """The words just before a position: the last two tokens, as written and folded."""

    raw: str  # the last whitespace-separated token, as written ("(No.", "Russia's")
    word: str  # that token folded: lower case, outer punctuation and dots stripped
    word2: str  # the token before it, folded
    glued: str  # punctuation touching the position ("(" in "(2016)"), else ""
    opens_sentence: bool


def _fold(token: str) -> str:
    return token.lower().strip(_STRIP).rstrip(".")


def _before(text: str, start: int) -> _Before:
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
            tail[-1:] in ("!", "?") or (tail.endswith(".") and word not in _ABBREVIATIONS)
        )
    if glued and glued[-1] in "\"'“‘([":
        opens = opens or raw == "" or raw[-1:] in ".!?:;"
    return _Before(raw, word, word2, glued, opens)


def _next_words(text: str, end: int) -> tuple[str, str]:
    """The next two words after `end` (lower case), or "" where there is none."""
    chunk = text[end : end + 48]
    first = _WORD.match(chunk.lstrip())
    if first is None:
        return "", ""
    rest = chunk.lstrip()[first.end() :]
    second = _WORD.match(rest.lstrip())
    return first.group().lower(), second.group().lower() if second else ""


def _is_quantity_after(text: str, end: int) -> bool:
    """True when what follows a number makes it an amount: "people", "km", "%", "new cases"."""
    after = text[end : end + 1]
    if not (after.isalnum() or after.isspace() or after in ("%", "‰")):
        return False  # ".", ",", ")" or the end: no sign and no word follows
    rest = text[end : end + 4]
    if rest[:1] == "%" or rest.lstrip()[:1] in ("%", "‰"):
        return True
    first, second = _next_words(text, end)
    if first in _COUNT_NOUNS:
        return True
    return first in _COUNT_ADJECTIVES and second in _COUNT_NOUNS


def _is_number_token(token: str) -> bool:
    token = token.strip(_STRIP)
    # _NUMBER_TOKEN starts with an ASCII digit: a word is turned away without it.
    return "0" <= token[:1] <= "9" and _NUMBER_TOKEN.fullmatch(token) is not None


def _year_ok(year: int) -> bool:
    return _MIN_YEAR <= year <= _MAX_YEAR


def _is_year_token(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and _year_ok(int(token))


def _numbered(before: _Before) -> bool:
    """The position follows a document-number word, a currency or another number."""
    return (
        before.word in _DOC_WORDS
        or before.word in _CURRENCY
        or (not before.glued and _is_number_token(before.raw))
        or _glued_currency(before)
    )


def _glued_currency(before: _Before) -> bool:
    return before.glued[-1:] in ("$", "€", "£", "¥", "₹")


def _plausible_year_follows(text: str, end: int) -> bool:
    """False when the year is followed by "to 3000" or "and 250": a span of amounts."""
    m = _FOLLOWING_NUMBER.match(text, end)
    if m is None:
        return True
    digits = m.group(1)
    if not (len(digits) == 4 and digits.isdigit() and _year_ok(int(digits))):
        return False
    if abs(int(digits) - int(text[end - 4 : end])) > 100:
        return False  # "between 1500 and 2000": amounts, not a span of years
    return not _is_quantity_after(text, m.end())


# --------------------------------------------------------------------------- the forms


def _month(name: str) -> int:
    """A month's number from its name as matched (case-insensitively: "ſept" and "aprİl" too)."""
    key = name.lower()
    number = MONTHS.get(key)
    if number is None:
        # Case-insensitive matching also takes the long s for "s" and the dotted
        # capital I for "i"; lower() keeps the one and decomposes the other.
        number = MONTHS[key.replace("ſ", "s").replace("i\u0307", "i")]
    return number


def _numeric(a: int, b: int, year: int, sep: str) -> PartialDate:
    """A day-month-year or month-day-year written in numbers."""
    mdy = PartialDate(year, a, b)
    dmy = PartialDate(year, b, a)
    if sep == ".":
        first, second = dmy, mdy  # dotted dates are day first
    else:
        first, second = mdy, dmy
    ok_first, ok_second = first.is_valid(), second.is_valid()
    if ok_first and ok_second:
        if sep == "." or a == b:
            return first
        return PartialDate(year)  # 03/04/2023: either reading; keep only the year
    if ok_second:
        return second
    return first  # valid, or impossible either way (kept as written)


def _day_range(
    year: int, month: int, day: int, day2: str | None
) -> tuple[PartialDate, PartialDate | None] | None:
    if day2 is None:
        return PartialDate(year, month, day), None
    end = int(day2)
    if end <= day:
        return None
    return PartialDate(year, month, end), PartialDate(year, month, day)


def _year_range(a: int, b_text: str) -> tuple[int, int] | None:
    if len(b_text) == 4:
        b = int(b_text)
    else:
        b = a // 100 * 100 + int(b_text)
        if b <= a:
            b += 100
        if b - a > 20:
            return None
    if not (_year_ok(a) and _year_ok(b)) or b <= a or b - a > 100:
        return None
    return a, b


def _bare_year(
    text: str, m: re.Match[str], start: int, prev: DateMention | None
) -> tuple[PartialDate, bool, bool] | None:
    """A year written alone, when its context makes it one.

    (date, deadline, attributive) or None.
    """
    qual = m.group("qual")
    year_text = m.group("qy") if qual else m.group("by")
    year = int(year_text)
    end = m.end()
    if not _year_ok(year) or _is_quantity_after(text, end):
        return None
    if qual:
        return PartialDate(year), False, False
    if not _plausible_year_follows(text, end):
        return None
    before = _before(text, start)
    if prev is not None and prev.date.month is None:
        gap = _CONNECTOR.fullmatch(text, prev.end, start)
        if gap is not None:
            return PartialDate(year), False, False  # "in 2019 and 2020"
    word = before.word
    after = text[end : end + 1]
    # A year set off by a comma that closes a citation: 'Title," 2022.', "Harper, 1952),"
    # "Annual Report 2016, 2017." (the number before is the title's, not a quantity).
    set_off = before.raw.rstrip(_CLOSING_QUOTES)[-1:] in (",", ";", ":", "—", "–")
    closes_citation = after in (",", ")", ";", ":", "") or _SENTENCE_END_AFTER.match(text, end)
    if set_off and not before.glued and closes_citation and word not in _QUANTITY_WORDS:
        title_year = _is_year_token(before.raw.rstrip(",;:—–"))
        if title_year or before.word2 not in _DOC_WORDS:
            return PartialDate(year), False, False
    if _numbered(before):
        return None
    if before.glued == "" and word in _DATED_BY:
        return PartialDate(year), False, False  # "published 2021", "(adopted 2020)"
    if before.glued == "":
        if word in _PREPOSITIONS:
            if word in _AMOUNT_PREPOSITIONS and before.word2 in _QUANTITY_WORDS:
                return None  # "a population of 2000", "increased by 2019"
            if word == "year" and before.word2 not in ("the", "fiscal", "financial", "calendar"):
                return None
            return PartialDate(year), word == "by", False
        possessive = before.raw.endswith(("'s", "’s", "s'", "s’"))
        adjective = (
            before.word2 in _DETERMINERS
            and before.raw.isalpha()
            and before.raw.islower()
            and word not in _QUANTITY_WORDS
            and word not in _ORDINALS
        )
        if word in _DETERMINERS or possessive or adjective:
            first, _ = _next_words(text, end)
            joined = _JOINED_YEAR.match(text, end) is not None
            if (first and first not in _FUNCTION_WORDS) or joined:
                return PartialDate(year), False, True  # "the 2019 elections"
    elif before.glued[-1] == "(" and after in (")", ",", ";"):
        return PartialDate(year), False, False  # "(2016)"
    # A year that opens a sentence and is followed by a noun or verb: "2019 budget".
    if before.opens_sentence:
        first, _ = _next_words(text, end)
        spaced = text[end : end + 1].isspace()
        if (
            spaced
            and first[:1].islower()
            and (first in _OPENING_VERBS or first not in _FUNCTION_WORDS)
        ):
            return PartialDate(year), False, first not in _OPENING_VERBS
    # A year at a sentence end or before a comma, after a name or a punctuation mark.
    closes = after == "," or _SENTENCE_END_AFTER.match(text, end) is not None
    if closes and word not in _QUANTITY_WORDS:
        token = before.raw.strip(_STRIP)
        if (
            before.opens_sentence
            or before.raw[-1:] in (",", ";", ":", "—", "–")
            or (token[:1].isupper() and not before.glued)
        ):
            return PartialDate(year), False, False
    return None


def _relative(phrase: str, text: str, start: int, reference: PartialDate | None) -> _Found | None:
    if reference is None:
        return None
    words = phrase.lower().split()
    key = " ".join(words)
    if (
        phrase[:1].isupper()
        and key in ("today", "yesterday")
        and not _before(text, start).opens_sentence
    ):
        return None  # "USA Today", "Russia Today": a name
    y, mo, d = reference.year, reference.month, reference.day
    if key == "today":
        return _Found(reference)
    if key == "this year":
        return _Found(PartialDate(y))
    if key == "last year":
        return _Found(PartialDate(y - 1))
    if key == "this month":
        return _Found(PartialDate(y, mo)) if mo is not None else None
    if key == "last month":
        if mo is None:
            return None
        return _Found(PartialDate(y - 1, 12) if mo == 1 else PartialDate(y, mo - 1))
    if mo is None or d is None or not reference.is_valid():
        return None
    day = datetime.date(y, mo, d)
    if key == "yesterday":
        prior = day - datetime.timedelta(days=1)
        return _Found(PartialDate(prior.year, prior.month, prior.day))
    # last week: somewhere from 13 days to 1 day before; keep what the whole span shares.
    earliest = day - datetime.timedelta(days=13)
    latest = day - datetime.timedelta(days=1)
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return _Found(PartialDate(latest.year, latest.month))
    if earliest.year == latest.year:
        return _Found(PartialDate(latest.year))
    return None


def _interpret(
    text: str,
    m: re.Match[str],
    kind: str | None,
    start: int,
    reference: PartialDate | None,
    prev: DateMention | None,
) -> _Found | None:
    """What the form `kind`, matched by `m` from `start`, says, or None when it is no date."""
    end = m.end()
    if kind == "rel":
        return _relative(text[start:end], text, start, reference)
    if kind == "bare":
        found = _bare_year(text, m, start, prev)
        return None if found is None else _Found(found[0], None, found[1], found[2])
    if kind == "iso":
        year, month, day = int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"])
        date = PartialDate(year, month, day)
        if not _year_ok(year) or (m["iso_s"] == "." and not date.is_valid()):
            return None  # 2023.13.1 is a version number, not an impossible date
        before = _before(text, start)
        # After a number only as a document number or an amount: "Outlook 2023-2028,
        # 2022-06-27" lists a title's years, then the date.
        if before.word in _DOC_WORDS or before.word in _CURRENCY or _glued_currency(before):
            return None
        return _Found(date)
    if kind == "num":
        year = int(m["num_y"])
        if not _year_ok(year) or _numbered(_before(text, start)):
            return None
        return _Found(_numeric(int(m["num_a"]), int(m["num_b"]), year, m["num_s"]))
    if kind in ("r1", "r2", "r3"):
        return _range(text, m, kind, start, prev)
    # The forms that end with a year written after a month.
    if _is_quantity_after(text, end):
        return None  # "On October 7, 2000 people ..."
    if kind == "mdy":
        year = int(m["mdy_y"])
        parts = _day_range(year, _month(m["mdy_m"]), int(m["mdy_d"]), m["mdy_d2"])
    elif kind == "dmy":
        year = int(m["dmy_y"])
        parts = _day_range(year, _month(m["dmy_m"]), int(m["dmy_d"]), m["dmy_d2"])
    elif kind == "mr":
        year = int(m["mr_y"])
        first, last = _month(m["mr_a"]), _month(m["mr_b"])
        if first == last:
            return None
        begin = PartialDate(year if first < last else year - 1, first)
        parts = (PartialDate(year, last), begin)
    else:  # "my"
        year = int(m["my_y"])
        parts = (PartialDate(year, _month(m["my_m"])), None)
    if parts is None or not _year_ok(year):
        return None
    return _Found(parts[0], parts[1])


def _range(
    text: str, m: re.Match[str], kind: str, start: int, prev: DateMention | None
) -> _Found | None:
    end = m.end()
    a_text, b_text = m[f"{kind}_a"], m[f"{kind}_b"]
    span = _year_range(int(a_text), b_text)
    if span is None:
        if kind == "r3" and len(b_text) == 2 and 1 <= int(b_text) <= 12:
            # 2019-05: a year and a month, not a range (2008-09 was read as a range above)
            year = int(a_text)
            if (
                _year_ok(year)
                and not _numbered(_before(text, start))
                and not _is_quantity_after(text, end)
            ):
                return _Found(PartialDate(year, int(b_text)))
        return None
    if _is_quantity_after(text, end):
        return None
    before = _before(text, start)
    if kind == "r3":
        if _numbered(before):
            return None
    elif kind == "r1" or m["r2_from"]:
        if before.word in _QUANTITY_WORDS or _numbered(before):
            return None  # "rose from 1900 to 2100", "killed between 1500 and 2000"
    else:
        # "2019 to 2021" without "from" needs the context a bare year needs
        if before.glued or before.word not in _PREPOSITIONS or _numbered(before):
            return None
        if before.word in _AMOUNT_PREPOSITIONS and before.word2 in _QUANTITY_WORDS:
            return None
    a, b = span
    return _Found(PartialDate(b), PartialDate(a), before.word == "by" and not before.glued)


# --------------------------------------------------------------------------- the future


def _clause_start(text: str, lo: int, start: int) -> int:
    """Where the clause holding `start` begins, looking back no further than `lo`."""
    cut = lo
    segment = text[lo : min(len(text), start + 1)]
    for b in _BOUNDARY.finditer(segment):
        if b.start() >= start - lo:
            break
        if b.group() == ".":
            head = segment[: b.start()].split()
            token = head[-1] if head else ""
            folded = token.lower().strip(_STRIP)
            if folded in _ABBREVIATIONS or len(folded) <= 1 or "." in folded:
                continue  # "Dr. Smith", "U.S. forces", "Sept. 7", "J. Smith"
        cut = lo + b.end()
    return cut


def _reports_past_change(text: str, start: int) -> bool:
    """Whether the clause before `start` says something had already happened."""
    lo = max(0, start - _FUTURE_WINDOW)
    # A quick test on bytes first, as in _has_future_keyword: a word the pattern
    # matches is ASCII word characters between non-word ones, so it survives as a
    # word of its own (a letter IGNORECASE also matches, such as "ſ", does not: that
    # window takes the pattern). The clause lies inside the window.
    window = text[lo:start]
    words = window.encode("ascii", "replace").translate(_LOWER_WORD_ONLY).split()
    if _PAST_CHANGE_ASCII.isdisjoint(words) and _CASE_VARIANT_CHARS.isdisjoint(window):
        return False
    return _PAST_CHANGE.search(text, _clause_start(text, lo, start), start) is not None


def _is_future(text: str, start: int) -> bool:
    lo = max(0, start - _FUTURE_WINDOW)
    if not _has_future_keyword(text, lo, start):
        return False  # the common case, decided without the long pattern
    cut = _clause_start(text, lo, start)
    # _FUTURE.search(text, cut, start), in two parts: a trigger at `cut` itself, or one
    # after a non-word character at `cut` or later.
    return (
        _FUTURE.match(text, cut, start) is not None
        or _FUTURE_AFTER.search(text, cut, start) is not None
    )


# --------------------------------------------------------------------------- the API


# Long texts are scanned more than once (the report-date search reads the first
# paragraphs, the claims read every one): the last few results are kept.
_MEMO_MIN = 50_000
_MEMO_SIZE = 4
_memo: dict[tuple[str, PartialDate | None], tuple[DateMention, ...]] = {}


def find_dates(text: str, reference: PartialDate | None = None) -> list[DateMention]:
    """Every date mention in `text`, in reading order.

    Relative dates ("today", "last month") are resolved against `reference`, the
    report's date, and left out when it is None.
    """
    if len(text) < _MEMO_MIN:
        return _find_dates(text, reference)
    if reference is not None and _RELATIVE_ANCHOR.search(text) is None:
        reference = None  # no relative date to resolve: the same mentions either way
    key = (text, reference)
    found = _memo.get(key)
    if found is None:
        found = tuple(_find_dates(text, reference))
        if len(_memo) >= _MEMO_SIZE:
            del _memo[next(iter(_memo))]
        _memo[key] = found
    return list(found)


def _find_dates(text: str, reference: PartialDate | None) -> list[DateMention]:
    found: list[DateMention] = []
    prev: DateMention | None = None
    search = _SCAN_AFTER.search
    pos = 0
    for seg_start, seg_end in _segments(text, reference is not None):
        pos = max(pos, seg_start)
        # Every form ends with a year or a relative word, which lies inside the
        # segment; the slack keeps the look-aheads after it exact.
        endpos = seg_end + _SEGMENT_SLACK
        while pos < seg_end:
            if pos:
                # A match from `pos` on: its non-word character is at `pos - 1` or later.
                m = search(text, pos - 1, endpos)
                if m is None:
                    break
                kind = m.lastgroup
                start = m.start() + 1  # past the non-word character
            else:
                m = _SCAN.match(text, 0, endpos)  # no character before the first
                if m is None:
                    pos = 1
                    continue
                kind = m.lastgroup
                start = 0
            if start >= seg_end:
                break
            got = _interpret(text, m, kind, start, reference, prev)
            if got is None:
                pos = start + 1
                continue
            end = m.end()
            # got.future is a deadline ("by 2030"): planned, unless the clause reports
            # the change as done ("had doubled by 2017"); a trigger word always counts.
            future = _is_future(text, start) or (
                got.future and not _reports_past_change(text, start)
            )
            if not future and prev is not None and prev.future:
                # "will be held in 2024 and 2025": a date joined to a planned one is planned
                future = _CONNECTOR.fullmatch(text, prev.end, start) is not None
            valid = got.date.is_valid() and (got.range_start is None or got.range_start.is_valid())
            phrase = text[start:end]
            mention = DateMention(
                got.date, start, end, phrase, valid, future, got.range_start, got.attributive
            )
            found.append(mention)
            prev = mention
            pos = end
    return found


def _segments(text: str, relative: bool) -> list[tuple[int, int]]:
    """The stretches of `text` that can hold a date, merged and in order.

    A date ends with a four-digit year (or is a relative word); finding those
    with a trivial pattern first lets the full scanner skip the plain prose.
    """
    if not relative:
        # The anchors come in order: merge them as they come (the common case, and
        # the same spans as the sort-and-merge below).
        merged: list[tuple[int, int]] = []
        last_lo = last_hi = -_SEGMENT_SLACK - 1
        for a in _YEAR_ANCHOR.finditer(text):
            lo, hi = a.span()
            lo = max(lo - _SEGMENT_BACK, 0)
            if lo <= last_hi + _SEGMENT_SLACK:
                last_hi = hi  # anchors do not overlap: a later one ends later
                merged[-1] = (last_lo, hi)
            else:
                last_lo, last_hi = lo, hi
                merged.append((lo, hi))
        return merged
    spans = [(a.start() - _SEGMENT_BACK, a.end()) for a in _YEAR_ANCHOR.finditer(text)]
    low = text.lower()
    if len(low) == len(text):
        for word in _RELATIVE_ANCHORS:
            at = low.find(word)
            while at >= 0:
                spans.append((at, at + 20))
                at = low.find(word, at + 1)
    else:
        spans.extend((a.start(), a.end() + 20) for a in _RELATIVE_ANCHOR.finditer(text))
    spans.sort()
    merged = []
    for lo, hi in spans:
        lo = max(lo, 0)
        if merged and lo <= merged[-1][1] + _SEGMENT_SLACK:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


def event_dates(text: str, reference: PartialDate | None = None) -> list[PartialDate]:
    """The dates of the mentions that report events (not planned ones, not names'), in order."""
    return [m.date for m in find_dates(text, reference) if m.is_event]


_META_ISO = re.compile(
    r"(?P<y>[0-9]{4})(?:(?P<s>[-/.])(?P<m>[0-9]{1,2})(?:(?P=s)(?P<d>[0-9]{1,2}))?)?"
    r"(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,9})?)?\s?"
    r"(?:Z|UTC|GMT|[+-][0-9]{2}(?::?[0-9]{2})?)?)?",
    re.IGNORECASE,
)


def parse_date_string(value: str) -> PartialDate | None:
    """One metadata value ("2024-02-01", "Feb. 1, 2024", RFC 2822, "2024") as a date.

    None when the value is not a date or names a date that cannot exist.
    """
    value = value.strip().strip("\"'")
    if not value or len(value) > 200:
        return None
    m = _META_ISO.fullmatch(value)
    if m is not None:
        year = int(m["y"])
        if m["m"] is None:
            date = PartialDate(year)
        elif m["d"] is None:
            date = PartialDate(year, int(m["m"]))
        else:
            date = PartialDate(year, int(m["m"]), int(m["d"]))
        return date if date.is_valid() else None
    for mention in find_dates(value):
        if mention.range_start is None:
            return mention.date if mention.valid else None
    return _parse_with_dateutil(value)


def _parse_with_dateutil(value: str) -> PartialDate | None:
    """The slow path: python-dateutil, telling which fields the value really had."""
    from dateutil import parser  # imported here: it is slow to import

    if not re.search(r"[0-9]{4}", value):
        return None  # no four-digit year: too ambiguous
    probes = (datetime.datetime(2000, 1, 1), datetime.datetime(2001, 2, 2))
    try:
        one, two = (parser.parse(value, default=probe) for probe in probes)
    except Exception:  # dateutil raises more than ValueError on odd input
        return None
    if one.year != two.year:
        return None
    if one.month != two.month:
        return PartialDate(one.year)
    if one.day != two.day:
        return PartialDate(one.year, one.month)
    return PartialDate(one.year, one.month, one.day)
