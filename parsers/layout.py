"""How a plain-text file is laid out: its prose indent, its code examples, its page furniture.

Old plain-text PEPs indent all their prose by four spaces, RFCs by three, with the
section headings flush left; a references section is then a heading, and under it
`    [1] Title` with the URL on a deeper line. `TextLines` takes the prose indent off
every line (keeping each character's column in the source), so that the plain
convention (`plain`) reads such a document as it reads a flush-left report: the
`References` heading, its notes, and what follows them (Copyright, an Emacs "Local
Variables" trailer) as neither body nor notes.

A code example is not prose: a block indented deeper than the prose, after a blank
line, is code when its lines look like code (`print >>a [1], 2`: the `[1]` is a
subscript, not a marker); its lines are `literal`, text without markers. Code needs
code syntax (an operator, a call, an assignment, a prompt): an English word that is
also a keyword ("from our cradles") or verse ending in ";" is only a hint. An indented
quotation or verse (`    Quahbet, the beaver.[2]`) stays prose.

The prose indent is the one most long lines share; when code examples outnumber the
prose, the lines with code syntax are left out. A section under a flush-left notes
heading (`References`) has its own indent taken off, whatever the body's. RFC page
breaks (the `[Page 3]` footer, the form feed, the `RFC 2119` header after it) are
furniture, blank to the convention.

A few linear passes over the lines, with compiled regexes matched on long lines and
the lines of indented blocks only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Location

from .lines import Lines
from .marks import is_notes_heading

__all__ = ["TextLines", "prose_indent"]

# The prose indent is read from lines at least this long...
_PROSE_LINE = 40
# ...not spaced out in columns...
_COLUMNS = "   "
# ...and only an indent of at most this many spaces, shared by most of them.
_MAX_PROSE_INDENT = 8
_TAB_WIDTH = 8

# Code syntax: an operator, a call, an assignment, a prompt opening the line, a brace
# ending it, a statement a keyword opens (`for x in s:`, `import os`, `print 1,`).
# Prose (verse, a quotation, a word list) has none of these, even a line ending in a
# colon; every alternative is linear.
_CODE_SYNTAX = pattern_store.compile(
    r">>|<<|==|!=|<=|>=|->|=>|:=|[-+*/%|&^]=|&&|\|\|"
    r"|(?<!\w)[A-Za-z_]\w*+\([^()\n]*+\)"
    r"|^(?:>>>|\$|//)(?:[ \t]|$)"
    r"|^[A-Za-z_][\w.]*+[ \t]*+=[ \t]*+\S"
    r"|[{}][ \t]*+$"
    r"|^(?:def|class|if|elif|else|for|while|try|except|finally|with)\b[^\n]*+(?<=:)$"
    r"|^(?:from[ \t]++[\w.]++[ \t]++)?+import[ \t]++[\w.]++(?:[ \t]*+,[ \t]*+[\w.]++)*+$"
    r"|^print[ \t]++[\d\"'\[(]"
)
# A hint of code that prose has too: a keyword opening the line ("from our cradles"),
# a ';' ending it (verse). It counts only in a block that has code syntax as well.
_CODE_HINT = pattern_store.compile(
    r"^(?:def|class|import|from|return|print|if|elif|else|for|while|try|except|finally"
    r"|with|raise|var|let|const|function|public|private|static|void|int|char)\b"
    r"|;[ \t]*+$"
)
_PAGE_FOOTER = pattern_store.compile(r"\[Page \d++\][ \t]*+$")
_PAGE_HEADER = pattern_store.compile(r"RFC \d++ ")


def _indent(line: str) -> int:
    """The column of a line's first character, a tab counting to the next multiple of 8."""
    column = 0
    for char in line:
        if char == " ":
            column += 1
        elif char == "\t":
            column = (column // _TAB_WIDTH + 1) * _TAB_WIDTH
        else:
            break
    return column


def _is_blank(line: str) -> bool:
    return not line or line.isspace()


def prose_indent(lines: Sequence[str]) -> int:
    """How far the prose is indented: the indent that most long lines of text share.

    0 for a flush-left report; 4 for an old PEP, 3 for an RFC. Short lines (headings)
    and lines spaced out in columns (an RFC's page header and footer) do not count.
    When no indent is shared by most long lines (a PEP whose code examples outnumber
    its prose), the lines with code syntax are left out and the rest decide.
    """
    shared = _shared_indent(_long_line_indents(lines, code=True))
    if shared is None:
        shared = _shared_indent(_long_line_indents(lines, code=False))
    return shared or 0


def _long_line_indents(lines: Sequence[str], code: bool) -> Counter[int]:
    """How many long lines of text have each indent (lines with code syntax only if `code`)."""
    indents: list[int] = []
    search = _CODE_SYNTAX.search
    for line in lines:
        if len(line) >= _PROSE_LINE:
            text = line.lstrip(" ") if line[0] == " " else line
            if (
                text
                and not text[0].isspace()
                and _COLUMNS not in text
                and (code or search(text) is None)
            ):
                indents.append(len(line) - len(text))
    return Counter(indents)  # counted in the order first seen, as one by one


def _shared_indent(counts: Counter[int]) -> int | None:
    """The indent more than half of the counted lines share (0 when it is deeper than a
    prose indent goes, or nothing was counted); None when no indent is shared so widely."""
    if not counts:
        return 0
    indent, count = counts.most_common(1)[0]
    if count * 2 <= sum(counts.values()):
        return None
    return indent if indent <= _MAX_PROSE_INDENT else 0


def _code_blocks(lines: Sequence[str], prose: int) -> list[range]:
    """The blocks indented deeper than the prose, after a blank line, that look like code."""
    found: list[range] = []
    n = len(lines)
    i = 1
    while i < n:
        line = lines[i]
        first = line[:1]
        # Only a line opening with a space or a tab is indented at all: the cheap test first.
        if not (
            (first == " " or first == "\t")
            and _is_blank(lines[i - 1])
            and not line.isspace()
            and _indent(line) > prose
        ):
            i += 1
            continue
        end = i
        last = i  # the last non-blank line of the block
        while end < n and (_is_blank(lines[end]) or _indent(lines[end]) > prose):
            if not _is_blank(lines[end]):
                last = end
            end += 1
        block = range(i, last + 1)
        if _looks_like_code(lines, block):
            found.append(block)
        i = last + 1
    return found


def _looks_like_code(lines: Sequence[str], block: range) -> bool:
    """Whether `block` is code: some line has code syntax, and most lines look like code
    (syntax or a hint), or at least two do after a line ending in ':'."""
    syntax = hints = texts = 0
    for k in block:
        text = lines[k].strip()
        if not text:
            continue
        texts += 1
        if _CODE_SYNTAX.search(text) is not None:
            syntax += 1
        elif _CODE_HINT.search(text) is not None:
            hints += 1
    if not syntax:
        return False
    code = syntax + hints
    if code * 2 > texts:
        return True
    before = block.start - 1
    while before > 0 and _is_blank(lines[before]):
        before -= 1
    return code >= 2 and lines[before].rstrip().endswith(":")


def _page_furniture(lines: Sequence[str]) -> list[int]:
    """The lines that are RFC page furniture (a footer, or the header after a form feed)."""
    joined = "\n".join(lines)  # one search of the text spares two per line in most files
    if "[Page " not in joined and "\f" not in joined:
        return []
    marked = [i for i, line in enumerate(lines) if "[Page " in line or "\f" in line]
    candidates = sorted({k for i in marked for k in (i, i + 1) if k < len(lines)})
    return [k for k in candidates if _is_page_furniture(lines, k)]


def _is_page_furniture(lines: Sequence[str], index: int) -> bool:
    """An RFC page footer ("Bradner   Best Current Practice   [Page 3]") or the header
    line after a form feed ("RFC 2119   Key words   March 1997")."""
    line = lines[index]
    if "[Page " in line and _PAGE_FOOTER.search(line) is not None:
        return True
    return (
        index > 0 and "\f" in lines[index - 1] and _PAGE_HEADER.match(line.lstrip("\f")) is not None
    )


def _dedent_notes_sections(texts: list[str], shift: list[int]) -> None:
    """Take off the indent of each section under a flush-left notes heading, in place.

    `References` flush left and `    [1] Title` under it are notes whatever the body's
    indent: a PEP whose code examples outnumber its prose, a flush-left report that
    indents its references.
    """
    above = -1  # the last non-blank line, while it is flush left
    for i, line in enumerate(texts):
        first = line[:1]
        if first > " ":  # a flush-left line (a heading, perhaps)
            above = i
        elif first == " ":
            if above >= 0 and not line.isspace():
                if is_notes_heading(texts[above]):
                    _dedent_section(texts, shift, i)
                above = -1
        elif first == "\t":
            above = -1


def _dedent_section(texts: list[str], shift: list[int], start: int) -> None:
    """Take off the smallest indent of the indented lines from `start` on, in place."""
    end = start
    while end < len(texts) and (_is_blank(texts[end]) or texts[end][0] == " "):
        end += 1
    section = [k for k in range(start, end) if not _is_blank(texts[k])]
    depth = min(len(texts[k]) - len(texts[k].lstrip(" ")) for k in section)
    if depth <= _MAX_PROSE_INDENT:
        for k in section:
            texts[k] = texts[k][depth:]
            shift[k] += depth


class TextLines(Lines):
    """A plain-text file's lines with the prose indent taken off and code marked literal.

    `texts[i]` is line i as the convention reads it; `shift[i]` is how many leading
    characters were taken off it, so that columns still point into the source.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        prose = prose_indent(lines)
        texts = list(lines)
        self.shift = [0] * len(texts)
        if prose:
            for i, line in enumerate(texts):
                taken = min(prose, len(line) - len(line.lstrip(" ")))
                if taken:
                    texts[i] = line[taken:]
                    self.shift[i] = taken
        _dedent_notes_sections(texts, self.shift)
        for i in _page_furniture(lines):
            texts[i] = ""
        super().__init__(texts)
        self.literal = frozenset(k for block in _code_blocks(lines, prose) for k in block)

    def location(self, index: int, offset: int = 0) -> Location:
        return Location(index + 1, offset + self.shift[index] + 1)
