"""DT005 url-date-mismatch: a note's date against the full date in its own URL.

The tests go through the whole run (a report's text in, findings out): the URL's
date is the one the note's own address carries, whoever reads it. One test sets
`Citation.url_date` by hand, the field the note reader fills, to show the rule
takes it from there.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from footcheck.footnotes.model import PartialDate
from footcheck.footnotes.rules import url_date_mismatch
from tests.conftest import context, findings

URL = "https://ledger.example.com/2013/08/18/port-to-close"


def dt005(note: str, *, report_date: PartialDate | None = None) -> list[str]:
    """The messages DT005 gives for a report whose one note is `note`."""
    text = f"The port closed in 2013.[1]\n\n[1] {note}\n"
    return [f.message for f in findings(text, select={"DT005"}, report_date=report_date)]


@pytest.mark.parametrize(
    "note",
    [
        f"Daily Ledger, 18 August 2013, {URL}.",
        f"Daily Ledger, 17 August 2013, {URL}.",  # a day apart: time zones
        f"Daily Ledger, 19 August 2013, {URL}.",
        f"Daily Ledger, August 2013, {URL}.",  # the note is not known to the day
        f"Daily Ledger, July 2013, {URL}.",
        f"Daily Ledger, 2012, {URL}.",
        f"Daily Ledger, {URL}.",  # no date in the note
        "Daily Ledger, 3 March 2013, https://ledger.example.com/2013/08/port-to-close.",  # a month
        "Daily Ledger, 3 March 2013, https://ledger.example.com/news/world-20121105.",  # an ID
        "Daily Ledger, 3 March 2013, https://ledger.example.com/read?date=2013-08-18.",
        # An archive's capture stamp is not the page's date.
        "Daily Ledger, 3 March 2013, https://web.archive.org/web/20170704035927/"
        "http://ledger.example.com/port-to-close.",
        f"Daily Ledger, 18 August 2013, https://web.archive.org/web/20170704035927/{URL}.",
        "Daily Ledger, 3 March 2013, http://www.w3.org/2000/09/xmldsig.",
        "Daily Ledger, 3 March 2013, https://ledger.example.com/2013/02/30/port-to-close.",
    ],
)
def test_silent_when_the_dates_agree_or_either_is_not_a_full_date(note: str) -> None:
    assert dt005(note) == []


def test_the_message_gives_both_dates_and_the_hint_says_which_looks_right() -> None:
    assert dt005(f"Daily Ledger, 8 August 2013, {URL}.") == [
        "note [1] is dated 2013-08-08, but its URL says 2013-08-18; "
        "only the day differs: probably a typo in the note"
    ]


@pytest.mark.parametrize(
    ("note", "hint"),
    [
        (
            f"Daily Ledger, 18 July 2013, {URL}.",
            "only the month differs: probably a typo in the note",
        ),
        (
            f"Daily Ledger, 18 August 2012, {URL}.",
            "only the year differs: probably a typo in the note",
        ),
        (
            "Daily Ledger, 8 December 2013, https://ledger.example.com/2013/08/12/port.",
            "the note's day and month read the other way round give the URL's date",
        ),
        (
            f"Daily Ledger, 18 August 2025, {URL}.",
            "the note's date is after the report's date (2024-02-01): the URL's looks right",
        ),
        (
            "Daily Ledger, 3 March 2013, https://ledger.example.com/2024/08/18/port.",
            "the URL's date is after the report's date (2024-02-01): the note's looks right",
        ),
        (
            f"Daily Ledger, 2 May 2014, {URL}.",
            "a URL usually carries the day its page first appeared",
        ),
    ],
)
def test_hints(note: str, hint: str) -> None:
    (message,) = dt005(note, report_date=PartialDate(2024, 2, 1))
    assert message.endswith(f"; {hint}")


def test_without_a_report_date_the_hint_compares_with_today() -> None:
    (message,) = dt005(f"Daily Ledger, 18 August 2027, {URL}.")
    assert message.endswith("the note's date is after today (2026-11-24): the URL's looks right")


def test_the_finding_points_at_the_note_with_its_date() -> None:
    text = f"The port closed in 2013.[1]\n\nNotes\n\n[1] Daily Ledger, 8 August 2013, {URL}.\n"
    (finding,) = findings(text, select={"DT005"})
    assert (finding.code, finding.rule, finding.severity.value) == (
        "DT005",
        "url-date-mismatch",
        "warning",
    )
    assert (finding.footnote, finding.location.line) == ("1", 5)
    assert finding.source_date == PartialDate(2013, 8, 8)
    assert finding.note_text is not None and finding.note_text.startswith("Daily Ledger")


def test_markdown_and_html_notes_are_read_alike() -> None:
    md = f"The port closed in 2013.[^1]\n\n[^1]: Daily Ledger, 8 August 2013, <{URL}>.\n"
    assert [f.code for f in findings(md, "markdown", select={"DT005"})] == ["DT005"]
    page = (
        '<p>The port closed in 2013.<sup><a href="#n1" id="r1">1</a></sup></p><ol>'
        f'<li id="n1">Daily Ledger, 8 August 2013, <a href="{URL}">{URL}</a>. '
        '<a href="#r1">^</a></li></ol>'
    )
    assert [f.code for f in findings(page, "html", select={"DT005"})] == ["DT005"]


def test_the_rule_reads_the_citations_url_date() -> None:
    ctx = context(
        "The port closed in 2013.[1]\n\n[1] Daily Ledger, 8 August 2013, https://e.com/x.\n"
    )
    (source,) = ctx.sources
    (citation,) = source.citations
    assert list(url_date_mismatch.check(ctx.doc, ctx)) == []
    dated = replace(citation, url_date=PartialDate(2013, 8, 18))
    ctx.sources = [replace(source, citations=(dated,))]
    (finding,) = url_date_mismatch.check(ctx.doc, ctx)
    assert finding.message.startswith("note [1] is dated 2013-08-08, but its URL says 2013-08-18")
