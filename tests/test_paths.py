"""Awkward paths: links that loop or dangle, files that are not files, odd names, vanishing files.

Each case asserts the whole outcome: the file's one-line error naming the reason
(files[].error in the JSON report, and the console line naming the file), exit
status 2, the good files beside it still checked, no traceback, and a time bound.
The tests run as root, which can read any file, so "unreadable" is a named pipe, a
folder, and an `open` that fails (monkeypatched, through `footnotes.runner.run`).
"""

from __future__ import annotations

import errno
import json
import os
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from footcheck import parsers
from footcheck.footnotes import engine, runner
from footcheck.footnotes import files as discovery
from footcheck.footnotes.files import Target
from footcheck.footnotes.model import DocumentError
from footcheck.footnotes.results import FileResult, RunResult
from footcheck.footnotes.runner import run
from footcheck.footnotes.settings import Config
from tests.conftest import TODAY
from tests.test_cli import CLEAN, footcheck

# A report with one finding-free marker and note in each of text and Markdown.
GOOD_MD = "Turnout reached 61 percent in 2022.[^1]\n\n[^1]: Electoral Commission, 10 June 2022.\n"
# Generous: each case takes well under a second; a hang shows as the subprocess timeout.
TIME_LIMIT = 30.0


def _json_check(*args: str, cwd: Path | None = None) -> tuple[int, dict[str, Any], str]:
    started = time.monotonic()
    result = footcheck("check", "--format", "json", *args, cwd=cwd)
    assert time.monotonic() - started < TIME_LIMIT
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout), result.stderr


def _files(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {os.path.basename(f["path"]): f for f in report["files"]}


def _assert_checked(entry: dict[str, Any]) -> None:
    assert entry["error"] is None, entry
    assert entry["markers"] >= 1 and entry["footnotes"] >= 1, entry


def _assert_one_line_error(entry: dict[str, Any], *words: str) -> None:
    error = entry["error"]
    assert error and "\n" not in error, entry
    for word in words:
        assert word in error, entry


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with two good reports in it, for the bad ones to sit beside."""
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "good.txt").write_text(CLEAN)
    (drafts / "good.md").write_text(GOOD_MD)
    return drafts


# ------------------------------------------------------------------------- symbolic links


def test_a_folder_link_loop_is_not_followed_and_the_run_finishes(folder: Path) -> None:
    (folder / "loop").symlink_to("..")  # drafts/loop -> drafts/.. : followed, it never ends
    (folder / "sub").mkdir()
    (folder / "sub" / "back").symlink_to(folder)
    status, report, _ = _json_check(str(folder))
    assert status == 0, report
    files = report["files"]
    assert [os.path.basename(f["path"]) for f in files] == ["good.md", "good.txt"]
    for entry in files:
        _assert_checked(entry)


def test_a_file_link_loop_is_reported_and_the_others_checked(folder: Path) -> None:
    (folder / "a.md").symlink_to("b.md")
    (folder / "b.md").symlink_to("a.md")
    (folder / "self.txt").symlink_to("self.txt")
    status, report, _ = _json_check(str(folder))
    assert status == 2
    files = _files(report)
    for name in ("a.md", "b.md", "self.txt"):
        _assert_one_line_error(files[name], "symbolic link loop")
    _assert_checked(files["good.md"])
    _assert_checked(files["good.txt"])


def test_a_dangling_link_inside_a_folder(folder: Path) -> None:
    (folder / "gone.md").symlink_to("deleted-draft.md")
    status, report, _ = _json_check(str(folder))
    assert status == 2
    files = _files(report)
    _assert_one_line_error(files["gone.md"], "dangling symbolic link", "deleted-draft.md")
    _assert_checked(files["good.md"])
    _assert_checked(files["good.txt"])


def test_a_dangling_link_named_explicitly(folder: Path) -> None:
    gone = folder / "gone.txt"
    gone.symlink_to(folder / "nowhere" / "draft.txt")
    status, report, _ = _json_check(str(gone), str(folder / "good.txt"))
    assert status == 2
    files = _files(report)
    _assert_one_line_error(files["gone.txt"], "dangling symbolic link")
    _assert_checked(files["good.txt"])
    console = footcheck("check", "--no-color", str(gone), str(folder / "good.txt"))
    assert console.returncode == 2
    assert f"{gone}: error: dangling symbolic link" in console.stdout + console.stderr
    assert "Traceback" not in console.stderr


def test_a_named_file_that_does_not_exist(folder: Path) -> None:
    status, report, _ = _json_check(str(folder / "missing.txt"), str(folder / "good.txt"))
    assert status == 2
    files = _files(report)
    _assert_one_line_error(files["missing.txt"], "no such file")
    _assert_checked(files["good.txt"])


# ----------------------------------------------------------------- things that are not files


def test_a_named_pipe_is_refused_without_being_opened(folder: Path) -> None:
    # Opening a FIFO for reading blocks until a writer comes: the run would hang.
    os.mkfifo(folder / "x.md")
    status, report, _ = _json_check(str(folder))
    assert status == 2
    files = _files(report)
    _assert_one_line_error(files["x.md"], "not a regular file", "named pipe")
    _assert_checked(files["good.md"])
    _assert_checked(files["good.txt"])
    # Named explicitly, too.
    status, report, _ = _json_check(str(folder / "x.md"), str(folder / "good.md"))
    assert status == 2
    _assert_one_line_error(_files(report)["x.md"], "named pipe")
    _assert_checked(_files(report)["good.md"])


def test_a_folder_named_like_a_report_is_searched_not_read(folder: Path) -> None:
    (folder / "y.md").mkdir()
    (folder / "y.md" / "inner.md").write_text(GOOD_MD)
    status, report, _ = _json_check(str(folder))
    assert status == 0
    files = _files(report)
    assert sorted(files) == ["good.md", "good.txt", "inner.md"]
    for entry in files.values():
        _assert_checked(entry)


def test_a_folder_given_where_a_file_is_read_is_one_error(folder: Path) -> None:
    # `footcheck show` reads one file; a folder there is that file's error.
    (folder / "y.md").mkdir()
    result = footcheck("show", "--format", "json", str(folder / "y.md"))
    assert result.returncode == 2
    assert "not a regular file (a folder)" in json.loads(result.stdout)["error"]
    assert "Traceback" not in result.stderr
    # And a target that became a folder after discovery, through the runner.
    results = engine.check_target(
        Target(str(folder / "y.md"), str(folder / "y.md"), "markdown"), Config(), parsers.parse
    ).result
    assert results.error == "not a regular file (a folder)"


def _run(paths: Iterable[str]) -> RunResult:
    return run(list(paths), Config(today=TODAY), parsers.parse)


def _by_name(result: RunResult) -> dict[str, FileResult]:
    return {os.path.basename(f.path): f for f in result.files}


def test_a_file_whose_open_fails_is_one_error(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "locked.md").write_text(GOOD_MD)
    (folder / "broken.txt").write_text(CLEAN)
    real_open = open

    def failing_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        name = os.path.basename(str(file))
        if name == "locked.md":
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        if name == "broken.txt":
            raise OSError(errno.EIO, "Input/output error", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(discovery, "open", failing_open, raising=False)
    result = _run([str(folder)])
    assert result.exit_code == 2
    files = _by_name(result)
    assert files["locked.md"].error == "cannot read: permission denied"
    assert files["broken.txt"].error == "cannot read: input/output error"
    assert files["good.md"].error is None and files["good.md"].markers == 1
    assert files["good.txt"].error is None and files["good.txt"].footnotes == 2


def test_a_folder_that_cannot_be_listed_is_one_error(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    private = folder / "private"
    private.mkdir()
    (private / "secret.md").write_text(GOOD_MD)
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if os.path.basename(os.fspath(path)) == "private":
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = _run([str(folder)])
    assert result.exit_code == 2
    files = _by_name(result)
    assert files["private"].error == "cannot list the folder: permission denied"
    assert "secret.md" not in files
    assert files["good.md"].error is None and files["good.txt"].error is None


def test_a_file_that_vanishes_between_discovery_and_reading(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = folder / "draft.md"
    victim.write_text(GOOD_MD)
    discover = discovery.discover

    def vanishing(
        paths: Iterable[str], parse: Any, config: Config | None = None
    ) -> Iterator[Target]:
        targets = list(discover(paths, parse, config))
        assert any(t.source == str(victim) for t in targets)
        victim.unlink()
        return iter(targets)

    monkeypatch.setattr(runner, "discover", vanishing)
    result = _run([str(folder)])
    assert result.exit_code == 2
    files = _by_name(result)
    assert files["draft.md"].error == "no such file (it may have been moved or deleted)"
    assert files["good.md"].error is None and files["good.md"].markers == 1
    assert files["good.txt"].error is None


def test_a_file_replaced_by_a_pipe_after_the_stat_does_not_hang(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The race the second check (fstat of the opened file) is for: open it non-blocking.
    swapped = folder / "swapped.md"
    swapped.write_text(GOOD_MD)
    real_stat = os.stat

    def stat_then_swap(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        info = real_stat(path, *args, **kwargs)
        if os.fspath(path) == str(swapped):
            swapped.unlink()
            os.mkfifo(swapped)
        return info

    monkeypatch.setattr(os, "stat", stat_then_swap)
    started = time.monotonic()
    result = engine.check_target(
        Target(str(swapped), str(swapped), "markdown"), Config(), parsers.parse
    ).result
    assert time.monotonic() - started < TIME_LIMIT
    assert result.error == "not a regular file (a named pipe)"


# ------------------------------------------------------------------------------- odd names

ODD_NAMES = [
    "with spaces in it.md",
    "draft [final] (v2).txt",
    "[1].md",
    "résumé – Übersicht.md",
    "報告.txt",
    "-leading-dash.md",
    "--also.txt",
    "semi;colon&amp$HOME.md",
]


def test_odd_names_in_a_folder_are_all_checked(folder: Path) -> None:
    for name in ODD_NAMES:
        (folder / name).write_text(GOOD_MD if name.endswith(".md") else CLEAN)
    status, report, _ = _json_check(str(folder))
    assert status == 0, report
    files = _files(report)
    assert sorted(files) == sorted([*ODD_NAMES, "good.md", "good.txt"])
    for entry in files.values():
        assert entry["error"] is None, entry
        assert entry["footnotes"] >= 1, entry


def test_odd_names_named_explicitly(folder: Path) -> None:
    for name in ODD_NAMES:
        (folder / name).write_text(GOOD_MD if name.endswith(".md") else CLEAN)
    # A leading "-" needs "--" (or "./") on any command line: after it, every name is a path.
    status, report, _ = _json_check("--", *ODD_NAMES, cwd=folder)
    assert status == 0, report
    assert [f["path"] for f in report["files"]] == ODD_NAMES
    assert all(f["error"] is None for f in report["files"])
    status, report, _ = _json_check("./-leading-dash.md", cwd=folder)
    assert status == 0 and report["files"][0]["error"] is None


def test_an_odd_name_with_a_bad_file_names_the_file_on_the_console(folder: Path) -> None:
    bad = folder / "[1] rapport d’été.md"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    console = footcheck("check", "--no-color", str(folder))
    assert console.returncode == 2
    shown = console.stdout + console.stderr
    assert f"{bad}: error: binary file (a PNG image), not a text report" in shown
    assert "Traceback" not in console.stderr
    assert "2 files checked" in shown


def test_a_file_that_grows_after_its_size_was_read_is_read_whole_and_still_limited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    grown = tmp_path / "growing.txt"
    grown.write_bytes(b"x" * 1000)
    real_fstat = os.fstat

    def stale_fstat(fd: int) -> os.stat_result:  # the size from before the file grew
        info = list(real_fstat(fd))
        info[stat.ST_SIZE] = 10
        return os.stat_result(info)

    monkeypatch.setattr(discovery.os, "fstat", stale_fstat)
    target = Target(str(grown), str(grown), "text")
    assert discovery.read_bytes(target, 5000) == b"x" * 1000
    with pytest.raises(DocumentError, match="too large"):
        discovery.read_bytes(target, 500)
