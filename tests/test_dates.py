"""Tests for footnotes.dates: date forms, ranges, impossible dates, decoys, planning contexts."""

from __future__ import annotations

import time

import pytest

from footcheck.footnotes.dates import (
    MONTHS,
    DateMention,
    event_dates,
    find_dates,
    parse_date_string,
)
from footcheck.footnotes.model import PartialDate, Precision

REFERENCE = PartialDate(2024, 3, 15)


def isos(text: str, reference: PartialDate | None = None) -> list[str]:
    return [m.date.iso() for m in find_dates(text, reference)]


def only(text: str, reference: PartialDate | None = None) -> DateMention:
    found = find_dates(text, reference)
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------------ forms

FORMS = [
    ("The meeting was held on September 7, 2023.", "2023-09-07"),
    ("Sept. 7, 2023", "2023-09-07"),
    ("Sep 7 2023", "2023-09-07"),
    ("September 7th, 2023", "2023-09-07"),
    ("7 September 2023", "2023-09-07"),
    ("7th of September 2023", "2023-09-07"),
    ("7 Sept. 2023", "2023-09-07"),
    ("published 2 Mar. 2023", "2023-03-02"),
    ("2023-09-07", "2023-09-07"),
    ("2023/09/07", "2023-09-07"),
    ("07.09.2023", "2023-09-07"),
    ("1.5.2023", "2023-05-01"),
    ("31.12.2023", "2023-12-31"),
    ("13/04/2023", "2023-04-13"),
    ("04/13/2023", "2023-04-13"),
    ("03/03/2023", "2023-03-03"),
    ("September 2023", "2023-09"),
    ("Sept. 2023", "2023-09"),
    ("in March of 2023", "2023-03"),
    ("Thursday, February 1, 2024", "2024-02-01"),
    ("Sun, 4 February 2024", "2024-02-04"),
    ("Brussels, 12 March 2024", "2024-03-12"),
    ("WASHINGTON, Feb. 1, 2024 -", "2024-02-01"),
    ("in 2021", "2021"),
    ("since 2015", "2015"),
    ("mid-2023", "2023"),
    ("early 2023", "2023"),
    ("late 2023", "2023"),
    ("spring 2023", "2023"),
    ("in autumn 2022", "2022"),
    ("Q3 2023", "2023"),
    ("resolution 2334 (2016)", "2016"),
    ("the 2019 elections", "2019"),
    ("2019 budget", "2019"),
    ("Russia's 2022 invasion", "2022"),
    ("the disputed 2020 election", "2020"),
    ("2019 was a turbulent year.", "2019"),
    ("Kyiv, 2019.", "2019"),
    ("In 2019, 250 people were killed.", "2019"),
    ("Born c. 1950, he", "1950"),
    ("circa 1990", "1990"),
    ("during the summer of 2021", "2021"),
    ("At the end of 2022 the war continued.", "2022"),
    ("Prices rose 12% in 2022.", "2022"),
    ("It cost $2,019 in 2020.", "2020"),
    ("In 2020 2,000 people died.", "2020"),
]


@pytest.mark.parametrize(("text", "iso"), FORMS)
def test_form(text: str, iso: str) -> None:
    mention = only(text)
    assert mention.date.iso() == iso
    assert mention.valid
    assert not mention.future
    assert mention.range_start is None
    assert text[mention.start : mention.end] == mention.text


def test_ambiguous_numeric_date_keeps_only_the_year() -> None:
    mention = only("The memo of 03/04/2023 says so.")
    assert mention.date == PartialDate(2023)
    assert mention.date.precision is Precision.YEAR
    assert mention.valid
    assert only("09/07/2023").date == PartialDate(2023)


def test_precision() -> None:
    assert only("7 September 2023").date.precision is Precision.DAY
    assert only("September 2023").date.precision is Precision.MONTH
    assert only("in 2023").date.precision is Precision.YEAR


def test_reading_order_and_offsets() -> None:
    text = "On 3 March 2022 talks began; in 2023 they ended; by May 2024 a deal."
    found = find_dates(text)
    assert [m.date.iso() for m in found] == ["2022-03-03", "2023", "2024-05"]
    assert [text[m.start : m.end] for m in found] == ["3 March 2022", "2023", "May 2024"]


def test_coordinated_years() -> None:
    assert isos("in 2019 and 2020") == ["2019", "2020"]
    assert isos("the 2019 and 2020 elections") == ["2019", "2020"]
    assert isos("Q4 2022 and Q1 2023") == ["2022", "2023"]


# ------------------------------------------------------------------ ranges

RANGES = [
    ("between 2019 and 2023", "2023", "2019"),
    ("from 2019 to 2021", "2021", "2019"),
    ("in 2019 to 2021", "2021", "2019"),
    ("2019-2021", "2021", "2019"),
    ("2019–21", "2021", "2019"),
    ("in 2019-20", "2020", "2019"),
    ("2023-24", "2024", "2023"),
    ("the 2008-09 crisis", "2009", "2008"),
    ("The 2023-2024 budget", "2024", "2023"),
    ("1-3 March 2023", "2023-03-03", "2023-03-01"),
    ("March 1-3, 2023", "2023-03-03", "2023-03-01"),
    ("March to May 2023", "2023-05", "2023-03"),
    ("Interim Report January-September 2024", "2024-09", "2024-01"),
    ("November to February 2023", "2023-02", "2022-11"),
]


@pytest.mark.parametrize(("text", "end", "begin"), RANGES)
def test_range_counts_by_its_end(text: str, end: str, begin: str) -> None:
    mention = only(text)
    assert mention.date.iso() == end
    assert mention.range_start is not None
    assert mention.range_start.iso() == begin
    assert mention.valid


def test_year_and_month_with_a_hyphen() -> None:
    assert only("2023-05").date == PartialDate(2023, 5)


# ------------------------------------------------------------------ impossible dates

INVALID = [
    ("February 30, 2023", PartialDate(2023, 2, 30)),
    ("31 April 2022", PartialDate(2022, 4, 31)),
    ("2023-13-01", PartialDate(2023, 13, 1)),
    ("2023-02-30", PartialDate(2023, 2, 30)),
    ("29 February 2023", PartialDate(2023, 2, 29)),
    ("2023-13-45", PartialDate(2023, 13, 45)),
    ("02/29/2023", PartialDate(2023, 2, 29)),
    ("13/13/2023", PartialDate(2023, 13, 13)),
    ("September 31st, 2023", PartialDate(2023, 9, 31)),
    ("February 28-30, 2023", PartialDate(2023, 2, 30)),
]


@pytest.mark.parametrize(("text", "date"), INVALID)
def test_impossible_date_is_kept_as_invalid(text: str, date: PartialDate) -> None:
    mention = only(text)
    assert mention.date == date
    assert not mention.valid
    assert event_dates(text) == []


@pytest.mark.parametrize("text", ["February 29, 2024", "29.02.2024", "2024-02-29"])
def test_leap_day_is_valid(text: str) -> None:
    mention = only(text)
    assert mention.date == PartialDate(2024, 2, 29)
    assert mention.valid


# ------------------------------------------------------------------ not dates

DECOYS = [
    "S-400",
    "No. 1723",
    "MEMRI Inquiry and Analysis No. 1723",
    "(No. 1723)",
    "2,023 protesters",
    "Resolution 2334",
    "FY2024",
    "FY 2024",
    "F-35",
    "Boeing 737",
    "Route 2020",
    "Route 2020.",
    "ISO 9001",
    "page 2019",
    "p. 1998",
    "pp. 2001-2005",
    "pp. 12-15",
    "$2023",
    "$ 2023,",
    "€1,999",
    "2023 km",
    "10:30",
    "2019 people",
    "2023 cases",
    "In 2019 protesters marched.",
    "of 2000 new members",
    "1/2",
    "call +1 202 555 2019.",
    "Tel. 0171 2019 3344",
    "ISBN 978-3-16-148410-0",
    "COVID-19",
    "Article 2019",
    "Section 1998",
    "Chapter 2000",
    "Law No. 2012",
    "Order 2020",
    "Windows 2000",
    "Hill 1723 was taken",
    "v2.31.4",
    "192.168.1.1",
    "10.10.2019.5",
    "version 2019.1",
    "2023.13.1",
    "example.com/2023/09/07/slug",
    "on 1 August",
    "October 7 Hamas attack",
    "On October 7, 2000 people were killed.",
    "Around 2000 people attended.",
    "a population of 2000.",
    "rose from 1900 to 2100.",
    "killed between 1500 and 2000 civilians",
    "between 1500 and 2000.",
    "from 2000 to 3000 troops",
    "the first 2000 applicants",
    "The 1990s were hard.",
    "2021-2019",
    "It ended 2019.",
    "USA Today reported it.",
]


@pytest.mark.parametrize("text", DECOYS)
def test_not_a_date(text: str) -> None:
    assert find_dates(text, REFERENCE) == []


def test_day_and_month_do_not_borrow_a_year() -> None:
    assert isos("The October 7 attack; in 2023 the war went on.") == ["2023"]


# ------------------------------------------------------------------ planned and set in advance

FUTURE = [
    ("the meeting will be held on 7 Sept 2023", "2023-09-07"),
    ("The conference is scheduled for 12 May 2024.", "2024-05-12"),
    ("The government plans to hold a referendum in 2025.", "2025"),
    ("a vote planned for June 2025", "2025-06"),
    ("Planning for the 2026 census began.", "2026"),
    ("The next summit, in 2025, will be in Paris.", "2025"),
    ("Elections are expected in 2026.", "2026"),
    ("The plant is set to open in 2027.", "2027"),
    ("Payments are due in March 2024.", "2024-03"),
    ("The project aims to finish by 2030.", "2030"),
    ("by 2030", "2030"),
    ("by the end of 2025", "2025"),
    ("The target is to cut emissions in 2030.", "2030"),
    ("GDP is forecast to grow in 2025.", "2025"),
    ("Growth is projected at 3% in 2026.", "2026"),
    ("the upcoming 2024 elections", "2024"),
    ("in the coming 2025 season", "2025"),
    ("He intends to run in 2028.", "2028"),
    ("a vote proposed for June 2025", "2025-06"),
    ("the congress is to be held in October 2024", "2024-10"),
    ("The law took effect on 1 January 2019.", "2019-01-01"),
    ("The act takes effect on 1 July 2024.", "2024-07-01"),
    ("The treaty entered into force in 2020.", "2020"),
    ("The convention enters into force in 2025.", "2025"),
    ("The regulation comes into force on 1 January 2024.", "2024-01-01"),
    ("with effect from 1 April 2023", "2023-04-01"),
    ("The tax is effective from 1 May 2022.", "2022-05-01"),
    ("Effective as of 1 January 2020, the tax rose.", "2020-01-01"),
    ("The rules apply from 2 August 2026.", "2026-08-02"),
    ("The licence is valid until 2026.", "2026"),
    ("The permit expires in December 2025.", "2025-12"),
    ("Dr. Smith will visit in 2025.", "2025"),
    ("The U.S. will withdraw by May 2021.", "2021-05"),
]


@pytest.mark.parametrize(("text", "iso"), FUTURE)
def test_planned_or_set_in_advance(text: str, iso: str) -> None:
    mention = only(text)
    assert mention.date.iso() == iso
    assert mention.future
    assert mention.valid
    assert event_dates(text) == []


EVENT_AND_FUTURE = [
    (
        "He said on March 3, 2023 that the vote will take place in 2025.",
        [("2023-03-03", False), ("2025", True)],
    ),
    (
        "The attack happened in 2019. Officials will review it in 2025.",
        [("2019", False), ("2025", True)],
    ),
    (
        "The vote took place in 2019; the next one will be in 2024.",
        [("2019", False), ("2024", True)],
    ),
    (
        "The act, adopted in 2018, entered into force in 2019.",
        [("2018", False), ("2019", True)],
    ),
    (
        "The summit will take place in 2024 and 2025.",
        [("2024", True), ("2025", True)],
    ),
    (
        "The delegation arrived on Sept. 7, 2023 and left in 2024.",
        [("2023-09-07", False), ("2024", False)],
    ),
    ("The meeting was held on 7 Sept 2023.", [("2023-09-07", False)]),
    ("Protests erupted in 2019 due to the price rise.", [("2019", False)]),
    (
        "Talks that will resume next year were first held in "
        "a small hotel outside the capital on 4 May 2021.",
        [("2021-05-04", False)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), EVENT_AND_FUTURE)
def test_future_is_decided_per_clause(text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(m.date.iso(), m.future) for m in find_dates(text)] == expected


def test_event_dates_keeps_valid_events_in_order() -> None:
    text = (
        "On 2 May 2022 the board met; on 30 February 2023 it met again, "
        "and it will meet in 2026. In 2021 the fund opened."
    )
    assert event_dates(text) == [PartialDate(2022, 5, 2), PartialDate(2021)]


# ------------------------------------------------------------------ relative dates

RELATIVE = [
    ("He left today.", REFERENCE, "2024-03-15"),
    ("Today, prices rose.", REFERENCE, "2024-03-15"),
    ("He left yesterday.", REFERENCE, "2024-03-14"),
    ("He left yesterday.", PartialDate(2024, 3, 1), "2024-02-29"),
    ("It happened last week.", REFERENCE, "2024-03"),
    ("It happened last month.", REFERENCE, "2024-02"),
    ("It happened last month.", PartialDate(2024, 1, 10), "2023-12"),
    ("It happened last year.", REFERENCE, "2023"),
    ("It happened this year.", REFERENCE, "2024"),
    ("It happened last month.", PartialDate(2024, 3), "2024-02"),
    ("He left today.", PartialDate(2024, 3), "2024-03"),
    ("It happened last year.", PartialDate(2024), "2023"),
]


@pytest.mark.parametrize(("text", "reference", "iso"), RELATIVE)
def test_relative_date_resolves_against_the_report_date(
    text: str, reference: PartialDate, iso: str
) -> None:
    mention = only(text, reference)
    assert mention.date.iso() == iso
    assert mention.valid and not mention.future


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("He left yesterday.", PartialDate(2024, 3)),  # the day is unknown: could be February
        ("It happened last month.", PartialDate(2024)),  # could be December 2023
        ("It happened last week.", PartialDate(2024, 1, 5)),  # spans two years
        ("USA Today reported it.", REFERENCE),  # a name, not a date
    ],
)
def test_relative_date_left_out_when_it_cannot_be_resolved(
    text: str, reference: PartialDate
) -> None:
    assert find_dates(text, reference) == []


@pytest.mark.parametrize(
    "text", ["He left today.", "yesterday", "last week", "last month", "last year", "this year"]
)
def test_relative_date_without_reference_is_omitted(text: str) -> None:
    assert find_dates(text) == []


def test_relative_date_in_a_planning_clause_is_future() -> None:
    assert only("The results will be announced today.", REFERENCE).future


# ------------------------------------------------------------------ metadata values

METADATA = [
    ("2024-02-01", PartialDate(2024, 2, 1)),
    ("2024-02-01T10:30:00Z", PartialDate(2024, 2, 1)),
    ("2024-02-01T10:30:00.123+01:00", PartialDate(2024, 2, 1)),
    ("2024-02-01 10:30", PartialDate(2024, 2, 1)),
    ("February 1, 2024", PartialDate(2024, 2, 1)),
    ("1 Feb 2024", PartialDate(2024, 2, 1)),
    ("Feb. 1, 2024", PartialDate(2024, 2, 1)),
    ("2024/02/01", PartialDate(2024, 2, 1)),
    ("Thu, 01 Feb 2024 10:00:00 +0000", PartialDate(2024, 2, 1)),
    ("2024-02", PartialDate(2024, 2)),
    ("2024", PartialDate(2024)),
    (' "2024-02-01" ', PartialDate(2024, 2, 1)),
    ("Feb 2024", PartialDate(2024, 2)),
    ("20240201", PartialDate(2024, 2, 1)),
    ("1st February 2024 at 10am", PartialDate(2024, 2, 1)),
]


@pytest.mark.parametrize(("value", "date"), METADATA)
def test_parse_date_string(value: str, date: PartialDate) -> None:
    assert parse_date_string(value) == date


@pytest.mark.parametrize(
    "value", ["", "hello", "next tuesday", "10:30", "2024-02-30", "2023-13-01", "2019-2021"]
)
def test_parse_date_string_rejects_non_dates(value: str) -> None:
    assert parse_date_string(value) is None


# ------------------------------------------------------------------ helpers and robustness


def test_months() -> None:
    assert MONTHS["sept"] == 9
    assert MONTHS["sep"] == 9
    assert MONTHS["jan"] == 1
    assert MONTHS["may"] == 5
    assert MONTHS["december"] == 12
    assert all(name == name.lower() for name in MONTHS)


@pytest.mark.parametrize(
    "text",
    [
        "1-" * 100_000,
        "[" * 1_000_000,
        "2023-" * 50_000,
        "1" * 1_000_000,
        "," * 1_000_000,
        "2023 " * 100_000,
        "in 2023, " * 20_000,
        "September 7, 2023 will " * 10_000,
        "1 " * 500_000,
        "-–" * 500_000,
    ],
)
def test_pathological_input_finishes(text: str) -> None:
    began = time.perf_counter()
    find_dates(text, REFERENCE)
    assert time.perf_counter() - began < 5.0


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("ſept 7, 2020", "2020-09-07"),  # a long s: matched case-insensitively, read as s
        ("7 ſept 2020", "2020-09-07"),
        ("aprİl 7, 2020", "2020-04-07"),  # a dotted capital I
    ],
)
def test_month_names_with_letters_that_fold_to_ascii(text: str, iso: str) -> None:
    assert [m.date.iso() for m in find_dates(text)] == [iso]


def test_an_iso_date_after_a_title_s_years_is_still_a_date() -> None:
    text = 'Post, "Outlook 2023-2028," 2022-06-27.'
    assert [m.date.iso() for m in find_dates(text)] == ["2028", "2022-06-27"]
    assert [m.date.iso() for m in find_dates("Outlook 2028, 2022-06-27.")] == [
        "2028",
        "2022-06-27",
    ]
    # A document number or an amount before it still rules it out.
    assert find_dates("Resolution 2022-06-27") == []
    assert find_dates("USD 2022-06-27") == []
