"""Short citations ("Lessing, 239.", "Wu et al., 7.", "Smith, Short Title, 12.").

After a source is cited in full, later notes cite it by its author or short title
and a page (Chicago 14.29-14.31; MLA and Bluebook alike). A short form is no new
source: it takes the date of the earlier full citation it points to, and it is
never a duplicate of it.

`parse_short_form` tells whether a citation is written as a short form and what
it names; `FullCitations` remembers the full citations seen so far and finds the
one a short form points to (the latest that names the author, and the short
title when given).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from footcheck.footnotes import pattern_store
from footcheck.footnotes.dates.lexicon import word_set
from footcheck.footnotes.model import PartialDate

# An author ("Lessing", "Wu et al.", "Smith and Jones", "van der Berg"), an optional
# short title, and a page or a range ("239", "pp. 12-14", "at 7", "xii"). No year,
# no URL: those make a full citation.
_SHORT = pattern_store.compile(
    r"""^(?:see\s+(?:also\s+)?|cf\.\s+)?
    (?P<author>(?:(?:van|von|de|der|den|di|da|du|la|le|del|al)\s+){0,2}
       [^\W\d_][\w'’.-]*(?:\s+(?:and|&)\s+[^\W\d_][\w'’-]*)?)
    (?P<etal>\s+et\s+al\.?)?
    (?:,\s*(?!(?:pp?\.|pages?\s|at\s|s\.)\s*\d)(?P<title>“[^”]{1,80}”|"[^"]{1,80}"|[^\W\d_][^,;()]{0,80}?))?
    (?:(?:,|(?<=[”"]))\s*(?P<prefix>(?:pp?\.|pages?|at|S\.|s\.)\s*)?
       (?P<page>\d{1,5}(?:\s*[-–]\s*\d{1,5})?(?:n\d+)?|[ivxlcdm]{1,8}))?
    \s*\.?$""",
    re.IGNORECASE | re.VERBOSE,
)
_WORD = pattern_store.compile(r"[^\W\d_][\w'’-]*")
_NAME_SPAN = 160  # where a full citation names its author: near its start
_CANDIDATES = 50  # a short form points to one of its author's latest full citations
_TITLE_STOP = word_set(
    "a an the of in on and or for to at by with from de la le les des der die das el"
)


# "Sunstein, supra note 1, at 1812.": the note it shortens, by number (Bluebook).
_SUPRA = pattern_store.compile(r"\bsupra\s+notes?\s+(\d{1,4})\b", re.IGNORECASE)


def supra_note(text: str) -> str | None:
    """The label of the note a "supra note N" citation points to, if it is one."""
    m = _SUPRA.search(text)
    return m.group(1) if m else None


@dataclass(frozen=True, slots=True)
class ShortForm:
    """What a short citation names: the author's word it is found by, and title words."""

    surname: str  # folded
    title_words: tuple[str, ...]  # folded, without small words
    has_page: bool


def parse_short_form(text: str) -> ShortForm | None:
    """The short form `text` is written as, or None when it is not one."""
    text = text.strip()
    if len(text) > 140 or "://" in text or "www." in text:
        return None
    m = _SHORT.match(text)
    if m is None:
        return None
    author = m.group("author")
    words = _WORD.findall(author)
    if not words or not words[-1][:1].isupper():
        return None
    page = m.group("page")
    if page is None and m.group("title") is None:
        return None  # a name alone ("Smith.") is not a short form
    if (
        page is not None
        and m.group("prefix") is None
        and len(page) == 4
        and page[:2] in ("19", "20")
    ):
        return None  # "Smith, 2019.": an author and a year, not a page
    title = m.group("title") or ""
    title_words = tuple(
        w.casefold() for w in _WORD.findall(title) if w.casefold() not in _TITLE_STOP
    )
    if len(title_words) > 8:
        return None
    # The surname: the first name of "Smith and Jones", the last word of "van der Berg".
    surname = words[0] if " and " in author or "&" in author else words[-1]
    return ShortForm(surname.casefold(), title_words, page is not None)


@dataclass(frozen=True, slots=True)
class FullCitation:
    """A full citation a short form may point to: its note's label, its text, its date."""

    label: str
    text: str
    date: PartialDate | None


class FullCitations:
    """The full citations read so far, found by the words near their start.

    They are indexed only when a short form asks, each once: most documents have
    no short form, and pay nothing for the index.
    """

    def __init__(self) -> None:
        self._by_word: dict[str, list[FullCitation]] = defaultdict(list)
        # (label, text, date) of the citations added since: made FullCitations when
        # indexed (most documents never are).
        self._waiting: list[tuple[str, str, PartialDate | None]] = []

    def add(self, label: str, text: str, date: PartialDate | None) -> None:
        """Remember the full citation `text` of note `label`, dated `date`."""
        self._waiting.append((label, text, date))

    def _index(self) -> None:
        for label, text, date in self._waiting:
            citation = FullCitation(label, text, date)
            seen: set[str] = set()
            for word in _WORD.findall(text[:_NAME_SPAN]):
                folded = word.casefold()
                if folded not in seen and word[:1].isupper():
                    seen.add(folded)
                    self._by_word[folded].append(citation)
        self._waiting.clear()

    def find(self, short: ShortForm) -> FullCitation | None:
        """The latest full citation naming the short form's author (and title words)."""
        self._index()
        named = self._by_word.get(short.surname, [])
        for candidate in reversed(named[-_CANDIDATES:]):
            if not short.title_words:
                return candidate
            words = {w.casefold() for w in _WORD.findall(candidate.text)}
            if all(w in words for w in short.title_words[:3]):
                return candidate
        return None
