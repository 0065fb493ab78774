"""The settings of a run, resolved in one place: defaults, then the file, then the command line.

`resolve(file, given)` makes the run's `Config` from one configuration file's
`FileSettings` and what the command line `given` says, and records where each value
in force came from (`Config.origins`), which `footcheck config` prints (`describe`).
How each key combines:

- `select`, `fail-on`, `report-date`: the command line's value replaces the file's;
- `ignore`: the command line's codes are added to the file's;
- `include`, `exclude`: both apply; the file's globs are relative to its folder, the
  command line's to the folder they are applied to (the folder named, wherever it
  lies; for a file named, its own folder) and to the current folder;
- `severity`, `per-file-ignores`, `ignore-notes`, `max-file-size`: the file's only.

`Config` also answers, per file, the questions the run asks: is it checked, with
which rules and severities, which notes are silenced, and what in the
configuration can change its findings (the cache's key).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from footcheck.footnotes.model import PartialDate, Severity
from footcheck.footnotes.rules import RULES, Rule
from footcheck.footnotes.settings.globs import matches
from footcheck.footnotes.settings.validate import RULE_ORDER
from footcheck.footnotes.settings.values import (
    DEFAULT,
    DEFAULT_CACHE_DIR,
    DEFAULT_FAIL_ON,
    DEFAULT_MAX_FILE_SIZE,
    KEYS,
    BookEntry,
    FileSettings,
    Origin,
)

if TYPE_CHECKING:
    from footcheck.footnotes import suppress
    from footcheck.footnotes.views import PageDrawer


@dataclass(frozen=True)
class CommandLine:
    """What the command line gives; None or empty: not given.

    The keys a file can set too come first; the rest only the command line sets.
    """

    select: frozenset[str] | None = None
    ignore: frozenset[str] | None = None
    fail_on: Severity | None = None
    report_date: PartialDate | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    cache_dir: str | None = None  # --cache-dir (or FOOTCHECK_CACHE_DIR)
    no_cache: bool = False
    stdin_format: str | None = None
    stdin_name: str = "<stdin>"
    debug: bool = False
    books: bool | None = None  # --book / --no-book


@dataclass(frozen=True)
class Config:
    """What a run is asked to do: which rules, how strict, and the dates to check against."""

    select: frozenset[str] | None = None  # rule codes; None: every rule
    ignore: frozenset[str] = frozenset()
    fail_on: Severity = DEFAULT_FAIL_ON
    report_date: PartialDate | None = None
    today: PartialDate | None = None
    stdin_format: str | None = None
    stdin_name: str = "<stdin>"
    max_bytes: int = DEFAULT_MAX_FILE_SIZE
    # From a configuration file: per-rule severity, include/exclude, per-file ignores,
    # ignore-notes (globs relative to its folder).
    settings: FileSettings | None = None
    # Globs from the command line (relative to the folder they are applied to).
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    # Let an internal error (a bug in a reader or a rule) end the run with its traceback.
    debug: bool = False
    # Where results are cached (footnotes.cache); None: no cache.
    cache_dir: str | None = None
    # Check the files of a run as books (links between files followed); off: each alone.
    books_on: bool = True
    # Draw each document's part of the HTML report where it is checked (given by the
    # command line: footnotes.report.html.fragment.Drawer); None: no page is made.
    unit_page: PageDrawer | None = None
    # Where each setting in force came from (kebab-case key -> origin); unlisted: default.
    origins: Mapping[str, Origin] = field(default_factory=lambda: MappingProxyType({}))
    # The rules of each path asked about (the run asks several times per file).
    _rules_of: dict[str | None, tuple[Rule, ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def rules(self, path: str | None = None) -> tuple[Rule, ...]:
        """The rules to run (on `path`, less its per-file ignores)."""
        known = self._rules_of.get(path)
        if known is not None:
            return known
        off = self.ignore
        if path is not None and self.settings is not None:
            off = off | self.settings.ignores_for(path)
        rules = tuple(
            r for r in RULES if (self.select is None or r.code in self.select) and r.code not in off
        )
        self._rules_of[path] = rules
        return rules

    def wants(self, path: str, *, found_in: str | None = None) -> bool:
        """Whether a file is checked: excludes apply to every file, includes to found ones.

        `found_in` is the folder named on the command line that the file was found
        under; None for a file named itself.
        """
        bases = _command_line_bases(path, found_in)
        if any(_matches_from(path, glob, bases) for glob in self.exclude):
            return False
        named = found_in is None
        if (
            not named
            and self.include
            and not any(_matches_from(path, g, bases) for g in self.include)
        ):
            return False
        if self.settings is None:
            return True
        if named:
            return not any(matches(path, g, self.settings.root) for g in self.settings.exclude)
        return self.settings.wants(path)

    def fingerprint(self, path: str, fmt: str | None) -> str:
        """Everything in this configuration that can change the findings on `path`."""
        severity = self.settings.severity if self.settings is not None else {}
        return repr(
            (
                fmt,
                [r.code for r in self.rules(path)],
                self.note_ignores_for(path),
                sorted((code, level.value) for code, level in severity.items()),
                self.report_date,
            )
        )

    @property
    def book_entries(self) -> tuple[BookEntry, ...]:
        """The configuration's `books`, with their globs relative to its folder."""
        return self.settings.books if self.settings is not None else ()

    @property
    def book_root(self) -> Path | None:
        """The folder the `books` globs are relative to."""
        return self.settings.root if self.settings is not None else None

    def severity_of(self, code: str) -> Severity | None:
        """The severity configured for a rule, if any."""
        return self.settings.severity.get(code) if self.settings is not None else None

    def note_ignores_for(self, path: str) -> list[suppress.NoteIgnore]:
        """The `ignore-notes` entries that apply to the file at `path`."""
        settings = self.settings
        if settings is None or not settings.ignore_notes:
            return []
        from footcheck.footnotes import suppress

        return [
            suppress.NoteIgnore(code, label, str(settings.origin.detail or "configuration"))
            for glob, code, label in settings.ignore_notes
            if matches(path, glob, settings.root)
        ]


def _command_line_bases(path: str, found_in: str | None) -> tuple[Path | None, ...]:
    """The folders a command-line glob is matched from: the folder it is applied to (the
    folder named, or a named file's own) and the current folder (None)."""
    applied = found_in if found_in is not None else os.path.dirname(path) or os.curdir
    return (Path(applied), None)


def _matches_from(path: str, glob: str, bases: Iterable[Path | None]) -> bool:
    return any(matches(path, glob, base) for base in bases)


def resolve(file: FileSettings, given: CommandLine) -> Config:
    """The run's configuration: defaults, then `file`, then the command line `given`."""
    origins: dict[str, Origin] = {key: file.origin for key in file.present}

    def given_as(key: str) -> None:
        added = ", added to the file's" if key in _ADDED and key in file.present else ""
        origins[key] = Origin("command line", f"--{key}{added}")

    select = file.select
    if given.select is not None:
        select = given.select
        given_as("select")
    ignore = file.ignore
    if given.ignore:
        ignore = given.ignore | file.ignore
        given_as("ignore")
    fail_on = file.fail_on or DEFAULT_FAIL_ON
    if given.fail_on is not None:
        fail_on = given.fail_on
        given_as("fail-on")
    report_date = file.report_date
    if given.report_date is not None:
        report_date = given.report_date
        given_as("report-date")
    for key, globs in (("include", given.include), ("exclude", given.exclude)):
        if globs:
            given_as(key)
    if given.books is not None:
        origins["books"] = Origin("command line", "--book" if given.books else "--no-book")
    return Config(
        select=select,
        ignore=ignore,
        fail_on=fail_on,
        report_date=report_date,
        max_bytes=file.max_file_size or DEFAULT_MAX_FILE_SIZE,
        settings=file,
        include=given.include,
        exclude=given.exclude,
        origins=MappingProxyType(origins),
        stdin_format=given.stdin_format,
        stdin_name=given.stdin_name,
        debug=given.debug,
        cache_dir=_cache_dir(file, given),
        books_on=given.books if given.books is not None else True,
    )


# The keys whose command-line values are added to the file's (the others replace them).
_ADDED = frozenset({"ignore", "include", "exclude"})


def _cache_dir(file: FileSettings, given: CommandLine) -> str | None:
    """--cache-dir, else .footcheck_cache beside the configuration file, else here; None: off."""
    if given.no_cache:
        return None
    if given.cache_dir:
        return given.cache_dir
    return os.path.join(str(file.root) if file.root is not None else os.curdir, DEFAULT_CACHE_DIR)


# --- what `footcheck config` prints --------------------------------------------------------

_DEFAULT_TEXT: dict[str, str] = {
    "select": "ALL",
    "ignore": "(none)",
    "severity": "(each rule's own)",
    "fail-on": DEFAULT_FAIL_ON.value,
    "include": "(every file named or found)",
    "exclude": "(none)",
    "per-file-ignores": "(none)",
    "ignore-notes": "(none)",
    "report-date": "(each report's own)",
    "max-file-size": "50MB",
    "books": "(from links and tables of contents)",
}


def _codes_text(codes: Iterable[str]) -> str:
    ordered = sorted(codes, key=lambda c: (RULE_ORDER.get(c, len(RULE_ORDER)), c))
    return ", ".join(ordered) if ordered else "(none)"


def _size_text(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor}{unit}"
    return f"{size} bytes"


def _value_text(key: str, value: object) -> str:
    """A value in force as `footcheck config` prints it."""
    if value is None:
        return _DEFAULT_TEXT[key]
    if isinstance(value, Severity):
        return value.value
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, int) and not isinstance(value, bool) and key == "max-file-size":
        return _size_text(value)
    if isinstance(value, frozenset | set):
        return _codes_text(str(v) for v in value)
    if isinstance(value, Mapping):
        entries = [f"{k} = {_value_text(key, v)}" for k, v in value.items()]
        return ", ".join(entries) if entries else "(none)"
    if key == "per-file-ignores" and isinstance(value, tuple | list):
        return "; ".join(f"{g}: {_codes_text(c)}" for g, c in value) or "(none)"
    if key == "ignore-notes" and isinstance(value, tuple | list):
        return "; ".join(f"{g} {c} note {n}" for g, c, n in value) or "(none)"
    if key == "books" and isinstance(value, tuple):
        return "; ".join(
            f"{b.name}: {', '.join(b.files)}{' (merged)' if b.merged else ''}" for b in value
        )
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value) if value else "(none)"
    return str(value)


def describe(config: Config) -> list[tuple[str, str, Origin]]:
    """The configuration in force: (key, value as text, origin) for every key, in `KEYS` order."""
    file = config.settings or FileSettings()
    values: dict[str, object] = {
        "select": config.select,
        "ignore": config.ignore,
        "severity": file.severity,
        "fail-on": config.fail_on,
        "include": (*config.include, *file.include),
        "exclude": (*config.exclude, *file.exclude),
        "per-file-ignores": file.per_file_ignores,
        "ignore-notes": file.ignore_notes,
        "report-date": config.report_date,
        "max-file-size": config.max_bytes,
        "books": config.book_entries if config.books_on else "off (--no-book)",
    }
    rows: list[tuple[str, str, Origin]] = []
    for key in KEYS:
        origin = config.origins.get(key, DEFAULT)
        text = _DEFAULT_TEXT[key] if origin is DEFAULT else _value_text(key, values[key])
        rows.append((key, text, origin))
    return rows
