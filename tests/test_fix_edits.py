"""Edits and diffs for `footcheck fix` (footnotes/fixes/edits.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from footcheck.footnotes.fixes.edits import Edit, OverlappingEdits, apply, removals, unified_diff


def test_edits_are_made_together_whatever_their_order() -> None:
    text = "A.[3] B.[2]\n\n[2] Two.\n[3] Three.\n"
    edits = [Edit(3, 4, "2"), Edit(9, 10, "3"), Edit(14, 15, "3"), Edit(23, 24, "2")]
    assert apply(text, reversed(edits)) == "A.[2] B.[3]\n\n[3] Two.\n[2] Three.\n"


def test_insertions_and_deletions() -> None:
    assert apply("abc", [Edit(1, 1, "X"), Edit(1, 1, "Y"), Edit(2, 3)]) == "aXYb"


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(OverlappingEdits):
        apply("abcdef", [Edit(1, 4, "x"), Edit(3, 5, "y")])
    with pytest.raises(OverlappingEdits):
        apply("abc", [Edit(2, 9, "x")])
    with pytest.raises(ValueError):
        Edit(3, 1)


def test_the_diff_keeps_the_file_s_newlines_and_says_a_missing_last_one() -> None:
    before = "one\r\ntwo [3]\r\nthree"
    after = "one\r\ntwo [2]\r\nthree"
    diff = unified_diff("r.txt", before, after)
    assert diff.startswith("--- a/r.txt\n+++ b/r.txt\n@@ -1,3 +1,3 @@\n")
    assert "-two [3]\r\n+two [2]\r\n" in diff
    assert diff.endswith(" three\n\\ No newline at end of file\n")
    assert unified_diff("r.txt", before, before) == ""


def test_a_form_feed_is_not_a_line_end() -> None:
    diff = unified_diff("r.txt", "a\x0cb [1]\n", "a\x0cb [2]\n")
    assert "-a\x0cb [1]\n+a\x0cb [2]\n" in diff


@given(st.text(), st.data())
def test_an_edit_leaves_everything_outside_it_unchanged(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    new = data.draw(st.text(max_size=5))
    edited = apply(text, [Edit(start, end, new)])
    assert edited[:start] == text[:start]
    assert edited[start + len(new) :] == text[end:]


def _removed(text: str, *pieces: str) -> str:
    spans = [(text.index(p), text.index(p) + len(p)) for p in pieces]
    return apply(text, removals(text, spans))


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_removals_take_whole_lines_and_keep_one_blank_line_between_blocks(newline: str) -> None:
    def lines(*parts: str) -> str:
        return newline.join(parts) + newline

    notes = lines("Text.", "", "[1] One.", "", "[2] Two.", "", "[3] Three.")
    assert _removed(notes, "[2] Two.") == lines("Text.", "", "[1] One.", "", "[3] Three.")
    assert _removed(notes, "[3] Three.") == lines("Text.", "", "[1] One.", "", "[2] Two.")
    assert _removed(notes, "[2] Two.", "[3] Three.") == lines("Text.", "", "[1] One.")
    assert _removed(notes, "[1] One.", "[2] Two.") == lines("Text.", "", "[3] Three.")
    packed = lines("Text.", "", "[1] One.", "[2] Two.", "[3] Three.")
    assert _removed(packed, "[2] Two.") == lines("Text.", "", "[1] One.", "[3] Three.")
    assert _removed(packed, "[3] Three.") == lines("Text.", "", "[1] One.", "[2] Two.")


def test_removals_in_a_shared_line_take_the_span_and_its_spaces() -> None:
    text = "Text.\n\n[1] One. [2] Two. [3] Three.\n"
    assert _removed(text, "[2] Two.") == "Text.\n\n[1] One. [3] Three.\n"
    assert _removed(text, "[3] Three.") == "Text.\n\n[1] One. [2] Two.\n"


def test_removals_that_overlap_or_nest_are_one() -> None:
    text = "Text.\n\n[1] One.\n\n[2] Two. <!-- c -->\n\n<!-- d -->\n"
    assert _removed(text, "[2] Two. <!-- c -->", "<!-- c -->", "<!-- d -->") == (
        "Text.\n\n[1] One.\n"
    )
    assert removals("", []) == []


def test_removals_in_a_block_quote_take_the_quoted_line() -> None:
    text = "Intro.\n\n> Quote.[^3]\n>\n> [^2]: Uncited.\n\n- item\n"
    spans = [(text.index("[^2]:"), text.index("Uncited.") + len("Uncited."))]
    assert apply(text, removals(text, spans, ">")) == "Intro.\n\n> Quote.[^3]\n\n- item\n"
    inside = "> Quote.[^3]\n>\n> [^2]: Uncited.\n>\n> More quote.\n"
    spans = [(inside.index("[^2]:"), inside.index("Uncited.") + len("Uncited."))]
    assert apply(inside, removals(inside, spans, ">")) == "> Quote.[^3]\n>\n> More quote.\n"
