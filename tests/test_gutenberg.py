"""Project Gutenberg footnotes: `[Footnote N: ...]` blocks, their markers, their chapters.

The fixtures are books written for these tests: notes after the paragraphs that cite
them (one printed after a later paragraph, one with brackets inside, transcriber
notation and illustrations around them, the Project Gutenberg header and licence
around the book); notes gathered at the end of each chapter, numbered afresh in
each, one chapter missing a note; lettered and starred notes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footcheck.footnotes.engine import check_document
from footcheck.footnotes.model import Document
from footcheck.footnotes.settings import Config
from footcheck.parsers.text import parse
from tests.conftest import TODAY
from tests.test_cli import footcheck

FIXTURES = Path(__file__).parent / "fixtures" / "text"
AFTER_PARAGRAPHS = FIXTURES / "gutenberg-after-paragraphs.txt"
CHAPTERS = FIXTURES / "gutenberg-chapter-notes.txt"
LETTERED = FIXTURES / "gutenberg-lettered-starred.txt"


def read(path: Path) -> Document:
    return parse(path.read_bytes(), str(path))


def parse_text(text: str) -> Document:
    return parse(text.encode(), "book.txt")


def markers(doc: Document) -> list[tuple[str, int, int, int]]:
    return [(m.label, m.location.line, m.location.column, m.scope) for m in doc.markers]


def notes(doc: Document) -> list[tuple[str, int, int]]:
    return [(n.label, n.location.line, n.scope) for n in doc.notes]


def findings(doc: Document) -> list[tuple[str, str | None, int]]:
    config = Config(today=TODAY, ignore=frozenset({"DT004"}))
    return [(f.code, f.footnote, f.location.line) for f in check_document(doc, config).findings]


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().split("\n"), 1) if needle in line)


# --- notes after the paragraphs ---------------------------------------------------------


def test_footnotes_after_paragraphs_resolve_in_one_scope() -> None:
    doc = read(AFTER_PARAGRAPHS)
    assert [(m[0], m[1], m[3]) for m in markers(doc)] == [
        ("1", line_of(AFTER_PARAGRAPHS, "lake.[1]"), 0),
        ("2", line_of(AFTER_PARAGRAPHS, "return.[2]"), 0),
        ("3", line_of(AFTER_PARAGRAPHS, "child.[3]"), 0),
        ("4", line_of(AFTER_PARAGRAPHS, "lake.[4]"), 0),
        ("5", line_of(AFTER_PARAGRAPHS, "twice.[5]"), 0),
    ]
    assert notes(doc) == [
        (str(k), line_of(AFTER_PARAGRAPHS, f"[Footnote {k}:"), 0) for k in range(1, 6)
    ]
    assert findings(doc) == []


def test_a_footnote_runs_over_lines_and_brackets_inside_it() -> None:
    doc = read(AFTER_PARAGRAPHS)
    assert doc.notes[0].text == (
        "The fisherman was then nearly eighty years old, and had heard the story from his "
        "mother. See also the version printed in the _Lake Quarterly_ [vol. ii. p. 40], "
        "which differs in the ending."
    )
    assert doc.notes[1].text == (
        'So in the fisherman\'s telling; the other version has "waited for the thaw."'
    )
    assert doc.notes[0].location.column == 1


def test_notes_printed_after_a_later_paragraph_belong_to_the_earlier_marker() -> None:
    doc = read(AFTER_PARAGRAPHS)
    marker_two = next(m for m in doc.markers if m.label == "2")
    note_two = next(n for n in doc.notes if n.label == "2")
    sidenote = line_of(AFTER_PARAGRAPHS, "[Sidenote:")
    assert marker_two.location.line < sidenote < note_two.location.line
    assert marker_two.key == note_two.key


def test_illustrations_sidenotes_and_transcriber_notation_are_no_notes_or_markers() -> None:
    doc = read(AFTER_PARAGRAPHS)
    text = " ".join(p.text for p in doc.paragraphs)
    assert "[Illustration: THE MILL AT DUSK. [From a sketch by the author.]]" in text
    assert "[Sidenote: The return.]" in text
    assert "K[=a]nowa" in text and "Tol[)e]mi" in text
    assert "[those of the east shore]" in text
    assert '["Lake Quarterly," vol. ii. No. 3, pp. 40, 41.]' in text
    assert len(doc.notes) == 5


def test_the_project_gutenberg_header_and_licence_are_neither_body_nor_notes() -> None:
    doc = read(AFTER_PARAGRAPHS)
    text = " ".join(p.text for p in doc.paragraphs)
    assert "www.gutenberg.org" not in text and "General Terms of Use" not in text
    assert "Transcriber's note" in text
    assert len(doc.markers) == 5  # the [1] of the header and the [2] of the licence are out


def test_latin_1_with_crlf_reads_the_same() -> None:
    source = AFTER_PARAGRAPHS.read_text().replace("K[=a]nowa", "Kånowa")
    data = source.replace("\n", "\r\n").encode("latin-1")
    doc = parse(data, "book.txt")
    assert [m.label for m in doc.markers] == ["1", "2", "3", "4", "5"]
    assert [n.label for n in doc.notes] == ["1", "2", "3", "4", "5"]
    assert any("Kånowa" in p.text for p in doc.paragraphs)


# --- chapters numbered afresh -----------------------------------------------------------


def test_notes_gathered_per_chapter_resolve_within_their_chapter() -> None:
    doc = read(CHAPTERS)
    assert [(m[0], m[3]) for m in markers(doc)] == [
        ("1", 0), ("2", 0), ("3", 0), ("4", 0),
        ("1", 1), ("2", 1), ("3", 1),
        ("1", 2), ("2", 2),
    ]  # fmt: skip
    assert [(n[0], n[2]) for n in notes(doc)] == [
        ("1", 0), ("2", 0), ("3", 0), ("4", 0),
        ("1", 1), ("3", 1),
        ("1", 2), ("2", 2),
    ]  # fmt: skip


def test_a_chapter_missing_a_note_reports_it_there_and_nowhere_else() -> None:
    doc = read(CHAPTERS)
    assert findings(doc) == [("FN001", "2", line_of(CHAPTERS, "single horse.[2]"))]


def test_a_book_numbered_once_through_stays_in_one_scope() -> None:
    doc = parse_text(
        "CHAPTER I\n\nA claim.[1] Another.[2]\n\n[Footnote 1: One.]\n\n[Footnote 2: Two.]\n\n"
        "CHAPTER II\n\nA third.[3]\n\n[Footnote 3: Three.]\n\n[Footnote 3: Three again.]\n"
    )
    assert {m.scope for m in doc.markers} | {n.scope for n in doc.notes} == {0}
    assert ("FN003", "3") in [(code, label) for code, label, _ in findings(doc)]


def test_a_chapter_whose_note_one_is_missing_still_starts_a_chapter() -> None:
    doc = parse_text(
        "CHAPTER I\n\nA.[1] B.[2]\n\n[Footnote 1: One.]\n\n[Footnote 2: Two.]\n\n"
        "CHAPTER II\n\nC.[1] D.[2]\n\n[Footnote 2: Two of two.]\n"
    )
    assert [(m.label, m.scope) for m in doc.markers] == [("1", 0), ("2", 0), ("1", 1), ("2", 1)]
    assert [code for code, _, _ in findings(doc)] == ["FN001"]


# --- letters and stars ------------------------------------------------------------------


def test_lettered_and_starred_footnotes_and_their_markers() -> None:
    doc = read(LETTERED)
    assert [(m[0], m[3]) for m in markers(doc)] == [
        ("A", 0), ("B", 0), ("*", 0), ("*", 1), ("C", 1),
    ]  # fmt: skip
    assert [(n[0], n[2]) for n in notes(doc)] == [("A", 0), ("B", 0), ("*", 0), ("*", 1)]
    assert doc.notes[1].text.endswith(
        "[see the map at the vestry], and the rector was paid in money."
    )
    assert findings(doc) == [("FN001", "C", line_of(LETTERED, "1881.[C]"))]


def test_letters_run_on_past_z() -> None:
    doc = parse_text("Y.[Z] Z.[AA] [USA]\n\n[Footnote Z: Last letter.]\n\n[Footnote AA: Next.]\n")
    assert [m.label for m in doc.markers] == ["Z", "AA"]
    assert [n.label for n in doc.notes] == ["Z", "AA"]


def test_letters_are_markers_only_in_a_book_with_lettered_notes() -> None:
    doc = parse_text("A claim.[1] Point [A] of the plan.\n\n[Footnote 1: One.]\n")
    assert [m.label for m in doc.markers] == ["1"]


# --- what is not a footnote, and bad input ----------------------------------------------


def test_a_text_mentioning_footnote_blocks_in_prose_is_read_the_plain_way() -> None:
    doc = parse_text("We write [Footnote 1: text] in books.[1]\n\n[1] Style guide, 2020.\n")
    assert [n.label for n in doc.notes] == ["1"]
    assert doc.notes[0].text == "Style guide, 2020."


def test_a_stray_closing_bracket_inside_a_footnote_does_not_end_it() -> None:
    doc = parse_text(
        "Body.[1] More.[2]\n\n[Footnote 1: Items a] and b] were lost\nin the fire of 1851.]\n\n"
        "[Footnote 2: One line.] Then body text.[3]\n"
    )
    assert [(n.label, n.text) for n in doc.notes] == [
        ("1", "Items a] and b] were lost in the fire of 1851."),
        ("2", "One line."),
    ]
    assert [m.label for m in doc.markers] == ["1", "2", "3"]


def test_an_unclosed_footnote_ends_with_its_paragraph() -> None:
    doc = parse_text(
        "Body.[1] More.[2]\n\n[Footnote 1: An unclosed note\nthat goes on.\n\n"
        "More body.[3]\n\n[Footnote 2: Closed.]\n"
    )
    assert [(n.label, n.text) for n in doc.notes] == [
        ("1", "An unclosed note that goes on."),
        ("2", "Closed."),
    ]
    assert [m.label for m in doc.markers] == ["1", "2", "3"]


@pytest.mark.parametrize(
    "text",
    [
        "[Footnote 1: " + "[" * 200_000,
        "[Footnote 1: x\n" * 50_000,
        ("A claim.[1]\n\n[Footnote 1: " + "y\n" * 600 + "]\n") * 20,
        "[Footnote 1: " + "]" * 200_000 + "[1]" * 10_000,
    ],
)
def test_hostile_books_are_fast(text: str) -> None:
    import time

    started = time.perf_counter()
    parse_text(text)
    assert time.perf_counter() - started < 3.0


# --- end to end -------------------------------------------------------------------------


def test_cli_reads_the_books_as_their_readers_do() -> None:
    result = footcheck(
        "check",
        str(AFTER_PARAGRAPHS),
        str(CHAPTERS),
        str(LETTERED),
        "--format",
        "json",
        "--ignore",
        "DT004",
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    files = {Path(f["path"]).name: (f["markers"], f["footnotes"]) for f in report["files"]}
    assert files == {
        AFTER_PARAGRAPHS.name: (5, 5),
        CHAPTERS.name: (9, 8),
        LETTERED.name: (5, 4),
    }
    found = [(Path(f["path"]).name, f["code"], f["footnote"]) for f in report["findings"]]
    assert found == [(CHAPTERS.name, "FN001", "2"), (LETTERED.name, "FN001", "C")]


def test_cli_show_lists_the_footnotes_as_notes() -> None:
    result = footcheck("show", str(AFTER_PARAGRAPHS), "--format", "json")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert [n["label"] for n in shown["notes"]] == ["1", "2", "3", "4", "5"]
    assert shown["notes"][4]["text"] == (
        "The tune is in the minor, as are all the songs I heard at the mill."
    )
