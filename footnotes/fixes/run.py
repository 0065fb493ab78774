"""`footcheck fix` on one file: read, plan, check again, and write only what holds.

The steps, each of which can stop the fix with its reason (the file is then left
as it was):

1. read the file as `check` does and run the selected rules on it (suppressed
   findings are accepted ones: they are not fixed);
2. plan every fix its findings call for on the document as read, and make the
   edits at once on the file's faithful text (`plan`): unused suppression comments
   (SUP001, safe); with `unsafe`, notes nothing cites (FN002) and repeated sources
   merged into their first note (CT001); the numbering (FN004, safe, and closing
   up after a deletion). The text is encoded back with every byte outside the edits
   as it was (encoding, byte-order mark, newlines);
3. read the new text and check it again (`verify`): refused when a finding is added
   or one it does not fix goes, a note's text is lost or changed, a marker would
   cite another note's text, or an "Ibid." would follow another source, beyond what
   the fixes meant;
4. write it (`writing.replace_file`), unless only the diff is wanted.

Word processors number their notes themselves (DOCX, ODT): there is nothing to
renumber, and other fixes are "not fixable in this format" for now, as are the
formats whose labels the readers' side does not find (`Rewriting.formats`) and
EPUB books.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from footcheck.footnotes.engine import Checked, check_document, parse_bytes
from footcheck.footnotes.files import Readers, Target, read_bytes
from footcheck.footnotes.fixes.catalog import FIXES
from footcheck.footnotes.fixes.edits import unified_diff
from footcheck.footnotes.fixes.plan import EditsClash, plan_fixes
from footcheck.footnotes.fixes.renumber import qualified
from footcheck.footnotes.fixes.sites import SiteError, Sites
from footcheck.footnotes.fixes.verify import Intended, ibid_pairs, refusal
from footcheck.footnotes.fixes.writing import replace_file
from footcheck.footnotes.model import Document, DocumentError, Finding, Note
from footcheck.footnotes.rules import lookup

if TYPE_CHECKING:
    from footcheck.footnotes.settings import Config

# Why an unsafe fix was not made, by rule.
UNSAFE = {
    "FN002": "an unsafe fix (the note and its source are deleted): run fix with --unsafe",
    "CT001": "an unsafe fix (the note is merged into the one it repeats): run fix with --unsafe",
}


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
        # Nothing was changed: the file is as it was.
        outcome.changed = outcome.written = False
        outcome.map, outcome.deleted, outcome.fixes, outcome.diff = {}, [], [], ""
    return outcome


@dataclass(frozen=True)
class _Job:
    target: Target
    config: Config
    parse: Readers
    rewriting: Rewriting

    def read(self, data: bytes) -> tuple[Document, Checked]:
        doc = parse_bytes(data, self.target, self.config, self.parse)
        return doc, check_document(doc, self.config)


def _fix(outcome: FileFix, job: _Job, write: bool, unsafe: bool) -> None:
    data = read_bytes(job.target, job.config.max_bytes)
    doc, checked = job.read(data)
    findings = checked.findings
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
        outcome.skipped.extend(_skip(f, UNSAFE[f.code]) for f in wanted if f.code in UNSAFE)
        wanted = [f for f in wanted if FIXES[f.code] == "safe"]
    if not wanted:
        return
    faithful = job.rewriting.faithful(data)

    def sites() -> Sites:
        return job.rewriting.sites(doc.format, faithful.text, doc, faithful.offset)

    ibid = {(s.note.scope, s.antecedent) for s in checked.context.sources if s.antecedent}
    reorder = _may_reorder(job, doc)
    try:
        try:
            planned = plan_fixes(
                faithful.text, faithful.offset, doc, wanted, sites, ibid, reorder=reorder
            )
        except SiteError as exc:  # no label can be rewritten: the comments still can go
            outcome.skipped.extend(_skip(f, str(exc)) for f in wanted if f.code != "SUP001")
            wanted = [f for f in wanted if f.code == "SUP001"]
            if not wanted:
                return
            planned = plan_fixes(faithful.text, faithful.offset, doc, wanted, sites)
    except EditsClash as exc:
        raise DocumentError(f"fix refused: its edits clash ({exc}); please report it") from None
    outcome.skipped.extend(_skip(f, why) for f, why in planned.skipped)
    new_data = faithful.encode(planned.text)
    if new_data == data:
        return
    after, found_after = job.read(new_data)
    intended = Intended(planned.deleted, +planned.fixed, frozenset(planned.gone))
    why = refusal(doc, findings, after, found_after.findings, intended)
    if why is None and ibid_pairs(doc, _antecedents(checked), planned.deleted) != ibid_pairs(
        after, _antecedents(found_after)
    ):
        why = "an Ibid. note would follow another source"
    if why is not None:
        raise DocumentError(f"fix refused: {why}; the file is left as it was")
    name = qualified([*(note.key for note in doc.notes), *planned.labels])
    outcome.changed = True
    outcome.map = {name(key): new for key, new in planned.labels.items()}
    outcome.deleted = [name(key) for key in planned.deleted_labels]
    renumbered: list[dict[str, str | None]] = [
        {"code": "FN004", "footnote": name(key), "applicability": FIXES["FN004"]}
        for key in planned.renumbered
    ]
    outcome.fixes = [
        {
            "code": finding.code,
            "footnote": name(key) if key is not None else finding.footnote,
            "applicability": FIXES[finding.code],
        }
        for finding, key in planned.fixes
    ]
    outcome.fixes.extend(renumbered)
    outcome.diff = unified_diff(
        outcome.path, faithful.display_text, job.rewriting.faithful(new_data).display_text
    )
    if write:
        replace_file(Path(outcome.path), new_data)
        outcome.written = True


def _antecedents(checked: Checked) -> list[tuple[Note, str]]:
    return [(s.note, s.antecedent) for s in checked.context.sources if s.antecedent]


def _may_reorder(job: _Job, doc: Document) -> bool:
    """Whether the notes left after a deletion may be put in order of first reference:
    FN004 runs on the file and nothing in it or in the configuration silences it."""
    if not any(rule.code == "FN004" for rule in job.config.rules(doc.path)):
        return False
    for directive in doc.directives:
        codes = {lookup(code) for code in directive.codes}
        if not directive.codes or any(r is not None and r.code == "FN004" for r in codes):
            return False
    return not any(e.code == "FN004" for e in job.config.note_ignores_for(doc.path))


def _skip(finding: Finding, why: str) -> dict[str, str | None]:
    return {"code": finding.code, "footnote": finding.footnote, "why": why}
