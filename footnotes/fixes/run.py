"""`footcheck fix` on one file: plan, edit, check again, and write only what holds.

The steps, each of which can stop the fix with its reason (the file is then left
as it was):

1. read the file as `check` does and run the selected rules on it (suppressed
   findings are accepted ones: they are not fixed);
2. the fixes that delete: unused suppression comments (SUP001, safe), and with
   `unsafe`, notes nothing cites (FN002) and repeated sources merged into their
   first note (CT001): `deletions`, `unused_suppressions`;
3. renumbering (FN004, safe, and wherever a note was deleted): `renumber`, planned
   on the text as the deletions left it;
4. each stage finds where labels are written in the file's faithful text (the
   readers' side: `Rewriting`), makes its edits and encodes the text back (every
   byte outside the edits as it was: encoding, byte-order mark, newlines);
5. the new text is read and checked again (`verify.refusal`): refused when a
   finding is added, a note's text lost or changed, or a marker would cite another
   note's text, beyond what the fixes meant;
6. written (`writing.replace_file`), unless only the diff is wanted.

Word processors number their notes themselves (DOCX, ODT): there is nothing to
renumber, and other fixes are "not fixable in this format" for now, as are the
formats whose labels the readers' side does not find (`Rewriting.formats`) and
EPUB books.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from footcheck.footnotes.engine import check_document, parse_bytes
from footcheck.footnotes.files import Readers, Target, read_bytes
from footcheck.footnotes.fixes.catalog import FIXES
from footcheck.footnotes.fixes.deletions import deletion_edits, plan_deletions
from footcheck.footnotes.fixes.edits import apply, unified_diff
from footcheck.footnotes.fixes.renumber import (
    Renumbering,
    numbering_start,
    plan_renumbering,
    shown,
)
from footcheck.footnotes.fixes.renumber_edits import renumber_edits
from footcheck.footnotes.fixes.sites import SiteError, Sites
from footcheck.footnotes.fixes.unused_suppressions import remove_unused
from footcheck.footnotes.fixes.verify import Intended, refusal
from footcheck.footnotes.fixes.writing import replace_file
from footcheck.footnotes.model import Document, DocumentError, Finding

if TYPE_CHECKING:
    from footcheck.footnotes.settings import Config

UNSAFE_SKIPPED = "an unsafe fix (a reader sees other numbers): run fix with --unsafe"


class FaithfulText(Protocol):
    """A file's text at the indexes its reader used, that encodes back to its bytes."""

    @property
    def text(self) -> str: ...

    @property
    def display_text(self) -> str: ...

    def encode(self, text: str) -> bytes: ...

    def offset(self, line: int, column: int) -> int: ...


class Rewriting(Protocol):
    """What a fix needs from the readers' side (`parsers.rewriting`)."""

    @property
    def formats(self) -> frozenset[str]:
        """The formats whose labels `sites` finds."""

    def faithful(self, data: bytes) -> FaithfulText: ...

    def sites(
        self, fmt: str, text: str, doc: Document, offset: Callable[[int, int], int]
    ) -> Sites: ...


@dataclass
class FileFix:
    """What a fix did to one file (its JSON form is in the output contract)."""

    path: str
    changed: bool = False
    written: bool = False
    map: dict[str, str] = field(default_factory=dict)
    deleted: list[str] = field(default_factory=list)
    fixes: list[dict[str, str | None]] = field(default_factory=list)
    skipped: list[dict[str, str | None]] = field(default_factory=list)
    error: str | None = None
    diff: str = ""


def fix_file(
    path: str,
    fmt: str | None,
    config: Config,
    parse: Readers,
    rewriting: Rewriting,
    *,
    write: bool,
    unsafe: bool = False,
) -> FileFix:
    """Fix one file (write it only with `write`; the unsafe fixes only with `unsafe`);
    whatever goes wrong is its `error`."""
    outcome = FileFix(path)
    try:
        _fix(outcome, _Job(Target(path, path, fmt), config, parse, rewriting), write, unsafe)
    except (DocumentError, OSError) as exc:
        outcome.error = " ".join(str(exc).split()) or "could not be fixed"
        outcome.written = False
    return outcome


@dataclass(frozen=True)
class _Job:
    target: Target
    config: Config
    parse: Readers
    rewriting: Rewriting

    def read(self, data: bytes) -> tuple[Document, list[Finding]]:
        doc = parse_bytes(data, self.target, self.config, self.parse)
        return doc, check_document(doc, self.config).findings

    def sites(self, data: bytes, doc: Document) -> tuple[FaithfulText, Sites]:
        faithful = self.rewriting.faithful(data)
        return faithful, self.rewriting.sites(doc.format, faithful.text, doc, faithful.offset)


@dataclass
class _Stage:
    """What the fixes so far did: the bytes, the notes deleted (index into the notes as
    read -> the note its markers now cite, or None) and where their scopes' numbering
    started, the labels
    changed ((scope, old) -> new), the fixes made and the findings left, with why."""

    data: bytes
    deleted: dict[int, int | None] = field(default_factory=dict)
    starts: dict[int, int] = field(default_factory=dict)  # of the scopes deleted from
    labels: dict[tuple[int, str], str] = field(default_factory=dict)
    fixes: list[dict[str, str | None]] = field(default_factory=list)
    skipped: list[dict[str, str | None]] = field(default_factory=list)
    renumbered: bool = False


def _fix(outcome: FileFix, job: _Job, write: bool, unsafe: bool) -> None:
    data = read_bytes(job.target, job.config.max_bytes)
    doc, findings = job.read(data)
    wanted = [f for f in findings if f.code in FIXES]
    if doc.format not in job.rewriting.formats or doc.parts:
        numbered_by_itself = doc.format in ("docx", "odt")  # a word processor's notes
        outcome.skipped.extend(
            _skip(f, "not fixable in this format")
            for f in wanted
            if not (f.code == "FN004" and numbered_by_itself)
        )
        return
    if not unsafe:
        outcome.skipped.extend(_skip(f, UNSAFE_SKIPPED) for f in wanted if FIXES[f.code] != "safe")
        wanted = [f for f in wanted if FIXES[f.code] == "safe"]
    if not wanted:
        return
    stage = _Stage(data)
    try:
        _delete(stage, job, doc, wanted)
        renumbered_doc = doc if stage.data is data else job.read(stage.data)[0]
        _renumber(stage, job, renumbered_doc, wanted)
    except SiteError as exc:
        outcome.skipped.extend(_skip(f, str(exc)) for f in wanted)
        return
    outcome.skipped.extend(stage.skipped)
    if stage.data == data:
        return
    after, found_after = job.read(stage.data)
    fixed = Counter(str(fix["code"]) for fix in stage.fixes)
    fixed["FN004"] = int(stage.renumbered)
    why = refusal(doc, findings, after, found_after, Intended(stage.deleted, fixed))
    if why is not None:
        raise DocumentError(f"fix refused: {why}; the file is left as it was")
    outcome.changed = True
    outcome.map = shown(stage.labels)
    outcome.deleted = [doc.notes[i].label for i in sorted(stage.deleted)]
    outcome.fixes = stage.fixes
    outcome.diff = unified_diff(
        outcome.path,
        job.rewriting.faithful(data).display_text,
        job.rewriting.faithful(stage.data).display_text,
    )
    if write:
        replace_file(Path(outcome.path), stage.data)
        outcome.written = True


def _delete(stage: _Stage, job: _Job, doc: Document, wanted: list[Finding]) -> None:
    """Delete the notes FN002 and CT001 name (re-pointing a repeat's markers to its
    first note) and the comments SUP001 names."""
    deletable = [f for f in wanted if f.code in ("FN002", "CT001")]
    unused = [f for f in wanted if f.code == "SUP001"]
    if not (deletable or unused):
        return
    faithful = job.rewriting.faithful(stage.data)
    plan = plan_deletions(doc, deletable)
    comments = remove_unused(faithful.text, doc, unused, faithful.offset)
    edits = list(comments.edits)
    if plan.notes:  # only then are the labels' places needed
        sites = job.rewriting.sites(doc.format, faithful.text, doc, faithful.offset)
        edits.extend(deletion_edits(faithful.text, doc, plan, sites))
    stage.skipped.extend(_skip(f, why) for f, why in [*plan.skipped, *comments.skipped])
    stage.fixes.extend(_done(f) for f in [*plan.fixed, *comments.fixed])
    if edits:
        stage.data = faithful.encode(apply(faithful.text, edits))
        stage.deleted = dict(plan.notes)
        stage.starts = _starts(doc, {doc.notes[i].scope for i in plan.notes})
        stage.labels = plan.merged_labels(doc)


def _renumber(stage: _Stage, job: _Job, doc: Document, wanted: list[Finding]) -> None:
    """Renumber where FN004 asks, and in every scope a note was deleted from."""
    asked = any(f.code == "FN004" for f in wanted)
    plan = plan_renumbering(doc, stage.starts)
    for scope in plan.scopes:
        if scope.skipped is not None and (asked or scope.scope in stage.starts):
            for finding in wanted:  # said once, however many scopes give the reason
                skip = _skip(finding, scope.skipped)
                if finding.code == "FN004" and skip not in stage.skipped:
                    stage.skipped.append(skip)
    plan = Renumbering(tuple(s for s in plan.scopes if asked or s.scope in stage.starts))
    if not plan.changes:
        return
    faithful, sites = job.sites(stage.data, doc)
    stage.data = faithful.encode(
        apply(faithful.text, renumber_edits(faithful.text, doc, plan, sites))
    )
    stage.renumbered = True
    new = plan.labels()
    # A merged note's markers carry its first note's new number.
    stage.labels = {key: new.get((key[0], via), via) for key, via in stage.labels.items()}
    stage.labels.update(new)
    if asked:
        stage.fixes.extend(
            {"code": "FN004", "footnote": old, "applicability": FIXES["FN004"]}
            for old in shown(new)
        )


def _starts(doc: Document, scopes: set[int]) -> dict[int, int]:
    """Where each of `scopes` starts numbering in `doc` (before notes are deleted)."""
    starts = {}
    for scope in scopes:
        notes = [i for i, note in enumerate(doc.notes) if note.scope == scope]
        markers = [m for m in doc.markers if m.scope == scope]
        starts[scope] = numbering_start(doc.notes, notes, markers)
    return starts


def _done(finding: Finding) -> dict[str, str | None]:
    return {
        "code": finding.code,
        "footnote": finding.footnote,
        "applicability": FIXES[finding.code],
    }


def _skip(finding: Finding, why: str) -> dict[str, str | None]:
    return {"code": finding.code, "footnote": finding.footnote, "why": why}
