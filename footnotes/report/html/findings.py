"""Findings on the report page: a file's list of them, and the badges shown at their place.

Each finding's list item carries its rule, severity and file as data attributes,
which is all the page's filters read; its badge beside the marker or note links
back to it. The message is shown without the hint the rule appended to it
(`RuleId.finding` writes "message; hint"), the hint on its own line.
"""

from __future__ import annotations

from footcheck.footnotes.model import Finding
from footcheck.footnotes.report.html.document import where
from footcheck.footnotes.report.html.escape import attr, text
from footcheck.footnotes.report.html.rule_docs import rule_id
from footcheck.footnotes.rules.base import shorten


def finding_id(file_id: str, index: int) -> str:
    return f"{file_id}x{index}"


def message_of(finding: Finding) -> str:
    """The finding's message without the hint appended to it."""
    if finding.hint and finding.message.endswith(f"; {finding.hint}"):
        return finding.message[: -len(finding.hint) - 2]
    return finding.message


def finding_item(
    finding: Finding,
    index: int,
    file_id: str,
    target: str | None,
    fmt: str | None,
    file_path: str,
) -> str:
    """One finding in its file's list, linked to its place in the text."""
    severity = finding.severity.value
    place = where(fmt, finding.location.line, finding.location.column)
    if target is not None:
        place_html = f'<a class="where" href="#{target}">{place}</a>'
    else:
        place_html = f'<span class="where">{place}</span>'
    if finding.path != file_path:  # a chapter of a book file
        place_html += f' <span class="part">in {text(finding.path)}</span>'
    hint = f'<span class="hint">{text(finding.hint)}</span>' if finding.hint else ""
    context = []
    if finding.claim:
        context.append(f"claim: “{text(shorten(finding.claim, 160))}”")
    if finding.note_text:
        context.append(f"note: “{text(shorten(finding.note_text, 160))}”")
    if finding.related_path:
        line = f", {where(None, finding.related_line)}" if finding.related_line else ""
        context.append(f"related note in {text(finding.related_path)}{line}")
    context_html = f'<span class="ctx">{" · ".join(context)}</span>' if context else ""
    return (
        f'<li class="finding sev-{severity}" id="{finding_id(file_id, index)}" '
        f'data-code="{attr(finding.code)}" data-severity="{severity}" data-file="{file_id}">'
        f'<span class="sev">{severity}</span> '
        f'<a class="code" href="#{rule_id(finding.code)}" title="{attr(finding.rule)}">'
        f"{text(finding.code)}</a> {place_html} "
        f'<span class="msg">{text(message_of(finding))}</span>{hint}{context_html}</li>'
    )


def badge(finding: Finding, index: int, file_id: str) -> str:
    """A finding's badge at its marker or note, linking back to its list item."""
    fid = finding_id(file_id, index)
    words = shorten(message_of(finding) + (f" ({finding.hint})" if finding.hint else ""), 300)
    return (
        f'<a class="badge sev-{finding.severity.value}" href="#{fid}" data-finding="{fid}" '
        f'title="{attr(words)}">{text(finding.code)}</a>'
    )
