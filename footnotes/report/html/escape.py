"""Document text made safe for the report page: escaped, controls shown, never markup.

Everything a document says (its paragraphs, notes, labels, its file's name) reaches
the page through `text` (element content) or `attr` (attribute values): both
escape `&`, `<`, `>` and quotes, show control characters as visible escapes
(`\\x1b`, as the console does), and replace what cannot be written as UTF-8 (lone
surrogates) with U+FFFD. `href` lets through only web addresses.
"""

from __future__ import annotations

import re

# C0 and C1 controls but tab and line feed, and lone surrogates.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SPECIAL = re.compile(r"[&<>\"']")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    if "\ud800" <= char <= "\udfff":
        return "\ufffd"
    return f"\\x{ord(char):02x}"


def _entity(match: re.Match[str]) -> str:
    return _ENTITIES[match.group()]


def text(value: str) -> str:
    """`value` as the content of an element: escaped, controls made visible."""
    if _UNSAFE.search(value):
        value = _UNSAFE.sub(_shown, value)
    if _SPECIAL.search(value) is None:
        return value
    return _SPECIAL.sub(_entity, value)


attr = text  # the same escaping serves a quoted attribute value


_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


def href(url: str) -> str | None:
    """An address fit for a link (http or https, nothing else), escaped; else None."""
    if _WEB_ADDRESS.fullmatch(url) is None:
        return None
    return text(url)
