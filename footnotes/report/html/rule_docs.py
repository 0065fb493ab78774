"""The rules' documentation on the report page: each `explain` text as a little HTML.

A rule's docstring is written in the manner of ruff's rule docs: underlined
headings (What it does / Why is this bad? / Example / Use instead / Fix safety),
paragraphs, fenced examples, `code` in backquotes. This reads exactly that much and
nothing more; every character is escaped on the way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from footcheck.footnotes.report.html.escape import text
from footcheck.footnotes.rules import Rule

_UNDERLINE = re.compile(r"-{3,}|={3,}")
_CODE = re.compile(r"`([^`]+)`")


def rule_id(code: str) -> str:
    """The id of a rule's article on the page (codes are letters and digits)."""
    return "rule-" + re.sub(r"[^A-Za-z0-9]", "", code)


def rules_section(rules: Iterable[Rule], used: set[str]) -> str:
    """Every rule's article; the rules with findings in this run first."""
    ordered = sorted(rules, key=lambda r: r.code not in used)
    parts = ['<section id="rules"><h2>The rules</h2>']
    parts.extend(_article(rule) for rule in ordered)
    parts.append("</section>")
    return "".join(parts)


def _article(rule: Rule) -> str:
    body = "".join(_blocks(rule.doc.strip().splitlines()[1:]))
    return (
        f'<article class="rule" id="{rule_id(rule.code)}">'
        f"<h3>{text(rule.code)} {text(rule.name)} "
        f'<span class="sev sev-{rule.severity.value}">{rule.severity.value}</span></h3>'
        f'<p class="summary">{_inline(rule.summary)}</p>{body}</article>'
    )


def _blocks(lines: list[str]) -> Iterator[str]:
    """Headings, fenced examples and paragraphs, in order."""
    paragraph: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if line.strip() and _UNDERLINE.fullmatch(following.strip()):
            yield from _paragraph(paragraph)
            yield f"<h4>{text(line.strip())}</h4>"
            index += 2
            continue
        if line.lstrip().startswith("```"):
            yield from _paragraph(paragraph)
            end = index + 1
            while end < len(lines) and not lines[end].lstrip().startswith("```"):
                end += 1
            yield "<pre>" + text("\n".join(lines[index + 1 : end])) + "</pre>"
            index = end + 1
            continue
        if line.strip():
            paragraph.append(line.strip())
        else:
            yield from _paragraph(paragraph)
        index += 1
    yield from _paragraph(paragraph)


def _paragraph(lines: list[str]) -> Iterator[str]:
    if lines:
        yield f"<p>{_inline(' '.join(lines))}</p>"
        lines.clear()


def _inline(value: str) -> str:
    """Escaped text, with `code` shown as code."""
    pieces = _CODE.split(value)
    return "".join(
        f"<code>{text(piece)}</code>" if odd else text(piece)
        for odd, piece in ((i % 2 == 1, p) for i, p in enumerate(pieces))
    )
