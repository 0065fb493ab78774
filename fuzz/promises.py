"""What every reader and the rules promise for any input, held on one input.

The one check behind the fuzz target (`fuzz_parsers.py`) and the property tests
(tests/test_fuzz_parsers.py, tests/test_robustness.py). A format's reader is called
directly (`parsers.reader(fmt)`), so that nothing between it and the check can turn
its bug into an error message. For any bytes it must give a `Document` or raise a
one-line `DocumentError`; anything else it raises is a bug, raised here as `Broken`
naming the format and the exception (chained to it). A Document must have every
location at line >= 1 and column >= 1 (and, for the text formats, inside the
decoded input), and every marker inside its paragraph's or note's text (for an
EPUB, in each of its chapters). The rules
(`check_document`) then run on the Document the run would give them, the
registry's (the reader's, with the suppression comments found in the file), without
a failure and with every finding and directive at line >= 1.
"""

from __future__ import annotations

import re

from footcheck import parsers
from footcheck.footnotes.engine import check_document
from footcheck.footnotes.model import Document, DocumentError, Location, Note, Paragraph
from footcheck.footnotes.settings import Config
from footcheck.parsers.decode import decode

TEXT_FORMATS = frozenset({"text", "markdown", "html", "rst"})
DEFAULT_CONFIG = Config()

# Every mention of a charset in a page, and those that declare UTF-8.
_CHARSET = re.compile(rb"charset", re.IGNORECASE)
_UTF8_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*utf-?8""", re.IGNORECASE)


class Broken(AssertionError):
    """A promise of a reader or of the rules that an input broke."""


def read(data: bytes, fmt: str) -> Document | None:
    """`fmt`'s own reader on `data`: its Document, or None for a one-line `DocumentError`.

    Raises `Broken` for any other exception the reader raises, and for an error
    message that is empty or more than one line.
    """
    try:
        doc = parsers.reader(fmt)(data, f"fuzz.{fmt}")
    except DocumentError as exc:
        if not str(exc) or "\n" in str(exc):
            raise Broken(f"{fmt}: DocumentError is not one line: {str(exc)!r}") from None
        return None
    except Exception as exc:  # a reader's bug, whatever it is
        raise Broken(f"{fmt} reader raised {type(exc).__name__}: {exc}") from exc
    if not isinstance(doc, Document):
        raise Broken(f"{fmt} reader returned {type(doc).__name__}, not a Document")
    return doc


def source_lines(data: bytes, fmt: str) -> int | None:
    """Lines of `data` as a text format decodes it; None when that is not known.

    `decode` is the text formats' decoder. The HTML reader goes by a page's
    `<meta charset>` first: a page that names any charset but UTF-8 may be decoded
    otherwise (UTF-7 or EBCDIC have line breaks `decode` does not see), so it has
    no bound here.
    """
    if fmt not in TEXT_FORMATS:
        return None
    if fmt == "html" and len(_CHARSET.findall(data)) != len(_UTF8_CHARSET.findall(data)):
        return None
    try:
        text = decode(data)
    except DocumentError:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def check(data: bytes, fmt: str, config: Config = DEFAULT_CONFIG) -> Document | None:
    """Hold `fmt`'s reader and the rules to every promise on `data`; `Broken` if one fails.

    Returns the reader's Document, or None when the reader refused the input.
    """
    doc = read(data, fmt)
    if doc is None:
        return None
    lines = source_lines(data, fmt)
    # A book in one file (EPUB): its chapters hold the text; their lines are their own.
    parts = doc.parts or (doc,)
    if doc.parts:
        lines = None
    holders: list[Paragraph | Note] = []
    for part in parts:
        holders += [*part.paragraphs, *part.notes]
    places: list[Location] = [h.location for h in holders]
    for holder in holders:
        for marker in holder.markers:
            places.append(marker.location)
            if not 0 <= marker.offset <= len(holder.text):
                raise Broken(f"{fmt}: marker offset outside its text: {marker}")
    for place in places:
        if place.line < 1 or place.column < 1:
            raise Broken(f"{fmt}: location before the start: {place}")
        if lines is not None and place.line > lines + 1:
            raise Broken(f"{fmt}: location past the end ({lines} lines): {place}")
    _check_rules(parsers.parse(data, f"fuzz.{fmt}", fmt), fmt, config)
    return doc


def _check_rules(doc: Document, fmt: str, config: Config) -> None:
    """The rules on the run's Document: no failure, every place at line and column >= 1."""
    for directive in doc.directives:
        if directive.line < 1:
            raise Broken(f"{fmt}: directive before the start: {directive}")
    checked = check_document(doc, config)
    if checked.failure is not None:
        raise Broken(f"{fmt}: {checked.failure}")
    for finding in checked.findings:
        if finding.location.line < 1 or finding.location.column < 1:
            raise Broken(f"{fmt}: finding before the start: {finding}")
