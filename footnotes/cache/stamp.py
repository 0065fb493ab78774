"""The code stamp: what a cached result was computed by.

A result is reused only while the code that made it is unchanged: the footcheck
version, the size and time of every module in the folders the caller names (the
domain's and the readers'; an edited checkout, same version number, gets a new
stamp), the install of each library it names (an upgrade rewrites its `__init__`),
the Python version and its Unicode tables.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable

from footcheck import __version__


def code_stamp(folders: Iterable[str], libraries: Iterable[str]) -> str:
    """What the results are computed by: the code in `folders`, the libraries, the Python.

    The version, and the size and time of every module under `folders` (the
    caller's code: the domain and the readers); the size and time of the `__init__`
    of each library named in `libraries` (those whose behaviour shapes a result),
    found without importing it; the Python version and its Unicode tables.
    """
    import importlib.util
    import unicodedata

    parts = [__version__, sys.version, unicodedata.unidata_version]
    for folder in folders:
        parts.extend(_module_stamps(folder))
    for name in libraries:
        try:
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec is not None else None
            info = os.stat(origin) if origin else None
        except (ImportError, OSError, ValueError):
            info = None
        parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}" if info else f"{name}:-")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _module_stamps(folder: str) -> Iterable[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(root, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                yield f"{path}:{info.st_size}:{info.st_mtime_ns}"
