"""The pre-commit hook works: `pre-commit try-repo` installs it and it fails a faulty draft.

`pre-commit try-repo PATH` on a work tree with uncommitted changes clones HEAD and
commits onto it only the staged files and the tracked files that changed: a new file
that is not yet in git (this hook's manifest, a new module) is left out. So the test
first copies the project as it stands (tracked files plus untracked ones git does not
ignore) into a repository of its own with one commit, and points try-repo at that.
Installing the hook builds footcheck and its dependencies from PyPI: it needs the
network, and takes a minute or so.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600

FAULTY = (
    "Output rose in 2023.[^1] Prices fell.[^2]\n"
    "\n"
    '[^1]: Statistics Office, "Output", March 3, 2023.\n'
)
CLEAN = 'Output rose in 2023.[^1]\n\n[^1]: Statistics Office, "Output", March 3, 2023.\n'


def _env(pre_commit_home: Path | None = None) -> dict[str, str]:
    """The environment without the caller's git overrides (GIT_DIR and the like)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["NO_COLOR"] = "1"
    if pre_commit_home is not None:
        env["PRE_COMMIT_HOME"] = str(pre_commit_home)
    return env


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=_env(), capture_output=True, text=True, check=True
    )
    return done.stdout


def _init_repo(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    _git("init", "--quiet", cwd=path)
    _git("config", "user.name", "footcheck tests", cwd=path)
    _git("config", "user.email", "tests@footcheck.invalid", cwd=path)
    _git("config", "commit.gpgsign", "false", cwd=path)


def _pre_commit() -> list[str]:
    beside = Path(sys.executable).with_name("pre-commit")
    if beside.exists():
        return [str(beside)]
    if importlib.util.find_spec("pre_commit") is None:
        pytest.fail(
            "pre-commit is not installed in this environment; install the test extras: "
            'pip install -e ".[test]"'
        )
    return [sys.executable, "-m", "pre_commit"]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project as it stands on disk, committed in a repository of its own."""
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    repo = tmp_path_factory.mktemp("footcheck-src")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if not source.is_file():  # deleted in the work tree, or a submodule
            continue
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    assert (repo / ".pre-commit-hooks.yaml").is_file()
    _init_repo(repo)
    _git("add", "--all", cwd=repo)
    _git("commit", "--quiet", "--no-verify", "-m", "snapshot for try-repo", cwd=repo)
    return repo


def _try_repo(hook_repo: Path, tmp_path: Path, draft: str) -> subprocess.CompletedProcess[str]:
    drafts = tmp_path / "drafts"
    _init_repo(drafts)
    (drafts / "draft.md").write_text(draft, encoding="utf-8")
    _git("add", "draft.md", cwd=drafts)
    command = [
        *_pre_commit(),
        "try-repo",
        str(hook_repo),
        "footcheck",
        "--color",
        "never",
        "--verbose",
        "--files",
        "draft.md",
    ]
    return subprocess.run(
        command,
        cwd=drafts,
        env=_env(tmp_path / "pre-commit-home"),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def test_hook_fails_a_faulty_draft(hook_repo: Path, tmp_path: Path) -> None:
    done = _try_repo(hook_repo, tmp_path, FAULTY)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "An error has occurred" not in output, output
    assert "Failed" in output, output
    assert "FN001" in output and "marker [2] has no note" in output, output


def test_hook_passes_a_clean_draft(hook_repo: Path, tmp_path: Path) -> None:
    done = _try_repo(hook_repo, tmp_path, CLEAN)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Passed" in output, output
