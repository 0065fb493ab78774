"""footcheck's command line: options in, `footnotes.runner` given `parsers.parse`, a reporter out.

Thin by design: every decision about a report is made in `footnotes/`, every
format is read in `parsers/`. Exit status: 0 clean, 1 findings at or above
--fail-on, 2 a usage error or a file that could not be checked.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import click

from footcheck import __version__, parsers
from footcheck.footnotes.model import DocumentError, PartialDate, Severity
from footcheck.footnotes.report import MODULES as REPORT_FORMATS
from footcheck.footnotes.rules import RULES, Rule, lookup

if TYPE_CHECKING:
    from footcheck.footnotes.fixes.run import FileFix
    from footcheck.footnotes.results import RunResult
    from footcheck.footnotes.settings import Config, FileSettings


def _parse_report_date(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> PartialDate | None:
    if value is None:
        return None
    from footcheck.footnotes.settings import parse_report_date

    date = parse_report_date(value)
    if date is None:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD")
    return date


def _rule_codes(values: Sequence[str], option: str) -> frozenset[str] | None:
    """Codes named by --select/--ignore: codes, rule names, or prefixes ("DT", "FN00").

    None when the option names none (not given, or given empty: `--select "$CODES"`
    with an empty variable is the default, not "no rules").
    """
    if not values:
        return None
    from footcheck.footnotes.settings import ConfigError, rule_codes

    try:
        return rule_codes(values, option) or None
    except ConfigError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


def _colour(no_color: bool) -> bool:
    """Whether standard output gets colour."""
    from footcheck.footnotes.report.terminal import colour_wanted

    return colour_wanted(sys.stdout, no_color)


_format_choice = click.Choice(["console", "json"])
_stdin_format = click.option(
    "--stdin-format",
    type=click.Choice(list(parsers.FORMATS)),
    help="Format of the report read from '-' (default: from --stdin-name, else text).",
)
_stdin_name = click.option(
    "--stdin-name", default="<stdin>", show_default=True, help="Name to report for '-'."
)
_report_date = click.option(
    "--report-date",
    callback=_parse_report_date,
    metavar="YYYY-MM-DD",
    help="The report's own date (overrides metadata and datelines).",
)
_no_color = click.option("--no-color", is_flag=True, help="No colour (also: NO_COLOR set).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="footcheck")
def main() -> None:
    """Check the footnotes and citations of reports before they are published."""


def _settings(config_file: str | None, paths: Sequence[str]) -> FileSettings:
    """The configuration file in force: --config, else found from the first path upwards."""
    from pathlib import Path

    from footcheck.footnotes.settings import ConfigError, load_config, load_for

    try:
        if config_file:
            return load_config(Path(config_file))
        start = next((p for p in paths if p != "-"), ".")
        return load_for(Path(start))
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format", "fmt", type=click.Choice(list(REPORT_FORMATS)), default="console", show_default=True
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report here.")
@click.option(
    "--select", multiple=True, metavar="CODES", help="Only these rules (codes, names, prefixes)."
)
@click.option(
    "--ignore", multiple=True, metavar="CODES", help="Not these rules (added to the config's)."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default=None,
    help="Lowest severity that makes the exit status 1 (default: warning; info never does).",
)
@_report_date
@click.option("--include", multiple=True, metavar="GLOB", help="Check only files matching GLOB.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching GLOB.")
@click.option(
    "--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file."
)
@click.option(
    "--baseline", type=click.Path(dir_okay=False), help="Report only findings not in FILE."
)
@click.option(
    "--write-baseline", type=click.Path(dir_okay=False), help="Record today's findings in FILE."
)
@click.option(
    "--prune-baseline", is_flag=True, help="With --baseline: drop entries that no longer occur."
)
@click.option(
    "--changed-since", metavar="REV", help="Only files that differ from git revision REV."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes (0: one per CPU; small runs stay in one process).",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    envvar="FOOTCHECK_CACHE_DIR",
    help="Keep results here (default: .footcheck_cache in the project's folder).",
)
@click.option("--no-cache", is_flag=True, help="Check every file afresh: read and write no cache.")
@click.option(
    "--book/--no-book",
    default=None,
    help="Check linked files as one book (default), or every file alone.",
)
@_stdin_format
@_stdin_name
@_no_color
@click.option("-v", "--verbose", is_flag=True, help="List clean files too.")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    report_date: PartialDate | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    config_file: str | None,
    baseline: str | None,
    write_baseline: str | None,
    prune_baseline: bool,
    changed_since: str | None,
    jobs: int,
    cache_dir: str | None,
    no_cache: bool,
    book: bool | None,
    stdin_format: str | None,
    stdin_name: str,
    no_color: bool,
    verbose: bool,
    debug: bool,
) -> None:
    """Check reports: files, folders (searched recursively), or - for stdin (default: .)."""
    from footcheck.footnotes.runner import run
    from footcheck.footnotes.settings import CommandLine, resolve

    _fewer_collections()
    if prune_baseline and not baseline:
        raise click.UsageError("--prune-baseline needs --baseline FILE")
    paths = paths or (".",)
    settings = _settings(config_file, paths)
    if changed_since:
        paths = _changed(changed_since, paths)
    given = CommandLine(
        select=_rule_codes(select, "--select"),
        ignore=_rule_codes(ignore, "--ignore"),
        fail_on=Severity(fail_on) if fail_on else None,
        report_date=report_date,
        include=include,
        exclude=exclude,
        cache_dir=cache_dir,
        no_cache=no_cache,
        stdin_format=stdin_format,
        stdin_name=stdin_name,
        debug=debug,
        books=book,
    )
    config = resolve(settings, given)
    if fmt == "html":  # the page shows each document's text, claims and notes
        config = _drawing_pages(config, baseline=baseline)
    from footcheck.footnotes.report.progress import ProgressBar

    with ProgressBar(enabled=fmt == "console" and output is None) as progress:
        result = run(paths, config, parsers.parse, jobs=jobs or None, progress=progress)
    result = _with_baseline(result, baseline, write_baseline, prune_baseline)
    _report(result, fmt, output, no_color=no_color, verbose=verbose)
    sys.exit(0 if write_baseline and not result.failed_files else result.exit_code)


def _fewer_collections() -> None:
    """Let the cyclic garbage collector run less often during a check.

    Reading a large report builds hundreds of thousands of small objects (markdown-it's
    tokens, the parsed notes and paragraphs) that stay alive until its check ends; with
    the default threshold the collector walks them again and again (a third of the
    time on a 20 MB report). footcheck makes little cyclic garbage, so collecting
    every 100,000 allocations instead of 700 costs no memory that shows.
    """
    import gc

    gc.freeze()  # the modules imported so far are never garbage
    gc.set_threshold(100_000, 50, 100)


def _changed(revision: str, paths: Sequence[str]) -> tuple[str, ...]:
    from footcheck.footnotes.changed import ChangedError, changed_files, within

    try:
        changed = changed_files(revision)
    except ChangedError as exc:
        raise click.UsageError(str(exc)) from None
    return tuple(p for p in within(changed, paths) if parsers.parse.format_for(p))


def _with_baseline(
    result: RunResult, baseline: str | None, write: str | None, prune: bool
) -> RunResult:
    if not (baseline or write):
        return result
    from pathlib import Path

    from footcheck.footnotes import baseline as baselines

    try:
        if write:
            baselines.Baseline.from_findings(result.findings).write(Path(write))
            click.echo(f"Wrote {len(result.findings)} findings to the baseline {write}.", err=True)
        if not baseline:
            return result
        known = baselines.Baseline.load(Path(baseline))
        if prune:
            kept = known.pruned(result.findings, (f.path for f in result.files if not f.error))
            kept.write(Path(baseline))
        return baselines.apply(result, known)
    except baselines.BaselineError as exc:
        raise click.UsageError(str(exc)) from None


def _report(
    result: RunResult, fmt: str, output: str | None, *, no_color: bool, verbose: bool
) -> None:
    """The report in the chosen format, to --output or stdout; with --output, a summary too."""
    from footcheck.footnotes import report

    if fmt == "console" and output is None:
        from footcheck.footnotes.report import console
        from footcheck.parsers.rewriting import REWRITING

        console.render(
            result,
            sys.stdout,
            colour=_colour(no_color),
            verbose=verbose,
            fix_formats=REWRITING.formats,
        )
        return
    if fmt == "html":
        from footcheck.footnotes.report.html.page import page_parts

        _write(page_parts(result, __version__), output)
    else:
        _write(report.render_text(result, fmt, __version__, verbose=verbose), output)
    if output is None:
        return
    from footcheck.footnotes.report import console  # the console's modules only when it prints

    console.render_summary(result, sys.stdout, colour=_colour(no_color))


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--diff", is_flag=True, help="Print what would change; change nothing.")
@click.option(
    "--unsafe",
    is_flag=True,
    help="Also delete notes nothing cites (FN002) and merge repeated sources (CT001).",
)
@click.option(
    "--select", multiple=True, metavar="CODES", help="Only these rules' fixes (codes, names)."
)
@click.option("--ignore", multiple=True, metavar="CODES", help="Not these rules' fixes.")
@click.option(
    "--format", "fmt", type=click.Choice(["console", "json"]), default="console", show_default=True
)
@_report_date
@click.option(
    "--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file."
)
def fix(
    paths: tuple[str, ...],
    diff: bool,
    unsafe: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fmt: str,
    report_date: PartialDate | None,
    config_file: str | None,
) -> None:
    """Fix what can be fixed safely, in place: renumber notes in order of first
    reference (FN004), delete suppression comments that suppress nothing (SUP001).

    With --unsafe, also delete notes nothing cites (FN002) and merge a repeated source
    into its first note (CT001), renumbering the notes after them. Each file is
    written atomically, keeping its encoding, byte-order mark, newlines and
    permissions, and only after the fixed text is checked again. Exit status: 0, or 1
    with --diff when something would change, 2 when a file could not be fixed.
    """
    from footcheck.footnotes.files import STDIN, discover
    from footcheck.footnotes.fixes.run import fix_file
    from footcheck.footnotes.report import fix_report
    from footcheck.footnotes.settings import CommandLine, resolve
    from footcheck.parsers.rewriting import REWRITING

    paths = paths or (".",)
    if STDIN in paths:
        raise click.UsageError("fix changes files: it cannot read standard input")
    given = CommandLine(
        select=_rule_codes(select, "--select"),
        ignore=_rule_codes(ignore, "--ignore"),
        report_date=report_date,
        no_cache=True,
    )
    config = resolve(_settings(config_file, paths), given)
    targets = list(discover(paths, parsers.parse, config))
    fixes = [
        fix_file(
            t.display, t.format, config, parsers.parse, REWRITING, write=not diff, unsafe=unsafe
        )
        if t.error is None
        else _failed(t.display, t.error)
        for t in targets
    ]
    if fmt == "json":
        sys.stdout.write(fix_report.render_json(fixes, __version__))
    else:
        fix_report.render_console(fixes, sys.stdout, diff=diff)
    if any(f.error for f in fixes):
        sys.exit(2)
    sys.exit(1 if diff and any(f.changed for f in fixes) else 0)


def _failed(path: str, error: str) -> FileFix:
    from footcheck.footnotes.fixes.run import FileFix

    return FileFix(path, error=error)


@main.command("config")
@click.argument("path", required=False, default=".")
@click.option(
    "--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file."
)
def config_command(path: str, config_file: str | None) -> None:
    """Print the configuration in force for PATH and where each value comes from."""
    from footcheck.footnotes.settings import CommandLine, describe, resolve

    settings = _settings(config_file, [path])
    where = str(settings.path) if settings.path else "no configuration file found; defaults"
    click.echo(f"# configuration for {path}: {where}")
    rows = describe(resolve(settings, CommandLine()))
    width = max(len(key) for key, _, _ in rows)
    for key, value, origin in rows:
        click.echo(f"{key:<{width}}  {value}  # {origin}")


@main.command()
@click.argument("file")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["console", "json", "html"]),
    default="console",
    show_default=True,
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write it to FILE.")
@_report_date
@_stdin_format
@_stdin_name
@_no_color
def show(
    file: str,
    fmt: str,
    output: str | None,
    report_date: PartialDate | None,
    stdin_format: str | None,
    stdin_name: str,
    no_color: bool,
) -> None:
    """Show the claims and notes of FILE as footcheck read them."""
    from footcheck.footnotes.context import Context
    from footcheck.footnotes.engine import load
    from footcheck.footnotes.files import STDIN, Target
    from footcheck.footnotes.report import show as show_report
    from footcheck.footnotes.settings import CommandLine, resolve

    given = CommandLine(
        report_date=report_date, no_cache=True, stdin_format=stdin_format, stdin_name=stdin_name
    )
    config = resolve(_settings(None, [file]), given)
    if fmt == "html":
        _show_page(file, config, output)
        return
    target = Target(file, file, parsers.parse.format_for_named(file))
    display = stdin_name if file == STDIN else file
    try:
        doc = load(target, config, parsers.parse)
    except DocumentError as exc:
        if fmt == "json":
            payload = show_report.error_dict(display, target.format, str(exc))
            _write(show_report.render_json(payload), output)
        else:
            click.echo(f"{display}: error: {exc}", err=True)
        sys.exit(2)
    ctx = Context(doc, report_date=config.report_date)
    try:
        if fmt == "json":
            _write(show_report.render_json(show_report.show_dict(ctx)), output)
        elif output is not None:
            import io

            buffer = io.StringIO()
            show_report.render_console(ctx, buffer, colour=False)
            _write(buffer.getvalue(), output)
        else:
            show_report.render_console(ctx, sys.stdout, colour=_colour(no_color))
    except Exception as exc:  # reading the document's language must never print a traceback
        message = f"internal error ({type(exc).__name__}: {exc}); please report it"
        if fmt == "json":
            _write(
                show_report.render_json(show_report.error_dict(display, doc.format, message)),
                output,
            )
        else:
            click.echo(f"{display}: error: {message}", err=True)
        sys.exit(2)


def _show_page(file: str, config: Config, output: str | None) -> None:
    """`show --format html`: the report page of one file, with its findings, no filters."""
    import os
    from dataclasses import replace

    from footcheck.footnotes.report.html.page import page_parts
    from footcheck.footnotes.runner import run

    if file != "-" and os.path.isdir(file):
        raise click.BadParameter(f"{file} is a folder; show reads one file", param_hint="FILE")
    result = run(
        [file], replace(_drawing_pages(config, every_timeline=True), cache_dir=None), parsers.parse
    )
    _write(page_parts(result, __version__, title="footcheck show", filters=False), output)
    sys.exit(2 if result.failed_files else 0)


def _drawing_pages(
    config: Config, *, every_timeline: bool = False, baseline: str | None = None
) -> Config:
    """The configuration of a run that draws the HTML report: each document's part of
    the page is drawn where it is checked (with its timeline always, or only when it
    has a date finding), without the findings of the baseline, if any."""
    from dataclasses import replace

    from footcheck.footnotes.report.html.fragment import Drawer

    keep = None
    if baseline is not None:
        from pathlib import Path

        from footcheck.footnotes import baseline as baselines

        try:
            keep = baselines.Baseline.load(Path(baseline)).filter
        except baselines.BaselineError as exc:
            raise click.UsageError(str(exc)) from None
    return replace(config, unit_page=Drawer(every_timeline=every_timeline, keep=keep))


def _write(text: str | Iterable[bytes], output: str | None) -> None:
    """Text, or its UTF-8 pieces in order, to --output or to standard output."""
    pieces = (text.encode("utf-8"),) if isinstance(text, str) else text
    if output is None:
        sys.stdout.flush()
        for piece in pieces:
            sys.stdout.buffer.write(piece)
        sys.stdout.buffer.flush()
        return
    import os
    import tempfile

    # Written beside the output and renamed over it: a run that fails halfway leaves
    # the previous report, never half of a new one.
    folder = os.path.dirname(os.path.abspath(output))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".footcheck-", dir=folder)
    except OSError as exc:
        raise click.UsageError(f"cannot write {output}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            for piece in pieces:
                stream.write(piece)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, output)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if not isinstance(exc, OSError):
            raise
        raise click.UsageError(f"cannot write {output}: {exc.strerror}") from None


def _umask() -> int:
    """The process's umask (read by setting it, then set back)."""
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


@main.command("rules")
@_no_color
def rules_command(no_color: bool) -> None:
    """List every rule with its code, name, severity and summary."""
    from footcheck.footnotes.report.terminal import Writer

    out = Writer(sys.stdout, _colour(no_color))
    out.line((f"{'code':<7}{'rule':<26}{'severity':<10}", "bold"), ("what it flags", "bold"))
    for rule in RULES:
        out.line(
            (f"{rule.code:<7}", "bold"),
            (f"{rule.name:<26}", ""),
            (f"{rule.severity.value:<10}", ""),
            (rule.summary, ""),
        )
    out.line(("Run `footcheck explain CODE` for a rule's documentation and examples.", "dim"))


@main.command()
@click.argument("code")
@_no_color
def explain(code: str, no_color: bool) -> None:
    """Print a rule's documentation (CODE or rule name)."""
    rule: Rule | None = lookup(code)
    if rule is None:
        raise click.BadParameter(
            f"unknown rule {code!r} (see `footcheck rules`)", param_hint="CODE"
        )
    text = f"{rule.code} {rule.name} (default severity: {rule.severity.value})\n\n" + _body(rule)
    if _colour(no_color):
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        click.echo(text)


def _body(rule: Rule) -> str:
    lines = rule.doc.strip().splitlines()
    return "\n".join(lines[1:]).strip() + "\n"


if __name__ == "__main__":
    main()
