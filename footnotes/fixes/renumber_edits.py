"""The numbering as edits: every label rewritten where it is written, the notes moved.

Given the plan (`renumber`) and where the labels are written (`sites.Sites`, found
by the readers' side), each marker token is written again with its new labels (a
group keeps its form, a range stays a range while its numbers run on; a merged
note's markers first take the label of the note it repeats) and each kept note's
label replaced. The notes of a scope are moved into their new order when they stand
together (only whitespace between them), the notes being deleted left out: the
text between two notes stays where it is, and each note carries its own edits with
it. Notes spread through the text (after each paragraph) keep their places: only
their labels change.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence

from footcheck.footnotes.fixes.edits import Edit, apply
from footcheck.footnotes.fixes.renumber import Renumbering
from footcheck.footnotes.fixes.sites import NoteSite, Sites
from footcheck.footnotes.model import Document

_TO_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def renumber_edits(
    text: str,
    doc: Document,
    plan: Renumbering,
    sites: Sites,
    merged: Mapping[tuple[int, str], str] | None = None,
    deleted: Collection[int] = (),
) -> tuple[list[Edit], set[int]]:
    """The edits that carry out `plan` on `text` (none when it changes nothing), and
    the notes of `deleted` they already take out (moved notes are written anew, the
    deleted ones left out). `merged`: the label each merged note's markers cite now,
    before the plan renumbers it; `plan.scopes[].order` lists the notes kept."""
    new_label = plan.labels()
    merged = merged or {}
    edits: list[Edit] = []
    for token in sites.tokens:
        labels = []
        for label in token.labels:
            label = merged.get((token.scope, label), label)
            labels.append(new_label.get((token.scope, label), label))
        if tuple(labels) != token.labels:
            edits.append(Edit(token.start, token.end, token.write(tuple(labels))))
    for index, (note, site) in enumerate(zip(doc.notes, sites.notes, strict=True)):
        new = new_label.get((note.scope, note.label))
        if index not in deleted and new is not None and site.label_end > site.label_start:
            written = new.translate(_TO_SUPERSCRIPT) if site.superscript else new
            edits.append(Edit(site.label_start, site.label_end, written))
    taken: set[int] = set()
    for scope in plan.scopes:
        if scope.skipped is not None or list(scope.order) == sorted(scope.order):
            continue
        everyone = sorted(
            {*scope.order, *(i for i in deleted if doc.notes[i].scope == scope.scope)}
        )
        edits, moved = _moved(text, everyone, scope.order, sites.notes, edits)
        if moved:
            taken.update(i for i in everyone if i in deleted)
    return edits, taken


def _moved(
    text: str,
    everyone: Sequence[int],
    order: Sequence[int],
    notes: Sequence[NoteSite],
    edits: list[Edit],
) -> tuple[list[Edit], bool]:
    """`edits` with the notes `everyone` (indexes into `notes`, in document order) written
    as the notes `order` in that order, when they stand together (the others are
    deleted); else unchanged (they keep their places). And whether they were moved."""
    placed = [notes[i] for i in everyone]
    for before, after in itertools.pairwise(placed):
        if before.end > after.start or text[before.end : after.start].strip():
            return edits, False
    start, end = placed[0].start, placed[-1].end
    inside = [e for e in edits if start <= e.start and e.end <= end]
    if any(e.start < start < e.end or e.start < end < e.end for e in edits):
        return edits, False  # an edit straddles the notes' edge: leave them where they are

    def rewritten(site: NoteSite) -> str:
        own = [
            Edit(e.start - site.start, e.end - site.start, e.replacement)
            for e in inside
            if site.start <= e.start and e.end <= site.end
        ]
        return apply(text[site.start : site.end], own)

    separators = [text[a.end : b.start] for a, b in itertools.pairwise(placed)]
    moved = [rewritten(notes[i]) for i in order]
    region = moved[0] + "".join(
        sep + note for sep, note in zip(separators, moved[1:], strict=False)
    )
    kept = [e for e in edits if not (start <= e.start and e.end <= end)]
    return [*kept, Edit(start, end, region)], True
