"""The dates written in a URL: the day or month a page's own address says it is from.

News sites, blogs and mailing-list archives build the address of a page from the
day it was published: `/2013/08/18/slug`, `/2013/8/18/`, `/2013/aug/18/`,
`/2013/0818/`, `/20130818/`, `/2013-08-18-slug`, `_2013-08-18.pdf`; a month
archive writes `/2013/08/` or `/2006-May/002103.html`. `url_date` reads that date,
at day precision when the path has a full date and at month precision otherwise.

It errs on the side of silence; these are not read as dates:

- the host, the query and the fragment: a `?date=2013-08-18` is an input of the
  page (a search range, a calendar view, an "as of"), not the name of what it holds;
- a lone year (`/memoranda/2013/m-13-13.pdf`): a collection, a fiscal year or a
  namespace as often as a publication, and a year and month joined by a dash
  (`/annual-report-2011-12.pdf` is a fiscal year as often as December 2011);
- digits that run on (`/article/20130818123456789` is an identifier), and eight
  digits at the end of a hyphenated slug (`/news/world-20121105`: an article number);
- a date that cannot exist (`/2013/02/30/`) and a year outside 1800-2099 (1990-2099
  for the eight-digit form and a capture stamp: the web is younger);
- on namespace and schema hosts (`w3.org/1999/xhtml`, `w3.org/2000/09/xmldsig`),
  the year and month a namespace was minted;
- the dates of a calendar (`/events/2013/08/18/open-day`, `/calendar/2013-08-18`):
  the day of an event, announced before it;
- a web archive's capture stamp (`web.archive.org/web/20170704035927/http://...`):
  when the archive saw the page, not when it was published. The date is read from
  the archived address; `capture_date` gives the capture's own: the page was
  published by then, and the copy a reader saw can report nothing later.

A path with two different full dates (or, with none, two different months) has no
date: neither can be trusted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import PartialDate, Precision

_SCHEME = pattern_store.compile(r"^[a-z][a-z0-9+.-]*:/{1,3}", re.IGNORECASE)
# An address inside the path: the page an archive or proxy serves ("/http://...";
# archives sometimes fold the double slash to one).
_EMBEDDED = pattern_store.compile(r"/https?:/", re.IGNORECASE)
# The capture stamp before the archived address: Wayback-style digits (4 to 14, with
# a replay modifier such as "id_"), or archive.today's "2017.07.04-035927".
_STAMP = pattern_store.compile(
    r"(?:^|/)(?:(?P<digits>\d{4,14})(?:[a-z]{2}_)?|"
    r"(?P<y>\d{4})\.(?P<m>\d{2})\.(?P<d>\d{2})-\d{6})/*$",
    re.IGNORECASE,
)
# Hosts whose /YYYY/ and /YYYY/MM/ paths name namespaces and schemas.
_NAMESPACE_HOSTS = frozenset(
    [
        "w3.org",
        "purl.org",
        "xmlns.com",
        "ns.adobe.com",
        "schemas.xmlsoap.org",
        "schemas.microsoft.com",
        "schemas.openxmlformats.org",
    ]
)
# Path segments under which a date is an event's day, not the page's.
_CALENDAR_SEGMENTS = frozenset(["event", "events", "calendar", "schedule", "agenda", "agendas"])
_YEAR_SEGMENT = pattern_store.compile(r"\d{4}")
_NUMBER = pattern_store.compile(r"\d{1,2}")
_MONTH_AND_DAY = pattern_store.compile(r"(\d{2})(\d{2})")  # "/2013/0818/"
# A day segment: one or two digits, then the end or a slug or file suffix ("18.html").
_DAY_SEGMENT = pattern_store.compile(r"(\d{1,2})(?:[-_.]|$)")
# "2013-08-18" or "2013_08_18" within a segment, not part of a longer number.
_ISO = pattern_store.compile(r"(?<![0-9])(\d{4})([-_])(\d{1,2})\2(\d{1,2})(?![0-9])")
# "20130818" as a whole segment, or opening one ("20130818-slug"), or after "_".
_COMPACT = pattern_store.compile(r"(?:^|(?<=/)|(?<=_))(\d{4})(\d{2})(\d{2})(?=$|[/._-])")
# A mailing-list archive's month: "/2006-May/".
_YEAR_MONTH_NAME = pattern_store.compile(r"(?:^|(?<=/))(\d{4})-([A-Za-z]{3,9})(?=/|$)")

# Every date form above has a year of four digits, 1800 to 2099 (the quick test).
_YEAR_LIKE = pattern_store.compile(r"(?:18|19|20)[0-9]{2}")

_FIRST_YEAR = 1800
_FIRST_WEB_YEAR = 1990  # older eight-digit "dates" are identifiers; no archive is older
_LAST_YEAR = 2099


# A report cites one page in note after note: each URL is read once (a bounded memory
# for a run over many files).
@lru_cache(maxsize=1 << 14)
def url_date(url: str) -> PartialDate | None:
    """The date written in a URL's path, or None."""
    if _YEAR_LIKE.search(url) is None:
        return None  # most URLs: no year from 1800 to 2099 anywhere in them
    host, path = _host_and_path(url)
    archived = list(_EMBEDDED.finditer(path))
    if archived:  # the archived page's own address says when it is from
        host, path = _host_and_path(path[archived[-1].start() + 1 :])
    days: set[PartialDate] = set()
    months: set[PartialDate] = set()
    for date in _path_dates(host, path):
        (days if date.precision is Precision.DAY else months).add(date)
    found = days or months
    return found.pop() if len(found) == 1 else None


def latest_url_date(urls: Iterable[str]) -> PartialDate | None:
    """The latest date the paths of `urls` carry (a citation's URL date), or None.

    A citation that links two pages ("see .../2014/11/12/... and .../2015/11/...")
    reports what the later one does.
    """
    best: PartialDate | None = None
    for date in map(url_date, urls):
        if date is not None and (best is None or not date.before(best)):
            best = date
    return best


def capture_date(url: str) -> PartialDate | None:
    """When a web archive captured the page a URL serves (its stamp), or None.

    `web.archive.org/web/20170704035927/http://...` was captured on 2017-07-04;
    a stamp of six or four digits gives a month or a year. The archived copy shows
    the page as it was that day: published by then, and reporting nothing later.
    """
    if _EMBEDDED.search(url, 8) is None:
        return None  # no address inside it: no archive's copy
    _, path = _host_and_path(url)
    embedded = _EMBEDDED.search(path)
    if embedded is None:
        return None
    stamp = _STAMP.search(path, 0, embedded.start())
    if stamp is None:
        return None
    digits = stamp.group("digits") or "".join(stamp.group("y", "m", "d"))
    month = digits[4:6] if len(digits) >= 6 else None
    day = digits[6:8] if len(digits) >= 8 else None
    return next(_valid(digits[:4], month, day, first_year=_FIRST_WEB_YEAR), None)


def _host_and_path(url: str) -> tuple[str, str]:
    """The host (lower case, without "www.") and the path (without query or fragment)."""
    rest = _SCHEME.sub("", url.strip(), count=1)
    for end in "?#":
        rest = rest.split(end, 1)[0]
    host, _, path = rest.partition("/")
    return host.lower().removeprefix("www."), "/" + path


def _path_dates(host: str, path: str) -> Iterable[PartialDate]:
    """Every date the path's forms write, valid ones only."""
    segments = path.split("/")
    if not _CALENDAR_SEGMENTS.isdisjoint(segment.lower() for segment in segments):
        return
    if host not in _NAMESPACE_HOSTS:
        yield from _slashed_dates(segments)
    for match in _ISO.finditer(path):
        yield from _valid(match.group(1), match.group(3), match.group(4))
    for match in _COMPACT.finditer(path):
        yield from _valid(*match.groups(), first_year=_FIRST_WEB_YEAR)
    for match in _YEAR_MONTH_NAME.finditer(path):
        month = _month_number(match.group(2))
        if month is not None:
            yield from _valid(match.group(1), str(month))


def _slashed_dates(segments: list[str]) -> Iterable[PartialDate]:
    """`/2013/08/18/`, `/2013/aug/18/`, `/2013/0818/` (days) and `/2013/08/` (a month)."""
    for index, segment in enumerate(segments[:-1]):
        if not _YEAR_SEGMENT.fullmatch(segment):
            continue
        after = segments[index + 1]
        day_segment = segments[index + 2] if index + 2 < len(segments) else ""
        month_and_day = _MONTH_AND_DAY.fullmatch(after)
        if month_and_day is not None:
            yield from _valid(segment, *month_and_day.groups())
            continue
        if _NUMBER.fullmatch(after):
            month: str | None = after
        else:
            name = _month_number(after)
            month = str(name) if name is not None else None
        if month is None:
            continue
        day = _DAY_SEGMENT.match(day_segment)
        yield from _valid(segment, month, day.group(1) if day else None)


def _month_number(name: str) -> int | None:
    """The month a name or abbreviation stands for ("aug", "May"), or None."""
    # The date layer is imported when a URL is read, not with the rules that read one.
    from footcheck.footnotes.dates import MONTHS

    return MONTHS.get(name.lower())


def _valid(
    year: str, month: str | None, day: str | None = None, *, first_year: int = _FIRST_YEAR
) -> Iterator[PartialDate]:
    """The date of these digits, if it can exist and its year is a plausible one."""
    date = PartialDate(int(year), _number(month), _number(day))
    if first_year <= date.year <= _LAST_YEAR and date.is_valid():
        yield date


def _number(digits: str | None) -> int | None:
    return int(digits) if digits is not None else None
