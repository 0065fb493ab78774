"""Quarto's chapter order, from a book project's `_quarto.yml` (or `_quarto.yaml`).

Only a project of `type: book` is a book. Its `book:` mapping lists the chapters,
relative to the project folder:

    project:
      type: book
    book:
      chapters:
        - index.qmd                      a chapter (index.qmd first: the home page)
        - part: "Part One"               a part with a title...
          chapters: [intro.qmd, more.qmd]
        - part: part-two.qmd             ...or with a page of its own, before its chapters
          chapters:
            - href: later.qmd            a chapter given as a link
              text: Later
      appendices: [notes.qmd]            after the chapters

Quarto's HTML book renders each chapter as its own page, so a note label belongs to
its chapter (`merged` is False).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from footcheck.footnotes.book.manifest_files import (
    Manifest,
    chapter_path,
    existing_files,
    load_yaml,
)


def quarto(config_path: str) -> Manifest | None:
    """The book a `_quarto.yml` configures; None for any other project, or an unreadable one."""
    config = load_yaml(config_path)
    if config is None:
        return None
    project, book = config.get("project"), config.get("book")
    if not isinstance(project, dict) or project.get("type") != "book":
        return None
    if not isinstance(book, dict):
        return None
    root = os.path.dirname(config_path)
    entries = [*_as_list(book.get("chapters")), *_as_list(book.get("appendices"))]
    # A part's title is not a file: it falls out with every name that is not one.
    chapters = existing_files(chapter_path(href, root, root) for href in _hrefs(entries))
    return Manifest("quarto", config_path, root, chapters, merged=False) if chapters else None


def _hrefs(entries: list[object]) -> Iterator[object]:
    """Each entry's file as written: a name, a link's `href`, a part's page and chapters."""
    for entry in entries:
        if isinstance(entry, dict):
            if "part" in entry:
                yield entry["part"]
                yield from (_href(chapter) for chapter in _as_list(entry.get("chapters")))
            else:
                yield _href(entry)
        else:
            yield entry


def _href(entry: object) -> object:
    return entry.get("href") if isinstance(entry, dict) else entry


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else []
