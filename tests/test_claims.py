"""Claims: which text each marker supports, and which dates that text reports."""

from __future__ import annotations

import pytest

from footcheck.footnotes.claims import paragraph_claims, sentence_spans
from footcheck.footnotes.model import Location, Marker, Paragraph, PartialDate
from tests.conftest import context


def claims_of(text: str) -> list[tuple[str, str]]:
    ctx = context(text)
    return [(c.marker.label, c.text) for c in ctx.claims]


def test_claim_is_the_sentence_up_to_the_marker() -> None:
    assert claims_of(
        "First sentence here. The meeting was on 7 May 2023.[1]\n\n[1] S, 2023.\n"
    ) == [("1", "The meeting was on 7 May 2023.")]


def test_claim_starts_after_the_previous_marker_in_the_sentence() -> None:
    got = claims_of(
        "Since his appointment in May 2021, [2] the envoy met the minister on September 7, "
        "2023.[3]\n\n[2] A, 2021.\n[3] B, 2023.\n"
    )
    assert got == [
        ("2", "Since his appointment in May 2021,"),
        ("3", "the envoy met the minister on September 7, 2023."),
    ]


def test_marker_after_a_closing_quote_belongs_to_the_sentence_before() -> None:
    got = claims_of(
        'He vowed "to repel external aggression. "[4] Later events followed.\n\n[4] A, 2021.\n'
    )
    assert got == [("4", 'He vowed "to repel external aggression. "')]


def test_grouped_markers_share_one_claim() -> None:
    got = claims_of("Prices fell in 2020.[1][2] Then rose.[3]\n\n[1] A.\n[2] B.\n[3] C.\n")
    assert got == [
        ("1", "Prices fell in 2020."),
        ("2", "Prices fell in 2020."),
        ("3", "Then rose."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Smith met the U.S. envoy on Sept. 7, 2023 in Geneva.",
        "The report (No. 12) was cited by J. Smith et al. in 2020.",
        "Output grew 3.5 percent in 2022.",
    ],
)
def test_abbreviations_and_initials_do_not_end_sentences(text: str) -> None:
    assert sentence_spans(text) == [(0, len(text))]


def test_sentences_split_at_real_ends() -> None:
    text = 'One ends here. "Two ends here." Three? Four!'
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "One ends here.",
        '"Two ends here."',
        "Three?",
        "Four!",
    ]


def test_claim_dates_keep_their_context_across_a_marker() -> None:
    # "will" governs the date even though a marker stands between them.
    text = "The agency will, according to its plan,[1] publish the data in March 2030.[2]"
    markers = (Marker("1", 39, Location(1, 40)), Marker("2", 77, Location(1, 80)))
    claims = list(paragraph_claims(Paragraph(text, Location(1), markers)))
    assert claims[1].event_dates == ()


def test_latest_event_skips_dates_after_the_bound() -> None:
    ctx = context("Contracts signed in 2021 expire in 2030.[1]\n\n[1] A, 2022.\n")
    claim = ctx.claims[0]
    assert claim.latest_event(not_after=PartialDate(2024, 1, 1)) == PartialDate(2021)


def test_latest_event_prefers_the_most_precise_among_equals() -> None:
    ctx = context("In 2023, on 4 March 2023, talks began.[1]\n\n[1] A, 2023.\n")
    assert ctx.claims[0].latest_event() == PartialDate(2023, 3, 4)


def test_relative_dates_resolve_against_the_report_date() -> None:
    ctx = context(
        "Ministers met yesterday.[1]\n\n[1] Wire, 2024-01-30.\n",
        report_date=PartialDate(2024, 2, 1),
    )
    assert ctx.claims[0].event_dates == (PartialDate(2024, 1, 31),)
    undated = context("Ministers met yesterday.[1]\n\n[1] Wire, 2024-01-30.\n")
    assert undated.claims[0].event_dates == ()


@pytest.mark.parametrize(
    ("sentence", "events"),
    [
        ("The 2019 budget law, passed in December 2018, set a cap.", ["2018-12"]),
        ("In its 2023 report, the office warned of risks.", []),
        ("The election was held in 2019.", ["2019"]),
        ("Turnout fell in the 2019 elections, held in May 2019.", ["2019-05"]),
    ],
)
def test_a_year_naming_a_thing_is_not_an_event(sentence: str, events: list[str]) -> None:
    ctx = context(f"{sentence}[1]\n\n[1] Source, 2030.\n")
    assert [d.iso() for d in ctx.claims[0].event_dates] == events


def test_a_full_month_name_can_end_a_sentence() -> None:
    text = "They met in May. Then they left in June. It was Sept. 7 when Dr. Li left."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "They met in May.",
        "Then they left in June.",
        "It was Sept. 7 when Dr. Li left.",
    ]
