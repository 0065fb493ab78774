"""footcheck's regular expressions, compiled once and kept between runs.

footcheck has about 250 patterns (the date grammar's alone take some 30 ms to
compile): compiling them at every start cost more than checking a typical report.
`compile` is `re.compile` with a memory: the first time a pattern is compiled, the
program the regular-expression engine runs is kept (startup_cache.py says where and
when it is written), and later starts hand each stored program straight to the engine
(`_sre.compile`, which checks it), skipping the pattern parser and compiler, which are
written in Python.

Always the same results as `re.compile`: a program is kept only when the pattern it
makes compares equal to `re.compile`'s (the engine compares the flags, the pattern and
the whole program), the file is read only by the exact interpreter and engine that
wrote it, and anything unexpected (a damaged entry, a private interface that changed
in another Python) falls back to `re.compile` for that pattern.

Only footcheck's own patterns belong here: one built from a document's text (an HTML
page's tag names) or a project's configuration (its globs) is compiled with
`re.compile`, so that the file holds no text of checked files and does not grow with
every new input.
"""

from __future__ import annotations

import array
import re
from typing import Any, AnyStr

from footcheck.footnotes import startup_cache

__all__ = ["compile"]

# (flags, program, groups, group index, index group): `_sre.compile`'s arguments after
# the pattern, with the program as the bytes of an array of unsigned ints (marshal
# reads one string of bytes far faster than a list of numbers).
_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

# The engine's code units are 4 bytes (`_sre.CODESIZE`, part of each entry's key).
_CODE_TYPE = "I"

_sre: Any = None
_usable: bool | None = None  # None: not decided yet


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """`re.compile(pattern, flags)`, from the stored program when there is one."""
    flags = int(flags)
    if not (_usable if _usable is not None else _start()):
        return re.compile(pattern, flags)
    key = ("pattern", _sre.MAGIC, _sre.CODESIZE, pattern, flags)
    entry = startup_cache.lookup(key)
    if entry is not None:
        try:
            return _engine_compile(pattern, entry)
        except Exception:  # a damaged entry: compile afresh, and keep it again
            startup_cache.forget(key)
    expected = re.compile(pattern, flags)
    try:
        entry = _program(pattern, flags)
        same = _engine_compile(pattern, entry) == expected
    except Exception:  # the private interface differs in this Python: keep nothing
        return expected
    if same:
        startup_cache.keep(key, entry)
    return expected


def _start() -> bool:
    global _sre, _usable
    try:
        import _sre as engine  # type: ignore[import-not-found]
    except ImportError:  # not CPython
        engine = None
    _sre = engine
    _usable = engine is not None and array.array(_CODE_TYPE).itemsize == engine.CODESIZE
    _usable = _usable and startup_cache.enabled()
    return _usable


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
