"""The compact form in which a worker process hands back its paragraphs' dates and claims.

A worker (`footnotes.split_work`) finds the date mentions and claims of a slice of
a document's paragraphs and sends them back through a pipe. Pickled as they are,
the dataclasses cost more to send and to rebuild than to find; here a date is
three numbers (rebuilt once per distinct date), a mention the tuple of its fields,
and a claim its fields without its marker: the parent puts its own marker back
(rules tell markers apart by identity), and the claim's dates stay the very
mentions of its paragraph (pickle keeps objects shared within one message).
"""

from __future__ import annotations

import copyreg
import io
import pickle
from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields
from functools import lru_cache
from operator import attrgetter
from typing import Any

from footcheck.footnotes.claims import Claim
from footcheck.footnotes.dates import DateMention
from footcheck.footnotes.model import Marker, Paragraph, PartialDate

# One paragraph's dates and claims as sent: its mentions, and each claim's fields
# but the marker (the claims are the paragraph's markers', in order).
EncodedParagraph = tuple[list[DateMention], list[tuple[Any, ...]]]
# A slice of paragraphs, by the index of the first, and what each holds.
EncodedSlice = tuple[int, list[EncodedParagraph]]

_MENTION_FIELDS = attrgetter(*(f.name for f in fields(DateMention)))
_CLAIM_NAMES = tuple(f.name for f in fields(Claim) if f.name != "marker")
_CLAIM_FIELDS = attrgetter(*_CLAIM_NAMES)
_MARKER_FIRST = fields(Claim)[0].name == "marker"  # then a claim is built from positions


@lru_cache(maxsize=4096)
def known_date(year: int, month: int | None, day: int | None) -> PartialDate:
    """One PartialDate per distinct date: a report's dates repeat, and they are immutable."""
    return PartialDate(year, month, day)


def _reduce_date(date: PartialDate) -> tuple[Callable[..., PartialDate], tuple[Any, ...]]:
    return known_date, (date.year, date.month, date.day)


def _reduce_mention(mention: DateMention) -> tuple[type[DateMention], tuple[Any, ...]]:
    return DateMention, _MENTION_FIELDS(mention)


def _refuse_marker(marker: Marker) -> tuple[Any, ...]:
    raise pickle.PicklingError("a marker is the parent's own: it is never sent")


_DISPATCH = copyreg.dispatch_table.copy()
_DISPATCH[PartialDate] = _reduce_date
_DISPATCH[DateMention] = _reduce_mention
_DISPATCH[Marker] = _refuse_marker


def encode_paragraph(mentions: list[DateMention], claims: list[Claim]) -> EncodedParagraph:
    """One paragraph's dates and claims, ready for `dump`."""
    return mentions, [_CLAIM_FIELDS(claim) for claim in claims]


def dump(answer: EncodedSlice) -> bytes:
    """A worker's answer for one slice, as one message."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(answer)
    return buffer.getvalue()


def load(message: bytes) -> EncodedSlice:
    """A worker's answer for one slice, as `dump` wrote it."""
    answer: EncodedSlice = pickle.loads(message)
    return answer


def decode_slice(
    answer: EncodedSlice, paragraphs: Sequence[Paragraph]
) -> Iterator[tuple[int, list[DateMention], list[Claim]]]:
    """Each paragraph of a slice by its index, with its mentions and its claims (each
    claim with the parent's own marker)."""
    lo, encoded = answer
    for index, (mentions, claims) in enumerate(encoded, start=lo):
        if not claims:
            yield index, mentions, []
            continue
        markers = paragraphs[index].markers
        if len(claims) != len(markers):
            raise ValueError("a worker sent claims that do not match the paragraph's markers")
        if _MARKER_FIRST:
            pairs = zip(markers, claims, strict=True)
            yield index, mentions, [Claim(marker, *values) for marker, values in pairs]
        else:
            yield (
                index,
                mentions,
                [
                    Claim(marker=marker, **dict(zip(_CLAIM_NAMES, values, strict=True)))
                    for marker, values in zip(markers, claims, strict=True)
                ],
            )
