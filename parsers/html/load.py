"""Loading an HTML page safely: its bytes decoded to text, the text parsed to a tree.

The parser is lxml's HTML parser (etree's, without lxml.html's Python element
classes, which cost a third of the time) with network access off, no entities
beyond HTML's own, and `huge_tree` off. A page nested past libxml2's depth limit is
flattened and parsed again; custom elements left in the head start the body, as in a
browser. Only `DocumentError` escapes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import DocumentError

from ..decode import decode

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

_META_CHARSET = pattern_store.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I
)
# `[^<>]` keeps each attempt inside one tag: linear however many tags never close.
_DEPTH_LIMIT = pattern_store.compile(
    r"</?(?:div|span|font|center|section|article|main|b|i|u|em|strong)\b[^<>]*+>",
    re.IGNORECASE,
)
# Still too deep (100,000 unclosed `<sup>`, lists in lists): every inline element and
# list goes too, so the page is read as its text rather than refused.
_DEPTH_LIMIT_ALL = pattern_store.compile(
    r"</?(?:sup|sub|a|small|big|s|strike|mark|abbr|cite|q|code|tt|kbd|var|samp|ins|del"
    r"|nobr|label|blockquote|ul|ol|li|dl|dt|dd|table|tbody|thead|tfoot|tr|td|th|p)\b[^<>]*+>",
    re.IGNORECASE,
)
_XML_DECL = pattern_store.compile(r"^\s*<\?xml[^>]*>")

# The head of the page checked for binary data.
_SNIFF = 8192


def decode_page(data: bytes) -> str:
    """A BOM decides; else `<meta charset>`; else UTF-8 with a Windows-1252 fallback."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)
    decode(data[:_SNIFF])  # refuses binary data with a DocumentError
    match = _META_CHARSET.search(data[:4096])
    if match:
        declared = match.group(1).decode("ascii", "replace").lower()
        if declared in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1"):
            declared = "cp1252"  # what browsers do, and what Word means
        if not declared.startswith(("utf-8", "utf8", "utf-16", "utf-32", "unicode")):
            try:
                return data.decode(declared, errors="replace")
            except LookupError:
                pass
    return decode(data)


def parse_page(text: str) -> tuple[Element | None, str]:
    """The parsed page (None when there is nothing in it) and the text it was parsed from."""
    from lxml import etree

    if not text.strip():
        return None, text
    text = _XML_DECL.sub("", text, count=1)
    for attempt in range(3):
        # etree's HTMLParser is lxml.html's parser without its Python element classes.
        parser = etree.HTMLParser(
            recover=True,
            no_network=True,
            huge_tree=False,
            remove_pis=True,
            remove_blank_text=False,
            collect_ids=False,
            encoding="utf-8",
        )
        try:
            root = etree.fromstring(text.encode("utf-8", "replace"), parser=parser)
        except (etree.XMLSyntaxError, etree.ParserError, ValueError) as exc:
            raise DocumentError(f"malformed HTML: {exc}") from None
        if root is None:
            return None, text  # nothing but comments or a doctype
        if not any("Excessive depth" in e.message for e in parser.error_log):
            _body_out_of_head(root)
            return root, text
        if attempt == 0:
            # Nested past libxml2's limit: flatten the containers that carry no meaning.
            text = _DEPTH_LIMIT.sub(" ", text)
        elif attempt == 1:
            text = _DEPTH_LIMIT_ALL.sub(" ", text)
    raise DocumentError("HTML nested too deeply to read (more than 256 levels)")


def _body_out_of_head(root: Element) -> None:
    """Start the body at the first custom element libxml2 left in `<head>`.

    A page that opens no `<body>` before its custom elements (a Distill article:
    `<d-front-matter>`, `<d-article>` right after the scripts) has them, and all that
    follows, put in the head; a browser starts the body there.
    """
    from lxml import etree

    head = root.find("head")
    if head is None:
        return
    children = list(head)
    first = next((i for i, el in enumerate(children) if "-" in str(el.tag)), None)
    if first is None:
        return
    body = root.find("body")
    if body is None:
        body = etree.SubElement(root, "body")
    for place, el in enumerate(children[first:]):
        body.insert(place, el)
