"""The reader's two markdown-it block rules: plain paragraphs, and footnote definitions.

Both are written against markdown-it-py's plugin API (a rule over `StateBlock`, added
with `md.block.ruler`; see `blocks`). One makes a plain paragraph (one no other rule
could claim) without trying every rule on every line: the same tokens, at a fraction
of the cost. The other reads footnote definitions as pandoc does: the rest of the
`[^x]:` line, then unindented lazy lines, then after blank lines every block indented
by four columns. A definition's lines are dedented into a `Source` of their own, with
a map back to the file's lines and columns, for the block pass to parse again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Location

from .commonmark import trim
from .source import Definition, Source

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown_it.rules_block import StateBlock

# The env key under which the footnote rule finds the source being parsed.
ENV_SOURCE = "footcheck_source"
# Definitions nested inside definitions deeper than this are read as text.
_MAX_DEPTH = 4
_DEF_START = pattern_store.compile(r"\[\^([^\s\[\]]++)\]:")

# The first characters (after the indent) with which a line can start or end a block
# other than a paragraph, in the rules markdown-it's "commonmark" preset runs with
# tables and our footnote rule: `[` (footnote, reference), `|-:` (table delimiter
# row), backtick and `~` (fence), `>` (blockquote), `*-_` (rule), `*-+` and digits
# (list), `<` (HTML), `#` (heading), `=-` (setext underline).
_BLOCK_CHARS = frozenset("[|-:`~>*_+0123456789<#=")


def plain_paragraph(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Block rule, tried after `table`: a paragraph no other rule could claim, made cheaply.

    The same tokens as markdown-it's own chain, where every rule before `paragraph`
    is tried on the first line (and `lheading` and `paragraph` each try all the
    terminators on every further line). It is exact because it proves each of those
    rules false before it acts, and returns False (the chain runs as before) when it
    cannot:

    - the first line: the footnote rule and `table` (which also needs the next line)
      were tried before this rule and failed; the line is not indented as code, and
      its first character is not in `_BLOCK_CHARS`, so fence, blockquote, hr, list,
      reference, html_block and heading all fail on it.
    - each further line, as `paragraph` walks it: a blank line ends the paragraph;
      a lazy line (indented 4 more, or the blockquote quirk of a negative count)
      continues it, as there; a line that could be a setext underline for `lheading`
      gives up; any other line starting with a character of `_BLOCK_CHARS` or holding
      a `|` (`table` needs one in the line it starts on) is put to the paragraph
      terminators exactly as `paragraph` does; the rest no terminator can claim.

    `lheading` walks the same lines (a prefix of them) and, failing, leaves
    `parentType` set to "paragraph", which `paragraph` keeps: so does this rule.
    """
    if silent:
        return False
    blk = state.blkIndent
    s_count = state.sCount
    if s_count[start] - blk >= 4:
        return False
    src = state.src
    b_marks = state.bMarks
    t_shift = state.tShift
    e_marks = state.eMarks
    first = b_marks[start] + t_shift[start]
    if src[first] in _BLOCK_CHARS:
        return False
    parent = state.parentType
    line = start + 1
    line_max = state.lineMax
    terminators: list[Callable[[StateBlock, int, int, bool], bool]] | None = None
    while line < line_max:
        first = b_marks[line] + t_shift[line]
        eol = e_marks[line]
        if first >= eol:
            break
        if s_count[line] - blk > 3 or s_count[line] < 0:
            line += 1
            continue
        ch = src[first]
        if ch in _BLOCK_CHARS or src.find("|", first, eol) >= 0:
            if ch in "-=" and s_count[line] >= blk and not src[first:eol].rstrip(" \t").lstrip(ch):
                state.parentType = parent
                return False  # a setext underline: lheading's
            if terminators is None:
                terminators = state.md.block.ruler.getRules("paragraph")
                state.parentType = "paragraph"
            if any(rule(state, line, line_max, True) for rule in terminators):
                break
        line += 1

    state.parentType = "paragraph"
    state.line = line
    token = state.push("paragraph_open", "p", 1)
    token.map = [start, line]
    token = state.push("inline", "", 0)
    token.content = trim(state.getLines(start, line, blk, False))
    token.map = [start, line]
    token.children = []
    state.push("paragraph_close", "p", -1)
    return True


class LineState(Protocol):
    """The per-line marks a block rule reads: markdown-it's `StateBlock`, or `lines.LineMarks`."""

    src: str
    bMarks: list[int]
    eMarks: list[int]
    tShift: list[int]
    sCount: list[int]
    blkIndent: int


def _cut(state: LineState, line: int, columns: int) -> int:
    """The position in `state.src` after `columns` columns of the line's leading blanks."""
    pos = state.bMarks[line]
    end = pos + state.tShift[line]
    col = 0
    src = state.src
    while pos < end and col < columns:
        col = col + 4 - col % 4 if src[pos] == "\t" else col + 1
        pos += 1
    return pos


def starts_definition(state: LineState, start: int, source: Source | None) -> bool:
    """Whether line `start` opens a `[^label]:` definition that the rule reads."""
    src = state.src
    pos = state.bMarks[start] + state.tShift[start]
    if not src.startswith("[^", pos):  # the cheap test first: most lines fail it
        return False
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    if _DEF_START.match(src, pos, state.eMarks[start]) is None:
        return False
    return source is not None and source.depth < _MAX_DEPTH


def read_definition(
    state: LineState, start: int, end: int, source: Source
) -> tuple[Definition, int]:
    """The definition that line `start` opens (`starts_definition`), and the line after it.

    Its extent as pandoc reads it; shared by both block passes (`blocks`,
    `pyromark_blocks`), so that they cut definitions alike.
    """
    src = state.src
    b_marks = state.bMarks
    e_marks = state.eMarks
    t_shift = state.tShift
    s_count = state.sCount
    blk = state.blkIndent
    def_start = _DEF_START.match
    pos = b_marks[start] + t_shift[start]
    eol = e_marks[start]
    match = def_start(src, pos, eol)
    source_starts = source.starts
    line_start = source_starts[start]
    labels: list[tuple[str, Location]] = []
    while match is not None:
        labels.append((match.group(1), source.location(start, match.start() - line_start)))
        pos = match.end()
        while pos < eol and src[pos] in " \t":
            pos += 1
        match = def_start(src, pos, eol)
    # (start in state.src, end in state.src, line) of each content line
    parts: list[tuple[int, int, int]] = []
    if pos < eol:
        parts.append((pos, eol, start))
    last = start
    blank = False
    line = start + 1
    while line < end:
        begin = b_marks[line] + t_shift[line]
        line_end = e_marks[line]
        if begin >= line_end:
            blank = True
            line += 1
            continue
        if s_count[line] - blk < 4:
            if blank or def_start(src, begin, line_end) is not None:
                break
            cut = begin
        else:
            cut = _cut(state, line, blk + 4)
        if blank and parts:
            parts.append((cut, cut, -1))  # keep the blank line between blocks
        parts.append((cut, line_end, line))
        blank = False
        last = line
        line += 1

    source_lines = source.lines
    source_cols = source.cols
    if len(parts) == 1 and parts[0][2] == start:  # the common one-line definition
        a, b, _ = parts[0]
        body_text = src[a:b]
        lines = [source_lines[start]]
        cols = [source_cols[start] + a - line_start]
        starts = [0]
    else:
        texts: list[str] = []
        lines = []
        cols = []
        starts = []  # the body's line starts, known here without a search
        offset = 0
        prev = start
        for a, b, ln in parts:
            texts.append(src[a:b])
            starts.append(offset)
            offset += b - a + 1
            if ln < 0:  # blank separator: place it at the line before the next part
                ln = prev
                a = source_starts[ln]
            lines.append(source_lines[ln])
            cols.append(source_cols[ln] + a - source_starts[ln])
            prev = ln
        if not texts:
            lines.append(source_lines[start])
            cols.append(source_cols[start] + pos - line_start)
            starts.append(0)
        body_text = "\n".join(texts)
    body = Source(body_text, lines, cols, source.depth + 1, starts)
    return Definition(labels, body), last + 1


def footnote_definition(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Block rule: a `[^label]:` definition, its extent as pandoc reads it."""
    source: Source | None = state.env.get(ENV_SOURCE)
    if not starts_definition(state, start, source):
        return False
    if silent:
        return True
    assert source is not None  # starts_definition says so
    definition, state.line = read_definition(state, start, end, source)
    token = state.push("footcheck_footnote", "", 0)
    token.map = [start, state.line]
    token.meta = {"def": definition}
    return True
