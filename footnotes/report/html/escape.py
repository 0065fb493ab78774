"""Document text made safe for the report page: escaped, controls shown, never markup.

Everything a document says (its paragraphs, notes, labels, its file's name) reaches
the page through `text` (element content or a quoted attribute value): it escapes
`&`, `<`, `>` and both quotes, and makes visible what a reader could not see or an
XML parser would refuse: a C0 or C1 control but tab and line feed becomes `\\xNN`
(as the console shows it), a bidirectional override or isolate and a noncharacter
`\\uNNNN`, a lone surrogate (from a broken decode) U+FFFD.

`label` is for names, such as a note's label: it also shows the invisible
characters `text` keeps in running prose (direction marks, zero-width characters,
line separators) as `\\uNNNN`, so that "1\\u200b" is not read
as "1" and an override (U+202E) does not turn the text around it. `href` lets
through only web addresses.
"""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL and the C1 controls; the bidirectional
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069: a "\u202e" in a
# note would turn the page's own words after it around); surrogates; the
# noncharacters of the BMP.
_UNSEEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
_SPECIAL = re.compile(r"[&<>\"']")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
# Tab and line feed; direction marks, embeddings, overrides and isolates; zero-width
# and separator characters.
_INVISIBLE = re.compile("[\t\n\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def _entity(match: re.Match[str]) -> str:
    return _ENTITIES[match.group()]


# Anything `text` changes: one search tells that most text needs nothing done.
_ANY = re.compile(
    "[&<>\"'\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


def text(value: str) -> str:
    """`value` as element content or a quoted attribute: escaped, controls made visible."""
    if _ANY.search(value) is None:
        return value
    if _UNSEEN.search(value):
        value = _UNSEEN.sub(_visible, value)
    if _SPECIAL.search(value) is None:
        return value
    return _SPECIAL.sub(_entity, value)


attr = text  # the same escaping serves a quoted attribute value


def label(value: str) -> str:
    """`value` as `text` gives it, with its invisible characters shown too (`\\u202e`)."""
    escaped = text(value)
    if _INVISIBLE.search(escaped) is None:
        return escaped
    return _INVISIBLE.sub(_visible, escaped)


def href(url: str) -> str | None:
    """An address fit for a link (http or https, nothing else), escaped; else None."""
    if _WEB_ADDRESS.fullmatch(url) is None:
        return None
    return text(url)
