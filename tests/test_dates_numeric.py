"""Tests for numeric dates in footnotes.dates, and the traps around a citation's numbers.

"8/22/13", "22-8-13", "03/04/2023" in a document's `DateStyle`; "3/64" as a
note's date; and what is never a date or a year: pages, versions, money, times.
"""

from __future__ import annotations

import datetime
import random
import time

import pytest

from footcheck.footnotes.dates import DateStyle, decide_style, find_dates, grammar, scanner
from footcheck.footnotes.dates.lexicon import word_set
from footcheck.footnotes.model import PartialDate

MONTH_FIRST = DateStyle("mdy", 2014, "8/22/13 has a day above 12")
DAY_FIRST = DateStyle("dmy", 2014, "the document is in French (fr), which writes the day first")
UNDECIDED = DateStyle(None, 2014, "no date and no language says day or month first")


def dates(
    text: str,
    style: DateStyle | None = None,
    *,
    note: bool = False,
    reference: PartialDate | None = None,
) -> list[str]:
    return [m.date.iso() for m in find_dates(text, reference, style, note=note)]


# ------------------------------------------------------------------ three fields, two-digit year

# text, month first, day first, undecided
TWO_DIGIT_YEARS = [
    ("Memo to staff, 8/22/13.", "2013-08-22", "2013-08-22", "2013-08-22"),
    ("Memo to staff, 8-22-13.", "2013-08-22", "2013-08-22", "2013-08-22"),
    ("Memo to staff, 22/8/13.", "2013-08-22", "2013-08-22", "2013-08-22"),
    ("Interview, 6/13/07.", "2007-06-13", "2007-06-13", "2007-06-13"),
    ("Letter, 3/4/13.", "2013-03-04", "2013-04-03", "2013"),
    ("Letter, 03-04-13.", "2013-03-04", "2013-04-03", "2013"),
    ("Letter, 5/5/13.", "2013-05-05", "2013-05-05", "2013-05-05"),
    ("Filed on 12/1/64 in Boston.", "1964-12-01", "1964-01-12", "1964"),
]


@pytest.mark.parametrize(("text", "mdy", "dmy", "undecided"), TWO_DIGIT_YEARS)
def test_two_digit_years_in_each_style(text: str, mdy: str, dmy: str, undecided: str) -> None:
    assert dates(text, MONTH_FIRST) == [mdy]
    assert dates(text, DAY_FIRST) == [dmy]
    assert dates(text, UNDECIDED) == [undecided]


def test_the_century_comes_from_the_style() -> None:
    # pivot 2014: 13 -> 2013, 15 -> 2015, 16 -> 1916, 64 -> 1964
    assert dates("Memo, 8/22/13.", MONTH_FIRST) == ["2013-08-22"]
    assert dates("Memo, 8/22/15.", MONTH_FIRST) == ["2015-08-22"]
    assert dates("Memo, 8/22/16.", MONTH_FIRST) == ["1916-08-22"]
    assert dates("Memo, 8/22/64.", MONTH_FIRST) == ["1964-08-22"]
    assert dates("Memo, 8/22/25.", DateStyle("mdy", 2030, "")) == ["2025-08-22"]


def test_without_a_style_the_fields_must_decide() -> None:
    assert dates("Memo, 8/22/13.") == ["2013-08-22"]
    assert dates("Memo, 22/8/13.") == ["2013-08-22"]
    assert dates("Memo, 3/4/13.") == []  # as before: nothing decides, nothing is read
    assert dates("Memo, 3/4/2013.") == ["2013"]


def test_without_a_style_the_century_is_the_reference_dates_else_todays() -> None:
    assert dates("Memo, 8/22/25.", reference=PartialDate(2014, 3, 1)) == ["1925-08-22"]
    assert dates("Memo, 8/22/25.", reference=PartialDate(2024)) == ["2025-08-22"]
    today = datetime.date.today().year
    yy = (today + 1) % 100  # next year: this century's, not the last
    assert dates(f"Memo, 8/22/{yy:02d}.") == [f"{today + 1}-08-22"]
    yy = (today + 2) % 100  # the year after: the last century's
    assert dates(f"Memo, 8/22/{yy:02d}.") == [f"{today + 2 - 100}-08-22"]


def test_dotted_two_digit_years_are_version_numbers() -> None:
    for style in (None, MONTH_FIRST, DAY_FIRST, UNDECIDED):
        assert dates("Release 1.2.13 fixed it; 22.8.13 too.", style) == []


def test_impossible_dates_are_kept_for_dt003_and_not_dates_are_dropped() -> None:
    for style in (MONTH_FIRST, DAY_FIRST, UNDECIDED):
        (feb30,) = find_dates("Memo, 2/30/13.", None, style)
        assert (feb30.date, feb30.valid) == (PartialDate(2013, 2, 30), False)
        (also,) = find_dates("Memo, 30/2/13.", None, style)
        assert (also.date, also.valid) == (PartialDate(2013, 2, 30), False)
        assert dates("Scores: 12-34-56, 13/13/13, 0/5/13, 5/0/13.", style) == []


# ------------------------------------------------------------------ four-digit years


def test_four_digit_years_follow_the_style_when_it_decides() -> None:
    assert dates("Report, 03/04/2023.", MONTH_FIRST) == ["2023-03-04"]
    assert dates("Report, 03/04/2023.", DAY_FIRST) == ["2023-04-03"]
    assert dates("Report, 03/04/2023.", UNDECIDED) == ["2023"]
    assert dates("Report, 03/04/2023.") == ["2023"]
    # the fields still decide against the style
    assert dates("Report, 13/04/2023.", MONTH_FIRST) == ["2023-04-13"]
    assert dates("Report, 04/13/2023.", DAY_FIRST) == ["2023-04-13"]


def test_dotted_dates_stay_day_first() -> None:
    for style in (None, MONTH_FIRST, DAY_FIRST, UNDECIDED):
        assert dates("Bericht vom 3.4.2023.", style) == ["2023-04-03"]


# ------------------------------------------------------------------ month and year, in notes


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Letter from the director, 3/64.", "1964-03"),
        ("Letter from the director (3/64).", "1964-03"),
        ("Annual survey, 11/2007.", "2007-11"),
        ("Annual survey (11/2007), p. 4.", "2007-11"),
        ("Minutes, 12/1998; see also the report.", "1998-12"),
    ],
)
def test_month_and_year_in_a_note(text: str, date: str) -> None:
    assert dates(text, MONTH_FIRST, note=True) == [date]
    assert dates(text, note=True) == [date]
    assert dates(text, MONTH_FIRST) == []  # not in a claim: "9/11", "24/7"


@pytest.mark.parametrize(
    "text",
    [
        "Use a 3/64 inch bit, 3/64 inch.",  # an amount
        "Drill, 3/64 in diameter.",
        "About 1/2 of the members, 1/2.",  # a fraction: no two-digit year
        "Cut it to 5/16 of the length.",
        "Scored 13/20 on the test, 24/7.",  # no month 13 or 24
        "the 9/11 attacks",  # not set off as a citation's date
        "Version 2/13.1, released.",
        "Report No. 3/64.",  # a document number
        "Survey, 11/2007/3.",
        "Email to the author, 3/15.",  # March 15 as often as March 2015
        "Minutes, 12/13; see also the report.",
    ],
)
def test_what_is_no_month_and_year(text: str) -> None:
    assert dates(text, MONTH_FIRST, note=True) == []


# ------------------------------------------------------------------ traps


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Free Software, Free Society (Joshua Gay, ed. 2002).", ["2002"]),
        ("The Handbook (J. Smith & K. Lee eds. 2002).", ["2002"]),
        ("Contracts (2nd ed. 2002).", ["2002"]),
        ("Journal of Things 12, no. 3 (July 2017): 1807.", ["2017-07"]),
        ("Journal of Things 12, no. 3 (2017): 1807-1830.", ["2017"]),
        ("A. Author, Title, 126 Harv. L. Rev. 1807, 1810 (2013).", ["2013"]),
        ("A. Author, Title, 126 Harv. L. Rev. 1807 (2013).", ["2013"]),
        ("A. Author, Title, 126 Harv. L. Rev. 1807, 1810.", []),
        ("Smith v. Jones, 999 F.2d 1807.", []),
        ("Brown v. Board, 347 U.S. 1954, 1955 (1954).", ["1954"]),
        ("Annual Report 2016, 2017.", ["2017"]),  # a title's year, then the date
        ("Smith, supra note 3, at 1998.", []),
        ("Smith, supra note 3, at 1807-08.", []),
        ("Ibid., p. 1998.", []),
        ("Ibid., pp. 1998-2001.", []),
        ("Report, 22.8.2013.", ["2013-08-22"]),
        ("Report, 8/22/13.", ["2013-08-22"]),
        ("The Evening Standard, 2016-07-01.", ["2016-07-01"]),
        ("Trans. Roy. Soc. Canada, Section II. 1889.", ["1889"]),
        ("Conference proceedings, 19-21 Aug 2003.", ["2003-08-21"]),
        # still not dates
        ("Report 8/22/13 of the council.", []),  # a document number: no comma
        ("No. 1723, S-400, F-35 at 10:30.", []),
        ("It cost $2,013, then €1999, over 1999 km.", []),
        ("ISBN 978-0-12-345678-9.", []),
        ("ISBN 978-1-22-13-4.", []),
        ("See https://example.org/a?d=8/22/13&m=3/64.", []),
        ("See https://example.org/news/8-22-13/story.", []),
        ("Resolution 2334 (2016).", ["2016"]),
        # a year that a preposition makes one is not a page
        ("Prices in 2016 (2017 report).", ["2016"]),
    ],
)
def test_traps(text: str, expected: list[str]) -> None:
    for style in (None, MONTH_FIRST):
        assert dates(text, style, note=True) == expected, style
        assert dates(text, style) == expected, style


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Smith v. Jones, 1999 F.2d 1807, 1811 (2d Cir. 1990).", "1990"),
        ("J. Smith, The Law of Things (Oxford Univ. Press 2002).", "2002"),
        ("As argued before (Smith 2002), see p. 4.", "2002"),
    ],
)
def test_a_year_closing_a_parenthetical_is_a_citations_in_a_note(text: str, year: str) -> None:
    assert dates(text, note=True) == [year]
    assert dates(text) == []  # in a claim, a cited work's year is no event


@pytest.mark.parametrize(
    "text",
    [
        "The crowd (about 2000) left.",
        "The fine (up to 2000) applies.",
        "Participants (n = 1500) answered.",
        "The price (USD 2000) was high.",
        "The figure (Table 1999) shows it.",
        "The text (see 1999) says so).",
    ],
)
def test_amounts_and_numbers_closing_a_parenthesis_are_no_years(text: str) -> None:
    assert dates(text, note=True) == []


# ------------------------------------------------------------------ the scan's shortcuts


def test_a_numeric_date_far_from_any_four_digit_year_is_found() -> None:
    # The scanner only reads the stretches near an anchor: "8/22/13" must be one.
    text = "In 2019 the council met. " + "It talked at length. " * 20 + "Memo, 8/22/13."
    assert dates(text, MONTH_FIRST) == ["2019", "2013-08-22"]
    assert dates("word " * 40 + "Letter, 3/64.", MONTH_FIRST, note=True) == ["1964-03"]


def test_long_texts_are_remembered_per_style_and_kind() -> None:
    text = "Filler sentence here. " * 3000 + "Letter, 3/4/13. Minutes, 3/64."
    assert len(text) >= scanner._MEMO_MIN
    assert dates(text, MONTH_FIRST) == ["2013-03-04"]
    assert dates(text, DAY_FIRST) == ["2013-04-03"]
    assert dates(text, DAY_FIRST, note=True) == ["2013-04-03", "1964-03"]
    assert dates(text) == []
    assert dates(text, DateStyle("mdy", 1950, "")) == ["1913-03-04"]


NUMERIC_WORDS = sorted(
    word_set(
        """
    8/22/13 8-22-13 22/8/13 3/4/13 03-04-13 1.2.13 22.8.2013 03/04/2023 3/64 11/2007 12/13
    1/2 5/16 24/7 9/11 2/30/13 12-34-56 8/22/133 978-1-22-13 Report, No. p. ed. eds. (2017):
    1807, 1810 (1990) at in the $ € km inch - / . , ( ) : 2019 2013-08-22 19-21 Aug
"""
    )
)


def generated(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    glue = ("", " ", " ", ", ", ".", ". ", "/", "-")
    return [
        "".join(rnd.choice(NUMERIC_WORDS) + rnd.choice(glue) for _ in range(rnd.randint(1, 20)))
        for _ in range(n)
    ]


def test_scan_after_finds_what_scan_finds_in_numeric_text() -> None:
    rnd = random.Random(5)
    for text in generated(3000, 5):
        for pos in rnd.sample(range(1, len(text) + 1), min(len(text), 6)):
            plain = grammar.SCAN.search(text, pos)
            fast = grammar.SCAN_AFTER.search(text, pos - 1)
            if plain is None:
                assert fast is None, (text, pos)
            else:
                assert fast is not None, (text, pos)
                got = (fast.start() + 1, fast.end(), fast.lastgroup)
                assert got == (plain.start(), plain.end(), plain.lastgroup), (text, pos)


def test_the_segments_lose_no_numeric_date(monkeypatch: pytest.MonkeyPatch) -> None:
    # Scanning only near the anchors finds what scanning every position finds.
    texts = generated(2000, 6)
    styles = (None, MONTH_FIRST)
    fast = [scanner._find_dates(text, None, style, True) for text in texts for style in styles]
    monkeypatch.setattr(scanner, "_segments", lambda text, relative: [(0, len(text))])
    slow = [scanner._find_dates(text, None, style, True) for text in texts for style in styles]
    assert fast == slow


@pytest.mark.parametrize(
    "chunk", ["8/22/13/", "1/2/3-4-", "Letter, 3/64, ", "(1/20) ", "12-31-99 ", "9" * 50 + "/"]
)
def test_hostile_runs_of_numbers_take_linear_time(chunk: str) -> None:
    text = chunk * (300_000 // len(chunk))
    started = time.perf_counter()
    find_dates(text, None, MONTH_FIRST, note=True)
    decide_style([text], language="en-US", pivot=2014)
    assert time.perf_counter() - started < 3  # well under a second here
