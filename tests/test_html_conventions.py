"""The HTML reader on the note conventions of publishing engines, one fixture each.

Each fixture in fixtures/html/conventions is a small page written the way its engine
writes one: pages whose notes were cut (reader mode), GitBook and hand-made notes
under a heading, HTMLBook as written and as rendered, WordPress's footnotes block and
plugins, Substack, littlefoot and bigfoot after their scripts ran, an EPUB chapter
with its endnotes file, and texi2any. The tests read them through the reader and,
for what an editor sees, through the command line.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from footcheck.cli import main
from footcheck.footnotes.model import Document, Marker, Note
from footcheck.parsers.html.reader import parse

FIXTURES = Path(__file__).parent / "fixtures" / "html" / "conventions"


def read(name: str) -> Document:
    return parse((FIXTURES / name).read_bytes(), name)


def markers(doc: Document) -> list[str]:
    return [m.label for m in doc.markers]


def notes(doc: Document) -> dict[str, str]:
    return {n.label: n.text for n in doc.notes}


def at(item: Marker | Note) -> tuple[int, int]:
    return (item.location.line, item.location.column)


def body(doc: Document) -> str:
    return " ".join(p.text for p in doc.paragraphs)


def check_json(*names: str) -> dict[str, object]:
    result = CliRunner().invoke(
        main, ["check", "--format", "json", *(str(FIXTURES / n) for n in names)]
    )
    assert result.exit_code in (0, 1), result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def codes(data: dict[str, object]) -> list[tuple[str, str | None]]:
    findings = data["findings"]
    assert isinstance(findings, list)
    return [(f["code"], f["footnote"]) for f in findings if f["code"].startswith("FN")]


# --- notes cut from the page: every marker stays, and is missing ------------------------


def test_reader_mode_pandoc_keeps_every_marker_at_its_element() -> None:
    doc = read("reader-mode-pandoc.html")
    # pandoc's three, a bare superscript link and a bracketed one; not "#timetable" nor
    # "#top" (a link that reads "2" but is neither superscript, bracketed nor a note's).
    assert markers(doc) == ["1", "2", "3", "4", "5"]
    assert doc.notes == ()
    # The <a> of each marker, even when its start tag runs over two lines.
    assert [at(m) for m in doc.markers] == [(7, 68), (9, 31), (11, 52), (12, 47), (12, 90)]


def test_reader_mode_pages_of_wordpress_and_substack() -> None:
    assert markers(read("reader-mode-wordpress.html")) == ["1", "2", "3"]
    assert markers(read("reader-mode-substack.html")) == ["1", "2"]


def test_reader_mode_is_one_missing_note_per_marker() -> None:
    data = check_json("reader-mode-pandoc.html")
    assert codes(data) == [("FN001", label) for label in ["1", "2", "3", "4", "5"]]


# --- notes under a heading ---------------------------------------------------------------


def test_gitbook_chapter() -> None:
    doc = read("gitbook-chapter.html")
    assert markers(doc) == ["9", "10", "11", "12"]
    # The marker into the book's footnotes chapter keeps that file, as written.
    assert [m.target for m in doc.markers] == [None, None, None, "../footnotes/README.html"]
    # <ol start="9">, and an item with its own value; "Further reading" holds no notes.
    assert notes(doc) == {
        "9": "County water register, entry 114, 1998.",
        "10": "Renewal notice, 4 June 2019.",
        "11": "Interview with the farm manager, 2021.",
        "13": "A note that nothing in this chapter cites.",
    }
    assert "Water law primer" in body(doc)
    assert "Grazing" not in body(doc)  # the book's navigation


def test_gitbook_chapter_findings() -> None:
    # Only the item nothing cites; the marker into another file is the next issue's.
    assert codes(check_json("gitbook-chapter.html")) == [("FN002", "13")]


def test_gitbook_legacy_footnotes_lose_the_dot_after_their_label() -> None:
    doc = read("gitbook-legacy.html")
    assert markers(doc) == ["1", "2"]
    assert notes(doc) == {
        "1": "County water register, entry 114, 1998.",
        "2": "Renewal notice, 4 June 2019.",
    }


def test_notes_as_paragraphs_under_an_endnotes_heading() -> None:
    doc = read("handmade-paragraphs.html")
    assert markers(doc) == ["1", "2", "3"]
    assert notes(doc) == {
        "1": "Harbour board minutes, 3 March 2011.",
        "2": "Coastguard incident log, 14 January 2024.",
        "3": "Letter from the engineers, 2 February 2024.",
    }
    assert "Harbour board" not in body(doc)


# --- HTMLBook ------------------------------------------------------------------------------


def test_htmlbook_as_written_numbers_its_notes_per_chapter() -> None:
    doc = read("htmlbook-source.html")
    assert [(m.label, m.scope) for m in doc.markers] == [("1", 0), ("2", 0), ("1", 0), ("1", 1)]
    assert [(n.label, n.scope, n.text) for n in doc.notes] == [
        ("1", 0, "Parish records, 1870."),
        ("2", 0, "Bridge company prospectus, May 1902."),
        ("1", 1, "Turnpike trust accounts, 1821."),
    ]
    # The note's text is not the paragraph's; the marker stands where the note was.
    first = doc.paragraphs[1]
    assert first.text == "The old ford was paved in 1870. The toll bridge replaced it in 1902."
    assert first.text[: first.markers[0].offset].endswith("1870.")
    assert at(doc.markers[0]) == at(doc.notes[0]) == (7, 35)


def test_htmlbook_as_written_is_clean() -> None:
    assert codes(check_json("htmlbook-source.html")) == []


def test_htmlbook_as_rendered() -> None:
    doc = read("htmlbook-rendered.html")
    assert markers(doc) == ["1", "2"]
    assert notes(doc) == {"1": "Parish records, 1870.", "2": "Bridge company prospectus, May 1902."}


# --- WordPress -----------------------------------------------------------------------------


def test_wordpress_footnotes_block() -> None:
    doc = read("wordpress-footnotes.html")
    assert markers(doc) == ["1", "2"]
    assert notes(doc) == {
        "1": "Library board minutes, 12 September 2023.",
        "2": "Annual visitor count, published April 2024.",
    }
    assert at(doc.markers[0]) == (8, 126)


def test_easy_footnotes_links_written_with_the_full_address() -> None:
    doc = read("easy-footnotes.html")
    assert markers(doc) == ["1", "2"]
    assert notes(doc) == {
        "1": "Transport authority notice, 1 August 2022.",
        "2": "Staff newsletter, autumn 2022.",
    }
    assert at(doc.markers[0]) == (7, 144)


def test_modern_footnotes_notes_written_after_their_markers() -> None:
    doc = read("modern-footnotes.html")
    assert markers(doc) == ["1", "2", "3"]
    assert notes(doc) == {
        "1": "Court service fee schedule, April 2019.",
        "2": "Annual statistics, published 2021.",
    }
    assert doc.paragraphs[0].text == "Filing fees doubled in 2019. Applications fell the next year."
    # The third marker's note is missing from the page.
    assert codes(check_json("modern-footnotes.html")) == [("FN001", "3")]


def test_wp_footnotes_drops_the_brackets_of_its_back_link() -> None:
    doc = read("wp-footnotes.html")
    assert markers(doc) == ["1", "2"]
    assert notes(doc) == {
        "1": "Council press release, 9 April 2021.",
        "2": "Traders\u2019 association letter, 2021.",
    }


def test_footnotes_plugin_reads_the_reference_container_not_the_tooltips() -> None:
    doc = read("footnotes-plugin.html")
    assert markers(doc) == ["1", "2"]
    assert notes(doc) == {
        "1": "Parking order, January 2020.",
        "2": "Second parking order, March 2021. Visitor permits rose by a third.",
    }
    assert "Parking order" not in body(doc)  # the tooltips repeat the notes
    assert "Continue reading" not in body(doc)
    assert at(doc.markers[0]) == (6, 265)


def test_footnotes_plugin_without_its_container_reads_the_tooltips() -> None:
    page = (FIXTURES / "footnotes-plugin.html").read_text()
    cut = page[: page.index('<div class="speaker-mute')] + "</div></body></html>"
    doc = parse(cut.encode(), "cut.html")
    assert notes(doc) == {
        "1": "Parking order, January 2020.",
        "2": "Second parking order, March 2021. \u2026",
    }


# --- Substack, littlefoot, bigfoot ------------------------------------------------------


def test_substack() -> None:
    doc = read("substack.html")
    assert markers(doc) == ["1", "2"]
    assert notes(doc) == {
        "1": "Budget statement, table 4, March 2023.",
        "2": "Highways report, November 2023. A second paragraph of the same note.",
    }


def test_littlefoot_counts_each_note_once() -> None:
    doc = read("littlefoot.html")
    assert markers(doc) == ["1", "2"]  # the original references, not also the buttons
    assert notes(doc) == {"1": "Operator press release, 2016.", "2": "Route review, 2019."}
    # The open popover is a copy of note 2, not text of the page.
    assert body(doc) == "Night buses started in 2016. Two routes were added in 2019."


def test_bigfoot_buttons_carry_their_notes_when_the_originals_are_gone() -> None:
    doc = read("bigfoot-deleted.html")
    assert markers(doc) == ["1", "2"]
    assert notes(doc) == {
        "1": "Canal trust annual report, 2020.",
        "2": "Footfall count, May 2021, example.org/count.",
    }
    # The button's box does not split the sentence from its marker.
    paragraph = doc.paragraphs[-1]
    assert paragraph.text[: paragraph.markers[0].offset].endswith("resurfaced in 2020.")
    assert at(doc.markers[0]) == (6, 81)


def test_bigfoot_hiding_the_originals_counts_each_note_once() -> None:
    # bigfoot's default: the button goes before the original reference, which stays,
    # hidden by a class, as does the original note.
    doc = parse(
        b"""<html><body><p>The lock was rebuilt in 2019.<div class="bigfoot-footnote__container">
        <button class="bigfoot-footnote__button" id="fnref:1" data-footnote-number="1"
        data-bigfoot-footnote="&lt;p&gt;Lock keeper's log, 2019.&lt;/p&gt;"></button></div><sup
        id="fnref:1" class="footnote-print-only"><a href="#fn:1" rel="footnote">1</a></sup></p>
        <div class="footnotes footnote-print-only"><ol><li id="fn:1" class="footnote-print-only">
        <p>Lock keeper's log, 2019. <a href="#fnref:1" rev="footnote">&#8617;</a></p></li></ol>
        </div></body></html>""",
        "hidden.html",
    )
    assert markers(doc) == ["1"]
    assert notes(doc) == {"1": "Lock keeper's log, 2019."}


def test_many_markers_into_another_file_read_in_linear_time() -> None:
    refs = "".join(
        f'Claim {i}.<a href="endnotes.xhtml#note-{i}" epub:type="noteref">{i}</a> '
        for i in range(1, 20001)
    )
    start = time.perf_counter()
    doc = parse(f"<html><body><p>{refs}</p></body></html>".encode(), "chapter.xhtml")
    elapsed = time.perf_counter() - start
    assert len(doc.markers) == 20000
    assert {m.target for m in doc.markers} == {"endnotes.xhtml"}
    assert elapsed < 5


# --- EPUB: a chapter and its endnotes file ------------------------------------------------


def test_epub_chapter_markers_into_the_endnotes_file() -> None:
    doc = read("epub-chapter.xhtml")
    assert [(m.label, m.target) for m in doc.markers] == [
        ("4", "endnotes.xhtml"),
        ("5", "endnotes.xhtml"),
        ("*", None),
    ]
    assert notes(doc) == {"*": "Now in the county archive."}
    assert at(doc.markers[0]) == (10, 70)


def test_epub_endnotes_file_notes_cited_from_the_chapters() -> None:
    doc = read("epub-endnotes.xhtml")
    assert doc.markers == ()
    assert [(n.label, n.cited_from) for n in doc.notes] == [
        ("1", "chapter-1.xhtml"),
        ("2", "chapter-2.xhtml"),
        ("3", None),
    ]
    assert notes(doc)["2"] == "The miller\u2019s account book. Its last page is torn."
    assert at(doc.notes[0]) == (10, 5)


def test_items_of_a_notes_section_are_notes_in_a_file_without_markers() -> None:
    # The section says what its list holds, as pandoc's EPUB writer and DPUB-ARIA do,
    # though its items say nothing themselves.
    doc = parse(
        b"""<html><body><section role="doc-endnotes" epub:type="endnotes"><ol start="4">
        <li id="fn4"><p>Survey notes, 1987.
        <a href="ch2.xhtml#fnref4" role="doc-backlink">&#8617;</a></p></li>
        <li id="fn5"><p>Tide tables, 1988.</p></li></ol></section></body></html>""",
        "notes.xhtml",
    )
    assert [(n.label, n.text, n.cited_from) for n in doc.notes] == [
        ("4", "Survey notes, 1987.", "ch2.xhtml"),
        ("5", "Tide tables, 1988.", None),
    ]
    # A list that only a class calls notes is no notes on a page without markers.
    plain = parse(b'<div class="notes"><ol><li>Buy milk.</li></ol></div>', "todo.html")
    assert plain.notes == ()


def test_epub_chapter_and_endnotes_findings() -> None:
    # Checked together, the chapter's links into "endnotes.xhtml" lead to the endnotes
    # file saved as "epub-endnotes.xhtml"; it holds notes 1-3, not the chapter's 4 and
    # 5, so nothing cites it: one FN006, not an FN002 per note.
    data = check_json("epub-chapter.xhtml", "epub-endnotes.xhtml")
    assert codes(data) == [("FN001", "4"), ("FN001", "5"), ("FN006", None)]


# --- texi2any ------------------------------------------------------------------------------


def test_texi2any_heading_notes_go_on_below_their_heading() -> None:
    doc = read("texi2any.html")
    assert markers(doc) == ["3", "4"]
    assert notes(doc) == {
        "3": "Harbour board survey, 1987. The survey has a second paragraph.",
        "4": "Gauge maintenance log, 2004.",
    }
    assert "survey" not in body(doc)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.*html")))
def test_no_back_link_or_label_leaks_into_the_text(name: str) -> None:
    doc = read(name)
    for text in [p.text for p in doc.paragraphs] + [n.text for n in doc.notes]:
        for leak in ("\u21a9", "\u2191", "[]", "Continue reading", "See Footnote"):
            assert leak not in text, f"{leak!r} in {text!r}"
