"""What `footcheck fix` needs from the readers' side: the faithful text of a file and
where its labels are written (`footnotes.fixes.run.Rewriting`), injected as the
readers are. The label finders are imported when first used: `check` asks only which
formats they rewrite (to say what `fix` may take on), and must not pay for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from footcheck.footnotes.fixes.sites import Sites
from footcheck.footnotes.model import Document

if TYPE_CHECKING:
    from footcheck.parsers.decode import Faithful

# The formats whose labels `parsers.relabel` finds.
FORMATS = frozenset({"text", "markdown", "html"})


class Rewriting:
    """The faithful decoding and the label sites of the formats footcheck rewrites."""

    formats = FORMATS

    def faithful(self, data: bytes) -> Faithful:
        from footcheck.parsers.decode import faithful

        return faithful(data)

    def sites(self, fmt: str, text: str, doc: Document, offset: Callable[[int, int], int]) -> Sites:
        from footcheck.parsers import relabel

        return relabel.sites(fmt, text, doc, offset)


REWRITING = Rewriting()
