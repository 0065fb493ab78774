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
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

from footcheck.footnotes.model import Severity, current_date
from footcheck.footnotes.report.html import summary
from footcheck.footnotes.report.html.document import unit_id
from footcheck.footnotes.report.html.escape import attr, text
from footcheck.footnotes.report.html.findings import finding_item
from footcheck.footnotes.report.html.placing import placed
from footcheck.footnotes.report.html.rule_docs import rules_section
from footcheck.footnotes.report.html.timeline import TIMELINE_CSS, legend
from footcheck.footnotes.results import FileResult, RunResult
from footcheck.footnotes.rules import RULES

_FORMAT_NAMES = {
    "text": "plain text",
    "markdown": "Markdown",
    "rst": "reStructuredText",
    "html": "HTML",
    "docx": "Word (DOCX)",
    "odt": "OpenDocument (ODT)",
    "epub": "EPUB",
}


@cache
def _asset(name: str) -> str:
    return (Path(__file__).parent / name).read_text(encoding="utf-8")


def _digest(content: str) -> str:
    return base64.b64encode(hashlib.sha256(content.encode("utf-8")).digest()).decode("ascii")


def render_page(
    result: RunResult, version: str, *, title: str = "footcheck report", filters: bool = True
) -> str:
    """The whole page for a run (or, without filters, for `footcheck show`)."""
    return b"".join(page_parts(result, version, title=title, filters=filters)).decode("utf-8")


def page_parts(
    result: RunResult, version: str, *, title: str = "footcheck report", filters: bool = True
) -> Iterator[bytes]:
    """The page in UTF-8 pieces, one file's section at a time (written as they come, a
    large run's page never sits whole in memory; its documents' parts come encoded from
    where they were drawn)."""
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
    if any(b"<svg" in fragment for r in result.files for _, fragment in r.pages or ()):
        out.append(f'<aside class="legend">{legend()}</aside>')
    yield "".join(out).encode("utf-8")
    seen: set[str] = set()
    for fid, r in ordered:
        yield _file_section(fid, r, seen)
    yield rules_section(RULES, {f.code for f in result.findings}).encode("utf-8")
    yield f"</main><script>{script}</script></body></html>\n".encode()


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


def _file_section(fid: str, result: FileResult, seen: set[str]) -> bytes:
    findings = result.findings
    units: list[bytes] = []
    targets: dict[int, str] = {}
    for u, (path, fragment) in enumerate(result.pages or ()):
        fragment = _own_ids(fragment, path, f"{fid}u{u}", seen)
        own = [(i, f) for i, f in enumerate(findings) if f.path == path]
        html, found = placed(fragment, own, fid)
        targets.update(found)
        heading = f'<h3 class="part">{text(path)}</h3>' if path != result.path else ""
        units.append(f'<div class="unit" id="{fid}u{u}">{heading}'.encode())
        units.append(html)
        units.append(b"</div>")
    out = [
        f'<section class="file" id="{fid}" data-file="{fid}" data-path="{attr(result.path)}">',
        f'<h2><span class="path">{text(result.path)}</span> '
        f'<span class="counts">{summary.counts_words(result)}</span></h2>',
        f'<p class="facts">{_facts(result)}</p>',
    ]
    if result.error:
        out.append(f'<p class="error">Could not be checked: {text(result.error)}</p>')
    if findings:
        out.append('<ol class="findings">')
        out.extend(
            finding_item(f, i, fid, targets.get(i), result.format, result.path)
            for i, f in enumerate(findings)
        )
        out.append("</ol>")
    return b"".join(("".join(out).encode("utf-8"), *units, b"</section>"))


def _own_ids(fragment: bytes, path: str, instead: str, seen: set[str]) -> bytes:
    """The fragment, its ids made its own when another document of the run has the same
    path (standard input named as a file also checked): ids come from the path."""
    prefix = unit_id(path)
    if prefix not in seen:
        seen.add(prefix)
        return fragment
    old, new = prefix.encode(), instead.encode()
    return fragment.replace(b'id="' + old, b'id="' + new).replace(b'"#' + old, b'"#' + new)


def _facts(result: FileResult) -> str:
    """What kind of document it is and its numbers, in one line."""
    words = [text(_FORMAT_NAMES.get(result.format or "", result.format or "unknown format"))]
    if result.error is None:
        words.append(
            f"{summary.counted(result.markers, 'marker')}, "
            f"{summary.counted(result.footnotes, 'note')}"
        )
    if result.notes_read_from:
        words.append("notes read from " + ", ".join(text(p) for p in result.notes_read_from))
    return " · ".join(words)
