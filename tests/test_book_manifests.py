"""A book's chapter order from its own table of contents (footnotes/book/manifests.py).

Each kind of manifest is written here as its tool documents it (mdBook's and GitBook's
SUMMARY.md, bookdown's `_bookdown.yml`, Quarto's `_quarto.yml`, an unpacked EPUB's
container and package file), and each test asserts the whole chapter list: what is
in it, in which order, and what was dropped (drafts, missing files, paths that leave
the book). Hostile and malformed manifests give no manifest, never an exception.
"""

from __future__ import annotations

import os
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcheck.footnotes.book.manifest_files import MAX_MANIFEST_BYTES, chapter_path
from footcheck.footnotes.book.manifests import (
    Manifest,
    book_order,
    find_manifests,
    manifest_for,
)

CHAPTER = "# A chapter\n\nText.\n"


def _write(root: Path, files: dict[str, str | bytes | None]) -> None:
    """Write each file under `root`; None is a chapter with some text."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content if content is not None else CHAPTER))


def _chapters(manifest: Manifest, root: Path) -> list[str]:
    return [os.path.relpath(path, root) for path in manifest.chapters]


def _only(folder: Path) -> Manifest:
    manifests = find_manifests([str(folder)])
    assert len(manifests) == 1, manifests
    return manifests[0]


# --- mdBook ---------------------------------------------------------------------------

MDBOOK_SUMMARY = """\
    # Summary

    [Preface](preface.md)

    # Part One

    - [Getting started](start.md)
      - [Installing](start/install.md)
        - [On Windows](start/windows.md)
    - [Still to write]()
    <!-- - [Cut chapter](cut.md) -->
    - [The middle](./middle.md#first-section), with [an aside](aside.md)

    ---

    # Part Two

    * [With a space](with%20space.md)
    - [Missing](missing.md)

    [Appendix](appendix.md)
    [Code spans are not links: `[x](cut.md)`](afterword.md)
    """


def test_mdbook_summary_gives_prefix_parts_nested_and_suffix_chapters_in_order(
    tmp_path: Path,
) -> None:
    _write(
        tmp_path / "guide",
        {
            "book.toml": '[book]\ntitle = "A guide"\nsrc = "text"\n',
            "text/SUMMARY.md": MDBOOK_SUMMARY,
            **{
                f"text/{name}": None
                for name in (
                    "preface.md",
                    "start.md",
                    "start/install.md",
                    "start/windows.md",
                    "cut.md",
                    "middle.md",
                    "aside.md",
                    "with space.md",
                    "appendix.md",
                    "afterword.md",
                )
            },
        },
    )
    manifest = _only(tmp_path)
    assert manifest.kind == "mdbook"
    assert manifest.path == str(tmp_path / "guide/text/SUMMARY.md")
    assert manifest.root == str(tmp_path / "guide/text")
    assert manifest.merged is False
    # The draft has no file, the commented-out chapter and the one in a code span are
    # not chapters, nor is a second link in an item; the missing one is dropped, and
    # the anchor is the file itself.
    assert _chapters(manifest, tmp_path / "guide/text") == [
        "preface.md",
        "start.md",
        "start/install.md",
        "start/windows.md",
        "middle.md",
        "with space.md",
        "appendix.md",
        "afterword.md",
    ]


def test_mdbook_src_defaults_to_src(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {"book.toml": "[book]\n", "src/SUMMARY.md": "- [One](one.md)\n", "src/one.md": None},
    )
    manifest = _only(tmp_path)
    assert (manifest.kind, manifest.root) == ("mdbook", str(tmp_path / "src"))
    assert manifest.chapters == (str(tmp_path / "src/one.md"),)


@pytest.mark.parametrize(
    "book_toml", ['[book]\nsrc = "../outside"\n', '[book]\nsrc = "/etc"\n', "[book\nsrc = "]
)
def test_mdbook_config_that_leaves_the_book_or_is_malformed_gives_no_mdbook(
    tmp_path: Path, book_toml: str
) -> None:
    _write(
        tmp_path,
        {
            "book/book.toml": book_toml,
            "outside/SUMMARY.md": "- [Secret](secret.md)\n",
            "outside/secret.md": None,
        },
    )
    manifests = find_manifests([str(tmp_path / "book")])
    assert manifests == []


# --- GitBook --------------------------------------------------------------------------

GITBOOK_SUMMARY = """\
    # Summary

    * [Introduction](README.md)

    ## Part I: the [first](ignored.md) part

    * [Writing](part1/README.md)
        * [Style](part1/README.md#style)
        * [Sources](part1/sources.md)
    * [Sources again](part1/sources.md#more)

    ## Notes

    * [All the notes](notes/README.md)
    """


def test_gitbook_summary_keeps_each_file_once_and_ignores_part_headings(
    tmp_path: Path,
) -> None:
    _write(
        tmp_path,
        {
            "SUMMARY.md": GITBOOK_SUMMARY,
            "README.md": None,
            "ignored.md": None,
            "part1/README.md": None,
            "part1/sources.md": None,
            "notes/README.md": None,
        },
    )
    manifest = _only(tmp_path)
    assert (manifest.kind, manifest.root, manifest.merged) == ("gitbook", str(tmp_path), False)
    assert _chapters(manifest, tmp_path) == [
        "README.md",
        "part1/README.md",
        "part1/sources.md",
        "notes/README.md",
    ]


def test_gitbook_yaml_moves_the_root_and_the_summary(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            ".gitbook.yaml": "root: ./docs/\nstructure:\n  readme: README.md\n"
            "  summary: ./product/SUMMARY.md\n",
            "docs/product/SUMMARY.md": "* [Two](two.md)\n* [One](../one.md)\n",
            "docs/product/two.md": None,
            "docs/one.md": None,
            # A SUMMARY.md the configuration does not name is not this book's.
            "SUMMARY.md": "* [Stray](stray.md)\n",
            "stray.md": None,
        },
    )
    manifests = find_manifests([str(tmp_path)])
    by_path = {os.path.relpath(m.path, tmp_path): m for m in manifests}
    configured = by_path["docs/product/SUMMARY.md"]
    assert configured.root == str(tmp_path / "docs")
    assert _chapters(configured, tmp_path) == ["docs/product/two.md", "docs/one.md"]
    # The product summary is read once, through the configuration.
    assert sorted(by_path) == ["SUMMARY.md", "docs/product/SUMMARY.md"]


def test_gitbook_yaml_root_cannot_climb_out(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "book/.gitbook.yaml": "root: ../\n",
            "SUMMARY.md": "* [Secret](secret.md)\n",
            "secret.md": None,
        },
    )
    assert find_manifests([str(tmp_path / "book")]) == []


def test_legacy_book_json_root(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "book.json": '{"title": "Old", "root": "./content"}',
            "content/SUMMARY.md": "* [B](b.md)\n* [A](a.md)\n",
            "content/a.md": None,
            "content/b.md": None,
        },
    )
    manifest = _only(tmp_path)
    assert manifest.root == str(tmp_path / "content")
    assert _chapters(manifest, tmp_path / "content") == ["b.md", "a.md"]


# --- bookdown -------------------------------------------------------------------------

RMD_FILES = ("02-methods.Rmd", "01-intro.Rmd", "index.Rmd", "_setup.Rmd", "10-end.Rmd")


def test_bookdown_default_order_index_first_then_by_name(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "_bookdown.yml": 'book_filename: "whole-book"\nnew_session: yes\n',
            "whole-book.Rmd": None,  # bookdown's merged file, left from a build
            "notes.md": None,
            "sub/99-nested.Rmd": None,
            **dict.fromkeys(RMD_FILES),
        },
    )
    manifest = _only(tmp_path)
    # Knit and Merge still renders one merged Markdown file: labels are shared.
    assert (manifest.kind, manifest.merged) == ("bookdown", True)
    assert _chapters(manifest, tmp_path) == [
        "index.Rmd",
        "01-intro.Rmd",
        "02-methods.Rmd",
        "10-end.Rmd",
    ]


def test_bookdown_empty_config_is_the_default_order(tmp_path: Path) -> None:
    _write(tmp_path, {"_bookdown.yml": "", "b.Rmd": None, "a.Rmd": None})
    assert _chapters(_only(tmp_path), tmp_path) == ["a.Rmd", "b.Rmd"]


@pytest.mark.parametrize(
    "config",
    [
        "rmd_files: [10-end.Rmd, 01-intro.Rmd, index.Rmd, _setup.Rmd]\n",
        "rmd_files:\n  latex: [01-intro.Rmd]\n  html: [10-end.Rmd, ./01-intro.Rmd, index.Rmd]\n",
        "rmd_files:\n  epub: [10-end.Rmd, 01-intro.Rmd, index.Rmd]\n  latex: [01-intro.Rmd]\n",
    ],
    ids=["list", "html-list", "first-list"],
)
def test_bookdown_rmd_files(tmp_path: Path, config: str) -> None:
    _write(tmp_path, {"_bookdown.yml": config, **dict.fromkeys(RMD_FILES)})
    assert _chapters(_only(tmp_path), tmp_path) == ["index.Rmd", "10-end.Rmd", "01-intro.Rmd"]


def test_bookdown_rmd_subdir_adds_subfolder_files_after_the_others(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "_bookdown.yml": "rmd_subdir: true\n",
            "index.Rmd": None,
            "b.Rmd": None,
            "part2/a.Rmd": None,
            "part1/c.Rmd": None,
            ".hidden/x.Rmd": None,
        },
    )
    assert _chapters(_only(tmp_path), tmp_path) == [
        "index.Rmd",
        "b.Rmd",
        "part1/c.Rmd",
        "part2/a.Rmd",
    ]


# --- Quarto ---------------------------------------------------------------------------

QUARTO = """\
    project:
      type: book
    book:
      title: "A report"
      chapters:
        - index.qmd
        - part: "Background"
          chapters:
            - history.qmd
            - href: context/today.qmd
              text: Today
        - part: findings.qmd
          chapters: [results.qmd, http://example.org/elsewhere.qmd]
        - missing.qmd
      appendices:
        - notes.qmd
    """


def test_quarto_chapters_parts_and_appendices(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "_quarto.yml": QUARTO,
            **dict.fromkeys(
                ("notes.qmd", "results.qmd", "findings.qmd", "context/today.qmd"),
            ),
            "history.qmd": None,
            "index.qmd": None,
        },
    )
    manifest = _only(tmp_path)
    assert (manifest.kind, manifest.merged) == ("quarto", False)
    assert _chapters(manifest, tmp_path) == [
        "index.qmd",
        "history.qmd",
        "context/today.qmd",
        "findings.qmd",
        "results.qmd",
        "notes.qmd",
    ]


def test_quarto_yaml_spelling_and_non_book_projects(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "book/_quarto.yaml": "project: {type: book}\nbook: {chapters: [b.qmd, a.qmd]}\n",
            "book/a.qmd": None,
            "book/b.qmd": None,
            "site/_quarto.yml": "project: {type: website}\nbook: {chapters: [a.qmd]}\n",
            "site/a.qmd": None,
        },
    )
    manifest = _only(tmp_path)
    assert _chapters(manifest, tmp_path) == ["book/b.qmd", "book/a.qmd"]


# --- EPUB -----------------------------------------------------------------------------

CONTAINER = """\
    <?xml version="1.0" encoding="UTF-8"?>
    <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
      <rootfiles>
        <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
      </rootfiles>
    </container>
    """

PACKAGE = """\
    <?xml version="1.0" encoding="UTF-8"?>
    <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
      <manifest>
        <item id="notes" href="text/end%20notes.xhtml" media-type="application/xhtml+xml"/>
        <item id="c2" href="text/chapter-2.xhtml" media-type="application/xhtml+xml"/>
        <item id="c1" href="text/chapter-1.xhtml" media-type="application/xhtml+xml"/>
        <item id="css" href="css/book.css" media-type="text/css"/>
        <item id="cover" href="../cover.xhtml" media-type="application/xhtml+xml"/>
        <item id="out" href="../../outside.xhtml" media-type="application/xhtml+xml"/>
      </manifest>
      <spine>
        <itemref idref="cover"/>
        <itemref idref="c1"/>
        <itemref idref="c2"/>
        <itemref idref="out"/>
        <itemref idref="unknown"/>
        <itemref idref="notes" linear="no"/>
      </spine>
    </package>
    """


def test_epub_folder_spine_order_through_the_container(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "outside.xhtml": None,
            "book/META-INF/container.xml": CONTAINER,
            "book/OEBPS/content.opf": PACKAGE,
            "book/OEBPS/text/chapter-1.xhtml": None,
            "book/OEBPS/text/chapter-2.xhtml": None,
            "book/OEBPS/text/end notes.xhtml": None,
            "book/OEBPS/css/book.css": None,
            "book/cover.xhtml": None,
        },
    )
    manifest = _only(tmp_path)
    assert (manifest.kind, manifest.merged) == ("epub-opf", False)
    assert manifest.root == str(tmp_path / "book")
    # The cover is above the package file but inside the EPUB: kept. The item that
    # climbs out of the EPUB is dropped, and so is a spine entry with no item.
    assert _chapters(manifest, tmp_path / "book") == [
        "cover.xhtml",
        "OEBPS/text/chapter-1.xhtml",
        "OEBPS/text/chapter-2.xhtml",
        "OEBPS/text/end notes.xhtml",
    ]


def test_epub_package_without_container_is_bounded_by_its_folder(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "src/epub/content.opf": PACKAGE,
            "src/epub/text/chapter-1.xhtml": None,
            "src/epub/text/chapter-2.xhtml": None,
            "src/cover.xhtml": None,
        },
    )
    assert _chapters(_only(tmp_path), tmp_path / "src/epub") == [
        "text/chapter-1.xhtml",
        "text/chapter-2.xhtml",
    ]


def test_epub_package_entities_are_not_expanded_or_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xhtml"
    secret.write_text(CHAPTER)
    hostile = f"""\
        <?xml version="1.0"?>
        <!DOCTYPE package [
          <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
          <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
          <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
          <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
          <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
          <!ENTITY out SYSTEM "file://{secret}">
        ]>
        <package xmlns="http://www.idpf.org/2007/opf">
          <manifest>
            <item id="x" href="&out;"/><item id="y" href="&e;"/><item id="z" href="ok.xhtml"/>
          </manifest>
          <spine><itemref idref="x"/><itemref idref="y"/><itemref idref="z"/></spine>
        </package>
        """
    _write(tmp_path, {"book/content.opf": hostile, "book/ok.xhtml": None})
    started = time.monotonic()
    manifests = find_manifests([str(tmp_path / "book")])
    assert time.monotonic() - started < 5
    assert [_chapters(m, tmp_path / "book") for m in manifests] in ([], [["ok.xhtml"]])


# --- Hostile, malformed and huge manifests --------------------------------------------


@pytest.mark.parametrize(
    "href",
    [
        "/etc/passwd",
        "../outside.md",
        "inner/../../outside.md",
        "http://example.org/one.md",
        "https:one.md",
        "//example.org/one.md",
        "mailto:editor@example.org",
        "C:/book/one.md",
        "file:///etc/passwd",
    ],
)
def test_chapter_paths_that_leave_the_book_are_dropped(tmp_path: Path, href: str) -> None:
    _write(
        tmp_path,
        {"outside.md": None, "book/SUMMARY.md": f"- [Bad]({href})\n- [Good](one.md)\n"},
    )
    _write(tmp_path / "book", {"one.md": None, "inner/x.md": None})
    manifest = _only(tmp_path / "book")
    assert _chapters(manifest, tmp_path / "book") == ["one.md"]


def test_chapter_path_rules() -> None:
    assert chapter_path("a/../b.md", "/book", "/book") == "/book/b.md"
    assert chapter_path("../b.md", "/book/sub", "/book") == "/book/b.md"
    assert chapter_path("../b.md", "/book", "/book") is None
    assert chapter_path("a%20b.md#part?x", "/book", "/book", link=True) == "/book/a b.md"
    assert chapter_path("a%20b.md", "/book", "/book") == "/book/a%20b.md"
    assert chapter_path("/book/a.md", "/book", "/book") is None
    assert chapter_path("", "/book", "/book") is None
    assert chapter_path(3, "/book", "/book") is None
    assert chapter_path("../bookish/a.md", "/book", "/book") is None


def test_a_chapter_linked_to_a_file_outside_the_folder_searched_is_dropped(
    tmp_path: Path,
) -> None:
    _write(tmp_path, {"private.md": None, "book/SUMMARY.md": "- [A](a.md)\n- [B](b.md)\n"})
    _write(tmp_path / "book", {"a.md": None})
    (tmp_path / "book/b.md").symlink_to(tmp_path / "private.md")
    assert _chapters(_only(tmp_path / "book"), tmp_path / "book") == ["a.md"]
    # From the folder above, the same link stays inside what the run was given.
    assert _chapters(_only(tmp_path), tmp_path / "book") == ["a.md", "b.md"]


MALFORMED = {
    "book.toml": b'[book]\nsrc = "src"\n[book]\n',  # the same table twice
    "_bookdown.yml": b"rmd_files: [a.Rmd\n  - b.Rmd: {\n",
    "_quarto.yml": b"project:\n\ttype: book\n",
    "META-INF/container.xml": b"<container><rootfiles><rootfile full-path=",
    "content.opf": b"\x00\xff\xfe not xml at all",
    ".gitbook.yaml": b"root: [unclosed\n",
    "book.json": b'{"root": ',
    "deep/_quarto.yml": b"[" * 5000,
    "SUMMARY.md": b"\x89PNG\r\n\x1a\n\x00\x00\xff\xd8 binary",
}


def test_malformed_manifests_give_no_manifest(tmp_path: Path) -> None:
    _write(tmp_path, {**MALFORMED, "src/a.md": None, "a.Rmd": None, "a.qmd": None})
    assert find_manifests([str(tmp_path)]) == []


def test_manifests_that_are_not_regular_files_are_skipped_without_blocking(
    tmp_path: Path,
) -> None:
    _write(tmp_path, {"book/a.qmd": None, "book/b.md": None})
    os.mkfifo(tmp_path / "book/_quarto.yml")
    os.mkfifo(tmp_path / "book/SUMMARY.md")
    (tmp_path / "book/_bookdown.yml").symlink_to("/dev/zero")
    started = time.monotonic()
    assert find_manifests([str(tmp_path)]) == []
    assert time.monotonic() - started < 5


def test_huge_manifests_are_skipped_and_large_ones_read_quickly(tmp_path: Path) -> None:
    line = "- [A chapter](one.md)\n"
    _write(
        tmp_path,
        {
            "huge/SUMMARY.md": line * (MAX_MANIFEST_BYTES // len(line) + 1),
            "huge/one.md": None,
            "large/SUMMARY.md": "- [Two](two.md)\n" + line * (MAX_MANIFEST_BYTES // len(line) - 2),
            "large/one.md": None,
            "large/two.md": None,
            # A thousand parts of a thousand chapters, in a few kilobytes.
            "aliases/_quarto.yml": "project: {type: book}\nbook:\n  x: &a {part: P, chapters: ["
            + ", ".join(["one.qmd"] * 1000)
            + "]}\n  chapters: ["
            + ", ".join(["*a"] * 1000)
            + "]\n",
            "aliases/one.qmd": None,
        },
    )
    started = time.monotonic()
    manifests = find_manifests([str(tmp_path)])
    assert time.monotonic() - started < 10
    assert {os.path.relpath(m.path, tmp_path): _chapters(m, tmp_path) for m in manifests} == {
        "large/SUMMARY.md": ["large/two.md", "large/one.md"],
        "aliases/_quarto.yml": ["aliases/one.qmd"],
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(MALFORMED)),
    content=st.binary(max_size=300) | st.text(max_size=300).map(str.encode),
)
def test_any_manifest_content_never_raises(name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _write(Path(folder), {name: content, "a.md": None, "src/a.md": None})
        for manifest in find_manifests([folder]):
            assert all(path.startswith(folder) for path in manifest.chapters)


# --- Several books, and book order ----------------------------------------------------


def test_two_books_in_sibling_folders_are_two_manifests(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "first/SUMMARY.md": "* [Z](z.md)\n* [A](a.md)\n",
            "first/a.md": None,
            "first/z.md": None,
            "second/SUMMARY.md": "* [B](b.md)\n* [Y](y.md)\n",
            "second/b.md": None,
            "second/y.md": None,
            "node_modules/pkg/SUMMARY.md": "* [N](n.md)\n",
            "node_modules/pkg/n.md": None,
            ".hidden/SUMMARY.md": "* [H](h.md)\n",
            ".hidden/h.md": None,
        },
    )
    # A folder named twice, or inside another named, gives each manifest once.
    manifests = find_manifests([str(tmp_path), str(tmp_path / "second"), str(tmp_path)])
    assert [os.path.relpath(m.path, tmp_path) for m in manifests] == [
        "first/SUMMARY.md",
        "second/SUMMARY.md",
    ]
    second = [str(tmp_path / "second" / name) for name in ("y.md", "b.md")]
    assert manifest_for(second, manifests) is manifests[1]
    assert book_order(second, manifests) == second[::-1]
    first = [str(tmp_path / "first" / name) for name in ("a.md", "z.md")]
    assert book_order(first, manifests) == first[::-1]


def test_book_order_puts_unlisted_files_after_in_file_name_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(
        tmp_path,
        {
            "SUMMARY.md": "* [Three](c3.md)\n* [One](c1.md)\n* [Gone](gone.md)\n",
            "c1.md": None,
            "c3.md": None,
        },
    )
    monkeypatch.chdir(tmp_path)
    manifests = find_manifests(["."])
    # Paths as a run names them: relative, with and without "./", in any order.
    paths = ["notes/b.md", "./c1.md", "appendix.md", "c3.md", "notes/a.md"]
    assert book_order(paths, manifests) == [
        "c3.md",
        "./c1.md",
        "appendix.md",
        "notes/a.md",
        "notes/b.md",
    ]
    assert book_order(paths, []) == ["./c1.md", "appendix.md", "c3.md", "notes/a.md", "notes/b.md"]
    assert manifest_for(["appendix.md"], manifests) is None


@pytest.mark.parametrize(
    "text",
    [
        "# Summary\n\n[Intro](intro.md)\n\n- [One](one.md)\n  - [One a](one-a.md)\n"
        "- [Two](two.md) and [not this](x.md)\n\n---\n\n# Part\n\n"
        "- [Draft]()\n\n[Outro](outro.md)\n",
        "* [Introduction](README.md)\n* [Chapter 1](chapter-1/README.md)\n"
        "    * [Section](chapter-1/s.md#anchor)\n* [Notes](notes/README.md)\n",
        "## Part one\n\n1. [First](first.md)\n2. [Second](second.md)\n",
        "- [A](a.md)\n  continued with [B](b.md)\n- [C](c.md)\n",
    ],
)
def test_plain_tables_of_contents_read_as_commonmark_does(text: str) -> None:
    from footcheck.footnotes.book.summary import _commonmark_links, _plain_links

    assert _plain_links(text) == _commonmark_links(text)


def test_the_names_book_root_looks_for_are_the_manifests_read() -> None:
    """roots.py keeps the names only (a run over one file loads no manifest reader):
    they must be the names manifests.py reads, in its order."""
    from footcheck.footnotes.book import manifests, roots

    assert tuple(name for name, _ in manifests._PLACING) == roots.PLACING_NAMES
    assert tuple(name for name, _ in manifests._PROJECTS) == roots.PROJECT_NAMES
    assert manifests.book_root is roots.book_root
