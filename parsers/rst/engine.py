"""Run docutils on one reST text, safely, and give its document tree.

Safe like the XML readers: file insertion and raw input are off (`.. include::`,
`.. raw::` and `.. csv-table::` with `:file:` or `:url:` read nothing), no docutils
configuration file is read, nothing is written, and docutils' messages go nowhere
(reported at no level, halting at none). docutils never reaches the network when
it only parses.

The parse is the tolerant one (`tolerant`); a PEP is read as docutils' PEP reader
reads it, its RFC 2822 header first. Of docutils' transforms only those that shape
what a reader sees of the notes run: the document title and bibliographic fields
(`DocTitle`, `DocInfo`), and the numbering of auto-numbered and auto-symbol
footnotes with the resolution of every reference (`Footnotes`). Input docutils
cannot read gets a one-line `DocumentError`: a text longer than it reads in
reasonable time, a line longer than it accepts, nesting deeper than Python's stack,
more symbol footnotes than anyone writes, or more effort than `tolerant.Effort`
allows.
"""

from __future__ import annotations

import io
import re
import warnings
from typing import Any

from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import Parser, roles
from docutils.readers import standalone
from docutils.transforms import Transform, frontmatter, references

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import DocumentError

from .tolerant import STATE_CLASSES, TolerantInliner

LINE_LIMIT = 10_000  # docutils' own default: a longer line and it reads nothing
# docutils reads 150 KB (footnote after footnote) to 700 KB (prose) a second.
SIZE_LIMIT = 2_000_000
SYMBOL_FOOTNOTES_LIMIT = 1_000  # docutils labels the n-th one with n/10 symbols

_PEP_HEADER = pattern_store.compile(r"PEP:[ \t]*[0-9]")
_LONG_LINE = pattern_store.compile(rf"^[^\n]{{{LINE_LIMIT + 1}}}", re.MULTILINE)

_SETTINGS: dict[str, Any] = {
    "_disable_config": True,
    "file_insertion_enabled": False,
    "raw_enabled": False,
    "report_level": 5,
    "halt_level": 5,
    "exit_status_level": 5,
    "traceback": True,  # an exception propagates, rather than ending the process
    "line_length_limit": LINE_LIMIT,
    "syntax_highlight": "none",
    "smart_quotes": False,
    "language_code": "en",
}


class _Footnotes(references.Footnotes):
    """docutils' footnote numbering, refused past a number of symbol footnotes."""

    def apply(self, **kwargs: Any) -> None:
        if len(self.document.symbol_footnotes) > SYMBOL_FOOTNOTES_LIMIT:
            raise DocumentError(
                f"reStructuredText with over {SYMBOL_FOOTNOTES_LIMIT:,} symbol footnotes [*]"
            )
        super().apply(**kwargs)


class _Reader(standalone.Reader):  # type: ignore[type-arg]  # generic in the stubs only
    """The standalone reader with only the transforms footcheck needs."""

    def get_transforms(self) -> list[type[Transform]]:
        return [frontmatter.DocTitle, frontmatter.DocInfo, _Footnotes]


class _Parser(Parser):
    """docutils' reST parser with the tolerant states and inline parser."""

    def __init__(self, rfc2822: bool) -> None:
        super().__init__(rfc2822=rfc2822, inliner=TolerantInliner())
        self.state_classes = STATE_CLASSES


def read_tree(text: str, path: str) -> nodes.document:
    """The document tree of `text` (lines split on "\\n" only); `DocumentError` for bad input."""
    if len(text) > SIZE_LIMIT:
        raise DocumentError(
            f"reStructuredText of over {SIZE_LIMIT:,} characters: too long for docutils to read"
        )
    long_line = _LONG_LINE.search(text)
    if long_line is not None:
        line = text.count("\n", 0, long_line.start()) + 1
        raise DocumentError(
            f"line {line} is longer than {LINE_LIMIT:,} characters: docutils will not read it"
        )
    parser = _Parser(rfc2822=_PEP_HEADER.match(text) is not None)
    registry = _roles()
    known_roles = dict(registry)  # a `.. role::` directive registers its role globally
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document: nodes.document = publish_doctree(
                text,
                source_path=path,
                reader=_Reader(parser=parser),
                parser=parser,
                settings_overrides={**_SETTINGS, "warning_stream": io.StringIO()},
            )
    except RecursionError:
        raise DocumentError(
            "reStructuredText nested too deeply (or too many bare links in a paragraph) to read"
        ) from None
    finally:
        registry.clear()
        registry.update(known_roles)
    return document


def _roles() -> dict[str, Any]:
    """docutils' table of the roles known by name, which the parse may add to."""
    registry: dict[str, Any] = vars(roles)["_roles"]
    return registry
