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

import html
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from footcheck.footnotes.book.facts import facts_of
from footcheck.footnotes.files import STDIN, Readers, Target, read_bytes
from footcheck.footnotes.model import (
    Document,
    DocumentError,
    Finding,
    PartialDate,
    Severity,
    current_date,
)
from footcheck.footnotes.results import FileOutcome, FileResult, Unit
from footcheck.footnotes.suppress import Suppressions, apply_suppressions

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
    """A document with the findings of the selected rules, and a rule failure if any.

    `findings` are the rules' own, before the document's suppressions (which are
    applied once the book rules have run: `finish`); `suppressions` says what the
    document silences.
    """

    context: Context
    findings: list[Finding]
    report_date: PartialDate | None
    suppressions: Suppressions
    failure: str | None = None


def examine(doc: Document, config: Config, cores: int = 1) -> Checked:
    """Run the selected document rules on a parsed document, before suppressions.

    A rule that fails (a bug) costs its own findings only: the others are kept and
    the failure is reported as the file's error, asking for a report. With more than
    one core, a large document's language layer is worked out on all of them
    (`footnotes.split_work`) before the rules run.
    """
    # Imported here: a run whose every file is cached never needs the date scanner.
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
    if cores > 1 and failure is None:
        _split(ctx, cores, config)
    for rule in config.rules(doc.path):
        if rule.after_rules or rule.check is None:
            continue
        try:
            findings.extend(rule.check(doc, ctx))
        except Exception as exc:  # a rule bug must not end the run
            if config.debug:
                raise
            failure = failure or _internal(f"in rule {rule.code}", exc)
    suppressions = Suppressions.of(doc, config.note_ignores_for(doc.path))
    return Checked(ctx, findings, report_date, suppressions, failure)


def _split(ctx: Context, cores: int, config: Config) -> None:
    """The language layer on `cores` cores when the document is worth it.

    Anything that goes wrong leaves it to the rules, which work it out here: the
    findings, and any failure, are those of a serial run.
    """
    from footcheck.footnotes import split_work

    try:
        if split_work.worth_splitting(ctx):
            split_work.share_language_layer(ctx, cores - 1)
    except Exception:  # the split's own machinery (a fork refused): serial after all
        if config.debug:
            raise


def check_document(doc: Document, config: Config) -> Checked:
    """Run the selected rules on a document checked alone, suppressions applied.

    The document is a book of its own (its chapters, for an EPUB): the book rules
    run on it too, and no link to another file is followed.
    """
    from footcheck.footnotes.book.check import check_books
    from footcheck.footnotes.book.links import Links

    parts = doc.parts or (doc,)
    book = doc.path if doc.parts else None
    examined = [examine(part, config) for part in parts]
    units = [
        Unit(part.path, part.path if book else "", facts_of(c.context, c.suppressions), book)
        for part, c in zip(parts, examined, strict=True)
    ]
    links = Links(units, (), lambda _: False, lambda _: None, config.max_bytes)
    outcome = check_books(units, links, linked=False, selected=config.rules, debug=config.debug)
    findings = [
        finding
        for unit, checked in zip(units, examined, strict=True)
        for finding in finish(
            unit.path, outcome.kept(unit.path, checked.findings), checked.suppressions, config
        )
    ]
    failure = next((c.failure for c in examined if c.failure), None)
    failure = failure or next(iter(outcome.failures.values()), None)
    return replace(examined[0], findings=findings, failure=failure)


def finish(
    path: str, findings: Sequence[Finding], suppressions: Suppressions, config: Config
) -> list[Finding]:
    """A file's findings once its suppressions and configured severities apply, in order."""
    kept = apply_suppressions(
        suppressions,
        path,
        findings,
        config.note_ignores_for(path),
        selected=(r.code for r in config.rules(path)),
    )
    if config.settings is not None and config.settings.severity:
        kept = [_with_severity(f, config.severity_of(f.code)) for f in kept]
    return _ordered(kept)


def _with_severity(finding: Finding, severity: Severity | None) -> Finding:
    return finding if severity is None else replace(finding, severity=severity)


def _internal(where: str, exc: Exception) -> str:
    return f"internal error {where} ({type(exc).__name__}: {exc}); please report it"


def check_target(
    target: Target,
    config: Config,
    parse: Readers,
    cache: ResultCache | None = None,
    cores: int = 1,
) -> FileOutcome:
    """One file's outcome; whatever goes wrong becomes its one-line error, never an exception.

    With a cache, a file whose bytes, configuration and code are those of a stored
    outcome gets it back without being parsed. `cores` is how many processes a
    large file's checks may use.
    """
    data = _read(target, config)
    if isinstance(data, FileResult):
        return FileOutcome(data)
    if cache is None or target.source == STDIN:
        return _check_bytes(data, target, config, parse, cores).outcome
    if config.today is None:  # the day the checks compare against, and the cache with them
        config = replace(config, today=current_date())
    today = config.today.iso() if config.today is not None else ""
    fingerprint = config.fingerprint(target.display, target.format)
    slot = cache.slot(target.display, fingerprint, data, today)
    stored = slot.outcome(target.source, pages=config.unit_page)
    if stored is not None:
        return stored
    checked = _check_bytes(data, target, config, parse, cores)
    if checked.cacheable:
        drawer = config.unit_page
        keep_pages = drawer is None or drawer.cacheable
        slot.store(checked.outcome, used_today=checked.used_today, pages=keep_pages)
    return checked.outcome


def lookup(target: Target, config: Config, cache: ResultCache) -> FileOutcome | None:
    """The stored outcome of a target whose bytes have not changed; None when it must be
    checked (an unreadable file's outcome is its error, found here at once)."""
    if target.source == STDIN:
        return None
    data = _read(target, config)
    if isinstance(data, FileResult):
        return FileOutcome(data)
    today = config.today.iso() if config.today is not None else ""
    fingerprint = config.fingerprint(target.display, target.format)
    slot = cache.slot(target.display, fingerprint, data, today)
    return slot.outcome(target.source, pages=config.unit_page)


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
    """A file's outcome, and what the cache needs to know about it."""

    outcome: FileOutcome
    used_today: bool = False  # a rule compared a date with today's
    cacheable: bool = True  # False for a bug, the stack's depth or the memory


def _check_bytes(
    data: bytes, target: Target, config: Config, parse: Readers, cores: int = 1
) -> _Outcome:
    """A file's outcome from its bytes."""
    display, fmt = _named(target, config)
    try:
        doc = parse_bytes(data, target, config, parse)
    except DocumentError as exc:
        result = FileResult(display, fmt, _one_line(str(exc)))
        return _Outcome(FileOutcome(result), cacheable=not isinstance(exc, Unrepeatable))
    locator = "" if target.source == STDIN else target.source
    parts = doc.parts or (doc,)
    book = display if doc.parts else None
    findings: list[Finding] = []
    units: list[Unit] = []
    pages: list[tuple[str, bytes]] | None = [] if config.unit_page is not None else None
    failure: str | None = None
    used_today = False
    report_date: PartialDate | None = None
    try:
        for part in parts:
            checked = examine(part, config, cores)
            failure = failure or checked.failure
            if report_date is None:
                report_date = checked.report_date
            findings.extend(checked.findings)
            facts = facts_of(checked.context, checked.suppressions)
            units.append(Unit(part.path, part.path if book else locator, facts, book))
            if pages is not None:
                pages.append((part.path, _page(checked, part.path, config)))
            # Read last: the page may read what depends on today (a two-digit year's century).
            used_today = used_today or checked.context.used_today
    except RecursionError:
        error = "too deeply nested to check"
        return _Outcome(FileOutcome(FileResult(display, doc.format, error)), cacheable=False)
    except Exception as exc:  # the context or the facts: one file's failure only
        if config.debug:
            raise
        error = _one_line(_internal("while checking", exc))
        return _Outcome(FileOutcome(FileResult(display, doc.format, error)), cacheable=False)
    result = FileResult(
        path=display,
        format=doc.format,
        error=_one_line(failure) if failure else None,
        report_date=report_date,
        markers=sum(len(p.markers) for p in parts),
        footnotes=sum(len(p.notes) for p in parts),
        findings=tuple(findings),
        pages=tuple(pages) if pages is not None else None,
    )
    return _Outcome(FileOutcome(result, tuple(units)), used_today, cacheable=failure is None)


def _page(checked: Checked, path: str, config: Config) -> bytes:
    """A checked document's part of the report page, drawn with its own findings, as
    UTF-8 (encoded here, on the worker's core); a failure to draw it (a bug) costs the
    page the document's text, never the file its findings."""
    assert config.unit_page is not None
    try:
        own = finish(path, checked.findings, checked.suppressions, config)
        drawn = config.unit_page.draw(checked.context, own)
    except Exception as exc:
        if config.debug:
            raise
        # The exception's words may quote the document: escaped like its text.
        drawn = f'<p class="error">{html.escape(_internal("drawing this document", exc))}</p>'
    return drawn.encode("utf-8", "replace")


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


def notes_unit(path: str, config: Config, parse: Readers) -> Unit | None:
    """A file the run did not name, read for its notes only (a chapter's notes file).

    Read through the same safe reading and readers as a checked file; None when it
    cannot be read. No rule runs on it.
    """
    from footcheck.footnotes.context import Context

    target = Target(path, path, parse.format_for(path))
    try:
        doc = load(target, config, parse)
        facts = facts_of(Context(doc, today=config.today), Suppressions())
    except Exception:  # a file the user did not name: its failure is not theirs to see
        if config.debug:
            raise
        return None
    return Unit(path, path, facts)
