"""The block pass on pyromark (pulldown-cmark): the blocks `blocks`' markdown-it pass gives.

pulldown-cmark, in Rust, finds the blocks (paragraphs, headings, lists, code, HTML,
tables) with their byte ranges; their lines' text is cut by `line_marks` and
`table_cells` as markdown-it cuts it, so that the blocks, link reference definitions
and footnote definitions are the same as the markdown-it pass's. Footnote
definitions are ours, not pulldown-cmark's: a `[^label]:` line at the start of a line
(outside a fenced code or HTML block) ends every open block, as the markdown-it rule
does; the text between definitions is given to pulldown-cmark piece by piece, and
each definition is read by the rule's own code (`block_rules.read_definition`).

`read_blocks` returns None, leaving the source to the markdown-it pass, where the two
parsers could read it otherwise or the text's marks are not simple: tabs, vertical
tabs or form feeds; block quotes; a definition that is not at a line's start; lists
nested deeper than markdown-it's nesting limit; a reference markdown-it would refuse
(`javascript:`); a table whose start or end markdown-it would see elsewhere.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from footcheck.footnotes import pattern_store

from .block_rules import read_definition, starts_definition
from .commonmark import normalize_label, trim
from .line_marks import LineMarks
from .references import Reference
from .source import Block, Definition, Source
from .table_cells import MAX_AUTOCOMPLETED_CELLS, body_cells, header_cells

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pyromark import Markdown
    from pyromark.event import Range

_UNSUPPORTED = pattern_store.compile(r"[\t\v\f]")
_DEF_LINE = pattern_store.compile(r"^\[\^[^\s\[\]]++\]:", re.MULTILINE)
# A definition after indentation or a container's marker: the markdown-it pass's.
_INNER_DEF = pattern_store.compile(r"^[ >*+\-\d.)]++\[\^[^\s\[\]]++\]:", re.MULTILINE)
# A line that may open a fenced code or HTML block, which a definition line could be in.
_MAY_ENCLOSE = pattern_store.compile(r"^[ >*+\-\d.)]*+(?:```|~~~|<)", re.MULTILINE)
# A line that could be a table's delimiter row, under a header line holding a pipe.
_DELIMITER_ROW = pattern_store.compile(r" *+[|:\-][|:\- ]*+")
# The first characters of lines that open a block ending a table (fence, quote, rule,
# list, HTML, heading, definition), in both parsers.
_OPENS_BLOCK = frozenset("`~>*-_+<#[0123456789")
# A line that may open a link reference definition (in any container).
_REFERENCE_LINE = pattern_store.compile(rb"^[ >*+\-\d.)]*+\[[^\]\n]*+\]:", re.MULTILINE)
# One that opens it at the top level: at most three spaces, no container's marker.
_TOP_REFERENCE_LINE = pattern_store.compile(rb"^ {0,3}\[[^\]\n]*+\]:", re.MULTILINE)
_BAD_SCHEME = pattern_store.compile(r"^(vbscript|javascript|file|data):")
_GOOD_DATA = pattern_store.compile(r"^data:image\/(gif|png|jpeg|webp);")
_SKIP_HTML_BLOCK = ("<!--", "<script", "<style", "<pre", "<textarea", "<?", "<!")
_LEAVES = frozenset({"Paragraph", "Heading", "CodeBlock", "HtmlBlock", "Table"})
_INLINE = frozenset(
    {"Emphasis", "Strong", "Strikethrough", "Superscript", "Subscript", "Link", "Image"}
)
_MAX_LISTS = 8  # markdown-it stops at 20 levels of tokens: 10 nested lists
_MAX_PROBES = 8  # definition-like lines inside code before the source is left to markdown-it

_PARSER: Markdown | None = None


def _parser() -> Markdown:
    global _PARSER
    if _PARSER is None:
        import pyromark

        _PARSER = pyromark.Markdown(options=pyromark.Options.ENABLE_TABLES)
    return _PARSER


@dataclass(slots=True)
class _Pending:
    """What the last list item opened hands its first block, until one takes it.

    As in `blocks._blocks`, it is kept across blocks with no inline text (code, rows)
    and across definitions, until a paragraph or heading takes it or an item opens.
    """

    item: str | None = None  # the number an ordered item shows
    end: int | None = None  # the line after the item


class _Unsupported(Exception):
    """The source holds something this pass leaves to markdown-it."""


def _kind(value: Any) -> str:
    return value if type(value) is str else next(iter(value))


class _Chunk:
    """Lines [first, end) of a source between definitions, parsed by pulldown-cmark alone."""

    def __init__(self, marks: LineMarks, source: Source, first: int, end: int) -> None:
        self.marks = marks
        self.source = source
        self.first = first
        self.end = end
        start = marks.bMarks[first]
        stop = marks.bMarks[end] if end < len(marks.bMarks) else len(marks.src)
        self.text = marks.src[start:stop]
        self.data = self.text.encode()
        self.ascii = len(self.data) == len(self.text)
        self.byte_starts = [0, *(m.end() for m in re.finditer(b"\n", self.data))]

    def line(self, offset: int) -> int:
        """The source line of a byte offset in the chunk."""
        return bisect.bisect_right(self.byte_starts, offset) - 1 + self.first

    def column(self, offset: int) -> int:
        """The character column of a byte offset in its line."""
        index = bisect.bisect_right(self.byte_starts, offset) - 1
        begin = self.byte_starts[index]
        return offset - begin if self.ascii else len(self.data[begin:offset].decode())

    def references(self) -> list[tuple[str, Reference]]:
        if "]:" not in self.text:
            return []
        found = []
        # markdown-it ends a definition's block where CommonMark goes on reading its
        # paragraph (an indented line, a list marker): only a blank line, the end, or
        # another definition after one are read alike.
        lines = [self.line(m.start()) for m in _REFERENCE_LINE.finditer(self.data)]
        # Only a top-level one goes on a definition's block in both parsers: after an
        # indented line or a list item markdown-it reads code or a list, CommonMark
        # the definition's paragraph.
        starts = {self.line(m.start()) for m in _TOP_REFERENCE_LINE.finditer(self.data)}
        for line in lines:
            after = line + 1
            if after < self.end and after not in starts and not self.marks.is_blank(after):
                raise _Unsupported
        for label, definition in _parser().reference_definitions(self.text).items():
            dest = definition["dest"]
            lowered = dest.strip().lower()
            if _BAD_SCHEME.search(lowered) and not _GOOD_DATA.search(lowered):
                raise _Unsupported  # markdown-it reads no reference there: a paragraph
            found.append((normalize_label(label), Reference(dest, definition["title"] or "")))
        return found

    def blocks(self, pending: _Pending) -> list[Block]:
        return _Converter(self, pending).run()


class _Converter:
    """One chunk's events -> blocks, as `blocks._blocks` makes them from markdown-it's tokens."""

    def __init__(self, chunk: _Chunk, pending: _Pending) -> None:
        self.chunk = chunk
        self.marks = chunk.marks
        self.blocks: list[Block] = []
        self.indents = [0]  # the content column of each open list item
        self.numbers: list[int | None] = []  # the next number of each open list (None: bullets)
        self.pending = pending

    def run(self) -> list[Block]:
        chunk = self.chunk
        leaf: str | None = None
        loose: list[int] | None = None  # a tight item's inline run: [first byte, end byte]
        events: Iterator[tuple[Any, Range]] = _parser().events_with_range(chunk.text)
        for event, span in events:
            if leaf is not None:
                if type(event) is dict:
                    end = event.get("End")
                    if end is not None and _kind(end) == leaf:
                        leaf = None
                continue
            if type(event) is str:
                if event == "Rule":
                    if loose is not None:
                        self._paragraph(loose[0], loose[1], 0)
                        loose = None
                    continue
                kind = ""
            else:
                key, value = next(iter(event.items()))
                kind = _kind(value) if key in ("Start", "End") else ""
                if kind in _INLINE:
                    kind = ""
            if not kind:  # inline content outside a paragraph: a tight list item's
                if loose is None:
                    loose = [span["start"], span["end"]]
                else:
                    loose[1] = max(loose[1], span["end"])
                continue
            if loose is not None:
                self._paragraph(loose[0], loose[1], 0)
                loose = None
            if key == "End":
                if kind == "List":
                    self.numbers.pop()
                elif kind == "Item":
                    self.indents.pop()
                continue
            if kind in _LEAVES:
                leaf = kind
                self._leaf(kind, value, span["start"], span["end"])
            elif kind == "List":
                if len(self.numbers) >= _MAX_LISTS:
                    raise _Unsupported
                self.numbers.append(value["List"] if type(value) is dict else None)
            elif kind == "Item":
                self._item(span["start"], span["end"])
            else:
                raise _Unsupported  # block quotes, and what the options leave off
        if loose is not None:
            self._paragraph(loose[0], loose[1], 0)
        return self.blocks

    def _item(self, start: int, end: int) -> None:
        chunk, marks = self.chunk, self.marks
        line = chunk.line(start)
        text = marks.line(line)
        pos = chunk.column(start)
        if pos >= len(text):
            raise _Unsupported
        if text[pos] in "-+*":
            after = pos + 1
        else:
            after = pos
            while after < len(text) and text[after].isdigit():
                after += 1
            if after == pos or after >= len(text) or text[after] not in ".)":
                raise _Unsupported
            after += 1
        content = after
        while content < len(text) and text[content] == " ":
            content += 1
        spaces = content - after
        self.indents.append(after + (1 if content >= len(text) or spaces > 4 else spaces))
        marks.item_content(line, content)
        # The item ends where markdown-it's ends: at the next line that is not blank.
        last = chunk.line(end - 1) + 1
        while last < self.chunk.end and last < marks.line_max and marks.is_blank(last):
            last += 1
        self.pending.end = min(last, self.chunk.end)
        self.pending.item = None
        if self.numbers and self.numbers[-1] is not None:
            number = self.numbers[-1]
            self.pending.item = str(number)
            self.numbers[-1] = number + 1

    def _add(self, kind: str, first: int, content: str, level: int = 0) -> None:
        self.blocks.append(
            Block(
                kind,
                self.chunk.source,
                first,
                content,
                item=self.pending.item,
                item_end=self.pending.end,
                level=level,
            )
        )
        self.pending.item = None
        self.pending.end = None

    def _check_no_table(self, first: int, last: int) -> None:
        """A table markdown-it would start inside lines [first, last]: not this pass's."""
        marks = self.marks
        for line in range(first + 1, min(last + 2, self.chunk.end, marks.line_max)):
            if _DELIMITER_ROW.fullmatch(marks.line(line)) and "|" in marks.line(line - 1):
                raise _Unsupported

    def _paragraph(self, start: int, end: int, level: int) -> None:
        chunk = self.chunk
        first, last = chunk.line(start), chunk.line(end - 1)
        self._check_no_table(first, last)
        stop = last if level and last > first else last + 1  # a setext underline is not text
        content = self.marks.inline_content(first, stop, self.indents[-1])
        self._add("heading" if level else "para", first, content, level)

    def _leaf(self, kind: str, value: Any, start: int, end: int) -> None:
        chunk, marks = self.chunk, self.marks
        if kind == "Paragraph":
            self._paragraph(start, end, 0)
        elif kind == "Heading":
            level = int(value["Heading"]["level"][1:])
            first, last = chunk.line(start), chunk.line(end - 1)
            if last > first:
                self._paragraph(start, end, level)
            else:
                self._add("heading", first, _atx_content(marks, first), level)
        elif kind == "CodeBlock":
            self._code(value["CodeBlock"], chunk.line(start), chunk.line(end - 1))
        elif kind == "HtmlBlock":
            first, last = chunk.line(start), chunk.line(end - 1)
            content = marks.get_lines(first, last + 1, self.indents[-1], True)
            if not content.lstrip().lower().startswith(_SKIP_HTML_BLOCK):
                self.blocks.append(Block("html", chunk.source, first, content))
        else:
            self._table(chunk.line(start), chunk.line(end - 1))

    def _code(self, info: Any, first: int, last: int) -> None:
        marks, indent = self.marks, self.indents[-1]
        if info == "Indented":
            while last > first and marks.is_blank(last):
                last -= 1
            content = marks.get_lines(first, last + 1, 4 + indent, False) + "\n"
        else:
            stop, closed = _fence_end(marks, first, self.chunk.end, indent)
            if (closed and last != stop) or (not closed and last >= stop):
                raise _Unsupported
            content = marks.get_lines(first + 1, stop, marks.shift(first), True)
        self.blocks.append(Block("code", self.chunk.source, first, content))

    def _table(self, first: int, last: int) -> None:
        marks, indent, source = self.marks, self.indents[-1], self.chunk.source
        header = header_cells(marks, first, indent)
        if header is None:
            raise _Unsupported
        self.blocks.append(Block("row", source, first, "", cells=[(c, first) for c in header]))
        added = 0
        for line in range(first + 2, last + 1):
            if marks.is_blank(line) or marks.sCount[line] - indent >= 4:
                raise _Unsupported
            cells, empty = body_cells(marks, line, len(header))
            added += empty
            if added > MAX_AUTOCOMPLETED_CELLS:
                raise _Unsupported
            self.blocks.append(Block("row", source, line, "", cells=[(c, line) for c in cells]))
        after = last + 1
        if after < min(self.chunk.end, marks.line_max) and not marks.is_blank(after):
            opening = marks.line(after)[marks.tShift[after] :][:1]
            if marks.sCount[after] >= indent and opening not in _OPENS_BLOCK:
                raise _Unsupported  # a line markdown-it might read as one more row


def _atx_content(marks: LineMarks, line: int) -> str:
    """markdown-it's `heading` rule's content of an ATX heading line."""
    src = marks.src
    pos = marks.bMarks[line] + marks.shift(line)
    end = marks.eMarks[line]
    while pos < end and src[pos] == "#":
        pos += 1
    maximum = end
    while maximum > pos and src[maximum - 1] in " \t":
        maximum -= 1
    tmp = maximum
    while tmp > pos and src[tmp - 1] == "#":
        tmp -= 1
    if tmp > pos and src[tmp - 1] in " \t":
        maximum = tmp
    return trim(src[pos:maximum])


def _fence_end(marks: LineMarks, first: int, end: int, indent: int) -> tuple[int, bool]:
    """markdown-it's `fence` rule: the line after a fence's content, and whether it closes."""
    src = marks.src
    start = marks.bMarks[first] + marks.shift(first)
    marker = src[start]
    length = 0
    while start + length < len(src) and src[start + length] == marker:
        length += 1
    line = first
    while True:
        line += 1
        if line >= end or line >= marks.line_max:
            return line, False
        pos = marks.bMarks[line] + marks.tShift[line]
        maximum = marks.eMarks[line]
        if pos < maximum and marks.sCount[line] < indent:
            return line, False
        if pos >= len(src):
            return line, False
        if src[pos] != marker or marks.sCount[line] - indent >= 4:
            continue
        run = pos
        while run < maximum and src[run] == marker:
            run += 1
        if run - pos < length:
            continue
        while run < maximum and src[run] in " \t":
            run += 1
        if run < maximum:
            continue
        return line, True


def _is_definition(marks: LineMarks, chunk_first: int, line: int) -> bool:
    """Whether definition-like line `line` is one: not inside a fenced code or HTML block."""
    src = marks.src
    begin = marks.bMarks[chunk_first]
    if line == chunk_first or _MAY_ENCLOSE.search(src, begin, marks.bMarks[line]) is None:
        return True
    stop = marks.eMarks[line] + 1
    probe = src[begin:stop]
    offset = len(src[begin : marks.bMarks[line]].encode())
    for event, span in _parser().events_with_range(probe):
        if type(event) is dict:
            opened = event.get("Start")
            enclosing = opened is not None and _kind(opened) in ("CodeBlock", "HtmlBlock")
            if enclosing and span["start"] < offset < span["end"]:
                return False
    return True


def read_blocks(source: Source, refs: dict[str, Any], defs: list[Definition]) -> list[Block] | None:
    """The blocks of `source` with text, in order, or None: left to the markdown-it pass.

    Definitions found go to `defs`, link reference definitions to `refs` (only when
    the blocks are returned).
    """
    text = source.text
    if _UNSUPPORTED.search(text) is not None:
        return None
    marks = LineMarks(source)
    candidates: list[int] = []
    if "[^" in text:  # the lines where the definition rule would fire, outside code
        starts = marks.bMarks
        lines = (bisect.bisect_right(starts, m.start()) - 1 for m in _DEF_LINE.finditer(text))
        candidates = [line for line in lines if starts_definition(marks, line, source)]
    blocks: list[Block] = []
    found_refs: list[tuple[str, Reference]] = []
    found_defs: list[Definition] = []
    pending = _Pending()
    first = 0
    probes = 0
    index = 0
    try:
        while True:
            while index < len(candidates) and candidates[index] < first:
                index += 1
            stop = marks.line_max
            while index < len(candidates):
                line = candidates[index]
                if _is_definition(marks, first, line):
                    stop = line
                    break
                probes += 1
                if probes > _MAX_PROBES:
                    return None
                index += 1
            while first < stop and marks.is_blank(first):  # blank lines make no blocks
                first += 1
            if stop > first:
                end = marks.bMarks[stop] if stop < len(marks.bMarks) else len(text)
                if _INNER_DEF.search(text, marks.bMarks[first], end) is not None:
                    return None
                chunk = _Chunk(marks, source, first, stop)
                blocks += chunk.blocks(pending)
                found_refs += chunk.references()
            if stop >= marks.line_max:
                break
            definition, first = read_definition(marks, stop, marks.line_max, source)
            found_defs.append(definition)
    except _Unsupported:
        return None
    for label, reference in found_refs:
        if label and label not in refs:
            refs[label] = reference
    defs += found_defs
    return blocks
