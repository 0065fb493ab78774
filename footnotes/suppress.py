"""Suppressions: findings a team has chosen to accept, and the ones that rot.

Two kinds, for every format that can carry them:

- comments in the document (Markdown, HTML): `<!-- footcheck: ignore DT001 -->`
  silences those rules on the next paragraph or note; `<!-- footcheck:
  disable-file -->` (optionally with codes) on the whole file;
- configuration entries that ignore one rule on one note of one file
  (`ignore-notes`), given here already matched to the file.

A suppression that silences nothing is itself reported (SUP001, info), unless it
names only rules that were not run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from footcheck.footnotes.model import Directive, Document, Finding, Location
from footcheck.footnotes.rules import lookup
from footcheck.footnotes.rules.unused_suppression import RULE as UNUSED


@dataclass(frozen=True)
class NoteIgnore:
    """A configuration entry: rule `code` is ignored on note `label` of this file."""

    code: str
    label: str
    origin: str  # where it was written, for the message when it goes unused


def apply(
    doc: Document,
    findings: Sequence[Finding],
    note_ignores: Sequence[NoteIgnore] = (),
    *,
    selected: Iterable[str],
) -> list[Finding]:
    """The findings left after suppressions, plus one SUP001 finding per unused one."""
    run = frozenset(selected)
    if any(d.scope == "file" and not d.codes for d in doc.directives):
        return []  # the file is not to be checked at all
    kept = list(findings)
    unused: list[Finding] = []
    # Comments on one paragraph or note take their findings before file-wide ones.
    for directive in sorted(doc.directives, key=lambda d: (d.scope == "file", d.line)):
        codes, unknown = _codes(directive.codes)
        if directive.scope == "file":
            hit = [f for f in kept if not codes or f.code in codes]
        else:
            places = _next_block(doc, directive.line)
            hit = [f for f in kept if f.location in places and (not codes or f.code in codes)]
        kept = _without(kept, hit)
        if unknown:
            unused.append(_unused(doc, directive, f"names no rule: {', '.join(sorted(unknown))}"))
        elif not hit and (not codes or codes <= run):
            what = ", ".join(sorted(codes)) or "every rule"
            unused.append(_unused(doc, directive, f"suppression of {what} matched no finding"))
    for entry in note_ignores:
        hit = [f for f in kept if f.code == entry.code and f.footnote == entry.label]
        kept = _without(kept, hit)
        if not hit and entry.code in run:
            unused.append(
                UNUSED.finding(
                    doc.path,
                    _note_location(doc, entry.label),
                    f"{entry.origin}: ignoring {entry.code} on note [{entry.label}] matched "
                    "no finding",
                    footnote=entry.label,
                )
            )
    if UNUSED.code in run:
        kept.extend(unused)
    return kept


def _without(findings: list[Finding], removed: list[Finding]) -> list[Finding]:
    gone = {id(f) for f in removed}
    return [f for f in findings if id(f) not in gone] if gone else findings


def _codes(written: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Rule codes for the codes or names written, and the ones that name no rule."""
    codes: set[str] = set()
    unknown: set[str] = set()
    for item in written:
        rule = lookup(item)
        if rule is None:
            unknown.add(item)
        else:
            codes.add(rule.code)
    return frozenset(codes), frozenset(unknown)


def _next_block(doc: Document, line: int) -> frozenset[Location]:
    """The places of the first paragraph or note that starts after `line`."""
    best_line: int | None = None
    places: frozenset[Location] = frozenset()
    for paragraph in doc.paragraphs:
        start = paragraph.location.line
        if start > line and (best_line is None or start < best_line):
            best_line = start
            places = frozenset([paragraph.location, *(m.location for m in paragraph.markers)])
            break  # paragraphs are in order: the first after the line is the nearest
    for note in doc.notes:
        start = note.location.line
        if start > line and (best_line is None or start < best_line):
            best_line = start
            places = frozenset([note.location, *(m.location for m in note.markers)])
    return places


def _note_location(doc: Document, label: str) -> Location:
    for note in doc.notes:
        if note.label == label:
            return note.location
    return Location(1, 1)


def _unused(doc: Document, directive: Directive, message: str) -> Finding:
    return UNUSED.finding(doc.path, Location(directive.line, 1), message)
