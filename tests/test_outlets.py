"""The outlets table and its readers: names as written, names in notes, domains, organisations."""

from __future__ import annotations

from collections import Counter

import pytest

from footcheck.footnotes.organisations import organisation_names
from footcheck.footnotes.outlets import (
    BODY,
    NEWS,
    OUTLETS,
    cited_outlets,
    named_outlets,
    outlet_of_host,
    outlet_of_url,
    strict_mentions,
)


def names(outlets: set[object]) -> set[str]:
    return {o.name for o in outlets}  # type: ignore[attr-defined]


def strict(text: str) -> list[tuple[str, str]]:
    """(outlet, text as matched) of each name read with confidence."""
    return [(m.outlet.name, text[m.start : m.end]) for m in strict_mentions(text)]


# --- the table ----------------------------------------------------------------


def test_every_name_and_domain_belongs_to_one_outlet() -> None:
    name_counts = Counter(name for outlet in OUTLETS for name in outlet.names)
    assert [name for name, n in name_counts.items() if n > 1] == []
    domain_counts = Counter(domain for outlet in OUTLETS for domain in outlet.domains)
    assert [domain for domain, n in domain_counts.items() if n > 1] == []


def test_families_and_kinds_are_the_tables_own() -> None:
    table = {outlet.name for outlet in OUTLETS}
    assert {o.family for o in OUTLETS if o.family} <= table
    assert {o.kind for o in OUTLETS} == {NEWS, BODY}
    assert all(domain == domain.lower() and "." in domain for o in OUTLETS for domain in o.domains)


def test_the_table_is_sensible_in_size() -> None:
    assert 80 <= len(OUTLETS) <= 250


# --- names in a sentence, with confidence -----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "According to The New York Times, rents rose.",
            [("The New York Times", "New York Times")],
        ),
        (
            "The NYT and the N.Y. Times agree.",
            [("The New York Times", "NYT"), ("The New York Times", "N.Y. Times")],
        ),
        (
            "A Pew Research Center survey found it.",
            [("Pew Research Center", "Pew Research Center")],
        ),
        ("In a Pew survey, most agreed.", [("Pew Research Center", "Pew")]),
        ("U.N. figures show it.", [("United Nations", "U.N.")]),
        ("The Atlantic reported it.", [("The Atlantic", "The Atlantic")]),
        ("UNHCR counted them.", [("UNHCR", "UNHCR")]),
    ],
)
def test_names_read_with_confidence(text: str, expected: list[tuple[str, str]]) -> None:
    assert strict(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Reuters Institute found it.",  # a longer name
        "Thomson Reuters reported profits.",
        "The UN Security Council met.",
        "The Guardian Council approved the list.",
        "BBC World Service listeners wrote in.",
        "Ships crossed the Atlantic in May.",  # the ocean, not the magazine
        "reuters and pew, in lower case.",  # not as the table writes them
        "the Pew-Templeton project",
        "Who knows?",
        "MyReuters and .UN are other words.",  # a name starts a word
    ],
)
def test_names_that_are_not_read_with_confidence(text: str) -> None:
    assert strict(text) == []


# --- names in a note, generously --------------------------------------------------


def test_a_note_names_outlets_in_any_case_and_by_domain() -> None:
    note = (
        "Smith, “Why REUTERS Got It Right,” new york times magazine, 2020, "
        "https://www150.statcan.gc.ca/n1/daily; see pewresearch.org."
    )
    assert names(named_outlets(note)) == {
        "Reuters",
        "The New York Times",
        "Statistics Canada",
        "Pew Research Center",
    }


@pytest.mark.parametrize(
    "note",
    [
        "Who Pays? A Study of Tolls, 2019.",  # "who" is not the WHO
        "A fun.org post; un.organic.example",  # not un.org
        "Ap. 3, 2020.",
        "Notreuters.example, unreuters, 2019.",
    ],
)
def test_a_note_does_not_name_outlets_by_accident(note: str) -> None:
    assert named_outlets(note) == set()


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("news.un.org", "United Nations"),
        ("WWW.NYTIMES.COM", "The New York Times"),
        ("data.worldbank.org", "World Bank"),
        ("journalism.org", "Pew Research Center"),
        ("ec.europa.eu", "European Union"),
        ("notreuters.com", None),
        ("example.org", None),
    ],
)
def test_the_outlet_of_a_host(host: str, expected: str | None) -> None:
    outlet = outlet_of_host(host)
    assert (outlet and outlet.name) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.bbc.co.uk/news/world-1", "BBC"),
        ("www.reuters.com/world/x", "Reuters"),
        ("http://data.unhcr.org:8080/en/situations", "UNHCR"),
        ("https://example.org/www.reuters.com", None),  # a host in the path is no host
        ("http://[::1", None),  # malformed
    ],
)
def test_the_outlet_of_a_url(url: str, expected: str | None) -> None:
    outlet = outlet_of_url(url)
    assert (outlet and outlet.name) == expected


def test_agencies_are_one_group_with_their_body() -> None:
    unhcr, un = (outlet_of_host(h) for h in ("unhcr.org", "un.org"))
    assert unhcr is not None and un is not None
    assert unhcr.group == un.group == "United Nations"
    reuters = outlet_of_host("reuters.com")
    assert reuters is not None and reuters.group == "Reuters"


def test_what_a_citation_cites_ignores_names_in_url_paths() -> None:
    url = "https://www.pewresearch.org/cites/Reuters/2016"
    citation = f'Pew Research Center, "Renters," {url}.'
    assert names(cited_outlets(citation, [url])) == {"Pew Research Center"}
    url = "https://apnews.com/article/BBC-Reuters"
    assert names(cited_outlets(f"Staff, {url}", [url])) == {"Associated Press"}
    assert names(cited_outlets("Staff, apnews.com, 2020.", [])) == {"Associated Press"}


# --- organisations not in the table ------------------------------------------------


def test_an_organisation_by_the_shape_of_its_name() -> None:
    (org,) = organisation_names("According to the Razumkov Centre for Economic Studies, no.")
    assert (org.name, org.kind) == ("Razumkov Centre for Economic Studies", BODY)
    assert org.distinctive == {"razumkov"}
    (paper,) = organisation_names("The Moscow Times reported it.")
    assert (paper.name, paper.kind, paper.start) == ("Moscow Times", NEWS, 4)
    (isw,) = organisation_names("the Institute for the Study of War's map")
    assert (isw.name, isw.initials) == ("Institute for the Study of War", "ISW")


@pytest.mark.parametrize(
    "text",
    [
        "according to John Smith, prices fell",
        "according to Smith of the Brookings Institution, prices fell",
        "according to Health Minister Viktor Liashko, it rose",
        "according to the Kyiv School of Economics, it rose",
        "according to the National Bureau, it rose",  # nothing of its own to look for
        "according to the Ministry, it rose",
        "according to the Ministry of Health, it rose",  # a government's: its word is news
        "according to the Wagner Group, it rose",
    ],
)
def test_people_and_vague_names_are_not_organisations(text: str) -> None:
    assert list(organisation_names(text)) == []


def test_a_note_names_an_organisation_by_a_word_of_its_own_or_its_initials() -> None:
    (centre,) = organisation_names("the Razumkov Centre found")
    assert centre.named_in("Reuters, “Razumkov poll: a majority agrees,” 2022.")
    assert not centre.named_in("Reuters, “Poll,” 2022.")
    (isw,) = organisation_names("the Institute for the Study of War found")
    assert isw.named_in("ISW, Russian Offensive Campaign Assessment, 3 May 2023.")
    assert isw.named_in("https://www.isw.example/backgrounder")
