"""One file's fixes planned together and made as one set of edits of its text.

Everything is planned on the document as it was read, so that no fix depends on
how a half-fixed text would read: the deletions first (`deletions`: FN002, CT001;
`unused_suppressions`: SUP001, and the comments written for a deleted note), then
the numbering of what is left (`renumber`): in order of first reference where FN004
asks for it, else only closed up over the deleted labels. The edits are then made
at once on the file's faithful text (`renumber_edits`, `edits.removals`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from footcheck.footnotes.fixes.deletions import (
    Deletions,
    check_linked,
    check_written_elsewhere,
    deletion_spans,
    named_by_number,
    plan_deletions,
    unread_labels,
    without,
)
from footcheck.footnotes.fixes.edits import Edit, OverlappingEdits, apply, removals
from footcheck.footnotes.fixes.renumber import (
    Renumbering,
    ScopeRenumbering,
    close_gaps,
    numbering_start,
    plan_renumbering,
)
from footcheck.footnotes.fixes.renumber_edits import renumber_edits
from footcheck.footnotes.fixes.sites import SiteError, Sites
from footcheck.footnotes.fixes.unused_suppressions import comment_span, remove_unused
from footcheck.footnotes.model import Document, Finding, Location
from footcheck.footnotes.suppress import Suppressions


class EditsClash(ValueError):
    """Two fixes would edit the same text: a bug, reported rather than written."""


@dataclass
class Planned:
    """The fixed text and what it took: the notes deleted (index -> the note its
    markers now cite, or None), the labels changed ((scope, old) -> new) and deleted,
    the fixes made and the findings left with why, how many findings of each rule the
    fixes remove, and the places of what was deleted."""

    text: str
    deleted: dict[int, int | None] = field(default_factory=dict)
    labels: dict[tuple[int, str], str] = field(default_factory=dict)
    deleted_labels: list[tuple[int, str]] = field(default_factory=list)
    # Each finding fixed, with the note it was about ((scope, label); None for a comment)
    fixes: list[tuple[Finding, tuple[int, str] | None]] = field(default_factory=list)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)
    fixed: Counter[str] = field(default_factory=Counter)
    gone: set[Location] = field(default_factory=set)
    renumbered: list[tuple[int, str]] = field(default_factory=list)  # FN004's own


def plan_fixes(
    text: str,
    offset: Callable[[int, int], int],
    doc: Document,
    wanted: Sequence[Finding],
    sites_of: Callable[[], Sites],
    ibid_targets: Collection[tuple[int, str]] = (),
    *,
    reorder: bool = False,
) -> Planned:
    """The fixes of the `wanted` findings of `doc` made on its `text`. `sites_of` finds
    where its labels are written (raising SiteError when it cannot), asked only when
    labels are to change. `reorder`: where notes are deleted, the numbering may be put
    in order of first reference (FN004 runs and suppresses nothing), not only closed
    up."""
    out = Planned(text)
    asked = any(f.code == "FN004" for f in wanted)
    deletable = [f for f in wanted if f.code in ("FN002", "CT001")]
    plan = plan_deletions(doc, deletable, ibid_targets) if deletable else Deletions()
    sites: Sites | None = None
    unread: dict[str, str] = {}
    named: dict[str, str] = {}
    if plan.notes:
        sites = sites_of()
        unread = unread_labels(text, doc.format, sites)
        named = named_by_number(text)
        check_written_elsewhere(doc, plan, {**named, **unread})
        check_linked(doc, plan, sites)
    comments = remove_unused(text, doc, [f for f in wanted if f.code == "SUP001"], offset)
    out.skipped.extend([*plan.skipped, *comments.skipped])
    reasons, renumbering = _renumbering(doc, plan, asked, reorder=reorder)
    if renumbering.changes or plan.notes:
        if sites is None:
            sites = sites_of()
            unread = unread_labels(text, doc.format, sites)
            named = named_by_number(text)
        for _, old in renumbering.labels():  # a reference footcheck cannot see would go wrong
            where = unread.get(old.casefold()) or named.get(old)
            if where is not None:
                raise SiteError(f"{where}: change the numbering by hand")
    edits: list[Edit] = []
    taken: set[int] = set()
    if sites is not None:
        merged = plan.merged_labels(doc)
        edits, taken = renumber_edits(text, doc, renumbering, sites, merged, plan.notes)
    spans = (
        [
            span
            for index, span in zip(sorted(plan.notes), deletion_spans(plan, sites), strict=True)
            if index not in taken
        ]
        if sites is not None
        else []
    )
    covering = _covering_comments(text, offset, doc, plan)
    for finding, span in zip(comments.fixed, comments.spans, strict=True):
        if any(e.start <= span[0] and span[1] <= e.end for e in edits):
            out.skipped.append((finding, "it is inside a note being moved: fix again after"))
        else:
            spans.append(span)
            out.fixes.append((finding, None))
            out.fixed["SUP001"] += 1
            out.gone.add(finding.location)
    spans.extend(span for line, span in covering if not _inside(span, edits))
    out.gone.update(Location(line, 1) for line, _ in covering)
    try:
        quote = ">" if doc.format == "markdown" else None
        out.text = apply(text, [*edits, *removals(text, spans, quote)])
    except OverlappingEdits as exc:
        raise EditsClash(str(exc)) from None
    _record(out, doc, plan, renumbering, reasons, wanted)
    return out


def _renumbering(
    doc: Document, plan: Deletions, asked: bool, *, reorder: bool
) -> tuple[dict[int, str], Renumbering]:
    """The numbering of the notes left, in terms of `doc`'s note indexes: every scope in
    order of first reference when FN004 asks; else the scopes notes were deleted from,
    in order too when `reorder` allows and it can be done, else closed up. And why
    each scope FN004 asks for cannot be put in order."""
    virtual = without(doc, plan) if plan.notes else doc
    kept = [i for i in range(len(doc.notes)) if i not in plan.notes]
    deleted_by_scope: dict[int, list[str]] = {}
    for index in sorted(plan.notes):
        deleted_by_scope.setdefault(doc.notes[index].scope, []).append(doc.notes[index].label)
    starts = {scope: _start(doc, scope) for scope in deleted_by_scope}
    ordered = plan_renumbering(virtual, starts) if asked or reorder else Renumbering()
    closed = close_gaps(virtual, deleted_by_scope)
    chosen: list[ScopeRenumbering] = []
    reasons: dict[int, str] = {}
    for scope in {s.scope for s in ordered.scopes} | set(deleted_by_scope):
        if not (asked or scope in deleted_by_scope):
            continue
        in_order = next((s for s in ordered.scopes if s.scope == scope), None)
        if in_order is not None and in_order.skipped is not None:
            reasons[scope] = in_order.skipped  # FN004 is told why it cannot be done
        if in_order is not None and in_order.skipped is None:
            chosen.append(in_order)
        elif scope in deleted_by_scope:
            chosen.append(next(s for s in closed.scopes if s.scope == scope))
    return reasons, Renumbering(
        tuple(
            ScopeRenumbering(s.scope, s.labels, tuple(kept[i] for i in s.order), s.skipped)
            for s in sorted(chosen, key=lambda s: s.scope)
        )
    )


def _start(doc: Document, scope: int) -> int:
    notes = [i for i, note in enumerate(doc.notes) if note.scope == scope]
    markers = [m for m in doc.markers if m.scope == scope]
    return numbering_start(doc.notes, notes, markers)


def _covering_comments(
    text: str, offset: Callable[[int, int], int], doc: Document, plan: Deletions
) -> list[tuple[int, tuple[int, int]]]:
    """The suppression comments written for a note being deleted: (line, span)."""
    if not plan.notes or not doc.directives:
        return []
    places = {doc.notes[i].location for i in plan.notes}
    found = []
    for directive, covered in Suppressions.of(doc).directives:
        if directive.scope == "next" and places & covered:
            span = comment_span(text, directive.line, offset)
            if not isinstance(span, str):
                found.append((directive.line, span))
    return found


def _inside(span: tuple[int, int], edits: Sequence[Edit]) -> bool:
    return any(e.start <= span[0] and span[1] <= e.end for e in edits)


def _record(
    out: Planned,
    doc: Document,
    plan: Deletions,
    renumbering: Renumbering,
    reasons: dict[int, str],
    wanted: Sequence[Finding],
) -> None:
    """What the fixes did, as the map, the deleted labels, the fixes and the counts."""
    new = renumbering.labels()
    for index, into in sorted(plan.notes.items()):
        key = doc.notes[index].key
        out.deleted_labels.append(key)
        out.gone.add(doc.notes[index].location)
        if into is not None:
            via = doc.notes[into].label
            out.labels[key] = new.get((key[0], via), via)
    out.labels.update(new)
    out.deleted = dict(plan.notes)
    also = [(index, finding) for finding, index in plan.also]
    for index, finding in sorted([*plan.fixed.items(), *also], key=lambda item: item[0]):
        if index in plan.notes:
            out.fixes.append((finding, doc.notes[index].key))
            out.fixed[finding.code] += 1
    for finding, repeat in plan.resolved:  # left, yet settled by a merge made
        if repeat in plan.notes:
            out.fixed[finding.code] += 1
    marker_scope = {m.location: m.scope for m in doc.markers}
    ordered = {s.scope for s in renumbering.scopes if s.changes}
    fn004 = [f for f in wanted if f.code == "FN004"]
    for finding in fn004:
        scope = marker_scope.get(finding.location, 0)
        if scope in reasons:
            out.skipped.append((finding, reasons[scope]))
        elif scope in ordered:
            out.fixed["FN004"] += 1
    if fn004:
        out.renumbered = list(new)
