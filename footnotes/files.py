"""Which files a run checks, and reading each one safely.

`discover` turns the paths a user named into `Target`s: files named, and the files
under folders named whose suffix a reader claims, each once, in a stable order.
`read_bytes` reads one target, refusing what is not a regular file or is too large,
and says why in one line (`DocumentError`). The readers themselves are injected
(`Readers`): nothing here knows a file format.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from footcheck.footnotes.model import Document, DocumentError

if TYPE_CHECKING:
    from footcheck.footnotes.settings import Config

STDIN = "-"
_SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "site-packages"})


class Readers(Protocol):
    """What the run needs from the parsers: read bytes, know the suffixes, and the code
    that reads (a cached result is kept only while that code and those libraries are
    unchanged)."""

    def __call__(self, data: bytes, path: str, format: str | None = None) -> Document: ...

    def format_for(self, path: str) -> str | None: ...

    def format_for_named(self, path: str) -> str: ...

    @property
    def code_folders(self) -> tuple[str, ...]: ...

    @property
    def libraries(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Target:
    """A file to check: its displayed path, where to read it, and its format if known.

    `error` is set when discovery already knows the target cannot be checked (a
    folder that cannot be listed): it becomes that target's one-line error.
    """

    display: str
    source: str  # a filesystem path, or STDIN
    format: str | None
    error: str | None = None


def shown(path: str) -> str:
    """A path as text every output can carry: undecodable bytes in a name become U+FFFD."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return path


def discover(
    paths: Iterable[str], parse: Readers, config: Config | None = None
) -> Iterator[Target]:
    """Files named, folders searched recursively for the formats footcheck reads."""
    seen: set[str] = set()  # real paths: a file named twice, or in two ways, is read once
    for named in paths:
        if named == STDIN:
            yield Target(STDIN, STDIN, None)
            continue
        if os.path.isdir(named):
            for path in _walk(named):
                if isinstance(path, Target):
                    yield path
                    continue
                fmt = parse.format_for(path)
                real = os.path.realpath(path)
                if config is not None and not config.wants(path, found_in=named):
                    continue
                if fmt is not None and real not in seen:
                    seen.add(real)
                    yield Target(shown(path), path, fmt)
            continue
        real = os.path.realpath(named)
        if config is not None and not config.wants(named):
            continue
        if real not in seen:
            seen.add(real)
            # A file named explicitly is read even with an unknown suffix: as plain text.
            yield Target(shown(named), named, parse.format_for_named(named))


def _walk(folder: str) -> Iterator[str | Target]:
    """Files under `folder`, sorted; a Target with an error for each folder not listed.

    Symbolic links to folders are not followed (so a link loop cannot trap the walk);
    links to files are listed, and a dangling one is reported when it is read.
    """
    found: list[str] = []
    unlisted: list[Target] = []

    def failed(exc: OSError) -> None:
        where = os.path.normpath(exc.filename) if exc.filename else folder
        unlisted.append(
            Target(shown(where), where, None, f"cannot list the folder: {os_reason(exc)}")
        )

    for root, dirs, files in os.walk(folder, onerror=failed, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        found.extend(
            os.path.normpath(os.path.join(root, name)) for name in files if not name.startswith(".")
        )
    yield from unlisted
    yield from sorted(found, key=_path_sort_key)


def _path_sort_key(path: str) -> tuple[str, ...]:
    return tuple(path.split(os.sep))


def read_bytes(target: Target, max_bytes: int) -> bytes:
    """The file's content, refusing what is too large; DocumentError on failure.

    Only regular files are opened: a named pipe, a device or a socket would block
    the run or never end, so each is refused from its `stat` (and again from the
    open file's, in case it was swapped in between). The message says why in
    words: a dangling link, a link loop, a folder, a file that vanished.
    """
    if target.error is not None:
        raise DocumentError(target.error)
    if target.source == STDIN:
        try:
            data = sys.stdin.buffer.read(max_bytes + 1)
        except OSError as exc:
            raise DocumentError(f"cannot read standard input: {os_reason(exc)}") from None
    else:
        data = _read_file(target.source, max_bytes)
    if len(data) > max_bytes:
        raise DocumentError(f"too large (over {max_bytes:,} bytes)")
    return data


def _read_file(path: str, max_bytes: int) -> bytes:
    try:
        info = os.stat(path)
    except OSError as exc:
        raise DocumentError(_missing_reason(path, exc)) from None
    except ValueError as exc:  # a NUL in the name
        raise DocumentError(f"cannot read: {exc}") from None
    _require_regular(info, max_bytes)
    try:
        with open(path, "rb", opener=_open_nonblocking) as handle:
            size = os.fstat(handle.fileno())
            _require_regular(size, max_bytes)
            # Read what the file holds (a read of max_bytes would allocate that much
            # each time), then anything it gained since, up to the limit.
            data = handle.read(size.st_size + 1)
            if len(data) > size.st_size:
                data += handle.read(max_bytes + 1 - len(data))
            return data
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ELOOP):
            raise DocumentError(_missing_reason(path, exc)) from None
        raise DocumentError(f"cannot read: {os_reason(exc)}") from None


def _open_nonblocking(path: str, flags: int) -> int:
    """os.open that cannot block on a pipe swapped in after the stat."""
    return os.open(path, flags | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))


def _require_regular(info: os.stat_result, max_bytes: int) -> None:
    mode = info.st_mode
    if not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            kind = "a folder"
        elif stat.S_ISFIFO(mode):
            kind = "a named pipe"
        elif stat.S_ISSOCK(mode):
            kind = "a socket"
        elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            kind = "a device"
        else:
            kind = "an unknown kind of file"
        raise DocumentError(f"not a regular file ({kind})")
    if info.st_size > max_bytes:
        raise DocumentError(f"too large ({info.st_size:,} bytes; the limit is {max_bytes:,})")


def _missing_reason(path: str, exc: OSError) -> str:
    """Why `os.stat(path)` failed, in words: a dangling link is not a missing file."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (the links lead back to themselves)"
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            try:
                where = os.readlink(path)
            except OSError:
                return "dangling symbolic link (its target does not exist)"
            return f"dangling symbolic link (its target {where} does not exist)"
        return "no such file (it may have been moved or deleted)"
    return f"cannot read: {os_reason(exc)}"


def os_reason(exc: OSError) -> str:
    """An OSError's reason without the path (the file's line already names it)."""
    return " ".join(str(exc.strerror or exc).split()).lower() or type(exc).__name__
