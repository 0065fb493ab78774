"""What a matched date form says: the date, or None when the match is no date.

`interpret` reads the form the grammar matched: a month's name becomes its
number, a numeric date its reading (numeric.py: "8/22/13", "03/04/2023" in the
document's style), a range its end and start, a relative word ("last month") a
date from the report's, and a year written alone a year only when its context
makes it one ("in 2021", "(2016)", "the 2019 elections", "ed. 2002"; not "No.
2019", "2019 people" or a page: "(July 2017): 1807").
"""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

from footcheck.footnotes import pattern_store
from footcheck.footnotes.dates.lexicon import (
    AMOUNT_PREPOSITIONS,
    CURRENCY,
    DATED_BY,
    DETERMINERS,
    DOC_WORDS,
    FUNCTION_WORDS,
    MONTHS,
    OPENING_VERBS,
    ORDINALS,
    OTHER_MONTHS,
    PREPOSITIONS,
    QUANTITY_WORDS,
    fold_month_name,
)
from footcheck.footnotes.dates.mention import DateMention
from footcheck.footnotes.dates.neighbours import (
    CONNECTOR,
    STRIP,
    closes_citation,
    glued_currency,
    in_parentheses,
    is_page,
    is_quantity_after,
    is_year_token,
    names_number,
    next_words,
    numbered,
    plausible_year_follows,
    sentence_ends_after,
    words_before,
    year_ok,
)
from footcheck.footnotes.dates.numeric import NUMERIC_FORMS, read_numeric
from footcheck.footnotes.dates.style import DateStyle
from footcheck.footnotes.model import PartialDate

# Quotes that may close a title before its year: 'Title," 2022.'
_CLOSING_QUOTES = "\"'”’»"
_JOINED_YEAR = pattern_store.compile(
    r"\s{1,3}(?:and|or|&)\s{1,3}[12][0-9]{3}(?![0-9])", re.IGNORECASE
)


# A named tuple, not a dataclass: one is built per candidate, and a tuple is built
# in half the time.
class Reading(NamedTuple):
    """What a matched form says: its date (a range's end), and a range's start.

    `future` marks a deadline ("by 2030"), which the scanner takes as planned unless
    the clause reports the change as done; `attributive` a name's year ("the 2019
    elections").
    """

    date: PartialDate
    range_start: PartialDate | None = None
    future: bool = False
    attributive: bool = False


def _month(name: str) -> int:
    """A month's number from its name as matched (case-insensitively: "ſept" and "aprİl" too)."""
    key = name.lower()
    number = MONTHS.get(key)
    if number is None:
        # Case-insensitive matching also takes the long s for "s" and the dotted
        # capital I for "i"; lower() keeps the one and decomposes the other.
        number = MONTHS[key.replace("ſ", "s").replace("i\u0307", "i")]
    return number


def _other_month(m: re.Match[str]) -> int | None:
    """The month of a date in another language, or None when its second name is not
    that month ("mars/mai 2023")."""
    month = OTHER_MONTHS[fold_month_name(m["lang_m"])]
    second = m["lang_m2"]
    if second is not None and OTHER_MONTHS.get(fold_month_name(second)) != month:
        return None
    return month


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
    if not (year_ok(a) and year_ok(b)) or b <= a or b - a > 100:
        return None
    return a, b


def _bare_year(
    text: str, m: re.Match[str], start: int, prev: DateMention | None, note: bool
) -> tuple[PartialDate, bool, bool] | None:
    """A year written alone, when its context makes it one.

    In a note, a year that closes a parenthesis after a name is a citation's
    ("(2d Cir. 1990)", "(Oxford Univ. Press 2002)"); in a claim it is not an event.

    (date, deadline, attributive) or None.
    """
    qual = m.group("qual")
    year_text = m.group("qy") if qual else m.group("by")
    year = int(year_text)
    end = m.end()
    if not year_ok(year) or is_quantity_after(text, end):
        return None
    if qual:
        return PartialDate(year), False, False
    if not plausible_year_follows(text, end):
        return None
    before = words_before(text, start)
    if is_page(text, start, end, before):
        return None  # "(July 2017): 1807", "Harv. L. Rev. 1807, 1810 (1990)"
    if prev is not None and prev.date.month is None:
        gap = CONNECTOR.fullmatch(text, prev.end, start)
        if gap is not None:
            return PartialDate(year), False, False  # "in 2019 and 2020"
    word = before.word
    after = text[end : end + 1]
    # A year set off by a comma that closes a citation: 'Title," 2022.', "Harper, 1952),"
    # "Annual Report 2016, 2017." (the number before is the title's, not a quantity).
    set_off = before.raw.rstrip(_CLOSING_QUOTES)[-1:] in (",", ";", ":", "—", "–")
    if set_off and not before.glued and closes_citation(text, end) and word not in QUANTITY_WORDS:
        title_year = is_year_token(before.raw.rstrip(",;:—–"))
        if title_year or before.word2 not in DOC_WORDS:
            return PartialDate(year), False, False
    if numbered(before):
        return None
    if before.glued == "" and word in DATED_BY:
        return PartialDate(year), False, False  # "published 2021", "(adopted 2020)"
    if before.glued == "":
        if word in PREPOSITIONS:
            if word in AMOUNT_PREPOSITIONS and before.word2 in QUANTITY_WORDS:
                return None  # "a population of 2000", "increased by 2019"
            if word == "year" and before.word2 not in ("the", "fiscal", "financial", "calendar"):
                return None
            return PartialDate(year), word == "by", False
        possessive = before.raw.endswith(("'s", "’s", "s'", "s’"))
        adjective = (
            before.word2 in DETERMINERS
            and before.raw.isalpha()
            and before.raw.islower()
            and word not in QUANTITY_WORDS
            and word not in ORDINALS
        )
        if word in DETERMINERS or possessive or adjective:
            first, _ = next_words(text, end)
            joined = _JOINED_YEAR.match(text, end) is not None
            if (first and first not in FUNCTION_WORDS) or joined:
                return PartialDate(year), False, True  # "the 2019 elections"
    elif before.glued[-1] == "(" and after in (")", ",", ";"):
        return PartialDate(year), False, False  # "(2016)"
    # A year that opens a sentence and is followed by a noun or verb: "2019 budget".
    if before.opens_sentence:
        first, _ = next_words(text, end)
        spaced = text[end : end + 1].isspace()
        if (
            spaced
            and first[:1].islower()
            and (first in OPENING_VERBS or first not in FUNCTION_WORDS)
        ):
            return PartialDate(year), False, first not in OPENING_VERBS
    # A year at a sentence end or before a comma (in a note, also one closing a
    # parenthesis), after a name or a punctuation mark: "Harper, 1952.", "(Smith 2002)".
    closes = (
        after == ","
        or sentence_ends_after(text, end)
        or (note and after == ")" and in_parentheses(text, start))
    )
    if closes and word not in QUANTITY_WORDS:
        token = before.raw.strip(STRIP)
        if (
            before.opens_sentence
            or before.raw[-1:] in (",", ";", ":", "—", "–")
            or (token[:1].isupper() and not before.glued)
        ):
            return PartialDate(year), False, False
    return None


def _relative(phrase: str, text: str, start: int, reference: PartialDate | None) -> Reading | None:
    if reference is None:
        return None
    words = phrase.lower().split()
    key = " ".join(words)
    if (
        phrase[:1].isupper()
        and key in ("today", "yesterday")
        and not words_before(text, start).opens_sentence
    ):
        return None  # "USA Today", "Russia Today": a name
    y, mo, d = reference.year, reference.month, reference.day
    if key == "today":
        return Reading(reference)
    if key == "this year":
        return Reading(PartialDate(y))
    if key == "last year":
        return Reading(PartialDate(y - 1))
    if key == "this month":
        return Reading(PartialDate(y, mo)) if mo is not None else None
    if key == "last month":
        if mo is None:
            return None
        return Reading(PartialDate(y - 1, 12) if mo == 1 else PartialDate(y, mo - 1))
    if mo is None or d is None or not reference.is_valid():
        return None
    day = datetime.date(y, mo, d)
    if key == "yesterday":
        prior = day - datetime.timedelta(days=1)
        return Reading(PartialDate(prior.year, prior.month, prior.day))
    # last week: somewhere from 13 days to 1 day before; keep what the whole span shares.
    earliest = day - datetime.timedelta(days=13)
    latest = day - datetime.timedelta(days=1)
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return Reading(PartialDate(latest.year, latest.month))
    if earliest.year == latest.year:
        return Reading(PartialDate(latest.year))
    return None


def interpret(
    text: str,
    m: re.Match[str],
    kind: str | None,
    start: int,
    reference: PartialDate | None,
    prev: DateMention | None,
    style: DateStyle | None = None,
    note: bool = False,
) -> Reading | None:
    """What the form `kind`, matched by `m` from `start`, says, or None when it is no date.

    `style` and `note` are find_dates's: how the document writes numeric dates, and
    whether the text is a note (where "3/64" can be a citation's date).
    """
    end = m.end()
    if kind == "rel":
        return _relative(text[start:end], text, start, reference)
    if kind == "bare":
        found = _bare_year(text, m, start, prev, note)
        return None if found is None else Reading(found[0], None, found[1], found[2])
    if kind == "iso":
        year, month, day = int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"])
        date = PartialDate(year, month, day)
        if not year_ok(year) or (m["iso_s"] == "." and not date.is_valid()):
            return None  # 2023.13.1 is a version number, not an impossible date
        before = words_before(text, start)
        # After a number only as a document number or an amount: "Outlook 2023-2028,
        # 2022-06-27" lists a title's years, then the date.
        if names_number(before) or before.word in CURRENCY or glued_currency(before):
            return None
        return Reading(date)
    if kind in NUMERIC_FORMS:
        numeric = read_numeric(text, m, kind, start, style, reference, note)
        return None if numeric is None else Reading(numeric)
    if kind in ("r1", "r2", "r3"):
        return _range(text, m, kind, start, prev)
    if kind == "ymd":  # "(2014, May 12)"
        year = int(m["ymd_y"])
        if not year_ok(year):
            return None
        return Reading(PartialDate(year, _month(m["ymd_m"]), int(m["ymd_d"])))
    # The forms that end with a year written after a month.
    if is_quantity_after(text, end):
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
    elif kind == "lang":  # another language's: "3 de marzo de 2023", "März 2023"
        year, other = int(m["lang_y"]), _other_month(m)
        if other is None:
            return None
        if m["lang_d"] is None:
            parts = (PartialDate(year, other), None)
        else:
            parts = _day_range(year, other, int(m["lang_d"]), m["lang_d2"])
    else:  # "my"
        year = int(m["my_y"])
        parts = (PartialDate(year, _month(m["my_m"])), None)
    if parts is None or not year_ok(year):
        return None
    return Reading(parts[0], parts[1])


def _range(
    text: str, m: re.Match[str], kind: str, start: int, prev: DateMention | None
) -> Reading | None:
    end = m.end()
    a_text, b_text = m[f"{kind}_a"], m[f"{kind}_b"]
    span = _year_range(int(a_text), b_text)
    if span is None:
        if kind == "r3" and len(b_text) == 2 and 1 <= int(b_text) <= 12:
            # 2019-05: a year and a month, not a range (2008-09 was read as a range above)
            year = int(a_text)
            if (
                year_ok(year)
                and not numbered(words_before(text, start))
                and not is_quantity_after(text, end)
            ):
                return Reading(PartialDate(year, int(b_text)))
        return None
    if is_quantity_after(text, end):
        return None
    before = words_before(text, start)
    if kind == "r3":
        if numbered(before) or is_page(text, start, end, before):
            return None  # "p. 1807-1830", "supra note 3, at 1807-08"
    elif kind == "r1" or m["r2_from"]:
        if before.word in QUANTITY_WORDS or numbered(before):
            return None  # "rose from 1900 to 2100", "killed between 1500 and 2000"
    else:
        # "2019 to 2021" without "from" needs the context a bare year needs
        if before.glued or before.word not in PREPOSITIONS or numbered(before):
            return None
        if before.word in AMOUNT_PREPOSITIONS and before.word2 in QUANTITY_WORDS:
            return None
    a, b = span
    return Reading(PartialDate(b), PartialDate(a), before.word == "by" and not before.glued)
