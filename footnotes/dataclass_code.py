"""The methods `dataclasses` writes for footcheck's classes, compiled once and kept between runs.

For every dataclass, `dataclasses` writes the source of its `__init__`, `__repr__`,
`__eq__`, `__hash__` (and, frozen, `__setattr__` and `__delattr__`) and compiles it with
`exec`: about 3 million instructions a class, some 60 classes in a run, a seventh of a
run over one 10 KB report. The source is the same at every start, so its compiled code
can be kept: `install` gives the `dataclasses` module an `exec` of its own that, for
source written for a footcheck module (the globals it runs in are that module's), runs
the code compiled from exactly that source in an earlier run (kept by startup_cache.py)
and compiles and keeps it otherwise. Any other caller's source, and anything that is
not a string of source, goes to the built-in `exec` untouched.

The same code either way: the kept code object is `compile(source, "<string>",
"exec", dont_inherit=True)`, what the built-in `exec` compiles a string into when
`dataclasses` (which has no `__future__` imports) calls it, and the file is read only by
the interpreter version that wrote it.
"""

from __future__ import annotations

import builtins
import dataclasses
import marshal
import types
from collections.abc import Mapping
from typing import Any

import footcheck.footnotes.startup_cache as startup_cache

__all__ = ["install"]

_PACKAGE = "footcheck."


def install() -> None:
    """Serve footcheck's dataclass methods from kept code (once per process)."""
    if startup_cache.enabled() and getattr(dataclasses, "exec", None) is not _exec:
        dataclasses.exec = _exec  # type: ignore[attr-defined]


def _exec(
    source: Any,
    scope: dict[str, Any] | None = None,
    names: Mapping[str, object] | None = None,
) -> None:
    if not (
        isinstance(source, str)
        and scope is not None
        and str(scope.get("__name__", "")).startswith(_PACKAGE)
    ):
        if isinstance(source, str):
            # Compiled as the built-in exec compiles it when dataclasses calls it: without
            # this module's `from __future__ import annotations`, which a string run here
            # would inherit (and so turn the other classes' annotations into strings).
            source = compile(source, "<string>", "exec", dont_inherit=True)
        builtins.exec(source, scope, names)
        return
    key = ("dataclass", source)
    kept = startup_cache.lookup(key)
    code = None
    if kept is not None:
        try:
            code = marshal.loads(kept)
        except (EOFError, ValueError, TypeError):
            code = None
        if not isinstance(code, types.CodeType):  # a damaged entry: compile afresh
            code = None
            startup_cache.forget(key)
    if code is None:
        code = compile(source, "<string>", "exec", dont_inherit=True)
        startup_cache.keep(key, marshal.dumps(code))
    builtins.exec(code, scope, names)
