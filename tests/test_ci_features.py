"""Baselines, --output, --changed-since, configuration files and include/exclude, end to end."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.test_cli import CLEAN, FAULTY, footcheck

REPORT = """\
Troops left in August 2019.[1] Talks resumed in September 2019.[2]

[1] Gulf Observer, July 22, 2021.
[2] Gulf Observer, July 22, 2021.
"""


def _codes(run: subprocess.CompletedProcess[str]) -> list[tuple[str, str | None]]:
    return [(f["code"], f["footnote"]) for f in json.loads(run.stdout)["findings"]]


def test_baseline_survives_shifted_lines_and_catches_a_new_finding(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT)
    baseline = tmp_path / "baseline.json"
    written = footcheck("check", str(report), "--write-baseline", str(baseline))
    assert written.returncode == 0
    assert json.loads(baseline.read_text())["entries"][0]["code"] == "CT001"
    # Every line moves down; the old finding stays accepted.
    report.write_text("Draft for review\n\nAn opening paragraph.\n\n" + REPORT)
    quiet = footcheck("check", str(report), "--baseline", str(baseline), "--format", "json")
    assert (quiet.returncode, _codes(quiet)) == (0, [])
    # A new problem is reported, the old one still is not.
    report.write_text(REPORT.replace("2019.[2]", "2019.[2] Envoys left.[3]"))
    new = footcheck("check", str(report), "--baseline", str(baseline), "--format", "json")
    assert new.returncode == 1
    assert _codes(new) == [("FN001", "3")]


def test_prune_baseline_drops_entries_that_no_longer_occur(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT)
    baseline = tmp_path / "b.json"
    footcheck("check", str(report), "--write-baseline", str(baseline))
    report.write_text(REPORT.replace("[2] Gulf Observer", "[2] Harbour Gazette"))
    footcheck("check", str(report), "--baseline", str(baseline), "--prune-baseline")
    assert json.loads(baseline.read_text())["entries"] == []
    bad = footcheck("check", str(report), "--prune-baseline")
    assert bad.returncode == 2


def test_output_file_gets_the_report_and_the_console_a_summary(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(FAULTY)
    out = tmp_path / "out.sarif"
    run = footcheck("check", str(report), "--format", "sarif", "--output", str(out))
    assert run.returncode == 1
    assert json.loads(out.read_text())["version"] == "2.1.0"
    assert run.stdout.startswith("Found ") and run.stdout.count("\n") == 1


def test_changed_since_checks_only_what_differs(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "ci@example.invalid")
    git("config", "user.name", "CI")
    (tmp_path / "old.txt").write_text(FAULTY)
    git("add", ".")
    git("commit", "-q", "-m", "first")
    (tmp_path / "new.txt").write_text(CLEAN)
    run = footcheck("check", ".", "--changed-since", "HEAD", "--format", "json", cwd=tmp_path)
    assert [f["path"] for f in json.loads(run.stdout)["files"]] == ["new.txt"]
    assert run.returncode == 0


def test_changed_since_outside_git_is_a_clear_error(tmp_path: Path) -> None:
    run = footcheck("check", ".", "--changed-since", "HEAD", cwd=tmp_path)
    assert run.returncode == 2
    assert "needs a git repository" in run.stderr


def test_configuration_from_pyproject_applies_and_is_described(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.footcheck]\n"
        'ignore = ["FN002"]\n'
        'severity = {CT001 = "error"}\n'
        'exclude = ["archive/**"]\n'
        'per-file-ignores = {"drafts/legacy/*.txt" = ["DT001"]}\n'
    )
    drafts = tmp_path / "drafts"
    (drafts / "legacy").mkdir(parents=True)
    (tmp_path / "archive").mkdir()
    (drafts / "r.txt").write_text(FAULTY)
    (drafts / "legacy" / "old.txt").write_text(FAULTY)
    (tmp_path / "archive" / "a.txt").write_text(FAULTY)
    run = footcheck("check", ".", "--format", "json", cwd=tmp_path)
    out = json.loads(run.stdout)
    assert [f["path"] for f in out["files"]] == ["drafts/legacy/old.txt", "drafts/r.txt"]
    found = {(Path(f["path"]).name, f["code"], f["severity"]) for f in out["findings"]}
    assert ("r.txt", "CT001", "error") in found
    assert ("r.txt", "DT001", "error") in found
    assert not any(code == "FN002" for _, code, _ in found)
    assert not any(name == "old.txt" and code == "DT001" for name, code, _ in found)
    described = footcheck("config", cwd=tmp_path)
    assert described.returncode == 0
    assert "FN002" in described.stdout and "pyproject.toml" in described.stdout


def test_an_unknown_configuration_key_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / ".footcheck.toml").write_text('selct = ["DT"]\n')
    (tmp_path / "r.txt").write_text(CLEAN)
    run = footcheck("check", "r.txt", cwd=tmp_path)
    assert run.returncode == 2
    assert "selct" in run.stderr
    bad_rule = tmp_path / "other"
    bad_rule.mkdir()
    (bad_rule / ".footcheck.toml").write_text('ignore = ["XX123"]\n')
    (bad_rule / "r.txt").write_text(CLEAN)
    run = footcheck("check", "r.txt", cwd=bad_rule)
    assert run.returncode == 2 and "XX123" in run.stderr


def test_include_and_exclude_globs_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(FAULTY)
    (tmp_path / "b.md").write_text(CLEAN)
    only_md = footcheck("check", ".", "--include", "*.md", "--format", "json", cwd=tmp_path)
    assert [f["path"] for f in json.loads(only_md.stdout)["files"]] == ["b.md"]
    no_txt = footcheck(
        "check", "a.txt", "b.md", "--exclude", "*.txt", "--format", "json", cwd=tmp_path
    )
    assert [f["path"] for f in json.loads(no_txt.stdout)["files"]] == ["b.md"]


def _checked(run: subprocess.CompletedProcess[str]) -> list[str]:
    return sorted(Path(f["path"]).name for f in json.loads(run.stdout)["files"])


def test_command_line_globs_apply_to_a_folder_outside_the_current_one(tmp_path: Path) -> None:
    """`check /srv/drafts --exclude archive` from elsewhere skips /srv/drafts/archive."""
    drafts = tmp_path / "srv" / "drafts"
    (drafts / "archive").mkdir(parents=True)
    (drafts / "live.md").write_text(CLEAN)
    (drafts / "archive" / "old.txt").write_text(FAULTY)
    (drafts / "archive" / "older.md").write_text(CLEAN)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder = str(drafts.resolve())
    for exclude in ("archive", "archive/", "/archive", "archive/**", "*.txt"):
        run = footcheck("check", folder, "--exclude", exclude, "--format", "json", cwd=elsewhere)
        expected = ["live.md", "older.md"] if exclude == "*.txt" else ["live.md"]
        assert _checked(run) == expected, exclude
    anchored = footcheck(
        "check", folder, "--exclude", "archive/old.txt", "--format", "json", cwd=elsewhere
    )
    assert _checked(anchored) == ["live.md", "older.md"]
    included = footcheck(
        "check", folder, "--include", "archive/*.md", "--format", "json", cwd=elsewhere
    )
    assert _checked(included) == ["older.md"]
    # A folder named relatively, from its parent: its globs work from either folder.
    for exclude in ("archive", "drafts/archive"):
        run = footcheck(
            "check", "drafts", "--exclude", exclude, "--format", "json", cwd=drafts.parent
        )
        assert _checked(run) == ["live.md"], exclude


def test_command_line_globs_apply_to_a_file_named_outside_the_current_one(
    tmp_path: Path,
) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.txt").write_text(FAULTY)
    (drafts / "b.md").write_text(CLEAN)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    names = [str((drafts / name).resolve()) for name in ("a.txt", "b.md")]
    run = footcheck("check", *names, "--exclude", "*.txt", "--format", "json", cwd=elsewhere)
    assert _checked(run) == ["b.md"]


def test_show_reads_the_configuration_as_check_does(tmp_path: Path) -> None:
    (tmp_path / ".footcheck.toml").write_text("report-date = 2023-12-01\n")
    (tmp_path / "r.txt").write_text(CLEAN)
    shown = json.loads(footcheck("show", "r.txt", "--format", "json", cwd=tmp_path).stdout)
    checked = json.loads(footcheck("check", "r.txt", "--format", "json", cwd=tmp_path).stdout)
    assert shown["report_date"] == checked["files"][0]["report_date"] == "2023-12-01"
    given = footcheck(
        "show", "r.txt", "--format", "json", "--report-date", "2024-05-06", cwd=tmp_path
    )
    assert json.loads(given.stdout)["report_date"] == "2024-05-06"
