"""The built wheel installs one import name, `footcheck`, and the `footcheck` command.

The repository keeps `cli.py`, `footnotes/` and `parsers/` at its top level; the
wheel maps them under `footcheck` (pyproject.toml's package-dir). These tests build
the wheel from a copy of the project as it stands (so the work tree gets no build
folder), then look inside it and run it from a folder of its own.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What the wheel installs from the repository, under footcheck/.
INSTALLED = ("cli.py", "__init__.py", "footnotes", "parsers")


def _project_files() -> list[str]:
    """The files git would commit: tracked ones and new ones it does not ignore."""
    done = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [name for name in done.stdout.split("\0") if name]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in _project_files():
        origin = ROOT / name
        if origin.is_symlink() or not origin.is_file():
            continue  # the `footcheck` link (and files deleted in the work tree)
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(origin, target)
    out = tmp_path_factory.mktemp("wheel")
    build = ["wheel", "--no-deps", "--no-build-isolation", "--quiet", "--wheel-dir", str(out)]
    subprocess.run(
        [sys.executable, "-m", "pip", *build, str(source)],
        check=True,
        capture_output=True,
        text=True,
    )
    (built,) = out.glob("footcheck-*.whl")
    return built


def test_the_wheel_installs_one_top_level_name(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    dist_info = {top for top in tops if top.endswith(".dist-info")}
    assert len(dist_info) == 1
    assert tops - dist_info == {"footcheck"}
    top_level = zipfile.ZipFile(wheel).read(f"{dist_info.pop()}/top_level.txt").decode()
    assert top_level.split() == ["footcheck"]


def test_the_wheel_holds_every_module_of_the_repository(wheel: Path) -> None:
    """A package folder left out of pyproject.toml's list would be missing here."""
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = set()
    for item in INSTALLED:
        path = ROOT / item
        modules = [path] if path.is_file() else sorted(path.rglob("*.py"))
        expected.update("footcheck/" + m.relative_to(ROOT).as_posix() for m in modules)
    assert expected, "no modules found in the repository"
    assert expected <= names, sorted(expected - names)
    assert {n for n in names if n.startswith("footcheck/") and n.endswith(".py")} == expected


def test_the_wheel_declares_the_command(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    (entry_points,) = [n for n in archive.namelist() if n.endswith("entry_points.txt")]
    lines = archive.read(entry_points).decode().split("\n")
    assert "footcheck = footcheck.cli:main" in [line.strip() for line in lines]


def test_the_installed_wheel_runs_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    """Unpacked into a folder of its own (no repository on the path), it checks a draft."""
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    draft = tmp_path / "draft.md"
    draft.write_text("Output rose in 2023.[^1] Prices fell.[^2]\n\n[^1]: Office, 2023.\n")
    script = (
        "import sys\n"
        "import footcheck.cli\n"
        f"assert footcheck.__file__.startswith({str(target)!r}), footcheck.__file__\n"
        "for name in ('cli', 'footnotes', 'parsers'):\n"
        "    assert name not in sys.modules, name\n"
        "sys.argv = ['footcheck', 'check', '--no-cache', '--format', 'json', sys.argv[1]]\n"
        "footcheck.cli.main()\n"
    )
    # The unpacked wheel first, then the libraries installed here (click, lxml...).
    path = os.pathsep.join([str(target), sysconfig.get_paths()["purelib"]])
    done = subprocess.run(
        [sys.executable, "-c", script, str(draft)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": path, "PYTHONSAFEPATH": "1"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr
    assert '"code": "FN001"' in done.stdout, done.stdout


def _floors() -> dict[str, tuple[int, ...]]:
    """Each runtime dependency's lower bound, from pyproject.toml."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors: dict[str, tuple[int, ...]] = {}
    for requirement in project["dependencies"]:
        match = re.fullmatch(
            r"([A-Za-z0-9._-]+)\s*>=\s*([0-9][^,;\s]*)(?:\s*,\s*<\s*[^;\s]+)?(?:\s*;.+)?",
            requirement,
        )
        assert match, f"{requirement!r}: every dependency needs a floor (and at most a ceiling)"
        floors[match.group(1).lower()] = _release(match.group(2))
    return floors


def _release(version: str) -> tuple[int, ...]:
    """ "8.1" and "8.1.0" alike."""
    parts = [int(part) for part in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def test_the_minimum_versions_ci_installs_are_the_floors_of_pyproject() -> None:
    """.ci/run tests on .ci/minimum-versions.txt: it must pin exactly pyproject's floors."""
    pinned: dict[str, tuple[int, ...]] = {}
    for line in (ROOT / ".ci" / "minimum-versions.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pinned[name.strip().lower()] = _release(version.strip())
    assert pinned == _floors()
