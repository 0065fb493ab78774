"""Globs in footcheck's settings: gitignore-like patterns matched against file paths.

`matches(path, glob, root)` is the one matcher for `include`, `exclude`,
`per-file-ignores` and `ignore-notes` (relative to the configuration file's folder)
and for `--include`/`--exclude` (relative to the folder they are applied to).
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path


def normalise_glob(glob: str) -> str:
    glob = glob.strip()
    while glob.startswith("./"):
        glob = glob[2:]
    return glob


BAD_GLOB = r"(?!)"


@functools.lru_cache(maxsize=512)
def compile_glob(glob: str) -> tuple[re.Pattern[str], bool, bool]:
    """(regex, anchored, directories only) for a gitignore-like glob."""
    glob = normalise_glob(glob)
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
    try:  # re.compile: a project's globs are its own, not for the start-up cache
        return re.compile("".join(parts)), anchored, dir_only
    except re.error:  # e.g. a class "[z-a]": a glob that matches nothing
        return re.compile(BAD_GLOB), anchored, dir_only


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
    if relative is None or not normalise_glob(glob).strip("/"):
        return False
    regex, anchored, dir_only = compile_glob(glob)
    components = relative.split("/")
    count = len(components) - 1 if dir_only else len(components)  # folders only: not the file
    if anchored:
        candidates = ("/".join(components[: i + 1]) for i in range(count))
    else:
        candidates = (components[i] for i in range(count))
    return any(regex.fullmatch(candidate) for candidate in candidates)
