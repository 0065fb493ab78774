"""Shared test helpers: parse a report from a string and run the rules on it."""

from __future__ import annotations

import textwrap

import pytest

import parsers
from footnotes.context import Context
from footnotes.model import Document, Finding, PartialDate
from footnotes.runner import Config, check_document

TODAY = PartialDate(2026, 11, 24)


def parse_text(source: str, fmt: str = "text", path: str = "report") -> Document:
    return parsers.parse(textwrap.dedent(source).lstrip("\n").encode(), f"{path}.{fmt}", fmt)


def findings(
    source: str,
    fmt: str = "text",
    *,
    report_date: PartialDate | None = None,
    select: set[str] | None = None,
) -> list[Finding]:
    doc = parse_text(source, fmt)
    config = Config(
        select=frozenset(select) if select else None, report_date=report_date, today=TODAY
    )
    checked = check_document(doc, config)
    assert checked.failure is None, checked.failure
    return checked.findings


def codes(source: str, fmt: str = "text", **kwargs: object) -> list[tuple[str, str | None]]:
    """(code, footnote) of each finding, in order."""
    return [(f.code, f.footnote) for f in findings(source, fmt, **kwargs)]  # type: ignore[arg-type]


def context(source: str, fmt: str = "text", report_date: PartialDate | None = None) -> Context:
    return Context(parse_text(source, fmt), report_date=report_date, today=TODAY)


@pytest.fixture
def today() -> PartialDate:
    return TODAY
