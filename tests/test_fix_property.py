"""A property of `footcheck fix` on generated reports: whatever the order of the markers,
the fix never loses or changes a note's text, never leaves a marker without a note or
citing another source than before, and leaves the numbering in order (or the file as
it was, saying why). With `--unsafe` on reports that repeat sources and leave notes
uncited, it deletes only notes nothing cited or whose source another note gives, and
still every marker cites the same source through a note that exists."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footcheck import parsers
from footcheck.footnotes.engine import check_document
from footcheck.footnotes.fixes.run import FileFix, fix_file
from footcheck.footnotes.model import Document
from footcheck.footnotes.settings import CommandLine, FileSettings, resolve
from footcheck.parsers.rewriting import REWRITING

CONFIG = resolve(FileSettings(), CommandLine(no_cache=True))
WORDS = ("Rents rose", "Wages fell", "Prices held", "Costs climbed", "Output slowed")


@st.composite
def reports(draw: st.DrawFn, repeats: bool = False) -> tuple[str, str]:
    count = draw(st.integers(2, 7))
    markdown = draw(st.booleans())
    cited = draw(st.lists(st.integers(1, count), min_size=1, max_size=12))
    sentences = []
    for number in cited:
        group = draw(st.booleans()) and not markdown and number < count
        if markdown:
            marker = f"[^{number}]"
        elif group:
            marker = draw(
                st.sampled_from([f"[{number}, {number + 1}]", f"[{number}-{number + 1}]"])
            )
        else:
            marker = f"[{number}]"
        sentences.append(f"{draw(st.sampled_from(WORDS))} in 2021.{marker}")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    order = draw(st.permutations(range(1, count + 1)))
    sources = [draw(st.integers(1, 3)) if repeats else n for n in order]
    notes = [
        f"[^{n}]: Source {s}, March 2022." if markdown else f"[{n}] Source {s}, March 2022."
        for n, s in zip(order, sources, strict=True)
    ]
    text = " ".join(sentences) + newline + newline + newline.join(notes) + newline
    return text, "r.md" if markdown else "r.txt"


@settings(max_examples=150, deadline=None)
@given(reports())
def test_fix_keeps_every_note_and_every_marker_s_note(
    tmp_path_factory: pytest.TempPathFactory, report: tuple[str, str]
) -> None:
    text, _ = report
    before, outcome, after, path = _fixed(tmp_path_factory, report, unsafe=False)
    assert Counter(n.text for n in after.notes) == Counter(n.text for n in before.notes)
    defined = {n.label for n in after.notes}
    assert all(m.label in defined for m in after.markers)
    assert _cited(after) == _cited(before)  # every marker still cites the same source
    codes = [f.code for f in check_document(after, CONFIG).findings]
    assert "FN001" not in codes
    if outcome.changed:
        assert "FN004" not in codes
    else:
        assert path.read_bytes() == text.encode()


def _fixed(
    tmp_path_factory: pytest.TempPathFactory, report: tuple[str, str], *, unsafe: bool
) -> tuple[Document, FileFix, Document, Path]:
    """Write the report, fix it in place: the document before, what fix said, the
    document after (fix must not have failed), and the file."""
    text, name = report
    path = tmp_path_factory.mktemp("fix") / name
    path.write_bytes(text.encode())
    fmt = parsers.parse.format_for(str(path))
    before = parsers.parse(path.read_bytes(), str(path), fmt)
    outcome = fix_file(str(path), fmt, CONFIG, parsers.parse, REWRITING, write=True, unsafe=unsafe)
    assert outcome.error is None, outcome.error
    return before, outcome, parsers.parse(path.read_bytes(), str(path), fmt), path


def _cited(doc: Document) -> list[str]:
    """The text of the note each body marker cites, in reading order."""
    text_of = {n.label: n.text for n in doc.notes}
    return [text_of[m.label] for m in doc.markers]


@settings(max_examples=150, deadline=None)
@given(reports(repeats=True))
def test_unsafe_fix_deletes_only_what_nothing_needs(
    tmp_path_factory: pytest.TempPathFactory, report: tuple[str, str]
) -> None:
    before, outcome, after, _ = _fixed(tmp_path_factory, report, unsafe=True)
    kept = Counter(n.text for n in after.notes)
    assert not kept - Counter(n.text for n in before.notes)  # no note's text made up
    cited_before = set(_cited(before))
    assert cited_before <= set(kept)  # every source a marker cited is still given
    defined = {n.label for n in after.notes}
    assert all(m.label in defined for m in after.markers)
    assert _cited(after) == _cited(before)
    assert len(outcome.deleted) == len(before.notes) - len(after.notes)
    codes = [f.code for f in check_document(after, CONFIG).findings]
    assert "FN001" not in codes
    if outcome.changed:
        skipped = {s["code"] for s in outcome.skipped}
        assert not {"FN002", "CT001", "FN004"} & set(codes) - skipped
