"""The report's own date: the command line, metadata, or a date line at the top."""

from __future__ import annotations

import pytest

from footcheck.footnotes.model import PartialDate
from footcheck.footnotes.reportdate import dateline_date
from tests.conftest import context


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("WASHINGTON, Feb. 1, 2024 - The ministry said.", PartialDate(2024, 2, 1)),
        ("KYIV (Wire), 3 March 2024 — Shelling resumed.", PartialDate(2024, 3, 3)),
        ("DATE: 12 January 2024", PartialDate(2024, 1, 12)),
        ("March 4, 2024", PartialDate(2024, 3, 4)),
        ("Thursday, February 1, 2024", PartialDate(2024, 2, 1)),
        ("By Jane Doe | March 3, 2024", PartialDate(2024, 3, 3)),
        ("Published 3 March 2024", PartialDate(2024, 3, 3)),
        ("On February 1, 2024, local media reported a meeting.", None),
        ("Strategy 2024", None),
        ("The summit in Geneva, on 3 May 2023 - a turning point - ended.", None),
    ],
)
def test_dateline_forms(line: str, expected: PartialDate | None) -> None:
    assert dateline_date(line) == expected


def test_first_body_sentence_is_not_the_report_date() -> None:
    ctx = context("On February 1, 2024, officials met.[1]\n\n[1] Wire, February 1, 2024.\n")
    assert ctx.report_date is None


def test_command_line_wins_over_a_dateline() -> None:
    ctx = context(
        "March 4, 2024\n\nText.[1]\n\n[1] S, 2024.\n", report_date=PartialDate(2024, 5, 1)
    )
    assert (ctx.report_date, ctx.report.origin) == (PartialDate(2024, 5, 1), "command line")


def test_date_alone_under_a_title() -> None:
    ctx = context("Grain Brief\nMarch 4, 2024\n\nText.[1]\n\n[1] S, 2024.\n")
    assert (ctx.report_date, ctx.report.origin) == (PartialDate(2024, 3, 4), "dateline")


def test_front_matter_date_in_other_forms() -> None:
    ctx = context("---\ndate: March 4, 2024\n---\nText.[^1]\n\n[^1]: S, 2024.\n", "markdown")
    assert (ctx.report_date, ctx.report.origin) == (PartialDate(2024, 3, 4), "metadata")


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Grain Corridor Brief March 4, 2024", PartialDate(2024, 3, 4)),
        ("Quarterly Review of the Ports, 4 March 2024", PartialDate(2024, 3, 4)),
        ("The summit ended on March 4, 2024", None),
    ],
)
def test_title_and_date_wrapped_into_one_paragraph(
    paragraph: str, expected: PartialDate | None
) -> None:
    assert dateline_date(paragraph) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("DATE:\t04/11/2023", PartialDate(2023)),
        ("Working Paper, revised 2 May 2024", PartialDate(2024, 5, 2)),
        ("Draft chapter, 2 May 2024", PartialDate(2024, 5, 2)),
        ("The board met on 2 May 2024", None),
    ],
)
def test_more_title_block_forms(line: str, expected: PartialDate | None) -> None:
    assert dateline_date(line) == expected


def test_a_dateline_opening_a_long_paragraph_is_found_from_its_start() -> None:
    body = "Prices rose in 2023, the ministry said. " * 2000
    ctx = context(f"WASHINGTON, Feb. 1, 2024 - {body}[1]\n\n[1] Wire, 2024.\n")
    assert (ctx.report_date, ctx.report.origin) == (PartialDate(2024, 2, 1), "dateline")
    assert ctx.claims[0].text.startswith("Prices rose in 2023")
