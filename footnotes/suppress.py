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


@dataclass(frozen=True, slots=True)
class Suppressions:
    """The suppressions a document carries, with the places each one covers.

    Made from the document when it is checked (`of`), and applied to its findings
    after the book rules have run (`apply`), so that a comment can silence a finding
    about another file of the book too. Plain data: the cache keeps it beside the
    file's result.
    """

    disabled: bool = False  # `disable-file` with no codes: the file is not checked
    # Each comment with the places of the paragraph or note it covers (none for a
    # file-wide one).
    directives: tuple[tuple[Directive, frozenset[Location]], ...] = ()
    # Where each note label that `ignore-notes` names is first defined (for the
    # message when the entry goes unused).
    notes: tuple[tuple[str, Location], ...] = ()

    @classmethod
    def of(cls, doc: Document, ignored: Iterable[NoteIgnore] = ()) -> Suppressions:
        """The document's suppressions; `ignored`: the configuration's entries for it."""
        labels = {entry.label for entry in ignored}
        first: dict[str, Location] = {}
        for note in doc.notes if labels else ():
            if note.label in labels:
                first.setdefault(note.label, note.location)
        return cls(
            disabled=any(d.scope == "file" and not d.codes for d in doc.directives),
            directives=tuple(
                (d, frozenset() if d.scope == "file" else _next_block(doc, d.line))
                for d in doc.directives
            ),
            notes=tuple(first.items()),
        )


def apply(
    doc: Document,
    findings: Sequence[Finding],
    note_ignores: Sequence[NoteIgnore] = (),
    *,
    selected: Iterable[str],
) -> list[Finding]:
    """The findings left after the document's suppressions, plus SUP001 for unused ones."""
    return apply_suppressions(
        Suppressions.of(doc, note_ignores), doc.path, findings, note_ignores, selected=selected
    )


def apply_suppressions(
    suppressions: Suppressions,
    path: str,
    findings: Sequence[Finding],
    note_ignores: Sequence[NoteIgnore] = (),
    *,
    selected: Iterable[str],
) -> list[Finding]:
    """The findings left after suppressions, plus one SUP001 finding per unused one."""
    run = frozenset(selected)
    if suppressions.disabled:
        return []  # the file is not to be checked at all
    kept = list(findings)
    unused: list[Finding] = []
    # Comments on one paragraph or note take their findings before file-wide ones.
    ordered = sorted(suppressions.directives, key=lambda d: (d[0].scope == "file", d[0].line))
    for directive, places in ordered:
        codes, unknown = _codes(directive.codes)
        if directive.scope == "file":
            hit = [f for f in kept if not codes or f.code in codes]
        else:
            hit = [f for f in kept if f.location in places and (not codes or f.code in codes)]
        kept = _without(kept, hit)
        if unknown:
            unused.append(_unused(path, directive, f"names no rule: {', '.join(sorted(unknown))}"))
        elif not hit and (not codes or codes <= run):
            what = ", ".join(sorted(codes)) or "every rule"
            unused.append(_unused(path, directive, f"suppression of {what} matched no finding"))
    notes = dict(suppressions.notes)
    for entry in note_ignores:
        hit = [f for f in kept if f.code == entry.code and f.footnote == entry.label]
        kept = _without(kept, hit)
        if not hit and entry.code in run:
            unused.append(
                UNUSED.finding(
                    path,
                    notes.get(entry.label, Location(1, 1)),
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


def _unused(path: str, directive: Directive, message: str) -> Finding:
    return UNUSED.finding(path, Location(directive.line, 1), message)
