"""The citations of one note: where each starts and ends, its role, and its dates.

A note can cite several sources: "Reuters, 23 April 2003; see also Smith, Book
(2001)." It is split where a citation ends: at a semicolon outside brackets and
quotations, before a signal that opens another ("See also", "Cf.", "Compare",
"But see"), and at "and" between two dated citations ("Smith (2001) and Jones
(2003)"). Each citation has its own publication date, access date, URLs and date
in its URL, and a role: MAIN for the sources the sentence rests on, BACKGROUND for
what the note points to besides ("See also", "Cf.", "Compare", "See generally").

A citation's date for the claim (`Citation.dated`) is the first of: its
publication date, the date in its URL, the date of the full citation a short form
or "Ibid." points to, its access date (a page read before an event cannot
report it), and a web archive's capture of its URL (the page was published by then).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import PartialDate

if TYPE_CHECKING:
    from footcheck.footnotes.dates import DateMention

#: A citation the sentence rests on.
MAIN = "main"
#: Background the note points to: "See also", "Cf.", "Compare", "See generally".
BACKGROUND = "background"

# What opens a citation that is background to the sentence, not its source.
_BACKGROUND_SIGNAL = pattern_store.compile(
    r"(?:see\s+also|see\s+generally|see\s+further|cf\.?|compare|but\s+see|but\s+cf\.?"
    r"|contra|for\s+(?:background|more|further|a\s+(?:discussion|review|summary|history)"
    r"|an\s+(?:overview|account|analysis))\b[^.;:]{0,80}?,\s*see"
    r"|voir\s+aussi|siehe\s+auch|vgl|véase\s+también|vedi\s+anche|zie\s+ook)\b",
    re.IGNORECASE,
)
# A signal that opens a new citation after a full stop or a comma: "... 2003. See
# also ...", "..., see also ...", "... 2003. Cf. ...", "... 2003. See Smith ...".
_SIGNAL_AFTER_STOP = pattern_store.compile(
    r"(?<=[.?!)\]”\"'])\s+(?=(?:see|compare|but\s+see|also|for\s+\w+|contra|voir|siehe|vgl"
    r"|véase|vedi|zie)\b|cf\.)"
    r"|(?:,\s+(?:and\s+)?|\s+and\s+)(?=(?:see\s+also|see\s+generally|but\s+see|compare)\b|cf\.)",
    re.IGNORECASE,
)
_SEE_WHAT = pattern_store.compile(r"see\s+(?:e\.g\.,?\s+|, e\.g\.,\s+)?(\S+)", re.IGNORECASE)
# "(2001) and Jones" / "2001, and Jones": "and" between two citations, each dated.
_AND_BETWEEN = pattern_store.compile(r",?\s+(?:and|&)\s+(?=[^\W\d_])")
# "(2012). IMF, ...": a full stop right after a citation's date, and a new sentence.
_STOP_AFTER_DATE = pattern_store.compile(r"[)\]]?\.\s+(?=[^\W\d_])")
# The words before a date that make it when the source was read, not published.
_READ_BEFORE = pattern_store.compile(
    r"(?:accessed|retrieved|visited|viewed|consulted|updated|modified|archived|downloaded"
    r"|consulté|abgerufen|zugegriffen|consultado|acesso|acessado|consultato|geraadpleegd)"
    r"\b[^.;]{0,15}$",
    re.IGNORECASE,
)
_AND_OPENING = pattern_store.compile(r"(?:and|&)\s+")


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation of a note: its text (a slice of the note's), its dates and URLs.

    `start` and `end` are offsets in the note's text. `publication_date` is the
    date the citation says it was published (None when it gives none);
    `access_date` when it was read ("accessed", "retrieved"); `url_date` the date
    written in its own URL's path (`/2013/08/18/`), if any. `role` is MAIN or
    BACKGROUND. A short form ("Lessing, 239.") or an "Ibid." takes the date of the
    full citation it points to: `inherited_date`, from note `inherited_from`.
    `undated` is true when the citation says it has no date ("n.d.").
    `captured_date` is a web archive's capture of its URL: the page was
    published by then. `updated_date` is when it says it was last updated: what
    it reports may be as late as that.
    """

    text: str
    start: int
    end: int
    publication_date: PartialDate | None
    access_date: PartialDate | None
    urls: tuple[str, ...]
    url_date: PartialDate | None = None
    role: str = MAIN
    short_form: bool = False
    inherited_date: PartialDate | None = None
    inherited_from: str | None = None
    undated: bool = False
    captured_date: PartialDate | None = None
    updated_date: PartialDate | None = None

    def dated(self) -> tuple[PartialDate, str] | None:
        """The date that bounds what the citation can report, and where it comes from.

        The origin is said for people: "published", "from its URL", "of note [3],
        which it shortens", "accessed".
        """
        if self.updated_date is not None and (
            self.publication_date is None or self.updated_date.after(self.publication_date)
        ):
            return self.updated_date, "updated"
        if self.publication_date is not None:
            return self.publication_date, "published"
        if self.url_date is not None:
            return self.url_date, "from its URL"
        if self.inherited_date is not None:
            how = "which it shortens" if self.short_form else "which it repeats (Ibid.)"
            return self.inherited_date, f"of note [{self.inherited_from}], {how}"
        if self.access_date is not None:
            return self.access_date, "accessed"
        if self.captured_date is not None:
            return self.captured_date, "archived"
        return None


def resting_on(citations: Sequence[Citation]) -> list[Citation]:
    """The citations a sentence can rest on: the main ones, else (none) all of them."""
    return [c for c in citations if c.role == MAIN] or list(citations)


def supporting_date(
    citations: Sequence[Citation],
) -> tuple[Citation, PartialDate, str] | None:
    """The latest dated citation a sentence can rest on: (citation, date, origin).

    Among the main citations when the note has any, else its background ones.
    """
    best: tuple[Citation, PartialDate, str] | None = None
    for citation in resting_on(citations):
        dated = citation.dated()
        if dated is not None and (best is None or not dated[0].before(best[1])):
            best = (citation, dated[0], dated[1])
    return best


def split_spans(
    text: str, mentions: Sequence[DateMention], inside_quote: Callable[[int], bool]
) -> list[tuple[int, int]]:
    """Where each citation of a note's text starts and ends (at least one span).

    `inside_quote(i)` tells whether position i lies inside a quotation: nothing
    splits there, nor inside brackets. Linear in the note's length, however many
    semicolons and signals it holds.
    """
    candidates: list[tuple[int, bool]] = []  # (cut, opens a citation)
    at = text.find(";")
    while at >= 0:
        candidates.append((at + 1, _opens_citation(text, at + 1)))
        at = text.find(";", at + 1)
    for m in _SIGNAL_AFTER_STOP.finditer(text):
        cut = m.start() + (1 if text[m.start()] == "," else 0)
        candidates.append((cut, _signal_starts(text, m.end())))
    candidates.sort()
    depth = _Depth(text)
    cuts = [
        cut for cut, opens in candidates if depth.at(cut) == 0 and opens and not inside_quote(cut)
    ]
    if len(mentions) > 1:
        cuts.extend(_and_cuts(text, mentions, inside_quote))
    if not cuts:
        return [_trim(text, 0, len(text))]
    last_word = len(text) - 1
    while last_word >= 0 and not text[last_word].isalnum():
        last_word -= 1
    spans: list[tuple[int, int]] = []
    last = 0
    for cut in sorted(set(cuts)):
        if cut <= last_word and _has_words(text, last, cut):
            spans.append((last, cut))
            last = cut
    spans.append((last, len(text)))
    return [_trim(text, a, b) for a, b in spans]


class _Depth:
    """How many brackets are open at a position, read forward (positions in order)."""

    __slots__ = ("_depth", "_pos", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = 0
        self._depth = 0

    def at(self, position: int) -> int:
        text, start = self._text, self._pos
        opened = text.count("(", start, position) + text.count("[", start, position)
        closed = text.count(")", start, position) + text.count("]", start, position)
        self._depth += opened - closed
        self._pos = position
        return self._depth


def role_of(text: str) -> str:
    """BACKGROUND when the citation opens with a signal such as "See also" or "Cf."."""
    stripped = text.lstrip(" ;,.:—–-(")
    return BACKGROUND if _BACKGROUND_SIGNAL.match(stripped) else MAIN


def _has_words(text: str, start: int, end: int) -> bool:
    return any(ch.isalnum() for ch in text[start:end])


def _opens_citation(text: str, at: int) -> bool:
    """Whether what follows a semicolon starts a citation, not a list of pages ("; 5")."""
    rest = text[at : at + 3].lstrip()
    return bool(rest) and not rest[0].isdigit() and rest[0] not in "-–—"


def _signal_starts(text: str, at: int) -> bool:
    """Whether the signal at `at` opens a citation: "See also", "Cf.", "See Smith"."""
    rest = text[at : at + 120]
    if _BACKGROUND_SIGNAL.match(rest):
        return True
    # "See Smith, ...", "See https://...": a plain "See" before a name, title or URL.
    m = _SEE_WHAT.match(rest)
    if m is None:
        return False
    what = m.group(1)
    return what[:1].isupper() or what[:1] in "“\"'«" or "://" in what or what.startswith("www.")


def _and_cuts(
    text: str, mentions: Sequence[DateMention], inside_quote: Callable[[int], bool]
) -> list[int]:
    """Cuts between two citations that each carry a date of their own.

    "Smith (2001) and Jones (2003).": at "and" before a name; "OECD, Outlook
    (2012). IMF, Fiscal Monitor (2009).": after the full stop that closes the first
    date's sentence. Not where the second date is when the source was read
    ("... (2015). Title. Retrieved 3 May 2019"): that is one citation.
    """
    cuts: list[int] = []
    for left, right in itertools.pairwise(mentions):
        gap_start = left.end + (1 if text[left.end : left.end + 1] == ")" else 0)
        between = text[gap_start : right.start]
        if ";" in between or len(between) > 200:
            continue
        joined = _AND_BETWEEN.match(text, gap_start)
        if joined is not None and joined.end() < right.start and text[joined.end()].isupper():
            if not inside_quote(joined.start()):
                cuts.append(joined.start())
            continue
        stop = _STOP_AFTER_DATE.match(text, left.end)
        if (
            stop is not None
            and stop.end() < right.start
            and text[stop.end()].isupper()
            and not inside_quote(stop.start())
            and _READ_BEFORE.search(text, max(stop.end(), right.start - 40), right.start) is None
        ):
            cuts.append(stop.end())
    return cuts


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the blanks, separators and joining "and" around it."""
    while start < end and text[start] in " ;,":
        start += 1
    joined = _AND_OPENING.match(text, start, end)
    if joined is not None:
        start = joined.end()
    while end > start and text[end - 1] in " ;,":
        end -= 1
    return start, end
