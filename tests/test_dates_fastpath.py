"""The fast paths of the language layer give what the plain code gives.

dates/, sources.py, note_dates.py, source_keys.py and claims.py take shortcuts for
speed: a scanner that skips from one non-word character to the next, quick tests on
bytes or on a text's last letters before a pattern is run, ASCII text folded with a
table. Each is checked
here against the plain formulation it replaces (kept below as the reference), on
generated text full of the characters that make shortcuts go wrong: case variants
that IGNORECASE matches ("ſ", "İ", "ı", the Kelvin sign), combining marks, curly
quotes, newlines.
"""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator

import pytest

from footcheck.footnotes import claims, note_dates, source_keys, sources
from footcheck.footnotes.dates import (
    DateMention,
    context,
    find_dates,
    grammar,
    lexicon,
    neighbours,
    scanner,
)
from footcheck.footnotes.dates.lexicon import is_month_name
from footcheck.footnotes.model import PartialDate

WORDS = """
    January Jan. Sept. sept ſept SEPT May may March-May Wednesday, Tues., thurs. 7 07 7th 31st
    1st-3rd 30th–31st 2023 1999 2019-2021 2019–21 2008-09 2023-09-07 2023/09/07 09/07/2023
    7.9.2023 2023.13.1 2023-09-07T10:30 Q3 H1 mid-2020 early spring between and to from through
    in since of by the on at today Today yesterday last week this year people km % No. p.
    Resolution resolution (2015) (2016) $ € 2,023 5,107 14% will won't I'll you’ll wİll ſhall
    going scheduled planned planning expected is was were set due aim target forecast projected
    upcoming coming intend held postponed delayed until till took effect into force effective
    goals hope pledged apply valid expire sunset runs had increased rose reached doubled
    accessed Accessed retrieved Retrieved: last visited updated archived original downloaded
    acceſſed conſulted Report for ſince untİl ıbid ibid. Ibid Id. op. cit., Ames, Ames op.cit
    https://www.Example.org/a/?utm_medium=x&b=1#F HTTP://WWW.EX.ORG/ httpſ://y.org/ſ www.Z.org
    J. Dr. U.S. e.g. approx. districts. 2019. 34%. “ ” ‘ ’ « » – — ( ) [ ] " ' , . ; : ! ? …
    é É ß ǅ Ⅻ ² ﬁ Ａ \u0301 \u00a0 \u212a \ue000 \ue001 _ \n \t
    septembre Septembre mars Mars MAI März MÄRZ Maerz maart marzo março marco mai. 1er 3. 1.º 1º
    de del set. out out. ago gen mag main general outcome setting Août aout févr. Jänner
    марта Марта март марте мая ᲁек. декабря ᲂктября сент. г. года 2023г. ᲃентября
    مارس آذار/مارس كانون الثاني كانون  الثاني تشرين الأول ابريل أيار م 2023م
"""
PHRASES = [
    "archived from the original",
    "Archived from the original on",
    "last visited",
    "last modified:",
    "Report for",
    "resolution 2231 (",
    "going to",
    "in the coming",
    "to be held",
    "by the end of",
    "entered into force on",
    "had doubled by",
    "Smith, op. cit.",
]
VOCABULARY = WORDS.split(" ") + WORDS.split() + PHRASES
GLUE = ("", " ", " ", " ", "  ", ", ", ".", ". ", "\n")


def texts(n: int, seed: int) -> Iterator[str]:
    """`n` generated texts (the same ones every run)."""
    rnd = random.Random(seed)
    for _ in range(n):
        yield "".join(rnd.choice(VOCABULARY) + rnd.choice(GLUE) for _ in range(rnd.randint(1, 30)))


def windows(n: int, seed: int) -> Iterator[tuple[str, int, int]]:
    """Generated texts with a window [lo, hi) in each."""
    rnd = random.Random(seed)
    for text in texts(n, seed):
        lo = rnd.randint(0, len(text))
        yield text, lo, rnd.randint(lo, len(text))


# --------------------------------------------------------------------------- the case


@pytest.fixture(scope="module")
def every_character() -> str:
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def test_ignorecase_adds_only_the_listed_variants_to_ascii_letters(every_character: str) -> None:
    # The fast paths spell IGNORECASE out with these (and lower-case ASCII text).
    for letter in "abcdefghijklmnopqrstuvwxyz":
        matched = set(re.findall(letter, every_character, re.IGNORECASE))
        assert matched == {letter, letter.upper(), *grammar.CASE_VARIANTS.get(letter, "")}


def test_ignorecase_variants_of_every_letter_the_start_guard_spells_out(
    every_character: str,
) -> None:
    # The month names of the other languages ("märz", "марта", "مارس") open forms too.
    letters = {c for name in lexicon.OTHER_MONTHS for c in name if c != " "}
    for letter in sorted(letters):
        matched = set(re.findall(re.escape(letter), every_character, re.IGNORECASE))
        assert matched == set(grammar._cased(letter)[1:-1]), letter


def test_only_the_kelvin_sign_lower_cases_to_an_ascii_letter(every_character: str) -> None:
    # (_has_future_keyword sends a window holding it the exact way.)
    found = {c for c in every_character if not c.isascii() and c.lower().isascii()}
    assert {c for c in found if c.lower().isalpha()} == {"\u212a"}


# --------------------------------------------------------------------------- dates


def test_scan_after_finds_what_scan_finds() -> None:
    rnd = random.Random(1)
    for text in texts(3000, 1):
        for pos in rnd.sample(range(1, len(text) + 1), min(len(text), 6)):
            plain = grammar.SCAN.search(text, pos)
            fast = grammar.SCAN_AFTER.search(text, pos - 1)
            if plain is None:
                assert fast is None, (text, pos)
            else:
                assert fast is not None, (text, pos)
                assert (fast.start() + 1, fast.end(), fast.lastgroup) == (
                    plain.start(),
                    plain.end(),
                    plain.lastgroup,
                ), (text, pos)


def test_future_triggers_are_found_in_two_parts() -> None:
    for text, lo, hi in windows(20000, 2):
        plain = context._FUTURE.search(text, lo, hi) is not None
        fast = (
            context._FUTURE.match(text, lo, hi) is not None
            or context._FUTURE_AFTER.search(text, lo, hi) is not None
        )
        assert fast == plain, (text, lo, hi)


def test_future_keyword_test_on_bytes() -> None:
    for text, lo, hi in windows(20000, 3):
        words = map(str.lower, context._LETTERS.findall(text, lo, hi))
        plain = not context._FUTURE_KEYWORDS.isdisjoint(words)
        assert context._has_future_keyword(text, lo, hi) == plain, (text, lo, hi)


def test_past_change_test_on_bytes() -> None:
    for text, _, start in windows(20000, 4):
        lo = max(0, start - context._FUTURE_WINDOW)
        cut = context._clause_start(text, lo, start)
        plain = context._PAST_CHANGE.search(text, cut, start) is not None
        assert context.reports_past_change(text, start) == plain, (text, start)


def plain_is_quantity_after(text: str, end: int) -> bool:
    rest = text[end : end + 4]
    if rest[:1] == "%" or rest.lstrip()[:1] in ("%", "‰"):
        return True
    first, second = neighbours.next_words(text, end)
    if first in lexicon.COUNT_NOUNS:
        return True
    return first in lexicon.COUNT_ADJECTIVES and second in lexicon.COUNT_NOUNS


def test_quantity_after_a_number() -> None:
    for text, end, _ in windows(20000, 5):
        assert neighbours.is_quantity_after(text, end) == plain_is_quantity_after(text, end)


def test_number_token() -> None:
    for text in texts(5000, 6):
        for token in text.split():
            plain = bool(token) and neighbours._NUMBER_TOKEN.fullmatch(
                token.strip(neighbours.STRIP)
            )
            assert neighbours._is_number_token(token) == bool(plain), token


def plain_before(text: str, start: int) -> tuple[str, str, str, str, bool]:
    chunk = text[max(0, start - 48) : start]
    glued = ""
    if chunk and not chunk[-1].isspace():
        parts = chunk.split()
        glued = parts[-1] if parts else ""
        chunk = chunk[: len(chunk) - len(glued)]
    tokens = chunk.split()
    raw = tokens[-1] if tokens else ""
    word = neighbours._fold(raw)
    word2 = neighbours._fold(tokens[-2]) if len(tokens) > 1 else ""
    if len(tokens) == 0 and start > 48:
        opens = False
    else:
        tail = raw.rstrip("\"'”’)]")
        opens = (not tokens and start <= 48) or (
            tail[-1:] in ("!", "?")
            or (
                tail.endswith(".") and neighbours._fold(raw) not in lexicon.ABBREVIATIONS_AND_MONTHS
            )
        )
    if glued and glued[-1] in "\"'“‘([":
        opens = opens or raw == "" or raw[-1:] in ".!?:;"
    return raw, word, word2, glued, opens


def test_words_before_a_position() -> None:
    for text, start, _ in windows(20000, 13):
        before = neighbours.words_before(text, start)
        assert tuple(before) == plain_before(text, start), (text, start)


def test_segments_without_relative_words() -> None:
    for text in texts(5000, 7):
        spans = [
            (a.start() - scanner._SEGMENT_BACK, a.end())
            for a in scanner._YEAR_ANCHOR.finditer(text)
        ]
        merged: list[tuple[int, int]] = []
        for lo, hi in spans:
            lo = max(lo, 0)
            if merged and lo <= merged[-1][1] + scanner._SEGMENT_SLACK:
                if hi > merged[-1][1]:
                    merged[-1] = (merged[-1][0], hi)
            else:
                merged.append((lo, hi))
        assert scanner._segments(text, False) == merged


def test_find_dates_from_the_first_character() -> None:
    # The first position has no character before it: the plain scanner reads it.
    for text in ("2023-09-07, the day", "September 7, 2023.", "today", "2019 was a year"):
        assert [m.start for m in find_dates(text, PartialDate(2024, 3, 15))] == [0]


# --------------------------------------------------------------------------- sources


def plain_access_start(text: str, mention: DateMention) -> int | None:
    window = max(0, mention.start - 40)
    match = note_dates._ACCESS_WORDS.search(text, window, mention.start)
    return match.start() if match else None


def test_access_words_and_subject_words_before_a_date() -> None:
    for text, _, start in windows(20000, 8):
        text = text[:start] + "2020"
        mention = DateMention(PartialDate(2020), start, start + 4, "2020", True, False)
        assert note_dates.access_start(text, mention) == plain_access_start(text, mention), text
        before = text[max(0, start - 40) : start]
        plain = bool(
            note_dates._SUBJECT_WORDS.search(before)
            or note_dates._DESIGNATION_BEFORE_PAREN.search(before)
        )
        assert note_dates._subject_or_designation(before) == plain, before


def test_urls() -> None:
    plain = re.compile(r"""(?:https?://|www\.)[^\s<>"'“”‘’)\]]+""", re.IGNORECASE)
    for text in texts(5000, 9):
        assert source_keys.URL.findall(text) == plain.findall(text), text


def test_ibid_is_read_at_the_start() -> None:
    for text in texts(5000, 10):
        assert (sources._IBID.match(text) is None) == (sources._IBID.search(text) is None)


def plain_duplicate_key(text: str, mentions: list[DateMention]) -> str:
    """duplicate_key as it was: the whole text folded, URLs set aside behind sentinels."""
    text = text.replace("\ue000", " ").replace("\ue001", " ")
    pieces: list[str] = []
    last = len(text)
    for mention in sorted(mentions, key=lambda m: m.start, reverse=True):
        if mention.end > last:
            continue
        pieces.append(text[mention.end : last])
        access = plain_access_start(text, mention) if mention.valid else None
        if access is None:
            pieces.append(f" {mention.date.iso()} ")
            last = mention.start
        else:
            pieces.append(" ")
            last = access
    pieces.append(text[:last])
    text = "".join(reversed(pieces))
    urls: list[str] = []

    def set_url_aside(match: re.Match[str]) -> str:
        urls.append(source_keys.normalise_url(match.group()))
        return f" \ue000{len(urls) - 1}\ue001 "

    text = re.sub(r"""(?:https?://|www\.)[^\s<>"'“”‘’)\]]+""", set_url_aside, text, flags=re.I)
    text = unicodedata.normalize("NFKC", text).translate(str.maketrans(source_keys._FOLD_MAP))
    text = re.sub("[^\\w\\s\ue000\ue001]+", " ", text.casefold()).replace("_", " ")
    text = re.sub("\ue000(\\d+)\ue001", lambda m: urls[int(m.group(1))], text)
    return re.sub(r"\s+", " ", text).strip()


def test_duplicate_key() -> None:
    for text in texts(5000, 11):
        try:
            mentions = find_dates(text)
        except KeyError:  # "ſept 2020": a bug of its own, not a fast path's
            continue
        assert source_keys.duplicate_key(text, mentions) == plain_duplicate_key(text, mentions), (
            text
        )


# --------------------------------------------------------------------------- claims


def plain_is_abbreviation(text: str, dot: int) -> bool:
    ordinal = re.compile(r"(?:^|(?<=\s))[0-9]{1,2}\Z").search(text[:dot])
    after = re.compile(r" ([^\W\d_]+\.?)").match(text, dot + 1)
    if ordinal is not None and after is not None:
        return is_month_name(after.group(1))  # "am 3. März"
    word = re.compile(r"([\w.]+)$").search(text, max(0, dot - 40), dot)
    if word is None:
        return False
    token = word.group(1).lower().strip(".")
    if token in claims.ABBREVIATIONS:
        return True
    return len(token) == 1 and text[word.start(1)].isupper()


def plain_sentence_spans(text: str, is_abbreviation: Callable[[str, int], bool]) -> list[object]:
    pattern = re.compile(
        r"""(?<![.!?…])[.!?…]++["'”’»)\]]*+(?=\s++["'“‘«(\[]?[A-Z0-9\u00c0-\u024f]|\s*+$)"""
    )
    spans: list[object] = []
    start = 0
    for match in pattern.finditer(text):
        end = match.end()
        if match.group().startswith(".") and is_abbreviation(text, match.start()):
            continue
        if end > start:
            spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def test_abbreviations_and_sentences() -> None:
    for text in texts(5000, 12):
        for dot in range(len(text) + 1):
            assert claims._is_abbreviation(text, dot) == plain_is_abbreviation(text, dot)
        plain = plain_sentence_spans(text, plain_is_abbreviation)
        assert claims.sentence_spans(text) == plain, text
