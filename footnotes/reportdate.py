"""The report's own date: first found wins.

1. `--report-date` (given by the caller);
2. the document's metadata (Markdown front matter `date:`, HTML meta tags, a word
   processor's properties), as the parser recorded it;
3. a date line at the top: a dateline ("WASHINGTON, Feb. 1, 2024 -"), a memo's
   "DATE:" line, a date alone on a line, or a short byline under the title
   ("By Jane Doe | March 3, 2024", "Published 3 March 2024").

The first date of an ordinary body sentence is an event, never the report's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from footcheck.footnotes import pattern_store
from footcheck.footnotes.dates import find_dates, parse_date_string
from footcheck.footnotes.model import Document, PartialDate

# Only the first few paragraphs, before any marker, can carry the report's date.
_HEAD_PARAGRAPHS = 6
_BYLINE_MAX = 120
_HEAD_TEXT = 400  # characters of a head paragraph that can hold its dateline


def _cut(text: str) -> str:
    """The first _HEAD_TEXT characters, ending at a space so no date is cut in two."""
    cut = text.rfind(" ", 0, _HEAD_TEXT)
    return text[: cut if cut > 0 else _HEAD_TEXT]


_MEMO_DATE = pattern_store.compile(r"^\s*(?:date|dated|as of)\s*:\s*", re.IGNORECASE)
_BYLINE = pattern_store.compile(
    r"^\s*(?:by\b|published\b|posted\b|updated\b|issued\b|released\b|first published\b"
    r"|revised\b|draft\b|version\b|as of\b)",
    re.IGNORECASE,
)
# "WASHINGTON, Feb. 1, 2024 -" / "KYIV (Reuters), 3 March 2024 —": capitalised place, date, dash.
_DATELINE = pattern_store.compile(r"^\s*[A-Z][A-Za-z .'-]{1,40}(?:\([^)]{1,40}\))?\s*[,—–-]\s*")
_DASH_AFTER = pattern_store.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?(?:[-—–]+|:)\s*")
_LEFTOVER = pattern_store.compile(r"[\W\d_]*")
_ISSUED = frozenset(
    ["revised", "updated", "published", "posted", "issued", "released", "dated", "version"]
)
_TITLE_WORD = pattern_store.compile(r"[^\W_]+")
_SMALL_WORDS = frozenset(
    ["a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "vs"]
)
_WEEKDAYS = pattern_store.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?,?", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class ReportDate:
    """The report's own date, where it was found, and where a dateline ends."""

    date: PartialDate | None
    origin: str  # "command line", "metadata", "dateline", "last modified", or "" when unknown
    # Where a dateline was found: the paragraph's index and the offset where its
    # body text begins. The dateline's date is the report's, not an event's.
    paragraph: int | None = None
    body_start: int = 0
    # A later update the document declares (a web page's dateModified): sources up
    # to it may have been added since publication.
    updated: PartialDate | None = None

    @property
    def latest(self) -> PartialDate | None:
        """The last day the report's text can speak for: its date, or a later update."""
        if self.date is not None and self.updated is not None and self.updated.after(self.date):
            return self.updated
        return self.date


def resolve(
    doc: Document, given: PartialDate | None = None, today: PartialDate | None = None
) -> ReportDate:
    """The report's date and where it came from.

    A dateline is located whatever date wins, so that its date is never taken for
    an event of the first sentence.
    """
    dateline = _find_dateline(doc)
    where: dict[str, Any] = (
        {"paragraph": dateline[1], "body_start": dateline[2]} if dateline else {}
    )
    where["updated"] = _metadata_date(doc, "updated")
    if given is not None:
        return ReportDate(given, "command line", **where)
    if doc.report_date is not None:
        return ReportDate(doc.report_date, "metadata", **where)
    for key in ("date", "published"):
        parsed = _metadata_date(doc, key)
        if parsed is not None:
            return ReportDate(parsed, "metadata", **where)
    if dateline is not None:
        return ReportDate(dateline[0], "dateline", **where)
    # A word processor's last-modified date, when it is plausible.
    modified = _metadata_date(doc, "modified")
    if (
        modified is not None
        and not modified.before(_EARLIEST)
        and (today is None or not modified.after(today))
    ):
        return ReportDate(modified, "last modified", **where)
    return ReportDate(None, "", **where)


_EARLIEST = PartialDate(1990)


def _metadata_date(doc: Document, key: str) -> PartialDate | None:
    raw = doc.metadata.get(key)
    if not raw:
        return None
    parsed = parse_date_string(raw)
    return parsed if parsed is not None and parsed.is_valid() else None


def _find_dateline(doc: Document) -> tuple[PartialDate, int, int] | None:
    """(date, paragraph index, offset where the body text begins) of a dateline."""
    for index, paragraph in enumerate(doc.paragraphs[:_HEAD_PARAGRAPHS]):
        # A dateline or title date stands at the start: only that much is read.
        text = paragraph.text
        found = find_dateline(text if len(text) <= _HEAD_TEXT else _cut(text))
        if found is not None:
            return found[0], index, found[1]
        if paragraph.markers:
            break  # the body has begun
    return None


def dateline_date(text: str) -> PartialDate | None:
    """The date of a title-block line, or None when the line is ordinary prose."""
    found = find_dateline(text)
    return found[0] if found else None


def find_dateline(text: str) -> tuple[PartialDate, int] | None:
    """A title-block date and the offset where the text after it begins, or None."""
    mentions = [m for m in find_dates(text) if m.valid]
    if not mentions:
        return None
    first = mentions[0]
    before, after = text[: first.start], text[first.end :]
    whole = (first.date, len(text))
    if _MEMO_DATE.match(before) and not _LEFTOVER.sub("", _MEMO_DATE.sub("", before)):
        return whole  # "DATE: 04/11/2023" (an ambiguous day and month keep the year)
    if first.date.month is None:
        return None  # a bare year at the top is a title's subject, not a publication date
    if not _LEFTOVER.sub("", _WEEKDAYS.sub("", before + after)):
        return whole  # the date alone on its line
    if len(text) <= _BYLINE_MAX and _BYLINE.match(text):
        return whole
    dash = _DASH_AFTER.match(after)
    if _DATELINE.fullmatch(before) and dash:
        return first.date, first.end + dash.end()  # "WASHINGTON, Feb. 1, 2024 - ..."
    if len(text) <= _BYLINE_MAX and not _LEFTOVER.sub("", after) and _is_title(before):
        return whole  # a title with the date after it, wrapped into one paragraph
    return None


def _is_title(text: str) -> bool:
    """A title before the date, not a sentence.

    Title case words ("Grain Corridor Brief"), or a short phrase set off from the
    date by a separator ("Working Paper, revised", "Draft chapter,").
    """
    words = _TITLE_WORD.findall(text)
    if not words or any(ch in text for ch in ".!?"):
        return False
    if all(w[0].isupper() or w.isdigit() or w.lower() in _SMALL_WORDS for w in words):
        return True
    if len(words) > 8:
        return False
    return text.rstrip()[-1:] in (",", "|", "-", "—", "–", ":") or words[-1].lower() in _ISSUED
