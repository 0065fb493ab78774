"""parsers.office.archive: the zip and XML guards that the DOCX and ODT readers share."""

from __future__ import annotations

import io
import struct
import time
import zipfile

import pytest

from footcheck.footnotes.model import DocumentError
from footcheck.parsers.office.archive import (
    MAX_MEMBERS,
    Archive,
    MalformedXML,
    parse_xml,
    unique_labels,
)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>
"""


def make_zip(members: dict[str, bytes], level: int = 6) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def lie_about_size(data: bytes, claimed: int) -> bytes:
    """Rewrite a one-member zip so that its headers understate the inflated size."""
    patched = bytearray(data)
    struct.pack_into("<I", patched, 22, claimed)  # local file header
    central = patched.index(b"PK\x01\x02")
    struct.pack_into("<I", patched, central + 24, claimed)
    return bytes(patched)


def assert_one_line(exc: pytest.ExceptionInfo[DocumentError]) -> str:
    message = str(exc.value)
    assert message and "\n" not in message
    return message


def test_not_a_zip() -> None:
    with pytest.raises(DocumentError) as exc:
        Archive(b"%PDF-1.7 not a zip at all", "DOCX")
    assert assert_one_line(exc) == "not a DOCX file (not a zip archive)"


def test_truncated_zip_is_not_a_zip() -> None:
    data = make_zip({"content.xml": b"<a/>" * 100})
    with pytest.raises(DocumentError) as exc:
        Archive(data[:40], "ODT")
    assert assert_one_line(exc).startswith("not an ODT file (not a zip archive")


def test_reads_a_member_and_names_a_missing_one() -> None:
    archive = Archive(make_zip({"word/document.xml": b"<x/>"}), "DOCX")
    assert archive.read("word/document.xml") == b"<x/>"
    assert archive.read("WORD/Document.xml") == b"<x/>"  # OPC names are case-insensitive
    assert archive.read_optional("word/footnotes.xml") is None
    with pytest.raises(DocumentError) as exc:
        archive.read("word/footnotes.xml")
    assert "word/footnotes.xml" in assert_one_line(exc)


def test_too_many_members() -> None:
    data = make_zip({f"m{i}": b"" for i in range(MAX_MEMBERS + 1)}, level=0)
    start = time.perf_counter()
    with pytest.raises(DocumentError) as exc:
        Archive(data, "DOCX")
    assert "10,001 members" in assert_one_line(exc)
    assert time.perf_counter() - start < 2


def test_zip_bomb_refused_from_the_directory() -> None:
    bomb = make_zip({"content.xml": b"\0" * (4 * 1024 * 1024)}, level=9)
    assert len(bomb) < 50_000  # small on disk
    with pytest.raises(DocumentError) as exc:
        Archive(bomb, "ODT")
    message = assert_one_line(exc)
    assert "content.xml" in message and "zip bomb" in message


def test_member_and_total_caps() -> None:
    data = make_zip({"a.xml": b"x" * 5000, "b.xml": b"y" * 5000})
    with pytest.raises(DocumentError, match=r"a\.xml would inflate to 5,000 bytes"):
        Archive(data, "DOCX", max_member_bytes=4000)
    with pytest.raises(DocumentError, match="inflate to 10,000 bytes"):
        Archive(data, "DOCX", max_total_bytes=8000)


def test_a_lying_directory_is_caught_while_inflating() -> None:
    data = lie_about_size(make_zip({"word/document.xml": b"<w/>" * 10_000}), 100)
    archive = Archive(data, "DOCX")
    with pytest.raises(DocumentError) as exc:
        archive.read("word/document.xml")
    assert "word/document.xml" in assert_one_line(exc)


def test_parse_xml_reads_well_formed_xml() -> None:
    root = parse_xml(b"<?xml version='1.0'?><a><b>text</b></a>", "x.xml", "DOCX")
    assert root.findtext("b") == "text"


def test_malformed_xml_is_one_line() -> None:
    with pytest.raises(MalformedXML) as exc:
        parse_xml(b"<a><b></a>", "word/document.xml", "DOCX")
    message = assert_one_line(exc)  # type: ignore[arg-type]
    assert message.startswith("DOCX part word/document.xml is not well-formed XML")


def test_billion_laughs_refused_fast() -> None:
    start = time.perf_counter()
    with pytest.raises(DocumentError) as exc:
        parse_xml(BILLION_LAUGHS, "content.xml", "ODT")
    assert assert_one_line(exc) == "ODT part content.xml declares XML entities (refused)"
    assert time.perf_counter() - start < 1


def test_billion_laughs_in_utf16_refused() -> None:
    data = BILLION_LAUGHS.replace(b'version="1.0"', b'version="1.0" encoding="UTF-16"')
    with pytest.raises(DocumentError, match="declares XML entities"):
        parse_xml(data.decode().encode("utf-16"), "content.xml", "ODT")


def test_external_entity_refused() -> None:
    xxe = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>'
    with pytest.raises(DocumentError, match="declares XML entities"):
        parse_xml(xxe, "word/document.xml", "DOCX")


def test_doctype_without_entities_does_not_load_anything() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE a SYSTEM "http://example.invalid/a.dtd"><a>ok</a>'
    assert parse_xml(data, "x.xml", "DOCX").text == "ok"


def test_unique_labels_prefix_endnotes_only_on_a_clash() -> None:
    assert unique_labels([("footnote", "1"), ("endnote", "i"), ("footnote", "2")]) == [
        "1",
        "i",
        "2",
    ]
    assert unique_labels([("footnote", "1"), ("endnote", "1"), ("endnote", "2")]) == [
        "1",
        "e1",
        "e2",
    ]


def test_unique_labels_number_a_repeated_custom_mark() -> None:
    assert unique_labels([("footnote", "*"), ("footnote", "*"), ("footnote", "*")]) == [
        "*",
        "*(2)",
        "*(3)",
    ]
