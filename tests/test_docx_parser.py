"""The DOCX reader: body text, note labels as Word displays them, notes, metadata, safety.

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
from footcheck.parsers.office.docx import parse
from footcheck.parsers.office.docx_numbering import format_number
from tests.conftest import marker_labels, note_texts, read_office

OFFICE = Path(__file__).parent / "fixtures" / "office"
SAME_REPORT = Path(__file__).parent / "fixtures" / "same-report"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def separators(kind: str) -> str:
    return (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:{kind}>"
        f'<w:{kind} w:type="continuationNotice" w:id="1000"><w:p><w:r><w:t>(continued)</w:t>'
        f"</w:r></w:p></w:{kind}>"
    )


def note(kind: str, note_id: int, body: str) -> str:
    return f'<w:{kind} w:id="{note_id}"><w:p><w:r><w:{kind}Ref/></w:r>{body}</w:p></w:{kind}>'


def t(value: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{value}</w:t></w:r>'


def fn(note_id: int) -> str:
    return f'<w:r><w:footnoteReference w:id="{note_id}"/></w:r>'


def en(note_id: int) -> str:
    return f'<w:r><w:endnoteReference w:id="{note_id}"/></w:r>'


def make_docx(
    body: str,
    footnotes: str | None = None,
    endnotes: str | None = None,
    settings: str | None = None,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    members: dict[str, bytes] = {
        "word/document.xml": f"<w:document {W}><w:body>{body}</w:body></w:document>".encode()
    }
    if footnotes is not None:
        xml = f"<w:footnotes {W}>{separators('footnote')}{footnotes}</w:footnotes>"
        members["word/footnotes.xml"] = xml.encode()
    if endnotes is not None:
        xml = f"<w:endnotes {W}>{separators('endnote')}{endnotes}</w:endnotes>"
        members["word/endnotes.xml"] = xml.encode()
    if settings is not None:
        members["word/settings.xml"] = f"<w:settings {W}>{settings}</w:settings>".encode()
    members.update(extra or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


read = read_office
labels = marker_labels
notes = note_texts


# -- the generated fixtures ---------------------------------------------------------------


def test_labels_follow_first_reference_and_number_kinds_separately() -> None:
    doc = read("notes.docx")
    assert doc.format == "docx"
    # footnote ids 7, 3, 5, 9, (11 custom), 12; endnote ids 2, 4
    assert labels(doc) == ["1", "i", "2", "3", "ii", "4", "*", "5"]
    assert all(m.auto for m in doc.markers)
    kinds = {n.label: n.kind for n in doc.notes}
    assert kinds["1"] == "footnote" and kinds["i"] == "endnote" and kinds["ii"] == "endnote"


def test_note_texts_hyperlink_fields_tracked_changes_custom_mark() -> None:
    texts = notes(read("notes.docx"))
    assert texts["1"] == "Survey team, footpath log, 2 June 2023."
    assert texts["2"] == "Clerk's minutes, millbrook.example/minutes, 14 September 2023."
    assert texts["3"] == "County grants office, award letter, 20 June 2023."  # 19 deleted
    assert texts["4"] == "Clerk's signature page, p. 4."  # the PAGE field's result only
    assert texts["*"] == "Donor asked to remain anonymous."  # the mark is not note text
    assert texts["ii"] == "Tree Council, planting return, 1 December 2023. Includes hedging whips."


def test_separators_skipped_and_an_uncited_note_numbered_after_the_cited() -> None:
    doc = read("notes.docx")
    assert len(doc.notes) == 9
    assert all(n.text for n in doc.notes)
    assert notes(doc)["6"] == "A draft note that nothing cites."
    assert "6" not in labels(doc)


def test_body_text_fields_tracked_changes_sdt_and_text_box() -> None:
    doc = read("notes.docx")
    by_line = {p.location.line: p.text for p in doc.paragraphs}
    assert by_line[4] == "The hall roof was repaired and the new boiler was fitted."
    assert by_line[7] == "Volunteers planted 240 trees for Millbrook."
    assert "DOCPROPERTY" not in " ".join(by_line.values())
    assert by_line[8] == "Signed by the clerk in January 2024."
    assert by_line[9] == "A bench was donated anonymously. Thanks."  # "*" is the marker
    assert by_line[10] == "See the sidebar."
    assert by_line[11] == "The pond was cleared in April 2023."  # the text box, after its anchor


def test_marker_paragraph_numbers_and_columns() -> None:
    doc = read("notes.docx")
    where = [(m.label, m.location.line, m.location.column) for m in doc.markers]
    assert where[:4] == [("1", 3, 42), ("i", 4, 27), ("2", 4, 58), ("3", 5, 29)]
    table_marker = doc.markers[3]
    assert table_marker.offset == len("Grant received in June 2023.")


def test_note_lines_follow_the_body_paragraphs() -> None:
    doc = read("notes.docx")
    lines = {n.label: n.location.line for n in doc.notes}
    # 11 body paragraphs (the table's two cells and the text box included)
    assert lines["1"] == 12 and lines["2"] == 13 and lines["6"] == 18
    assert lines["i"] == 19 and lines["ii"] == 20


def test_metadata_from_core_properties() -> None:
    doc = read("notes.docx")
    assert doc.metadata["modified"] == "2024-01-10T16:30:00Z"
    assert doc.metadata["created"] == "2024-01-05T09:00:00Z"
    assert doc.metadata["title"] == "Millbrook Parish Council Annual Report"


def test_number_formats_from_settings_and_section() -> None:
    doc = read("numfmt.docx")
    assert labels(doc) == ["C", "*", "D", "\u2020"]
    assert notes(doc)["\u2020"] == "Designer's invoice, 9 October 2023."


def test_decimal_endnotes_do_not_collide_with_footnotes() -> None:
    doc = read("collide.docx")
    assert labels(doc) == ["1", "e1", "2"]
    assert notes(doc) == {
        "1": "Ferry company, annual figures, 2024.",
        "2": "Council notice, 8 January 2024.",
        "e1": "Harbour engineer, completion report, 2022.",
    }


def test_typed_markers_fall_back_to_the_plain_text_convention() -> None:
    doc = read("manual.docx")
    assert [(m.label, m.location.line, m.auto) for m in doc.markers] == [
        ("1", 2, False),
        ("2", 2, False),
        ("3", 3, False),
    ]
    assert notes(doc)["2"] == "Booking secretary, monthly summary, 2 April 2023."
    assert [n.location.line for n in doc.notes] == [5, 6, 7]
    assert doc.metadata["title"] == "Village Hall Accounts"


def test_same_report() -> None:
    doc = parsers.parse((SAME_REPORT / "report.docx").read_bytes(), "report.docx")
    assert [p.text for p in doc.paragraphs[:2]] == ["Harbour Review", "12 March 2024"]
    assert doc.paragraphs[3].text == (
        "The port authority met shipping lines on September 7, 2023. Dredging will resume in 2025."
    )
    assert labels(doc) == [str(n) for n in range(1, 8)]
    assert notes(doc)["2"] == 'Maritime Review, "Premiums fall," 22 January 2024.'
    assert [m.location.line for m in doc.markers] == [3, 3, 4, 4, 5, 5, 5]


# -- in-memory documents --------------------------------------------------------------------


def test_reference_order_not_id_order() -> None:
    data = make_docx(
        f"<w:p>{t('A.')}{fn(5)}{t(' B.')}{fn(2)}{t(' C.')}{fn(5)}</w:p>",
        footnotes=note("footnote", 2, t(" Two.")) + note("footnote", 5, t(" Five.")),
    )
    doc = parse(data, "x.docx")
    assert labels(doc) == ["1", "2", "1"]  # a second reference to a note keeps its label
    assert notes(doc) == {"1": "Five.", "2": "Two."}
    assert [n.label for n in doc.notes] == ["1", "2"]


def test_continuation_notice_and_separators_are_not_notes() -> None:
    data = make_docx(f"<w:p>{t('A.')}{fn(1)}</w:p>", footnotes=note("footnote", 1, t(" One.")))
    assert [n.text for n in parse(data, "x.docx").notes] == ["One."]


def test_nested_complex_fields_show_only_the_outer_result() -> None:
    nested = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText>IF </w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText>MERGEFIELD x</w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{t('hidden')}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:instrText> = 1 "a" "b"</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{t('shown')}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    data = make_docx(
        f"<w:p>{t('Value ')}{nested}{t(' here.')}{fn(1)}</w:p>",
        footnotes=note("footnote", 1, t(" One.")),
    )
    assert parse(data, "x.docx").paragraphs[0].text == "Value shown here."


def test_an_unclosed_field_code_does_not_hide_the_next_paragraph() -> None:
    data = make_docx(
        f'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>{t("code")}</w:p>'
        f"<w:p>{t('Visible.')}{fn(1)}</w:p>",
        footnotes=note("footnote", 1, t(" One.")),
    )
    assert [p.text for p in parse(data, "x.docx").paragraphs] == ["Visible."]


def test_deleted_and_moved_from_text_dropped() -> None:
    body = (
        f"<w:p>{t('Kept ')}<w:del><w:r><w:delText>gone </w:delText></w:r></w:del>"
        f"<w:moveFrom>{t('moved ')}</w:moveFrom><w:ins>{t('added ')}</w:ins>"
        f"<w:moveTo>{t('arrived')}</w:moveTo>{fn(1)}<w:r><w:tab/></w:r>{t('end')}"
        "<w:r><w:br/></w:r>" + t("line") + "</w:p>"
    )
    data = make_docx(body, footnotes=note("footnote", 1, t(" One.")))
    assert parse(data, "x.docx").paragraphs[0].text == "Kept added arrived end line"


def test_reference_in_a_table_cell_and_hyperlink_in_note() -> None:
    body = (
        f"<w:p>{t('Intro.')}</w:p><w:tbl><w:tr><w:tc><w:p>{t('Cell one')}</w:p></w:tc>"
        f"<w:tc><w:p>{t('Cell two.')}{en(3)}</w:p><w:p/></w:tc></w:tr></w:tbl>"
        f"<w:p>{t('After.')}{en(4)}</w:p>"
    )
    endnotes = note("endnote", 3, f"<w:hyperlink>{t(' https://example.org/a')}</w:hyperlink>")
    endnotes += note("endnote", 4, t(" Four."))
    doc = parse(make_docx(body, endnotes=endnotes), "x.docx")
    assert [(m.label, m.location.line) for m in doc.markers] == [("i", 3), ("ii", 5)]
    assert notes(doc)["i"] == "https://example.org/a"
    assert [n.location.line for n in doc.notes] == [6, 7]  # 5 body paragraphs, the empty one too


def test_alternate_content_text_box_read_once() -> None:
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    box = f"<w:txbxContent><w:p>{t('Boxed.')}{fn(1)}</w:p></w:txbxContent>"
    body = (
        f"<w:p {mc}>{t('Anchor.')}<w:r><mc:AlternateContent><mc:Choice Requires='wps'>"
        f"<w:drawing><wps:txbx xmlns:wps='urn:x'>{box}</wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict>{box.replace('Boxed.', 'Copy.')}</w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    doc = parse(make_docx(body, footnotes=note("footnote", 1, t(" One."))), "x.docx")
    assert [(p.location.line, p.text) for p in doc.paragraphs] == [(1, "Anchor."), (2, "Boxed.")]
    assert [(m.label, m.location.line) for m in doc.markers] == [("1", 2)]


def test_restart_each_section_and_start_number() -> None:
    section = '<w:footnotePr><w:numRestart w:val="eachSect"/><w:numStart w:val="5"/></w:footnotePr>'
    body = (
        f"<w:p>{t('A.')}{fn(1)}</w:p>"
        f"<w:p><w:pPr><w:sectPr>{section}</w:sectPr></w:pPr>{t('B.')}{fn(2)}</w:p>"
        f"<w:p>{t('C.')}{fn(3)}</w:p><w:sectPr>{section}</w:sectPr>"
    )
    footnotes = "".join(note("footnote", i, t(f" N{i}.")) for i in (1, 2, 3))
    doc = parse(make_docx(body, footnotes=footnotes), "x.docx")
    # Word shows 5, 6 | 5: the repeated "5" is told apart
    assert labels(doc) == ["5", "6", "5(2)"]
    assert notes(doc)["5(2)"] == "N3."


def test_settings_endnote_format_and_custom_mark_in_next_run() -> None:
    body = (
        f'<w:p>{t("A.")}<w:r><w:footnoteReference w:customMarkFollows="true" w:id="1"/></w:r>'
        f"<w:r><w:t>\u2021</w:t></w:r>{t(' B.')}{en(1)}{fn(2)}</w:p>"
    )
    footnotes = note("footnote", 1, t("\u2021 Dagger note.")) + note("footnote", 2, t(" Two."))
    settings = '<w:endnotePr><w:numFmt w:val="upperRoman"/></w:endnotePr>'
    doc = parse(
        make_docx(body, footnotes, note("endnote", 1, t(" E.")), settings=settings), "x.docx"
    )
    assert labels(doc) == ["\u2021", "I", "1"]
    assert doc.paragraphs[0].text == "A. B."
    assert notes(doc) == {"\u2021": "Dagger note.", "1": "Two.", "I": "E."}


def test_reference_without_a_note_is_still_a_marker() -> None:
    doc = parse(make_docx(f"<w:p>{t('Orphan.')}{fn(8)}</w:p>", footnotes=""), "x.docx")
    assert labels(doc) == ["1"] and doc.notes == ()


def test_strict_ooxml_namespace() -> None:
    strict = 'xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"'
    data = make_docx(f"<w:p>{t('Strict.')}{fn(1)}</w:p>", footnotes=note("footnote", 1, t(" S.")))
    data = data.replace(W.encode(), strict.encode())
    assert notes(parse(data, "x.docx")) == {"1": "S."}


def test_format_number() -> None:
    assert [format_number(n, "lowerRoman") for n in (1, 4, 9, 14, 40)] == [
        "i",
        "iv",
        "ix",
        "xiv",
        "xl",
    ]
    assert format_number(27, "lowerLetter") == "aa"
    assert format_number(3, "upperLetter") == "C"
    assert [format_number(n, "chicago") for n in (1, 2, 5)] == ["*", "\u2020", "**"]
    assert format_number(7, "decimal") == "7"
    assert format_number(7, "someFutureFormat") == "7"


# -- hostile and broken input ---------------------------------------------------------------


def one_line_error(data: bytes) -> str:
    start = time.perf_counter()
    with pytest.raises(DocumentError) as exc:
        parsers.reader("docx")(data, "bad.docx")
    assert time.perf_counter() - start < 2
    message = str(exc.value)
    assert message and "\n" not in message
    return message


def test_not_a_zip() -> None:
    assert one_line_error(b"Just some text.\n") == "not a DOCX file (not a zip archive)"


def test_zip_without_document_xml() -> None:
    data = make_docx("<w:p/>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/styles.xml", b"<x/>")
    assert zipfile.is_zipfile(io.BytesIO(data))
    assert one_line_error(out.getvalue()) == "not a DOCX file (it has no word/document.xml)"


def test_malformed_document_xml() -> None:
    data = make_docx("<w:p><w:r></w:p>")
    assert one_line_error(data).startswith("DOCX part word/document.xml is not well-formed XML")


def test_malformed_notes_part() -> None:
    data = make_docx(f"<w:p>{t('A.')}{fn(1)}</w:p>", footnotes="<w:footnote>")
    assert "word/footnotes.xml" in one_line_error(data)


def test_billion_laughs_document() -> None:
    doctype = (
        '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
        '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>'
    )
    xml = f"<?xml version='1.0'?>{doctype}<w:document {W}><w:body><w:p>{t('&h;')}</w:p>"
    xml += "</w:body></w:document>"
    data = make_docx("", extra={"word/document.xml": xml.encode()})
    assert one_line_error(data) == "DOCX part word/document.xml declares XML entities (refused)"


def test_zip_bomb_member() -> None:
    bomb = b"<w:document " + W.encode() + b"><w:body>" + b" " * (8 * 1024 * 1024)
    data = make_docx("", extra={"word/document.xml": bomb + b"</w:body></w:document>"})
    assert len(data) < 100_000
    assert "zip bomb" in one_line_error(data)


def test_too_many_members() -> None:
    extra = {f"customXml/item{i}.xml": b"" for i in range(10_001)}
    assert "members; the limit is 10,000" in one_line_error(make_docx("<w:p/>", extra=extra))


def test_odt_bytes_named_docx() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", b"<x/>")
    assert one_line_error(out.getvalue()) == "not a DOCX file (it has no word/document.xml)"
