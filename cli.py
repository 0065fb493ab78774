"""footcheck's command line: options in, `footnotes.runner` given `parsers.parse`, a reporter out.

Thin by design: every decision about a report is made in `footnotes/`, every
format is read in `parsers/`. Exit status: 0 clean, 1 findings at or above
--fail-on, 2 a usage error or a file that could not be checked.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

import click

import parsers
from footnotes import __version__
from footnotes.model import DocumentError, PartialDate, Severity
from footnotes.rules import RULES, Rule, lookup

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _parse_report_date(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> PartialDate | None:
    if value is None:
        return None
    match = _ISO_DATE.match(value.strip())
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        date = PartialDate(year, month, day)
        if date.is_valid() and 1500 <= year <= 2100:
            return date
    raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD")


def _rule_codes(values: Sequence[str], option: str) -> frozenset[str] | None:
    """Codes named by --select/--ignore: codes, rule names, or prefixes ("DT", "FN00")."""
    if not values:
        return None
    codes: set[str] = set()
    for value in values:
        for item in filter(None, (part.strip() for part in value.split(","))):
            if item.upper() == "ALL":
                codes.update(r.code for r in RULES)
                continue
            rule = lookup(item)
            if rule is not None:
                codes.add(rule.code)
                continue
            matched = {r.code for r in RULES if r.code.startswith(item.upper())}
            if not matched:
                raise click.BadParameter(
                    f"unknown rule {item!r} (see `footcheck rules`)", param_hint=option
                )
            codes.update(matched)
    return frozenset(codes)


def _colour(no_color: bool) -> bool:
    """Whether standard output gets colour."""
    from footnotes.report.terminal import colour_wanted

    return colour_wanted(sys.stdout, no_color)


_format_choice = click.Choice(["console", "json"], case_sensitive=False)
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


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=_format_choice, default="console", show_default=True)
@click.option(
    "--select", multiple=True, metavar="CODES", help="Only these rules (codes, names, prefixes)."
)
@click.option("--ignore", multiple=True, metavar="CODES", help="Not these rules.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="warning",
    show_default=True,
    help="Lowest severity that makes the exit status 1 (info never does).",
)
@_report_date
@_stdin_format
@_stdin_name
@_no_color
@click.option("-v", "--verbose", is_flag=True, help="List clean files too.")
def check(
    paths: tuple[str, ...],
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    report_date: PartialDate | None,
    stdin_format: str | None,
    stdin_name: str,
    no_color: bool,
    verbose: bool,
) -> None:
    """Check reports: files, folders (searched recursively), or - for stdin."""
    from footnotes.runner import Config, run

    config = Config(
        select=_rule_codes(select, "--select"),
        ignore=_rule_codes(ignore, "--ignore") or frozenset(),
        fail_on=Severity(fail_on),
        report_date=report_date,
        stdin_format=stdin_format,
        stdin_name=stdin_name,
    )
    result = run(paths, config, parsers.parse)
    if fmt == "json":
        from footnotes.report import json_report

        sys.stdout.write(json_report.render(result, __version__))
    else:
        from footnotes.report import console

        console.render(result, sys.stdout, colour=_colour(no_color), verbose=verbose)
    sys.exit(result.exit_code)


@main.command()
@click.argument("file")
@click.option("--format", "fmt", type=_format_choice, default="console", show_default=True)
@_report_date
@_stdin_format
@_stdin_name
@_no_color
def show(
    file: str,
    fmt: str,
    report_date: PartialDate | None,
    stdin_format: str | None,
    stdin_name: str,
    no_color: bool,
) -> None:
    """Show the claims and notes of FILE as footcheck read them."""
    from footnotes.context import Context
    from footnotes.report import show as show_report
    from footnotes.runner import STDIN, Config, Target, load

    config = Config(report_date=report_date, stdin_format=stdin_format, stdin_name=stdin_name)
    target = Target(file, file, parsers.parse.format_for_named(file))
    display = stdin_name if file == STDIN else file
    try:
        doc = load(target, config, parsers.parse)
    except DocumentError as exc:
        if fmt == "json":
            payload = show_report.error_dict(display, target.format, str(exc))
            sys.stdout.write(show_report.render_json(payload))
        else:
            click.echo(f"{display}: error: {exc}", err=True)
        sys.exit(2)
    ctx = Context(doc, report_date=report_date)
    try:
        if fmt == "json":
            sys.stdout.write(show_report.render_json(show_report.show_dict(ctx)))
        else:
            show_report.render_console(ctx, sys.stdout, colour=_colour(no_color))
    except Exception as exc:  # reading the document's language must never print a traceback
        message = f"internal error ({type(exc).__name__}: {exc}); please report it"
        if fmt == "json":
            sys.stdout.write(
                show_report.render_json(show_report.error_dict(display, doc.format, message))
            )
        else:
            click.echo(f"{display}: error: {message}", err=True)
        sys.exit(2)


@main.command("rules")
@_no_color
def rules_command(no_color: bool) -> None:
    """List every rule with its code, name, severity and summary."""
    from footnotes.report.terminal import Writer

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
