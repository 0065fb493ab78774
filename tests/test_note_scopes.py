"""Rules over numbering scopes and notes that live in another file.

A document whose numbering restarts (notes gathered and numbered per chapter)
gives each chapter its own scope: a marker resolves to the note of its own scope.
A marker that links into another file (`Marker.target`) has its note there, and a
note whose back-link returns to another file (`Note.cited_from`) is cited there.
"""

from __future__ import annotations

import json
from pathlib import Path

from footcheck.footnotes.context import Context
from footcheck.footnotes.engine import check_document
from footcheck.footnotes.model import Document, Location, Marker, Note, Paragraph, PartialDate
from footcheck.footnotes.settings import Config

TODAY = PartialDate(2026, 12, 7)


def _doc(markers: list[Marker], notes: list[Note]) -> Document:
    paragraphs = tuple(
        Paragraph(f"Claim number {i} in 2020.", m.location, (m,)) for i, m in enumerate(markers)
    )
    return Document("book.txt", "text", paragraphs, tuple(notes))


def _found(doc: Document) -> list[tuple[str, str | None, int]]:
    checked = check_document(
        doc, Config(today=TODAY, select=frozenset({"FN001", "FN002", "FN003", "FN004"}))
    )
    return [(f.code, f.footnote, f.location.line) for f in checked.findings]


def _marker(label: str, line: int, scope: int = 0, target: str | None = None) -> Marker:
    return Marker(label, 0, Location(line), scope=scope, target=target)


def _note(label: str, line: int, scope: int = 0, cited_from: str | None = None) -> Note:
    return Note(label, f"Source {label}, 2020.", Location(line), scope=scope, cited_from=cited_from)


def test_each_chapter_resolves_its_own_notes() -> None:
    doc = _doc(
        [_marker("1", 1), _marker("2", 2), _marker("1", 10, scope=1)],
        [_note("1", 5), _note("2", 6), _note("1", 12, scope=1), _note("2", 13, scope=1)],
    )
    # Note 1 of each chapter is not a duplicate label; chapter 2's note 2 is unused.
    assert _found(doc) == [("FN002", "2", 13)]


def test_a_marker_finds_no_note_in_another_chapter() -> None:
    doc = _doc(
        [_marker("1", 1), _marker("2", 10, scope=1)],
        [_note("1", 5), _note("2", 6)],
    )
    found = _found(doc)
    assert ("FN001", "2", 10) in found
    assert ("FN002", "2", 6) in found


def test_a_label_defined_twice_in_one_chapter_is_still_a_duplicate() -> None:
    doc = _doc([_marker("1", 10, scope=1)], [_note("1", 12, scope=1), _note("1", 13, scope=1)])
    assert _found(doc) == [("FN003", "1", 13)]


def test_order_counts_each_chapter_on_its_own() -> None:
    doc = _doc(
        [_marker("1", 1), _marker("2", 2), _marker("1", 5, scope=1), _marker("3", 6, scope=1)],
        [_note("1", 3), _note("2", 4), _note("1", 7, scope=1), _note("3", 8, scope=1)],
    )
    assert _found(doc) == [("FN004", "3", 6)]


def test_a_marker_into_another_file_is_not_missing_here() -> None:
    doc = _doc([_marker("9", 1, target="endnotes.xhtml"), _marker("10", 2)], [])
    assert _found(doc) == [("FN001", "10", 2)]


def test_a_note_cited_from_another_file_is_not_unused() -> None:
    doc = _doc([], [_note("3", 5, cited_from="chapter-3.xhtml"), _note("4", 6)])
    assert _found(doc) == [("FN002", "4", 6)]


def test_dates_compare_within_the_markers_scope() -> None:
    text = "The meeting was on September 7, 2023."
    marker = Marker("1", len(text), Location(1), scope=1)
    paragraph = Paragraph(text, Location(1), (marker,))
    notes = (
        Note("1", "Daily News, September 7, 2024.", Location(5)),
        Note("1", "Daily News, September 7, 2022.", Location(9), scope=1),
    )
    doc = Document("book.txt", "text", (paragraph,), notes)
    ctx = Context(doc, today=TODAY)
    assert ctx.first_source_by_key[(1, "1")].note.location.line == 9
    checked = check_document(doc, Config(today=TODAY, select=frozenset({"DT001"})))
    assert [(f.code, f.location.line, f.source_date) for f in checked.findings] == [
        ("DT001", 1, PartialDate(2022, 9, 7))
    ]


def test_explain_says_where_the_count_starts() -> None:
    from tests.test_cli import footcheck

    out = footcheck("explain", "FN004").stdout
    assert "The count starts from the first label" in out
    assert "each chapter is counted on its own" in out


def test_show_names_the_file_a_marker_points_into(tmp_path: Path) -> None:
    from tests.test_cli import footcheck

    page = tmp_path / "chapter.md"
    page.write_text("The mill closed in 1921.<sup>[15](notes.md#fn15)</sup>\n")
    shown = json.loads(footcheck("show", str(page), "--format", "json").stdout)
    assert [(m["label"], m.get("target")) for m in shown["markers"]] == [("15", "notes.md")]
    console = footcheck("show", str(page), env={"COLUMNS": "200"}).stdout
    assert "(in notes.md)" in console
    assert "(no note)" not in console


def test_missing_note_hint_speaks_of_the_markers_chapter() -> None:
    doc = _doc(
        [_marker("1", 1), _marker("3", 2), _marker("1", 10, scope=1), _marker("2", 11, scope=1)],
        [_note("1", 5), _note("2", 6), _note("1", 12, scope=1)],
    )
    checked = check_document(doc, Config(today=TODAY, select=frozenset({"FN001"})))
    assert [(f.footnote, f.location.line, f.hint) for f in checked.findings] == [
        ("3", 2, "the notes found in this chapter are numbered 1-2"),
        ("2", 11, "the notes found in this chapter are numbered 1"),
    ]


def test_a_marker_inside_a_note_resolves_in_its_own_scope() -> None:
    # A Distill footnote (scope 0) citing bibliography entry 1 (scope 1).
    cite = _marker("1", 3, scope=1)
    footnote = Note("1", "As shown by the survey.", Location(3), markers=(cite,))
    entry = _note("1", 9, scope=1)
    doc = _doc([_marker("1", 3)], [footnote, entry])
    assert _found(doc) == []
