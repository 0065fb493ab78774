"""footcheck's regular expressions, compiled once and kept between runs, as Python keeps bytecode.

footcheck has about 250 patterns (the date grammar's alone take some 30 ms to compile):
compiling them at every start cost more than checking a typical report. `compile` is
`re.compile` with a memory: the first time a pattern is compiled, the program the
regular-expression engine runs is kept; at exit the programs go into one file in the
user's cache folder (`~/.cache/footcheck/patterns.<interpreter>.bin`;
`$XDG_CACHE_HOME`, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows), and later
starts hand each stored program straight to the engine (`_sre.compile`, which checks
it), skipping the pattern parser and compiler, which are written in Python.

Always the same results as `re.compile`: a program is stored only when the pattern it
makes compares equal to `re.compile`'s (the engine compares the flags, the pattern and
the whole program), the file is read only by the exact interpreter version and engine
that wrote it, and anything unexpected (no file, a damaged one, a private interface
that changed in another Python) falls back to `re.compile` for that pattern.

This is compiled code, not results: `check --no-cache` does not touch it.
`FOOTCHECK_PATTERN_CACHE` names another file, or turns it off when empty or `off`.
The file is written only when something new was compiled, atomically (a temporary file
and a rename), and quietly not at all where the folder cannot be written. Worker
processes save what they compiled after each file (`save`): they end without running
`atexit`.
"""

from __future__ import annotations

import array
import atexit
import contextlib
import marshal
import os
import re
import sys
from typing import Any, AnyStr

__all__ = ["compile", "save"]

# (flags, program, groups, group index, index group): `_sre.compile`'s arguments after the
# pattern, with the program as the bytes of an array of unsigned ints (marshal reads one
# string of bytes far faster than a list of numbers).
_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
_Key = tuple[str | bytes, int]

_FORMAT = 2
# The engine's code units are 4 bytes (`_sre.CODESIZE`, checked in the stamp).
_CODE_TYPE = "I"
# More entries than this and the file keeps only this run's (patterns of older code).
_MOST_ENTRIES = 4000

_sre: Any = None
_stored: dict[_Key, _Entry] | None = None
_new: dict[_Key, _Entry] = {}
_usable = True


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """`re.compile(pattern, flags)`, from the stored program when there is one."""
    flags = int(flags)
    if not _usable:
        return re.compile(pattern, flags)
    stored = _stored if _stored is not None else _load()
    key = (pattern, flags)
    entry = stored.get(key)
    if entry is not None:
        try:
            compiled: re.Pattern[AnyStr] = _engine_compile(pattern, entry)
            return compiled
        except Exception:  # a damaged entry: compile afresh, and store it again
            del stored[key]
    return _compile_and_keep(pattern, flags, key)


def _compile_and_keep(pattern: AnyStr, flags: int, key: _Key) -> re.Pattern[AnyStr]:
    expected = re.compile(pattern, flags)
    try:
        entry = _program(pattern, flags)
        same = _engine_compile(pattern, entry) == expected
    except Exception:  # the private interface differs in this Python: store nothing
        return expected
    if same:
        if not _new:
            atexit.register(save)
        _new[key] = entry
    return expected


def _engine_compile(pattern: AnyStr, entry: _Entry) -> re.Pattern[AnyStr]:
    flags, program, groups, group_index, index_group = entry
    code = array.array(_CODE_TYPE, program).tolist()
    compiled: re.Pattern[AnyStr] = _sre.compile(
        pattern, flags, code, groups, group_index, index_group
    )
    return compiled


def _program(pattern: str | bytes, flags: int) -> _Entry:
    """What `re._compiler.compile` hands the engine, for `pattern` and `flags`."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    program = array.array(_CODE_TYPE, _compiler._code(parsed, flags)).tobytes()
    group_index: dict[str, int] = dict(parsed.state.groupdict)
    index_group: list[str | None] = [None] * parsed.state.groups
    for name, number in group_index.items():
        index_group[number] = name
    groups: int = parsed.state.groups - 1
    return (flags | parsed.state.flags, program, groups, group_index, tuple(index_group))


def _stamp() -> tuple[object, ...]:
    """What must not differ between the interpreter that wrote the file and the reader."""
    unit = array.array(_CODE_TYPE).itemsize
    return (_FORMAT, sys.version, sys.implementation.name, _sre.MAGIC, _sre.CODESIZE, unit)


def _load() -> dict[_Key, _Entry]:
    global _stored, _sre, _usable
    _stored = {}
    try:
        import _sre as engine  # type: ignore[import-not-found]
    except ImportError:  # not CPython
        _usable = False
        return _stored
    _sre = engine
    path = _store_path()
    if path is None:
        _usable = False
        return _stored
    try:
        with open(path, "rb") as handle:
            stamp, entries = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return _stored
    if stamp == _stamp() and isinstance(entries, dict):
        _stored = entries
    return _stored


def _store_path() -> str | None:
    """The store's file, or None when it is turned off."""
    chosen = os.environ.get("FOOTCHECK_PATTERN_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else chosen
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser(r"~\AppData\Local")
    elif sys.platform == "darwin":
        base = os.path.expanduser("~/Library/Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return os.path.join(base, "footcheck", f"patterns.{sys.implementation.cache_tag}.bin")


def save() -> None:
    """Write what this process compiled anew into the store (quietly: it is only speed)."""
    path = _store_path()
    if not _new or path is None:
        _new.clear()
        return
    kept = dict(_stored or {})
    if len(kept) + len(_new) > _MOST_ENTRIES:
        kept = {}
    kept.update(_new)
    _new.clear()
    import tempfile  # only here: it imports random and hashlib

    with contextlib.suppress(OSError, ValueError):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                contents: Any = (_stamp(), kept)
                marshal.dump(contents, out)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
