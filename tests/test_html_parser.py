"""The HTML reader: one fixture per footnote convention, hostile input, and speed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from footcheck.footnotes.model import Document, DocumentError, Note
from footcheck.parsers import parse as parse_any
from footcheck.parsers.html.reader import parse

FIXTURES = Path(__file__).parent / "fixtures" / "html"

# Text that must never reach a paragraph or a note: back-links, CSS, scripts, labels.
_LEAKS = ("↩", "\u21a9", "{", "}", "mw-parser-output", "tracker", "font-size", "[1]", "^")


def read(name: str) -> Document:
    return parse((FIXTURES / name).read_bytes(), name)


def page(body: str) -> Document:
    return parse(f"<html><body>{body}</body></html>".encode(), "page.html")


def labels(doc: Document) -> list[str]:
    return [m.label for m in doc.markers]


def texts(doc: Document) -> dict[str, str]:
    return {n.label: n.text for n in doc.notes}


def lines(doc: Document) -> list[int]:
    return [m.location.line for m in doc.markers]


def assert_clean(doc: Document) -> None:
    for text in [p.text for p in doc.paragraphs] + [n.text for n in doc.notes]:
        for leak in _LEAKS:
            assert leak not in text, f"{leak!r} leaked into {text!r}"


# --- one fixture per convention ---------------------------------------------------------


def test_dispatch_by_suffix() -> None:
    doc = parse_any((FIXTURES / "pandoc.html").read_bytes(), "report.htm")
    assert doc.format == "html"
    assert labels(doc) == ["1", "2"]


def test_pandoc() -> None:
    doc = read("pandoc.html")
    assert labels(doc) == ["1", "2"]
    assert lines(doc) == [12, 13]
    assert texts(doc) == {
        "1": "Port Authority minutes, 12 January 2024.",
        "2": "Survey office, “Annual silt report,” February 2024. Second paragraph of the note.",
    }
    assert [n.location.line for n in doc.notes] == [17, 18]
    assert doc.metadata["date"] == "2024-03-05"
    assert doc.metadata["title"] == "Harbour dredging review"
    first = doc.paragraphs[1]
    assert first.text.startswith("The port authority approved the dredging plan on 12 January")
    # The marker sits right after the sentence it supports, its token taken out.
    assert first.text[: first.markers[0].offset].endswith("12 January 2024.")
    assert_clean(doc)


def test_epub_and_aria_roles() -> None:
    doc = read("epub.xhtml")
    assert labels(doc) == ["1", "2"]
    notes = texts(doc)
    assert notes["1"] == "County farm register, 3 May 2022."
    assert notes["2"] == "Orchard diary, March 2023."
    # A note nothing cites is still a note (FN002 must see it).
    assert "A note that nothing cites." in notes.values()
    assert {n.kind for n in doc.notes} == {"footnote"}
    assert doc.metadata["date"] == "2023-11-20T08:00:00Z"


def test_kramdown() -> None:
    doc = read("kramdown.html")
    assert labels(doc) == ["1", "2"]
    assert lines(doc) == [1, 2]
    assert texts(doc) == {
        "1": "Island council bulletin, June 2021.",
        "2": "Ferry operator price list, 1 September 2021.",
    }
    assert_clean(doc)


def test_markdown_it_reused_note_shares_its_label() -> None:
    doc = read("markdown-it.html")
    # The third marker reads "[1:1]" on the page; it points at note 1, so it is "1".
    assert labels(doc) == ["1", "2", "1"]
    assert len(doc.notes) == 2
    assert texts(doc)["1"] == "Weather service summary, August 2022."
    assert_clean(doc)


def test_cmark_gfm() -> None:
    doc = read("cmark-gfm.html")
    assert labels(doc) == ["1", "2"]
    assert texts(doc) == {
        "1": "Library board minutes, 4 April 2020.",
        "2": "Annual lending statistics, 2020.",
    }
    assert [m.location.column for m in doc.markers] == [69, 63]


def test_wikipedia_reused_notes_templatestyles_and_chrome() -> None:
    doc = read("wikipedia.html")
    assert labels(doc) == ["1", "2", "1"]
    assert len(doc.notes) == 2
    notes = texts(doc)
    # "Retrieved <date>" is the access date: the text keeps it; no "^ a b", no CSS.
    assert (
        notes["1"]
        == '"Keepers leave the rock". Coastal Gazette. 2 March 1998. Retrieved 5 May 2015.'
    )
    assert notes["2"] == "Harbour Trust (1985). Automation plan."
    body = " ".join(p.text for p in doc.paragraphs)
    assert "Search this site" not in body  # navigation
    assert "last edited" not in body  # footer
    assert doc.metadata["date"] == "2006-04-18T10:11:12Z"  # JSON-LD datePublished
    assert doc.metadata["updated"] == "2024-01-02T03:04:05Z"  # the revision shown
    assert_clean(doc)


def test_word_export() -> None:
    doc = read("word.htm")
    assert labels(doc) == ["1", "i"]
    assert lines(doc) == [16, 20]
    notes = {n.label: n for n in doc.notes}
    # windows-1252 from <meta charset>; the note runs over both paragraphs of div#ftn1.
    assert (
        notes["1"].text
        == "County engineer’s report, 28 May 2019. Photographs attached to the report."
    )
    assert notes["1"].kind == "footnote"
    assert notes["i"].text == "Finance committee agenda, 2019."
    assert notes["i"].kind == "endnote"
    assert "“next”" in doc.paragraphs[0].text
    assert_clean(doc)


def test_google_docs() -> None:
    doc = read("gdocs.html")
    assert labels(doc) == ["1", "2"]
    assert texts(doc) == {
        "1": "Towpath trust count sheet, 6 June 2021.",
        "2": "Canal society newsletter, autumn 2019. Continued on a second line.",
    }
    # One long line: the column tells the markers apart.
    assert lines(doc) == [1, 1]
    first, second = (m.location.column for m in doc.markers)
    assert 1 < first < second
    assert_clean(doc)


def test_plain_text_convention_inside_paragraphs() -> None:
    doc = read("plain.html")
    assert labels(doc) == ["1", "2", "1", "3"]
    assert lines(doc) == [7, 7, 8, 8]
    assert texts(doc) == {
        "1": "Ministry of Infrastructure statement, 3 January 2024.",
        "2": "Marine insurance bulletin, 8 January 2024.",
        "3": "Harbour master log, 19 December 2023.",
    }
    assert [n.location.line for n in doc.notes] == [10, 11, 11]
    assert doc.metadata["date"] == "2024-02-01"
    assert doc.format == "html"


# --- labels, notes and text ------------------------------------------------------------


def test_restarted_numbering_is_a_sequence_of_its_own() -> None:
    # Two reference lists, numbered from 1 each (a wiki page's <references/> twice).
    doc = page(
        '<p>A<sup class="reference"><a href="#n1">[1]</a></sup></p>'
        '<ol class="references"><li id="n1"><a href="#x">^</a> foo</li></ol>'
        '<p>B<sup class="reference"><a href="#n2">[1]</a></sup></p>'
        '<ol class="references"><li id="n2">bar</li></ol>'
    )
    # The "^" links back to a marker that is not there: a back-link still, not text.
    assert [(n.scope, n.label, n.text) for n in doc.notes] == [(0, "1", "foo"), (1, "1", "bar")]
    assert [m.key for m in doc.markers] == [(0, "1"), (1, "1")]


def test_a_marker_misnaming_a_list_item_keeps_its_note_apart() -> None:
    # 1, 2, 2, 3 at items 1-4: the second "2" is no restart, and its note shows 3 (its
    # list number): it stays apart as "2 (2)". Two notes that both show "2" are FN003
    # (test_html_distill).
    doc = page(
        "".join(f'<p>C<sup><a href="#n{i}">{shown}</a></sup></p>' for i, shown in enumerate("1223"))
        + "<ol>"
        + "".join(f'<li id="n{i}">Source {i}. <a href="#x">^</a></li>' for i in range(4))
        + "</ol>"
    )
    assert [(n.scope, n.label) for n in doc.notes] == [(0, "1"), (0, "2"), (0, "2 (2)"), (0, "3")]


def test_unreferenced_note_keeps_its_list_number() -> None:
    doc = page(
        '<p>Claim.<a href="#fn1" class="footnote-ref" role="doc-noteref"><sup>4</sup></a></p>'
        '<section class="footnotes" role="doc-endnotes"><ol start="4">'
        '<li id="fn1"><p>Cited.</p></li><li id="fn2"><p>Never cited.</p></li></ol></section>'
    )
    assert labels(doc) == ["4"]
    assert texts(doc) == {"4": "Cited.", "5": "Never cited."}


def test_reference_to_a_missing_note_is_still_a_marker() -> None:
    doc = page(
        '<p>One.<a href="#fn1" class="footnote-ref">1</a> Two.<a href="#fn9" '
        'class="footnote-ref">9</a></p><ol class="footnotes"><li id="fn1">Source.</li></ol>'
    )
    assert labels(doc) == ["1", "9"]
    assert texts(doc) == {"1": "Source."}


def test_superscript_links_without_back_links() -> None:
    doc = page(
        '<p>Old page claim.<sup><a href="#note1">1</a></sup> More.<sup><a href="#note2">'
        "[2]</a></sup></p><p>Linked <a href='#sec'>section</a>.</p><h2 id='sec'>S</h2>"
        '<p id="note1"><sup>1</sup> First source, 2001.</p>'
        '<p><a name="note2"></a>2. Second source, 2002.</p>'
    )
    assert labels(doc) == ["1", "2"]
    assert texts(doc) == {"1": "First source, 2001.", "2": "Second source, 2002."}


def test_marker_group_in_one_sup_leaves_no_brackets() -> None:
    doc = page(
        '<p>Claim<sup>[<a href="#a" class="footnote-ref">1</a>, '
        '<a href="#b" class="footnote-ref">2</a>]</sup> here.</p>'
        '<ol class="footnotes"><li id="a">A.</li><li id="b">B.</li></ol>'
    )
    assert labels(doc) == ["1", "2"]
    assert doc.paragraphs[0].text == "Claim here."


def test_marker_inside_a_note() -> None:
    doc = page(
        '<p>Text.<sup id="r1"><a href="#n1" class="footnote">1</a></sup></p><ol>'
        '<li id="n1">See also<sup id="r2"><a href="#n2" class="footnote">2</a></sup>. '
        '<a href="#r1" class="reversefootnote">↩</a></li>'
        '<li id="n2">Nested. <a href="#r2" class="reversefootnote">↩</a></li></ol>'
    )
    assert labels(doc) == ["1"]
    first = next(n for n in doc.notes if n.label == "1")
    assert first.text == "See also."  # a superscript is set apart from the words
    assert [m.label for m in first.markers] == ["2"]


def test_a_bracketed_marker_inside_a_note_stays_in_its_text() -> None:
    doc = page(
        '<p>Text.<sup id="r1"><a href="#n1" class="footnote">[1]</a></sup></p><ol>'
        '<li id="n1">See also <a id="r2" href="#n2" class="footnote">[2]</a>. '
        '<a href="#r1" class="reversefootnote">↩</a></li>'
        '<li id="n2">Nested. <a href="#r2" class="reversefootnote">↩</a></li></ol>'
    )
    first = next(n for n in doc.notes if n.label == "1")
    assert first.text == "See also [2]."  # the text its reader sees
    assert [(m.label, m.offset) for m in first.markers] == [("2", 9)]


def test_scripts_styles_and_hidden_text_are_not_text() -> None:
    doc = page(
        "<script>var x = '[1]';</script><style>p{color:red}</style>"
        '<p>Visible.<span style="display: none">secret</span><span hidden>gone</span></p>'
        "<noscript>enable scripts</noscript><template><p>tmpl</p></template>"
    )
    assert [p.text for p in doc.paragraphs] == ["Visible."]


def test_note_text_keeps_code_and_quotes() -> None:
    doc = page(
        '<p>X<a href="#fn1" class="footnote-ref" role="doc-noteref"><sup>1</sup></a></p>'
        '<section role="doc-endnotes"><ol><li id="fn1"><p>He said <q>yes</q>.</p>'
        "<pre><code>code here\n</code></pre></li></ol></section>"
    )
    assert texts(doc) == {"1": "He said “yes”. code here"}


@pytest.mark.parametrize(
    ("head", "date"),
    [
        ('<meta property="article:published_time" content="2024-01-05">', "2024-01-05"),
        ('<meta name="DC.date" content="2019-07-01">', "2019-07-01"),
        ('<meta name="citation_publication_date" content="2020/03/02">', "2020/03/02"),
        (
            '<script type="application/ld+json">[{"@graph": [{"datePublished": "2021-05-06"}]}]'
            "</script>",
            "2021-05-06",
        ),
    ],
)
def test_report_date_from_head(head: str, date: str) -> None:
    doc = parse(f"<html><head>{head}</head><body><p>x</p></body></html>".encode(), "d.html")
    assert doc.metadata["date"] == date


def test_report_date_from_time_in_header() -> None:
    doc = page(
        "<article><header><h1>T</h1><time datetime='2022-08-09'>9 August</time></header>"
        "<p>Body <time datetime='2001-01-01'>then</time>.</p></article>"
    )
    assert doc.metadata["date"] == "2022-08-09"
    doc = page("<p>Body <time datetime='2001-01-01'>then</time>.</p>")
    assert "date" not in doc.metadata


# --- encodings ---------------------------------------------------------------------------


def test_encodings() -> None:
    text = "<p>Caf\u00e9 \u201cquoted\u201d.</p>"
    assert page_bytes(text.encode("utf-8")) == "Café “quoted”."
    assert page_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")) == "Café “quoted”."
    assert page_bytes(text.encode("utf-16")) == "Café “quoted”."
    assert page_bytes(text.encode("cp1252")) == "Café “quoted”."  # no declaration: fallback
    koi = '<meta charset="koi8-r"><p>Привет.</p>'.encode("koi8-r")
    assert page_bytes(koi) == "Привет."
    xml = '<?xml version="1.0" encoding="UTF-8"?><html><body><p>é</p></body></html>'
    assert page_bytes(xml.encode()) == "é"


def page_bytes(data: bytes) -> str:
    return " ".join(p.text for p in parse(data, "e.html").paragraphs)


# --- hostile input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n",
        b"<!-- only a comment -->",
        b"<!DOCTYPE html>",
        b"<",
        b"<<<>>>",
        b"<p>unclosed <b>bold <a href='#'>link",
        b"<a href='#x'>1</a><p id='x'>",
        b"<html><body><table><tr><td><a href='#'>",
        b"<a href='#%zz'>x</a><sup><a href='#fn1' class='footnote-ref'></a></sup>",
        b"<p id=a><a href=#a>self</a></p>",
        b"\xff\xfe\x00\x00garbage",
        bytes(range(256)),
        b"\x00\x01\x02binary\x00",
        b"PK\x03\x04" + b"\x00" * 100,
        b"<!ENTITY x SYSTEM 'file:///etc/passwd'><p>&x;</p>",
    ],
)
def test_bad_input_is_an_error_or_a_document(data: bytes) -> None:
    try:
        doc = parse(data, "bad.html")
    except DocumentError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(doc, Document)
    assert all("passwd" not in p.text and "root:" not in p.text for p in doc.paragraphs)


def test_binary_data_is_refused() -> None:
    with pytest.raises(DocumentError):
        parse(b"\x00\x01\x02\x03binary" * 100, "b.html")


def test_empty_file_is_an_empty_document() -> None:
    doc = parse(b"", "e.html")
    assert doc.paragraphs == () and doc.notes == ()


def test_deep_nesting() -> None:
    data = (
        "<html><body>"
        + "<div>" * 5000
        + 'deep text<sup class="reference"><a href="#n1">[1]</a></sup>'
        + "</div>" * 5000
        + '<ol class="references"><li id="n1">The note.</li></ol></body></html>'
    ).encode()
    started = time.perf_counter()
    doc = parse(data, "deep.html")
    assert time.perf_counter() - started < 10
    assert labels(doc) == ["1"]
    assert texts(doc) == {"1": "The note."}


def test_twenty_thousand_notes() -> None:
    n = 20_000
    body = "".join(
        f'<p>Claim {i} on 3 May 2021.<sup id="r{i}"><a href="#f{i}">{i}</a></sup></p>\n'
        for i in range(1, n + 1)
    )
    notes = "".join(
        f'<li id="f{i}"><p>Source {i}. <a href="#r{i}">↩</a></p></li>\n' for i in range(1, n + 1)
    )
    data = f"<html><body>{body}<ol>{notes}</ol></body></html>".encode()
    started = time.perf_counter()
    doc = parse(data, "big.html")
    elapsed = time.perf_counter() - started
    assert elapsed < 30, f"{elapsed:.1f} s for {n} notes"
    assert len(doc.markers) == n and len(doc.notes) == n
    assert doc.notes[-1] == Note(str(n), f"Source {n}.", doc.notes[-1].location, "endnote")
    assert doc.markers[-1].location.line == n


def test_twenty_thousand_google_docs_notes_on_one_line() -> None:
    n = 20_000
    body = "".join(
        f'<p><span>Claim {i}.</span><sup><a href="#ftnt{i}" id="ftnt_ref{i}">[{i}]</a></sup></p>'
        for i in range(1, n + 1)
    )
    notes = "".join(
        f'<div><p><a href="#ftnt_ref{i}" id="ftnt{i}">[{i}]</a><span>&nbsp;Source {i}.</span>'
        "</p></div>"
        for i in range(1, n + 1)
    )
    data = f"<html><body>{body}<hr>{notes}</body></html>".encode()
    started = time.perf_counter()
    doc = parse(data, "gd.html")
    assert time.perf_counter() - started < 30
    assert len(doc.notes) == n
    assert doc.notes[0].text == "Source 1."


def test_a_note_id_written_twice_is_a_label_defined_twice() -> None:
    page = (
        b"<p>Claim.<sup id='r1'><a href='#n1'>[1]</a></sup></p>\n<ol class='references'>\n"
        b"<li id='n1'><span class='mw-cite-backlink'><a href='#r1'>^</a></span>"
        b" First source, 2019.</li>\n"
        b"<li id='n1'><span class='mw-cite-backlink'><a href='#r1'>^</a></span>"
        b" Second source, 2020.</li>\n</ol>\n"
    )
    doc = parse(page, "twice.html")
    assert [(n.label, n.location.line, n.text) for n in doc.notes] == [
        ("1", 3, "First source, 2019."),
        ("1", 4, "Second source, 2020."),
    ]
