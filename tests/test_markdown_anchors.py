"""Markdown converted from HTML, and HTML-anchor notes written in Markdown.

A number link to an in-page anchor is a marker; the note is the block holding the
anchor. The fixtures are written here in the forms pandoc, turndown, html2text,
markdownify, Jekyll/kramdown users and GitHub pages produce.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from footcheck.footnotes.engine import check_document
from footcheck.footnotes.model import Document
from footcheck.footnotes.settings import Config
from footcheck.parsers.markdown import parse
from tests.conftest import TODAY

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"
FOOTCHECK = shutil.which("footcheck", path=os.path.dirname(sys.executable)) or shutil.which(
    "footcheck"
)


def read(name: str) -> Document:
    return parse((FIXTURES / name).read_bytes(), name)


def md(text: str) -> Document:
    return parse(text.encode("utf-8"), "doc.md")


def labels(doc: Document) -> list[str]:
    return [m.label for m in doc.markers]


def notes(doc: Document) -> list[tuple[str, str]]:
    return [(n.label, n.text) for n in doc.notes]


def findings(doc: Document) -> list[tuple[str, str]]:
    checked = check_document(doc, Config(today=TODAY))
    return [(f.code, f.footnote or "") for f in checked.findings if f.code != "DT004"]


# --- the fixtures, through the reader ---------------------------------------------------


def test_pandoc_markdown_from_an_html_page() -> None:
    """pandoc's `^[\\[1\\]](#ftnt1){#ftnt_ref1}^`, spans, fenced divs, `[]{#n4}`."""
    doc = read("anchor-pandoc.md")
    assert labels(doc) == ["1", "2", "3", "4", "5"]
    assert notes(doc) == [
        ("1", "Source one, 2020."),
        ("2", "Source two, 2021."),
        ("3", "Source three, 2022."),
        ("4", "Loose note, 2019."),
        ("5", "Fifth note, 2018."),
    ]
    body = next(p for p in doc.paragraphs if p.markers)
    assert body.text.startswith("The council met in May 2021. It voted twice. Three. Four.")
    assert "{" not in " ".join(p.text for p in doc.paragraphs)
    assert findings(doc) == [("DT001", "1")]


def test_raw_html_markers_and_a_notes_list() -> None:
    """`<sup id="fnr1"><a href="#fn1">1</a></sup>` and `<li id="fn1"><sup>1</sup>...`."""
    doc = read("anchor-html.md")
    assert labels(doc) == ["1", "2", "3", "4"]
    assert notes(doc)[0] == (
        "1",
        'Harbour Gazette, "Late again", 2 April 2022. https://example.org/gazette/2022/04/02/late',
    )
    assert notes(doc)[1:] == [
        ("2", "Ferry operator, press release, 28 April 2022."),
        ("3", "Council minutes, 12 May 2022."),
    ]
    assert [(n.location.line, n.location.column) for n in doc.notes] == [
        (12, 1),
        (13, 1),
        (14, 1),
    ]
    assert doc.metadata["title"] == "Ferry timetable review"
    # Note 4's anchor is missing from the page: the marker stays, and is FN001.
    assert findings(doc) == [("FN001", "4")]


def test_hand_numbered_anchor_notes_keep_their_order_and_skip_the_contents() -> None:
    """Jekyll: `<sup>[2](#foot2)</sup>`, `<a name="foot2">`, kramdown `{: #note-4}`."""
    doc = read("anchor-jekyll.md")
    assert labels(doc) == ["2", "3", "1", "4"]
    assert notes(doc) == [
        ("1", "Parish council, lease decision, 3 March 2019."),
        ("2", "Founding minutes, 1 June 2014. The minutes also list the first plot holders."),
        ("3", "Letter from the vicar, 12 May 2014."),
        ("4", "Water board, supply agreement, 2020."),
    ]
    assert doc.paragraphs[0].markers == ()  # the table of contents
    assert findings(doc) == [("FN004", "2")]


def test_a_table_of_contents_is_not_markers() -> None:
    doc = read("anchor-toc.md")
    assert labels(doc) == []
    assert doc.notes == ()
    assert findings(doc) == []


def test_converters_that_drop_the_anchors() -> None:
    """turndown, markdownify, html2text: `[1](#fn1)` and a numbered Notes list."""
    doc = read("anchor-turndown.md")
    assert labels(doc) == ["1", "2"]
    assert notes(doc) == [  # without their back-links `[↩](#fnref1)`, `[back](#fnref2)`
        ("1", "Water Board bulletin, 2 February 2024."),
        ("2", "Regional news, 1 March 2024."),
    ]
    assert findings(doc) == []


def test_markers_into_another_file_keep_their_target() -> None:
    doc = read("anchor-cross-file.md")
    assert [(m.label, m.target) for m in doc.markers] == [
        ("15", "../notes/README.html"),
        ("16", "notes.md"),
    ]
    assert doc.notes == ()
    assert findings(doc) == []


# --- the variants, one at a time --------------------------------------------------------


@pytest.mark.parametrize(
    "marker",
    [
        "[1](#note1)",
        "[[1]](#note1)",
        "[\\[1\\]](#note1)",
        "<sup>[1](#note1)</sup>",
        "^[1](#note1)^",
        "[^1^](#note1)",
        '<sup id="r1"><a href="#note1">1</a></sup>',
        '<a href="#note1" id="r1">[1]</a>',
        "[1][n1]",
    ],
)
def test_marker_forms(marker: str) -> None:
    doc = md(
        f"The plan was approved in 2021.{marker}\n\n## Notes\n\n"
        '<a name="note1"></a>[1] Minutes, 2020.\n\n[n1]: #note1\n'
    )
    assert labels(doc) == ["1"]
    assert doc.paragraphs[0].text == "The plan was approved in 2021."
    assert notes(doc) == [("1", "Minutes, 2020.")]


@pytest.mark.parametrize(
    "note",
    [
        '<a name="n1"></a>1. Minutes, 2020.',
        '<a id="n1"></a> Minutes, 2020.',
        "[]{#n1}Minutes, 2020.",
        "Minutes, 2020.\n{: #n1}",
        "Minutes, 2020. {#n1}",
        '<p id="n1"><sup>1</sup>Minutes, 2020. <a href="#r1">&#8617;</a></p>',
        '<ol>\n<li id="n1">Minutes, 2020. <a href="#r1">back</a></li>\n</ol>',
        '<ul>\n<li id="n1"><!-- x --><sup>1</sup>Minutes, 2020.</li>\n</ul>',
        "1. <a name='n1'></a>Minutes, 2020. [↩](#r1)",
        "[\\[1\\]](#r1){#n1} Minutes, 2020.",
    ],
)
def test_note_forms(note: str) -> None:
    doc = md(f'Approved in 2021.<sup id="r1">[1](#n1)</sup>\n\n### Notes\n\n{note}\n')
    assert labels(doc) == ["1"]
    assert notes(doc) == [("1", "Minutes, 2020.")]
    assert findings(doc) == [("DT001", "1")]


def test_a_link_to_a_heading_is_a_section_not_a_marker() -> None:
    doc = md(
        "See [2](#methods) and cite.[1](#fn1)\n\n## Methods\n\nText.\n\n<a id='fn1'></a>1. A.\n"
    )
    assert labels(doc) == ["1"]
    assert doc.paragraphs[0].text == "See 2 and cite."


def test_a_note_no_marker_cites_keeps_its_own_label() -> None:
    doc = md(
        "Cited.[1](#fn1)\n\n## Notes\n\n"
        '<ul>\n<li id="fn1"><sup>1</sup>First.</li>\n<li id="fn2"><sup>2</sup>Second.</li>\n</ul>\n'
    )
    assert notes(doc) == [("1", "First."), ("2", "Second.")]
    assert findings(doc) == [("FN002", "2")]


def test_an_image_is_not_a_marker() -> None:
    doc = md("See ![1](#fn2) here.[1](#fn1)\n\n<a id='fn1'></a>1. A.\n\n<a id='fn2'></a>2. B.\n")
    assert labels(doc) == ["1"]


def test_a_number_link_to_a_missing_section_is_not_a_marker() -> None:
    doc = md(
        "Steps [1](#step-one) and [2](#step-two).\n\nClaim.[3](#fn3)\n\n<a name='fn3'></a>3. X.\n"
    )
    assert labels(doc) == ["3"]


def test_footnotes_and_code_are_read_as_before() -> None:
    doc = md("Claim.[^a] Code `[1](#n1)`.\n\n[^a]: Source, 2020.\n\n<a name='n1'></a>1. X.\n")
    assert labels(doc) == ["a"]
    code = md(
        "Claim `<sup>[1](#n1)</sup>`.[2](#n2)\n\n<a name='n2'></a>2. X.\n\n<a name='n1'></a>1. Y.\n"
    )
    assert labels(code) == ["2"]
    assert code.paragraphs[0].text == "Claim <sup>[1](#n1)</sup>."


def test_a_page_without_anchor_links_is_not_read_twice() -> None:
    """The fast precheck: no `](#`, `href=` or `]: #` means no anchor pass at all."""
    from footcheck.parsers.markdown.anchor_links import might_hold_anchor_links

    assert not might_hold_anchor_links("Claim [1] and [a link](https://example.org).\n")
    assert might_hold_anchor_links("Claim.[1](#fn1)\n")
    assert might_hold_anchor_links('Claim.<a href="#fn1">1</a>\n')


@pytest.mark.parametrize(
    "data",
    [
        b"[1](#fn1)" * 50_000,
        b"<sup>[" * 50_000,
        b'<a href="#x">' * 30_000,
        b"[]{#" * 50_000,
        b"<ul>\n" + b'<li id="fn1">' * 20_000,
        b"]{#a}" * 50_000,
        b"[" * 50_000 + b"]{#a}" * 50_000,
        b"[1](#fn1){#r1}" * 50_000,
        b'<a id="fn1"></a>' * 50_000 + b"[1](#fn1)" * 50_000,
        b"`" * 10_000 + b"[1](#fn1) `` " * 20_000,
        b"".join(b"[%d](#n%d) " % (i % 999, i) for i in range(20_000))
        + b"".join(b"\n\n<a id='n%d'></a>%d. x" % (i, i % 999) for i in range(20_000)),
    ],
)
@pytest.mark.parametrize("cited", [b"", b"A claim.[1](#fn1)\n\n"])
def test_hostile_anchor_input_finishes(data: bytes, cited: bytes) -> None:
    """Linear work whatever the input; the second run has a marker, so every pass runs."""
    import time

    start = time.perf_counter()
    parse(cited + data + b"\n\n<ul>\n" + b'<li id="fn1">x\n' * 2_000, "hostile.md")
    assert time.perf_counter() - start < 10


# --- end to end through the command line ------------------------------------------------


@pytest.mark.skipif(FOOTCHECK is None, reason="the footcheck entry point is not installed")
def test_cli_check_reports_the_real_faults_of_anchor_notes() -> None:
    assert FOOTCHECK is not None
    env = {**os.environ, "NO_COLOR": "1"}
    names = ["anchor-html.md", "anchor-jekyll.md", "anchor-toc.md", "anchor-cross-file.md"]
    paths = [str(FIXTURES / name) for name in names]
    done = subprocess.run(
        [FOOTCHECK, "check", "--format", "json", "--ignore", "DT004", *paths],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    found: dict[str, list[tuple[str, str]]] = {name: [] for name in names}
    for finding in report["findings"]:
        found[Path(finding["path"]).name].append((finding["code"], finding["footnote"]))
    assert [Path(f["path"]).name for f in report["files"] if f["markers"]] == names[:2] + names[3:]
    assert found == {
        "anchor-html.md": [("FN001", "4")],
        "anchor-jekyll.md": [("FN004", "2")],
        "anchor-toc.md": [],
        # notes.md is not beside it: a dead link (../notes/ is outside the folders checked)
        "anchor-cross-file.md": [("FN001", "16")],
    }


@pytest.mark.parametrize("name", ["anchor-pandoc-gfm.md", "anchor-pandoc-divs.md"])
def test_pandoc_from_a_kramdown_page_with_a_contents_list(name: str) -> None:
    """`<div id="fn:1">` (gfm) or `::: {#fn:1}` (pandoc) in list items; a contents list."""
    doc = read(name)
    assert labels(doc) == ["1", "2", "3"]
    assert notes(doc) == [
        ("1", "County engineer, opening report, 2018."),
        ("2", "Traffic census, 2021."),
        ("3", "Toll board notice, 4 January 2022."),
    ]
    assert findings(doc) == [("DT001", "1")]


@pytest.mark.parametrize(
    ("anchor", "names_a_note"),
    [
        ("fn3", True), ("fn:3", True), ("_ftn3", True), ("_edn3", True), ("ftnt3", True),
        ("note-3", True), ("cite_note-Smith2001-3", True), ("sdfootnote3sym", True),
        ("endnote3", True), ("ref3", True), ("B3", True), ("CR3", True), ("3", True),
        ("section-2", False), ("introduction", False), ("toc", False), ("sec2", False),
        ("fnref3", False), ("chapter-3", False), ("step-1", False), ("notes", False),
    ],
)  # fmt: skip
def test_which_ids_name_a_note(anchor: str, names_a_note: bool) -> None:
    from footcheck.parsers.markdown.anchor_links import is_note_id

    assert is_note_id(anchor) is names_a_note


def test_notes_under_label_headings_and_contents_to_numbered_headings() -> None:
    """kramdown: `#### 1 {#fn1}` heads its note; `[1](#1)` goes to the part headed "1"."""
    doc = read("anchor-heading-notes.md")
    assert labels(doc) == ["1", "2"]
    assert notes(doc) == [
        ("1", "Dam authority, annual report, 2020."),
        ("2", "Survey team, field notes, 2022. They were typed up a month later."),
    ]
    assert [(n.location.line, n.location.column) for n in doc.notes] == [(15, 1), (19, 1)]
    assert findings(doc) == [("DT001", "1")]
