"""Shared test helpers: parse a report from a string and run the rules on it; the
`browser` fixture (headless Chromium through tests/browser.py, skipped without it)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from footcheck import parsers
from footcheck.footnotes.context import Context
from footcheck.footnotes.engine import check_document
from footcheck.footnotes.model import Document, Finding, PartialDate
from footcheck.footnotes.settings import Config
from tests.browser import Browser, find_browser

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


OFFICE = Path(__file__).resolve().parent / "fixtures" / "office"


def read_office(name: str) -> Document:
    """A generated DOCX or ODT fixture, read through the registry."""
    path = OFFICE / name
    return parsers.parse(path.read_bytes(), str(path))


def marker_labels(doc: Document) -> list[str]:
    return [m.label for m in doc.markers]


def note_texts(doc: Document) -> dict[str, str]:
    return {n.label: n.text for n in doc.notes}


@pytest.fixture
def today() -> PartialDate:
    return TODAY


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test starts with an empty result cache of its own, outside the repository."""
    monkeypatch.setenv("FOOTCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


NO_BROWSER = (
    "headless Chromium not installed (apt-get install chromium chromium-driver):"
    " browser tests skipped"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that use the `browser` fixture are marked `browser` (`-m "not browser"`
    leaves them out); without Chromium they are skipped, one line a file under -rs."""
    missing = find_browser() is None
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        if missing and item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=NO_BROWSER))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole run (tests/browser.py); skipped, with a line in
    the summary, where Chromium or ChromeDriver is not installed."""
    found = find_browser()
    if found is None:
        pytest.skip(NO_BROWSER)
    with Browser(*found) as client:
        yield client
