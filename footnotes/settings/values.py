"""The values of footcheck's settings: the keys, one file's validated settings, origins.

`FileSettings` holds what ONE configuration file set, validated and normalised
(`validate.load_config` makes it); `Origin` says where a value in force came from
(a default, a file, the command line), for `footcheck config`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from footcheck.footnotes.model import PartialDate, Severity
from footcheck.footnotes.settings.globs import matches

CONFIG_FILE = ".footcheck.toml"
PYPROJECT = "pyproject.toml"
DEFAULT_FAIL_ON = Severity.WARNING
DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024
DEFAULT_CACHE_DIR = ".footcheck_cache"  # beside the configuration file, else here

# Every key, kebab-case, in the order `footcheck config` lists them.
KEYS: tuple[str, ...] = (
    "select",
    "ignore",
    "severity",
    "fail-on",
    "include",
    "exclude",
    "per-file-ignores",
    "ignore-notes",
    "report-date",
    "max-file-size",
    "books",
)
# Every accepted spelling of a key (kebab-case, or snake_case) -> the key.
SPELLINGS: dict[str, str] = {**{k: k for k in KEYS}, **{k.replace("-", "_"): k for k in KEYS}}


def table_of(path: Path) -> str:
    """How a place in the file `path` is named after it: its table in a pyproject.toml."""
    return " [tool.footcheck]" if path.name == PYPROJECT else ""


class ConfigError(Exception):
    """A configuration file that cannot be used; the message is one line naming file and key."""


@dataclass(frozen=True)
class Origin:
    """Where a value in force came from."""

    kind: str  # "default", "file", "command line"
    detail: str = ""  # e.g. "/repo/pyproject.toml [tool.footcheck]", "--select"

    def __str__(self) -> str:
        return f"{self.kind} ({self.detail})" if self.detail else self.kind


DEFAULT = Origin("default")


@dataclass(frozen=True)
class BookEntry:
    """A `books` entry: the files (globs, relative to the configuration's folder) that
    make one book, in the order given; `merged` when its tool makes one document of
    them (note labels shared across chapters)."""

    name: str
    files: tuple[str, ...]
    merged: bool = False


@dataclass(frozen=True)
class FileSettings:
    """The validated, normalised values of ONE config file; None or empty when not set."""

    path: Path | None = None  # the config file; None when none was found
    root: Path | None = None  # its folder: globs are relative to it
    select: frozenset[str] | None = None  # rule codes
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    fail_on: Severity | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    ignore_notes: tuple[tuple[str, str, str], ...] = ()  # (path glob, code, note label)
    report_date: PartialDate | None = None
    max_file_size: int | None = None
    books: tuple[BookEntry, ...] = ()
    present: frozenset[str] = frozenset()  # the (kebab-case) keys the file set

    @property
    def origin(self) -> Origin:
        """Where this file's values come from."""
        if self.path is None:
            return DEFAULT
        return Origin("file", f"{self.path}{table_of(self.path)}")

    def wants(self, path: str) -> bool:
        """Whether `path` is to be checked: in `include` (when given) and not in `exclude`."""
        if self.include and not any(matches(path, g, self.root) for g in self.include):
            return False
        return not any(matches(path, g, self.root) for g in self.exclude)

    def ignores_for(self, path: str) -> frozenset[str]:
        """The codes `per-file-ignores` turns off for `path`."""
        codes: set[str] = set()
        for glob, ignored in self.per_file_ignores:
            if matches(path, glob, self.root):
                codes |= ignored
        return frozenset(codes)

    def ignores_note(self, path: str, code: str, note: str) -> bool:
        """Whether `ignore-notes` silences rule `code` on note `note` of `path`."""
        return any(
            c == code and n == note and matches(path, g, self.root) for g, c, n in self.ignore_notes
        )
