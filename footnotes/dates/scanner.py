"""Finding every date in a text: the scan, its fast paths, the memo of long texts.

`find_dates` runs the grammar over only the stretches of a text that can hold a
date (near a four-digit number or a relative word), reads each match, and marks a
date planned when its clause says so or when it is joined to a planned one ("in
2024 and 2025"). `event_dates` keeps the dates that report events.
"""

from __future__ import annotations

import re

from footcheck.footnotes import pattern_store
from footcheck.footnotes.dates.context import is_future, reports_past_change
from footcheck.footnotes.dates.grammar import SCAN, SCAN_AFTER
from footcheck.footnotes.dates.interpret import interpret
from footcheck.footnotes.dates.mention import DateMention
from footcheck.footnotes.dates.neighbours import CONNECTOR
from footcheck.footnotes.dates.style import DateStyle
from footcheck.footnotes.model import PartialDate

# Every form ends with a four-digit year or a numeric date's last fields; none
# starts more than _SEGMENT_BACK characters before it ("Wednesday, September 30th
# - 31st, 2023" is 38). The anchor is four digits or a digit, "/" or "-", and two
# digits ("2/13" in "8/22/13", "3/64"): one pattern with a digit first scans as fast
# as the year alone did (an alternation does not).
_YEAR_ANCHOR = pattern_store.compile(r"[0-9][0-9/-][0-9]{2}")
_RELATIVE_ANCHORS = ("today", "yesterday", "last", "this")
_RELATIVE_ANCHOR = pattern_store.compile("|".join(_RELATIVE_ANCHORS), re.IGNORECASE)
_SEGMENT_BACK = 48
_SEGMENT_SLACK = 40

# Eastern Arabic and Persian digits ("٣ مارس ٢٠٢٣", "۳ مارس ۲۰۲۳") are scanned as the
# ASCII digits they are: translated one for one, so every offset stays right.
_TO_ASCII_DIGITS = str.maketrans(
    {chr(zero + i): str(i) for zero in (0x0660, 0x06F0) for i in range(10)}
)

# Long texts are scanned more than once (the report-date search reads the first
# paragraphs, the claims read every one): the last few results are kept.
_MEMO_MIN = 50_000
_MEMO_SIZE = 4
_MemoKey = tuple[str, PartialDate | None, DateStyle | None, bool]
_memo: dict[_MemoKey, tuple[DateMention, ...]] = {}


def find_dates(
    text: str,
    reference: PartialDate | None = None,
    style: DateStyle | None = None,
    *,
    note: bool = False,
) -> list[DateMention]:
    """Every date mention in `text`, in reading order.

    Relative dates ("today", "last month") are resolved against `reference`, the
    report's date, and left out when it is None. `style` is how the document
    writes numeric dates (`decide_style`): day or month first, and the century of
    two-digit years. Without one, "03/04/2023" keeps only its year and a two-digit
    year is read only when a field above 12 decides the order ("8/22/13"), in the
    century around `reference` (else today). `note` is true for a note's text,
    where a month and year alone ("Letter, 3/64.") and a year that closes a
    parenthesis ("(2d Cir. 1990)") are a citation's date.
    """
    if len(text) < _MEMO_MIN:
        return _find_dates(text, reference, style, note)
    if reference is not None and _RELATIVE_ANCHOR.search(text) is None and style is not None:
        reference = None  # nothing to resolve, and the style holds the century: the same
    key = (text, reference, style, note)
    found = _memo.get(key)
    if found is None:
        found = tuple(_find_dates(text, reference, style, note))
        if len(_memo) >= _MEMO_SIZE:
            del _memo[next(iter(_memo))]
        _memo[key] = found
    return list(found)


def _ascii_digits(text: str) -> str:
    """`text` with its Eastern Arabic and Persian digits as ASCII ones (most texts: as it is).

    A year written in them starts with one or two ("١", "٢", "۱", "۲"): a text without
    these has no date to translate. (Each test is one fast character search, and none
    at all for a text of ASCII or Latin-1 characters only.)
    """
    if text.isascii() or not (
        "\u0662" in text or "\u0661" in text or "\u06f2" in text or "\u06f1" in text
    ):
        return text
    return text.translate(_TO_ASCII_DIGITS)


def _find_dates(
    written: str, reference: PartialDate | None, style: DateStyle | None, note: bool
) -> list[DateMention]:
    text = _ascii_digits(written)
    found: list[DateMention] = []
    prev: DateMention | None = None
    search = SCAN_AFTER.search
    pos = 0
    for seg_start, seg_end in _segments(text, reference is not None):
        pos = max(pos, seg_start)
        # Every form ends with a year or a relative word, which lies inside the
        # segment; the slack keeps the look-aheads after it exact.
        endpos = seg_end + _SEGMENT_SLACK
        while pos < seg_end:
            if pos:
                # A match from `pos` on: its non-word character is at `pos - 1` or later.
                m = search(text, pos - 1, endpos)
                if m is None:
                    break
                kind = m.lastgroup
                start = m.start() + 1  # past the non-word character
            else:
                m = SCAN.match(text, 0, endpos)  # no character before the first
                if m is None:
                    pos = 1
                    continue
                kind = m.lastgroup
                start = 0
            if start >= seg_end:
                break
            got = interpret(text, m, kind, start, reference, prev, style, note)
            if got is None:
                pos = start + 1
                continue
            end = m.end()
            # got.future is a deadline ("by 2030"): planned, unless the clause reports
            # the change as done ("had doubled by 2017"); a trigger word always counts.
            future = is_future(text, start) or (got.future and not reports_past_change(text, start))
            if not future and prev is not None and prev.future:
                # "will be held in 2024 and 2025": a date joined to a planned one is planned
                future = CONNECTOR.fullmatch(text, prev.end, start) is not None
            valid = got.date.is_valid() and (got.range_start is None or got.range_start.is_valid())
            phrase = written[start:end]
            mention = DateMention(
                got.date, start, end, phrase, valid, future, got.range_start, got.attributive
            )
            found.append(mention)
            prev = mention
            pos = end
    return found


def _segments(text: str, relative: bool) -> list[tuple[int, int]]:
    """The stretches of `text` that can hold a date, merged and in order.

    A date ends with a four-digit year or a numeric date's last field (or is a
    relative word); finding those
    with a trivial pattern first lets the full scanner skip the plain prose.
    """
    if not relative:
        # The anchors come in order: merge them as they come (the common case, and
        # the same spans as the sort-and-merge below).
        merged: list[tuple[int, int]] = []
        last_lo = last_hi = -_SEGMENT_SLACK - 1
        for a in _YEAR_ANCHOR.finditer(text):
            lo, hi = a.span()
            lo = max(lo - _SEGMENT_BACK, 0)
            if lo <= last_hi + _SEGMENT_SLACK:
                last_hi = hi  # anchors do not overlap: a later one ends later
                merged[-1] = (last_lo, hi)
            else:
                last_lo, last_hi = lo, hi
                merged.append((lo, hi))
        return merged
    spans = [(a.start() - _SEGMENT_BACK, a.end()) for a in _YEAR_ANCHOR.finditer(text)]
    low = text.lower()
    if len(low) == len(text):
        for word in _RELATIVE_ANCHORS:
            at = low.find(word)
            while at >= 0:
                spans.append((at, at + 20))
                at = low.find(word, at + 1)
    else:
        spans.extend((a.start(), a.end() + 20) for a in _RELATIVE_ANCHOR.finditer(text))
    spans.sort()
    merged = []
    for lo, hi in spans:
        lo = max(lo, 0)
        if merged and lo <= merged[-1][1] + _SEGMENT_SLACK:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


def event_dates(text: str, reference: PartialDate | None = None) -> list[PartialDate]:
    """The dates of the mentions that report events (not planned ones, not names'), in order."""
    return [m.date for m in find_dates(text, reference) if m.is_event]
