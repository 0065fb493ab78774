"""The document's language: `metadata["language"]`, a BCP 47 tag, from every format that has one.

`parsers.language` decides what is a tag; each reader finds where its format states
the language. Every document here is written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from footcheck import parsers
from footcheck.parsers.language import MAX_LENGTH, first_language, language_tag
from tests.conftest import parse_text
from tests.fixtures.make_epub import build_epub, chapter
from tests.test_docx_parser import W, make_docx, t
from tests.test_odt_parser import NS, make_odt

# -- what is a tag ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("fr", "fr"),
        ("en-US", "en-US"),
        ("en_US", "en-US"),
        ("EN-us", "en-US"),
        ("  de-CH\n", "de-CH"),
        ("de_DE.UTF-8@euro", "de-DE"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
        ("sgn-BE-FR", "sgn-BE-FR"),
        ("sl-rozaj-biske", "sl-rozaj-biske"),
        ("en-US-x-House", "en-US-x-house"),
        ("DE-u-CO-phonebk", "de-u-co-phonebk"),  # no region after a singleton
        ("de-CH-1996", "de-CH-1996"),
    ],
)
def test_a_tag_in_the_case_rfc_5646_recommends(value: str, tag: str) -> None:
    assert language_tag(value) == tag


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "   ",
        "English",  # a language's name, not its code
        "x-klingon",  # private use: no language anyone can read dates in
        "i-klingon",
        "x-none",  # what Word writes for "no language"
        "und",
        "mul",
        "zxx",
        "qaa",
        "none",
        "e",
        "en--US",
        "-en",
        "en-",
        "en US",
        "en, fr",
        "en\x00",
        "fr\x1b[31m",
        "en-abcdefghi",  # a subtag of nine characters
        "fr-" + "-".join(["ab"] * 20),  # longer than MAX_LENGTH
        "e" * 10_000,
        "en-" + "a" * 10_000,
        "ёж",
    ],
)
def test_what_is_no_plausible_tag(value: str | None) -> None:
    assert language_tag(value) is None


def test_the_longest_tag_kept_and_one_longer_refused() -> None:
    longest = "EN-" + "abcdefgh-" * 3 + "abcde"
    assert len(longest) == MAX_LENGTH
    assert language_tag(longest) == longest.lower()
    assert language_tag(longest + "f") is None


def test_the_first_plausible_value_wins() -> None:
    assert first_language(["x-none", None, "English", "pt_br", "fr"]) == "pt-BR"
    assert first_language([None, ""]) is None


# -- HTML --------------------------------------------------------------------------------------


def html_language(page: str) -> str | None:
    return parsers.parse(page.encode(), "page.html").metadata.get("language")


NOTED = '<p>Water rose.<a href="#fn1" id="r1">1</a></p><ol><li id="fn1">Gazette, 2020.</li></ol>'


@pytest.mark.parametrize(
    ("page", "tag"),
    [
        (f"<html lang='en-gb'><body>{NOTED}</body></html>", "en-GB"),
        (f"<html xml:lang='fr' lang='fr-CA'><body>{NOTED}</body></html>", "fr"),
        (f"<html lang='de'><body lang='fr'>{NOTED}</body></html>", "de"),
        (f"<html><body lang='es_MX'>{NOTED}</body></html>", "es-MX"),
        (
            "<html><head><meta http-equiv='Content-Language' content='nl'></head>"
            f"<body lang='it'>{NOTED}</body></html>",
            "it",
        ),
        (
            "<html><head><meta http-equiv='Content-Language' content='nl-BE'>"
            f"<meta name='language' content='fr'></head><body>{NOTED}</body></html>",
            "nl-BE",
        ),
        (
            "<html><head><meta http-equiv='content-language' content='en, fr'>"
            f"<meta name='DC.Language' content='pt'></head><body>{NOTED}</body></html>",
            "pt",
        ),
        (
            "<html lang='x-klingon'><head><meta name='language' content='English'>"
            f"<meta property='og:locale' content='ru_RU'></head><body>{NOTED}</body></html>",
            "ru-RU",
        ),
        (f"<html lang=''><body>{NOTED}</body></html>", None),
        (f"<html><body><p lang='fr'>Un paragraphe.</p>{NOTED}</body></html>", None),
        (f"<html lang='{'e' * 10_000}'><body>{NOTED}</body></html>", None),
        (f"<html lang='en&#10;US'><body>{NOTED}</body></html>", None),
    ],
)
def test_html_language_from_the_root_the_body_then_meta_tags(page: str, tag: str | None) -> None:
    assert html_language(page) == tag


def test_a_page_read_by_the_plain_convention_keeps_its_language() -> None:
    page = "<html lang='fr-FR'><body><p>Le fleuve [1].</p><p>[1] Gazette, 2020.</p></body></html>"
    doc = parsers.parse(page.encode(), "page.html")
    assert [n.label for n in doc.notes] == ["1"]  # the plain reading, not the linked one
    assert doc.metadata["language"] == "fr-FR"


def test_an_xhtml_chapter_with_its_xml_declaration_and_namespace() -> None:
    page = chapter(NOTED).replace("<html ", '<html xml:lang="en-AU" lang="en-AU" ', 1)
    assert html_language(page) == "en-AU"


# -- Markdown ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "tag"),
    [
        ("lang: en-US", "en-US"),
        ('language: "de-ch"', "de-CH"),
        ("locale: fr_FR", "fr-FR"),
        ("locale: fr_FR\nlanguage: es\nlang: it", "it"),  # lang first, wherever written
        ("lang: English\nlocale: en_GB", "en-GB"),
        ("lang: [en, fr]", None),
        ("title: No language", None),
    ],
)
def test_markdown_front_matter_language(front: str, tag: str | None) -> None:
    doc = parse_text(
        f"---\n{front}\n---\nThe river rose.[^1]\n\n[^1]: Gazette, 2020.\n", "markdown"
    )
    assert doc.metadata.get("language") == tag


def test_a_language_line_outside_front_matter_is_no_language() -> None:
    doc = parse_text("lang: fr\n\nThe river rose.[^1]\n\n[^1]: Gazette, 2020.\n", "markdown")
    assert "language" not in doc.metadata


def test_plain_text_has_no_language() -> None:
    doc = parse_text("lang: fr\n\nThe river rose [1].\n\n[1] Gazette, 2020.\n")
    assert "language" not in doc.metadata


# -- DOCX --------------------------------------------------------------------------------------


def styles_xml(default: str | None = None, normal: str | None = None) -> bytes:
    doc_defaults = (
        f'<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="{default}" w:eastAsia="zh-CN"'
        ' w:bidi="ar-SA"/></w:rPr></w:rPrDefault></w:docDefaults>'
        if default is not None
        else ""
    )
    normal_style = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr>'
        f'<w:lang w:val="{normal}"/></w:rPr></w:style>'
        if normal is not None
        else ""
    )
    heading = '<w:style w:type="paragraph" w:styleId="H1"><w:rPr><w:lang w:val="ja"/></w:rPr>'
    return f"<w:styles {W}>{doc_defaults}{heading}</w:style>{normal_style}</w:styles>".encode()


def core_xml(language: str) -> bytes:
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:language>{language}</dc:language></cp:coreProperties>"
    ).encode()


def marked(text: str, language: str) -> str:
    return f'<w:r><w:rPr><w:lang w:val="{language}"/></w:rPr><w:t>{text}</w:t></w:r>'


BODY = f"<w:p>{t('The river rose in the spring of that year [1].')}</w:p>"
NOTES = f"<w:p>{t('[1] Gazette, 2020.')}</w:p>"


def docx_language(
    body: str = BODY,
    styles: bytes | None = None,
    core: bytes | None = None,
    settings: str | None = None,
) -> str | None:
    extra = {"word/styles.xml": styles} if styles is not None else {}
    if core is not None:
        extra["docProps/core.xml"] = core
    data = make_docx(body + NOTES, settings=settings, extra=extra)
    return parsers.parse(data, "report.docx").metadata.get("language")


THEME = '<w:themeFontLang w:val="en-GB" w:eastAsia="" w:bidi=""/>'


def test_docx_the_document_default_run_language() -> None:
    assert docx_language(styles=styles_xml(default="fr-FR"), settings=THEME) == "fr-FR"


def test_docx_the_default_paragraph_style_over_the_document_default() -> None:
    assert docx_language(styles=styles_xml(default="en-US", normal="de-AT")) == "de-AT"


def test_docx_core_language_then_the_theme_language_when_styles_say_none() -> None:
    none = styles_xml(default="x-none")
    assert docx_language(styles=none, core=core_xml("es-ES"), settings=THEME) == "es-ES"
    assert docx_language(styles=none, core=core_xml(""), settings=THEME) == "en-GB"
    assert docx_language(core=core_xml(" "), settings=THEME) == "en-GB"
    assert docx_language() is None


def test_docx_runs_marked_with_a_language_that_hold_most_of_the_text() -> None:
    french = marked("Le fleuve a monté au printemps de cette année-là [1].", "fr-FR")
    english = t("The river rose.")
    body = f"<w:p>{english}{french}</w:p>"
    assert docx_language(body, styles=styles_xml(default="en-US")) == "fr-FR"


def test_docx_a_marked_passage_in_a_minority_does_not_decide() -> None:
    body = f"<w:p>{t('The river rose in the spring of that year [1].')}{marked('Oui.', 'fr')}</w:p>"
    assert docx_language(body, styles=styles_xml(default="en-US")) == "en-US"


def test_docx_a_paragraph_marks_language_is_not_text() -> None:
    mark = '<w:pPr><w:rPr><w:lang w:val="fr-FR"/></w:rPr></w:pPr>'
    body = f"<w:p>{mark}{t('The river rose in the spring of that year [1].')}</w:p>"
    assert docx_language(body, styles=styles_xml(default="en-US")) == "en-US"


def test_docx_a_language_element_out_of_place_marks_no_text() -> None:
    body = f'<w:p><w:lang w:val="fr"/>{t("The river rose in the spring of that year [1].")}</w:p>'
    assert docx_language(body, styles=styles_xml(default="en-US")) == "en-US"


def test_docx_with_linked_notes_has_its_language_too() -> None:
    body = '<w:p><w:r><w:t>Le fleuve.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    footnotes = '<w:footnote w:id="1"><w:p><w:r><w:t>Gazette, 2020.</w:t></w:r></w:p></w:footnote>'
    extra = {"word/styles.xml": styles_xml(default="fr-BE")}
    doc = parsers.parse(make_docx(body, footnotes=footnotes, extra=extra), "report.docx")
    assert [n.label for n in doc.notes] == ["1"]
    assert doc.metadata["language"] == "fr-BE"


def test_docx_hostile_language_values_are_none() -> None:
    styles = styles_xml(default="e" * 10_000)
    assert docx_language(styles=styles, core=core_xml("&#27;[31mfr")) is None


# -- ODT ---------------------------------------------------------------------------------------


STYLE_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
)


def odt_styles(properties: str, family: str = "paragraph") -> bytes:
    graphic = (
        '<style:default-style style:family="graphic"><style:text-properties fo:language="ja"/>'
    )
    return (
        f"<office:document-styles {STYLE_NS}><office:styles>{graphic}</style:default-style>"
        f'<style:default-style style:family="{family}">'
        f"<style:text-properties {properties}/></style:default-style>"
        "</office:styles></office:document-styles>"
    ).encode()


def odt_language(styles: bytes | None = None, meta: str | None = None) -> str | None:
    extra = {"styles.xml": styles} if styles is not None else {}
    body = "<text:p>The river rose [1].</text:p><text:p>[1] Gazette, 2020.</text:p>"
    data = make_odt(body, meta=meta, extra=extra)
    return parsers.parse(data, "report.odt").metadata.get("language")


@pytest.mark.parametrize(
    ("properties", "tag"),
    [
        ('fo:language="de" fo:country="CH"', "de-CH"),
        ('fo:language="fr" fo:country="none"', "fr"),
        ('fo:language="es" fo:country="419"', "es-419"),
        ('fo:language="none" fo:country="none"', None),
        ('style:rfc-language-tag="sr-Latn-RS" fo:language="sr" fo:country="RS"', "sr-Latn-RS"),
        ('style:rfc-language-tag="x-klingon" fo:language="nl" fo:country="BE"', "nl-BE"),
        ('fo:font-size="12pt"', None),
    ],
)
def test_odt_the_default_paragraph_styles_language(properties: str, tag: str | None) -> None:
    assert odt_language(odt_styles(properties)) == tag


def test_odt_another_familys_default_is_not_the_texts() -> None:
    assert odt_language(odt_styles('fo:language="de"', family="table")) is None


def test_odt_meta_language_first() -> None:
    styles = odt_styles('fo:language="de" fo:country="DE"')
    assert odt_language(styles, meta="<dc:language>pt-PT</dc:language>") == "pt-PT"
    assert odt_language(styles, meta="<dc:language></dc:language>") == "de-DE"
    assert odt_language(meta="<dc:language>it_IT</dc:language>") == "it-IT"
    assert odt_language() is None
    assert "xmlns:dc" in NS  # the meta.xml written by make_odt declares dc:


# -- EPUB --------------------------------------------------------------------------------------

BOOK = "book.epub"


def test_epub_the_books_language_normalised_and_given_to_its_chapters(tmp_path: Path) -> None:
    own = chapter("<p>Own.</p>").replace("<html ", '<html xml:lang="de" ', 1)
    chapters = [("OEBPS/c1.xhtml", chapter("<p>One.</p>")), ("OEBPS/c2.xhtml", own)]
    path = build_epub(tmp_path / BOOK, chapters, language="en_GB")
    doc = parsers.parse(path.read_bytes(), BOOK)
    assert doc.metadata["language"] == "en-GB"
    assert [part.metadata.get("language") for part in doc.parts] == ["en-GB", "de"]


@pytest.mark.parametrize(("language", "tag"), [("English", None), ("x-none", None), ("fr", "fr")])
def test_epub_a_language_that_is_no_tag_is_none(
    tmp_path: Path, language: str, tag: str | None
) -> None:
    path = build_epub(
        tmp_path / BOOK, [("OEBPS/c1.xhtml", chapter("<p>One.</p>"))], language=language
    )
    doc = parsers.parse(path.read_bytes(), BOOK)
    assert doc.metadata.get("language") == tag
    assert doc.parts[0].metadata.get("language") == tag
