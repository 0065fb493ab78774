"""Tables of contents written as a SUMMARY.md: mdBook's and GitBook's.

Both tools read the chapters of a book from a Markdown list of links:

    # Summary
    [Preface](preface.md)              a prefix (mdBook) or top-level chapter
    # Part One                         a part title (GitBook: `## Part`): no file
    - [Chapter 1](ch1.md)              a numbered chapter; nested items are sections
      - [Section](ch1/section.md)
    - [Draft]()                        a draft chapter (mdBook): no file yet
    ---                                a separator
    * [Notes](notes/README.md#top)     GitBook: `*` lists, a folder's README, anchors

The book order is the order of the links: each list item's first link (mdBook takes
nothing else from an item), every link of a paragraph outside a list (mdBook's prefix
and suffix chapters), none in a heading (a part title). The file is parsed as
CommonMark, as both tools do, so a chapter commented out in an HTML comment or shown
in a code span is not a chapter. Links are relative to the SUMMARY.md's folder.

Where the SUMMARY.md is: mdBook's is `SUMMARY.md` in the `src` folder named by
`book.toml` (`[book] src`, "src" by default); GitBook's is at the book's root, which
`.gitbook.yaml` (`root:`, and `structure: summary:` relative to it) or a legacy
`book.json` (`"root"`) may move.
"""

from __future__ import annotations

import json
import os
import re
import tomllib

from footcheck.footnotes import pattern_store
from footcheck.footnotes.book.manifest_files import (
    Manifest,
    chapter_path,
    existing_files,
    load_yaml,
    read_text,
)


def mdbook(book_toml: str) -> Manifest | None:
    """The book a `book.toml` configures, from `<src>/SUMMARY.md`."""
    text = read_text(book_toml)
    if text is None:
        return None
    try:
        config = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    folder = os.path.dirname(book_toml)
    book = config.get("book", {})
    src = book.get("src", "src") if isinstance(book, dict) else None
    root = chapter_path(src, folder, folder)
    if root is None:
        return None
    return _from_summary("mdbook", os.path.join(root, "SUMMARY.md"), root)


def gitbook_config(gitbook_yaml: str) -> Manifest | None:
    """The book a `.gitbook.yaml` configures: its `root`, and its summary under that root."""
    config = load_yaml(gitbook_yaml)
    if config is None:
        return None
    folder = os.path.dirname(gitbook_yaml)
    root = chapter_path(config.get("root", "./"), folder, folder)
    structure = config.get("structure") or {}
    if root is None or not isinstance(structure, dict):
        return None
    summary = chapter_path(structure.get("summary", "SUMMARY.md"), root, root)
    return None if summary is None else _from_summary("gitbook", summary, root)


def gitbook_legacy(book_json: str) -> Manifest | None:
    """The book a legacy GitBook `book.json` moves to its `"root"` folder (None without one)."""
    text = read_text(book_json)
    if text is None:
        return None
    try:
        config = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(config, dict) or "root" not in config:
        return None
    folder = os.path.dirname(book_json)
    root = chapter_path(config["root"], folder, folder)
    return (
        None if root is None else _from_summary("gitbook", os.path.join(root, "SUMMARY.md"), root)
    )


def gitbook(summary: str) -> Manifest | None:
    """A SUMMARY.md that no configuration places: GitBook's default, the book's root."""
    return _from_summary("gitbook", summary, os.path.dirname(summary))


def _from_summary(kind: str, summary: str, root: str) -> Manifest | None:
    text = read_text(summary)
    if text is None:
        return None
    base = os.path.dirname(summary)
    chapters = existing_files(chapter_path(href, base, root, link=True) for href in links(text))
    if not chapters:
        return None
    # mdBook, GitBook and HonKit render each chapter as its own HTML page.
    return Manifest(kind, summary, root, chapters, merged=False)


def links(text: str) -> list[str]:
    """The chapter links of a SUMMARY.md, in order, as written (a draft's is "").

    A table of contents of plain list items and links (nearly all of them) is read
    line by line; one with code, HTML, escapes or reference links goes through
    markdown-it, as mdBook reads it.
    """
    if _PLAIN_SUMMARY.search(text) is None:
        return _plain_links(text)
    return _commonmark_links(text)


# What only a CommonMark parser reads right: code, HTML and comments, escapes,
# reference links and their definitions, link titles, indented code.
_PLAIN_SUMMARY = pattern_store.compile(
    r"[`<\\~]|\]\[|^\s*\[[^\]]*\]:|\]\([^)]*[\s(]|^ {4,}[^ \-*+]|\t", re.M
)
_ITEM = pattern_store.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_LINK = pattern_store.compile(r"\[[^\]]*\]\(([^)]*)\)")


def _plain_links(text: str) -> list[str]:
    """The links of a table of contents with nothing a line cannot show: the first of
    each list item, every one outside lists, none in headings."""
    found: list[str] = []
    item_linked = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            item_linked = False
            continue
        item = _ITEM.match(line) is not None
        if item:
            item_linked = False
        elif not line[:1].isspace():
            item_linked = False  # a paragraph of its own: outside any list item
        for match in _LINK.finditer(line):
            in_item = item or line[:1].isspace()
            if in_item and item_linked:
                break
            found.append(match.group(1))
            if in_item:
                item_linked = True
    return found


def _commonmark_links(text: str) -> list[str]:
    from markdown_it import MarkdownIt

    found: list[str] = []
    item_linked: list[bool] = []  # for each open list item: has it had its link?
    in_heading = False
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "list_item_open":
            item_linked.append(False)
        elif token.type == "list_item_close":
            item_linked.pop()
        elif token.type in ("heading_open", "heading_close"):
            in_heading = token.type == "heading_open"
        elif token.type == "inline" and not in_heading:
            for child in token.children or ():
                if child.type != "link_open" or (item_linked and item_linked[-1]):
                    continue
                found.append(str(child.attrGet("href") or ""))
                if item_linked:
                    item_linked[-1] = True
    return found
