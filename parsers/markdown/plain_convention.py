"""The Word-converted plain `[N]` convention, for Markdown without any `[^...]` note.

Reports converted from Word or HTML write notes as `[N]` or superscript markers in
the body and a numbered list of notes, usually under a Notes/Endnotes/Footnotes/
References heading (`parsers.marks` knows the markers and headings); converters
often link the markers to their notes.
`read_plain` reads the blocks of the block pass this way: the interface is the
blocks and the link reference definitions in, paragraphs and notes out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from footcheck.footnotes.model import Location, Note, Paragraph

from ..marks import MarkerSpan, find_markers, is_notes_heading, match_note_start
from ..textbuild import TextBuilder
from .assemble import BlockReader
from .commonmark import is_reference
from .inline import LINK_DESTINATION, REFERENCE_LABEL, Scanner
from .locator import Locator
from .source import Block

_PLAIN_KIND = "endnote"
# `[[1]](#_ftn1)`, `[\[1\]](#_ftn1)`, `[1](#fn1)`: a converted document's linked marker.
_LINKED = re.compile(r"\[\\?\[(\d{1,3})\\?\]\]\(#[^()\s]*\)|\[(\d{1,3})\]\(#[^()\s]*\)")
_ESCAPED_BRACKET = re.compile(r"\\(?=[\[\]])")


def _probe(text: str) -> str:
    """Text of the same length with escaped brackets made plain (for finding `[N]`)."""
    if "\\" in text:
        return _ESCAPED_BRACKET.sub(" ", text)
    return text


def _plain_spans(refs: Mapping[str, Any]) -> Callable[[str], list[MarkerSpan]]:
    """A function finding the `[N]`/superscript markers of a block that are not links."""

    def is_ref(label: str) -> bool:
        return is_reference(refs, label)

    def spans(content: str) -> list[MarkerSpan]:
        probe = _probe(content)
        found: list[MarkerSpan] = []
        for span in find_markers(probe):
            start, end = span.start, span.end
            if probe[start] == "[":
                after = probe[end : end + 1]
                inner = content[start + 1 : end - 1].strip()
                if after == "(":
                    dest = LINK_DESTINATION.match(content, end)
                    if dest is None or not content[end + 1 : dest.end()].lstrip().startswith("#"):
                        continue  # [1](http://...) is a link
                    end = dest.end()
                elif after == "[":
                    ref = REFERENCE_LABEL.match(content, end)
                    if ref is not None and is_ref(ref.group(1) or inner):
                        continue  # [1][ref]
                elif start and probe[start - 1] == "]" and is_ref(inner):
                    continue  # [text][1]
                elif is_ref(inner):
                    continue  # [1] with a [1]: url definition
                if start and content[start - 1] == "\\":
                    start -= 1
            found.append(MarkerSpan(start, end, span.labels))
        return found

    return spans


class _Shifted:
    """A locator for a slice of a block's content that starts at `base`."""

    __slots__ = ("_base", "_locate")

    def __init__(self, locate: Callable[[int], Location], base: int) -> None:
        self._locate = locate
        self._base = base

    def __call__(self, offset: int) -> Location:
        return self._locate(self._base + offset)


@dataclass(slots=True)
class _PlainNote:
    label: str
    location: Location
    builder: TextBuilder


def _note_starts(block: Block) -> list[tuple[int, str, int]]:
    """(content offset of the line, label, offset where the text starts) of note lines."""
    starts: list[tuple[int, str, int]] = []
    content = block.content
    offset = 0
    for line in content.split("\n"):
        probe = _probe(_LINKED.sub(lambda m: "[" + (m.group(1) or m.group(2)) + "]", line))
        if len(probe) == len(line):
            note = match_note_start(probe.lstrip())
            if note is not None and note.style in ("bracket", "super"):
                lead = len(probe) - len(probe.lstrip())
                starts.append((offset, note.label, offset + lead + note.text_start))
        else:  # a linked label: take the text after the link
            linked = _LINKED.match(line.lstrip())
            if linked is not None:
                lead = len(line) - len(line.lstrip())
                starts.append(
                    (offset, linked.group(1) or linked.group(2), offset + lead + linked.end())
                )
        offset += len(line) + 1
    return starts


def _opens_with_note(block: Block) -> bool:
    """Whether a block starts a note: an ordered list item, or a line such as `[1] ...`."""
    if block.item is not None:
        return True
    if block.kind not in ("para", "html"):
        return False
    starts = _note_starts(block)
    return bool(starts) and starts[0][0] == 0


def _note_starts_in(block: Block) -> bool:
    return block.kind in ("para", "html") and bool(_note_starts(block))


def _is_heading_block(block: Block) -> bool:
    if block.kind == "heading":
        return True
    return block.kind == "para" and "\n" not in block.content.strip()


def read_plain(
    blocks: list[Block], refs: Mapping[str, Any]
) -> tuple[tuple[Paragraph, ...], tuple[Note, ...]]:
    """The paragraphs and notes of `blocks` read in the Word-converted convention.

    `[N]`/superscript markers in the body, and a numbered list of notes; `refs` are
    the document's link reference definitions (a `[1]` defined as a link is none).
    """
    spans = _plain_spans(refs)
    heading = -1
    for i, block in enumerate(blocks):
        if _is_heading_block(block) and is_notes_heading(block.content):
            heading = i
    if heading >= 0:
        end = len(blocks)
        for j in range(heading + 1, len(blocks)):
            if blocks[j].kind == "heading" and not blocks[j].in_list:
                end = j
                break
        body = blocks[:heading] + blocks[end:]
        tail = blocks[heading + 1 : end]
    else:
        start = len(blocks)
        while start > 0:
            block = blocks[start - 1]
            if block.in_list or _opens_with_note(block):
                start -= 1
            else:
                break
        while start < len(blocks) and not _opens_with_note(blocks[start]):
            start += 1
        body, tail = blocks[:start], blocks[start:]

    reader = BlockReader(refs)
    paragraphs = [p for b in body if (p := reader.paragraph(b, spans)) is not None]
    cited = {m.label for p in paragraphs for m in p.markers}
    notes: list[_PlainNote] = []
    # Blocks after the last note continue it only inside its list item; anything else
    # there (site boilerplate, "Share this article") is neither body nor note.
    last_note = max(
        (i for i, b in enumerate(tail) if (b.item is not None) or _note_starts_in(b)), default=-1
    )
    for index, block in enumerate(tail):
        if index > last_note and not block.in_list:
            continue
        if block.item is not None and block.kind in ("para", "heading"):
            label = block.item.strip()
            builder = TextBuilder()
            loc = reader.block_into(block, builder, code_text=True)
            marker_col = max(1, loc.column - len(block.item_typed.strip() or label) - 2)
            notes.append(_PlainNote(label, Location(loc.line, marker_col), builder))
            continue
        starts = _note_starts(block) if block.kind in ("para", "html") else []
        if not starts:
            if notes:
                reader.block_into(block, notes[-1].builder, code_text=True)
            continue
        locator = Locator(block.source, block.first, block.content, inline=block.kind != "html")
        if starts[0][0] > 0 and notes:  # lines before the first note line continue the last
            head = block.content[: starts[0][0]]
            reader.scan_into(notes[-1].builder, Scanner(head, locator, refs))
        for k, (line_off, label, text_off) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else len(block.content)
            piece = block.content[text_off:end]
            builder = TextBuilder()
            reader.scan_into(builder, Scanner(piece, _Shifted(locator, text_off), refs))
            lead = len(block.content[line_off:text_off]) - len(
                block.content[line_off:text_off].lstrip()
            )
            notes.append(_PlainNote(label, locator(line_off + lead), builder))

    if (
        heading < 0
        and notes
        and not cited.intersection(n.label for n in notes)
        and all(b.in_list for b in tail)
    ):
        # a numbered list ending the report, cited by nothing: not notes
        reader = BlockReader(refs)
        paragraphs = [p for b in blocks if (p := reader.paragraph(b, spans)) is not None]
        notes = []
    result = [n.builder.note(n.label, n.location, _PLAIN_KIND) for n in notes]
    result.extend(note for _, note in reader.notes)
    return tuple(paragraphs), tuple(result)
