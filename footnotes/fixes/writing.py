"""Put a fixed file's new bytes in place atomically: a temporary file beside it, a rename.

`footcheck fix` must never leave half a report: `replace_file` writes the new bytes
to a new file in the same folder (created exclusively, under a unique hidden name),
flushes them to disk, gives the new file the old one's permission bits (and owner and
group when it may), then renames it over the old one. A reader of the path sees the
old file or the new one, never a mix; a failure at any step removes the temporary file,
leaves the old file as it was and raises OSError.

What is kept and what is not:

- Kept: the permission bits (including set-id and sticky bits), the owner and group
  when the process may set them (as root, or the group when the owner belongs to it),
  and the path's symlinks (see `replace_file`).
- Not kept: the modification time (the file changed), access control lists, extended
  attributes and security labels (a rename gives the new file the ones it was made
  with), and hard links: a rename gives the path a new file, so the file's other names
  keep the old bytes.
- Refused: a path that is not a regular file, and a read-only file (no write bit, or
  one the process may not write): a fixer does not override what its user said.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

__all__ = ["replace_file"]


def replace_file(path: Path, data: bytes) -> None:
    """Replace the contents of the regular file at `path` with `data`, atomically.

    A symlink is followed (its whole chain) and the file it names is replaced, in that
    file's folder; the link stays a link. Replacing the link itself with a regular
    file would cut it from the file it shares (a chapter linked into two books) and
    leave the fix in a copy the other names never see; and the temporary file must be
    in the target's folder for the rename to be atomic.

    Raises OSError ("cannot write PATH: why", one line) when the file is missing, not
    a regular file, read-only, or any step fails; the file is then as it was and no
    temporary file is left.
    """
    target = os.path.realpath(path)
    try:
        before = os.stat(target)
    except OSError as exc:
        raise _error(path, exc) from exc
    if not stat.S_ISREG(before.st_mode):
        raise OSError(f"cannot write {path}: not a regular file")
    mode = stat.S_IMODE(before.st_mode)
    if not mode & 0o222 or not os.access(target, os.W_OK):
        raise OSError(f"cannot write {path}: the file is read-only")
    folder = os.path.dirname(target)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".footcheck-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _error(path, exc) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            _keep_owner(stream.fileno(), before)
            _set_mode(stream.fileno(), temporary, mode)  # after chown, which may clear set-id
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise _error(path, exc) from exc
        raise
    _sync_folder(folder)


def _error(path: Path, exc: OSError) -> OSError:
    """A one-line OSError naming the path the caller gave."""
    return OSError(f"cannot write {path}: {exc.strerror or exc}")


def _keep_owner(handle: int, before: os.stat_result) -> None:
    """Give the new file the old one's owner and group, as far as the process may."""
    if sys.platform == "win32":
        return
    made = os.fstat(handle)
    if (made.st_uid, made.st_gid) == (before.st_uid, before.st_gid):
        return  # the usual case: the process's own file (a set-gid folder gives its group)
    try:
        os.fchown(handle, before.st_uid, before.st_gid)
    except OSError:
        with contextlib.suppress(OSError):
            os.fchown(handle, -1, before.st_gid)  # the owner may give a group of theirs


def _set_mode(handle: int, temporary: str, mode: int) -> None:
    if sys.platform == "win32":
        os.chmod(temporary, mode)  # only the read-only bit means something there
    else:
        os.fchmod(handle, mode)


def _sync_folder(folder: str) -> None:
    """Flush the rename to disk, where a folder can be opened for that (best effort)."""
    if sys.platform == "win32":
        return
    try:
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
