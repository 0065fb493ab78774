"""The unsafe fixes, planned: delete a note nothing cites (FN002), merge a repeated
source into its first note (CT001).

FN002: the note is deleted. CT001: every marker citing the repeat is re-pointed to
the earlier note, and the repeat deleted. Either way a reader sees different numbers
(the notes after it are renumbered: `run`), which is why both are unsafe and only
made with `--unsafe`. A suppression comment written for the deleted note goes with it.

Only what loses nothing is planned. A note is left, with the reason, when it holds
markers of its own (deleting it would leave another note uncited), when an "Ibid."
note refers to it (it would then refer to another source), when it cannot be told
apart from another note of the same label (FN003), when the repeat says more than
the note it repeats (a page, an access date: merging would lose it), when the
earlier note is in another file or chapter, when one marker token would then cite
the same note twice ("[3, 5]" with 5 merged into 3), or when its label is written
somewhere footcheck read no marker (front matter, a code span): deleting it there
would leave that reference pointing at nothing.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from footcheck.footnotes.fixes.sites import Sites
from footcheck.footnotes.model import Document, Finding, Marker, Note

_WORDS = re.compile(r"\w+")
_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@dataclass
class Deletions:
    """Notes to delete (indexes into `Document.notes`), each with the note its markers
    now cite (None for a note nothing cited), the findings fixed so, and the findings
    left alone, with why."""

    notes: dict[int, int | None] = field(default_factory=dict)
    fixed: dict[int, Finding] = field(default_factory=dict)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)
    # Findings the plan settles without deleting their note (an uncited note that a
    # repeat is merged into is cited from then on).
    # (the finding, the repeat whose merge settles it)
    resolved: list[tuple[Finding, int]] = field(default_factory=list)
    # (a second finding about a note deleted for another, the note)
    also: list[tuple[Finding, int]] = field(default_factory=list)

    def merged_labels(self, doc: Document) -> dict[tuple[int, str], str]:
        """(scope, label) of each merged note -> the label its markers now carry."""
        return {
            doc.notes[index].key: doc.notes[into].label
            for index, into in self.notes.items()
            if into is not None
        }

    def drop(self, index: int, why: str) -> None:
        """Leave note `index` after all, saying why."""
        del self.notes[index]
        self.skipped.append((self.fixed.pop(index), why))
        for finding, note in [a for a in self.also if a[1] == index]:
            self.also.remove((finding, note))
            self.skipped.append((finding, why))


def plan_deletions(
    doc: Document, findings: Sequence[Finding], ibid_targets: Collection[tuple[int, str]] = ()
) -> Deletions:
    """What the FN002 and CT001 `findings` of `doc` allow to be deleted or merged;
    `ibid_targets`: the (scope, label) of every note an "Ibid." note refers to."""
    plan = Deletions()
    index_at = {n.location: i for i, n in enumerate(doc.notes)}
    defined = Counter(note.key for note in doc.notes)
    cited = {m.key for m in [*doc.markers, *(m for n in doc.notes for m in n.markers)]}
    for finding in findings:
        index = index_at.get(finding.location)
        why = _unsafe(doc, finding, index, defined, ibid_targets)
        into: int | None = None
        if why is None and finding.code == "CT001":
            assert index is not None
            into = _earlier(doc, index, finding.related[0] if finding.related else None)
            why = _unmergeable(doc, index, into)
            if why is None:
                assert into is not None
                why = _cited_twice(doc, plan.merged_labels(doc), doc.notes[index], into)
            if doc.notes[index].key not in cited:
                into = None  # an uncited repeat: nothing to re-point, it is only deleted
        if why is None and index is not None and index in plan.notes:
            plan.also.append((finding, index))  # an uncited repeat: one deletion for both
        elif why is None and index is not None:
            plan.notes[index] = into
            plan.fixed[index] = finding
        else:
            plan.skipped.append((finding, why or "the note is not where it was read"))
    _keep_merge_targets(doc, plan)
    return plan


def _unsafe(
    doc: Document,
    finding: Finding,
    index: int | None,
    defined: Counter[tuple[int, str]],
    ibid_targets: Collection[tuple[int, str]],
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
    if note.key in ibid_targets:
        return "an Ibid. note refers to it: it would then refer to another source"
    folded = note.label.casefold()
    for marker in [*doc.markers, *(m for n in doc.notes for m in n.markers)]:
        if marker.label != note.label and marker.label.casefold() == folded:
            return f"marker [{marker.label}] may cite it (some engines fold case)"
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
        return "the note it repeats is not in its chapter: merge by hand"
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
    """Why re-pointing `note`'s markers to note `into` would make markers standing
    together cite a note twice ("[3, 5]", "[3][5]" with 5 merged into 3), or None.
    Markers together share their place in their paragraph's text (tokens taken out)."""
    merged = {**merged, note.key: doc.notes[into].label}
    together: dict[tuple[int, int], list[Marker]] = {}
    blocks = [p.markers for p in doc.paragraphs] + [n.markers for n in doc.notes]
    for block, markers in enumerate(blocks):
        for marker in markers:
            together.setdefault((block, marker.offset), []).append(marker)
    for group in together.values():
        keys = [m.key for m in group]
        labels = [merged.get(key, key[1]) for key in keys]
        if note.key in keys and len(labels) != len(set(labels)):
            line = group[0].location.line
            return f"a marker on line {line} would cite [{doc.notes[into].label}] twice"
    return None


def _keep_merge_targets(doc: Document, plan: Deletions) -> None:
    """An uncited note that a repeat is merged into is cited from then on: kept."""
    targets = {into: index for index, into in plan.notes.items() if into is not None}
    for index, repeat in targets.items():
        if index in plan.notes and plan.notes[index] is None:
            plan.drop(index, f"note [{doc.notes[repeat].label}] repeats it and is merged into it")
            plan.resolved.append((plan.skipped[-1][0], repeat))


def check_written_elsewhere(doc: Document, plan: Deletions, unread: Mapping[str, str]) -> None:
    """Leave each planned note whose label is written, as a marker would be, somewhere
    footcheck read no marker (`unread_labels`: pandoc's front matter, say): deleting
    the note would leave that reference pointing at nothing."""
    for index in sorted(plan.notes):
        where = unread.get(doc.notes[index].label.casefold())
        if where is not None:
            plan.drop(index, where)


_UNREAD_FORMS = {
    "markdown": re.compile(r"\[\^([^\]\s^]+)\]"),
    "text": re.compile(r"\[([0-9]+)\]|([⁰¹²³⁴⁵⁶⁷⁸⁹]+)"),
}


def unread_labels(text: str, fmt: str, sites: Sites) -> dict[str, str]:
    """Each label (case folded) written as a marker would be, `[^3]` or `[3]` or `³`,
    somewhere no marker or note label was read, with a sentence saying where (the
    first place): a note with that label is cited there by something footcheck does
    not read as a marker. Nothing for formats whose markers are links (HTML)."""
    pattern = _UNREAD_FORMS.get(fmt)
    if pattern is None:
        return {}
    spans = sorted(
        [(t.start, t.end) for t in sites.tokens]
        + [(n.label_start - 2, n.label_end + 1) for n in sites.notes]
    )
    starts = [start for start, _ in spans]
    found: dict[str, str] = {}
    for match in pattern.finditer(text):
        near = bisect.bisect_right(starts, match.end() - 1)
        if any(match.start() < spans[i][1] for i in range(max(near - 2, 0), near)):
            continue  # overlaps a marker token or a note's label that was read
        written = match.group(1) or match.group(match.lastindex or 1)
        label = written.translate(_FROM_SUPERSCRIPT).casefold()
        line = text.count("\n", 0, match.start()) + 1
        found.setdefault(
            label, f"{match.group()} is also written on line {line}, where no marker was read"
        )
    return found


# "see note 3", "notes 3 and 4", "n. 3", "fn. 3", "Anm. 3", "nota 3": a note named by
# its number in prose, which a new number would leave pointing at another note.
_BY_NUMBER = re.compile(
    r"\b(?:notes?|nn?\.|fns?\.|footnotes?|endnotes?|anm\.|fu(?:ß|ss)note|nota|notas)"
    r"[ \t\u00a0]+([0-9]+)(?:(?:[ \t]*(?:,|and|&|et|und|y|-|–|to)[ \t]*)([0-9]+))?",
    re.IGNORECASE,
)


def named_by_number(text: str) -> dict[str, str]:
    """Each note number named in prose ("see note 3"), with a sentence saying where."""
    found: dict[str, str] = {}
    for match in _BY_NUMBER.finditer(text):
        if text.rfind("<", 0, match.start()) > text.rfind(">", 0, match.start()):
            continue  # inside a tag: a back-link's title, not prose
        line = text.count("\n", 0, match.start()) + 1
        for number in (match.group(1), match.group(2)):
            if number is not None:
                found.setdefault(number, f"{match.group()!r} on line {line} names a note by number")
    return found


def check_linked(doc: Document, plan: Deletions, sites: Sites) -> None:
    """Leave each merge whose markers link to the repeat by its id (HTML, anchor
    links): a new number in them would still take the reader to the deleted note."""
    merged = plan.merged_labels(doc)
    linked = {(t.scope, label) for t in sites.tokens if t.linked for label in t.labels}
    for index in sorted(plan.notes):
        if doc.notes[index].key in merged and doc.notes[index].key in linked:
            plan.drop(index, "its markers link to it by its id: merge by hand")


def without(doc: Document, plan: Deletions) -> Document:
    """`doc` as it reads once the planned notes are gone and the merged ones' markers
    cite their first notes: what the renumbering is planned on."""
    merged = plan.merged_labels(doc)

    def relabel(markers: tuple[Marker, ...]) -> tuple[Marker, ...]:
        return tuple(replace(m, label=merged[m.key]) if m.key in merged else m for m in markers)

    paragraphs = tuple(replace(p, markers=relabel(p.markers)) for p in doc.paragraphs)
    notes = tuple(
        replace(n, markers=relabel(n.markers))
        for i, n in enumerate(doc.notes)
        if i not in plan.notes
    )
    return replace(doc, paragraphs=paragraphs, notes=notes)


def deletion_spans(plan: Deletions, sites: Sites) -> list[tuple[int, int]]:
    """The extent of each note to delete."""
    return [(sites.notes[i].start, sites.notes[i].end) for i in sorted(plan.notes)]
