"""JSON Lines: one JSON object a line, for streaming tools and `grep`.

Each finding is one line holding the contract's finding object (the same as in
`--format json`); each file that could not be checked is one line
`{"path": ..., "error": ...}`, before that file's findings. Nothing else: a clean
run prints nothing. U+0085, U+2028 and U+2029 are escaped too, so that no reader
that splits lines on them (Python's `str.splitlines`) cuts an object in two.
"""

from __future__ import annotations

import json
from typing import Any

from footcheck.footnotes.report.json_report import finding_dict
from footcheck.footnotes.results import RunResult

_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def dumps(obj: dict[str, Any]) -> str:
    """One object as one line of JSON."""
    text = json.dumps(obj, ensure_ascii=False)
    for char, escape in _LINE_BREAKS.items():
        text = text.replace(char, escape)
    return text


def render(result: RunResult, version: str) -> str:
    lines: list[str] = []
    for file in result.files:
        if file.error is not None:
            lines.append(dumps({"path": file.path, "error": file.error}))
        lines.extend(dumps(finding_dict(f)) for f in file.findings)
    return "".join(line + "\n" for line in lines)
