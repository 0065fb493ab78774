"""Body paragraphs of an office file: numbered blocks whose note references wait for labels.

Both readers number the body's paragraphs (a DOCX or ODT location's line is its
paragraph number) and, as they read, stand a placeholder marker (`placeholder(N)`,
the N-th note reference) where each reference is: the labels are known only once
every note is read, since Word and LibreOffice number notes themselves.
`paragraphs` gives the blocks with text, each placeholder given its label.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from footcheck.footnotes.model import Location, Marker, Paragraph

from ..textbuild import TextBuilder

__all__ = ["Block", "paragraphs", "placeholder"]

_PLACEHOLDER = "\0"


@dataclass(slots=True)
class Block:
    """A body paragraph being read: its number and its text (markers carry placeholders)."""

    number: int
    builder: TextBuilder = field(default_factory=TextBuilder)


def placeholder(index: int) -> str:
    """The marker label that stands for the `index`-th note reference until it is labelled."""
    return f"{_PLACEHOLDER}{index}"


def paragraphs(blocks: Iterable[Block], label: Callable[[int], str]) -> tuple[Paragraph, ...]:
    """The blocks with text, at their paragraph numbers; reference N takes `label(N)`."""
    found: list[Paragraph] = []
    for block in blocks:
        builder = block.builder
        if builder.is_empty():
            continue
        at = block.number
        markers = tuple(
            Marker(label(int(m.label[1:])), m.offset, Location(at, m.offset + 1), True)
            for m in builder.markers
            if m.label[:1] == _PLACEHOLDER
        )
        found.append(Paragraph(builder.text, Location(at, 1), markers))
    return tuple(found)
