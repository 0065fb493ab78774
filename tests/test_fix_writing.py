"""`replace_file`: a fixed file put in place atomically, with its permissions, or not at all.

`footcheck fix` rewrites reports in place. A run that fails at any step must leave
the report as it was and no stray file beside it; one that succeeds must leave the
report's permission bits (and, where it may, owner and group) and its symlinks as
they were.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from footcheck.footnotes.fixes.writing import replace_file

OLD = b"Old text.[2]\r\n\r\n[2] Note.\r\n"
NEW = b"Old text.[1]\r\n\r\n[1] Note.\r\n"

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def _report(folder: Path, mode: int = 0o644) -> Path:
    path = folder / "report.txt"
    path.write_bytes(OLD)
    path.chmod(mode)
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".footcheck-"))


def test_the_contents_are_replaced_and_nothing_else_is_left(tmp_path: Path) -> None:
    path = _report(tmp_path)
    other = tmp_path / "other.txt"
    other.write_bytes(b"untouched")
    before = path.stat()
    replace_file(path, NEW)
    assert path.read_bytes() == NEW
    assert other.read_bytes() == b"untouched"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.txt", "report.txt"]
    assert path.stat().st_ino != before.st_ino  # a new file renamed over the old one
    replace_file(path, b"")
    assert path.read_bytes() == b""


@posix_only
@pytest.mark.parametrize("mode", [0o640, 0o755, 0o600, 0o664, 0o2644])
def test_the_permission_bits_are_kept(tmp_path: Path, mode: int) -> None:
    path = _report(tmp_path, mode)
    old_umask = os.umask(0o077)  # a new file would get 0o600 or less
    try:
        replace_file(path, NEW)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_bytes() == NEW


@posix_only
@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() != 0, reason="only root may give a file away"
)
def test_owner_and_group_are_kept_where_the_process_may(tmp_path: Path) -> None:
    path = _report(tmp_path)
    os.chown(path, 12345, 23456)
    path.chmod(0o4755)  # after chown, which clears set-id bits
    replace_file(path, NEW)
    after = path.stat()
    assert (after.st_uid, after.st_gid) == (12345, 23456)
    assert stat.S_IMODE(after.st_mode) == 0o4755  # set after chown on the new file too


def test_a_failed_rename_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _report(tmp_path)

    def refuse(src: str, dst: str) -> None:
        assert Path(src).parent == Path(dst).parent == tmp_path  # written beside the report
        assert Path(src).read_bytes() == NEW  # complete before the rename
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError) as caught:
        replace_file(path, NEW)
    assert str(caught.value) == f"cannot write {path}: Invalid cross-device link"
    assert path.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("fail", ["fsync", "interrupt"])
def test_a_failure_while_writing_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: str
) -> None:
    path = _report(tmp_path)

    def broken(handle: int) -> None:
        if fail == "interrupt":
            raise KeyboardInterrupt
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    expected: type[BaseException] = KeyboardInterrupt if fail == "interrupt" else OSError
    with pytest.raises(expected) as caught:
        replace_file(path, NEW)
    if fail == "fsync":
        assert str(caught.value) == f"cannot write {path}: No space left on device"
    assert path.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_a_folder_that_refuses_a_new_file_gives_oserror(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only folder, as the process sees it (root ignores the mode, so simulated)."""
    path = _report(tmp_path)

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(OSError, match=r"^cannot write .*report\.txt: Permission denied$"):
        replace_file(path, NEW)
    assert path.read_bytes() == OLD


@posix_only
def test_a_read_only_folder_gives_oserror() -> None:
    """A folder the process may not write. Root may write anywhere: as root, the check
    runs in a child process that has become `nobody`."""
    base = Path(tempfile.mkdtemp(prefix="footcheck-ro-"))
    try:
        base.chmod(0o755)
        folder = base / "locked"
        folder.mkdir()
        path = _report(folder, 0o666)
        folder.chmod(0o555)

        def check() -> None:
            with pytest.raises(OSError, match=r"^cannot write .*report\.txt: Permission denied$"):
                replace_file(path, NEW)
            assert path.read_bytes() == OLD
            assert _leftovers(folder) == []

        _as_someone_else(check)
    finally:
        (base / "locked").chmod(0o755)
        shutil.rmtree(base)


def _as_someone_else(check: Callable[[], None]) -> None:
    """Run `check` here, or, as root, in a child process that has become `nobody`."""
    if os.geteuid() != 0:
        check()
        return
    pid = os.fork()
    if pid == 0:  # the child: never back into pytest
        code = 1
        try:
            os.setgid(65534)
            os.setuid(65534)
            check()
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the check failed as another user"


@posix_only
def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    path = _report(tmp_path, 0o444)
    with pytest.raises(OSError, match=r"^cannot write .*report\.txt: the file is read-only$"):
        replace_file(path, NEW)
    assert path.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_what_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="not a regular file"):
        replace_file(tmp_path, NEW)
    with pytest.raises(OSError, match=r"^cannot write .*missing\.txt: No such file or directory$"):
        replace_file(tmp_path / "missing.txt", NEW)
    assert list(tmp_path.iterdir()) == []


@posix_only
def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "book" / "chapters"
    real.mkdir(parents=True)
    target = _report(real, 0o640)
    links = tmp_path / "other-book"
    links.mkdir()
    link = links / "chapter.txt"
    link.symlink_to(Path("..") / "book" / "chapters" / "report.txt")  # a relative link
    chain = tmp_path / "chain.txt"
    chain.symlink_to(link)  # a link to the link
    replace_file(chain, NEW)
    assert chain.is_symlink() and link.is_symlink()
    assert os.readlink(link) == os.path.join("..", "book", "chapters", "report.txt")
    assert target.read_bytes() == NEW == link.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    # the temporary file was made in the target's folder, and is gone
    assert _leftovers(real) == _leftovers(links) == _leftovers(tmp_path) == []


@posix_only
def test_a_dangling_symlink_is_refused_and_nothing_is_made(tmp_path: Path) -> None:
    link = tmp_path / "report.txt"
    link.symlink_to(tmp_path / "gone.txt")
    with pytest.raises(OSError, match="No such file or directory"):
        replace_file(link, NEW)
    assert link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


@posix_only
def test_a_hard_links_other_name_keeps_the_old_bytes(tmp_path: Path) -> None:
    """What a rename does, documented: the path gets a new file, other names keep the old."""
    path = _report(tmp_path)
    other = tmp_path / "hard-link.txt"
    os.link(path, other)
    replace_file(path, NEW)
    assert path.read_bytes() == NEW
    assert other.read_bytes() == OLD
