"""Checking files in worker processes, when the work is worth their start-up.

`choose_workers` counts the work in bytes; `in_workers` runs `engine.check_target`
over a pool of forked workers (they inherit the configuration, the readers and the
cache) and yields the results in the targets' order, so a parallel run prints the
same bytes as a serial one. When the files are checked one after another here,
`cores_for_one_file` says how many processes a large one may use
(`footnotes.split_work`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from footcheck.footnotes import startup_cache
from footcheck.footnotes.engine import check_target
from footcheck.footnotes.files import STDIN, Readers, Target
from footcheck.footnotes.results import FileOutcome

if TYPE_CHECKING:
    from footcheck.footnotes.cache import ResultCache
    from footcheck.footnotes.settings import Config

# A worker process pays for its start-up only with this much text to check (the
# checks run at about 2 MB a second; forking and handing back results cost tens of
# milliseconds per worker).
_BYTES_PER_WORKER = 256 * 1024
# The size assumed for a file whose size is not known (standard input, say).
_TYPICAL_FILE = 16 * 1024


def choose_workers(jobs: int | None, targets: Sequence[Target]) -> int:
    """How many worker processes the files are worth (1: check them here).

    The work is counted in bytes, each file's size on disk. (A warm cache still
    counts: a file's result is looked up by the process that checks it, so that
    each file is read once.)
    """
    cpus = os.cpu_count() or 1
    wanted = cpus if jobs is None or jobs <= 0 else jobs
    if wanted <= 1 or len(targets) < 2 or any(t.source == STDIN for t in targets):
        return 1
    if not hasattr(os, "fork"):
        return 1  # workers inherit the configuration; without fork, stay serial
    work = sum(_size(t) for t in targets)
    return max(1, min(wanted, len(targets), work // _BYTES_PER_WORKER))


def cores_for_one_file(jobs: int | None) -> int:
    """How many processes one large file checked here may use (`footnotes.split_work`)."""
    if not hasattr(os, "fork"):
        return 1  # its workers inherit the parsed document; without fork, stay serial
    return (os.cpu_count() or 1) if jobs is None or jobs <= 0 else jobs


def _size(target: Target) -> int:
    try:
        return os.stat(target.source).st_size
    except (OSError, ValueError):
        return _TYPICAL_FILE


_WORKER: tuple[Config, Readers, ResultCache | None] | None = None


def _start_worker(config: Config, parse: Readers, cache: ResultCache | None) -> None:
    global _WORKER
    _WORKER = (config, parse, cache)


def _check_in_worker(target: Target) -> FileOutcome:
    assert _WORKER is not None
    config, parse, cache = _WORKER
    outcome = check_target(target, config, parse, cache)
    # A worker ends without running atexit: what it compiled anew (the first files'
    # patterns and classes, in a run whose main process read none) is kept now.
    startup_cache.save()
    return outcome


def in_workers(
    targets: Sequence[Target],
    config: Config,
    parse: Readers,
    cache: ResultCache | None,
    workers: int,
) -> Iterator[FileOutcome]:
    """check_target over a pool of forked workers, results in the targets' order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(targets) // (workers * 8))
    with ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(config, parse, cache),
    ) as pool:
        yield from pool.map(_check_in_worker, targets, chunksize=chunk)
