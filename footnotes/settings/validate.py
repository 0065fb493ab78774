"""Reading one configuration file: every value validated and normalised, or one clear error.

`load_config` turns the file into a `FileSettings`: rule names and prefixes
expanded to codes, severities to `Severity`, dates to `PartialDate`, sizes to bytes,
globs checked. Anything wrong (malformed TOML, an unknown key, an unknown rule, a
bad severity, date or size, a value of the wrong type) is a `ConfigError` whose
one-line message names the file and the key. Keys are kebab-case (`fail-on`); the
snake_case spelling (`fail_on`) is accepted too, but not both at once.
`rule_codes` and `parse_report_date` read the same values from the command line.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import PartialDate, Severity
from footcheck.footnotes.rules import RULES, lookup
from footcheck.footnotes.settings.find import display, find_config, read_toml
from footcheck.footnotes.settings.globs import BAD_GLOB, compile_glob, normalise_glob
from footcheck.footnotes.settings.values import (
    PYPROJECT,
    SPELLINGS,
    BookEntry,
    ConfigError,
    FileSettings,
    table_of,
)

_NOTE_KEYS = ("path", "rule", "note")
_BOOK_KEYS = ("name", "files", "merged")
_ISO_DATE = pattern_store.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SIZE = pattern_store.compile(r"^(\d+(?:\.\d+)?)\s*([KMG](?:i?B)?|B)?$", re.IGNORECASE)
_UNITS = {"": 1, "B": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
RULE_ORDER = {r.code: i for i, r in enumerate(RULES)}


class _Where:
    """How error messages name the place: file, table, key."""

    def __init__(self, path: Path) -> None:
        self.prefix = f"{display(path)}:{table_of(path)}"

    def error(self, message: str, key: str | None = None) -> ConfigError:
        return ConfigError(f"{self.prefix} {key}: {message}" if key else f"{self.prefix} {message}")


def load_config(path: Path) -> FileSettings:
    """Read and validate one config file; ConfigError on anything wrong."""
    path = Path(os.path.abspath(path))
    where = _Where(path)
    data = read_toml(path)
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        table = tool.get("footcheck", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError(f"{display(path)}: [tool.footcheck] must be a table")
    else:
        table = data
    raw: dict[str, tuple[str, Any]] = {}  # canonical key -> (spelling used, value)
    for spelling, value in table.items():
        key = SPELLINGS.get(spelling)
        if key is None:
            raise where.error(f"unknown key {spelling!r}{_suggest(spelling)}")
        if key in raw:
            raise where.error(f"both {raw[key][0]!r} and {spelling!r} given")
        raw[key] = (spelling, value)

    values: dict[str, Any] = {}
    for key, (spelling, value) in raw.items():
        values[key.replace("-", "_")] = _PARSERS[key](value, spelling, where)
    return FileSettings(path=path, root=path.parent, present=frozenset(raw), **values)


def load_for(start: Path) -> FileSettings:
    """The settings of the config file for `start`; empty settings (path None) when none."""
    path = find_config(start)
    return FileSettings() if path is None else load_config(path)


def _suggest(spelling: str) -> str:
    import difflib

    close = difflib.get_close_matches(spelling, list(SPELLINGS), n=1, cutoff=0.6)
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
    ordered = sorted(chosen, key=RULE_ORDER.__getitem__)
    return MappingProxyType({code: chosen[code][2] for code in ordered})


def _parse_fail_on(value: Any, key: str, where: _Where) -> Severity:
    return _severity(value, key, where, (Severity.ERROR, Severity.WARNING))


def _glob(value: str, key: str, where: _Where) -> str:
    glob = normalise_glob(value)
    if not glob or glob == "/":
        raise where.error(f"empty glob {value!r}", key)
    if ".." in glob.split("/"):
        raise where.error(f"glob {value!r} leaves the config file's folder", key)
    if compile_glob(glob)[0].pattern == BAD_GLOB:
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


def _tables(
    value: Any, key: str, where: _Where, keys: tuple[str, ...], shape: str
) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """(index, where, table) of each table of an array of tables with only `keys`."""
    if not isinstance(value, list):
        raise where.error(f"expected an array of tables, got {_type_name(value)}", key)
    expected = ", ".join(repr(k) for k in keys[:-1]) + f" and {keys[-1]!r}"
    for index, item in enumerate(value):
        entry = f"{key}[{index}]"
        if not isinstance(item, dict):
            raise where.error(f"expected a table {shape}, got {_type_name(item)}", entry)
        for name in item:
            if name not in keys:
                raise where.error(f"unknown key {name!r} (expected {expected})", entry)
        yield index, entry, item


def _parse_ignore_notes(value: Any, key: str, where: _Where) -> tuple[tuple[str, str, str], ...]:
    notes: list[tuple[str, str, str]] = []
    shape = "{path = ..., rule = ..., note = ...}"
    for _, entry, item in _tables(value, key, where, _NOTE_KEYS, shape):
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


def _parse_books(value: Any, key: str, where: _Where) -> tuple[BookEntry, ...]:
    books: list[BookEntry] = []
    shape = '{name = "...", files = ["..."]}'
    for index, entry, item in _tables(value, key, where, _BOOK_KEYS, shape):
        title = item.get("name", f"book {index + 1}")
        if not isinstance(title, str):
            raise where.error(f"expected a string, got {_type_name(title)}", f"{entry}.name")
        if "files" not in item:
            raise where.error("missing 'files'", entry)
        files = _parse_globs(item["files"], f"{entry}.files", where)
        if not files:
            raise where.error("expected at least one file or glob", f"{entry}.files")
        merged = item.get("merged", False)
        if not isinstance(merged, bool):
            raise where.error(
                f"expected true or false, got {_type_name(merged)}", f"{entry}.merged"
            )
        books.append(BookEntry(title, files, merged))
    return tuple(books)


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
    "books": _parse_books,
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
