"""Plain text laid out the old way: indented prose (PEPs, RFCs), code examples, page furniture.

The fixtures are written for these tests: an old-PEP-style proposal (prose indented
four spaces, code examples deeper, a `References` section of `    [1] Title` with the
URL on a deeper line, then Copyright and an Emacs trailer after a form feed) and an
RFC-style memo (prose indented three spaces, numbered sections, page footers, form
feeds and running headers, references across a page break).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footcheck.footnotes.model import Document
from footcheck.parsers.layout import TextLines, prose_indent
from footcheck.parsers.text import parse
from tests.test_cli import footcheck

FIXTURES = Path(__file__).parent / "fixtures" / "text"
PEP = FIXTURES / "pep-style-tidal-gauges.txt"
RFC = FIXTURES / "rfc-style-ferry-timetables.txt"
CODE_HEAVY_PEP = FIXTURES / "pep-style-code-heavy-lenses.txt"
POINTS_PEP = FIXTURES / "pep-style-points-under-notes.txt"


def read(path: Path) -> Document:
    return parse(path.read_bytes(), str(path))


def parse_text(text: str) -> Document:
    return parse(text.encode(), "report.txt")


def markers(doc: Document) -> list[tuple[str, int, int]]:
    return [(m.label, m.location.line, m.location.column) for m in doc.markers]


def notes(doc: Document) -> list[tuple[str, int, int, str]]:
    return [(n.label, n.location.line, n.location.column, n.text) for n in doc.notes]


def position(path: Path, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the `occurrence`-th `needle` in the file."""
    found = 0
    for number, line in enumerate(path.read_text().split("\n"), 1):
        column = line.find(needle)
        while column >= 0:
            found += 1
            if found == occurrence:
                return number, column + 1
            column = line.find(needle, column + 1)
    raise AssertionError(needle)


# --- an old PEP ---------------------------------------------------------------------------


def test_pep_references_section_is_the_notes() -> None:
    doc = read(PEP)
    assert markers(doc) == [("1", *position(PEP, "[1],")), ("2", *position(PEP, "[2]:"))]
    assert notes(doc) == [
        (
            "1",
            *position(PEP, "[1] Northern"),
            'Northern Harbour Boards, "Survey of Tidal Gauges", 2019, '
            "http://harbours.example.org/survey-2019.html",
        ),
        (
            "2",
            *position(PEP, "[2] I. Calloway"),
            'I. Calloway, "Calibrating Float Gauges", Coastal Notes, April 2019.',
        ),
    ]


def test_pep_code_examples_hold_no_markers_but_keep_their_text() -> None:
    doc = read(PEP)
    text = " ".join(p.text for p in doc.paragraphs)
    assert "first = latest [1], latest [2]" in text
    assert "print >>log [1], gauge.calibration()" in text
    assert all(m.location.line in (15, 28) for m in doc.markers)


def test_pep_copyright_and_trailer_are_neither_body_nor_notes() -> None:
    doc = read(PEP)
    everything = " ".join([p.text for p in doc.paragraphs] + [n.text for n in doc.notes])
    assert "public domain" not in everything
    assert "Local Variables" not in everything
    assert "indented-text" not in everything


def test_pep_prose_indent_is_taken_off_but_columns_point_into_the_source() -> None:
    lines = PEP.read_text().split("\n")
    host = TextLines(lines)
    assert prose_indent(lines) == 4
    k = lines.index('    [1] Northern Harbour Boards, "Survey of Tidal Gauges", 2019,')
    assert host.texts[k].startswith("[1] Northern")
    assert host.location(k, 0).column == 5


# --- an RFC ------------------------------------------------------------------------------


def test_a_pep_with_more_code_than_prose_keeps_its_prose_indent() -> None:
    lines = CODE_HEAVY_PEP.read_text().split("\n")
    assert prose_indent(lines) == 4
    doc = read(CODE_HEAVY_PEP)
    assert markers(doc) == [
        ("1", *position(CODE_HEAVY_PEP, "[1] of")),
        ("2", *position(CODE_HEAVY_PEP, "[2].")),
    ]
    assert [(label, line, column) for label, line, column, _ in notes(doc)] == [
        ("1", *position(CODE_HEAVY_PEP, "[1] Optics")),
        ("2", *position(CODE_HEAVY_PEP, "[2] Record")),
        ("3", *position(CODE_HEAVY_PEP, "[3] An early")),
    ]
    assert notes(doc)[0][3] == (
        "Optics for record types, a survey (2014), http://optics.example.org/survey.html"
    )


def test_indented_references_under_a_flush_left_heading_are_notes() -> None:
    doc = parse_text(
        "The council approved the budget in 2020 after a long debate.[1]\n"
        "It was revised once the auditors had finished their work.[2]\n\n"
        "References\n\n"
        "    [1] Council minutes, 2020.\n"
        "    [2] Audit report, 2020,\n        http://audit.example.org/2020\n\n"
        "Copyright\n\n    Placed in the public domain.\n"
    )
    assert [m.label for m in doc.markers] == ["1", "2"]
    assert notes(doc) == [
        ("1", 6, 5, "Council minutes, 2020."),
        ("2", 7, 5, "Audit report, 2020, http://audit.example.org/2020"),
    ]


def test_a_numbered_list_under_a_notes_lead_in_mid_pep_is_body() -> None:
    doc = read(POINTS_PEP)
    assert doc.notes == ()
    assert markers(doc) == [("3", *position(POINTS_PEP, "[3]"))]
    text = " ".join(p.text for p in doc.paragraphs)
    assert '"add_many"' in text and "Bags were first offered" in text


def test_rfc_references_read_across_a_page_break() -> None:
    doc = read(RFC)
    assert [m[0] for m in markers(doc)] == ["1", "2", "3", "1"]
    assert markers(doc)[2] == ("3", *position(RFC, "[3]."))
    assert notes(doc) == [
        (
            "1",
            *position(RFC, "[1]  Lake"),
            'Lake Ferry Operators, "Common Timetable Format", January 2021.',
        ),
        (
            "2",
            *position(RFC, "[2]  Lakeside"),
            'Lakeside Radio Club, "Outage Report", March '
            "2021, <http://radio.example.net/outage-2021>.",
        ),
        (
            "3",
            *position(RFC, "[3]  Brandt"),
            'Brandt, O., "Timetables over Shortwave", RFC 9901, December 2020.',
        ),
    ]


def test_rfc_page_footers_and_headers_are_no_text() -> None:
    doc = read(RFC)
    everything = " ".join([p.text for p in doc.paragraphs] + [n.text for n in doc.notes])
    assert "[Page" not in everything
    assert "Ferry Timetables by Pigeon" not in everything
    assert "olive@example.net" not in everything  # the address after the references


# --- the layout rules, one by one --------------------------------------------------------


def test_a_flush_left_report_is_read_as_before() -> None:
    lines = ["A claim made in 2020 by the council of the city.[1]", "", "[1] Source, 2020."]
    host = TextLines(lines)
    assert list(host.texts) == lines and host.literal == frozenset()
    assert prose_indent(lines) == 0


def test_code_after_a_colon_holds_no_markers() -> None:
    doc = parse_text(
        "The survey found the gauges drifting in 2019.[1] The fix is written so:\n\n"
        "    readings = gauge.read()\n    first = readings [1]\n\n"
        "Notes\n\n[1] Survey, 2019.\n"
    )
    assert markers(doc) == [("1", 1, 46)]
    assert "first = readings [1]" in doc.paragraphs[1].text


def test_code_like_lines_after_any_line_hold_no_markers() -> None:
    doc = parse_text(
        "Redirection was proposed in 2000.[1] Three forms are ambiguous, e.g.\n\n"
        "    print >>i +1, 2\n    print >>a [1], 2\n    print >>f (1), 2\n\n"
        "References\n\n[1] Language manual, 2000.\n"
    )
    assert [m.label for m in doc.markers] == ["1"]


def test_an_indented_quotation_or_verse_keeps_its_markers() -> None:
    doc = parse_text(
        'The minister said:\n\n    "We will reopen the line in 2021."[1]\n\n'
        "The old song goes:\n\n     Quahbet, the giant beaver,[2]\n     swam away.\n\n"
        "[1] Hansard, 2020.\n[2] Collected songs, 1890.\n"
    )
    assert [m.label for m in doc.markers] == ["1", "2"]
    assert [n.label for n in doc.notes] == ["1", "2"]


def test_a_tab_indented_code_line_holds_no_markers() -> None:
    doc = parse_text(
        "    The statement is rebound in 2000 as shown here for the reader of it.[1]\n"
        "    The statement is rebound in 2000 as shown here for the reader of it.\n\n"
        "\tx = a [1]\n\n"
        "References\n\n    [1] Manual, 2000.\n"
    )
    assert [(m.label, m.location.line) for m in doc.markers] == [("1", 1)]
    assert notes(doc) == [("1", 8, 5, "Manual, 2000.")]


def test_a_quotation_with_a_keyword_or_verse_punctuation_keeps_its_markers() -> None:
    doc = parse_text(
        "She kept up the old songs of the valley all her life, and she taught\n"
        "them to her children and to the children of the village school. Her\n"
        "letters mention them often. Writing home from the coast in 1880, she says:\n\n"
        "    We sang in the hall after supper, and the old air[1]\n"
        "    from our childhood brought tears to every eye.\n"
        "    for the ferryman sang it too, as he did of old.\n\n"
        "The ballad she quotes in the same letter is older than the village\n"
        "itself, and the fishermen of the coast still sing it. It runs:\n\n"
        "    Over the water the lanterns burn;\n"
        "    Home the boats in the evening turn;[2]\n"
        "    If the tide is kind, they return.\n\n"
        "[1] Collected airs, 1850.\n[2] The ferryman's ballad, 1790.\n"
    )
    assert [m.label for m in doc.markers] == ["1", "2"]


def test_a_code_block_needs_code_syntax_not_only_hints() -> None:
    doc = parse_text(
        "The loader is written so, from the 2019 design:[1]\n\n"
        "    for name in names:\n        load(name, table[2])\n\n"
        "[1] Design notes, 2019.\n"
    )
    assert [m.label for m in doc.markers] == ["1"]
    assert "load(name, table[2])" in doc.paragraphs[1].text


def test_statements_a_keyword_opens_are_code() -> None:
    doc = parse_text(
        "The old script printed the gauges in 2001 like this:[1]\n\n"
        "    import gauges\n    for gauge in gauges.all:\n        print gauge[2], gauge[3]\n"
        '    print "done"\n\n'
        "[1] Script archive, 2001.\n"
    )
    assert [m.label for m in doc.markers] == ["1"]


@pytest.mark.parametrize(
    "line",
    [
        "x" * 50_000 + " = (" * 20_000,
        "x" * 100_000,
        "f(x" * 50_000,
        "a :" * 30_000,
        "    " + "[1] " * 30_000,
        "\f" * 10_000,
        "[Page " * 10_000 + "[Page 3]",
    ],
)
def test_layout_is_fast_on_hostile_lines(line: str) -> None:
    import time

    text = "Some prose of the report that is long enough to count.\n\n    " + line + "\n"
    started = time.perf_counter()
    parse_text(text * 3)
    assert time.perf_counter() - started < 2.0


# --- end to end --------------------------------------------------------------------------


def test_cli_checks_the_pep_and_the_rfc_clean() -> None:
    result = footcheck(
        "check",
        str(PEP),
        str(RFC),
        "--format",
        "json",
        "--report-date",
        "2021-03-31",
        "--ignore",
        "DT004",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    files = {Path(f["path"]).name: (f["markers"], f["footnotes"]) for f in report["files"]}
    assert files == {PEP.name: (2, 2), RFC.name: (4, 3)}
    assert report["findings"] == []
