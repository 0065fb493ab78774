"""The report page as a whole: one self-contained HTML file, safe whatever the documents say.

The page carries its own style and script and loads nothing: no network, fonts or
images from elsewhere. A Content-Security-Policy meta tag allows exactly the
page's one style sheet and one script (by their SHA-256) and nothing else, so a
document's text could not run code even if it escaped the escaping. With scripts
off, every finding and document is shown; the script only adds the filters.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Sequence
from functools import cache, partial
from pathlib import Path

from footcheck.footnotes.model import Finding, Severity, current_date
from footcheck.footnotes.report.html import document, summary
from footcheck.footnotes.report.html.escape import attr, text
from footcheck.footnotes.report.html.findings import badge, finding_item
from footcheck.footnotes.report.html.rule_docs import rules_section
from footcheck.footnotes.report.html.timeline import TIMELINE_CSS, legend, timeline
from footcheck.footnotes.results import FileResult, RunResult
from footcheck.footnotes.rules import RULES
from footcheck.footnotes.views import UnitView

_FORMAT_NAMES = {
    "text": "plain text",
    "markdown": "Markdown",
    "rst": "reStructuredText",
    "html": "HTML",
    "docx": "Word (DOCX)",
    "odt": "OpenDocument (ODT)",
    "epub": "EPUB",
}
_ORDER_WORDS = {"mdy": "month first", "dmy": "day first"}


@cache
def _asset(name: str) -> str:
    return (Path(__file__).parent / name).read_text(encoding="utf-8")


def _digest(content: str) -> str:
    return base64.b64encode(hashlib.sha256(content.encode("utf-8")).digest()).decode("ascii")


def render_page(
    result: RunResult, version: str, *, title: str = "footcheck report", filters: bool = True
) -> str:
    """The whole page for a run (or, without filters, for `footcheck show`)."""
    style = _asset("report.css") + TIMELINE_CSS
    script = _asset("report.js")
    policy = (
        f"default-src 'none'; script-src 'sha256-{_digest(script)}'; "
        f"style-src 'sha256-{_digest(style)}'; img-src data:; base-uri 'none'; "
        "form-action 'none'"
    )
    ordered = _ordered(result.files)
    out = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{text(title)}: {_headline(result)}</title>",
        f'<meta name="generator" content="footcheck {attr(version)}">',
        f"<style>{style}</style></head><body>",
        f"<header><h1>{text(title)}</h1>",
        f'<p class="meta">footcheck {text(version)} · {current_date().iso()} · '
        f"{_headline(result)}</p></header>",
    ]
    if filters:
        out.append(summary.filter_bar(result, ordered))
        out.append(
            '<noscript><p class="noscript">Scripts are off: every finding is shown; '
            "the filters need JavaScript.</p></noscript>"
        )
    out.append("<main>")
    if filters or len(result.files) > 1:
        out.append(summary.summary(result, ordered))
    out.append(f'<aside class="legend">{legend()}</aside>')
    out.extend(_file_section(fid, r) for fid, r in ordered)
    out.append(rules_section(RULES, {f.code for f in result.findings}))
    out.append(f"</main><script>{script}</script></body></html>\n")
    return "".join(out)


def _headline(result: RunResult) -> str:
    files = len(result.files)
    return (
        f"{files} file{'s' if files != 1 else ''}, {result.count(Severity.ERROR)} errors, "
        f"{result.count(Severity.WARNING)} warnings, {result.count(Severity.INFO)} infos"
    )


def _ordered(files: Sequence[FileResult]) -> list[tuple[str, FileResult]]:
    """The files with their ids, the worst first (unchecked files, then by errors,
    warnings, infos), in the run's order among equals."""
    numbered = [(f"f{i}", r) for i, r in enumerate(files)]
    return sorted(
        numbered,
        key=lambda item: (item[1].error is None, *(-n for n in summary.counts(item[1]))),
    )


def _file_section(fid: str, result: FileResult) -> str:
    views: Sequence[UnitView] = result.views or ()
    findings = result.findings
    places = document.place(views, findings, fid)
    out = [
        f'<section class="file" id="{fid}" data-file="{fid}" data-path="{attr(result.path)}">',
        f'<h2><span class="path">{text(result.path)}</span> '
        f'<span class="counts">{summary.counts_words(result)}</span></h2>',
        f'<p class="facts">{_facts(result, views)}</p>',
    ]
    if result.error:
        out.append(f'<p class="error">Could not be checked: {text(result.error)}</p>')
    if findings:
        out.append('<ol class="findings">')
        out.extend(
            finding_item(f, i, fid, places.target[i], result.format, result.path)
            for i, f in enumerate(findings)
        )
        out.append("</ol>")

    def badge_of(index: int) -> str:
        return badge(findings[index], index, fid)

    for u, view in enumerate(views):
        prefix = document.unit_prefix(fid, u)
        draw = partial(_timeline, tuple(f for f in findings if f.path == view.path))
        heading = ""
        if view.path != result.path:  # a chapter of a book file
            heading = (
                f'<h3 class="part">{text(view.path)}</h3>'
                f'<p class="facts">{_unit_facts(view)}</p>'
            )
        out.append(
            f'<div class="unit" id="{prefix}">{heading}'
            f"{document.unit_html(view, prefix, places, badge_of, draw)}</div>"
        )
    out.append("</section>")
    return "".join(out)


def _timeline(
    findings: Sequence[Finding], unit: UnitView, marker_id: Callable[[int, int], str]
) -> str:
    return timeline(unit, findings, marker_id)


def _facts(result: FileResult, views: Sequence[UnitView]) -> str:
    """What kind of document it is, its date and its numbers, in one line."""
    words = [text(_FORMAT_NAMES.get(result.format or "", result.format or "unknown format"))]
    if result.error is None:
        words.append(f"{result.markers} markers, {result.footnotes} notes")
    if len(views) == 1:
        words.append(_unit_facts(views[0]))
    elif result.report_date is not None:
        words.append(f"report date {result.report_date.iso()}")
    if result.notes_read_from:
        words.append("notes read from " + ", ".join(text(p) for p in result.notes_read_from))
    return " · ".join(w for w in words if w)


def _unit_facts(view: UnitView) -> str:
    words = []
    if view.report_date is not None:
        origin = f" ({text(view.report_date_origin)})" if view.report_date_origin else ""
        words.append(f"report date {view.report_date.iso()}{origin}")
    else:
        words.append("no report date found")
    if view.language:
        words.append(f"language {text(view.language)}")
    if view.date_order in _ORDER_WORDS:
        why = f" ({text(view.date_order_why)})" if view.date_order_why else ""
        words.append(f"numeric dates {_ORDER_WORDS[view.date_order]}{why}")
    return " · ".join(words)
