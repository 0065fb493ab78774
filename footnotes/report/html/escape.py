"""Document text made safe to put in the HTML report, in an element or an attribute.

Labels, claims and notes come from the checked files and may hold anything:
markup (`<script>`), quotes, control characters, lone surrogates from a broken
decode. `text` escapes the markup characters (quotes too, so the result can go
inside an attribute) and makes what a reader could not see, or an XML parser
would refuse, visible: a C0 or C1 control (tab and newline included) becomes
`\\xNN`, a noncharacter `\\uNNNN`, a lone surrogate U+FFFD.

`label` is for names, such as a note's label: it also shows the invisible
characters `text` keeps (direction marks and overrides, zero-width characters,
line separators) as `\\uNNNN`, so that "1\\u200b" is not read as "1" and an
override (U+202E) does not turn the text around it.
"""

from __future__ import annotations

import html
import re

# C0 controls, DEL and the C1 controls; surrogates; the noncharacters of the BMP.
_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def text(value: str) -> str:
    """`value` escaped for HTML (element text or a quoted attribute), controls made visible."""
    escaped = html.escape(value, quote=True)
    if _UNSEEN.search(escaped) is None:
        return escaped
    return _UNSEEN.sub(_visible, escaped)


# Direction marks, embeddings, overrides and isolates; zero-width and separator characters.
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def label(value: str) -> str:
    """`value` as `text` gives it, with its invisible characters shown too (`\\u202e`)."""
    escaped = text(value)
    if _INVISIBLE.search(escaped) is None:
        return escaped
    return _INVISIBLE.sub(_visible, escaped)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"
