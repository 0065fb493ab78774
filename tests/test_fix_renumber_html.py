"""FN004's fix on HTML pages: the numbers rewritten where the author wrote them, the
items of an `<ol>` moved, the links and ids kept, and what is not exactly where the
reader placed it refused (parsers/relabel_html.py)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from footcheck import cli, parsers
from footcheck.footnotes.engine import check_document
from footcheck.footnotes.fixes.edits import apply
from footcheck.footnotes.fixes.renumber import plan_renumbering
from footcheck.footnotes.fixes.renumber_edits import renumber_edits
from footcheck.footnotes.fixes.sites import SiteError
from footcheck.footnotes.settings import CommandLine, FileSettings, resolve
from footcheck.parsers import relabel
from footcheck.parsers.decode import faithful

CONFIG = resolve(FileSettings(), CommandLine(no_cache=True))
BODY = (
    "<p>Rents rose.<sup><a href='#fn2' id='r2'>2</a></sup>"
    " Wages fell.<sup><a href='#fn1' id='r1'>1</a></sup></p>\n"
)

# An <ol> whose items show their numbers by their place: moved, no label written.
LISTED = (
    f"<html><body>\n{BODY}<ol class='footnotes'>\n"
    "<li id='fn1'>Labour Review, April 2022. <a href='#r1'>\u21a9</a></li>\n"
    "<li id='fn2'>Housing Survey, March 2022. <a href='#r2'>\u21a9</a></li>\n"
    "</ol>\n</body></html>\n",
    f"<html><body>\n{BODY.replace('>2<', '>X<').replace('>1<', '>2<').replace('>X<', '>1<')}"
    "<ol class='footnotes'>\n"
    "<li id='fn2'>Housing Survey, March 2022. <a href='#r2'>\u21a9</a></li>\n"
    "<li id='fn1'>Labour Review, April 2022. <a href='#r1'>\u21a9</a></li>\n"
    "</ol>\n</body></html>\n",
)
# Numbers the author wrote: a back-link showing "1." at the start of each note.
WRITTEN = (
    "<p>Rents rose.<a href='#n2' id='r2'>[2]</a> Wages fell.<a href='#n1' id='r1'>[1]</a>"
    " Prices held.<a href='#n3' id='r3'>[3]</a></p>\r\n<h2>Notes</h2>\r\n"
    "<p id='n1'><a href='#r1'>1.</a> Labour Review, April 2022.</p>\r\n"
    "<p id='n2'><a href='#r2'>2.</a> Housing Survey,\r\n March 2022.</p>\r\n"
    "<p id='n3'><a href='#r3'>3.</a> Price Index, May 2022.</p>\r\n",
    "<p>Rents rose.<a href='#n2' id='r2'>[1]</a> Wages fell.<a href='#n1' id='r1'>[2]</a>"
    " Prices held.<a href='#n3' id='r3'>[3]</a></p>\r\n<h2>Notes</h2>\r\n"
    "<p id='n2'><a href='#r2'>1.</a> Housing Survey,\r\n March 2022.</p>\r\n"
    "<p id='n1'><a href='#r1'>2.</a> Labour Review, April 2022.</p>\r\n"
    "<p id='n3'><a href='#r3'>3.</a> Price Index, May 2022.</p>\r\n",
)
# Word's "Save as Web Page": [1] in spans inside the links, notes in their own <div>s.
WORD = (
    "<p>Rents rose.<a href='#_ftn2' name='_ftnref2'><span class=MsoFootnoteReference>"
    "[2]</span></a> Wages fell.<a href='#_ftn1' name='_ftnref1'><span"
    " class=MsoFootnoteReference>[1]</span></a></p>\n<div style='mso-element:footnote-list'>\n"
    "<div id=ftn1><p class=MsoFootnoteText><a href='#_ftnref1' name='_ftn1'><span"
    " class=MsoFootnoteReference>[1]</span></a> Labour Review, April 2022.</p></div>\n"
    "<div id=ftn2><p class=MsoFootnoteText><a href='#_ftnref2' name='_ftn2'><span"
    " class=MsoFootnoteReference>[2]</span></a> Housing Survey, March 2022.</p></div>\n"
    "</div>\n",
    "<p>Rents rose.<a href='#_ftn2' name='_ftnref2'><span class=MsoFootnoteReference>"
    "[1]</span></a> Wages fell.<a href='#_ftn1' name='_ftnref1'><span"
    " class=MsoFootnoteReference>[2]</span></a></p>\n<div style='mso-element:footnote-list'>\n"
    "<div id=ftn2><p class=MsoFootnoteText><a href='#_ftnref2' name='_ftn2'><span"
    " class=MsoFootnoteReference>[1]</span></a> Housing Survey, March 2022.</p></div>\n"
    "<div id=ftn1><p class=MsoFootnoteText><a href='#_ftnref1' name='_ftn1'><span"
    " class=MsoFootnoteReference>[2]</span></a> Labour Review, April 2022.</p></div>\n"
    "</div>\n",
)
# Project Gutenberg: each note a <div class="footnote"> holding only its <p>: moved whole.
GUTENBERG = (
    '<p>Oil.<a id="FNanchor_2" href="#Footnote_2" class="fnanchor">[2]</a>\n'
    'Gas.<a id="FNanchor_1" href="#Footnote_1" class="fnanchor">[1]</a></p>\n'
    '<div class="footnotes"><h3>FOOTNOTES:</h3>\n'
    '<div class="footnote"><p><a id="Footnote_1" href="#FNanchor_1" class="label">[1]</a>'
    " Gas company minutes, 1872.</p></div>\n"
    '<div class="footnote"><p><a id="Footnote_2" href="#FNanchor_2" class="label">[2]</a>'
    " Harbour trust, 1850.</p></div>\n</div>\n",
    '<p>Oil.<a id="FNanchor_2" href="#Footnote_2" class="fnanchor">[1]</a>\n'
    'Gas.<a id="FNanchor_1" href="#Footnote_1" class="fnanchor">[2]</a></p>\n'
    '<div class="footnotes"><h3>FOOTNOTES:</h3>\n'
    '<div class="footnote"><p><a id="Footnote_2" href="#FNanchor_2" class="label">[1]</a>'
    " Harbour trust, 1850.</p></div>\n"
    '<div class="footnote"><p><a id="Footnote_1" href="#FNanchor_1" class="label">[2]</a>'
    " Gas company minutes, 1872.</p></div>\n</div>\n",
)
CASES = {"listed": LISTED, "written": WRITTEN, "word": WORD, "gutenberg": GUTENBERG}


def fixed(data: bytes) -> bytes:
    doc = parsers.parse(data, "page.html", "html")
    text = faithful(data)
    found = relabel.sites("html", text.text, doc, text.offset)
    return text.encode(
        apply(text.text, renumber_edits(text.text, doc, plan_renumbering(doc), found)[0])
    )


def read(data: bytes) -> tuple[list[str], Counter[str]]:
    doc = parsers.parse(data, "page.html", "html")
    return [f.code for f in check_document(doc, CONFIG).findings], Counter(
        n.text for n in doc.notes
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_fix_renumbers_and_moves_the_notes(name: str) -> None:
    before, expected = (text.encode() for text in CASES[name])
    codes, notes = read(before)
    assert "FN004" in codes
    after = fixed(before)
    assert after.decode() == expected.decode()
    codes_after, notes_after = read(after)
    assert "FN004" not in codes_after and notes_after == notes
    assert fixed(after) == after  # a second fix changes nothing


def test_bytes_outside_the_edits_are_kept_in_a_legacy_encoding() -> None:
    def legacy(page: str) -> bytes:
        return page.replace("Labour", "Caf\xe9 Labour").replace("\u21a9", "^").encode("cp1252")

    before = legacy(LISTED[0])
    after = fixed(before)
    assert after == legacy(LISTED[1])
    # Only the two digits and the moved items differ: the head of the page is as it was.
    assert after[:40] == before[:40] and after.endswith(b"</ol>\n</body></html>\n")


def test_an_ol_with_a_start_is_counted_from_it() -> None:
    page = LISTED[0].replace(">2<", ">6<").replace(">1<", ">5<").replace("#fn", "#n")
    page = page.replace("id='fn", "id='n").replace("<ol class", "<ol start='5' class")
    after = fixed(page.encode()).decode()
    assert ">5</a></sup> Wages fell.<sup><a href='#n1' id='r1'>6<" in after
    assert after.index("id='n2'>Housing") < after.index("id='n1'>Labour")


REFUSED = {
    "reversed": (LISTED[0].replace("<ol class", "<ol reversed class"), "reversed list"),
    "value": (LISTED[0].replace("<li id='fn2'", "<li value='2' id='fn2'"), "has a value"),
    "entity": (LISTED[0].replace("id='r2'>2<", "id='r2'>&#50;<"), "&#50;"),
    "not shown": (
        WRITTEN[0].replace(">[2]</a> Wages", ">[2] and [9]</a> Wages"),
        "one run of digits",
    ),
    "apart": (
        LISTED[0].replace("</li>\n<li id='fn2'>", "</li>\n<!-- moved -->\n<li id='fn2'>"),
        "do not stand together",
    ),
    "no end tag": (
        LISTED[0].replace("\u21a9</a></li>\n<li id='fn2'>", "\u21a9</a>\n<li id='fn2'>"),
        "no end tag",
    ),
    "list number": (
        LISTED[0].replace("<ol class", "<ol start='3' class"),
        "is number 3 of its list",
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_is_not_exactly_where_the_reader_put_it_is_refused(name: str) -> None:
    page, why = REFUSED[name]
    data = page.encode()
    doc = parsers.parse(data, "page.html", "html")
    text = faithful(data)
    with pytest.raises(SiteError, match=why):
        relabel.sites("html", text.text, doc, text.offset)


def test_a_marker_read_elsewhere_is_refused() -> None:
    data = WRITTEN[0].encode()
    doc = parsers.parse(data, "page.html", "html")
    text = faithful(data)
    with pytest.raises(SiteError, match=r"written in the page's text, not as a link or tag"):
        relabel.sites("html", text.text, doc, lambda line, column: text.offset(line, column) + 1)


def test_the_command_line_fixes_a_page_and_says_the_map(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(WRITTEN[0].encode())
    runner = CliRunner()
    done = runner.invoke(cli.main, ["fix", "--format", "json", str(page)])
    assert done.exit_code == 0, done.output
    (entry,) = json.loads(done.stdout)["files"]
    assert entry["map"] == {"2": "1", "1": "2"} and entry["written"]
    assert page.read_bytes() == WRITTEN[1].encode()
    again = json.loads(runner.invoke(cli.main, ["fix", "--format", "json", str(page)]).stdout)
    assert not again["files"][0]["changed"]
    checked = runner.invoke(cli.main, ["check", "--no-cache", "--format", "json", str(page)])
    assert "FN004" not in checked.stdout
