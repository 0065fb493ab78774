"""The stored regular expressions (footnotes/pattern_store.py): the same patterns as
`re.compile`, read back from the file in a later process, and never a failure when the
file is missing, damaged, from another Python, turned off or cannot be written."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from footcheck.footnotes import pattern_store

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
    path = tmp_path / "patterns.bin"
    monkeypatch.setenv("FOOTCHECK_PATTERN_CACHE", str(path))
    _reset(monkeypatch)
    yield path
    _reset(monkeypatch)


def _reset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pattern_store, "_stored", None)
    monkeypatch.setattr(pattern_store, "_new", {})
    monkeypatch.setattr(pattern_store, "_usable", True)


def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new process would start: nothing loaded, nothing new."""
    monkeypatch.setattr(pattern_store, "_stored", None)
    monkeypatch.setattr(pattern_store, "_new", {})


def _forbid_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("compiled afresh instead of read from the store")

    monkeypatch.setattr(pattern_store, "_compile_and_keep", refuse)


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
    pattern_store.save()
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
    pattern_store.save()
    written = store.stat().st_mtime_ns
    _fresh_process(monkeypatch)
    pattern_store.compile(r"[0-9]+")
    store.write_bytes(store.read_bytes())  # the same bytes, a new time if written again
    again = store.stat().st_mtime_ns
    pattern_store.save()
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
    pattern_store.save()  # and replaced by a good one
    _fresh_process(monkeypatch)
    _forbid_compiling(monkeypatch)
    assert pattern_store.compile(r"[0-9]+").fullmatch("2023")


def test_a_bad_program_under_the_right_stamp_is_compiled_afresh(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pattern_store.compile(r"[0-9]+")
    pattern_store.save()
    stamp, entries = marshal.loads(store.read_bytes())
    entries[("[0-9]+", 0)] = (0, b"\xff\xff\xff\xff" * 3, 0, {}, (None,))
    store.write_bytes(marshal.dumps((stamp, entries)))
    _fresh_process(monkeypatch)
    got = pattern_store.compile(r"[0-9]+")
    assert got == re.compile(r"[0-9]+") and got.fullmatch("17")


@pytest.mark.parametrize("setting", ["", "off", "0"])
def test_turned_off_it_compiles_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    monkeypatch.setenv("FOOTCHECK_PATTERN_CACHE", setting)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _reset(monkeypatch)
    assert pattern_store.compile(r"a+b") == re.compile(r"a+b")
    pattern_store.save()
    assert list(tmp_path.iterdir()) == []
    _reset(monkeypatch)


def test_an_unwritable_place_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    monkeypatch.setenv("FOOTCHECK_PATTERN_CACHE", str(blocker / "patterns.bin"))
    _reset(monkeypatch)
    assert pattern_store.compile(r"x{2,}").fullmatch("xxx")
    pattern_store.save()
    assert blocker.read_text() == "in the way"
    _reset(monkeypatch)


def test_the_default_place_is_the_users_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FOOTCHECK_PATTERN_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    path = pattern_store._store_path()
    if sys.platform.startswith("linux"):
        assert path == f"/somewhere/cache/footcheck/patterns.{sys.implementation.cache_tag}.bin"
    assert path is not None and "footcheck" in path


_LIST_PATTERNS = """
import pkgutil, importlib, sys
import footcheck, footcheck.footnotes, footcheck.parsers
from footcheck.footnotes import pattern_store
for package in (footcheck.footnotes, footcheck.parsers):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
from footcheck.cli import main
try:  # the patterns built on first use too (outlets, globs, ...)
    main(["check", "--no-cache", "--format", "json", *sys.argv[1:]])
except SystemExit:
    pass
pattern_store.save()
"""


def test_every_run_builds_the_same_pattern_texts(tmp_path: Path) -> None:
    """Patterns built from sets (month names, outlets) come out in one order in every
    process: else each run would store new programs and never find the old ones."""
    keys = []
    for seed in ("1", "2"):
        path = tmp_path / f"store-{seed}.bin"
        env = {**os.environ, "PYTHONHASHSEED": seed, "FOOTCHECK_PATTERN_CACHE": str(path)}
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
