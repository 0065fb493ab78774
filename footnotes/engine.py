"""Checking one file: read it, parse it, run the rules, suppress, order; the one error guard.

Everything that can go wrong with one file becomes that file's one-line error, and
the run goes on:

- input footcheck cannot read (too large, binary, malformed) is a `DocumentError`
  from the file layer or a reader: its message is the error, and the result is
  cached like any other;
- any other exception is a bug (in a reader, the language layer or a rule): the
  error names it and asks for a report, the result is never cached, and under
  `--debug` the exception goes through with its traceback. Running out of stack or
  memory says more about this run than about the file: never cached either.

A rule that fails costs only its own findings: the other rules' are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from footcheck.footnotes.files import STDIN, Readers, Target, read_bytes
from footcheck.footnotes.model import (
    Document,
    DocumentError,
    Finding,
    PartialDate,
    Severity,
    current_date,
)
from footcheck.footnotes.results import FileResult

if TYPE_CHECKING:
    from footcheck.footnotes.cache import ResultCache
    from footcheck.footnotes.context import Context
    from footcheck.footnotes.settings import Config


class Unrepeatable(DocumentError):
    """A failure that says more about this run than about the file (a bug, the stack,
    the memory): its result is never cached."""


def load(target: Target, config: Config, parse: Readers) -> Document:
    """Read and parse one target; DocumentError (one line) for anything that goes wrong."""
    return parse_bytes(read_bytes(target, config.max_bytes), target, config, parse)


def parse_bytes(data: bytes, target: Target, config: Config, parse: Readers) -> Document:
    """Parse a target's bytes; DocumentError (one line) for anything that goes wrong.

    The one guard around the readers: a reader raises DocumentError for bad input,
    and anything else it raises is its bug (`Unrepeatable`, or raised as it is under
    --debug).
    """
    name, fmt = _named(target, config)
    if target.source == STDIN and fmt is None:
        fmt = parse.format_for_named(name)
    try:
        return parse(data, name, fmt)
    except DocumentError:
        raise
    except RecursionError:
        raise Unrepeatable(f"{fmt} nested too deeply to read") from None
    except MemoryError:
        raise Unrepeatable(f"{fmt} too large to read") from None
    except Exception as exc:  # a reader's bug must not end the run
        if config.debug:
            raise
        raise Unrepeatable(
            f"internal error reading {fmt} ({type(exc).__name__}: {exc}); please report it"
        ) from None


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
    parse: Readers,
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
        return read_bytes(target, config.max_bytes)
    except DocumentError as exc:
        error = _one_line(str(exc))
    except Exception as exc:  # reading must never end the run
        if config.debug:
            raise
        error = _one_line(_internal("while reading", exc))
    return FileResult(*_named(target, config), error)


@dataclass(frozen=True)
class _Outcome:
    """A file's result, and what the cache needs to know about it."""

    result: FileResult
    used_today: bool = False  # a rule compared a date with today's
    cacheable: bool = True  # False for a bug, the stack's depth or the memory


def _check_bytes(data: bytes, target: Target, config: Config, parse: Readers) -> _Outcome:
    """A file's result from its bytes."""
    display, fmt = _named(target, config)
    try:
        doc = parse_bytes(data, target, config, parse)
    except DocumentError as exc:
        result = FileResult(display, fmt, _one_line(str(exc)))
        return _Outcome(result, cacheable=not isinstance(exc, Unrepeatable))
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


def _named(target: Target, config: Config) -> tuple[str, str | None]:
    """The name a target is reported under, and its format when known."""
    if target.source == STDIN:
        return config.stdin_name, config.stdin_format
    return target.display, target.format


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
