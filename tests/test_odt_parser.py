"""The ODT reader: paragraphs, notes stored at their markers, labels, metadata, safety.

The files under tests/fixtures/office/ come from generate.py there; the small
documents built in memory here pin down one behaviour each.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from footcheck import parsers
from footcheck.footnotes.model import DocumentError
from footcheck.parsers.office.odt import parse
from tests.conftest import marker_labels, note_texts, read_office

OFFICE = Path(__file__).parent / "fixtures" / "office"
SAME_REPORT = Path(__file__).parent / "fixtures" / "same-report"
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
)
MIMETYPE = b"application/vnd.oasis.opendocument.text"


def make_odt(
    body: str,
    meta: str | None = None,
    extra: dict[str, bytes] | None = None,
    mimetype: bytes = MIMETYPE,
) -> bytes:
    content = (
        f"<office:document-content {NS}><office:body><office:text>{body}"
        "</office:text></office:body></office:document-content>"
    )
    members = {"mimetype": mimetype, "content.xml": content.encode()}
    if meta is not None:
        members["meta.xml"] = (
            f"<office:document-meta {NS}><office:meta>{meta}</office:meta></office:document-meta>"
        ).encode()
    members.update(extra or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def note(citation: str, *paragraphs: str, kind: str = "footnote", label: str = "") -> str:
    label_attr = f' text:label="{label}"' if label else ""
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    return (
        f'<text:note text:id="n{citation}" text:note-class="{kind}">'
        f"<text:note-citation{label_attr}>{citation}</text:note-citation>"
        f"<text:note-body>{body}</text:note-body></text:note>"
    )


read = read_office
labels = marker_labels
notes = note_texts


# -- the generated fixtures ---------------------------------------------------------------


def test_labels_and_kinds() -> None:
    doc = read("notes.odt")
    assert doc.format == "odt"
    assert labels(doc) == ["1", "i", "2", "3", "\u2020", "4"]
    assert all(m.auto for m in doc.markers)
    assert {n.label: n.kind for n in doc.notes}["i"] == "endnote"
    assert [n.label for n in doc.notes] == ["1", "2", "3", "\u2020", "4", "i"]


def test_note_texts_multi_paragraph_and_link() -> None:
    texts = notes(read("notes.odt"))
    assert texts["2"] == "Site diary, 28 October 2023. Photographs held by the secretary."
    assert texts["3"] == "Locksmith receipt, riverside.example/receipts, 9 November 2023."
    assert texts["\u2020"] == "Hedge contractor, 2 March 2023."


def test_body_paragraphs_spaces_lists_tables_sections_tracked_changes() -> None:
    doc = read("notes.odt")
    by_line = {p.location.line: p.text for p in doc.paragraphs}
    assert by_line == {
        1: "Riverside Allotments Report",
        2: "3 April 2024",
        3: "Plot rents rose in 2023. Water use fell.",
        4: "Compost bays were rebuilt in October 2023.",
        5: "Shed keys were replaced in 2023.",
        6: "12 keys",
        7: "The gate was painted green in March 2024.",  # "painted blue" was deleted
        8: "The hedge was cut in 2023.",  # the comment is not body text
        9: "Membership reached 60 in 2023.",
    }
    assert not any("Photographs" in p.text for p in doc.paragraphs)


def test_marker_and_note_locations() -> None:
    doc = read("notes.odt")
    assert [(m.label, m.location.line, m.location.column) for m in doc.markers] == [
        ("1", 3, 25),
        ("i", 3, 41),
        ("2", 4, 43),
        ("3", 5, 33),
        ("\u2020", 8, 27),
        ("4", 9, 31),
    ]
    # note paragraphs numbered after the 9 body paragraphs, in document order
    lines = {n.label: n.location.line for n in doc.notes}
    assert lines == {"1": 10, "i": 11, "2": 12, "3": 14, "\u2020": 15, "4": 16}


def test_metadata() -> None:
    doc = read("notes.odt")
    assert dict(doc.metadata) == {
        "modified": "2024-04-03T10:00:00",
        "created": "2024-03-30T08:00:00",
        "title": "Riverside Allotments Report",
    }


def test_colliding_labels() -> None:
    doc = read("collide.odt")
    assert labels(doc) == ["1", "e1"]
    assert notes(doc)["e1"] == "Harbour engineer, completion report, 2022."


def test_typed_markers_fall_back_to_the_plain_text_convention() -> None:
    doc = read("manual.odt")
    assert [(m.label, m.location.line, m.auto) for m in doc.markers] == [
        ("1", 2, False),
        ("2", 2, False),
        ("3", 3, False),
    ]
    assert notes(doc)["3"] == "Treasurer, energy bills, 10 January 2024."
    assert doc.metadata["modified"] == "2024-01-21T08:00:00"


def test_same_report_matches_the_docx() -> None:
    odt = parsers.parse((SAME_REPORT / "report.odt").read_bytes(), "report.odt")
    docx = parsers.parse((SAME_REPORT / "report.docx").read_bytes(), "report.docx")
    assert [p.text for p in odt.paragraphs] == [p.text for p in docx.paragraphs]
    assert [(m.label, m.offset, m.location) for m in odt.markers] == [
        (m.label, m.offset, m.location) for m in docx.markers
    ]
    assert [(n.label, n.text, n.location) for n in odt.notes] == [
        (n.label, n.text, n.location) for n in docx.notes
    ]
    assert notes(odt)["6"] == "Harbour Gazette, September 7, 2022."


# -- in-memory documents --------------------------------------------------------------------


def test_label_attribute_wins_and_empty_citation_is_numbered() -> None:
    body = (
        f"<text:p>A.{note('9', 'Nine.', label='a')} B.{note('', 'Blank.')}"
        f" C.{note('', 'End.', kind='endnote')}</text:p>"
    )
    doc = parse(make_odt(body), "x.odt")
    assert labels(doc) == ["a", "2", "1"]  # the endnote "1" does not clash with a footnote "1"
    assert notes(doc) == {"a": "Nine.", "2": "Blank.", "1": "End."}


def test_spaces_tabs_breaks_spans_links_and_ruby() -> None:
    body = (
        '<text:h text:outline-level="1">Head<text:s text:c="4"/>line</text:h>'
        "<text:p>One<text:tab/>two<text:line-break/>three "
        '<text:span>four</text:span> <text:a xlink:href="https://x.example">five</text:a>'
        " <text:ruby><text:ruby-base>six</text:ruby-base><text:ruby-text>gloss</text:ruby-text>"
        f"</text:ruby>.{note('1', 'N.')}</text:p>"
    )
    doc = parse(make_odt(body), "x.odt")
    assert [p.text for p in doc.paragraphs] == ["Head line", "One two three four five six."]
    assert doc.markers[0].offset == len("One two three four five six.")


def test_note_in_a_table_cell_and_a_text_box() -> None:
    body = (
        "<table:table><table:table-row><table:table-cell><text:p>Cell.</text:p>"
        f"</table:table-cell><table:table-cell><text:p>In cell.{note('1', 'C.')}</text:p>"
        "</table:table-cell></table:table-row></table:table>"
        "<text:p>Anchor<draw:frame><draw:text-box><text:p>Boxed."
        f"{note('2', 'B.')}</text:p></draw:text-box></draw:frame> text.</text:p>"
    )
    doc = parse(make_odt(body), "x.odt")
    assert [(p.location.line, p.text) for p in doc.paragraphs] == [
        (1, "Cell."),
        (2, "In cell."),
        (3, "Anchor text."),
        (4, "Boxed."),
    ]
    assert [(m.label, m.location.line) for m in doc.markers] == [("1", 2), ("2", 4)]


def test_tracked_deletion_and_annotation_left_out() -> None:
    body = (
        "<text:tracked-changes><text:changed-region text:id='c1'><text:deletion>"
        "<office:change-info><dc:date>2024-01-01T00:00:00</dc:date></office:change-info>"
        "<text:p>Removed words.</text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes>"
        "<text:p>Kept<text:change text:change-id='c1'/> words"
        "<office:annotation><dc:creator>Ed</dc:creator><text:p>A comment.</text:p>"
        f"</office:annotation> stay.{note('1', 'N.')}</text:p>"
    )
    doc = parse(make_odt(body), "x.odt")
    assert [p.text for p in doc.paragraphs] == ["Kept words stay."]


def test_meta_in_other_order_and_no_meta() -> None:
    meta = "<dc:title>T</dc:title><dc:date>2023-05-06T07:08:09</dc:date>"
    doc = parse(make_odt(f"<text:p>A.{note('1', 'N.')}</text:p>", meta=meta), "x.odt")
    assert dict(doc.metadata) == {"modified": "2023-05-06T07:08:09", "title": "T"}
    assert parse(make_odt("<text:p>A.</text:p>"), "x.odt").metadata == {}


def test_malformed_meta_is_ignored() -> None:
    data = make_odt(f"<text:p>A.{note('1', 'N.')}</text:p>", extra={"meta.xml": b"<broken"})
    assert notes(parse(data, "x.odt")) == {"1": "N."}


# -- hostile and broken input ---------------------------------------------------------------


def one_line_error(data: bytes) -> str:
    start = time.perf_counter()
    with pytest.raises(DocumentError) as exc:
        parsers.reader("odt")(data, "bad.odt")
    assert time.perf_counter() - start < 2
    message = str(exc.value)
    assert message and "\n" not in message
    return message


def test_not_a_zip() -> None:
    assert one_line_error(b"<office:document/>") == "not an ODT file (not a zip archive)"


def test_zip_without_content_xml() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", MIMETYPE)
    assert one_line_error(out.getvalue()) == "not an ODT file (it has no content.xml)"


def test_spreadsheet_refused() -> None:
    data = make_odt("", mimetype=b"application/vnd.oasis.opendocument.spreadsheet")
    assert "spreadsheet" in one_line_error(data)


def test_malformed_content_xml() -> None:
    data = make_odt("<text:p>unclosed")
    assert one_line_error(data).startswith("ODT part content.xml is not well-formed XML")


def test_billion_laughs_content() -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdefg", "bcdefgh", strict=True)
    )
    content = (
        f"<?xml version='1.0'?><!DOCTYPE office:document-content [{entities}]>"
        f"<office:document-content {NS}><office:body><office:text><text:p>&h;</text:p>"
        "</office:text></office:body></office:document-content>"
    )
    data = make_odt("", extra={"content.xml": content.encode()})
    assert one_line_error(data) == "ODT part content.xml declares XML entities (refused)"


def test_zip_bomb_member() -> None:
    data = make_odt("", extra={"Pictures/big.bmp": b"\0" * (16 * 1024 * 1024)})
    assert len(data) < 100_000
    assert "zip bomb" in one_line_error(data)


def test_too_many_members() -> None:
    extra = {f"Pictures/p{i}.png": b"" for i in range(10_001)}
    assert "the limit is 10,000" in one_line_error(make_odt("<text:p/>", extra=extra))
