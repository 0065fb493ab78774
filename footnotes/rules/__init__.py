"""The rules, one module each; this registry lists them in the contract's order.

A rule module has the constants CODE, NAME and SEVERITY, a docstring in the manner
of ruff's rule docs (What it does / Why is this bad? / Example / Use instead), and
`check(doc, ctx) -> Iterator[Finding]` for what it finds in one document,
`check_book(view) -> Iterator[Finding]` for what it finds across the files of a book,
or both (SCOPE says which: "document", "book" or "document+book"). `footcheck rules`
and `footcheck explain` print from these; the tests run each docstring's examples.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Document, Finding, Severity
from footcheck.footnotes.rules import (
    access_before_publication,
    duplicate_citation,
    duplicate_footnote_label,
    empty_footnote,
    footnote_order,
    inconsistent_source_date,
    invalid_date,
    missing_footnote,
    orphan_notes_file,
    outlet_mismatch,
    source_after_report,
    source_predates_claim,
    undated_source,
    unused_footnote,
    unused_suppression,
    url_date_mismatch,
)

if TYPE_CHECKING:
    from footcheck.footnotes.book.view import BookView
    from footcheck.footnotes.context import Context

_MODULES: tuple[ModuleType, ...] = (
    missing_footnote,
    unused_footnote,
    duplicate_footnote_label,
    footnote_order,
    empty_footnote,
    duplicate_citation,
    source_predates_claim,
    source_after_report,
    invalid_date,
    undated_source,
    url_date_mismatch,
    access_before_publication,
    orphan_notes_file,
    outlet_mismatch,
    inconsistent_source_date,
    unused_suppression,
)

_FENCE = pattern_store.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Rule:
    """One rule as the engine runs it: its identity, its documentation, its checks."""

    code: str
    name: str
    severity: Severity
    doc: str
    check: Callable[[Document, Context], Iterator[Finding]] | None
    after_rules: bool = False  # worked out from the other rules' findings, not by check()
    check_book: Callable[[BookView], Iterator[Finding]] | None = None
    across_books: bool = False  # the book part looks across every file of the run

    @property
    def summary(self) -> str:
        """The docstring's first line, without the code and name."""
        first = self.doc.strip().splitlines()[0]
        return first.split(":", 1)[1].strip() if ":" in first else first

    def examples(self, section: str) -> list[tuple[str, str]]:
        """(format, text) of the fenced blocks under `section` ("Example" or "Use instead")."""
        parts = re.split(r"^(Example|Use instead)\n-+\n", self.doc, flags=re.MULTILINE)
        for title, body in zip(parts[1::2], parts[2::2], strict=True):
            if title == section:
                return [(m.group(1), m.group(2)) for m in _FENCE.finditer(body)]
        return []


RULES: tuple[Rule, ...] = tuple(
    Rule(
        m.CODE,
        m.NAME,
        m.SEVERITY,
        m.__doc__ or "",
        getattr(m, "check", None),
        getattr(m, "AFTER_RULES", False),
        getattr(m, "check_book", None),
        getattr(m, "ACROSS_BOOKS", False),
    )
    for m in _MODULES
)
BOOK_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.check_book is not None)
BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


def lookup(code_or_name: str) -> Rule | None:
    """A rule by code (any case) or by name."""
    return BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())
