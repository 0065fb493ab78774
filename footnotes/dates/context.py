"""Whether a date is planned or set in advance, from the clause before it.

"will be held in 2025", "entered into force on 1 January 2019", "the deadline is
2030": a trigger phrase in the date's clause, within a short window before it,
makes the date planned rather than an event (`is_future`). A deadline ("by 2030")
is planned unless the clause reports the change as done ("had doubled by 2017",
`reports_past_change`). Both take a quick test on bytes before the full pattern.
"""

from __future__ import annotations

import re

from footcheck.footnotes import pattern_store
from footcheck.footnotes.dates.grammar import CASE_VARIANTS
from footcheck.footnotes.dates.lexicon import ABBREVIATIONS_AND_MONTHS, word_set
from footcheck.footnotes.dates.neighbours import STRIP

# A trigger before a date, in its clause, makes the date planned or set in advance.
# Every trigger but "'ll" is a phrase that starts a word.
_FUTURE_PHRASES = r"""
      (?:will|would|shall|won't|wont)\b | going\s+to\b
    | (?:re)?schedul(?:ed|es|e|ing)\b
    | plan(?:s|ned|ning)?\s+(?:to|for|on)\b | planned\b
    | next\b | expect(?:s|ed|ing)?\s+(?:in|to|by|on|for|at|around|before|after|that)\b
    | expectations?\b | (?:is|are|was|were|be|been)\s+expected\b
    | set\s+(?:to|for)\b
    | due\s+(?:in|on|by|for|before|at)\b | (?:is|are|was|were|be|not)\s+due\b
    | aim(?:s|ed|ing)?\s+(?:to|at|for)\b
    | target(?:s|ed|ing)?\s+(?:of|for|to|by|date|year|is|was|set)\b
    | forecast(?:s|ed|ing)?\b | project(?:ed|ions?)\b | predict(?:s|ed|ions?)?\b
    | upcoming\b | forthcoming\b | in\s+the\s+coming\b
    | intend(?:s|ed|ing)?\b | intention\b | proposed\s+for\b
    | to\s+be\s+held\b | (?:is|are|was|were)\s+to\s+(?:be|take|begin|start|open|end)\b
    | by\s+the\s+end\s+of\b | deadline\b
    | postponed\b | delayed\s+(?:to|until|till)\b | deferred\b
    | (?:take|takes|took|taken|taking)\s+effect\b
    | into\s+force\b | in\s+force\s+(?:from|until|till|on|as)\b
    | with\s+effect\s+from\b | in\s+effect\s+(?:from|until|on|as)\b
    | effective(?=\s+(?:from|as\s+of|on|until|immediately)\b|\s*$)
    | goals?\b | ambitions?\b | hop(?:e|es|ed|ing)\s+to\b
    | (?:pledg|promis|vow|commit(?:t)?|seek|sought|want)(?:e|es|ed|s|ing)?\s+to\b
    | appl(?:y|ies|ied|icable|ying)\s+(?:from|as\s+of|since|until)\b
    | valid\s+(?:until|till|through|thru|to|from)\b
    | expir(?:e|es|ed|ing|y|ation)\b | sunset\b
    | (?:until|till|til|through|thru|runs?\s+to|ran\s+to|lasts?\s+to)\s+(?:the\s+end\s+of\s+)?$
"""
_FUTURE = pattern_store.compile(
    r"\b(?:" + _FUTURE_PHRASES + r")|(?<=\w)['’]ll\b", re.IGNORECASE | re.VERBOSE
)
# The same triggers from the second position on, found faster (see grammar.SCAN_AFTER):
# the pattern opens by consuming the non-word character before a phrase (or the
# apostrophe of "'ll"), and a phrase is tried only after a letter that one can
# start with (IGNORECASE adds "ſ", "İ", "ı" to the class).
_FUTURE_AFTER = pattern_store.compile(
    r"\W(?:(?=[abcdefghilnprstuvw])(?:" + _FUTURE_PHRASES + r")|(?<=\w['’])ll\b)",
    re.IGNORECASE | re.VERBOSE,
)
_FUTURE_WINDOW = 60
_LETTERS = pattern_store.compile(r"[^\W\d_]+")
# One word of every trigger above: a window without any of them has no trigger.
_FUTURE_KEYWORDS = word_set(
    """
    will would shall won wont ll going schedule scheduled schedules scheduling rescheduled
    plan plans planned planning next expect expects expected expecting expectation
    expectations set due aim aims aimed aiming target targets targeting forecast forecasts
    forecasted forecasting projected projection projections predict predicts predicted
    prediction predictions upcoming forthcoming coming intend intends intended intending
    intention proposed held is are was were end deadline postponed delayed deferred effect
    force effective apply applies applied applicable applying valid expire expires expired
    expiring expiry expiration sunset goal goals ambition ambitions hope hopes hoped hoping
    pledge pledges pledged pledging promise promises promised promising vow vows vowed
    vowing commit commits committed committing seek seeks sought seeking want wants wanted
    wanting until till til through thru runs run ran lasts last
    """
)

# The same words as bytes, and a table that lower-cases ASCII letters and blanks the
# rest of the bytes.
_FUTURE_KEYWORDS_ASCII = frozenset(word.encode("ascii") for word in _FUTURE_KEYWORDS)
_LOWER_LETTERS_ONLY = bytes(ord(chr(c).lower()) if chr(c).isalpha() else 32 for c in range(128))
_LOWER_LETTERS_ONLY += b" " * 128


def _has_future_keyword(text: str, lo: int, start: int) -> bool:
    """Whether a word of text[lo:start] (a run of letters), lower-cased, is a trigger word.

    Decided on bytes first: the window is encoded with every non-ASCII character as
    "?", lower-cased and split at whatever is not an ASCII letter (one table does
    both). A trigger word is ASCII letters with non-letters around it, so it survives
    that as a word of its own (only the Kelvin sign, which lower-cases to "k", is lost:
    such a window takes the exact path). The bytes can also show a word the text does
    not have ("will" from "willé"): a hit is confirmed on the text itself.
    """
    window = text[lo:start]
    words = window.encode("ascii", "replace").translate(_LOWER_LETTERS_ONLY).split()
    if _FUTURE_KEYWORDS_ASCII.isdisjoint(words) and "\u212a" not in window:
        return False
    if window.isascii():
        return True  # the bytes were the text
    return not _FUTURE_KEYWORDS.isdisjoint(map(str.lower, _LETTERS.findall(window)))


# A clause that reports a change as done: "had doubled by 2017", "rose 28% by 2022".
# There, "by" + date is when it had happened, not a deadline.
_PAST_CHANGE_WORDS = word_set(
    """
    had has have was were did rose fell grew reached doubled tripled halved climbed
    dropped increased decreased declined jumped soared surged slumped recovered peaked hit
    exceeded surpassed topped totalled totaled stood expanded shrank contracted improved
    worsened fallen risen grown
    """
)
_PAST_CHANGE = pattern_store.compile(
    r"\b(?:" + "|".join(sorted(_PAST_CHANGE_WORDS)) + r")\b", re.IGNORECASE
)
_PAST_CHANGE_ASCII = frozenset(word.encode("ascii") for word in _PAST_CHANGE_WORDS)
# ASCII word characters (letters lower-cased, digits, "_") kept, the rest blanked.
_LOWER_WORD_ONLY = bytes(
    ord(chr(c).lower()) if chr(c).isalnum() or c == 95 else 32 for c in range(128)
)
_LOWER_WORD_ONLY += b" " * 128
_CASE_VARIANT_CHARS = frozenset("".join(CASE_VARIANTS.values()))

# Where a clause ends: ";", "!", "?", a full stop before a space, a blank line.
_BOUNDARY = pattern_store.compile(r"[;!?]|\.(?=[\"'”’)\]]{0,3}\s)|\n\s*\n")


def _clause_start(text: str, lo: int, start: int) -> int:
    """Where the clause holding `start` begins, looking back no further than `lo`."""
    cut = lo
    segment = text[lo : min(len(text), start + 1)]
    for b in _BOUNDARY.finditer(segment):
        if b.start() >= start - lo:
            break
        if b.group() == ".":
            head = segment[: b.start()].split()
            token = head[-1] if head else ""
            folded = token.lower().strip(STRIP)
            if folded in ABBREVIATIONS_AND_MONTHS or len(folded) <= 1 or "." in folded:
                continue  # "Dr. Smith", "U.S. forces", "Sept. 7", "J. Smith"
        cut = lo + b.end()
    return cut


def reports_past_change(text: str, start: int) -> bool:
    """Whether the clause before `start` says something had already happened."""
    lo = max(0, start - _FUTURE_WINDOW)
    # A quick test on bytes first, as in _has_future_keyword: a word the pattern
    # matches is ASCII word characters between non-word ones, so it survives as a
    # word of its own (a letter IGNORECASE also matches, such as "ſ", does not: that
    # window takes the pattern). The clause lies inside the window.
    window = text[lo:start]
    words = window.encode("ascii", "replace").translate(_LOWER_WORD_ONLY).split()
    if _PAST_CHANGE_ASCII.isdisjoint(words) and _CASE_VARIANT_CHARS.isdisjoint(window):
        return False
    return _PAST_CHANGE.search(text, _clause_start(text, lo, start), start) is not None


def is_future(text: str, start: int) -> bool:
    """Whether a trigger in the clause before `start` makes the date there planned."""
    lo = max(0, start - _FUTURE_WINDOW)
    if not _has_future_keyword(text, lo, start):
        return False  # the common case, decided without the long pattern
    cut = _clause_start(text, lo, start)
    # _FUTURE.search(text, cut, start), in two parts: a trigger at `cut` itself, or one
    # after a non-word character at `cut` or later.
    return (
        _FUTURE.match(text, cut, start) is not None
        or _FUTURE_AFTER.search(text, cut, start) is not None
    )
