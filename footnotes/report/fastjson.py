"""JSON text exactly as `json.dumps(value, ensure_ascii=False, indent=2)` writes it, faster.

With an indent, the standard library falls back to its pure-Python encoder, which
spends most of a large report's output time walking containers. Here containers
are walked by one small function and every string goes through the C encoder,
so a report of thousands of findings is written several times faster, byte for
byte the same (tests/test_reporters.py compares the two on arbitrary values).
Values are what the reports hold: dicts with string keys (other keys are not
supported), lists, tuples, strings, ints, floats, booleans and None.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C function when the accelerator is built
from typing import Any


def dumps(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`."""
    parts: list[str] = []
    _write(value, parts, "\n")
    return "".join(parts)


def _write(value: Any, out: list[str], newline: str) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        first = True
        for key, item in value.items():
            out.append("{" + inner if first else "," + inner)
            first = False
            out.append(encode_basestring(key) + ": ")  # (the reports' keys are strings)
            _write(item, out, inner)
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        first = True
        for item in value:
            out.append("[" + inner if first else "," + inner)
            first = False
            _write(item, out, inner)
        out.append(newline + "]")
    else:  # int, float
        out.append(json.dumps(value))
