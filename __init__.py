"""footcheck: check the footnotes and citations of reports before they are published.

Installed, this is the one import name footcheck puts in site-packages:
`footcheck.cli` (the command line), `footcheck.parsers` (a reader per file format)
and `footcheck.footnotes` (the domain: the model, the rules, the run, the reports).
In the repository these are `cli.py`, `parsers/` and `footnotes/` at the top level,
mapped under this name by `pyproject.toml`; the `footcheck` link at the top level
names the same folder, for tools that resolve imports by folder (mypy, pytest).
"""

__version__ = "0.1.0"
