"""Anchor-link notes in Markdown: the links, anchors and attribute lists of one block's text.

Markdown converted from HTML (pandoc, turndown, html2text, markdownify) and pages
written by hand for Jekyll or GitHub cite with a link whose text is a note number and
whose target is an anchor: `[1](#fn1)`, `[[1]](#fn1)`, `<sup>[1](#fn1)</sup>`,
pandoc's `^[\\[1\\]](#fn1){#fnref1}^`, `<a href="#fn1" id="ref1">[1]</a>`, a reference
link `[1][fn1]` whose definition is `[fn1]: #note-1`. The note holds the anchor:
`<a name="fn1"></a>`, `<li id="fn1">`, `[]{#fn1}`, kramdown's `{: #fn1}`. This module
finds those pieces in one block's inline content; `anchor_notes` decides which links
are markers and which blocks are notes.

Every regex is compiled once and runs in linear time over the input (possessive or
bounded repetitions only).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from footcheck.footnotes import pattern_store

from .commonmark import is_reference, normalize_label

# Whether a document may hold an anchor link at all: the cheap test before any work.
_PRECHECK = pattern_store.compile(r"\]\(<?#|\]:[ \t]*+<?#|href[ \t]*+=|\d\\?\]\]?\(")

# Whether a document may define an anchor: an HTML id or name, an attribute list's `#id`.
_ID_PRECHECK = pattern_store.compile(r"\b(?:id|name)[ \t]*+=|\{:?+[ \t]*+#")

# A Markdown link whose text is short: inline `(dest "title")`, reference `[ref]`, or
# neither (a shortcut reference), with pandoc's attributes `{#id}` after it, and
# `<sup>...</sup>` or pandoc's `^...^` around it.
_MD_LINK = pattern_store.compile(
    r"(?P<open><sup\b[^<>\n]{0,200}+>[ \t]*+|\^)?+"
    r"\[(?P<text>(?:\\[\[\]]|[^\[\]]|\[(?:\\[\[\]]|[^\[\]]){0,60}+\]){1,200}+)\]"
    r"(?:\([ \t]*+(?P<dest><[^<>\n]*+>|[^\s()<>]*+)"
    r"(?:[ \t]++(?:\"[^\"\n]*+\"|'[^'\n]*+'))?+[ \t]*+\)"
    r"|\[(?P<ref>[^\[\]\n]{0,200}+)\])?+"
    r"(?P<attrs>\{[^{}]{0,300}+\})?+"
    r"(?P<close>[ \t]*+</sup>|\^)?+"
)
# An HTML link (its text without another link), with `<sup>...</sup>` or MultiMarkdown's
# `^...^` around it.
_HTML_LINK = pattern_store.compile(
    r"(?P<open><sup\b[^<>]{0,200}+>\s*+|\^)?+"
    r"<a\b(?P<attrs>[^<>]{0,500}+)>(?P<text>(?:[^<]|<(?!/?a\b)){0,300}?)</a\s*+>"
    r"(?P<close>\s*+</sup>|\^)?+",
    re.IGNORECASE,
)
_HREF = pattern_store.compile(r"\bhref\s*+=\s*+(?:\"([^\"]*+)\"|'([^']*+)'|([^\s\"'<>=`]++))", re.I)
# An element's id (or an old-style `<a name>`) in an HTML tag.
_TAG_ID = pattern_store.compile(
    r"<[A-Za-z][A-Za-z0-9\-]*+\b[^<>]*?\s(?:id|name)\s*+=\s*+"
    r"(?:\"([^\"]*+)\"|'([^']*+)'|([^\s\"'<>=`]++))[^<>]*+>"
)
# An attribute list: pandoc's `{#id .class key=value}`, kramdown's `{: #id .class}`.
_ATTR_WORD = r"(?:[#.][^\s{}#.\"']++|[\w\-:]++=(?:\"[^\"\n]*+\"|'[^'\n]*+'|[^\s{}\"']++))"
ATTRIBUTES = pattern_store.compile(
    rf"\{{:?+[ \t]*+{_ATTR_WORD}(?:[ \t\n]++{_ATTR_WORD})*+[ \t]*+\}}"
)
_ATTR_ID = pattern_store.compile(r"(?:^|[\s{:])#([^\s{}#.\"']++)")
# A pandoc fenced div's lines (`::: {#fn1}`, `:::`), read into a paragraph by CommonMark.
FENCE_LINE = pattern_store.compile(r"^[ \t]*+:{3,}+[^\n]*+$", re.MULTILINE)
_TAGS = pattern_store.compile(r"<[^<>]*+>")
_INVISIBLE = pattern_store.compile(r"[\\\[\]^*_\s\u00a0]++")
_NUMBER = pattern_store.compile(r"\d{1,3}+")
_SCHEME = pattern_store.compile(r"[A-Za-z][A-Za-z0-9+.\-]{0,31}+:|//")
# What a back-link says: an arrow, a caret, "back", "return to text".
_BACK_TEXT = pattern_store.compile(
    r"(?:[\u21a9\u21b5\u2191\u2934\u21e7\u2b8c\u2b11^\ufe0e\ufe0f\s]++"
    r"|(?:go |jump )?+(?:back|return|up|top)(?: to (?:the )?+(?:text|top|article|content))?+)",
    re.IGNORECASE,
)
# Words of a note's id: `fn3`, `_ftn3`, `note-3`, `cite_note-Smith-3`, `endnote3`, and a
# reference list's (`ref3`, `bib3`, JATS's `B3`, Springer's `CR3`).
_NOTE_WORDS = frozenset({
    "fn", "fns", "ftn", "ftnt", "edn", "en", "n", "nt", "note", "notes", "foot", "footnote",
    "footnotes", "endnote", "endnotes", "sdfootnote", "sdendnote",
    "cite", "citation", "ref", "reference", "references", "r", "bib", "bibr", "b", "cr",
})  # fmt: skip
_WORDS = pattern_store.compile(r"[a-z]++")
_LABEL_FILE_WORDS = ("note", "foot")
_TICKS = pattern_store.compile(r"`++")
_AFTER_ANY = 1 << 62  # an end past any offset: for finding the span starting at or before one


@dataclass(frozen=True, slots=True)
class Link:
    """A link in a block's content: where it stands, what it shows, where it goes.

    `label` is the number it shows ("" when it shows no number); `anchor` the in-page
    id it points at, `file` the other file it points into (as written), `ids` the ids
    it carries itself (`{#fnref1}`, `id="fnr1"`: where a back-link returns), `shown`
    whether it is superscripted, `back` whether its text reads as a back-link.
    """

    start: int
    end: int
    label: str
    anchor: str | None
    file: str | None
    ids: tuple[str, ...]
    shown: bool
    back: bool


def might_hold_anchor_links(text: str) -> bool:
    """Whether a document may hold an anchor link (a cheap test on the whole text)."""
    return _PRECHECK.search(text) is not None


def might_define_anchors(text: str) -> bool:
    """Whether a document may define an in-page anchor (a cheap test on the whole text)."""
    return _ID_PRECHECK.search(text) is not None


def is_note_id(anchor: str) -> bool:
    """Whether an id names a note (`fn3`, `_ftn3`, `note-3`, `cite_note-X-3`, `3`).

    A section's id (`section-2`, `introduction`, `toc`) does not.
    """
    lowered = anchor.lower()
    if lowered.isdigit():
        return True
    if not any(c.isdigit() for c in lowered):
        return False
    return any(word in _NOTE_WORDS for word in _WORDS.findall(lowered))


def visible_text(text: str) -> str:
    """Text without its HTML tags and attribute lists, entities decoded."""
    text = ATTRIBUTES.sub("", _TAGS.sub("", text))
    return html.unescape(text)


def _label(text: str) -> str:
    """The note number a link's text shows (`1`, `[1]`, `\\[1\\]`, `^1^`, `<sup>1</sup>`)."""
    shown = _INVISIBLE.sub("", visible_text(text))
    return shown if _NUMBER.fullmatch(shown) else ""


def is_back_text(text: str) -> bool:
    """Whether a link's text reads as a back-link: `↩`, `^`, `\\^`, "back", "return to text"."""
    shown = " ".join(visible_text(text).replace("\\", "").split())
    return bool(shown) and _BACK_TEXT.fullmatch(shown) is not None


def _ids(text: str) -> tuple[str, ...]:
    return tuple(anchor for anchor, _ in find_ids(text))


def _target(dest: str) -> tuple[str | None, str | None, str]:
    """(in-page anchor, other file, fragment) of a destination; (None, None, "") if external."""
    dest = dest.strip().strip("<>")
    if dest.startswith("#"):
        return unquote(dest[1:]), None, ""
    if not dest or _SCHEME.match(dest):
        return None, None, ""
    path, _, fragment = dest.partition("#")
    path = path.partition("?")[0]
    return None, (path or None), unquote(fragment)


def _link(
    start: int, end: int, text: str, dest: str, own: tuple[str, ...], shown: bool
) -> Link | None:
    anchor, file, fragment = _target(dest)
    if anchor is None and file is None:
        return None
    label = _label(text)
    if file is not None:
        named = any(word in file.lower() for word in _LABEL_FILE_WORDS)
        if not label or not (shown or named or (fragment and is_note_id(fragment))):
            return None  # a number link to another page: a page of a series, a chapter
    return Link(start, end, label, anchor, file, own, shown, not label and is_back_text(text))


def _markdown_links(content: str, refs: Mapping[str, Any]) -> list[Link]:
    links: list[Link] = []
    pos = 0
    while (m := _MD_LINK.search(content, pos)) is not None:
        pos = m.start() + 1  # a link not taken may hold one: `[text [1](#n1)]{#x}`
        if m.start("text") > 1 and content[m.start("text") - 2] == "!":
            continue  # an image: `![1](#fig1)`
        dest = m.group("dest")
        text = m.group("text")
        if dest is None:
            key = m.group("ref") or text
            if not is_reference(refs, key):
                continue
            dest = str(refs[normalize_label(key)].get("href", ""))
        start, end = m.start(), m.end()
        opened, closed = m.group("open"), m.group("close")
        shown = bool(opened and closed and (opened == "^") == (closed == "^"))
        if not shown:  # an unpaired `<sup>` or caret is the text's, not the link's
            start = m.start("open") + len(opened) if opened else start
            end = m.end("close") - len(closed) if closed else end
        own = _ids((opened or "") + (m.group("attrs") or ""))
        found = _link(start, end, text, dest, own, shown)
        if found is not None:
            links.append(found)
            pos = m.end()
    return links


def _html_links(content: str) -> list[Link]:
    links: list[Link] = []
    for m in _HTML_LINK.finditer(content):
        attrs = m.group("attrs")
        href = _HREF.search(attrs)
        if href is None:
            continue
        dest = html.unescape(href.group(1) or href.group(2) or href.group(3) or "")
        opened, closed = m.group("open"), m.group("close")
        shown = bool(opened and closed and (opened == "^") == (closed == "^"))
        tag_start = m.start("attrs") - 2  # where `<a` stands
        start = m.start() if shown else tag_start
        end = m.end() if shown or not m.group("close") else m.start("close")
        own = _ids(content[m.start() : m.start("text")])  # the `<sup>`'s and the `<a>`'s
        found = _link(start, end, m.group("text"), dest, own, shown)
        if found is not None:
            links.append(found)
    return links


def code_spans(content: str) -> list[tuple[int, int]]:
    """Where a block's code spans lie: a backtick run to the next run of its length."""
    if "`" not in content:
        return []
    runs: dict[int, list[int]] = {}
    for m in _TICKS.finditer(content):
        runs.setdefault(m.end() - m.start(), []).append(m.start())
    spans: list[tuple[int, int]] = []
    taken = {length: 0 for length in runs}  # how far each length's runs are paired
    end = 0
    for m in _TICKS.finditer(content):
        length = m.end() - m.start()
        starts = runs[length]
        i = taken[length]
        while i < len(starts) and starts[i] <= m.start():
            i += 1
        taken[length] = i
        if m.start() >= end and i < len(starts):
            end = starts[i] + length
            spans.append((m.start(), end))
            taken[length] = i + 1
    return spans


def outside(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether `at` lies outside every one of `spans` (sorted, not overlapping)."""
    i = bisect.bisect_right(spans, (at, _AFTER_ANY)) - 1
    return i < 0 or not spans[i][0] <= at < spans[i][1]


def find_links(content: str, refs: Mapping[str, Any]) -> list[Link]:
    """The links of a block's content that go to an anchor or into another file, in order.

    Links do not overlap: where an HTML link and a Markdown link overlap, the first
    wins. A link in a code span is code.
    """
    found = _html_links(content) if "<a" in content or "<A" in content else []
    if "]" in content:
        found += _markdown_links(content, refs)
    found.sort(key=lambda link: (link.start, -link.end))
    code = code_spans(content)
    kept: list[Link] = []
    for link in found:
        if (not kept or link.start >= kept[-1].end) and outside(code, link.start):
            kept.append(link)
    return kept


def find_ids(content: str) -> list[tuple[str, int]]:
    """The anchors a block's content defines, with their offsets: tag ids and `{#id}`.

    An anchor in a code span is code.
    """
    found: list[tuple[str, int]] = []
    if "=" in content:
        for m in _TAG_ID.finditer(content):
            found.append((html.unescape(m.group(1) or m.group(2) or m.group(3) or ""), m.start()))
    if "{" in content:
        for m in ATTRIBUTES.finditer(content):
            found.extend((anchor, m.start()) for anchor in _ATTR_ID.findall(m.group()))
    code = code_spans(content)
    return [(anchor, at) for anchor, at in found if anchor and outside(code, at)]
