"""A small, tolerant BibTeX reader: the entries of a bibliography, their fields in plain text.

Distill articles carry their bibliography as BibTeX inside the page. This reads
`@type{key, field = {value}, field = "value", field = bare # {joined}}` entries;
`@string` macros are put in place of their names (an unknown name stays itself:
`month = jan` reads "jan"); `@comment` and `@preamble` are skipped. Values lose
their LaTeX: accents become letters (`{\\"o}` is "ö"), commands and braces go, `~` is
a space. Malformed input is read as far as it goes: an entry whose braces never close
ends at the next line that starts an entry. One forward pass over the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from footcheck.footnotes import pattern_store

SKIPPED = frozenset(["comment", "preamble"])
_ENTRY_START = pattern_store.compile(r"@\s*([A-Za-z]+)\s*([{(])")
# What a braced value's scan stops at: a brace, or a line that starts another entry.
_BRACE_STOP = pattern_store.compile(r"[{}]|\n[ \t]*@[A-Za-z]+[ \t]*[{(]")
_QUOTE_STOP = pattern_store.compile(r'[{}"]|\n[ \t]*@[A-Za-z]+[ \t]*[{(]')
_KEY = pattern_store.compile(r"\s*([^,\s{}()@]*)\s*")
_NAME = pattern_store.compile(r"[\s,]*([A-Za-z0-9_:.+\-]+)\s*=\s*")
_BARE = pattern_store.compile(r"[^\s,{}()#\"]+")
_HASH = pattern_store.compile(r"\s*#\s*")
_CLOSE = pattern_store.compile(r"[\s,]*([})])")

_COMBINING = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
}
_SYMBOL_ACCENT = pattern_store.compile(
    r"\\([`'^\"~=.])\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))"
)
_LETTER_ACCENT = pattern_store.compile(r"\\([uvHckr])(?:\s*\{\s*(\\?[A-Za-z])\s*\}|\s+([A-Za-z]))")
_LETTERS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
}
_LETTER = pattern_store.compile(r"\\(ss|ae|AE|oe|OE|aa|AA|[oOlLij])(?![A-Za-z])\s*")
_ESCAPED = pattern_store.compile(r"\\([&%$#_])")
_COMMAND = pattern_store.compile(r"\\[A-Za-z]+\*?\s*|\\.")
_DASHES = (("---", "\u2014"), ("--", "\u2013"))


@dataclass(slots=True)
class Entry:
    """One entry: its type ("article"), key, fields (names in lower case) and where it starts."""

    kind: str
    key: str
    offset: int
    fields: dict[str, str] = field(default_factory=dict)


def read_bibtex(text: str) -> list[Entry]:
    """The entries of a BibTeX text, in order; what cannot be read is left out."""
    entries: list[Entry] = []
    macros: dict[str, str] = {}
    pos = 0
    while True:
        start = text.find("@", pos)
        if start < 0:
            return entries
        match = _ENTRY_START.match(text, start)
        if match is None:
            pos = start + 1
            continue
        kind = match.group(1).lower()
        pos = match.end()
        if kind in SKIPPED:
            if match.group(2) == "{":
                pos = _skip_braced(text, pos)
            else:
                close = text.find(")", pos)
                pos = len(text) if close < 0 else close + 1
            continue
        if kind == "string":
            pos = _macro(text, pos, macros)
            continue
        entry, pos = _entry(text, pos, kind, start, macros)
        if entry.key:
            entries.append(entry)


def clean(value: str) -> str:
    """A BibTeX value as a reader sees it: no LaTeX accents, commands, braces or `~`."""
    if "\\" in value:
        value = _SYMBOL_ACCENT.sub(_accented, value)
        value = _LETTER_ACCENT.sub(_accented, value)
        value = _LETTER.sub(lambda m: _LETTERS[m.group(1)], value)
        value = _ESCAPED.sub(r"\1", value)
        value = _COMMAND.sub("", value)
    value = value.replace("{", "").replace("}", "").replace("~", " ")
    for dashes, dash in _DASHES:
        value = value.replace(dashes, dash)
    return " ".join(value.split())


def _accented(match: re.Match[str]) -> str:
    letter = (match.group(2) or match.group(3)).lstrip("\\")
    return unicodedata.normalize("NFC", letter + _COMBINING[match.group(1)])


def _macro(text: str, pos: int, macros: dict[str, str]) -> int:
    """Read `@string{name = value}` from just after its brace; where reading goes on."""
    name = _NAME.match(text, pos)
    if name is None:
        return pos
    value, pos = _value(text, name.end(), macros)
    if value is not None:
        macros[name.group(1).lower()] = value
    close = _CLOSE.match(text, pos)
    return close.end() if close else pos


def _entry(text: str, pos: int, kind: str, start: int, macros: dict[str, str]) -> tuple[Entry, int]:
    """An entry from just after its opening brace; and where reading goes on."""
    key_match = _KEY.match(text, pos)
    entry = Entry(kind, key_match.group(1) if key_match else "", start)
    pos = key_match.end() if key_match else pos
    while pos < len(text):
        close = _CLOSE.match(text, pos)
        if close is not None:
            return entry, close.end()
        name = _NAME.match(text, pos)
        if name is None:
            return entry, pos  # malformed: the next entry is looked for from here
        value, pos = _value(text, name.end(), macros)
        if value is None:
            return entry, pos
        entry.fields.setdefault(name.group(1).lower(), clean(value))
    return entry, pos


def _value(text: str, pos: int, macros: dict[str, str]) -> tuple[str | None, int]:
    """A value, its parts joined by `#`; None when there is none to read."""
    parts: list[str] = []
    while pos < len(text):
        char = text[pos]
        if char in '{"':
            end = (_skip_braced if char == "{" else _skip_quoted)(text, pos + 1)
            closed = text[end - 1 : end] == ("}" if char == "{" else '"')
            parts.append(text[pos + 1 : end - 1 if closed else end])
        else:
            bare = _BARE.match(text, pos)
            if bare is None:
                break
            end = bare.end()
            parts.append(macros.get(bare.group().lower(), bare.group()))
        pos = end
        joined = _HASH.match(text, pos)
        if joined is None:
            break
        pos = joined.end()
    if not parts:
        return None, pos
    return "".join(parts), pos


def _skip_braced(text: str, pos: int) -> int:
    """Just past the brace that closes the one opened before `pos` (or where it stops)."""
    depth = 1
    while True:
        match = _BRACE_STOP.search(text, pos)
        if match is None:
            return len(text)
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                return match.end()
        else:
            return match.start()  # an entry starts: this one never closed
        pos = match.end()


def _skip_quoted(text: str, pos: int) -> int:
    """Just past the quote that closes a quoted value (braces inside may hold quotes)."""
    depth = 0
    while True:
        match = _QUOTE_STOP.search(text, pos)
        if match is None:
            return len(text)
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(0, depth - 1)
        elif token == '"':
            if depth == 0 and text[match.start() - 1] != "\\":
                return match.end()
        else:
            return match.start()
        pos = match.end()
