"""bookdown's chapter order, from `_bookdown.yml` (bookdown's own `source_files` rules).

- `rmd_files:` lists the chapters: a list, or a mapping from output format to list
  (`html:`, `latex:`...), of which the HTML list is taken, else the first.
- Without it, every `.Rmd` file in the book's folder, in name order.
- `rmd_subdir: true` adds the `.Rmd` files of its subfolders (a list of folder names:
  the files under those folders), after the others.
- Either way, files whose name starts with `_` are left out, and so is the merged file
  bookdown writes (`book_filename`, "_main" by default, with `.Rmd` or `.md`), and
  `index.Rmd` comes first.

The chapters are one document to pandoc, so note labels are shared (`merged`): by
default bookdown merges the chapters' R Markdown into one file and knits it ("Merge
and Knit"); with `new_session: yes` it knits each chapter in its own R session and
then merges their Markdown output and renders that once ("Knit and Merge"; bookdown's
book, "Two rendering approaches"). In both, pandoc sees one merged Markdown file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import islice
from typing import Any

from footcheck.footnotes.book.manifest_files import (
    MAX_CHAPTER_ENTRIES,
    Manifest,
    chapter_path,
    existing_files,
    load_yaml,
)


def bookdown(config_path: str) -> Manifest | None:
    """The book a `_bookdown.yml` configures; None when it cannot be read or lists nothing."""
    config = load_yaml(config_path)
    if config is None:
        return None
    root = os.path.dirname(config_path)
    names = _source_names(config, root)
    chapters = existing_files(chapter_path(name, root, root) for name in names)
    return Manifest("bookdown", config_path, root, chapters, merged=True) if chapters else None


def _source_names(config: dict[str, Any], root: str) -> list[str]:
    """The chapter files, relative to the book's folder, in bookdown's order."""
    own = sorted(name for name in _names_in(root) if _is_rmd(name))
    in_subdirs = [
        name
        for name in islice(_subdir_names(config.get("rmd_subdir"), root), MAX_CHAPTER_ENTRIES)
        if name not in own
    ]
    listed = _listed_names(config.get("rmd_files"))
    names = (own if listed is None else listed) + in_subdirs
    merged_file = config.get("book_filename")
    merged_stem = os.path.splitext(merged_file)[0] if isinstance(merged_file, str) else "_main"
    left_out = {f"{merged_stem}.Rmd", f"{merged_stem}.md"}
    kept: dict[str, None] = {}
    for name in names:
        name = name.removeprefix("./")
        if not os.path.basename(name).startswith("_") and name not in left_out:
            kept[name] = None
    # index.Rmd first, the others in their order (a stable sort).
    return sorted(kept, key=lambda name: os.path.splitext(name)[0] != "index")


def _listed_names(rmd_files: object) -> list[str] | None:
    """`rmd_files` as a list of names; None when it is not given (or empty)."""
    if isinstance(rmd_files, dict):
        rmd_files = rmd_files.get("html", next(iter(rmd_files.values()), None))
    if isinstance(rmd_files, str):
        rmd_files = [rmd_files]
    if not isinstance(rmd_files, list) or not rmd_files:
        return None
    return [name for name in islice(rmd_files, MAX_CHAPTER_ENTRIES) if isinstance(name, str)]


def _subdir_names(subdir: object, root: str) -> Iterator[str]:
    """`rmd_subdir`'s files: all `.Rmd` under the book (true) or under the folders named."""
    if subdir is True:
        yield from sorted(islice(_rmd_under(root, root), MAX_CHAPTER_ENTRIES))
    elif isinstance(subdir, list):
        for name in subdir:
            folder = chapter_path(name, root, root)
            if folder is not None:
                yield from sorted(islice(_rmd_under(folder, root), MAX_CHAPTER_ENTRIES))


def _rmd_under(folder: str, root: str) -> Iterator[str]:
    """The visible `.Rmd` files under `folder`, relative to `root` (R's list.files)."""
    for where, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            if _is_rmd(name) and not name.startswith("."):
                yield os.path.relpath(os.path.join(where, name), root)


def _names_in(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _is_rmd(name: str) -> bool:
    return name.lower().endswith(".rmd")
