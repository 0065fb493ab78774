"""What `footcheck fix` needs from the readers' side: the faithful text of a file and
where its labels are written (`footnotes.fixes.run.Rewriting`), injected as the
readers are."""

from __future__ import annotations

from collections.abc import Callable

from footcheck.footnotes.fixes.sites import Sites
from footcheck.footnotes.model import Document
from footcheck.parsers import relabel
from footcheck.parsers.decode import Faithful, faithful


class Rewriting:
    """The faithful decoding and the label sites of the formats footcheck rewrites."""

    formats = relabel.FORMATS

    def faithful(self, data: bytes) -> Faithful:
        return faithful(data)

    def sites(self, fmt: str, text: str, doc: Document, offset: Callable[[int, int], int]) -> Sites:
        return relabel.sites(fmt, text, doc, offset)


REWRITING = Rewriting()
