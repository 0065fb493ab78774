"""Pathological input: every nasty case finishes quickly, through the whole pipeline.

The cases are those of `scripts/nasty_corpus.py` (which `bench/nasty.py` times at
full size), built here in memory at sizes that keep this file to a few seconds.
Some sizes are chosen so that the quadratic code they once hit takes longer than
the bound: a run of 40,000 dots that ends no sentence (the sentence-end pattern
retried from every dot), 30,000 `[1]]` (each marker's look-back over the closing
brackets before it).
"""

from __future__ import annotations

import time

import pytest

from footcheck import parsers
from footcheck.footnotes.engine import check_document
from footcheck.footnotes.settings import Config
from scripts.nasty_corpus import Case, cases
from tests.conftest import TODAY

BOUND = 20.0  # seconds, parse and every rule; the cases take well under 2 s each

_BY_FILE = {case.filename: case for case in cases()}

# file -> size (the number of repeats; each case's full size is in the corpus script)
_SIZES: dict[str, int] = {
    "open-brackets.txt": 1_000_000,
    "open-brackets.md": 200_000,
    "open-brackets.html": 1_000_000,
    "open-bracket-one.txt": 200_000,
    "open-bracket-one.md": 100_000,
    "open-caret.txt": 300_000,
    "open-caret.md": 100_000,
    "caret-open.md": 100_000,
    "closing-brackets.txt": 30_000,
    "closing-brackets.md": 30_000,
    "year-dash.txt": 50_000,
    "year-dash.md": 50_000,
    "one-comma.txt": 500_000,
    "bracket-one-comma.txt": 500_000,
    "bracket-one-comma.md": 500_000,
    "superscripts.txt": 100_000,
    "stars.md": 1_000_000,
    "underscores.md": 1_000_000,
    "stars-underscores.md": 100_000,
    "backticks.md": 100_000,
    "backtick-runs.md": 50_000,
    "blockquote-line.md": 50_000,
    "nested-list.md": 10_000,
    "nested-ordered-list.md": 10_000,
    "nested-list-indented.md": 1_000,
    "open-comments.md": 50_000,
    "open-comments.html": 50_000,
    "open-tags.md": 100_000,
    "links.md": 100_000,
    "dots.txt": 40_000,
    "dots.md": 40_000,
    "bangs-quotes.txt": 100_000,
    "ref-close.md": 100_000,
    "image-close.md": 50_000,
    "footnote-defs.md": 20_000,
    "html-open-tags.html": 100_000,
    "nested-div.html": 100_000,
    "unclosed-sup.html": 100_000,
    "long-line.txt": 10_000,
    "long-line.md": 10_000,
    "many-notes.txt": 3_000,
    "many-notes.md": 3_000,
    "many-notes.html": 3_000,
    "many-dates.txt": 20_000,
    "no-sentence-end.txt": 5_000,
    "big-note.txt": 100_000,
    "big-note.html": 100_000,
    "ibid-notes.txt": 3_000,
    "op-cit-notes.md": 3_000,
    "op-cit-unknown.txt": 20_000,
    "many-quotes.txt": 10_000,
    "many-citations.txt": 20_000,
    "markers-no-notes.txt": 10_000,
}


def _run(case: Case, n: int) -> tuple[float, int, int, int]:
    """(seconds, paragraphs, notes, markers) of parsing and checking the case at size n."""
    data = case.text(n).encode()
    start = time.perf_counter()
    doc = parsers.parse(data, f"nasty/{case.filename}", None)
    checked = check_document(doc, Config(today=TODAY))
    elapsed = time.perf_counter() - start
    assert checked.failure is None, checked.failure
    return elapsed, len(doc.paragraphs), len(doc.notes), len(doc.markers)


def test_every_size_names_a_case() -> None:
    assert set(_SIZES) <= set(_BY_FILE)


@pytest.mark.parametrize(("filename", "n"), sorted(_SIZES.items()))
def test_nasty_case_finishes(filename: str, n: int) -> None:
    case = _BY_FILE[filename]
    elapsed, _, notes, _ = _run(case, n)
    assert elapsed < BOUND, f"{filename} at {n:,} took {elapsed:.1f} s"
    expected = case.notes_at(n)
    if expected is not None:
        assert notes == expected


def test_a_long_comma_list_is_not_thousands_of_markers() -> None:
    # "[1,1,1,...]" with 500,000 items once made 500,000 markers (and 300 MB).
    _, _, _, markers = _run(_BY_FILE["bracket-one-comma.txt"], 500_000)
    assert markers == 0


def test_a_short_comma_list_is_still_a_marker() -> None:
    doc = parsers.parse(b"Text [1, 2, 3].\n\n[1] a\n[2] b\n[3] c\n", "r.txt", None)
    assert [m.label for m in doc.markers] == ["1", "2", "3"]


def test_unclosed_sup_is_read_not_refused() -> None:
    # 100,000 unclosed <sup> nest past libxml2's limit: the page is flattened and read.
    _, paragraphs, _, _ = _run(_BY_FILE["unclosed-sup.html"], 100_000)
    assert paragraphs >= 1


def test_op_cit_still_finds_its_author() -> None:
    doc = parsers.parse(
        b"A 2021.[1] B 2021.[2] C 2021.[3]\n\nNotes\n\n"
        b"[1] Ames, Book, 2020.\n[2] Bell, Paper, 2019.\n[3] Ames, op. cit., 4.\n",
        "r.txt",
        None,
    )
    checked = check_document(doc, Config(today=TODAY))
    sources = checked.context.sources
    assert sources[2].antecedent == "1"
