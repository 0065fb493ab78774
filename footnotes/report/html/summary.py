"""The top of the report page: totals, findings by rule and severity, the worst files first,
and the filter bar (shown only when scripts run)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from footcheck.footnotes.model import Severity
from footcheck.footnotes.report.html.escape import attr, text
from footcheck.footnotes.report.html.rule_docs import rule_id
from footcheck.footnotes.results import FileResult, RunResult
from footcheck.footnotes.rules import lookup

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_PLURAL = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos"}


def counts(result: FileResult) -> tuple[int, int, int]:
    """A file's errors, warnings and infos."""
    tally = Counter(f.severity for f in result.findings)
    return tally[Severity.ERROR], tally[Severity.WARNING], tally[Severity.INFO]


def counted(n: int, one: str, many: str | None = None) -> str:
    """ "1 note", "2 notes"."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def counts_words(result: FileResult) -> str:
    words = [
        counted(n, s.value, _PLURAL[s])
        for s, n in zip(_SEVERITIES, counts(result), strict=True)
        if n
    ]
    if result.error is not None:
        words.insert(0, "not checked")
    return ", ".join(words) or "no finding"


def summary(result: RunResult, ordered: Sequence[tuple[str, FileResult]]) -> str:
    """Totals, the findings by rule, and every file with a finding or an error, worst first.

    `ordered` is the files in the page's order (the worst first), each with its id.
    """
    failed = result.failed_files
    totals = [f"<li><b>{len(result.files)}</b> file{'s' if len(result.files) != 1 else ''}</li>"]
    totals.extend(
        f'<li class="sev-{s.value}"><b>{result.count(s)}</b> '
        f"{s.value if result.count(s) == 1 else _PLURAL[s]}</li>"
        for s in _SEVERITIES
    )
    if failed:
        totals.append(f'<li class="failed"><b>{failed}</b> could not be checked</li>')
    parts = [
        '<section id="summary"><h2>Summary</h2>',
        f'<ul class="totals">{"".join(totals)}</ul>',
        '<div class="tables">',
        _by_rule(result),
        _worst(ordered),
        "</div>",
    ]
    clean = [(fid, r) for fid, r in ordered if not r.findings and r.error is None]
    if clean:
        links = "".join(f'<li><a href="#{fid}">{text(r.path)}</a></li>' for fid, r in clean)
        parts.append(
            f'<details class="clean"><summary>{len(clean)} file{"s" if len(clean) != 1 else ""}'
            f' with no finding</summary><ul class="files">{links}</ul></details>'
        )
    parts.append("</section>")
    return "".join(parts)


def _by_rule(result: RunResult) -> str:
    tally: Counter[tuple[str, Severity]] = Counter()
    files: dict[str, set[str]] = {}
    for checked in result.files:  # a book file's chapters count as one file
        for finding in checked.findings:
            tally[(finding.code, finding.severity)] += 1
            files.setdefault(finding.code, set()).add(checked.path)
    if not tally:
        return '<p class="none">No finding.</p>'
    rows = sorted(tally.items(), key=lambda item: (-item[0][1].rank, -item[1], item[0][0]))
    body = "".join(
        f'<tr class="sev-{severity.value}"><td><a href="#{rule_id(code)}">{text(code)}</a></td>'
        f"<td>{text(_name(code))}</td>"
        f'<td><span class="sev">{severity.value}</span></td><td class="n">{count}</td>'
        f'<td class="n">{len(files[code])}</td></tr>'
        for (code, severity), count in rows
    )
    return (
        '<table class="by-rule"><caption>Findings by rule</caption><thead><tr><th>code</th>'
        '<th>rule</th><th>severity</th><th class="n">findings</th><th class="n">files</th></tr>'
        f"</thead><tbody>{body}</tbody></table>"
    )


def _name(code: str) -> str:
    rule = lookup(code)
    return rule.name if rule is not None else ""


def _worst(ordered: Sequence[tuple[str, FileResult]]) -> str:
    rows = []
    for fid, r in ordered:
        if not r.findings and r.error is None:
            continue
        errors, warnings, infos = counts(r)
        failed = ' <span class="failed">not checked</span>' if r.error else ""
        rows.append(
            f'<tr><td><a href="#{fid}">{text(r.path)}</a>{failed}</td><td class="n">{errors}</td>'
            f'<td class="n">{warnings}</td><td class="n">{infos}</td></tr>'
        )
    if not rows:
        return ""
    return (
        '<table class="worst"><caption>Files, the worst first</caption><thead><tr><th>file</th>'
        '<th class="n">errors</th><th class="n">warnings</th><th class="n">infos</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def filter_bar(result: RunResult, ordered: Sequence[tuple[str, FileResult]]) -> str:
    """The filters: hidden until the page's script shows them (with scripts off, the
    page shows everything and offers no control that would do nothing)."""
    codes = Counter(f.code for f in result.findings)
    rules = "".join(
        f'<option value="{attr(code)}">{text(code)} {text(_name(code))} ({n})</option>'
        for code, n in sorted(codes.items())
    )
    severities = "".join(
        f'<label><input type="checkbox" class="filter-severity" value="{s.value}" checked> '
        f"{_PLURAL[s]}</label>"
        for s in _SEVERITIES
    )
    files = "".join(
        f'<option value="{fid}">{text(r.path)} '
        f"({'not checked' if r.error else len(r.findings)})</option>"
        for fid, r in ordered
    )
    return (
        '<nav id="filters" class="filters" hidden aria-label="Filter the findings">'
        f'<label>Rule <select id="filter-rule"><option value="">all rules</option>{rules}'
        "</select></label>"
        f"<fieldset><legend>Severity</legend>{severities}</fieldset>"
        f'<label>File <select id="filter-file"><option value="">all files</option>{files}'
        "</select></label>"
        '<label>Search <input id="filter-search" type="search" '
        'placeholder="words in a finding, claim, note or file name"></label>'
        '<output id="filter-count" aria-live="polite"></output></nav>'
    )
