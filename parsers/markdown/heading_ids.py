"""The ids Markdown engines give headings, for telling a table of contents from notes.

A link `[2](#usage)` in a table of contents points at a heading; the heading's id is
the one its engine makes from its text: GitHub and Python-Markdown keep letters,
digits, `-` and `_` and make spaces hyphens; pandoc and kramdown also drop
everything before the first letter ("1. Scope" is `scope`); pandoc keeps `.` too.
`heading_ids` gives every id a heading may have, so a link to any of them is a
section link, never a marker.
"""

from __future__ import annotations

from footcheck.footnotes import pattern_store

_MARKUP = pattern_store.compile(r"\{[^{}\n]*+\}|<[^<>]*+>|\]\([^()\n]*+\)|[\[\]*_`~]")
_NOT_ID = pattern_store.compile(r"[^\w\- .]++")
_SPACES = pattern_store.compile(r"\s++")
_TO_LETTER = pattern_store.compile(r"^[^A-Za-z]*+")


def heading_ids(content: str) -> set[str]:
    """The ids a heading with this inline content may have under the common engines."""
    text = _MARKUP.sub("", content).strip().rstrip("#").strip().lower()
    github = _SPACES.sub("-", _NOT_ID.sub("", text).replace(".", ""))
    pandoc = _SPACES.sub("-", _NOT_ID.sub("", text))
    ids = {github, pandoc, _TO_LETTER.sub("", pandoc), _TO_LETTER.sub("", github)}
    ids.add(github.replace("_", "-"))
    ids.discard("")
    return ids
