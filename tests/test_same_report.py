"""One report written in all five formats gives the same findings.

tests/fixtures/same-report/ holds the report as plain text, Markdown and HTML
(written by hand) and as DOCX and ODT (made by tests/fixtures/office/generate.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from footcheck import parsers
from footcheck.footnotes.engine import check_document
from footcheck.footnotes.model import iso_or_none
from footcheck.footnotes.settings import Config
from tests.conftest import TODAY

SAME = Path(__file__).resolve().parent / "fixtures" / "same-report"

EXPECTED = [
    ("CT001", "6", None, None),
    ("DT001", "3", "2023-09-07", "2022-09-07"),
    ("DT001", "6", "2023", "2022-09-07"),
    ("DT002", "7", None, "2024-03-20"),
    ("DT003", "5", "2024-02-30", None),
]


@pytest.mark.parametrize("suffix", ["txt", "md", "html", "docx", "odt"])
def test_the_same_report_in_every_format(suffix: str) -> None:
    path = SAME / f"report.{suffix}"
    doc = parsers.parse(path.read_bytes(), str(path))
    checked = check_document(doc, Config(today=TODAY))
    assert checked.failure is None
    assert checked.report_date is not None and checked.report_date.iso() == "2024-03-12"
    got = sorted(
        (f.code, f.footnote, iso_or_none(f.claim_date), iso_or_none(f.source_date))
        for f in checked.findings
    )
    assert got == EXPECTED
    assert [m.label for m in doc.markers] == ["1", "2", "3", "4", "5", "6", "7"]
