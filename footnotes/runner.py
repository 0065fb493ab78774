"""One run of footcheck: find the files, read each, apply the rules, collect results.

`run(paths, config, parse)` is the whole library entry point; the command line
is a thin layer over it. The reader is injected (`parse`, with `format_for`), so the
domain knows no file formats. Every file yields exactly one `FileResult`, in a
stable order, and a file that cannot be read or parsed gets a one-line `error`
while the others are still checked.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from footcheck.footnotes.config import FileSettings, matches
from footcheck.footnotes.model import (
    Document,
    DocumentError,
    Finding,
    PartialDate,
    Severity,
    current_date,
)
from footcheck.footnotes.rules import RULES, Rule

if TYPE_CHECKING:
    from footcheck.footnotes import suppress
    from footcheck.footnotes.cache import ResultCache
    from footcheck.footnotes.context import Context

STDIN = "-"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "site-packages"})


class Reader(Protocol):
    """What the runner needs from the parsers: read bytes, and know the suffixes."""

    def __call__(self, data: bytes, path: str, format: str | None = None) -> Document: ...

    def format_for(self, path: str) -> str | None: ...

    def format_for_named(self, path: str) -> str: ...


@dataclass(frozen=True)
class Config:
    """What a run is asked to do: which rules, how strict, and the dates to check against."""

    select: frozenset[str] | None = None  # rule codes; None: every rule
    ignore: frozenset[str] = frozenset()
    fail_on: Severity = Severity.WARNING
    report_date: PartialDate | None = None
    today: PartialDate | None = None
    stdin_format: str | None = None
    stdin_name: str = "<stdin>"
    max_bytes: int = DEFAULT_MAX_BYTES
    # From a configuration file: per-rule severity, include/exclude, per-file ignores,
    # ignore-notes (globs relative to its folder).
    settings: FileSettings | None = None
    # Globs from the command line (relative to the current folder).
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    # Let an internal error (a bug in a reader or a rule) end the run with its traceback.
    debug: bool = False
    # Where results are cached (footnotes.cache); None: no cache.
    cache_dir: str | None = None

    def rules(self, path: str | None = None) -> tuple[Rule, ...]:
        """The rules to run (on `path`, less its per-file ignores)."""
        off = self.ignore
        if path is not None and self.settings is not None:
            off = off | self.settings.ignores_for(path)
        return tuple(
            r for r in RULES if (self.select is None or r.code in self.select) and r.code not in off
        )

    def wants(self, path: str, *, named: bool) -> bool:
        """Whether a file is checked: excludes apply to every file, includes to found ones."""
        if any(matches(path, glob, None) for glob in self.exclude):
            return False
        if not named and self.include and not any(matches(path, g, None) for g in self.include):
            return False
        if self.settings is None:
            return True
        if named:
            return not any(matches(path, g, self.settings.root) for g in self.settings.exclude)
        return self.settings.wants(path)

    def fingerprint(self, path: str, fmt: str | None) -> str:
        """Everything in this configuration that can change the findings on `path`."""
        severity = self.settings.severity if self.settings is not None else {}
        return repr(
            (
                fmt,
                [r.code for r in self.rules(path)],
                self.note_ignores_for(path),
                sorted((code, level.value) for code, level in severity.items()),
                self.report_date,
            )
        )

    def severity_of(self, code: str) -> Severity | None:
        """The severity configured for a rule, if any."""
        return self.settings.severity.get(code) if self.settings is not None else None

    def note_ignores_for(self, path: str) -> list[suppress.NoteIgnore]:
        """The `ignore-notes` entries that apply to the file at `path`."""
        settings = self.settings
        if settings is None or not settings.ignore_notes:
            return []
        from footcheck.footnotes import suppress

        return [
            suppress.NoteIgnore(code, label, str(settings.origin.detail or "configuration"))
            for glob, code, label in settings.ignore_notes
            if matches(path, glob, settings.root)
        ]


@dataclass(frozen=True)
class FileResult:
    """The outcome for one file: its findings, or the one-line reason it was not checked."""

    path: str
    format: str | None
    error: str | None = None
    report_date: PartialDate | None = None
    markers: int = 0
    footnotes: int = 0
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class RunResult:
    """Every file's result, in a stable order, and the exit status they make."""

    files: tuple[FileResult, ...]
    fail_on: Severity = Severity.WARNING

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for r in self.files for f in r.findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def failed_files(self) -> int:
        return sum(1 for r in self.files if r.error is not None)

    @property
    def exit_code(self) -> int:
        """0 clean; 1 a finding at or above fail-on (info never fails); 2 a file unchecked."""
        if self.failed_files:
            return 2
        threshold = max(self.fail_on.rank, Severity.WARNING.rank)
        if any(f.severity.rank >= threshold for f in self.findings):
            return 1
        return 0


Progress = Callable[[int, int], None]  # (files done, files in all)

# A worker process pays for its start-up only with this much text to check (the
# checks run at about 2 MB a second; forking and handing back results cost tens of
# milliseconds per worker).
_BYTES_PER_WORKER = 256 * 1024
# The size assumed for a file whose size is not known (standard input, say).
_TYPICAL_FILE = 16 * 1024


def run(
    paths: Sequence[str],
    config: Config,
    parse: Reader,
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
    cache = _open_cache(config)
    workers = choose_workers(jobs, targets)
    if workers <= 1:
        checked: Iterable[FileResult] = (
            check_target(target, config, parse, cache) for target in targets
        )
    else:
        checked = _in_workers(targets, config, parse, cache, workers)
    results: list[FileResult] = []
    for result in checked:
        results.append(result)
        if progress is not None:
            progress(len(results), len(targets))
    return RunResult(tuple(results), config.fail_on)


def _open_cache(config: Config) -> ResultCache | None:
    if config.cache_dir is None:
        return None
    from footcheck.footnotes.cache import ResultCache

    return ResultCache(config.cache_dir)


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


def _size(target: Target) -> int:
    try:
        return os.stat(target.source).st_size
    except (OSError, ValueError):
        return _TYPICAL_FILE


_WORKER: tuple[Config, Reader, ResultCache | None] | None = None


def _start_worker(config: Config, parse: Reader, cache: ResultCache | None) -> None:
    global _WORKER
    _WORKER = (config, parse, cache)


def _check_in_worker(target: Target) -> FileResult:
    assert _WORKER is not None
    config, parse, cache = _WORKER
    return check_target(target, config, parse, cache)


def _in_workers(
    targets: Sequence[Target],
    config: Config,
    parse: Reader,
    cache: ResultCache | None,
    workers: int,
) -> Iterator[FileResult]:
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


def shown(path: str) -> str:
    """A path as text every output can carry: undecodable bytes in a name become U+FFFD."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return path


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


def discover(paths: Iterable[str], parse: Reader, config: Config | None = None) -> Iterator[Target]:
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
                if config is not None and not config.wants(path, named=False):
                    continue
                if fmt is not None and real not in seen:
                    seen.add(real)
                    yield Target(shown(path), path, fmt)
            continue
        real = os.path.realpath(named)
        if config is not None and not config.wants(named, named=True):
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
            Target(shown(where), where, None, f"cannot list the folder: {_os_reason(exc)}")
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


def read_bytes(target: Target, config: Config) -> bytes:
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
            data = sys.stdin.buffer.read(config.max_bytes + 1)
        except OSError as exc:
            raise DocumentError(f"cannot read standard input: {_os_reason(exc)}") from None
    else:
        data = _read_file(target.source, config.max_bytes)
    if len(data) > config.max_bytes:
        raise DocumentError(f"too large (over {config.max_bytes:,} bytes)")
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
        raise DocumentError(f"cannot read: {_os_reason(exc)}") from None


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
    return f"cannot read: {_os_reason(exc)}"


def _os_reason(exc: OSError) -> str:
    """An OSError's reason without the path (the file's line already names it)."""
    return " ".join(str(exc.strerror or exc).split()).lower() or type(exc).__name__


def load(target: Target, config: Config, parse: Reader) -> Document:
    """Read and parse one target; DocumentError (one line) for anything that goes wrong."""
    return parse_bytes(read_bytes(target, config), target, config, parse)


def parse_bytes(data: bytes, target: Target, config: Config, parse: Reader) -> Document:
    """Parse a target's bytes; DocumentError (one line) for anything that goes wrong."""
    name = config.stdin_name if target.source == STDIN else target.display
    fmt = config.stdin_format if target.source == STDIN else target.format
    if target.source == STDIN and fmt is None:
        fmt = parse.format_for_named(name)
    try:
        return parse(data, name, fmt)
    except DocumentError:
        raise
    except RecursionError:
        raise _Unrepeatable(f"{fmt} nested too deeply to read") from None
    except MemoryError:
        raise _Unrepeatable(f"{fmt} too large to read") from None
    except Exception as exc:  # a reader's bug must not end the run
        if config.debug:
            raise
        raise _Unrepeatable(
            f"internal error reading {fmt} ({type(exc).__name__}: {exc}); please report it"
        ) from None


class _Unrepeatable(DocumentError):
    """A failure that says more about this run than about the file (a bug, the stack,
    the memory): its result is never cached."""


@dataclass(frozen=True)
class Checked:
    """A document with the findings of the selected rules, and a rule failure if any."""

    context: Context
    findings: list[Finding]
    report_date: PartialDate | None
    failure: str | None = None


def check_document(doc: Document, config: Config) -> Checked:
    """Run the selected rules on a parsed document.

    A rule that fails (a bug) costs its own findings only: the others are kept and
    the failure is reported as the file's error, asking for a report.
    """
    # Imported here: a run whose every file is cached never needs the date scanner.
    from footcheck.footnotes import suppress
    from footcheck.footnotes.context import Context

    ctx = Context(doc, report_date=config.report_date, today=config.today)
    findings: list[Finding] = []
    failure: str | None = None
    try:
        report_date = ctx.report_date
    except Exception as exc:  # the report date comes from document text: never fatal
        if config.debug:
            raise
        report_date = None
        failure = _internal("while reading the report's date", exc)
    rules = config.rules(doc.path)
    for rule in rules:
        if rule.after_rules:
            continue
        try:
            findings.extend(rule.check(doc, ctx))
        except Exception as exc:  # a rule bug must not end the run
            if config.debug:
                raise
            failure = failure or _internal(f"in rule {rule.code}", exc)
    findings = suppress.apply(
        doc, findings, config.note_ignores_for(doc.path), selected=(r.code for r in rules)
    )
    if config.settings is not None and config.settings.severity:
        findings = [_with_severity(f, config.severity_of(f.code)) for f in findings]
    return Checked(ctx, _ordered(findings), report_date, failure)


def _with_severity(finding: Finding, severity: Severity | None) -> Finding:
    return finding if severity is None else replace(finding, severity=severity)


def _internal(where: str, exc: Exception) -> str:
    return f"internal error {where} ({type(exc).__name__}: {exc}); please report it"


def check_target(
    target: Target,
    config: Config,
    parse: Reader,
    cache: ResultCache | None = None,
) -> FileResult:
    """One file's result; whatever goes wrong becomes its one-line error, never an exception.

    With a cache, a file whose bytes, configuration and code are those of a stored
    result gets that result back without being parsed.
    """
    data = _read(target, config)
    if isinstance(data, FileResult):
        return data
    if cache is None or target.source == STDIN:
        return _check_bytes(data, target, config, parse).result
    if config.today is None:  # the day the checks compare against, and the cache with them
        config = replace(config, today=current_date())
    today = config.today.iso() if config.today is not None else ""
    fingerprint = config.fingerprint(target.display, target.format)
    slot = cache.slot(target.display, fingerprint, data, today)
    stored = slot.result()
    if stored is not None:
        return stored
    outcome = _check_bytes(data, target, config, parse)
    if outcome.cacheable:
        slot.store(outcome.result, used_today=outcome.used_today)
    return outcome.result


def _read(target: Target, config: Config) -> bytes | FileResult:
    """The target's bytes, or its result when it cannot be read."""
    try:
        return read_bytes(target, config)
    except DocumentError as exc:
        error = _one_line(str(exc))
    except Exception as exc:  # reading must never end the run
        if config.debug:
            raise
        error = _one_line(_internal("while reading", exc))
    display = config.stdin_name if target.source == STDIN else target.display
    return FileResult(display, target.format or config.stdin_format, error)


@dataclass(frozen=True)
class _Outcome:
    """A file's result, and what the cache needs to know about it."""

    result: FileResult
    used_today: bool = False  # a rule compared a date with today's
    cacheable: bool = True  # False for a bug, the stack's depth or the memory


def _check_bytes(data: bytes, target: Target, config: Config, parse: Reader) -> _Outcome:
    """A file's result from its bytes."""
    display = config.stdin_name if target.source == STDIN else target.display
    fmt = target.format or config.stdin_format
    try:
        doc = parse_bytes(data, target, config, parse)
    except DocumentError as exc:
        result = FileResult(display, fmt, _one_line(str(exc)))
        return _Outcome(result, cacheable=not isinstance(exc, _Unrepeatable))
    except Exception as exc:  # reading must never end the run (parse_bytes catches parser bugs)
        if config.debug:
            raise
        error = _one_line(_internal("while reading", exc))
        return _Outcome(FileResult(display, fmt, error), cacheable=False)
    try:
        checked = check_document(doc, config)
    except RecursionError:
        error = "too deeply nested to check"
        return _Outcome(FileResult(display, doc.format, error), cacheable=False)
    except Exception as exc:  # the context or the suppressions: one file's failure only
        if config.debug:
            raise
        error = _one_line(_internal("while checking", exc))
        return _Outcome(FileResult(display, doc.format, error), cacheable=False)
    result = FileResult(
        path=display,
        format=doc.format,
        error=_one_line(checked.failure) if checked.failure else None,
        report_date=checked.report_date,
        markers=len(doc.markers),
        footnotes=len(doc.notes),
        findings=tuple(checked.findings),
    )
    return _Outcome(result, checked.context.used_today, cacheable=checked.failure is None)


def _ordered(findings: list[Finding]) -> list[Finding]:
    unique: dict[tuple[object, ...], Finding] = {}
    for f in findings:
        unique.setdefault((f.code, f.location, f.footnote, f.message), f)
    return sorted(
        unique.values(),
        key=lambda f: (f.location.line, f.location.column, f.code, f.footnote or ""),
    )


def _one_line(message: str) -> str:
    return " ".join(message.split()) or "could not be checked"
