"""The words the date layer knows: month names, and the word tables around a number.

`MONTHS` maps English month names and abbreviations to numbers, `OTHER_MONTHS`
those of the other languages (the grammar's month forms are built from them). The
other tables tell the scanner what a four-digit number is from the words next to
it: a year after "in" or "the", an amount before "people" or after "rose by", a
document number after "No." or "Resolution", a price after "$"; and which words
ending in "." do not end a sentence.
"""

from __future__ import annotations

from footcheck.footnotes.abbreviations import ABBREVIATIONS
from footcheck.footnotes.dates.month_names import MONTH_NAMES

_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

#: Lower-case month names and abbreviations (without a trailing dot) to month numbers.
MONTHS: dict[str, int] = {name: i for i, name in enumerate(_MONTH_NAMES, start=1)}
MONTHS.update({name[:3]: i for i, name in enumerate(_MONTH_NAMES, start=1)})
MONTHS.update({"sept": 9, "jun": 6, "jul": 7})

#: The month names of the other languages (month_names.py, made from CLDR), folded as
#: `fold_month_name` folds them, to month numbers: "märz", "marzo", "марта", "مارس".
OTHER_MONTHS: dict[str, int] = {
    name: number for names in MONTH_NAMES.values() for name, number in names.items()
}


def fold_month_name(name: str) -> str:
    """A month name as written ("März", "Sept.", "كانون  الثاني") as OTHER_MONTHS keys it."""
    return " ".join(name.casefold().split()).replace("i\u0307", "i").rstrip(".")


def is_month_name(word: str) -> bool:
    """Whether `word` (as written) is a month's name in English or another language."""
    folded = fold_month_name(word)
    return folded in MONTHS or folded in OTHER_MONTHS


def word_set(listing: str) -> frozenset[str]:
    """The words of a listing, separated by white space."""
    return frozenset(listing.split())


# A number right after one of these is a document, page or product number, not a year.
DOC_WORDS = word_set(
    """
    no nos nr number num numbers resolution resolutions res article articles art section
    sections sec § §§ chapter chapters ch chap decree law act order ordinance regulation
    directive rule code bill amendment page pages p pp pg vol volume issue iss part para
    paragraph annex appendix table figure fig item clause case file docket route flight
    train bus highway road street box room suite apt unit lot tel phone fax isbn issn doi
    iso windows model type version ver v boeing airbus fy gost standard form op opus
    ticket id ref serial batch index catalogue catalog cat channel level grade size score
    height hill altitude elevation km mile gate terminal platform block floor pier camp
    sector zone plot sheet grid cell row column line verse protocol inquiry report #
    """
)

CURRENCY = word_set(
    """
    $ € £ ¥ ₹ ₽ ₴ ₪ ₺ us$ usd eur gbp rub uah chf jpy cny inr rs aud cad nis ils sek nok
    dkk pln huf czk
    """
)

# A four-digit number before one of these is a quantity ("2019 people", "2023 km").
COUNT_NOUNS = word_set(
    """
    people persons individuals men women children kids cases protesters protestors
    demonstrators troops soldiers servicemen fighters militants combatants police officers
    policemen deaths dead killed casualties victims injured wounded injuries arrests
    detainees prisoners hostages refugees migrants civilians residents citizens voters votes
    ballots seats delegates participants respondents signatures signatories members
    employees workers staff jobs students pupils patients users customers subscribers
    visitors tourists households families homes houses buildings apartments units copies
    rounds shells missiles rockets drones aircraft planes jets tanks vehicles trucks ships
    vessels boats guns rifles weapons items pieces samples documents pages words articles
    posts tweets messages calls complaints incidents attacks strikes sorties violations
    dollars dollar euros euro pounds rubles roubles hryvnias yuan yen rupees usd eur barrels
    tons tonnes kilograms kg km km2 km² kilometres kilometers miles mi metres meters m feet
    ft yards hectares ha acres sq litres liters gallons mw gw kw mwh gwh kwh hours hrs
    minutes mins seconds days weeks months years times points percent pct per villages towns
    schools hospitals companies firms organisations organizations ngos projects
    applications requests petitions lawsuits convictions species animals trees head
    million billion thousand mln bn mn k
    """
)

# Adjectives that may stand between a quantity and its count noun ("2000 new members").
COUNT_ADJECTIVES = word_set(
    """
    new more additional other extra further fewer armed civilian foreign local young
    registered eligible unique active innocent unarmed former military regular square
    cubic metric
    """
)

# Words after which a number reads as an amount rather than a year.
QUANTITY_WORDS = word_set(
    """
    rose risen rising rises increased increase increases increasing fell fallen falls
    falling grew grown grows growing dropped drops dropping declined declines declining
    decreased decreases climbed jumped surged soared plunged plummeted went up down ranged
    ranging ranges varied varies varying killed killing estimated numbered numbering
    totalled totaled totalling totaling cost costing costs population total number sum
    tally toll count crowd army force maximum minimum average majority height depth length
    distance altitude capacity score rate salary price value fine fee bail ransom reward
    amount sample figure estimate out about some nearly over under almost approximately
    approx roughly than least only just additional another further more fewer exactly to
    were was is are be been had has have with without reached reaching injured wounded
    arrested detained lost counted recorded registered received collected sold bought paid
    worth earned raised gathered deployed sent hired employed including among averaged per
    x
    """
)

# After one of these a bare year is a year ("in 2021", "since 2015", "the year 2023").
PREPOSITIONS = word_set(
    """
    in since by of during until till til from before after through throughout around
    circa c ca early late mid year between into beyond
    """
)

# Adjectives that pick some of a quantity ("the first 2000 applicants").
ORDINALS = word_set(
    """
    first last next remaining initial final top previous following extra additional other
    estimated reported latest further roughly nearly some approximately entire whole full
    """
)

# Prepositions that also introduce amounts ("a total of 2000", "rose by 2019").
AMOUNT_PREPOSITIONS = word_set("of by from around between to than")

# Words after which a year is the date something was issued: "published 2021",
# an edition's "ed. 2002".
DATED_BY = word_set(
    """
    published publ pub adopted issued released dated signed updated revised enacted
    approved passed posted accessed retrieved copyright amended ratified ed eds
    """
)

DETERMINERS = word_set(
    "the a an its his her their our this that these those whose my your every each"
)

# What may follow a year that opens a sentence ("2019 was a turbulent year").
OPENING_VERBS = word_set("was saw marked brought began ended became proved turned also")

FUNCTION_WORDS = word_set(
    """
    of and or to in on at from by with for than is was were are be been as that which
    who but if so
    """
)

# Words ending in "." that do not end a sentence.
ABBREVIATIONS_AND_MONTHS = ABBREVIATIONS | frozenset(MONTHS)
