"""The result cache: a draft that has not changed costs a hash, not a parse.

Each checked file's result is kept in a cache folder (`.footcheck_cache` by
default) under a name made from the file's path and everything in the run's
configuration that can change its findings. The entry records what the result
was computed from: a digest of the file's bytes, a stamp of the code (the
footcheck version and the size and time of every module of `footnotes` and
`parsers`, so an edited checkout never reads stale results), and the day the
check ran when a rule compared a date with today's (a draft with no date of its
own is checked against today, so that result holds for one day only). A result
is reused only when all three still match, and one entry per file and
configuration is kept: a changed file overwrites its entry.

Sharing is safe: entries are written to a temporary file and renamed into
place, so a run never reads half an entry, and two runs writing the same entry
leave one whole. Entries are JSON, never pickles: a cache folder that came with
a repository cannot run code. An entry that cannot be read is a miss; a cache
folder that cannot be written turns the cache off for the run, silently (the
results are the same, only slower).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import time
from collections.abc import Iterable, Sequence
from typing import Any

from footcheck import __version__
from footcheck.footnotes.model import Finding, Location, PartialDate, Severity
from footcheck.footnotes.runner import FileResult

DEFAULT_DIR = ".footcheck_cache"
_LAYOUT = "results-v1"  # bump when the entry format changes
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by footcheck.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


class ResultCache:
    """The cache folder of one run; every method is safe to call from worker processes."""

    def __init__(self, folder: str, stamp: str | None = None) -> None:
        self.folder = folder
        self.stamp = stamp if stamp is not None else code_stamp()
        self.writable = True
        self._results = os.path.join(folder, _LAYOUT)

    def slot(self, path: str, fingerprint: str, data: bytes, today: str) -> Slot:
        """Where the result of the file at `path`, holding `data`, is kept.

        `fingerprint` says everything in the configuration that can change the
        file's findings; `today` is the day the run checks against (ISO).
        """
        name = f"{path}\0{fingerprint}".encode("utf-8", "surrogateescape")
        return Slot(self, path, hashlib.sha256(name).hexdigest(), digest(data), today)

    def _entry_path(self, key: str) -> str:
        return os.path.join(self._results, key[:2], key[2:])

    def get(self, key: str, content: str, today: str) -> dict[str, Any] | None:
        """The stored result for `key` if it was computed from these bytes, by this code."""
        raw = _load(self._entry_path(key))
        if not isinstance(raw, dict) or raw.get("stamp") != self.stamp:
            return None
        if raw.get("content") != content:
            return None
        used_today = raw.get("today")
        if used_today is not None and used_today != today:
            return None
        result = raw.get("result")
        return result if isinstance(result, dict) else None

    def put(self, key: str, content: str, today: str | None, result: dict[str, Any]) -> None:
        """Store a result, atomically; a folder that cannot be written turns the cache off."""
        if not self.writable:
            return
        entry = {"stamp": self.stamp, "content": content, "today": today, "result": result}
        target = self._entry_path(key)
        try:
            folder = os.path.dirname(target)
            if not os.path.isdir(folder):
                self._prepare()
                os.makedirs(folder, exist_ok=True)
            # A name no other writer uses (this process, this moment), created exclusively.
            temporary = f"{target}.{os.getpid()}.{time.monotonic_ns()}.tmp"
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(json.dumps(entry, separators=(",", ":")).encode())
                os.replace(temporary, target)
            except BaseException:
                _remove(temporary)
                raise
        except OSError:
            self.writable = False

    def _prepare(self) -> None:
        """Create the cache folder, with a CACHEDIR.TAG and a .gitignore (so git never adds it).

        The two files go only into a folder footcheck creates: a --cache-dir that
        already exists (the project itself, say) is never marked.
        """
        try:
            os.makedirs(self.folder)
        except FileExistsError:
            return
        for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# made by footcheck\n*\n")):
            with open(os.path.join(self.folder, name), "w", encoding="utf-8") as out:
                out.write(text)


class Slot:
    """One file's place in the cache, for the bytes it holds now."""

    __slots__ = ("_cache", "_content", "_key", "_path", "_today")

    def __init__(self, cache: ResultCache, path: str, key: str, content: str, today: str) -> None:
        self._cache = cache
        self._path = path
        self._key = key
        self._content = content
        self._today = today

    def result(self) -> FileResult | None:
        """The stored result, if it was computed from these bytes by this code (and today)."""
        stored = self._cache.get(self._key, self._content, self._today)
        if stored is None:
            return None
        try:
            return decode_result(stored, self._path)
        except (LookupError, TypeError, ValueError):
            return None  # an entry of another shape: computed again, and overwritten

    def store(self, result: FileResult, *, used_today: bool) -> None:
        """Keep a result; one that compared a date with today's holds for today only."""
        today = self._today if used_today else None
        self._cache.put(self._key, self._content, today, encode_result(result))


_MAX_ENTRY = 256 * 1024 * 1024  # far more than any real result; more is not read


def _load(path: str) -> Any:
    """An entry's JSON, or None for anything but a readable regular file of JSON.

    A cache folder may come from elsewhere (a repository, a shared disk): a pipe
    put where an entry should be must not block the run, nor a huge or deeply
    nested file end it.
    """
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    try:
        with os.fdopen(handle, "rb") as entry:
            info = os.fstat(entry.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_ENTRY:
                return None
            return json.loads(entry.read(info.st_size + 1))
    except (OSError, ValueError, RecursionError, MemoryError):
        return None


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def digest(data: bytes) -> str:
    """The content digest an entry is checked against."""
    return hashlib.sha256(data).hexdigest()


# The libraries whose behaviour shapes a result (the readers and the date parsing).
_DEPENDENCIES = ("markdown_it", "lxml", "dateutil")


def code_stamp() -> str:
    """What the results were computed by: the code, the libraries, the Python.

    The version, and the size and time of every module of the checker's own code
    (an edited checkout, same version number, gets a new stamp); the size and time
    of each library's `__init__` (an upgrade rewrites it), found without importing
    the library; the Python version and its Unicode tables.
    """
    import importlib.util
    import unicodedata

    from footcheck import footnotes, parsers

    parts = [__version__, sys.version, unicodedata.unidata_version]
    for package in (footnotes, parsers):
        for folder in package.__path__:
            parts.extend(_module_stamps(folder))
    for name in _DEPENDENCIES:
        try:
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec is not None else None
            info = os.stat(origin) if origin else None
        except (ImportError, OSError, ValueError):
            info = None
        parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}" if info else f"{name}:-")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _module_stamps(folder: str) -> Iterable[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(root, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                yield f"{path}:{info.st_size}:{info.st_mtime_ns}"


# --------------------------------------------------------------------------- results as JSON


def encode_result(result: FileResult) -> dict[str, Any]:
    """A file's result as JSON (its path is the entry's own, kept outside)."""
    return {
        "format": result.format,
        "error": result.error,
        "report_date": encode_date(result.report_date),
        "markers": result.markers,
        "footnotes": result.footnotes,
        "findings": encode_findings(result.findings),
    }


def decode_result(stored: dict[str, Any], path: str) -> FileResult:
    """The result `encode_result` stored, for the file at `path`."""
    return FileResult(
        path=path,
        format=stored["format"],
        error=stored["error"],
        report_date=decode_date(stored["report_date"]),
        markers=int(stored["markers"]),
        footnotes=int(stored["footnotes"]),
        findings=decode_findings(stored["findings"], path),
    )


def encode_date(value: PartialDate | None) -> list[int | None] | None:
    """A date as [year, month, day] (an impossible date kept as written)."""
    return None if value is None else [value.year, value.month, value.day]


def decode_date(value: Any) -> PartialDate | None:
    return None if value is None else PartialDate(*value)


def encode_findings(findings: Sequence[Finding]) -> list[list[Any]]:
    """Findings as compact JSON rows (the path is the file's own, kept once)."""
    return [
        [
            f.code,
            f.rule,
            f.severity.value,
            f.message,
            f.location.line,
            f.location.column,
            f.footnote,
            list(f.related),
            encode_date(f.claim_date),
            encode_date(f.source_date),
            f.claim,
            f.note_text,
            f.hint,
        ]
        for f in findings
    ]


def decode_findings(rows: Sequence[Sequence[Any]], path: str) -> tuple[Finding, ...]:
    """The findings `encode_findings` stored, for the file at `path`."""
    return tuple(
        Finding(
            code=row[0],
            rule=row[1],
            severity=Severity(row[2]),
            message=row[3],
            path=path,
            location=Location(row[4], row[5]),
            footnote=row[6],
            related=tuple(row[7]),
            claim_date=decode_date(row[8]),
            source_date=decode_date(row[9]),
            claim=row[10],
            note_text=row[11],
            hint=row[12],
        )
        for row in rows
    )
