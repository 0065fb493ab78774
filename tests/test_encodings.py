"""Encodings: byte-order marks, legacy Windows-1252, invalid bytes, and binary files.

The same report is written in each encoding; whatever the bytes, footcheck must read
the same text (curly quotes and dashes intact) with every marker, note and finding
at the same line and column (a byte-order mark is not a column), and a binary file
must be reported as binary in one line, never parsed, while the others are checked.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from footcheck import parsers
from footcheck.footnotes.engine import check_document
from footcheck.footnotes.model import Document, DocumentError
from footcheck.footnotes.settings import Config
from footcheck.parsers.decode import decode
from tests.conftest import TODAY
from tests.test_cli import footcheck

# Curly quotes, dashes and an ellipsis (all in Windows-1252), a marker on the first line,
# a marker with no note ([3]: FN001 at a known place) and a date finding (DT001).
TEXT = (
    "The \u201cdeal\u201d was signed \u2014 finally \u2026 on 3 May 2021.[1]\n"
    "The envoys\u2019 talks \u2013 in Geneva \u2013 resumed on 7 September 2023.[2] Then [3]\n"
    "\n"
    "[1] Wire, \u201cDeal signed\u201d, 4 May 2021.\n"
    "[2] Herald, 7 September 2022.\n"
)
MARKDOWN = (
    "The \u201cdeal\u201d was signed \u2014 finally \u2026 on 3 May 2021.[^1]\n"
    "The envoys\u2019 talks \u2013 in Geneva \u2013 resumed on 7 September 2023.[^2] Then [^3]\n"
    "\n"
    "[^1]: Wire, \u201cDeal signed\u201d, 4 May 2021.\n"
    "[^2]: Herald, 7 September 2022.\n"
)
SOURCES = {"text": TEXT, "markdown": MARKDOWN}

ENCODINGS: dict[str, tuple[bytes, str]] = {
    # name: (byte-order mark, codec)
    "utf-8": (b"", "utf-8"),
    "utf-8 BOM": (b"\xef\xbb\xbf", "utf-8"),
    "utf-16 LE BOM": (b"\xff\xfe", "utf-16-le"),
    "utf-16 BE BOM": (b"\xfe\xff", "utf-16-be"),
    "utf-32 LE BOM": (b"\xff\xfe\x00\x00", "utf-32-le"),
    "utf-32 BE BOM": (b"\x00\x00\xfe\xff", "utf-32-be"),
    "windows-1252": (b"", "cp1252"),
}

Shape = tuple[
    list[tuple[str, int, int]], list[tuple[str, int, int, str]], list[tuple[str, int, int]]
]


def _shape(doc: Document) -> Shape:
    """Markers, notes (with text) and findings, with their places."""
    checked = check_document(doc, Config(today=TODAY))
    assert checked.failure is None, checked.failure
    return (
        [(m.label, m.location.line, m.location.column) for m in doc.markers],
        [(n.label, n.location.line, n.location.column, n.text) for n in doc.notes],
        [(f.code, f.location.line, f.location.column) for f in checked.findings],
    )


def _expected(fmt: str) -> Shape:
    return _shape(parsers.parse(SOURCES[fmt].encode(), f"report.{fmt}", fmt))


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_every_encoding_reads_the_same_report_at_the_same_places(fmt: str, encoding: str) -> None:
    bom, codec = ENCODINGS[encoding]
    data = bom + SOURCES[fmt].encode(codec)
    doc = parsers.parse(data, f"report.{fmt}", fmt)
    shape = _shape(doc)
    assert shape == _expected(fmt)
    markers, notes, findings = shape
    # On line 1: the BOM is not a column; a curly quote or a dash is one column.
    assert markers[0] == ("1", 1, SOURCES[fmt].index("[") + 1)
    assert notes[0][3] == "Wire, \u201cDeal signed\u201d, 4 May 2021."
    assert ("FN001", 2, markers[2][2]) in findings  # [3] has no note
    assert any(code == "DT001" for code, _, _ in findings)  # 2023 event, 2022 source
    assert doc.paragraphs[0].text.startswith(
        "The \u201cdeal\u201d was signed \u2014 finally \u2026"
    )


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_crlf_and_a_bom_keep_lines_and_columns(fmt: str) -> None:
    data = b"\xef\xbb\xbf" + SOURCES[fmt].replace("\n", "\r\n").encode()
    assert _shape(parsers.parse(data, f"r.{fmt}", fmt)) == _expected(fmt)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_invalid_utf8_bytes_in_a_utf8_file(fmt: str) -> None:
    # Mostly UTF-8, with a sentence pasted from a Windows-1252 document on line 2.
    source = SOURCES[fmt]
    line_1, rest = source.split("\n", 1)
    pasted = "\u201cQuoted\u201d \u2013 pasted.".encode("cp1252")
    data = line_1.encode() + b" " + pasted + b"\n" + rest.encode()
    doc = parsers.parse(data, f"r.{fmt}", fmt)
    assert "\u201cQuoted\u201d \u2013 pasted." in doc.paragraphs[0].text  # each byte read as cp1252
    assert "\u201cdeal\u201d" in doc.paragraphs[0].text  # the UTF-8 quotes stay UTF-8
    markers, notes, _ = _shape(doc)
    expected_markers, expected_notes, _ = _expected(fmt)
    assert markers == expected_markers  # the pasted text follows every marker of line 1
    assert notes == expected_notes


def test_invalid_bytes_never_fail_a_file() -> None:
    # Five bytes Windows-1252 leaves undefined, truncated and overlong UTF-8, lone surrogates.
    for junk in (b"\x81\x8d\x8f\x90\x9d", b"\xe2\x80", b"\xc0\xaf", b"\xed\xa0\x80", b"\xff"):
        data = b"Claim.[1] " + junk + b"\n\n[1] Source, 2020.\n"
        doc = parsers.parse(data, "r.txt", "text")
        assert doc.markers[0].location.column == 7
        assert doc.notes[0].location.line == 3
        text = decode(data)
        assert len(text.split("\n")[0]) == len("Claim.[1] ") + len(junk)  # a byte, a character
    for bom, codec in ENCODINGS.values():
        if bom:  # a BOM decides; bad code units become U+FFFD, not an error
            data = bom + "Claim.[1]\n\n[1] Source, 2020.\n".encode(codec) + b"\xff\xfe\x80"
            assert parsers.parse(data, "r.txt", "text").notes[0].label == "1"


def test_a_mostly_legacy_file_is_windows_1252_throughout() -> None:
    # "É“" happens to be a valid UTF-8 sequence (U+00C9 U+201C -> C9 93): it must not win.
    legacy = "\u00c9\u201cchec\u201d \u2013 caf\u00e9 \u00e0 l\u2019heure.\n".encode("cp1252")
    assert decode(legacy) == "\u00c9\u201cchec\u201d \u2013 caf\u00e9 \u00e0 l\u2019heure.\n"


# ------------------------------------------------------------------------------- HTML

HTML = (
    "<!DOCTYPE html>\n<html><head>{meta}<title>T</title></head><body>\n"
    "<p>The \u201cdeal\u201d \u2013 signed on 3 May 2021."
    "<sup><a href='#fn1' id='r1'>1</a></sup></p>\n"
    "<ol class='footnotes'><li id='fn1'>Wire, \u201cDeal\u201d, 4 May 2021. "
    "<a href='#r1'>back</a></li></ol>\n</body></html>\n"
)


def _html_shape(data: bytes) -> tuple[str, str, list[tuple[int, int]]]:
    doc = parsers.parse(data, "r.html", "html")
    _shape(doc)
    places = [(m.location.line, m.location.column) for m in doc.markers]
    places += [(n.location.line, n.location.column) for n in doc.notes]
    return doc.paragraphs[0].text, doc.notes[0].text, places


def test_html_with_a_windows_1252_meta_charset() -> None:
    reference = _html_shape(HTML.format(meta='<meta charset="utf-8">').encode())
    assert reference[0].startswith("The \u201cdeal\u201d \u2013 signed")
    for meta in (
        '<meta charset="windows-1252">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        '<meta charset="iso-8859-1">',  # what browsers (and Word) mean by it: cp1252
    ):
        data = HTML.format(meta=meta).encode("cp1252")
        text, note, places = _html_shape(data)
        assert text == reference[0] and note == reference[1], meta
        assert [line for line, _ in places] == [line for line, _ in reference[2]]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_html_with_a_byte_order_mark(codec: str) -> None:
    reference = _html_shape(HTML.format(meta="").encode())
    data = HTML.format(meta="").encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    assert _html_shape(data) == reference


# ------------------------------------------------------------------------------ binary

BINARIES: dict[str, tuple[bytes, str]] = {
    "image.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "a PNG image"),
    # A PDF whose first 8 KB hold no NUL byte: the signature, not the bytes, gives it away.
    "paper.pdf.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "PDF"),
    "program.md": (b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00>\x00", "ELF"),
    "report-docx.txt": (b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml", "zip archive"),
    "old.html": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16), "OLE2"),
    "noise.txt": (bytes(range(256)) * 4, "binary file"),
}


@pytest.mark.parametrize("name", list(BINARIES))
def test_binary_data_is_refused_not_parsed(name: str) -> None:
    data, kind = BINARIES[name]
    fmt = parsers.parse.format_for_named(name)
    with pytest.raises(DocumentError) as caught:
        parsers.parse(data, name, fmt)
    message = str(caught.value)
    assert message.startswith("binary file (") and kind in message
    assert "\n" not in message


def test_a_real_docx_named_txt_is_reported_as_binary(tmp_path: Path) -> None:
    docx = Path(__file__).parent / "fixtures" / "same-report" / "report.docx"
    (tmp_path / "report.txt").write_bytes(docx.read_bytes())
    with pytest.raises(DocumentError, match=r"^binary file \(a zip archive"):
        parsers.parse(docx.read_bytes(), "report.txt", "text")


def test_a_folder_of_every_encoding_and_binary_through_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    for index, (bom, codec) in enumerate(ENCODINGS.values()):
        (folder / f"text-{index}.txt").write_bytes(bom + TEXT.encode(codec))
        (folder / f"md-{index}.md").write_bytes(bom + MARKDOWN.encode(codec))
    (folder / "page.html").write_bytes(
        HTML.format(meta='<meta charset="windows-1252">').encode("cp1252")
    )
    for name, (data, _) in BINARIES.items():
        (folder / name).write_bytes(data)
    result = footcheck("check", "--format", "json", str(folder))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    files = {os.path.basename(f["path"]): f for f in json.loads(result.stdout)["files"]}
    for name, (_, kind) in BINARIES.items():
        if name == "paper.pdf.txt" or parsers.parse.format_for(name):
            assert files[name]["error"].startswith("binary file ("), files[name]
            assert kind in files[name]["error"]
    findings = json.loads(result.stdout)["findings"]
    for index in range(len(ENCODINGS)):
        for name in (f"text-{index}.txt", f"md-{index}.md"):
            assert files[name]["error"] is None, files[name]
            assert (files[name]["markers"], files[name]["footnotes"]) == (3, 2)
            mine = [f for f in findings if os.path.basename(f["path"]) == name]
            assert {f["code"] for f in mine} >= {"FN001", "DT001"}
            fn001 = next(f for f in mine if f["code"] == "FN001")
            assert fn001["line"] == 2
    assert files["page.html"]["error"] is None and files["page.html"]["markers"] == 1
    console = footcheck("check", "--no-color", str(folder))
    assert f"{folder / 'image.png'}" not in console.stdout + console.stderr  # not a report suffix
    assert f"{folder / 'program.md'}: error: binary file (an ELF executable)" in (
        console.stdout + console.stderr
    )
