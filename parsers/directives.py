"""Suppression comments: `<!-- footcheck: ignore DT001, CT001 -->` in Markdown and HTML,
`.. footcheck: ignore DT001` in reStructuredText.

`ignore CODES` applies to the next paragraph or note, `disable-file [CODES]` to the
whole file; no codes means every rule. Found with one linear scan of the source,
whatever the format's own reader does with comments.
"""

from __future__ import annotations

import re

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Directive

_HTML_COMMENT = pattern_store.compile(
    rb"<!--[ \t]*+footcheck[ \t]*+:[ \t]*+(ignore|disable-file)\b([^>\n]{0,200}?)[ \t]*+-->",
    re.IGNORECASE,
)
# A reST comment: `..` at the start of a line, then the directive, alone on its line.
_RST_COMMENT = pattern_store.compile(
    rb"^[ \t]*+\.\.[ \t]++footcheck[ \t]*+:[ \t]*+(ignore|disable-file)\b([^\n]{0,200}?)[ \t\r]*+$",
    re.IGNORECASE | re.MULTILINE,
)
_CODE = pattern_store.compile(rb"[A-Za-z][A-Za-z-]*[0-9]*")


def find_directives(data: bytes, fmt: str = "markdown") -> tuple[Directive, ...]:
    """Every suppression comment in the file, with its 1-based line."""
    pattern = _RST_COMMENT if fmt == "rst" else _HTML_COMMENT
    found: list[Directive] = []
    line, counted = 1, 0
    for match in pattern.finditer(data):
        line += data.count(b"\n", counted, match.start())
        counted = match.start()
        scope = "file" if match.group(1).lower() == b"disable-file" else "next"
        codes = frozenset(c.decode("ascii").upper() for c in _CODE.findall(match.group(2)))
        found.append(Directive(line, scope, codes))
    return tuple(found)
