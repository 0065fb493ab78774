"""Property tests of every reader: any bytes in, a Document or a one-line DocumentError out.

For each format (text, Markdown, HTML, reST, DOCX, ODT) hypothesis feeds raw bytes, text
built from the pieces the reader cares about (in several encodings), and for DOCX
and ODT well-formed packages built from generated XML, zips with arbitrary member
names and contents, and mutations of the committed fixtures. Each input is held to
`fuzz.promises.check`, the fuzz target's own check:

- the format's reader, called directly, raises nothing but `DocumentError`, with a
  one-line message (anything else fails, naming the format and the exception);
- every paragraph, marker and note location has line >= 1 and column >= 1, and for
  the text formats line <= the number of lines of the decoded input (+1) (except
  for a page declaring a charset other than UTF-8: see fuzz/promises.py);
- a marker's offset lies inside its paragraph's text;
- the rules (`check_document` with `Config()`) run on it without a failure.

On a failure hypothesis prints the smallest input it found (the reproducer). The
whole file is meant to stay under ~40 s; `fuzz/fuzz_parsers.py` runs the same
checks for as long as one wants (atheris, or a plain loop with `--smoke N`).
"""

from __future__ import annotations

import io
import os
import warnings
import zipfile
from collections.abc import Mapping
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcheck import parsers
from fuzz.promises import check

FIXTURES = Path(__file__).parent / "fixtures"
OFFICE = sorted([*FIXTURES.glob("office/*.docx"), *FIXTURES.glob("office/*.odt")])
OFFICE += sorted([*FIXTURES.glob("same-report/*.docx"), *FIXTURES.glob("same-report/*.odt")])
# FOOTCHECK_FUZZ_EXAMPLES=5000 for a longer hunt than the suite's default.
FUZZ = settings(
    max_examples=int(os.environ.get("FOOTCHECK_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)


# ------------------------------------------------------------------------ text formats

_COMMON = [
    *"[]^()0123456789 .,;:-\n\r\t\"'#*_`>|<&",
    "\u201c", "\u201d", "\u2019", "\u2013", "\u2014", "\u00b9", "\u00b2", "\u00b3", "\u00a0",
    "\ufeff", "\u2028", "\x0c", "\x85", "\ue000", "\ufffd", "\U0001f600", "\u0301",
    "2023", "19", "May", "Sept. 7, 2022", "3 June 2021", "February 30, 2020", "Ibid.",
    "[1]", "[2-4]", "[2, 5]", "[12]", "1. ", "2) ", "Notes\n", "References\n", "[sic]",
    "http://x.org/a?utm_source=1", "<!-- footcheck: ignore DT001 -->",
    "<!-- footcheck: disable-file -->", "<!-- footcheck: ignore -->",
]  # fmt: skip
_MARKDOWN = [
    "[^a]", "[^1]", "[^a]: ", "[^1]: ", "\n    ", "```\n", "~~~", "`", "^[", "---\n",
    "date: 2024-02-01\n", "title: x\n", "> ", "- ", "* ", "<div>", "</div>", "\\[", "[x](y)",
    "[^", "]:", "\n\n", "<sup>1</sup>", "***", "|---|", "$$",
    "[1](#fn1)", "<sup>[2](#n2)</sup>", '<a name="fn1"></a>', '<li id="n2">', "{#fn1}", "]{#x}",
    "::: {#n2}", "[↩](#fnref1)", "[3](n.md#n3)", "<!-- c -->", "[r]: #fn1\n", "[1][r]",
]  # fmt: skip
_HTML = [
    "<p>", "</p>", "<sup>", "</sup>", "<a href='#fn1' id='fnref1'>", "<a href='#fnref1'>",
    "</a>", "<li id='fn1'>", "<li id='fn2'>", "</li>", "<ol>", "</ol>", "<ul>",
    "<section class='footnotes' role='doc-endnotes'>", "</section>", "<hr>", "<br>",
    "<a epub:type='noteref' role='doc-noteref' href='#n1'>", "<aside id='n1' role='doc-endnote'>",
    "<meta charset='windows-1252'>", "<meta charset='utf-16'>", "<meta charset='bogus'>",
    "<meta property='article:published_time' content='2024-01-02'>",
    "<time datetime='2023-13-45'>", "<script>", "</script>", "<style>", "<nav>", "<table><tr><td>",
    "&#95;", "&amp;", "&#x110000;", "&nbsp;", "<![CDATA[", "<?xml version='1.0'?>",
    "<span class='mw-reflink-text'>", "<cite>", "<div id='ftn1'>", "<a name='_ftnref1'>",
    "<html>", "<body>", "<!DOCTYPE html>", "<",
]  # fmt: skip
_RST = [
    "[1]_", "[#]_", "[#a]_", "[*]_", "[CIT1]_", ".. [1] ", ".. [#] ", ".. [#a] ", ".. [*] ",
    ".. [CIT1] ", "\n\n", "\n   ", "\n  ", "::\n\n", ".. ", "..\n", ".. note::", ".. include:: x",
    ".. code-block:: python", ".. versionadded:: 1.0", ".. |s| replace:: [1]_", "|s|", "__",
    ".. __: ", ".. _t: ", ":func:`x`", ":ref:`a <b>`", "`x`_", "``", "**", "===\n", "---\n",
    "+---+\n", "| a |\n", "PEP: 1\n", "Content-Type: text/x-rst\n", ":Date: 2024-01-02\n",
    ".. footcheck: ignore DT001\n", ".. footcheck: disable-file\n", "\\", "* ", "#. ",
]  # fmt: skip
_PIECES = {
    "text": st.sampled_from(_COMMON),
    "rst": st.sampled_from(_COMMON + _RST),
    "markdown": st.sampled_from(_COMMON + _MARKDOWN),
    "html": st.sampled_from(_COMMON + _HTML),
}
_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1"])


@st.composite
def encoded_text(draw: st.DrawFn, fmt: str) -> bytes:
    """Text made of the reader's pieces, encoded somehow, with a few stray bytes maybe."""
    text = "".join(draw(st.lists(_PIECES[fmt], max_size=80)))
    data = text.encode(draw(_ENCODINGS), errors="replace")
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at:]
    return data


def _text_inputs(fmt: str) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=600), encoded_text(fmt))


@FUZZ
@given(_text_inputs("text"))
def test_text_reader(data: bytes) -> None:
    check(data, "text")


@FUZZ
@given(_text_inputs("markdown"))
def test_markdown_reader(data: bytes) -> None:
    check(data, "markdown")


@FUZZ
@given(_text_inputs("html"))
def test_html_reader(data: bytes) -> None:
    check(data, "html")


@FUZZ
@given(_text_inputs("rst"))
def test_rst_reader(data: bytes) -> None:
    check(data, "rst")


# ------------------------------------------------------------------------ DOCX and ODT

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORDS = st.sampled_from(
    ["Claim", " met on 7 September 2023.", " [1]", "[2] ", "Ibid.", "Herald, 2022.", " ", "*"]
)
_IDS = st.sampled_from(["-1", "0", "1", "2", "3", "x", "", "99999999999999999999"])
_NUM_FMTS = st.sampled_from(
    ["decimal", "lowerRoman", "upperLetter", "chicago", "decimalEnclosedCircle", "ordinal", "?"]
)
_NUM_STARTS = st.sampled_from(["0", "1", "-5", "27", "3999", "4000", "1000000000000", "x", ""])


def _docx_inline() -> st.SearchStrategy[str]:
    leaf = st.one_of(
        _WORDS.map(lambda t: f"<w:r><w:t xml:space='preserve'>{t}</w:t></w:r>"),
        _IDS.map(lambda i: f"<w:r><w:footnoteReference w:id='{i}'/></w:r>"),
        _IDS.map(lambda i: f"<w:r><w:endnoteReference w:id='{i}'/></w:r>"),
        _IDS.map(
            lambda i: (
                f"<w:r><w:footnoteReference w:customMarkFollows='1' w:id='{i}'/>"
                "<w:t>\u2020</w:t></w:r>"
            )
        ),
        st.sampled_from(
            [
                "<w:r><w:tab/><w:br/><w:noBreakHyphen/></w:r>",
                "<w:r><w:fldChar w:fldCharType='begin'/></w:r>",
                "<w:r><w:instrText>NOTEREF _Ref1 \\f</w:instrText></w:r>",
                "<w:r><w:fldChar w:fldCharType='separate'/></w:r>",
                "<w:r><w:fldChar w:fldCharType='end'/></w:r>",
                "<w:del><w:r><w:delText>gone [3]</w:delText></w:r></w:del>",
                "<w:pPr><w:sectPr><w:footnotePr><w:numRestart w:val='eachSect'/>"
                "</w:footnotePr></w:sectPr></w:pPr>",
                "<w:r><w:footnoteRef/></w:r>",
                "<w:r><w:separator/></w:r>",
            ]
        ),
    )
    return st.recursive(
        leaf,
        lambda inner: st.tuples(
            st.sampled_from(["w:ins", "w:hyperlink", "w:smartTag", "w:sdt", "w:fldSimple"]),
            st.lists(inner, max_size=4),
        ).map(
            lambda t: (
                f"<w:sdt><w:sdtContent>{''.join(t[1])}</w:sdtContent></w:sdt>"
                if t[0] == "w:sdt"
                else f"<{t[0]}>{''.join(t[1])}</{t[0]}>"
            )
        ),
        max_leaves=12,
    )


_DOCX_PARAGRAPHS = st.lists(st.lists(_docx_inline(), max_size=5), max_size=6).map(
    lambda ps: "".join(f"<w:p>{''.join(p)}</w:p>" for p in ps)
)


def _note_pr(kind: str, fmt: str, start: str) -> str:
    return f"<w:{kind}Pr><w:numFmt w:val='{fmt}'/><w:numStart w:val='{start}'/></w:{kind}Pr>"


@st.composite
def docx_packages(draw: st.DrawFn) -> bytes:
    """A DOCX whose document, notes and settings are generated WordprocessingML."""
    ns = f"xmlns:w='{_W}' xmlns:r='{_R}'"
    sect = _note_pr("footnote", draw(_NUM_FMTS), draw(_NUM_STARTS))
    body = f"<w:body>{draw(_DOCX_PARAGRAPHS)}<w:sectPr>{sect}</w:sectPr></w:body>"
    notes = {}
    for kind in ("footnote", "endnote"):
        entries = "".join(
            f"<w:{kind} w:id='{note_id}' w:type='{note_type}'>{paragraphs}</w:{kind}>"
            for note_id, note_type, paragraphs in draw(
                st.lists(
                    st.tuples(
                        _IDS, st.sampled_from(["normal", "separator", "x"]), _DOCX_PARAGRAPHS
                    ),
                    max_size=4,
                )
            )
        )
        notes[kind] = f"<w:{kind}s {ns}>{entries}</w:{kind}s>"
    settings_xml = (
        f"<w:settings {ns}>{_note_pr('endnote', draw(_NUM_FMTS), draw(_NUM_STARTS))}</w:settings>"
    )
    rels = "".join(
        f"<Relationship Id='r{i}' Type='{_R}/{kind}' Target='{target}'/>"
        for i, (kind, target) in enumerate(
            [
                ("footnotes", "footnotes.xml"),
                ("endnotes", "endnotes.xml"),
                *draw(
                    st.sampled_from([[], [("settings", "settings.xml")], [("settings", "../x")]])
                ),
            ]
        )
    )
    members = {
        "[Content_Types].xml": "<Types/>",
        "_rels/.rels": "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/"
        f"relationships'><Relationship Id='rId1' Type='{_R}/officeDocument' "
        "Target='word/document.xml'/></Relationships>",
        "word/document.xml": f"<w:document {ns}>{body}</w:document>",
        "word/_rels/document.xml.rels": "<Relationships xmlns='http://schemas.openxmlformats.org"
        f"/package/2006/relationships'>{rels}</Relationships>",
        "word/footnotes.xml": notes["footnote"],
        "word/endnotes.xml": notes["endnote"],
        "word/settings.xml": settings_xml,
        "docProps/core.xml": "<cp:coreProperties xmlns:cp='x' xmlns:dcterms='http://purl.org/dc/"
        f"terms/'><dcterms:modified>{draw(_WORDS)}</dcterms:modified></cp:coreProperties>",
    }
    return _zip(members)


_ODT_NS = (
    "xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0' "
    "xmlns:text='urn:oasis:names:tc:opendocument:xmlns:text:1.0' "
    "xmlns:draw='urn:oasis:names:tc:opendocument:xmlns:drawing:1.0' "
    "xmlns:table='urn:oasis:names:tc:opendocument:xmlns:table:1.0'"
)


def _odt_inline() -> st.SearchStrategy[str]:
    leaf = st.one_of(
        _WORDS,
        st.sampled_from(
            [
                "<text:s text:c='3'/>",
                "<text:s text:c='99999999999'/>",
                "<text:s text:c='x'/>",
                "<text:tab/>",
                "<text:line-break/>",
                "<text:tracked-changes><text:p>gone [4]</text:p></text:tracked-changes>",
                "<office:annotation><text:p>comment</text:p></office:annotation>",
            ]
        ),
    )

    def note(parts: tuple[str, str, str, list[str]]) -> str:
        cls, citation, label, body = parts
        label_attr = f" text:label='{label}'" if label else ""
        return (
            f"<text:note text:id='n' text:note-class='{cls}'><text:note-citation{label_attr}>"
            f"{citation}</text:note-citation><text:note-body><text:p>{''.join(body)}</text:p>"
            "</text:note-body></text:note>"
        )

    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4).map(lambda xs: f"<text:span>{''.join(xs)}</text:span>"),
            st.tuples(
                st.sampled_from(["footnote", "endnote", "x"]),
                st.sampled_from(["1", "2", "*", "", "i"]),
                st.sampled_from(["", "*", "1"]),
                st.lists(inner, max_size=3),
            ).map(note),
            st.lists(inner, max_size=3).map(
                lambda xs: (
                    "<draw:frame><draw:text-box><text:p>"
                    f"{''.join(xs)}</text:p></draw:text-box></draw:frame>"
                )
            ),
        ),
        max_leaves=12,
    )


_ODT_BLOCK = st.lists(_odt_inline(), max_size=5).flatmap(
    lambda xs: st.sampled_from(
        [
            f"<text:p>{''.join(xs)}</text:p>",
            f"<text:h>{''.join(xs)}</text:h>",
            f"<text:list><text:list-item><text:p>{''.join(xs)}</text:p></text:list-item></text:list>",
            f"<table:table><table:table-row><table:table-cell><text:p>{''.join(xs)}</text:p>"
            "</table:table-cell></table:table-row></table:table>",
            f"<text:section><text:p>{''.join(xs)}</text:p></text:section>",
        ]
    )
)


@st.composite
def odt_packages(draw: st.DrawFn) -> bytes:
    """An ODT whose content.xml is generated OpenDocument text."""
    body = "".join(draw(st.lists(_ODT_BLOCK, max_size=6)))
    members = {
        "mimetype": draw(
            st.sampled_from(["application/vnd.oasis.opendocument.text", "", "application/x-other"])
        ),
        "content.xml": f"<office:document-content {_ODT_NS}><office:body><office:text>{body}"
        "</office:text></office:body></office:document-content>",
        "meta.xml": "<office:document-meta xmlns:office='urn:oasis:names:tc:opendocument:xmlns:"
        "office:1.0' xmlns:dc='http://purl.org/dc/elements/1.1/'><office:meta><dc:date>"
        f"{draw(_WORDS)}</dc:date></office:meta></office:document-meta>",
    }
    return _zip(members)


def _zip(members: Mapping[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


_MEMBER_NAMES = st.one_of(
    st.sampled_from(
        [
            "word/document.xml",
            "word/footnotes.xml",
            "word/_rels/document.xml.rels",
            "_rels/.rels",
            "content.xml",
            "meta.xml",
            "mimetype",
            "WORD/DOCUMENT.XML",
            "/content.xml",
            "../evil.xml",
            "dir/",
        ]
    ),
    st.text(min_size=1, max_size=20),
)
_MEMBER_CONTENTS = st.one_of(
    st.binary(max_size=200),
    st.sampled_from(
        [
            b"<w:document xmlns:w='%s'><w:body/></w:document>" % _W.encode(),
            b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;</x>",
            b"\xff\xfe<\x00x\x00/\x00>\x00",
            b"application/vnd.oasis.opendocument.text",
            b"<office:document-content/>",
        ]
    ),
)


@st.composite
def arbitrary_zips(draw: st.DrawFn) -> bytes:
    """A zip with arbitrary member names and contents (some names the readers look for)."""
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore", UserWarning)  # duplicate names are the point
        for name, content in draw(st.lists(st.tuples(_MEMBER_NAMES, _MEMBER_CONTENTS), max_size=6)):
            info = zipfile.ZipInfo(name)
            info.compress_type = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
            archive.writestr(info, content)
    return buffer.getvalue()


@st.composite
def mutated_fixtures(draw: st.DrawFn) -> tuple[bytes, str]:
    """A committed DOCX or ODT fixture with one member's bytes mutated, or the zip's own."""
    path = draw(st.sampled_from(OFFICE))
    fmt = path.suffix[1:]
    data = path.read_bytes()
    if draw(st.booleans()):  # mutate the raw zip (its directory, headers, deflate streams)
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + draw(st.binary(max_size=4)) + data[at + draw(st.integers(0, 4)) :]
        return data, fmt
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    name = draw(st.sampled_from(sorted(members)))
    content = members[name]
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(content)))
        cut = draw(st.integers(0, 16))
        insert = draw(
            st.one_of(
                st.binary(max_size=6),
                st.sampled_from([b"<", b">", b"</w:p>", b"<w:p>", b"&amp;", b'"', b"\x00"]),
            )
        )
        content = content[:at] + insert + content[at + cut :]
    members[name] = content
    return _zip(members), fmt


@FUZZ
@given(st.one_of(st.binary(max_size=400), docx_packages(), arbitrary_zips()))
def test_docx_reader(data: bytes) -> None:
    check(data, "docx")


@FUZZ
@given(st.one_of(st.binary(max_size=400), odt_packages(), arbitrary_zips()))
def test_odt_reader(data: bytes) -> None:
    check(data, "odt")


@FUZZ
@given(mutated_fixtures())
def test_mutated_office_fixtures(case: tuple[bytes, str]) -> None:
    data, fmt = case
    check(data, fmt)


def test_the_fixtures_themselves_pass_the_checks() -> None:
    assert OFFICE, "no DOCX or ODT fixtures found"
    for path in OFFICE:
        assert check(path.read_bytes(), path.suffix[1:]) is not None, path
    for path in sorted((FIXTURES / "same-report").iterdir()):
        fmt = parsers.parse.format_for(path.name)
        if fmt is not None:
            assert check(path.read_bytes(), fmt) is not None, path


# ------------------------------------------------------- bugs these tests found, pinned


def test_a_huge_note_number_start_does_not_build_a_huge_label() -> None:
    # <w:numStart w:val="1000000000000"/> with w:numFmt lowerLetter was a MemoryError.
    from footcheck.parsers.office.docx_numbering import format_number

    for fmt in ("lowerLetter", "upperLetter", "chicago"):
        assert format_number(10**12, fmt) == str(10**12)
    assert format_number(27, "lowerLetter") == "aa"


def test_a_zip_with_a_nameless_member_is_one_error() -> None:
    # ZipInfo.is_dir() raised IndexError on a member whose name is empty.
    data = (
        b"PK\x01\x02" + bytes(42) + b"PK\x05\x06" + bytes(4) + b"\x01\x00\x01\x00"
        b".\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    )
    for fmt in ("docx", "odt"):
        assert check(data, fmt) is None
