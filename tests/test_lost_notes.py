"""A file whose markers have no notes at all: the console says so once, JSON keeps each."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import footcheck

LOST = """\
Rents rose in 2021.[1] Wages did not.[2] Prices followed in 2022.[3]

The council met on 4 May 2022.[4]
"""

ONE_LOST = """\
Rents rose in 2021.[1]
"""


def test_console_explains_once_and_lists_the_markers(tmp_path: Path) -> None:
    (tmp_path / "export.txt").write_text(LOST)
    done = footcheck("check", "export.txt", cwd=tmp_path)
    assert done.returncode == 1
    out = done.stdout
    assert out.count("4 markers and no notes: were the notes lost in the export") == 1
    assert "4 markers have no note  [missing-footnote]" in out
    assert "[1] 1:20, [2] 1:38, [3] 1:66, [4] 3:31" in out
    assert "has no note" not in out.replace("have no note", "")  # no finding per marker


def test_json_keeps_one_finding_per_marker(tmp_path: Path) -> None:
    (tmp_path / "export.txt").write_text(LOST)
    done = footcheck("check", "export.txt", "--format", "json", cwd=tmp_path)
    report = json.loads(done.stdout)
    assert [(f["code"], f["footnote"]) for f in report["findings"]] == [
        ("FN001", "1"),
        ("FN001", "2"),
        ("FN001", "3"),
        ("FN001", "4"),
    ]


def test_a_single_lost_marker_is_shown_as_a_finding(tmp_path: Path) -> None:
    (tmp_path / "export.txt").write_text(ONE_LOST)
    out = footcheck("check", "export.txt", cwd=tmp_path).stdout
    assert "markers and no notes" not in out
    assert "marker [1] has no note" in out


def test_a_file_with_notes_lists_missing_markers_one_by_one(tmp_path: Path) -> None:
    (tmp_path / "draft.txt").write_text(LOST + "\n[1] Housing Survey, 2022.\n")
    out = footcheck("check", "draft.txt", cwd=tmp_path).stdout
    assert "markers and no notes" not in out
    assert out.count("has no note") == 3


def test_a_long_list_wraps(tmp_path: Path) -> None:
    body = " ".join(f"Claim {n} was made in 2020.[{n}]" for n in range(1, 41))
    (tmp_path / "long.txt").write_text(body + "\n")
    out = footcheck("check", "long.txt", cwd=tmp_path).stdout
    listed = [line for line in out.splitlines() if line.startswith("           [")]
    assert len(listed) > 2
    assert all(len(line) <= 90 for line in listed)
    assert "[40] 1:" in listed[-1]
