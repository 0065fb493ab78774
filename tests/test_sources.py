"""Sources: publication and access dates, "Ibid." notes, and the duplicate key."""

from __future__ import annotations

import pytest

from footcheck.footnotes.model import Location, Note, PartialDate
from footcheck.footnotes.source_keys import duplicate_key, normalise_url
from footcheck.footnotes.sources import read_source, read_sources


def note(text: str, label: str = "1") -> Note:
    return Note(label, text, Location(1))


@pytest.mark.parametrize(
    ("text", "published", "accessed"),
    [
        ('Reuters, "Talks resume in Geneva," March 3, 2023.', "2023-03-03", None),
        ("Nnciraq, September 7, 2022.", "2022-09-07", None),
        ("Company X, Interim Report January-September 2024, 24 October 2024.", "2024-10-24", None),
        ("Ministry, Strategy 2024-2029, published 2 May 2024.", "2024-05-02", None),
        ("Arbitral Award of 3 October 1899, in Reports of Awards, vol. 28.", None, None),
        ("UN Security Council resolution 2231 (2015).", None, None),
        ('"The 2019 Budget," Finance Weekly, 4 April 2019.', "2019-04-04", None),
        ("City website, https://example.org/x, accessed 5 May 2024.", None, "2024-05-05"),
        ("Agency report, 2 March 2021 (retrieved 6 May 2023).", "2021-03-02", "2023-05-06"),
        ("Smith, J. (2015). Ports and Power. City Press.", "2015", None),
        ("Statistics page, last updated 9 June 2024.", None, "2024-06-09"),
        ("Interview with the author.", None, None),
    ],
)
def test_publication_and_access_dates(
    text: str, published: str | None, accessed: str | None
) -> None:
    source = read_source(note(text))
    assert (source.publication_date and source.publication_date.iso()) == published
    assert (source.access_date and source.access_date.iso()) == accessed


def test_ibid_takes_its_antecedent_date_unless_it_has_its_own() -> None:
    sources = read_sources(
        [
            note("Treaty Office, Register, 4 May 2019.", "1"),
            note("Ibid.", "2"),
            note("Ibid., 13 October 2019.", "3"),
            note("Id. at 4.", "4"),
        ]
    )
    assert [s.ibid for s in sources] == [False, True, True, True]
    assert [s.antecedent for s in sources] == [None, "1", "1", "1"]
    assert [s.date for s in sources] == [
        PartialDate(2019, 5, 4),
        PartialDate(2019, 5, 4),
        PartialDate(2019, 10, 13),
        PartialDate(2019, 10, 13),
    ]


def test_op_cit_after_an_author_is_ibid_like() -> None:
    assert read_source(note("Smith, op. cit., p. 4.")).ibid
    assert not read_source(note("Operations citation guide, 2020.")).ibid


def test_duplicate_key_folds_case_quotes_dashes_punctuation_and_dates() -> None:
    a = duplicate_key("Independent Arabia, “Talks — Again,” July 22, 2021.")
    b = duplicate_key('independent arabia "Talks - again" 22 July 2021')
    assert a == b
    assert "2021 07 22" in a


def test_duplicate_key_keeps_url_identity() -> None:
    assert duplicate_key("See https://www.Example.org/a/?utm_medium=x") == duplicate_key(
        "see http://example.org/a"
    )
    assert duplicate_key("https://example.org/a#one") != duplicate_key("https://example.org/a#two")


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("https://www.example.org/path/", "example.org/path"),
        ("HTTP://WWW.EXAMPLE.ORG/Path", "example.org/Path"),
        ("https://example.org/p?utm_source=a&b=2&gclid=z", "example.org/p?b=2"),
        ("https://example.org/p#frag", "example.org/p#frag"),
        ("https://example.org/p).", "example.org/p)"),
    ],
)
def test_normalise_url(url: str, normal: str) -> None:
    assert normalise_url(url) == normal


def test_op_cit_repeats_the_named_authors_earlier_note() -> None:
    sources = read_sources(
        [
            note("John Ames, The Wheat Exporters, 1952, 88.", "1"),
            note("Mary Cole, Speculation and Blame, 1926, 14.", "2"),
            note("Ames, op. cit., 102.", "3"),
            note("Pratt, op. cit., 7.", "4"),
        ]
    )
    assert [(s.antecedent, s.date) for s in sources[2:]] == [("1", PartialDate(1952)), (None, None)]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ('A. Author, "The Ruling," Law Review 33, no. 4 (2020): 55-60.', "2020"),
        ("B. Writer, Ministries and Power (London: Verso, 2017), 12.", "2017"),
        ('Insurance Council, "Flood losses," 2022.', "2022"),
        ("Ministry of Works, Annual Report 2016, 2017.", "2017"),
        ("Security Council resolution 2690 (2023).", None),
        ("Council Decision No. 12/2019 (2019).", None),
    ],
)
def test_citation_years(text: str, published: str | None) -> None:
    source = read_source(note(text))
    assert (source.publication_date and source.publication_date.iso()) == published
