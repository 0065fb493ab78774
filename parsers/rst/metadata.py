"""A reST document's metadata: its title and the dates of its bibliographic fields.

docutils turns the field list at the top of a document (`:Date: 2024-02-01`, or a
PEP's RFC 2822 header) into bibliographic fields; RCS keywords are unwrapped
(`$Date: 2002-08-21 02:43:45 $` is that date; an unexpanded `$Date$` is no date).

- `:Date:` is the document's date (`"date"`), as front matter's `date:` is.
- A PEP's `Created:` is not the report's date: PEPs are revised long after they
  are created, and their later notes are not dated after the report. It is kept as
  `"created"`, which no rule reads. Its `Last-Modified:`, when expanded, is the
  date it was last changed (`"modified"`).
"""

from __future__ import annotations

import re

from docutils import nodes

from footcheck.footnotes import pattern_store

_RCS_KEYWORD = pattern_store.compile(r"^\$\w+(?::\s*(.*?))?\s*\$$", re.DOTALL)
# PEP header fields (lower case) -> metadata key.
_FIELDS = {"title": "title", "created": "created", "last-modified": "modified"}


def metadata(document: nodes.document) -> dict[str, str]:
    """The title and dates the document declares."""
    found: dict[str, str] = {}
    title = document.get("title")
    if isinstance(title, str) and title.strip():
        found["title"] = " ".join(title.split())
    for child in document.children:
        if isinstance(child, nodes.docinfo):
            _read_docinfo(child, found)
    return found


def _read_docinfo(docinfo: nodes.docinfo, found: dict[str, str]) -> None:
    for item in docinfo.children:
        if isinstance(item, nodes.date):
            _keep(found, "date", item.astext())
        elif isinstance(item, nodes.field) and len(item.children) == 2:
            key = _FIELDS.get(item.children[0].astext().strip().lower())
            if key is not None:
                _keep(found, key, item.children[1].astext())


def _keep(found: dict[str, str], key: str, value: str) -> None:
    value = " ".join(value.split())
    keyword = _RCS_KEYWORD.match(value)
    if keyword is not None:
        value = keyword.group(1) or ""
    if value and (key == "title" or any(c.isdigit() for c in value)):
        found.setdefault(key, value)
