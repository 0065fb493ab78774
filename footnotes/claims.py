"""The claim each marker supports, and the dates that claim reports.

A claim is the text of the marker's sentence from the previous marker in that
sentence (or the sentence start) up to the marker. A marker written after the
sentence-final punctuation or a closing quote (`...aggression."[4]`) belongs to the
sentence before it. Dates are found once per paragraph, in whole sentences (so a
"will" before a marker still governs a date after it), and a claim keeps those
that lie inside its span.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from footcheck.footnotes import pattern_store
from footcheck.footnotes.abbreviations import ABBREVIATIONS
from footcheck.footnotes.dates import DateMention, find_dates
from footcheck.footnotes.dates.lexicon import is_month_name
from footcheck.footnotes.model import Marker, Paragraph, PartialDate

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before
# whitespace and something that can start a sentence, or at the end of the text.
# Linear: a match starts only at the first of a run of terminals (the look-behind,
# written after that first terminal so that the pattern opens with a character
# class, which the regex engine looks for in C), and every repetition is
# possessive, so a run of a million dots is read once.
# The whitespace after the end is captured (group 1 or 2): the next sentence starts
# after it.
_SENTENCE_END = pattern_store.compile(
    r"""[.!?…](?<![.!?…]{2})[.!?…]*+["'”’»)\]]*+"""
    r"""(?=(\s++)["'“‘«(\[]?[A-Z0-9\u00c0-\u024f]|(\s*+)$)"""
)
_WORD_BEFORE = pattern_store.compile(r"([\w.]+)$")
_NEXT_WORD = pattern_store.compile(r" ([^\W\d_]+\.?)")
# Everything up to the last character that is not a word character or a dot: one
# greedy pass, where searching for _WORD_BEFORE tries every start in the window.
_UP_TO_LAST_BREAK = pattern_store.compile(r"(?s:.*)[^\w.]")
_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))
_TRAILING_CLOSERS = "\"'”’»)] \t"
_TERMINAL = ".!?…"
_LEADING_PUNCTUATION = ",;:)]}—–- "
# How far back a marker looks over closing quotes and brackets for a sentence end
# (`aggression. "[4]`); a bound, so a run of 200,000 "]" is not walked once per marker.
_ANCHOR_BACK = 16


@dataclass(frozen=True, slots=True)
class Claim:
    """What one marker supports: its text and the dates found in it."""

    marker: Marker
    text: str
    start: int
    end: int
    dates: tuple[DateMention, ...]

    @property
    def event_dates(self) -> tuple[PartialDate, ...]:
        """Dates reported as events: valid, not planned or set in advance, not part of a name."""
        return tuple(m.date for m in self.dates if m.is_event)

    def latest_event(self, not_after: PartialDate | None = None) -> PartialDate | None:
        """The latest event date; among equals, the most precise.

        Dates after `not_after` (the report's date, or today) cannot be past events,
        whatever the wording: they are left out.
        """
        events = [d for d in self.event_dates if not_after is None or not d.after(not_after)]
        if not events:
            return None
        return max(events, key=lambda d: (d.year, d.month or 0, d.day or 0))

    @property
    def invalid_dates(self) -> tuple[DateMention, ...]:
        return tuple(m for m in self.dates if not m.valid)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph's text, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        dot = match.start()
        if text[dot] == "." and _is_abbreviation(text, dot):
            continue
        end = match.end()
        if end > start:
            spans.append((start, end))
        start = match.end(match.lastindex or 0)  # past the whitespace that follows
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _ordinal_before_month(text: str, dot: int) -> bool:
    """Whether the period at `dot` closes a day written as an ordinal before its month
    ("am 3. März 2023", "den 7. September"): one or two digits standing alone, one
    space, a month's name."""
    if not ("0" <= text[dot - 1] <= "9"):
        return False  # "²." is a superscript, not a day
    digits = 2 if dot >= 2 and "0" <= text[dot - 2] <= "9" else 1
    if dot > digits and not text[dot - digits - 1].isspace():
        return False  # "2019.", "21–22.": a number or a year ends the sentence
    nxt = _NEXT_WORD.match(text, dot + 1)
    return nxt is not None and is_month_name(nxt.group(1))


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial, not a sentence."""
    # The word before the period ends in a digit ("2019."), or is longer than any
    # abbreviation: neither an abbreviation nor an initial, whatever precedes it.
    tail = text[max(0, dot - _LONGEST_ABBREVIATION - 1) : dot]
    if tail[-1:].isdigit():
        return _ordinal_before_month(text, dot)  # "am 3. März 2023", not "in 2019."
    if len(tail) > _LONGEST_ABBREVIATION and tail.isalnum():
        return False
    lo = max(0, dot - 40)
    window = text[lo:dot]
    token = window[window.rfind(" ") + 1 :]
    if token.isalnum():
        # The common case, a plain word after a space: it is the whole run of word
        # characters and dots before the period, so no search is needed.
        start = dot - len(token)
    elif text[dot - 1 : dot] == "\n":
        # "$" also matches before a final newline: the general search decides.
        word = _WORD_BEFORE.search(text, lo, dot)
        if word is None:
            return False
        start = word.start(1)
        token = word.group(1)
    else:
        # The leftmost start _WORD_BEFORE would find: just after the last character
        # of the window that is not a word character or a dot.
        cut = _UP_TO_LAST_BREAK.match(text, lo, dot)
        start = lo if cut is None else cut.end()
        if start == dot:
            return False
        token = text[start:dot]
    token = token.lower().strip(".")
    if token in ABBREVIATIONS:
        return True
    # A single capital letter: an initial ("J. Smith"), not a sentence end.
    return len(token) == 1 and text[start].isupper()


def _anchor(text: str, offset: int) -> int:
    """The position whose sentence a marker at `offset` belongs to.

    A marker right after sentence-final punctuation, possibly with closing quotes
    or a space between (`aggression. "[4]`), belongs to the sentence that ends there.
    """
    i = min(offset, len(text))
    floor = max(0, i - _ANCHOR_BACK)
    while i > floor and text[i - 1] in _TRAILING_CLOSERS:
        i -= 1
    if i > 0 and text[i - 1] in _TERMINAL:
        return i - 1
    return max(0, min(offset, len(text)) - 1) if offset >= len(text) else offset


def paragraph_claims(
    paragraph: Paragraph,
    mentions: list[DateMention] | None = None,
    reference: PartialDate | None = None,
    text_start: int = 0,
) -> Iterator[Claim]:
    """One Claim per marker of the paragraph, in order.

    `mentions` are the paragraph's dates when the caller has them already; else they
    are found here, relative dates resolved against `reference`. No claim starts
    before `text_start` (the end of a dateline).
    """
    if not paragraph.markers:
        return
    text = paragraph.text
    spans = sentence_spans(text)
    starts = [start for start, _ in spans]
    if mentions is None:
        mentions = find_dates(text, reference) if text else []
    mention_starts = [m.start for m in mentions]
    previous_end: dict[int, int] = {}  # sentence index -> offset of the last marker seen in it
    previous: Claim | None = None
    for marker in paragraph.markers:
        offset = min(marker.offset, len(text))
        if previous is not None and offset == previous.marker.offset:
            # A group ("[3][4]", "[2, 5]"): every marker supports the same claim.
            previous = Claim(marker, previous.text, previous.start, previous.end, previous.dates)
            yield previous
            continue
        anchor = _anchor(text, offset)
        index = _sentence_index(starts, anchor)
        if index is None:
            previous = Claim(marker, "", offset, offset, ())
            yield previous
            continue
        sent_start, sent_end = spans[index]
        sent_start = max(sent_start, min(text_start, sent_end))
        start = max(sent_start, previous_end.get(index, sent_start))
        end = max(start, min(offset, sent_end))
        if end < offset and text[end:offset].strip(_TRAILING_CLOSERS) == "":
            end = offset
        previous_end[index] = max(previous_end.get(index, sent_start), offset)
        claim_text = text[start:end].strip().lstrip(_LEADING_PUNCTUATION)
        dates = _mentions_within(mentions, mention_starts, start, max(end, offset))
        previous = Claim(marker, claim_text, start, end, dates)
        yield previous


def _mentions_within(
    mentions: list[DateMention], starts: list[int], start: int, end: int
) -> tuple[DateMention, ...]:
    """The mentions lying wholly inside [start, end) (mentions are in text order)."""
    found: list[DateMention] = []
    for i in range(bisect.bisect_left(starts, start), len(mentions)):
        mention = mentions[i]
        if mention.start >= end:
            break
        if mention.end <= end:
            found.append(mention)
    return tuple(found)


def _sentence_index(starts: list[int], position: int) -> int | None:
    """The sentence holding `position` (on the whitespace between two: the one before)."""
    if not starts:
        return None
    return max(0, bisect.bisect_right(starts, position) - 1)
