"""The Markdown reader: `[^label]` footnotes, inline notes, and the plain `[N]` convention.

`parse(data, path)` turns a Markdown report into a `Document`:

- References `[^label]` are markers (also when no definition exists: FN001 must see
  them); definitions `[^label]:` with their indented continuation blocks are notes;
  inline notes `^[text]` get the labels "inline-1", "inline-2"... in document order.
- YAML front matter at the very top gives `metadata["date"]` (also from `published`,
  `pubDate`, `date_published`) and `metadata["title"]`; nothing in it is body text.
- Nothing inside code spans, code blocks, HTML comments or front matter counts.
- A document without any `[^...]` note read the way Word-converted reports write
  notes: `[N]` or superscript markers in the body and a numbered list of notes,
  usually under a Notes/Endnotes/Footnotes/References heading (`plainmarks`).

How it reads a file (speed matters: this runs in pre-commit hooks on whole folders):

1. Blocks: markdown-it-py's block pass alone (no inline pass), with two rules of our
   own. One, tried first, makes a plain paragraph (one no other rule could claim)
   without trying every rule on every line: the same tokens, at a fraction of the
   cost. The other reads footnote definitions as pandoc does: the rest of the
   `[^x]:` line, then unindented lazy lines, then after blank lines every block
   indented by four columns. A definition's lines are dedented into a small source
   of their own and block-parsed again, with a map back to the file's lines and
   columns.
2. Inlines: one left-to-right scan per block, jumping between the characters that
   can start syntax with a compiled regex: code spans (backtick runs paired through
   an index of runs, so unmatched runs cost nothing), `[^x]` markers, `^[...]`
   inline notes and links closed on a bracket stack, autolinks, raw HTML, entities,
   backslash escapes, emphasis delimiters. Text comes out as pandoc renders it
   (link text without its URL, image alt text left out, `--`/`---` as dashes);
   markers go to a `TextBuilder` at their offsets with their tokens removed.

Every regex is compiled once and runs in linear time over the input; inputs such as
300,000 `[^` or a 10 MB line finish in seconds. Only `DocumentError` escapes.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from footcheck.footnotes.model import Document, Location, Note, Paragraph

from .decode import decode
from .plainmarks import MarkerSpan, find_markers, is_notes_heading, match_note_start
from .textbuild import TextBuilder

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token

__all__ = ["FORMAT", "parse"]

FORMAT = "markdown"

_FOOTNOTE_KIND = "footnote"
_PLAIN_KIND = "endnote"
_INLINE_PREFIX = "inline-"
# Definitions nested inside definitions deeper than this are read as text.
_MAX_DEPTH = 4
_LABEL_MAX = 999  # CommonMark's limit on a link label

_ENV_SOURCE = "footcheck_source"
_ENV_REFS = "references"

# --- regexes (compiled once, linear) -------------------------------------------------

_NEWLINES = re.compile(r"\r\n?")
_NL = re.compile(r"\n")
_SPECIAL = re.compile(r"[\\`\[\]^!<&*_~\n]")
_FOOTREF = re.compile(r"\[\^([^\s\[\]]++)\]")
_DEF_START = re.compile(r"\[\^([^\s\[\]]++)\]:")
_TICKS = re.compile(r"`++")
_DELIMS = re.compile(r"\*++|_++|~++")
_DEST = re.compile(
    r"""\([ \t\n]*+(?:<[^<>\n]*+>|[^\s()<>]*+(?:\([^\s()]*+\)[^\s()]*+)*+)"""
    r"""(?:\s++(?:"[^"]*+"|'[^']*+'|\([^()]*+\)))?+\s*+\)"""
)
_REFLABEL = re.compile(r"\[([^\[\]]{0,999}+)\]")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}+:[^\s<>]*+)>")
_EMAIL = re.compile(r"<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]++@[A-Za-z0-9][A-Za-z0-9.\-]*+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9\-]*+(?:[\s/][^<>]*+)?+>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}+|#[xX][0-9a-fA-F]{1,6}+|[A-Za-z][A-Za-z0-9]{1,31}+);")
_SPACE_RUN = re.compile(r"\s++")
_FRONT_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_\-]*+)[ \t]*+:(?:[ \t]++(.*))?$")
_ATX_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
# A Word or HTML export's linked marker, `[[1]](#_ftn1)` or `[\[1\]](#_ftn1)`, probed as `[1]`.
# A definition body that can only be one paragraph: no blank line, and no line that
# could open another block (list, quote, heading, fence, table, HTML, rule, reference).
_SIMPLE_BODY = re.compile(r"(?:[ \t]{0,3}+[^\s#>\-+*=|<`~:\d_\[{$][^\n]*+(?:\n|$))*+")
_SKIP_HTML_BLOCK = ("<!--", "<script", "<style", "<pre", "<textarea", "<?", "<!")

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_DATE_KEYS = ("date", "published", "pubdate", "date_published")

# The whitespace markdown-it trims from a paragraph and from a link label (as
# JavaScript's `trim` does, less U+FEFF): ASCII whitespace, the Zs spaces, and the
# line and paragraph separators. Python's `str.strip()` would also take U+001C-U+001F
# and U+0085, which CommonMark keeps.
_TRIM_CHARS = (
    "\t\n\v\f\r "  # ASCII whitespace
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"  # Zs, the space separators
    "\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
    "\u2028\u2029"  # the line and paragraph separators
)
_TRIM_RUN = re.compile(f"[{re.escape(_TRIM_CHARS)}]+")


# --- sources: text plus a map back to the file -----------------------------------------


@dataclass(slots=True)
class _Source:
    """Text to block-parse, with each of its lines' place in the file.

    The main source is the file itself; a footnote definition's dedented lines form a
    source of their own. `lines[i]` is the file's 1-based line of line i, `cols[i]` the
    0-based column in that file line where line i's text begins.
    """

    text: str
    lines: list[int]
    cols: list[int]
    depth: int = 0
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.starts:
            self.starts = [0, *(m.end() for m in _NL.finditer(self.text))]

    def line_text(self, i: int) -> str:
        start = self.starts[i]
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.text[start:end]

    def location(self, line: int, col: int) -> Location:
        """The file location of 0-based column `col` of this source's line `line`."""
        if line >= len(self.lines):
            line = len(self.lines) - 1
        return Location(self.lines[line], self.cols[line] + col + 1)


@dataclass(slots=True)
class _Def:
    """A footnote definition: its labels (`[^1]:[^2]: x` defines two) and its content."""

    labels: list[tuple[str, Location]]
    body: _Source


@dataclass(slots=True)
class _Block:
    """One block with inline content, as the block pass found it."""

    kind: str  # "para", "heading", "html", "code", "row"
    source: _Source
    first: int  # first line in source
    content: str
    cells: list[tuple[str, int]] | None = None  # a table row's cells: (content, line)
    item: str | None = None  # the number an ordered list item displays, if the block opens one
    item_typed: str = ""  # the number as typed ("1" in a list typed "1. 1. 1.")
    in_list: bool = False


# --- the block pass -------------------------------------------------------------------

_MD: MarkdownIt | None = None


def _markdown_it() -> MarkdownIt:
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark", {"maxNesting": 20}).enable("table")
        md.block.ruler.before(
            "table",
            "footcheck_footnote",
            _footnote_rule,
            {"alt": ["paragraph", "reference", "blockquote", "list"]},
        )
        # Tried right after the table rule, and a terminator of nothing (no "alt"):
        # see _plain_paragraph.
        md.block.ruler.after("table", "footcheck_paragraph", _plain_paragraph)
        _MD = md
    return _MD


# The first characters (after the indent) with which a line can start or end a block
# other than a paragraph, in the rules markdown-it's "commonmark" preset runs with
# tables and our footnote rule: `[` (footnote, reference), `|-:` (table delimiter
# row), backtick and `~` (fence), `>` (blockquote), `*-_` (rule), `*-+` and digits
# (list), `<` (HTML), `#` (heading), `=-` (setext underline).
_BLOCK_CHARS = frozenset("[|-:`~>*_+0123456789<#=")


def _plain_paragraph(state: StateBlock, start: int, end: int, silent: bool) -> bool:
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
    token.content = _trim(state.getLines(start, line, blk, False))
    token.map = [start, line]
    token.children = []
    state.push("paragraph_close", "p", -1)
    return True


def _cut(state: StateBlock, line: int, columns: int) -> int:
    """The position in `state.src` after `columns` columns of the line's leading blanks."""
    pos = state.bMarks[line]
    end = pos + state.tShift[line]
    col = 0
    src = state.src
    while pos < end and col < columns:
        col = col + 4 - col % 4 if src[pos] == "\t" else col + 1
        pos += 1
    return pos


def _footnote_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Block rule: a `[^label]:` definition, its extent as pandoc reads it."""
    src = state.src
    pos = state.bMarks[start] + state.tShift[start]
    if not src.startswith("[^", pos):  # the cheap test first: most lines fail it
        return False
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    eol = state.eMarks[start]
    match = _DEF_START.match(src, pos, eol)
    if match is None:
        return False
    source: _Source | None = state.env.get(_ENV_SOURCE)
    if source is None or source.depth >= _MAX_DEPTH:
        return False
    if silent:
        return True
    line_start = source.starts[start]
    labels: list[tuple[str, Location]] = []
    while match is not None:
        labels.append((match.group(1), source.location(start, match.start() - line_start)))
        pos = match.end()
        while pos < eol and src[pos] in " \t":
            pos += 1
        match = _DEF_START.match(src, pos, eol)
    # (start in state.src, end in state.src, line) of each content line
    parts: list[tuple[int, int, int]] = []
    if pos < eol:
        parts.append((pos, eol, start))
    last = start
    blank = False
    line = start + 1
    while line < end:
        begin = state.bMarks[line] + state.tShift[line]
        if begin >= state.eMarks[line]:
            blank = True
            line += 1
            continue
        indent = state.sCount[line] - state.blkIndent
        if indent < 4:
            if blank or _DEF_START.match(src, begin, state.eMarks[line]) is not None:
                break
            cut = begin
        else:
            cut = _cut(state, line, state.blkIndent + 4)
        if blank and parts:
            parts.append((cut, cut, -1))  # keep the blank line between blocks
        parts.append((cut, state.eMarks[line], line))
        blank = False
        last = line
        line += 1
    state.line = last + 1

    texts: list[str] = []
    lines: list[int] = []
    cols: list[int] = []
    starts: list[int] = []  # the body's line starts, known here without a search
    offset = 0
    prev = start
    for a, b, ln in parts:
        texts.append(src[a:b])
        starts.append(offset)
        offset += b - a + 1
        if ln < 0:  # blank separator: place it at the line before the next part
            ln = prev
            a = source.starts[ln]
        lines.append(source.lines[ln])
        cols.append(source.cols[ln] + a - source.starts[ln])
        prev = ln
    if not texts:
        lines.append(source.lines[start])
        cols.append(source.cols[start] + pos - line_start)
        starts.append(0)
    body = _Source("\n".join(texts), lines, cols, source.depth + 1, starts)

    token = state.push("footcheck_footnote", "", 0)
    token.map = [start, state.line]
    token.meta = {"def": _Def(labels, body)}
    return True


def _block_parse(source: _Source, refs: dict[str, Any]) -> list[Token]:
    md = _markdown_it()
    env: dict[str, Any] = {_ENV_REFS: refs, _ENV_SOURCE: source}
    tokens: list[Token] = []
    md.block.parse(source.text, md, env, tokens)
    return tokens


def _blocks(tokens: Iterable[Token], source: _Source, defs: list[_Def]) -> list[_Block]:
    """The blocks with text, in order; definitions found go to `defs`."""
    blocks: list[_Block] = []
    lists: list[bool] = []
    numbers: list[int] = []  # the next number of each open ordered list
    pending: str | None = None
    typed = ""
    row: list[tuple[str, int]] | None = None
    row_line = 0
    heading = False
    for tok in tokens:
        kind = tok.type
        if kind == "inline":
            first = tok.map[0] if tok.map else 0
            if row is not None:
                row.append((tok.content, first))
            else:
                blocks.append(
                    _Block(
                        "heading" if heading else "para",
                        source,
                        first,
                        tok.content,
                        item=pending,
                        item_typed=typed,
                        in_list=bool(lists),
                    )
                )
                pending = None
        elif kind == "paragraph_open":
            heading = False
        elif kind == "heading_open":
            heading = True
        elif kind == "ordered_list_open":
            lists.append(True)
            start = tok.attrGet("start")
            numbers.append(
                int(start) if isinstance(start, (int, str)) and str(start).isdigit() else 1
            )
        elif kind == "bullet_list_open":
            lists.append(False)
        elif kind in ("ordered_list_close", "bullet_list_close"):
            if lists and lists.pop() and numbers:
                numbers.pop()
        elif kind == "list_item_open":
            # Renderers number an ordered list from its start, whatever each item says.
            pending, typed = None, ""
            if lists and lists[-1] and numbers:
                pending, typed = str(numbers[-1]), tok.info
                numbers[-1] += 1
        elif kind == "tr_open":
            row = []
            row_line = tok.map[0] if tok.map else 0
        elif kind == "tr_close":
            if row is not None:
                blocks.append(_Block("row", source, row_line, "", cells=row, in_list=bool(lists)))
            row = None
        elif kind in ("code_block", "fence"):
            first = tok.map[0] if tok.map else 0
            blocks.append(_Block("code", source, first, tok.content, in_list=bool(lists)))
        elif kind == "html_block":
            if not tok.content.lstrip().lower().startswith(_SKIP_HTML_BLOCK):
                first = tok.map[0] if tok.map else 0
                blocks.append(_Block("html", source, first, tok.content, in_list=bool(lists)))
        elif kind == "footcheck_footnote":
            defs.append(tok.meta["def"])
    return blocks


# --- front matter ---------------------------------------------------------------------


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    """The text with its YAML front matter blanked (lines kept), and the metadata found."""
    if not text.startswith("---"):
        return text, {}
    first_end = text.find("\n")
    if first_end < 0 or text[3:first_end].strip():
        return text, {}
    pos = first_end + 1
    found: dict[str, str] = {}
    while pos <= len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        if line.rstrip() in ("---", "..."):
            blanked = "\n" * text.count("\n", 0, end) + text[end:]
            meta: dict[str, str] = {}
            for key in _DATE_KEYS:
                if key in found:
                    meta["date"] = found[key]
                    break
            if "title" in found:
                meta["title"] = found["title"]
            return blanked, meta
        match = _FRONT_KEY.match(line)
        if match is not None and match.group(2):
            key = match.group(1).lower()
            value = match.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1].strip()
            if value and key not in found:
                found[key] = value
        if nl < 0:
            break
        pos = nl + 1
    return text, {}  # never closed: not front matter


# --- the inline scan ------------------------------------------------------------------


class _Mark:
    """A marker piece; an inline note's label is set when the block is done."""

    __slots__ = ("label", "location")

    def __init__(self, label: str, location: Location) -> None:
        self.label = label
        self.location = location


# A piece is text in its final form (source text with `--`/`---` already made dashes;
# code, URLs, escapes and entities literal) or a marker.
_Piece = str | _Mark


@dataclass(slots=True)
class _InlineNote:
    mark: _Mark
    pieces: list[_Piece]
    position: int


@dataclass(slots=True)
class _Opener:
    kind: str  # "link", "image", "note"
    start: int  # position of "[" ("!" or "^" for images and notes)
    index: int  # index of its piece


class _Locator:
    """Offsets in a block's inline content -> file locations.

    Most blocks are one line and most are asked only where they start, so the index of
    the content's newlines is made on the first question about a later line.
    """

    __slots__ = ("_cursor", "_first", "_inline", "_lead", "_nl", "_nl0", "_source", "content")

    def __init__(self, source: _Source, first: int, content: str, *, inline: bool) -> None:
        self._source = source
        self._first = first
        self.content = content
        self._nl0 = content.find("\n")  # the first newline, -1 if none
        self._nl: list[int] | None = None if self._nl0 >= 0 else []
        self._lead: dict[int, int] = {}
        self._inline = inline
        self._cursor = -1

    def _newlines(self) -> list[int]:
        if self._nl is None:
            self._nl = [m.start() for m in _NL.finditer(self.content, self._nl0)]
        return self._nl

    def cell(self, cursor: int) -> int:
        """Locate a table cell on its line from `cursor` on; returns the end of the cell."""
        self._cursor = cursor
        self._lead.clear()
        col = self._lead_of(0)
        return col + len(self.content)

    def _lead_of(self, k: int) -> int:
        col = self._lead.get(k)
        if col is not None:
            return col
        if k:
            nl = self._newlines()
            start = nl[k - 1] + 1
            end = nl[k] if k < len(nl) else len(self.content)
        else:
            start = 0
            end = self._nl0 if self._nl0 >= 0 else len(self.content)
        piece = self.content[start:end]
        line = self._source.line_text(min(self._first + k, len(self._source.starts) - 1))
        if self._cursor >= 0:
            found = line.find(piece, self._cursor) if piece else self._cursor
            col = found if found >= 0 else self._cursor
        else:
            tail = piece.rstrip()
            stripped = line.rstrip()
            if self._inline and tail and stripped.endswith(tail):
                col = len(stripped) - len(tail)
            else:
                body = piece.lstrip()
                found = line.find(body) if body else -1
                col = max(0, found - (len(piece) - len(body))) if found >= 0 else 0
        self._lead[k] = col
        return col

    def __call__(self, offset: int) -> Location:
        if self._nl0 < 0 or offset <= self._nl0:  # on the first line
            return self._source.location(self._first, self._lead_of(0) + offset)
        nl = self._newlines()
        k = bisect.bisect_left(nl, offset)
        start = nl[k - 1] + 1 if k else 0
        return self._source.location(self._first + k, self._lead_of(k) + offset - start)

    def start(self) -> Location:
        body = self.content.lstrip()
        return self(len(self.content) - len(body))


def _is_punct(ch: str) -> bool:
    if ch.isascii():
        return ch in _ASCII_PUNCT
    return unicodedata.category(ch)[0] in "PS"


def _delimiter_is_syntax(run: str, before: str, after: str) -> bool:
    """Whether an emphasis or strikeout run would be markup (CommonMark flanking rules)."""
    space_before = not before or before.isspace()
    space_after = not after or after.isspace()
    punct_before = bool(before) and _is_punct(before)
    punct_after = bool(after) and _is_punct(after)
    left = not space_after and (not punct_after or space_before or punct_before)
    right = not space_before and (not punct_before or space_after or punct_after)
    ch = run[0]
    if ch == "~":
        return len(run) == 2 and (left or right)
    if ch == "_":
        return (left and (not right or punct_before)) or (right and (not left or punct_after))
    return left or right


class _Scanner:
    """Inline syntax of one block -> pieces of text and markers, plus inline notes."""

    __slots__ = ("_tick_index", "_tick_runs", "locate", "marked", "notes", "refs", "text")

    def __init__(self, text: str, locate: Callable[[int], Location], refs: Mapping[str, Any]):
        self.text = text
        self.locate = locate
        self.refs = refs
        self.notes: list[_InlineNote] = []
        # Whether any marker piece was made. None is ever dropped (an image's alt text
        # keeps its markers; an inline note's pieces move into the note, whose own
        # marker takes their place), so this says whether the block or one of its
        # notes holds a marker.
        self.marked = False
        self._tick_runs: dict[int, list[int]] | None = None
        self._tick_index: dict[int, int] = {}

    def _closing_ticks(self, length: int, after: int) -> int:
        """Start of the next run of exactly `length` backticks at or after `after`, or -1."""
        if self._tick_runs is None:
            runs: dict[int, list[int]] = {}
            for m in _TICKS.finditer(self.text):
                runs.setdefault(m.end() - m.start(), []).append(m.start())
            self._tick_runs = runs
        starts = self._tick_runs.get(length)
        if not starts:
            return -1
        i = self._tick_index.get(length, 0)
        while i < len(starts) and starts[i] < after:
            i += 1
        self._tick_index[length] = i
        return starts[i] if i < len(starts) else -1

    def _is_ref(self, label: str) -> bool:
        return _is_ref(self.refs, label)

    def scan(self, plain: list[MarkerSpan] | None = None) -> list[_Piece]:
        s = self.text
        n = len(s)
        pieces: list[_Piece] = []
        append = pieces.append
        search = _SPECIAL.search
        stack: list[_Opener] = []
        comment_end = -2  # cached end of the next "-->" (-1: none left)
        # Smart dashes are made in each run of source text as it is cut (a run never
        # holds part of an escape, code span, URL or entity); with no "--" in the
        # block there is nothing to make.
        dashes = "--" in s
        spans = plain or []
        n_spans = len(spans)
        si = 0
        pos = 0
        limit = n
        while pos < n:
            if n_spans:
                while si < n_spans and spans[si].start < pos:
                    si += 1
                limit = spans[si].start if si < n_spans else n
            m = search(s, pos, limit)
            if m is None:
                if pos < limit:
                    append(_smart(s[pos:limit]) if dashes else s[pos:limit])
                if si < n_spans:
                    span = spans[si]
                    self.marked = True
                    for label in span.labels:
                        append(_Mark(label, self.locate(span.start)))
                    pos = span.end
                    si += 1
                    continue
                break
            i = m.start()
            if i > pos:
                append(_smart(s[pos:i]) if dashes else s[pos:i])
            c = s[i]
            pos = i + 1
            # The branches in order of how often they are taken in reports.
            if c in "*_~":
                run = _DELIMS.match(s, i)
                assert run is not None
                pos = run.end()
                # A `*` run next to a letter or digit is always markup (it flanks on
                # that side): the common case, decided without the flanking rules.
                if c == "*" and (s[i - 1 : i] in _ALNUM or s[pos : pos + 1] in _ALNUM):
                    continue
                before = s[i - 1] if i else ""
                after = s[pos] if pos < n else ""
                if not _delimiter_is_syntax(run.group(), before, after):
                    append(run.group())
            elif c == "[":
                if s.startswith("^", pos):
                    ref = _FOOTREF.match(s, i)
                    if ref is not None:
                        self.marked = True
                        append(_Mark(ref.group(1), self.locate(i)))
                        pos = ref.end()
                        continue
                stack.append(_Opener("link", i, len(pieces)))
                append("[")
            elif c == "<":
                if s.startswith("<!--", i):
                    if comment_end == -2 or (0 <= comment_end < i + 4):
                        comment_end = s.find("-->", i + 4)
                    if comment_end >= 0:
                        pos = comment_end + 3
                        continue
                    append("<")
                    continue
                auto = _AUTOLINK.match(s, i) or _EMAIL.match(s, i)
                if auto is not None:
                    append(auto.group(1))
                    pos = auto.end()
                    continue
                tag = _TAG.match(s, i)
                if tag is not None:
                    pos = tag.end()
                    if tag.group().lower().startswith(("<br", "<p", "</p", "<div", "</div")):
                        append(" ")
                    continue
                append("<")
            elif c == "]":
                pos = self._close(stack, pieces, i)
            elif c == "&":
                ent = _ENTITY.match(s, i)
                if ent is not None:
                    append(html.unescape(ent.group()))
                    pos = ent.end()
                else:
                    append("&")
            elif c == "`":
                run = _TICKS.match(s, i)
                assert run is not None
                length = run.end() - i
                close = self._closing_ticks(length, run.end())
                if close < 0:
                    append(run.group())
                    pos = run.end()
                else:
                    code = s[run.end() : close].replace("\n", " ")
                    if len(code) > 2 and code[0] == " " and code[-1] == " " and code.strip():
                        code = code[1:-1]
                    append(code)
                    pos = close + length
            elif c == "\\":
                nxt = s[pos : pos + 1]
                if nxt in _ASCII_PUNCT and nxt:
                    append(nxt)
                    pos = i + 2
                elif nxt == "\n":
                    append("\n")
                    pos = i + 2
                else:
                    append("\\")
            elif c == "\n":
                append("\n")
            elif c == "!" and s.startswith("[", pos) and not s.startswith("[^", pos):
                stack.append(_Opener("image", i, len(pieces)))
                append("![")
                pos = i + 2
            elif c == "^" and s.startswith("[", pos):
                stack.append(_Opener("note", i, len(pieces)))
                append("^[")
                pos = i + 2
            else:  # "!" or "^" not opening a bracket
                append(c)
        return pieces

    def _close(self, stack: list[_Opener], pieces: list[_Piece], i: int) -> int:
        """A `]` at `i`: close the innermost opener; returns where scanning goes on."""
        s = self.text
        if not stack:
            pieces.append("]")
            return i + 1
        opener = stack.pop()
        nxt = s[i + 1] if i + 1 < len(s) else ""
        if opener.kind == "note":
            if nxt == "{":  # pandoc's bracketed span ^[text]{.class}: not a note
                pieces.append("]")
                return i + 1
            content = pieces[opener.index + 1 :]
            del pieces[opener.index :]
            mark = _Mark("", self.locate(opener.start))
            self.marked = True
            self.notes.append(_InlineNote(mark, content, opener.start))
            pieces.append(mark)
            return i + 1
        end = -1
        if nxt == "(":
            dest = _DEST.match(s, i + 1)
            if dest is not None:
                end = dest.end()
        elif nxt == "[":
            ref = _REFLABEL.match(s, i + 1)
            if ref is not None:
                skip = 2 if opener.kind == "image" else 1
                label = ref.group(1)
                if not label and i - opener.start - skip <= _LABEL_MAX:
                    label = s[opener.start + skip : i]  # a longer label is never a reference
                if self._is_ref(label):
                    end = ref.end()
        if end < 0 and nxt not in ("(", "[") and i - opener.start <= _LABEL_MAX + 2:
            label = s[opener.start + (2 if opener.kind == "image" else 1) : i]
            if self._is_ref(label):
                end = i + 1
        if end < 0:
            pieces.append("]")
            return i + 1
        if opener.kind == "image":  # alt text is left out, markers in it are kept
            kept = [p for p in pieces[opener.index :] if isinstance(p, _Mark)]
            del pieces[opener.index :]
            pieces.extend(kept)
        else:
            pieces[opener.index] = ""
        return end


def _trim(text: str) -> str:
    """`text` without the whitespace CommonMark trims at either end."""
    return text.strip(_TRIM_CHARS)


def _normalize_label(label: str) -> str:
    """A link label as markdown-it keys `env["references"]` by.

    CommonMark's matching: trimmed, inner whitespace runs made one space, and case
    folded, which markdown-it does as lower case then upper case.
    """
    return _TRIM_RUN.sub(" ", _trim(label)).lower().upper()


def _is_ref(refs: Mapping[str, Any], label: str) -> bool:
    """Whether `label` names a link reference definition of the document."""
    if not refs or not label or len(label) > _LABEL_MAX:
        return False
    return _normalize_label(label) in refs


def _smart(text: str) -> str:
    if "--" in text:
        text = text.replace("---", "\u2014").replace("--", "\u2013")
    return text


def _emit(pieces: list[_Piece], builder: TextBuilder, *, marked: bool = True) -> None:
    """Add the pieces to `builder`: the text between markers in one run each.

    `marked` False says no piece is a marker (the scanner knows): the text is one run.
    """
    if not marked:
        builder.add_text("".join(cast("list[str]", pieces)))
        return
    run: list[str] = []
    for piece in pieces:
        if type(piece) is _Mark:
            if run:
                builder.add_text("".join(run))
                run.clear()
            builder.add_marker(piece.label, piece.location)
        else:
            run.append(cast(str, piece))
    if run:
        builder.add_text("".join(run))


# --- assembling the document ----------------------------------------------------------


class _Reader:
    """One document's reading: blocks and definitions -> paragraphs and notes."""

    def __init__(self, refs: Mapping[str, Any]) -> None:
        self.refs = refs
        self.inline_count = 0
        self.notes: list[tuple[Location, Note]] = []
        self.marker_seen = False

    def _inline_notes(self, scanner: _Scanner) -> None:
        for note in sorted(scanner.notes, key=lambda x: x.position):
            self.inline_count += 1
            note.mark.label = f"{_INLINE_PREFIX}{self.inline_count}"
        for note in scanner.notes:
            builder = TextBuilder()
            _emit(note.pieces, builder)
            loc = note.mark.location
            self.notes.append((loc, builder.note(note.mark.label, loc, _FOOTNOTE_KIND)))

    def _scan_into(
        self,
        builder: TextBuilder,
        scanner: _Scanner,
        plain: list[MarkerSpan] | None = None,
    ) -> None:
        pieces = scanner.scan(plain)
        if scanner.notes:
            self._inline_notes(scanner)
        if scanner.marked:
            self.marker_seen = True
        _emit(pieces, builder, marked=scanner.marked)

    def block_into(
        self,
        block: _Block,
        builder: TextBuilder,
        *,
        code_text: bool,
        plain: Callable[[str], list[MarkerSpan]] | None = None,
    ) -> Location:
        """Add one block's text and markers to `builder`; returns where the block starts."""
        if block.kind == "code":
            loc = block.source.location(block.first, 0)
            if code_text:
                builder.add_break()
                builder.add_text(block.content)
            return loc
        if block.kind == "row":
            start: Location | None = None
            cursor = 0
            for content, line in block.cells or []:
                locator = _Locator(block.source, line, content, inline=True)
                cursor = locator.cell(cursor)
                if start is None:
                    start = locator(0)
                builder.add_break()
                spans = plain(content) if plain else None
                self._scan_into(builder, _Scanner(content, locator, self.refs), spans)
            return start or block.source.location(block.first, 0)
        locator = _Locator(block.source, block.first, block.content, inline=block.kind != "html")
        builder.add_break()
        spans = plain(block.content) if plain else None
        self._scan_into(builder, _Scanner(block.content, locator, self.refs), spans)
        return locator.start()

    def paragraph(
        self, block: _Block, plain: Callable[[str], list[MarkerSpan]] | None = None
    ) -> Paragraph | None:
        builder = TextBuilder()
        loc = self.block_into(block, builder, code_text=False, plain=plain)
        if builder.is_empty():
            return None
        return builder.paragraph(loc)

    def definition(self, definition: _Def, blocks: list[_Block]) -> None:
        builder = TextBuilder()
        for block in blocks:
            self.block_into(block, builder, code_text=True)
        for label, loc in definition.labels[:-1]:
            self.notes.append((loc, Note(label, "", loc, _FOOTNOTE_KIND)))
        label, loc = definition.labels[-1]
        self.notes.append((loc, builder.note(label, loc, _FOOTNOTE_KIND)))

    def sorted_notes(self) -> tuple[Note, ...]:
        order = sorted(range(len(self.notes)), key=lambda i: (self.notes[i][0].line, i))
        return tuple(self.notes[i][1] for i in order)


def _read(text: str, path: str) -> Document:
    text = _NEWLINES.sub("\n", text).replace("\x00", "\ufffd")
    text, metadata = _front_matter(text)
    n_lines = text.count("\n") + 1
    main = _Source(text, list(range(1, n_lines + 1)), [0] * n_lines)
    refs: dict[str, Any] = {}
    defs: list[_Def] = []
    body_blocks = _blocks(_block_parse(main, refs), main, defs)
    def_blocks: list[tuple[_Def, list[_Block]]] = []
    i = 0
    while i < len(defs):  # definitions found inside definitions join the queue
        definition = defs[i]
        body = definition.body
        if _SIMPLE_BODY.fullmatch(body.text):  # one plain paragraph: no block parse needed
            sub = [_Block("para", body, 0, body.text.strip())] if body.text.strip() else []
        else:
            sub = _blocks(_block_parse(body, refs), body, defs)
        def_blocks.append((definition, sub))
        i += 1

    if defs or "[^" in text or "^[" in text:
        reader = _Reader(refs)
        paragraphs = [p for b in body_blocks if (p := reader.paragraph(b)) is not None]
        for definition, sub in def_blocks:
            reader.definition(definition, sub)
        if defs or reader.marker_seen:
            return Document(
                path, FORMAT, tuple(paragraphs), reader.sorted_notes(), metadata=metadata
            )
    return _read_plain(path, body_blocks, refs, metadata)


# --- the plain [N] convention ---------------------------------------------------------

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
        return _is_ref(refs, label)

    def spans(content: str) -> list[MarkerSpan]:
        probe = _probe(content)
        found: list[MarkerSpan] = []
        for span in find_markers(probe):
            start, end = span.start, span.end
            if probe[start] == "[":
                after = probe[end : end + 1]
                inner = content[start + 1 : end - 1].strip()
                if after == "(":
                    dest = _DEST.match(content, end)
                    if dest is None or not content[end + 1 : dest.end()].lstrip().startswith("#"):
                        continue  # [1](http://...) is a link
                    end = dest.end()
                elif after == "[":
                    ref = _REFLABEL.match(content, end)
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


def _note_starts(block: _Block) -> list[tuple[int, str, int]]:
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


def _opens_with_note(block: _Block) -> bool:
    """Whether a block starts a note: an ordered list item, or a line such as `[1] ...`."""
    if block.item is not None:
        return True
    if block.kind not in ("para", "html"):
        return False
    starts = _note_starts(block)
    return bool(starts) and starts[0][0] == 0


def _note_starts_in(block: _Block) -> bool:
    return block.kind in ("para", "html") and bool(_note_starts(block))


def _is_heading_block(block: _Block) -> bool:
    if block.kind == "heading":
        return True
    return block.kind == "para" and "\n" not in block.content.strip()


def _read_plain(
    path: str, blocks: list[_Block], refs: Mapping[str, Any], metadata: dict[str, str]
) -> Document:
    """The Word-converted convention: `[N]`/superscript markers, a numbered list of notes."""
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

    reader = _Reader(refs)
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
        locator = _Locator(block.source, block.first, block.content, inline=block.kind != "html")
        if starts[0][0] > 0 and notes:  # lines before the first note line continue the last
            head = block.content[: starts[0][0]]
            reader._scan_into(notes[-1].builder, _Scanner(head, locator, refs))
        for k, (line_off, label, text_off) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else len(block.content)
            piece = block.content[text_off:end]
            builder = TextBuilder()
            reader._scan_into(builder, _Scanner(piece, _Shifted(locator, text_off), refs))
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
        reader = _Reader(refs)
        paragraphs = [p for b in blocks if (p := reader.paragraph(b, spans)) is not None]
        notes = []
    result = [n.builder.note(n.label, n.location, _PLAIN_KIND) for n in notes]
    result.extend(note for _, note in reader.notes)
    return Document(path, FORMAT, tuple(paragraphs), tuple(result), metadata=metadata)


def parse(data: bytes, path: str) -> Document:
    """Read a Markdown report; `DocumentError` for input it cannot read.

    Call it through `parsers.parse`, which turns a reader's bug into one line too.
    """
    return _read(decode(data), path)
