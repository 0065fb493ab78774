"""footcheck's configuration files: find one, read it, validate it, say where each value came from.

Configuration lives in the `[tool.footcheck]` table of a `pyproject.toml`, or at the top
level of a `.footcheck.toml`, in the manner of ruff. `find_config` walks from a path up to
the filesystem root; the first folder holding a `.footcheck.toml`, or a `pyproject.toml`
that has a `[tool.footcheck]` table, wins (`.footcheck.toml` first in a folder). A
`pyproject.toml` without the table is passed over, as ruff passes over one without
`[tool.ruff]`.

`load_config` turns the file into a `FileSettings`: every value validated and normalised
(rule names and prefixes expanded to codes, severities to `Severity`, dates to
`PartialDate`, sizes to bytes). Anything wrong (malformed TOML, an unknown key, an unknown
rule, a bad severity, date or size, a value of the wrong type) is a `ConfigError` whose
one-line message names the file and the key. Keys are kebab-case (`fail-on`); the
snake_case spelling (`fail_on`) is accepted too, but not both at once.

Globs (`include`, `exclude`, `per-file-ignores`, `ignore-notes`) are relative to the
config file's folder and match like `.gitignore` patterns: see `matches`. `describe`
lists the configuration in force, each value with its `Origin`, for `footcheck config`.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from footcheck.footnotes.model import PartialDate, Severity
from footcheck.footnotes.rules import RULES, lookup

CONFIG_FILE = ".footcheck.toml"
PYPROJECT = "pyproject.toml"
DEFAULT_FAIL_ON = Severity.WARNING
DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024  # the same as runner.DEFAULT_MAX_BYTES

# Every key, kebab-case, in the order `describe` lists them.
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
)
_SPELLINGS: dict[str, str] = {**{k: k for k in KEYS}, **{k.replace("-", "_"): k for k in KEYS}}
_NOTE_KEYS = ("path", "rule", "note")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)\s*([KMG](?:i?B)?|B)?$", re.IGNORECASE)
_UNITS = {"": 1, "B": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
_RULE_ORDER = {r.code: i for i, r in enumerate(RULES)}


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
    present: frozenset[str] = frozenset()  # the (kebab-case) keys the file set

    @property
    def origin(self) -> Origin:
        """Where this file's values come from."""
        if self.path is None:
            return DEFAULT
        table = " [tool.footcheck]" if self.path.name == PYPROJECT else ""
        return Origin("file", f"{self.path}{table}")

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


# --- discovery -------------------------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The config file for `start` (a file: from its folder; a folder: from itself), upwards.

    Raises ConfigError when a `pyproject.toml` on the way cannot be read.
    """
    start = Path(os.path.abspath(start))
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        dotfile = candidate / CONFIG_FILE
        if dotfile.is_file():
            return dotfile
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_table(_read_toml(pyproject)):
            return pyproject
    return None


def load_for(start: Path) -> FileSettings:
    """The settings of the config file for `start`; empty settings (path None) when none."""
    path = find_config(start)
    return FileSettings() if path is None else load_config(path)


def _has_table(data: Mapping[str, Any]) -> bool:
    tool = data.get("tool")
    return isinstance(tool, dict) and "footcheck" in tool


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{_display(path)}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{_display(path)}: invalid TOML: not UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{_display(path)}: cannot read: {exc.strerror or exc}") from None


def _display(path: Path) -> str:
    """The path relative to the current folder when under it, else absolute."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive
        return absolute
    return absolute if relative.startswith(os.pardir) else relative


# --- loading -----------------------------------------------------------------------------


class _Where:
    """How error messages name the place: file, table, key."""

    def __init__(self, path: Path) -> None:
        table = " [tool.footcheck]" if path.name == PYPROJECT else ""
        self.prefix = f"{_display(path)}:{table}"

    def error(self, message: str, key: str | None = None) -> ConfigError:
        return ConfigError(f"{self.prefix} {key}: {message}" if key else f"{self.prefix} {message}")


def load_config(path: Path) -> FileSettings:
    """Read and validate one config file; ConfigError on anything wrong."""
    path = Path(os.path.abspath(path))
    where = _Where(path)
    data = _read_toml(path)
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        table = tool.get("footcheck", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError(f"{_display(path)}: [tool.footcheck] must be a table")
    else:
        table = data
    raw: dict[str, tuple[str, Any]] = {}  # canonical key -> (spelling used, value)
    for spelling, value in table.items():
        key = _SPELLINGS.get(spelling)
        if key is None:
            raise where.error(f"unknown key {spelling!r}{_suggest(spelling)}")
        if key in raw:
            raise where.error(f"both {raw[key][0]!r} and {spelling!r} given")
        raw[key] = (spelling, value)

    values: dict[str, Any] = {}
    for key, (spelling, value) in raw.items():
        values[key.replace("-", "_")] = _PARSERS[key](value, spelling, where)
    return FileSettings(path=path, root=path.parent, present=frozenset(raw), **values)


def _suggest(spelling: str) -> str:
    import difflib

    close = difflib.get_close_matches(spelling, list(_SPELLINGS), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _type_name(value: object) -> str:
    names = {
        str: "a string",
        int: "an integer",
        float: "a float",
        bool: "a boolean",
        list: "an array",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


def _strings(value: Any, key: str, where: _Where) -> list[str]:
    if not isinstance(value, list):
        raise where.error(f"expected an array of strings, got {_type_name(value)}", key)
    for item in value:
        if not isinstance(item, str):
            raise where.error(f"expected an array of strings, found {_type_name(item)}", key)
    return value


def _codes(value: Any, key: str, where: _Where) -> frozenset[str]:
    items = _strings(value, key, where)
    try:
        return rule_codes(items, key)
    except ConfigError as exc:
        raise ConfigError(f"{where.prefix} {exc}") from None


def _parse_select(value: Any, key: str, where: _Where) -> frozenset[str]:
    return _codes(value, key, where)


def _severity(value: Any, key: str, where: _Where, allowed: tuple[Severity, ...]) -> Severity:
    names = " or ".join(repr(s.value) for s in allowed)
    if not isinstance(value, str):
        raise where.error(f"expected {names}, got {_type_name(value)}", key)
    try:
        severity = Severity(value.strip().lower())
    except ValueError:
        severity = None
    if severity not in allowed:
        raise where.error(f"expected {names}, got {value!r}", key)
    assert severity is not None
    return severity


def _parse_severity(value: Any, key: str, where: _Where) -> Mapping[str, Severity]:
    if not isinstance(value, dict):
        raise where.error(f"expected a table of rule = severity, got {_type_name(value)}", key)
    # A more specific entry wins: an exact code or name over a prefix, a longer prefix over
    # a shorter one, any of them over "ALL"; two entries as specific disagreeing is an error.
    chosen: dict[str, tuple[int, str, Severity]] = {}
    every = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    for name, level in value.items():
        entry = f"{key}.{name}"
        severity = _severity(level, entry, where, every)
        try:
            codes = rule_codes([name], key)
        except ConfigError as exc:
            raise ConfigError(f"{where.prefix} {exc}") from None
        if name.strip().upper() == "ALL":
            rank = 0
        elif lookup(name.strip()) is not None:
            rank = 100
        else:
            rank = len(name.strip())
        for code in codes:
            previous = chosen.get(code)
            if previous is None or rank > previous[0]:
                chosen[code] = (rank, name, severity)
            elif rank == previous[0] and severity is not previous[2]:
                raise where.error(
                    f"{previous[1]!r} and {name!r} give {code} different severities", key
                )
    ordered = sorted(chosen, key=_RULE_ORDER.__getitem__)
    return MappingProxyType({code: chosen[code][2] for code in ordered})


def _parse_fail_on(value: Any, key: str, where: _Where) -> Severity:
    return _severity(value, key, where, (Severity.ERROR, Severity.WARNING))


def _glob(value: str, key: str, where: _Where) -> str:
    glob = _normalise_glob(value)
    if not glob or glob == "/":
        raise where.error(f"empty glob {value!r}", key)
    if ".." in glob.split("/"):
        raise where.error(f"glob {value!r} leaves the config file's folder", key)
    if _compile(glob)[0].pattern == _BAD_GLOB:
        raise where.error(f"invalid glob {value!r}", key)
    return glob


def _parse_globs(value: Any, key: str, where: _Where) -> tuple[str, ...]:
    return tuple(_glob(item, key, where) for item in _strings(value, key, where))


def _parse_per_file_ignores(
    value: Any, key: str, where: _Where
) -> tuple[tuple[str, frozenset[str]], ...]:
    if not isinstance(value, dict):
        raise where.error(f"expected a table of glob = [rules], got {_type_name(value)}", key)
    return tuple(
        (_glob(glob, key, where), _codes(codes, f"{key}.{glob!r}", where))
        for glob, codes in value.items()
    )


def _parse_ignore_notes(value: Any, key: str, where: _Where) -> tuple[tuple[str, str, str], ...]:
    if not isinstance(value, list):
        raise where.error(f"expected an array of tables, got {_type_name(value)}", key)
    notes: list[tuple[str, str, str]] = []
    for index, item in enumerate(value):
        entry = f"{key}[{index}]"
        if not isinstance(item, dict):
            raise where.error(
                f"expected a table {{path = ..., rule = ..., note = ...}}, got {_type_name(item)}",
                entry,
            )
        for name in item:
            if name not in _NOTE_KEYS:
                raise where.error(
                    f"unknown key {name!r} (expected 'path', 'rule' and 'note')", entry
                )
        for name in _NOTE_KEYS:
            if name not in item:
                raise where.error(f"missing {name!r}", entry)
        path, rule_name, note = item["path"], item["rule"], item["note"]
        if not isinstance(path, str):
            raise where.error(f"expected a string, got {_type_name(path)}", f"{entry}.path")
        if not isinstance(rule_name, str):
            raise where.error(f"expected a string, got {_type_name(rule_name)}", f"{entry}.rule")
        rule = lookup(rule_name.strip())
        if rule is None:
            raise where.error(
                f"unknown rule {rule_name!r} (one rule code or name; see `footcheck rules`)",
                f"{entry}.rule",
            )
        if isinstance(note, int) and not isinstance(note, bool):
            note = str(note)
        if not isinstance(note, str) or not note.strip():
            raise where.error(
                f"expected a note label (a string or integer), got {note!r}", f"{entry}.note"
            )
        notes.append((_glob(path, f"{entry}.path", where), rule.code, note.strip()))
    return tuple(notes)


def _parse_report_date(value: Any, key: str, where: _Where) -> PartialDate:
    if isinstance(value, datetime.datetime):
        raise where.error("expected a date (YYYY-MM-DD), got a date-time", key)
    if isinstance(value, datetime.date):
        return PartialDate(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise where.error(f"expected a date YYYY-MM-DD, got {_type_name(value)}", key)
    date = parse_report_date(value)
    if date is None:
        raise where.error(f"{value!r} is not a date of the form YYYY-MM-DD", key)
    return date


def parse_report_date(value: str) -> PartialDate | None:
    """A report date written as YYYY, YYYY-MM or YYYY-MM-DD, valid, in 1500-2100; else None."""
    match = _ISO_DATE.match(value.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    date = PartialDate(year, month, day)
    return date if date.is_valid() and 1500 <= year <= 2100 else None


def _parse_max_file_size(value: Any, key: str, where: _Where) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise where.error(
            f'expected a number of bytes or a size like "50MB", got {_type_name(value)}', key
        )
    if isinstance(value, int):
        size = value
    else:
        match = _SIZE.match(value.strip())
        if match is None:
            raise where.error(f'{value!r} is not a size like "50MB", "500KB" or "1GB"', key)
        number, unit = match.group(1), (match.group(2) or "")[:1].upper()
        factor = _UNITS[unit]
        size = int(float(number) * factor) if "." in number else int(number) * factor
    if size <= 0:
        raise where.error(f"expected a size above zero, got {value!r}", key)
    return size


_PARSERS: dict[str, Callable[[Any, str, _Where], object]] = {
    "select": _parse_select,
    "ignore": _parse_select,
    "severity": _parse_severity,
    "fail-on": _parse_fail_on,
    "include": _parse_globs,
    "exclude": _parse_globs,
    "per-file-ignores": _parse_per_file_ignores,
    "ignore-notes": _parse_ignore_notes,
    "report-date": _parse_report_date,
    "max-file-size": _parse_max_file_size,
}


# --- rules -------------------------------------------------------------------------------


def rule_codes(values: Iterable[str], key: str) -> frozenset[str]:
    """The codes that `values` name: codes, rule names, prefixes ("DT", "FN00") or "ALL".

    Each value may hold several, comma-separated (as `--select DT,FN001` does). `key` names
    the option or key in the ConfigError raised for an unknown rule.
    """
    codes: set[str] = set()
    for value in values:
        for item in filter(None, (part.strip() for part in value.split(","))):
            if item.upper() == "ALL":
                codes.update(r.code for r in RULES)
                continue
            rule = lookup(item)
            if rule is not None:
                codes.add(rule.code)
                continue
            matched = {r.code for r in RULES if r.code.startswith(item.upper())}
            if not matched:
                raise ConfigError(f"{key}: unknown rule {item!r} (see `footcheck rules`)")
            codes.update(matched)
    return frozenset(codes)


# --- globs -------------------------------------------------------------------------------


def _normalise_glob(glob: str) -> str:
    glob = glob.strip()
    while glob.startswith("./"):
        glob = glob[2:]
    return glob


_BAD_GLOB = r"(?!)"


@functools.lru_cache(maxsize=512)
def _compile(glob: str) -> tuple[re.Pattern[str], bool, bool]:
    """(regex, anchored, directories only) for a gitignore-like glob."""
    glob = _normalise_glob(glob)
    dir_only = glob.endswith("/")
    glob = glob.rstrip("/")
    anchored = "/" in glob
    glob = glob.lstrip("/")
    segments = glob.split("/")
    parts: list[str] = []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "**":
            parts.append(".*" if last else "(?:[^/]+/)*")
        else:
            parts.append(_translate(segment) + ("" if last else "/"))
    try:
        return re.compile("".join(parts)), anchored, dir_only
    except re.error:  # e.g. a class "[z-a]": a glob that matches nothing
        return re.compile(_BAD_GLOB), anchored, dir_only


def _translate(segment: str) -> str:
    """One path segment of a glob as a regex: `*`, `?`, `[...]`, `\\x`; never crossing `/`."""
    out: list[str] = []
    i, n = 0, len(segment)
    while i < n:
        c = segment[i]
        if c == "*":
            while i + 1 < n and segment[i + 1] == "*":
                i += 1
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(segment[i]))
        elif c == "[":
            start = i + 1
            negate = segment[start : start + 1] in ("!", "^")
            if negate:
                start += 1
            end = segment.find("]", start + 1)  # a "]" first in the class is literal
            if end == -1:
                out.append(re.escape(c))
            else:
                body = "".join("\\" + ch if ch in "\\]^[" else ch for ch in segment[start:end])
                out.append(f"[^/{body}]" if negate else f"(?!/)[{body}]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def _relative(path: str, root: Path | None) -> str | None:
    """`path` relative to `root` (default: the current folder), "/"-separated; None if outside."""
    base = os.path.abspath(root if root is not None else os.curdir)
    absolute = os.path.abspath(path)
    for b, p in ((base, absolute), (os.path.realpath(base), os.path.realpath(absolute))):
        try:
            relative = os.path.relpath(p, b)
        except ValueError:  # another drive
            continue
        if (
            relative != os.curdir
            and relative != os.pardir
            and not relative.startswith(os.pardir + os.sep)
        ):
            return relative.replace(os.sep, "/")
    return None


def matches(path: str, glob: str, root: Path | None) -> bool:
    """Whether file `path` matches `glob`, a gitignore-like pattern relative to `root`.

    `path` may be absolute or relative to the current folder; `root` None means the current
    folder. A file outside `root` never matches. In the glob, `**` as a whole segment
    crosses folders, `*` and `?` do not; `[abc]` is a class; a leading `./` is dropped. A
    glob without `/` (`*.md`, `archive`) matches a file or folder name at any depth; one with
    `/` is anchored at `root` (`/notes.md` is only the one at the top). A glob that matches
    a folder matches every file under it; a trailing `/` matches folders only.
    """
    relative = _relative(path, root)
    if relative is None or not _normalise_glob(glob).strip("/"):
        return False
    regex, anchored, dir_only = _compile(glob)
    components = relative.split("/")
    count = len(components) - 1 if dir_only else len(components)  # folders only: not the file
    if anchored:
        candidates = ("/".join(components[: i + 1]) for i in range(count))
    else:
        candidates = (components[i] for i in range(count))
    return any(regex.fullmatch(candidate) for candidate in candidates)


# --- provenance --------------------------------------------------------------------------

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
}


def _codes_text(codes: Iterable[str]) -> str:
    ordered = sorted(codes, key=lambda c: (_RULE_ORDER.get(c, len(_RULE_ORDER)), c))
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
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value) if value else "(none)"
    return str(value)


def describe(
    settings: FileSettings, overrides: Mapping[str, tuple[object, Origin]]
) -> list[tuple[str, str, Origin]]:
    """The configuration in force: (key, value as text, origin) for every key, in `KEYS` order.

    A key comes from `overrides` (the command line's values; keys kebab- or snake_case)
    when there, else from the file when it set it, else is shown as its default.
    """
    given: dict[str, tuple[object, Origin]] = {}
    for spelling, override in overrides.items():
        key = _SPELLINGS.get(spelling)
        if key is None:
            raise ValueError(f"unknown configuration key {spelling!r}")
        given[key] = override
    rows: list[tuple[str, str, Origin]] = []
    for key in KEYS:
        if key in given:
            value, origin = given[key]
            rows.append((key, _value_text(key, value), origin))
        elif key in settings.present:
            value = getattr(settings, key.replace("-", "_"))
            rows.append((key, _value_text(key, value), settings.origin))
        else:
            rows.append((key, _DEFAULT_TEXT[key], DEFAULT))
    return rows
