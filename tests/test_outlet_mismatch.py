"""CT002 outlet-mismatch: a sentence naming one outlet as its source, a note citing another."""

from __future__ import annotations

import pytest

from footcheck.footnotes.model import Severity
from tests.conftest import findings


def ct002(body: str, *notes: str) -> list[tuple[str | None, str]]:
    """(footnote, message) of each CT002 finding on a plain-text report."""
    text = body + "\n\n" + "\n".join(f"[{i}] {note}" for i, note in enumerate(notes, 1)) + "\n"
    return [(f.footnote, f.message) for f in findings(text, select={"CT002"})]


def test_the_finding_names_both_outlets_and_says_what_to_check() -> None:
    (finding,) = findings(
        "According to The New York Times, 43 million Americans rent.[1]\n\n"
        '[1] Pew Research Center, "A Nation of Renters," July 19, 2016.\n',
        select={"CT002"},
    )
    assert (finding.code, finding.rule, finding.severity) == (
        "CT002",
        "outlet-mismatch",
        Severity.INFO,
    )
    assert finding.footnote == "1"
    assert finding.location.line == 1
    assert finding.message == (
        "the sentence attributes the claim to The New York Times, but note [1] cites "
        'Pew Research Center; cite The New York Times article, or say "as reported by '
        'Pew Research Center"'
    )
    assert finding.claim == "According to The New York Times, 43 million Americans rent."


@pytest.mark.parametrize(
    ("claim", "note", "attributed", "cited"),
    [
        (
            "According to the UN, 6 million people fled.",
            "Reuters, “Exodus,” 2022.",
            "the UN",
            "Reuters",
        ),
        ("A Pew report found that rents rose.", "Reuters, “Rents,” 2017.", "Pew", "Reuters"),
        (
            "The World Bank estimates that growth slowed.",
            "IMF, World Economic Outlook, April 2023.",
            "the World Bank",
            "International Monetary Fund",
        ),
        (
            "Data from the ONS show wages fell.",
            "https://www.bbc.co.uk/news/business-1",
            "the ONS",
            "BBC",
        ),
        (
            "Reuters reported that the talks failed.",
            "AFP, “Talks,” 2021.",
            "Reuters",
            "Agence France-Presse",
        ),
        (
            "He told the BBC that he would stay.",
            "The Guardian, 3 May 2021.",
            "the BBC",
            "The Guardian",
        ),
        (
            "The Guardian wrote that the vote was close.",
            "Politico, 3 May 2021.",
            "The Guardian",
            "Politico",
        ),
        ("A UN report released in May found it.", "Reuters, 2021.", "UN", "Reuters"),
        (
            "According to a 2021 report by the IMF, debt rose.",
            "World Bank, Debt Report, 2021.",
            "the IMF",
            "World Bank",
        ),
        (
            "The IMF’s latest estimates put growth at 3%.",
            "OECD, Economic Outlook, 2023.",
            "the IMF",
            "OECD",
        ),
        (
            "According to the Razumkov Centre, 60 percent agreed.",
            "BBC News, “Poll,” 2022.",
            "the Razumkov Centre",
            "BBC",
        ),
        (
            "The Moscow Times reported that the plant closed.",
            "Reuters, “Plant,” 2022.",
            "The Moscow Times",
            "Reuters",
        ),
        (
            "The Reuters Institute found that trust fell.",
            "BBC, 2020.",
            "the Reuters Institute",
            "BBC",
        ),
    ],
)
def test_attributions_that_the_note_does_not_bear_out(
    claim: str, note: str, attributed: str, cited: str
) -> None:
    got = ct002(claim + "[1]", note)
    assert [(label, message.split(";")[0]) for label, message in got] == [
        ("1", f"the sentence attributes the claim to {attributed}, but note [1] cites {cited}")
    ]


@pytest.mark.parametrize(
    ("claim", "note"),
    [
        # The note names the claim's outlet: by name, alias, any case, domain, agency.
        ("According to Reuters, the talks failed.", "“Exclusive: talks fail,” REUTERS, 2023."),
        ("According to The New York Times, rents rose.", "Smith, “Rents,” NYT, 2020."),
        ("According to the BBC, rents rose.", "Staff, https://www.bbc.com/news/1, 2020."),
        ("According to UN figures, 6 million fled.", "UNHCR, Ukraine Refugee Situation, 2022."),
        ("According to UNHCR, 6 million fled.", "UN News, https://news.un.org/en/1, 2022."),
        ("According to Statistics Canada, rents rose.", "https://www150.statcan.gc.ca/n1/1"),
        ("Data from the Census Bureau show it.", "U.S. Census Bureau, ACS 2021; Pew, 2022."),
        # ... or a word of an organisation's own name, or its initials.
        (
            "According to the Razumkov Centre, 60 percent agreed.",
            "Reuters, “Razumkov poll shows a majority,” 2022.",
        ),
        (
            "The Institute for the Study of War found that the line held.",
            "ISW, Campaign Assessment, 3 May 2023; Reuters, 2023.",
        ),
        # The note says it cites at second hand.
        (
            "According to The New York Times, rents rose.",
            "Pew, “Renters,” 2016, quoted in Reuters.",
        ),
        ("According to the UN, 6 million fled.", "Reuters, 2022, citing UNHCR figures."),
        ("According to the UN, 6 million fled.", "Via Reuters, “Exodus,” 2022."),
        # The claim names two outlets, and the note cites one of them.
        ("According to the UN, as reported by Reuters, 6 million fled.", "Reuters, 2022."),
        ("According to Reuters and the AP, the talks failed.", "AP, “Talks,” 2023."),
        # No outlet is the claim's source.
        ("According to the report, rents rose.", "Reuters, 2020."),
        ("The study found that rents rose.", "Reuters, 2020."),
        ("Officials said the talks failed.", "Reuters, 2020."),
        ("According to John Smith, rents rose.", "Reuters, 2020."),
        ("According to Smith of the Brookings Institution, rents rose.", "Reuters, 2020."),
        ("According to a UN official, the talks failed.", "Reuters, 2020."),
        ("According to EU rules, the fee is capped.", "Politico, 2020."),
        ("According to Defense Ministry spokesman Igor Ivanov, it hit a depot.", "TASS, 2022."),
        # A government's statement is news, rightly cited to the news report of it.
        ("According to the Ministry of Health, 40 people died.", "BBC News, 2022."),
        ("The Reuters Institute found that trust fell.", "Reuters Institute, 2020."),
        ("The UN Security Council met in May.", "Reuters, 2020."),
        ("Reuters and the BBC both covered the vote.", "AFP, 2020."),
        # A body's statement is news, rightly cited to the news report of it.
        ("The UN said the talks would resume.", "Reuters, 2020."),
        ("Bloomberg said he would run.", "CNN, 2019."),  # the man, maybe
        ("Under EU data protection rules, firms must ask.", "Politico, 2020."),
        ("According to a Pew survey methodology note, it is weighted.", "Reuters, 2020."),
        # The note names no outlet footcheck knows, or cites nothing.
        ("According to Reuters, the talks failed.", "Kyiv Post, 3 May 2022."),
        ("According to Reuters, the talks failed.", "The figure excludes Crimea."),
        ("According to Reuters, the talks failed.", "https://example.org/reuters-says"),
    ],
)
def test_what_is_not_a_mismatch(claim: str, note: str) -> None:
    assert ct002(claim + "[1]", note) == []


def test_another_note_of_the_same_sentence_can_bear_the_attribution_out() -> None:
    body = "According to The New York Times, 43 million Americans rent.[1][2]"
    assert ct002(body, "Pew, “Renters,” 2016.", "The New York Times, 2016.") == []
    split = "According to The New York Times,[1] 43 million Americans rent.[2]"
    assert ct002(split, "The New York Times, 2016.", "Pew, “Renters,” 2016.") == []


def test_a_note_naming_the_claims_outlet_in_any_of_its_citations_bears_it_out() -> None:
    body = "According to The New York Times, 43 million Americans rent.[1]"
    note = "Pew Research Center, “Renters,” 2016; see also The New York Times, 2016."
    assert ct002(body, note) == []


def test_the_attribution_is_read_in_the_markers_own_claim() -> None:
    body = "According to The New York Times, rents rose.[1] Wages fell.[2]"
    assert ct002(body, "The New York Times, 2016.", "Pew, “Wages,” 2016.") == []


def test_an_ibid_note_cites_nothing_of_its_own() -> None:
    body = "According to Reuters, talks failed.[1] According to the BBC, talks resumed.[2]"
    assert ct002(body, "Reuters, 2020.", "Ibid.") == []
