"""`footcheck fix` end to end: the diff, the write, the map, what it refuses and skips."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from footcheck import parsers
from footcheck.footnotes.fixes.run import UNSAFE
from footcheck.footnotes.fixes.verify import refusal
from footcheck.footnotes.model import Document
from tests.test_cli import footcheck

ROOT = Path(__file__).resolve().parent.parent
SWAPPED = (
    "Rents rose.[1] Wages did not.[3] Prices fell.[2]\r\n\r\n"
    "[1] Housing Survey, March 2022.\r\n[2] Price Index, May 2022.\r\n"
    "[3] Labour Review, April 2022.\r\n"
)
FIXED = (
    "Rents rose.[1] Wages did not.[2] Prices fell.[3]\r\n\r\n"
    "[1] Housing Survey, March 2022.\r\n[2] Labour Review, April 2022.\r\n"
    "[3] Price Index, May 2022.\r\n"
)


def test_diff_shows_the_change_and_changes_nothing(tmp_path: Path) -> None:
    draft = tmp_path / "swap.txt"
    draft.write_bytes(SWAPPED.encode())
    done = footcheck("fix", str(draft), "--diff")
    assert done.returncode == 1  # something to fix
    assert "-Rents rose.[1] Wages did not.[3] Prices fell.[2]" in done.stdout
    assert "+[3] Price Index, May 2022." in done.stdout
    assert "would renumber: [3] -> [2], [2] -> [3]" in done.stdout
    assert draft.read_bytes() == SWAPPED.encode()


def test_fix_writes_in_place_keeping_newlines_and_mode_and_says_the_map(tmp_path: Path) -> None:
    draft = tmp_path / "swap.txt"
    draft.write_bytes(SWAPPED.encode())
    draft.chmod(0o640)
    done = footcheck("fix", str(draft), "--format", "json")
    assert done.returncode == 0, done.stderr
    (entry,) = json.loads(done.stdout)["files"]
    assert entry["changed"] and entry["written"] and entry["error"] is None
    assert entry["map"] == {"3": "2", "2": "3"} and entry["deleted"] == []
    assert {f["applicability"] for f in entry["fixes"]} == {"safe"}
    assert draft.read_bytes() == FIXED.encode()
    assert draft.stat().st_mode & 0o777 == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name != "swap.txt"]
    again = json.loads(footcheck("fix", str(draft), "--format", "json").stdout)["files"][0]
    assert not again["changed"] and not again["written"]  # idempotent
    assert "FN004" not in footcheck("check", str(draft), "--format", "json").stdout


def test_what_cannot_be_fixed_safely_is_said_and_left(tmp_path: Path) -> None:
    drafts = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", drafts)
    before = {p: p.read_bytes() for p in drafts.rglob("*") if p.is_file()}
    done = footcheck("fix", str(drafts), "--diff", "--format", "json")
    assert done.returncode == 1  # the review copy's unused comment would go
    entries = {Path(e["path"]).name: e for e in json.loads(done.stdout)["files"]}
    energy = entries["energy-security-draft.txt"]
    assert energy["skipped"] == [
        {"code": "CT001", "footnote": "5", "why": UNSAFE["CT001"]},
        {"code": "FN002", "footnote": "7", "why": UNSAFE["FN002"]},
        {"code": "FN004", "footnote": "6", "why": "marker [8] has no note (FN001): fix that first"},
    ]
    assert not energy["changed"]
    review = entries["housing-survey-review.md"]
    assert review["changed"] and not review["written"]
    assert review["fixes"] == [{"code": "SUP001", "footnote": None, "applicability": "safe"}]
    assert [name for name, e in entries.items() if e["changed"]] == ["housing-survey-review.md"]
    assert {p: p.read_bytes() for p in drafts.rglob("*") if p.is_file()} == before


def test_formats_not_rewritten_are_not_fixable_and_word_processors_need_no_renumbering(
    tmp_path: Path,
) -> None:
    page = tmp_path / "page.rst"
    page.write_text("A claim [2]_ then [1]_.\n\n.. [1] One, 2022.\n.. [2] Two, 2022.\n")
    shutil.copy(ROOT / "tests" / "fixtures" / "office" / "notes.docx", tmp_path / "n.docx")
    done = footcheck("fix", str(tmp_path), "--format", "json")
    entries = {Path(e["path"]).name: e for e in json.loads(done.stdout)["files"]}
    assert entries["page.rst"]["skipped"] == [
        {"code": "FN004", "footnote": "2", "why": "not fixable in this format"}
    ]
    # Its notes are numbered by Word (no FN004 fix needed); deleting one is not done there.
    assert entries["n.docx"]["skipped"] == [
        {"code": "FN002", "footnote": "6", "why": "not fixable in this format"}
    ]
    assert not entries["n.docx"]["changed"]


def test_standard_input_and_unreadable_files(tmp_path: Path) -> None:
    assert footcheck("fix", "-").returncode == 2
    missing = footcheck("fix", str(tmp_path / "gone.txt"), "--format", "json")
    assert missing.returncode == 2
    assert json.loads(missing.stdout)["files"][0]["error"]


def test_a_fix_that_would_lose_or_change_a_note_is_refused() -> None:
    def doc(text: str) -> Document:
        return parsers.parse(text.encode(), "r.txt", "text")

    before = doc("A.[2] B.[1]\n\n[1] One, 2022.\n[2] Two, 2022.\n")
    lost = doc("A.[1] B.[2]\n\n[1] Two, 2022.\n[2] One, 2021.\n")
    assert refusal(before, [], lost, []) == "a note's text would change"
    same = doc("A.[1] B.[2]\n\n[1] Two, 2022.\n[2] One, 2022.\n")
    assert refusal(before, [], same, []) is None
    swapped = doc("A.[2] B.[1]\n\n[1] Two, 2022.\n[2] One, 2022.\n")
    assert refusal(before, [], swapped, []) == "a marker would cite another note's text"


def test_the_diff_of_a_crlf_file_keeps_its_line_ends_on_the_terminal(tmp_path: Path) -> None:
    draft = tmp_path / "swap.txt"
    draft.write_bytes(SWAPPED.encode())
    done = footcheck("fix", str(draft), "--diff")
    assert "\\x0d" not in done.stdout
    assert "+Rents rose.[1] Wages did not.[2] Prices fell.[3]" in done.stdout


def test_unsafe_fixes_give_the_map_and_the_deleted_notes(tmp_path: Path) -> None:
    draft = tmp_path / "merge.txt"
    text = (
        "A in 2021.[1] B in 2021.[2] C in 2021.[3] D in 2021.[4]\n\n"
        "[1] Gulf Observer, July 22, 2022.\n[2] Gulf Observer, July 22, 2022.\n"
        "[3] Port Authority, May 2022.\n[4] Customs Office, June 2022.\n[5] Unused, 2022.\n"
    )
    draft.write_text(text)
    safe_only = footcheck("fix", str(draft), "--diff")
    assert safe_only.returncode == 0 and "run fix with --unsafe" in safe_only.stdout
    shown = footcheck("fix", str(draft), "--diff", "--unsafe")
    assert shown.returncode == 1
    assert "would renumber: [3] -> [2], [4] -> [3]" in shown.stdout
    assert "would merge: [2] into [1]" in shown.stdout
    assert "would delete: [5]" in shown.stdout
    assert draft.read_text() == text
    done = footcheck("fix", str(draft), "--unsafe", "--format", "json")
    assert done.returncode == 0, done.stderr
    (entry,) = json.loads(done.stdout)["files"]
    assert entry["map"] == {"2": "1", "3": "2", "4": "3"}
    assert entry["deleted"] == ["2", "5"]
    assert entry["fixes"] == [
        {"code": "CT001", "footnote": "2", "applicability": "unsafe"},
        {"code": "FN002", "footnote": "5", "applicability": "unsafe"},
    ]
    assert entry["written"] and entry["skipped"] == []
    assert draft.read_text().endswith(
        "[2] Port Authority, May 2022.\n[3] Customs Office, June 2022.\n"
    )
    assert json.loads(footcheck("check", str(draft), "--format", "json").stdout)["findings"] == []


def test_check_says_what_fix_may_take_on(tmp_path: Path) -> None:
    told = footcheck("check", str(ROOT / "examples")).stdout.splitlines()[-1]
    assert told == (
        "`footcheck fix` may fix 2 of these, `footcheck fix --unsafe` 2 more (--diff shows how)."
    )
    draft = tmp_path / "unused.txt"
    draft.write_text("Rents rose in 2022.[1]\n\n[1] Survey, March 2023.\n[2] Old, May 2023.\n")
    assert footcheck("check", str(draft)).stdout.splitlines()[-1] == (
        "`footcheck fix --unsafe` may fix 1 of these (--diff shows how)."
    )
    # A Word file's unused note is not fix's to delete; a clean file has nothing to say.
    shutil.copy(ROOT / "tests" / "fixtures" / "office" / "notes.docx", tmp_path / "n.docx")
    draft.write_text("Rents rose in 2022.[1]\n\n[1] Survey, March 2023.\n")
    assert "footcheck fix" not in footcheck("check", str(tmp_path)).stdout


def test_a_file_that_cannot_be_written_says_so_and_claims_no_change(tmp_path: Path) -> None:
    draft = tmp_path / "swap.txt"
    draft.write_bytes(SWAPPED.encode())
    draft.chmod(0o444)
    done = footcheck("fix", str(draft), "--format", "json")
    assert done.returncode == 2
    (entry,) = json.loads(done.stdout)["files"]
    assert "read-only" in entry["error"]
    assert not entry["changed"] and not entry["written"] and entry["map"] == {}
    console = footcheck("fix", str(draft)).stdout
    assert "renumbered" not in console and "changed 0 of 1 files, 1 could not be fixed" in console
    assert draft.read_bytes() == SWAPPED.encode()
