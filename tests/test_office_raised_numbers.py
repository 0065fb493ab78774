"""Note numbers typed as raised text in Word and LibreOffice documents.

Word and LibreOffice show a run raised to superscript as a small raised number: a
reader sees a note marker. Documents whose notes were typed by hand (no real
footnotes) use it all the time; footcheck reads such runs as superscript digits,
which the plain `[N]` convention takes for markers and note starts.
"""

from __future__ import annotations

import io
import zipfile

from footcheck.footnotes.model import Document
from footcheck.parsers.office import docx, odt
from tests.test_docx_parser import W, make_docx
from tests.test_odt_parser import MIMETYPE, NS


def style(name: str, properties: str = "", based_on: str = "") -> str:
    parent = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (
        f'<w:style w:type="character" w:styleId="{name}">{parent}'
        f"<w:rPr>{properties}</w:rPr></w:style>"
    )


STYLES = (
    f"<w:styles {W}>"
    + style("NoteMark", '<w:vertAlign w:val="superscript"/>')
    + style("NoteMarkBlue", '<w:color w:val="0000FF"/>', based_on="NoteMark")
    + style("Plain", '<w:vertAlign w:val="baseline"/>', based_on="NoteMark")
    + style("Loop", based_on="Loop")
    + "</w:styles>"
)


def text(value: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{value}</w:t></w:r>'


def up(value: str, *, style: str | None = None, direct: str | None = "superscript") -> str:
    props = f'<w:rStyle w:val="{style}"/>' if style else ""
    props += f'<w:vertAlign w:val="{direct}"/>' if direct else ""
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{value}</w:t></w:r>'


def para(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def read_docx(body: str) -> Document:
    data = make_docx(body, extra={"word/styles.xml": STYLES.encode()})
    return docx.parse(data, "raised.docx")


def test_docx_raised_numbers_are_markers_and_note_starts() -> None:
    doc = read_docx(
        para(
            text("Rents rose in 2021."), up("1"), text(" Wages did not."), up("2", style="NoteMark")
        )
        + para(text("Prices followed in 2022."), up("3", style="NoteMarkBlue", direct=None))
        + para(text("Notes"))
        + para(up("1"), text(" Housing Survey, March 2022."))
        + para(up("2"), text(" Labour Review, April 2022."))
        + para(up("3"), text(" Price Index, May 2023."))
    )
    assert [(m.label, m.location.line) for m in doc.markers] == [("1", 1), ("2", 1), ("3", 2)]
    assert [(n.label, n.text) for n in doc.notes] == [
        ("1", "Housing Survey, March 2022."),
        ("2", "Labour Review, April 2022."),
        ("3", "Price Index, May 2023."),
    ]
    assert doc.paragraphs[0].text == "Rents rose in 2021. Wages did not."


def test_docx_lists_and_ranges_of_raised_numbers() -> None:
    doc = read_docx(
        para(text("Two sources agree."), up("1,2"), text(" Three more."), up("3-5"))
        + para(text("Notes"))
        + "".join(para(text(f"{n}. Source {n}, 2020.")) for n in range(1, 6))
    )
    assert [m.label for m in doc.markers] == ["1", "2", "3", "4", "5"]


def test_docx_raised_text_that_is_no_number_stays_as_it_is() -> None:
    doc = read_docx(
        para(text("The 21"), up("st"), text(" century began in 2001."))
        + para(
            text("Plain run"), up("4", style="Plain", direct=None), text(" of a baseline style.")
        )
        + para(text("A style that loops"), up("5", style="Loop", direct=None), text("."))
        + para(text("Lowered"), up("6", style="NoteMark", direct="baseline"), text("."))
    )
    assert doc.markers == ()
    assert doc.paragraphs[0].text == "The 21st century began in 2001."
    assert doc.paragraphs[1].text == "Plain run4 of a baseline style."


def test_docx_without_styles_part_still_reads_direct_formatting() -> None:
    body = para(text("Rents rose."), up("1")) + para(up("1"), text(" Housing Survey, 2022."))
    doc = docx.parse(make_docx(body), "raised.docx")
    assert [m.label for m in doc.markers] == ["1"]
    assert [n.label for n in doc.notes] == ["1"]


ODT_STYLES_NS = (
    NS + ' xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
    ' xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
)


def make_raised_odt(body: str) -> bytes:
    automatic = (
        '<style:style style:name="T1" style:family="text">'
        '<style:text-properties style:text-position="super 58%"/></style:style>'
        '<style:style style:name="T2" style:family="text">'
        '<style:text-properties style:text-position="33% 58%"/></style:style>'
        '<style:style style:name="T3" style:family="text" style:parent-style-name="Raised"/>'
        '<style:style style:name="T4" style:family="text">'
        '<style:text-properties style:text-position="-33% 58%"/></style:style>'
        '<style:style style:name="T5" style:family="text">'
        '<style:text-properties style:text-position="0% 100%"/></style:style>'
    )
    content = (
        f"<office:document-content {ODT_STYLES_NS}>"
        f"<office:automatic-styles>{automatic}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    styles = (
        f"<office:document-styles {ODT_STYLES_NS}><office:styles>"
        '<style:style style:name="Raised" style:family="text">'
        '<style:text-properties style:text-position="super"/></style:style>'
        "</office:styles></office:document-styles>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", MIMETYPE)
        archive.writestr("content.xml", content)
        archive.writestr("styles.xml", styles)
    return out.getvalue()


def span(style: str, value: str) -> str:
    return f'<text:span text:style-name="{style}">{value}</text:span>'


def test_odt_raised_spans_are_markers_and_note_starts() -> None:
    body = (
        f"<text:p>Rents rose in 2021.{span('T1', '1')} Wages did not.{span('T2', '2')}</text:p>"
        f"<text:p>Prices followed in 2022.{span('T3', '3')}</text:p>"
        f"<text:p>Sea level{span('T4', '4')} and tide{span('T5', '5')}.</text:p>"
        "<text:p>Notes</text:p>"
        f"<text:p>{span('T1', '1')} Housing Survey, March 2022.</text:p>"
        f"<text:p>{span('T1', '2')} Labour Review, April 2022.</text:p>"
        f"<text:p>{span('T1', '3')} Price Index, May 2023.</text:p>"
    )
    doc = odt.parse(make_raised_odt(body), "raised.odt")
    assert [(m.label, m.location.line) for m in doc.markers] == [("1", 1), ("2", 1), ("3", 2)]
    assert [n.label for n in doc.notes] == ["1", "2", "3"]
    assert doc.paragraphs[2].text == "Sea level4 and tide5."  # lowered, not raised
