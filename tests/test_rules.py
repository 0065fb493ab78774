"""Every rule on its documented examples, and on the hard cases around it."""

from __future__ import annotations

import pytest

from footcheck.footnotes.model import PartialDate, Severity
from footcheck.footnotes.rules import RULES, lookup
from tests.conftest import codes, context, findings

RULE_IDS = [r.code for r in RULES]


def test_registry_matches_the_contract() -> None:
    expected = {
        "FN001": ("missing-footnote", Severity.ERROR),
        "FN002": ("unused-footnote", Severity.WARNING),
        "FN003": ("duplicate-footnote-label", Severity.ERROR),
        "FN004": ("footnote-order", Severity.WARNING),
        "FN005": ("empty-footnote", Severity.WARNING),
        "CT001": ("duplicate-citation", Severity.WARNING),
        "DT001": ("source-predates-claim", Severity.ERROR),
        "DT002": ("source-after-report", Severity.ERROR),
        "DT003": ("invalid-date", Severity.ERROR),
        "DT004": ("undated-source", Severity.INFO),
        "DT005": ("url-date-mismatch", Severity.WARNING),
        "DT006": ("access-before-publication", Severity.WARNING),
        "FN006": ("orphan-notes-file", Severity.INFO),
        "CT002": ("outlet-mismatch", Severity.INFO),
        "CT003": ("inconsistent-source-date", Severity.WARNING),
        "SUP001": ("unused-suppression", Severity.INFO),
    }
    assert {r.code: (r.name, r.severity) for r in RULES} == expected


@pytest.mark.parametrize("code", RULE_IDS)
def test_rule_docs_have_every_section(code: str) -> None:
    rule = lookup(code)
    assert rule is not None
    for section in ("What it does", "Why is this bad?", "Example", "Use instead"):
        assert f"\n{section}\n" in rule.doc, section
    assert rule.examples("Example") and rule.examples("Use instead")


@pytest.mark.parametrize("code", RULE_IDS)
def test_a_rule_with_a_fix_declares_its_safety_as_fix_does(code: str) -> None:
    from footcheck.footnotes.fixes.run import FIXES

    rule = lookup(code)
    assert rule is not None
    if code not in FIXES:
        assert "\nFix safety\n" not in rule.doc
        return
    section = rule.doc.split("\nFix safety\n", 1)[1].lstrip("-\n")
    assert section.startswith(FIXES[code].capitalize())  # "Safe" or "Unsafe"
    assert ("--unsafe" in section) == (FIXES[code] == "unsafe")


@pytest.mark.parametrize("code", RULE_IDS)
def test_documented_example_fails(code: str) -> None:
    rule = lookup(code)
    assert rule is not None
    for fmt, text in rule.examples("Example"):
        got = [f.code for f in findings(text, fmt)]
        assert code in got, (fmt, text, got)


@pytest.mark.parametrize("code", RULE_IDS)
def test_documented_fix_passes(code: str) -> None:
    rule = lookup(code)
    assert rule is not None
    for fmt, text in rule.examples("Use instead"):
        got = [(f.code, f.message) for f in findings(text, fmt)]
        assert all(c != code for c, _ in got), (fmt, text, got)
        # The fix is clean: nothing but information is left.
        assert all(f.severity is Severity.INFO for f in findings(text, fmt)), got


# --- FN001 missing-footnote -------------------------------------------------


def test_missing_note_is_reported_at_the_marker() -> None:
    got = findings(
        """
        First claim.[1] Second claim.[2]

        [1] Source A, 2020.
        """
    )
    fn001 = [f for f in got if f.code == "FN001"]
    assert [(f.footnote, f.location.line, f.location.column) for f in fn001] == [("2", 1, 30)]


def test_marker_inside_a_note_pointing_nowhere_is_missing() -> None:
    got = codes(
        """
        Claim.[1]

        [1] Source A, 2020; see also [4].
        """,
        select={"FN001"},
    )
    assert got == [("FN001", "4")]


# --- FN002 unused-footnote --------------------------------------------------


def test_note_cited_only_from_another_note_is_used() -> None:
    got = codes(
        """
        Claim.[1]

        [1] Source A, 2020, as summarised in [2].
        [2] Source B, 2021.
        """,
        select={"FN002"},
    )
    assert got == []


def test_label_defined_twice_is_fn003_alone() -> None:
    got = codes(
        """
        Nothing cites the note.

        [1] Source A, 2020.
        [1] Source B, 2021.
        """,
        select={"FN002", "FN003"},
    )
    assert got == [("FN003", "1")]


# --- FN004 footnote-order ---------------------------------------------------


@pytest.mark.parametrize(
    ("order", "flagged"),
    [
        ("1 2 3 5 4", "5"),
        ("1 2 3 5", "5"),
        ("2 3", None),  # numbering that continues from an earlier chapter
        ("154 155 156 155", None),
        ("154 156 155", "156"),
        ("2 3 1", "2"),  # the file's own notes start at 1
        ("1 2 1 3", None),
        ("1 2 3", None),
        ("1 3 2", "3"),
    ],
)
def test_first_marker_out_of_sequence(order: str, flagged: str | None) -> None:
    labels = order.split()
    body = " ".join(f"Claim {i}.[{n}]" for i, n in enumerate(labels))
    notes = "\n".join(f"[{n}] Source {n}, 2020." for n in sorted(set(labels), key=int))
    got = codes(f"{body}\n\n{notes}\n", select={"FN004"})
    assert got == ([("FN004", flagged)] if flagged else [])


def test_order_ignores_non_numeric_markdown_labels() -> None:
    got = codes(
        """
        One.[^1] Two.[^imf] Three.[^2]

        [^1]: A, 2020.
        [^imf]: B, 2020.
        [^2]: C, 2020.
        """,
        "markdown",
        select={"FN004"},
    )
    assert got == []


# --- FN005 empty-footnote ---------------------------------------------------


def test_note_of_punctuation_only_is_empty() -> None:
    got = codes("Claim.[1] Other.[2]\n\n[1] -\n[2] Source, 2020.\n", select={"FN005"})
    assert got == [("FN005", "1")]


# --- CT001 duplicate-citation -----------------------------------------------


def test_duplicate_after_normalising_quotes_case_and_dates() -> None:
    got = findings(
        """
        One.[1] Two.[2]

        [1] Reuters, “Talks Resume,” March 3, 2023.
        [2] reuters, "Talks resume", 3 March 2023
        """,
        select={"CT001"},
    )
    assert [(f.footnote, f.related) for f in got] == [("2", ("1",))]
    assert got[0].hint == "cite [1] again instead"


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("https://www.example.org/report/", "http://example.org/report", True),
        ("https://example.org/a?utm_source=x&id=3", "https://example.org/a?id=3", True),
        ("https://example.org/a?fbclid=abc", "https://example.org/a", True),
        ("https://example.org/a#part-1", "https://example.org/a#part-2", False),
        ("https://example.org/a", "https://example.org/b", False),
    ],
)
def test_url_normalisation(first: str, second: str, same: bool) -> None:
    got = codes(
        f"One.[1] Two.[2]\n\n[1] Ministry page, {first}\n[2] Ministry page, {second}\n",
        select={"CT001"},
    )
    assert got == ([("CT001", "2")] if same else [])


def test_chapters_numbered_afresh_in_one_file_each_give_a_source_in_full() -> None:
    text = (
        "CHAPTER I.\n\nThe river rose.[1] The dam held.[2]\n\n"
        "[1] Parish register, 1820.\n[2] Gulf Observer, July 22, 2021.\n\n"
        "CHAPTER II.\n\nThe mill closed.[1] The town grew.[2] Again.[3]\n\n"
        "[1] Gulf Observer, July 22, 2021.\n[2] Town minutes, 1830.\n"
        "[3] Town minutes, 1830.\n"
    )
    # Chapter II's [1] repeats chapter I's [2]: not a duplicate there; its [3] is.
    assert codes(text, select={"CT001"}) == [("CT001", "3")]


def test_access_dates_do_not_make_sources_different() -> None:
    got = codes(
        """
        One.[1] Two.[2]

        [1] Ministry, Budget 2023, https://example.org/b (accessed May 1, 2024).
        [2] Ministry, Budget 2023, https://example.org/b (accessed June 3, 2024).
        """,
        select={"CT001"},
    )
    assert got == [("CT001", "2")]


def test_ibid_and_different_pages_are_not_duplicates() -> None:
    got = codes(
        """
        One.[1] Two.[2] Three.[3] Four.[4]

        [1] A. Author, The Long Road (City Press, 2019), p. 4.
        [2] Ibid.
        [3] Ibid.
        [4] A. Author, The Long Road (City Press, 2019), p. 9.
        """,
        select={"CT001"},
    )
    assert got == []


def test_one_note_can_be_a_duplicate_and_predate_its_claim() -> None:
    got = codes(
        """
        Talks began in May 2020.[1] They ended on June 2, 2021.[2]

        [1] Wire, April 1, 2021.
        [2] Wire, April 1, 2021.
        """,
        select={"CT001", "DT001"},
    )
    assert sorted(got) == [("CT001", "2"), ("DT001", "2")]


# --- DT001 source-predates-claim --------------------------------------------


def test_year_typo_is_flagged_with_the_hint() -> None:
    got = findings(
        "The last meeting was on September 7, 2023.[3]\n\n[3] Nnc, September 7, 2022.\n",
        select={"DT001"},
    )
    assert len(got) == 1
    f = got[0]
    assert (f.footnote, f.claim_date, f.source_date) == (
        "3",
        PartialDate(2023, 9, 7),
        PartialDate(2022, 9, 7),
    )
    assert f.message == (
        "note [3] is dated 2022-09-07 (published), before the event it supports (2023-09-07); "
        "same day and month: probably a year typo"
    )


@pytest.mark.parametrize(
    ("claim", "note"),
    [
        ("The port reopened on June 2, 2022.", "Harbour notice, June 30, 2022."),  # later
        ("The port reopened in March 2023.", "Harbour notice, 2023."),  # common precision
        ("The port reopened in 2023.", "Harbour notice, March 2023."),
        ("The port will reopen in 2025.", "Harbour notice, 2023."),  # future
        ("The port is scheduled to reopen on 1 May 2025.", "Harbour plan, 2024."),
        ("The levy took effect on 1 January 2019.", "Finance Act 2018, 12 July 2018."),
        ("The port reopened.", "Harbour notice, 2019."),  # no event date
        ("The port reopened in 2023.", "Harbour notice (accessed 2024)."),  # no publication date
        ("The port reopened in 2023.", "Harbour notice, February 30, 2022."),  # invalid: not used
    ],
)
def test_date_pairs_that_are_not_flagged(claim: str, note: str) -> None:
    assert codes(f"{claim}[1]\n\n[1] {note}\n", select={"DT001"}) == []


@pytest.mark.parametrize(
    ("claim", "note", "event", "source"),
    [
        ("The port reopened in March 2023.", "Harbour notice, 2022.", "2023-03", "2022"),
        ("In 2019 and again in 2021, the port flooded.", "Almanac, 2020.", "2021", "2020"),
        ("Since 2015 the port has grown.", "Survey, 2014.", "2015", "2014"),
        (
            "Between 2019 and 2023 the port doubled.",
            "Survey, June 2022.",
            "2023",
            "2022-06",
        ),
    ],
)
def test_date_pairs_that_are_flagged(claim: str, note: str, event: str, source: str) -> None:
    got = findings(f"{claim}[1]\n\n[1] {note}\n", select={"DT001"})
    assert [
        (f.claim_date and f.claim_date.iso(), f.source_date and f.source_date.iso()) for f in got
    ] == [(event, source)]


def test_claim_stops_at_the_previous_marker() -> None:
    got = codes(
        "Founded in 1990,[1] the agency now employs 400 staff.[2]\n\n"
        "[1] History, 1995.\n[2] Staff list, 1989.\n",
        select={"DT001"},
    )
    assert got == []


def test_ibid_is_dated_by_its_antecedent_or_its_own_date() -> None:
    text = """
        Signed in 2019.[1] Ratified in March 2020.[2] Repealed on 13 October 2021.[3]

        [1] Treaty Office, 2019.
        [2] Ibid.
        [3] Ibid., 13 October 2021.
        """
    assert codes(text, select={"DT001"}) == [("DT001", "2")]


def test_access_date_is_not_the_publication_date() -> None:
    got = codes(
        "The office opened on 5 May 2023.[1]\n\n"
        "[1] City Office, press release, 5 May 2021 (accessed 6 May 2023).\n",
        select={"DT001"},
    )
    assert got == [("DT001", "1")]


# --- DT002 source-after-report ----------------------------------------------


def test_note_after_the_given_report_date() -> None:
    text = "Prices rose in 2023.[1]\n\n[1] Stats Office, March 2024.\n"
    assert codes(text, select={"DT002"}, report_date=PartialDate(2024, 2, 1)) == [("DT002", "1")]
    assert codes(text, select={"DT002"}, report_date=PartialDate(2024, 3, 1)) == []
    assert codes(text, select={"DT002"}, report_date=PartialDate(2024)) == []


def test_without_a_report_date_the_run_date_bounds_sources() -> None:
    text = "Prices rose.[1] Prices fell.[2]\n\n[1] Stats, March 2027.\n[2] Stats, March 2026.\n"
    got = findings(text, select={"DT002"})
    assert [f.footnote for f in got] == ["1"]
    assert "today (2026-11-24)" in got[0].message


def test_report_date_from_a_dateline() -> None:
    text = """
        GENEVA, Feb. 1, 2024 - Delegates met again.[1]

        [1] Conference bulletin, March 5, 2024.
        """
    assert codes(text, select={"DT002"}) == [("DT002", "1")]


def test_report_date_from_markdown_front_matter() -> None:
    text = """
        ---
        title: Quarterly note
        date: 2024-02-01
        ---
        Delegates met again.[^1]

        [^1]: Conference bulletin, March 5, 2024.
        """
    assert codes(text, "markdown", select={"DT002"}) == [("DT002", "1")]


# --- DT003 invalid-date -----------------------------------------------------


def test_invalid_dates_in_claims_and_notes() -> None:
    got = findings(
        """
        The vote was held on 31 April 2022.[1] Turnout was low.[2]

        [1] Electoral board, 2022-05-02.
        [2] Electoral board, February 29, 2023.
        """,
        select={"DT003"},
    )
    assert [(f.footnote, f.location.line) for f in got] == [("1", 1), ("2", 4)]


def test_valid_leap_day_is_fine() -> None:
    assert (
        codes("Held on February 29, 2024.[1]\n\n[1] Board, March 1, 2024.\n", select={"DT003"})
        == []
    )


# --- DT004 undated-source ---------------------------------------------------


def test_undated_note_is_information() -> None:
    got = findings(
        "Claim.[1] Other.[2]\n\n[1] Interview with the author.\n[2] Ibid.\n", select={"DT004"}
    )
    # The "Ibid." repeats the undated source of [1]: said once, at [1].
    assert [(f.footnote, f.severity) for f in got] == [("1", Severity.INFO)]


@pytest.mark.parametrize(
    ("event", "source", "hint"),
    [
        (
            PartialDate(2023, 9, 7),
            PartialDate(2022, 9, 7),
            "same day and month: probably a year typo",
        ),
        (
            PartialDate(2023, 9, 7),
            PartialDate(2013, 9, 7),
            "same day and month: probably a year typo",
        ),
        (PartialDate(2023, 9), PartialDate(2021, 9, 3), "same month: possibly a year typo"),
        (PartialDate(2023, 12), PartialDate(2019, 12), None),  # two digits, four years
        (
            PartialDate(2020, 5, 1),
            PartialDate(2019, 5, 1),
            "same day and month: probably a year typo",
        ),
        (PartialDate(2023, 9, 7), PartialDate(2022, 9, 8), None),
        (PartialDate(2023), PartialDate(2022), None),
    ],
)
def test_year_typo_hint(event: PartialDate, source: PartialDate, hint: str | None) -> None:
    from footcheck.footnotes.rules.source_predates_claim import typo_hint

    assert typo_hint(event, source) == hint


def test_dates_set_in_advance_with_until_and_through_are_not_events() -> None:
    text = """
        In May 2023 the Council extended the mandate until 31 May 2024.[1] The program was
        funded through December 2023.[2]

        [1] Security Council, resolution 2690 (2023), 30 May 2023.
        [2] Ministry of Finance, budget law, 15 December 2021.
        """
    assert codes(text, select={"DT001"}, report_date=PartialDate(2024, 6, 1)) == []


def test_missing_note_hint_shows_the_gap() -> None:
    got = findings(
        "A.[1] B.[2] C.[3] D.[5] E.[6]\n\n[1] S1, 2020.\n[2] S2, 2020.\n[3] S3, 2020.\n"
        "[5] S5, 2020.\n[6] S6, 2020.\n[9] S9, 2020.\n",
        select={"FN001"},
    )
    assert got == []
    got = findings("A.[1] B.[4]\n\n[1] S1, 2020.\n[2] S2, 2020.\n[5] S5, 2020.\n", select={"FN001"})
    assert [f.hint for f in got] == ["the notes found are numbered 1-2, 5"]


def test_labels_differing_only_in_case_say_so_in_markdown() -> None:
    text = "Rents rose in 2022.[^Rents] Wages fell.[^w]\n\n[^rents]: Survey, 2023.\n\n[^w]: W.\n"
    got = {f.code: f.hint for f in findings(text, "markdown", select={"FN001", "FN002"})}
    assert got["FN001"] == (
        "note [rents] differs only in case: GitHub matches them, Python-Markdown and"
        " markdown-it do not; write both alike"
    )
    assert got["FN002"] is not None and got["FN002"].startswith("marker [Rents] differs only")
    plain = findings("A.[1]\n\n[2] S2, 2020.\n", select={"FN001", "FN002"})
    assert all("case" not in (f.hint or "") for f in plain)


@pytest.mark.parametrize(
    "dateline",
    ["WASHINGTON, Feb. 1, 2024 -", "LONDON, 1 February 2024 —", "KYIV, Feb. 1, 2024 (Wire) -"],
)
def test_a_datelines_date_is_not_the_first_sentences_event(dateline: str) -> None:
    text = f"{dateline} Ministers met yesterday.[1]\n\n[1] Wire report, 31 January 2024.\n"
    got = findings(text)
    assert got == []
    ctx_claim = context(text).claims[0]
    assert ctx_claim.text == "Ministers met yesterday."
    assert ctx_claim.event_dates == (PartialDate(2024, 1, 31),)


@pytest.mark.parametrize("given", [PartialDate(2024, 2, 1), None])
def test_a_dateline_is_cut_from_claims_whatever_gives_the_report_date(
    given: PartialDate | None,
) -> None:
    text = "WASHINGTON, Feb. 1, 2024 - Prices rose in 2023.[1]\n\n[1] Wire, December 3, 2023.\n"
    assert findings(text, report_date=given) == []
    md = "---\ndate: 2024-02-01\n---\nWASHINGTON, Feb. 1, 2024 - Prices rose in 2023.[^1]\n\n"
    assert findings(md + "[^1]: Wire, December 3, 2023.\n", "markdown") == []


def test_a_declared_update_extends_the_report_date_for_sources() -> None:
    page = (
        '<html><head><script type="application/ld+json">{"datePublished": "2003-05-01",'
        ' "dateModified": "2024-04-01"}</script></head><body>'
        '<p>Claim.<sup id="r1"><a href="#n1">1</a></sup> Other.<sup id="r2"><a href="#n2">2</a>'
        '</sup></p><ol><li id="n1"><a href="#r1">^</a> Source, 2020.</li>'
        '<li id="n2"><a href="#r2">^</a> Source, 2025.</li></ol></body></html>'
    )
    got = findings(page, "html", select={"DT002"})
    assert [(f.footnote, f.message) for f in got] == [
        (
            "2",
            "note [2] is dated 2025 (published), after the report's last update (2024-04-01); "
            "check the year",
        )
    ]
    assert context(page, "html").report_date == PartialDate(2003, 5, 1)
