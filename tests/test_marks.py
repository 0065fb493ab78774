"""Tests for parsers.marks: the markers, note starts and notes headings of plain text."""

from __future__ import annotations

import time

import pytest

from footcheck.parsers.marks import (
    MarkerSpan,
    NoteStart,
    find_markers,
    is_notes_heading,
    is_rule_line,
    match_note_start,
    valid_label,
)


def labels(text: str) -> list[tuple[str, ...]]:
    return [span.labels for span in find_markers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[3]", [("3",)]),
        ("the berth.[12] Then", [("12",)]),
        ("[999]", [("999",)]),
        ("[2, 5]", [("2", "5")]),
        ("[2,5]", [("2", "5")]),
        ("[2; 5]", [("2", "5")]),
        ("[2-4]", [("2", "3", "4")]),
        ("[2–4]", [("2", "3", "4")]),
        ("[2 - 4]", [("2", "3", "4")]),
        ("[2, 5-7]", [("2", "5", "6", "7")]),
        ("[3][4]", [("3",), ("4",)]),
        ("claims.¹ Next", [("1",)]),
        ("claims¹²", [("12",)]),
        ("claims¹,²", [("1", "2")]),
        ("claims¹⁻³", [("1", "2", "3")]),
        ("a [1] and word²", [("1",), ("2",)]),
        ("in 2019² there", [("2",)]),
    ],
)
def test_markers(text: str, expected: list[tuple[str, ...]]) -> None:
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "[2019]",
        "[1999]",
        "[sic]",
        "[...]",
        "[…]",
        "[lalune]",
        "[^my note]",
        "[^3]",
        "[0]",
        "[01]",
        "[1000]",
        "[12345]",
        "[4-2]",
        "[3-3]",
        "[1-51]",
        "[1,]",
        "[,1]",
        "[1",
        "1]",
        "[ ]",
        "[2019, 2020]",
        "[2, 2019]",
        "[٣]",
        "10 m²",
        "10m²",
        "5 km²",
        "3 cm³",
        "40 ft²",
        "9.8 m/s²",
        "x²",
        "α + ω × x².",
        "2.5 × 10⁶",
        "10⁻³",
        "²³⁵U",
        "word⁰",
        "word⁰¹",
    ],
)
def test_not_markers(text: str) -> None:
    assert find_markers(text) == []


def test_range_cap() -> None:
    assert len(find_markers("[1-50]")[0].labels) == 50
    assert find_markers("[1-51]") == []


def test_spans_are_offsets_in_the_text() -> None:
    text = "Reach [sic] grew,[2, 5] then [3][4] and fell.¹"
    spans = find_markers(text)
    assert [text[s.start : s.end] for s in spans] == ["[2, 5]", "[3]", "[4]", "¹"]
    assert spans[0] == MarkerSpan(17, 23, ("2", "5"))


def test_bracket_and_superscript_spans_in_order() -> None:
    text = "First.¹ Second.[2] Third.³"
    assert [s.labels for s in find_markers(text)] == [("1",), ("2",), ("3",)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("[1] Alahadnews, February 1, 2024.", NoteStart("1", "bracket", 4)),
        ("   [12] Text", NoteStart("12", "bracket", 8)),
        ("[4]: Text", NoteStart("4", "bracket", 5)),
        ("[4]", NoteStart("4", "bracket", 3)),
        ("[4]   ", NoteStart("4", "bracket", 6)),
        ("1. Grain Office, 2023.", NoteStart("1", "dot", 3)),
        ("1.  Item", NoteStart("1", "dot", 4)),
        ("12.\tTab", NoteStart("12", "dot", 4)),
        ("3) Text", NoteStart("3", "paren", 3)),
        ("¹ Orrin Basin Authority", NoteStart("1", "super", 2)),
        ("¹² Text", NoteStart("12", "super", 3)),
        ("²", NoteStart("2", "super", 1)),
    ],
)
def test_note_start(line: str, expected: NoteStart) -> None:
    assert match_note_start(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "",
        "Text [1] later",
        "    [1] four spaces is code",
        "[2019] A year",
        "[0] zero",
        "[01] leading zero",
        "[1000] too big",
        "2019. The year",
        "1.5 million",
        "3.",
        "3. ",
        "2)",
        "(2) begins with 2",
        "[1]Glued",
        "[1, 2] group",
        "[sic] text",
        "²³⁵U is an isotope",
        "- 1. bullet",
    ],
)
def test_not_note_start(line: str) -> None:
    assert match_note_start(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Notes",
        "NOTES",
        "Notes:",
        "  Endnotes  ",
        "Footnotes",
        "References",
        "Sources",
        "Works cited",
        "Works  Cited:",
        "Citations",
        "Bibliography",
        "# Notes",
        "### References ###",
        "**Notes**",
        "**Notes:**",
        "**Notes**:",
        "__Sources__",
        "References and Footnotes",
        "Footnotes and References",
    ],
)
def test_notes_heading(line: str) -> None:
    assert is_notes_heading(line)


@pytest.mark.parametrize(
    "line",
    ["", "Notes on the harvest", "See the notes below.", "Sourcesx", "---", "# Background"],
)
def test_not_notes_heading(line: str) -> None:
    assert not is_notes_heading(line)


def test_rule_lines() -> None:
    assert is_rule_line("---")
    assert is_rule_line("  ======  ")
    assert is_rule_line("-" * 80)
    assert not is_rule_line("--")
    assert not is_rule_line("- item")


def test_valid_label() -> None:
    assert valid_label("1") and valid_label("999")
    assert not valid_label("0") and not valid_label("01") and not valid_label("1000")
    assert not valid_label("") and not valid_label("x")


@pytest.mark.parametrize(
    "text",
    [
        "[1" * 200_000,
        "[" * 1_000_000,
        "[" + "1" * 1_000_000,
        "[1, " * 200_000,
        "[1-" * 200_000,
        "[1" + " " * 1_000_000,
        "x" + "¹," * 300_000,
        "¹" * 1_000_000,
        "a²" * 300_000,
    ],
)
def test_hostile_input_is_fast(text: str) -> None:
    started = time.perf_counter()
    find_markers(text)
    match_note_start(text)
    is_notes_heading(text)
    assert time.perf_counter() - started < 1.5
