"""The HTML reader on a notes chapter: a page of notes that other chapters link into.

GitBook and Jekyll books and Word-exported reports keep their notes in a chapter of
their own, under a heading that names notes, with no marker on the page: an ordered
list, or paragraphs numbered as text, in a `<sup>` or in an id. The heading makes
them notes; a page with markers, or a list under another heading, reads as before.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from footcheck.cli import main
from footcheck.footnotes.model import Document
from footcheck.parsers.html.reader import parse


def page(body: str) -> Document:
    return parse(f"<html><body>\n{body}\n</body></html>".encode(), "notes.html")


def notes(doc: Document) -> list[tuple[str, str]]:
    return [(n.label, n.text) for n in doc.notes]


def body(doc: Document) -> str:
    return " ".join(p.text for p in doc.paragraphs)


HARBOUR = "Harbour board minutes, March 3, 1931."
TIDES = "Tide tables, 1913."
BOTH = [("1", HARBOUR), ("2", TIDES)]


# --- the forms of a notes chapter ---------------------------------------------------------


def test_an_ordered_list_under_a_notes_heading() -> None:
    doc = page(f'<h1>Notes</h1>\n<ol>\n<li id="1">{HARBOUR}</li>\n<li id="2">{TIDES}</li>\n</ol>')
    assert notes(doc) == BOTH
    assert doc.markers == ()
    assert body(doc) == "Notes"
    # Each note where its item starts.
    assert [(n.location.line, n.location.column) for n in doc.notes] == [(4, 1), (5, 1)]
    # The notes are no longer body text whose first date is taken for the report's.
    assert doc.report_date is None


@pytest.mark.parametrize(
    "paragraph",
    [
        '<p id="fn{n}"><sup>{n}</sup> {text}</p>',  # the number in a <sup>
        '<p><a id="n{n}"></a>{n}. {text}</p>',  # as text, after an anchor
        "<p>[{n}] {text}</p>",
        "<p>{n}) {text}</p>",
        '<p id="note-{n}">{text}</p>',  # only in the id
        '<p><a name="endnote-{n}"></a>{text}</p>',
        '<p id="{n}">{text}</p>',
        '<div id="fn:{n}"><p>{text}</p></div>',
    ],
)
def test_numbered_paragraphs_under_a_notes_heading(paragraph: str) -> None:
    items = "\n".join(paragraph.format(n=n, text=t) for n, t in BOTH)
    doc = page(f'<h2 id="notes">Notes</h2>\n{items}')
    assert notes(doc) == BOTH
    assert doc.markers == ()
    assert body(doc) == "Notes"


def test_a_shown_number_labels_the_note_before_its_id() -> None:
    doc = page(f'<h2>Endnotes</h2><p id="fn7"><sup>3</sup> {HARBOUR}</p>')
    assert notes(doc) == [("3", HARBOUR)]


def test_lists_count_from_their_start_and_their_items_values() -> None:
    doc = page(
        f'<h1>Notes</h1><ol start="5"><li>{HARBOUR}</li><li>{TIDES}</li>'
        f'<li value="9">Pilot log, 1920.</li><li>Lighthouse log, 1921.</li></ol>'
    )
    assert [label for label, _ in notes(doc)] == ["5", "6", "9", "10"]


def test_several_lists_under_one_heading() -> None:
    # GitBook splits a list around a paragraph: the paragraph stays text of the page.
    doc = page(
        f"<h1>Footnotes</h1><ol><li>{HARBOUR}</li><li>{TIDES}</li></ol>"
        '<p>The notes go on below.</p><ol start="3"><li>Pilot log, 1920.</li></ol>'
    )
    assert notes(doc) == [*BOTH, ("3", "Pilot log, 1920.")]
    assert body(doc) == "Footnotes The notes go on below."


def test_each_chapters_notes_numbered_again_are_a_sequence_of_their_own() -> None:
    doc = page(
        f"<h1>Notes</h1><h2>Chapter 1</h2><ol><li>{HARBOUR}</li><li>{TIDES}</li></ol>"
        "<h2>Chapter 2</h2><ol><li>Pilot log, 1920.</li></ol>"
    )
    assert [(n.label, n.scope) for n in doc.notes] == [("1", 0), ("2", 0), ("1", 1)]
    assert "Chapter 2" in body(doc)


def test_a_paragraph_between_two_numbered_notes_goes_on_with_the_first() -> None:
    doc = page(
        "<h2>Notes</h2><p>Sources are cited in full.</p>"
        f"<p>1. {HARBOUR}</p><p>The minutes are in the county archive.</p><p>2. {TIDES}</p>"
        "<p>Set in Garamond.</p>"
    )
    assert notes(doc) == [("1", f"{HARBOUR} The minutes are in the county archive."), ("2", TIDES)]
    # Before the first note and after the last: text of the page.
    assert body(doc) == "Notes Sources are cited in full. Set in Garamond."


def test_a_wrapper_around_the_notes_is_looked_into() -> None:
    doc = page(f'<h1>Notes</h1><div class="content"><ol><li>{HARBOUR}</li></ol></div>')
    assert notes(doc) == [("1", HARBOUR)]


# --- back-links into the chapters -----------------------------------------------------------


def test_a_back_link_to_another_file_sets_where_the_note_is_cited_from() -> None:
    doc = page(
        "<h1>Notes</h1><ol>"
        f'<li>{HARBOUR} <a href="chapter-1.html#ref1">↩</a></li>'
        f'<li><a href="chapter-2.html#ref2">2.</a> {TIDES}</li>'  # its label links back
        "</ol>"
    )
    assert notes(doc) == BOTH
    assert [n.cited_from for n in doc.notes] == ["chapter-1.html", "chapter-2.html"]
    assert doc.markers == ()


def test_word_endnotes_saved_as_a_page_of_their_own() -> None:
    doc = page(
        "<h1>Endnotes</h1>"
        f'<p class="MsoEndnoteText"><a href="report.htm#_ednref1" name="_edn1">[1]</a>'
        f" {HARBOUR}</p>"
        f'<p class="MsoEndnoteText"><a href="report.htm#_ednref2" name="_edn2">[2]</a>'
        f" {TIDES}</p>"
    )
    assert notes(doc) == BOTH
    assert {n.cited_from for n in doc.notes} == {"report.htm"}
    assert doc.markers == ()


def test_markers_written_as_text_in_the_body_cite_the_chapters_notes() -> None:
    doc = page(
        "<p>The board met on March 3, 1931.[1] The tides were charted.[2]</p>"
        f"<h2>Notes</h2><ol><li>{HARBOUR}</li><li>{TIDES}</li></ol>"
    )
    assert [m.label for m in doc.markers] == ["1", "2"]
    assert notes(doc) == BOTH
    assert "Tide tables" not in body(doc)


# --- what stays as it was ---------------------------------------------------------------------


def test_an_ordered_list_under_another_heading_is_text() -> None:
    doc = page(f"<h1>Steps</h1><ol><li>{HARBOUR}</li><li>{TIDES}</li></ol>")
    assert doc.notes == ()
    assert TIDES in body(doc)


def test_an_ordered_list_with_no_heading_is_text() -> None:
    doc = page(f"<p>We read:</p><ol><li>{HARBOUR}</li><li>{TIDES}</li></ol>")
    assert doc.notes == ()


def test_a_sub_heading_that_names_no_notes_ends_the_notes_section() -> None:
    doc = page(
        f"<h2>Notes</h2><ol><li>{HARBOUR}</li></ol>"
        f"<h2>Further reading</h2><ol><li>{TIDES}</li></ol>"
    )
    assert notes(doc) == [("1", HARBOUR)]
    assert TIDES in body(doc)


def test_unnumbered_paragraphs_and_bullets_under_a_notes_heading_are_text() -> None:
    doc = page(f"<h2>Notes</h2><p>{HARBOUR}</p><ul><li>{TIDES}</li><li>Pilot log, 1920.</li></ul>")
    assert doc.notes == ()
    assert TIDES in body(doc)


def test_bullets_that_show_a_number_are_notes() -> None:
    doc = page(
        f"<h2>Notes</h2><ul><li>1. {HARBOUR}</li><li>Not numbered.</li><li>2. {TIDES}</li></ul>"
    )
    assert notes(doc) == BOTH
    assert "Not numbered." in body(doc)


def test_a_number_that_begins_a_notes_text_is_no_label() -> None:
    doc = page("<h2>Notes</h2><p>1931 was a dry year.</p><p>1.5 m of water at low tide.</p>")
    assert doc.notes == ()


def test_a_page_with_markers_reads_its_notes_by_the_rules_of_linked_notes() -> None:
    # A marker links into the list: its items are that page's notes, labelled by their
    # markers; the list under "Further reading" is text, as it always was.
    doc = page(
        '<p>The board met.<sup><a href="#n1">1</a></sup></p>'
        f'<h2>Notes</h2><ol><li id="n1">{HARBOUR}</li><li id="n2">{TIDES}</li></ol>'
        "<h2>Further reading</h2><ol><li>Pilot log, 1920.</li></ol>"
    )
    assert [m.label for m in doc.markers] == ["1"]
    assert notes(doc) == BOTH
    assert "Pilot log" in body(doc)


def test_a_plain_text_report_keeps_its_plain_notes() -> None:
    # Markers and notes as text: read by the plain convention, a <br> line apart.
    doc = page(
        "<p>The board met.[1] The tides rose.[2]</p>"
        f"<h2>Notes</h2><p>[1] {HARBOUR}<br>[2] {TIDES}</p>"
    )
    assert [m.label for m in doc.markers] == ["1", "2"]
    assert notes(doc) == BOTH


# --- a book of two files ------------------------------------------------------------------------


def check(*paths: Path) -> list[tuple[str, str | None]]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *map(str, paths)])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.output)
    return [(f["code"], f["footnote"]) for f in data["findings"]]


def write_book(folder: Path) -> tuple[Path, Path]:
    chapter, notes_file = folder / "chapter.html", folder / "notes.html"
    chapter.write_text(
        "<html><body><h1>The harbour</h1>\n"
        '<p>The board met on March 3, 1931.<sup><a href="notes.html#1">1</a></sup>'
        ' The tides were charted in 1913.<sup><a href="notes.html#2">2</a></sup></p>\n'
        "</body></html>\n",
        encoding="utf-8",
    )
    notes_file.write_text(
        "<html><body>\n<h1>Notes</h1>\n<ol>\n"
        f'<li id="1">{HARBOUR}</li>\n<li id="2">{TIDES}</li>\n'
        "</ol>\n</body></html>\n",
        encoding="utf-8",
    )
    return chapter, notes_file


def test_a_book_whose_notes_are_a_notes_chapter_is_clean(tmp_path: Path) -> None:
    chapter, notes_file = write_book(tmp_path)
    assert check(tmp_path) == []
    assert check(chapter) == []  # the notes chapter read for its notes
    # Alone, the notes chapter is a notes file whose chapters were not checked.
    assert [code for code, _ in check(notes_file)] == ["FN006"]


def test_a_note_the_chapters_do_not_cite_is_unused(tmp_path: Path) -> None:
    _, notes_file = write_book(tmp_path)
    text = notes_file.read_text(encoding="utf-8")
    notes_file.write_text(text.replace("</ol>", "<li>Pilot log, 1920.</li>\n</ol>"), "utf-8")
    assert check(tmp_path) == [("FN002", "3")]


# --- cost -----------------------------------------------------------------------------------------


def test_a_long_notes_chapter_costs_time_in_proportion() -> None:
    def seconds(count: int) -> float:
        items = "".join(
            f'<p id="fn{n}"><sup>{n}</sup> Source {n}, 1990.</p>' for n in range(1, count)
        )
        data = f"<html><body><h1>Notes</h1>{items}</body></html>".encode()
        start = time.perf_counter()
        doc = parse(data, "notes.html")
        elapsed = time.perf_counter() - start
        assert len(doc.notes) == count - 1
        return elapsed

    seconds(200)  # warm up
    small = min(seconds(150) for _ in range(3))
    large = min(seconds(1500) for _ in range(3))
    assert large < 20 * small
