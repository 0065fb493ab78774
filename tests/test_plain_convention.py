"""The plain `[N]` convention is one: the same report in every host format reads the same.

`parsers/plain.py` reads the convention for every reader that meets it. Each report
below, written as paragraphs, is made into plain text, Markdown, HTML, DOCX and ODT;
every format must give the same markers, the same notes (label and text) and the same
findings as the plain text.
"""

from __future__ import annotations

from html import escape

import pytest

from footcheck import parsers
from footcheck.footnotes.engine import check_document
from footcheck.footnotes.model import Document, iso_or_none
from footcheck.footnotes.settings import Config
from tests.conftest import TODAY
from tests.test_docx_parser import make_docx, t
from tests.test_odt_parser import make_odt

REPORTS: dict[str, list[str]] = {
    "bracket notes under a heading": [
        "The council met on 7 September 2023 to approve the plan.[1] Its budget rose by a"
        " third in 2023.[2, 3]",
        "Contractors were named in October 2023.[4] The plan was revised in March 2024.[6]",
        "Notes",
        '[1] City Herald, "Council approves plan," 7 September 2022.',
        "[2] Budget office, annual statement, 12 January 2024.",
        "[3] Budget office, annual statement, 12 January 2024.",
        "[4] Compare [2] with the tender notice of 30 October 2023.",
        "[5] Planning archive, 2019.",
    ],
    "a numbered list under Endnotes": [
        "Prices fell in January 2024.¹ Exports recovered in February 2024.²",
        "Endnotes",
        "1. Trade ministry, monthly bulletin, 5 February 2024.",
        "2. Customs data, 3 March 2024.",
    ],
    "bracket notes without a heading, then boilerplate": [
        "The report was published on 2 May 2024.[1] It was revised in June 2024.[2]",
        "[1] Ministry, press release, 2 May 2024.",
        "[2] Ministry, corrigendum, 14 June 2021.",
        "Share this article.",
    ],
    "superscript notes under Sources": [
        "Turnout reached 61 percent in 2022.¹ The count ended on 3 November 2022.²",
        "Sources",
        "¹ Electoral commission, final report, 20 December 2022.",
        "² Electoral commission, count log, 3 November 2022.",
    ],
    "a cited list without a heading": [
        "The bridge closed in April 2023.[1] It reopened in May 2023.[2] See also [3].",
        "1) Transport agency, closure notice, 2 April 2023.",
        "2) Transport agency, reopening notice, 30 April 2023.",
        "3) Transport agency, closure notice, 2 April 2023.",
    ],
    "a numbered list nothing cites is no notes": [
        "Steps the office took in 2023.",
        "1. It hired two auditors.",
        "2. It published the audit in 2024.",
    ],
    "a numbered list under Notes with more body after is body": [
        "The office reviewed its procurement rules in 2023 and kept most of them.",
        "Notes:",
        "1. The threshold for open tenders stays at the 2019 level.",
        "2. Framework contracts are reviewed every four years.",
        "The rules for small purchases will be reviewed in 2024, once the audit of the"
        " last two years has been published and discussed by the board.[3]",
    ],
    "an uncited numbered list ending the report under Notes stays notes": [
        "Prices fell in January 2024, and exports recovered in February 2024.",
        "Notes",
        "1. Trade ministry, monthly bulletin, 5 February 2024.",
        "2. Customs data, 3 March 2024.",
        "Copyright 2024 Trade Observatory.",
    ],
}
FORMATS = ["md", "html", "docx", "odt"]


def _as(fmt: str, paragraphs: list[str]) -> bytes:
    if fmt in ("txt", "md"):
        return ("\n\n".join(paragraphs) + "\n").encode()
    if fmt == "html":
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        return f"<!DOCTYPE html><html><body>{body}</body></html>".encode()
    if fmt == "docx":
        return make_docx("".join(f"<w:p>{t(escape(p))}</w:p>" for p in paragraphs))
    return make_odt("".join(f"<text:p>{escape(p)}</text:p>" for p in paragraphs))


def _read(fmt: str, paragraphs: list[str]) -> Document:
    return parsers.parse(_as(fmt, paragraphs), f"report.{fmt}")


def _seen(doc: Document) -> dict[str, object]:
    checked = check_document(doc, Config(today=TODAY))
    assert checked.failure is None
    return {
        "markers": [m.label for m in doc.markers],
        "notes": [(n.label, n.text, [m.label for m in n.markers]) for n in doc.notes],
        "findings": sorted(
            (f.code, f.footnote, iso_or_none(f.claim_date), iso_or_none(f.source_date))
            for f in checked.findings
        ),
    }


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(REPORTS))
def test_every_host_format_reads_the_convention_as_plain_text_does(name: str, fmt: str) -> None:
    paragraphs = REPORTS[name]
    expected = _seen(_read("txt", paragraphs))
    assert _seen(_read(fmt, paragraphs)) == expected


def test_what_plain_text_reads_in_the_first_report() -> None:
    seen = _seen(_read("txt", REPORTS["bracket notes under a heading"]))
    assert seen["markers"] == ["1", "2", "3", "4", "6"]
    assert seen["notes"] == [
        ("1", 'City Herald, "Council approves plan," 7 September 2022.', []),
        ("2", "Budget office, annual statement, 12 January 2024.", []),
        ("3", "Budget office, annual statement, 12 January 2024.", []),
        ("4", "Compare [2] with the tender notice of 30 October 2023.", ["2"]),
        ("5", "Planning archive, 2019.", []),
    ]
    codes = {(code, label) for code, label, _, _ in seen["findings"]}  # type: ignore[attr-defined]
    assert {("DT001", "1"), ("CT001", "3"), ("FN001", "6"), ("FN002", "5")} <= codes


def test_a_list_nothing_cites_stays_body_text_in_every_format() -> None:
    for fmt in ["txt", *FORMATS]:
        doc = _read(fmt, REPORTS["a numbered list nothing cites is no notes"])
        assert doc.notes == (), fmt
        assert any("published the audit" in p.text for p in doc.paragraphs), fmt


def test_a_numbered_list_under_notes_with_body_after_it_is_body() -> None:
    seen = _seen(_read("txt", REPORTS["a numbered list under Notes with more body after is body"]))
    assert seen["markers"] == ["3"]
    assert seen["notes"] == []
    assert [code for code, *_ in seen["findings"]] == ["FN001"]  # type: ignore[attr-defined]


def test_an_uncited_numbered_list_ending_the_report_is_its_notes() -> None:
    name = "an uncited numbered list ending the report under Notes stays notes"
    seen = _seen(_read("txt", REPORTS[name]))
    assert [label for label, *_ in seen["notes"]] == ["1", "2"]  # type: ignore[attr-defined]
    codes = {(code, label) for code, label, _, _ in seen["findings"]}  # type: ignore[attr-defined]
    assert {("FN002", "1"), ("FN002", "2")} <= codes
