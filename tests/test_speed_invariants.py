"""Speed work changes nothing but the time (issue 6).

- On a generated drafts folder (tests/corpusgen.py), `footcheck check --format
  json` gives the findings pinned in tests/fixtures/corpus/expected.json, which
  was made with the code from before the optimisations; `footcheck show --format
  json` of every file gives what the readers saw then. Remake the snapshot with
  tests/fixtures/corpus/regenerate.py only when a finding changes on purpose.
- Two worker processes, a warm result cache, and a cache after an edit give the
  same output as one fresh process.
- Ten times the notes cost less than twenty times the work, in each format (a
  quadratic slip costs a hundred times).
"""

from __future__ import annotations

import difflib
import gc
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from footcheck import parsers
from footcheck.footnotes.engine import check_document
from footcheck.footnotes.settings import Config
from tests import corpusgen

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "fixtures" / "corpus" / "expected.json"
COMMAND = ("check", "--format", "json", "-j", "1", ".")
REGENERATE = "python tests/fixtures/corpus/regenerate.py"
MISSING = "<field missing>"


@pytest.fixture(scope="module")
def snapshot() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SNAPSHOT.read_text("utf-8"))
    return loaded


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "drafts"
    corpusgen.write_corpus(folder)
    return folder


def footcheck(folder: Path, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """This checkout's `footcheck ARGS` in `folder`, with a result cache in `cache`."""
    run = corpusgen.run_footcheck(ROOT, folder, *args, cache_dir=cache)
    assert run.returncode in (0, 1), run.stderr
    return run


@pytest.fixture(scope="module")
def serial(drafts: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The JSON of one process with an empty cache."""
    return footcheck(drafts, tmp_path_factory.mktemp("cache"), *COMMAND).stdout


# ---------------------------------------------------------------------------
# Comparing with the snapshot


def _like(actual: Any, expected: Any) -> Any:
    """`actual` with only the fields `expected` has (the contract lets fields be added)."""
    if isinstance(actual, dict) and isinstance(expected, dict):
        return {k: _like(actual[k], expected[k]) if k in actual else MISSING for k in expected}
    if isinstance(actual, list) and isinstance(expected, list) and expected:
        return [_like(a, expected[min(i, len(expected) - 1)]) for i, a in enumerate(actual)]
    return actual


def _comparable(output: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    """The output as the snapshot has it, without the fields that vary (the version)."""
    output = _like(output, expected)
    output.get("tool", {}).pop("version", None)
    return output


def _by_file(output: dict[str, Any]) -> dict[str, Any]:
    files: dict[str, Any] = {f["path"]: {"file": f, "findings": []} for f in output["files"]}
    for finding in output["findings"]:
        files.setdefault(finding["path"], {"file": None, "findings": []})["findings"].append(
            finding
        )
    return files


def _diff(expected: Any, actual: Any, what: str) -> str:
    lines = difflib.unified_diff(
        json.dumps(expected, indent=1, ensure_ascii=False, sort_keys=True).splitlines(),
        json.dumps(actual, indent=1, ensure_ascii=False, sort_keys=True).splitlines(),
        f"{what} (snapshot)",
        f"{what} (now)",
        lineterm="",
    )
    return "\n".join(lines)


def _explain(expected: dict[str, Any], actual: dict[str, Any]) -> str:
    """Which files differ, and the diff of the first one's entry and findings."""
    old, new = _by_file(expected), _by_file(actual)
    paths = list(dict.fromkeys([*old, *new]))
    differing = [p for p in paths if old.get(p) != new.get(p)]
    if not differing:
        return _diff(expected, actual, "output")
    first = differing[0]
    return (
        f"{len(differing)} of {len(paths)} files differ from the snapshot: {differing[:8]}\n"
        f"first: {first}\n{_diff(old.get(first), new.get(first), first)}\n"
        f"If this change is intended, remake the snapshot: {REGENERATE}"
    )


def test_the_corpus_is_the_one_the_snapshot_was_made_from(snapshot: dict[str, Any]) -> None:
    corpus = snapshot["corpus"]
    assert (corpus["reports"], corpus["seed"]) == (corpusgen.REPORTS, corpusgen.SEED)
    assert corpusgen.fingerprint() == corpus["sha256"], (
        f"tests/corpusgen.py now writes other drafts: remake the snapshot with the code "
        f"from before the change that is being checked ({REGENERATE} --code DIR)"
    )


def test_findings_on_the_corpus_are_the_snapshot(serial: str, snapshot: dict[str, Any]) -> None:
    expected = json.loads(json.dumps(snapshot["output"]))
    expected["tool"].pop("version", None)
    actual = _comparable(json.loads(serial), expected)
    if actual != expected:
        pytest.fail(_explain(expected, actual), pytrace=False)


def test_what_the_readers_see_is_the_snapshot(drafts: Path, snapshot: dict[str, Any]) -> None:
    expected: dict[str, Any] = snapshot["show"]
    shown = corpusgen.show_each(ROOT, drafts, list(expected))
    actual = {path: _like(shown[path], expected[path]) for path in expected}
    differing = [path for path in expected if actual[path] != expected[path]]
    if differing:
        first = differing[0]
        pytest.fail(
            f"`footcheck show` differs from the snapshot on {len(differing)} files: "
            f"{differing[:8]}\n{_diff(expected[first], actual[first], first)}\n"
            f"If this change is intended, remake the snapshot: {REGENERATE}",
            pytrace=False,
        )


def test_the_snapshot_cannot_pass_for_a_clean_run(snapshot: dict[str, Any]) -> None:
    """Every planted fault is reported in its own file; every kind was planted."""
    output = snapshot["output"]
    planted = {path: faults for path, (_text, faults) in corpusgen.corpus().items()}
    assert [f["path"] for f in output["files"]] == sorted(planted)
    assert all(f["error"] is None and f["report_date"] for f in output["files"])
    found = Counter((f["path"], f["code"]) for f in output["findings"])
    for path, faults in planted.items():
        for kind in faults:
            assert found[path, corpusgen.FAULT_CODES[kind]], f"{path}: {kind} not reported"
    kinds = Counter(kind for faults in planted.values() for kind in faults)
    assert set(kinds) == set(corpusgen.FAULT_KINDS), kinds
    assert sum(map(bool, planted.values())) >= len(planted) // 4
    codes = Counter(f["code"] for f in output["findings"])
    assert set(codes) >= set(corpusgen.FAULT_CODES.values()), codes


# ---------------------------------------------------------------------------
# Workers and the result cache


def _workers_for(folder: Path, jobs: int) -> int:
    """How many workers the runner picks for the folder's files."""
    from footcheck.footnotes.files import Target
    from footcheck.footnotes.workers import choose_workers

    files = [str(p) for p in sorted(folder.rglob("*")) if p.is_file()]
    return choose_workers(jobs, [Target(f, f, None) for f in files])


def test_two_workers_give_the_json_of_one(drafts: Path, tmp_path: Path) -> None:
    """On the corpus plus a few long reports: enough files, and bytes, for two workers
    whether the runner counts files (16 a worker) or bytes (256 KB a worker)."""
    folder = tmp_path / "drafts"
    shutil.copytree(drafts, folder)
    (folder / "long").mkdir()
    for seed in range(2):
        for fmt in corpusgen.FORMATS:
            name = f"long/report-{seed}{corpusgen.SUFFIX[fmt]}"
            (folder / name).write_text(corpusgen.big_report(600, fmt, seed=seed), "utf-8")
    assert _workers_for(folder, 2) == 2
    one = footcheck(folder, tmp_path / "cache-1", "check", "--format", "json", "-j", "1", ".")
    two = footcheck(folder, tmp_path / "cache-2", "check", "--format", "json", "-j", "2", ".")
    assert one.stdout == two.stdout
    assert json.loads(one.stdout)["summary"]["files"] == corpusgen.REPORTS + 6


def test_a_warm_cache_and_an_edit_give_what_a_fresh_run_gives(
    drafts: Path, serial: str, tmp_path: Path
) -> None:
    folder = tmp_path / "drafts"
    shutil.copytree(drafts, folder)
    cache = tmp_path / "cache"
    assert footcheck(folder, cache, *COMMAND).stdout == serial  # cold
    assert footcheck(folder, cache, *COMMAND).stdout == serial  # warm

    edited = next(p for p in sorted(folder.rglob("*.txt")))
    text = edited.read_text("utf-8")
    head, rest = text.split("\n\n", 1)
    edited.write_text(f"{head}\n\nThe mill closed on 30 February 2021.\n\n{rest}", "utf-8")
    after = json.loads(footcheck(folder, cache, *COMMAND).stdout)
    fresh = json.loads(footcheck(folder, tmp_path / "fresh-cache", *COMMAND).stdout)
    assert after == fresh
    name = edited.relative_to(folder).as_posix()
    assert any(f["path"] == name and f["code"] == "DT003" for f in after["findings"])


# ---------------------------------------------------------------------------
# The generator


def test_the_generator_is_deterministic() -> None:
    assert corpusgen.corpus(12, seed=5) == corpusgen.corpus(12, seed=5)
    assert corpusgen.corpus(12, seed=5) != corpusgen.corpus(12, seed=6)
    for fmt in corpusgen.FORMATS:
        assert corpusgen.big_report(50, fmt, seed=1) == corpusgen.big_report(50, fmt, seed=1)
        assert corpusgen.big_report(50, fmt, seed=1) != corpusgen.big_report(50, fmt, seed=2)
    # Nor does it depend on string hashing, which differs between processes.
    code = "from tests import corpusgen; print(corpusgen.fingerprint())"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert other.stdout.strip() == corpusgen.fingerprint()


# ---------------------------------------------------------------------------
# Scaling

SCALE_NOTES = 400
NAMES = {"md": "markdown", "txt": "text", "html": "html"}


def _cost(fmt: str, notes: int, seed: int, read_as: str | None = None) -> tuple[float, float]:
    """Seconds to read, then to check, a fresh document with `notes` notes.

    `read_as` reads it as another format: a plain-text report saved as Markdown, its
    notes typed `[N] ...` line after line (one Markdown paragraph of notes), is read
    by the plain convention through the Markdown reader.
    """
    text = corpusgen.big_report(notes, fmt, seed=seed)
    read_as = read_as or fmt
    if read_as != fmt:
        text = re.sub(r"(?m)^(\d+)\. ", r"[\1] ", text)
    data = text.encode("utf-8")
    gc.collect()
    gc.disable()  # a collection landing in one run but not another is noise here
    try:
        start = time.perf_counter()
        doc = parsers.parse(data, f"big{corpusgen.SUFFIX[read_as]}", NAMES[read_as])
        read = time.perf_counter()
        checked = check_document(doc, Config())
        done = time.perf_counter()
    finally:
        gc.enable()
    assert checked.failure is None, checked.failure
    assert len(doc.notes) >= notes
    assert any(f.code == "DT001" for f in checked.findings)  # the rules did run
    return read - start, done - read


@pytest.mark.parametrize(
    ("fmt", "read_as"),
    [*((fmt, fmt) for fmt in corpusgen.FORMATS), ("txt", "md")],
    ids=lambda value: str(value),
)
def test_ten_times_the_notes_cost_less_than_twenty_times_the_work(fmt: str, read_as: str) -> None:
    """Not a benchmark: each size's cost is the least of its runs, each run on a
    document of its own (no cache can answer). Noise only ever adds time: to the
    small runs it makes the bound looser; the big document gets up to three tries.
    A quadratic step costs about a hundred times, and fails every try."""
    _cost(fmt, SCALE_NOTES, seed=100, read_as=read_as)  # imports, compiled patterns
    small = [_cost(fmt, SCALE_NOTES, seed=seed, read_as=read_as) for seed in range(3)]
    bound = [20 * min(run[phase] for run in small) for phase in (0, 1)]
    tries = []
    for seed in range(3):
        tries.append(_cost(fmt, 10 * SCALE_NOTES, seed=seed, read_as=read_as))
        if all(tries[-1][phase] < bound[phase] for phase in (0, 1)):
            return
    for phase, name in enumerate(("reading", "checking")):
        least = min(run[phase] for run in tries)
        assert least < bound[phase], (
            f"{fmt}: {name} {10 * SCALE_NOTES} notes took {least:.4f}s at best, "
            f"{20 * least / bound[phase]:.0f} times the {bound[phase] / 20:.4f}s "
            f"of {SCALE_NOTES} notes"
        )
