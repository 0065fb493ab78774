"""The console output an editor reads: findings grouped by file, with their evidence.

Each finding shows its location, code and message, then the claim (shortened), the
note's text, both dates for a date finding, and a hint where one helps. A file with
markers and no notes at all (notes lost in an export, or kept in another file) says
so once and lists its markers compactly instead of one finding per marker. A
summary line closes the run.
"""

from __future__ import annotations

from typing import TextIO

from footcheck.footnotes.model import Finding, Severity
from footcheck.footnotes.report.terminal import Writer, safe
from footcheck.footnotes.results import FileResult, RunResult

_SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def render(
    result: RunResult,
    stream: TextIO,
    *,
    colour: bool,
    verbose: bool = False,
    fix_formats: frozenset[str] = frozenset(),
) -> None:
    """The findings file by file, the summary, and what `footcheck fix` may take on
    (in files of `fix_formats`, whose labels it rewrites)."""
    out = Writer(stream, colour)
    for file in result.files:
        if file.error is not None:
            out.line(
                (safe(file.path), "bold"),
                (": ", ""),
                ("error: ", "bold red"),
                (safe(file.error), ""),
            )
            continue
        if not file.findings and not verbose and not file.notes_read_from:
            continue
        out.line((safe(file.path), "bold underline"), (f"  {_describe(file)}", "dim"))
        if file.notes_read_from:
            read = ", ".join(safe(name) for name in file.notes_read_from)
            out.line(("  notes read from ", "dim"), (read, ""), (" (not checked itself)", "dim"))
        findings = file.findings
        lost = _markers_without_notes(file)
        if lost:
            _lost_notes(out, lost)
            findings = tuple(f for f in findings if f not in lost)
        for finding in findings:
            _finding(out, finding, file.path)
        if not file.findings:
            out.line(("  no problems found", "green"))
        out.blank()
    _summary(out, result)
    _fixable(out, result, fix_formats)


def _describe(file: FileResult) -> str:
    date = file.report_date.iso() if file.report_date else "unknown"
    return (
        f"({file.format}, {_plural(file.markers, 'marker')}, {_plural(file.footnotes, 'note')}, "
        f"report date {date})"
    )


_MISSING = "FN001"
_LINKED = " points to "  # an FN001 about a marker whose note is in another file
_LIST_WIDTH = 88


def _markers_without_notes(file: FileResult) -> tuple[Finding, ...]:
    """The FN001 findings of a file that has no notes at all, when there are several."""
    if file.footnotes:
        return ()
    missing = tuple(f for f in file.findings if f.code == _MISSING and _LINKED not in f.message)
    return missing if len(missing) > 1 else ()


def _lost_notes(out: Writer, missing: tuple[Finding, ...]) -> None:
    """One explanation and one compact list for a file whose markers all lack notes."""
    first = missing[0]
    style = _SEVERITY_STYLE[first.severity]
    count = len(missing)
    out.line(
        (f"  {count} markers and no notes: ", "bold"),
        ("were the notes lost in the export, or do they live in another file?", ""),
    )
    out.line(
        (f"  {'':<8} ", "dim"),
        (first.code, style),
        (f" {first.severity.value:<7} ", style),
        (f"{count} markers have no note", ""),
        (f"  [{first.rule}]", "dim"),
    )
    items = [f"[{safe(f.footnote or '?')}] {f.location.line}:{f.location.column}" for f in missing]
    pad = " " * 11
    row: list[str] = []
    for item in items:
        if row and len(pad) + len(", ".join([*row, item])) > _LIST_WIDTH:
            out.line((pad, ""), (", ".join(row) + ",", ""))
            row = []
        row.append(item)
    out.line((pad, ""), (", ".join(row), ""))


def _finding(out: Writer, f: Finding, path: str) -> None:
    where = f"{f.location.line}:{f.location.column}"
    if f.path != path and f.path.startswith(f"{path}:"):  # a chapter of a book file
        where = f"{safe(f.path[len(path) + 1 :])}:{where}"
    style = _SEVERITY_STYLE[f.severity]
    message = f.message[: -len(f.hint) - 2] if f.hint and f.message.endswith(f.hint) else f.message
    out.line(
        (f"  {where:<8} ", "dim"),
        (f.code, style),
        (f" {f.severity.value:<7} ", style),
        (safe(message), ""),
        (f"  [{f.rule}]", "dim"),
    )
    pad = " " * 11
    if f.claim:
        out.line((f"{pad}claim  ", "dim"), (safe(f.claim), "italic"))
    if f.note_text is not None:
        out.line(
            (f"{pad}note   ", "dim"),
            (f"[{f.footnote}] " if f.footnote else "", "bold"),
            (safe(f.note_text), ""),
        )
    if f.claim_date and f.source_date:
        out.line(
            (f"{pad}dates  ", "dim"),
            (f"event {f.claim_date.iso()}, source {f.source_date.iso()}", ""),
        )
    if f.related_path is not None:
        out.line(
            (f"{pad}see    ", "dim"),
            (f"[{f.related[0]}] " if f.related else "", "bold"),
            (f"{safe(f.related_path)}:{f.related_line}", ""),
        )
    if f.hint:
        out.line((f"{pad}hint   ", "dim"), (safe(f.hint), "green"))


def _fixable(out: Writer, result: RunResult, formats: frozenset[str]) -> None:
    """A line saying how many findings `footcheck fix` may fix, when any."""
    if not formats:
        return
    from footcheck.footnotes.fixes.catalog import fix_counts

    pairs = ((file.format, f) for file in result.files for f in file.findings)
    safe_count, unsafe_count = fix_counts(pairs, formats)
    if not (safe_count or unsafe_count):
        return
    if safe_count and unsafe_count:
        text = (
            f"`footcheck fix` may fix {safe_count} of these, `footcheck fix --unsafe`"
            f" {unsafe_count} more (--diff shows how)."
        )
    elif safe_count:
        text = f"`footcheck fix` may fix {safe_count} of these (--diff shows how)."
    else:
        text = f"`footcheck fix --unsafe` may fix {unsafe_count} of these (--diff shows how)."
    out.line((text, "dim"))


def render_summary(result: RunResult, stream: TextIO, *, colour: bool) -> None:
    """Only the closing summary line (when the report itself went to a file)."""
    _summary(Writer(stream, colour), result)


def _summary(out: Writer, result: RunResult) -> None:
    errors = result.count(Severity.ERROR)
    warnings = result.count(Severity.WARNING)
    infos = result.count(Severity.INFO)
    files = len(result.files)
    with_findings = sum(1 for r in result.files if r.findings)
    problems = errors + warnings
    if not files:
        out.line(("No files to check: none of a format footcheck reads was found.", "yellow"))
        return
    parts = [_plural(errors, "error"), _plural(warnings, "warning"), _plural(infos, "info")]
    checked = files - result.failed_files
    if problems or infos:
        text = f"Found {', '.join(parts)} in {with_findings} of {_plural(files, 'file')}"
        style = "bold red" if errors else "bold yellow" if warnings else "bold"
    elif checked:
        text, style = f"No problems in {_plural(checked, 'file')} checked", "bold green"
    else:
        text, style = "Nothing was checked", "bold red"
    if result.failed_files:
        text += f"; {_plural(result.failed_files, 'file')} could not be checked"
        style = "bold red"
    out.line((text + ".", style))
