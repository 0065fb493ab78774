"""The dates written in URLs: every form a site writes, and the numbers that are not dates."""

from __future__ import annotations

import time

import pytest

from footcheck.footnotes.model import PartialDate, iso_or_none
from footcheck.footnotes.urls import capture_date, latest_url_date, url_date


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # A full date, in the forms news sites, blogs and CMSs write it.
        ("https://news.example.com/2013/08/18/port-to-close/", "2013-08-18"),
        ("https://news.example.com/2013/8/18/port-to-close", "2013-08-18"),
        ("http://www.example.com/world/2013/aug/18/port-to-close", "2013-08-18"),
        ("https://example.com/World/Europe/2013/0818/Port-to-close", "2013-08-18"),
        ("https://example.com/news/20130818/port-to-close", "2013-08-18"),
        ("https://example.com/20130818-port-to-close.html", "2013-08-18"),
        ("https://example.com/files/minutes_20130818.pdf", "2013-08-18"),
        ("https://example.com/2013-08-18-port-to-close", "2013-08-18"),
        ("https://example.com/files/minutes_2013-08-18.pdf", "2013-08-18"),
        ("https://example.com/files/minutes_2013_08_18.pdf", "2013-08-18"),
        ("https://example.com/blog/2013/08/18.html", "2013-08-18"),
        ("https://example.com/2013/08/18", "2013-08-18"),
        ("example.com/2013/08/18/no-scheme", "2013-08-18"),
        ("www.example.com/2013/08/18/no-scheme", "2013-08-18"),
        ("https://archive.example.com/1989/11/10/wall-opens", "1989-11-10"),
        # A month: an archive of the month, a CMS's upload folder, a mailing list.
        ("https://example.blogspot.com/2015/11/new-tools.html", "2015-11"),
        ("https://example.org/wp-content/uploads/2017/05/annual-report.pdf", "2017-05"),
        ("https://example.org/2013/08/", "2013-08"),
        ("https://example.org/2013/08", "2013-08"),
        ("https://mail.example.org/pipermail/dev/2006-May/002103.html", "2006-05"),
        ("https://mail.example.org/pipermail/dev/2006-September/002103.html", "2006-09"),
        ("https://example.org/2013/08/1234567/story", "2013-08"),  # an ID, not a day
        # A day in the file name is more precise than the folder's month.
        ("https://example.org/wp-content/uploads/2017/05/statement-2017-04-28.pdf", "2017-04-28"),
        # Dates in the query or fragment do not name the page.
        ("https://example.com/2013/08/18/story?date=2020-01-01#2021-02-02", "2013-08-18"),
    ],
)
def test_dates_a_url_writes(url: str, expected: str) -> None:
    date = url_date(url)
    assert date is not None and date.iso() == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/search?date=2013-08-18",  # a query is an input, not a name
        "https://example.com/page#2013-08-18",
        "https://2013-08-18.example.com/story",  # the host
        "https://www.example.gov/files/omb/memoranda/2013/m-13-13.pdf",  # a lone year
        "https://example.gov/budget/annual-report-2011-12.pdf",  # a fiscal year
        "https://example.gov/budget/2011-12/",
        "https://example.com/article/20130818123456789",  # an identifier
        "https://example.com/news/world-europe-20121105",  # an article number after a slug
        "https://example.com/story/id20130818",
        "https://example.com/2013/02/30/story",  # cannot exist
        "https://example.com/2013/13/01/story",
        "https://example.com/2013/00/story",
        "https://example.com/20131318/story",
        "https://example.com/2013-02-29-story",  # not a leap year
        "https://example.com/1700/08/18/story",  # implausible years
        "https://example.com/2113/08/18/story",
        "https://example.com/19850818/story",  # eight digits this old are identifiers
        "https://example.com/api/v2/2013.08/",  # a version
        "https://example.com/call/202-456-1111",  # a phone number
        "https://example.com/downloads/file-1048576-bytes.zip",
        "http://www.w3.org/1999/xhtml",  # namespaces
        "http://www.w3.org/2000/09/xmldsig#",
        "http://schemas.microsoft.com/office/2006/01/customui",
        "http://purl.org/dc/elements/1.1/",
        "https://example.com/2013/08/18/a/2014/09/20/b",  # two different days: neither
        "https://example.com/2013/08/a/2014/09/b",  # two different months: neither
        "https://example.com/2013/may-day-protests",  # a word that starts like a month
        "https://example.org/events/2013/08/18/open-day",  # an event's day, announced before
        "https://example.org/Calendar/2013-08-18",
        "https://web.archive.org/web/20170704035927/http://example.com/story",
        "",
        "not a url at all",
        "https://",
    ],
)
def test_numbers_that_are_not_dates(url: str) -> None:
    assert url_date(url) is None


@pytest.mark.parametrize(
    ("url", "published", "captured"),
    [
        (
            "https://web.archive.org/web/20170704035927/http://example.com/2013/08/18/story",
            "2013-08-18",
            "2017-07-04",
        ),
        (
            "https://web.archive.org/web/20170704035927id_/https://example.com/2013/08/18/x",
            "2013-08-18",
            "2017-07-04",
        ),
        (
            "http://web.archive.org/web/201707/http://example.com/20130818/x",
            "2013-08-18",
            "2017-07",
        ),
        ("http://web.archive.org/web/2017/http:/example.com/2013/8/18/x", "2013-08-18", "2017"),
        (
            "https://archive.ph/2017.07.04-035927/http://example.com/2013/aug/18/x",
            "2013-08-18",
            "2017-07-04",
        ),
        (
            "https://wayback.example.org/1234/20170704035927/http://example.com/x",
            None,
            "2017-07-04",
        ),
        # An archive of an archive: the innermost page is the one cited.
        (
            "https://web.archive.org/web/20200101/https://archive.ph/2017.07.04-035927/"
            "http://example.com/2013/08/18/x",
            "2013-08-18",
            "2020-01-01",
        ),
        # A capture stamp that cannot be a date, or an address with no stamp.
        ("https://web.archive.org/web/20171345000000/http://example.com/x", None, None),
        ("https://proxy.example.com/fetch/http://example.com/2013/08/18/x", "2013-08-18", None),
        (
            "https://proxy.example.com/fetch/1234/http://example.com/2013/08/18/x",
            "2013-08-18",
            None,
        ),
        ("https://example.com/2013/08/18/story", "2013-08-18", None),
    ],
)
def test_web_archives_are_dated_by_the_archived_address(
    url: str, published: str | None, captured: str | None
) -> None:
    assert iso_or_none(url_date(url)) == published
    assert iso_or_none(capture_date(url)) == captured


def test_latest_url_date_takes_the_latest_date_any_url_carries() -> None:
    urls = (
        "https://example.com/about",
        "https://e.com/2014/01/02/",
        "https://example.com/2013/08/18/x",
    )
    assert latest_url_date(urls) == PartialDate(2014, 1, 2)
    assert latest_url_date(("https://example.com/about",)) is None
    assert latest_url_date(()) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # The URLs in the notes of a published policy page (each note gives the same day).
        (
            "https://www.whitehouse.gov/blog/2015/12/21/building-progress-improving-way-government-buys-it",
            "2015-12-21",
        ),
        (
            "https://blogs.msdn.com/b/dotnet/archive/2014/11/12/net-core-is-open-source.aspx",
            "2014-11-12",
        ),
        (
            "https://googleblog.blogspot.com/2015/11/tensorflow-smarter-machine-learning-for.html",
            "2015-11",
        ),
        ("https://www.whitehouse.gov/sites/default/files/omb/memoranda/2013/m-13-13.pdf", None),
        ("https://developer.apple.com/swift/blog/?id=34", None),
        ("https://www.whitehouse.gov/sites/default/files/microsites/ostp/report_092314.pdf", None),
    ],
)
def test_real_addresses(url: str, expected: str | None) -> None:
    assert iso_or_none(url_date(url)) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/" + "2013/" * 50_000,
        "https://example.com/" + "20130818" * 50_000,
        "https://example.com/" + "2013-08-" * 50_000,
        "https://web.archive.org/web/" + "2017/http://" * 20_000 + "example.com/2013/08/18/",
        "https://example.com/" + "/" * 200_000,
        "\x00\udcff" * 10_000,
    ],
)
def test_hostile_addresses_take_linear_time(url: str) -> None:
    started = time.perf_counter()
    url_date(url)
    capture_date(url)
    assert time.perf_counter() - started < 1.0
