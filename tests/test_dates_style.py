"""Tests for footnotes.dates.style: day or month first per document, and the century."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from footcheck.footnotes.dates import DateStyle, decide_style
from footcheck.footnotes.dates.style import DAY_FIRST, MONTH_FIRST

# ------------------------------------------------------------------ the century


@pytest.mark.parametrize(
    ("yy", "year"),
    [(13, 2013), (0, 2000), (14, 2014), (15, 2015), (16, 1916), (24, 1924), (64, 1964)],
)
def test_two_digit_years_fall_in_the_century_around_the_pivot(yy: int, year: int) -> None:
    # pivot 2014: from 1916 (pivot - 98) to 2015 (pivot + 1)
    assert DateStyle(None, 2014, "").full_year(yy) == year


@pytest.mark.parametrize("pivot", [1950, 1999, 2000, 2014, 2089, 2090, 2100])
def test_the_century_window_is_a_hundred_years_ending_the_year_after_the_pivot(pivot: int) -> None:
    years = sorted(DateStyle(None, pivot, "").full_year(yy) for yy in range(100))
    assert years == list(range(pivot - 98, pivot + 2))


# ------------------------------------------------------------------ evidence from dates


def test_a_day_above_12_in_the_second_field_means_month_first() -> None:
    style = decide_style(["Smith, memo, 8/22/13."], language="fr", pivot=2014)
    assert style == DateStyle("mdy", 2014, "8/22/13 has a day above 12")


def test_a_day_above_12_in_the_first_field_means_day_first() -> None:
    style = decide_style(["Smith, memo, 22/8/13."], language="en-US", pivot=2014)
    assert style == DateStyle("dmy", 2014, "22/8/13 has a day above 12")


def test_four_digit_years_and_dashes_are_evidence_too() -> None:
    assert decide_style(["filed 12-25-2019"], language=None, pivot=2024).order == "mdy"
    assert decide_style(["filed 25/12/2019"], language=None, pivot=2024).order == "dmy"


def test_both_orders_seen_decide_nothing_and_say_so() -> None:
    texts = ["The memo of 8/22/13 was filed.", "A reply came on 22/9/13."]
    style = decide_style(texts, language="en-US", pivot=2014)
    assert style.order is None
    assert style.why == "both 8/22/13 (month first) and 22/9/13 (day first) occur"


def test_the_dates_decide_before_the_language() -> None:
    assert decide_style(["on 13/1/2020"], language="en-US", pivot=2024).order == "dmy"
    assert decide_style(["on 1/13/2020"], language="de", pivot=2024).order == "mdy"


def test_ambiguous_dates_leave_the_decision_to_the_language() -> None:
    texts = ["Memo, 3/4/13.", "Memo, 5/5/2013."]
    assert decide_style(texts, language="en-GB", pivot=2014).order == "dmy"
    assert decide_style(texts, language=None, pivot=2014).order is None


@pytest.mark.parametrize(
    "text",
    [
        "22.8.2013",  # dotted: day first wherever it is written, no evidence
        "see 31/2/13",  # no such day either way
        "13/13/13",  # no month either way
        "version 1.22.13",
        "https://example.org/news/8/22/13/story",
        "https://example.org/search?from=8/22/13",
        "ISBN 978-1-22-13",
        "a ratio of 3/22",  # no year
        "3/64 inch",
        "page 8/22/133",
    ],
)
def test_what_is_no_evidence(text: str) -> None:
    assert decide_style([text], language=None, pivot=2014).order is None


# ------------------------------------------------------------------ evidence from the language


@pytest.mark.parametrize(
    ("language", "order"),
    [
        ("en-US", "mdy"),
        ("en-us", "mdy"),
        ("en_US", "mdy"),
        ("en-PH", "mdy"),
        ("en-Latn-US", "mdy"),
        ("fil", "mdy"),
        ("en-GB", "dmy"),
        ("en-AU", "dmy"),
        ("en-IN", "dmy"),
        ("fr", "dmy"),
        ("fr-FR", "dmy"),
        ("de-CH", "dmy"),
        ("es-419", "dmy"),
        ("ru", "dmy"),
        ("ar-EG", "dmy"),
        ("en", None),  # British and American writers both write "en"
        ("en-CA", None),  # year first in CLDR; either order in use
        ("zh-Hant-TW", None),
        ("ja", None),
        ("hu", None),
        (None, None),
        ("", None),
        ("<script>alert(1)</script>", None),
        ("x" * 10_000, None),
    ],
)
def test_the_language_decides_when_no_date_does(language: str | None, order: str | None) -> None:
    assert decide_style(["No numeric date here."], language=language, pivot=2024).order == order


def test_why_names_the_language() -> None:
    fr = decide_style([], language="fr", pivot=2024)
    assert fr.why == "the document is in French (fr), which writes the day first"
    us = decide_style([], language="en-US", pivot=2024)
    assert us.why == "the document is in English (en-US), which writes the month first"
    plain = decide_style([], language="en", pivot=2024)
    assert plain.why == "the document is in English (en), which writes the day or the month first"
    assert decide_style([], language=None, pivot=2024).why == (
        "no date and no language says day or month first"
    )
    assert "x" * 100 not in decide_style([], language="x" * 10_000, pivot=2024).why


def test_the_pivot_is_kept() -> None:
    assert decide_style([], language="fr", pivot=1987).pivot == 1987
    assert decide_style(["8/22/13"], language=None, pivot=1987).pivot == 1987


# ------------------------------------------------------------------ cost


def test_reading_stops_once_both_orders_are_seen() -> None:
    read: list[str] = []

    def texts() -> Iterator[str]:
        for text in ["on 8/22/13", "on 22/8/13", "on 9/23/13", "on 30/9/13"]:
            read.append(text)
            yield text

    assert decide_style(texts(), language=None, pivot=2014).order is None
    assert read == ["on 8/22/13", "on 22/8/13"]


def test_a_long_document_without_numeric_dates_costs_next_to_nothing() -> None:
    paragraphs = ["The council met on 7 September 2023 and spent $2,013 in 2022."] * 50_000
    started = time.perf_counter()
    style = decide_style(paragraphs, language=None, pivot=2024)
    assert time.perf_counter() - started < 0.5  # about 10 ms here
    assert style.order is None  # no numeric date reads both ways: nothing to decide


@pytest.mark.parametrize(
    ("texts", "order"),
    [
        (["Met on 7 September 2023.", "Signed 12 May 2021, and 3 June 2022."], DAY_FIRST),
        (["Met on September 7, 2023.", "Signed May 12, 2021 and Jun. 3 2022."], MONTH_FIRST),
        (["Met on 7 September 2023.", "Signed May 12, 2021."], None),  # no clear order
        (["Met on 7 September 2023."], None),  # one date is no habit
    ],
)
def test_dates_in_words_decide_when_nothing_else_does(texts: list[str], order: str | None) -> None:
    # They are read only for a document with a date that reads both ways.
    assert decide_style(texts, language=None, pivot=2024).order is None
    assert decide_style([*texts, "Memo, 3/4/13."], language=None, pivot=2024).order == order


def test_dates_in_words_do_not_overrule_numbers_or_language() -> None:
    words = ["Met on 7 September 2023.", "Signed 12 May 2021, and 3 June 2022."]
    assert decide_style([*words, "on 8/22/13"], language=None, pivot=2014).order == MONTH_FIRST
    assert decide_style(words, language="en-US", pivot=2024).order == MONTH_FIRST
