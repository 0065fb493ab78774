"""Errors are caught once: bad input is the file's one-line error; a bug is reported, not cached.

The readers raise `DocumentError` for input they cannot read and nothing else; the
run's one guard turns any other exception into that file's error asking for a
report, never stores it in the cache, and lets it through with its traceback under
--debug. These tests break a reader on purpose (through the registry) to see each.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from footcheck import cli, parsers
from footcheck.footnotes.model import Document, DocumentError, PartialDate
from footcheck.footnotes.runner import run
from footcheck.footnotes.settings import Config

DAY = PartialDate(2026, 11, 24)
DRAFT = "Output rose in 2023.[^1]\n\n[^1]: Statistics Office, March 3, 2023.\n"


def _break_markdown(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> list[str]:
    """Make the Markdown reader raise `exc`; returns the paths it was asked to read."""
    calls: list[str] = []
    real = parsers.reader

    def broken(data: bytes, path: str) -> Document:
        calls.append(path)
        raise exc

    def reader(fmt: str) -> Callable[[bytes, str], Document]:
        return broken if fmt == "markdown" else real(fmt)

    monkeypatch.setattr(parsers, "reader", reader)
    return calls


def _draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def _config(tmp_path: Path, **kwargs: object) -> Config:
    return Config(today=DAY, cache_dir=str(tmp_path / "cache"), **kwargs)  # type: ignore[arg-type]


def _entries(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "cache"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_a_readers_bug_is_the_files_one_line_error_asking_for_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_markdown(monkeypatch, KeyError("boom"))
    result = run([str(_draft(tmp_path))], Config(today=DAY), parsers.parse)
    (only,) = result.files
    assert only.error == "internal error reading markdown (KeyError: 'boom'); please report it"
    assert result.exit_code == 2


def test_a_readers_bug_is_never_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = _draft(tmp_path)
    calls = _break_markdown(monkeypatch, IndexError("list index out of range"))
    first = run([str(draft)], _config(tmp_path), parsers.parse)
    second = run([str(draft)], _config(tmp_path), parsers.parse)
    assert first.files[0].error is not None and "IndexError" in first.files[0].error
    assert second == first
    assert calls == [str(draft), str(draft)]  # read again: nothing was stored
    monkeypatch.undo()
    fixed = run([str(draft)], _config(tmp_path), parsers.parse)
    assert fixed.files[0].error is None and fixed.files[0].footnotes == 1


def test_input_too_deep_or_too_large_is_not_cached_either(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = _draft(tmp_path)
    for exc, message in (
        (RecursionError(), "markdown nested too deeply to read"),
        (MemoryError(), "markdown too large to read"),
    ):
        _break_markdown(monkeypatch, exc)
        result = run([str(draft)], _config(tmp_path), parsers.parse)
        assert result.files[0].error == message
        assert _entries(tmp_path) == []
        monkeypatch.undo()


def test_bad_input_is_one_line_and_is_cached(tmp_path: Path) -> None:
    draft = tmp_path / "binary.md"
    draft.write_bytes(b"\x00\x01\x02" * 100)
    calls: list[str] = []

    class Counting:
        def __call__(self, data: bytes, path: str, format: str | None = None) -> Document:
            calls.append(path)
            return parsers.parse(data, path, format)

        format_for = staticmethod(parsers.parse.format_for)
        format_for_named = staticmethod(parsers.parse.format_for_named)
        code_folders = parsers.parse.code_folders
        libraries = parsers.parse.libraries

    first = run([str(draft)], _config(tmp_path), Counting())
    second = run([str(draft)], _config(tmp_path), Counting())
    error = first.files[0].error
    assert error is not None and "\n" not in error and "please report" not in error
    assert second == first
    assert calls == [str(draft)]  # the second run took the stored result


def test_debug_lets_a_readers_bug_through_with_its_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_markdown(monkeypatch, KeyError("boom"))
    with pytest.raises(KeyError, match="boom"):
        run([str(_draft(tmp_path))], _config(tmp_path, debug=True), parsers.parse)
    assert _entries(tmp_path) == []


def test_the_command_line_reports_a_readers_bug_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = _draft(tmp_path)
    clean = tmp_path / "clean.txt"
    clean.write_text("Output rose in 2023.[1]\n\n[1] Office, March 3, 2023.\n")
    _break_markdown(monkeypatch, KeyError("boom"))
    runner = CliRunner()
    args = ["check", "--no-cache", "--format", "json", str(draft), str(clean)]
    done = runner.invoke(cli.main, args)
    assert done.exit_code == 2
    report = json.loads(done.stdout)
    errors = {Path(f["path"]).name: f["error"] for f in report["files"]}
    assert errors == {
        "draft.md": "internal error reading markdown (KeyError: 'boom'); please report it",
        "clean.txt": None,
    }
    debug = runner.invoke(cli.main, ["check", "--no-cache", "--debug", str(draft)])
    assert isinstance(debug.exception, KeyError)


def test_show_reports_a_readers_bug_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_markdown(monkeypatch, KeyError("boom"))
    done = CliRunner().invoke(cli.main, ["show", "--format", "json", str(_draft(tmp_path))])
    assert done.exit_code == 2
    shown = json.loads(done.stdout)
    assert shown["error"] == "internal error reading markdown (KeyError: 'boom'); please report it"


def test_parse_itself_lets_a_readers_bug_through(monkeypatch: pytest.MonkeyPatch) -> None:
    """The registry does not catch: the one guard is the run's."""
    _break_markdown(monkeypatch, KeyError("boom"))
    with pytest.raises(KeyError):
        parsers.parse(DRAFT.encode(), "draft.md")
    with pytest.raises(DocumentError, match="does not read PDF"):
        parsers.parse(b"%PDF-1.7", "report.pdf", "pdf")
