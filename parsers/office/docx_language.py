"""The language a DOCX's text is written in, as a BCP 47 tag (`metadata["language"]`).

Word keeps a language on every run: the run's own `w:rPr/w:lang w:val` when it
differs from its style's (Word marks what was typed with another keyboard or
proofing language), else its paragraph style's, else the document default
(styles.xml `w:docDefaults/w:rPrDefault/w:rPr/w:lang`). First found wins:

1. the language the body's runs are marked with, when runs marked with it hold more
   than half of the body's text (a French text typed in a Word whose default is
   English);
2. the default paragraph style's language (`w:style w:type="paragraph"
   w:default="1"`), else the document default: the language of the unmarked text;
3. docProps/core.xml `dc:language` (often empty);
4. settings.xml `w:themeFontLang w:val`: the language of the theme's fonts, which
   follows the editing language Word was set up with.

Only `w:val` (the language of Latin text) is read; `w:eastAsia` and `w:bidi`
name the languages of other scripts. Each value goes through
`parsers.language.language_tag`: Word's "x-none" is no language.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from footcheck.parsers.language import first_language, language_tag

if TYPE_CHECKING:
    from lxml import etree

    from .docx_paragraphs import WordNames

__all__ = ["docx_language"]

_DC_LANGUAGE = "{http://purl.org/dc/elements/1.1/}language"


def docx_language(
    body: etree._Element,
    body_length: int,
    styles: etree._Element | None,
    core: etree._Element | None,
    settings: etree._Element | None,
    n: WordNames,
) -> str | None:
    """The tag of the language of the body's text (`body_length` characters), or None."""
    core_language = core.find(f".//{_DC_LANGUAGE}") if core is not None else None
    theme = settings.find(n.w("themeFontLang")) if settings is not None else None
    return first_language(
        [
            _marked_language(body, body_length, n),
            *_style_languages(styles, n),
            core_language.text if core_language is not None else None,
            theme.get(n.val) if theme is not None else None,
        ]
    )


def _marked_language(body: etree._Element, body_length: int, n: WordNames) -> str | None:
    """The language runs are marked with, when they hold more than half the text."""
    by_value: Counter[str] = Counter()  # w:val as written -> the length of its runs' text
    for lang in body.iter(n.w("lang")):
        properties = lang.getparent()  # w:rPr
        run = properties.getparent() if properties is not None else None
        if run is None or run.tag != n.r:
            continue  # a paragraph mark's language, or a tracked change's old one
        value = lang.get(n.val)
        if value:
            by_value[value] += sum(len(child.text or "") for child in run if child.tag == n.t)
    lengths: Counter[str] = Counter()
    for value, length in by_value.items():
        tag = language_tag(value)
        if tag is not None:
            lengths[tag] += length
    if not lengths:
        return None
    tag, length = lengths.most_common(1)[0]
    return tag if 2 * length > body_length else None


def _style_languages(styles: etree._Element | None, n: WordNames) -> list[str | None]:
    """The default paragraph style's language, then the document default's."""
    if styles is None:
        return []
    found: list[str | None] = []
    for style in styles.iter(n.style):
        if style.get(n.type) == "paragraph" and style.get(n.w("default")) in ("1", "true", "on"):
            found.append(_run_language(style.find(n.r_pr), n))
            break
    defaults = styles.find(f"{n.w('docDefaults')}/{n.w('rPrDefault')}/{n.r_pr}")
    found.append(_run_language(defaults, n))
    return found


def _run_language(properties: etree._Element | None, n: WordNames) -> str | None:
    lang = properties.find(n.w("lang")) if properties is not None else None
    return lang.get(n.val) if lang is not None else None
