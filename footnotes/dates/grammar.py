"""The date forms the scanner looks for, as regular expressions.

Each form ("September 7, 2023", "2019-2021", "in 2021", "today"...) is a named
alternative; a match's `lastgroup` names the form it found, which interpret.py
turns into a date. `SCAN` tries the forms at a text's first position, `SCAN_AFTER`
at every later one, much faster (tests/test_dates_fastpath.py checks that the two
agree).
"""

from __future__ import annotations

import re

from footcheck.footnotes import pattern_store
from footcheck.footnotes.dates.lexicon import MONTHS, OTHER_MONTHS
from footcheck.footnotes.dates.month_names import (
    AFTER_A_DAY_ONLY,
    DAY_MARKS,
    LINK_WORDS,
    YEAR_WORDS,
)

# Every repetition below is bounded or runs over a character class that the next
# element cannot also match, so the scan stays linear on any input.

_MON = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = (
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?"
    r"|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?,)\s{1,3}"
)
_DAY = r"[0-3]?[0-9]"
_ORD = r"(?:st|nd|rd|th)?"
_DASH = r"\s?[-–—]\s?"
_YSEP = r"(?:,\s{0,3}|\s{1,3})"  # between a month or day and the year


def _year(name: str) -> str:
    """A four-digit year that is not part of a longer number or word."""
    return rf"(?P<{name}>[12][0-9]{{3}})(?![\w]|[.,][0-9])"


# ---- The dates of the other languages (month_names.py): "3 de marzo de 2023", "März 2023".


Trie = dict[str, "Trie"]  # a letter -> the rest; "" -> {} where a word ends


def _branching(words: set[str]) -> str:
    """An alternation of `words` that branches letter by letter, as a trie does.

    The regex engine tries the alternatives of a plain alternation one by one; here
    it compares a first letter once for all the names that start with it, and a
    look-ahead turns any other first letter away at once. A space inside a name
    ("كانون الثاني") may be any one to three blanks.
    """
    tree: Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    first = "".join(sorted(re.escape(char) for char in tree))
    return f"(?=[{first}]){_branches(tree)}"


def _branches(node: Trie) -> str:
    ends_here = "" in node
    branches = [
        (r"\s{1,3}" if char == " " else re.escape(char)) + _branches(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not ends_here else f"(?:{'|'.join(branches)})"
    return body + "?" if ends_here else body


def _longest_first(words: tuple[str, ...]) -> str:
    # Ties in alphabetical order: the same pattern text in every run (sets iterate in
    # an order that changes between runs), so that its compiled program can be kept.
    return "(?:" + "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w)))) + ")"


_OTHER_MON = _branching(set(OTHER_MONTHS))
_LINK = _longest_first(LINK_WORDS)
# Names that are English words ("set", "out") are read only after a day.
_NOT_ALONE = rf"(?!{_longest_first(tuple(AFTER_A_DAY_ONLY))}(?!\w))"
# The day: "3", "1er", "1.º", "3." ("3.März" needs no blank after its dot), "1-3"; "de"
_OTHER_DAY = (
    rf"(?P<lang_d>{_DAY}){_longest_first(DAY_MARKS)}?(?:{_DASH}(?P<lang_d2>{_DAY}))?"
    rf"{_longest_first(DAY_MARKS)}?(?:\s{{1,3}}|(?<=\.))(?:{_LINK}\s{{1,3}})?"
)
# After the month: its dot, a second name of it ("آذار/مارس", checked when read: one
# more copy of the names would cost the pattern's compilation more), "de" ("marzo de").
_OTHER_MONTH_END = (
    rf"\.?(?:\s?/\s?(?P<lang_m2>[^\W\d_]{{2,12}}(?:\s{{1,3}}[^\W\d_]{{2,12}})?)\.?)?"
    rf"(?:\s{{1,3}}{_LINK})?\s{{1,3}}"
)


def _other_year(name: str) -> str:
    """A year, and the word after it of Russian and Arabic dates ("2023 г.", "2023م")."""
    after = _longest_first(YEAR_WORDS)
    return rf"(?P<{name}>[12][0-9]{{3}})(?:\s?{after}(?!\w))?(?![\w]|[.,][0-9])"


_ALTERNATIVES = {
    # today, yesterday, last week, last month, last year, this year, this month
    "rel": r"(?=[tyl])(?<!\w)(?:today|yesterday|(?:last|this)\s{1,3}(?:week|month|year))(?!\w)",
    # 2023-09-07, 2023/09/07, 2023.09.07 (a "T10:30" may follow)
    "iso": (
        r"(?=[12])(?<![\w.,/:$€£-])(?P<iso_y>[12][0-9]{3})(?P<iso_s>[-/.])(?P<iso_m>[0-9]{1,2})"
        r"(?P=iso_s)(?P<iso_d>[0-9]{1,2})(?:(?=T[0-9])|(?![\w/]|[-.:][0-9]))"
    ),
    # 07.09.2023, 09/07/2023, 9-7-2023
    "num": (
        r"(?=[0-9])(?<![\w.,/:$€£-])(?P<num_a>[0-9]{1,2})(?P<num_s>[./-])(?P<num_b>[0-9]{1,2})"
        r"(?P=num_s)(?P<num_y>[12][0-9]{3})(?![\w/]|[-.:][0-9])"
    ),
    # 8/22/13, 22-8-13 (a dotted 1.2.13 is a version number, never a date; none in a
    # path or a URL's query)
    "num2": (
        r"(?=[0-9])(?<![\w.,/:$€£=?&#-])(?P<num2_a>[0-9]{1,2})(?P<num2_s>[/-])(?P<num2_b>[0-9]{1,2})"
        r"(?P=num2_s)(?P<num2_y>[0-9]{2})(?![\w/]|[-.:][0-9])"
    ),
    # 3/64, 11/2007: a month and a year, read only as a note's citation date
    "my2": (
        r"(?=[0-9])(?<![\w.,/:$€£=?&#-])(?P<my2_m>[0-9]{1,2})/(?P<my2_y>[0-9]{2}|[12][0-9]{3})"
        r"(?![\w/]|[-.,:][0-9])"
    ),
    # between 2019 and 2023
    "r1": rf"(?=b)(?<!\w)between\s{{1,3}}{_year('r1_a')}\s{{1,3}}and\s{{1,3}}{_year('r1_b')}",
    # from 2019 to 2021, 2019 through 2021
    "r2": (
        rf"(?=[12f])(?<![\w$€£-])(?:(?P<r2_from>from)\s{{1,3}})?{_year('r2_a')}\s{{1,3}}"
        rf"(?:to|until|till|through|thru)\s{{1,3}}{_year('r2_b')}"
    ),
    # 2019-2021, 2019–21, 2023-24
    "r3": (
        r"(?=[12])(?<![\w.,/:$€£¥₹#-])(?P<r3_a>[12][0-9]{3})\s?[-–—]\s?(?P<r3_b>[0-9]{4}|[0-9]{2})"
        r"(?![\w]|[.,/][0-9]|\s?[-–—]\s?[0-9])"
    ),
    # Thursday, September 7th, 2023 / Sept. 7 2023 / March 1-3, 2023
    "mdy": (
        rf"(?=[adfjmnostw])(?<!\w)(?:{_WEEKDAY})?(?P<mdy_m>{_MON})(?:\.\s{{0,3}}|\s{{1,3}})"
        rf"(?P<mdy_d>{_DAY}){_ORD}(?:{_DASH}(?P<mdy_d2>{_DAY}){_ORD})?{_YSEP}{_year('mdy_y')}"
    ),
    # Thu, 7 September 2023 / 7th of September 2023 / 1-3 March 2023
    "dmy": (
        rf"(?=[0-9fmstw])(?<!\w)(?:{_WEEKDAY})?(?<![\w.,/:-])(?P<dmy_d>{_DAY}){_ORD}"
        rf"(?:{_DASH}(?P<dmy_d2>{_DAY}){_ORD})?\s{{1,3}}(?:of\s{{1,3}})?"
        rf"(?P<dmy_m>{_MON})\.?{_YSEP}{_year('dmy_y')}"
    ),
    # March to May 2023, January-September 2024
    "mr": (
        rf"(?=[adfjmnos])(?<!\w)(?P<mr_a>{_MON})\.?(?:\s?[-–—/]\s?|\s{{1,3}}(?:to|through|until|till|and)"
        rf"\s{{1,3}})(?P<mr_b>{_MON})\.?{_YSEP}{_year('mr_y')}"
    ),
    # September 2023, Sept. 2023, March of 2023
    "my": (
        rf"(?=[adfjmnos])(?<!\w)(?P<my_m>{_MON})\.?(?:,\s{{0,3}}|\s{{1,3}}(?:of\s{{1,3}})?)"
        + _year("my_y")
    ),
    # (2014, May 12): an author-date citation's year, month and day (APA)
    "ymd": (
        rf"(?<=\()(?P<ymd_y>[12][0-9]{{3}}),\s{{1,3}}(?P<ymd_m>{_MON})\.?\s{{1,3}}"
        rf"(?P<ymd_d>{_DAY})(?=\))"
    ),
    # 2021, mid-2023, early 2023, Q3 2023, spring 2023; an author-date year with its
    # letter, "(2019a)", "Smith 2019b,"
    "bare": (
        r"(?:(?=[aefhlmqsw])(?<!\w)(?P<qual>mid-|(?:mid|early|late|spring|summer|autumn|fall|winter|q[1-4]"
        r"|h[12])\s{1,3})(?P<qy>[12][0-9]{3})|(?<![\w$€£¥₹₽₴₪#/.,:@&+-])(?P<by>[12][0-9]{3})"
        r"(?:[a-h](?=[),;]))?)"
        r"(?![\w%]|[.,:/][0-9]|\s?[-–—]\s?[0-9])"
    ),
    # another language's date: 7 septembre 2022, 3. März 2023, 1er mars 2023, 3 de marzo
    # de 2023, 3 марта 2023 г., 15 آذار/مارس 2023; März 2023, marzo de 2023, март 2023
    "lang": (
        rf"(?:(?<![\w.,/:-]){_OTHER_DAY}|{_NOT_ALONE})(?<!\w)(?P<lang_m>{_OTHER_MON})"
        + _OTHER_MONTH_END
        + _other_year("lang_y")
    ),
}

_FORMS = "(?:" + "|".join(f"(?P<{name}>{body})" for name, body in _ALTERNATIVES.items()) + ")"

# Every form starts at a digit or at the first letter of a word; the guard in
# front lets the scanner pass over the inside of words cheaply. (The scanner uses
# it at a text's first position only: SCAN_AFTER below does the rest.)
SCAN = pattern_store.compile(r"(?=[0-9]|(?<!\w)[^\W\d_])" + _FORMS, re.IGNORECASE)


# Under IGNORECASE a letter also matches these: "ſept" is "sept", "İ" an "i", and five
# Cyrillic letters have old forms. (tests/test_dates_fastpath.py checks the list against
# the regex engine, for every letter the start guard spells out.)
CASE_VARIANTS = {
    "i": "\u0130\u0131",
    "k": "\u212a",
    "s": "\u017f",
    "в": "\u1c80",
    "д": "\u1c81",
    "о": "\u1c82",
    "с": "\u1c83",
    "т": "\u1c84\u1c85",
}


def _cased(letter: str) -> str:
    """What IGNORECASE lets `letter` (lower case) match, as a case-sensitive class."""
    return f"[{letter}{letter.upper()}{CASE_VARIANTS.get(letter, '')}]"


def _start_guard() -> str:
    """A case-sensitive look-ahead admitting what some form can start with.

    A number that can open a form: a year (iso, r2, r3, bare), or one or two digits
    before a separator (num), an ordinal suffix ("1st", "1er", "1º"), a dash or a
    space (dmy, lang); "14%" and "5,107" are turned away. Or a word that opens a form,
    spelled out in the cases IGNORECASE would admit: each alternative opens with a
    plain literal, which the regex engine rejects with one comparison (a
    case-insensitive literal or a class costs a branch entry each).
    """
    words = {name[:3] for name in MONTHS}  # "sept", "september" start as "sep"
    words |= {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}  # every _WEEKDAY
    words |= {"today", "yesterday", "last", "this"}  # rel
    words |= {"between", "from"}  # r1, r2
    words |= {"mid", "early", "late", "spring", "summer", "autumn", "fall", "winter"}  # bare
    rests: dict[str, list[str]] = {"q": ["[1-4]"], "h": ["[12]"]}  # "Q3 2023", "H1 2024"
    for word in sorted(words):
        rests.setdefault(word[0], []).append("".join(map(_cased, word[1:])))
    # lang ("März 2023"): a name's first four letters, or the whole of a shorter one, so
    # that "main", "general" and "outcome" are turned away, the rest case-insensitive (a
    # class per letter would double the time the pattern takes to compile); a name in
    # another script by its first letter (such letters are rare in English text).
    other_script = ""
    other_rests: dict[str, set[str]] = {}
    for name in set(OTHER_MONTHS) - AFTER_A_DAY_ONLY:
        if not name[0].isascii():
            other_script += _cased(name[0])[1:-1]
        elif name[:3] not in words:  # else admitted already: "sept", "mars", "juni"
            rest = re.escape(name[1:4]) + ("" if len(name) > 4 else r"(?!\w)")
            other_rests.setdefault(name[0], set()).add(rest)
    for first in sorted(other_rests):
        rests.setdefault(first, []).append(f"(?i:{'|'.join(sorted(other_rests[first]))})")
    ordinal = "".join(_cased(c)[1:-1] for c in "snrt")  # the first letters of st, nd, rd, th
    ordinal += "".join(sorted({c for mark in DAY_MARKS for c in _cased(mark[0])[1:-1]} - {"."}))
    alternatives = ["[12][0-9]{3}", f"[0-9]{{1,2}}[./\\s–—{ordinal}-]"]
    for first, tails in rests.items():
        for variant in first + first.upper() + CASE_VARIANTS.get(first, ""):
            alternatives.append(f"{variant}(?:{'|'.join(tails)})")
    alternatives.append(f"[{''.join(sorted(set(other_script)))}]")
    return "(?=(?-i:" + "|".join(alternatives) + "))"


# The same scanner for every position but the first, and much faster: a match starts
# after a non-word character (every form's look-behind requires one), so the pattern
# opens by consuming that character, and the regex engine then skips from one
# non-word character to the next in C instead of trying the forms at every position.
# After it, the guard admits only a digit or the start of a word that some form can
# begin with ("the", "council" are turned away at once). The form found is
# `m.lastgroup`; it starts at `m.start() + 1`.
SCAN_AFTER = pattern_store.compile(r"\W" + _start_guard() + _FORMS, re.IGNORECASE)
