"""The result cache: unchanged drafts are not parsed again, and nothing else changes."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from footcheck import footnotes, parsers
from footcheck.footnotes import cache as caching
from footcheck.footnotes import engine, files, runner, workers
from footcheck.footnotes.model import Document, PartialDate
from footcheck.footnotes.results import RunResult
from footcheck.footnotes.runner import run
from footcheck.footnotes.settings import Config
from tests.test_cli import footcheck
from tests.test_parallel import _draft

DAY = PartialDate(2026, 11, 24)
NEXT_DAY = PartialDate(2026, 11, 25)


class CountingReader:
    """The real readers, counting the files they are asked to parse."""

    def __init__(self) -> None:
        self.parsed: list[str] = []

    def __call__(self, data: bytes, path: str, format: str | None = None) -> Document:
        self.parsed.append(path)
        return parsers.parse(data, path, format)

    def format_for(self, path: str) -> str | None:
        return parsers.parse.format_for(path)

    def format_for_named(self, path: str) -> str:
        return parsers.parse.format_for_named(path)

    @property
    def code_folders(self) -> tuple[str, ...]:
        return parsers.parse.code_folders

    @property
    def libraries(self) -> tuple[str, ...]:
        return parsers.parse.libraries


def _drafts(folder: Path, count: int = 6) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"draft-{i}.txt").write_text(_draft(i), encoding="utf-8")
    return folder


def _run(folder: Path, config: Config, jobs: int = 1) -> tuple[RunResult, list[str]]:
    reader = CountingReader()
    return run([str(folder)], config, reader, jobs=jobs), reader.parsed


def _config(tmp_path: Path, **kwargs: object) -> Config:
    return Config(today=DAY, cache_dir=str(tmp_path / "cache"), **kwargs)  # type: ignore[arg-type]


def test_a_second_run_parses_nothing_and_returns_the_same_results(tmp_path: Path) -> None:
    folder = _drafts(tmp_path / "drafts")
    config = _config(tmp_path)
    first, parsed_first = _run(folder, config)
    second, parsed_second = _run(folder, config)
    assert len(parsed_first) == 6
    assert parsed_second == []
    assert second == first
    assert any(f.code == "DT001" for f in first.findings)  # the results are not trivial


def test_a_changed_file_is_checked_again_and_its_entry_replaced(tmp_path: Path) -> None:
    folder = _drafts(tmp_path / "drafts")
    config = _config(tmp_path)
    _run(folder, config)
    entries = sorted((tmp_path / "cache").rglob("*"))
    changed = folder / "draft-1.txt"
    changed.write_text(changed.read_text() + "[9] An extra note, 2 March 2020.\n")
    result, parsed = _run(folder, config)
    assert parsed == [str(changed)]
    assert any(f.code == "FN002" and f.footnote == "9" for f in result.findings)
    assert sorted((tmp_path / "cache").rglob("*")) == entries  # one entry per file, overwritten


def test_another_configuration_is_another_entry(tmp_path: Path) -> None:
    folder = _drafts(tmp_path / "drafts")
    config = _config(tmp_path)
    everything, _ = _run(folder, config)
    only_dates, parsed = _run(folder, replace(config, select=frozenset({"DT001"})))
    assert len(parsed) == 6
    assert {f.code for f in only_dates.findings} == {"DT001"}
    again, parsed = _run(folder, config)
    assert parsed == []
    assert again == everything
    dated, parsed = _run(folder, replace(config, report_date=PartialDate(2016, 1, 1)))
    assert len(parsed) == 6  # the report date changes what is "after the report"
    assert dated != everything


def test_new_code_never_reads_old_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _drafts(tmp_path / "drafts")
    config = _config(tmp_path)
    _run(folder, config)
    monkeypatch.setattr(caching, "code_stamp", lambda folders, libraries: "an edited checkout")
    _, parsed = _run(folder, config)
    assert len(parsed) == 6


def test_the_code_stamp_follows_the_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A module of the domain or of a reader touched: a new stamp."""
    folders = (*footnotes.__path__, *parsers.parse.code_folders)
    libraries = parsers.parse.libraries
    before = caching.code_stamp(folders, libraries)
    assert caching.code_stamp(folders, libraries) == before
    for module in (Path(caching.__file__), Path(parsers.__file__).with_name("decode.py")):
        with _touched(module):
            assert caching.code_stamp(folders, libraries) != before, module
        assert caching.code_stamp(folders, libraries) == before


@contextlib.contextmanager
def _touched(module: Path) -> Iterator[None]:
    """The module's modification time a second later, for the time of the block."""
    stat = module.stat()
    try:
        os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        yield
    finally:
        os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_a_run_stamps_its_results_with_the_readers_code(tmp_path: Path) -> None:
    """run() hands the cache the readers' folders: a reader edited, the files are read again."""
    folder = _drafts(tmp_path / "drafts", count=2)
    config = _config(tmp_path)
    _run(folder, config)
    assert _run(folder, config)[1] == []
    with _touched(Path(parsers.reader("text").__code__.co_filename)):
        assert len(_run(folder, config)[1]) == 2


def test_a_result_measured_against_today_holds_for_today_only(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    # No date of its own: a note dated after today is flagged against today.
    (folder / "undated.txt").write_text(
        "The fund closed on 3 May 2026.[1]\n\n[1] Harbour Gazette, 25 November 2026.\n"
    )
    # A date of its own: today plays no part.
    (folder / "dated.md").write_text(
        "---\ndate: 2026-06-01\n---\n\nThe fund closed on 3 May 2026.[^1]\n\n"
        "[^1]: Harbour Gazette, 4 May 2026.\n"
    )
    config = _config(tmp_path)
    first, _ = _run(folder, config)
    assert [f.code for f in first.findings] == ["DT002"]
    _, parsed = _run(folder, config)
    assert parsed == []
    later, parsed = _run(folder, replace(config, today=NEXT_DAY))
    assert parsed == [str(folder / "undated.txt")]
    assert later.findings == ()  # 25 November is no longer in the future


def test_a_damaged_entry_is_a_miss_and_is_rewritten(tmp_path: Path) -> None:
    folder = _drafts(tmp_path / "drafts", count=2)
    config = _config(tmp_path)
    first, _ = _run(folder, config)
    entries = [
        p for p in (tmp_path / "cache").rglob("*") if p.is_file() and p.parent.name != "cache"
    ]
    assert len(entries) == 2
    entries[0].write_bytes(b"\x00not json")
    shape = json.loads(entries[1].read_bytes())
    shape["result"]["result"]["findings"] = [["too", "short"]]
    entries[1].write_text(json.dumps(shape))
    again, parsed = _run(folder, config)
    assert len(parsed) == 2
    assert again == first
    _, parsed = _run(folder, config)
    assert parsed == []


def test_a_cache_folder_that_cannot_be_written_changes_nothing(tmp_path: Path) -> None:
    folder = _drafts(tmp_path / "drafts", count=3)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would go")
    config = _config(tmp_path)
    uncached, _ = _run(folder, replace(config, cache_dir=None))
    result, parsed = _run(folder, config)
    assert result == uncached
    assert len(parsed) == 3
    assert blocker.read_text() == "a file where the cache folder would go"


def test_workers_fill_the_cache_and_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _drafts(tmp_path / "drafts", count=40)
    monkeypatch.setattr(workers, "_BYTES_PER_WORKER", 1)  # small drafts, two workers all the same
    targets = list(files.discover([str(folder)], parsers.parse))
    assert workers.choose_workers(2, targets) == 2
    config = _config(tmp_path)
    serial, _ = _run(folder, replace(config, cache_dir=None))
    parallel, parsed = _run(folder, config, jobs=2)
    assert parallel == serial
    assert parsed == []  # the workers parsed, not this process
    entries = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert len([p for p in entries if p.name not in ("CACHEDIR.TAG", ".gitignore")]) == 40
    again, parsed = _run(folder, config, jobs=1)  # what the workers stored, read here
    assert again == serial
    assert parsed == []
    # A warm run with workers looks every file up here and starts no worker: nothing
    # changed. One changed draft is parsed, here (one file is not worth a worker).
    started: list[int] = []
    monkeypatch.setattr(runner, "in_workers", lambda *a, **k: started.append(1) or iter(()))
    warm, parsed = _run(folder, config, jobs=2)
    assert warm == serial and parsed == [] and started == []
    (folder / "draft-3.txt").write_text("Changed.[1]\n\n[1] Harbour Gazette, 2 May 2024.\n")
    changed, parsed = _run(folder, config, jobs=2)
    assert parsed == [str(folder / "draft-3.txt")] and started == []
    assert changed != serial


def test_the_command_line_caches_beside_the_project_and_can_be_told_not_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    _drafts(project / "drafts", count=3)
    (project / "pyproject.toml").write_text("[tool.footcheck]\nfail-on = 'error'\n")
    monkeypatch.delenv("FOOTCHECK_CACHE_DIR")
    monkeypatch.chdir(project / "drafts")
    off = footcheck("check", ".", "--format", "json", "--no-cache")
    assert not (project / ".footcheck_cache").exists()
    on = footcheck("check", ".", "--format", "json")
    cached = footcheck("check", ".", "--format", "json")
    assert off.returncode == on.returncode == cached.returncode == 1
    assert off.stdout == on.stdout == cached.stdout
    folder = project / ".footcheck_cache"
    assert (folder / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172")
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert sorted(p.name for p in (project / "drafts").iterdir()) == [
        f"draft-{i}.txt" for i in range(3)
    ]
    elsewhere = tmp_path / "elsewhere"
    footcheck("check", ".", "--format", "json", "--cache-dir", str(elsewhere))
    assert (elsewhere / "CACHEDIR.TAG").is_file()


def test_standard_input_is_never_cached(tmp_path: Path) -> None:
    config = _config(tmp_path)
    reader = CountingReader()
    run(["-"], replace(config, stdin_format="text"), reader)
    assert not (tmp_path / "cache").exists()


def test_two_runs_sharing_a_cache_agree(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    for i in range(120):
        (folder / f"g{i % 3}").mkdir(parents=True, exist_ok=True)
        (folder / f"g{i % 3}" / f"draft-{i:03d}.txt").write_text(_draft(i))
    command = [
        sys.executable,
        "-m",
        "footcheck.cli",
        "check",
        str(folder),
        "--format",
        "json",
        "-j",
        "1",
    ]
    env = {**os.environ, "FOOTCHECK_CACHE_DIR": str(tmp_path / "shared-cache")}
    root = Path(__file__).resolve().parent.parent
    runs = [
        subprocess.Popen(command, env=env, cwd=root, stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outputs = [process.communicate(timeout=120)[0] for process in runs]
    alone = footcheck("check", str(folder), "--format", "json", "--no-cache").stdout
    assert outputs == [alone] * 3
    leftovers = [p for p in (tmp_path / "shared-cache").rglob("*.tmp")]
    assert leftovers == []
    assert footcheck("check", str(folder), "--format", "json").stdout == alone


def test_an_existing_cache_folder_is_never_marked(tmp_path: Path) -> None:
    folder = _drafts(tmp_path / "drafts", count=2)
    project = tmp_path / "project"
    project.mkdir()
    _, parsed = _run(folder, replace(_config(tmp_path), cache_dir=str(project)))
    assert len(parsed) == 2
    assert not (project / ".gitignore").exists()
    assert not (project / "CACHEDIR.TAG").exists()
    _, parsed = _run(folder, replace(_config(tmp_path), cache_dir=str(project)))
    assert parsed == []  # the entries are there all the same


def _entries(cache: Path) -> list[Path]:
    return [p for p in cache.rglob("*") if p.is_file() and p.parent != cache]


def test_hostile_entries_are_misses(tmp_path: Path) -> None:
    folder = _drafts(tmp_path / "drafts", count=2)
    config = _config(tmp_path)
    first, _ = _run(folder, config)
    nested, piped = _entries(tmp_path / "cache")
    nested.write_text("[" * 200_000)  # deeper than json.loads can go
    piped.unlink()
    os.mkfifo(piped)  # a pipe where an entry should be: opening it must not block
    again, parsed = _run(folder, config)
    assert again == first
    assert len(parsed) == 2


def test_a_result_that_depends_on_the_run_is_not_kept(tmp_path: Path) -> None:
    class FailingReader(CountingReader):
        def __call__(self, data: bytes, path: str, format: str | None = None) -> Document:
            self.parsed.append(path)
            raise RecursionError  # as if the stack ran out

    folder = _drafts(tmp_path / "drafts", count=1)
    config = _config(tmp_path)
    for _ in range(2):
        reader = FailingReader()
        result = run([str(folder)], config, reader)
        assert result.files[0].error == "text nested too deeply to read"
        assert len(reader.parsed) == 1  # read again: nothing was kept
    assert _entries(tmp_path / "cache") == []


def test_a_moved_file_is_checked_again(tmp_path: Path) -> None:
    folder = _drafts(tmp_path / "drafts", count=2)
    config = _config(tmp_path)
    _run(folder, config)
    (folder / "draft-1.txt").rename(folder / "renamed.txt")
    result, parsed = _run(folder, config)
    assert parsed == [str(folder / "renamed.txt")]
    assert all(f.path != str(folder / "draft-1.txt") for f in result.findings)


def test_a_check_outside_a_run_keys_its_results_by_today(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = tmp_path / "undated.txt"
    draft.write_text(
        "The fund closed on 3 May 2026.[1]\n\n[1] Harbour Gazette, 25 November 2026.\n"
    )
    cache = caching.ResultCache(str(tmp_path / "cache"), "a stamp")
    target = files.Target(str(draft), str(draft), "text")
    config = Config(cache_dir=str(tmp_path / "cache"))  # no "today" given
    monkeypatch.setattr(engine, "current_date", lambda: DAY)
    assert [
        f.code for f in engine.check_target(target, config, parsers.parse, cache).result.findings
    ] == ["DT002"]
    monkeypatch.setattr(engine, "current_date", lambda: NEXT_DAY)
    assert engine.check_target(target, config, parsers.parse, cache).result.findings == ()


def test_per_file_settings_and_no_cache_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    _drafts(project / "drafts", count=3)
    pyproject = project / "pyproject.toml"
    pyproject.write_text("[tool.footcheck]\n")
    monkeypatch.chdir(project)
    plain = footcheck("check", "drafts", "--format", "json")
    assert '"DT001"' in plain.stdout
    pyproject.write_text('[tool.footcheck]\nper-file-ignores = { "drafts/*" = ["DT001"] }\n')
    ignored = footcheck("check", "drafts", "--format", "json")
    assert '"DT001"' not in ignored.stdout
    assert ignored.stdout == footcheck("check", "drafts", "--format", "json", "--no-cache").stdout
    # --no-cache reads nothing: a planted entry shows in a cached run only.
    for entry in _entries(Path(os.environ["FOOTCHECK_CACHE_DIR"])):
        stored = json.loads(entry.read_text())
        stored["result"]["result"]["findings"] = [
            [
                "FN001",
                "missing-footnote",
                "error",
                "planted",
                1,
                1,
                "9",
                [],
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
            ]
        ]
        entry.write_text(json.dumps(stored))
    assert '"planted"' in footcheck("check", "drafts", "--format", "json").stdout
    assert '"planted"' not in footcheck("check", "drafts", "--format", "json", "--no-cache").stdout
