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
from footcheck.footnotes.fixes.run import UNSAFE_SKIPPED, FileFix, fix_file
from footcheck.footnotes.settings import CommandLine, FileSettings, resolve
from footcheck.parsers.rewriting import REWRITING

CONFIG = resolve(FileSettings(), CommandLine(no_cache=True))


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
    assert outcome.skipped == [{"code": "FN002", "footnote": "2", "why": UNSAFE_SKIPPED}]


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
