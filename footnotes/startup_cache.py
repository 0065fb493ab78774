"""What footcheck compiles at every start, kept between runs in one file, as Python keeps bytecode.

Two kinds of work are done again by every process and always give the same result:
compiling footcheck's regular expressions (`pattern_store`) and compiling the methods
`dataclasses` writes for footcheck's classes (`dataclass_code`). Together they took
about a third of a run over one 10 KB report. Each asks here for what an earlier run
kept (`lookup`), and hands over what it compiled anew (`keep`); at exit the new
entries join the old in one file in the user's cache folder
(`~/.cache/footcheck/startup.<interpreter>.bin`; `$XDG_CACHE_HOME`, `~/Library/Caches`
on macOS, `%LOCALAPPDATA%` on Windows).

The file is read only by the interpreter version and build that wrote it (the stamp
holds `sys.version`; each user's keys add what else must match); a missing, damaged
or foreign file reads as empty. It holds compiled code, not results: `check
--no-cache` does not touch it. Code that runs: on POSIX systems the file is read only
when it belongs to the user running footcheck and no one else may write it (it is
written so). `FOOTCHECK_STARTUP_CACHE` names another file, or turns it off when empty
or `off`. It is written only when something new was compiled, atomically (a
temporary file and a rename), and quietly not at all where the folder cannot be
written. Worker processes save after each file (`save`): they end without running
`atexit`.
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import stat
import sys
from typing import Any

__all__ = ["enabled", "forget", "keep", "lookup", "save", "stored"]

_FORMAT = 3
# Entries of older code pile up with every upgrade: when the file holds more than this
# many times what this run used and added, it keeps only those.
_SLACK = 3
# A larger file is not footcheck's (a few hundred kilobytes is usual): it is ignored.
_MOST_BYTES = 32 * 1024 * 1024

_entries: dict[Any, Any] | None = None
_new: dict[Any, Any] = {}
_used: set[Any] = set()


def enabled() -> bool:
    """Whether a file is in use at all (FOOTCHECK_STARTUP_CACHE is not off)."""
    return _path() is not None


def stored() -> dict[Any, Any]:
    """What earlier runs kept, by key (read from the file on first use)."""
    global _entries
    if _entries is None:
        _entries = _load()
    return _entries


def lookup(key: Any) -> Any:
    """What an earlier run kept under `key`, or None (and that this run used it)."""
    value = stored().get(key)
    if value is not None:
        _used.add(key)
    return value


def keep(key: Any, value: Any) -> None:
    """Add an entry, written at exit (`key` and `value` made of what marshal writes)."""
    if not _new:
        atexit.register(save)
    _new[key] = value


def forget(key: Any) -> None:
    """Drop a stored entry that turned out unusable (it is written again if kept again)."""
    stored().pop(key, None)


def _stamp() -> tuple[object, ...]:
    return (_FORMAT, sys.version, sys.implementation.name, sys.implementation.cache_tag)


def _path() -> str | None:
    chosen = os.environ.get("FOOTCHECK_STARTUP_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else chosen
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser(r"~\AppData\Local")
    elif sys.platform == "darwin":
        base = os.path.expanduser("~/Library/Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return os.path.join(base, "footcheck", f"startup.{sys.implementation.cache_tag}.bin")


def _load() -> dict[Any, Any]:
    path = _path()
    if path is None:
        return {}
    try:
        # Without waiting: a FIFO or a device put in the file's place must not hang the run.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not (stat.S_ISREG(status.st_mode) and status.st_size <= _MOST_BYTES):
                return {}
            if not _trusted(status):
                return {}
            stamp, entries = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if stamp != _stamp() or not isinstance(entries, dict):
        return {}
    return entries


def _trusted(status: os.stat_result) -> bool:
    """Whether the file is this user's own and no one else may write it (it holds code
    that runs: as Python's own bytecode cache, it is trusted as the package is)."""
    if not hasattr(os, "geteuid"):
        return True  # Windows: the user's own local application data
    return status.st_uid == os.geteuid() and not status.st_mode & 0o022


def save() -> None:
    """Write what this process compiled anew into the file (quietly: it is only speed)."""
    path = _path()
    if not _new or path is None:
        _new.clear()
        return
    # What is on disk now too: another process (a pool worker, a parallel run) may
    # have added to the file since this one read it.
    seen = stored()
    on_disk = _load()
    kept = {**on_disk, **seen}
    if len(seen) > _SLACK * (len(_used) + len(_new)):
        # What this process read and did not use goes; what others added since stays.
        kept = {key: value for key, value in kept.items() if key in _used or key not in seen}
    kept.update(_new)
    seen.update(_new)
    _used.update(_new)  # this process's own: a later save here keeps them
    _new.clear()
    import tempfile  # only here: it imports random and hashlib

    with contextlib.suppress(OSError, ValueError):
        folder = os.path.dirname(path) or os.curdir
        os.makedirs(folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                contents: Any = (_stamp(), kept)
                marshal.dump(contents, out)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
