"""Where links and ids start in the page's source: the locations of markers and notes."""

from __future__ import annotations

import re
from bisect import bisect_right
from html import unescape as html_unescape
from typing import TYPE_CHECKING

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Location

from .dom import line_of

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

# `[^<>]` keeps each attempt inside one tag: linear over any input.
_HREF_AT = pattern_store.compile(
    r"""<a\b[^<>]*?\bhref\s*=\s*["']?\s*#([^"'\s<>]*)""", re.IGNORECASE
)
_ID_AT = pattern_store.compile(r"""<[a-zA-Z][^<>]*?\b(?:id|name)\s*=\s*["']?\s*([^"'\s<>]+)""")
# lxml gives the line where a start tag ends; the tag may start a few lines before.
_TAG_LINES = 12


class SourcePositions:
    """Line and column of links and ids in the source, found with one regex pass each.

    lxml knows the line of an element but not its column; a page exported as one
    long line (Google Docs) needs the column. A position is used only when it agrees
    with lxml's line, else the element's line and column 1.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts: list[int] | None = None
        self._hrefs: dict[str, list[int]] | None = None
        self._ids: dict[str, list[int]] | None = None
        # Per tag name: element -> where its start tag starts (`start_tag`).
        self._tags: dict[str, dict[Element, int]] = {}

    def _where(self, offset: int, sourceline: int) -> Location | None:
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        line = bisect_right(self._line_starts, offset)
        if not sourceline - _TAG_LINES <= line <= sourceline:
            return None
        return Location(line, offset - self._line_starts[line - 1] + 1)

    def link(self, frag: str, ordinal: int, el: Element) -> Location:
        """Where the `ordinal`-th `<a href="#frag">` starts."""
        if self._hrefs is None:
            self._hrefs = _offsets(_HREF_AT, self.text)
        offsets = self._hrefs.get(frag, [])
        found = None
        if ordinal < len(offsets):
            found = self._where(offsets[ordinal], line_of(el))
        return found or self.start_tag(el)

    def element(self, el: Element, *ids: str | None) -> Location:
        """Where an element with one of these ids (or names) starts."""
        if self._ids is None:
            self._ids = _offsets(_ID_AT, self.text)
        for ident in ids:
            # An id written twice (a page defining a note twice): the nearest start tag
            # at or before the element's line is the element's own.
            for offset in reversed(self._ids.get(ident.strip(), []) if ident else []):
                found = self._where(offset, line_of(el))
                if found:
                    return found
        return Location(line_of(el), 1)

    def start_tag(self, el: Element) -> Location:
        """Where an element's start tag starts: for markers that are no `href="#..."`.

        The start tags of its name in the source, grouped by the line each one ends
        on (lxml's line), are matched in order with the elements of that name and line.
        """
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag not in self._tags:
            self._tags[tag] = self._tag_offsets(el, tag)
        offset = self._tags[tag].get(el)
        found = self._where(offset, line_of(el)) if offset is not None else None
        return found or Location(line_of(el), 1)

    def _tag_offsets(self, el: Element, tag: str) -> dict[Element, int]:
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        by_line: dict[int, list[int]] = {}
        if tag.replace("-", "").isalnum():  # custom elements too: <d-cite>
            # re.compile, not the start-up cache: the tag is the page's, not footcheck's.
            pattern = re.compile(rf"<{re.escape(tag)}(?![\w-])[^<>]*>", re.IGNORECASE)
            for m in pattern.finditer(self.text):
                by_line.setdefault(bisect_right(self._line_starts, m.end() - 1), []).append(
                    m.start()
                )
        offsets: dict[Element, int] = {}
        seen: dict[int, int] = {}
        if not tag.isprintable():
            return offsets  # a name lxml took from a broken page but will not look up
        for same in el.getroottree().getroot().iter(tag):
            line = line_of(same)
            place = seen.get(line, 0)
            seen[line] = place + 1
            starts = by_line.get(line, [])
            if place < len(starts):
                offsets[same] = starts[place]
        return offsets


def _offsets(pattern: re.Pattern[str], text: str) -> dict[str, list[int]]:
    """Where each value the pattern's group captures starts its match, in order."""
    found: dict[str, list[int]] = {}
    for m in pattern.finditer(text):
        raw = m.group(1)
        key = (html_unescape(raw) if "&" in raw else raw).strip()  # entities decoded, as lxml does
        offsets = found.get(key)
        if offsets is None:
            found[key] = [m.start()]
        else:
            offsets.append(m.start())
    return found
