"""One run of footcheck: find the files, check each, collect the results in a stable order.

`run(paths, config, parse)` is the whole library entry point; the command line is a
thin layer over it. The readers are injected (`parse`: the registry in
`footcheck.parsers`), so the domain knows no file formats. Every file yields exactly
one `FileResult`, in a stable order whatever the number of workers, and a file that
cannot be read or parsed gets a one-line `error` while the others are still checked.

The parts: `files` (discovery and safe reading), `engine` (one file: parse, rules,
the one error guard), `workers` (the pool), `cache` (results kept between runs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from footcheck.footnotes.engine import check_target
from footcheck.footnotes.files import Readers, discover
from footcheck.footnotes.model import current_date
from footcheck.footnotes.results import FileResult, RunResult
from footcheck.footnotes.workers import choose_workers, in_workers

if TYPE_CHECKING:
    from footcheck.footnotes.cache import ResultCache
    from footcheck.footnotes.settings import Config

__all__ = ["Progress", "run"]

Progress = Callable[[int, int], None]  # (files done, files in all)

# The libraries whose behaviour shapes the domain's results (metadata dates).
_LIBRARIES = ("dateutil",)


def run(
    paths: Sequence[str],
    config: Config,
    parse: Readers,
    *,
    jobs: int | None = 1,
    progress: Progress | None = None,
) -> RunResult:
    """Check every file that `paths` names, in a stable order.

    Each file is read once: looked up in the cache when there is one, and parsed
    only when no stored result fits. `jobs` is the most worker processes to use
    (None: one per CPU); fewer are used when the files are too small to cover
    their start-up, and none for standard input. The results come in the same
    order whatever the number of workers.
    """
    targets = list(discover(paths, parse, config))
    if config.today is None:
        # One "today" for the whole run (and every worker), even across midnight.
        config = replace(config, today=current_date())
    cache = _open_cache(config, parse)
    workers = choose_workers(jobs, targets)
    if workers <= 1:
        checked: Iterable[FileResult] = (
            check_target(target, config, parse, cache) for target in targets
        )
    else:
        checked = in_workers(targets, config, parse, cache, workers)
    results: list[FileResult] = []
    for result in checked:
        results.append(result)
        if progress is not None:
            progress(len(results), len(targets))
    return RunResult(tuple(results), config.fail_on)


def _open_cache(config: Config, parse: Readers) -> ResultCache | None:
    """The run's cache, stamped with the code of the domain and of the readers."""
    if config.cache_dir is None:
        return None
    from footcheck import footnotes
    from footcheck.footnotes.cache import ResultCache, code_stamp

    folders = (*footnotes.__path__, *parse.code_folders)
    return ResultCache(config.cache_dir, code_stamp(folders, (*_LIBRARIES, *parse.libraries)))
