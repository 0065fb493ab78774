"""footcheck's settings: find the configuration file, validate it, resolve the run's `Config`.

- `find`: the configuration file for a path (`.footcheck.toml` or `[tool.footcheck]`);
- `validate`: one file read into `FileSettings`, or one clear `ConfigError`;
- `config`: defaults, then the file, then the command line, into the run's `Config`,
  each value knowing where it came from;
- `globs`: the gitignore-like matcher every path pattern uses;
- `values`: the keys, `FileSettings` and `Origin`.
"""

from footcheck.footnotes.settings.config import CommandLine, Config, describe, resolve
from footcheck.footnotes.settings.find import find_config
from footcheck.footnotes.settings.globs import matches
from footcheck.footnotes.settings.validate import (
    load_config,
    load_for,
    parse_report_date,
    rule_codes,
)
from footcheck.footnotes.settings.values import KEYS, ConfigError, FileSettings, Origin

__all__ = [
    "KEYS",
    "CommandLine",
    "Config",
    "ConfigError",
    "FileSettings",
    "Origin",
    "describe",
    "find_config",
    "load_config",
    "load_for",
    "matches",
    "parse_report_date",
    "resolve",
    "rule_codes",
]
