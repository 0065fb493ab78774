"""`--changed-since REV`: the files of a run that differ from a git revision.

For pull requests: check only the drafts a branch touched. Files changed in
commits since REV, changed in the working tree, and new untracked files all
count; deleted files do not.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence


class ChangedError(Exception):
    """Git could not answer: outside a repository, an unknown revision, no git."""


def _git(args: Sequence[str], cwd: str) -> str:
    try:
        run = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
        )
    except FileNotFoundError:
        raise ChangedError("--changed-since needs git, which was not found") from None
    except subprocess.TimeoutExpired:
        raise ChangedError("git did not answer within 60 seconds") from None
    if run.returncode != 0:
        message = (run.stderr.strip().splitlines() or ["git failed"])[-1]
        raise ChangedError(message.removeprefix("fatal: "))
    return run.stdout


def changed_files(revision: str, cwd: str = ".") -> list[str]:
    """Paths (relative to `cwd`) of files that differ from `revision`, sorted."""
    try:
        top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    except ChangedError:
        raise ChangedError(
            f"--changed-since needs a git repository, and {os.path.abspath(cwd)} is not in one"
        ) from None
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], cwd)
    except ChangedError:
        raise ChangedError(f"--changed-since: unknown revision {revision!r}") from None
    diff = _git(["diff", "--name-only", "--diff-filter=ACMR", "-z", revision, "--"], top)
    new = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    names = {n for n in (diff + new).split("\0") if n}
    here = os.path.abspath(cwd)
    return sorted(os.path.relpath(os.path.join(top, n), here) for n in names)


def within(paths: Sequence[str], named: Sequence[str]) -> list[str]:
    """The changed `paths` that lie under one of the paths the user named (files or folders)."""
    roots = [os.path.normpath(p) for p in named]
    chosen = []
    for path in paths:
        normal = os.path.normpath(path)
        if any(r in (".", normal) or normal.startswith(r.rstrip(os.sep) + os.sep) for r in roots):
            chosen.append(path)
    return chosen
