"""The fixes that delete: a note nothing cites (FN002), a repeated source merged into
its first note (CT001), both unsafe; an unused suppression comment (SUP001), safe.

Each through `fix_file`, as the command runs it: the text before and after, the map
and the deleted labels, the findings fixed and left with why, a second fix that
changes nothing, and a check afterwards with no finding of the fixed kinds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from footcheck import parsers
from footcheck.footnotes.engine import check_document
from footcheck.footnotes.fixes.run import UNSAFE, FileFix, fix_file
from footcheck.footnotes.settings import CommandLine, FileSettings, resolve
from footcheck.parsers.rewriting import REWRITING

CONFIG = resolve(FileSettings(), CommandLine(no_cache=True))
UNSAFE_IBID = "an Ibid. note refers to it: it would then refer to another source"


def fixing(tmp_path: Path, name: str, text: str, *, unsafe: bool = True) -> tuple[FileFix, str]:
    """Fix a file holding `text` in place: what fix said, and the file's new text."""
    path = tmp_path / name
    path.write_bytes(text.encode())
    outcome = fix_file(str(path), None, CONFIG, parsers.parse, REWRITING, write=True, unsafe=unsafe)
    return outcome, path.read_bytes().decode()


def codes(text: str, name: str) -> list[str]:
    fmt = parsers.parse.format_for_named(name)
    doc = parsers.parse(text.encode(), name, fmt)
    return [f.code for f in check_document(doc, CONFIG).findings]


UNUSED_TEXT = (
    "Rents rose in 2022.[1] Wages fell in 2022.[3]\n\n"
    "[1] Housing Survey, March 2023.\n"
    "[2] Old draft source, May 2023.\n"
    "[3] Labour Review, April 2023.\n"
)
UNUSED_FIXED = (
    "Rents rose in 2022.[1] Wages fell in 2022.[2]\n\n"
    "[1] Housing Survey, March 2023.\n"
    "[2] Labour Review, April 2023.\n"
)


def test_a_note_nothing_cites_is_deleted_and_the_rest_renumbered(tmp_path: Path) -> None:
    assert {"FN002", "FN004"} <= set(codes(UNUSED_TEXT, "r.txt"))
    outcome, after = fixing(tmp_path, "r.txt", UNUSED_TEXT)
    assert outcome.error is None and outcome.written
    assert after == UNUSED_FIXED
    assert outcome.deleted == ["2"] and outcome.map == {"3": "2"}
    assert {"code": "FN002", "footnote": "2", "applicability": "unsafe"} in outcome.fixes
    assert not {"FN002", "FN004"} & set(codes(after, "r.txt"))
    again, same = fixing(tmp_path, "r.txt", after)
    assert not again.changed and same == after  # idempotent


def test_without_unsafe_the_note_stays_and_why_is_said(tmp_path: Path) -> None:
    text = "Rents rose in 2022.[1]\n\n[1] Housing Survey, March 2023.\n[2] Old, May 2023.\n"
    outcome, after = fixing(tmp_path, "r.txt", text, unsafe=False)
    assert after == text and not outcome.changed
    assert outcome.skipped == [{"code": "FN002", "footnote": "2", "why": UNSAFE["FN002"]}]


MARKDOWN_DUPLICATE = (
    "# Port review\n\n"
    "Traffic fell in 2021.[^1] Fees rose in 2021.[^2]\n"
    "Ships waited in 2021.[^3] Tolls rose in 2021.[^2]\n\n"
    "[^1]: Port Authority, Annual Report, March 2022.\n\n"
    "[^2]: Shipping Weekly, July 22, 2022.\n\n"
    "[^3]: Port Authority, annual report, March 2022.\n"
)
MARKDOWN_MERGED = (
    "# Port review\n\n"
    "Traffic fell in 2021.[^1] Fees rose in 2021.[^2]\n"
    "Ships waited in 2021.[^1] Tolls rose in 2021.[^2]\n\n"
    "[^1]: Port Authority, Annual Report, March 2022.\n\n"
    "[^2]: Shipping Weekly, July 22, 2022.\n"
)


def test_a_repeated_source_is_merged_into_its_first_note(tmp_path: Path) -> None:
    assert "CT001" in codes(MARKDOWN_DUPLICATE, "r.md")
    outcome, after = fixing(tmp_path, "r.md", MARKDOWN_DUPLICATE)
    assert outcome.error is None
    assert after == MARKDOWN_MERGED
    assert outcome.deleted == ["3"] and outcome.map == {"3": "1"}
    assert outcome.fixes == [{"code": "CT001", "footnote": "3", "applicability": "unsafe"}]
    assert "CT001" not in codes(after, "r.md")
    assert not fixing(tmp_path, "r.md", after)[0].changed


def test_a_merge_then_renumbers_the_notes_after_it(tmp_path: Path) -> None:
    text = (
        "A in 2021.[1] B in 2021.[2] C in 2021.[3] D in 2021.[4]\n\n"
        "[1] Gulf Observer, July 22, 2022.\n[2] Gulf Observer, July 22, 2022.\n"
        "[3] Port Authority, May 2022.\n[4] Customs Office, June 2022.\n"
    )
    outcome, after = fixing(tmp_path, "r.txt", text)
    assert after == (
        "A in 2021.[1] B in 2021.[1] C in 2021.[2] D in 2021.[3]\n\n"
        "[1] Gulf Observer, July 22, 2022.\n"
        "[2] Port Authority, May 2022.\n[3] Customs Office, June 2022.\n"
    )
    # The repeat's markers now carry its first note's number; the rest move up.
    assert outcome.map == {"2": "1", "3": "2", "4": "3"} and outcome.deleted == ["2"]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (  # the repeat carries a page the first note lacks
            "A in 2021.[1] B in 2021.[2]\n\n[1] Gulf Observer, July 22, 2022.\n"
            "[2] Gulf Observer, July 22, 2022. Accessed March 3, 2023.\n",
            "it says more than note [1] (2023, 3, accessed): merge by hand",
        ),
        (  # one token would cite the first note twice
            "A in 2021.[1, 2]\n\n[1] Gulf Observer, July 22, 2022.\n"
            "[2] Gulf Observer, July 22, 2022.\n",
            "a marker on line 1 would cite [1] twice",
        ),
    ],
)
def test_a_merge_that_would_lose_or_garble_is_left(tmp_path: Path, text: str, why: str) -> None:
    assert "CT001" in codes(text, "r.txt")
    outcome, after = fixing(tmp_path, "r.txt", text)
    assert after == text and not outcome.changed
    assert outcome.skipped == [{"code": "CT001", "footnote": "2", "why": why}]


def test_a_note_whose_text_cites_another_is_not_deleted(tmp_path: Path) -> None:
    text = (
        "Rents rose in 2022.[^1]\n\n"
        "[^1]: Housing Survey, March 2023.\n\n"
        "[^2]: See also the survey's appendix.[^3]\n\n"
        "[^3]: Survey Appendix, March 2023.\n"
    )
    outcome, after = fixing(tmp_path, "r.md", text)
    assert after == text
    assert {
        "code": "FN002",
        "footnote": "2",
        "why": "its text cites [3]: move that citation first",
    } in (outcome.skipped)


def test_deleting_the_last_note_leaves_no_stray_blank_line(tmp_path: Path) -> None:
    text = "Rents rose in 2022.[^1]\n\n[^1]: Housing Survey, March 2023.\n\n[^2]: Old, May 2023.\n"
    outcome, after = fixing(tmp_path, "r.md", text)
    assert after == "Rents rose in 2022.[^1]\n\n[^1]: Housing Survey, March 2023.\n"
    assert outcome.deleted == ["2"] and outcome.map == {}


def test_a_crlf_file_keeps_its_line_ends_after_a_deletion(tmp_path: Path) -> None:
    outcome, after = fixing(tmp_path, "r.txt", UNUSED_TEXT.replace("\n", "\r\n"))
    assert outcome.written
    assert after == UNUSED_FIXED.replace("\n", "\r\n")


SUPPRESSED = (
    "# Review\n\n"
    "<!-- footcheck: ignore CT001 -->\n"
    "Rents rose in 2022.[^1]\n\n"
    "[^1]: Housing Survey, March 2023.\n"
)


def test_an_unused_suppression_comment_is_deleted_safely(tmp_path: Path) -> None:
    assert "SUP001" in codes(SUPPRESSED, "r.md")
    outcome, after = fixing(tmp_path, "r.md", SUPPRESSED, unsafe=False)
    assert after == "# Review\n\nRents rose in 2022.[^1]\n\n[^1]: Housing Survey, March 2023.\n"
    assert outcome.fixes == [{"code": "SUP001", "footnote": None, "applicability": "safe"}]
    assert outcome.map == {} and outcome.deleted == []
    assert "SUP001" not in codes(after, "r.md")


def test_a_suppression_comment_between_blank_lines_leaves_one(tmp_path: Path) -> None:
    text = (
        "Intro.\n\n<!-- footcheck: ignore DT001 -->\n\nRents rose in 2022.[^1]\n\n[^1]: S, 2023.\n"
    )
    _, after = fixing(tmp_path, "r.md", text)
    assert after == "Intro.\n\nRents rose in 2022.[^1]\n\n[^1]: S, 2023.\n"


def test_a_suppression_that_works_stays_and_keeps_its_finding_unfixed(tmp_path: Path) -> None:
    text = (
        "<!-- footcheck: ignore FN004 -->\n"
        "Rents rose in 2022.[^2] Wages fell in 2022.[^1]\n\n"
        "[^1]: Labour Review, April 2023.\n\n[^2]: Housing Survey, March 2023.\n"
    )
    outcome, after = fixing(tmp_path, "r.md", text)
    assert after == text and not outcome.changed and outcome.skipped == []


def test_a_suppression_naming_no_rule_is_left_to_the_author(tmp_path: Path) -> None:
    text = "<!-- footcheck: ignore CT0001 -->\nRents rose in 2022.[^1]\n\n[^1]: S, March 2023.\n"
    outcome, after = fixing(tmp_path, "r.md", text)
    assert after == text
    assert outcome.skipped == [
        {"code": "SUP001", "footnote": None, "why": "it names no rule (CT0001): correct it by hand"}
    ]


def test_an_uncited_note_a_repeat_is_merged_into_is_kept(tmp_path: Path) -> None:
    text = "Rents rose in 2021.[1]\n\n[2] Source A, March 2022.\n[1] Source A, March 2022.\n"
    outcome, after = fixing(tmp_path, "r.txt", text)
    assert after == "Rents rose in 2021.[1]\n\n[1] Source A, March 2022.\n"
    assert outcome.deleted == ["1"] and outcome.map == {"1": "1", "2": "1"}
    assert {
        "code": "FN002",
        "footnote": "2",
        "why": "note [1] repeats it and is merged into it",
    } in (outcome.skipped)


# Cases a review found, each the text before and after `fix --unsafe`.
BEFORE_AFTER = {
    "two-uncited-at-the-end.md": (
        "Troops left.[^1] Talks.[^2]\n\n[^1]: One, 1890.\n\n[^2]: Two, 1890.\n\n"
        "[^3]: Uncited three, 1890.\n\n[^4]: Uncited four, 1890.\n",
        "Troops left.[^1] Talks.[^2]\n\n[^1]: One, 1890.\n\n[^2]: Two, 1890.\n",
    ),
    "comment-inside-a-deleted-note.md": (
        "Troops left.[^1]\n\n[^1]: Rand, 1890.\n\n"
        "[^2]: Leland, 1884. <!-- footcheck: ignore DT001 -->\n",
        "Troops left.[^1]\n\n[^1]: Rand, 1890.\n",
    ),
    "the-comment-for-a-deleted-note-goes-with-it.md": (
        "Troops left.[^1] Talks resumed.[^3]\n\n[^1]: Gulf Observer, July 22, 2021.\n\n"
        "<!-- footcheck: ignore DT004 -->\n[^2]: An uncited note with no date.\n\n"
        "[^3]: Harbour Authority notice with no date.\n",
        "Troops left.[^1] Talks resumed.[^2]\n\n[^1]: Gulf Observer, July 22, 2021.\n\n"
        "[^2]: Harbour Authority notice with no date.\n",
    ),
    "a-merged-note-s-comment-goes-too.md": (
        "Troops left.[^1] Talks resumed.[^2] Ships sailed.[^3]\n\n"
        "[^1]: Rand, _American Antiquarian_, vol. xii.\n\n"
        "<!-- footcheck: ignore DT004 -->\n[^2]: Rand, _American Antiquarian_, vol. xii.\n\n"
        "[^3]: Leland, _The Algonquin Legends of New England_, vol. ii.\n",
        "Troops left.[^1] Talks resumed.[^1] Ships sailed.[^2]\n\n"
        "[^1]: Rand, _American Antiquarian_, vol. xii.\n\n"
        "[^2]: Leland, _The Algonquin Legends of New England_, vol. ii.\n",
    ),
    "a-chapter-closes-up-on-its-own.txt": (
        "CHAPTER I.\n\nThe river rose in spring.[1] The mill flooded.[2]\n\n"
        "[1] Parish register, 1820.\n[2] Mill accounts, 1821.\n\n"
        "CHAPTER II.\n\nThe village moved uphill.[2] A church was built.[3]\n\n"
        "[1] An uncited note about nothing.\n[2] Town minutes, 1830.\n[3] Church records, 1832.\n",
        "CHAPTER I.\n\nThe river rose in spring.[1] The mill flooded.[2]\n\n"
        "[1] Parish register, 1820.\n[2] Mill accounts, 1821.\n\n"
        "CHAPTER II.\n\nThe village moved uphill.[1] A church was built.[2]\n\n"
        "[1] Town minutes, 1830.\n[2] Church records, 1832.\n",
    ),
}


@pytest.mark.parametrize("name", BEFORE_AFTER)
def test_deletions_leave_a_tidy_text(tmp_path: Path, name: str) -> None:
    before, expected = BEFORE_AFTER[name]
    outcome, after = fixing(tmp_path, name, before)
    assert outcome.error is None, outcome.error
    assert after == expected
    assert not {"FN002", "CT001", "FN004", "SUP001"} & set(codes(after, name))
    assert not fixing(tmp_path, name, after)[0].changed


def test_two_unused_comments_at_the_end_go_safely(tmp_path: Path) -> None:
    text = (
        "Troops left.[^1]\n\n[^1]: One, 1890.\n\n<!-- footcheck: ignore DT001 -->\n\n"
        "<!-- footcheck: ignore CT001 -->\n"
    )
    outcome, after = fixing(tmp_path, "r.md", text, unsafe=False)
    assert outcome.error is None and after == "Troops left.[^1]\n\n[^1]: One, 1890.\n"


UNORDERED = (
    "Troops left.[^2] Talks resumed.[^1]\n\n[^1]: Rand, _Antiquarian_, 1890.\n\n"
    "[^2]: Leland, _Legends_, 1884.\n\n[^3]: Uncited, 1890.\n"
)
DELETED_ONLY = (
    "Troops left.[^2] Talks resumed.[^1]\n\n[^1]: Rand, _Antiquarian_, 1890.\n\n"
    "[^2]: Leland, _Legends_, 1884.\n"
)


@pytest.mark.parametrize("select", [["--ignore", "FN004"], ["--select", "FN002"]])
def test_a_deletion_does_not_reorder_notes_fn004_is_not_asked_to(
    tmp_path: Path, select: list[str]
) -> None:
    from tests.test_cli import footcheck

    path = tmp_path / "r.md"
    path.write_text(UNORDERED)
    done = footcheck("fix", str(path), "--unsafe", *select, "--format", "json")
    assert done.returncode == 0, done.stdout
    assert path.read_text() == DELETED_ONLY


def test_a_deletion_does_not_reorder_notes_whose_order_is_accepted(tmp_path: Path) -> None:
    text = "<!-- footcheck: ignore FN004 -->\n" + UNORDERED
    outcome, after = fixing(tmp_path, "r.md", text)
    assert outcome.error is None and after == "<!-- footcheck: ignore FN004 -->\n" + DELETED_ONLY


def test_a_repeat_in_another_chapter_is_no_repeat_and_is_not_merged(tmp_path: Path) -> None:
    text = (
        "CHAPTER I.\n\nThe river rose.[1] The dam held.[2]\n\n"
        "[1] Parish register, 1820.\n[2] Gulf Observer, July 22, 2021.\n\n"
        "CHAPTER II.\n\nThe village moved.[1] The paper retracted.[2] The mill closed.[3]\n\n"
        "[1] Town minutes, 1830.\n[2] Gulf Observer, 2023 retraction of its July 22, 2021 story.\n"
        "[3] Gulf Observer, July 22, 2021.\n"
    )
    outcome, after = fixing(tmp_path, "r.txt", text)
    assert after == text and not outcome.changed


@pytest.mark.parametrize(
    ("text", "skipped"),
    [
        (  # merging [3] would leave [4] Ibid. after the Harbour notice
            "A.[1] B.[2] C.[3] D.[4]\n\n[1] Gulf Observer, July 22, 2021.\n"
            "[2] Harbour Authority notice, June 30, 2022.\n[3] Gulf Observer, July 22, 2021.\n"
            "[4] Ibid.\n",
            {"code": "CT001", "footnote": "3", "why": UNSAFE_IBID},
        ),
        (  # [3] Ibid. refers to the uncited [2]
            "A.[1] B.[3]\n\n[1] Harbour Authority notice, June 30, 2022.\n"
            "[2] Gulf Observer, July 22, 2021.\n[3] Ibid., p. 4.\n",
            {"code": "FN002", "footnote": "2", "why": UNSAFE_IBID},
        ),
    ],
)
def test_a_note_an_ibid_refers_to_stays(tmp_path: Path, text: str, skipped: dict[str, str]) -> None:
    outcome, after = fixing(tmp_path, "r.txt", text)
    assert skipped in outcome.skipped
    assert after == text


def test_renumbering_that_would_move_an_ibid_away_is_refused(tmp_path: Path) -> None:
    text = (
        "A.[1] B.[3]\n\n[1] Harbour Authority notice, June 30, 2022.\n"
        "[2] Gulf Observer, July 22, 2021.\n[3] Ibid., p. 4.\n"
    )
    outcome, after = fixing(tmp_path, "r.txt", text, unsafe=False)
    assert outcome.error == (
        "fix refused: an Ibid. note would follow another source; the file is left as it was"
    )
    assert after == text


def test_a_label_written_where_no_marker_was_read_keeps_its_note(tmp_path: Path) -> None:
    text = "---\nauthor: 'John Doe[^1]'\n---\n\nSome text.\n\n[^1]: Affiliation, 2020.\n"
    outcome, after = fixing(tmp_path, "r.md", text)
    assert after == text
    assert outcome.skipped == [
        {
            "code": "FN002",
            "footnote": "1",
            "why": "[^1] is also written on line 2, where no marker was read",
        }
    ]


def test_labels_in_two_chapters_are_named_with_their_chapter(tmp_path: Path) -> None:
    text = (
        "CHAPTER I.\n\nThe river rose in spring.[1]\n\n"
        "[1] Parish register, 1820.\n[2] An uncited note about nothing.\n\n"
        "CHAPTER II.\n\nThe village moved uphill.[2] A church was built.[1]\n\n"
        "[1] Town minutes, 1830.\n[2] Church records, 1832.\n"
    )
    outcome, _ = fixing(tmp_path, "r.txt", text)
    assert outcome.deleted == ["0:2"]
    assert outcome.map == {"1:2": "1", "1:1": "2"}


HTML_NOTES = (
    "<html><body>\n"
    '<p>Troops left in 2021.<sup><a href="#fn1" id="r1">1</a></sup> Talks resumed in 2021.'
    '<sup><a href="#fn2" id="r2">2</a></sup> Ships sailed in 2021.'
    '<sup><a href="#fn4" id="r4">4</a></sup></p>\n'
    '<ol class="footnotes">\n'
    '<li id="fn1">Gulf Observer, July 22, 2022.</li>\n'
    '<li id="fn2">Gulf Observer, July 22, 2022.</li>\n'
    '<li id="fn3">Uncited source, May 2022.</li>\n'
    '<li id="fn4">Harbour notice, June 30, 2022.</li>\n'
    "</ol>\n</body></html>\n"
)


def test_an_html_page_loses_its_uncited_item_and_its_markers_close_up(tmp_path: Path) -> None:
    outcome, after = fixing(tmp_path, "page.html", HTML_NOTES)
    assert outcome.error is None
    assert '<li id="fn3">' not in after
    assert '<sup><a href="#fn4" id="r4">3</a></sup>' in after  # the link still leads to it
    assert outcome.deleted == ["3"] and outcome.map == {"4": "3"}
    # A repeat's markers link to it by its id: a new number would not re-point them.
    assert {
        "code": "CT001",
        "footnote": "2",
        "why": "its markers link to it by its id: merge by hand",
    } in outcome.skipped
    assert set(codes(after, "page.html")) == {"CT001"}
    assert not fixing(tmp_path, "page.html", after)[0].changed


def test_named_markdown_notes_are_deleted_and_merged_too(tmp_path: Path) -> None:
    text = (
        "Rents rose in 2022.[^Rents] Wages fell in 2022.[^w] Costs too.[^w2]\n\n"
        "[^rents]: Survey, 2023.\n\n[^w]: Labour Review, 2023.\n\n[^old]: Old, 2023.\n\n"
        "[^w2]: Labour Review, 2023.\n"
    )
    outcome, after = fixing(tmp_path, "r.md", text)
    assert after == (
        "Rents rose in 2022.[^Rents] Wages fell in 2022.[^w] Costs too.[^w]\n\n"
        "[^rents]: Survey, 2023.\n\n[^w]: Labour Review, 2023.\n"
    )
    assert outcome.deleted == ["old", "w2"] and outcome.map == {"w2": "w"}
    # Engines that fold case would give [^Rents] this note: it stays.
    assert {
        "code": "FN002",
        "footnote": "rents",
        "why": "marker [Rents] may cite it (some engines fold case)",
    } in outcome.skipped


def test_markers_side_by_side_are_not_merged_into_one_note_cited_twice(tmp_path: Path) -> None:
    text = (
        "Alpha.[^1] Gamma.[^1][^3]\n\n[^1]: Gulf Observer, July 22, 2021.\n\n"
        "[^3]: Gulf Observer, July 22, 2021.\n"
    )
    outcome, _ = fixing(tmp_path, "r.md", text)
    assert {"code": "CT001", "footnote": "3", "why": "a marker on line 1 would cite [1] twice"} in (
        outcome.skipped
    )


@pytest.mark.parametrize("unsafe", [False, True])
def test_a_label_written_in_front_matter_stops_renumbering(tmp_path: Path, unsafe: bool) -> None:
    text = (
        "---\ntitle: T\nabstract: As shown.[^2]\n---\n\n"
        "Alpha in 2021.[^2] Beta in 2021.[^1]\n\n[^1]: One, 2022.\n\n[^2]: Two, 2022.\n"
    )
    outcome, after = fixing(tmp_path, "r.md", text, unsafe=unsafe)
    assert after == text
    assert outcome.skipped == [
        {
            "code": "FN004",
            "footnote": "2",
            "why": "[^2] is also written on line 3, where no marker was read:"
            " change the numbering by hand",
        }
    ]


def test_unused_comments_go_even_when_labels_cannot_be_rewritten(tmp_path: Path) -> None:
    text = (
        "<html><body>\n<!-- footcheck: ignore DT001 -->\n"
        "<p>Alpha.<sup>[2]</sup> Beta.<sup>[1]</sup></p>\n<h2>Notes</h2>\n"
        "<p>[1] Smith, A Book, 2001.</p>\n<p>[2] Jones, Other Book, 1999.</p>\n</body></html>\n"
    )
    outcome, after = fixing(tmp_path, "page.html", text, unsafe=False)
    assert "<!-- footcheck" not in after and outcome.written
    assert [s["code"] for s in outcome.skipped] == ["FN004"]
    assert "renumber by hand" in str(outcome.skipped[0]["why"])


def test_every_name_of_a_label_two_chapters_share_is_qualified(tmp_path: Path) -> None:
    text = (
        "CHAPTER I.\n\nThe river rose.[2] The dam held.[1]\n\n"
        "[1] Parish register, 1820.\n[2] Mill accounts, 1821.\n\n"
        "CHAPTER II.\n\nThe village moved.[1] The mill closed.[3]\n\n"
        "[1] Town minutes, 1830.\n[2] Unused, 1831.\n[3] Town minutes, 1830.\n"
    )
    outcome, _ = fixing(tmp_path, "r.txt", text)
    named = {*outcome.map, *outcome.deleted, *(str(f["footnote"]) for f in outcome.fixes)}
    # [1] and [2] stand in both chapters (0 and 1, in reading order); [3] in one only.
    assert named == {"0:1", "0:2", "1:2", "3"}
    assert outcome.map["3"] == "1" and outcome.deleted == ["1:2", "3"]


def test_a_legacy_encoded_file_keeps_every_byte_outside_the_deleted_note(tmp_path: Path) -> None:
    text = (
        "Café prices rose in 2022.[1] Rents rose in 2022.[3]\r\n\r\n"
        "[1] Société Générale, “Prices”, March 2023.\r\n"
        "[2] Unused — draft, May 2023.\r\n"
        "[3] Crédit Agricole, April 2023.\r\n"
    )
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode("cp1252"))
    outcome = fix_file(str(path), None, CONFIG, parsers.parse, REWRITING, write=True, unsafe=True)
    assert outcome.error is None and outcome.deleted == ["2"]
    assert path.read_bytes() == (
        "Café prices rose in 2022.[1] Rents rose in 2022.[2]\r\n\r\n"
        "[1] Société Générale, “Prices”, March 2023.\r\n"
        "[2] Crédit Agricole, April 2023.\r\n"
    ).encode("cp1252")


def test_a_note_s_suppression_comment_moves_with_it(tmp_path: Path) -> None:
    text = (
        "Alpha in 2021.[^2] Beta in 2021.[^1]\n\n[^1]: One, March 2022.\n\n"
        "<!-- footcheck: ignore DT004 -->\n[^2]: Harbour Authority, Annual Report.\n"
    )
    assert "SUP001" not in codes(text, "r.md")  # the comment is at work
    outcome, after = fixing(tmp_path, "r.md", text, unsafe=False)
    assert outcome.error is None
    assert after == (
        "Alpha in 2021.[^1] Beta in 2021.[^2]\n\n"
        "<!-- footcheck: ignore DT004 -->\n[^1]: Harbour Authority, Annual Report.\n\n"
        "[^2]: One, March 2022.\n"
    )
    assert codes(after, "r.md") == []


def test_a_comment_between_list_items_leaves_them_movable(tmp_path: Path) -> None:
    back = '<a href="#fnref{0}" class="footnote-back">↩</a>'
    text = (
        '<html><body>\n<p>Alpha in 2021.<a href="#fn2" id="fnref2"><sup>2</sup></a>'
        ' Beta in 2021.<a href="#fn1" id="fnref1"><sup>1</sup></a>'
        ' Gamma in 2021.<a href="#fn3" id="fnref3"><sup>3</sup></a></p>\n<ol>\n'
        f'<li id="fn1"><p>Note one, 2022.{back.format(1)}</p></li>\n'
        f'<li id="fn2"><p>Note two, 2022.{back.format(2)}</p></li>\n'
        "<!-- footcheck: ignore DT004 -->\n"
        f'<li id="fn3"><p>Harbour Authority, Annual Report.{back.format(3)}</p></li>\n'
        "</ol>\n</body></html>\n"
    )
    assert "SUP001" not in codes(text, "page.html")  # the comment is at work
    outcome, after = fixing(tmp_path, "page.html", text, unsafe=False)
    assert outcome.error is None and outcome.map == {"2": "1", "1": "2"}
    assert after.index('<li id="fn2">') < after.index('<li id="fn1">')
    assert after.index("<!-- footcheck") < after.index('<li id="fn3">')
    assert codes(after, "page.html") == []


@pytest.mark.parametrize(
    "prose", ["as note 2 explains", "see notes 1 and 2", "cf. n. 2", "voir la note 2"]
)
def test_a_note_named_by_number_in_prose_keeps_its_number(tmp_path: Path, prose: str) -> None:
    text = (
        f"Troops left in 2021.[1] Talks resumed in 2021, {prose}.[3]\n\n"
        "[1] One, 1890.\n[2] Harbour notice, 1890.\n[3] Three, 1890.\n"
    )
    outcome, after = fixing(tmp_path, "r.txt", text)
    assert after == text and not outcome.changed
    assert {s["code"] for s in outcome.skipped} == {"FN002", "FN004"}
    assert all("names a note by number" in str(s["why"]) for s in outcome.skipped)


def test_numbers_that_name_no_note_do_not_stop_a_fix(tmp_path: Path) -> None:
    text = "Rents rose 2 percent in 2021.[1] Wages fell.[3]\n\n[1] One, 2022.\n[3] Three, 2022.\n"
    outcome, _ = fixing(tmp_path, "r.txt", text, unsafe=False)
    assert outcome.map == {"3": "2"}


def test_a_back_link_s_title_naming_a_number_is_not_prose(tmp_path: Path) -> None:
    text = (
        '<p>Alpha in 2021.<sup id="r2"><a href="#n2">2</a></sup>'
        ' Beta in 2021.<sup id="r1"><a href="#n1">1</a></sup></p>\n<ol>\n'
        '<li id="n1"><p>One, 2022. <a href="#r1" title="Back to footnote 1">↩</a></p></li>\n'
        '<li id="n2"><p>Two, 2022. <a href="#r2" title="Back to footnote 2">↩</a></p></li>\n'
        "</ol>\n"
    )
    outcome, _ = fixing(tmp_path, "page.html", text, unsafe=False)
    assert outcome.map == {"2": "1", "1": "2"}
