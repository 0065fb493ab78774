"""Notes gathered at the end of each chapter, in the plain `[N]` convention.

A book prints a block of `[N]` notes after each chapter; `parsers/chapters.py` finds
the blocks before the last one and `parsers/scopes.py` gives each chapter its own
numbering scope when the numbers restart. The fixture is a history written for these
tests, three chapters numbered afresh under "Notes" headings.
"""

from __future__ import annotations

import json
from pathlib import Path

from footcheck.footnotes.engine import check_document
from footcheck.footnotes.model import Document, Location, Marker, Note, Paragraph
from footcheck.footnotes.settings import Config
from footcheck.parsers.scopes import scoped
from footcheck.parsers.text import parse
from tests.conftest import TODAY
from tests.test_cli import footcheck

FIXTURES = Path(__file__).parent / "fixtures" / "text"
RESTARTING = FIXTURES / "chapter-notes-restarting.txt"


def parse_text(text: str) -> Document:
    return parse(text.encode(), "book.txt")


def structural(doc: Document) -> list[tuple[str, str | None, int]]:
    config = Config(today=TODAY, select=frozenset({"FN001", "FN002", "FN003", "FN004"}))
    return [(f.code, f.footnote, f.location.line) for f in check_document(doc, config).findings]


def test_each_chapter_resolves_its_own_notes() -> None:
    doc = parse(RESTARTING.read_bytes(), str(RESTARTING))
    assert [(m.label, m.scope) for m in doc.markers] == [
        ("1", 0), ("2", 0), ("3", 0), ("1", 1), ("2", 1), ("1", 2), ("2", 2),
    ]  # fmt: skip
    assert [(n.label, n.location.line, n.scope) for n in doc.notes] == [
        ("1", 13, 0), ("2", 15, 0), ("3", 17, 0),
        ("1", 26, 1), ("2", 28, 1),
        ("1", 37, 2), ("2", 39, 2),
    ]  # fmt: skip
    assert doc.notes[3].text == "Yard ledger, May 1815."
    assert structural(doc) == []


def test_the_note_lines_and_their_headings_are_not_body() -> None:
    doc = parse(RESTARTING.read_bytes(), str(RESTARTING))
    texts = [p.text for p in doc.paragraphs]
    assert "Notes" not in texts
    assert not any(p.text.startswith(("County order", "Yard ledger")) for p in doc.paragraphs)
    assert "CHAPTER 2" in texts


def test_a_chapter_whose_notes_are_all_missing_keeps_its_fn001s() -> None:
    doc = parse_text(
        "CHAPTER I\n\nThe mill opened in 1820.[1] It closed in 1850.[2]\n\nNotes\n\n"
        "[1] Mill deeds, 1820.\n\n[2] Sale notice, 1850.\n\n"
        "CHAPTER II\n\nThe son emigrated in 1852.[1] He wrote in 1853.[2]\n\n"
        "CHAPTER III\n\nThe mill burned in 1860.[1] It was not rebuilt.[2]\n\nNotes\n\n"
        "[1] Fire report, 1860.\n\n[2] Estate map, 1862.\n"
    )
    assert structural(doc) == [("FN001", "1", 13), ("FN001", "2", 13)]


def test_a_book_numbered_once_through_keeps_one_scope() -> None:
    doc = parse_text(
        "CHAPTER I\n\nA claim.[1] Another.[2]\n\nNotes\n\n[1] One, 2001.\n\n[2] Two, 2002.\n\n"
        "CHAPTER II\n\nA third.[3] A fourth.[4]\n\nNotes\n\n[3] Three, 2003.\n\n[4] Four, 2004.\n"
    )
    assert [n.label for n in doc.notes] == ["1", "2", "3", "4"]
    assert {m.scope for m in doc.markers} | {n.scope for n in doc.notes} == {0}
    assert structural(doc) == []


def test_an_earlier_block_out_of_order_is_all_notes() -> None:
    doc = parse_text(
        "CHAPTER I\n\nOne.[1] Two.[2] Three.[3]\n\n[1] A, 2001.\n\n[3] C, 2003.\n\n"
        "[2] B, 2002.\n\nCHAPTER II\n\nFour.[1]\n\n[1] D, 2004.\n"
    )
    assert [(n.label, n.scope) for n in doc.notes] == [("1", 0), ("3", 0), ("2", 0), ("1", 1)]
    assert [m.label for m in doc.markers] == ["1", "2", "3", "1"]
    assert structural(doc) == []


def test_notes_printed_after_each_paragraph_are_each_their_paragraphs_notes() -> None:
    doc = parse_text(
        "The ferry began in 1901.[1] It ran twice a day.\n\n[1] Ferry log, 1901.\n\n"
        "The pier was rebuilt in 1910.[2]\n\n[2] Council minutes, 1910.\n\n"
        "The service ended in 1932.[3]\n\n[3] Notice of closure, 1932.\n"
    )
    assert [(n.label, n.location.line) for n in doc.notes] == [("1", 3), ("2", 7), ("3", 11)]
    assert [(m.label, m.location.line) for m in doc.markers] == [("1", 1), ("2", 5), ("3", 9)]
    assert [p.text for p in doc.paragraphs] == [
        "The ferry began in 1901. It ran twice a day.",
        "The pier was rebuilt in 1910.",
        "The service ended in 1932.",
    ]
    assert structural(doc) == []


def test_a_paragraph_opening_with_a_marker_nobody_cited_before_stays_body() -> None:
    doc = parse_text(
        "The council met in 2020.[1]\n\n[2] The second claim opens its paragraph.\n\n"
        "Notes\n\n[1] Minutes, 2020.\n\n[2] Report, 2020.\n"
    )
    assert [n.label for n in doc.notes] == ["1", "2"]
    assert [m.label for m in doc.markers] == ["1", "2"]


def test_a_references_and_a_footnotes_section_are_both_notes() -> None:
    doc = parse_text(
        "    The format was agreed in 2001 by the working group of the lake.[1]\n"
        "    A second meeting followed in 2002, as the minutes record.[2]\n\n"
        "References\n\n    [1] Working group, minutes, 2001.\n\n"
        "A further remark on the format, written much later on.[3]\n\n"
        "Footnotes\n\n    [3] A later remark, 2010.\n"
    )
    assert [n.label for n in doc.notes] == ["1", "3"]
    assert structural(doc) == [("FN001", "2", 2)]


def test_scoped_leaves_a_document_without_restarts_alone() -> None:
    marker = Marker("1", 0, Location(1))
    paragraphs = (Paragraph("Claim.", Location(1), (marker,)),)
    notes = (Note("1", "Source.", Location(3)), Note("1", "Again.", Location(5)))
    assert scoped(paragraphs, notes) == (paragraphs, notes)


def test_cli_checks_the_restarting_book_clean() -> None:
    result = footcheck("check", str(RESTARTING), "--format", "json", "--ignore", "DT004")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert (report["files"][0]["markers"], report["files"][0]["footnotes"]) == (7, 7)
    assert report["findings"] == []
