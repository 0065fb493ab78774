"""Reporters: each renders the results of a whole run in one output format.

Kept apart from the checking, in the manner of yamllint's formatters: a reporter
reads a `RunResult` and writes text; it decides nothing about the findings.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from footcheck.footnotes.results import RunResult

# output format -> the module that renders it as text (console also writes to a terminal)
MODULES = {
    "console": "console",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "jsonl": "jsonl",
    "html": "html",
}


def render_text(result: RunResult, fmt: str, version: str, *, verbose: bool = False) -> str:
    """The whole run's report in output format `fmt`, as text (for a file or a pipe)."""
    if fmt == "console":
        import io

        from footcheck.footnotes.report import console

        buffer = io.StringIO()
        console.render(result, buffer, colour=False, verbose=verbose)
        return buffer.getvalue()
    module = importlib.import_module(f"footcheck.footnotes.report.{MODULES[fmt]}")
    text: str = module.render(result, version)
    return text
