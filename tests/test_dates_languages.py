"""Dates written in French, German, Spanish, Portuguese, Italian, Dutch, Russian and Arabic.

The month names come from the table scripts/make_month_names.py made from CLDR
(footnotes/dates/month_names.py); the grammar reads them in the day-month-year and
month-year forms of each language ("3 de marzo de 2023", "3. März 2023", "март
2023 г."), with Eastern Arabic and Persian digits read as the digits they are. English
text must read exactly as before: the traps below are English words that are also
a month's name somewhere.
"""

from __future__ import annotations

import pytest

from footcheck.footnotes.dates import find_dates
from footcheck.footnotes.dates.lexicon import MONTHS, OTHER_MONTHS, fold_month_name
from footcheck.footnotes.dates.month_names import (
    AFTER_A_DAY_ONLY,
    DAY_MARKS,
    LINK_WORDS,
    MONTH_NAMES,
    YEAR_WORDS,
)
from footcheck.footnotes.model import PartialDate


def dates(text: str) -> list[tuple[str, str]]:
    """Each date found in `text`: the words read, and the date as ISO."""
    return [(m.text, m.date.iso()) for m in find_dates(text)]


def one_date(text: str) -> tuple[str, str]:
    found = dates(text)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- the table


def test_every_language_names_all_twelve_months() -> None:
    assert set(MONTH_NAMES) == {"fr", "de", "es", "pt", "it", "nl", "ru", "ar"}
    for language, names in MONTH_NAMES.items():
        assert set(names.values()) == set(range(1, 13)), language


def test_no_name_is_two_months() -> None:
    # Across the languages, and against English: a name is one month wherever it is.
    for language, names in MONTH_NAMES.items():
        for name, month in names.items():
            assert OTHER_MONTHS[name] == month, (language, name)
            assert MONTHS.get(name, month) == month, (language, name)


def test_names_are_kept_as_the_scanner_looks_them_up() -> None:
    for name in OTHER_MONTHS:
        assert fold_month_name(name) == name
        assert not name.endswith(".") and "  " not in name
    assert fold_month_name("MÄRZ") == "märz"
    assert fold_month_name("Sept.") == "sept"
    assert fold_month_name("كانون \u00a0 الثاني") == "كانون الثاني"


def test_the_forms_dates_use_are_all_there() -> None:
    # CLDR's format (genitive) and stand-alone (nominative) names, abbreviations, regional ones
    expected = {
        "ru": {"марта": 3, "март": 3, "марте": 3, "сент": 9, "мая": 5, "май": 5},
        "de": {"märz": 3, "maerz": 3, "jänner": 1, "okt": 10},
        "fr": {"février": 2, "fevrier": 2, "août": 8, "aout": 8, "juil": 7, "févr": 2},
        "es": {"marzo": 3, "setiembre": 9, "dic": 12},
        "pt": {"março": 3, "set": 9, "out": 10},
        "ar": {"مارس": 3, "آذار": 3, "كانون الثاني": 1, "ابريل": 4, "جانفي": 1, "غشت": 8},
    }
    for language, names in expected.items():
        for name, month in names.items():
            assert MONTH_NAMES[language][name] == month, (language, name)


def test_english_words_need_a_day_and_pattern_words_are_there() -> None:
    assert {"set", "out", "ago", "gen", "mag"} <= AFTER_A_DAY_ONLY <= set(OTHER_MONTHS)
    assert {"de", "del"} <= set(LINK_WORDS)
    assert {".", "er", "º"} <= set(DAY_MARKS)
    assert {"г.", "года"} <= set(YEAR_WORDS)


# --------------------------------------------------------------------------- the forms


@pytest.mark.parametrize(
    ("text", "phrase", "iso"),
    [
        # French
        ("Le Figaro, 7 septembre 2022.", "7 septembre 2022", "2022-09-07"),
        ("Le Monde, 1er mars 2023.", "1er mars 2023", "2023-03-01"),
        ("publié le 3 févr. 2023", "3 févr. 2023", "2023-02-03"),
        ("le 15 aout 2021", "15 aout 2021", "2021-08-15"),
        ("LE 3 MARS 2023", "3 MARS 2023", "2023-03-03"),
        ("du 1-3 juin 2023", "1-3 juin 2023", "2023-06-03"),
        # German
        ("Spiegel, 3. März 2023", "3. März 2023", "2023-03-03"),
        ("am 3.März 2023", "3.März 2023", "2023-03-03"),
        ("Wien, 12. Jänner 2022", "12. Jänner 2022", "2022-01-12"),
        ("vom 3. Okt. 2023", "3. Okt. 2023", "2023-10-03"),
        ("am 3 Maerz 2023", "3 Maerz 2023", "2023-03-03"),
        # Spanish
        ("El País, 3 de marzo de 2023.", "3 de marzo de 2023", "2023-03-03"),
        ("el 1.º de mayo del 2023", "1.º de mayo del 2023", "2023-05-01"),
        ("Lima, 5 de setiembre de 2019", "5 de setiembre de 2019", "2019-09-05"),
        ("3 dic. 2020", "3 dic. 2020", "2020-12-03"),
        # Portuguese
        ("Folha, 3 de março de 2023.", "3 de março de 2023", "2023-03-03"),
        ("Acesso em: 10 set. 2023.", "10 set. 2023", "2023-09-10"),
        ("em 3 de out. de 2023", "3 de out. de 2023", "2023-10-03"),
        ("1º de maio de 2023", "1º de maio de 2023", "2023-05-01"),
        # Italian
        ("Corriere, 3 marzo 2023.", "3 marzo 2023", "2023-03-03"),
        ("il 12 gen 2022", "12 gen 2022", "2022-01-12"),
        ("il 7 luglio 2021", "7 luglio 2021", "2021-07-07"),
        # Dutch
        ("NRC, 3 maart 2023.", "3 maart 2023", "2023-03-03"),
        ("op 17 mei 2022", "17 mei 2022", "2022-05-17"),
        ("3 mrt 2023", "3 mrt 2023", "2023-03-03"),
        # Russian
        ("Коммерсантъ, 3 марта 2023 г.", "3 марта 2023 г.", "2023-03-03"),
        ("от 3 марта 2023 года", "3 марта 2023 года", "2023-03-03"),
        ("3 марта 2023г.", "3 марта 2023г.", "2023-03-03"),
        ("3 сент. 2021 г.", "3 сент. 2021 г.", "2021-09-03"),
        ("3 МАРТА 2023 Г.", "3 МАРТА 2023 Г.", "2023-03-03"),
        # Arabic
        ("الأهرام، 3 مارس 2023", "3 مارس 2023", "2023-03-03"),
        ("15 آذار/مارس 2023", "15 آذار/مارس 2023", "2023-03-15"),
        ("3 كانون الثاني 2023م", "3 كانون الثاني 2023م", "2023-01-03"),
        ("في 3 ابريل 2023", "3 ابريل 2023", "2023-04-03"),
        ("3 جانفي 2020", "3 جانفي 2020", "2020-01-03"),
    ],
)
def test_day_month_year(text: str, phrase: str, iso: str) -> None:
    assert one_date(text) == (phrase, iso)


@pytest.mark.parametrize(
    ("text", "phrase", "iso"),
    [
        ("Le Monde, mars 2023.", "mars 2023", "2023-03"),
        ("en février 2022", "février 2022", "2022-02"),
        ("im März 2023", "März 2023", "2023-03"),
        ("Stand: Jänner 2021", "Jänner 2021", "2021-01"),
        ("Mai 2023", "Mai 2023", "2023-05"),
        ("en marzo de 2023", "marzo de 2023", "2023-03"),
        ("em março de 2023", "março de 2023", "2023-03"),
        ("a luglio 2021", "luglio 2021", "2021-07"),
        ("in maart 2023", "maart 2023", "2023-03"),
        ("март 2023 г.", "март 2023 г.", "2023-03"),
        ("в марте 2023 года", "марте 2023 года", "2023-03"),
        ("مارس 2023", "مارس 2023", "2023-03"),
        ("كانون الثاني 2023", "كانون الثاني 2023", "2023-01"),
        ("تشرين الأول 2019", "تشرين الأول 2019", "2019-10"),
    ],
)
def test_month_year(text: str, phrase: str, iso: str) -> None:
    assert one_date(text) == (phrase, iso)


def test_an_impossible_day_is_kept_as_invalid() -> None:
    (mention,) = find_dates("Le Monde, 31 février 2023.")
    assert mention.date == PartialDate(2023, 2, 31)
    assert not mention.valid


def test_two_names_of_one_month_and_two_names_that_disagree() -> None:
    assert one_date("15 شباط/فبراير 2022") == ("15 شباط/فبراير 2022", "2022-02-15")
    # "mars/mai" names two months: not one date; "mai 2023" stands on its own.
    assert dates("3 mars/mai 2023") == [("mai 2023", "2023-05")]


# --------------------------------------------------------------------------- digits


@pytest.mark.parametrize(
    ("text", "phrase", "iso"),
    [
        ("الأهرام، ٣ مارس ٢٠٢٣", "٣ مارس ٢٠٢٣", "2023-03-03"),
        ("۳ مارس ۲۰۲۳", "۳ مارس ۲۰۲۳", "2023-03-03"),
        ("١٥ آذار/مارس ١٩٩٩", "١٥ آذار/مارس ١٩٩٩", "1999-03-15"),
        ("صدر في ٢٠٢١-٠٥-٠٣", "٢٠٢١-٠٥-٠٣", "2021-05-03"),
        ("مارس ٢٠٢٣", "مارس ٢٠٢٣", "2023-03"),
    ],
)
def test_eastern_arabic_and_persian_digits(text: str, phrase: str, iso: str) -> None:
    assert one_date(text) == (phrase, iso)


def test_offsets_are_those_of_the_text_as_written() -> None:
    text = "تقرير: “الأهرام”، ٣ مارس ٢٠٢٣، وكذلك 4 مارس 2023."
    found = find_dates(text)
    assert [text[m.start : m.end] for m in found] == ["٣ مارس ٢٠٢٣", "4 مارس 2023"]
    assert [m.text for m in found] == ["٣ مارس ٢٠٢٣", "4 مارس 2023"]


def test_eastern_digits_that_are_no_date() -> None:
    assert dates("الصفحة ٣٤ من ١٢٠") == []


# --------------------------------------------------------------------------- traps


@pytest.mark.parametrize(
    "text",
    [
        "de 2023",  # "de" is read only between a day, a month and a year
        "a total de 2023 cases",
        "The album sold out 2023 copies.",  # "out", "set", "ago": a day first
        "set 2023",
        "ago 2023",
        "gen 2023",
        "the mag 2023 issue",
        "Juni",  # a month with no year is no date
        "3 mars",
        "No. 3 марта",
        "the main 2023 campaign",
    ],
)
def test_no_date(text: str) -> None:
    assert [m for m in find_dates(text) if m.date.month is not None] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English text reads as before: English forms come first, English words stay words
        ("On 3 March 2023 the council met.", [("3 March 2023", "2023-03-03")]),
        (
            "In September 2023 and 7 Sept. 2023.",
            [("September 2023", "2023-09"), ("7 Sept. 2023", "2023-09-07")],
        ),
        ("Set up in 2019, the general 2020 plan.", [("2019", "2019"), ("2020", "2020")]),
        ("Ten years ago, 2013 was different.", []),
        ("The album sold out 2023 copies; Avril Lavigne, 2004.", [("2004", "2004")]),
    ],
)
def test_english_text_reads_as_before(text: str, expected: list[tuple[str, str]]) -> None:
    assert dates(text) == expected


def test_mars_before_a_year_is_march() -> None:
    # Decided (scripts/make_month_names.py): the French month; a reader would not mind
    # "Mars 2020", a mission's name, read as March 2020.
    assert dates("Mars 2020 landed in 2021.") == [("Mars 2020", "2020-03"), ("2021", "2021")]


def test_a_month_in_another_language_is_a_page_number_s_neighbour_too() -> None:
    # The English traps keep their meaning around the new names.
    assert dates("S-400, No. 1723, p. 1998, 2,023 rubles; 3 марта 2023 г.") == [
        ("3 марта 2023 г.", "2023-03-03")
    ]


def test_a_name_inside_a_word_is_no_month() -> None:
    # The look-behinds are Unicode-aware: a Cyrillic or Arabic letter is a word letter.
    for text in ("Смарта 2023", "3 ремарта 2023", "بمارسات 2023", "3 Amärz 2023", "gemai 2023"):
        assert [m for m in find_dates(text) if m.date.month is not None] == [], text
