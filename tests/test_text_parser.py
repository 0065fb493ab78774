"""Tests for parsers.text: body paragraphs, markers and the trailing notes block of plain text."""

from __future__ import annotations

import contextlib
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footcheck.footnotes.model import Document, DocumentError, Note
from footcheck.parsers import text as text_parser
from footcheck.parsers.text import parse

FIXTURES = Path(__file__).parent / "fixtures" / "text"


def read(name: str) -> Document:
    path = FIXTURES / name
    return parse(path.read_bytes(), str(path))


def markers(doc: Document) -> list[tuple[str, int, int]]:
    return [(m.label, m.location.line, m.location.column) for m in doc.markers]


def notes(doc: Document) -> list[tuple[str, int, str]]:
    return [(n.label, n.location.line, n.text) for n in doc.notes]


def everything(doc: Document) -> str:
    return " ".join([p.text for p in doc.paragraphs] + [n.text for n in doc.notes])


def position(source: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the `occurrence`-th `needle` in `source`."""
    index = -1
    for _ in range(occurrence):
        index = source.index(needle, index + 1)
    line = source.count("\n", 0, index) + 1
    column = index - (source.rfind("\n", 0, index) + 1) + 1
    return line, column


def assert_markers_point_at_their_tokens(doc: Document, source: str) -> None:
    lines = source.splitlines()
    for m in [*doc.markers, *(m for n in doc.notes for m in n.markers)]:
        char = lines[m.location.line - 1][m.location.column - 1]
        assert char == "[" or unicodedata.name(char).startswith("SUPERSCRIPT"), m


# --- the sample style: one paragraph per line, trailing [N] lines, boilerplate after ---------


def test_one_paragraph_per_line_with_boilerplate_after_the_notes() -> None:
    doc = read("harbour-dispatch.txt")
    source = (FIXTURES / "harbour-dispatch.txt").read_text()
    assert doc.format == "text"
    assert doc.report_date is None and dict(doc.metadata) == {}
    assert [p.location.line for p in doc.paragraphs] == [1, 2, 3, 4, 5, 6]
    assert all(p.location.column == 1 for p in doc.paragraphs)
    assert markers(doc) == [
        ("1", *position(source, "[1]")),
        ("2", *position(source, "[2]")),
        ("3", *position(source, "[3][4]")),
        ("4", *position(source, "[4]")),
        ("5", *position(source, "[5]")),
    ]
    assert markers(doc)[0] == ("1", 2, 110)
    assert notes(doc) == [
        ("1", 7, "Velmora Harbour Board, minutes of the meeting of March 1, 2024."),
        ("2", 8, "Coastal Ledger, March 2, 2024."),
        ("3", 9, "Velmora Port Authority, Master Plan 2019, chapter four."),
        (
            "4",
            10,
            "Tidewater Engineering, Survey of Sediment Movement at the Northern Mole and the "
            "Outer Channel, June 14, 2021.",
        ),
        (
            "5",
            12,
            "Cooperative of Velmora Fishers, open letter to the harbour board, addressed to the "
            "secretary and copied to the regional council, February 27, 2024.",
        ),
    ]
    assert all(n.kind == "endnote" and n.location.column == 1 for n in doc.notes)
    # The boilerplate after the last note is neither body nor note.
    assert "registered members" not in everything(doc)
    assert "Register or sign in" not in everything(doc)
    assert_markers_point_at_their_tokens(doc, source)


def test_marker_tokens_are_taken_out_of_the_text() -> None:
    doc = read("harbour-dispatch.txt")
    para = doc.paragraphs[1]
    assert para.text.endswith("after three years of debate.")
    assert para.markers[0].offset == len(para.text)
    chair = doc.paragraphs[2]
    assert 'within a decade," a claim' in chair.text
    assert chair.text[: chair.markers[0].offset].endswith('within a decade,"')
    pair = doc.paragraphs[3]
    assert [m.offset for m in pair.markers] == [len(pair.text), len(pair.text)]


def test_decoys_are_not_markers_and_stay_in_the_text() -> None:
    doc = read("harbour-dispatch.txt")
    body = " ".join(p.text for p in doc.paragraphs)
    assert "[sic]" in body and "[2019]" in body and "[...]" in body
    assert "2019" not in {m.label for m in doc.markers}


# --- blank-line style, a Notes heading, N. notes out of order, a body list -----------------


def test_numbered_notes_under_a_heading() -> None:
    doc = read("grain-memo.txt")
    source = (FIXTURES / "grain-memo.txt").read_text()
    assert [n.label for n in doc.notes] == ["1", "3", "2", "4", "5", "6"]
    assert [n.location.line for n in doc.notes] == [22, 25, 27, 29, 31, 33]
    # wrapped notes with unindented continuation lines
    assert doc.notes[0].text == (
        "Eastern District Grain Office, Harvest Report 2022, published 3 February 2023, table 7."
    )
    assert doc.notes[-1].text == (
        "Annex prepared by the secretariat, 10 October 2023. The annex also lists the bins "
        "sampled and the mould found in each."
    )
    text = everything(doc)
    assert "Circulated to council members only" not in text
    assert "Notes" not in [p.text for p in doc.paragraphs]
    assert markers(doc) == [
        ("1", *position(source, "[1]")),
        ("2", *position(source, "[2, 5]")),
        ("5", *position(source, "[2, 5]")),
        ("2", *position(source, "[2-4]")),
        ("3", *position(source, "[2-4]")),
        ("4", *position(source, "[2-4]")),
        ("6", *position(source, "[6]")),
    ]
    assert_markers_point_at_their_tokens(doc, source)


def test_body_numbered_list_is_not_notes() -> None:
    doc = read("grain-memo.txt")
    items = [p for p in doc.paragraphs if p.text[:2] in ("1.", "2.", "3.")]
    assert [p.location.line for p in items] == [13, 14, 15]
    assert items[0].text == "1. Replace the driers in the four oldest silos this winter."


def test_hard_wrapped_paragraphs_join_and_header_lines_stay_apart() -> None:
    doc = read("grain-memo.txt")
    by_line = {p.location.line: p.text for p in doc.paragraphs}
    assert by_line[3] == "TO: Regional Grain Council"
    assert by_line[4] == "DATE: 12 October 2023"
    assert by_line[7].startswith("Losses in the eastern silos rose sharply in the 2022 harvest")
    assert "when damp autumn weather" in by_line[7]
    assert by_line[7].endswith("a third of the sampled bins.")


def test_a_numbered_list_ending_a_report_is_not_notes() -> None:
    doc = read("volunteer-guide.txt")
    assert doc.notes == ()
    assert [p.location.line for p in doc.paragraphs] == [1, 3, 5, 7, 8, 9]


# --- superscripts ---------------------------------------------------------------------------


def test_superscript_markers_and_notes() -> None:
    doc = read("lake-orrin-brief.txt")
    source = (FIXTURES / "lake-orrin-brief.txt").read_text()
    assert markers(doc) == [
        ("1", *position(source, "¹")),
        ("2", *position(source, "²,³")),
        ("3", *position(source, "²,³")),
        ("4", *position(source, "⁴⁻⁶")),
        ("5", *position(source, "⁴⁻⁶")),
        ("6", *position(source, "⁴⁻⁶")),
    ]
    assert markers(doc)[0] == ("1", 3, 78)
    assert [(n.label, n.location.line) for n in doc.notes] == [
        ("1", 9),
        ("2", 10),
        ("3", 11),
        ("4", 12),
        ("5", 13),
        ("6", 14),
    ]
    assert doc.notes[4].text == "Ibid."
    body = doc.paragraphs[1].text
    assert "41 km² by" in body and "3 m³ of water" in body
    assert "Sources" not in [p.text for p in doc.paragraphs]
    assert_markers_point_at_their_tokens(doc, source)


# --- duplicates, empty notes, no notes, empty file ------------------------------------------


def test_duplicate_labels_are_both_kept_and_an_empty_note_is_kept() -> None:
    doc = read("fenwick-trust.txt")
    assert [(n.label, n.location.line) for n in doc.notes] == [
        ("1", 7),
        ("2", 8),
        ("3", 9),
        ("3", 10),
        ("4", 11),
    ]
    assert doc.notes[2].text == "Friends of Fenwick Library, newsletter, winter 2023."
    assert doc.notes[3].text == 'Fenwick Gazette, "Library gifts down", 9 January 2024.'
    assert doc.notes[4] == Note("4", "", doc.notes[4].location)
    assert [m.label for m in doc.markers] == ["1", "2", "3", "4"]


def test_markers_without_notes() -> None:
    doc = read("allotment-minutes.txt")
    assert doc.notes == ()
    assert [p.location.line for p in doc.paragraphs] == [1, 2, 3]
    assert markers(doc) == [("1", 2, 59), ("2", 3, 44)]


def test_empty_file() -> None:
    for data in (b"", (FIXTURES / "empty.txt").read_bytes(), b"\n\n  \n"):
        doc = parse(data, "empty.txt")
        assert doc.paragraphs == () and doc.notes == ()


# --- smaller cases, inline ------------------------------------------------------------------


def parse_text(source: str) -> Document:
    return parse(source.encode(), "inline.txt")


def test_crlf_and_trailing_newline() -> None:
    doc = parse_text("Claim one.[1]\r\nClaim two.[2]\r\n[1] Source A.\r\n[2] Source B.\r\n")
    assert [p.location.line for p in doc.paragraphs] == [1, 2]
    assert notes(doc) == [("1", 3, "Source A."), ("2", 4, "Source B.")]


def test_indented_lines_continue_the_last_note() -> None:
    doc = parse_text("A claim.[1]\n[1] Source, part one,\n    part two.\nSubscribe today.\n")
    assert notes(doc) == [("1", 2, "Source, part one, part two.")]
    assert "Subscribe" not in everything(doc)


def test_short_last_note_does_not_swallow_the_next_line() -> None:
    doc = parse_text("A claim.[1]\n[1] Source, 2020\nSubscribe today\n")
    assert notes(doc) == [("1", 2, "Source, 2020")]


def test_blank_line_style_last_note_runs_to_the_blank_line() -> None:
    doc = parse_text(
        "A claim.[1] Another.[2]\n\n[1] First source.\n\n[2] Second source, wrapped\n"
        "onto a second line.\n\nAll rights reserved.\n"
    )
    assert notes(doc)[1] == ("2", 5, "Second source, wrapped onto a second line.")
    assert "All rights reserved" not in everything(doc)


def test_a_label_alone_on_its_line_takes_the_next_line() -> None:
    doc = parse_text("A claim.[1] Two.[2]\n[1]\nFirst source.\n[2]\nSecond source.\nFooter.\n")
    assert notes(doc) == [("1", 2, "First source."), ("2", 4, "Second source.")]
    assert "Footer" not in everything(doc)


def test_notes_inside_a_note_are_the_notes_markers_and_stay_in_its_text() -> None:
    doc = parse_text("A claim.[1] Another.[2]\n[1] Source.\n[2] As in [1], page 4.\n")
    assert doc.notes[1].text == "As in [1], page 4."  # what its reader sees
    assert [
        (m.label, m.offset, m.location.line, m.location.column) for m in doc.notes[1].markers
    ] == [("1", 6, 3, 11)]
    grouped = parse_text("Claim.[14]\n\n[14] Compare table 3 of [10] with table 5 of [11, 12].\n")
    assert grouped.notes[0].text == "Compare table 3 of [10] with table 5 of [11, 12]."
    assert [(m.label, m.offset) for m in grouped.notes[0].markers] == [
        ("10", 19),
        ("11", 40),
        ("12", 40),
    ]
    assert [m.label for m in doc.markers] == ["1", "2"]


def test_note_column_is_the_label_column() -> None:
    doc = parse_text("A claim.[1]\n\nNotes\n\n  [1] Source.\n")
    assert doc.notes[0].location.line == 5 and doc.notes[0].location.column == 3


def test_markdown_heading_and_paren_notes() -> None:
    doc = parse_text("A claim.[1] Two.[2]\n\n## Endnotes\n\n1) First.\n2) Second.\n")
    assert notes(doc) == [("1", 5, "First."), ("2", 6, "Second.")]
    assert [p.text for p in doc.paragraphs] == ["A claim. Two."]


def test_numbered_notes_without_heading_need_a_citation() -> None:
    cited = parse_text("A claim.[1]\n\n1. Source one.\n2. Source two.\n")
    assert [n.label for n in cited.notes] == ["1", "2"]
    uncited = parse_text("Steps:\n\n1. Mix.\n2. Bake.\n")
    assert uncited.notes == ()


def test_a_body_heading_called_footnotes() -> None:
    doc = parse_text(
        "Footnotes\n\nHere is a reference.[1]\n\n1.  A list item.[2]\n\n[1] One.\n\n[2] Two.\n"
    )
    assert [p.text for p in doc.paragraphs] == [
        "Footnotes",
        "Here is a reference.",
        "1. A list item.",
    ]
    assert notes(doc) == [("1", 7, "One."), ("2", 9, "Two.")]


def test_earlier_note_blocks_with_markers_between_are_body() -> None:
    doc = parse_text(
        "Part one.[1]\n[1] Old source.\nPart two cites [1] and [2] in a long stretch.\n"
        "[1] New one.\n[2] New two.\n"
    )
    assert [(n.label, n.location.line) for n in doc.notes] == [("1", 4), ("2", 5)]


def test_binary_data_is_a_document_error() -> None:
    with pytest.raises(DocumentError):
        parse(b"\x00\x01\x02binary", "x.txt")


# --- robustness and speed -------------------------------------------------------------------


def test_thirty_thousand_notes_parse_fast() -> None:
    body = "".join(f"Claim {i} in March 2021.[{i % 999 + 1}] More.\n" for i in range(30_000))
    tail = "".join(f"[{i % 999 + 1}] Outlet {i}, March 3, 2022.\n" for i in range(30_000))
    data = (body + tail + "Subscribe.\n").encode()
    started = time.perf_counter()
    doc = parse(data, "big.txt")
    elapsed = time.perf_counter() - started
    assert len(doc.notes) == 30_000 and len(doc.markers) == 30_000
    assert elapsed < 3.0


def test_labels_past_999_in_a_report_with_that_many_notes() -> None:
    body = "".join(f"Claim {i}.[{i}]\n" for i in range(1, 1201))
    tail = "".join(f"[{i}] Source {i}.\n" for i in range(1, 1201))
    doc = parse_text(body + "Year [2019] in passing.\n" + tail)
    assert len(doc.notes) == 1200 and doc.notes[-1].label == "1200"
    assert [m.label for m in doc.markers][-3:] == ["1199", "1200", "2019"]
    small = parse_text("In [2019] a claim.[1]\n[1] Source.\n")
    assert [m.label for m in small.markers] == ["1"]


@pytest.mark.parametrize(
    "source",
    ["[1" * 200_000, "[" * 1_000_000, "[1] x\n" * 100_000, "\n" * 500_000, "1. x\n" * 50_000],
)
def test_hostile_input_is_fast(source: str) -> None:
    started = time.perf_counter()
    parse(source.encode(), "hostile.txt")
    assert time.perf_counter() - started < 3.0


_PIECES = st.sampled_from(
    [
        "[1]",
        "[2, 3]",
        "[2-4]",
        "[2019]",
        "¹",
        "²",
        "Notes",
        "1. ",
        "2) ",
        " ",
        "    ",
        "\n",
        "\n\n",
        "\r\n",
        "text",
        "km²",
        "[",
        "]",
        "—",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_never_raises_and_markers_point_at_tokens(source: str) -> None:
    doc = parse(source.encode(), "fuzz.txt")
    normalised = source.replace("\r\n", "\n")
    assert_markers_point_at_their_tokens(doc, normalised)
    for para in doc.paragraphs:
        assert all(0 <= m.offset <= len(para.text) for m in para.markers)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(source: str) -> None:
    with contextlib.suppress(DocumentError):
        parse(source.encode("utf-8", "surrogatepass"), "fuzz.txt")


def test_module_names_its_format() -> None:
    assert text_parser.FORMAT == "text"
