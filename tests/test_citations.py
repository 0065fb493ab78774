"""A note read as citations: splitting, roles, short forms, explanatory notes, and
what the date rules make of them (DT001, DT002, DT004, CT001)."""

from __future__ import annotations

import pytest

from footcheck.footnotes.citations import BACKGROUND, MAIN
from footcheck.footnotes.model import Location, Note, PartialDate
from footcheck.footnotes.note_kinds import cites_source, says_undated
from footcheck.footnotes.short_forms import parse_short_form
from footcheck.footnotes.sources import Source, read_sources
from tests.conftest import context, findings


def sources(*texts: str) -> list[Source]:
    return read_sources([Note(str(i), t, Location(i)) for i, t in enumerate(texts, start=1)])


def parts(text: str) -> list[tuple[str, str, str | None]]:
    (source,) = sources(text)
    return [
        (c.text, c.role, c.dated()[0].iso() if c.dated() else None)  # type: ignore[index]
        for c in source.citations
    ]


# --- splitting ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pew Research Center, “Survey,” 23 April 2003. See also Smith, Book (2001).",
            [
                ("Pew Research Center, “Survey,” 23 April 2003.", MAIN, "2003-04-23"),
                ("See also Smith, Book (2001).", BACKGROUND, "2001"),
            ],
        ),
        (
            "Reuters, 3 March 2023; AP, 4 March 2023.",
            [
                ("Reuters, 3 March 2023", MAIN, "2023-03-03"),
                ("AP, 4 March 2023.", MAIN, "2023-03-04"),
            ],
        ),
        (
            "Smith (2001) and Jones (2003).",
            [("Smith (2001)", MAIN, "2001"), ("Jones (2003).", MAIN, "2003")],
        ),
        (
            "Reuters, 3 March 2023, cf. Ames, Essays (1999).",
            [
                ("Reuters, 3 March 2023", MAIN, "2023-03-03"),
                ("cf. Ames, Essays (1999).", BACKGROUND, "1999"),
            ],
        ),
        (
            "Herald, 2 May 2021. See Smith, Book (2019).",
            [
                ("Herald, 2 May 2021.", MAIN, "2021-05-02"),
                ("See Smith, Book (2019).", MAIN, "2019"),
            ],
        ),
    ],
)
def test_a_note_is_split_into_its_citations(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert parts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Smith, Book (Harper, 2001), 12; 14; 19-20.",  # pages after a semicolon
        "Ames, “Trade; Tariffs; Ports,” Herald, 2 May 2021.",  # inside a quotation
        "Ames (ed.; trans.), Letters, 2001.",  # inside brackets
        "Council, “Minutes and Papers,” 2 May 2021. Chapter 3 reviews them.",  # no signal
        "Report of the Smith and Jones commission, 2001.",  # "and" inside one citation
        "See Appendix A for the definitions used in this section.",
    ],
)
def test_one_citation_stays_whole(text: str) -> None:
    assert len(parts(text)) == 1


# --- DT001 over citations -----------------------------------------------------------


def test_background_older_than_the_event_is_not_a_fault() -> None:
    doc = (
        "The ministry resigned on 23 April 2003.[1]\n\n"
        "[1] Capital Herald, 23 April 2003. See also Smith, Politics of the Ministry (2001).\n"
    )
    assert findings(doc, select={"DT001"}) == []


def test_every_citation_older_than_the_event_is_a_fault_naming_the_one_used() -> None:
    doc = (
        "The ministry resigned on 23 April 2003.[1]\n\n"
        "[1] Capital Herald, 23 April 2002; Evening Post, 12 March 2001.\n"
    )
    (f,) = findings(doc, select={"DT001"})
    assert f.source_date == PartialDate(2002, 4, 23)
    assert f.message.startswith(
        'note [1] is dated 2002-04-23 (published) in "Capital Herald, 23 April 2002"'
    )
    assert "probably a year typo" in f.message


def test_a_background_citation_counts_only_when_the_note_has_nothing_else() -> None:
    doc = "The ministry resigned on 23 April 2003.[1]\n\n[1] See also Smith, Politics (2001).\n"
    (f,) = findings(doc, select={"DT001"})
    assert f.source_date == PartialDate(2001)


def test_a_source_read_before_the_event_cannot_report_it() -> None:
    doc = (
        "As of late 2015, the network had 40 stations.[1]\n\n"
        "[1] “Station list,” Network Authority, https://example.org/stations, "
        "retrieved 3 March 2012.\n"
    )
    (f,) = findings(doc, select={"DT001"})
    assert f.message.startswith(
        "note [1] was accessed 2012-03-03, before the event it supports (2015)"
    )
    assert "read before an event cannot report it" in f.message


def test_a_short_form_takes_the_date_of_its_full_citation() -> None:
    doc = (
        "Code was law by 1999.[1] The argument was extended in 2006.[2]\n\n"
        "[1] Lawrence Lessig, Code and Other Laws of Cyberspace (New York: Basic Books, 1999), 6.\n"
        "[2] Lessig, 239.\n"
    )
    (f,) = findings(doc, select={"DT001"})
    assert f.footnote == "2"
    assert "(of note [1], which it shortens)" in f.message


def test_a_short_form_is_never_a_duplicate_nor_undated() -> None:
    doc = (
        "One.[1] Two.[2] Three.[3]\n\n"
        "[1] Tim Wu et al., The Master Switch (New York: Knopf, 2010), 3.\n"
        "[2] Wu et al., 7.\n[3] Wu et al., 7.\n"
    )
    assert findings(doc, select={"CT001", "DT004"}) == []


def test_an_unresolved_short_form_is_not_undated_either() -> None:
    assert findings("One.[1]\n\n[1] Lessing, 239.\n", select={"DT004"}) == []


# --- DT004: what cites and what explains --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The figure excludes Scotland.",
        "Evidently to excite the curiosity of the Snake.",
        'See "Appendix A: Definitions" for the terms used in this section.',
        "Limited exceptions may apply. See “Exceptions” section for more.",
        "Smith, Book (Harper, n.d.), 5.",
        "Ames, Letters (Boston: Hill Press, no date).",
        'The last part of this dance resembles a play among boys, known as "Snap the whip."',
        'For purposes of this policy, the term "COTS" also covers commercial items.',
        '"Vendor lock-in" refers to a customer who cannot move to another vendor.',
        "I confess that I was also interested to hear from the lips of my friend, at parting, "
        'the familiar Italian word, "Addio." It was a coincidence we both remarked on.',
        "Mrs. Brown spells the name as follows: _Squaw-oc-t'moos_.",
        "In this report, youth means people under 25.",
        "The survey sample is described in Appendix B.",
        "The interview protocol is available from the author.",
        "This paper does not reflect the views of the Federal Reserve.",
        "The letter was never sent.",
        "Correspondence to: b.lawrence@example.ac.uk",
        "[@smith2001, p. 12]",
        "@пункт3 [p. 12] and a citation without locators [@пункт3].",
    ],
)
def test_explanations_and_declared_undated_sources_are_not_reported(text: str) -> None:
    assert findings(f"A claim.[1]\n\n[1] {text}\n", select={"DT004"}) == []


@pytest.mark.parametrize(
    "text",
    [
        "https://data.example.org/impact",
        "Regional Museum, bridge collection.",
        "Interview with a harbour pilot, Kabul.",
        "Le Roman Anglais. By Abel Chevalley (Oxford University Press, New York).",
        "Quoted from Leland's _Algonquin Legends_.",
        "Dr. Rand (American Antiquarian, p. 8, vol. xii).",
        "Ames, “The Long Harbour,” Coastal Review.",
        "I have touched on this in a short essay called “Anonymity.”",
        'Harbour Office, "Tide tables," Harbour Board, each spring.',
        "Reuters.",
        "Telephone interview with J. Smith, Kabul.",
        "See the Letters of H. James, Vol. II.",
        "Translated by Dorothy Bussy as The Counterfeiters (New York: Knopf).",
        "Robert Caro, The Power Broker, 45.",
    ],
)
def test_an_undated_citation_is_reported(text: str) -> None:
    (f,) = findings(f"A claim.[1]\n\n[1] {text}\n", select={"DT004"})
    assert f.footnote == "1"


def test_cites_source_and_says_undated() -> None:
    assert cites_source("Interview with the author.")
    assert not cites_source("The figure excludes Scotland.")
    assert says_undated("Smith, Book (n.d.).") and says_undated("Verlag X, o. J.")
    assert not says_undated("Smith and Dunn, 2001.")


# --- short forms --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surname", "title", "page"),
    [
        ("Lessing, 239.", "lessing", (), True),
        ("Wu et al., 7.", "wu", (), True),
        ("Smith and Jones, 45-47.", "smith", (), True),
        ("van der Berg, p. 3.", "berg", (), True),
        ("Lessing, “Code,” 12.", "lessing", ("code",), True),
        ("Smith, Short Title, 12.", "smith", ("short", "title"), True),
        ("Smith, Code.", "smith", ("code",), False),
    ],
)
def test_short_forms_are_read(text: str, surname: str, title: tuple[str, ...], page: bool) -> None:
    short = parse_short_form(text)
    assert short is not None
    assert (short.surname, short.title_words, short.has_page) == (surname, title, page)


@pytest.mark.parametrize(
    "text",
    [
        "Smith, 2019.",
        "Smith 12.",
        "The figure excludes Scotland.",
        "Smith.",
        "See https://x.org/a, 3.",
    ],
)
def test_not_short_forms(text: str) -> None:
    assert parse_short_form(text) is None


def test_a_short_form_finds_the_latest_full_citation_of_its_author_and_title() -> None:
    got = sources(
        "Ann Smith, Harbours (London: Dock Press, 1990), 4.",
        "Ann Smith, Rivers and Canals (London: Dock Press, 2004), 9.",
        "Smith, Harbours, 12.",
        "Smith, 40.",
    )
    third, fourth = got[2].citations[0], got[3].citations[0]
    assert (third.short_form, third.inherited_from, third.inherited_date) == (
        True,
        "1",
        PartialDate(1990),
    )
    assert (fourth.short_form, fourth.inherited_from, fourth.inherited_date) == (
        True,
        "2",
        PartialDate(2004),
    )


def test_a_name_and_title_with_no_earlier_citation_is_a_full_citation() -> None:
    (only,) = sources("Smith, Code.")
    assert not only.citations[0].short_form


def test_a_later_background_citation_does_not_save_an_older_main_one() -> None:
    doc = (
        "The ministry resigned on 23 April 2003.[1]\n\n"
        "[1] Capital Herald, 23 April 2002. See also Smith, Politics of the Ministry (2004).\n"
    )
    (f,) = findings(doc, select={"DT001"})
    assert f.source_date == PartialDate(2002, 4, 23)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Harbour Conference, Proceedings, 19-21 Aug 2003.", PartialDate(2003, 8, 21)),
        ("Report 2019-2021, Council, 2022.", PartialDate(2022)),
        ("Survey of the fleet, March-May 2021.", None),
    ],
)
def test_a_range_of_days_is_a_date_a_longer_range_a_subject(
    text: str, date: PartialDate | None
) -> None:
    (source,) = sources(text)
    assert source.citations[0].publication_date == date


def test_a_url_dates_a_note_that_gives_no_date_of_its_own() -> None:
    doc = (
        "The poll came out in mid-December 2016.[1] The plant shut in 2019.[2]\n\n"
        "[1] https://www.journal.example.org/2016/12/15/many-americans-believe/\n"
        "[2] https://news.example.com/2017/03/plant-review.html\n"
    )
    got = findings(doc, select={"DT001", "DT004"})
    assert [(f.code, f.footnote) for f in got] == [("DT001", "2")]
    assert "is dated 2017-03 (from its URL)" in got[0].message


def test_a_web_archive_capture_bounds_what_a_page_can_report() -> None:
    doc = (
        "As of 2019, the list had 40 entries.[1]\n\n"
        "[1] https://web.archive.org/web/20170704035927/http://www.example.com/list\n"
    )
    (f,) = findings(doc, select={"DT001"})
    assert f.message.startswith("note [1] is dated 2017-07-04 (archived)")


def test_a_note_contradicting_its_own_url_is_left_to_dt005() -> None:
    doc = (
        "The vote was held on August 18, 2013.[1] The senator spoke on August 22, 2013.[2]\n\n"
        '[1] Daily Ledger, "Vote held," 8/8/13, https://ledger.example.com/2013/08/18/vote-held.\n'
        "[2] Interview with the senator's aide, 8/22/12.\n"
    )
    got = findings(doc, select={"DT001", "DT005"})
    assert [(f.code, f.footnote) for f in got] == [("DT001", "2"), ("DT005", "1")]
    assert got[0].source_date == PartialDate(2012, 8, 22)  # 8/22/12 read month first


# --- the document's numeric date style, wired through the context --------------------


def test_a_document_reads_its_ambiguous_numeric_dates_the_way_its_others_decide() -> None:
    ctx = context(
        "Met on 8 March 2013.[1] Signed 9 March 2013.[2]\n\n"
        "[1] Memo, 3/4/13.\n[2] Memo, 8/22/13.\n",
        report_date=PartialDate(2014, 1, 1),
    )
    assert ctx.date_style.order == "mdy"
    assert [s.citations[0].publication_date for s in ctx.sources] == [
        PartialDate(2013, 3, 4),
        PartialDate(2013, 8, 22),
    ]


def test_a_document_in_french_reads_day_first() -> None:
    doc = "---\nlang: fr\n---\nRéunion.[^1]\n\n[^1]: Note du ministère, 3/4/2013.\n"
    ctx = context(doc, "markdown")
    assert ctx.date_style.order == "dmy"
    assert ctx.sources[0].citations[0].publication_date == PartialDate(2013, 4, 3)


def test_with_nothing_to_decide_an_ambiguous_date_keeps_its_certain_part() -> None:
    ctx = context("Met.[1]\n\n[1] Memo, 3/4/13.\n", report_date=PartialDate(2014, 1, 1))
    assert ctx.date_style.order is None
    assert ctx.sources[0].citations[0].publication_date == PartialDate(2013)


def test_two_digit_years_are_read_near_the_report_date() -> None:
    ctx = context("Met.[1]\n\n[1] Letter from the governor, 3/64.\n", report_date=PartialDate(2014))
    assert ctx.sources[0].citations[0].publication_date == PartialDate(1964, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "OECD, Economic Outlook (2012). IMF, Fiscal Monitor (2009).",
            ["OECD, Economic Outlook (2012).", "IMF, Fiscal Monitor (2009)."],
        ),
        (
            "Jones, The Vote (2016), 4, and see also Brown, Old Votes (1999).",
            ["Jones, The Vote (2016), 4", "see also Brown, Old Votes (1999)."],
        ),
        (
            "Smith, J. (2015). Ports and Power. City Press. Retrieved May 3, 2019.",
            ["Smith, J. (2015). Ports and Power. City Press. Retrieved May 3, 2019."],
        ),
    ],
)
def test_citations_end_at_a_full_stop_before_another_dated_one(
    text: str, expected: list[str]
) -> None:
    assert [c for c, _, _ in parts(text)] == expected


def test_a_year_in_an_explanatory_note_is_not_its_date() -> None:
    doc = "Sales rose in 2015.[1]\n\n[1] The firm was founded in 2009.\n"
    assert findings(doc, select={"DT001", "DT004"}) == []


def test_an_update_date_bounds_what_a_page_reports() -> None:
    doc = (
        "The plant closed in May 2016.[1]\n\n"
        "[1] Harbour Times, “Plant review,” March 3, 2012, updated May 20, 2016.\n"
    )
    assert findings(doc, select={"DT001"}) == []
    (source,) = sources("Harbour Times, “Plant review,” March 3, 2012, updated May 20, 2016.")
    assert source.citations[0].dated() == (PartialDate(2016, 5, 20), "updated")


@pytest.mark.parametrize(
    "text",
    [
        "Le Monde, 3 mars 2022. Consulté le 5 mai 2023.",
        "Der Spiegel, 3. März 2022, abgerufen am 5. Mai 2023.",
        "El País, 3 de marzo de 2022. Consultado el 5 de mayo de 2023.",
    ],
)
def test_an_access_clause_in_another_language_is_not_the_publication(text: str) -> None:
    (source,) = sources(text)
    citation = source.citations[0]
    assert (citation.publication_date, citation.access_date) == (
        PartialDate(2022, 3, 3),
        PartialDate(2023, 5, 5),
    )


def test_several_urls_date_a_citation_by_the_latest() -> None:
    doc = (
        "Both companies opened their code by November 2015.[1]\n\n"
        "[1] Microsoft's (see https://blogs.example.com/2014/11/12/net-open) and Google's "
        "(see https://blog.example.com/2015/11/tensorflow.html).\n"
    )
    assert findings(doc, select={"DT001"}) == []


def test_ibid_after_a_short_form_and_supra_note_take_the_full_citations_date() -> None:
    got = sources(
        "Doris Lessing, Going Home (London: Joseph, 1957), 12.",
        "Lessing, Going Home, 239.",
        "Ibid., 240.",
        "Cass Sunstein, Republic (Princeton: Princeton Press, 2017), 1800.",
        "Sunstein, supra note 4, at 1812.",
        "See id.",
        "Webb, page 324.",
    )
    dated = [s.citations[0].dated() for s in got]
    assert [d[0] if d else None for d in dated] == [
        PartialDate(1957),
        PartialDate(1957),
        PartialDate(1957),
        PartialDate(2017),  # 1800 is the page after the year
        PartialDate(2017),
        PartialDate(2017),
        None,  # a short form with no full citation of Webb before it
    ]
    assert got[4].citations[0].inherited_from == "4" and got[4].short_form
    assert got[5].ibid and got[6].short_form


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Smith, Harbours (2019a), 12.", PartialDate(2019)),
        ("Smith 2019b, 14.", PartialDate(2019)),
        ("Smith and Jones 2001, 3.", PartialDate(2001)),
        ("Harbour Office, station list as of July 5, 2004.", PartialDate(2004, 7, 5)),
        ("In 2009 the firm was founded.", None),  # explains: a year of what it tells
        ("Version 2019a is out.", None),
        ("Smith, J. (2014, May 12). Ports reopen. Harbour Times.", PartialDate(2014, 5, 12)),
        ("Ames, K. (2014, Sept. 3). Quays. Harbour Review.", PartialDate(2014, 9, 3)),
    ],
)
def test_author_date_and_as_of_dates(text: str, date: PartialDate | None) -> None:
    (source,) = sources(text)
    assert source.citations[0].publication_date == date


def test_the_latest_of_several_access_dates_bounds_a_citation() -> None:
    (source,) = sources(
        '"Traffic counts". Roads Agency. Archived from the original on 4 March 2015. '
        "Retrieved 3 March 2012."
    )
    assert source.citations[0].dated() == (PartialDate(2015, 3, 4), "accessed")


def test_a_german_report_reads_its_ordinal_days_signals_and_plain_notes() -> None:
    doc = (
        "---\nlang: de-DE\ndate: 2023-11-15\n---\n\n"
        "Der Hafen wurde am 7. September 2023 geschlossen.[^1] Der Rat tagte am 12.10.2023.[^2]\n\n"
        "[^1]: Hafenzeitung, 7. September 2022, abgerufen am 8. September 2023. "
        "Vgl. auch Müller, Häfen (Berlin: Hafenverlag, 2024), S. 12.\n"
        "[^2]: Protokoll des Rates vom 12.10.2023.\n"
    )
    ctx = context(doc, "markdown")
    assert [c.event_dates for c in ctx.claims] == [
        (PartialDate(2023, 9, 7),),
        (PartialDate(2023, 10, 12),),
    ]
    assert [c.role for c in ctx.sources[0].citations] == [MAIN, BACKGROUND]
    assert ctx.sources[1].citations[0].publication_date == PartialDate(2023, 10, 12)
    # The main citation is a year older than the closing: the later "Vgl." does not save it.
    (f,) = findings(doc, "markdown", select={"DT001"})
    assert (f.footnote, f.source_date) == ("1", PartialDate(2022, 9, 7))
