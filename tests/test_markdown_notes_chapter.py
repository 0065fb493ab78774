"""A book's notes chapter in Markdown: notes under a Notes heading, opened by their anchors.

GitBook-style books keep their notes in a chapter of their own (`notes/README.md`)
that the other chapters link into (`<sup>[3](../notes/README.md#3)</sup>`); the
notes chapter holds no markers. Its notes are paragraphs that open with an in-page
anchor and the note's number. The Notes heading is what makes them notes: the same
paragraphs anywhere else are not.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from footcheck.footnotes.model import Document
from footcheck.parsers.markdown import parse

GITBOOK_NOTES = Path(__file__).parent / "fixtures" / "books" / "gitbook" / "notes" / "README.md"
FOOTCHECK = shutil.which("footcheck", path=os.path.dirname(sys.executable)) or shutil.which(
    "footcheck"
)
NUMBERS = (1, 2, 8, 10)  # a gap kept: 8 then 10


def md(text: str) -> Document:
    return parse(text.encode("utf-8"), "notes/README.md")


def notes(doc: Document) -> list[tuple[str, str]]:
    return [(n.label, n.text) for n in doc.notes]


def anchored(opening: str, heading: str = "# Notes") -> str:
    """A chapter of paragraphs opened by `opening` (formatted with the number `n`)."""
    paragraphs = [opening.format(n=n) + f"Vane, Barges of the Fens, {n}, 1987." for n in NUMBERS]
    return f"{heading}\n\n" + "\n\n".join(paragraphs) + "\n"


EXPECTED = [(str(n), f"Vane, Barges of the Fens, {n}, 1987.") for n in NUMBERS]

OPENINGS = [
    '<a id="{n}"></a>{n}. ',
    '<a name="{n}"></a>{n}. ',
    '<a id="{n}"></a>[{n}] ',
    '<a id="{n}"></a>{n}) ',
    '<a id="{n}"></a>{n} ',  # a bare number: the label, being the anchor's number
    '<span id="fn{n}"></span>{n}. ',
    '<a id="note-{n}"></a>{n}. ',
    '<a id="{n}"></a>',  # no number shown: the id is the number
    '<span id="fn{n}"></span>',
    "[]{{#n{n}}}{n}. ",  # pandoc's empty span
    "{{: #n{n}}}\n",  # kramdown's attribute list, before its paragraph
]


@pytest.mark.parametrize("opening", OPENINGS)
def test_anchored_paragraphs_under_notes_are_the_notes(opening: str) -> None:
    doc = md(anchored(opening))
    assert notes(doc) == EXPECTED
    assert doc.markers == ()
    assert [n.location.line for n in doc.notes][:2] == [3, 5 + opening.count("\n")]


@pytest.mark.parametrize(
    "heading", ["# Notes", "## Endnotes", "Footnotes\n---------", "**Sources**"]
)
def test_each_notes_heading_makes_a_notes_chapter(heading: str) -> None:
    assert notes(md(anchored('<a id="{n}"></a>{n}. ', heading))) == EXPECTED


def test_kramdown_attribute_list_after_its_paragraph() -> None:
    doc = md("# Notes\n\nVane, Barges, 1987.\n{: #n1}\n\nMinutes, 1931.\n{: #n2}\n")
    assert notes(doc) == [("1", "Vane, Barges, 1987."), ("2", "Minutes, 1931.")]


@pytest.mark.parametrize("opening", OPENINGS)
@pytest.mark.parametrize("heading", ["# Chapter 2", "# Notes\n\nText.\n\n# Chapter 2", ""])
def test_the_same_paragraphs_elsewhere_are_not_notes(opening: str, heading: str) -> None:
    assert md(anchored(opening, heading)).notes == ()


def test_a_notes_section_runs_to_the_next_heading_of_its_rank() -> None:
    doc = md(
        "# Notes\n\n## Chapter 1\n\n<a id='1'></a>1. Vane, Barges, 1987.\n\n"
        "## Chapter 2\n\n<a id='2'></a>2. Minutes, 1931.\n\n"
        "# Appendix\n\n<a id='3'></a>3. A table of tonnage.\n"
    )
    assert notes(doc) == [("1", "Vane, Barges, 1987."), ("2", "Minutes, 1931.")]


def test_what_under_a_notes_heading_is_not_a_note() -> None:
    """An anchor that does not open its paragraph, or one that names no note and no number."""
    doc = md(
        "# Notes\n\n<a id='about'></a>These notes cite the <a id='n9'></a>county archive.\n\n"
        "<a id='1'></a>1. Vane, Barges, 1987.\n"
    )
    assert notes(doc) == [("1", "Vane, Barges, 1987.")]
    assert [p.text for p in doc.paragraphs] == ["Notes", "These notes cite the county archive."]


def test_a_bare_number_is_a_label_only_when_it_is_the_anchors() -> None:
    doc = md("# Notes\n\n<a id='n3'></a>12 barges sank, Gazette, 1930.\n")
    assert notes(doc) == [("3", "12 barges sank, Gazette, 1930.")]


def test_the_number_shown_is_the_label_whatever_the_id() -> None:
    doc = md("# Notes\n\n<a id='n1'></a>3. Vane, Barges, 1987.\n")
    assert notes(doc) == [("3", "Vane, Barges, 1987.")]


def test_label_headings_and_html_lists_under_notes() -> None:
    doc = md(
        "# Notes\n\n#### 1 {#n1}\n\nVane, Barges, 1987.\n\n"
        '<ol start="2">\n<li id="fn2">Minutes, 1931.</li>\n</ol>\n\n'
        '<ul>\n<li id="fn3">Gazette, 1930.</li>\n</ul>\n'
    )
    assert notes(doc) == [
        ("1", "Vane, Barges, 1987."),
        ("2", "Minutes, 1931."),
        ("3", "Gazette, 1930."),
    ]


def test_a_page_with_markers_is_read_as_before() -> None:
    """An in-page marker: the anchor notes of the page; `[N]` in the body: no notes chapter."""
    chapter = "# Notes\n\n<a id='1'></a>1. Vane, Barges, 1987.\n\n<a id='2'></a>2. Minutes.\n"
    linked = md("Text.<sup>[1](#1)</sup>\n\n" + chapter)
    assert [m.label for m in linked.markers] == ["1"]
    assert notes(linked) == [("1", "Vane, Barges, 1987."), ("2", "Minutes.")]
    plain = md("Text.[1]\n\n" + chapter)
    assert [m.label for m in plain.markers] == ["1"]
    assert plain.notes == ()


def test_a_numbered_list_under_notes_is_read_as_before() -> None:
    doc = md("# Notes\n\n1. <a id='n1'></a>Vane, Barges, 1987.\n2. Minutes, 1931.\n")
    assert notes(doc) == [("1", "Vane, Barges, 1987."), ("2", "Minutes, 1931.")]


def test_the_gitbook_fixture_notes_chapter() -> None:
    doc = parse(GITBOOK_NOTES.read_bytes(), str(GITBOOK_NOTES))
    assert [n.label for n in doc.notes] == [*map(str, range(1, 9)), "10", "11", "12", "13"]
    assert doc.notes[0].text == "Harriet Vane, Barges of the Orrin (Leeds: Calder Books, 1987), 9."
    assert doc.markers == ()


def test_a_huge_notes_chapter_is_read_in_linear_time() -> None:
    lines = b"".join(
        b"<a id='fn%d'></a>%d. Source %d, 1990.\n\n" % (i, i % 999 + 1, i) for i in range(20_000)
    )
    ials = b"{#n1}\n" * 50_000
    start = time.perf_counter()
    doc = parse(b"# Notes\n\n" + lines + b"# Notes\n\nText\n" + ials, "huge.md")
    assert len(doc.notes) == 20_001
    assert time.perf_counter() - start < 10


@pytest.mark.skipif(FOOTCHECK is None, reason="the footcheck entry point is not installed")
def test_cli_show_reads_the_notes_chapter() -> None:
    assert FOOTCHECK is not None
    done = subprocess.run(
        [FOOTCHECK, "show", "--format", "json", str(GITBOOK_NOTES)],
        capture_output=True,
        text=True,
        check=True,
    )
    shown = json.loads(done.stdout)
    assert [n["label"] for n in shown["notes"]] == [str(n) for n in [*range(1, 9), *range(10, 14)]]
