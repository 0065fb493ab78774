"""FN004's fix as edits: every label rewritten where it is written, the notes moved.

Given the plan (`renumber.plan_renumbering`) and where the labels are written
(`sites.Sites`, found by the readers' side), each marker token is written again with
its new labels (a group keeps its form, a range stays a range while its numbers run
on) and each note's label replaced. The notes of a scope are moved into their new
order when they stand together (only whitespace between them): the text between
two notes stays where it is, and each note carries its own edits with it. Notes
spread through the text (after each paragraph) keep their places: only their
labels change.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from footcheck.footnotes.fixes.edits import Edit, apply
from footcheck.footnotes.fixes.renumber import Renumbering
from footcheck.footnotes.fixes.sites import NoteSite, Sites
from footcheck.footnotes.model import Document

_TO_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def renumber_edits(text: str, doc: Document, plan: Renumbering, sites: Sites) -> list[Edit]:
    """The edits that carry out `plan` on `text` (none when it changes nothing)."""
    new_label = plan.labels()
    edits: list[Edit] = []
    for token in sites.tokens:
        labels = tuple(new_label.get((token.scope, label), label) for label in token.labels)
        if labels != token.labels:
            edits.append(Edit(token.start, token.end, token.write(labels)))
    for note, site in zip(doc.notes, sites.notes, strict=True):
        new = new_label.get((note.scope, note.label))
        if new is not None and site.label_end > site.label_start:  # else numbered by place
            written = new.translate(_TO_SUPERSCRIPT) if site.superscript else new
            edits.append(Edit(site.label_start, site.label_end, written))
    for scope in plan.scopes:
        if scope.skipped is not None or list(scope.order) == sorted(scope.order):
            continue
        placed = [sites.notes[i] for i in sorted(scope.order)]
        edits = _moved(text, placed, scope.order, sites.notes, edits)
    return edits


def _moved(
    text: str,
    placed: Sequence[NoteSite],
    order: Sequence[int],
    notes: Sequence[NoteSite],
    edits: list[Edit],
) -> list[Edit]:
    """`edits` with the notes `placed` (in document order) written in `order` (indexes
    into `notes`), when they stand together; else unchanged (they keep their places)."""
    for before, after in itertools.pairwise(placed):
        if before.end > after.start or text[before.end : after.start].strip():
            return edits
    start, end = placed[0].start, placed[-1].end
    inside = [e for e in edits if start <= e.start and e.end <= end]
    if any(e.start < start < e.end or e.start < end < e.end for e in edits):
        return edits  # an edit straddles the notes' edge: leave them where they are

    def rewritten(site: NoteSite) -> str:
        own = [
            Edit(e.start - site.start, e.end - site.start, e.replacement)
            for e in inside
            if site.start <= e.start and e.end <= site.end
        ]
        return apply(text[site.start : site.end], own)

    separators = [text[a.end : b.start] for a, b in itertools.pairwise(placed)]
    moved = [rewritten(notes[i]) for i in order]
    region = moved[0] + "".join(sep + note for sep, note in zip(separators, moved[1:], strict=True))
    kept = [e for e in edits if not (start <= e.start and e.end <= end)]
    return [*kept, Edit(start, end, region)]
