"""Books under attack: links and tables of contents written by a hostile or careless hand.

Each attack must give one clear line or nothing: never a traceback, a hang, a cost
that grows with the square of the book, or the text of a file outside the folders
the run was given.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from footcheck import parsers
from footcheck.footnotes.model import PartialDate
from footcheck.footnotes.results import RunResult
from footcheck.footnotes.runner import run
from footcheck.footnotes.settings import Config
from tests.fixtures.make_epub import build_epub, chapter

BOOKS = Path(__file__).parent / "fixtures" / "books"
TODAY = PartialDate(2026, 12, 7)
SECRET = "SECRET-PASSAGE"


def check(*paths: Path | str, **settings: object) -> RunResult:
    config = Config(today=TODAY, **settings)  # type: ignore[arg-type]
    return run([str(p) for p in paths], config, parsers.parse)


@pytest.fixture(autouse=True)
def never_hang() -> Iterator[None]:
    """A run that blocks (on a pipe, a device) fails the test instead of hanging it."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("the run hung")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(120)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def everything_said(result: RunResult) -> str:
    """Every word the run would print about its files."""
    said = []
    for file in result.files:
        said += [file.path, file.error or "", *file.notes_read_from]
        for f in file.findings:
            said += [f.message, f.hint or "", f.note_text or "", f.claim or "", f.path]
            said += [f.related_path or ""]
    return "\n".join(said)


def markdown_chapter(targets: list[str]) -> str:
    """A chapter whose marker n points to the n-th target."""
    claims = " ".join(
        f"Claim {n} of this chapter is made here.<sup>[{n}]({target})</sup>"
        for n, target in enumerate(targets, 1)
    )
    return f"# Chapter\n\n{claims}\n"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A notes file outside the book, whose text must never be printed."""
    folder = tmp_path / "outside"
    folder.mkdir()
    notes = folder / "notes.md"
    notes.write_text(
        "# Notes\n\n"
        + "".join(f'<a id="{n}"></a>{n}. {SECRET} {n}, "Private", May {n}, 2020.\n\n' for n in "12")
        + f"[^9]: {SECRET} unused.\n",
        encoding="utf-8",
    )
    return notes


def test_links_that_climb_out_of_the_book_are_not_followed(tmp_path: Path, secret: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    (book / "inside.md").symlink_to(secret)
    outside = str(secret)
    targets = [
        "../outside/notes.md#1",
        "inside.md#1",
        "..%2foutside%2fnotes.md#1",
        "%2e%2e/outside/notes.md#1",
        "notes.md%00.txt#1",
        "..\\outside\\notes.md#1",
        "C:\\\\outside\\\\notes.md#1",
        f"file://{outside}#1",
        f"{outside}#1",
        f"//localhost{outside}#1",
        "inside.md/../../outside/notes.md#1",
    ]
    (book / "ch.md").write_text(markdown_chapter(targets), encoding="utf-8")
    result = check(book / "ch.md")
    (file,) = result.files
    assert file.error is None
    assert file.notes_read_from == ()
    assert SECRET not in everything_said(result)


def test_special_files_behind_links_are_skipped_without_blocking(tmp_path: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    (book / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(book / "pipe.md")
    (book / "folder.md").mkdir()
    (book / "loop.md").symlink_to("loop.md")
    (book / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    targets = ["zero.md#1", "pipe.md#2", "folder.md#3", "loop.md#4", "dangling.md#5"]
    (book / "ch.md").write_text(markdown_chapter(targets), encoding="utf-8")
    result = check(book / "ch.md")
    (file,) = result.files
    assert file.error is None and file.notes_read_from == ()
    for finding in file.findings:  # a dead link at most, in one short line
        assert finding.code == "FN001" and "\n" not in finding.message


def test_a_very_long_link_is_named_in_one_short_line(tmp_path: Path) -> None:
    long_path = "deep/" * 2000 + "notes.md"
    long_name = "n" * 400 + ".md"
    chapter_file = tmp_path / "ch.md"
    chapter_file.write_text(markdown_chapter([long_path + "#1", long_name + "#2"]), "utf-8")
    result = check(chapter_file)
    (file,) = result.files
    assert file.error is None
    messages = {f.footnote: f.message for f in file.findings if f.code == "FN001"}
    assert set(messages) == {"1", "2"}
    for message in messages.values():
        assert len(message) < 200, message
        assert "which does not exist" in message
    assert "notes.md" in messages["1"]  # the file's own name is kept


def test_chapters_that_link_in_a_cycle_each_say_what_they_lack(tmp_path: Path) -> None:
    for n in (1, 2, 3):
        following = n % 3 + 1
        (tmp_path / f"ch{n}.md").write_text(
            markdown_chapter([f"ch{following}.md#{n}"]).replace("[1]", f"[{n}]"), "utf-8"
        )
    result = check(tmp_path)
    assert not result.failed_files
    assert sorted((Path(f.path).name, f.code, f.footnote) for f in result.findings) == [
        ("ch1.md", "FN001", "1"),
        ("ch2.md", "FN001", "2"),
        ("ch3.md", "FN001", "3"),
    ]
    assert all("which has no note" in f.message for f in result.findings)


def test_a_notes_file_that_cannot_be_read_costs_only_the_link(tmp_path: Path) -> None:
    (tmp_path / "binary.md").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "huge.md").write_text("[^1]: A note.\n" + "x" * 20_000, encoding="utf-8")
    (tmp_path / "broken.xhtml").write_bytes(b"<html><body><ol><li id='n3'>3. \xff\xfe<b>")
    (tmp_path / "empty.md").write_bytes(b"")
    targets = ["binary.md#1", "huge.md#1", "broken.xhtml#n3", "empty.md#4"]
    (tmp_path / "ch.md").write_text(markdown_chapter(targets), encoding="utf-8")
    result = check(tmp_path / "ch.md", max_bytes=10_000)
    (file,) = result.files
    assert file.error is None
    assert "huge.md" not in file.notes_read_from  # over the size limit: not read at all
    for finding in file.findings:
        assert finding.code == "FN001" and finding.footnote != "2"


def test_an_epub_whose_chapters_link_out_of_it_or_to_each_other(tmp_path: Path) -> None:
    first = chapter(
        '<p>The first claim of the book is made here.<a href="../../etc/passwd#1"'
        ' epub:type="noteref">1</a> The second claim is made here too.<a'
        ' href="two.xhtml#n2" epub:type="noteref">2</a></p>'
    )
    second = chapter(
        '<p>A claim that points back to the first chapter.<a href="one.xhtml#n3"'
        ' epub:type="noteref">3</a> And one to itself.<a href="/etc/passwd#4"'
        ' epub:type="noteref">4</a></p>'
    )
    book = build_epub(
        tmp_path / "book.epub", [("OEBPS/one.xhtml", first), ("OEBPS/two.xhtml", second)]
    )
    result = check(book)
    (file,) = result.files
    assert file.error is None
    assert "root:" not in everything_said(result)
    # The links between its chapters resolve there and lack their notes: said once each.
    lacking = sorted((f.path.rsplit(":", 1)[-1], f.footnote) for f in file.findings)
    assert ("OEBPS/one.xhtml", "2") in lacking and ("OEBPS/two.xhtml", "3") in lacking


def test_a_table_of_contents_cannot_lead_outside_or_cost_a_long_time(
    tmp_path: Path, secret: Path
) -> None:
    book = tmp_path / "book"
    book.mkdir()
    (book / "ch1.md").write_text(markdown_chapter(["notes.md#1"]), encoding="utf-8")
    entries = [f"- [Outside](../outside/notes.md)\n- [Abs]({secret})\n"]
    # As many entries as fit the size a manifest is read within (1 MB): 60,000.
    entries += [f"- [C](c{n}.md)\n" for n in range(1, 60_001)]
    (book / "SUMMARY.md").write_text("# Summary\n\n" + "".join(entries), encoding="utf-8")
    (book / "_quarto.yml").write_text(
        "project:\n  type: book\nbook:\n  chapters:\n    - ../outside/notes.md\n    - "
        + str(secret)
        + "\n    - ch1.md\n",
        encoding="utf-8",
    )
    started = time.perf_counter()
    result = check(book)
    assert time.perf_counter() - started < 10
    assert SECRET not in everything_said(result)
    assert not [f for f in result.files if f.error and "ch1" in f.path]


def _chapters(folder: Path, count: int, link: str | None) -> None:
    folder.mkdir()
    for n in range(count):
        target = f"<sup>[1]({link.format(n=n)})</sup>" if link else "[^1]"
        note = "" if link else f"\n[^1]: Harbour Authority, notice {n}, June 3, 2022.\n"
        (folder / f"part-{n}.md").write_text(
            f"# Part {n}\n\nThe port reopened in June after a long closure.{target}\n{note}",
            encoding="utf-8",
        )


def _seconds(folder: Path, **settings: object) -> float:
    started = time.perf_counter()
    check(folder, **settings)
    return time.perf_counter() - started


@pytest.mark.parametrize("link", [None, "gone-{n}.md#1"], ids=["no-links", "dead-links"])
def test_the_book_pass_stays_linear_over_two_thousand_files(
    tmp_path: Path, link: str | None
) -> None:
    """Two thousand files, with no links or each with its own dead link: the book pass
    must cost little beside checking them (before: 24 s against 0.9 s for dead links,
    every dead link comparing itself with every file of its folder)."""
    _chapters(tmp_path / "book", 2000, link)
    alone = _seconds(tmp_path / "book", books_on=False)
    together = _seconds(tmp_path / "book")
    assert together < 2 * alone + 1.0, (together, alone)


def test_a_warm_run_sees_a_changed_notes_file_read_for_its_notes(tmp_path: Path) -> None:
    (tmp_path / "ch.md").write_text(markdown_chapter(["notes.md#1", "notes.md#2"]), "utf-8")
    notes = tmp_path / "notes.md"
    notes.write_text('# Notes\n\n<a id="1"></a>1. A first source, 2001.\n\n', "utf-8")
    cache = str(tmp_path / "cache")
    cold = check(tmp_path / "ch.md", cache_dir=cache)
    assert [(f.code, f.footnote) for f in cold.findings] == [("FN001", "2")]
    notes.write_text(
        '# Notes\n\n<a id="1"></a>1. A first source, 2001.\n\n'
        '<a id="2"></a>2. A second source, 2002.\n\n',
        "utf-8",
    )
    warm = check(tmp_path / "ch.md", cache_dir=cache)
    assert warm.findings == ()
    assert warm.files[0].notes_read_from == ("notes.md",)


def test_a_full_citation_again_in_a_chapter_of_its_own_numbering_is_no_repeat(
    tmp_path: Path,
) -> None:
    source = 'Harbour Authority, "Annual Report for 2021," March 3, 2022, 14.'
    for n in (1, 2):
        (tmp_path / f"chapter-{n}.md").write_text(
            f"# Chapter {n}\n\nThe harbour grew in the year the report covers.[^1]\n\n"
            f"[^1]: {source}\n",
            encoding="utf-8",
        )
    (tmp_path / "SUMMARY.md").write_text(
        "# Summary\n\n- [One](chapter-1.md)\n- [Two](chapter-2.md)\n", encoding="utf-8"
    )
    result = check(tmp_path)
    assert [f for f in result.findings if f.code == "CT001"] == []


# --- false alarms an editor would see ------------------------------------------------

_SOURCES = (
    'Tom Reed, "Ministry denies grain deal," Harbour Times, August 22, 2013.',
    'Port Authority of Veldsk, "Reform Statements, Collected Edition," January 15, 2014.',
    'Ana Ruiz, "Quay sold to unnamed buyer," Veldsk Courier, May 17, 2013.',
    'Harbour Commission of Veldsk, "Statement of Accounts," June 10, 2013.',
)


def _report(path: Path, sources: list[str] | tuple[str, ...]) -> None:
    claims = "".join(
        f"Claim number {n} of the report is made here.[^{n}]\n" for n in range(1, len(sources) + 1)
    )
    notes = "".join(f"[^{n}]: {source}\n\n" for n, source in enumerate(sources, 1))
    path.write_text(f"# Report\n\n{claims}\n{notes}", encoding="utf-8")


def test_a_date_corrected_in_a_later_draft_is_no_inconsistency(tmp_path: Path) -> None:
    """report-v2 corrects a date of report-v1: the two share their other sources, dates
    and all, so they are versions of one report, not two reports that disagree."""
    _report(tmp_path / "report-v1.md", _SOURCES)
    _report(tmp_path / "report-v2.md", [_SOURCES[0].replace("22", "23"), *_SOURCES[1:]])
    assert [f for f in check(tmp_path).findings if f.code == "CT003"] == []


def test_two_reports_of_a_folder_that_date_one_source_apart_still_disagree(
    tmp_path: Path,
) -> None:
    _report(tmp_path / "harbour.md", _SOURCES[:2])
    _report(tmp_path / "quay.md", [_SOURCES[0].replace("22", "23"), *_SOURCES[2:]])
    (finding,) = [f for f in check(tmp_path).findings if f.code == "CT003"]
    assert Path(finding.path).name == "quay.md"
    assert finding.related_path is not None and Path(finding.related_path).name == "harbour.md"


def _endnotes_by_chapter(folder: Path, *, backlinks: bool) -> None:
    """Two chapters whose notes each start at 1, and one endnotes file holding both
    chapters' notes under a heading each (a trade book's back matter)."""
    claims = {
        1: ("The harbour closed in the winter of that year.", "It reopened in the spring."),
        2: ("The quay was sold within a year of it.", "The buyers were never named."),
    }
    sources = {
        1: ('Harbour Authority, "Notice of Closure," December 1, 2021.', "Ibid., 2."),
        2: ('Veldsk Courier, "Quay Sold," May 17, 2023.', "Ibid., 4."),
    }
    sections = []
    for c in (1, 2):
        text = "".join(
            f'<p>{claim}<a href="endnotes.xhtml#c{c}-n{n}" id="c{c}-r{n}"'
            f' epub:type="noteref">{n}</a></p>'
            for n, claim in enumerate(claims[c], 1)
        )
        (folder / f"chapter-{c}.xhtml").write_text(chapter(text, f"Chapter {c}"), "utf-8")
        items = "".join(
            f'<li id="c{c}-n{n}" epub:type="endnote"><p>{source}'
            + (
                f' <a href="chapter-{c}.xhtml#c{c}-r{n}" epub:type="backlink">↩</a>'
                if backlinks
                else ""
            )
            + "</p></li>"
            for n, source in enumerate(sources[c], 1)
        )
        sections.append(f"<section><h3>Chapter {c}</h3><ol>{items}</ol></section>")
    notes = f'<section epub:type="endnotes"><h2>Notes</h2>{"".join(sections)}</section>'
    (folder / "endnotes.xhtml").write_text(chapter(notes, "Notes"), "utf-8")


@pytest.mark.parametrize("backlinks", [True, False], ids=["with-backlinks", "without"])
def test_an_endnotes_file_numbered_again_for_each_chapter_is_all_cited(
    tmp_path: Path, backlinks: bool
) -> None:
    _endnotes_by_chapter(tmp_path, backlinks=backlinks)
    result = check(tmp_path)
    assert [(Path(f.path).name, f.code, f.footnote) for f in result.findings] == []


def test_a_chapter_opening_with_an_earlier_note_cited_again_continues_the_numbering(
    tmp_path: Path,
) -> None:
    shutil.copytree(BOOKS / "xhtml", tmp_path / "book")
    third = tmp_path / "book" / "chapter-3.xhtml"
    lines = third.read_text(encoding="utf-8").split("\n")
    opening = next(i for i, line in enumerate(lines) if "noteref-10" in line)
    again = (
        '<p>As the commission found.<a href="endnotes.xhtml#note-4" id="noteref-4-2" '
        'epub:type="noteref">4</a></p>'
    )
    lines.insert(opening, again)  # Standard Ebooks' noteref-4-2, opening the chapter
    third.write_text("\n".join(lines), encoding="utf-8")
    order = [f for f in check(tmp_path / "book").findings if f.code == "FN004"]
    # Only the planted fault stays: 9 is skipped between chapter 2 and chapter 3.
    assert [(Path(f.path).name, f.footnote) for f in order] == [("chapter-3.xhtml", "10")]
    alone = [f for f in check(third).findings if f.code == "FN004"]
    assert alone == []  # read on its own, [4] is not where the chapter starts


def test_a_gitbook_chapter_checked_alone_reads_the_book_notes_chapter() -> None:
    result = check(BOOKS / "gitbook" / "chapter-2" / "README.md")
    (file,) = result.files
    assert file.notes_read_from == ("../notes/README.md",)
    assert [(f.code, f.footnote) for f in result.findings] == [("FN001", "9")]


def test_a_backslash_in_a_link_is_a_slash_as_browsers_read_it(tmp_path: Path, secret: Path) -> None:
    book = tmp_path / "book"
    (book / "notes").mkdir(parents=True)
    (book / "notes" / "endnotes.md").write_text(
        '# Notes\n\n<a id="1"></a>1. Harbour Authority, notice, June 3, 2022.\n\n'
        '<a id="2"></a>2. Harbour Authority, notice, June 9, 2022.\n',
        encoding="utf-8",
    )
    targets = ["notes\\endnotes.md#1", "notes%5Cendnotes.md#2", "..\\outside\\notes.md#1"]
    targets += ["\\outside\\notes.md#1", "%2Foutside%2Fnotes.md#1", "C%3A%5Coutside.md#1"]
    (book / "ch.md").write_text(markdown_chapter(targets), encoding="utf-8")
    result = check(book / "ch.md")
    (file,) = result.files
    assert file.error is None
    # The two links into the book resolve; those that leave it (or start from the
    # site's root, or a drive) are not followed: nothing is said of them.
    assert file.findings == ()
    assert file.notes_read_from == ("notes%5Cendnotes.md", "notes\\endnotes.md")


def test_a_link_to_a_page_made_from_a_source_footcheck_does_not_read_is_left_alone(
    tmp_path: Path,
) -> None:
    """A Quarto or bookdown book mixes Markdown chapters with .qmd/.Rmd ones: a link to
    the page one of those makes is not dead, only not footcheck's to follow."""
    for source in ("notes.qmd", "appendix.Rmd", "data.ipynb"):
        (tmp_path / source).write_text("1. A note.\n", encoding="utf-8")
    targets = ["notes.html#1", "appendix.html#2", "data.html#3", "gone.html#4"]
    (tmp_path / "ch.md").write_text(markdown_chapter(targets), encoding="utf-8")
    result = check(tmp_path / "ch.md")
    assert [(f.code, f.footnote) for f in result.findings] == [("FN001", "4")]
