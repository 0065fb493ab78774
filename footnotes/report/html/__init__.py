"""The HTML report: one self-contained page an editor reads beside the draft.

`footcheck check PATH... --format html --output report.html` and `footcheck show FILE
--format html`. The parts: `page` (the page, its policy, style and script),
`summary` (totals, by rule, the worst files, the filters), `document` (a document's
paragraphs, markers, claims and notes, and where each finding goes), `findings`
(a file's findings and their badges), `timeline` (the dates drawn on one axis),
`rule_docs` (each rule's documentation), `escape` (document text made safe).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from footcheck.footnotes.results import RunResult


def render(result: RunResult, version: str) -> str:
    """The whole run as one HTML page (the reporters' interface)."""
    from footcheck.footnotes.report.html.page import render_page

    return render_page(result, version)
