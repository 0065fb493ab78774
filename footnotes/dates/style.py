"""How one document writes numeric dates: day or month first, and its century.

"03/04/2023" is 3 April in London and March 4 in New York, and "8/22/13" needs a
century. `decide_style` reads a whole document once and decides, from the best
evidence it has: its unambiguous numeric dates first ("8/22/13" can only be month
first, "22/8/13" only day first), then its language ("en-US" writes the month
first, "fr" the day), else nothing (`order` None: a numeric date then keeps only
the precision that is certain). The `DateStyle` it returns goes to `find_dates`.

Dotted dates ("22.8.2013") are no evidence: they are day first wherever they are
written, and read that way whatever the style.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from footcheck.footnotes import pattern_store
from footcheck.footnotes.dates.lexicon import word_set
from footcheck.footnotes.model import PartialDate

MONTH_FIRST = "mdy"
DAY_FIRST = "dmy"

# How far a two-digit year reaches around the pivot: a century that ends the year
# after it (a source cannot postdate its report; archival notes cite decades before:
# "Letter, Kellogg to Coolidge, 5/26/26" in a 2024 report is 1926).
_YEARS_AFTER_PIVOT = 1


@dataclass(frozen=True, slots=True)
class DateStyle:
    """The order of day and month in a document's numeric dates, and its century.

    `order` is "mdy", "dmy", or None when nothing decides; `pivot` is the year
    two-digit years are read near (the report's year, else today's); `why` says
    in one phrase what decided the order, for people.
    """

    order: str | None
    pivot: int
    why: str

    def full_year(self, yy: int) -> int:
        """The year `yy` (0-99) names: the one within pivot - 98 .. pivot + 1."""
        year = self.pivot // 100 * 100 + yy
        if year > self.pivot + _YEARS_AFTER_PIVOT:
            year -= 100
        elif year <= self.pivot + _YEARS_AFTER_PIVOT - 100:
            year += 100
        return year


# A numeric date written with "/" or "-": two fields of one or two digits, then a
# year of two or four digits, not inside a longer number, path or version.
_NUMERIC_DATE = pattern_store.compile(
    r"(?<![\w.,/:=?&#-])([0-9]{1,2})([/-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})(?![\w/]|[-.:][0-9])"
)
# The quick test before the pattern: a digit, a separator, a digit.
_QUICK = pattern_store.compile(r"[0-9][/-][0-9]")

# Dates in words, English month names: "22 August 2013" and "August 22, 2013".
_MONTH_WORD = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_DAY_MONTH = pattern_store.compile(rf"\b[0-3]?[0-9]\s{_MONTH_WORD}\s[12][0-9]{{3}}\b")
_MONTH_DAY = pattern_store.compile(rf"\b{_MONTH_WORD}\s[0-3]?[0-9],?\s[12][0-9]{{3}}\b")
_QUICK_WORDS = pattern_store.compile(r"[0-9]\s[A-Z]|[A-Z][a-z]{2,8}\.?\s[0-9]")
_PREVAILS = 3  # how many times more often one order must occur to decide

_LANGUAGE_TAG = pattern_store.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,6}")
# Languages (BCP 47 primary subtags) and language-region pairs whose short numeric
# date is month first, from CLDR's short date patterns ("M/d/yy"). Plain "en" is
# left out on purpose: British and American writers both tag their text "en".
_MONTH_FIRST_LANGUAGES = word_set("fil ceb chr ee om or ti xh")
_MONTH_FIRST_REGIONS = word_set(
    "en-us en-as en-gu en-mh en-mp en-pr en-um en-vi en-ph en-bi es-pr es-pa"
)
# Languages and pairs that write the year first ("2013/8/22", CLDR "y/MM/dd"): a
# date written with the year last is foreign to them and their tag decides nothing.
_YEAR_FIRST_LANGUAGES = word_set("af eu fa hu ja ko lt mn sv yue zh")
_YEAR_FIRST_REGIONS = word_set("en-ca en-za fr-ca")
# Names for the messages, for the languages people most often meet.
_LANGUAGE_NAMES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "tr": "Turkish",
    "uk": "Ukrainian",
}


def decide_style(texts: Iterable[str], *, language: str | None, pivot: int) -> DateStyle:
    """The numeric date style of a document whose paragraphs and notes are `texts`.

    `language` is the document's BCP 47 tag ("en-US", "fr", "de-CH") or None;
    `pivot` the year two-digit years are read near. When neither its numeric
    dates nor its language decide, the way it writes dates in words does, if it
    is clear: "22 August 2013" three times as often as "August 22, 2013" or more.
    """
    seen: list[str] = []
    style, ambiguous = _style_of_numbers(texts, pivot, seen)
    if style is not None:
        return style
    style = _style_of_language(language, pivot)
    if style.order is None and ambiguous:
        # Only a date that reads both ways needs the words' evidence (and its cost).
        return _style_of_words(seen, pivot) or style
    return style


def _style_of_numbers(
    texts: Iterable[str], pivot: int, seen: list[str]
) -> tuple[DateStyle | None, bool]:
    """The style the unambiguous numeric dates show (None when there is none), and
    whether a date that reads both ways ("3/4/13") was seen.

    Every text read is added to `seen` (the reading stops once both orders are seen).
    """
    month_first = day_first = None  # the first date that shows each order
    ambiguous = False
    for text in texts:
        seen.append(text)
        if _QUICK.search(text) is None:
            continue  # the common case: no numeric date at all
        for m in _NUMERIC_DATE.finditer(text):
            first, second = int(m[1]), int(m[3])
            if not _is_date(first, second, m[4], pivot):
                continue
            if first > 12 and day_first is None:
                day_first = m.group()
            elif second > 12 and month_first is None:
                month_first = m.group()
            elif first <= 12 and second <= 12 and first != second:
                ambiguous = True
        if month_first and day_first:
            why = f"both {month_first} (month first) and {day_first} (day first) occur"
            return DateStyle(None, pivot, why), ambiguous
    if month_first:
        return DateStyle(MONTH_FIRST, pivot, f"{month_first} has a day above 12"), ambiguous
    if day_first:
        return DateStyle(DAY_FIRST, pivot, f"{day_first} has a day above 12"), ambiguous
    return None, ambiguous


def _style_of_words(texts: list[str], pivot: int) -> DateStyle | None:
    """The order the dates written in words show, when one clearly prevails."""
    day_month = month_day = 0
    for text in texts:
        if _QUICK_WORDS.search(text) is None:
            continue
        day_month += len(_DAY_MONTH.findall(text))
        month_day += len(_MONTH_DAY.findall(text))
    if day_month >= 2 and day_month >= _PREVAILS * month_day:
        return DateStyle(DAY_FIRST, pivot, f"its dates are written day first ({day_month} times)")
    if month_day >= 2 and month_day >= _PREVAILS * day_month:
        return DateStyle(
            MONTH_FIRST, pivot, f"its dates are written month first ({month_day} times)"
        )
    return None


def _is_date(first: int, second: int, year_text: str, pivot: int) -> bool:
    """Whether the fields read as a date that exists in one order or the other."""
    if len(year_text) == 2:
        year = DateStyle(None, pivot, "").full_year(int(year_text))
    else:
        year = int(year_text)
    return (
        PartialDate(year, first, second).is_valid() or PartialDate(year, second, first).is_valid()
    )


def _style_of_language(language: str | None, pivot: int) -> DateStyle:
    tag = (language or "").strip().replace("_", "-")
    if _LANGUAGE_TAG.fullmatch(tag) is None:
        tag = ""  # not a language tag: metadata can hold anything
    subtags = tag.lower().split("-")
    primary = subtags[0]
    if not primary:
        return DateStyle(None, pivot, "no date and no language says day or month first")
    # The region is the first two-letter or three-digit subtag after the language
    # ("zh-Hant-TW", "es-419"); a script ("Latn") is four letters.
    region = next((s for s in subtags[1:] if len(s) == 2 or s.isdigit()), "")
    pair = f"{primary}-{region}"
    name = _LANGUAGE_NAMES.get(primary)
    said = f"the document is in {name} ({tag})" if name else f"the document's language is {tag}"
    if primary == "en" and not region:
        return DateStyle(None, pivot, f"{said}, which writes the day or the month first")
    if pair in _MONTH_FIRST_REGIONS or primary in _MONTH_FIRST_LANGUAGES:
        return DateStyle(MONTH_FIRST, pivot, f"{said}, which writes the month first")
    if primary in _YEAR_FIRST_LANGUAGES or pair in _YEAR_FIRST_REGIONS:
        return DateStyle(None, pivot, f"{said}, which writes the year first")
    return DateStyle(DAY_FIRST, pivot, f"{said}, which writes the day first")
