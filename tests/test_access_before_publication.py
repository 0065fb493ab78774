"""DT006 access-before-publication: access dates against publication and the report's date."""

from __future__ import annotations

import pytest

from footcheck.footnotes.model import PartialDate
from tests.conftest import findings

REPORT = PartialDate(2024, 2, 1)


def dt006(note: str, *, report_date: PartialDate | None = REPORT) -> list[str]:
    """The messages DT006 gives for a report whose one note is `note`."""
    text = f"Rents rose in 2023.[1]\n\n[1] {note}\n"
    return [f.message for f in findings(text, select={"DT006"}, report_date=report_date)]


@pytest.mark.parametrize(
    "note",
    [
        "Housing Office, Rents, 12 January 2024, accessed 15 January 2024.",
        "Housing Office, Rents, 12 January 2024, accessed 12 January 2024.",  # the same day
        "Housing Office, Rents, 12 January 2024, accessed 1 February 2024.",  # the report's day
        "Housing Office, Rents, 12 January 2024, accessed January 2024.",  # common precision
        "Housing Office, Rents, 12 January 2024, accessed 2024.",
        "Housing Office, Rents, January 2024 (retrieved 3 January 2024).",
        "Housing Office, Rents, 12 January 2024, accessed 11 January 2024.",  # time zones
        # A year or month of publication is an issue's: often later than the day online.
        "Smith, J. (2020). Rents and wages. Housing Journal, 12(3). Retrieved 3 December 2019.",
        "Housing Monthly, January 2024 issue, accessed 20 December 2023.",
        "Housing Office, Rents, accessed 15 January 2024.",  # no publication date
        "Housing Office, Rents, 12 January 2024.",  # no access date
        "Housing Office, Rents, 2023.",
    ],
)
def test_silent_when_read_after_publication_and_by_the_report(note: str) -> None:
    assert dt006(note) == []


@pytest.mark.parametrize(
    ("note", "message"),
    [
        (
            "Housing Office, Rents, 12 January 2024, accessed 5 January 2024.",
            "note [1] was accessed 2024-01-05, before it was published (2024-01-12)",
        ),
        (
            "Housing Office, Rents, 12 March 2023 (retrieved 2022).",
            "note [1] was accessed 2022, before it was published (2023-03-12)",
        ),
        (
            "Housing Office, Rents, 12 March 2023 (retrieved 10 March 2023).",
            "note [1] was accessed 2023-03-10, before it was published (2023-03-12)",
        ),
        (
            "Housing Office, Rents, 12 January 2024, retrieved 12 January 2023.",
            "note [1] was accessed 2023-01-12, before it was published (2024-01-12); "
            "only the year differs: probably a typo",
        ),
        (
            "Housing Office, Rents, 12 January 2024, accessed 3 March 2024.",
            "note [1] was accessed 2024-03-03, after the report's date (2024-02-01)",
        ),
        (
            "Housing Office, Rents, accessed 1 February 2025.",
            "note [1] was accessed 2025-02-01, after the report's date (2024-02-01); "
            "only the year differs: probably a typo",
        ),
        (
            "Housing Office, Rents, accessed March 2024.",
            "note [1] was accessed 2024-03, after the report's date (2024-02-01)",
        ),
    ],
)
def test_flagged_with_both_dates(note: str, message: str) -> None:
    assert dt006(note) == [message]


def test_without_a_report_date_access_is_bounded_by_today() -> None:
    note = "Housing Office, Rents, 12 January 2024, accessed 3 March 2027."
    assert dt006(note, report_date=None) == [
        "note [1] was accessed 2027-03-03, after today (2026-11-24)"
    ]
    assert dt006("Housing Office, Rents, accessed 3 March 2025.", report_date=None) == []


def test_the_report_date_comes_from_the_document() -> None:
    md = (
        "---\ndate: 2024-02-01\n---\nRents rose in 2023.[^1]\n\n"
        "[^1]: Housing Office, Rents, 12 January 2024, accessed 3 March 2024.\n"
    )
    (finding,) = findings(md, "markdown", select={"DT006"})
    assert (
        finding.message == "note [1] was accessed 2024-03-03, after the report's date (2024-02-01)"
    )


def test_a_declared_update_extends_the_report_date() -> None:
    page = (
        '<html><head><script type="application/ld+json">{"datePublished": "2024-02-01",'
        ' "dateModified": "2024-04-01"}</script></head><body>'
        '<p>Rents rose.<sup id="r1"><a href="#n1">1</a></sup> Prices too.<sup id="r2">'
        '<a href="#n2">2</a></sup></p><ol>'
        '<li id="n1"><a href="#r1">^</a> Rents, 2 January 2024, accessed 3 March 2024.</li>'
        '<li id="n2"><a href="#r2">^</a> Prices, 2 January 2024, accessed 3 May 2024.</li>'
        "</ol></body></html>"
    )
    got = findings(page, "html", select={"DT006"})
    assert [(f.footnote, f.message) for f in got] == [
        ("2", "note [2] was accessed 2024-05-03, after the report's last update (2024-04-01)")
    ]


def test_the_finding_points_at_the_note_with_its_publication_date() -> None:
    text = (
        "Rents rose in 2023.[1] Prices too.[2]\n\n"
        "[1] Housing Office, Rents, 2 January 2024.\n"
        "[2] Housing Office, Prices, 12 January 2024, accessed 5 January 2024.\n"
    )
    (finding,) = findings(text, select={"DT006"})
    assert (finding.code, finding.rule, finding.severity.value) == (
        "DT006",
        "access-before-publication",
        "warning",
    )
    assert (finding.footnote, finding.location.line) == ("2", 4)
    assert finding.source_date == PartialDate(2024, 1, 12)


def test_a_year_of_publication_counts_when_the_access_is_years_before() -> None:
    doc = (
        "Rents rose.[1] Prices too.[2]\n\n"
        "[1] Ames, Rents and Wages (Boston: Hill Press, 2016). Retrieved 3 March 2012.\n"
        "[2] Ames, Prices, Harbour Review (2020). Retrieved 3 December 2019.\n"
    )
    got = findings(doc, select={"DT006"}, report_date=PartialDate(2024, 1, 1))
    assert [f.footnote for f in got] == ["1"]
