"""Finding the configuration file for a path: `.footcheck.toml`, or `pyproject.toml`'s table.

Configuration lives in the `[tool.footcheck]` table of a `pyproject.toml`, or at the
top level of a `.footcheck.toml`, in the manner of ruff. `find_config` walks from a
path up to the filesystem root; the first folder holding a `.footcheck.toml`, or a
`pyproject.toml` that has a `[tool.footcheck]` table, wins (`.footcheck.toml` first
in a folder). A `pyproject.toml` without the table is passed over, as ruff passes
over one without `[tool.ruff]`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from footcheck.footnotes.settings.values import (
    CONFIG_FILE,
    PYPROJECT,
    ConfigError,
)


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
        if pyproject.is_file() and _has_table(read_toml(pyproject)):
            return pyproject
    return None


def _has_table(data: Mapping[str, Any]) -> bool:
    tool = data.get("tool")
    return isinstance(tool, dict) and "footcheck" in tool


def read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display(path)}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{display(path)}: invalid TOML: not UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{display(path)}: cannot read: {exc.strerror or exc}") from None


def display(path: Path) -> str:
    """The path relative to the current folder when under it, else absolute."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive
        return absolute
    return absolute if relative.startswith(os.pardir) else relative
