"""One run of footcheck: find the files, check each, collect the results in a stable order.

`run(paths, config, parse)` is the whole library entry point; the command line is a
thin layer over it. The readers are injected (`parse`: the registry in
`footcheck.parsers`), so the domain knows no file formats. Every file yields exactly
one `FileResult`, in a stable order whatever the number of workers, and a file that
cannot be read or parsed gets a one-line `error` while the others are still checked.

The parts: `files` (discovery and safe reading), `engine` (one file: parse, rules,
the one error guard), `workers` (the pool), `cache` (results kept between runs),
`book` (the rules across the files of a book, run once every file is checked, over
their facts; then each file's suppressions apply: `finish_run`). Files read for
their notes only (a chapter's notes file that the run did not name) go through the
same safe reading and readers as the checked ones.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from footcheck.footnotes.engine import check_target, finish, lookup, notes_unit
from footcheck.footnotes.files import STDIN, Readers, Target, discover
from footcheck.footnotes.model import current_date
from footcheck.footnotes.results import FileOutcome, FileResult, RunResult, Unit
from footcheck.footnotes.workers import choose_workers, cores_for_one_file, in_workers

if TYPE_CHECKING:
    from footcheck.footnotes.book.books import Listing
    from footcheck.footnotes.book.check import BookOutcome
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
        # Files checked one after another here: a large one may use every core.
        cores = cores_for_one_file(jobs)
        checked: Iterable[FileOutcome] = (
            check_target(target, config, parse, cache, cores) for target in targets
        )
    elif cache is not None:
        checked = _cached_first(targets, config, parse, cache, jobs)
    else:
        checked = in_workers(targets, config, parse, cache, workers)
    outcomes: list[FileOutcome] = []
    for outcome in checked:
        outcomes.append(outcome)
        if progress is not None:
            progress(len(outcomes), len(targets))
    return RunResult(finish_run(outcomes, paths, config, parse), config.fail_on)


def _cached_first(
    targets: Sequence[Target], config: Config, parse: Readers, cache: ResultCache, jobs: int | None
) -> Iterator[FileOutcome]:
    """Every stored outcome looked up here, and only the files that changed sent to
    workers (when they are still worth their start-up), in the targets' order."""
    stored = [lookup(target, config, cache) for target in targets]
    missed = [t for t, found in zip(targets, stored, strict=True) if found is None]
    workers = choose_workers(jobs, missed)
    if workers <= 1:
        cores = cores_for_one_file(jobs)
        fresh: Iterator[FileOutcome] = (
            check_target(t, config, parse, cache, cores) for t in missed
        )
    else:
        fresh = in_workers(missed, config, parse, cache, workers)
    for found in stored:
        yield found if found is not None else next(fresh)


def finish_run(
    outcomes: Sequence[FileOutcome], paths: Sequence[str], config: Config, parse: Readers
) -> tuple[FileResult, ...]:
    """Every file's final result, in the run's order."""
    units = [unit for outcome in outcomes for unit in outcome.units]
    if not units:
        return tuple(outcome.result for outcome in outcomes)
    from footcheck.footnotes.book.check import check_books
    from footcheck.footnotes.book.links import Links
    from footcheck.footnotes.book.paths import forget

    forget()

    roots = _roots(paths)
    links = Links(
        units,
        roots,
        readable=lambda path: parse.format_for(path) is not None,
        read_notes=lambda path: notes_unit(path, config, parse),
        max_bytes=config.max_bytes,
    )
    try:
        book = check_books(
            units,
            links,
            linked=config.books_on,
            # One file is a book of its own: no table of contents can change that.
            listings=_listings(roots, config) if config.books_on and len(units) > 1 else (),
            selected=config.rules,
            debug=config.debug,
        )
    except Exception as exc:  # a bug, or a damaged cache entry: each file keeps its own
        if config.debug:
            raise
        book = _failed_book(units, exc)
    return tuple(_finished(outcome, book, config) for outcome in outcomes)


def _failed_book(units: Sequence[Unit], exc: Exception) -> BookOutcome:
    """The book pass that failed: no book findings, and every file says so."""
    from footcheck.footnotes.book.check import BookOutcome

    error = (
        f"internal error in the book pass ({type(exc).__name__}: {exc}); please report it"
        " (or clear the cache folder)"
    )
    return BookOutcome(failures={unit.path: error for unit in units})


def _finished(outcome: FileOutcome, book: BookOutcome, config: Config) -> FileResult:
    result = outcome.result
    if not outcome.units:
        return result
    findings = []
    read: set[str] = set()
    error = result.error
    for unit in outcome.units:
        own = [f for f in result.findings if f.path == unit.path]
        kept = book.kept(unit.path, own)
        findings.extend(finish(unit.path, kept, unit.facts.suppressions, config))
        read.update(book.read_for_notes.get(unit.path, ()))
        error = error or book.failures.get(unit.path)
    return replace(
        result, findings=tuple(findings), error=error, notes_read_from=tuple(sorted(read))
    )


def _roots(paths: Sequence[str]) -> list[str]:
    """The folders links may lead into: the folders named, and for a file named, its
    book's folder (the nearest above it with a table of contents: a chapter checked
    alone reaches its notes chapter) or else its own."""
    from footcheck.footnotes.book.roots import book_root

    roots: list[str] = []
    for path in paths:
        if path == STDIN:
            continue
        if os.path.isdir(path):
            roots.append(os.path.realpath(path))
            continue
        # A chapter named alone: its book's folder, where its table of contents is.
        folder = os.path.dirname(path) or os.curdir
        roots.append(book_root(folder) or os.path.realpath(folder))
    return roots


def _listings(roots: Sequence[str], config: Config) -> list[Listing]:
    """The books that tables of contents and the configuration name."""
    from footcheck.footnotes.book.listings import find_listings

    return find_listings(roots, config.book_entries, config.book_root)


def _open_cache(config: Config, parse: Readers) -> ResultCache | None:
    """The run's cache, stamped with the code of the domain and of the readers."""
    if config.cache_dir is None:
        return None
    from footcheck import footnotes
    from footcheck.footnotes.cache import ResultCache, code_stamp

    folders = (*footnotes.__path__, *parse.code_folders)
    return ResultCache(config.cache_dir, code_stamp(folders, (*_LIBRARIES, *parse.libraries)))
