"""The plain readers' fast paths (issue 14) give what the full paths give.

Each cheap pre-test skips work only where that work could find nothing: a heading's
last character, a marker group of one short ASCII label, a text with no superscript,
a text with no carriage return, a file with no page furniture. Each test sets the
fast path against the slow reading it stands for.
"""

from __future__ import annotations

import random
import sys

import pytest

from footcheck.footnotes.model import Location
from footcheck.parsers import marks, parse
from footcheck.parsers.html.dom import holds
from footcheck.parsers.html.labels import shown_label
from footcheck.parsers.layout import TextLines
from footcheck.parsers.lines import Lines
from footcheck.parsers.marks import find_markers, is_notes_heading
from footcheck.parsers.text import _split_lines
from footcheck.parsers.textbuild import TextBuilder


def test_every_character_that_can_end_a_heading_passes_the_first_test() -> None:
    # A heading word's last letter, after case folding: any character that folds to
    # end in it ("ſ" folds to "s") must pass the last-character test.
    ends = {heading[-1] for heading in marks._HEADINGS}
    missed = [
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if c.casefold()[-1:] in ends and c not in marks._HEADING_ENDS
    ]
    assert missed == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Notes", True),
        ("NOTES", True),
        ("Noteſ", True),  # the long s folds to "s"
        ("  ## Endnotes ##  ", True),
        ("**References:**", True),
        ("_Works   Cited_", True),
        ("Bibliography", True),
        ("Notes:", True),
        ("Notes and more", False),
        ("Note 1", False),
        ("Notes.", False),
    ],
)
def test_notes_headings(line: str, expected: bool) -> None:
    assert is_notes_heading(line) is expected


@pytest.mark.parametrize(
    ("text", "max_label", "expected"),
    [
        ("a[7] b", 999, [(1, 4, ("7",))]),
        ("a[999]", 999, [(1, 6, ("999",))]),
        ("a[12]", 9, []),  # above the largest label
        ("a[0] [01] [00]", 999, []),  # no label is 0 or starts with one
        ("a[\u0661\u0662]", 999, []),  # Arabic-Indic digits are no label
        ("a[1000]", 999, []),
        ("a[1000]", 5000, [(1, 7, ("1000",))]),  # four digits: the slow path decides
        ("a [ 3 ]", 999, [(2, 7, ("3",))]),
    ],
)
def test_one_label_markers(text: str, max_label: int, expected: list[tuple[object, ...]]) -> None:
    found = [(span.start, span.end, span.labels) for span in find_markers(text, max_label)]
    assert found == expected


def test_superscripts_are_found_only_where_the_text_has_one() -> None:
    assert [s.labels for s in find_markers("“quoted” claim.² Then")] == [("2",)]
    assert find_markers("“quoted” claim, 10 m² of it") == []
    assert find_markers("“quoted” — no marker at all") == []


def _reference_fold(pieces: list[str]) -> str:
    """The builder's text as it was written before: one whole fold per piece."""
    parts: list[str] = []
    length, pending = 0, False
    for text in pieces:
        if not text:
            continue
        folded = " ".join(text.split())
        if text[0].isspace():
            pending = True
        if not folded:
            continue
        if pending and length:
            parts.append(" ")
            length += 1
        parts.append(folded)
        length += len(folded)
        pending = text[-1].isspace()
    return "".join(parts)


def test_add_text_folds_as_one_fold_per_piece_did() -> None:
    rng = random.Random(14)
    alphabet = ["a", "bc", " ", "\n", "\t", "\u00a0", "\u2003", "x y"]
    for _ in range(2000):
        pieces = ["".join(rng.choices(alphabet, k=rng.randint(0, 5))) for _ in range(4)]
        builder = TextBuilder()
        for piece in pieces:
            builder.add_text(piece)
        assert builder.text == _reference_fold(pieces), pieces


def test_a_marker_after_whitespace_only_text_stands_after_the_space() -> None:
    builder = TextBuilder()
    builder.add_text("claim")
    builder.add_text("  ")
    builder.add_marker("1", Location(1))
    builder.add_text("next")
    assert (builder.text, builder.markers[0].offset) == ("claim next", 5)


def test_render_of_one_line_and_of_several() -> None:
    host = Lines(["[1] See [2] here", "---", "more [3]."])
    one = host.render(0, 4, 1, 999, note=True)
    assert (one.text, [m.label for m in one.markers]) == ("See [2] here", ["2"])
    assert one.markers[0].location == Location(1, 9)
    several = host.render(0, 4, 3, 999, note=True)  # the rule line is no text in a note
    assert several.text == "See [2] here more [3]."
    assert [m.location for m in several.markers] == [Location(1, 9), Location(3, 6)]
    body = host.render(1, 0, 3, 999, note=False)
    assert (body.text, body.markers[0].offset) == ("--- more .", 8)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("a\nb\n", ["a", "b"]),
        ("a\r\nb\r\n", ["a", "b"]),
        ("a\rb", ["a", "b"]),
        ("a\r\n\rb\n", ["a", "", "b"]),
        ("", [""]),
    ],
)
def test_split_lines(text: str, lines: list[str]) -> None:
    assert _split_lines(text) == lines


def test_page_furniture_is_still_blank_when_the_file_has_some() -> None:
    lines = ["Body text.", "Bradner        Best Current Practice        [Page 3]", "\f"]
    lines += ["RFC 2119          Key words          March 1997", "More text."]
    assert TextLines(lines).texts == ["Body text.", "", "\f", "", "More text."]
    assert TextLines(["Body [Page 3] text."]).texts == ["Body [Page 3] text."]


def test_shown_label_strips_only_a_restart_suffix() -> None:
    assert shown_label("3 (2)") == "3"
    assert shown_label("3") == "3"
    assert shown_label("(a)") == "(a)"


def test_holds_looks_up_at_most_depth_parents() -> None:
    from lxml import etree

    root = etree.fromstring("<a><b><c><d/></c></b></a>")
    d = root.find(".//d")
    assert d is not None
    assert holds(root, d, 3) and holds(d, d, 0)
    assert not holds(root, d, 2)
    assert not holds(d, root)


def test_html_body_text_around_empty_blocks_is_unchanged() -> None:
    page = (
        b"<html><body><div></div><p>One claim.<sup><a href='#fn1' id='r1'>1</a></sup></p>"
        b"<div><div></div></div><p>Two.</p><ol><li id='fn1'>Source, 2020."
        b" <a href='#r1'>\xe2\x86\xa9</a></li></ol></body></html>"
    )
    doc = parse(page, "page.html")
    assert [p.text for p in doc.paragraphs] == ["One claim.", "Two."]
    assert [(m.label, m.offset) for m in doc.paragraphs[0].markers] == [("1", 10)]
    assert [(n.label, n.text) for n in doc.notes] == [("1", "Source, 2020.")]
