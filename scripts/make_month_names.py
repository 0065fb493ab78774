"""Write footnotes/dates/month_names.py: the month names of other languages, from CLDR.

The date scanner reads month names in French, German, Spanish, Portuguese, Italian,
Dutch, Russian and Arabic from a table made once by this script from the CLDR data
that Babel ships, and committed. Babel is a development-time dependency only (the
`cldr` extra); footcheck never imports it. Run this when a language is added or to
take a newer CLDR, then review the diff of the table:

    .venv/bin/pip install -e ".[cldr]"
    .venv/bin/python scripts/make_month_names.py        # rewrites the table in place
    .venv/bin/python scripts/make_month_names.py --check  # exit 1 if it would change

What goes into the table, for each language (every regional locale of it too: de_AT
"Jänner", es_PE "setiembre", ar_SY "كانون الثاني", ar_MA "غشت"):

- the month names dates are written with: CLDR's format and stand-alone contexts,
  wide and abbreviated (so Russian has the genitive "марта" of "3 марта 2023" and
  the nominative "март" of "март 2023");
- folded as the scanner folds them: case-folded, without the abbreviation's dot
  (the grammar admits it), inner spaces single;
- spelled as writers also spell them without their keyboard's letters: French
  without accents ("fevrier", "aout"), German with "ae" for "ä" ("Maerz"), Arabic
  without the hamza ("ابريل", "اذار"); not German "Marz" nor Spanish and Italian,
  whose names have no accents;
- a few forms CLDR has no place for, listed in `NOT_IN_CLDR` below (Russian
  "в марте 2023 года").

And the words of the languages' date patterns (CLDR's long and full formats): what
stands between the day, the month and the year ("de"), after the day (German "3."),
after the year (Russian "г."), with the additions in `WORDS_NOT_IN_CLDR`.

Decided here, and checked when the script runs:

- A name that is a different month in two languages (French "jui." is "juin" in
  one locale and "juillet" in another) is left out: it cannot be read.
- A name that is an ordinary English word ("set", "out", "ago": Portuguese and
  Italian abbreviations) is read only right after a day ("3 set. 2023"), never
  alone before a year ("sold out 2023", "ten years ago, 2023"): `AFTER_A_DAY_ONLY`.
  English month names themselves ("may", "mar") are the English forms' already.
- Kept although English text may hold them: "mars" ("Mars 2020", a mission, reads as
  March 2020: a reader would not mind), "mai" and "avril" (names, rare before a
  year), "mayo" (a Spanish month before a year, Mayo the county or clinic rarely).
- "de" is no date on its own: the grammar reads it only between a day, a month name
  and a year ("3 de marzo de 2023", "marzo de 2023"), never in "de 2023".
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

from babel import Locale, __version__, localedata
from babel.core import get_cldr_version
from babel.dates import tokenize_pattern

from footcheck.footnotes.dates.lexicon import MONTHS as ENGLISH_MONTHS

LANGUAGES = ("fr", "de", "es", "pt", "it", "nl", "ru", "ar")
TABLE = Path(__file__).resolve().parent.parent / "footnotes" / "dates" / "month_names.py"

# Forms writers use that CLDR has no place for. Russian prose puts the month of a
# month and year in the prepositional case: "в марте 2023 года" ("in March 2023").
_RU_PREPOSITIONAL = (
    "январе феврале марте апреле мае июне "  # the month names, January to December
    "июле августе сентябре октябре ноябре декабре"
)
NOT_IN_CLDR: dict[str, dict[str, int]] = {
    "ru": {name: number for number, name in enumerate(_RU_PREPOSITIONAL.split(), start=1)},
}

# Ordinary English words (or, folded, a common name or word of the language itself)
# that are also a month's name or abbreviation: read only right after a day.
AFTER_A_DAY_ONLY = frozenset(
    {
        "set",  # pt, it, es: setembro, settembre, setiembre
        "out",  # pt: outubro
        "ago",  # es, pt, it: agosto
        "gen",  # it: gennaio
        "mag",  # it: maggio
        "lug",  # it: luglio
        "marco",  # pt março without its cedilla: the name Marco
        "اب",  # ar آب without its hamza: "father" as it is often written
    }
)

# Pattern words CLDR's date formats do not hold, written in dates all the same:
# the French ordinal of the first ("1er mars 2023", from CLDR's number-spelling rules,
# which Babel does not ship), the ordinal indicator of Spanish, Portuguese and
# Italian ("1º de marzo", "1.º"), Latin American Spanish "del" ("3 de marzo del
# 2023"), the Russian year in prose ("2023 года"), and the Arabic era after the year
# ("2023م", CLDR's abbreviated Gregorian era).
WORDS_NOT_IN_CLDR = {
    "day_marks": ("er", "º", ".º", "°"),
    "link_words": ("del",),
    "year_words": ("года", "г", "م"),
}

# Letters writers leave out, language by language (see the docstring).
_HAMZA = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})


def fold(name: str) -> str:
    """A name as the scanner looks it up: case-folded, no final dot, single spaces."""
    return " ".join(name.casefold().split()).rstrip(".")


def _without_accents(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def spellings(language: str, name: str) -> set[str]:
    """`name` (folded) and the spellings writers of `language` also give it."""
    found = {name}
    if language == "fr":
        found.add(_without_accents(name))
    elif language == "de":
        found.add(name.replace("ä", "ae"))
    elif language == "pt":
        found.add(_without_accents(name))
    elif language == "ar":
        found.add(name.translate(_HAMZA))
    return found


def locales(language: str) -> list[Locale]:
    """The language's own locale and every regional one."""
    ids = localedata.locale_identifiers()
    return [Locale.parse(i) for i in sorted(ids) if i.split("_")[0] == language]


def month_names(language: str) -> dict[str, set[int]]:
    """Every spelling of a month name of `language` -> the months it names."""
    names: dict[str, set[int]] = {}
    for locale in locales(language):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                table = locale.months[context][width]
                for number in range(1, 13):
                    for spelling in spellings(language, fold(table[number])):
                        names.setdefault(spelling, set()).add(number)
    for name, number in NOT_IN_CLDR.get(language, {}).items():
        names.setdefault(name, set()).add(number)
    return names


def pattern_words(language: str) -> dict[str, set[str]]:
    """The words of the language's long and full date patterns, by place."""
    words: dict[str, set[str]] = {"day_marks": set(), "link_words": set(), "year_words": set()}
    locale = Locale.parse(language)
    for width in ("long", "full"):
        previous = None
        for kind, value in tokenize_pattern(locale.date_formats[width].pattern):
            if kind == "field":
                previous = value[0]
                continue
            text = value.strip()
            if not text or previous is None or previous == "E":
                continue
            if previous == "y":
                words["year_words"].add(text)
            elif text.isalpha():
                words["link_words"].add(text)
            elif previous == "d":
                words["day_marks"].add(text)
    return words


def build() -> tuple[dict[str, dict[str, int]], dict[str, tuple[str, ...]], list[str]]:
    """The table, the pattern words, and the names left out (with why)."""
    spelled = {language: month_names(language) for language in LANGUAGES}
    meanings: dict[str, set[int]] = {name: {n} for name, n in ENGLISH_MONTHS.items()}
    for names in spelled.values():
        for name, numbers in names.items():
            meanings.setdefault(name, set()).update(numbers)
    left_out = sorted(
        f"{name!r}: months {sorted(numbers)}"
        for name, numbers in meanings.items()
        if len(numbers) > 1
    )
    table = {
        language: {
            name: min(numbers)
            for name, numbers in sorted(names.items())
            if len(meanings[name]) == 1
        }
        for language, names in spelled.items()
    }
    words: dict[str, set[str]] = {place: set(extra) for place, extra in WORDS_NOT_IN_CLDR.items()}
    for language in LANGUAGES:
        for place, found in pattern_words(language).items():
            words[place] |= found
    # Longest first: the grammar tries them in this order.
    ordered = {
        place: tuple(sorted(found, key=lambda w: (-len(w), w))) for place, found in words.items()
    }
    return table, ordered, left_out


def render(table: dict[str, dict[str, int]], words: dict[str, tuple[str, ...]]) -> str:
    """The text of footnotes/dates/month_names.py."""
    lines = [
        '"""The month names of the languages footcheck reads besides English, from CLDR.',
        "",
        "Generated by scripts/make_month_names.py: do not edit; change the script and run",
        "it again. Its docstring says what is in the table, what was left out, and why.",
        f"From CLDR {get_cldr_version()}, as Babel {__version__} ships it.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "#: Per language: each month name as the scanner looks it up (case-folded, without",
        "#: the abbreviation's dot, single spaces) -> the month's number.",
        "MONTH_NAMES: dict[str, dict[str, int]] = {",
    ]
    for language, names in table.items():
        lines.append(f"    {_quoted(language)}: {{")
        lines.extend(f"        {_quoted(name)}: {number}," for name, number in names.items())
        lines.append("    },")
    lines.append("}")
    lines += [
        "",
        '#: Names read as a month only right after a day ("3 set. 2023"): before a year',
        '#: alone they are ordinary English words ("sold out 2023").',
        "AFTER_A_DAY_ONLY = frozenset(",
        "    {",
        *(f"        {_quoted(name)}," for name in sorted(AFTER_A_DAY_ONLY)),
        "    }",
        ")",
        "",
        '#: Marks written right after the day: German "3. März", French "1er", Spanish "1.º".',
        f"DAY_MARKS = {_tuple(words['day_marks'])}",
        "",
        '#: Words between the day, the month and the year: "3 de marzo de 2023".',
        f"LINK_WORDS = {_tuple(words['link_words'])}",
        "",
        '#: Words after the year: Russian "2023 г.", "2023 года", Arabic "2023م".',
        f"YEAR_WORDS = {_tuple(words['year_words'])}",
        "",
    ]
    return "\n".join(lines)


def _quoted(text: str) -> str:
    """`text` as a string literal in the house style (double quotes)."""
    return json.dumps(text, ensure_ascii=False)


def _tuple(items: tuple[str, ...]) -> str:
    return "(" + ", ".join(map(_quoted, items)) + ("," if len(items) == 1 else "") + ")"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the table would change")
    args = parser.parse_args()
    table, words, left_out = build()
    for reason in left_out:
        print(f"left out, more than one month: {reason}", file=sys.stderr)
    text = render(table, words)
    if args.check:
        same = TABLE.read_text(encoding="utf-8") == text
        print(f"{TABLE}: {'up to date' if same else 'would change'}")
        return 0 if same else 1
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE}: {sum(map(len, table.values()))} names in {len(table)} languages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
