"""The report's title, date and language as an HTML page states them.

Title and date: `<title>`, meta tags, JSON-LD, `<time>`. Language (`"language"`, a
BCP 47 tag, see `parsers.language`), first found wins: the root's `xml:lang` or
`lang` (HTML's rule: the XML one first), else the body's (it covers all the text
read), else `<meta http-equiv="content-language">` (one tag: a list, "en, fr", is
none, as in HTML's pragma rule), else `<meta name="language">`,
`"dc.language"`, `"dcterms.language"`, `itemprop="inLanguage"` or Open Graph's
`og:locale` ("en_US"). A value that is no plausible tag counts as absent.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..language import first_language
from .dom import (
    ancestors,
    tag_of,
    visible_text,
)

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

DATE_META = (
    "article:published_time",
    "date",
    "dcterms.date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
)
# When the page says it was last updated (a wiki page's revision): metadata["updated"].
MODIFIED_META = ("article:modified_time", "og:updated_time", "dcterms.modified", "datemodified")
JSON_LD_MAX = 1_000_000
# `<meta name=...>` that state the page's language, after http-equiv's pragma.
LANGUAGE_META = ("language", "dc.language", "dcterms.language", "inlanguage", "og:locale")
_CONTENT_LANGUAGE = "content-language"
_XML_LANG = ("xml:lang", "{http://www.w3.org/XML/1998/namespace}lang", "lang")
_KEPT_META = frozenset(
    (*DATE_META, *MODIFIED_META, "datepublished", _CONTENT_LANGUAGE, *LANGUAGE_META)
)


class PageMeta:
    """The report's title, date and language, from the tags that carry them."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.meta: dict[str, str] = {}
        self.json_ld: str | None = None
        self.json_ld_modified: str | None = None
        self.pubdate: str | None = None
        self.header_time: str | None = None

    def see(self, el: Element, tag: str) -> None:
        if tag == "title" and self.title is None:
            self.title = " ".join(visible_text(el).split()) or None
        elif tag == "meta":
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
            if not key:
                key = (el.get("http-equiv") or "").lower()
            content = (el.get("content") or "").strip()
            if content and key in _KEPT_META:
                self.meta.setdefault(key, content)
        elif tag == "script" and self.json_ld is None:
            if (el.get("type") or "").lower() == "application/ld+json" and el.text:
                self.json_ld = json_ld_date(el.text, "datePublished")
                self.json_ld_modified = json_ld_date(el.text, "dateModified")
        elif tag == "time":
            value = (el.get("datetime") or visible_text(el)).strip()
            if not value:
                return
            if el.get("pubdate") is not None and self.pubdate is None:
                self.pubdate = value
            elif self.header_time is None and any(tag_of(a) == "header" for a in ancestors(el, 12)):
                self.header_time = value

    def result(self, root: Element) -> dict[str, str]:
        """What the page states; `root` is its root element (for `lang`)."""
        out: dict[str, str] = {}
        if self.title:
            out["title"] = self.title
        dated = [self.meta.get(k) for k in DATE_META]
        dated += [self.json_ld, self.meta.get("datepublished"), self.pubdate, self.header_time]
        date = next((d for d in dated if d), None)
        if date:
            out["date"] = date
        modified = [self.meta.get(k) for k in MODIFIED_META] + [self.json_ld_modified]
        changed = next((d for d in modified if d), None)
        if changed:
            out["updated"] = changed
        body = root.find("body")
        declared = [root.get(name) for name in _XML_LANG]
        if body is not None:
            declared += [body.get(name) for name in _XML_LANG]
        declared += [self.meta.get(k) for k in (_CONTENT_LANGUAGE, *LANGUAGE_META)]
        language = first_language(declared)
        if language:
            out["language"] = language
        return out


def json_ld_date(text: str, key: str) -> str | None:
    if len(text) > JSON_LD_MAX:
        return None
    try:
        data: Any = json.loads(text)
    except ValueError:
        return None
    stack: list[Any] = [data]
    seen = 0
    while stack and seen < 10_000:
        seen += 1
        item = stack.pop()
        if isinstance(item, dict):
            value = item.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return None
