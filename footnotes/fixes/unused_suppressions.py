"""SUP001's fix: delete a suppression comment that suppresses nothing.

Safe: the comment silenced no finding in this run, so deleting it changes no
finding and nothing a reader sees. Only comments written in the file are deleted,
found on the line SUP001 gives: `<!-- footcheck: ignore CODES -->` or `disable-file`
(Markdown, HTML), or a reStructuredText `.. footcheck:` comment line. Left alone,
with why: an `ignore-notes` entry of the configuration (footcheck fixes only the
files it is given), a comment naming a code that is no rule (a typo to correct by
hand: the codes beside it may be silencing findings), and a line holding more than
one such comment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from footcheck.footnotes.model import Document, Finding
from footcheck.footnotes.rules import lookup

_COMMENT = re.compile(
    r"<!--[ \t]*footcheck[ \t]*:[ \t]*(?:ignore|disable-file)\b[^>\n]{0,200}?[ \t]*-->"
    r"|^[ \t]*\.\.[ \t]+footcheck[ \t]*:[ \t]*(?:ignore|disable-file)\b[^\n\r]{0,200}",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass
class SuppressionRemovals:
    """The spans of the unused comments to delete, the findings they fix, the ones left
    and why."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)


def remove_unused(
    text: str,
    doc: Document,
    findings: Sequence[Finding],
    offset: Callable[[int, int], int],
) -> SuppressionRemovals:
    """Where the comments the SUP001 `findings` of `doc` name are, in `text`."""
    out = SuppressionRemovals()
    directives = {d.line: d for d in doc.directives}
    for finding in findings:
        directive = directives.get(finding.location.line)
        if finding.footnote is not None or directive is None:
            out.skipped.append((finding, "it is in the configuration: edit that by hand"))
            continue
        unknown = sorted(code for code in directive.codes if lookup(code) is None)
        if unknown:
            out.skipped.append((finding, f"it names no rule ({unknown[0]}): correct it by hand"))
            continue
        span = comment_span(text, directive.line, offset)
        if isinstance(span, str):
            out.skipped.append((finding, span))
            continue
        out.spans.append(span)
        out.fixed.append(finding)
    return out


def comment_span(text: str, line: int, offset: Callable[[int, int], int]) -> tuple[int, int] | str:
    """Where the one suppression comment on `line` is, or why it cannot be told."""
    try:
        start = offset(line, 1)
    except ValueError:
        return "the comment is not where it was read"
    end = text.find("\n", start)
    found = list(_COMMENT.finditer(text[start : end if end >= 0 else len(text)]))
    if len(found) != 1:
        return "its line does not hold exactly one such comment"
    return start + found[0].start(), start + found[0].end()
