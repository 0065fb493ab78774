"""The cache folder and its entries: one JSON file per checked file and configuration.

Entries are written to a temporary file and renamed into place, so a run never
reads half an entry and two runs writing the same entry leave one whole. An entry
that cannot be read is a miss; a folder that cannot be written turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from footcheck.footnotes.cache.codec import decode_outcome, encode_outcome
from footcheck.footnotes.results import FileOutcome

if TYPE_CHECKING:
    from footcheck.footnotes.views import PageDrawer

_LAYOUT = "results-v2"  # bump when the entry format changes
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by footcheck.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


class ResultCache:
    """The cache folder of one run; every method is safe to call from worker processes."""

    def __init__(self, folder: str, stamp: str) -> None:
        self.folder = folder
        self.stamp = stamp
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

    def get(self, key: str, content: str, today: str) -> Any:
        """The stored result for `key` if it was computed from these bytes, by this code.

        `key` ends in `.pages` for the documents' parts of the report page, kept apart
        so that a run that draws no page never reads them.
        """
        raw = _load(self._entry_path(key))
        if not isinstance(raw, dict) or raw.get("stamp") != self.stamp:
            return None
        if raw.get("content") != content:
            return None
        used_today = raw.get("today")
        if used_today is not None and used_today != today:
            return None
        return raw.get("result")

    def put(self, key: str, content: str, today: str | None, result: Any) -> None:
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

    def outcome(self, source: str, *, pages: PageDrawer | None = None) -> FileOutcome | None:
        """The stored outcome, if it was computed from these bytes by this code (and today).

        `source` is where the file is read from now (its links start there). With
        `pages`, the outcome comes with its documents' parts of the report page, each
        one that drawer trusts, or not at all.
        """
        stored = self._cache.get(self._key, self._content, self._today)
        if not isinstance(stored, dict):
            return None
        try:
            outcome = decode_outcome(stored, self._path, source)
            if pages is not None:
                if not pages.cacheable:
                    return None
                kept = self._cache.get(self._key + _PAGES, self._content, self._today)
                if kept is None:
                    return None
                drawn = _decode_pages(kept)
                if not all(pages.trusts(fragment) for _, fragment in drawn):
                    return None  # not made by footcheck: drawn again, and overwritten
                result = replace(outcome.result, pages=drawn)
                outcome = replace(outcome, result=result)
        except (LookupError, TypeError, ValueError):
            return None  # an entry of another shape: computed again, and overwritten
        return outcome

    def store(self, outcome: FileOutcome, *, used_today: bool, pages: bool = True) -> None:
        """Keep an outcome (and its parts of the report page, when it has them and
        `pages` allows); one that compared a date with today's holds for today only."""
        today = self._today if used_today else None
        self._cache.put(self._key, self._content, today, encode_outcome(outcome))
        if pages and outcome.result.pages is not None:
            drawn = [[path, fragment.decode("utf-8")] for path, fragment in outcome.result.pages]
            self._cache.put(self._key + _PAGES, self._content, today, drawn)


_PAGES = ".pages"  # the suffix of the entry that holds a file's parts of the report page


def _decode_pages(kept: Any) -> tuple[tuple[str, bytes], ...]:
    """The (path, fragment) pairs `store` kept; ValueError for anything else."""
    if not isinstance(kept, list):
        raise ValueError("pages must be a list")
    pages = []
    for page in kept:
        if not (
            isinstance(page, list) and len(page) == 2 and all(isinstance(p, str) for p in page)
        ):
            raise ValueError("a page is a path and a fragment")
        pages.append((page[0], page[1].encode("utf-8", "replace")))
    return tuple(pages)


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
