"""`footcheck fix` on one file: plan, edit, check again, and write only what holds.

The steps, each of which can stop the fix with its reason (the file is then left
as it was):

1. read the file as `check` does and run the selected rules on it;
2. plan the fixes its findings call for (FN004: `renumber`), leaving out what cannot
   be done safely, with why (`skipped`);
3. find where the labels are written in the file's faithful text (the readers' side:
   `Rewriting`), make the edits, encode the text back (every byte outside the edits
   as it was: encoding, byte-order mark, newlines);
4. read the new text and check it again: the fix is refused when a finding of any
   kind is added, when a note's text is lost or changed, when a marker would cite
   another note's text than before, or when what it fixed is still there;
5. write it (`writing.replace_file`), unless only the diff is wanted.

Word processors number their notes themselves (DOCX, ODT): there is nothing to
renumber, and other fixes are "not fixable in this format" for now, as are HTML,
reStructuredText and EPUB files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from footcheck.footnotes.engine import check_document, parse_bytes
from footcheck.footnotes.files import Readers, Target, read_bytes
from footcheck.footnotes.fixes.edits import apply, unified_diff
from footcheck.footnotes.fixes.renumber import plan_renumbering
from footcheck.footnotes.fixes.renumber_edits import renumber_edits
from footcheck.footnotes.fixes.sites import SiteError, Sites
from footcheck.footnotes.fixes.writing import replace_file
from footcheck.footnotes.model import Document, DocumentError, Finding

if TYPE_CHECKING:
    from footcheck.footnotes.settings import Config

# The fixes there are, by rule, and whether a reader sees more than new numbers.
FIXES = {"FN004": "safe"}


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
    fixes: list[dict[str, str]] = field(default_factory=list)
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
) -> FileFix:
    """Fix one file (write it only with `write`); whatever goes wrong is its `error`."""
    outcome = FileFix(path)
    try:
        _fix(outcome, fmt, config, parse, rewriting, write=write)
    except (DocumentError, OSError) as exc:
        outcome.error = " ".join(str(exc).split()) or "could not be fixed"
        outcome.written = False
    return outcome


def _fix(
    outcome: FileFix,
    fmt: str | None,
    config: Config,
    parse: Readers,
    rewriting: Rewriting,
    *,
    write: bool,
) -> None:
    path = outcome.path
    target = Target(path, path, fmt)
    data = read_bytes(target, config.max_bytes)
    doc = parse_bytes(data, target, config, parse)
    findings = check_document(doc, config).findings
    wanted = [f for f in findings if f.code in FIXES]
    if not wanted:
        return
    if doc.format not in rewriting.formats or doc.parts:
        if doc.format not in ("docx", "odt"):  # a word processor numbers its own notes
            outcome.skipped.extend(_skip(f, "not fixable in this format") for f in wanted)
        return
    plan = plan_renumbering(doc)
    for scope in plan.scopes:
        if scope.skipped is not None:
            for finding in wanted:  # said once, however many scopes give the reason
                skip = _skip(finding, scope.skipped)
                if finding.code == "FN004" and skip not in outcome.skipped:
                    outcome.skipped.append(skip)
    if not plan.changes:
        return
    faithful = rewriting.faithful(data)
    try:
        sites = rewriting.sites(doc.format, faithful.text, doc, faithful.offset)
    except SiteError as exc:
        outcome.skipped.extend(_skip(f, str(exc)) for f in wanted)
        return
    new_text = apply(faithful.text, renumber_edits(faithful.text, doc, plan, sites))
    new_data = faithful.encode(new_text)
    new_doc = parse_bytes(new_data, target, config, parse)
    why = refusal(doc, findings, new_doc, check_document(new_doc, config).findings)
    if why is not None:
        raise DocumentError(f"fix refused: {why}; the file is left as it was")
    outcome.changed = new_data != data
    outcome.map = plan.label_map()
    outcome.fixes = [
        {"code": "FN004", "footnote": old, "applicability": FIXES["FN004"]} for old in outcome.map
    ]
    outcome.diff = unified_diff(
        path, faithful.display_text, rewriting.faithful(new_data).display_text
    )
    if write and outcome.changed:
        replace_file(Path(path), new_data)
        outcome.written = True


def _skip(finding: Finding, why: str) -> dict[str, str | None]:
    return {"code": finding.code, "footnote": finding.footnote, "why": why}


def refusal(
    before: Document,
    found_before: Iterable[Finding],
    after: Document,
    found_after: Iterable[Finding],
) -> str | None:
    """Why the fixed text must not be written, or None."""
    if Counter(n.text for n in before.notes) != Counter(n.text for n in after.notes):
        return "a note's text would change"
    if len(before.markers) != len(after.markers):
        return "a marker would be lost"
    if _cited(before) != _cited(after):
        return "a marker would cite another note's text"
    counted_before = Counter(f.code for f in found_before)
    counted_after = Counter(f.code for f in found_after)
    for code, count in counted_after.items():
        if count > counted_before.get(code, 0):
            return f"it would add a finding ({code})"
    if counted_after.get("FN004"):
        return "the numbering would still be out of order"
    return None


def _cited(doc: Document) -> list[str | None]:
    """The text of the note each marker (in the body, then in notes) cites, in order."""
    text_of: dict[tuple[int, str], str] = {}
    for note in doc.notes:
        text_of.setdefault(note.key, note.text)
    markers = [*doc.markers, *(m for note in doc.notes for m in note.markers)]
    return [text_of.get(m.key) for m in markers]
