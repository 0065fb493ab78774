"""What footcheck keeps between runs (startup_cache.py) for its regular expressions
(pattern_store.py) and its dataclasses' methods (dataclass_code.py): the same patterns
as `re.compile` and the same classes as `dataclasses`, read back from the file in a
later process, and never a failure when the file is missing, damaged, from another
Python, turned off or cannot be written."""

from __future__ import annotations

import dataclasses
import marshal
import os
import re
import stat
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from footcheck.footnotes import dataclass_code, pattern_store, startup_cache

ROOT = Path(__file__).resolve().parent.parent

PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<year>[12][0-9]{3})-(?P<month>[01][0-9])", 0),
    (r"\bsee\s+also\b", re.IGNORECASE),
    (r"(?x) [0-9]+  # digits", 0),
    (rb"<w:t(?:\s[^>]*)?>", 0),
    (r"^\s*\[(\d+)\]", re.MULTILINE),
]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh store in a file of the test's own, and the module's state reset around it."""
    path = tmp_path / "startup.bin"
    monkeypatch.setenv("FOOTCHECK_STARTUP_CACHE", str(path))
    _reset(monkeypatch)
    yield path
    _reset(monkeypatch)


def _reset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(startup_cache, "_entries", None)
    monkeypatch.setattr(startup_cache, "_new", {})
    monkeypatch.setattr(startup_cache, "_used", set())
    monkeypatch.setattr(pattern_store, "_usable", None)


def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new process would start: nothing loaded, nothing new."""
    monkeypatch.setattr(startup_cache, "_entries", None)
    monkeypatch.setattr(startup_cache, "_new", {})
    monkeypatch.setattr(startup_cache, "_used", set())


def _forbid_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("compiled afresh instead of read from the store")

    monkeypatch.setattr(pattern_store, "_program", refuse)
    monkeypatch.setattr(dataclass_code, "compile", refuse, raising=False)


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_the_pattern_is_re_compiles(store: Path, pattern: str | bytes, flags: int) -> None:
    got = pattern_store.compile(pattern, flags)
    assert got == re.compile(pattern, flags)  # the engine compares flags, text and program
    assert got.groupindex == re.compile(pattern, flags).groupindex


def test_a_later_process_reads_the_programs_back(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for pattern, flags in PATTERNS:
        pattern_store.compile(pattern, flags)
    startup_cache.save()
    assert store.exists()
    _fresh_process(monkeypatch)
    _forbid_compiling(monkeypatch)
    for pattern, flags in PATTERNS:
        got = pattern_store.compile(pattern, flags)
        assert got == re.compile(pattern, flags)
    match = pattern_store.compile(PATTERNS[0][0]).search("on 2023-09 it met")
    assert match is not None and match["year"] == "2023" and match["month"] == "09"


def test_nothing_new_writes_nothing(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pattern_store.compile(r"[0-9]+")
    startup_cache.save()
    written = store.stat().st_mtime_ns
    _fresh_process(monkeypatch)
    pattern_store.compile(r"[0-9]+")
    store.write_bytes(store.read_bytes())  # the same bytes, a new time if written again
    again = store.stat().st_mtime_ns
    startup_cache.save()
    assert store.stat().st_mtime_ns == again != 0 and written != 0


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not marshal at all",
        marshal.dumps(("another stamp", {})),
        marshal.dumps(((2, "x"), {("[0-9]+", 0): (0, b"\x00\x01", 0, {}, (None,))})),
    ],
)
def test_a_damaged_or_foreign_file_is_ignored(
    store: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    store.write_bytes(damage)
    got = pattern_store.compile(r"[0-9]+")
    assert got.fullmatch("2023")
    startup_cache.save()  # and replaced by a good one
    _fresh_process(monkeypatch)
    _forbid_compiling(monkeypatch)
    assert pattern_store.compile(r"[0-9]+").fullmatch("2023")


def test_a_bad_program_under_the_right_stamp_is_compiled_afresh(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pattern_store.compile(r"[0-9]+")
    startup_cache.save()
    stamp, entries = marshal.loads(store.read_bytes())
    (key,) = [k for k in entries if k[0] == "pattern" and k[-2] == "[0-9]+"]
    entries[key] = (0, b"\xff\xff\xff\xff" * 3, 0, {}, (None,))
    store.write_bytes(marshal.dumps((stamp, entries)))
    _fresh_process(monkeypatch)
    got = pattern_store.compile(r"[0-9]+")
    assert got == re.compile(r"[0-9]+") and got.fullmatch("17")


_RECORD = """
from dataclasses import dataclass, field

@dataclass(frozen=True)
class Sighting:
    \"\"\"A record as footcheck's modules write them.\"\"\"
    where: str
    year: int = 2023
    tags: tuple[str, ...] = field(default=())
"""


def _make_record(monkeypatch: pytest.MonkeyPatch, module_name: str) -> Any:
    """The class of _RECORD, made in a module of that name (as an import would)."""
    module = types.ModuleType(module_name)
    monkeypatch.setitem(sys.modules, module_name, module)
    exec(_RECORD, module.__dict__)
    return module.__dict__["Sighting"]


def _behaves_as_a_dataclass(cls: Any) -> None:
    a, b = cls("Geneva"), cls("Geneva", 2023, ())
    assert a == b and hash(a) == hash(b) and a != cls("Geneva", 2024)
    assert repr(a) == "Sighting(where='Geneva', year=2023, tags=())"
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.year = 1999
    assert dataclasses.replace(a, year=2001).year == 2001


def test_footchecks_dataclasses_are_made_from_kept_code(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataclass_code.install()
    _behaves_as_a_dataclass(_make_record(monkeypatch, "footcheck.test_records"))
    startup_cache.save()
    _fresh_process(monkeypatch)
    _forbid_compiling(monkeypatch)
    _behaves_as_a_dataclass(_make_record(monkeypatch, "footcheck.test_records"))


def test_other_modules_dataclasses_are_left_alone(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataclass_code.install()
    _behaves_as_a_dataclass(_make_record(monkeypatch, "someone_elses.records"))
    startup_cache.save()
    assert not store.exists()  # nothing kept: nothing written


def test_a_damaged_method_entry_is_compiled_afresh(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataclass_code.install()
    _make_record(monkeypatch, "footcheck.test_records")
    startup_cache.save()
    stamp, entries = marshal.loads(store.read_bytes())
    kept = [key for key in entries if key[0] == "dataclass"]
    assert kept
    for key in kept:
        entries[key] = marshal.dumps(42)  # marshal data, but no code
    store.write_bytes(marshal.dumps((stamp, entries)))
    _fresh_process(monkeypatch)
    _behaves_as_a_dataclass(_make_record(monkeypatch, "footcheck.test_records"))


@pytest.mark.parametrize("setting", ["", "off", "0"])
def test_turned_off_it_compiles_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    monkeypatch.setenv("FOOTCHECK_STARTUP_CACHE", setting)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _reset(monkeypatch)
    assert pattern_store.compile(r"a+b") == re.compile(r"a+b")
    startup_cache.save()
    assert list(tmp_path.iterdir()) == []
    _reset(monkeypatch)


def test_an_unwritable_place_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    monkeypatch.setenv("FOOTCHECK_STARTUP_CACHE", str(blocker / "startup.bin"))
    _reset(monkeypatch)
    assert pattern_store.compile(r"x{2,}").fullmatch("xxx")
    startup_cache.save()
    assert blocker.read_text() == "in the way"
    _reset(monkeypatch)


def test_the_default_place_is_the_users_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FOOTCHECK_STARTUP_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    path = startup_cache._path()
    if sys.platform.startswith("linux"):
        assert path == f"/somewhere/cache/footcheck/startup.{sys.implementation.cache_tag}.bin"
    assert path is not None and "footcheck" in path


_LIST_PATTERNS = """
import pkgutil, importlib, sys
import footcheck, footcheck.footnotes, footcheck.parsers
from footcheck.footnotes import dataclass_code, pattern_store, startup_cache
for package in (footcheck.footnotes, footcheck.parsers):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
from footcheck.cli import main
try:  # the patterns built on first use too (outlets, globs, ...)
    main(["check", "--no-cache", "--format", "json", *sys.argv[1:]])
except SystemExit:
    pass
startup_cache.save()
"""


def test_every_run_builds_the_same_pattern_texts(tmp_path: Path) -> None:
    """Patterns built from sets (month names, outlets) come out in one order in every
    process: else each run would store new programs and never find the old ones."""
    keys = []
    for seed in ("1", "2"):
        path = tmp_path / f"store-{seed}.bin"
        env = {**os.environ, "PYTHONHASHSEED": seed, "FOOTCHECK_STARTUP_CACHE": str(path)}
        documents = [str(ROOT / "examples"), str(ROOT / "tests" / "fixtures" / "dates")]
        subprocess.run(
            [sys.executable, "-c", _LIST_PATTERNS, *documents],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        _stamp, entries = marshal.loads(path.read_bytes())
        keys.append(set(entries))
    assert len(keys[0]) > 100
    assert keys[0] == keys[1]


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX file modes")
def test_a_file_others_may_write_is_not_read(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It holds code that runs: a file another user could have written is ignored."""
    pattern_store.compile(r"[0-9]+")
    startup_cache.save()
    assert stat.S_IMODE(store.stat().st_mode) & 0o022 == 0  # written for its owner alone
    store.chmod(0o666)
    _fresh_process(monkeypatch)
    assert startup_cache.stored() == {}
    store.chmod(0o600)
    _fresh_process(monkeypatch)
    assert startup_cache.stored() != {}


def test_pool_workers_keep_what_they_compiled(tmp_path: Path) -> None:
    """In a run checked by worker processes the main process reads no document: the
    date grammar is compiled in the workers, which save it (they skip atexit)."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    paragraph = "The council met on 7 September 2023 to agree the budget.[1] " * 500
    for n in range(24):
        (folder / f"draft-{n:02d}.txt").write_text(
            f"{paragraph}\n\n[1] Council minutes, 7 September 2023.\n", encoding="utf-8"
        )
    store = tmp_path / "startup.bin"
    env = {**os.environ, "FOOTCHECK_STARTUP_CACHE": str(store)}
    command = [sys.executable, "-m", "footcheck.cli", "check", "--no-cache", "-j", "2"]
    done = subprocess.run([*command, str(folder)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    _stamp, entries = marshal.loads(store.read_bytes())
    patterns = [key[-2] for key in entries if key[0] == "pattern"]
    assert any("(?P<mdy>" in p for p in patterns if isinstance(p, str))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_in_the_files_place_does_not_hang(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.mkfifo(store)
    assert startup_cache.stored() == {}  # returns at once: nothing is read from it
    assert pattern_store.compile(r"[0-9]{4}").fullmatch("2023")


def test_a_folder_in_the_files_place_is_ignored(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.mkdir()
    assert startup_cache.stored() == {}
    assert pattern_store.compile(r"[0-9]{4}").fullmatch("2023")
    startup_cache.save()  # cannot replace a folder: quietly nothing
    assert store.is_dir()


def test_other_modules_dataclasses_keep_real_annotations(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hook's module postpones its own annotations: another module's dataclass
    methods must not inherit that (typing.get_type_hints reads them)."""
    import typing

    dataclass_code.install()
    module = types.ModuleType("someone_elses.points")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    source = "from dataclasses import dataclass\n@dataclass\nclass P:\n    x: int\n"
    # Without this test module's own `from __future__ import annotations`.
    exec(compile(source, "<points>", "exec", dont_inherit=True), module.__dict__)
    init = module.__dict__["P"].__init__
    assert init.__annotations__["x"] is int
    assert typing.get_type_hints(init)["x"] is int


def test_entries_of_older_code_do_not_pile_up(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each upgrade compiles new patterns: once the file holds far more than a run
    uses, a save keeps only what that run used and added."""
    for n in range(40):  # an older version's patterns
        pattern_store.compile(f"old-{n}[0-9]+")
    pattern_store.compile(r"kept-[0-9]+")
    startup_cache.save()
    _fresh_process(monkeypatch)
    pattern_store.compile(r"kept-[0-9]+")  # used, from the file
    pattern_store.compile(r"new-[0-9]+")  # compiled anew: the file is written
    startup_cache.save()
    _stamp, entries = marshal.loads(store.read_bytes())
    assert sorted(key[-2] for key in entries) == ["kept-[0-9]+", "new-[0-9]+"]


def test_a_few_entries_other_runs_use_are_kept(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run over Markdown does not drop the patterns of the HTML reader."""
    pattern_store.compile(r"html-[0-9]+")
    startup_cache.save()
    _fresh_process(monkeypatch)
    pattern_store.compile(r"markdown-[0-9]+")
    startup_cache.save()
    _stamp, entries = marshal.loads(store.read_bytes())
    assert sorted(key[-2] for key in entries) == ["html-[0-9]+", "markdown-[0-9]+"]


def test_a_worker_saving_after_each_file_keeps_its_own_entries(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pool worker saves after every file: its first file's patterns stay when a
    later file adds one more."""
    for n in range(30):
        pattern_store.compile(f"first-file-{n}[0-9]+")
    startup_cache.save()
    pattern_store.compile(r"later-file-[0-9]+")
    startup_cache.save()
    _stamp, entries = marshal.loads(store.read_bytes())
    assert len(entries) == 31
