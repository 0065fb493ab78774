"""The unsafe fixes, planned: delete a note nothing cites (FN002), merge a repeated
source into its first note (CT001).

FN002: the note is deleted. CT001: every marker citing the repeat is re-pointed to
the earlier note, and the repeat deleted. Either way a reader sees different numbers
(the notes after it are renumbered: `run`), which is why both are unsafe and only
made with `--unsafe`.

Only what loses nothing is planned. A note is left, with the reason, when it holds
markers of its own (deleting it would leave another note uncited), when it cannot be
told apart from another note of the same label (FN003), when the repeat says more
than the note it repeats (a page, an access date: merging would lose it), when the
earlier note is in another file, or when one marker token would then cite the same
note twice ("[3, 5]" with 5 merged into 3).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from footcheck.footnotes.fixes.edits import Edit, removal
from footcheck.footnotes.fixes.sites import Sites
from footcheck.footnotes.model import Document, Finding, Note

_WORDS = re.compile(r"\w+")


@dataclass
class Deletions:
    """Notes to delete (indexes into `Document.notes`), each with the note its markers
    now cite (None for a note nothing cited), and the findings left alone, with why."""

    notes: dict[int, int | None] = field(default_factory=dict)
    fixed: list[Finding] = field(default_factory=list)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)

    def merged_labels(self, doc: Document) -> dict[tuple[int, str], str]:
        """(scope, label) of each merged note -> the label its markers now carry."""
        return {
            doc.notes[index].key: doc.notes[into].label
            for index, into in self.notes.items()
            if into is not None
        }


def plan_deletions(doc: Document, findings: Sequence[Finding]) -> Deletions:
    """What the FN002 and CT001 `findings` of `doc` allow to be deleted or merged."""
    plan = Deletions()
    index_at = {(n.location.line, n.location.column): i for i, n in enumerate(doc.notes)}
    defined = Counter(note.key for note in doc.notes)
    for finding in findings:
        index = index_at.get((finding.location.line, finding.location.column))
        why = _unsafe(doc, finding, index, defined)
        if why is None and finding.code == "CT001":
            assert index is not None
            into = _earlier(doc, index, finding.related[0] if finding.related else None)
            why = _unmergeable(doc, index, into)
            if why is None:
                assert into is not None
                why = _cited_twice(doc, plan.merged_labels(doc), doc.notes[index], into)
            if why is None:
                plan.notes[index] = into
        elif why is None and index is not None:
            plan.notes[index] = None
        if why is None:
            plan.fixed.append(finding)
        else:
            plan.skipped.append((finding, why))
    _keep_merge_targets(doc, plan)
    return plan


def _keep_merge_targets(doc: Document, plan: Deletions) -> None:
    """An uncited note that a repeat is merged into is cited from then on: kept."""
    targets = {into: index for index, into in plan.notes.items() if into is not None}
    for finding in list(plan.fixed):
        index = next((i for i in targets if doc.notes[i].location == finding.location), None)
        if index is None or finding.code != "FN002":
            continue
        del plan.notes[index]
        plan.fixed.remove(finding)
        repeat = doc.notes[targets[index]].label
        plan.skipped.append((finding, f"note [{repeat}] repeats it and is merged into it"))


def _unsafe(
    doc: Document, finding: Finding, index: int | None, defined: Counter[tuple[int, str]]
) -> str | None:
    if finding.related_path is not None:
        return "the note it repeats is in another file: merge by hand"
    if index is None or doc.notes[index].label != finding.footnote:
        return "the note is not where it was read"
    note = doc.notes[index]
    if defined[note.key] > 1:
        return "its label is defined twice (FN003): fix that first"
    if note.markers:
        cited = ", ".join(dict.fromkeys(f"[{m.label}]" for m in note.markers))
        return f"its text cites {cited}: move that citation first"
    return None


def _earlier(doc: Document, index: int, label: str | None) -> int | None:
    """The note (index) that note `index` repeats: the first of that label in its scope."""
    scope = doc.notes[index].scope
    for earlier, note in enumerate(doc.notes[:index]):
        if note.scope == scope and note.label == label:
            return earlier
    return None


def _unmergeable(doc: Document, index: int, into: int | None) -> str | None:
    if into is None:
        return "the note it repeats is not found before it"
    words = _words(doc.notes[index].text) - _words(doc.notes[into].text)
    if words:
        extra = ", ".join(sorted(words)[:3])
        return f"it says more than note [{doc.notes[into].label}] ({extra}): merge by hand"
    return None


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _WORDS.findall(text)}


def _cited_twice(
    doc: Document, merged: dict[tuple[int, str], str], note: Note, into: int
) -> str | None:
    """Why re-pointing `note`'s markers to note `into` would make one marker token cite
    a note twice, or None (the labels of a group token share its place)."""
    merged = {**merged, note.key: doc.notes[into].label}
    tokens: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for marker in [*doc.markers, *(m for n in doc.notes for m in n.markers)]:
        place = (marker.location.line, marker.location.column)
        tokens.setdefault(place, []).append(marker.key)
    for (line, _), keys in tokens.items():
        labels = [merged.get(key, key[1]) for key in keys]
        if note.key in keys and len(labels) != len(set(labels)):
            return f"a marker on line {line} would cite [{doc.notes[into].label}] twice"
    return None


def deletion_edits(text: str, doc: Document, plan: Deletions, sites: Sites) -> list[Edit]:
    """The edits that delete the planned notes and re-point the merged ones' markers."""
    merged = plan.merged_labels(doc)
    edits = [removal(text, sites.notes[i].start, sites.notes[i].end) for i in sorted(plan.notes)]
    for token in sites.tokens:
        labels = tuple(merged.get((token.scope, label), label) for label in token.labels)
        if labels != token.labels:
            edits.append(Edit(token.start, token.end, token.write(labels)))
    return edits
