"""Books: notes that live in another file, checked across the files of a run.

The fixture books under tests/fixtures/books/ each carry an EXPECTED.json: every
finding a whole-book check must give (and no other), and the traps that must give
none. The rest checks the parts one at a time: links followed safely, a chapter
checked alone, the configuration's books, --no-book, the cache and workers.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from footcheck import parsers
from footcheck.footnotes.files import discover
from footcheck.footnotes.model import PartialDate
from footcheck.footnotes.results import RunResult
from footcheck.footnotes.runner import run
from footcheck.footnotes.settings import CommandLine, Config, resolve
from footcheck.footnotes.settings.validate import load_config
from tests.fixtures.make_epub import pack_folder

BOOKS = Path(__file__).parent / "fixtures" / "books"
TODAY = PartialDate(2026, 12, 7)


def check(*paths: Path | str, **settings: object) -> RunResult:
    config = Config(today=TODAY, **settings)  # type: ignore[arg-type]
    return run([str(p) for p in paths], config, parsers.parse)


def found(result: RunResult, base: Path) -> list[tuple[str, int, str, str | None]]:
    return sorted(
        (os.path.relpath(f.path, base), f.location.line, f.code, f.footnote)
        for f in result.findings
    )


@pytest.mark.parametrize("name", ["xhtml", "mdbook", "gitbook", "orphan"])
def test_each_fixture_book_gives_exactly_its_expected_findings(name: str) -> None:
    book = BOOKS / name
    expected = json.loads((book / "EXPECTED.json").read_text(encoding="utf-8"))
    result = check(book)
    assert not result.failed_files
    assert found(result, book) == sorted(
        (f["path"], f["line"], f["code"], f["footnote"]) for f in expected["findings"]
    )
    related = {
        (os.path.relpath(f.path, book), f.location.line): (f.related_path, f.related_line)
        for f in result.findings
    }
    for f in expected["findings"]:
        if f.get("related_path"):
            path, line = related[(f["path"], f["line"])]
            assert path is not None and os.path.relpath(path, book) == f["related_path"]
            assert line == f["related_line"]
    lines = {(p, line) for p, line, _, _ in found(result, book)}
    for trap in expected["traps"]:
        assert (trap["path"], trap["line"]) not in lines, trap["why"]


def test_a_chapter_checked_alone_reads_its_notes_file_for_its_notes_only() -> None:
    result = check(BOOKS / "xhtml" / "chapter-3.xhtml")
    (file,) = result.files
    assert file.notes_read_from == ("endnotes.xhtml",)
    # Note 13 is not in the endnotes file; 10-12 are. Nothing about the endnotes
    # file itself is reported: it was not named.
    assert [(f.code, f.footnote) for f in result.findings] == [("FN001", "13")]
    assert "which has no note [13]" in result.findings[0].message


def test_no_book_checks_every_file_alone() -> None:
    result = check(BOOKS / "xhtml", books_on=False)
    codes = {(Path(f.path).name, f.code, f.footnote) for f in result.findings}
    # No link is followed: no dead link, no book numbering, no cross-file unused note.
    assert ("chapter-2.xhtml", "FN001", "6") not in codes
    assert ("chapter-3.xhtml", "FN004", "10") not in codes
    assert not any(code == "FN002" for _, code, _ in codes)
    assert all(not f.notes_read_from for f in result.files)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


CHAPTER = '<p>The quay was rebuilt in 1911.<sup><a href="{href}">1</a></sup></p>\n'
NOTES = (
    '<section role="doc-endnotes"><ol><li id="n1"><p>Harbour board minutes, 1912.</p></li>'
    "</ol></section>\n"
)


@pytest.mark.parametrize(
    "href",
    [
        "/etc/passwd#n1",
        "../secret/notes.html#n1",
        "../../elsewhere/none.html#n1",
        "https://example.org/notes.html#n1",
        "file:///etc/passwd",
        "notes.bib#n1",
    ],
)
def test_links_out_of_the_book_are_not_followed(tmp_path: Path, href: str) -> None:
    _write(tmp_path / "secret" / "notes.html", NOTES)
    chapter = _write(tmp_path / "book" / "chapter.html", CHAPTER.format(href=href))
    result = check(chapter)
    assert [f.code for f in result.findings if f.code in ("FN001", "FN002")] == []
    assert result.files[0].notes_read_from == ()


def test_a_dead_link_is_a_missing_note(tmp_path: Path) -> None:
    chapter = _write(tmp_path / "chapter.html", CHAPTER.format(href="endnotes.html#n1"))
    (finding,) = [f for f in check(chapter).findings if f.code == "FN001"]
    assert finding.message.startswith("marker [1] points to endnotes.html, which does not exist")


def test_a_page_link_leads_to_its_markdown_source(tmp_path: Path) -> None:
    _write(tmp_path / "notes" / "README.md", "# Notes\n\n1. Harbour board minutes, 1912.\n")
    chapter = _write(
        tmp_path / "chapter-1" / "README.md",
        "The quay was rebuilt in 1911.<sup>[1](../notes/README.html)</sup>\n",
    )
    result = check(tmp_path)
    assert [(f.code, f.footnote) for f in result.findings if f.severity.rank > 0] == []
    # Checked alone, the chapter's folder is the book's: ../notes is not read.
    alone = check(chapter)
    assert alone.files[0].notes_read_from == ()
    assert [f.code for f in alone.findings if f.code == "FN001"] == []


def test_a_notes_file_saved_under_a_longer_name_is_found(tmp_path: Path) -> None:
    _write(tmp_path / "book-chapter-1.html", CHAPTER.format(href="endnotes.html#n1"))
    _write(tmp_path / "book-endnotes.html", NOTES)
    result = check(tmp_path)
    assert [f.code for f in result.findings if f.code.startswith("FN")] == []


def test_a_chapter_alone_finds_its_notes_file_saved_under_a_longer_name(tmp_path: Path) -> None:
    chapter = _write(tmp_path / "book-chapter-1.html", CHAPTER.format(href="endnotes.html#n1"))
    _write(tmp_path / "book-endnotes.html", NOTES)
    result = check(chapter)
    assert [f.code for f in result.findings if f.code.startswith("FN")] == []
    assert result.files[0].notes_read_from == ("endnotes.html",)
    _write(tmp_path / "old-endnotes.html", NOTES)  # two candidates: neither is taken
    assert [f.code for f in check(chapter).findings if f.code.startswith("FN")] == ["FN001"]


def test_a_notes_file_that_a_chapter_cites_has_no_unused_notes(tmp_path: Path) -> None:
    _write(tmp_path / "chapter.html", CHAPTER.format(href="notes.html#n1"))
    _write(
        tmp_path / "notes.html",
        NOTES.replace("</ol>", "<li id='n2'><p>Tide table, 1913.</p></li></ol>"),
    )
    result = check(tmp_path)
    assert [
        (Path(f.path).name, f.code, f.footnote) for f in result.findings if f.code.startswith("FN")
    ] == [("notes.html", "FN002", "2")]
    notes_alone = check(tmp_path / "notes.html")
    assert [(f.code, f.footnote) for f in notes_alone.findings if f.code.startswith("FN")] == [
        ("FN006", None)
    ]


def test_configured_merged_book_shares_labels_across_chapters(tmp_path: Path) -> None:
    _write(
        tmp_path / "ch1.md", "Quays were rebuilt in 1911.[^quay]\n\n[^quay]: Board minutes, 1912.\n"
    )
    _write(
        tmp_path / "ch2.md",
        "The same quays flooded in 1913.[^quay] Tides rose.[^tide]\n\n"
        "[^tide]: Tide table, 1913.\n\n[^quay]: Harbour survey, 1914.\n",
    )
    config = _write(
        tmp_path / ".footcheck.toml",
        'books = [{name = "Harbour", files = ["ch1.md", "ch2.md"], merged = true}]\n',
    )
    settings = resolve(load_config(config), CommandLine())
    from dataclasses import replace

    result = run([str(tmp_path)], replace(settings, today=TODAY, cache_dir=None), parsers.parse)
    codes = [
        (Path(f.path).name, f.code, f.footnote) for f in result.findings if f.code.startswith("FN")
    ]
    assert codes == [("ch2.md", "FN003", "quay")]
    (dup,) = [f for f in result.findings if f.code == "FN003"]
    assert dup.related_path is not None and dup.related_path.endswith("ch1.md")


def test_cross_file_repeat_and_date_slip_name_both_places(tmp_path: Path) -> None:
    _write(
        tmp_path / "one.md",
        'Grain left in August 2013.[^1]\n\n[^1]: Tom Reed, "Ministry denies grain deal," '
        "Harbour Times, August 22, 2013.\n",
    )
    _write(
        tmp_path / "two.md",
        'Ships waited in August 2013.[^1]\n\n[^1]: Tom Reed, "Ministry denies grain deal," '
        "Harbour Times, August 23, 2013.\n",
    )
    (slip,) = [f for f in check(tmp_path).findings if f.code == "CT003"]
    assert slip.path.endswith("two.md") and slip.related_path is not None
    assert slip.related_path.endswith("one.md") and slip.related_line == 3
    assert [f.code for f in check(tmp_path, books_on=False).findings if f.code == "CT003"] == []


@pytest.mark.parametrize(
    ("first", "second", "flagged"),
    [
        ("August 22, 2013", "August 23, 2013", True),  # a day off
        ("August 22, 2013", "August 22, 2012", True),  # a year typo
        ("August 12, 2013", "August 21, 2013", True),  # digits swapped
        ("August 22, 2013", "June 4, 2019", False),  # two articles under one headline
        ("2013", "2014", False),  # years: editions
    ],
)
def test_source_date_slips(tmp_path: Path, first: str, second: str, flagged: bool) -> None:
    title = '"Ministry denies grain deal," Harbour Times'
    _write(
        tmp_path / "r.md",
        f"A.[^1] B.[^2]\n\n[^1]: Tom Reed, {title}, {first}.\n\n"
        f"[^2]: Tom Reed, {title}, {second}.\n",
    )
    assert any(f.code == "CT003" for f in check(tmp_path).findings) is flagged


def test_a_series_or_an_outlet_alone_is_not_one_source(tmp_path: Path) -> None:
    _write(
        tmp_path / "r.md",
        "A.[^1] B.[^2] C.[^3] D.[^4]\n\n"
        "[^1]: Reuters, May 2, 2023.\n\n[^2]: Reuters, May 3, 2023.\n\n"
        '[^3]: ISW, "Campaign Assessment," May 2, 2023.\n\n'
        '[^4]: ISW, "Campaign Assessment," May 3, 2023.\n',
    )
    assert [f for f in check(tmp_path).findings if f.code == "CT003"] == []


def test_the_epub_of_the_fixture_book_gives_the_folders_findings(tmp_path: Path) -> None:
    folder = tmp_path / "xhtml"
    shutil.copytree(BOOKS / "xhtml", folder)
    book = pack_folder(
        folder, tmp_path / "book.epub", title="Fixture", date="2024-01-01", version="3.0"
    )
    expected = json.loads((folder / "EXPECTED.json").read_text(encoding="utf-8"))
    result = check(book)
    (file,) = result.files
    assert file.format == "epub" and file.error is None
    got = sorted((f.path, f.location.line, f.code, f.footnote) for f in result.findings)
    assert got == sorted(
        (f"{book}:OEBPS/{f['path']}", f["line"], f["code"], f["footnote"])
        for f in expected["findings"]
    )


def test_warm_runs_and_workers_give_the_same_bytes(tmp_path: Path) -> None:
    shutil.copytree(BOOKS / "xhtml", tmp_path / "book")
    cache = str(tmp_path / "cache")
    cold = check(tmp_path / "book", cache_dir=cache)
    warm = check(tmp_path / "book", cache_dir=cache)
    assert warm == cold
    chapter = tmp_path / "book" / "chapter-1.xhtml"
    text = chapter.read_text(encoding="utf-8").replace('"noteref">3</a>', '"noteref">30</a>')
    chapter.write_text(text, encoding="utf-8")
    changed = check(tmp_path / "book", cache_dir=cache)
    assert ("FN001", "30") in {(f.code, f.footnote) for f in changed.findings}
    assert changed == check(tmp_path / "book")


def test_workers_give_the_same_bytes_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from footcheck.footnotes import workers
    from footcheck.footnotes.report import json_report

    for name in ("xhtml", "mdbook", "gitbook"):
        shutil.copytree(BOOKS / name, tmp_path / name)
    monkeypatch.setattr(workers, "_BYTES_PER_WORKER", 1)  # small books, workers all the same
    targets = list(discover([str(tmp_path)], parsers.parse))
    assert workers.choose_workers(2, targets) == 2
    serial = run([str(tmp_path)], Config(today=TODAY), parsers.parse, jobs=1)
    parallel = run([str(tmp_path)], Config(today=TODAY), parsers.parse, jobs=2)
    assert json_report.render(parallel, "x") == json_report.render(serial, "x")
    assert any(f.related_path for f in serial.findings)


def test_show_lists_each_chapter_of_an_epub() -> None:
    from tests.test_cli import footcheck

    book = Path(__file__).parent / "fixtures" / "epub" / "river.epub"
    shown = json.loads(footcheck("show", str(book), "--format", "json").stdout)
    assert shown["format"] == "epub" and shown["markers"] == [] and shown["notes"] == []
    parts = [
        (p["path"].split(":", 1)[1], len(p["markers"]), len(p["notes"])) for p in shown["parts"]
    ]
    assert parts[-1] == ("OEBPS/Text/endnotes.xhtml", 0, 4)
    assert [p[0] for p in parts[:-1]] == [
        "OEBPS/Text/preface.xhtml",
        "OEBPS/Text/chapter-1.xhtml",
        "OEBPS/Text/chapter-2.xhtml",
    ]


def test_one_stray_note_or_lost_markers_stay_unused_notes(tmp_path: Path) -> None:
    _write(tmp_path / "stray.md", "[^orphan]: Harbour board minutes, 1912.\n")
    _write(
        tmp_path / "lost.md",
        "The harbour board met twice in the spring of 1912 to settle the tolls.\n\n"
        "[^1]: Harbour board minutes, 1912.\n\n[^2]: Tide table, 1913.\n",
    )
    codes = sorted((Path(f.path).name, f.code) for f in check(tmp_path).findings)
    assert ("stray.md", "FN002") in codes and ("lost.md", "FN002") in codes
    assert not any(code == "FN006" for _, code in codes)


def test_cli_checks_a_book_and_names_both_files(tmp_path: Path) -> None:
    from tests.test_cli import footcheck

    shutil.copytree(BOOKS / "mdbook", tmp_path / "book")
    book = footcheck("check", str(tmp_path / "book"), "--format", "json", "--no-cache")
    assert book.returncode == 1
    data = json.loads(book.stdout)
    (slip,) = [f for f in data["findings"] if f["code"] == "CT003"]
    assert slip["related_path"].endswith("intro.md") and slip["related_line"] == 16
    alone = footcheck(
        "check", str(tmp_path / "book"), "--format", "json", "--no-book", "--no-cache"
    )
    assert alone.returncode == 0
    assert [f for f in json.loads(alone.stdout)["findings"] if f["severity"] != "info"] == []
    console = footcheck("check", str(tmp_path / "book"), "--no-cache").stdout
    assert "see    [3] " in console and "intro.md:16" in console


def test_chapters_citing_a_notes_chapter_by_number_alone(tmp_path: Path) -> None:
    """A report kept as chapter files and one notes chapter, markers with no links."""
    _write(tmp_path / "01-intro.md", "The port reopened in June 2022.[1] Trade recovered.[2]\n")
    _write(tmp_path / "02-trade.md", "Grain exports doubled in 2023.[3]\n")
    _write(tmp_path / "03-outlook.md", "A second quay is planned.[7]\n")
    _write(
        tmp_path / "99-notes.md",
        "# Notes\n\n1. Harbour notice, June 30, 2022.\n2. Shipping Weekly, July 2, 2022.\n"
        "3. Grain Board statistics, January 2024.\n4. Harbour notice, June 30, 2022.\n",
    )
    found = sorted((Path(f.path).name, f.code, f.footnote) for f in check(tmp_path).findings)
    assert found == [
        ("03-outlook.md", "FN001", "7"),  # no note 7 anywhere
        ("99-notes.md", "CT001", "4"),  # note 4 repeats note 1
        ("99-notes.md", "FN002", "4"),  # and nothing cites it
    ]
    alone = sorted((Path(f.path).name, f.code) for f in check(tmp_path, books_on=False).findings)
    assert ("01-intro.md", "FN001") in alone and ("99-notes.md", "FN006") in alone


def test_a_cache_entry_with_damaged_facts_is_checked_again(tmp_path: Path) -> None:
    shutil.copytree(BOOKS / "xhtml", tmp_path / "book")
    cache = tmp_path / "cache"
    cold = check(tmp_path / "book", cache_dir=str(cache))
    for entry in cache.rglob("*"):
        if entry.is_file() and entry.parent.name != "cache":
            stored = json.loads(entry.read_text(encoding="utf-8"))
            for unit in stored["result"]["units"]:
                unit[2]["markers"] = [["1", 0, 1]] * len(unit[2]["markers"])
            entry.write_text(json.dumps(stored), encoding="utf-8")
    assert check(tmp_path / "book", cache_dir=str(cache)) == cold


def test_the_console_says_which_notes_files_it_read(tmp_path: Path) -> None:
    from tests.test_cli import footcheck

    chapter = _write(tmp_path / "chapter.html", CHAPTER.format(href="endnotes.html#n1"))
    _write(tmp_path / "endnotes.html", NOTES)
    shown = footcheck("check", str(chapter), "--no-cache").stdout
    assert "notes read from endnotes.html (not checked itself)" in shown
    assert "no problems found" in shown
