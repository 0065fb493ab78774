"""Whether a `.txt` file is reStructuredText (a PEP, a docutils document) or plain text.

PEPs and docutils' own documents are `.txt` files written in reST. Plain reports are
`.txt` too, and many cite with `[1]` and end with `[1] Source` notes, so only what
plain text never holds counts, looked for with one compiled pattern over the first
and last `_WINDOW` bytes (footnote definitions usually stand at the end):

- a PEP header line `Content-Type: text/x-rst` (an old PEP without it is plain text);
- a directive (`.. note::`, `.. code-block:: python`), a hyperlink target
  (`.. _name: url`) or a substitution definition (`.. |name| image:: x`);
- a docinfo field at the start of a line (`:Author: Name`, `:Date: 2024-01-01`);
- a footnote or citation definition (`.. [1]`, `.. [#]`, `.. [#label]`, `.. [*]`,
  `.. [CIT2002]`), together with a reference to one (`[1]_`, `[#]_`, `[CIT2002]_`);
- references to two notes, or to one twice, with reST's trailing underscore (a
  definition may stand where the pattern does not look, inside a table cell).
"""

from __future__ import annotations

import re

from footcheck.footnotes import pattern_store

_WINDOW = 64 * 1024

# Group "note" is set when what matched is a footnote or citation definition, which
# needs a reference as well; anything else is reST on its own.
_STRUCTURE = pattern_store.compile(
    rb"^(?:Content-Type:[ \t]*text/x-rst\b"
    rb"|\.\.[ \t]+(?:"
    rb"(?P<note>\[(?:[0-9]+|#[^\]\s]*|\*|[A-Za-z][\w.:+-]*)\](?:[ \t\r\n]|$))"
    rb"|[A-Za-z][\w.:+-]*[ \t]?::(?:[ \t\r]|$)"
    rb"|_[^\s:`][^\n:`]*:(?:[ \t\r]|$)"
    rb"|\|[^|\n]+\|[ \t]+[A-Za-z][\w.:+-]*::"
    rb")"
    rb"|:(?:Author|Authors|Organization|Contact|Address|Version|Revision|Status|Date"
    rb"|Copyright|Dedication|Abstract):[ \t]+\S"
    rb")",
    re.MULTILINE,
)
_REFERENCE = pattern_store.compile(rb"\[(?:[0-9]+|#[^\]\s]*|\*|[A-Za-z][\w.:+-]*)\]_(?![\w])")


def is_rst(data: bytes) -> bool:
    """True when `data`, a file that says it is plain text, is written in reST."""
    windows = (data,) if len(data) <= 2 * _WINDOW else (data[:_WINDOW], data[-_WINDOW:])
    references = sum(len(_REFERENCE.findall(w)) for w in windows)
    if references > 1:
        return True
    if not any(b".. " in w or b"..\t" in w or b"text/x-rst" in w or b"\n:" in w for w in windows):
        return False
    definition = False
    for window in windows:
        for match in _STRUCTURE.finditer(window):
            if match.group("note") is None:
                return True
            definition = True
    return definition and references > 0
