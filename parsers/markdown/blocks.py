"""The block pass: markdown-it-py's block parser alone, and the blocks with text it finds.

No inline pass is run: `parsers.markdown.inline` reads each block's text. The parser
is the "commonmark" preset with tables and the two rules of `block_rules`, made once
on first use (importing markdown-it-py is left until a Markdown file is read).
`read_blocks` gives a source's blocks in order and collects the footnote definitions
found; link reference definitions go to the `refs` it is given, keyed by
markdown-it's normalised label.

Only markdown-it-py's public API is used. It is tested from 2.1 (the first release
that does not pin attrs below 22, which the test tools need) to 4.3; before 4.3,
markdown-it itself reads some rare input otherwise: table cells trimmed
of U+001C-U+001F and U+0085, a lower-case `<!doctype` not an HTML block, and link
labels holding those characters keyed as if they were spaces.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from .block_rules import ENV_SOURCE, footnote_definition, plain_paragraph
from .source import Block, Definition, Source

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# The env key under which markdown-it collects link reference definitions.
_ENV_REFS = "references"
# HTML blocks whose text is not read: comments, processing instructions, declarations,
# and script, style, pre and textarea elements.
_SKIP_HTML_BLOCK = ("<!--", "<script", "<style", "<pre", "<textarea", "<?", "<!")

_MD: MarkdownIt | None = None
# The environment variable that turns the pyromark pass off for a whole run.
BLOCK_PARSER_VARIABLE = "FOOTCHECK_MARKDOWN_PARSER"
_PYROMARK: Callable[[Source, dict[str, Any], list[Definition]], list[Block] | None] | None = None


def _markdown_it() -> MarkdownIt:
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark", {"maxNesting": 20}).enable("table")
        md.block.ruler.before(
            "table",
            "footcheck_footnote",
            footnote_definition,
            {"alt": ["paragraph", "reference", "blockquote", "list"]},
        )
        # Tried right after the table rule, and a terminator of nothing (no "alt"):
        # see plain_paragraph.
        md.block.ruler.after("table", "footcheck_paragraph", plain_paragraph)
        _MD = md
    return _MD


def _block_parse(source: Source, refs: dict[str, Any]) -> list[Token]:
    md = _markdown_it()
    env: dict[str, Any] = {_ENV_REFS: refs, ENV_SOURCE: source}
    tokens: list[Token] = []
    md.block.parse(source.text, md, env, tokens)
    return tokens


def _blocks(tokens: Iterable[Token], source: Source, defs: list[Definition]) -> list[Block]:
    """The blocks with text, in order; definitions found go to `defs`."""
    blocks: list[Block] = []
    lists: list[bool] = []
    numbers: list[int] = []  # the next number of each open ordered list
    pending: str | None = None
    pending_end: int | None = None  # the end line of a list item opened, until its first block
    row: list[tuple[str, int]] | None = None
    row_line = 0
    heading = 0  # the rank of the heading being read, or 0
    for tok in tokens:
        kind = tok.type
        if kind == "inline":
            first = tok.map[0] if tok.map else 0
            if row is not None:
                row.append((tok.content, first))
            else:
                blocks.append(
                    Block(
                        "heading" if heading else "para",
                        source,
                        first,
                        tok.content,
                        item=pending,
                        item_end=pending_end,
                        level=heading,
                    )
                )
                pending = None
                pending_end = None
        elif kind == "paragraph_open":
            heading = 0
        elif kind == "heading_open":
            heading = int(tok.tag[1:])
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
            pending = None
            pending_end = tok.map[1] if tok.map else None
            if lists and lists[-1] and numbers:
                pending = str(numbers[-1])
                numbers[-1] += 1
        elif kind == "tr_open":
            row = []
            row_line = tok.map[0] if tok.map else 0
        elif kind == "tr_close":
            if row is not None:
                blocks.append(Block("row", source, row_line, "", cells=row))
            row = None
        elif kind in ("code_block", "fence"):
            first = tok.map[0] if tok.map else 0
            blocks.append(Block("code", source, first, tok.content))
        elif kind == "html_block":
            if not tok.content.lstrip().lower().startswith(_SKIP_HTML_BLOCK):
                first = tok.map[0] if tok.map else 0
                blocks.append(Block("html", source, first, tok.content))
        elif kind == "footcheck_footnote":
            defs.append(tok.meta["def"])
    return blocks


def read_blocks_markdown_it(
    source: Source, refs: dict[str, Any], defs: list[Definition]
) -> list[Block]:
    """The blocks of `source` with text, in order, by markdown-it; definitions go to `defs`."""
    return _blocks(_block_parse(source, refs), source, defs)


def pyromark_wanted() -> bool:
    """Whether the pyromark pass may read (FOOTCHECK_MARKDOWN_PARSER does not say markdown-it)."""
    return os.environ.get(BLOCK_PARSER_VARIABLE, "").strip().lower() != "markdown-it"


def _pyromark_pass() -> Callable[[Source, dict[str, Any], list[Definition]], list[Block] | None]:
    """The pyromark pass, or a pass that always declines (no pyromark, or it is turned off)."""
    global _PYROMARK
    if _PYROMARK is None:
        _PYROMARK = _decline
        if pyromark_wanted():
            try:
                import pyromark  # noqa: F401  (only whether it imports)
            except ImportError:  # no wheel for this platform: markdown-it reads everything
                pass
            else:
                from . import pyromark_blocks

                _PYROMARK = pyromark_blocks.read_blocks
    return _PYROMARK


def _decline(source: Source, refs: dict[str, Any], defs: list[Definition]) -> None:
    return None


def read_blocks(source: Source, refs: dict[str, Any], defs: list[Definition]) -> list[Block]:
    """The blocks of `source` with text, in order; definitions found go to `defs`.

    By the pyromark pass where it can, else by markdown-it's.
    """
    blocks = _pyromark_pass()(source, refs, defs)
    if blocks is None:
        blocks = read_blocks_markdown_it(source, refs, defs)
    return blocks
