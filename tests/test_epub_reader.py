"""parsers.epub: an EPUB read as one document per chapter, in spine order, safely.

Every book here is built by tests/fixtures/make_epub.py into tmp_path; the prose is
invented for these tests.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcheck import parsers
from footcheck.footnotes.model import Document, DocumentError
from footcheck.parsers.epub.reader import MAX_CHAPTERS
from footcheck.parsers.office.archive import MAX_MEMBERS
from fuzz.promises import read as read_or_refuse
from tests.fixtures.make_epub import OPF, build_epub, chapter, main

BOOK = "book.epub"
MAKE_EPUB = Path(__file__).parent / "fixtures" / "make_epub.py"

BILLION_LAUGHS_DOCTYPE = """<!DOCTYPE html [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>"""
XXE_DOCTYPE = '<!DOCTYPE package [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def page(text: str, title: str = "Chapter") -> str:
    return chapter(f"<p>{text}</p>", title)


# Standard Ebooks' way: chapters cite one endnotes file, whose notes link back.
CHAPTER_1 = chapter(
    '<section epub:type="chapter"><p>The mill closed in 1921.<a href="endnotes.xhtml#note-1"'
    ' id="noteref-1" epub:type="noteref">1</a> The weir stayed.</p></section>',
    "One",
)
CHAPTER_2 = chapter(
    '<section epub:type="chapter"><p>A new bridge opened in 1934.<a href="endnotes.xhtml#note-2"'
    ' id="noteref-2" epub:type="noteref">2</a></p></section>',
    "Two",
)
ENDNOTES = chapter(
    '<section epub:type="endnotes"><ol>'
    '<li id="note-1" epub:type="endnote"><p>County records, 1922. <a'
    ' href="chapter-1.xhtml#noteref-1" epub:type="backlink">↩</a></p></li>'
    '<li id="note-2" epub:type="endnote"><p>Bridge board minutes, 1935. <a'
    ' href="chapter-2.xhtml#noteref-2" epub:type="backlink">↩</a></p></li>'
    "</ol></section>",
    "Endnotes",
)
STANDARD = [
    ("OEBPS/text/chapter-2.xhtml", CHAPTER_2),
    ("OEBPS/text/chapter-1.xhtml", CHAPTER_1),
    ("OEBPS/text/endnotes.xhtml", ENDNOTES),
]


def read_book(path: Path) -> Document:
    return parsers.parse(path.read_bytes(), BOOK)


def members(doc: Document) -> list[str]:
    """The zip member of each part, from its path "book.epub:MEMBER"."""
    prefix = f"{BOOK}:"
    assert all(part.path.startswith(prefix) for part in doc.parts)
    return [part.path.removeprefix(prefix) for part in doc.parts]


def refused(tmp_path: Path, chapters: list[tuple[str, str]], **options: object) -> str:
    """The one-line error reading a book built from `chapters` and `options` gives."""
    path = build_epub(tmp_path / BOOK, chapters, **options)  # type: ignore[arg-type]
    return refused_bytes(path.read_bytes())


def refused_bytes(data: bytes) -> str:
    with pytest.raises(DocumentError) as exc:
        parsers.parse(data, BOOK)
    message = str(exc.value)
    assert message and "\n" not in message
    return message


def package(manifest: str, spine: str, metadata: str = "") -> str:
    """A hand-written OPF (EPUB 3) for the cases the generator does not write."""
    return (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"{metadata}</metadata><manifest>{manifest}</manifest>{spine}</package>"
    )


def item(item_id: str, href: str, media_type: str = "application/xhtml+xml", more: str = "") -> str:
    return f'<item id="{item_id}" href="{href}" media-type="{media_type}"{more}/>'


# --- chapters in spine order -----------------------------------------------------------


@pytest.mark.parametrize("version", ["3.0", "2.0"])
def test_parts_in_spine_order_not_file_name_order(tmp_path: Path, version: str) -> None:
    doc = read_book(build_epub(tmp_path / BOOK, STANDARD, version=version))
    assert doc.format == "epub"
    assert doc.path == BOOK
    assert doc.paragraphs == () and doc.notes == ()
    assert members(doc) == [
        "OEBPS/text/chapter-2.xhtml",
        "OEBPS/text/chapter-1.xhtml",
        "OEBPS/text/endnotes.xhtml",
    ]
    assert [part.paragraphs[0].text for part in doc.parts[:2]] == [
        "A new bridge opened in 1934.",
        "The mill closed in 1921. The weir stayed.",
    ]


def test_a_linear_no_endnotes_file_is_a_part(tmp_path: Path) -> None:
    path = build_epub(tmp_path / BOOK, STANDARD, linear={"OEBPS/text/endnotes.xhtml": False})
    assert b'linear="no"' in zipfile.ZipFile(path).read(OPF)
    doc = read_book(path)
    assert members(doc)[-1] == "OEBPS/text/endnotes.xhtml"
    assert [note.label for note in doc.parts[-1].notes] == ["1", "2"]


def test_the_navigation_document_is_no_chapter_unless_the_spine_lists_it(tmp_path: Path) -> None:
    doc = read_book(build_epub(tmp_path / BOOK, STANDARD))
    assert "OEBPS/nav.xhtml" not in members(doc)
    in_spine = package(
        item("nav", "nav.xhtml", more=' properties="nav"') + item("c1", "c1.xhtml"),
        '<spine><itemref idref="nav"/><itemref idref="c1"/></spine>',
    )
    extra = {OPF: in_spine, "OEBPS/c1.xhtml": page("Text.")}
    doc = read_book(build_epub(tmp_path / "nav.epub", [], extra=extra))
    assert members(doc) == ["OEBPS/nav.xhtml", "OEBPS/c1.xhtml"]


def test_xhtml_by_media_type_or_suffix_and_through_a_fallback(tmp_path: Path) -> None:
    opf = package(
        item("html", "a.htm", "text/html")
        + item("typed", "b", "application/xhtml+xml")
        + item("suffix", "c.xhtml", "application/octet-stream")
        + item("svg", "d.svg", "image/svg+xml", ' fallback="alt"')
        + item("alt", "d.xhtml")
        + item("loop", "e.svg", "image/svg+xml", ' fallback="loop"')
        + item("img", "f.png", "image/png"),
        "<spine>"
        + "".join(f'<itemref idref="{i}"/>' for i in ("html", "typed", "suffix", "svg", "loop"))
        + '<itemref idref="img"/><itemref idref="nowhere"/><itemref idref="html"/></spine>',
    )
    names = ["a.htm", "b", "c.xhtml", "d.xhtml", "e.svg", "f.png"]
    extra: dict[str, str | bytes | None] = {OPF: opf}
    extra.update({f"OEBPS/{name}": page(name) for name in names})
    doc = read_book(build_epub(tmp_path / BOOK, [], extra=extra))
    assert members(doc) == ["OEBPS/a.htm", "OEBPS/b", "OEBPS/c.xhtml", "OEBPS/d.xhtml"]


def test_percent_encoded_hrefs_name_their_members(tmp_path: Path) -> None:
    book = [("OEBPS/Text/chapter one.xhtml", page("Spaced.")), ("OEBPS/é.xhtml", page("Accent."))]
    path = build_epub(tmp_path / BOOK, book)
    assert b"chapter%20one.xhtml" in zipfile.ZipFile(path).read(OPF)
    assert members(read_book(path)) == ["OEBPS/Text/chapter one.xhtml", "OEBPS/é.xhtml"]


def test_an_opf_at_the_root_and_one_in_a_deep_folder(tmp_path: Path) -> None:
    for opf in ("content.opf", "a/b/package.opf"):
        book = [("a/b/text/c1.xhtml", page("One.")), ("a/c2.xhtml", page("Two."))]
        doc = read_book(build_epub(tmp_path / BOOK, book, opf=opf))
        assert members(doc) == ["a/b/text/c1.xhtml", "a/c2.xhtml"], opf


def test_hrefs_that_leave_the_book_are_skipped(tmp_path: Path) -> None:
    hrefs = ["../../../etc/passwd.xhtml", "/abs.xhtml", "http://example.com/x.xhtml"]
    hrefs += ["file:///etc/hosts.xhtml", "//host/x.xhtml", "%2Fabs.xhtml", "..%2F..%2Fout.xhtml"]
    manifest = "".join(item(f"i{n}", href) for n, href in enumerate(hrefs))
    spine = "".join(f'<itemref idref="i{n}"/>' for n in range(len(hrefs)))
    opf = package(
        manifest + item("ok", "../ok.xhtml"), f'<spine>{spine}<itemref idref="ok"/></spine>'
    )
    extra = {OPF: opf, "ok.xhtml": page("Inside the zip.")}
    # A hostile zip may hold the very members such hrefs would name.
    extra.update(
        {name: page("Outside.") for name in ("abs.xhtml", "../out.xhtml", "../../etc/passwd.xhtml")}
    )
    assert members(read_book(build_epub(tmp_path / BOOK, [], extra=extra))) == ["ok.xhtml"]


# --- what a chapter says -----------------------------------------------------------------


def test_markers_keep_their_targets_as_written(tmp_path: Path) -> None:
    cites = chapter(
        '<p>The lock was rebuilt in 1950.<a href="../Text/endnotes.xhtml#note-3" id="noteref-3"'
        ' epub:type="noteref">3</a></p>'
    )
    notes = chapter(
        '<section epub:type="endnotes"><ol start="3"><li id="note-3" epub:type="endnote"><p>'
        'Canal trust, 1951. <a href="../Chapters/ch-3.xhtml#noteref-3" epub:type="backlink">'
        "↩</a></p></li></ol></section>"
    )
    book = [("OEBPS/Chapters/ch-3.xhtml", cites), ("OEBPS/Text/endnotes.xhtml", notes)]
    first, second = read_book(build_epub(tmp_path / BOOK, book)).parts
    assert [(m.label, m.target) for m in first.markers] == [("3", "../Text/endnotes.xhtml")]
    assert first.notes == ()
    assert [(n.label, n.text, n.cited_from) for n in second.notes] == [
        ("3", "Canal trust, 1951.", "../Chapters/ch-3.xhtml")
    ]


def test_standard_ebooks_chapters_and_endnotes(tmp_path: Path) -> None:
    doc = read_book(build_epub(tmp_path / BOOK, STANDARD))
    second, first, endnotes = doc.parts
    assert [(m.label, m.target) for m in first.markers] == [("1", "endnotes.xhtml")]
    assert [(m.label, m.target) for m in second.markers] == [("2", "endnotes.xhtml")]
    assert [(n.label, n.cited_from) for n in endnotes.notes] == [
        ("1", "chapter-1.xhtml"),
        ("2", "chapter-2.xhtml"),
    ]
    # A part's locations are lines of its own chapter.
    assert first.markers[0].location.line == 5
    assert all(part.format == "html" for part in doc.parts)


def test_an_in_page_note_is_read_in_its_chapter(tmp_path: Path) -> None:
    # The HTML reader recognises links to the chapter's own file name as in-page.
    text = chapter(
        '<p>Flooded in 1947.<a href="c1.xhtml#fn1" epub:type="noteref">1</a></p>'
        '<aside id="fn1" epub:type="footnote"><p>Parish register, 1948.</p></aside>'
    )
    (part,) = read_book(build_epub(tmp_path / BOOK, [("OEBPS/c1.xhtml", text)])).parts
    assert [(m.label, m.target) for m in part.markers] == [("1", None)]
    assert [(n.label, n.text) for n in part.notes] == [("1", "Parish register, 1948.")]


def test_a_chapters_suppression_comment_is_kept(tmp_path: Path) -> None:
    text = chapter("<!-- footcheck: ignore FN001 -->\n<p>Claim.<sup>1</sup></p>")
    (part,) = read_book(build_epub(tmp_path / BOOK, [("OEBPS/c1.xhtml", text)])).parts
    assert [(d.scope, d.codes) for d in part.directives] == [("next", frozenset({"FN001"}))]


# --- metadata ------------------------------------------------------------------------------


def test_epub3_metadata_and_the_date_given_to_chapters(tmp_path: Path) -> None:
    dated = chapter("<p>Own.</p>").replace(
        "<title>", '<meta name="dcterms.date" content="2020-01-02"/><title>'
    )
    book = [("OEBPS/c1.xhtml", page("One.")), ("OEBPS/c2.xhtml", dated)]
    doc = read_book(
        build_epub(tmp_path / BOOK, book, title="Rivers &amp; Locks", date="2023-05-01")
    )
    assert doc.metadata == {
        "title": "Rivers &amp; Locks",
        "language": "en",
        "date": "2023-05-01",
        "modified": "2024-03-12T00:00:00Z",
    }
    assert [part.metadata.get("date") for part in doc.parts] == ["2023-05-01", "2020-01-02"]
    assert "modified" not in doc.parts[0].metadata


def test_no_date_in_the_opf_gives_none_to_chapters(tmp_path: Path) -> None:
    doc = read_book(build_epub(tmp_path / BOOK, [("OEBPS/c1.xhtml", page("One."))], date=None))
    assert "date" not in doc.metadata
    assert "date" not in doc.parts[0].metadata


def test_epub2_dates_by_their_events(tmp_path: Path) -> None:
    metadata = (
        '<dc:date xmlns:opf="http://www.idpf.org/2007/opf" opf:event="creation">2001</dc:date>'
        '<dc:date xmlns:opf="http://www.idpf.org/2007/opf" opf:event="modification">'
        "2019-04-01</dc:date>"
        '<dc:date xmlns:opf="http://www.idpf.org/2007/opf" opf:event="publication">'
        " 1998-06 </dc:date><dc:title> Old\n Book </dc:title>"
    )
    opf = package(item("c1", "c1.xhtml"), '<spine><itemref idref="c1"/></spine>', metadata)
    extra = {OPF: opf, "OEBPS/c1.xhtml": page("One.")}
    doc = read_book(build_epub(tmp_path / BOOK, [], extra=extra))
    assert doc.metadata == {"date": "1998-06", "modified": "2019-04-01", "title": "Old Book"}
    assert doc.parts[0].metadata["date"] == "1998-06"


def test_epub2_generated_book_has_its_publication_date(tmp_path: Path) -> None:
    path = build_epub(tmp_path / BOOK, STANDARD, version="2.0", date="1927")
    assert b'opf:event="publication"' in zipfile.ZipFile(path).read(OPF)
    assert read_book(path).metadata["date"] == "1927"


# --- hostile and broken books: one line each ---------------------------------------------


def test_not_a_zip_and_empty() -> None:
    assert refused_bytes(b"%PDF-1.7") == "not an EPUB file (not a zip archive)"
    assert refused_bytes(b"") == "not an EPUB file (not a zip archive)"


def test_a_zip_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    bomb = chapter("<p>" + "0" * 20_000_000 + "</p>")
    message = refused(tmp_path, [("OEBPS/c1.xhtml", bomb)])
    assert message.startswith("EPUB part OEBPS/c1.xhtml is compressed")


def test_too_many_members(tmp_path: Path) -> None:
    extra: dict[str, str | bytes | None] = {f"x/{n}": b"" for n in range(MAX_MEMBERS)}
    message = refused(tmp_path, [("OEBPS/c1.xhtml", page("One."))], extra=extra)
    assert message.startswith("not an EPUB file (the zip has 10,005 members; the limit is")


def test_no_container(tmp_path: Path) -> None:
    message = refused(tmp_path, STANDARD, extra={"META-INF/container.xml": None})
    assert message == "not an EPUB file (it has no META-INF/container.xml)"


def test_container_pointing_nowhere_or_naming_nothing(tmp_path: Path) -> None:
    message = refused(tmp_path, STANDARD, extra={OPF: None})
    assert message == (
        "META-INF/container.xml names the package document OEBPS/content.opf, which is not there"
    )
    empty = (
        '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
        "<rootfiles/></container>"
    )
    message = refused(tmp_path, STANDARD, extra={"META-INF/container.xml": empty})
    assert message == "META-INF/container.xml names no package document (no rootfile of an OPF)"
    outside = empty.replace(
        "<rootfiles/>", '<rootfiles><rootfile full-path="../x.opf"/></rootfiles>'
    )
    assert refused(tmp_path, STANDARD, extra={"META-INF/container.xml": outside}) == message


def test_malformed_container_and_opf(tmp_path: Path) -> None:
    message = refused(tmp_path, STANDARD, extra={"META-INF/container.xml": "<container>"})
    assert message.startswith("EPUB part META-INF/container.xml is not well-formed XML")
    message = refused(tmp_path, STANDARD, extra={OPF: "<package><manifest>"})
    assert message.startswith("EPUB part OEBPS/content.opf is not well-formed XML")
    message = refused(tmp_path, STANDARD, extra={OPF: "<html/>"})
    assert (
        message == "OEBPS/content.opf is not an EPUB package document (its root is not <package>)"
    )


def test_xxe_and_billion_laughs_opf(tmp_path: Path) -> None:
    for doctype in (XXE_DOCTYPE, BILLION_LAUGHS_DOCTYPE):
        opf = doctype + package(item("c1", "c1.xhtml"), '<spine><itemref idref="c1"/></spine>')
        extra = {OPF: opf, "OEBPS/c1.xhtml": page("One.")}
        message = refused(tmp_path, [], extra=extra)
        assert message == "EPUB part OEBPS/content.opf declares XML entities (refused)"


def test_xxe_and_billion_laughs_chapter(tmp_path: Path) -> None:
    for doctype in (XXE_DOCTYPE.replace("package", "html"), BILLION_LAUGHS_DOCTYPE):
        text = page("&lol3; &xxe;").replace("<html", doctype + "\n<html", 1)
        message = refused(tmp_path, [("OEBPS/c1.xhtml", page("Fine.")), ("OEBPS/c2.xhtml", text)])
        assert message == "EPUB part OEBPS/c2.xhtml declares XML entities (refused)"


def test_no_spine_empty_spine_no_xhtml_in_it(tmp_path: Path) -> None:
    no_spine = package(item("c1", "c1.xhtml"), "")
    message = refused(tmp_path, [("OEBPS/c1.xhtml", page("One."))], extra={OPF: no_spine})
    assert message == "an EPUB with no chapters (OEBPS/content.opf has no spine)"
    no_xhtml = "an EPUB with no chapters (OEBPS/content.opf lists no XHTML in its spine)"
    assert refused(tmp_path, []) == no_xhtml
    images = package(item("p", "p.png", "image/png"), '<spine><itemref idref="p"/></spine>')
    assert refused(tmp_path, [], extra={OPF: images, "OEBPS/p.png": b"\x89PNG"}) == no_xhtml


def test_a_spine_item_missing_from_the_zip_is_skipped(tmp_path: Path) -> None:
    extra = {"OEBPS/text/chapter-1.xhtml": None}
    doc = read_book(build_epub(tmp_path / BOOK, STANDARD, extra=extra))
    assert members(doc) == ["OEBPS/text/chapter-2.xhtml", "OEBPS/text/endnotes.xhtml"]
    gone = dict.fromkeys([name for name, _ in STANDARD])
    message = refused(tmp_path, STANDARD, extra=gone)
    assert message == "an EPUB with no chapters (none of the 3 its spine lists is in the file)"


ENCRYPTION = """<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
  xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
 <enc:EncryptedData><enc:EncryptionMethod Algorithm="{algorithm}"/>
  <enc:CipherData><enc:CipherReference URI="{uri}"/></enc:CipherData></enc:EncryptedData>
</encryption>"""
AES = "http://www.w3.org/2001/04/xmlenc#aes128-cbc"


def test_drm_that_encrypts_chapters_is_refused(tmp_path: Path) -> None:
    encryption = ENCRYPTION.format(algorithm=AES, uri="OEBPS/text/chapter-1.xhtml")
    binary = bytes(range(256)) * 4
    extra = {"META-INF/encryption.xml": encryption, "OEBPS/text/chapter-1.xhtml": binary}
    message = refused(tmp_path, STANDARD, extra=extra)
    assert message == "DRM-protected EPUB: its chapters are encrypted"


def test_encrypted_fonts_or_resources_are_no_drm_of_the_text(tmp_path: Path) -> None:
    for algorithm, uri in [
        ("http://www.idpf.org/2008/embedding", "OEBPS/text/chapter-1.xhtml"),
        ("http://ns.adobe.com/pdf/enc#RC", "OEBPS/fonts/serif.otf"),
        (AES, "OEBPS/fonts/serif.otf"),
    ]:
        extra = {"META-INF/encryption.xml": ENCRYPTION.format(algorithm=algorithm, uri=uri)}
        assert len(read_book(build_epub(tmp_path / BOOK, STANDARD, extra=extra)).parts) == 3


def test_a_chapter_the_html_reader_refuses_names_the_chapter(tmp_path: Path) -> None:
    binary = b"\x00\x01\x02\x03" * 1000
    message = refused(tmp_path, [*STANDARD, ("OEBPS/text/broken.xhtml", binary)])  # type: ignore[list-item]
    assert message.startswith("EPUB chapter OEBPS/text/broken.xhtml: ")


def test_more_chapters_than_the_cap(tmp_path: Path) -> None:
    book = [(f"OEBPS/c{n:04}.xhtml", "x") for n in range(MAX_CHAPTERS + 1)]
    message = refused(tmp_path, book)
    assert message == f"an EPUB with 2,001 chapters; the limit is {MAX_CHAPTERS:,}"


def _mutations() -> st.SearchStrategy[bytes]:
    """A generated book with one member's bytes damaged, or the zip's own bytes."""
    with tempfile.TemporaryDirectory() as folder:
        book = build_epub(Path(folder) / BOOK, STANDARD).read_bytes()
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        contents = {info.filename: archive.read(info) for info in archive.infolist()}

    @st.composite
    def damaged(draw: st.DrawFn) -> bytes:
        if draw(st.booleans()):
            at = draw(st.integers(0, len(book) - 1))
            return book[:at] + draw(st.binary(max_size=8)) + book[at + draw(st.integers(0, 8)) :]
        name = draw(st.sampled_from(sorted(contents)))
        content = contents[name]
        at = draw(st.integers(0, len(content)))
        insert = draw(st.sampled_from([b"<", b">", b"&", b'"', b"\x00", b"</spine>", b"../"]))
        changed = {
            **contents,
            name: content[:at] + insert + content[at + draw(st.integers(0, 9)) :],
        }
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for member, data in changed.items():
                archive.writestr(member, data)
        return out.getvalue()

    return damaged()


@settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.one_of(st.binary(max_size=300), _mutations()))
def test_damaged_books_give_a_document_or_one_line(data: bytes) -> None:
    doc = read_or_refuse(data, "epub")  # raises on anything but a one-line DocumentError
    if doc is not None:
        for part in doc.parts:
            places = [p.location for p in part.paragraphs] + [n.location for n in part.notes]
            assert all(place.line >= 1 and place.column >= 1 for place in places)


# --- the generator ------------------------------------------------------------------------


def test_the_generator_is_deterministic_and_writes_mimetype_first_and_stored(
    tmp_path: Path,
) -> None:
    first = build_epub(tmp_path / "a.epub", STANDARD).read_bytes()
    assert build_epub(tmp_path / "b.epub", STANDARD).read_bytes() == first
    info = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert [i.filename for i in info[:3]] == ["mimetype", "META-INF/container.xml", OPF]
    assert info[0].compress_type == zipfile.ZIP_STORED
    assert first[30:38] == b"mimetype"  # its name right after the first local header
    assert first[38:58] == b"application/epub+zip"


def test_the_generator_packs_a_folder_in_its_spine_txt_order(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    (folder / "Text").mkdir(parents=True)
    for name, text in STANDARD:
        (folder / "Text" / Path(name).name).write_text(text, encoding="utf-8")
    (folder / "extra.xhtml").write_text(page("Not in the spine."), encoding="utf-8")
    (folder / "spine.txt").write_text(
        "# the reading order\nText/chapter-1.xhtml\n\nText/chapter-2.xhtml\nText/endnotes.xhtml\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.epub"
    run = subprocess.run(
        [sys.executable, str(MAKE_EPUB), str(folder), str(out), "--date", "2022-02-02"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    doc = read_book(out)
    assert members(doc) == [
        "OEBPS/Text/chapter-1.xhtml",
        "OEBPS/Text/chapter-2.xhtml",
        "OEBPS/Text/endnotes.xhtml",
    ]
    assert doc.metadata["date"] == "2022-02-02"
    assert "OEBPS/extra.xhtml" in zipfile.ZipFile(out).namelist()
    # Without spine.txt: sorted names, every file a chapter.
    (folder / "spine.txt").unlink()
    assert main([str(folder), str(out), "--epub2"]) == 0
    assert members(read_book(out)) == [
        "OEBPS/Text/chapter-1.xhtml",
        "OEBPS/Text/chapter-2.xhtml",
        "OEBPS/Text/endnotes.xhtml",
        "OEBPS/extra.xhtml",
    ]


RIVER = Path(__file__).parent / "fixtures" / "epub" / "river"
RIVER_OPTIONS = ["--title", "Along the Alder", "--date", "1990-05-01"]


def test_the_committed_book_is_what_the_generator_makes_of_its_folder(tmp_path: Path) -> None:
    # tests/fixtures/epub/river.epub: python tests/fixtures/make_epub.py \
    #     tests/fixtures/epub/river tests/fixtures/epub/river.epub --title ... --date ...
    assert main([str(RIVER), str(tmp_path / "river.epub"), *RIVER_OPTIONS]) == 0
    committed = RIVER.with_suffix(".epub").read_bytes()
    assert (tmp_path / "river.epub").read_bytes() == committed
    doc = parsers.parse(committed, "river.epub")
    assert [part.path for part in doc.parts] == [
        "river.epub:OEBPS/Text/preface.xhtml",
        "river.epub:OEBPS/Text/chapter-1.xhtml",
        "river.epub:OEBPS/Text/chapter-2.xhtml",
        "river.epub:OEBPS/Text/endnotes.xhtml",
    ]
    assert [len(part.markers) for part in doc.parts] == [1, 2, 1, 0]
    assert [note.cited_from for note in doc.parts[-1].notes] == [
        "preface.xhtml",
        "chapter-1.xhtml",
        "chapter-1.xhtml",
        "chapter-2.xhtml",
    ]


# --- the registry and the command line ---------------------------------------------------


def test_the_registry_reads_epub_by_its_suffix() -> None:
    assert parsers.parse.format_for("Book.EPUB") == "epub"
    assert parsers.parse.format_for_named("book.epub") == "epub"
    assert "epub" in parsers.FORMATS


FOOTCHECK = shutil.which("footcheck", path=os.path.dirname(sys.executable)) or shutil.which(
    "footcheck"
)


def test_footcheck_check_an_epub_end_to_end(tmp_path: Path) -> None:
    assert FOOTCHECK, "the footcheck entry point is not installed in this environment"
    build_epub(tmp_path / BOOK, STANDARD)
    (tmp_path / "broken.epub").write_bytes(b"PK\x03\x04 not really")
    run = subprocess.run(
        [FOOTCHECK, "check", str(tmp_path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert "Traceback" not in run.stderr + run.stdout
    files = {Path(f["path"]).name: f for f in json.loads(run.stdout)["files"]}
    assert files[BOOK]["format"] == "epub"
    assert files[BOOK]["error"] is None
    assert files["broken.epub"]["error"].startswith("not an EPUB file (not a zip archive")
