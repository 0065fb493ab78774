"""The language an ODT's text is written in, as a BCP 47 tag (`metadata["language"]`).

First found wins:

1. meta.xml `dc:language`;
2. styles.xml's default paragraph style (`style:default-style
   style:family="paragraph"`), its `style:text-properties`: ODF 1.2's
   `style:rfc-language-tag` when present, else `fo:language` with `fo:country`
   when that is a region ("de" and "CH" are "de-CH"; LibreOffice writes "none"
   for text in no language).

Each value goes through `parsers.language.language_tag`. Only the Western
language is read (`style:language-asian` and `style:language-complex` are those
of other scripts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from footcheck.footnotes import pattern_store
from footcheck.parsers.language import first_language

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["odt_language"]

_DC_LANGUAGE = "{http://purl.org/dc/elements/1.1/}language"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
_DEFAULT_STYLE = f"{{{_STYLE}}}default-style"
_FAMILY = f"{{{_STYLE}}}family"
_TEXT_PROPERTIES = f"{{{_STYLE}}}text-properties"
_RFC_LANGUAGE_TAG = f"{{{_STYLE}}}rfc-language-tag"
_LANGUAGE = f"{{{_FO}}}language"
_COUNTRY = f"{{{_FO}}}country"
_REGION = pattern_store.compile(r"[A-Za-z]{2}|[0-9]{3}")


def odt_language(meta: etree._Element | None, styles: etree._Element | None) -> str | None:
    """The tag of the document's language, from meta.xml and styles.xml; None if neither says."""
    declared = meta.find(f".//{_DC_LANGUAGE}") if meta is not None else None
    return first_language(
        [declared.text if declared is not None else None, *_default_style_languages(styles)]
    )


def _default_style_languages(styles: etree._Element | None) -> list[str | None]:
    """The default paragraph style's RFC tag, then its language with its country."""
    for style in () if styles is None else styles.iter(_DEFAULT_STYLE):
        if style.get(_FAMILY) != "paragraph":
            continue
        properties = style.find(_TEXT_PROPERTIES)
        if properties is None:
            return []
        language = properties.get(_LANGUAGE)
        country = properties.get(_COUNTRY) or ""
        if language and _REGION.fullmatch(country):
            language = f"{language}-{country}"
        return [properties.get(_RFC_LANGUAGE_TAG), language]
    return []
